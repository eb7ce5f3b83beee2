//! The statutory criteria: what *Working Together to Safeguard Children* asks a
//! partnership's yearly report to contain, as two packs of rules, WT18 and WT23.
//!
//! Each criterion is judged on the substance of the text, never on headings: a section
//! that declares `criteria: [WT18-VOICE]` but carries no evidence is `partial`, and a
//! report that never declares anything can still meet every criterion. The independent
//! scrutineer's own evaluation, and sentences that quote the guidance, are not counted
//! as evidence for the other criteria: they say what a report should contain, not what
//! the partners did.
//!
//! A criterion that is `missing` is reported at its rule's severity; one that is
//! `partial` at most as a warning, so a report that meets a must-item weakly still
//! builds, and says so.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::matrix::{Criterion, Evidence, Status};
use super::text::{Unit, UnitKind, sentences, word_count};
use super::{Ctx, Doc, Family, Rule};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::model::{Guidance, Progress, ReviewKind};

// The ids of this family's rules: findings name them by these constants, so a
// misspelt id does not compile.
rule_ids! {
    CRITERION_UNKNOWN = "CRITERION-UNKNOWN",
}

/// The label a partial criterion's finding carries, so its severity stays capped at
/// warning whatever the configuration says.
pub const PARTIAL_LABEL: &str = "met only in part";

/// One criterion, in both packs where it applies. The packs of the guidance editions
/// are this table: adding a criterion or an edition touches it and the judge only.
struct Def {
    key: &'static str,
    /// The function that judges the criterion on the document.
    judge: fn(&Ctx, &Reading) -> Judgement,
    title: &'static str,
    /// Severity in the WT2018 pack, if the pack has the criterion, and whether the
    /// reference marks its wording "to confirm".
    wt18: Option<(Severity, bool)>,
    /// Whether the What Works Centre's analysis of annual reports speaks to it.
    wwc: bool,
    /// Severity in the WT2023 pack and whether the reference marks it "to confirm".
    wt23: Option<(Severity, bool)>,
    /// "met when the report …"
    met_when: &'static str,
    quote18: &'static str,
    quote23: &'static str,
    what: &'static str,
    example: &'static str,
    fix: &'static str,
    /// The fix for a report read as published (Word, PDF, web pages, text), where
    /// there is no report.yaml or data set to edit; `None` when `fix` serves both.
    fix_printed: Option<&'static str>,
}

const WT18_REF: &str = "Working Together to Safeguard Children 2018, chapter 3, \"Reporting\" (as quoted word for word by Buckinghamshire Council and Coventry City Council minutes).";
const WT23_REF: &str = "Working Together to Safeguard Children 2023, chapter 2 (as quoted by the Cambridgeshire & Peterborough safeguarding partnership and Leeds SCP annual report 2024-25).";
const WWC_REF: &str = "What Works Centre for Children's Social Care, Safeguarding partners' annual reports analysis 2020-21.";

