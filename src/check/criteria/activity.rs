//! What the partners did as a result of the arrangements.

use super::reading::*;
use super::{Def, Ev, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::Activity,
    judge: activity,
    wwc: false,
    title: "What the partners did as a result of the arrangements",
    met_when: "sets out what the partners did as a result of the arrangements",
    quote18: "The report \"must set out what they have done as a result of the arrangements, including on child safeguarding practice reviews, and how effective these arrangements have been in practice.\"",
    quote23: "\"Reports must include: what partnerships have done as a result of the arrangements, including on child safeguarding practice reviews\"",
    what: "Counts sentences that record something done in the period (held, published, launched, delivered, commissioned, trained, reviewed…), leaving out plans (\"will\", \"planned to\"). Met with at least five such sentences in at least two sections; partial with fewer, or when a section declares the criterion but records nothing done.",
    example: "---\ncriteria: [WT18-ACTIVITY]\n---\nThe partnership will review its arrangements next year.   # a plan, not activity: partial",
    fix: "Say what the partners did in the period, one action to a sentence: \"We published the Strategic Plan 2021-24.\"",
    fix_printed: None,
};

fn activity(ctx: &Ctx, r: &Reading) -> Judgement {
    let found: Vec<&Sentence> = r.activities().collect();
    let sections = distinct_sections(&found);
    let spans: Vec<Ev> = found.iter().map(|s| span_of(ctx, s)).collect();
    // A short report may set its activity out in one section.
    let spread = sections >= 2 || ctx.document.sections.len() <= 3;
    if found.len() >= 5 && spread {
        Judgement::new(
            Status::Met,
            spans,
            format!(
                "{} in {} record what the partners did in the period.",
                plural(found.len(), "sentence", "sentences"),
                plural(sections, "section", "sections")
            ),
        )
    } else if !found.is_empty() {
        Judgement::new(
            Status::Partial,
            spans,
            format!(
                "only {} in {} record something the partners did; a report sets out its year's activity across its sections.",
                plural(found.len(), "sentence", "sentences"),
                plural(sections, "section", "sections")
            ),
        )
    } else {
        Judgement::new(
            Status::Missing,
            vec![],
            "no sentence records something the partners did in the period.",
        )
    }
}
