//! The compliance checker: the independent scrutineer's reading, done by a command.
//!
//! It reads the same [`Document`] that is rendered, so what it approves is what is
//! published. Rules are grouped in families, one file each:
//!
//! - [`criteria`]: the statutory criteria of *Working Together* (the WT18 and WT23
//!   packs), each judged `met`, `partial` or `missing` on the substance of the text, with
//!   the evidence found; together they make the criteria matrix;
//! - [`data`]: totals, rates, dates and sources of the figures;
//! - [`editorial`]: placeholders, abbreviations, alt text, link text, headings,
//!   sentence length and out-of-date terms;
//! - [`privacy`]: contact details and anything that could identify a child;
//! - [`file`]: the file as published (an untagged PDF).
//!
//! Every rule has an id, a default severity and documentation (`explain RULE`). The
//! partnership's decisions live in `report.yaml` under `check:` ([`config`]); a single
//! block can be excused with `<!-- allow RULE: reason -->` ([`suppress`]). Output
//! formats are in [`output`], and know nothing about the rules.

/// Declares rule ids as [`RuleId`] constants, one per rule, beside the family's
/// detection code; `IDS` lists them for the tests.
macro_rules! rule_ids {
    ($($name:ident = $id:literal),+ $(,)?) => {
        $(
            #[doc = concat!("The id of rule `", $id, "`.")]
            pub const $name: $crate::check::RuleId = $crate::check::RuleId($id);
        )+
        /// Every rule id this family declares.
        pub const IDS: &[$crate::check::RuleId] = &[$($name),+];
    };
}

pub mod config;
pub mod criteria;
pub mod data;
pub mod editorial;
pub mod evaluation;
pub mod file;
pub mod imports;
mod legacy;
pub mod matrix;
pub mod output;
pub mod places;
pub mod privacy;
pub mod suppress;
pub mod text;

use std::path::PathBuf;
use std::sync::LazyLock;

use serde::Serialize;

pub use crate::model::{AllowLists, CheckConfig, Level, RuleSetting};
pub use matrix::{Criterion, Evidence, Status};

use crate::assemble::{Document, Facts};
use crate::diagnostic::{Diagnostic, Failure, Severity, Sources, Span, did_you_mean, sort};
use crate::model::Guidance;
use text::Unit;

/// A rule's id, as the code names it: a constant declared with the rule
/// (`data::DATA_DATE`), so a misspelt id is a compile error, not a rule that never fires.
///
/// ```compile_fail
/// let _ = safeguarding_report::check::data::DATA_DAET;
/// ```
/// ```
/// assert_eq!(safeguarding_report::check::data::DATA_DATE.as_str(), "DATA-DATE");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RuleId(pub(crate) &'static str);

impl RuleId {
    pub const fn as_str(self) -> &'static str {
        self.0
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// The family a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Criteria,
    Data,
    Editorial,
    Privacy,
    /// Rules about the checker's own configuration and suppressions.
    Checker,
}

impl Family {
    pub fn name(self) -> &'static str {
        match self {
            Family::Criteria => "statutory criteria",
            Family::Data => "data integrity",
            Family::Editorial => "editorial",
            Family::Privacy => "privacy",
            Family::Checker => "checker",
        }
    }
}

/// A rule: its id, default severity and documentation.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub family: Family,
    pub severity: Severity,
    /// One line: what the rule finds.
    pub summary: String,
    /// Built on a fact the reference marks "to confirm": never an error.
    pub to_confirm: bool,
    /// The guidance edition a criterion belongs to.
    pub pack: Option<Guidance>,
    pub doc: Doc,
}

/// The sections of a rule's documentation, as `explain RULE` prints them.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub what: String,
    pub why: String,
    pub example: String,
    pub fix: String,
    /// Anything to add to the standard "How to turn it off" (allow-lists, say).
    pub off: String,
    pub references: String,
}

