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
    what: "Met when what education did is recorded: at least three sentences in which schools, colleges, early years settings or their staff (head teachers, designated safeguarding leads) do something, or two and a place for education in the arrangements (represented on the executive, a member, a relevant agency). Partial with less. Missing when education never acts or has a place: named only as where children are, a source of referrals, or a plan.",
    example: "Schools are important partners.   # mentioned, nothing done: partial",
    fix: "Give education a section of its own, saying what schools, colleges and early years settings did and what changed.",
    fix_printed: None,
};

re!(
    EDUCATION,
    r"(?i)\b(schools?|colleges?|education|early years|pupils?|academ(y|ies)|head ?teachers?|designated safeguarding leads?|DSLs?|nurser(y|ies)|childminders?)\b"
);

// Names with "education" in them that are not education's part: the government
// department, a young person's status, special educational needs.
re!(
    NOT_EDUCATION,
    r"(?i)Department for Education|(in )?education,? employment,? (and|or) training|(special )?educational needs|missing (from )?education"
);

re!(
    EDUCATION_DOES,
    r"(?i)\b(led|leads?|started|starts|takes?|taken|took|meets?|hold|holds|shares?|returned|completed|makes?|runs?|chairs?|chaired|visited|delivers?|teach(es)?|identif(y|ies|ied)|notif(y|ies|ied)|refers?)\b"
);

// Education's place in the arrangements.
re!(
    EDUCATION_PLACE,
    r"(?i)\b(represented|seats?|members?|sits? on|full partners?|relevant agenc(y|ies))\b"
);

/// Whether education is the actor of a sentence: named before the first verb saying
/// what was done ("Schools completed the audit", "Head teachers led the work on
/// attendance"), not where something happened to children ("The Youth Council ran a
/// survey in secondary schools").
fn education_acts(text: &str, verbs: &[&Regex]) -> bool {
    let text = NOT_EDUCATION.replace_all(text, "");
    let verb = verbs
        .iter()
        .filter_map(|v| v.find(&text))
        .map(|m| m.start())
        .min();
    let (Some(who), Some(verb)) = (EDUCATION.find(&text), verb) else {
        return false;
    };
    who.start() < verb && word_count(&text[..who.start()]) <= 12
}

fn education(ctx: &Ctx, r: &Reading) -> Judgement {
    let current = |s: &&Sentence| !FUTURE.is_match(s.text);
    let done: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(current)
        .filter(|s| education_acts(s.text, &[&ACTIVITY_VERB, &EDUCATION_DOES]))
        .collect();
    let place: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(current)
        .filter(|s| {
            education_acts(s.text, &[&EDUCATION_PLACE]) || {
                let t = NOT_EDUCATION.replace_all(s.text, "");
                EDUCATION.is_match(&t)
                    && EDUCATION_PLACE.is_match(&t)
                    && s.lower.contains("education")
            }
        })
        .collect();
    let spans: Vec<Ev> = place.iter().chain(&done).map(|s| span_of(ctx, s)).collect();
    // A seat at the table is not yet a contribution: what education did decides, and
    // a place in the arrangements counts for one of the three sentences.
    if done.len() >= 3 || (!place.is_empty() && done.len() >= 2) {
        Judgement::new(
            Status::Met,
            spans,
            format!(
                "{} record what schools, colleges or early years settings did{}.",
                plural(done.len(), "sentence", "sentences"),
                if place.is_empty() {
                    ""
                } else {
                    ", and education has its place in the arrangements"
                }
            ),
        )
    } else if !done.is_empty() || !place.is_empty() {
        Judgement::new(
            Status::Partial,
            spans,
            format!(
                "education has a place in the arrangements or did something ({} and {}), but little of what it did is recorded.",
                plural(
                    place.len(),
                    "sentence on its place",
                    "sentences on its place"
                ),
                plural(done.len(), "on what it did", "on what it did")
            ),
        )
    } else {
        Judgement::new(
            Status::Missing,
            vec![],
            "the report says nothing of what education did or of its place in the arrangements: schools, colleges or early years settings are at most named.",
        )
    }
}
