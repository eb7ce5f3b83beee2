#![no_main]
//! `import` of any bytes as a partner's Word document: converted as `import` converts
//! them, written nowhere. Panics if the conversion panics, or if a file it would write
//! lies outside the project's content/ folder or its section's front matter does not
//! load. Seeds: the .docx fixtures, and the small hostile documents fuzz/seed makes.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    safeguarding_report::fuzzing::import_docx(bytes);
});