impl Rule {
    /// The rule's documentation as plain text, for `explain RULE`.
    pub fn explain(&self) -> String {
        let mut out = format!(
            "{} ({}, {}{})\n{}\n",
            self.id,
            self.severity,
            self.family.name(),
            if self.to_confirm { ", to confirm" } else { "" },
            self.summary
        );
        let mut section = |title: &str, body: &str| {
            if body.trim().is_empty() {
                return;
            }
            out.push_str(&format!("\n{title}\n"));
            for line in body.trim_end().lines() {
                if line.is_empty() {
                    out.push('\n');
                } else {
                    out.push_str(&format!("  {line}\n"));
                }
            }
        };
        section("What it does", &self.doc.what);
        let why = if self.to_confirm {
            format!(
                "{}\n\nTo confirm: the reference this rule is built on could not be checked against the guidance itself, so the rule is never an error.",
                self.doc.why.trim_end()
            )
        } else {
            self.doc.why.clone()
        };
        section("Why", &why);
        section("Example", &self.doc.example);
        section("How to fix", &self.doc.fix);
        let mut off = format!(
            "In report.yaml, record the partnership's decision:\n\n  check:\n    rules:\n      {id}: off            # or error, warning, info\n      # or, with the reason printed beside each finding:\n      {id}:\n        severity: info\n        reason: Why the partnership decided this.\n",
            id = self.id
        );
        if self.family != Family::Criteria && self.family != Family::Checker {
            off.push_str(&format!(
                "\nFor one block only, put this on the line before it:\n\n  <!-- allow {}: the reason -->\n",
                self.id
            ));
        }
        if !self.doc.off.trim().is_empty() {
            off.push('\n');
            off.push_str(&self.doc.off);
        }
        section("How to turn it off", &off);
        section("References", &self.doc.references);
        out
    }
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let mut rules = Vec::new();
    rules.extend(criteria::rules());
    rules.extend(data::rules());
    rules.extend(editorial::rules());
    rules.extend(privacy::rules());
    rules.extend(suppress::rules());
    rules.extend(file::rules());
    rules.extend(imports::rules());
    // Grouped by family, in the order `explain` lists them.
    rules.sort_by_key(|r| match r.family {
        Family::Criteria => 0,
        Family::Data => 1,
        Family::Editorial => 2,
        Family::Privacy => 3,
        Family::Checker => 4,
    });
    rules
});

/// Every rule, criteria first, in a stable order.
pub fn rules() -> &'static [Rule] {
    &RULES
}

/// A rule by id, ignoring case.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id.eq_ignore_ascii_case(id))
}

/// The list of rules in docs/format.md, made from their declarations: one line per
/// rule (its id, severity and summary), grouped by family, criteria by pack.
pub fn rules_markdown() -> String {
    let mut out = String::new();
    let mut family = None;
    for r in rules() {
        let heading = match r.pack {
            Some(g) => format!("Statutory criteria, {}", g.title()),
            None => {
                let name = r.family.name();
                let mut c = name.chars();
                c.next()
                    .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
            }
        };
        if family.as_ref() != Some(&heading) {
            out.push_str(&format!("\n**{heading}**\n\n"));
            family = Some(heading);
        }
        let confirm = if r.to_confirm { ", to confirm" } else { "" };
        out.push_str(&format!(
            "- `{}` ({}{confirm}): {}\n",
            r.id, r.severity, r.summary
        ));
    }
    out
}

/// The closest rule id to a misspelt one.
pub fn suggest(id: &str) -> Option<&'static str> {
    did_you_mean(id, RULES.iter().map(|r| r.id.as_str()))
}

/// What the caller may choose about a run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The guidance pack to judge against; by default the report's own.
    pub guidance: Option<Guidance>,
}

/// The result of a run: findings, the criteria matrix and what is needed to print them.
#[derive(Debug, Clone)]
pub struct Report {
    pub guidance: Guidance,
    /// Findings after the partnership's configuration and suppressions, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The criteria matrix, in the guidance's order.
    pub criteria: Vec<Criterion>,
    pub sources: Sources,
    /// The project folder, to turn paths into repository-relative ones.
    pub root: PathBuf,
    /// For a report read from a file: what was inferred from its text.
    pub inferred: Option<output::inferred::Inferences>,
    /// Where each block of the text is in the reader's terms, so the evaluation can
    /// cite and quote evidence and findings.
    pub places: places::Places,
    /// Whose report it is and the period it covers, as the document states or the
    /// reader inferred them.
    pub subject: Subject,
}

