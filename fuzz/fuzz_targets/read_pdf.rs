#![no_main]
//! A PDF's bytes, read as `check FILE` reads a .pdf (page contents, fonts, the tag
//! tree), then checked.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| safeguarding_report::fuzzing::read_pdf(bytes));
