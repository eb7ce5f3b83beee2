//! Reporting transparent and easily accessible to families and professionals.
//!
//! Calibration, from the 2023 guidance and what scrutineers reading it count:
//! met when the report offers a form of itself for readers outside the professions
//! (a summary or version for children, young people or families; easy read, large
//! print, a translation, sign language or other formats), says it is written for or
//! with families and young people, or says it is written in plain words; met too
//! when it says it is on the website and carries an aid a family reading it relies
//! on (a glossary, an at-a-glance page, the plain headings families meet in their
//! own plans: "what's working well", "you said, we did", a child's story). Partial
//! when it offers nothing of the kind, when it says it is written for professionals
//! (or a committee), or when its text is dense with abbreviations (more than one word
//! in fifty): a glossary at the end does not make such a text readable. A form only
//! promised ("will publish a summary") or said to be missing is not offered. Whether
//! the report states its months is the period criterion's question.

use super::reading::*;
use super::{Def, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::Transparent,
    judge: transparent,
    wwc: false,
    title: "Transparent and easily accessible to families and professionals",
    met_when: "is made accessible to families as well as professionals: a summary or version for children, young people or families, words written for them or in plain language, or a report on the website with a glossary, an at-a-glance page or plain headings",
    quote18: "",
    quote23: "\"Safeguarding partners must jointly report on the activity they have undertaken in a 12-month period. That reporting should be transparent and easily accessible to families and professionals.\"",
    what: "Looks for what makes the report accessible to families, not only to professionals: a summary, easy-read or young people's version, a translation or a British Sign Language version of the report, a statement that it is written for or with families and young people or in plain words, or a report said to be on the website that carries an aid families rely on (a glossary, an at-a-glance page, the headings of a family's own plan such as \"what's working well\", a child's story). Partial when the report offers nothing of the kind, says it is written for professionals, or is dense with abbreviations (more than one word in fifty). A version only promised (\"will publish a summary\") is not offered.",
    example: "A report written for professionals, with no summary or version for children and families: partial.",
    fix: "Publish a summary of the report for children and young people, and one for parents and carers, and say in the report where they are: \"A summary for young people is on our website.\"",
    fix_printed: None,
};

// A form of the report for readers other than professionals.
re!(
    ACCESSIBLE_FORM,
    r"(?i)\b(summary|summaries|versions?|easy[- ]read|british sign language|BSL|translat\w+|other languages|other formats|large print|plain english)\b"
);

// A form that is itself made for readers outside the professions, whoever it names
// as its readers: easy read, large print, sign language, other languages or formats.
re!(
    OPEN_FORM,
    r"(?i)\b(easy[- ]read|large print|british sign language|BSL|translat(ed|ions?)|other languages|another language|other formats|another format|accessible formats?)\b"
);

// A summary or version named as being for children, young people or families.
re!(
    FORM_FOR_FAMILIES,
    r"(?i)\b(summary|summaries|version)\s+(of (this|the|our) report\s+)?for\s+(\w+\s+){0,2}(child\w*|young (people|person)|famil(y|ies)|parents|carers)\b"
);

// Families and young people as the readers.
re!(
    FAMILY_READERS,
    r"(?i)\b(child\w*|young (people|person)|famil(y|ies)|parents?|carers?|residents|the public|everyone)\b"
);

// The report, or where it is published.
re!(
    THE_REPORT,
    r"(?i)\b(this|the|our) (annual |yearly )?report\b|\bwebsite\b|\bweb ?pages?\b|\bpublished\b|\bavailable\b|\bon request\b"
);

// Words written for or with families and young people: about the report itself, not
// a leaflet, a strategy or a lesson written with them.
re!(
    WRITTEN_FOR,
    r"(?i)\b(written|designed|made) (for|with|so that)\b[^.]{0,60}\b(famil(y|ies)|parents?|carers?|young people|children|everyone|the public)\b"
);
// Children, young people or families writing part of the report themselves.
re!(
    CO_WROTE,
    r"(?i)\bco-?wr(ote|itten)\b[^.]{0,20}\b(report|section|chapter|page)\b"
);
re!(
    THE_REPORT_ITSELF,
    r"(?i)\b(this|the|our) (annual |yearly )?report\b|^(it|this page)\b"
);

// The partnership saying it wrote the report in plain words.
re!(PLAIN_WORDS, r"(?i)\bplain (english|language|words)\b");
re!(
    WE_WROTE,
    r"(?i)\bwe (have )?(written|used|kept|write|use)\b"
);

// The report said to be on the partnership's website.
re!(
    ON_THE_WEBSITE,
    r"(?i)\b(published|is|are|put)\b[^.]{0,40}\b(website|web ?site|online)\b"
);
re!(REPORT_OR_IT, r"(?i)\breport\b|^it\b");

// Not offered: a form promised, hoped for or said to be missing.
re!(
    NOT_OFFERED,
    r"(?i)\b(should|will|would|plan(s|ned)? to|hope to|intend to|not|no|never)\b|n't\b"
);

// The report said to be written for professionals: "written mainly for professionals",
// "This report is written for the committee".
re!(
    FOR_PROFESSIONALS,
    r"(?i)\b(written|intended|prepared|produced|aimed)\s+(mainly |mostly |primarily |chiefly |largely )?(for|at)\s+(the\s+)?(professionals?|practitioners|committee|board|partners|members|agencies|staff|(\w+\s+)?(executive|committee|board))\b"
);

