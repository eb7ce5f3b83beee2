//! The criteria matrix: each statutory criterion, whether the report meets it, where
//! the evidence is and why. `check` prints it; `check --matrix FILE` writes it, with
//! the guidance's words and the evidence quoted, as the scrutineer's evaluation
//! ([`super::evaluation`]).

use std::path::Path;

use schemars::JsonSchema;
use serde::Serialize;

/// How far the report meets a criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The report carries evidence for every part of the criterion.
    Met,
    /// The report addresses the criterion, but without evidence for all of it.
    Partial,
    /// The report does not address the criterion.
    Missing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Partial => "partial",
            Status::Missing => "missing",
        }
    }
}

/// One row of the matrix.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Criterion {
    /// The rule id, for example `WT18-VOICE`.
    pub id: String,
    /// What the guidance asks, in a few words.
    pub title: String,
    pub status: Status,
    /// Where the report meets it, best first.
    pub evidence: Vec<Evidence>,
    /// Why the status is what it is, in a sentence or two.
    pub reason: String,
    /// The reading of the guidance this row rests on could not be checked against
    /// the guidance itself (the reference marks it "to confirm").
    pub to_confirm: bool,
}

/// A place in the report that carries evidence for a criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Evidence {
    /// Path from the project folder.
    pub file: String,
    /// Line of the evidence, from 1.
    pub line: usize,
    /// The section as the report numbers and titles it.
    pub section: String,
    /// Where a person finds it: `content/foreword.md:12:1`, `report.docx: paragraph
    /// 412 (section "4 Funding")` or `report.pdf: page 12, line 7`.
    pub place: String,
    /// Where the evidence starts and ends in its file's text, so the evaluation
    /// quotes the sentence itself.
    #[serde(skip)]
    #[schemars(skip)]
    pub range: std::ops::Range<usize>,
}

impl Evidence {
    pub fn location(&self) -> &str {
        &self.place
    }
}

/// What the guidance says about one criterion, as the scrutineer's evaluation cites
/// it: the edition and chapter of *Working Together*, the paragraph where it is
/// known, the guidance's own words, and whether the reading was checked against the
/// guidance itself or rests on one the reference marks "to confirm".
///
/// This is the one place the evaluation document reads the criteria's declarations
/// through ([`CriterionGuidance::of`]), so when each declaration carries these facts
/// itself, only that function changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CriterionGuidance {
    /// The edition: "Working Together to Safeguard Children 2018".
    pub edition: String,
    /// The chapter, as the guidance titles it: "chapter 3, \"Reporting\"".
    pub chapter: String,
    /// The paragraph number, where it is known.
    pub paragraph: Option<String>,
    /// What the guidance asks, in its words.
    pub words: String,
    /// False when the reading rests on a fact the reference marks "to confirm".
    pub confirmed: bool,
}

impl CriterionGuidance {
    /// The guidance behind a criterion of the matrix, from its rule's declaration;
    /// `None` for an id that is not a criterion.
    pub fn of(criterion: &Criterion) -> Option<CriterionGuidance> {
        let g = super::criteria::guidance(&criterion.id)?;
        Some(CriterionGuidance {
            edition: g.edition.title().to_string(),
            chapter: chapter(g.edition).to_string(),
            paragraph: None,
            words: g.words.to_string(),
            confirmed: g.confirmed,
        })
    }
}

/// The chapter of each edition that sets out the yearly report.
fn chapter(edition: crate::model::Guidance) -> &'static str {
    match edition {
        crate::model::Guidance::Wt2018 => "chapter 3, \"Reporting\"",
        crate::model::Guidance::Wt2023 => "chapter 2",
    }
}

/// Writes a file whole or not at all: into a sibling first, then renamed over, so a
/// failure half-way never leaves a cut-off evaluation where a scrutineer expects one.
/// The folder is made if it is missing.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(folder) = folder {
        std::fs::create_dir_all(folder)?;
    }
    let name = path
        .file_name()
        .map_or("matrix".into(), |n| n.to_string_lossy().to_string());
    let partial = folder
        .unwrap_or(Path::new("."))
        .join(format!(".{name}.partial-{}", std::process::id()));
    std::fs::write(&partial, bytes)
        .and_then(|()| std::fs::rename(&partial, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&partial);
        })
}

/// The matrix as a plain-text table for a terminal.
pub fn plain(criteria: &[Criterion], guidance: &str) -> String {
    let mut out = format!("criteria matrix ({guidance})\n\n");
    let id_width = criteria.iter().map(|c| c.id.len()).max().unwrap_or(10);
    out.push_str(&format!(
        "  {:<8} {:<id_width$}  {}\n",
        "status", "criterion", "evidence"
    ));
    for c in criteria {
        let mut evidence: Vec<String> = c
            .evidence
            .iter()
            .take(3)
            .map(|e| e.location().to_string())
            .collect();
        if c.evidence.len() > 3 {
            evidence.push(format!("and {} more", c.evidence.len() - 3));
        }
        let evidence = if evidence.is_empty() {
            "none found".to_string()
        } else {
            evidence.join("; ")
        };
        out.push_str(&format!(
            "  {:<8} {:<id_width$}  {}\n",
            c.status.as_str(),
            c.id,
            evidence
        ));
        for line in wrap(&format!("{}: {}", c.title, c.reason), 88) {
            out.push_str(&format!("  {:<8} {:<id_width$}  {line}\n", "", ""));
        }
    }
    out
}

/// Wraps text at spaces into lines of at most `width` characters.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
