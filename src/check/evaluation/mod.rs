//! The scrutineer's evaluation: what `check --matrix FILE` writes, a document an
//! independent scrutineer can attach to her evaluation or paste from.
//!
//! It has a header naming what was checked (the partnership, the report file and its
//! SHA-256, the period and where it was found, the edition, the date, the tool's
//! version and the reviewer), one row per criterion (what the guidance asks in its
//! words, the verdict, the evidence quoted with its place in the report's own terms,
//! whether the reading is confirmed) and the other findings by kind. [`Evaluation`]
//! is built once from a [`Report`]; each format ([`html`], [`markdown`], [`word`],
//! JSON) only lays it out, so all say the same.

pub mod html;
pub mod markdown;
pub mod word;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::matrix::{CriterionGuidance, Status};
use super::{Family, Report};
use crate::assemble::Origin;
use crate::diagnostic::Severity;

/// How many findings of each kind the evaluation quotes.
const EXAMPLES_PER_KIND: usize = 3;

/// The evaluation document's content, in every format's order.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// The document's title.
    pub title: String,
    pub header: Header,
    /// One row per criterion of the edition, in the guidance's order.
    pub criteria: Vec<Row>,
    /// The findings other than the criteria, by kind, most serious first.
    pub findings: Vec<Kind>,
}

/// What was checked, when, and by whom.
#[derive(Debug, Clone, Serialize)]
pub struct Header {
    /// The partnership, as the report names itself; empty when not found.
    pub partnership: String,
    /// The report file's name (a folder's, for a saved web edition).
    pub report_file: String,
    /// The SHA-256 of the file, in hex (for a folder, of its pages in name order):
    /// it shows the evaluation is of this very file.
    pub sha256: Option<String>,
    /// "1 April 2021 to 31 March 2022"; empty when not found.
    pub period: String,
    /// Where the period was found: the place in the report, and its words.
    pub period_found: String,
    /// The edition of *Working Together* judged against.
    pub edition: String,
    /// The day of the check: "5 December 2026".
    pub checked: String,
    /// "safeguarding-report 0.1.0".
    pub tool: String,
    /// The scrutineer's name, when given with `--reviewer`.
    pub reviewer: Option<String>,
}

/// One criterion: what the guidance asks, the verdict and the evidence.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The criterion's id, for example `WT18-VOICE`.
    pub id: String,
    /// What it asks, in a few words.
    pub title: String,
    pub guidance: CriterionGuidance,
    pub status: Status,
    /// Why the verdict is what it is.
    pub reason: String,
    /// The evidence, best first.
    pub evidence: Vec<Quoted>,
}

/// A place in the report and what it says there.
#[derive(Debug, Clone, Serialize)]
pub struct Quoted {
    /// "page 12, section \"4 Funding\", paragraph 3".
    pub place: String,
    /// The sentence there, when there is text.
    pub quote: Option<String>,
}

/// The findings of one rule.
#[derive(Debug, Clone, Serialize)]
pub struct Kind {
    /// The rule's id, for example `ED-PLACEHOLDER`.
    pub rule: String,
    pub severity: Severity,
    /// What the rule finds, in one line.
    pub summary: String,
    pub count: usize,
    /// The first few, with their places.
    pub examples: Vec<Example>,
}

/// One finding, quoted.
#[derive(Debug, Clone, Serialize)]
pub struct Example {
    pub message: String,
    pub at: Quoted,
}

/// What the caller knows about the file that the report does not: its name and
/// fingerprint, and the reviewer.
#[derive(Debug, Clone, Default)]
pub struct Source {
    pub file: String,
    pub sha256: Option<String>,
    pub reviewer: Option<String>,
}

impl Source {
    /// The source of a report read from `path` (a file, or a folder of web pages).
    pub fn of(path: &Path, reviewer: Option<String>) -> Source {
        Source {
            file: path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into(),
            ),
            sha256: sha256(path).ok(),
            reviewer,
        }
    }
}