const DEFS: &[Def] = &[
    Def {
        key: "PERIOD",
        judge: period,
        wwc: false,
        title: "A report for a 12-month period",
        wt18: Some((Severity::Error, false)),
        wt23: Some((Severity::Error, false)),
        met_when: "states a reporting period of 12 months, with its start and end dates",
        quote18: "Safeguarding partners must publish a report \"at least once in every 12-month period\", \"to bring transparency for children, families and all practitioners about the activity undertaken\".",
        quote23: "\"Safeguarding partners must jointly report on the activity they have undertaken in a 12-month period.\"",
        what: "Reads `period:` in report.yaml (printed on the cover and in the text) and checks that it runs for exactly 12 months: from a start date to the day before the same date a year later.",
        example: "period:\n  start: 2021-04-01\n  end: 2022-06-30     # 15 months: missing",
        fix: "Set `period:` in report.yaml to the 12 months the report covers, usually 1 April to 31 March.",
        fix_printed: Some(
            "Say in the report which 12 months it covers: \"This report covers 1 April 2021 to 31 March 2022.\" If it says so in words the checker does not read, give the period with --period.",
        ),
    },
    Def {
        key: "ACTIVITY",
        judge: activity,
        wwc: false,
        title: "What the partners did as a result of the arrangements",
        wt18: Some((Severity::Error, false)),
        wt23: Some((Severity::Error, false)),
        met_when: "sets out what the partners did as a result of the arrangements",
        quote18: "The report \"must set out what they have done as a result of the arrangements, including on child safeguarding practice reviews, and how effective these arrangements have been in practice.\"",
        quote23: "\"Reports must include: what partnerships have done as a result of the arrangements, including on child safeguarding practice reviews\"",
        what: "Counts sentences that record something done in the period (held, published, launched, delivered, commissioned, trained, reviewed…), leaving out plans (\"will\", \"planned to\"). Met with at least five such sentences in at least two sections; partial with fewer, or when a section declares the criterion but records nothing done.",
        example: "---\ncriteria: [WT18-ACTIVITY]\n---\nThe partnership will review its arrangements next year.   # a plan, not activity: partial",
        fix: "Say what the partners did in the period, one action to a sentence: \"We published the Strategic Plan 2021-24.\"",
        fix_printed: None,
    },
    Def {
        key: "REVIEWS",
        judge: reviews,
        wwc: false,
        title: "Activity on child safeguarding practice reviews",
        wt18: Some((Severity::Error, false)),
        wt23: Some((Severity::Error, false)),
        met_when: "reports its child safeguarding practice review activity, or says explicitly there was none",
        quote18: "The report must set out what the partners have done \"including on child safeguarding practice reviews\". A year with none must say so.",
        quote23: "\"Reports must include: what partnerships have done as a result of the arrangements, including on child safeguarding practice reviews\"",
        what: "Looks for sections with a `review:` block (rapid reviews, local child safeguarding practice reviews, serious case reviews, national reviews), sentences that record review activity, or an explicit statement that there were none (\"There have not been any child safeguarding practice reviews commissioned\").",
        example: "A report with no section about case reviews and no sentence saying there were none: missing.",
        fix: "Give each review a section with a `review:` block (see docs/format.md), or say plainly: \"No child safeguarding practice reviews were commissioned in 2021-22.\"",
        fix_printed: Some(
            "Describe each review carried out or commissioned in the period under a heading naming it (\"Rapid Review 1\", \"CSPR Child L\"), or say plainly that there were none.",
        ),
    },
    Def {
        key: "EFFECTIVENESS",
        judge: effectiveness,
        wwc: false,
        title: "How effective the arrangements have been, with evidence",
        wt18: Some((Severity::Error, false)),
        wt23: Some((Severity::Error, false)),
        met_when: "states a judgement of how effective the arrangements were in practice, with evidence for it",
        quote18: "The report must set out \"how effective these arrangements have been in practice.\"",
        quote23: "\"Reports must include: … how effective these arrangements have been in practice.\"",
        what: "Finds judgements of effectiveness (\"safeguarding in our schools is effective\", \"the MASH is not as effective as it should be\") and checks that some rest on evidence: a figure, an audit, an inspection or a survey in the same sentence. Partial when judgements have no evidence, or when the report itself says its evidence of effectiveness is weak (\"there is not a robust multi-agency dataset\", \"we were unable to consistently provide evidence of the effectiveness\").",
        example: "The partnership has been effective this year.   # a judgement with no evidence: partial",
        fix: "State the judgement and what it rests on: \"A multi-agency audit agreed with 93% of threshold decisions, up from …, so threshold decisions at the front door are effective.\" Where evidence is missing, say what will provide it and when.",
        fix_printed: None,
    },
    Def {
        key: "IMPACT",
        judge: impact,
        wwc: true,
        title: "Impact on outcomes, including training, from early help to care leavers",
        wt18: Some((Severity::Warning, false)),
        wt23: Some((Severity::Warning, true)),
        met_when: "evidences impact on outcomes (change for children and families, not activity counts), including training, across early help, children in need and child protection, looked-after children and care leavers",
        quote18: "The report should include \"evidence of the impact of the work of the safeguarding partners and relevant agencies, including training, on outcomes for children and families from early help to looked-after children and care leavers\". The What Works Centre found 11 of 18 reports gave no information on impact, and that evaluation of training was mostly attendees' feedback on the course.",
        quote23: "The focus of reports \"should be on multi-agency priorities, learning, impact, evidence, and improvement.\" The 2018 item on impact is carried over (to confirm).",
        what: "Finds statements of impact (a change for children and families: \"routine enquiry for domestic abuse in pregnancy has improved and is now at 92%\"), not activity counts or plans, and sorts them along the continuum: early help; children in need and child protection; looked-after children; care leavers; and training. Statements in which the report says it cannot yet evidence impact (\"the arrangements to evaluate the impact of training on practice have not gone live\") count against that part. The finding names the parts with no impact evidence.",
        example: "We ran 79 courses, attended by 1,408 people.   # activity, not impact: training has no impact evidence",
        fix: "For each part of the continuum, say what changed for children and families and how you know: a before and after figure, an audit finding, feedback from families. For training, say what changed in practice, not how many attended.",
        fix_printed: None,
    },
    Def {
        key: "NO-PROGRESS",
        judge: no_progress,
        wwc: false,
        title: "Analysis of priorities with little or no progress",
        wt18: Some((Severity::Warning, false)),
        wt23: Some((Severity::Warning, true)),
        met_when: "analyses every priority where progress was little or none",
        quote18: "The report should include \"an analysis of any areas where there has been little or no evidence of progress on agreed priorities\".",
        quote23: "The 2018 item is carried over (to confirm).",
        what: "Reads each priority's `priority:` block: for every priority whose `progress` is `little` or `none`, the priority's section (and its sub-sections) must say why (because, due to, pending, delayed, lack of…) and what happens next (will, next steps, need to…). Partial when some such priorities are not analysed, or when the report records no priority's progress at all.",
        example: "priority:\n  name: Neglect\n  progress: little\n# …and a section that only lists what was done: partial",
        fix: "For each priority with little or no progress, say why, and what the partners will do about it and by when.",
        fix_printed: None,
    },
    Def {
        key: "REVIEW-ACTIONS",
        judge: review_actions,
        wwc: true,
        title: "Decisions and actions on review recommendations",
        wt18: Some((Severity::Warning, false)),
        wt23: Some((Severity::Warning, true)),
        met_when: "records, for each local and national review recommendation, the decisions and actions taken or planned and any resulting improvement",
        quote18: "The report should include \"a record of decisions and actions taken by the partners in the report's period (or planned to be taken) to implement the recommendations of any local and national child safeguarding practice reviews, including any resulting improvements\". The What Works Centre found 17 of 18 reports did this.",
        quote23: "The 2018 item is carried over (to confirm).",
        what: "Reads the `recommendations` of every `review:` block: each needs at least one entry under `actions`. The matrix says how many recommendations also record an improvement under `impact`. Partial when some recommendations have no actions, or when a child safeguarding practice review, serious case review or national review lists no recommendations.",
        example: "recommendations:\n  - text: Partners should seek assurance that …\n    actions: []        # partial",
        fix: "Under each recommendation, list what was decided or done, or is planned, in `actions`, and what improved in `impact`.",
        fix_printed: Some(
            "Beside each recommendation, say what was decided or done, or is planned, and what improved as a result; a table of recommendation, actions and impact is the usual form.",
        ),
    },
    Def {
        key: "VOICE",
        judge: voice,
        wwc: false,
        title: "Feedback from children and families, sought and used",
        wt18: Some((Severity::Warning, false)),
        wt23: Some((Severity::Warning, true)),
        met_when: "shows how feedback from children and families was sought and how it was used",
        quote18: "The report should include \"ways in which the partners have sought and utilised feedback from children and families to inform their work and influence service provision\". Both sought and used.",
        quote23: "The 2018 item is carried over (to confirm).",
        what: "Finds sentences about seeking feedback from children, young people and families (surveys, focus groups, consultation, takeover days, podcasts) and sentences about using it (findings built into, informed, shaped, changed as a result). Partial when the report only shows feedback being sought.",
        example: "300 young people answered our survey.   # sought, but not used: partial",
        fix: "Say what children and families told you and what changed because of it: \"The survey's findings were built into the Participation Toolkit.\"",
        fix_printed: None,
    },
    Def {
        key: "SCRUTINY",
        judge: scrutiny,
        wwc: false,
        title: "The independent scrutineer's evaluation",
        wt18: Some((Severity::Warning, false)),
        wt23: Some((Severity::Warning, true)),
        met_when: "includes the independent scrutineer's evaluation",
        quote18: "Independent scrutiny's role \"is to provide assurance in judging the effectiveness of multi-agency arrangements to safeguard and promote the welfare of all children in a local area\"; it should be \"objective, acts as a constructive critical friend and promotes reflection to drive continuous improvement\". In local practice the scrutineer reviews the yearly report against the criteria and the evaluation is published in it.",
        quote23: "Reports include \"independent scrutiny's findings and the response to them\" (to confirm).",
        what: "Looks for a section about scrutiny or evaluation (by its title, or by declaring the criterion) that names the scrutineer and carries an evaluation: at least 150 words with judgements (effective, meets, good practice, weak, I think…). Partial when such a section is too short or makes no judgement.",
        example: "A report with no section by its independent scrutineer: missing.",
        fix: "Publish the independent scrutineer's evaluation of the report as a section of it.",
        fix_printed: None,
    },
    Def {
        key: "FUNDING",
        judge: funding,
        wwc: false,
        title: "Each statutory partner's financial contribution",
        wt18: Some((Severity::Warning, true)),
        wt23: Some((Severity::Warning, true)),
        met_when: "shows each statutory partner's financial contribution",
        quote18: "Partners agree each partner's contribution, which should be equitable and proportionate, and transparent to children and families (to confirm wording).",
        quote23: "As in 2018 (to confirm wording).",
        what: "Looks for a table made from a data set with an amount in pounds whose title or columns speak of contributions, funding, budget or income, and checks that every partner marked `kind: statutory` in report.yaml has a row: by its name, its id, its usual short name (Police, Council, CCG, ICB), or a name listed for it under `check: aliases:`.",
        example: "A contributions table with rows for the council and the police, but none for the integrated care board: partial.",
        fix: "Put the contributions in a data set with one row per statutory partner, and show it with {{ table(data=\"funding\") }}. If a row names a partner differently (a directorate of the council, say), list that name under `check: aliases:` in report.yaml.",
        fix_printed: Some(
            "Show the contributions in a table with one row per statutory partner and the amounts in pounds.",
        ),
    },
    Def {
        key: "PUBLICATION",
        judge: publication,
        wwc: false,
        title: "Where it is published; a copy to the national panel within seven days",
        wt18: Some((Severity::Info, true)),
        wt23: Some((Severity::Info, true)),
        met_when: "records where it is published and the copy sent to the national panel within seven days",
        quote18: "The report should be widely available and the published arrangements say where; a copy goes to the Child Safeguarding Practice Review Panel and the What Works Centre for Children's Social Care within seven days of publication (to confirm).",
        quote23: "A copy goes to the Child Safeguarding Practice Review Panel and the Department for Education within seven days of publication (to confirm).",
        what: "Reads `publication:` in report.yaml: `website` for where the report is published, and `published` and `copy_to_panel` for the copy sent to the national panel within seven days.",
        example: "publication:\n  website: https://example.org/   # no copy_to_panel: partial",
        fix: "Add `published:` and `copy_to_panel:` dates under `publication:` in report.yaml once the report is out.",
        fix_printed: Some(
            "Say in the report where it is published and when, and when the copy went to the Child Safeguarding Practice Review Panel: \"A copy was sent to the Panel on 3 October 2022.\"",
        ),
    },
    Def {
        key: "PARTNERS",
        judge: partners,
        wwc: false,
        title: "Lead and delegated safeguarding partners named",
        wt18: None,
        wt23: Some((Severity::Warning, true)),
        met_when: "names the lead and the delegated safeguarding partners",
        quote18: "",
        quote23: "Lead safeguarding partners are \"the Chief Officer of Police, the Chief Executive of the Local Authority and the Chief Executive of the local Integrated Care Board (ICB)\"; they sign off the \"yearly report\". Each appoints a delegated safeguarding partner, \"named in the arrangements\".",
        what: "Looks for the lead safeguarding partners (by that name, or as the chief officer of police and the chief executives of the local authority and the ICB) and the delegated safeguarding partners in the text.",
        example: "A report that lists the three partner organisations but names neither their lead nor their delegated safeguarding partners: missing.",
        fix: "Name the lead safeguarding partners who sign the report off, and their delegated safeguarding partners.",
        fix_printed: None,
    },
    Def {
        key: "EDUCATION",
        judge: education,
        wwc: false,
        title: "The contribution of education",
        wt18: None,
        wt23: Some((Severity::Warning, true)),
        met_when: "shows the contribution of schools, colleges and early years settings",
        quote18: "",
        quote23: "Education gets a much stronger role; reports include the contribution of education and other relevant agencies (to confirm).",
        what: "Counts sentences recording what schools, colleges or early years settings did. Met with at least three; partial when education is only mentioned.",
        example: "Schools are important partners.   # mentioned, nothing done: partial",
        fix: "Give education a section of its own, saying what schools, colleges and early years settings did and what changed.",
        fix_printed: None,
    },
    Def {
        key: "DATA",
        judge: data_set,
        wwc: false,
        title: "The multi-agency data set used",
        wt18: None,
        wt23: Some((Severity::Warning, true)),
        met_when: "shows the agreed multi-agency data set it used",
        quote18: "",
        quote23: "Reports include the agreed multi-agency data set (to confirm).",
        what: "Met when the report shows tables made from data sets and says which multi-agency data set (or performance data) it used; partial with one of the two.",
        example: "A report with no tables from content/data: missing.",
        fix: "Put the partnership's agreed figures in data sets under content/data and show them with {{ table(data=\"…\") }}; say in the text which data set they come from.",
        fix_printed: Some(
            "Give the partnership's figures in tables, and say where each comes from.",
        ),
    },
    Def {
        key: "PUBLISH-BY",
        judge: publish_by,
        wwc: false,
        title: "Published by the end of September",
        wt18: None,
        wt23: Some((Severity::Info, true)),
        met_when: "is published by the end of the September after its period ends",
        quote18: "",
        quote23: "Reports are published by the end of September, covering the previous April to March (to confirm).",
        what: "Compares `publication: published:` in report.yaml with 30 September of the year the period ends.",
        example: "period ends 2024-03-31, published: 2024-11-01   # missing",
        fix: "Publish by the end of September, and record the date as `published:` under `publication:` in report.yaml.",
        fix_printed: Some(
            "Publish by the end of September, and say the date in the report: \"Published on 30 September 2022.\"",
        ),
    },
];

