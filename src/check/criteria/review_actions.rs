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
    what: "Reads the `recommendations` of every `review:` block: each needs at least one entry under `actions`. The matrix says how many recommendations also record an improvement under `impact`. Partial when some recommendations have no actions, or when a child safeguarding practice review, serious case review or national review lists no recommendations; a recommendation not made yet (\"awaiting final report\") lacks nothing. Without `review:` blocks (a report read as published), reads the text and the tables. Met when it records what the partners decided or did (or planned) about the recommendations or findings of local reviews and of national ones: a table of recommendations with their action, decision or status, or sentences that name a change and tie it to a review, in the sentence itself (\"after the review of Child D the partners agreed four actions\") or in the sentence or list intro before it (\"The review found … Since then: the police now share …\"). National reviews count when used or acted on, not when only considered or discussed. Partial when only local or only national reviews are acted on, or when the report only says recommendations were accepted, considered, tracked or are being implemented, lists the recommendations or the learning themes, or gives actions without saying what they are. Missing when it only counts reviews, records the Panel's decisions on whether a review was needed, or says the learning was shared.",
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
    r"(?i)\b(acted on|led to|built into|changed|introduced|adopted|implemented|in response|as a result|agreed (to|that|a|an|new)|(have|has) agreed|decided (to|that)|(now )?in place|updated|revised|used|applied|added|now (uses?|reviews?|includes?|has|have|checks?|asks?|takes?|take part))\b"
);

