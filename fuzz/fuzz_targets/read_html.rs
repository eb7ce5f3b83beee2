#![no_main]
//! A web page's bytes, read as `check FILE` reads a .html page, then checked.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| safeguarding_report::fuzzing::read_html(bytes));
