#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| safeguarding_report::fuzzing::front_matter(text));
