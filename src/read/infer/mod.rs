//! What a project states in `report.yaml`, found in a report's own words: the
//! partnership, the period the report covers and so the edition of Working Together
//! it answers to, the safeguarding partners, the funding tables and each statutory
//! partner's contribution, the independent scrutineer's section, the priorities and
//! their progress, the case reviews and their recommendations.
//!
//! Each is a [`Known`] fact of the document, as report.yaml's are, inferred with how
//! sure it is and the words and place it was found in; the user can say otherwise on
//! the command line (`--period`, `--partnership`, `--guidance`), and what they say
//! wins. One file an inference, with its patterns.

mod edition;
mod funding;
mod partners;
mod partnership;
mod period;
mod priorities;
mod publication;
mod reviews;
mod scrutiny;

use super::Extracted;
use crate::assemble::{Block, Facts, Period};
use crate::model::Guidance;

pub use crate::assemble::{Confidence, Known};
pub use funding::row_is;
pub(crate) use priorities::{PROGRESS, progress_of};
pub(crate) use reviews::{ACTION, IMPACT, NOTHING_RECORDED, RECOMMENDATION, kind_of};

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
        Period::parse(text)
    }
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

/// Infers the facts from what a reader extracted; `overrides` win. What only the
/// document as a whole knows (its data sets, its anchor, where it was read from) is
/// filled in by [`super::facts::fill`].
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
        partners: partners::partners(&texts),
        funding: funding::funding(e, &texts),
        scrutiny: scrutiny::scrutiny(e, &texts),
        priorities: priorities::structured_priorities(e)
            .unwrap_or_else(|| priorities::priorities(e, &texts)),
        reviews: reviews::reviews(e, &texts),
        publication: publication::publication(&texts),
        ..Facts::default()
    }
}
