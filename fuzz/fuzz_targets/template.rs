#![no_main]
//! A section of the shipped example (the police contribution, which uses figures
//! from data sets) with its body replaced by the input: rendered by the
//! template engine with the example's data in scope, then parsed as Markdown.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    safeguarding_report::fuzzing::example_section_body(text, false);
});
