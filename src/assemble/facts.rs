//! What a report says about itself beyond its blocks, each fact with where it came
//! from: stated in report.yaml, inferred from the report's own words, given on the
//! command line, or assumed.
//!
//! A project states its facts in YAML and `assemble` copies them here; a reader of a
//! Word file, a PDF or a web page infers the same facts from the text
//! ([`crate::read::infer`]) and puts them here too, so the checker reads one kind of
//! fact whatever the report was made from, and prints what was inferred from these.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::Serialize;

use crate::diagnostic::{Sources, Span};
use crate::model::{CheckConfig, DataSet, Date, Guidance, Progress, ReviewKind};

pub use crate::model::Period;

/// What the checker needs to know about a report beyond its blocks: its period,
/// partners, publication, data sets and the partnership's `check:` decisions, and for a
/// report read from a file what else was found in it (its funding tables, the
/// scrutineer's section, its priorities and case reviews), to show the user.
///
/// The checker reads only this and the blocks, never the project or the reader.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The partnership's name.
    pub partnership: Option<Known<String>>,
    /// Its initials ("HSCP").
    pub short_name: Option<Known<String>>,
    /// The months the report covers; `None` when no period was stated or found.
    pub period: Option<Known<Period>>,
    /// The edition of Working Together the report answers to.
    pub guidance: Known<Guidance>,
    /// The safeguarding partners and relevant agencies.
    pub partners: Vec<Known<PartnerFact>>,
    pub publication: PublicationFacts,
    /// The tables with money in them a reader found (a project's are its data sets).
    pub funding: Vec<Funding>,
    /// The section holding the independent scrutineer's evaluation, as a reader found it.
    pub scrutiny: Option<Known<String>>,
    /// The priorities a reader found, with the progress stated on each.
    pub priorities: Vec<Known<NamedPriority>>,
    /// The case reviews a reader found named.
    pub reviews: Vec<Known<NamedReview>>,
    /// Data sets behind the tables, with their computed and stated totals.
    pub datasets: Vec<DataSet>,
    /// The partnership's decisions about the checker.
    pub check: CheckConfig,
    /// The file holding the report's own settings (report.yaml), where the `check:`
    /// block is; `None` for a report read from a file.
    pub config_file: Option<Arc<str>>,
    /// Where a finding about the report as a whole points: the title.
    pub anchor: Span,
    /// The text of every file the report was read from.
    pub sources: Sources,
    /// The folder paths in findings are relative to.
    pub root: PathBuf,
    /// For a report read from a PDF: whether the PDF has a tag tree (its headings,
    /// tables and figures marked for screen readers). `None` for anything else.
    pub pdf_tagged: Option<bool>,
    /// Imported pictures left out of their section until they have alt text
    /// (projects only).
    pub held_back: Vec<HeldBack>,
}

/// A picture an import saved but left out of its section for lack of alt text, and
/// where the section holds its place (the comment the import wrote, naming it).
#[derive(Debug, Clone)]
pub struct HeldBack {
    /// Its path from the project folder: `content/images/police-2.png`.
    pub picture: String,
    pub at: Span,
}

impl Facts {
    pub fn dataset(&self, id: &str) -> Option<&DataSet> {
        self.datasets.iter().find(|d| d.id == id)
    }

    pub fn partner_ids(&self) -> Vec<&str> {
        self.partners.iter().map(|p| p.value.id.as_str()).collect()
    }
}

/// A fact about the report and where it came from: the one fact type, whoever
/// established it.
#[derive(Debug, Clone, Default)]
pub struct Known<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Known<T> {
    pub fn stated(value: T, span: Span) -> Known<T> {
        Known {
            value,
            origin: Origin::Stated { span },
        }
    }

    /// A fact found in the report's `words` at `span`.
    pub fn inferred(
        value: T,
        span: Span,
        confidence: Confidence,
        words: impl Into<String>,
    ) -> Known<T> {
        Known {
            value,
            origin: Origin::Inferred {
                span,
                confidence,
                words: words.into(),
            },
        }
    }

    pub fn given(value: T) -> Known<T> {
        Known {
            value,
            origin: Origin::Given,
        }
    }
}

