//! Output formats of `check`. Each takes a finished [`Report`] and knows nothing about
//! the rules that made it.
//!
//! - [`human`]: rustc-style diagnostics, the criteria matrix, a summary line, after
//!   what was [`inferred`] from a report read from a file;
//! - [`json`]: a documented, stable schema (`schemas/check-output.schema.json`);
//! - [`sarif`]: SARIF 2.1.0 for GitHub code scanning and other tools;
//! - [`github`]: GitHub Actions workflow commands, shown as annotations on a pull request.

pub mod github;
pub mod human;
pub mod inferred;
pub mod json;
pub mod sarif;

use std::path::{Path, PathBuf};

use super::Report;
use crate::diagnostic::Severity;

/// The formats `check --format` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "human" => Ok(Format::Human),
            "json" => Ok(Format::Json),
            "sarif" => Ok(Format::Sarif),
            "github" => Ok(Format::Github),
            other => Err(format!(
                "unknown format `{other}`: use human, json, sarif or github"
            )),
        }
    }
}

/// The report in a format, ready to print.
pub fn render(report: &Report, format: Format, fail_on: Severity, color: bool) -> String {
    match format {
        Format::Human => human::render(report, fail_on, color),
        Format::Json => json::render(report, fail_on),
        Format::Sarif => sarif::render(report),
        Format::Github => github::render(report, fail_on),
    }
}

/// The folder of the repository holding the project (the nearest parent with a
/// `.git`), or the project folder itself.
pub fn repo_root(project_root: &Path) -> PathBuf {
    let project = project_root
        .canonicalize()
        .unwrap_or_else(|_| project_root.to_path_buf());
    let mut dir = Some(project.as_path());
    while let Some(d) = dir {
        if d.join(".git").exists() {
            return d.to_path_buf();
        }
        dir = d.parent();
    }
    project
}

/// A project file's path from the repository's root, with forward slashes.
pub fn repo_path(report: &Report, file: &str) -> String {
    let project = report
        .root
        .canonicalize()
        .unwrap_or_else(|_| report.root.clone());
    let root = repo_root(&report.root);
    let prefix = project
        .strip_prefix(&root)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let joined = prefix.join(file);
    joined.to_string_lossy().replace('\\', "/")
}
