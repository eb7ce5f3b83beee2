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
    what: "Met when the report shows children's and young people's feedback both sought and used: asked (surveys, focus groups, consultation, takeover days, youth councils) and something changed because of what they said, in a sentence (\"As a result …\", \"In response …\", \"Personal advisers now …\") or in a table that sets what they said beside what was done (\"You said / We did\"). Partial when the report only shows feedback being sought or shared, when its use is only planned, or when only parents' feedback was used.",
    example: "300 young people answered our survey.   # sought, but not used: partial",
    fix: "Say what children and families told you and what changed because of it: \"The survey's findings were built into the Participation Toolkit.\"",
    fix_printed: None,
};

re!(
    SEEK,
    r"(?i)\b(survey\w*|focus groups?|consult\w*|views (of|from)|views and experiences?|feedback|listen\w*|takeover|take-over|interviewed|podcasts?|told us|said|questionnaires?)\b"
);

// "Asked" seeks views only when children or families are the ones asked ("We asked 640
// young people", "parents were asked"), not "We asked each partner to check …".
re!(
    ASKED_WHO,
    r"(?i)\basked\s+(\S+\s+){0,3}?(child\w*|young|famil\w+|parents?|carers?|pupils?|students?|youth|care leavers?|care[- ]experienced)\b|\b(child\w*|young (people|person)|famil\w+|parents?|carers?|pupils?|students?|care leavers?)\b[^.]{0,40}\b(were|was) asked\b"
);

/// A heading given as a plain line, as text from a PDF has them: short, and not ended
/// like a sentence ("Listening to children and families").
fn heading_line(text: &str) -> bool {
    let t = text.trim_end();
    word_count(t) < 8 && !t.ends_with(['.', '!', '?', ':', ';', ')', '"', '\u{201d}'])
}

/// Whether a sentence says views were sought.
fn seeks(text: &str) -> bool {
    SEEK.is_match(text) || ASKED_WHO.is_match(text)
}

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

// A sentence that opens by answering what was just said: "As a result, …", "In
// response, …", "Because of this, …".
re!(
    RESPONDS,
    r"(?i)^\W*(as a (direct )?result|in response|because of (this|that|what))\b"
);

/// A change that follows straight on from asking children or families, in the same
/// paragraph: "We asked 420 young people in a survey. Their answers were built into
/// the lessons." Returns the paragraph's text, which says who was asked.
fn follows_asking<'r>(ctx: &'r Ctx, r: &Reading, i: usize) -> Option<&'r str> {
    let s = &r.sentences[i];
    let paragraph = ctx.units[s.unit].text.as_str();
    // A change made since: "As a result …", "In response, the partnership ran …",
    // "Personal advisers now plan …".
    let follows =
        USE_STRONG.is_match(s.text) || RESPONDS.is_match(s.text) || NOW_DONE.is_match(s.text);
    // Asked in one of the two sentences before, children or families named in them
    // ("The Young Advisers … met the Board. They told us …").
    let before: Vec<&Sentence> = r.sentences[i.saturating_sub(2)..i]
        .iter()
        .filter(|p| p.unit == s.unit)
        .collect();
    let asked = before.iter().any(|p| seeks(p.text)) && before.iter().any(|p| WHO.is_match(p.text));
    (follows && asked).then_some(paragraph)
}

re!(
    SAID_COLUMN,
    r"(?i)\b(said|told|asked|heard|views?|feedback|concerns?|wanted|wishes)\b"
);

re!(
    DONE_COLUMN,
    r"(?i)\b(did|done|do|doing|actions?|action taken|response|responded|changed?|changes|happened|outcome|difference)\b"
);

re!(ADDRESSED, r"(?i)\byou\b");

