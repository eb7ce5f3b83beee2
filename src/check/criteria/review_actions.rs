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
    what: "Reads the `recommendations` of every `review:` block: each needs at least one entry under `actions`. The matrix says how many recommendations also record an improvement under `impact`. Partial when some recommendations have no actions, or when a child safeguarding practice review, serious case review or national review lists no recommendations. Without `review:` blocks (a report read as published), reads the text: met when it records decisions or actions on local reviews and on national ones, partial when only one of them or when it only shares the learning.",
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

re!(
    REVIEW_WORDS,
    r"(?i)\b(reviews?|CSPRs?|recommendations?|action plans?|learning from)\b|\b(Child|Baby|Family) [A-Z]\b"
);

re!(
    REVIEW_HEADING,
    r"(?i)\b(reviews?|learning|recommendations?)\b"
);

re!(
    ON_RECOMMENDATIONS,
    r"(?i)\b(recommendations?|actions?|action plans?|learning|protocol|procedure|policy|guidance|pathway|training|practice|format|checklist|process)\b"
);

re!(
    CHANGED_PRACTICE,
    r"(?i)\b(acted on|led to|built into|changed|introduced|adopted|implemented|in response|as a result|agreed to|agreed (a|an|new)|decided to|updated|revised|now (uses?|reviews?|includes?|has|have|checks?|asks?|takes?|take part))\b"
);

re!(
    ACTION_DONE,
    r"(?i)\b(complete[d]?|introduced|agreed|accepted|implemented|put in place|refreshed|revised|changed|built into|rolled out|launched|developed|adopted|now (uses?|reviews?|includes?|has|have)|action plan|new (protocol|procedure|policy|guidance|pathway|tool|format|process|checklist|standard))\b"
);

re!(
    NATIONAL,
    r"(?i)\bnational\b[^.]{0,40}?\b(reviews?|reports?|learning|findings|recommendations)\b|\bthe Panel['’]?s (\w+ )?(review|report|recommendations|findings)|\b(review|report) (by|from|of) the (national )?(Child Safeguarding Practice Review )?Panel\b"
);

re!(
    PANEL_NAME,
    r"(?i)\b(the )?(national )?Child Safeguarding Practice Review Panel\b"
);

re!(
    SHARED_ONLY,
    r"(?i)\b(shared|briefings?|disseminat\w+|learning (events?|summaries|summary)|newsletters?)\b"
);

/// Whether a sentence is about a national review. "The national Child Safeguarding
/// Practice Review Panel" names the Panel, not a national review.
fn is_national(s: &Sentence) -> bool {
    NATIONAL.is_match(&PANEL_NAME.replace_all(s.text, "the Panel"))
}

/// Actions on reviews recorded in prose, as a report read from a file has them
/// ("the partners accepted all four recommendations; three actions are complete"):
/// met when the report records actions on local reviews and on national ones; partial
/// when only one of the two, or when it only shares the learning.
fn review_actions_in_text(ctx: &Ctx, r: &Reading) -> Judgement {
    // About a review: it says so, or it is under a heading about reviews.
    let in_context =
        |s: &Sentence| REVIEW_WORDS.is_match(s.text) || REVIEW_HEADING.is_match(&r.context[s.unit]);
    // A decision or action on what a review found, not the review itself ("we
    // completed two rapid reviews").
    let acts = |s: &Sentence| {
        (ACTION_DONE.is_match(s.text) || ACTED_ON.is_match(s.text))
            && ON_RECOMMENDATIONS.is_match(s.text)
    };
    // A national review acted on: the sentence that names it, or the next one in its
    // paragraph, says what changed.
    let national: Vec<&Sentence> = (0..r.sentences.len())
        .filter(|&i| {
            let s = &r.sentences[i];
            let next = r.sentences.get(i + 1).filter(|n| n.unit == s.unit);
            let changed = |t: &str| CHANGED_PRACTICE.is_match(t) || ACTED_ON.is_match(t);
            is_national(s) && (changed(s.text) || next.is_some_and(|n| changed(n.text)))
        })
        .map(|i| &r.sentences[i])
        .collect();
    let local: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| in_context(s) && acts(s) && !is_national(s))
        .filter(|s| !(SHARED_ONLY.is_match(s.text) && !ACTION_DONE.is_match(s.text)))
        .collect();
    let shared: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| in_context(s) && SHARED_ONLY.is_match(s.text))
        .collect();
    let mut spans: Vec<Ev> = local.iter().map(|s| span_of(ctx, s)).collect();
    spans.extend(national.iter().map(|s| span_of(ctx, s)));
    match (local.first(), national.first()) {
        (Some(l), Some(n)) => Judgement::new(
            Status::Met,
            spans,
            format!(
                "the report records action on local reviews ({}) and on national ones ({}).",
                quote(l.text),
                quote(n.text)
            ),
        ),
        (Some(l), None) => Judgement::new(
            Status::Partial,
            spans,
            format!(
                "the report records action on local reviews ({}), but none on national reviews.",
                quote(l.text)
            ),
        ),
        (None, Some(n)) => match r
            .sentences
            .iter()
            .find(|s| super::reviews::NO_REVIEWS.is_match(s.text))
        {
            // With no local review in the year, the national ones are all there is.
            Some(none) => Judgement::new(
                Status::Met,
                spans,
                format!(
                    "the report records action on national reviews ({}), and says there were no local ones ({}).",
                    quote(n.text),
                    quote(none.text)
                ),
            ),
            None => Judgement::new(
                Status::Partial,
                spans,
                format!(
                    "the report records action on national reviews ({}), but none on local ones.",
                    quote(n.text)
                ),
            ),
        },
        (None, None) => match shared.first() {
            Some(s) => Judgement::new(
                Status::Partial,
                vec![span_of(ctx, s)],
                format!(
                    "the report shares the learning from reviews ({}), but records no decision or action on their recommendations.",
                    quote(s.text)
                ),
            ),
            None => Judgement::new(
                Status::Missing,
                vec![],
                "no review recommendation, local or national, is recorded with the actions taken on it.",
            ),
        },
    }
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
        let mut j = review_actions_in_text(ctx, r);
        if j.status != Status::Met && !empty_reviews.is_empty() {
            j.at = at;
        }
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
