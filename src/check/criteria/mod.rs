//! The statutory criteria: what *Working Together to Safeguard Children* asks a
//! partnership's yearly report to contain, in the 2018 and 2023 editions.
//!
//! One file per criterion holds its documentation, its patterns and its judge
//! ([`Def`]); [`PACKS`] says which criteria each edition has, with their rule ids and
//! severities: adding a criterion or an edition touches that table and one file.
//!
//! Each criterion is judged on the substance of the text, never on headings: a section
//! that declares `criteria: [WT18-VOICE]` but carries no evidence is `partial`, and a
//! report that never declares anything can still meet every criterion. The independent
//! scrutineer's own evaluation, and sentences that quote the guidance, are not counted
//! as evidence for the other criteria: they say what a report should contain, not what
//! the partners did ([`reading`]).
//!
//! A criterion that is `missing` is reported at its rule's severity; one that is
//! `partial` at most as a warning, so a report that meets a must-item weakly still
//! builds, and says so.

use std::collections::BTreeMap;

use super::matrix::{Criterion, Evidence, Status};
use super::{Ctx, Doc, Family, Rule, RuleId};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::model::Guidance;

/// Declares a compiled pattern, as the criteria's files share it.
macro_rules! re {
    ($name:ident, $pattern:expr) => {
        pub(super) static $name: std::sync::LazyLock<regex::Regex> =
            std::sync::LazyLock::new(|| crate::check::text::regex($pattern).unwrap());
    };
}

mod reading;

mod activity;
mod data_set;
mod education;
mod effectiveness;
mod focus;
mod funding;
mod impact;
mod no_progress;
mod partners;
mod period;
mod publication;
mod publish_by;
mod review_actions;
mod reviews;
mod scrutiny;
mod transparent;
mod voice;

use reading::Reading;

// The ids of this family's rules: findings and the scaffold name them by these
// constants, so a misspelt id does not compile.
rule_ids! {
    CRITERION_UNKNOWN = "CRITERION-UNKNOWN",
    WT18_PERIOD = "WT18-PERIOD",
    WT18_ACTIVITY = "WT18-ACTIVITY",
    WT18_REVIEWS = "WT18-REVIEWS",
    WT18_EFFECTIVENESS = "WT18-EFFECTIVENESS",
    WT18_IMPACT = "WT18-IMPACT",
    WT18_NO_PROGRESS = "WT18-NO-PROGRESS",
    WT18_REVIEW_ACTIONS = "WT18-REVIEW-ACTIONS",
    WT18_VOICE = "WT18-VOICE",
    WT18_SCRUTINY = "WT18-SCRUTINY",
    WT18_FUNDING = "WT18-FUNDING",
    WT18_PUBLICATION = "WT18-PUBLICATION",
    WT23_PERIOD = "WT23-PERIOD",
    WT23_TRANSPARENT = "WT23-TRANSPARENT",
    WT23_FOCUS = "WT23-FOCUS",
    WT23_ACTIVITY = "WT23-ACTIVITY",
    WT23_REVIEWS = "WT23-REVIEWS",
    WT23_EFFECTIVENESS = "WT23-EFFECTIVENESS",
    WT23_IMPACT = "WT23-IMPACT",
    WT23_NO_PROGRESS = "WT23-NO-PROGRESS",
    WT23_REVIEW_ACTIONS = "WT23-REVIEW-ACTIONS",
    WT23_VOICE = "WT23-VOICE",
    WT23_SCRUTINY = "WT23-SCRUTINY",
    WT23_FUNDING = "WT23-FUNDING",
    WT23_PUBLICATION = "WT23-PUBLICATION",
    WT23_PARTNERS = "WT23-PARTNERS",
    WT23_EDUCATION = "WT23-EDUCATION",
    WT23_DATA = "WT23-DATA",
    WT23_PUBLISH_BY = "WT23-PUBLISH-BY",
}

/// A criterion, whatever the edition: the scaffold and the sections' declarations
/// name criteria by it, and [`Key::id`] gives its rule id in an edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    Period,
    Activity,
    Reviews,
    Effectiveness,
    Impact,
    NoProgress,
    ReviewActions,
    Voice,
    Scrutiny,
    Funding,
    Publication,
    Partners,
    Education,
    DataSet,
    PublishBy,
    Transparent,
    Focus,
}

impl Key {
    /// The criterion's rule id in an edition, if the edition has it.
    pub fn id(self, edition: Guidance) -> Option<RuleId> {
        PACKS
            .iter()
            .find(|r| r.edition == edition && r.criterion.key == self)
            .map(|r| r.id)
    }
}

