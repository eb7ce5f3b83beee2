//! Checking many reports at once: the national picture a reviewer needs (the Child
//! Safeguarding Practice Review Panel, a regional group of scrutineers, a researcher
//! repeating a reading of many partnerships' reports).
//!
//! [`gather`] turns the paths given into reports (a folder of report files is each of
//! its files; a folder holding `index.html` stays one web edition; a folder with
//! `report.yaml` one project). [`check_all`] checks them in parallel, one per core,
//! keeping of each only its [`Row`] (and, when asked, writing its evaluation page as
//! soon as it is checked), so memory does not grow with the number of reports. A
//! report that cannot be read is a row with its reason, never the end of the run.
//! [`table`] writes the whole table as HTML, CSV or JSON.

pub mod table;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::check::evaluation::{self, Evaluation, Quoted, Source};
use crate::check::{self, Report, Status};
use crate::diagnostic::Severity;
use crate::read;

/// The extensions of report files a folder is read for.
const REPORT_EXTENSIONS: [&str; 7] = ["docx", "pdf", "html", "htm", "md", "txt", "markdown"];

/// One report of the run: what was found in it, or why it could not be read.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The file's (or folder's) name, as given or as found in the folder.
    pub file: String,
    #[serde(skip)]
    pub path: PathBuf,
    #[serde(flatten)]
    pub outcome: Outcome,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "outcome", rename_all = "lowercase")]
pub enum Outcome {
    Checked(Checked),
    /// The report could not be read: the reason, as `check FILE` gives it.
    Unreadable {
        reason: String,
    },
}

/// What one report's check found, kept small.
#[derive(Debug, Clone, Serialize)]
pub struct Checked {
    pub partnership: String,
    pub period: String,
    /// The edition judged against.
    pub edition: String,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub criteria: Vec<Cell>,
    /// Whether the report fails at the level asked (`--fail-on`).
    #[serde(skip)]
    pub fails: bool,
}

/// One criterion of one report.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub id: String,
    pub status: Status,
    /// Where the evidence is, best first, quoted.
    pub evidence: Vec<Quoted>,
}

impl Checked {
    pub fn count(&self, status: Status) -> usize {
        self.criteria.iter().filter(|c| c.status == status).count()
    }
}

impl Row {
    /// The exit status this report asks for: 0, 1 with findings at the failing level,
    /// 2 when it could not be read.
    pub fn exit_status(&self) -> u8 {
        match &self.outcome {
            Outcome::Checked(c) if c.fails => 1,
            Outcome::Checked(_) => 0,
            Outcome::Unreadable { .. } => 2,
        }
    }

    /// The line `check` prints for the report.
    pub fn line(&self) -> String {
        match &self.outcome {
            Outcome::Checked(c) => {
                let or = |s: &str, what: &str| {
                    if s.is_empty() {
                        format!("({what} not found)")
                    } else {
                        s.to_string()
                    }
                };
                format!(
                    "{}: {}, {}; {}: {} met, {} partial, {} missing; {} error{}, {} warning{}",
                    self.file,
                    or(&c.partnership, "partnership"),
                    or(&c.period, "period"),
                    c.edition,
                    c.count(Status::Met),
                    c.count(Status::Partial),
                    c.count(Status::Missing),
                    c.errors,
                    if c.errors == 1 { "" } else { "s" },
                    c.warnings,
                    if c.warnings == 1 { "" } else { "s" },
                )
            }
            Outcome::Unreadable { reason } => {
                format!("{}: could not be read: {reason}", self.file)
            }
        }
    }
}

/// The reports the paths name: each file; a folder's report files and web editions
/// (in name order); a folder holding index.html or report.yaml is one report. Also
/// the names of files in the folders that are not reports, to say they were left out.
pub fn gather(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut reports = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        if !path.is_dir() || is_one_report(path) {
            reports.push(path.clone());
            continue;
        }
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(dir) => dir.filter_map(Result::ok).map(|e| e.path()).collect(),
            Err(_) => {
                // Unreadable: checking it says why, as a row.
                reports.push(path.clone());
                continue;
            }
        };
        entries.sort();
        for entry in entries {
            let name = entry
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.starts_with('.') {
                continue;
            }
            let report_file = entry
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
            if (entry.is_dir() && is_one_report(&entry)) || (entry.is_file() && report_file) {
                reports.push(entry);
            } else {
                skipped.push(name);
            }
        }
    }
    (reports, skipped)
}

/// Whether a folder is one report: a web edition (index.html) or a project
/// (report.yaml).
pub fn is_one_report(dir: &Path) -> bool {
    dir.join("index.html").is_file() || dir.join("report.yaml").is_file()
}

/// What to do with each report besides summarising it.
pub struct Options<'a> {
    pub check: check::Options,
    pub fail_on: Severity,
    /// Where to write each report's evaluation page (`NAME.html`), if anywhere.
    pub evaluations: Option<&'a Path>,
    /// The reviewer named in each evaluation page.
    pub reviewer: Option<String>,
    /// Called as each report is done.
    pub done: &'a (dyn Fn() + Sync),
}

