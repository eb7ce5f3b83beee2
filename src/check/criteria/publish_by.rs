//! Published by the end of September.
//!
//! The rule a scrutineer applies: the 2023 edition asks for publication by the end of
//! September, covering the previous April to March. A report that gives both, in time,
//! meets it; one that gives its period but no publication date, and says something of
//! its publication (where, or when it will be or was published), is partial (a date not
//! given is not a date missed), as is one published in time for a period other than
//! April to March; one published after the deadline, one that says nothing at all of
//! its own publication, or one that says neither what it covers nor when it came out,
//! does not meet it: the item is about publishing, and a report silent on it gives the
//! reader nothing to hold the partners to.

use super::reading::*;
use super::{Def, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::PublishBy,
    judge: publish_by,
    wwc: false,
    title: "Published by the end of September",
    met_when: "is published by the end of the September after its period ends",
    quote18: "",
    quote23: "Reports are published by the end of September, covering the previous April to March (to confirm).",
    what: "Compares the publication date (`publication: published:` in report.yaml, or the date the report gives) with 30 September of the year the period ends. Met when published by then and the period is April to March; partial when the period is other months (the deadline is set for April to March years), or when the period is stated but no publication date is and the report says where or when it is (or will be) published; missing when an April to March report is published later, when the report says nothing of its own publication, or when it states neither its period nor its publication date.",
    example: "period ends 2024-03-31, published: 2024-11-01   # missing",
    fix: "Publish by the end of September, and record the date as `published:` under `publication:` in report.yaml.",
    fix_printed: Some(
        "Publish by the end of September, and say the date in the report: \"Published on 30 September 2022.\"",
    ),
};

// The report speaking of its own publication: where ("on our website") or when ("will be
// published in the autumn", "we publish an interim report each year").
re!(
    PUBLISHING,
    r"(?i)\bpublish\w*\b|\b(on|at) (our|the) ([\w'’]+ ){0,3}(website|web ?site|webpages?)\b"
);

// Other documents published: "the review was published in 2017", "we published revised
// arrangements", "publish seven-minute briefings".
re!(
    OTHER_DOCUMENT,
    r"(?i)\b(reviews?|arrangements|briefings?|plans?|strateg(y|ies)|guidance|polic(y|ies)|procedures|leaflets?|toolkits?|data ?sets?|dataset|newsletters?|campaigns?|protocols?|lessons)\b"
);

/// Whether the report says anything of its own publication, beyond a date.
fn publication_said(ctx: &Ctx, r: &Reading) -> bool {
    let p = &ctx.facts.publication;
    p.website.is_some()
        || p.copy_within_seven_days
        || r.sentences
            .iter()
            .any(|s| PUBLISHING.is_match(s.text) && !OTHER_DOCUMENT.is_match(s.text))
}

fn publish_by(ctx: &Ctx, r: &Reading) -> Judgement {
    let published = ctx.facts.publication.published;
    let Some(period) = ctx.period() else {
        return match published {
            Some(p) => Judgement::new(
                Status::Partial,
                vec![],
                format!(
                    "the report says it was published {}, but not which months it covers, so its deadline is unknown.",
                    p.long()
                ),
            ),
            None => Judgement::new(
                Status::Missing,
                vec![],
                "the report says neither which months it covers nor when it was published.",
            ),
        };
    };
    let end = period.end;
    let deadline = crate::model::Date {
        year: if end.month <= 9 {
            end.year
        } else {
            end.year + 1
        },
        month: 9,
        day: 30,
    };
    let span = publication_span(ctx);
    // The guidance's report covers the previous April to March.
    let april_to_march = period.start.month == 4
        && period.start.day == 1
        && period.end.month == 3
        && period.end.day == 31
        && period.end.year == period.start.year + 1;
    let mut j = match published {
        // The deadline is set for an April to March year; a report on other months
        // publishes on a cycle of its own, so its date neither meets nor misses it.
        Some(p) if !april_to_march => Judgement::new(
            Status::Partial,
            vec![span.clone().into()],
            format!(
                "published {}, but the report covers {} to {}, not the April to March year whose report is due by the end of September.",
                p.long(),
                period.start.long(),
                end.long()
            ),
        ),
        Some(p) if p <= deadline => Judgement::new(
            Status::Met,
            vec![span.clone().into()],
            format!("published {}, by {}.", p.long(), deadline.long()),
        ),
        Some(p) => Judgement::new(
            Status::Missing,
            vec![],
            format!("published {}, after {}.", p.long(), deadline.long()),
        ),
        // A report read from a file that says nothing at all of its publication (no
        // date, no place, no intention) is silent on the item's subject: what it
        // covers only sets a deadline nobody is held to. A project records the date
        // in report.yaml once the report is out, so it is never judged so.
        None if ctx.checked() == crate::check::Checked::Published && !publication_said(ctx, r) => {
            Judgement::new(
                Status::Missing,
                vec![],
                format!(
                    "the report says it covers {} to {}, but nothing of when or where it is published, so publication by {} is not shown.",
                    period.start.long(),
                    end.long(),
                    deadline.long()
                ),
            )
        }
        // The report says what it covers, the item's other half; a date not given is
        // not a date missed. A project records the date once the report is out.
        None => Judgement::new(
            Status::Partial,
            vec![],
            ctx.advice(
                format!(
                    "report.yaml records no publication date, so publication by {} cannot be shown.",
                    deadline.long()
                ),
                format!(
                    "the report says it covers {} to {}, but not when it was published, so publication by {} is not shown.",
                    period.start.long(),
                    end.long(),
                    deadline.long()
                ),
            ),
        ),
    };
    j.at = Some(span);
    j
}
