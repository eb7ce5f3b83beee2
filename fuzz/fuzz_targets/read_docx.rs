#![no_main]
//! A Word document's bytes (a zip of XML parts), read as `check FILE` reads a .docx,
//! then checked.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| safeguarding_report::fuzzing::read_docx(bytes));
