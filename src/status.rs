//! `status`: which partners' contributions are in, what the checker finds in each,
//! and where the report stands against the criteria — what the business manager
//! compiling the report sends round when chasing contributions.
//!
//! Everything here is computed from the project, the document and the checker's
//! report; nothing is recorded by hand.

use std::path::Path;

use serde::Serialize;

use crate::assemble::{Block, BlockKind, Document, Inline, plain_text};
use crate::check::{self, matrix};
use crate::diagnostic::Severity;
use crate::model::{Date, PartnerKind, Project};

/// The state of the report on one day.
#[derive(Debug, Serialize)]
pub struct Status {
    pub partnership: String,
    pub title: String,
    pub guidance: String,
    /// The day the status was taken.
    pub today: Date,
    /// When contributions were due, from `schedule:` in report.yaml.
    pub contributions_due: Option<Date>,
    pub board_sign_off: Option<Date>,
    pub publish_by: Option<Date>,
    pub partners: Vec<PartnerStatus>,
    pub totals: Totals,
    pub criteria: Vec<CriterionStatus>,
}

/// One partner's contribution.
#[derive(Debug, Serialize)]
pub struct PartnerStatus {
    pub id: String,
    pub name: String,
    pub statutory: bool,
    pub contribution: Contribution,
    /// The contribution's files, from the project folder.
    pub files: Vec<String>,
    pub words: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Pictures its import left out for lack of alt text, still waiting for it: each
    /// with the place in its section that holds it (`content/agencies/x.md:40:30`).
    pub held_back: Vec<HeldBackPicture>,
    /// The day its files last changed.
    pub changed: Option<Date>,
}

/// A picture waiting for its alt text, and where.
#[derive(Debug, Serialize)]
pub struct HeldBackPicture {
    pub picture: String,
    pub place: String,
}

/// Whether a partner's part is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Contribution {
    In,
    Missing,
    /// Missing after the date contributions were due.
    Overdue,
}