impl Evaluation {
    /// The evaluation of a checked report.
    pub fn new(report: &Report, source: &Source) -> Evaluation {
        let subject = &report.subject;
        let header = Header {
            partnership: subject.partnership.clone(),
            report_file: source.file.clone(),
            sha256: source.sha256.clone(),
            period: subject.period.clone(),
            period_found: period_found(report),
            edition: report.guidance.title().to_string(),
            checked: today(),
            tool: format!("safeguarding-report {}", env!("CARGO_PKG_VERSION")),
            reviewer: source.reviewer.clone(),
        };
        let title = if subject.partnership.is_empty() {
            format!("Evaluation of {}", source.file)
        } else {
            format!("Evaluation of {}'s yearly report", subject.partnership)
        };
        Evaluation {
            title,
            header,
            criteria: rows(report),
            findings: kinds(report),
        }
    }

    /// "8 met, 3 partly met, 0 missing of 11 criteria; 4 rest on a reading to confirm."
    pub fn summary(&self) -> String {
        let count = |s: Status| self.criteria.iter().filter(|c| c.status == s).count();
        let unconfirmed = self
            .criteria
            .iter()
            .filter(|c| !c.guidance.confirmed)
            .count();
        let mut out = format!(
            "Of {} criteria, {} met, {} partly met and {} missing.",
            self.criteria.len(),
            count(Status::Met),
            count(Status::Partial),
            count(Status::Missing)
        );
        if unconfirmed > 0 {
            out.push_str(&format!(
                " {unconfirmed} of the verdicts rest on a reading of the guidance marked \"to confirm\": it could not be checked against the guidance itself."
            ));
        }
        out
    }

    /// The header as label and value, in the order every format shows it.
    pub fn header_lines(&self) -> Vec<(&'static str, String)> {
        let h = &self.header;
        let or_not_found = |s: &str| {
            if s.is_empty() {
                "not found in the report".to_string()
            } else {
                s.to_string()
            }
        };
        let mut lines = vec![
            ("Partnership", or_not_found(&h.partnership)),
            ("Report file", h.report_file.clone()),
            (
                "SHA-256 of the file",
                h.sha256.clone().unwrap_or_else(|| "not computed".into()),
            ),
            ("Period", or_not_found(&h.period)),
            ("Period found", h.period_found.clone()),
            ("Judged against", h.edition.clone()),
            ("Date checked", h.checked.clone()),
            ("Checked with", h.tool.clone()),
        ];
        if let Some(r) = &h.reviewer {
            lines.push(("Reviewer", r.clone()));
        }
        lines
    }
}

/// The verdict as a scrutineer writes it.
pub fn verdict(status: Status) -> &'static str {
    match status {
        Status::Met => "Met",
        Status::Partial => "Partly met",
        Status::Missing => "Missing",
    }
}

/// Whether the reading is confirmed, in words.
pub fn reading(guidance: &CriterionGuidance) -> &'static str {
    if guidance.confirmed {
        "Confirmed"
    } else {
        "To confirm"
    }
}

/// Where the guidance says it: "Working Together to Safeguard Children 2018, chapter
/// 3, "Reporting"", with the paragraph when known.
pub fn citation(guidance: &CriterionGuidance) -> String {
    match &guidance.paragraph {
        Some(p) => format!("{}, {}, paragraph {p}", guidance.edition, guidance.chapter),
        None => format!("{}, {}", guidance.edition, guidance.chapter),
    }
}

/// A quoted place as one line: "“The sentence.” (page 3, section "Voice", paragraph 2)".
pub fn quoted_line(q: &Quoted) -> String {
    match &q.quote {
        Some(t) => format!("“{t}” ({})", q.place),
        None => q.place.clone(),
    }
}

/// One row per criterion of the report, its evidence quoted.
pub fn rows(report: &Report) -> Vec<Row> {
    report
        .criteria
        .iter()
        .filter_map(|c| {
            let guidance = CriterionGuidance::of(c)?;
            let evidence = c
                .evidence
                .iter()
                .map(|e| {
                    let p = report.places.at(&report.sources, &e.file, e.range.start);
                    Quoted {
                        place: p.place,
                        quote: p.quote,
                    }
                })
                .collect();
            Some(Row {
                id: c.id.clone(),
                title: c.title.clone(),
                guidance,
                status: c.status,
                reason: sentence_case(&c.reason),
                evidence,
            })
        })
        .collect()
}

