#![no_main]
//! A section of the shipped example (the police contribution, which uses figures
//! from data sets) with its body replaced by the input: rendered by the
//! template engine with the example's data in scope, then parsed as Markdown.

use std::sync::{LazyLock, Mutex};

use libfuzzer_sys::fuzz_target;
use safeguarding_report::Project;

static EXAMPLE: LazyLock<Mutex<(Project, usize)>> = LazyLock::new(|| {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let project = safeguarding_report::load::load(&root).expect("the example loads");
    let index = project
        .sections
        .iter()
        .position(|s| s.file.contains("police"))
        .expect("the example has a police contribution");
    Mutex::new((project, index))
});

fuzz_target!(|text: &str| {
    let mut example = EXAMPLE.lock().unwrap_or_else(|e| e.into_inner());
    let (project, index) = &mut *example;
    safeguarding_report::fuzzing::section_body(project, *index, text, false);
});
