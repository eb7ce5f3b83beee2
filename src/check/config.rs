//! Checks the partnership's decisions about the checker (the `check:` block of
//! `report.yaml`, [`CheckConfig`]) against the rules and partners that exist.

use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Sources, Span, did_you_mean};
use crate::model::CheckConfig;

/// Problems in the configuration itself: unknown rules and partners, bad
/// patterns. Each points at the offending text of `report.yaml`.
pub fn problems(
    config: &CheckConfig,
    sources: &Sources,
    report_file: &Arc<str>,
    partners: &[&str],
) -> Vec<Diagnostic> {
    let text = sources.text(report_file).unwrap_or("");
    let check_at = text.find("\ncheck:").map_or(0, |i| i + 1);
    let at = |word: &str| -> Span {
        match text[check_at..].find(word) {
            Some(i) => Span::new(report_file, check_at + i..check_at + i + word.len()),
            None => Span::new(report_file, check_at..check_at),
        }
    };
    let mut problems = Vec::new();
    let ids: Vec<&str> = super::rules().iter().map(|r| r.id.as_str()).collect();
    for id in config.rules.keys() {
        if super::rule(id).is_none() {
            let help = match did_you_mean(id, ids.iter().copied()) {
                Some(m) => {
                    format!(
                        "did you mean `{m}`? `{}` lists every rule.",
                        crate::invocation::command("explain")
                    )
                }
                None => format!(
                    "`{}` lists every rule.",
                    crate::invocation::command("explain")
                ),
            };
            problems.push(
                Diagnostic::error("unknown-rule", at(id), format!("there is no rule `{id}`"))
                    .with_label("not a rule id")
                    .with_help(help),
            );
        }
    }
    for id in config.aliases.keys() {
        if !partners.contains(&id.as_str()) {
            let help = match did_you_mean(id, partners.iter().copied()) {
                Some(m) => format!(
                    "did you mean `{m}`? `aliases` is keyed by the partner ids in `partners:`."
                ),
                None => format!(
                    "`aliases` is keyed by the partner ids in `partners:`: {}.",
                    partners.join(", ")
                ),
            };
            problems.push(
                Diagnostic::error(
                    "unknown-partner",
                    at(id),
                    format!("no partner has the id `{id}`"),
                )
                .with_label("not in partners:")
                .with_help(help),
            );
        }
    }
    problems
}
