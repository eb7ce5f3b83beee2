//! Decisions and actions on review recommendations.

use super::reading::*;
use super::{Def, Ev, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::ReviewActions,
    judge: review_actions,
    wwc: true,
    title: "Decisions and actions on review recommendations",
    met_when: "records, for each local and national review recommendation, the decisions and actions taken or planned and any resulting improvement",
    quote18: "The report should include \"a record of decisions and actions taken by the partners in the report's period (or planned to be taken) to implement the recommendations of any local and national child safeguarding practice reviews, including any resulting improvements\". The What Works Centre found 17 of 18 reports did this.",
    quote23: "The 2018 item is carried over (to confirm).",
    what: "Reads the `recommendations` of every `review:` block: each needs at least one entry under `actions`. The matrix says how many recommendations also record an improvement under `impact`. Partial when some recommendations have no actions, or when a child safeguarding practice review, serious case review or national review lists no recommendations.",
    example: "recommendations:\n  - text: Partners should seek assurance that …\n    actions: []        # partial",
    fix: "Under each recommendation, list what was decided or done, or is planned, in `actions`, and what improved in `impact`.",
    fix_printed: Some(
        "Beside each recommendation, say what was decided or done, or is planned, and what improved as a result; a table of recommendation, actions and impact is the usual form.",
    ),
};

re!(
    ACTED_ON,
    r"(?i)\b(acted on|took action on|action (was )?taken on|actions? (taken )?in response to|in response to|implement\w*|responded to)\b"
);

/// Actions on a review recorded in the text, as a report read from a file has them:
/// a sentence that says the partners acted on a review, and what they did.
fn review_actions_in_text(ctx: &Ctx, r: &Reading) -> Option<Judgement> {
    let acted: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| {
            s.lower.contains("review")
                && ACTED_ON.is_match(s.text)
                && !FUTURE.is_match(s.text)
                && !s.lower.contains("rapid review")
        })
        .collect();
    let first = acted.first()?;
    // What was done: the sentence itself, or the next one in its paragraph.
    let next = r
        .sentences
        .iter()
        .skip_while(|s| !std::ptr::eq(*s, *first))
        .nth(1)
        .filter(|s| s.unit == first.unit && ACTIVITY_VERB.is_match(s.text));
    let what = next.map_or(first.text, |s| s.text);
    Some(Judgement::new(
        Status::Met,
        acted.iter().map(|s| span_of(ctx, s)).collect(),
        format!(
            "the text records action on a review ({}: {}); no `review:` block lists the recommendations one by one.",
            quote(first.text),
            quote(what)
        ),
    ))
}

fn review_actions(ctx: &Ctx, r: &Reading) -> Judgement {
    let blocks = review_sections(ctx);
    let mut total = 0;
    let mut with_actions = 0;
    let mut with_impact = 0;
    let mut lacking = Vec::new();
    let mut empty_reviews = Vec::new();
    let mut spans = Vec::new();
    let mut at = None;
    for (i, review) in &blocks {
        let span = ctx.document.sections[*i].span.clone();
        if review.recommendations.is_empty() {
            if review.kind != ReviewKind::RapidReview {
                empty_reviews.push(review.name.clone());
                at.get_or_insert(span.clone());
            }
            continue;
        }
        let mut ok = true;
        for (n, rec) in review.recommendations.iter().enumerate() {
            total += 1;
            if rec.actions.iter().any(|a| !a.trim().is_empty()) {
                with_actions += 1;
            } else {
                ok = false;
                lacking.push(format!("{} recommendation {}", review.name, n + 1));
            }
            if rec.impact.as_deref().is_some_and(|i| !i.trim().is_empty()) {
                with_impact += 1;
            }
        }
        if ok {
            spans.push(Ev::from(span));
        } else {
            at.get_or_insert(span);
        }
    }
    if total == 0 {
        let mentions: Vec<&Sentence> = r
            .sentences
            .iter()
            .filter(|s| s.lower.contains("recommendation") && s.lower.contains("review"))
            .collect();
        if let Some(j) = review_actions_in_text(ctx, r) {
            return j;
        }
        let mut j = Judgement::new(
            if mentions.is_empty() && empty_reviews.is_empty() {
                Status::Missing
            } else {
                Status::Partial
            },
            mentions.iter().map(|s| span_of(ctx, s)).collect(),
            if mentions.is_empty() {
                "no review recommendation, local or national, is recorded with the actions taken on it.".to_string()
            } else {
                "recommendations are mentioned, but none is recorded in a `review:` block with the actions taken on it.".to_string()
            },
        );
        j.at = at;
        return j;
    }
    let mut reason = format!(
        "{} of {} recommendations record the decisions and actions taken or planned; {} record a resulting improvement",
        with_actions, total, with_impact
    );
    if !empty_reviews.is_empty() {
        reason.push_str(&format!(
            "; {} list no recommendations",
            empty_reviews.join(", ")
        ));
    }
    if !lacking.is_empty() {
        reason.push_str(&format!("; no actions for: {}", lacking.join(", ")));
    }
    reason.push('.');
    let status = if with_actions == 0 {
        Status::Missing
    } else if !lacking.is_empty() || !empty_reviews.is_empty() {
        Status::Partial
    } else {
        Status::Met
    };
    let mut j = Judgement::new(status, spans, reason);
    j.at = at;
    j
}
