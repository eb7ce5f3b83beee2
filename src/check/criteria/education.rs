//! The contribution of education.
//!
//! The rule a scrutineer applies: the 2023 edition gives education a much stronger
//! role and asks for "the contribution of education". A contribution is what schools,
//! colleges and early years settings *did* for the partnership's work: led it, ran an
//! audit, trained staff, shared information, started assessments. Being there is not a
//! contribution: sitting on the executive or being represented is a place in the
//! arrangements, and attending forums or training, a network that meets, or schools
//! making referrals are presence. One school in a child's story ("her school called the
//! front door") is a case example, not the sector's part. Met when education did
//! something twice, or once and has its place in the arrangements; partial when it has
//! only a place, only presence, or one thing done; missing when it never acts.

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
    what: "Met when what education did is recorded: at least two sentences in which schools, colleges, early years settings or their staff (head teachers, designated safeguarding leads) do something for the partnership's work (lead, run, audit, train, share), or one and a place for education in the arrangements (represented on the executive, a member, a relevant agency). Attending meetings or training, a network that meets, and making referrals are presence, not a contribution; one school in a child's story is a case example. Partial with a place, presence or one thing done. Missing when education never acts or has a place: named only as where children are, or a plan.",
    example: "Two head teachers sit on the executive, and designated safeguarding leads attended the termly forum.   # a place and presence, nothing contributed: partial",
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
    r"(?i)\b(led|leads?|started|starts|takes?|taken|took|hold|holds|shares?|returned|completed|makes?|runs?|chairs?|chaired|visited|delivers?|teach(es)?|identif(y|ies|ied)|notif(y|ies|ied))\b"
);

// Education's place in the arrangements.
re!(
    EDUCATION_PLACE,
    r"(?i)\b(represented|seats?|members?|sits? on|full partners?|relevant agenc(y|ies))\b"
);

// Education there rather than contributing: attending, meeting, referring, sitting.
re!(
    PRESENCE,
    r"(?i)\b(attend(s|ed|ing)?|came|comes?|met|meets?|took part|takes? part|participated|participates?|referred|refers?|made [\d,]+ (of (all |the )?)?referrals|sits?|sat)\b"
);

// One school or one of its staff in a child's story: "her school", "the school's
// designated safeguarding lead".
re!(
    CASE_EXAMPLE,
    r"(?i)\b(the|a|his|her|their|its|this|that|one)\s+(\w+\s+)?(school|college|nursery|academy|head ?teacher|designated safeguarding lead|DSL)('s)?\b"
);

// Nouns that read as verbs: a safeguarding "lead", the "chair" of a forum.
re!(ROLE_NOUN, r"(?i)\bsafeguarding leads?\b|\bchairs? of\b");

/// What a sentence says education is or does, when education is its subject.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    /// Did something for the partnership's work.
    Done,
    /// Has a place in the arrangements.
    Place,
    /// Was there: attended, met, referred.
    Presence,
}

/// What education is and does in a sentence where it is the actor: named (as the
/// sector, not one child's school) before the first verb or place word, within the
/// first dozen words ("Schools completed the audit", "Head teachers led the work on
/// attendance"); not where something happened to children ("The Youth Council ran a
/// survey in secondary schools"). A sentence may give education a place and say what
/// it did ("Education joined the executive and led the work on attendance"); what it
/// did is its first verb, and presence wins a tie ("took part" is not a contribution).
fn education_parts(text: &str) -> Vec<Part> {
    let text = NOT_EDUCATION.replace_all(text, "");
    let Some(who) = EDUCATION.find(&text) else {
        return vec![];
    };
    if word_count(&text[..who.start()]) > 12
        || CASE_EXAMPLE
            .find_iter(&text)
            .any(|c| c.start() <= who.start() && who.start() < c.end())
    {
        return vec![];
    }
    // The words naming education are not its verbs: "designated safeguarding leads".
    let mut plain = text.to_string();
    for m in EDUCATION.find_iter(&text).chain(ROLE_NOUN.find_iter(&text)) {
        plain.replace_range(m.range(), &" ".repeat(m.len()));
    }
    let first = |verb: &Regex| verb.find(&plain).map(|m| m.start());
    let verb = [
        (Part::Presence, &*PRESENCE),
        (Part::Done, &*ACTIVITY_VERB),
        (Part::Done, &*EDUCATION_DOES),
    ]
    .into_iter()
    .filter_map(|(part, verb)| first(verb).map(|at| (at, part)))
    .min_by_key(|(at, _)| *at);
    let place = first(&EDUCATION_PLACE);
    let earliest = verb.map(|(at, _)| at).into_iter().chain(place).min();
    if earliest.is_none_or(|at| at < who.start()) {
        return vec![];
    }
    place
        .map(|_| Part::Place)
        .into_iter()
        .chain(verb.map(|(_, part)| part))
        .collect()
}

fn education(ctx: &Ctx, r: &Reading) -> Judgement {
    let mut parts: Vec<(&Sentence, Part)> = Vec::new();
    for s in r.sentences.iter().filter(|s| !FUTURE.is_match(s.text)) {
        let mut found = education_parts(s.text);
        // "Education is a relevant agency": a place, whatever comes first.
        let t = NOT_EDUCATION.replace_all(s.text, "");
        if found.is_empty()
            && EDUCATION.is_match(&t)
            && EDUCATION_PLACE.is_match(&t)
            && s.lower.contains("education")
        {
            found.push(Part::Place);
        }
        parts.extend(found.into_iter().map(|part| (s, part)));
    }
    let of = |kind: Part| -> Vec<&Sentence> {
        parts
            .iter()
            .filter(|(_, p)| *p == kind)
            .map(|(s, _)| *s)
            .collect()
    };
    let (done, place, presence) = (of(Part::Done), of(Part::Place), of(Part::Presence));
    let mut cited: Vec<&Sentence> = place.iter().chain(&done).copied().collect();
    cited.dedup_by(|a, b| std::ptr::eq(*a, *b));
    let spans: Vec<Ev> = cited.iter().map(|s| span_of(ctx, s)).collect();
    // A seat at the table is not yet a contribution: what education did decides, and
    // a place in the arrangements counts for one of the two sentences.
    if done.len() >= 2 || (!place.is_empty() && !done.is_empty()) {
        Judgement::new(
            Status::Met,
            spans,
            format!(
                "what schools, colleges or early years settings did is recorded ({}){}.",
                plural(done.len(), "sentence", "sentences"),
                if place.is_empty() {
                    ""
                } else {
                    ", and education has its place in the arrangements"
                }
            ),
        )
    } else if !done.is_empty() || !place.is_empty() || !presence.is_empty() {
        let spans = spans
            .into_iter()
            .chain(presence.iter().map(|s| span_of(ctx, s)))
            .collect();
        Judgement::new(
            Status::Partial,
            spans,
            format!(
                "education has a place in the arrangements, takes part or did something ({}, {} and {}), but little of what it contributed is recorded: attending, meeting and referring are not a contribution.",
                plural(
                    place.len(),
                    "sentence on its place",
                    "sentences on its place"
                ),
                plural(presence.len(), "on its taking part", "on its taking part"),
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