/// The criteria rules of both packs, and the checker's rule for unknown criteria.
pub fn rules() -> Vec<Rule> {
    let mut rules = Vec::new();
    for (pack, prefix) in [(Guidance::Wt2018, "WT18"), (Guidance::Wt2023, "WT23")] {
        for def in DEFS {
            let (severity, to_confirm, quote, reference) = match pack {
                Guidance::Wt2018 => match def.wt18 {
                    Some((s, c)) => (s, c, def.quote18, WT18_REF),
                    None => continue,
                },
                Guidance::Wt2023 => match def.wt23 {
                    Some((s, c)) => (s, c, def.quote23, WT23_REF),
                    None => continue,
                },
            };
            let id = format!("{prefix}-{}", def.key);
            let mut references = format!("{reference}\n{}", pack.title());
            if def.wwc {
                references.push('\n');
                references.push_str(WWC_REF);
            }
            references.push_str(
                "\nshared/reference/statutory-criteria.md summarises what the guidance requires.",
            );
            rules.push(Rule {
                id: id.clone(),
                family: Family::Criteria,
                severity,
                summary: format!("{}: met when the report {}.", def.title, def.met_when),
                to_confirm,
                pack: Some(pack),
                doc: Doc {
                    what: format!(
                        "{}\n\nThe finding says `missing` when the report does not address the criterion (at this rule's severity) and `partial` when it does without evidence for all of it (at most a warning). The criteria matrix shows every criterion's status, its evidence and why.",
                        def.what
                    ),
                    why: quote.to_string(),
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
            });
        }
    }
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
            fix: "Use an id `safeguarding-report explain` lists, such as WT18-VOICE.".into(),
            off: String::new(),
            references: "docs/format.md, \"Sections\".".into(),
        },
    });
    rules
}

fn prefix(guidance: Guidance) -> &'static str {
    match guidance {
        Guidance::Wt2018 => "WT18",
        Guidance::Wt2023 => "WT23",
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
}

/// Judges every criterion of the pack, adds a finding for each one not met, and
/// returns the matrix.
pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) -> Vec<Criterion> {
    let prefix = prefix(ctx.guidance);
    let reading = Reading::new(ctx);
    let declared = declared(ctx, out);
    let mut matrix = Vec::new();
    for def in DEFS {
        let severity = match ctx.guidance {
            Guidance::Wt2018 => def.wt18.map(|(s, _)| s),
            Guidance::Wt2023 => def.wt23.map(|(s, _)| s),
        };
        let Some(severity) = severity else { continue };
        let id = format!("{prefix}-{}", def.key);
        let mut j = (def.judge)(ctx, &reading);
        let declared_here = declared.get(def.key).cloned().unwrap_or_default();
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
            let span =
                j.at.clone()
                    .or_else(|| declared_here.first().map(|(s, _)| s.clone()))
                    .or_else(|| j.evidence.first().map(|e| e.resolve(ctx)))
                    .unwrap_or_else(|| ctx.facts.anchor.clone());
            let (sev, label, what) = match j.status {
                Status::Partial => (
                    severity.min(Severity::Warning),
                    PARTIAL_LABEL.to_string(),
                    "partly meets",
                ),
                _ => (
                    severity,
                    "the report as a whole".to_string(),
                    "does not meet",
                ),
            };
            let label = if ctx.facts.config_file.as_ref() == Some(&span.file)
                && j.status == Status::Missing
            {
                label
            } else if j.status == Status::Missing {
                "declared here".to_string()
            } else {
                label
            };
            out.push(
                Diagnostic::error(
                    &id,
                    span,
                    format!(
                        "the report {what} {id} ({}): {}",
                        def.title.to_lowercase(),
                        j.reason
                    ),
                )
                .with_severity(sev)
                .with_label(label)
                .with_help(format!(
                    "{} Run `safeguarding-report explain {id}` for what counts.",
                    match (&ctx.facts.config_file, def.fix_printed) {
                        (None, Some(printed)) => printed,
                        _ => def.fix.lines().next().unwrap_or(""),
                    }
                )),
            );
        }
        matrix.push(Criterion {
            id,
            title: def.title.to_string(),
            status: j.status,
            evidence,
            reason: j.reason,
        });
    }
    matrix
}

/// Sections' declared criteria by key (either pack's prefix), with the span of each
/// declaration and the section's index; unknown ids are reported.
fn declared(ctx: &Ctx, out: &mut Vec<Diagnostic>) -> BTreeMap<&'static str, Vec<(Span, usize)>> {
    let mut map: BTreeMap<&'static str, Vec<(Span, usize)>> = BTreeMap::new();
    for (index, section) in ctx.document.sections.iter().enumerate() {
        for (c, span) in section.criteria.iter().zip(&section.criteria_spans) {
            let key = c.strip_prefix("WT18-").or_else(|| c.strip_prefix("WT23-"));
            match key.and_then(|k| DEFS.iter().find(|d| d.key == k)) {
                Some(def) => {
                    map.entry(def.key).or_default().push((span.clone(), index));
                }
                None => {
                    let ids: Vec<String> = super::rules()
                        .iter()
                        .filter(|r| r.family == Family::Criteria)
                        .map(|r| r.id.clone())
                        .collect();
                    let help =
                        match crate::diagnostic::did_you_mean(c, ids.iter().map(String::as_str)) {
                            Some(m) => format!("did you mean `{m}`?"),
                            None => "`safeguarding-report explain` lists the criteria.".to_string(),
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
        });
        if out.len() == 6 {
            break;
        }
    }
    out
}

// ---------------------------------------------------------------------------------
// Reading the text

/// A sentence of the report that may count as evidence.
struct Sentence<'a> {
    text: &'a str,
    /// The text in lower case, to test for keywords before running a costly regex.
    lower: String,
    unit: usize,
    section: usize,
}

/// The report's text as evidence: sentences outside the scrutineer's evaluation and
/// outside quotations of the guidance, with what each section is about.
struct Reading<'a> {
    sentences: Vec<Sentence<'a>>,
    /// Sections holding the independent scrutineer's evaluation (or trying to).
    scrutiny: Vec<usize>,
    /// Lower-case section title and heading context per unit.
    context: Vec<String>,
    /// Each section's units, by index.
    units_of: Vec<Vec<usize>>,
}

macro_rules! re {
    ($name:ident, $pattern:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| super::text::regex($pattern).unwrap());
    };
}

