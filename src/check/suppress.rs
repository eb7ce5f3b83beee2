//! Inline suppressions: `<!-- allow RULE: reason -->` on the line before a block
//! excuses that block from the rule (several rules: `allow RULE-A, RULE-B: reason`).
//! A suppression that suppresses nothing, names no rule that exists or gives no
//! reason is itself reported, so excuses cannot outlive the text they excused.

use std::sync::LazyLock;

use regex::Regex;

use super::{Ctx, Doc, Family, Rule};
use crate::assemble::{Block, BlockKind};
use crate::diagnostic::{Diagnostic, Severity, Span};

// The ids of this family's rules: findings name them by these constants, so a
// misspelt id does not compile.
rule_ids! {
    ALLOW_UNUSED = "ALLOW-UNUSED",
    ALLOW_INVALID = "ALLOW-INVALID",
}

pub fn rules() -> Vec<Rule> {
    let how = "Put the comment on its own line, directly before the block it excuses, with a blank line or nothing between:\n\n  <!-- allow ED-PLACEHOLDER: the original report printed \"x number\" -->\n  Gather x number of case studies.";
    vec![
        Rule {
            id: ALLOW_UNUSED.as_str().into(),
            family: Family::Checker,
            severity: Severity::Warning,
            summary: "An inline suppression that suppresses nothing.".into(),
            to_confirm: false,
            pack: None,
            doc: Doc {
                what: "Reports every `<!-- allow RULE: reason -->` comment whose next block has no finding of that rule, or that has no block after it.".into(),
                why: "Text changes; an excuse left behind after the slip was fixed would silently excuse the next slip written there.".into(),
                example: "<!-- allow ED-PLACEHOLDER: kept as printed -->\nA paragraph with no placeholder in it.".into(),
                fix: format!("Remove the comment, or move it before the block it was meant for.\n\n{how}"),
                off: String::new(),
                references: "docs/format.md, \"Checking the report\".".into(),
            },
        },
        Rule {
            id: ALLOW_INVALID.as_str().into(),
            family: Family::Checker,
            severity: Severity::Warning,
            summary: "An inline suppression that names no known rule or gives no reason.".into(),
            to_confirm: false,
            pack: None,
            doc: Doc {
                what: "Reports `<!-- allow … -->` comments that name a rule that does not exist (with a suggestion), or that give no reason after a colon.".into(),
                why: "A suppression records a decision: without a reason, nobody can later tell whether it still holds. A misspelt rule id suppresses nothing.".into(),
                example: "<!-- allow ED-PLACEHOLDR -->".into(),
                fix: format!("Name the rule as `{}` lists it, and say why after a colon.\n\n{how}", crate::invocation::command("explain")),
                off: String::new(),
                references: "docs/format.md, \"Checking the report\".".into(),
            },
        },
    ]
}

static ALLOW: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?s)^\s*<!--\s*allow\s+([A-Za-z0-9\-]+(?:\s*,\s*[A-Za-z0-9\-]+)*)\s*(?::\s*(.*?))?\s*-->\s*$").unwrap()
});
static ALLOW_LOOSE: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"(?s)^\s*<!--\s*allow\b").unwrap());

/// One `allow` comment and the block it excuses.
struct Allow {
    rules: Vec<String>,
    /// The comment itself.
    span: Span,
    /// The block it excuses.
    target: Option<Span>,
    used: Vec<bool>,
}

fn collect(
    blocks: &[Block],
    out: &mut Vec<Allow>,
    invalid: &mut Vec<(Span, String, Option<String>)>,
) {
    for (i, block) in blocks.iter().enumerate() {
        match &block.kind {
            BlockKind::Html { html, .. } if ALLOW_LOOSE.is_match(html) => {
                let Some(c) = ALLOW.captures(html) else {
                    invalid.push((
                        block.span.clone(),
                        "this `allow` comment cannot be read".to_string(),
                        None,
                    ));
                    continue;
                };
                let mut rules = Vec::new();
                for id in c[1].split(',').map(str::trim) {
                    match super::rule(id) {
                        Some(r) => rules.push(r.id.clone()),
                        None => invalid.push((
                            block.span.clone(),
                            format!("`{id}` is not a rule"),
                            super::suggest(id).map(str::to_string),
                        )),
                    }
                }
                if c.get(2).is_none_or(|r| r.as_str().trim().is_empty()) {
                    invalid.push((
                        block.span.clone(),
                        "this `allow` comment gives no reason".to_string(),
                        None,
                    ));
                }
                if rules.is_empty() {
                    continue;
                }
                let target = blocks[i + 1..]
                    .iter()
                    .find(|b| !matches!(&b.kind, BlockKind::Html { html, .. } if ALLOW_LOOSE.is_match(html)))
                    .map(|b| b.span.clone());
                out.push(Allow {
                    used: vec![false; rules.len()],
                    rules,
                    span: block.span.clone(),
                    target,
                });
            }
            BlockKind::List { items, .. } => {
                for item in items {
                    collect(item, out, invalid);
                }
            }
            BlockKind::Quote { blocks } => collect(blocks, out, invalid),
            _ => {}
        }
    }
}

/// Removes the findings that `allow` comments excuse, and reports the comments that
/// excuse nothing or cannot be read.
pub fn apply(ctx: &Ctx, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut allows = Vec::new();
    let mut invalid = Vec::new();
    for section in &ctx.document.sections {
        collect(&section.blocks, &mut allows, &mut invalid);
    }
    let mut kept = Vec::new();
    for d in diagnostics {
        let mut excused = false;
        for a in allows.iter_mut() {
            let Some(target) = &a.target else { continue };
            let inside = target.file == d.span.file
                && d.span.range.start >= target.range.start
                && d.span.range.start < target.range.end.max(target.range.start + 1);
            if !inside {
                continue;
            }
            if let Some(i) = a.rules.iter().position(|r| *r == d.code) {
                a.used[i] = true;
                excused = true;
            }
        }
        if !excused {
            kept.push(d);
        }
    }
    for a in &allows {
        for (rule, used) in a.rules.iter().zip(&a.used) {
            if !used {
                let why = if a.target.is_none() {
                    "there is no block after it"
                } else {
                    "the next block has no such finding"
                };
                kept.push(
                    ctx.finding(
                        ALLOW_UNUSED,
                        a.span.clone(),
                        format!("this suppression of {rule} suppresses nothing: {why}"),
                    )
                    .with_label("suppresses nothing")
                    .with_help(
                        "remove the comment, or put it directly before the block it is meant for.",
                    ),
                );
            }
        }
    }
    for (span, message, suggestion) in invalid {
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`? Write <!-- allow RULE: the reason -->."),
            None => format!(
                "write <!-- allow RULE: the reason -->, naming a rule that `{}` lists.",
                crate::invocation::command("explain")
            ),
        };
        kept.push(
            ctx.finding(ALLOW_INVALID, span, message)
                .with_label("allow comment")
                .with_help(help),
        );
    }
    kept
}