/// One criterion: its documentation, in both editions' words, and its judge.
struct Def {
    key: Key,
    /// The function that judges the criterion on the document.
    judge: fn(&Ctx, &Reading) -> Judgement,
    title: &'static str,
    /// Whether the What Works Centre's analysis of annual reports speaks to it.
    wwc: bool,
    /// "met when the report …"
    met_when: &'static str,
    /// What the 2018 and 2023 editions ask, in their words.
    quote18: &'static str,
    quote23: &'static str,
    what: &'static str,
    example: &'static str,
    fix: &'static str,
    /// The fix for a report read as published (Word, PDF, web pages, text), where
    /// there is no report.yaml or data set to edit; `None` when `fix` serves both.
    fix_printed: Option<&'static str>,
}

/// A criterion in an edition of the guidance: its rule id, severity and whether the
/// reading it rests on could be checked against the guidance itself.
struct Row {
    edition: Guidance,
    id: RuleId,
    criterion: &'static Def,
    severity: Severity,
    /// The reference marks this requirement "to confirm": never an error.
    to_confirm: bool,
}

/// The packs: each edition's criteria, in the order the matrix shows them.
#[rustfmt::skip]
const PACKS: &[Row] = &[
    Row { edition: Guidance::Wt2018, id: WT18_PERIOD, criterion: &period::CRITERION, severity: Severity::Error, to_confirm: false },
    Row { edition: Guidance::Wt2018, id: WT18_ACTIVITY, criterion: &activity::CRITERION, severity: Severity::Error, to_confirm: false },
    Row { edition: Guidance::Wt2018, id: WT18_REVIEWS, criterion: &reviews::CRITERION, severity: Severity::Error, to_confirm: false },
    Row { edition: Guidance::Wt2018, id: WT18_EFFECTIVENESS, criterion: &effectiveness::CRITERION, severity: Severity::Error, to_confirm: false },
    Row { edition: Guidance::Wt2018, id: WT18_IMPACT, criterion: &impact::CRITERION, severity: Severity::Warning, to_confirm: false },
    Row { edition: Guidance::Wt2018, id: WT18_NO_PROGRESS, criterion: &no_progress::CRITERION, severity: Severity::Warning, to_confirm: false },
    Row { edition: Guidance::Wt2018, id: WT18_REVIEW_ACTIONS, criterion: &review_actions::CRITERION, severity: Severity::Warning, to_confirm: false },
    Row { edition: Guidance::Wt2018, id: WT18_VOICE, criterion: &voice::CRITERION, severity: Severity::Warning, to_confirm: false },
    Row { edition: Guidance::Wt2018, id: WT18_SCRUTINY, criterion: &scrutiny::CRITERION, severity: Severity::Warning, to_confirm: false },
    Row { edition: Guidance::Wt2018, id: WT18_FUNDING, criterion: &funding::CRITERION, severity: Severity::Warning, to_confirm: true },
    Row { edition: Guidance::Wt2018, id: WT18_PUBLICATION, criterion: &publication::CRITERION, severity: Severity::Info, to_confirm: true },
    Row { edition: Guidance::Wt2023, id: WT23_PERIOD, criterion: &period::CRITERION, severity: Severity::Error, to_confirm: false },
    Row { edition: Guidance::Wt2023, id: WT23_TRANSPARENT, criterion: &transparent::CRITERION, severity: Severity::Warning, to_confirm: false },
    Row { edition: Guidance::Wt2023, id: WT23_FOCUS, criterion: &focus::CRITERION, severity: Severity::Warning, to_confirm: false },
    Row { edition: Guidance::Wt2023, id: WT23_ACTIVITY, criterion: &activity::CRITERION, severity: Severity::Error, to_confirm: false },
    Row { edition: Guidance::Wt2023, id: WT23_REVIEWS, criterion: &reviews::CRITERION, severity: Severity::Error, to_confirm: false },
    Row { edition: Guidance::Wt2023, id: WT23_EFFECTIVENESS, criterion: &effectiveness::CRITERION, severity: Severity::Error, to_confirm: false },
    Row { edition: Guidance::Wt2023, id: WT23_IMPACT, criterion: &impact::CRITERION, severity: Severity::Warning, to_confirm: true },
    Row { edition: Guidance::Wt2023, id: WT23_NO_PROGRESS, criterion: &no_progress::CRITERION, severity: Severity::Warning, to_confirm: true },
    Row { edition: Guidance::Wt2023, id: WT23_REVIEW_ACTIONS, criterion: &review_actions::CRITERION, severity: Severity::Warning, to_confirm: true },
    Row { edition: Guidance::Wt2023, id: WT23_VOICE, criterion: &voice::CRITERION, severity: Severity::Warning, to_confirm: true },
    Row { edition: Guidance::Wt2023, id: WT23_SCRUTINY, criterion: &scrutiny::CRITERION, severity: Severity::Warning, to_confirm: true },
    Row { edition: Guidance::Wt2023, id: WT23_FUNDING, criterion: &funding::CRITERION, severity: Severity::Warning, to_confirm: true },
    Row { edition: Guidance::Wt2023, id: WT23_PUBLICATION, criterion: &publication::CRITERION, severity: Severity::Info, to_confirm: true },
    Row { edition: Guidance::Wt2023, id: WT23_PARTNERS, criterion: &partners::CRITERION, severity: Severity::Warning, to_confirm: false },
    Row { edition: Guidance::Wt2023, id: WT23_EDUCATION, criterion: &education::CRITERION, severity: Severity::Warning, to_confirm: true },
    Row { edition: Guidance::Wt2023, id: WT23_DATA, criterion: &data_set::CRITERION, severity: Severity::Warning, to_confirm: true },
    Row { edition: Guidance::Wt2023, id: WT23_PUBLISH_BY, criterion: &publish_by::CRITERION, severity: Severity::Info, to_confirm: true },
];

