//! The independent scrutineer's evaluation.

use super::reading::*;
use super::{Def, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::Scrutiny,
    judge: scrutiny,
    wwc: false,
    title: "The independent scrutineer's evaluation",
    met_when: "includes the independent scrutineer's evaluation",
    quote18: "Independent scrutiny's role \"is to provide assurance in judging the effectiveness of multi-agency arrangements to safeguard and promote the welfare of all children in a local area\"; it should be \"objective, acts as a constructive critical friend and promotes reflection to drive continuous improvement\". In local practice the scrutineer reviews the yearly report against the criteria and the evaluation is published in it.",
    quote23: "Reports include \"independent scrutiny's findings and the response to them\" (to confirm).",
    what: "Looks for a section about scrutiny or evaluation (by its title, or by declaring the criterion) that names the scrutineer and carries an evaluation: at least 100 words with judgements (effective, meets, good practice, weak, I think…). A foreword or letter in which the scrutineer writes in the first person about that role counts whatever its heading. Missing when such a section is only a heading; partial when it is too short or makes no judgement, or only refers to an evaluation published elsewhere; in the 2023 edition, also when the partners give no response to its findings.",
    example: "A report with no section by its independent scrutineer: missing.",
    fix: "Publish the independent scrutineer's evaluation of the report as a section of it.",
    fix_printed: None,
};

re!(
    EVALUATIVE,
    r"(?i)\b(effective|ineffective|effectiveness|meets?|good practice|positive|encouraging|not clear|little|weak|strong|inadequate|recommend\w*|conclusion|I think|my (view|comments)|insight|honest|difficult)\b|\bI (am|was|have|found|find|judge|believe|consider|would|saw|noted|note|welcome|challenged|asked|want)\b|\bin my (judgement|view|opinion)\b|\b(assured|assurance|strengths?|concerns?|areas? (for|of) (improvement|development)|fair account|needs? to|should|findings?|robust|timely|well|better|gaps?|stalled|not yet|insufficient|limited)\b"
);

re!(
    RESPONSE,
    r"(?i)\bin response to (the |my |her |his |these |its )?(findings|scrutin\w*|recommendations|challenges)|\b(partners'?|our) response\b|\bresponse (of|from) the partners\b|\b(agreed|accepted|accept|acted on|will act on|agreement)\b"
);

re!(
    ABOUT_FINDINGS,
    r"(?i)\b(scrutineer'?s?|scrutiny|findings)\b"
);

re!(
    ELSEWHERE,
    r"(?i)\bseparate(ly)? (report|document)|\bpublished separately\b|\bin a separate\b|\bwill (publish|be published)\b|\bnext year'?s report\b"
);

/// Whether the partners respond to the scrutineer's findings anywhere in the report:
/// a sentence about the findings that accepts, agrees or acts on them, or any such
/// sentence under a heading about the response.
fn responded(ctx: &Ctx, r: &Reading) -> bool {
    ctx.units.iter().any(|u| {
        let title = &ctx.document.sections[u.section].title;
        let under_response = [title.as_str(), u.heading.as_deref().unwrap_or("")]
            .iter()
            .any(|h| h.to_lowercase().contains("response"));
        sentences(&u.text).into_iter().any(|s| {
            let s = &u.text[s];
            RESPONSE.is_match(s) && (under_response || ABOUT_FINDINGS.is_match(s))
        })
    }) && !r.scrutiny.is_empty()
}

fn scrutiny(ctx: &Ctx, r: &Reading) -> Judgement {
    let mut partial = None;
    let mut only_a_heading = None;
    for (i, part) in r.scrutiny.iter().enumerate() {
        let units: Vec<&Unit> = part.units.iter().map(|u| &ctx.units[*u]).collect();
        let words: usize = units.iter().map(|u| word_count(&u.text)).sum();
        // A heading with nothing under it is a place kept for the evaluation, not the
        // evaluation: the guidance's requirement is not begun.
        if words == 0 {
            only_a_heading.get_or_insert(part);
            continue;
        }
        let judgements = units
            .iter()
            .flat_map(|u| sentences(&u.text).into_iter().map(move |s| &u.text[s]))
            .filter(|s| EVALUATIVE.is_match(s))
            .count();
        if words >= 100 && judgements >= 3 {
            let carried = format!(
                "\"{}\" carries the independent scrutineer's evaluation: {words} words, {} evaluative sentences",
                part.heading, judgements
            );
            // The 2023 edition asks for the findings and the partners' response.
            if ctx.guidance == crate::model::Guidance::Wt2023 && !responded(ctx, r) {
                return Judgement::new(
                    Status::Partial,
                    vec![part.span.clone().into()],
                    format!(
                        "{carried}, but the report gives no response from the partners to its findings."
                    ),
                );
            }
            return Judgement::new(
                Status::Met,
                vec![part.span.clone().into()],
                format!("{carried}."),
            );
        }
        partial.get_or_insert((i, words, judgements));
    }
    if let Some((i, words, judgements)) = partial {
        let part = &r.scrutiny[i];
        let deferred = part
            .units
            .iter()
            .map(|u| &ctx.units[*u])
            .find(|u| ELSEWHERE.is_match(&u.text));
        if let (0, Some(u)) = (judgements, deferred) {
            return Judgement::new(
                Status::Partial,
                vec![u.block.span.clone().into()],
                format!(
                    "\"{}\" refers to the scrutineer's evaluation in another document ({}); the report itself does not carry its findings.",
                    part.heading,
                    quote(&u.text)
                ),
            );
        }
        return Judgement::new(
            Status::Partial,
            vec![part.span.clone().into()],
            format!(
                "\"{}\" is about scrutiny but carries little evaluation ({words} words, {} evaluative sentences; at least 100 words and 3 judgements expected).",
                part.heading, judgements
            ),
        );
    }
    if let Some(part) = only_a_heading {
        return Judgement::new(
            Status::Missing,
            vec![part.span.clone().into()],
            format!(
                "\"{}\" is only a heading: no section carries the independent scrutineer's evaluation.",
                part.heading
            ),
        );
    }
    Judgement::new(
        Status::Missing,
        vec![],
        "no section carries the independent scrutineer's evaluation.",
    )
}