re!(
    GUIDANCE_QUOTE,
    r"(?i)working together to safeguard|working together 20\d\d|statutory guidance says|the guidance (says|requires)"
);
re!(
    SCRUTINY_TITLE,
    r"(?i)scrutin|evaluation|independent (chair|scrutineer|person|reviewer)"
);
re!(
    ELSEWHERE,
    r"(?i)\bseparate(ly)? (report|document)|\bpublished separately\b|\bin a separate\b|\bwill publish\b"
);
re!(SCRUTINEER, r"(?i)scrutineer|independent scrutiny");
re!(
    EVALUATIVE,
    r"(?i)\b(effective|ineffective|effectiveness|meets?|good practice|positive|encouraging|not clear|little|weak|strong|inadequate|recommend\w*|conclusion|I think|my (view|comments)|insight|honest|difficult)\b"
);
re!(
    FUTURE,
    r"(?i)\b(will|shall|planned|plans? to|to be (launched|delivered|developed|implemented|undertaken|reviewed)|intends?|going to|aims? to|should|need(s)? to|must|would)\b"
);
re!(
    ACTIVITY_VERB,
    r"(?i)\b(held|hosted|published|launched|delivered|completed|established|commissioned|developed|reviewed|revised|trained|secured|agreed|ran|offered|introduced|implemented|produced|created|approved|undertook|undertaken|conducted|appointed|convened|carried out|set up|funded|purchased|rolled out|shared|disseminated|audited|attended|met|provided|supported|raised|promoted|worked|made|took part|participated|contributed|joined|nominated|referred|taught|designed)\b"
);
re!(
    REVIEW_TERM,
    r"(?i)\b(rapid reviews?|child safeguarding practice reviews?|CSPRs?|serious case reviews?|SCRs?|case reviews?|local reviews?)\b"
);
re!(
    NO_REVIEWS,
    r"(?i)\b(no|not any|none|nil|zero|neither)\b[^.]{0,60}\b(rapid reviews?|child safeguarding practice reviews?|CSPRs?|serious case reviews?|local reviews?)\b|\b(did not|does not|do not) (lead to|need|require|meet the criteria for)\b[^.]{0,30}\b(local reviews?|child safeguarding practice reviews?|CSPRs?)\b|\b(have|has|were|was) not (been )?(any )?[^.]{0,40}\b(rapid reviews?|child safeguarding practice reviews?|CSPRs?)\b"
);
re!(
    EFFECTIVE_JUDGEMENT,
    r"(?i)\b(is|are|was|were|be|been|remains?|proved?|judged|found)\s+((not|less|more|very|highly|largely|generally|fully|as|not as|not always|consistently)\s+)*(effective|ineffective)\b|\b(evidenc\w*|demonstrat\w*|shows?|showed|confirm\w*|indicat\w*)\b[^.]{0,80}\b(effective|ineffective)(ness)?\b|\beffectiveness\b[^.]{0,80}\b(evidenc\w*|demonstrat\w*|shows?|showed|judg\w*|assess\w*)\b"
);
re!(
    EFFECT_AIM,
    r"(?i)\b(to (improve|ensure|strengthen|review|evaluate|monitor|promote|support|drive)|aims? to|in order to)\b[^.]{0,40}\beffective"
);
re!(
    EVIDENCE_MARK,
    r"(?i)\d|\b(audits?|inspections?|ofsted|surveys?|data|performance|feedback|assurance)\b"
);
re!(
    EFFECT_GAP,
    r"(?i)\b(not (a )?robust|little analysis|limited (performance information|line of sight|evidence|data)|lack of (evidence|data|technical)|unable to (consistently )?(provide|evidence|demonstrate)|not always evidenced|no data|difficult to (formulate|judge)|(has|have) not progressed well)\b"
);
re!(
    EFFECT_TOPIC,
    r"(?i)effective|data ?set|data\b|evidence|performance information|line of sight"
);
re!(
    IMPACT_WORD,
    r"(?i)\b(impact|outcomes?|difference|improv(ed|ement|ements)|increas(ed|e)|reduc(ed|tion)|decreas(ed|e)|fewer|safer|better|benefit\w*|enabled|helped|now (at )?\d|up from|down from|rose|fell)\b"
);
re!(
    IMPACT_NOUN,
    r"(?i)\b(impact|outcomes?|difference|improved|improvement)\b"
);
re!(
    IMPACT_GAP,
    r"(?i)unable to (consistently )?(evidence|demonstrate)|too early to (evidence|tell|say|see)|yet to (make|have|deliver|demonstrate|see)\b[^.]{0,20}(impact|difference|improvement)|not (yet )?(able to )?(evidence|demonstrate)[^.]{0,40}(impact|improvement)|(impact|improvement)[^.]{0,60}(not (yet )?(known|evidenced|measured|clear)|has yet to|have not gone live|not always evidenced)|evaluate the impact[^.]{0,80}not gone live|little (is said|evidence)[^.]{0,40}impact|no evidence of (impact|improvement)|not always evidenced"
);
re!(
    PART_EARLY_HELP,
    r"(?i)early help|\bEHAs?\b|supporting families|children'?s? cent(re|er)s?|family support|\bTAF\b|team around the family"
);
re!(
    PART_CP,
    r"(?i)child(ren)? in need|\bCIN\b|child protection|\bCP\b|protection plans?|section 47|\bs47\b|strategy (meeting|discussion)s?|\bMASH\b|thresholds?|front door|referrals?|case conferences?|\bICPC\b|exploitation|missing (children|episodes?|from (home|care|school|education))"
);
re!(
    PART_CLA,
    r"(?i)looked[- ]after|\bCLA\b|\bin care\b|care plans?|placements?|\bIROs?\b|independent reviewing|fostering|foster carers?|adoption|corporate parent\w*"
);
re!(
    PART_LEAVERS,
    r"(?i)care leavers?|leaving care|care[- ]experienced?|ceased to be looked after|staying put|pathway plans?"
);
re!(
    PART_TRAINING,
    r"(?i)\btrain(ing|ed|ers?)?\b|\bcourses?\b|learning (and|&) development|workforce development|practitioner forums?"
);
re!(
    REASON,
    r"(?i)\b(because|due to|as a result of|owing to|pending|delay(ed|s)?|lack of|not yet|yet to|stalled|slower than|challeng\w+|barriers?|difficult\w*|insufficient|has not progressed|not progressed|hampered|impeded|limited|not (been )?(completed|started|achieved))\b"
);
re!(
    REASON_STRONG,
    r"(?i)\b(because|due to|owing to|pending|delay(ed|s)?|not yet|yet to|stalled|slower than|has not progressed|not progressed)\b"
);
re!(
    NEXT,
    r"(?i)\b(will|next steps?|need to|needs to|plan(ned)? (to|for)|moving forward|going forward|further work|to be (undertaken|addressed|launched|developed|reviewed))\b"
);
re!(
    LITTLE_PROGRESS,
    r"(?i)\b(little|no|limited|slow|slower) (evidence of )?progress|has not progressed|not progressed well|stalled|pace of change (has been|was) slower"
);
re!(
    SEEK,
    r"(?i)\b(survey\w*|focus groups?|consult\w*|views (of|from)|views and experiences?|feedback|listen\w*|takeover|take-over|return home interviews?|interviewed|asked|podcasts?|told us|questionnaires?)\b"
);
re!(
    WHO,
    r"(?i)\b(child\w*|young (people|person)|famil\w+|parents?|carers?|pupils?|students?|youth|care leavers?|care[- ]experienced)\b"
);
re!(
    CHILDREN,
    r"(?i)\b(child\w*|young (people|person)|youth|pupils?|students?|teenagers?|care leavers?|care[- ]experienced)\b"
);
re!(
    PARENTS,
    r"(?i)\b(parents?|carers?|mothers?|fathers?|famil(y|ies))\b"
);
re!(VOICE_CONTEXT, r"(?i)voice|participation|young people|youth");
re!(
    USE_STRONG,
    r"(?i)\b(built into|fed into|led to|changed|shaped|resulted in|incorporated|acted on)\b"
);
re!(
    PLANNED,
    r"(?i)\b(will|shall|plans? to|planned to|intends? to|going to|aims? to)\b"
);
re!(
    AIM,
    r"(?i)^aims?\b|\b(aims? to|in order to|to ensure|promote)\b"
);
re!(
    USE,
    r"(?i)\b(informed|influenc\w+|shaped|changed|led to|as a result|built into|fed into|used (to|in)|in response|acted on|resulted in|incorporated|based on)\b"
);
re!(
    USE_TOPIC,
    r"(?i)\b(feedback|views|voice|survey|findings|said|told|consultation|focus groups?|participation|answers|comments|ideas|suggestions)\b"
);
re!(
    FUNDING_WORD,
    r"(?i)contribut|funding|budget|income|\bmoney\b|finance"
);
re!(
    PUBLISHED_WHERE,
    r"(?i)\b(published|available) (on|at|from) (our|the) (website|web ?site|webpages?)"
);
re!(
    LSP,
    r"(?i)lead safeguarding partners?|chief constable|chief officer of police|chief executives?"
);
re!(
    DSP,
    r"(?i)delegated safeguarding partners?|delegated (officer|lead|partner)s?"
);
re!(
    EDUCATION,
    r"(?i)\b(schools?|colleges?|education\w*|early years|pupils?|academ(y|ies))\b"
);
re!(
    DATASET,
    r"(?i)multi-agency data ?set|data ?set|dataset|performance (data|information|report)"
);

impl<'a> Reading<'a> {
    fn new(ctx: &'a Ctx) -> Reading<'a> {
        let doc = ctx.document;
        let declared_scrutiny: Vec<&str> = doc
            .sections
            .iter()
            .filter(|s| s.criteria.iter().any(|c| c.ends_with("-SCRUTINY")))
            .map(|s| s.id.as_str())
            .collect();
        // Each section's units, and sections by id, found once: searched for again
        // for every section or unit, a report read from a file of tens of thousands of
        // headings took minutes.
        let mut units_of: Vec<Vec<usize>> = vec![Vec::new(); doc.sections.len()];
        for (i, u) in ctx.units.iter().enumerate() {
            if let Some(list) = units_of.get_mut(u.section) {
                list.push(i);
            }
        }
        let by_id: std::collections::HashMap<&str, &crate::assemble::Section> =
            doc.sections.iter().map(|s| (s.id.as_str(), s)).collect();
        // In order, for a binary search.
        let scrutiny: Vec<usize> = doc
            .sections
            .iter()
            .enumerate()
            .filter(|(i, s)| {
                let titled =
                    SCRUTINY_TITLE.is_match(&s.title) || declared_scrutiny.contains(&s.id.as_str());
                let names = || {
                    SCRUTINEER.is_match(&s.title)
                        || units_of[*i]
                            .iter()
                            .any(|u| SCRUTINEER.is_match(&ctx.units[*u].text))
                };
                titled && names()
            })
            .map(|(i, _)| i)
            .collect();
        let context = ctx
            .units
            .iter()
            .map(|u| {
                let section = &doc.sections[u.section];
                let parent = section
                    .parent
                    .as_ref()
                    .and_then(|p| by_id.get(p.as_str()))
                    .map(|p| p.title.clone())
                    .unwrap_or_default();
                format!(
                    "{} / {} / {}",
                    parent,
                    section.title,
                    u.heading.as_deref().unwrap_or("")
                )
                .to_lowercase()
            })
            .collect();
        let mut out = Vec::new();
        for (index, unit) in ctx.units.iter().enumerate() {
            if scrutiny.binary_search(&unit.section).is_ok()
                || !matches!(unit.kind, UnitKind::Paragraph | UnitKind::Heading(_))
            {
                continue;
            }
            for r in sentences(&unit.text) {
                let text = &unit.text[r];
                if GUIDANCE_QUOTE.is_match(text) {
                    continue;
                }
                out.push(Sentence {
                    text,
                    lower: text.to_lowercase(),
                    unit: index,
                    section: unit.section,
                });
            }
        }
        Reading {
            sentences: out,
            scrutiny,
            context,
            units_of,
        }
    }

    /// Sentences that record something done, not planned.
    fn activities(&self) -> impl Iterator<Item = &Sentence<'a>> {
        self.sentences.iter().filter(|s| {
            ACTIVITY_VERB.is_match(s.text) && !FUTURE.is_match(s.text) && word_count(s.text) >= 4
        })
    }
}

fn span_of(ctx: &Ctx, s: &Sentence) -> Ev {
    let unit = &ctx.units[s.unit];
    let start = s.text.as_ptr() as usize - unit.text.as_ptr() as usize;
    Ev::Words(s.unit, start..start + s.text.len())
}