/// Where each edition sets out what the yearly report must contain.
fn chapter(edition: Guidance) -> &'static str {
    match edition {
        Guidance::Wt2018 => "Working Together to Safeguard Children 2018, chapter 3, \"Reporting\"",
        Guidance::Wt2023 => "Working Together to Safeguard Children 2023, chapter 2",
    }
}

const WWC_REF: &str = "What Works Centre for Children's Social Care, Safeguarding partners' annual reports analysis 2020-21.";

/// What the guidance asks for one criterion, as the matrix and the evaluation
/// document quote it.
#[derive(Debug, Clone, Copy)]
pub struct GuidanceText {
    pub edition: Guidance,
    /// "Working Together to Safeguard Children 2018, chapter 3, \"Reporting\"".
    pub chapter: &'static str,
    /// The guidance's words.
    pub words: &'static str,
    /// False where the reading rests on a fact the reference marks "to confirm".
    pub confirmed: bool,
}

/// What the guidance asks for the criterion with this rule id.
pub fn guidance(id: &str) -> Option<GuidanceText> {
    PACKS
        .iter()
        .find(|r| r.id.as_str() == id)
        .map(|r| GuidanceText {
            edition: r.edition,
            chapter: chapter(r.edition),
            words: match r.edition {
                Guidance::Wt2018 => r.criterion.quote18,
                Guidance::Wt2023 => r.criterion.quote23,
            },
            confirmed: !r.to_confirm,
        })
}

/// The criteria rules of both editions, and the checker's rule for unknown criteria.
pub fn rules() -> Vec<Rule> {
    let mut rules: Vec<Rule> = PACKS.iter().map(rule).collect();
    rules.push(Rule {
        id: CRITERION_UNKNOWN.as_str().into(),
        family: Family::Checker,
        severity: Severity::Warning,
        summary: "A section's front matter names a criterion the checker does not know.".into(),
        to_confirm: false,
        pack: None,
        doc: Doc {
            what: "Checks every id under `criteria:` in the sections' front matter against the criteria of both packs.".into(),
            why: "A misspelt criterion is silently not a declaration: the matrix would not show the section as intended.".into(),
            example: "criteria: [WT18-VOCIE]".into(),
            fix: format!(
                "Use an id `{}` lists, such as WT18-VOICE.",
                crate::invocation::command("explain")
            ),
            off: String::new(),
            references: "docs/format.md, \"Sections\".".into(),
        },
    });
    rules
}