re!(
    ACTION_DONE,
    r"(?i)\b(complete[d]?|introduced|agreed|accepted|implemented|put in place|refreshed|revised|changed|built into|rolled out|launched|developed|adopted|added|issued|retrain\w*|now (uses?|reviews?|includes?|has|have)|action plan|new (\w+ ){0,2}(protocol|procedure|policy|guidance|pathway|tool|format|process|checklist|standard|flag|prompt|question))\b"
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

re!(
    ON_FINDINGS,
    r"(?i)\b(recommendations?|actions?|action plans?|learning|findings?|lessons|found|following|after|as a result|in response|acted on|implement\w*|responded to)\b|\b(Child|Baby|Family|Siblings?) [A-Z]\b"
);

re!(
    DECIDED,
    r"(?i)\b(agreed|decided|accepted|committed to|signed off)\b"
);

// The state of an action: "two of these are complete", "this is now in place", "the
// third is under way".
re!(
    STATUS,
    r"(?i)\b(done|complete[d]?|in place|under ?way|on track|started|finished|achieved|in progress)\b"
);

re!(
    REVIEW_TABLE,
    r"(?i)\b(reviews?|recommendations?|CSPRs?|SCRs?)\b"
);

// A column of what was done about each recommendation, or of its state: "Action
// taken", "Decision", "Status", "Complete / In progress".
re!(
    ACTION_COLUMN,
    r"(?i)\b(actions?|decisions?|did|done|response|progress|status|happened|changed?|implemented|complete[d]?|outcomes?|results?)\b"
);

// A change in practice, in any words: "the police now share …", "health visitors ask
// about … at every visit" after "Since the review:", "a flag was added".
re!(
    NOW_DOING,
    r"(?i)\bnow (\w+s|attend|share|ask|use|record|meet|include|run|hold|check|receive|see|visit|offer|have|get|take|give|send|tell|flag|make)\b"
);

// A change made, as distinct from a review completed or published: "the police
// changed the form", "a new escalation policy", "the partners agreed to …".
re!(
    CHANGE_MADE,
    r"(?i)\b(introduced|changed|added|issued|revised|refreshed|updated|retrain\w*|put in place|rolled out|launched|adopted|built into|agreed (to|that|a|an|new)|decided (to|that)|new (\w+ ){0,2}(protocol|procedure|policy|guidance|pathway|tool|format|process|checklist|standard|flag|prompt|question))\b"
);

// What a statement of progress is about: the actions just decided ("the first two
// are done", "both of these are now in place"), not a page ("What we have done").
re!(
    STATUS_OF,
    r"(?i)\b(these|those|them|both|all|each|first|second|third|last|actions?|it|this|which|one|two|three|four|five)\b"
);

// What ties a change to a review when the sentence before it, or the line that opens
// its list, names the review's recommendations, findings or learning.
re!(
    ABOUT_FINDINGS,
    r"(?i)\b(recommend\w*|actions?|learning|findings?|found|identified|showed|highlighted|revealed|lessons)\b|\b(Child|Baby|Family|Siblings?) [A-Z]\b|\bsince (the|this|that) review\b|\b(review|it) told (us|the partners|the partnership)\b"
);

// Decisions about a review itself, not about what it found: "the Panel agreed that
// none needed a local review", "we agreed with the Panel that it did not need …".
re!(
    WHETHER_TO_REVIEW,
    r"(?i)\b(need(s|ed)?|require[ds]?|meet|met) (a |any |no |the criteria for a )?(further|full|local|new)?\s*(local )?(reviews?|child safeguarding practice reviews?|CSPRs?)\b|\bthe Panel agreed\b|\bagreed with (the|our) (Child Safeguarding Practice Review )?Panel\b|\bagreed with (us|our decisions?)\b"
);

// What the partners made of the recommendations or learning without saying what was
// done: "accepted", "considered", "tracked", "being implemented", "asked … to look at".
re!(
    CONSIDERED,
    r"(?i)\b(accepted|considered|considering|discussed|tracked|monitored|being (implemented|taken forward|acted on)|asked|ongoing|in progress|built into|acted on|agreed)\b"
);

// A recommendation a review has not made yet: "Awaiting final report", "Not yet due".
re!(
    NOT_MADE_YET,
    r"(?i)^\W*(awaiting|await|not yet|pending|to follow|to be confirmed|tbc|none yet|n/?a)\b"
);

// Practice tested against a review: "our special schools have checked their practice
// against it", "audited against its recommendations".
re!(
    CHECKED_AGAINST,
    r"(?i)\b(checked|tested|audited|benchmarked|measured|reviewed) (\w+ ){0,3}against\b"
);

re!(
    NATIONAL_ROW,
    r"(?i)\bnational\b|\bChild Safeguarding Practice Review Panel\b|\bthe Panel['’]s\b|^\s*(the )?Panel\b"
);

/// A decision or action on a review found in the report: where, and what to quote.
struct Found {
    at: Ev,
    words: String,
}

fn found(ctx: &Ctx, s: &Sentence) -> Found {
    Found {
        at: span_of(ctx, s),
        words: quote(s.text),
    }
}

/// Whether a sentence is about a national review. "The national Child Safeguarding
/// Practice Review Panel" names the Panel, not a national review.
fn is_national(s: &Sentence) -> bool {
    NATIONAL.is_match(&PANEL_NAME.replace_all(s.text, "the Panel"))
}

/// National reviews acted on in prose: the sentence that names one, or the next one in
/// its paragraph, says what was decided or changed ("… the council and police agreed
/// that … This is now in place").
fn national_in_prose(ctx: &Ctx, r: &Reading) -> Vec<Found> {
    let changed = |t: &str| {
        CHANGED_PRACTICE.is_match(t) || ACTED_ON.is_match(t) || CHECKED_AGAINST.is_match(t)
    };
    (0..r.sentences.len())
        .filter(|&i| {
            let s = &r.sentences[i];
            let next = r.sentences.get(i + 1).filter(|n| n.unit == s.unit);
            // An item of a list the partners decided ("From earlier reviews, the
            // partners decided to: … train GP practices in the national review …").
            let decided_item =
                ctx.units[s.unit].list_intro.is_some() && DECIDED.is_match(&lead_in(ctx, r, i));
            is_national(s)
                && (changed(s.text) || decided_item || next.is_some_and(|n| changed(n.text)))
        })
        .map(|i| found(ctx, &r.sentences[i]))
        .collect()
}

/// Local reviews acted on in prose: a sentence about a review (or under a heading about
/// reviews) that records a decision or action on what it found, not the review itself
/// ("we completed two rapid reviews") nor the decision whether to hold one ("the Panel
/// agreed that none needed a local review"); a change in practice that follows the
/// review's findings, named in the sentence before it or in the line that opens its
/// list ("The review found … Since then: the police now share …"); or the state of
/// actions decided just before ("The partners agreed to: … The first two are done.").
fn local_in_prose(ctx: &Ctx, r: &Reading) -> Vec<Found> {
    let in_context =
        |s: &Sentence| REVIEW_WORDS.is_match(s.text) || REVIEW_HEADING.is_match(&r.context[s.unit]);
    // A sentence that only counts or times reviews beside other work ("we held six
    // rapid reviews and delivered 46 training sessions") records review activity: an
    // action on a review names what it found, a decision, or the review itself.
    let acts = |s: &Sentence| {
        (ACTION_DONE.is_match(s.text) || ACTED_ON.is_match(s.text))
            && ON_RECOMMENDATIONS.is_match(s.text)
            && (ON_FINDINGS.is_match(s.text) || DECIDED.is_match(s.text))
            && !(SHARED_ONLY.is_match(s.text) && !ACTION_DONE.is_match(s.text))
    };
    let changes = |s: &Sentence| CHANGE_MADE.is_match(s.text) || NOW_DOING.is_match(s.text);
    let linked =
        |i: usize| changes(&r.sentences[i]) && ABOUT_FINDINGS.is_match(&lead_in(ctx, r, i));
    let status_of_decision = |i: usize| {
        let s = &r.sentences[i];
        STATUS.is_match(s.text)
            && STATUS_OF.is_match(s.text)
            && r.sentences[i.saturating_sub(5)..i].iter().any(|p| {
                p.section == s.section
                    && s.unit <= p.unit + 1
                    && DECIDED.is_match(p.text)
                    && ON_RECOMMENDATIONS.is_match(p.text)
            })
    };
    // A sentence that goes on about a national review named just before it in its
    // paragraph is about that review, not a local one.
    let after_national = |i: usize| {
        i > 0 && r.sentences[i - 1].unit == r.sentences[i].unit && is_national(&r.sentences[i - 1])
    };
    (0..r.sentences.len())
        .filter(|&i| {
            let s = &r.sentences[i];
            in_context(s)
                && !is_national(s)
                && !after_national(i)
                && !WHETHER_TO_REVIEW.is_match(s.text)
                && (acts(s) || linked(i) || status_of_decision(i))
        })
        .map(|i| found(ctx, &r.sentences[i]))
        .collect()
}

/// What leads into a sentence: the sentence before it in its paragraph, or for the
/// first sentence of a list item, the paragraph that opens the list.
fn lead_in(ctx: &Ctx, r: &Reading, i: usize) -> String {
    let s = &r.sentences[i];
    match i.checked_sub(1).map(|p| &r.sentences[p]) {
        Some(p) if p.unit == s.unit => p.text.to_string(),
        _ => ctx.units[s.unit]
            .list_intro
            .map(|u| ctx.units[u].text.clone())
            .unwrap_or_default(),
    }
}

/// Review recommendations set out in a table with what was decided or done about each
/// ("Recommendation / Decision / Status", "Review / Action taken / Progress"): a table
/// about reviews with a column of actions, decisions or status beside the first. Rows
/// naming a national review or the Panel's are national, the others local.
fn in_tables(ctx: &Ctx, r: &Reading) -> (Vec<Found>, Vec<Found>) {
    let (mut local, mut national) = (Vec::new(), Vec::new());
    for t in r.tables(ctx) {
        let Some(action) = t
            .header
            .iter()
            .skip(1)
            .position(|h| ACTION_COLUMN.is_match(h) && !REVIEW_TABLE.is_match(h))
            .map(|i| i + 1)
        else {
            continue;
        };
        let about_reviews = REVIEW_TABLE.is_match(&t.about)
            || t.header.iter().any(|h| REVIEW_TABLE.is_match(h))
            || t.rows
                .iter()
                .any(|row| row.first().is_some_and(|c| REVIEW_WORDS.is_match(c)));
        if !about_reviews {
            continue;
        }
        for k in 0..t.rows.len() {
            if t.rows[k].get(action).is_none_or(|c| c.trim().is_empty()) {
                continue;
            }
            let row = Found {
                at: t.row_span(ctx, k),
                words: quote(&t.row_text(k)),
            };
            if NATIONAL_ROW.is_match(&t.rows[k].join(" | ")) {
                national.push(row);
            } else {
                local.push(row);
            }
        }
    }
    (local, national)
}

/// What a report says of reviews' recommendations or learning when it records no
/// action on them: that they were accepted, considered, tracked or are being
/// implemented ("Partners have accepted these recommendations"), or what they were, as
/// a list the report opens ("The review made four recommendations:", "Key themes
/// were:"). A plan to look at them later, or the learning shared in briefings, says
/// nothing of what the partners made of them.
fn considered_only<'r>(ctx: &Ctx, r: &'r Reading) -> Option<&'r Sentence<'r>> {
    let in_context =
        |s: &Sentence| REVIEW_WORDS.is_match(s.text) || REVIEW_HEADING.is_match(&r.context[s.unit]);
    let about = |i: usize| {
        ABOUT_FINDINGS.is_match(r.sentences[i].text) || ABOUT_FINDINGS.is_match(&lead_in(ctx, r, i))
    };
    let lists_them = |i: usize| {
        let s = &r.sentences[i];
        s.text.trim_end().ends_with(':')
            && about(i)
            && ctx
                .units
                .get(s.unit + 1)
                .is_some_and(|u| u.list_intro == Some(s.unit))
    };
    (0..r.sentences.len())
        .find(|&i| {
            let s = &r.sentences[i];
            in_context(s)
                && !FUTURE.is_match(s.text)
                && !WHETHER_TO_REVIEW.is_match(s.text)
                && ((CONSIDERED.is_match(s.text) && about(i)) || lists_them(i))
        })
        .map(|i| &r.sentences[i])
}