/// Checks every report, in parallel on every core; rows in the order given. A bug
/// the tool meets in one report makes that report's row, not the end of the run.
pub fn check_all(reports: &[PathBuf], options: &Options) -> Vec<Row> {
    let names = names(reports);
    reports
        .par_iter()
        .zip(names)
        .map(|(path, name)| {
            let row = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                check_one(path, name.clone(), options)
            }))
            .unwrap_or_else(|_| Row {
                file: name,
                path: path.to_path_buf(),
                outcome: Outcome::Unreadable {
                    reason: "the tool stopped on this report because of a bug in the tool, not in the report (the message above says what failed)".to_string(),
                },
            });
            (options.done)();
            row
        })
        .collect()
}

/// Each report's name as its row shows it (and its evaluation page is named): the
/// file's (or folder's) name, or where two share a name, its path as given.
fn names(reports: &[PathBuf]) -> Vec<String> {
    let name_of = |path: &PathBuf| {
        path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        )
    };
    let names: Vec<String> = reports.iter().map(name_of).collect();
    names
        .iter()
        .zip(reports)
        .map(|(name, path)| {
            if names.iter().filter(|n| *n == name).count() > 1 {
                path.display().to_string()
            } else {
                name.clone()
            }
        })
        .collect()
}

/// Checks one report, named `file` in its row, and keeps its row; writes its
/// evaluation page when asked.
fn check_one(path: &Path, file: String, options: &Options) -> Row {
    let result = if path.join("report.yaml").is_file() {
        crate::run_check(path, &options.check)
    } else {
        crate::check_file(path, &read::Overrides::default(), &options.check)
    };
    let outcome = match result {
        Ok(report) => {
            if let Some(dir) = options.evaluations {
                let evaluation =
                    Evaluation::new(&report, &Source::of(path, options.reviewer.clone()));
                if let Err(e) = evaluation::write(&evaluation, &dir.join(page_name(&file))) {
                    eprintln!("warning: {e}");
                }
            }
            Outcome::Checked(summarise(&report, options.fail_on))
        }
        Err(e) => Outcome::Unreadable { reason: reason(&e) },
    };
    Row {
        file,
        path: path.to_path_buf(),
        outcome,
    }
}

/// The name of a report's evaluation page: its name with `.html` added, a path's
/// separators made underscores so the page stays in its folder.
pub fn page_name(file: &str) -> String {
    let flat = file.replace(['/', '\\'], "_");
    format!("{}.html", flat.trim_start_matches(['_', '.']))
}

fn summarise(report: &Report, fail_on: Severity) -> Checked {
    Checked {
        partnership: report.subject.partnership.clone(),
        period: report.subject.period.clone(),
        edition: report.guidance.title().to_string(),
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        infos: report.count(Severity::Info),
        criteria: evaluation::rows(report)
            .into_iter()
            .map(|r| Cell {
                id: r.id,
                status: r.status,
                evidence: r.evidence,
            })
            .collect(),
        fails: report.fails(fail_on),
    }
}

/// Why a report could not be checked, in one line: the readers' messages name the
/// file first, which the row already does.
fn reason(error: &crate::Error) -> String {
    match error {
        crate::Error::Input(failure) => failure
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// For each criterion id, in the order the reports list them: how many reports meet
/// it, partly meet it and miss it.
pub fn picture(rows: &[Row]) -> Vec<(String, [usize; 3])> {
    let mut out: Vec<(String, [usize; 3])> = Vec::new();
    for row in rows {
        let Outcome::Checked(c) = &row.outcome else {
            continue;
        };
        for cell in &c.criteria {
            let i = match out.iter().position(|(id, _)| *id == cell.id) {
                Some(i) => i,
                None => {
                    out.push((cell.id.clone(), [0; 3]));
                    out.len() - 1
                }
            };
            let k = match cell.status {
                Status::Met => 0,
                Status::Partial => 1,
                Status::Missing => 2,
            };
            out[i].1[k] += 1;
        }
    }
    // Each edition's criteria together, in the guidance's order.
    out.sort_by_key(|(id, _)| {
        check::rules()
            .iter()
            .position(|r| r.id == *id)
            .unwrap_or(usize::MAX)
    });
    out
}

/// The picture as text: one line per criterion.
pub fn picture_text(rows: &[Row]) -> String {
    let picture = picture(rows);
    let checked = rows
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Checked(_)))
        .count();
    let unreadable = rows.len() - checked;
    let mut out = format!(
        "Across {checked} report{} checked{}:\n",
        if checked == 1 { "" } else { "s" },
        if unreadable > 0 {
            format!(" ({unreadable} more could not be read)",)
        } else {
            String::new()
        }
    );
    let width = picture
        .iter()
        .map(|(id, _)| id.len())
        .max()
        .unwrap_or(9)
        .max(9);
    out.push_str(&format!(
        "  {:<width$}  {:>5}  {:>7}  {:>7}\n",
        "criterion", "met", "partial", "missing"
    ));
    for (id, [met, partial, missing]) in &picture {
        out.push_str(&format!(
            "  {id:<width$}  {met:>5}  {partial:>7}  {missing:>7}\n"
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_reports_of_one_name_are_told_apart_by_their_paths() {
        let reports = [
            PathBuf::from("north/report.pdf"),
            PathBuf::from("south/report.pdf"),
            PathBuf::from("east.docx"),
        ];
        assert_eq!(
            names(&reports),
            ["north/report.pdf", "south/report.pdf", "east.docx"]
        );
        assert_eq!(page_name("north/report.pdf"), "north_report.pdf.html");
        assert_eq!(page_name("../up/report.pdf"), "up_report.pdf.html");
    }
}
