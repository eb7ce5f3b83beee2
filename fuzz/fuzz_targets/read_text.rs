#![no_main]
//! A text file's bytes, read as `check FILE` reads it, then checked: the first byte
//! chooses plain text (even) or Markdown (odd).

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| safeguarding_report::fuzzing::read_text(bytes));