/// The text with its first letter a capital, as a sentence starts.
fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or(String::new(), |f| f.to_uppercase().chain(chars).collect())
}

/// The findings other than the criteria's own (each criterion has its row), by rule.
fn kinds(report: &Report) -> Vec<Kind> {
    let mut by_rule: BTreeMap<&str, Vec<&crate::diagnostic::Diagnostic>> = BTreeMap::new();
    for d in &report.diagnostics {
        let family = super::rule(&d.code).map(|r| r.family);
        if family != Some(Family::Criteria) {
            by_rule.entry(d.code.as_str()).or_default().push(d);
        }
    }
    let mut kinds: Vec<Kind> = by_rule
        .into_iter()
        .map(|(rule, found)| {
            let severity = found
                .iter()
                .map(|d| d.severity)
                .max()
                .unwrap_or(Severity::Info);
            let examples = found
                .iter()
                .take(EXAMPLES_PER_KIND)
                .map(|d| {
                    let p = report
                        .places
                        .at(&report.sources, &d.span.file, d.span.range.start);
                    Example {
                        message: d.message.clone(),
                        at: Quoted {
                            place: p.place,
                            quote: p.quote,
                        },
                    }
                })
                .collect();
            Kind {
                rule: rule.to_string(),
                severity,
                summary: super::rule(rule).map_or_else(String::new, |r| r.summary.clone()),
                count: found.len(),
                examples,
            }
        })
        .collect();
    kinds.sort_by(|a, b| b.severity.cmp(&a.severity).then(b.count.cmp(&a.count)));
    kinds
}

/// Where the period was found, in the reader's terms.
fn period_found(report: &Report) -> String {
    match &report.subject.period_origin {
        Origin::Stated { .. } => "stated in the project's report.yaml".to_string(),
        Origin::Given => "given by the reviewer with --period".to_string(),
        Origin::Assumed => "not found in the report".to_string(),
        Origin::Inferred { span, .. } => {
            let p = report
                .places
                .at(&report.sources, &span.file, span.range.start);
            let words = report
                .sources
                .text(&span.file)
                .and_then(|t| t.get(span.range.clone()))
                .map(|w| w.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|w| !w.is_empty() && !w.contains('<'));
            match words {
                Some(w) => format!("read from “{w}” ({})", p.place),
                None => format!("read from the report ({})", p.place),
            }
        }
    }
}

/// Today, or the day `SOURCE_DATE_EPOCH` gives, as "5 December 2026".
fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    crate::model::Date::from_days_since_epoch(seconds.div_euclid(86_400)).long()
}

/// The SHA-256 of a file, or of a folder's web pages in name order (each page's name,
/// a zero byte, then its bytes), in hex.
pub fn sha256(path: &Path) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    if path.is_dir() {
        let mut pages: Vec<_> = std::fs::read_dir(path)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        pages.sort();
        for page in pages {
            hasher.update(page.file_name().unwrap_or_default().as_encoded_bytes());
            hasher.update([0]);
            hash_file(&page, &mut hasher)?;
        }
    } else {
        hash_file(path, &mut hasher)?;
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

fn hash_file(path: &Path, hasher: &mut Sha256) -> std::io::Result<()> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut buffer = vec![0; 64 * 1024];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            return Ok(());
        }
        hasher.update(&buffer[..n]);
    }
}

/// Writes the evaluation to `path`, in the format its extension names: .docx, .html,
/// .md or .json. Written whole or not at all.
pub fn write(evaluation: &Evaluation, path: &Path) -> Result<(), String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let bytes = match ext.as_deref() {
        Some("docx") => word::render(evaluation)?,
        Some("html" | "htm") => html::render(evaluation).into_bytes(),
        Some("md") => markdown::render(evaluation).into_bytes(),
        Some("json") => {
            let mut t = serde_json::to_string_pretty(evaluation).map_err(|e| e.to_string())?;
            t.push('\n');
            t.into_bytes()
        }
        _ => {
            return Err(format!(
                "cannot tell the format of {} from its name: use a file ending in .docx (Word), .html, .md or .json",
                path.display()
            ));
        }
    };
    super::matrix::write_whole(path, &bytes)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
