//! Feedback from children and families, sought and used.

use super::reading::*;
use super::{Def, Ev, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::Voice,
    judge: voice,
    wwc: false,
    title: "Feedback from children and families, sought and used",
    met_when: "shows how feedback from children and families was sought and how it was used",
    quote18: "The report should include \"ways in which the partners have sought and utilised feedback from children and families to inform their work and influence service provision\". Both sought and used.",
    quote23: "The 2018 item is carried over (to confirm).",
    what: "Finds sentences about seeking feedback from children, young people and families (surveys, focus groups, consultation, takeover days, podcasts) and sentences about using it (findings built into, informed, shaped, changed as a result). Partial when the report only shows feedback being sought.",
    example: "300 young people answered our survey.   # sought, but not used: partial",
    fix: "Say what children and families told you and what changed because of it: \"The survey's findings were built into the Participation Toolkit.\"",
    fix_printed: None,
};

re!(
    SEEK,
    r"(?i)\b(survey\w*|focus groups?|consult\w*|views (of|from)|views and experiences?|feedback|listen\w*|takeover|take-over|interviewed|asked|podcasts?|told us|said|questionnaires?)\b"
);

re!(
    WHO,
    r"(?i)\b(child\w*|young (people|person)|famil\w+|parents?|carers?|pupils?|students?|youth|care leavers?|care[- ]experienced)\b"
);

re!(
    CHILDREN,
    r"(?i)\b(child\w*|young (people|person)|youth|pupils?|students?|teenagers?|care leavers?|care[- ]experienced)\b"
);

re!(
    PARENTS,
    r"(?i)\b(parents?|carers?|mothers?|fathers?|famil(y|ies))\b"
);

re!(VOICE_CONTEXT, r"(?i)voice|participation|young people|youth");
re!(
    USE_STRONG,
    r"(?i)\b(built into|fed into|led (directly )?to|changed|shaped|resulted in|incorporated|acted on)\b"
);

re!(
    PLANNED,
    r"(?i)\b(will|shall|plans? to|planned to|intends? to|going to|aims? to)\b"
);

re!(
    AIM,
    r"(?i)^aims?\b|\b(aims? to|in order to|to ensure|promote)\b"
);

re!(
    USE,
    r"(?i)\b(informed|influenc\w+|shaped|changed|led (directly )?to|as a (direct )?result|built into|fed into|used (to|in)|in response|acted on|resulted in|incorporated|based on)\b"
);

re!(
    USE_TOPIC,
    r"(?i)\b(feedback|views|voice|survey|findings|said|told|consultation|focus groups?|participation|answers|comments|ideas|suggestions)\b"
);

re!(
    NOW_DONE,
    r"(?i)\bnow (\w+s|plan|use|offer|have|hold|meet|ask|give|run)\b|\b(introduced|rewrote|rewritten|redesigned|set up)\b"
);

/// A change that follows straight on from asking children or families, in the same
/// paragraph: "We asked 420 young people in a survey. Their answers were built into
/// the lessons." Returns the paragraph's text, which says who was asked.
fn follows_asking<'r>(ctx: &'r Ctx, r: &Reading, i: usize) -> Option<&'r str> {
    let s = &r.sentences[i];
    let paragraph = ctx.units[s.unit].text.as_str();
    // A change made since: "As a result …", "Personal advisers now plan …".
    let follows = USE_STRONG.is_match(s.text)
        || s.lower.starts_with("as a result")
        || NOW_DONE.is_match(s.text);
    // Asked in one of the two sentences before, children or families named in them
    // ("The Young Advisers … met the Board. They told us …").
    let before: Vec<&Sentence> = r.sentences[i.saturating_sub(2)..i]
        .iter()
        .filter(|p| p.unit == s.unit)
        .collect();
    let asked =
        before.iter().any(|p| SEEK.is_match(p.text)) && before.iter().any(|p| WHO.is_match(p.text));
    (follows && asked).then_some(paragraph)
}

fn voice(ctx: &Ctx, r: &Reading) -> Judgement {
    let sought: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| {
            SEEK.is_match(s.text)
                && WHO.is_match(s.text)
                && !FUTURE.is_match(s.text)
                && !AIM.is_match(s.text)
        })
        .collect();
    let asked_before = |i: usize| follows_asking(ctx, r, i);
    let used_at: Vec<usize> = (0..r.sentences.len())
        .filter(|&i| {
            let s = &r.sentences[i];
            let asked = asked_before(i).is_some();
            (USE.is_match(s.text) || asked)
                && (USE_TOPIC.is_match(s.text) || asked)
                && (WHO.is_match(s.text)
                    || WHO.is_match(&r.context[s.unit])
                    || SEEK.is_match(&r.context[s.unit])
                    || asked)
                && !PLANNED.is_match(s.text)
        })
        .collect();
    let used: Vec<&Sentence> = used_at.iter().map(|&i| &r.sentences[i]).collect();
    // Children's own feedback, not only their parents': the guidance asks for both.
    let mut by_children: Vec<&Sentence> = used_at
        .iter()
        .filter(|&&i| {
            let s = &r.sentences[i];
            let who = |t: &str| {
                let parents_only = PARENTS.is_match(t) && !CHILDREN.is_match(t);
                !parents_only && CHILDREN.is_match(t)
            };
            let parents_only = PARENTS.is_match(s.text) && !CHILDREN.is_match(s.text);
            !parents_only
                && (who(s.text)
                    || VOICE_CONTEXT.is_match(&r.context[s.unit])
                    || asked_before(i).is_some_and(who))
        })
        .map(|&i| &r.sentences[i])
        .collect();
    // The plainest examples first: feedback built into, or changing, something.
    by_children.sort_by_key(|s| usize::from(!USE_STRONG.is_match(s.text)));
    let mut spans: Vec<Ev> = by_children.iter().map(|s| span_of(ctx, s)).collect();
    spans.extend(used.iter().map(|s| span_of(ctx, s)));
    spans.extend(sought.iter().map(|s| span_of(ctx, s)));
    if let (Some(s), Some(u), None) = (sought.first(), used.first(), by_children.first()) {
        return Judgement::new(
            Status::Partial,
            spans,
            format!(
                "feedback was sought (e.g. {}) and parents' or carers' feedback used ({}), but the report does not show children's and young people's own feedback being used.",
                quote(s.text),
                quote(u.text)
            ),
        );
    }
    match (sought.first(), by_children.first()) {
        (Some(s), Some(u)) => Judgement::new(
            Status::Met,
            spans,
            format!(
                "feedback from children and families was sought ({}, e.g. {}) and used ({}, e.g. {}).",
                plural(sought.len(), "sentence", "sentences"),
                quote(s.text),
                plural(used.len(), "sentence", "sentences"),
                quote(u.text)
            ),
        ),
        (Some(s), None) => Judgement::new(
            Status::Partial,
            spans,
            format!(
                "the report shows feedback being sought (e.g. {}), but not how it was used to inform the partners' work.",
                quote(s.text)
            ),
        ),
        (None, Some(u)) => Judgement::new(
            Status::Partial,
            spans,
            format!(
                "the report says feedback was used ({}), but not how children and families were asked.",
                quote(u.text)
            ),
        ),
        (None, None) => Judgement::new(
            Status::Missing,
            vec![],
            "the report says nothing of feedback from children and families.",
        ),
    }
}
