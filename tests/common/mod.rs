//! Helpers shared by the integration tests: copies of fixture projects, running the
//! command line, and reading PDFs (see [`pdf`]) as a reader's tools would.

#![allow(dead_code)]

pub mod bounded;
pub mod pdf;
pub mod serving;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// A fresh, empty folder under the target directory, unique to this call.
pub fn scratch(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "{name}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Copies a project (without any build output) into a scratch folder.
pub fn copy_project(from: &Path, name: &str) -> PathBuf {
    let to = scratch(name);
    copy_dir(from, &to);
    to
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        // Not part of a report project: build output, the fuzzers' folder (whose
        // corpora change while a fuzzer runs), version control.
        if ["build", "target", "fuzz", ".git"]
            .iter()
            .any(|n| name == *n)
        {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(&name));
        } else {
            std::fs::copy(&path, to.join(&name)).unwrap();
        }
    }
}

/// Runs the command line with these arguments.
///
/// Without cargo's `CARGO` variable, which `cargo test` passes down: as from a
/// user's terminal, so the messages name the command as she would type it, not
/// `cargo run` (src/invocation.rs).
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_safeguarding-report"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("CARGO")
        .output()
        .expect("the binary runs")
}

/// Runs the command line from the working directory `cwd`, as a user in a terminal
/// there would, so relative paths in `args` are taken from `cwd`.
pub fn run_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_safeguarding-report"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("CARGO")
        .output()
        .expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// Runs `build` on `project` with the output in `out`.
pub fn run_build(project: &Path, out: &Path) -> Output {
    run(&[
        "build",
        "--project",
        project.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

/// Runs `build --draft` on `project` with the output in `out`: a report with
/// error-level findings, built anyway and marked DRAFT.
pub fn run_draft_build(project: &Path, out: &Path) -> Output {
    run(&[
        "build",
        "--draft",
        "--project",
        project.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

/// Runs `new DIR` in `cwd` for a partnership the tests make up, reporting on `period`
/// (`2023-04-01..2024-03-31`).
pub fn new_project(cwd: &Path, dir: &str, period: &str) -> Output {
    run_in(
        cwd,
        &[
            "new",
            dir,
            "--partnership",
            "Testshire Safeguarding Children Partnership",
            "--short-name",
            "TSCP",
            "--period",
            period,
        ],
    )
}

/// Builds `project` into `out` and insists it worked.
pub fn build(project: &Path, out: &Path) -> Output {
    let o = run_build(project, out);
    assert!(
        o.status.success(),
        "build failed:\n{}\n{}",
        stdout(&o),
        stderr(&o)
    );
    o
}

/// The PDF's text, in the order its pages draw it.
pub fn pdf_text_of(pdf: &Path) -> String {
    pdf::Pdf::open(pdf).text()
}

/// Every file under a folder with its bytes, for comparing two states of it.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push((
                    path.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                ));
            }
        }
    }
    files.sort();
    files
}

/// Collapses runs of white space, so text split across lines by a layout compares.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        text.contains(from),
        "{} does not contain {from:?}",
        path.display()
    );
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// A symbolic link at `link` to `target`, for the tests of links out of a project.
/// Unix: run here by every `cargo test`.
#[cfg(unix)]
pub fn symlink(
    target: impl AsRef<std::path::Path>,
    link: impl AsRef<std::path::Path>,
) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

/// Windows makes a link to a folder and one to a file in two ways; a relative
/// target is read from the link's folder. Compiled by `cargo check --target
/// x86_64-pc-windows-gnu --lib --bins --tests`, run by the release workflow's Windows job
/// (its runner may make links).
#[cfg(windows)]
pub fn symlink(
    target: impl AsRef<std::path::Path>,
    link: impl AsRef<std::path::Path>,
) -> std::io::Result<()> {
    let (target, link) = (target.as_ref(), link.as_ref());
    let resolved = link
        .parent()
        .map_or(target.to_path_buf(), |p| p.join(target));
    if resolved.is_dir() {
        std::os::windows::fs::symlink_dir(target, link)
    } else {
        std::os::windows::fs::symlink_file(target, link)
    }
}