/// Where a fact came from and how sure the tool is of it.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Origin {
    /// Written in the project's YAML, at this span.
    Stated { span: Span },
    /// Read from the report's text at this span, in these words ("“1 April 2021 to 31
    /// March 2022” (3 times)"), so the user can see what it rests on.
    Inferred {
        span: Span,
        confidence: Confidence,
        words: String,
    },
    /// Given on the command line (`--period`, `--partnership`, `--guidance`).
    Given,
    /// Nobody said: a default, or what follows from another fact (the edition of the
    /// guidance from the period's end).
    #[default]
    Assumed,
}

impl Origin {
    /// Where the fact is written, if anywhere.
    pub fn span(&self) -> Option<&Span> {
        match self {
            Origin::Stated { span } | Origin::Inferred { span, .. } => Some(span),
            Origin::Given | Origin::Assumed => None,
        }
    }

    /// "as report.yaml states", "as inferred from the text (fairly sure)", for reasons.
    pub fn phrase(&self) -> String {
        match self {
            Origin::Stated { span } => format!("as {} states", span.file),
            Origin::Inferred { confidence, .. } => {
                format!("as inferred from the text ({})", confidence.word())
            }
            Origin::Given => "as given on the command line".to_string(),
            Origin::Assumed => "by default".to_string(),
        }
    }
}

/// How sure the tool is of a fact: an inference is low, medium or high; a fact given
/// on the command line is the user's word, above any inference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Guessed from weak signs: a year written "2021-22", a heading's wording.
    Low,
    /// Found once, or in words that could mean something else.
    Medium,
    /// Stated plainly, more than once or in the words the guidance uses.
    High,
    /// Given on the command line.
    Given,
}

impl Confidence {
    /// How sure, in words for a reason: "fairly sure".
    pub fn word(self) -> &'static str {
        match self {
            Confidence::Low => "a guess",
            Confidence::Medium => "fairly sure",
            Confidence::High => "sure",
            Confidence::Given => "given",
        }
    }

    /// The name the output uses: "low", "medium", "high", "given".
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
            Confidence::Given => "given",
        }
    }
}

impl Default for Guidance {
    fn default() -> Self {
        Guidance::Wt2023
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerFact {
    pub id: String,
    pub name: String,
    /// One of the safeguarding partners named in law.
    pub statutory: bool,
    /// Which of them, when a reader found it by that role (a project names its
    /// partners by id and does not say).
    pub role: Option<StatutoryPartner>,
}

/// The three safeguarding partners the law names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(rename = "PartnerKind")]
pub enum StatutoryPartner {
    LocalAuthority,
    Police,
    /// The clinical commissioning group (to June 2022) or the integrated care board.
    Health,
}

impl StatutoryPartner {
    pub const ALL: [StatutoryPartner; 3] = [
        StatutoryPartner::LocalAuthority,
        StatutoryPartner::Police,
        StatutoryPartner::Health,
    ];

    /// The id a reader gives the partner it found in this role, which its funding
    /// rows' labels are the aliases of.
    pub fn id(self) -> &'static str {
        match self {
            StatutoryPartner::LocalAuthority => "local-authority",
            StatutoryPartner::Police => "police",
            StatutoryPartner::Health => "health",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StatutoryPartner::LocalAuthority => "local authority",
            StatutoryPartner::Police => "police",
            StatutoryPartner::Health => "CCG or ICB",
        }
    }
}

/// How the report is published.
#[derive(Debug, Clone, Default)]
pub struct PublicationFacts {
    pub website: Option<String>,
    pub published: Option<Date>,
    /// When a copy was sent to the Child Safeguarding Practice Review Panel.
    pub copy_to_panel: Option<Date>,
    /// The report says a copy goes to the Panel within seven days of publication,
    /// without giving the dates.
    pub copy_within_seven_days: bool,
    pub origin: Origin,
}

/// A table with money in it, and which statutory partners' contributions it shows.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Funding {
    /// The section the table is in.
    pub section: String,
    /// The columns that hold money.
    pub money_columns: Vec<String>,
    /// Each statutory partner and whether a row of the table is its contribution.
    pub contributions: BTreeMap<StatutoryPartner, bool>,
    pub place: String,
}

/// A priority a reader found, by its name.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "Priority")]
pub struct NamedPriority {
    pub name: String,
    /// The progress the report states, when it states one in words this reader knows.
    pub progress: Option<Progress>,
}

/// A case review a reader found named.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(rename = "Review")]
pub struct NamedReview {
    pub kind: ReviewKind,
    pub name: String,
    /// Recommendations listed where the review is described.
    pub recommendations: usize,
    /// Whether actions in response are described there.
    pub actions: bool,
}
