//! The focus of the report: multi-agency priorities, learning, impact, evidence and
//! improvement.
//!
//! Calibration, from the 2023 guidance and what scrutineers reading it count: the
//! report is judged on three things. Its priorities: named as such, or the report
//! set out as a plan for improvement ("what needs to happen", "next steps", "looking
//! ahead"). Its learning: actions on reviews recorded (the review-actions criterion
//! at least partly met), or a part of the report about learning from reviews or
//! audits. Its impact: the impact criterion at least partly met, unless the report
//! itself (usually its scrutineer) says that much of it is about activity, meetings
//! or courses: that is a judgement on this criterion, made by the one who read the
//! whole report. Met with all three, partial with one or two, missing with none.

use super::reading::*;
use super::{Def, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::Focus,
    judge: focus,
    wwc: false,
    title: "A focus on priorities, learning, impact, evidence and improvement",
    met_when: "is about its multi-agency priorities, what was learnt from reviews and done about it, and the impact of the work, not only activity",
    quote18: "",
    quote23: "\"The focus of these reports should be on multi-agency priorities, learning, impact, evidence, and improvement.\"",
    what: "Reads three things: the report names its multi-agency priorities or sets itself out as a plan for improvement (what needs to happen, next steps); it records learning from reviews or audits (the review-actions criterion is at least partly met, or a part of the report is about that learning); and it evidences impact (the impact criterion is at least partly met, and the report, or its scrutineer, does not say that much of it is about meetings, courses or activity). Met with all three, partial with one or two, missing with none.",
    example: "A report that lists its priorities and its meetings and courses, with no impact and nothing learnt from reviews: partial.",
    fix: "Organise the report around the partnership's priorities: for each, what was learnt (from reviews, audits, children and families), what changed, and the evidence that it made a difference.",
    fix_printed: None,
};

re!(PRIORITIES, r"(?i)\bpriorit(y|ies)\b");

// The report set out as a plan for improvement: what must change next.
re!(
    IMPROVEMENT_PLAN,
    r"(?i)\b(what needs to happen|next steps|looking ahead|improvement plan|what happens next|what we will do next)\b"
);

// A part of the report about what was learnt from reviews or audits.
re!(
    LEARNING_FROM,
    r"(?i)\b(learning|lessons?) (from|of)\b[^.]{0,40}\b(reviews?|audits?)\b"
);

// The report said, in its own pages, to be about activity rather than its impact.
re!(
    REPORT_OF_ACTIVITY,
    r"(?i)\b(too much|most|much|large parts?) of (this|the) report\b[^.]{0,40}\b(meetings|courses|activity|activities|counts?|attendance)\b"
);

fn focus(ctx: &Ctx, r: &Reading) -> Judgement {
    let priorities = !ctx.document.sections.iter().all(|s| s.priority.is_none())
        || anywhere(r, &PRIORITIES)
        || anywhere(r, &IMPROVEMENT_PLAN);
    let learning = (super::review_actions::CRITERION.judge)(ctx, r).status != Status::Missing
        || anywhere(r, &LEARNING_FROM);
    let about_activity = anywhere(r, &REPORT_OF_ACTIVITY)
        || r.scrutiny.iter().any(|part| {
            part.units
                .iter()
                .any(|&u| REPORT_OF_ACTIVITY.is_match(&ctx.units[u].text))
        });
    let impact =
        (super::impact::CRITERION.judge)(ctx, r).status != Status::Missing && !about_activity;
    let parts = [
        (priorities, "its multi-agency priorities"),
        (learning, "learning from reviews acted on"),
        (impact, "evidence of impact"),
    ];
    let has: Vec<&str> = parts.iter().filter(|(h, _)| *h).map(|(_, w)| *w).collect();
    let lacks: Vec<&str> = parts.iter().filter(|(h, _)| !*h).map(|(_, w)| *w).collect();
    match (has.len(), lacks.len()) {
        (_, 0) => Judgement::new(
            Status::Met,
            vec![],
            "the report sets out its multi-agency priorities, learning from reviews acted on, and evidence of impact.",
        ),
        (0, _) => Judgement::new(
            Status::Missing,
            vec![],
            "the report is not about its priorities, learning or impact: it names no multi-agency priority, records no learning from reviews acted on, and evidences no impact.",
        ),
        _ => Judgement::new(
            Status::Partial,
            vec![],
            format!(
                "the report sets out {}, but not {}.",
                has.join(" and "),
                lacks.join(" or ")
            ),
        ),
    }
}