/// A criterion's rule in one edition, with its documentation.
fn rule(row: &Row) -> Rule {
    let def = row.criterion;
    let id = row.id.as_str();
    let quote = match row.edition {
        Guidance::Wt2018 => def.quote18,
        Guidance::Wt2023 => def.quote23,
    };
    let mut references = format!("{}.", chapter(row.edition));
    if def.wwc {
        references.push('\n');
        references.push_str(WWC_REF);
    }
    Rule {
        id: id.to_string(),
        family: Family::Criteria,
        severity: row.severity,
        summary: format!("{}: met when the report {}.", def.title, def.met_when),
        to_confirm: row.to_confirm,
        pack: Some(row.edition),
        doc: Doc {
            what: format!(
                "{}\n\nThe finding says `missing` when the report does not address the criterion (at this rule's severity) and `partial` when it does without evidence for all of it (at most a warning). The criteria matrix shows every criterion's status, its evidence and why.",
                def.what
            ),
            why: format!("{}, asks:\n{quote}", chapter(row.edition)),
            example: def.example.to_string(),
            fix: format!(
                "{}\n\nA section can declare what it addresses with `criteria: [{id}]` in its front matter; the checker still judges the text, so a declaration without evidence is partial.{}",
                def.fix,
                def.fix_printed.map_or(String::new(), |p| format!(
                    "\n\nIn a report read as published (`check FILE`): {p}"
                ))
            ),
            off: String::new(),
            references,
        },
    }
}

/// A place that carries evidence: a span, or words of a unit not yet located in the
/// source (locating is the costly part, so only what the matrix shows is located).
#[derive(Clone)]
enum Ev {
    Span(Span),
    Words(usize, std::ops::Range<usize>),
}

impl From<Span> for Ev {
    fn from(s: Span) -> Ev {
        Ev::Span(s)
    }
}

impl Ev {
    fn resolve(&self, ctx: &Ctx) -> Span {
        match self {
            Ev::Span(s) => s.clone(),
            Ev::Words(u, r) => ctx.locate(&ctx.units[*u], r.clone()),
        }
    }

    /// The file and document section of the evidence, without locating it.
    fn place(&self, ctx: &Ctx) -> (std::sync::Arc<str>, Option<usize>) {
        match self {
            Ev::Span(s) => (s.file.clone(), section_at(ctx, s)),
            Ev::Words(u, _) => {
                let unit = &ctx.units[*u];
                (
                    ctx.document.sections[unit.section].file.clone(),
                    Some(unit.section),
                )
            }
        }
    }
}

/// The section a span is in: a project has a file per section; a report read from
/// one file has many sections in it, each starting at its heading.
fn section_at(ctx: &Ctx, span: &Span) -> Option<usize> {
    let in_file = || {
        ctx.document
            .sections
            .iter()
            .enumerate()
            .filter(|(_, d)| d.file == span.file)
    };
    in_file()
        .filter(|(_, d)| d.span.range.start <= span.range.start)
        .max_by_key(|(_, d)| d.span.range.start)
        .or_else(|| in_file().next())
        .map(|(i, _)| i)
}

/// What the judge of one criterion found.
struct Judgement {
    status: Status,
    /// Places that carry evidence, best first.
    evidence: Vec<Ev>,
    reason: String,
    /// Where to point a finding, when not at the evidence or a declaration.
    at: Option<Span>,
}

impl Judgement {
    fn new(status: Status, evidence: Vec<Ev>, reason: impl Into<String>) -> Judgement {
        Judgement {
            status,
            evidence,
            reason: reason.into(),
            at: None,
        }
    }

    /// A judgement resting on one sentence, which its reason quotes: `reason` is
    /// given the quotation (the sentence in quotation marks, cut after twenty words).
    fn quoting(
        ctx: &Ctx,
        status: Status,
        sentence: &reading::Sentence,
        reason: impl FnOnce(String) -> String,
    ) -> Judgement {
        let evidence = vec![reading::span_of(ctx, sentence)];
        Judgement::new(status, evidence, reason(reading::quote(sentence.text)))
    }
}

/// Judges every criterion of the edition, adds a finding for each one not met, and
/// returns the matrix. A criterion the partnership turned off is not judged.
pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) -> Vec<Criterion> {
    let reading = Reading::new(ctx);
    let declared = declared(ctx, out);
    let mut matrix = Vec::new();
    for row in PACKS.iter().filter(|r| r.edition == ctx.guidance) {
        if !ctx.runs(row.id) {
            continue;
        }
        let def = row.criterion;
        let mut j = (def.judge)(ctx, &reading);
        let declared_here = declared.get(&def.key).cloned().unwrap_or_default();
        if j.status == Status::Missing && !declared_here.is_empty() {
            j.status = Status::Partial;
            j.reason = format!(
                "{} declares it, but carries no evidence for it: {}",
                section_names(ctx, &declared_here),
                j.reason
            );
        }
        let evidence = evidence(ctx, &j.evidence);
        if j.status != Status::Met {
            out.push(finding(ctx, row, &j, &declared_here));
        }
        matrix.push(Criterion {
            id: row.id.as_str().to_string(),
            title: def.title.to_string(),
            status: j.status,
            evidence,
            reason: j.reason,
            to_confirm: row.to_confirm,
        });
    }
    matrix
}