/// A table that pairs what children or families said with what was done about it
/// ("You said / We did", "What young people told us / What changed"): one column of
/// what was said, another of what was done, rows filled in both, and the children or
/// families named (or addressed as "you"). Such a table shows feedback both sought and
/// used, row by row; one about parents' words only is not children's own feedback.
fn said_and_done_table(ctx: &Ctx, r: &Reading) -> Option<Judgement> {
    for t in r.tables(ctx) {
        let said = t.header.iter().position(|h| SAID_COLUMN.is_match(h));
        let done =
            t.header.iter().enumerate().position(|(i, h)| {
                Some(i) != said && DONE_COLUMN.is_match(h) && !FUTURE.is_match(h)
            });
        let (Some(said), Some(done)) = (said, done) else {
            continue;
        };
        let filled: Vec<usize> = (0..t.rows.len())
            .filter(|&k| {
                let cell = |c: usize| t.rows[k].get(c).is_some_and(|x| !x.trim().is_empty());
                // A row whose answer is a plan ("We will …") shows feedback not yet used.
                cell(said) && cell(done) && !PLANNED.is_match(&t.rows[k][done])
            })
            .collect();
        let named = format!("{} / {}", t.about, t.header.join(" / "));
        let who = WHO.is_match(&named) || ADDRESSED.is_match(t.header[said]);
        let parents_only = PARENTS.is_match(&named) && !CHILDREN.is_match(&named);
        if filled.is_empty() || !who || parents_only {
            continue;
        }
        let spans = filled.iter().map(|&k| t.row_span(ctx, k)).collect();
        return Some(Judgement::new(
            Status::Met,
            spans,
            format!(
                "a table sets what children and families said beside what was done about it (\"{}\" / \"{}\", {}; e.g. {}).",
                t.header[said].trim(),
                t.header[done].trim(),
                plural(filled.len(), "row", "rows"),
                quote(&t.row_text(filled[0]))
            ),
        ));
    }
    None
}

re!(
    SAID_DONE_LABELS,
    r"(?i)^\W*(you|they|children|young people|families|parents|carers)\s+(said|told us|asked( for)?)\W{0,5}\s*(we|partners)\s+(did|have done|changed|do|made)\b"
);

re!(NEGATED, r"(?i)^(not|n['’]t|never)\b");

/// The same pairing laid out as text, as a PDF without tags gives such a table: a
/// paragraph that opens with the two labels ("You said   We did") and goes on with
/// what was said and done. A heading with the labels alone shows nothing.
fn said_and_done_text(ctx: &Ctx, r: &Reading) -> Option<Judgement> {
    let s = r.sentences.iter().find(|s| {
        let unit = &ctx.units[s.unit];
        unit.kind == UnitKind::Paragraph
            && SAID_DONE_LABELS.find(&unit.text).is_some_and(|m| {
                // "They said we did not call back" is a complaint, not the labels.
                let rest = unit.text[m.end()..].trim();
                rest.len() >= 40 && !NEGATED.is_match(rest)
            })
    })?;
    Some(Judgement::new(
        Status::Met,
        vec![span_of(ctx, s)],
        format!(
            "the report sets what children and families said beside what was done about it ({}).",
            quote(&ctx.units[s.unit].text)
        ),
    ))
}

/// Sentences saying children's or families' views were sought, not planned or aimed at.
fn sought<'r>(ctx: &Ctx, r: &'r Reading) -> Vec<&'r Sentence<'r>> {
    r.sentences
        .iter()
        .filter(|s| {
            // A heading names a topic ("Listening to children and families"); it
            // does not report that anyone was asked.
            ctx.units[s.unit].kind == UnitKind::Paragraph
                && !heading_line(s.text)
                && seeks(s.text)
                && WHO.is_match(s.text)
                && !FUTURE.is_match(s.text)
                && !AIM.is_match(s.text)
        })
        .collect()
}

fn voice(ctx: &Ctx, r: &Reading) -> Judgement {
    if let Some(j) = said_and_done_table(ctx, r).or_else(|| said_and_done_text(ctx, r)) {
        return j;
    }
    let sought = sought(ctx, r);
    let asked_before = |i: usize| follows_asking(ctx, r, i);
    let used_at: Vec<usize> = (0..r.sentences.len())
        .filter(|&i| {
            let s = &r.sentences[i];
            let asked = asked_before(i).is_some();
            (USE.is_match(s.text) || asked)
                && (USE_TOPIC.is_match(s.text) || asked)
                && (WHO.is_match(s.text)
                    || WHO.is_match(&r.context[s.unit])
                    || seeks(&r.context[s.unit])
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