fn quote(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 22 {
        format!("\u{201c}{}\u{201d}", words.join(" "))
    } else {
        format!("\u{201c}{} …\u{201d}", words[..20].join(" "))
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn distinct_sections(sentences: &[&Sentence]) -> usize {
    let mut s: Vec<usize> = sentences.iter().map(|s| s.section).collect();
    s.sort_unstable();
    s.dedup();
    s.len()
}

fn period(ctx: &Ctx, _: &Reading) -> Judgement {
    let Some(p) = &ctx.facts.period else {
        return Judgement::new(
            Status::Missing,
            vec![],
            "the report does not say which months it covers.",
        );
    };
    let (start, end) = (p.value.start, p.value.end);
    let span = p
        .origin
        .span()
        .cloned()
        .unwrap_or_else(|| ctx.facts.anchor.clone());
    // 12 months from 29 February end on 28 February: a year on is 1 March.
    let leap_day = start.month == 2 && start.day == 29;
    let a_year_on = crate::model::Date {
        year: start.year + 1,
        month: if leap_day { 3 } else { start.month },
        day: if leap_day { 1 } else { start.day },
    };
    let expected_end = a_year_on.days_since_epoch() - 1;
    let days = end.days_since_epoch() - start.days_since_epoch() + 1;
    if end.days_since_epoch() == expected_end {
        Judgement::new(
            Status::Met,
            vec![span.into()],
            format!(
                "the report covers {} to {}, 12 months, {}.",
                start.long(),
                end.long(),
                p.origin.phrase()
            ),
        )
    } else {
        let mut j = Judgement::new(
            Status::Missing,
            vec![],
            format!(
                "the period {} to {} ({}) is {days} days, not 12 months.",
                start.long(),
                end.long(),
                p.origin.phrase()
            ),
        );
        j.at = Some(span);
        j
    }
}

fn activity(ctx: &Ctx, r: &Reading) -> Judgement {
    let found: Vec<&Sentence> = r.activities().collect();
    let sections = distinct_sections(&found);
    let spans: Vec<Ev> = found.iter().map(|s| span_of(ctx, s)).collect();
    // A short report may set its activity out in one section.
    let spread = sections >= 2 || ctx.document.sections.len() <= 3;
    if found.len() >= 5 && spread {
        Judgement::new(
            Status::Met,
            spans,
            format!(
                "{} in {} record what the partners did in the period.",
                plural(found.len(), "sentence", "sentences"),
                plural(sections, "section", "sections")
            ),
        )
    } else if !found.is_empty() {
        Judgement::new(
            Status::Partial,
            spans,
            format!(
                "only {} in {} record something the partners did; a report sets out its year's activity across its sections.",
                plural(found.len(), "sentence", "sentences"),
                plural(sections, "section", "sections")
            ),
        )
    } else {
        Judgement::new(
            Status::Missing,
            vec![],
            "no sentence records something the partners did in the period.",
        )
    }
}

fn review_sections<'c>(ctx: &'c Ctx) -> Vec<(usize, &'c crate::model::Review)> {
    ctx.document
        .sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.review.as_ref().map(|r| (i, r)))
        .collect()
}

fn kind_name(kind: ReviewKind) -> &'static str {
    match kind {
        ReviewKind::RapidReview => "rapid review",
        ReviewKind::Cspr => "child safeguarding practice review",
        ReviewKind::Scr => "serious case review",
        ReviewKind::National => "national review",
    }
}

fn reviews(ctx: &Ctx, r: &Reading) -> Judgement {
    let blocks = review_sections(ctx);
    let none: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| s.lower.contains("review") && NO_REVIEWS.is_match(s.text))
        .collect();
    let active: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| {
            REVIEW_TERM.is_match(s.text)
                && ACTIVITY_VERB.is_match(s.text)
                && !FUTURE.is_match(s.text)
        })
        .collect();
    let mut spans: Vec<Ev> = blocks
        .iter()
        .map(|(i, _)| Ev::from(ctx.document.sections[*i].span.clone()))
        .collect();
    spans.extend(none.iter().map(|s| span_of(ctx, s)));
    spans.extend(active.iter().map(|s| span_of(ctx, s)));
    let mut parts = Vec::new();
    if !blocks.is_empty() {
        let names: Vec<String> = blocks
            .iter()
            .map(|(_, r)| format!("{} ({})", r.name, kind_name(r.kind)))
            .collect();
        parts.push(format!(
            "{} recorded: {}",
            plural(blocks.len(), "case review", "case reviews"),
            names.join(", ")
        ));
    }
    if let Some(s) = none.first() {
        parts.push(format!("the report says {}", quote(s.text)));
    }
    if !blocks.is_empty() || !none.is_empty() || active.len() >= 2 {
        if parts.is_empty() {
            parts.push(format!(
                "{} record review activity",
                plural(active.len(), "sentence", "sentences")
            ));
        }
        return Judgement::new(Status::Met, spans, format!("{}.", parts.join("; ")));
    }
    let mentions: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| REVIEW_TERM.is_match(s.text))
        .collect();
    if !mentions.is_empty() || !active.is_empty() {
        let spans = mentions.iter().map(|s| span_of(ctx, s)).collect();
        return Judgement::new(
            Status::Partial,
            spans,
            "case reviews are mentioned, but the report neither records the year's review activity nor says there was none.",
        );
    }
    Judgement::new(
        Status::Missing,
        vec![],
        "the report says nothing of child safeguarding practice reviews, not even that there were none.",
    )
}

fn effectiveness(ctx: &Ctx, r: &Reading) -> Judgement {
    let judgements: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| {
            s.lower.contains("effective")
                && EFFECTIVE_JUDGEMENT.is_match(s.text)
                && !EFFECT_AIM.is_match(s.text)
        })
        .collect();
    let backed: Vec<&Sentence> = judgements
        .iter()
        .copied()
        .filter(|s| EVIDENCE_MARK.is_match(s.text))
        .collect();
    let gaps: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| EFFECT_GAP.is_match(s.text) && EFFECT_TOPIC.is_match(s.text))
        .collect();
    let mut spans: Vec<Ev> = backed.iter().map(|s| span_of(ctx, s)).collect();
    spans.extend(judgements.iter().map(|s| span_of(ctx, s)));
    if judgements.is_empty() {
        return Judgement::new(
            Status::Missing,
            vec![],
            "no sentence judges how effective the arrangements have been.",
        );
    }
    if backed.is_empty() {
        return Judgement::new(
            Status::Partial,
            spans,
            format!(
                "{} judge effectiveness, but none rests on evidence (a figure, an audit, an inspection or a survey).",
                plural(judgements.len(), "sentence", "sentences")
            ),
        );
    }
    if let Some(gap) = gaps.first() {
        let mut j = Judgement::new(
            Status::Partial,
            spans,
            format!(
                "{} judge effectiveness ({} with evidence), but the report itself says its evidence is weak: {}{}",
                plural(judgements.len(), "sentence", "sentences"),
                backed.len(),
                quote(gap.text),
                if gaps.len() > 1 {
                    format!(" ({} such admissions)", gaps.len())
                } else {
                    String::new()
                }
            ),
        );
        j.at = Some(span_of(ctx, gap).resolve(ctx));
        return j;
    }
    Judgement::new(
        Status::Met,
        spans,
        format!(
            "{} judge effectiveness, {} of them with evidence.",
            plural(judgements.len(), "sentence", "sentences"),
            backed.len()
        ),
    )
}

/// The continuum the guidance names, and training.
const PARTS: &[(&str, &LazyLock<Regex>)] = &[
    ("early help", &PART_EARLY_HELP),
    ("children in need and child protection", &PART_CP),
    ("looked-after children", &PART_CLA),
    ("care leavers", &PART_LEAVERS),
    ("training", &PART_TRAINING),
];

/// Whether a sentence says impact cannot (yet) be evidenced.
fn impact_gap(s: &Sentence) -> bool {
    ["impact", "improve", "evidence", "too early", "unable"]
        .iter()
        .any(|w| s.lower.contains(w))
        && IMPACT_GAP.is_match(s.text)
}

fn impact(ctx: &Ctx, r: &Reading) -> Judgement {
    let in_part =
        |s: &Sentence, part: &Regex| part.is_match(s.text) || part.is_match(&r.context[s.unit]);
    let claims: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| {
            let t = s.text;
            IMPACT_WORD.is_match(t)
                && (IMPACT_NOUN.is_match(t) || t.chars().any(|c| c.is_ascii_digit()))
                && !FUTURE.is_match(t)
                && !impact_gap(s)
                && !(s.lower.contains("effective") && EFFECT_AIM.is_match(t))
        })
        .collect();
    let gaps: Vec<&Sentence> = r.sentences.iter().filter(|s| impact_gap(s)).collect();
    let mut evidenced = Vec::new();
    let mut lacking = Vec::new();
    let mut spans = Vec::new();
    for (name, part) in PARTS {
        let here: Vec<&&Sentence> = claims.iter().filter(|s| in_part(s, part)).collect();
        let gap = gaps.iter().find(|s| {
            in_part(s, part) && (part.is_match(s.text) || s.text.to_lowercase().contains("impact"))
        });
        match (here.first(), gap) {
            (Some(first), None) => {
                spans.push(span_of(ctx, first));
                evidenced.push(*name);
            }
            (Some(first), Some(g)) => {
                spans.push(span_of(ctx, first));
                lacking.push(format!("{name} (the report says {})", quote(g.text)));
            }
            (None, Some(g)) => lacking.push(format!("{name} (the report says {})", quote(g.text))),
            (None, None) => lacking.push(name.to_string()),
        }
    }
    if lacking.is_empty() {
        Judgement::new(
            Status::Met,
            spans,
            "the report evidences impact on outcomes for every part of the continuum, early help to care leavers, and for training.",
        )
    } else if evidenced.is_empty() && claims.is_empty() {
        Judgement::new(
            Status::Missing,
            spans,
            format!(
                "no impact on outcomes is evidenced for any part of the continuum; missing: {}.",
                lacking.join("; ")
            ),
        )
    } else if evidenced.is_empty() {
        Judgement::new(
            Status::Partial,
            claims.iter().map(|s| span_of(ctx, s)).collect(),
            format!(
                "the report shows a change for children or families ({}), but no impact for any part of the continuum; missing: {}.",
                quote(claims[0].text),
                lacking.join("; ")
            ),
        )
    } else {
        Judgement::new(
            Status::Partial,
            spans,
            format!(
                "impact is evidenced for {}, but not for {}.",
                evidenced.join(", "),
                lacking.join("; ")
            ),
        )
    }
}

