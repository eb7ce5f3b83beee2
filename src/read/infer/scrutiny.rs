//! The section holding the independent scrutineer's evaluation.

use std::sync::LazyLock;

use regex::Regex;

use super::{Confidence, Known, Text};
use crate::read::Extracted;

static SCRUTINY_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)scrutin|independent (chair|scrutineer|evaluation|review of)|evaluation of (the )?effectiveness").unwrap()
});
static SCRUTINEER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)independent (scrutineer|scrutiny|chair)").unwrap());

pub(super) fn scrutiny(e: &Extracted, texts: &[Text]) -> Option<Known<String>> {
    let mut best: Option<(Confidence, usize)> = None;
    for (i, s) in e.sections.iter().enumerate() {
        if !SCRUTINY_TITLE.is_match(&s.title) {
            continue;
        }
        let names = SCRUTINEER.is_match(&s.title)
            || texts
                .iter()
                .filter(|t| t.section == i)
                .any(|t| SCRUTINEER.is_match(&t.text));
        let c = if names {
            Confidence::High
        } else {
            Confidence::Low
        };
        if best.is_none_or(|(b, _)| c > b) {
            best = Some((c, i));
        }
    }
    let (confidence, i) = best?;
    let s = &e.sections[i];
    Some(Known::inferred(
        s.heading(),
        s.span.clone(),
        confidence,
        if confidence == Confidence::High {
            format!(
                "the section \"{}\" names the independent scrutineer",
                s.heading()
            )
        } else {
            format!("the section's title, \"{}\"", s.heading())
        },
    ))
}
