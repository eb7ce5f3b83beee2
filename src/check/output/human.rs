//! Human output: each finding rustc-style (rule id, severity, message, the source
//! with the span underlined, how to fix it), then the criteria matrix, then a summary.

use super::super::{Report, matrix};
use crate::diagnostic::Severity;

pub fn render(report: &Report, fail_on: Severity, color: bool) -> String {
    let mut out = String::new();
    if let Some(facts) = &report.inferred {
        out.push_str(&facts.summary());
        out.push('\n');
    }
    for d in &report.diagnostics {
        out.push_str(&d.render(&report.sources, color));
        out.push_str("\n\n");
    }
    out.push_str(&matrix::plain(&report.criteria, report.guidance.title()));
    out.push('\n');
    let verdict = if report.fails(fail_on) {
        format!("fails: findings at or above {fail_on}")
    } else {
        format!("passes: nothing at or above {fail_on}")
    };
    out.push_str(&format!("check: {}; {verdict}.\n", report.summary_line()));
    out
}