// The aids a family reading the report relies on, each of its own kind: a glossary,
// an at-a-glance page, the headings of a family's own plan, a child's story, words
// said to be plain.
re!(
    GLOSSARY,
    r"(?i)\bglossary\b|\bwords we use\b|\bwhat (the words|it) means?\b|\bjargon\b"
);
re!(AT_A_GLANCE, r"(?i)\bat a glance\b|\bin numbers\b");
re!(
    FAMILY_HEADINGS,
    r"(?i)\bwhat('s| is) working well\b|\bwhat are we worried about\b|\byou said,? we did\b|\bwhat (we wanted|changed)\b"
);
re!(STORY, r"['’]s (story|journey)\b");

// Families named as readers beside professionals: "… for practitioners, for parents
// and carers, and for children and young people".
re!(
    ALSO_FAMILIES,
    r"(?i)\b(for|and)\s+(the\s+)?(parents|carers|famil(y|ies)|children|young people|residents|the public|everyone)\b"
);

/// Whether a sentence says the report is written for professionals and no one else.
fn for_professionals_only(text: &str) -> bool {
    FOR_PROFESSIONALS
        .find(text)
        .is_some_and(|m| !ALSO_FAMILIES.is_match(&text[m.end()..]))
}

// A word of capitals: an abbreviation ("MASH", "ICPCs").
re!(ABBREVIATION, r"\b[A-Z]{2,}s?\b");

/// Whether a report's text is dense with abbreviations: more than one word in fifty,
/// where reports written for families keep below one in a hundred.
fn dense_with_abbreviations(r: &Reading) -> bool {
    let (mut words, mut abbreviations) = (0usize, 0usize);
    for s in &r.sentences {
        words += s.text.split_whitespace().count();
        abbreviations += ABBREVIATION.find_iter(s.text).count();
    }
    words >= 300 && abbreviations * 50 > words
}

/// A sentence that makes the report accessible to families by itself: a form of the
/// report for them, words written for or with them, or the report written plainly.
fn makes_accessible(s: &Sentence) -> bool {
    if NOT_OFFERED.is_match(s.text) || for_professionals_only(s.text) {
        return false;
    }
    let form = ACCESSIBLE_FORM.is_match(s.text)
        && FAMILY_READERS.is_match(s.text)
        && THE_REPORT.is_match(s.text);
    let open_form =
        OPEN_FORM.is_match(s.text) && (THE_REPORT.is_match(s.text) || s.lower.contains("version"));
    let plain =
        PLAIN_WORDS.is_match(s.text) && (THE_REPORT.is_match(s.text) || WE_WROTE.is_match(s.text));
    let written_for = (WRITTEN_FOR.is_match(s.text) && THE_REPORT_ITSELF.is_match(s.text))
        || (CO_WROTE.is_match(s.text) && FAMILY_READERS.is_match(s.text));
    form || open_form || plain || written_for || FORM_FOR_FAMILIES.is_match(s.text)
}

/// How many kinds of aid a family reading the report would find: the report said to
/// be on the website, a glossary, an at-a-glance page, the headings of a family's own
/// plan, a child's story, words said to be plain. Two make a report a family can find
/// and read, even without a separate version for them.
fn aids(ctx: &Ctx, r: &Reading) -> usize {
    let on_website = ctx.facts.publication.website.is_some()
        || r.sentences
            .iter()
            .any(|s| ON_THE_WEBSITE.is_match(s.text) && REPORT_OR_IT.is_match(s.text));
    // Plain words said of the report, not of letters or leaflets rewritten.
    let plain = r.sentences.iter().any(|s| {
        PLAIN_WORDS.is_match(s.text)
            && (THE_REPORT_ITSELF.is_match(s.text) || WE_WROTE.is_match(s.text))
    });
    let found = [&GLOSSARY, &AT_A_GLANCE, &FAMILY_HEADINGS, &STORY]
        .into_iter()
        .filter(|p| anywhere(r, p))
        .count();
    found + usize::from(on_website) + usize::from(plain)
}

fn transparent(ctx: &Ctx, r: &Reading) -> Judgement {
    if let Some(s) = r.sentences.iter().find(|s| for_professionals_only(s.text)) {
        return Judgement::new(
            Status::Partial,
            vec![span_of(ctx, s)],
            format!(
                "the report says it is written for professionals: {}; it offers no form of itself for families.",
                quote(s.text)
            ),
        );
    }
    let forms: Vec<&Sentence> = r.sentences.iter().filter(|s| makes_accessible(s)).collect();
    let spans = forms.iter().map(|s| span_of(ctx, s)).collect();
    match forms.first() {
        Some(s) => Judgement::new(
            Status::Met,
            spans,
            format!(
                "the report is made accessible to families: {}.",
                quote(s.text)
            ),
        ),
        None if dense_with_abbreviations(r) => Judgement::new(
            Status::Partial,
            vec![],
            "the report is written in professionals' shorthand: more than one word in fifty is an abbreviation, and it offers no summary or version for families.",
        ),
        None if aids(ctx, r) >= 2 => Judgement::new(
            Status::Met,
            vec![],
            "the report carries aids families rely on: at least two of a glossary, an at-a-glance page, the headings of a family's plan, a child's story, plain words, and a place on the website.",
        ),
        None => Judgement::new(
            Status::Partial,
            vec![],
            "the report is written for professionals: it offers no summary or version for children, young people or families, does not say it is written for them, and carries at most one aid a family relies on (a glossary, an at-a-glance page, plain headings, a child's story, a place on the website).",
        ),
    }
}
