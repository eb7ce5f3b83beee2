//! The edition of Working Together a report answers to: the one in force when its
//! period ends (the 2023 edition from 15 December 2023), or the one given with
//! `--guidance`; without a period, the edition in force now, as a guess.

use super::{Confidence, Inferred, Overrides, Period, given};
use crate::model::Guidance;

pub(super) fn edition(
    period: &Option<Inferred<Period>>,
    overrides: &Overrides,
) -> Inferred<Guidance> {
    match (overrides.guidance, period) {
        (Some(g), _) => given(g, "--guidance"),
        (None, Some(p)) => Inferred {
            value: Guidance::for_period_end(p.value.end),
            confidence: p.confidence,
            from: format!("the period ends {}", p.value.end.long()),
            place: p.place.clone(),
            span: None,
        },
        (None, None) => Inferred {
            value: Guidance::Wt2023,
            confidence: Confidence::Low,
            from: "no period found: the edition in force now".to_string(),
            place: String::new(),
            span: None,
        },
    }
}
