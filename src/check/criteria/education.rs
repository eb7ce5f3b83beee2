//! The contribution of education.

use super::reading::*;
use super::{Def, Ev, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::Education,
    judge: education,
    wwc: false,
    title: "The contribution of education",
    met_when: "shows the contribution of schools, colleges and early years settings",
    quote18: "",
    quote23: "Education gets a much stronger role; reports include the contribution of education and other relevant agencies (to confirm).",
    what: "Counts sentences recording what schools, colleges or early years settings did. Met with at least three; partial when education is only mentioned.",
    example: "Schools are important partners.   # mentioned, nothing done: partial",
    fix: "Give education a section of its own, saying what schools, colleges and early years settings did and what changed.",
    fix_printed: None,
};

re!(
    EDUCATION,
    r"(?i)\b(schools?|colleges?|education\w*|early years|pupils?|academ(y|ies))\b"
);

fn education(ctx: &Ctx, r: &Reading) -> Judgement {
    let mentions: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| EDUCATION.is_match(s.text))
        .collect();
    let done: Vec<&&Sentence> = mentions
        .iter()
        .filter(|s| ACTIVITY_VERB.is_match(s.text) && !FUTURE.is_match(s.text))
        .collect();
    let spans: Vec<Ev> = done
        .iter()
        .map(|s| span_of(ctx, s))
        .chain(mentions.iter().map(|s| span_of(ctx, s)))
        .collect();
    if done.len() >= 3 {
        Judgement::new(
            Status::Met,
            spans,
            format!(
                "{} record what schools, colleges or early years settings did.",
                plural(done.len(), "sentence", "sentences")
            ),
        )
    } else if !mentions.is_empty() {
        Judgement::new(
            Status::Partial,
            spans,
            format!(
                "education is mentioned ({} sentences), but little of what it did is recorded.",
                mentions.len()
            ),
        )
    } else {
        Judgement::new(
            Status::Missing,
            vec![],
            "the report says nothing of education's contribution.",
        )
    }
}