/// A section's index and those of its sub-sections.
fn family(ctx: &Ctx, index: usize) -> Vec<usize> {
    let id = &ctx.document.sections[index].id;
    let mut out = vec![index];
    for (j, s) in ctx.document.sections.iter().enumerate() {
        if s.parent.as_ref() == Some(id) {
            out.push(j);
        }
    }
    out
}

/// NO-PROGRESS when no section records a priority's progress.
fn no_priorities(ctx: &Ctx, r: &Reading) -> Judgement {
    let admitted: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| LITTLE_PROGRESS.is_match(s.text))
        .collect();
    let spans: Vec<Ev> = admitted.iter().map(|s| span_of(ctx, s)).collect();
    let mut j = Judgement::new(
        Status::Partial,
        spans,
        if admitted.is_empty() {
            "the report records no priority's progress (no `priority:` block), so no analysis of little or no progress can be found.".to_string()
        } else {
            format!(
                "the report admits little progress ({}) but records no priority's progress in a `priority:` block, so the analysis cannot be tied to its priorities.",
                quote(admitted[0].text)
            )
        },
    );
    j.at = None;
    j
}

/// NO-PROGRESS when every recorded priority made some or good progress.
fn all_progressing(ctx: &Ctx, priorities: &[(usize, &crate::model::Priority)]) -> Judgement {
    let names: Vec<String> = priorities
        .iter()
        .map(|(_, p)| format!("{} ({})", p.name, progress_name(p.progress)))
        .collect();
    let spans = priorities
        .iter()
        .map(|(i, _)| Ev::from(ctx.document.sections[*i].span.clone()))
        .collect();
    Judgement::new(
        Status::Met,
        spans,
        format!(
            "no priority made little or no progress: {}.",
            names.join(", ")
        ),
    )
}

fn no_progress(ctx: &Ctx, r: &Reading) -> Judgement {
    let priorities: Vec<(usize, &crate::model::Priority)> = ctx
        .document
        .sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.priority.as_ref().map(|p| (i, p)))
        .collect();
    let analysed = |sections: &[usize]| -> (Option<&Sentence>, Option<&Sentence>) {
        let mine = |s: &&Sentence| sections.contains(&s.section);
        // The plainest statement of why: one that speaks of progress or delay, else any.
        let why = r
            .sentences
            .iter()
            .filter(mine)
            .filter(|s| REASON.is_match(s.text))
            .max_by_key(|s| {
                usize::from(REASON_STRONG.is_match(s.text)) * 2 + usize::from(NEXT.is_match(s.text))
            });
        (
            why,
            r.sentences
                .iter()
                .filter(mine)
                .find(|s| NEXT.is_match(s.text)),
        )
    };
    if priorities.is_empty() {
        return no_priorities(ctx, r);
    }
    let stalled: Vec<&(usize, &crate::model::Priority)> = priorities
        .iter()
        .filter(|(_, p)| matches!(p.progress, Progress::Little | Progress::None))
        .collect();
    if stalled.is_empty() {
        return all_progressing(ctx, &priorities);
    }
    let mut spans = Vec::new();
    let mut done = Vec::new();
    let mut not = Vec::new();
    for (i, p) in &stalled {
        let (why, next) = analysed(&family(ctx, *i));
        match (why, next) {
            (Some(w), Some(_)) => {
                spans.push(span_of(ctx, w));
                done.push(format!(
                    "{} ({}: {})",
                    p.name,
                    progress_name(p.progress),
                    quote(w.text)
                ));
            }
            (w, n) => {
                spans.push(ctx.document.sections[*i].span.clone().into());
                let lacks = match (w, n) {
                    (None, None) => "neither why nor what next",
                    (None, Some(_)) => "not why",
                    _ => "not what happens next",
                };
                not.push(format!(
                    "{} ({}; the section says {lacks})",
                    p.name,
                    progress_name(p.progress)
                ));
            }
        }
    }
    if done.is_empty() {
        Judgement::new(
            Status::Missing,
            spans,
            format!(
                "no priority with little or no progress is analysed: {}.",
                not.join("; ")
            ),
        )
    } else if !not.is_empty() {
        Judgement::new(
            Status::Partial,
            spans,
            format!(
                "analysed: {}; not analysed: {}.",
                done.join("; "),
                not.join("; ")
            ),
        )
    } else {
        Judgement::new(
            Status::Met,
            spans,
            format!(
                "every priority with little or no progress is analysed, saying why and what next: {}.",
                done.join("; ")
            ),
        )
    }
}

fn progress_name(p: Progress) -> &'static str {
    match p {
        Progress::Good => "good progress",
        Progress::Some => "some progress",
        Progress::Little => "little progress",
        Progress::None => "no progress",
    }
}

re!(
    ACTED_ON,
    r"(?i)\b(acted on|took action on|action (was )?taken on|actions? (taken )?in response to|in response to|implement\w*|responded to)\b"
);

/// Actions on a review recorded in the text, as a report read from a file has them:
/// a sentence that says the partners acted on a review, and what they did.
fn review_actions_in_text(ctx: &Ctx, r: &Reading) -> Option<Judgement> {
    let acted: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| {
            s.lower.contains("review")
                && ACTED_ON.is_match(s.text)
                && !FUTURE.is_match(s.text)
                && !s.lower.contains("rapid review")
        })
        .collect();
    let first = acted.first()?;
    // What was done: the sentence itself, or the next one in its paragraph.
    let next = r
        .sentences
        .iter()
        .skip_while(|s| !std::ptr::eq(*s, *first))
        .nth(1)
        .filter(|s| s.unit == first.unit && ACTIVITY_VERB.is_match(s.text));
    let what = next.map_or(first.text, |s| s.text);
    Some(Judgement::new(
        Status::Met,
        acted.iter().map(|s| span_of(ctx, s)).collect(),
        format!(
            "the text records action on a review ({}: {}); no `review:` block lists the recommendations one by one.",
            quote(first.text),
            quote(what)
        ),
    ))
}

fn review_actions(ctx: &Ctx, r: &Reading) -> Judgement {
    let blocks = review_sections(ctx);
    let mut total = 0;
    let mut with_actions = 0;
    let mut with_impact = 0;
    let mut lacking = Vec::new();
    let mut empty_reviews = Vec::new();
    let mut spans = Vec::new();
    let mut at = None;
    for (i, review) in &blocks {
        let span = ctx.document.sections[*i].span.clone();
        if review.recommendations.is_empty() {
            if review.kind != ReviewKind::RapidReview {
                empty_reviews.push(review.name.clone());
                at.get_or_insert(span.clone());
            }
            continue;
        }
        let mut ok = true;
        for (n, rec) in review.recommendations.iter().enumerate() {
            total += 1;
            if rec.actions.iter().any(|a| !a.trim().is_empty()) {
                with_actions += 1;
            } else {
                ok = false;
                lacking.push(format!("{} recommendation {}", review.name, n + 1));
            }
            if rec.impact.as_deref().is_some_and(|i| !i.trim().is_empty()) {
                with_impact += 1;
            }
        }
        if ok {
            spans.push(Ev::from(span));
        } else {
            at.get_or_insert(span);
        }
    }
    if total == 0 {
        let mentions: Vec<&Sentence> = r
            .sentences
            .iter()
            .filter(|s| s.lower.contains("recommendation") && s.lower.contains("review"))
            .collect();
        if let Some(j) = review_actions_in_text(ctx, r) {
            return j;
        }
        let mut j = Judgement::new(
            if mentions.is_empty() && empty_reviews.is_empty() {
                Status::Missing
            } else {
                Status::Partial
            },
            mentions.iter().map(|s| span_of(ctx, s)).collect(),
            if mentions.is_empty() {
                "no review recommendation, local or national, is recorded with the actions taken on it.".to_string()
            } else {
                "recommendations are mentioned, but none is recorded in a `review:` block with the actions taken on it.".to_string()
            },
        );
        j.at = at;
        return j;
    }
    let mut reason = format!(
        "{} of {} recommendations record the decisions and actions taken or planned; {} record a resulting improvement",
        with_actions, total, with_impact
    );
    if !empty_reviews.is_empty() {
        reason.push_str(&format!(
            "; {} list no recommendations",
            empty_reviews.join(", ")
        ));
    }
    if !lacking.is_empty() {
        reason.push_str(&format!("; no actions for: {}", lacking.join(", ")));
    }
    reason.push('.');
    let status = if with_actions == 0 {
        Status::Missing
    } else if !lacking.is_empty() || !empty_reviews.is_empty() {
        Status::Partial
    } else {
        Status::Met
    };
    let mut j = Judgement::new(status, spans, reason);
    j.at = at;
    j
}