/// Whose report was checked and the period it covers, for the evaluation's header.
#[derive(Debug, Clone, Default)]
pub struct Subject {
    /// The partnership's name; empty when it could not be found.
    pub partnership: String,
    /// "1 April 2021 to 31 March 2022"; empty when it could not be found.
    pub period: String,
    /// How the period is known: written in report.yaml, found in the text, given on
    /// the command line, or not at all.
    pub period_origin: crate::assemble::Origin,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Whether anything at or above `level` was found.
    pub fn fails(&self, level: Severity) -> bool {
        self.diagnostics.iter().any(|d| d.severity >= level)
    }

    pub fn status_count(&self, status: Status) -> usize {
        self.criteria.iter().filter(|c| c.status == status).count()
    }

    /// "2 errors, 14 warnings, 30 infos; criteria: 8 met, 3 partial, 0 missing".
    pub fn summary_line(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {}, {}; criteria ({}): {} met, {} partial, {} missing",
            plural(self.count(Severity::Error), "error"),
            plural(self.count(Severity::Warning), "warning"),
            plural(self.count(Severity::Info), "info"),
            self.guidance.title(),
            self.status_count(Status::Met),
            self.status_count(Status::Partial),
            self.status_count(Status::Missing),
        )
    }
}

/// What was checked, which decides the advice a finding gives: a project has
/// report.yaml, data sets and content/ to edit; a report read as published (Word, PDF,
/// web pages, text) has only its own words, so the advice says what the report should
/// say, in the words of someone who has no project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checked {
    Project,
    Published,
}

/// What a rule sees: the document, what it says about itself, and its text.
pub struct Ctx<'a> {
    pub document: &'a Document,
    pub facts: &'a Facts,
    pub config: &'a CheckConfig,
    pub guidance: Guidance,
    pub units: Vec<Unit<'a>>,
}

