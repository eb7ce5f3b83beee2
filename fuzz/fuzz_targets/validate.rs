#![no_main]
//! The whole `validate` on a project whose one section is the input.

use std::path::PathBuf;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

static PROJECT: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = std::env::temp_dir().join(format!("sr-fuzz-validate-{}", std::process::id()));
    safeguarding_report::fuzzing::one_section_project(&dir);
    dir
});

fuzz_target!(|text: &str| safeguarding_report::fuzzing::validate_section(&PROJECT, text));