impl Contribution {
    pub fn as_str(self) -> &'static str {
        match self {
            Contribution::In => "in",
            Contribution::Missing => "missing",
            Contribution::Overdue => "overdue",
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Totals {
    pub sections: usize,
    pub words: usize,
    pub contributions_in: usize,
    pub partners: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub met: usize,
    pub partial: usize,
    pub missing: usize,
}

#[derive(Debug, Serialize)]
pub struct CriterionStatus {
    pub id: String,
    pub title: String,
    pub status: matrix::Status,
    pub reason: String,
}

/// Takes the status of a loaded project on `today`.
pub fn status(
    project: &Project,
    document: &Document,
    report: &check::Report,
    today: Date,
) -> Status {
    let schedule = &project.report.schedule;
    let partners = project
        .report
        .partners
        .iter()
        .map(|p| {
            let mut s = partner_status(project, document, report, &p.id.value);
            s.name = p.name.clone();
            s.statutory = p.kind == PartnerKind::Statutory;
            if s.contribution == Contribution::Missing
                && schedule.contributions_due.is_some_and(|due| today > due)
            {
                s.contribution = Contribution::Overdue;
            }
            s
        })
        .collect::<Vec<_>>();
    let totals = Totals {
        sections: document.sections.len(),
        words: document.sections.iter().map(|s| words(&s.blocks)).sum(),
        contributions_in: partners
            .iter()
            .filter(|p| p.contribution == Contribution::In)
            .count(),
        partners: partners.len(),
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        infos: report.count(Severity::Info),
        met: report.status_count(matrix::Status::Met),
        partial: report.status_count(matrix::Status::Partial),
        missing: report.status_count(matrix::Status::Missing),
    };
    Status {
        partnership: project.report.partnership.name.clone(),
        title: project.report.title.clone(),
        guidance: report.guidance.title().to_string(),
        today,
        contributions_due: schedule.contributions_due,
        board_sign_off: schedule.board_sign_off,
        publish_by: schedule.publish_by,
        partners,
        totals,
        criteria: report
            .criteria
            .iter()
            .map(|c| CriterionStatus {
                id: c.id.clone(),
                title: c.title.clone(),
                status: c.status,
                reason: c.reason.clone(),
            })
            .collect(),
    }
}

/// What the project and the checker say about the sections one partner wrote.
fn partner_status(
    project: &Project,
    document: &Document,
    report: &check::Report,
    partner: &str,
) -> PartnerStatus {
    let sections: Vec<_> = document
        .sections
        .iter()
        .filter(|s| s.partner.as_ref().is_some_and(|p| p.id == partner))
        .collect();
    let mut files: Vec<String> = sections.iter().map(|s| s.file.to_string()).collect();
    // Every file the partner's import wrote is theirs (a total that does not add up
    // in their data set is a finding in their contribution), and so are data sets
    // named as an import names them (rolled over from last year's import).
    let imported = project.imports.get(partner);
    files.extend(imported.into_iter().flat_map(|i| i.files.keys().cloned()));
    let tables = crate::import::table_prefix(partner);
    files.extend(
        project
            .datasets
            .iter()
            .filter(|d| d.id.starts_with(&tables))
            .map(|d| d.file.to_string()),
    );
    // Only files inside the project: the record is a file anyone may edit.
    files.retain(|f| {
        crate::load::files::contained(&project.root, Path::new(f)).is_ok_and(|p| p.is_file())
    });
    files.sort();
    files.dedup();
    let in_files = |file: &str| files.iter().any(|f| f == file);
    let count = |severity| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity == severity && in_files(&d.span.file))
            .count()
    };
    let held_back = document
        .facts
        .held_back
        .iter()
        .filter(|h| imported.is_some_and(|i| i.held_back.contains(&h.picture)))
        .map(|h| HeldBackPicture {
            picture: h.picture.clone(),
            place: document.facts.sources.place(&h.at.file, h.at.range.start),
        })
        .collect();
    let changed = files
        .iter()
        .filter_map(|f| {
            std::fs::metadata(project.root.join(f))
                .ok()?
                .modified()
                .ok()
        })
        .max()
        .map(Date::of);
    PartnerStatus {
        id: partner.to_string(),
        name: String::new(),
        statutory: false,
        // In once it has words of this year: a rolled-over section has only last
        // year's headings and the placements of its tables.
        contribution: if sections
            .iter()
            .map(|s| written_words(&s.blocks))
            .sum::<usize>()
            == 0
        {
            Contribution::Missing
        } else {
            Contribution::In
        },
        words: sections.iter().map(|s| words(&s.blocks)).sum(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        held_back,
        changed,
        files,
    }
}

/// The words a reader reads in some blocks: headings, paragraphs, lists, quotes and
/// table cells.
fn words(blocks: &[Block]) -> usize {
    let mut n = 0;
    for b in blocks {
        b.walk(&mut |b| {
            n += match &b.kind {
                BlockKind::Heading { content, .. } | BlockKind::Paragraph { content } => {
                    count_words(content)
                }
                BlockKind::Table(t) => t
                    .rows
                    .iter()
                    .flatten()
                    .map(|c| c.split_whitespace().count())
                    .sum(),
                _ => 0,
            }
        });
    }
    n
}

/// The words the partner wrote: paragraphs, list items and quotes, without headings
/// and without the tables and charts drawn from data sets.
fn written_words(blocks: &[Block]) -> usize {
    let mut n = 0;
    for b in blocks {
        b.walk(&mut |b| {
            if let BlockKind::Paragraph { content } = &b.kind {
                n += count_words(content);
            }
        });
    }
    n
}

fn count_words(content: &[Inline]) -> usize {
    plain_text(content).split_whitespace().count()
}

/// The status as text for a terminal: a line per partner, the totals, a line per
/// criterion.
pub fn human(s: &Status) -> String {
    let mut out = format!("{} — {}\n", s.partnership, s.title);
    out.push_str(&format!(
        "{} of {} partners' contributions are in{}.\n\n",
        s.totals.contributions_in,
        s.totals.partners,
        schedule_note(s)
    ));
    let name_width = s
        .partners
        .iter()
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(7)
        .max(7);
    out.push_str(&format!(
        "  {:<name_width$}  {:<8} {:>6} {:>6} {:>8}  changed\n",
        "partner", "status", "words", "errors", "warnings"
    ));
    for p in &s.partners {
        let dash = |n: usize| {
            if p.files.is_empty() {
                "—".to_string()
            } else {
                n.to_string()
            }
        };
        out.push_str(&format!(
            "  {:<name_width$}  {:<8} {:>6} {:>6} {:>8}  {}\n",
            p.name,
            p.contribution.as_str(),
            dash(p.words),
            dash(p.errors),
            dash(p.warnings),
            p.changed.map_or("—".to_string(), |d| d.to_string()),
        ));
    }
    out.push_str(&held_back_list(s, "  "));
    let t = &s.totals;
    out.push_str(&format!(
        "\nThe report: {} sections, {} words; {} errors, {} warnings, {} infos.\n",
        t.sections, t.words, t.errors, t.warnings, t.infos
    ));
    out.push_str(&format!(
        "Criteria ({}): {} met, {} partial, {} missing.\n",
        s.guidance, t.met, t.partial, t.missing
    ));
    let id_width = s.criteria.iter().map(|c| c.id.len()).max().unwrap_or(0);
    for c in &s.criteria {
        out.push_str(&format!(
            "  {:<8} {:<id_width$}  {}\n",
            c.status.as_str(),
            c.id,
            c.title
        ));
    }
    out.push_str(&format!(
        "\nRun `{}` for every finding and the evidence for each criterion.\n",
        crate::invocation::on_project("check")
    ));
    out
}

/// The pictures still waiting for alt text, partner by partner, each line starting
/// with `marker` (an indent for the terminal, a bullet for Markdown), or "".
fn held_back_list(s: &Status, marker: &str) -> String {
    let mut out = String::new();
    for p in &s.partners {
        for h in &p.held_back {
            if out.is_empty() {
                out.push_str("\nLeft out until someone writes what they show (their alt text):\n");
            }
            out.push_str(&format!(
                "{marker}{}  {} ({})\n",
                h.place, h.picture, p.name
            ));
        }
    }
    out
}

/// The status as a Markdown table to paste into an e-mail to the partners.
pub fn markdown(s: &Status) -> String {
    let mut out = format!("## {} — {}: contributions\n\n", s.partnership, s.title);
    out.push_str(&format!(
        "{} of {} partners' contributions are in{}.\n\n",
        s.totals.contributions_in,
        s.totals.partners,
        schedule_note(s)
    ));
    out.push_str("| Partner | Contribution | Words | Errors | Warnings | Last changed |\n");
    out.push_str("|---|---|--:|--:|--:|---|\n");
    for p in &s.partners {
        let cell = |n: usize| {
            if p.files.is_empty() {
                String::new()
            } else {
                n.to_string()
            }
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            md_cell(&p.name),
            p.contribution.as_str(),
            cell(p.words),
            cell(p.errors),
            cell(p.warnings),
            p.changed.map_or(String::new(), |d| d.long()),
        ));
    }
    out.push_str(&held_back_list(s, "- "));
    out.push_str(&format!(
        "\n### Against {}\n\n| Criterion | Status |\n|---|---|\n",
        s.guidance
    ));
    for c in &s.criteria {
        out.push_str(&format!(
            "| {} | {} |\n",
            md_cell(&c.title),
            c.status.as_str()
        ));
    }
    out
}

fn md_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// ", due 31 July 2022 (3 overdue)" or "".
fn schedule_note(s: &Status) -> String {
    let Some(due) = s.contributions_due else {
        return String::new();
    };
    let overdue = s
        .partners
        .iter()
        .filter(|p| p.contribution == Contribution::Overdue)
        .count();
    if overdue > 0 {
        format!(
            "; they were due on {} and {overdue} {} overdue",
            due.long(),
            if overdue == 1 { "is" } else { "are" }
        )
    } else {
        format!("; they are due on {}", due.long())
    }
}

/// Today, by the system clock.
pub fn today() -> Date {
    Date::of(std::time::SystemTime::now())
}

/// Loads, assembles and checks the project in `dir` and takes its status today.
pub fn run(dir: &Path) -> Result<Status, crate::Error> {
    let (project, document) = crate::validate(dir, false)?;
    let report =
        check::check(&document, &check::Options::default()).map_err(crate::Error::Input)?;
    Ok(status(&project, &document, &report, today()))
}
