//! JSON output, with a stable schema:
//!
//! ```text
//! {"diagnostics":[{"rule","severity","message","help","file","line","column","end_line","end_column","place","text"}],
//!  "criteria":[{"id","title","status":"met|partial|missing","evidence":[{"file","line","section","place"}],"reason","to_confirm"}],
//!  "summary":{"guidance","errors","warnings","infos","met","partial","missing","fail_on","failed"}}
//! ```
//!
//! Paths are relative to the project folder; lines and columns count from 1, columns
//! in characters; `end_column` is the column just after the span. The JSON Schema is
//! [`schema`], committed as `schemas/check-output.schema.json`.

use schemars::{JsonSchema, schema_for};
use serde::Serialize;

use super::super::{Criterion, Report, Status};
use crate::diagnostic::Severity;
use crate::model::Guidance;

/// Everything `check --format json` prints.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "safeguarding-report check output", deny_unknown_fields)]
pub struct Output {
    /// For a report read from a file (`check report.docx`): what was inferred from
    /// its text, how sure each inference is and where it was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<super::inferred::Inferences>,
    /// Every finding, sorted by file and position.
    pub diagnostics: Vec<JsonDiagnostic>,
    /// The criteria matrix, in the guidance's order.
    pub criteria: Vec<Criterion>,
    pub summary: Summary,
}

/// One finding.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct JsonDiagnostic {
    /// The rule's id: `safeguarding-report explain RULE` prints its documentation.
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Path from the project folder.
    pub file: String,
    /// From 1.
    pub line: usize,
    /// From 1, in characters.
    pub column: usize,
    pub end_line: usize,
    /// The column just after the span.
    pub end_column: usize,
    /// Where a person finds it: `file:line:column` in a text file, `report.docx:
    /// paragraph 412 (section "4 Funding")` in a Word document, `report.pdf: page 12,
    /// line 7` in a PDF (whose `line` and `column` count lines of the extracted text).
    pub place: String,
    /// The words the finding is about, as the report has them (at most 200
    /// characters; empty when the finding is about the report as a whole).
    pub text: String,
}

/// Counts, and whether the run failed.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Summary {
    /// The guidance pack the criteria were judged against.
    pub guidance: Guidance,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Criteria met, partly met and missing.
    pub met: usize,
    pub partial: usize,
    pub missing: usize,
    /// The `--fail-on` level.
    pub fail_on: Severity,
    /// Whether anything at or above `fail_on` was found (the exit status is then 1).
    pub failed: bool,
}

impl schemars::JsonSchema for Severity {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Severity".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "enum": ["error", "warning", "info"]
        })
    }
}

pub fn output(report: &Report, fail_on: Severity) -> Output {
    let diagnostics = report
        .diagnostics
        .iter()
        .map(|d| {
            let start = report.sources.line_col(&d.span.file, d.span.range.start);
            let end = report
                .sources
                .line_col(&d.span.file, d.span.range.end.max(d.span.range.start));
            JsonDiagnostic {
                rule: d.code.clone(),
                severity: d.severity,
                message: d.message.clone(),
                help: d.help.clone(),
                file: d.span.file.to_string(),
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                place: report.sources.place(&d.span.file, d.span.range.start),
                text: quoted(report, d),
            }
        })
        .collect();
    Output {
        document: report.inferred.clone(),
        diagnostics,
        criteria: report.criteria.clone(),
        summary: Summary {
            guidance: report.guidance,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            infos: report.count(Severity::Info),
            met: report.status_count(Status::Met),
            partial: report.status_count(Status::Partial),
            missing: report.status_count(Status::Missing),
            fail_on,
            failed: report.fails(fail_on),
        },
    }
}

/// The words under a finding's span, whitespace collapsed, cut at 200 characters.
fn quoted(report: &Report, d: &crate::diagnostic::Diagnostic) -> String {
    let text = report.sources.text(&d.span.file).unwrap_or("");
    let words = text
        .get(d.span.range.clone())
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match words.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &words[..cut]),
        None => words,
    }
}

pub fn render(report: &Report, fail_on: Severity) -> String {
    let mut text = serde_json::to_string_pretty(&output(report, fail_on)).expect("plain data");
    text.push('\n');
    text
}

/// The JSON Schema of the output.
pub fn schema() -> String {
    let mut text =
        serde_json::to_string_pretty(&schema_for!(Output)).expect("a schema is plain JSON");
    text.push('\n');
    text
}
