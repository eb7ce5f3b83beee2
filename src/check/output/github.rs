//! GitHub Actions workflow commands: each finding becomes an annotation on the
//! pull request's files (`::error file=…,line=…::message`).

use super::super::Report;
use crate::diagnostic::Severity;

/// Escapes the message part of a workflow command.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(report: &Report, fail_on: Severity) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let start = report.sources.line_col(&d.span.file, d.span.range.start);
        let end = report
            .sources
            .line_col(&d.span.file, d.span.range.end.max(d.span.range.start));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            property(&super::repo_path(report, &d.span.file)),
            start.line,
            start.column,
            end.line,
            end.column,
            property(&d.code),
            data(&message)
        ));
    }
    let verdict = if report.fails(fail_on) {
        "fails"
    } else {
        "passes"
    };
    out.push_str(&format!(
        "check: {}; {verdict} at --fail-on {fail_on}.\n",
        report.summary_line()
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_expects() {
        assert_eq!(data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
