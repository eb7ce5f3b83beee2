#![no_main]
//! A section of the shipped example (the police contribution, which uses figures
//! from data sets) with its body replaced by the input, shielded from the
//! template engine so that the Markdown stage alone sees it.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    safeguarding_report::fuzzing::example_section_body(text, true);
});