/// A change that follows straight on from asking children or families, in the same
/// paragraph: "We asked 420 young people in a survey. Their answers were built into
/// the lessons." Returns the paragraph's text, which says who was asked.
fn follows_asking<'r>(ctx: &'r Ctx, r: &Reading, i: usize) -> Option<&'r str> {
    let s = &r.sentences[i];
    let paragraph = ctx.units[s.unit].text.as_str();
    let follows = USE_STRONG.is_match(s.text) || s.lower.starts_with("as a result");
    let asked = r.sentences[i.saturating_sub(2)..i]
        .iter()
        .any(|p| p.unit == s.unit && SEEK.is_match(p.text) && WHO.is_match(p.text));
    (follows && asked).then_some(paragraph)
}

fn voice(ctx: &Ctx, r: &Reading) -> Judgement {
    let sought: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| {
            SEEK.is_match(s.text)
                && WHO.is_match(s.text)
                && !FUTURE.is_match(s.text)
                && !AIM.is_match(s.text)
        })
        .collect();
    let asked_before = |i: usize| follows_asking(ctx, r, i);
    let used_at: Vec<usize> = (0..r.sentences.len())
        .filter(|&i| {
            let s = &r.sentences[i];
            let asked = asked_before(i).is_some();
            USE.is_match(s.text)
                && (USE_TOPIC.is_match(s.text) || asked)
                && (WHO.is_match(s.text)
                    || WHO.is_match(&r.context[s.unit])
                    || SEEK.is_match(&r.context[s.unit])
                    || asked)
                && !PLANNED.is_match(s.text)
        })
        .collect();
    let used: Vec<&Sentence> = used_at.iter().map(|&i| &r.sentences[i]).collect();
    // Children's own feedback, not only their parents': the guidance asks for both.
    let mut by_children: Vec<&Sentence> = used_at
        .iter()
        .filter(|&&i| {
            let s = &r.sentences[i];
            let who = |t: &str| {
                let parents_only = PARENTS.is_match(t) && !CHILDREN.is_match(t);
                !parents_only && CHILDREN.is_match(t)
            };
            let parents_only = PARENTS.is_match(s.text) && !CHILDREN.is_match(s.text);
            !parents_only
                && (who(s.text)
                    || VOICE_CONTEXT.is_match(&r.context[s.unit])
                    || asked_before(i).is_some_and(who))
        })
        .map(|&i| &r.sentences[i])
        .collect();
    // The plainest examples first: feedback built into, or changing, something.
    by_children.sort_by_key(|s| usize::from(!USE_STRONG.is_match(s.text)));
    let mut spans: Vec<Ev> = by_children.iter().map(|s| span_of(ctx, s)).collect();
    spans.extend(used.iter().map(|s| span_of(ctx, s)));
    spans.extend(sought.iter().map(|s| span_of(ctx, s)));
    if let (Some(s), Some(u), None) = (sought.first(), used.first(), by_children.first()) {
        return Judgement::new(
            Status::Partial,
            spans,
            format!(
                "feedback was sought (e.g. {}) and parents' or carers' feedback used ({}), but the report does not show children's and young people's own feedback being used.",
                quote(s.text),
                quote(u.text)
            ),
        );
    }
    match (sought.first(), by_children.first()) {
        (Some(s), Some(u)) => Judgement::new(
            Status::Met,
            spans,
            format!(
                "feedback from children and families was sought ({}, e.g. {}) and used ({}, e.g. {}).",
                plural(sought.len(), "sentence", "sentences"),
                quote(s.text),
                plural(used.len(), "sentence", "sentences"),
                quote(u.text)
            ),
        ),
        (Some(s), None) => Judgement::new(
            Status::Partial,
            spans,
            format!(
                "the report shows feedback being sought (e.g. {}), but not how it was used to inform the partners' work.",
                quote(s.text)
            ),
        ),
        (None, Some(u)) => Judgement::new(
            Status::Partial,
            spans,
            format!(
                "the report says feedback was used ({}), but not how children and families were asked.",
                quote(u.text)
            ),
        ),
        (None, None) => Judgement::new(
            Status::Missing,
            vec![],
            "the report says nothing of feedback from children and families.",
        ),
    }
}

fn scrutiny(ctx: &Ctx, r: &Reading) -> Judgement {
    let mut partial = None;
    for &i in &r.scrutiny {
        let units: Vec<&Unit> = r.units_of[i].iter().map(|u| &ctx.units[*u]).collect();
        let words: usize = units.iter().map(|u| word_count(&u.text)).sum();
        let judgements = units
            .iter()
            .flat_map(|u| sentences(&u.text).into_iter().map(move |s| &u.text[s]))
            .filter(|s| EVALUATIVE.is_match(s))
            .count();
        let section = &ctx.document.sections[i];
        if words >= 100 && judgements >= 3 {
            return Judgement::new(
                Status::Met,
                vec![section.span.clone().into()],
                format!(
                    "\"{}\" carries the independent scrutineer's evaluation: {words} words, {} evaluative sentences.",
                    section.heading(),
                    judgements
                ),
            );
        }
        partial.get_or_insert((i, words, judgements));
    }
    if let Some((i, words, judgements)) = partial {
        let section = &ctx.document.sections[i];
        let deferred = ctx
            .units
            .iter()
            .filter(|u| u.section == i)
            .find(|u| ELSEWHERE.is_match(&u.text));
        if let (0, Some(u)) = (judgements, deferred) {
            return Judgement::new(
                Status::Missing,
                vec![u.block.span.clone().into()],
                format!(
                    "\"{}\" refers to the scrutineer's evaluation in another document ({}); the report itself does not carry it.",
                    section.heading(),
                    quote(&u.text)
                ),
            );
        }
        return Judgement::new(
            Status::Partial,
            vec![section.span.clone().into()],
            format!(
                "\"{}\" is about scrutiny but carries little evaluation ({words} words, {} evaluative sentences; at least 100 words and 3 judgements expected).",
                section.heading(),
                judgements
            ),
        );
    }
    Judgement::new(
        Status::Missing,
        vec![],
        "no section carries the independent scrutineer's evaluation.",
    )
}

/// Names a partner may go by in a table: its name, id, usual short name and aliases.
fn partner_names(ctx: &Ctx, partner: &crate::assemble::PartnerFact) -> Vec<String> {
    let mut names = vec![partner.name.clone(), partner.id.clone()];
    let name = partner.name.to_lowercase();
    for (word, short) in [
        ("police", &["Police", "Constabulary"][..]),
        ("constabulary", &["Police", "Constabulary"]),
        ("council", &["Council", "Local Authority"]),
        ("local authority", &["Council", "Local Authority"]),
        (
            "clinical commissioning group",
            &["CCG", "Clinical Commissioning Group"],
        ),
        ("ccg", &["CCG"]),
        ("integrated care board", &["ICB", "Integrated Care Board"]),
        ("icb", &["ICB"]),
    ] {
        if name.contains(word) {
            names.extend(short.iter().map(|s| s.to_string()));
        }
    }
    if let Some(aliases) = ctx.config.aliases.get(&partner.id) {
        names.extend(aliases.iter().cloned());
    }
    names
}

fn names_match(label: &str, names: &[String]) -> bool {
    let label = label.to_lowercase();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    names.iter().any(|n| {
        let n = n.to_lowercase();
        label.match_indices(&n).any(|(i, _)| {
            !word(label[..i].chars().next_back()) && !word(label[i + n.len()..].chars().next())
        })
    })
}

/// A table of money about contributions or funding, and the labels of its rows.
struct MoneyTable {
    title: String,
    labels: Vec<String>,
    span: Span,
}

/// Whether a typed cell is an amount of money: "£45,000".
fn is_money(cell: &str) -> bool {
    let t = cell.trim();
    t.starts_with('£') && t[2..].chars().any(|c| c.is_ascii_digit())
}

/// A unit's table as a table of contributions: one made from a data set with a
/// pounds column, or one typed with amounts in pounds, whose title, columns, section or
/// heading speak of contributions, funding, budget or income.
fn money_table(ctx: &Ctx, u: &Unit) -> Option<MoneyTable> {
    let crate::assemble::BlockKind::Table(t) = &u.block.kind else {
        return None;
    };
    let section = &ctx.document.sections[u.section];
    let title = t.title.clone().unwrap_or_else(|| match &u.heading {
        Some(h) => format!("the table under \"{h}\""),
        None => format!("the table in \"{}\"", section.heading()),
    });
    let money_column = |i: usize| {
        t.columns[i].title.contains('£')
            || t.rows
                .iter()
                .filter(|r| r.get(i).is_some_and(|c| is_money(c)))
                .count()
                * 2
                > t.rows.len()
    };
    let money: Vec<usize> = match t.data.as_deref().and_then(|id| ctx.facts.dataset(id)) {
        Some(d) => (0..d.columns.len())
            .filter(|&i| d.columns[i].unit == crate::model::Unit::Gbp)
            .collect(),
        None => (0..t.columns.len()).filter(|&i| money_column(i)).collect(),
    };
    let about = [
        Some(title.as_str()),
        Some(section.title.as_str()),
        u.heading.as_deref(),
    ]
    .into_iter()
    .flatten()
    .chain(t.columns.iter().map(|c| c.title.as_str()))
    .any(|s| FUNDING_WORD.is_match(s));
    if money.is_empty() || !about || t.rows.is_empty() {
        return None;
    }
    let labels = t
        .rows
        .iter()
        .flat_map(|r| r.iter().enumerate().filter(|(i, _)| !money.contains(i)))
        .map(|(_, c)| c.clone())
        .collect();
    Some(MoneyTable {
        title,
        labels,
        span: u.block.span.clone(),
    })
}

