//! What a project states in `report.yaml`, found in a report's own words: the
//! partnership, the period the report covers and so the edition of Working Together
//! it answers to, the safeguarding partners, the funding tables and each statutory
//! partner's contribution, the independent scrutineer's section, the priorities and
//! their progress, the case reviews and their recommendations.
//!
//! Every inference says how sure it is and where it was found; the user can say
//! otherwise on the command line (`--period`, `--partnership`, `--guidance`), and
//! what they say wins. The facts are kept apart from the [`Document`] so that a reader
//! can fill the document's fields from them whatever shape those fields take.

mod edition;
mod funding;
mod partners;
mod partnership;
mod period;
mod priorities;
mod publication;
mod reviews;
mod scrutiny;
mod summary;

use schemars::JsonSchema;
use serde::Serialize;

use super::Extracted;
use crate::assemble::Block;
use crate::diagnostic::{Sources, Span};
use crate::model::{Date, Guidance};

pub use funding::{Funding, row_is};
pub use partners::{Partner, PartnerKind};
pub use period::Period;
pub use priorities::Priority;
pub(crate) use priorities::{PROGRESS, progress_of};
pub use publication::Publication;
pub use reviews::Review;
pub(crate) use reviews::{ACTION, IMPACT, NOTHING_RECORDED, RECOMMENDATION, kind_of};

/// How sure an inference is.
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
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
            Confidence::Given => "given",
        }
    }
}

/// A fact inferred from the text, how sure it is and where it was found.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Inferred<T> {
    pub value: T,
    pub confidence: Confidence,
    /// The words it was inferred from.
    pub from: String,
    /// Where those words are (`report.docx: paragraph 12 (section "Foreword")`); the
    /// command line for a given fact.
    pub place: String,
    #[serde(skip)]
    pub span: Option<Span>,
}

/// What the user says on the command line, over what is inferred.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub period: Option<Period>,
    pub partnership: Option<String>,
    pub guidance: Option<Guidance>,
}

impl Overrides {
    /// Parses `--period 2021-04-01..2022-03-31`.
    pub fn parse_period(text: &str) -> Result<Period, String> {
        let (a, b) = text.split_once("..").ok_or_else(|| {
            format!("`{text}` is not a period: write it as START..END, for example 2021-04-01..2022-03-31")
        })?;
        let (start, end) = (Date::parse(a)?, Date::parse(b)?);
        if end < start {
            return Err(format!("the period {text} ends before it starts"));
        }
        Ok(Period { start, end })
    }
}

/// Everything inferred from a report's text.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Facts {
    pub partnership: Option<Inferred<String>>,
    pub short_name: Option<Inferred<String>>,
    pub period: Option<Inferred<Period>>,
    /// The edition of Working Together, from the period's end (or given).
    pub guidance: Inferred<Guidance>,
    pub partners: Vec<Inferred<Partner>>,
    pub funding: Vec<Funding>,
    /// The section holding the independent scrutineer's evaluation.
    pub scrutiny: Option<Inferred<String>>,
    pub priorities: Vec<Inferred<Priority>>,
    pub reviews: Vec<Inferred<Review>>,
    /// Where the report says it is published, and when it and the copy to the
    /// national panel went out.
    pub publication: Option<Inferred<Publication>>,
}

/// A block's own text with its section, in reading order.
struct Text<'a> {
    section: usize,
    block: &'a Block,
    text: String,
}

fn texts(sections: &[crate::assemble::Section]) -> Vec<Text<'_>> {
    let mut out = Vec::new();
    for (i, s) in sections.iter().enumerate() {
        for b in &s.blocks {
            b.walk(&mut |b| {
                let text = b.text();
                if !text.trim().is_empty() {
                    out.push(Text {
                        section: i,
                        block: b,
                        text,
                    });
                }
            });
        }
    }
    out
}

fn place(sources: &Sources, span: &Span) -> String {
    sources.place(&span.file, span.range.start)
}

/// Infers the facts from what a reader extracted; `overrides` win.
pub fn infer(e: &Extracted, overrides: &Overrides) -> Facts {
    let texts = texts(&e.sections);
    let (partnership, short_name) = partnership::partnership(e, &texts, overrides);
    let period = period::period(e, &texts, overrides);
    let guidance = edition::edition(&period, overrides);
    Facts {
        partnership,
        short_name,
        period,
        guidance,
        partners: partners::partners(e, &texts),
        funding: funding::funding(e, &texts),
        scrutiny: scrutiny::scrutiny(e, &texts),
        priorities: priorities::structured_priorities(e)
            .unwrap_or_else(|| priorities::priorities(e, &texts)),
        reviews: reviews::reviews(e, &texts),
        publication: publication::publication(&e.sources, &texts),
    }
}

fn given<T>(value: T, flag: &str) -> Inferred<T> {
    Inferred {
        value,
        confidence: Confidence::Given,
        from: format!("given with {flag}"),
        place: "the command line".to_string(),
        span: None,
    }
}