/// Actions on reviews recorded in prose or tables, as a report read from a file has
/// them ("the partners accepted all four recommendations; three actions are complete",
/// a table of recommendations with their status): met when the report records
/// decisions or actions on local reviews and on national ones (or on national ones in
/// a year it says had no local review); partial when only one of the two, or when it
/// only shares the learning.
fn review_actions_in_text(ctx: &Ctx, r: &Reading) -> Judgement {
    let (mut local, mut national) = in_tables(ctx, r);
    local.extend(local_in_prose(ctx, r));
    national.extend(national_in_prose(ctx, r));
    let considered = considered_only(ctx, r);
    let no_local = r
        .sentences
        .iter()
        .find(|s| super::reviews::NO_REVIEWS.is_match(s.text));
    let spans: Vec<Ev> = local
        .iter()
        .chain(&national)
        .map(|f| f.at.clone())
        .collect();
    let (status, reason) = match (local.first(), national.first(), no_local) {
        (Some(l), Some(n), _) => (
            Status::Met,
            format!(
                "the report records action on local reviews ({}) and on national ones ({}).",
                l.words, n.words
            ),
        ),
        (Some(l), None, _) => (
            Status::Partial,
            format!(
                "the report records action on local reviews ({}), but none on national reviews.",
                l.words
            ),
        ),
        // With no local review in the year, the national ones are all there is.
        (None, Some(n), Some(none)) => (
            Status::Met,
            format!(
                "the report records action on national reviews ({}), and says there were no local ones ({}).",
                n.words,
                quote(none.text)
            ),
        ),
        (None, Some(n), None) => (
            Status::Partial,
            format!(
                "the report records action on national reviews ({}), but none on local ones.",
                n.words
            ),
        ),
        (None, None, _) => match considered {
            Some(s) => {
                return Judgement::quoting(ctx, Status::Partial, s, |q| format!("the report says what became of reviews' recommendations or learning ({q}), but not what was decided or done about them."));
            }
            None => (
                Status::Missing,
                "no review recommendation, local or national, is recorded with the actions taken on it; counting reviews, the Panel's decisions on them, or sharing their learning is not a record of actions.".to_string(),
            ),
        },
    };
    Judgement::new(status, spans, reason)
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
            // A review still under way has made no recommendation to act on yet.
            if NOT_MADE_YET.is_match(&rec.text) {
                continue;
            }
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
