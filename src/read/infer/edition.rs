//! The edition of Working Together a report answers to: the one given with
//! `--guidance`, else the one in force when its period ends (the 2023 edition from 15
//! December 2023), else, without a period, the one in force now. Only the first is
//! anyone's word; the others are assumed, and `check` shows what they follow from.

use super::{Known, Overrides, Period};
use crate::model::Guidance;

pub(super) fn edition(period: &Option<Known<Period>>, overrides: &Overrides) -> Known<Guidance> {
    match (overrides.guidance, period) {
        (Some(g), _) => Known::given(g),
        (None, Some(p)) => Known {
            value: Guidance::for_period_end(p.value.end),
            origin: Default::default(),
        },
        (None, None) => Known {
            value: Guidance::Wt2023,
            origin: Default::default(),
        },
    }
}
