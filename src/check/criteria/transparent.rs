//! Reporting transparent and easily accessible to families and professionals.

use super::reading::*;
use super::{Def, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::Transparent,
    judge: transparent,
    wwc: false,
    title: "Transparent and easily accessible to families and professionals",
    met_when: "is made accessible to families as well as professionals: a summary or version for children, young people or families, or words written for them",
    quote18: "",
    quote23: "\"Safeguarding partners must jointly report on the activity they have undertaken in a 12-month period. That reporting should be transparent and easily accessible to families and professionals.\"",
    what: "Looks for what makes the report accessible to families, not only to professionals: a summary, easy-read or young people's version, a translation or a British Sign Language version of the report, or a statement that it is written for families and young people. Partial when the report offers nothing of the kind, or does not say which months it covers.",
    example: "A report written for professionals, with no summary or version for children and families: partial.",
    fix: "Publish a summary of the report for children and young people, and one for parents and carers, and say in the report where they are: \"A summary for young people is on our website.\"",
    fix_printed: None,
};

// A form of the report for readers other than professionals.
re!(
    ACCESSIBLE_FORM,
    r"(?i)\b(summary|summaries|versions?|easy[- ]read|british sign language|BSL|translat\w+|other languages|other formats|large print|plain english)\b"
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

re!(
    WRITTEN_FOR,
    r"(?i)\b(written|designed|made) (for|with|so that)\b[^.]{0,40}\b(famil(y|ies)|parents?|carers?|young people|children|everyone|the public)\b"
);

fn transparent(ctx: &Ctx, r: &Reading) -> Judgement {
    let forms: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| {
            let form = ACCESSIBLE_FORM.is_match(s.text)
                && FAMILY_READERS.is_match(s.text)
                && THE_REPORT.is_match(s.text);
            (form || WRITTEN_FOR.is_match(s.text)) && !s.lower.contains("should")
        })
        .collect();
    let spans = forms.iter().map(|s| span_of(ctx, s)).collect();
    match (forms.first(), ctx.period()) {
        (Some(s), Some(_)) => Judgement::new(
            Status::Met,
            spans,
            format!(
                "the report is made accessible to families: {}.",
                quote(s.text)
            ),
        ),
        (Some(s), None) => Judgement::new(
            Status::Partial,
            spans,
            format!(
                "the report is made accessible to families ({}), but does not say which months it covers.",
                quote(s.text)
            ),
        ),
        (None, _) => Judgement::new(
            Status::Partial,
            vec![],
            "the report is written for professionals: it offers no summary or version for children, young people or families, and does not say it is written for them.",
        ),
    }
}
