//! Helpers for the checker's tests: projects made from fixtures, and findings as a
//! reader sees them (rule, file:line:column).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use safeguarding_report::check::{self, Criterion, Report, Status};
use safeguarding_report::{Error, Severity, run_check};

use crate::common::*;

/// Copies every file under `from` into `to`, replacing what is there.
pub fn overlay(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            overlay(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// A copy of a fixture under tests/fixtures/check.
pub fn project(name: &str) -> PathBuf {
    copy_project(&fixture("check").join(name), &name.replace('/', "-"))
}

/// A copy of the shipped example (report.yaml and content/).
pub fn example() -> PathBuf {
    let to = scratch("example");
    std::fs::copy(root().join("report.yaml"), to.join("report.yaml")).unwrap();
    std::fs::create_dir_all(to.join("content")).unwrap();
    overlay(&root().join("content"), &to.join("content"));
    if root().join("book.toml").exists() {
        std::fs::copy(root().join("book.toml"), to.join("book.toml")).unwrap();
    }
    to
}

/// Checks a project with the library, insisting it could run.
pub fn check(project: &Path) -> Report {
    check_with(project, &check::Options::default())
}

pub fn check_with(project: &Path, options: &check::Options) -> Report {
    match run_check(project, options) {
        Ok(r) => r,
        Err(Error::Input(f)) => panic!("check could not run:\n{}", f.render(false)),
        Err(e) => panic!("check could not run: {e}"),
    }
}

/// `file:line:column` of each finding of a rule.
pub fn positions(report: &Report, rule: &str) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.code == rule)
        .map(|d| d.location(&report.sources))
        .collect()
}

pub fn criterion<'a>(report: &'a Report, id: &str) -> &'a Criterion {
    report
        .criteria
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no criterion {id} in the matrix"))
}

pub fn status(report: &Report, id: &str) -> Status {
    criterion(report, id).status
}

/// The severity of a rule's finding, if there is one.
pub fn severity(report: &Report, rule: &str) -> Option<Severity> {
    report
        .diagnostics
        .iter()
        .find(|d| d.code == rule)
        .map(|d| d.severity)
}

/// Replaces `from` with `to` in a file of a project, insisting it was there.
pub fn change(project: &Path, file: &str, from: &str, to: &str) {
    edit(&project.join(file), from, to);
}
