//! Reporting transparent and easily accessible to families and professionals.
//!
//! Calibration, from the 2023 guidance and what scrutineers reading it count:
//! met when the report offers a form of itself for readers outside the professions
//! (a summary or version for children, young people or families; easy read, large
//! print, a translation, sign language or other formats), says it is written for or
//! with families and young people, or says it is written in plain words; met too
//! when it carries both plain-language aids, a glossary and an at-a-glance summary,
//! and says it is on the website. Otherwise partial. Whether the report states its
//! months is the period criterion's question: a report with no dates can still be
//! written for families, so a missing period does not lower this verdict.

use super::reading::*;
use super::{Def, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::Transparent,
    judge: transparent,
    wwc: false,
    title: "Transparent and easily accessible to families and professionals",
    met_when: "is made accessible to families as well as professionals: a summary or version for children, young people or families, words written for them or in plain language, or a glossary and an at-a-glance summary on the website",
    quote18: "",
    quote23: "\"Safeguarding partners must jointly report on the activity they have undertaken in a 12-month period. That reporting should be transparent and easily accessible to families and professionals.\"",
    what: "Looks for what makes the report accessible to families, not only to professionals: a summary, easy-read or young people's version, a translation or a British Sign Language version of the report, a statement that it is written for or with families and young people or in plain words, or both a glossary and an at-a-glance summary in a report said to be on the website. Partial when the report offers nothing of the kind.",
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
    r"(?i)\b(easy[- ]read|large print|british sign language|BSL|translat(ed|ions?)|other languages|other formats|accessible formats?)\b"
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

// The plain-language aids a reader outside the professions relies on.
re!(GLOSSARY, r"(?i)\bglossary\b");
re!(AT_A_GLANCE, r"(?i)\bat a glance\b|\bin numbers\b");

// The report said to be on the partnership's website.
re!(
    ON_THE_WEBSITE,
    r"(?i)\b(published|is|are|put)\b[^.]{0,40}\b(website|web ?site|online)\b"
);
re!(REPORT_OR_IT, r"(?i)\breport\b|^it\b");

/// A sentence that makes the report accessible to families by itself: a form of the
/// report for them, words written for or with them, or the report written plainly.
fn makes_accessible(s: &Sentence) -> bool {
    if s.lower.contains("should") {
        return false;
    }
    let form = ACCESSIBLE_FORM.is_match(s.text)
        && FAMILY_READERS.is_match(s.text)
        && THE_REPORT.is_match(s.text);
    let open_form = OPEN_FORM.is_match(s.text) && THE_REPORT.is_match(s.text);
    let plain =
        PLAIN_WORDS.is_match(s.text) && (THE_REPORT.is_match(s.text) || WE_WROTE.is_match(s.text));
    let written_for = (WRITTEN_FOR.is_match(s.text) && THE_REPORT_ITSELF.is_match(s.text))
        || (CO_WROTE.is_match(s.text) && FAMILY_READERS.is_match(s.text));
    form || open_form || plain || written_for || FORM_FOR_FAMILIES.is_match(s.text)
}

/// Whether the report carries both plain-language aids, a glossary and an
/// at-a-glance summary, and says it is on the website: together they make a report
/// a family can find and read, even without a separate version for them.
fn aids_and_website(r: &Reading) -> bool {
    anywhere(r, &GLOSSARY)
        && anywhere(r, &AT_A_GLANCE)
        && r.sentences
            .iter()
            .any(|s| ON_THE_WEBSITE.is_match(s.text) && REPORT_OR_IT.is_match(s.text))
}

fn transparent(ctx: &Ctx, r: &Reading) -> Judgement {
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
        None if aids_and_website(r) => Judgement::new(
            Status::Met,
            vec![],
            "the report is on the website with a glossary and an at-a-glance summary, aids that let families read it as well as professionals.",
        ),
        None => Judgement::new(
            Status::Partial,
            vec![],
            "the report is written for professionals: it offers no summary or version for children, young people or families, does not say it is written for them or in plain words, and has no glossary and at-a-glance summary on the website.",
        ),
    }
}