/// The finding for a criterion not met: at the place the judge names, else the
/// section that declares it, else its first evidence, else the report's start.
fn finding(ctx: &Ctx, row: &Row, j: &Judgement, declared_here: &[(Span, usize)]) -> Diagnostic {
    let def = row.criterion;
    let id = row.id;
    let span =
        j.at.clone()
            .or_else(|| declared_here.first().map(|(s, _)| s.clone()))
            .or_else(|| j.evidence.first().map(|e| e.resolve(ctx)))
            .unwrap_or_else(|| ctx.facts.anchor.clone());
    let (severity, ceiling, label, what) = match j.status {
        Status::Partial => (
            row.severity.min(Severity::Warning),
            Some(Severity::Warning),
            "met only in part",
            "partly meets",
        ),
        _ if declared_here.is_empty() => {
            (row.severity, None, "the report as a whole", "does not meet")
        }
        _ => (row.severity, None, "declared here", "does not meet"),
    };
    let project_fix = def.fix.lines().next().unwrap_or("");
    let fix = ctx.advice(project_fix, def.fix_printed.unwrap_or(project_fix));
    let mut d = Diagnostic::error(
        id.as_str(),
        span,
        format!(
            "the report {what} {id} ({}): {}",
            def.title.to_lowercase(),
            j.reason
        ),
    )
    .with_severity(severity)
    .with_label(label)
    .with_help(format!(
        "{fix} Run `{}` for what counts.",
        crate::invocation::command(&format!("explain {id}"))
    ));
    d.ceiling = ceiling;
    d
}

/// Sections' declared criteria by criterion, with the span of each declaration and
/// the section's index; unknown ids are reported.
fn declared(ctx: &Ctx, out: &mut Vec<Diagnostic>) -> BTreeMap<Key, Vec<(Span, usize)>> {
    let mut map: BTreeMap<Key, Vec<(Span, usize)>> = BTreeMap::new();
    for (index, section) in ctx.document.sections.iter().enumerate() {
        for (c, span) in section.criteria.iter().zip(&section.criteria_spans) {
            // What the user wrote, parsed: either edition's id names the criterion.
            match PACKS.iter().find(|r| r.id.as_str() == c) {
                Some(row) => {
                    map.entry(row.criterion.key)
                        .or_default()
                        .push((span.clone(), index));
                }
                None => {
                    let ids = PACKS.iter().map(|r| r.id.as_str());
                    let help = match crate::diagnostic::did_you_mean(c, ids) {
                        Some(m) => format!("did you mean `{m}`?"),
                        None => format!(
                            "`{}` lists the criteria.",
                            crate::invocation::command("explain")
                        ),
                    };
                    out.push(
                        ctx.finding(
                            CRITERION_UNKNOWN,
                            span.clone(),
                            format!("`{c}` is not a criterion"),
                        )
                        .with_label("unknown criterion")
                        .with_help(help),
                    );
                }
            }
        }
    }
    map
}

fn section_names(ctx: &Ctx, declared: &[(Span, usize)]) -> String {
    let names: Vec<String> = declared
        .iter()
        .map(|(_, i)| format!("\"{}\"", ctx.document.sections[*i].heading()))
        .collect();
    names.join(" and ")
}

/// Evidence as matrix entries: one per section, at most six, located in the source.
fn evidence(ctx: &Ctx, places: &[Ev]) -> Vec<Evidence> {
    let mut seen = Vec::new();
    let mut out: Vec<Evidence> = Vec::new();
    for ev in places {
        let place = ev.place(ctx);
        if seen.contains(&place) {
            continue;
        }
        seen.push(place.clone());
        let span = ev.resolve(ctx);
        let line = ctx.sources().line_col(&span.file, span.range.start).line;
        let section = place.1.map_or_else(
            || span.file.to_string(),
            |i| ctx.document.sections[i].heading(),
        );
        out.push(Evidence {
            file: span.file.to_string(),
            line,
            section,
            place: ctx.sources().place(&span.file, span.range.start),
            range: span.range.clone(),
        });
        if out.len() == 6 {
            break;
        }
    }
    out
}
