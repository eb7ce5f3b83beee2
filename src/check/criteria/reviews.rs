//! Activity on child safeguarding practice reviews.

use super::reading::*;
use super::{Def, Ev, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::Reviews,
    judge: reviews,
    wwc: false,
    title: "Activity on child safeguarding practice reviews",
    met_when: "reports its child safeguarding practice review activity, or says explicitly there was none",
    quote18: "The report must set out what the partners have done \"including on child safeguarding practice reviews\". A year with none must say so.",
    quote23: "\"Reports must include: what partnerships have done as a result of the arrangements, including on child safeguarding practice reviews\"",
    what: "Looks for sections with a `review:` block (rapid reviews, local child safeguarding practice reviews, serious case reviews, national reviews), sentences that record review activity and what came of it (a local review commissioned, published or not needed), or an explicit statement that there were none (\"There have not been any child safeguarding practice reviews commissioned\"). Partial when the report counts its rapid reviews but says nothing of what came of them, or only mentions reviews; the Child Safeguarding Practice Review Panel's name is not a review.",
    example: "A report with no section about case reviews and no sentence saying there were none: missing.",
    fix: "Give each review a section with a `review:` block (see docs/format.md), or say plainly: \"No child safeguarding practice reviews were commissioned in 2021-22.\"",
    fix_printed: Some(
        "Describe each review carried out or commissioned in the period under a heading naming it (\"Rapid Review 1\", \"CSPR Child L\"), or say plainly that there were none.",
    ),
};

re!(
    NO_REVIEWS,
    r"(?i)\b(no|not any|none|nil|zero|neither)\b[^.]{0,60}\b(rapid reviews?|child safeguarding practice reviews?|CSPRs?|serious case reviews?|local reviews?)\b|\b(did not|does not|do not) (lead to|need|require|meet the criteria for)\b[^.]{0,30}\b(local reviews?|child safeguarding practice reviews?|CSPRs?)\b|\b(have|has|were|was) not (been )?(any )?[^.]{0,40}\b(rapid reviews?|child safeguarding practice reviews?|CSPRs?)\b"
);

// A count of the year's reviews or of the notifications that start them: "held five
// rapid reviews", "received four serious incident notifications", "one led to a
// local child safeguarding practice review".
re!(
    COUNTED,
    r"(?i)\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(new\s+|further\s+)?(serious incident notifications?|rapid reviews?|(local\s+)?child safeguarding practice reviews?|CSPRs?|serious case reviews?)\b|\b(led to|resulted in|became)\s+(a|one|two|three)\s+(local\s+)?(child safeguarding practice review|CSPR)\b"
);

// The national Panel's name holds the words of a review; it is not one.
re!(
    PANEL_NAME,
    r"(?i)\b(the )?(national )?Child Safeguarding Practice Review Panel\b"
);

// What came of the year's reviews: a local review commissioned, published or not
// needed ("One led to a local child safeguarding practice review", "the Panel agreed
// none needed a local review"), not a question still open ("waiting to hear whether a
// local review is needed").
re!(
    LOCAL_REVIEW,
    r"(?i)\b(local (child safeguarding practice )?reviews?|child safeguarding practice reviews?|L?CSPRs?|serious case reviews?|SCRs?)\b"
);
re!(
    OUTCOME,
    r"(?i)\b(commissioned|published|completed|started|led to|became|began|begun|under ?way|in progress|needed|required|further review|agreed|decided|met the criteria|meet the criteria)\b"
);
re!(WHETHER, r"(?i)\bwhether\b");

fn reviews(ctx: &Ctx, r: &Reading) -> Judgement {
    let blocks = review_sections(ctx);
    let none: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| s.lower.contains("review") && NO_REVIEWS.is_match(s.text))
        .collect();
    let names_review =
        |s: &Sentence| REVIEW_TERM.is_match(&PANEL_NAME.replace_all(s.text, "the Panel"));
    let active: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| names_review(s) && ACTIVITY_VERB.is_match(s.text) && !FUTURE.is_match(s.text))
        .collect();
    // A sentence that counts the year's reviews records their activity.
    let counted = active.iter().any(|s| COUNTED.is_match(s.text))
        || r.sentences
            .iter()
            .any(|s| COUNTED.is_match(s.text) && !FUTURE.is_match(s.text));
    let mut spans: Vec<Ev> = blocks
        .iter()
        .map(|(i, _)| Ev::from(ctx.document.sections[*i].span.clone()))
        .collect();
    spans.extend(none.iter().map(|s| span_of(ctx, s)));
    spans.extend(active.iter().map(|s| span_of(ctx, s)));
    let mut parts = Vec::new();
    if !blocks.is_empty() {
        let names: Vec<String> = blocks
            .iter()
            .map(|(_, r)| format!("{} ({})", r.name, kind_name(r.kind)))
            .collect();
        parts.push(format!(
            "{} recorded: {}",
            plural(blocks.len(), "case review", "case reviews"),
            names.join(", ")
        ));
    }
    if let Some(s) = none.first() {
        parts.push(format!("the report says {}", quote(s.text)));
    }
    // A count of rapid reviews says what was held; a scrutineer also looks for what
    // came of them.
    let outcome = r.sentences.iter().any(|s| {
        let text = PANEL_NAME.replace_all(s.text, "the Panel");
        LOCAL_REVIEW.is_match(&text) && OUTCOME.is_match(&text) && !WHETHER.is_match(&text)
    });
    if !blocks.is_empty() || !none.is_empty() || ((active.len() >= 2 || counted) && outcome) {
        if parts.is_empty() {
            parts.push(format!(
                "{} record review activity",
                plural(active.len(), "sentence", "sentences")
            ));
        }
        return Judgement::new(Status::Met, spans, format!("{}.", parts.join("; ")));
    }
    let mentions: Vec<&Sentence> = r.sentences.iter().filter(|s| names_review(s)).collect();
    if active.len() >= 2 || counted {
        let spans = active.iter().map(|s| span_of(ctx, s)).collect();
        return Judgement::new(
            Status::Partial,
            spans,
            "the report counts the year's reviews, but not what came of them: whether a local child safeguarding practice review was commissioned, published or not needed.",
        );
    }
    if !mentions.is_empty() || !active.is_empty() {
        let spans = mentions.iter().map(|s| span_of(ctx, s)).collect();
        return Judgement::new(
            Status::Partial,
            spans,
            "case reviews are mentioned, but the report neither records the year's review activity nor says there was none.",
        );
    }
    Judgement::new(
        Status::Missing,
        vec![],
        "the report says nothing of child safeguarding practice reviews, not even that there were none.",
    )
}