fn funding(ctx: &Ctx, _: &Reading) -> Judgement {
    let statutory: Vec<&crate::assemble::PartnerFact> = ctx
        .facts
        .partners
        .iter()
        .map(|p| &p.value)
        .filter(|p| p.statutory)
        .collect();
    let tables: Vec<MoneyTable> = ctx
        .units
        .iter()
        .filter_map(|u| money_table(ctx, u))
        .collect();
    if statutory.is_empty() {
        return Judgement::new(
            Status::Partial,
            vec![],
            "no statutory partner is known (report.yaml marks none `kind: statutory`, or none was found in the text), so no contribution can be matched to one.",
        );
    }
    if tables.is_empty() {
        return Judgement::new(
            Status::Missing,
            vec![],
            "no table of contributions in pounds (a data set about contributions or funding with a `gbp` column) is shown.",
        );
    }
    let mut found = Vec::new();
    let mut lacking = Vec::new();
    for p in &statutory {
        let names = partner_names(ctx, p);
        let hit = tables
            .iter()
            .find(|t| t.labels.iter().any(|l| names_match(l, &names)));
        match hit {
            Some(_) => found.push(p.name.clone()),
            None => lacking.push(p.name.clone()),
        }
    }
    let spans: Vec<Ev> = tables.iter().map(|t| t.span.clone().into()).collect();
    let titles: Vec<String> = tables.iter().map(|t| format!("\"{}\"", t.title)).collect();
    if lacking.is_empty() {
        Judgement::new(
            Status::Met,
            spans,
            format!(
                "{} shows the contribution of every statutory partner: {}.",
                titles.join(" and "),
                found.join(", ")
            ),
        )
    } else {
        Judgement::new(
            Status::Partial,
            spans,
            format!(
                "{} shows contributions, but no row names {} (list other names under `check: aliases:` if a row stands for a partner).",
                titles.join(" and "),
                lacking.join(" or ")
            ),
        )
    }
}

fn publication(ctx: &Ctx, r: &Reading) -> Judgement {
    let p = &ctx.facts.publication;
    // "report.yaml", or "the report" when the details were read from its text.
    let source = match &p.origin {
        crate::assemble::Origin::Stated { span } => span.file.to_string(),
        _ => "the report".to_string(),
    };
    let where_text: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| PUBLISHED_WHERE.is_match(s.text))
        .collect();
    let span = publication_span(ctx);
    let where_ = p.website.is_some() || !where_text.is_empty();
    let copy = match (p.published, p.copy_to_panel) {
        (Some(published), Some(copy)) => {
            Some(copy.days_since_epoch() - published.days_since_epoch())
        }
        _ => None,
    };
    let copy_ok = copy.is_some_and(|d| (0..=7).contains(&d));
    let mut j = match (where_, copy_ok) {
        (true, true) => Judgement::new(
            Status::Met,
            vec![span.clone().into()],
            format!(
                "{source} records where the report is published and a copy to the national panel within seven days."
            ),
        ),
        (true, false) => Judgement::new(
            Status::Partial,
            vec![span.clone().into()],
            match copy {
                Some(d) => format!(
                    "the copy to the national panel went {d} days after publication, not within seven."
                ),
                None => format!(
                    "{source} records where the report is published, but not its publication date and the copy sent to the national panel (`published`, `copy_to_panel`)."
                ),
            },
        ),
        (false, true) => Judgement::new(
            Status::Partial,
            vec![span.clone().into()],
            format!(
                "{source} records the copy to the national panel, but not where the report is published (`website`)."
            ),
        ),
        (false, false) => Judgement::new(
            Status::Missing,
            vec![],
            "neither where the report is published nor a copy to the national panel is recorded.",
        ),
    };
    j.at = Some(span);
    j
}

fn partners(ctx: &Ctx, r: &Reading) -> Judgement {
    let lsp: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| LSP.is_match(s.text))
        .collect();
    let dsp: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| DSP.is_match(s.text))
        .collect();
    let mut spans: Vec<Ev> = lsp.iter().map(|s| span_of(ctx, s)).collect();
    spans.extend(dsp.iter().map(|s| span_of(ctx, s)));
    match (lsp.is_empty(), dsp.is_empty()) {
        (false, false) => Judgement::new(
            Status::Met,
            spans,
            "the report names the lead and the delegated safeguarding partners.",
        ),
        (false, true) => Judgement::new(
            Status::Partial,
            spans,
            "the report names the lead safeguarding partners, but not the delegated safeguarding partners.",
        ),
        (true, false) => Judgement::new(
            Status::Partial,
            spans,
            "the report names delegated safeguarding partners, but not the lead safeguarding partners.",
        ),
        (true, true) => Judgement::new(
            Status::Missing,
            vec![],
            "the report names neither the lead nor the delegated safeguarding partners.",
        ),
    }
}

fn education(ctx: &Ctx, r: &Reading) -> Judgement {
    let mentions: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| EDUCATION.is_match(s.text))
        .collect();
    let done: Vec<&&Sentence> = mentions
        .iter()
        .filter(|s| ACTIVITY_VERB.is_match(s.text) && !FUTURE.is_match(s.text))
        .collect();
    let spans: Vec<Ev> = done
        .iter()
        .map(|s| span_of(ctx, s))
        .chain(mentions.iter().map(|s| span_of(ctx, s)))
        .collect();
    if done.len() >= 3 {
        Judgement::new(
            Status::Met,
            spans,
            format!(
                "{} record what schools, colleges or early years settings did.",
                plural(done.len(), "sentence", "sentences")
            ),
        )
    } else if !mentions.is_empty() {
        Judgement::new(
            Status::Partial,
            spans,
            format!(
                "education is mentioned ({} sentences), but little of what it did is recorded.",
                mentions.len()
            ),
        )
    } else {
        Judgement::new(
            Status::Missing,
            vec![],
            "the report says nothing of education's contribution.",
        )
    }
}

/// Whether a unit is a table of figures: made from a data set, or typed with a
/// column of numbers.
fn figures_table(ctx: &Ctx, u: &Unit) -> bool {
    let crate::assemble::BlockKind::Table(t) = &u.block.kind else {
        return false;
    };
    if t.data
        .as_deref()
        .and_then(|id| ctx.facts.dataset(id))
        .is_some()
    {
        return true;
    }
    let number = |c: &str| {
        let c = c.trim();
        !c.is_empty()
            && c.chars()
                .all(|ch| ch.is_ascii_digit() || ",.%£ ".contains(ch))
    };
    (0..t.columns.len())
        .any(|i| t.rows.len() >= 2 && t.rows.iter().all(|r| r.get(i).is_some_and(|c| number(c))))
}

fn data_set(ctx: &Ctx, r: &Reading) -> Judgement {
    // Tables of figures; a table of contributions is not the data set.
    let tables: Vec<Ev> = ctx
        .units
        .iter()
        .filter(|u| figures_table(ctx, u) && money_table(ctx, u).is_none())
        .map(|u| Ev::from(u.block.span.clone()))
        .collect();
    let said: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| DATASET.is_match(s.text))
        .collect();
    let mut spans: Vec<Ev> = said.iter().map(|s| span_of(ctx, s)).collect();
    spans.extend(tables.iter().cloned());
    match (tables.is_empty(), said.is_empty()) {
        (false, false) => Judgement::new(
            Status::Met,
            spans,
            format!(
                "{} of figures, and the text says which data it used.",
                plural(tables.len(), "table", "tables")
            ),
        ),
        (false, true) => Judgement::new(
            Status::Partial,
            spans,
            "the report shows tables of figures but does not say which multi-agency data set they come from.",
        ),
        (true, false) => Judgement::new(
            Status::Partial,
            spans,
            "the report speaks of its data set but shows no table of its figures (a table of contributions is not one).",
        ),
        (true, true) => Judgement::new(
            Status::Missing,
            vec![],
            "the report shows no multi-agency data.",
        ),
    }
}

/// Where the publication details are stated, or the title when nowhere.
fn publication_span(ctx: &Ctx) -> Span {
    let origin = &ctx.facts.publication.origin;
    origin
        .span()
        .cloned()
        .unwrap_or_else(|| ctx.facts.anchor.clone())
}

fn publish_by(ctx: &Ctx, _: &Reading) -> Judgement {
    let Some(period) = ctx.period() else {
        return Judgement::new(
            Status::Partial,
            vec![],
            "the report does not say which months it covers, so its deadline is unknown.",
        );
    };
    let end = period.end;
    let deadline = crate::model::Date {
        year: if end.month <= 9 {
            end.year
        } else {
            end.year + 1
        },
        month: 9,
        day: 30,
    };
    let span = publication_span(ctx);
    let mut j = match ctx.facts.publication.published {
        Some(p) if p <= deadline => Judgement::new(
            Status::Met,
            vec![span.clone().into()],
            format!("published {}, by {}.", p.long(), deadline.long()),
        ),
        Some(p) => Judgement::new(
            Status::Missing,
            vec![],
            format!("published {}, after {}.", p.long(), deadline.long()),
        ),
        None => Judgement::new(
            Status::Partial,
            vec![],
            format!(
                "report.yaml records no publication date, so publication by {} cannot be shown.",
                deadline.long()
            ),
        ),
    };
    j.at = Some(span);
    j
}
