//! A report for a 12-month period.

use super::reading::*;
use super::{Def, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::Period,
    judge: period,
    wwc: false,
    title: "A report for a 12-month period",
    met_when: "states a reporting period of 12 months, with its start and end dates",
    quote18: "Safeguarding partners must publish a report \"at least once in every 12-month period\", \"to bring transparency for children, families and all practitioners about the activity undertaken\".",
    quote23: "\"Safeguarding partners must jointly report on the activity they have undertaken in a 12-month period.\"",
    what: "Reads `period:` in report.yaml (printed on the cover and in the text) and checks that it runs for exactly 12 months: from a start date to the day before the same date a year later.",
    example: "period:\n  start: 2021-04-01\n  end: 2022-06-30     # 15 months: partial",
    fix: "Set `period:` in report.yaml to the 12 months the report covers, usually 1 April to 31 March.",
    fix_printed: Some(
        "Say in the report which 12 months it covers: \"This report covers 1 April 2021 to 31 March 2022.\" If it says so in words the checker does not read, give the period with --period.",
    ),
};

fn period(ctx: &Ctx, _: &Reading) -> Judgement {
    let Some(p) = &ctx.facts.period else {
        // A yearly report that never says which months it covers reports on some
        // period, but the reader cannot tell which: met only in part.
        return Judgement::new(
            Status::Partial,
            vec![],
            "the report does not say which months it covers, so neither its length nor the deadlines that follow from it can be checked.",
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
        // A report on more or fewer than 12 months still reports on the partners'
        // activity; what it does not do is report on a 12-month period.
        let mut j = Judgement::new(
            Status::Partial,
            vec![span.clone().into()],
            format!(
                "the report covers {} to {} ({}): {}, not 12 months.",
                start.long(),
                end.long(),
                p.origin.phrase(),
                length(start, end, days)
            ),
        );
        j.at = Some(span);
        j
    }
}

/// A period's length as a person says it: "19 months" when it runs from the start of
/// one month to the end of another (or from a day to the day before it some months
/// later), else "183 days".
fn length(start: crate::model::Date, end: crate::model::Date, days: i64) -> String {
    let months = (end.year - start.year) * 12 + i32::from(end.month) - i32::from(start.month);
    let whole = if start.day == 1 {
        end.day == crate::model::days_in_month(end.year, end.month)
    } else {
        end.day + 1 == start.day
    };
    let months = if start.day == 1 { months + 1 } else { months };
    if whole && months > 0 {
        format!("{months} month{}", if months == 1 { "" } else { "s" })
    } else {
        format!("{days} days")
    }
}