impl<'a> Ctx<'a> {
    pub fn new(document: &'a Document, guidance: Guidance) -> Ctx<'a> {
        Ctx {
            document,
            facts: &document.facts,
            config: &document.facts.check,
            guidance,
            units: text::units(document),
        }
    }

    /// A finding of `rule` at its default severity.
    pub fn finding(&self, rule: RuleId, span: Span, message: impl Into<String>) -> Diagnostic {
        let severity = self::rule(rule.as_str()).map_or(Severity::Warning, |r| r.severity);
        Diagnostic::error(rule.as_str(), span, message).with_severity(severity)
    }

    /// Whether a project or a report read as published is being checked.
    pub fn checked(&self) -> Checked {
        match self.facts.config_file {
            Some(_) => Checked::Project,
            None => Checked::Published,
        }
    }

    /// The advice for what is being checked: `project` names the project's files,
    /// `published` says what the report itself should say.
    pub fn advice<T>(&self, project: T, published: T) -> T {
        match self.checked() {
            Checked::Project => project,
            Checked::Published => published,
        }
    }

    /// Whether a rule runs: not when the partnership turned it off in report.yaml.
    pub fn runs(&self, rule: RuleId) -> bool {
        self.config
            .setting(rule.as_str())
            .is_none_or(|s| s.level().severity().is_some())
    }

    /// The source span of some words of a unit's text.
    pub fn locate(&self, unit: &Unit, range: std::ops::Range<usize>) -> Span {
        text::locate(self.facts, unit, range)
    }

    /// The span of `needle` in the source of a unit's block, or the whole block when
    /// the words are not there as written (a template produced them).
    pub fn find_in_block(&self, unit: &Unit, needle: &str) -> Span {
        text::find_in(
            self.sources(),
            &unit.block.span.file,
            unit.block.span.range.clone(),
            needle,
            0,
        )
        .unwrap_or_else(|| unit.block.span.clone())
    }

    pub fn sources(&self) -> &Sources {
        &self.facts.sources
    }

    /// The period the report covers, when it is known.
    pub fn period(&self) -> Option<crate::assemble::Period> {
        self.facts.period.as_ref().map(|p| p.value)
    }
}

/// Checks an assembled report. Fails (exit 2) only when the checker's own
/// configuration is wrong.
pub fn check(document: &Document, options: &Options) -> Result<Report, Failure> {
    let facts = &document.facts;
    let config = &facts.check;
    if let Some(file) = &facts.config_file {
        let problems = config::problems(config, &facts.sources, file, &facts.partner_ids());
        if !problems.is_empty() {
            return Err(Failure {
                diagnostics: problems,
                sources: facts.sources.clone(),
            });
        }
    }
    let guidance = options.guidance.unwrap_or(facts.guidance.value);
    let ctx = Ctx::new(document, guidance);

    let mut found = Vec::new();
    let criteria = criteria::run(&ctx, &mut found);
    data::run(&ctx, &mut found);
    editorial::run(&ctx, &mut found);
    privacy::run(&ctx, &mut found);
    file::run(&ctx, &mut found);
    imports::run(&ctx, &mut found);

    let mut diagnostics = suppress::apply(&ctx, found);
    diagnostics.retain(|d| !config.ignores(&d.span.file));
    let diagnostics = configure(config, diagnostics);
    let mut diagnostics = dedup(diagnostics);
    sort(&mut diagnostics);
    let places = places::Places::new(document, &ctx.units);
    Ok(Report {
        guidance,
        diagnostics,
        criteria,
        sources: facts.sources.clone(),
        root: facts.root.clone(),
        inferred: None,
        places,
        subject: Subject {
            partnership: document.meta.partnership.clone(),
            period: document.meta.period.clone(),
            period_origin: facts
                .period
                .as_ref()
                .map(|p| p.origin.clone())
                .unwrap_or_default(),
        },
    })
}

/// Applies the partnership's severities: `off` drops a rule's findings; a partial
/// criterion stays at most a warning whatever its rule's severity.
fn configure(config: &CheckConfig, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .filter_map(|mut d| {
            let Some(setting) = config.setting(&d.code) else {
                return Some(d);
            };
            let severity = setting.level().severity()?;
            let new = match d.ceiling {
                Some(ceiling) => severity.min(ceiling),
                None => severity,
            };
            if new != d.severity || setting.reason().is_some() {
                let default = rule(&d.code).map_or(d.severity, |r| r.severity);
                let changed = if new != default {
                    format!("report.yaml sets {} to {new}", d.code)
                } else {
                    format!("report.yaml keeps {} at {new}", d.code)
                };
                let note = match setting.reason() {
                    Some(r) => format!("{changed}: {r}"),
                    None => changed,
                };
                d.help = Some(match d.help {
                    Some(h) => format!("{h}\nnote: {note}"),
                    None => format!("note: {note}"),
                });
            }
            d.severity = new;
            Some(d)
        })
        .collect()
}

/// One finding per rule and place.
fn dedup(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    diagnostics.retain(|d| seen.insert((d.code.clone(), d.span.clone(), d.message.clone())));
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_declared_id_is_a_rule_and_every_rule_is_declared() {
        let declared: Vec<RuleId> = [
            data::IDS,
            editorial::IDS,
            privacy::IDS,
            suppress::IDS,
            criteria::IDS,
            file::IDS,
            imports::IDS,
        ]
        .concat();
        for id in &declared {
            assert!(rule(id.as_str()).is_some(), "{id} has no rule");
        }
        for r in rules().iter().filter(|r| r.pack.is_none()) {
            assert!(
                declared.iter().any(|d| d.as_str() == r.id),
                "{} is not declared with rule_ids!",
                r.id
            );
        }
    }

    #[test]
    fn every_rule_is_documented_and_unique() {
        let mut ids = std::collections::HashSet::new();
        for r in rules() {
            assert!(ids.insert(r.id.clone()), "{} twice", r.id);
            for (name, body) in [
                ("what", &r.doc.what),
                ("why", &r.doc.why),
                ("example", &r.doc.example),
                ("fix", &r.doc.fix),
                ("references", &r.doc.references),
            ] {
                assert!(!body.trim().is_empty(), "{} has no {name}", r.id);
            }
            if r.to_confirm {
                assert!(
                    r.severity < Severity::Error,
                    "{} is to confirm but an error",
                    r.id
                );
            }
        }
    }
}
