//! The focus of the report: multi-agency priorities, learning, impact, evidence and
//! improvement.

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
    what: "Reads three things the other criteria judge: the report names its multi-agency priorities; it records learning from reviews acted on (the review-actions criterion is at least partly met); and it evidences impact (the impact criterion is at least partly met). Met with all three, partial with one or two, missing with none.",
    example: "A report that lists its priorities and its meetings and courses, with no impact and nothing learnt from reviews: partial.",
    fix: "Organise the report around the partnership's priorities: for each, what was learnt (from reviews, audits, children and families), what changed, and the evidence that it made a difference.",
    fix_printed: None,
};

re!(PRIORITIES, r"(?i)\bpriorit(y|ies)\b");

fn focus(ctx: &Ctx, r: &Reading) -> Judgement {
    let priorities = !ctx.document.sections.iter().all(|s| s.priority.is_none())
        || r.sentences.iter().any(|s| PRIORITIES.is_match(s.text))
        || r.context.iter().any(|c| PRIORITIES.is_match(c));
    let learning = (super::review_actions::CRITERION.judge)(ctx, r).status != Status::Missing;
    let impact = (super::impact::CRITERION.judge)(ctx, r).status != Status::Missing;
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
