//! The independent scrutineer's evaluation.
//!
//! The rule a scrutineer applies: the report carries her evaluation — judgements of
//! how effective the arrangements are, in her voice or attributed to her — and, under
//! the 2023 edition, the partners' response to its findings (labelled by a heading, a
//! line or a bold lead-in such as "Our response"). An evaluation that only endorses, or
//! that the report only points to, is partial; a section that only lists the
//! partnership's own assurance work, with no word of the scrutineer's, is missing.

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
    what: "Looks for a section about scrutiny or evaluation (by its title, or by declaring the criterion) that names the scrutineer and carries an evaluation: at least 100 words with judgements (effective, meets, good practice, weak, I think…). A foreword or letter in which the scrutineer writes in the first person about that role counts whatever its heading. Missing when such a section is only a heading, or only describes the partnership's own assurance work (audits, challenge sessions, the scrutineer attending meetings) without any evaluation by the scrutineer or reference to one; partial when it is too short, makes no judgement, or only endorses the report (praise with no judgement of effectiveness, weakness, concern or recommendation), or only refers to an evaluation published elsewhere; in the 2023 edition, also when the partners give no response to its findings.",
    example: "A report with no section by its independent scrutineer: missing.",
    fix: "Publish the independent scrutineer's evaluation of the report as a section of it.",
    fix_printed: None,
};

re!(
    EVALUATIVE,
    r"(?i)\b(effective|ineffective|effectiveness|meets?|good practice|positive|encouraging|not clear|little|weak|strong|inadequate|recommend\w*|conclusion|I think|my (view|comments)|insight|honest|difficult)\b|\bI (am|was|have|found|find|judge|believe|consider|would|saw|noted|note|welcome|challenged|asked|want)\b|\bin my (judgement|view|opinion)\b|\b(assured|assurance|strengths?|concerns?|areas? (for|of) (improvement|development)|fair account|needs? to|should|findings?|robust|timely|well|better|gaps?|stalled|not yet|insufficient|limited)\b"
);

// What an evaluation does and an endorsement does not: judge effectiveness, name a
// weakness or a concern, ask for or recommend a change.
re!(
    WEIGHING,
    r"(?i)\b(effective(ness)?|ineffective|not yet|weak\w*|concerns?|concerned|gaps?|improv\w+|recommend\w*|should|needs? to|must|however|insufficient|limited|lacks?|challeng\w+|not (clear|enough|sufficient|assured|convinced))\b"
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
    SCRUTINEER_NAMED,
    r"(?i)\bscrutineer'?s?\b|\bindependent scrutiny\b"
);

re!(
    ELSEWHERE,
    r"(?i)\bseparate(ly)? (report|document)|\bpublished separately\b|\bin a separate\b|\bwill (publish|be published)\b|\bnext year'?s report\b"
);

// The scrutineer's own words or view: written in the first person, or a finding,
// judgement or evaluation said to be the scrutineer's ("His findings are summarised
// here").
re!(
    SCRUTINEERS_WORDS,
    r"(?i)\b(I|my|me)\b|\b(scrutineer|she|he|they)\b[^.]{0,60}\b(found|finds|concluded|considers?|judged?|said|says|noted|notes|reported|recommend\w*|endorse\w*|view|findings|assessment|report|challenged|asked)\b|\bevaluation\b|\b(his|her|their) (findings|conclusions|views?|assessment|recommendations)\b"
);

/// Whether the partners respond to the scrutineer's findings anywhere in the report:
/// a sentence about the findings that accepts, agrees or acts on them, or any such
/// sentence under a heading about the response.
fn responded(ctx: &Ctx, r: &Reading) -> bool {
    ctx.units.iter().enumerate().any(|(i, u)| {
        let title = &ctx.document.sections[u.section].title;
        // The response is often labelled by a line or a bold lead-in rather than a
        // heading: "Our response", "The partners' response." before the sentences.
        let label = |text: &str| word_count(text) <= 6 && text.to_lowercase().contains("response");
        let first = sentences(&u.text).first().map(|s| &u.text[s.clone()]);
        let labelled = first.is_some_and(label)
            || i.checked_sub(1)
                .map(|p| &ctx.units[p])
                .is_some_and(|p| p.section == u.section && label(&p.text));
        let under_response = labelled
            || [title.as_str(), u.heading.as_deref().unwrap_or("")]
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
        // An endorsement ("a fair account … I commend them … I am happy to endorse
        // this report") praises without weighing: an evaluation finds something to
        // judge, question or improve.
        let weighs = units.iter().any(|u| WEIGHING.is_match(&u.text));
        if words >= 100 && judgements >= 3 && weighs {
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
        partial.get_or_insert((i, words, judgements, weighs));
    }
    match (partial, only_a_heading) {
        (Some((i, words, judgements, weighs)), _) => {
            short_of_evaluation(ctx, &r.scrutiny[i], (words, judgements, weighs))
        }
        (None, Some(part)) => Judgement::new(
            Status::Missing,
            vec![part.span.clone().into()],
            format!(
                "\"{}\" is only a heading: no section carries the independent scrutineer's evaluation.",
                part.heading
            ),
        ),
        (None, None) => referred_to(ctx, r),
    }
}

/// A part about scrutiny that does not carry a full evaluation: the partnership's own
/// assurance work (missing), a pointer to an evaluation elsewhere, an endorsement, or
/// too little (partial). `counts` are its words, evaluative sentences and whether any
/// sentence weighs.
fn short_of_evaluation(ctx: &Ctx, part: &Part, counts: (usize, usize, bool)) -> Judgement {
    let (words, judgements, weighs) = counts;
    let units = || part.units.iter().map(|u| &ctx.units[*u]);
    // A section on the partnership's own assurance that only says the scrutineer
    // took part carries none of the evaluation and does not refer to one.
    if !units().any(|u| SCRUTINEERS_WORDS.is_match(&u.text) || ELSEWHERE.is_match(&u.text)) {
        return Judgement::new(
            Status::Missing,
            vec![part.span.clone().into()],
            format!(
                "\"{}\" describes scrutiny and assurance work, but gives no evaluation by the independent scrutineer and refers to none.",
                part.heading
            ),
        );
    }
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
    let why = match weighs {
        false if words >= 100 && judgements >= 3 => "it endorses the report but makes no judgement of effectiveness, names no weakness or concern and recommends nothing".to_string(),
        _ => format!("it carries little evaluation ({words} words, {judgements} evaluative sentences; at least 100 words and 3 judgements expected)"),
    };
    Judgement::new(
        Status::Partial,
        vec![part.span.clone().into()],
        format!("\"{}\" is about scrutiny, but {why}.", part.heading),
    )
}

/// No part of the report carries the evaluation: a sentence elsewhere may still point
/// to the scrutineer's report published separately.
fn referred_to(ctx: &Ctx, r: &Reading) -> Judgement {
    // No section of its own, but a sentence elsewhere points to the scrutineer's
    // report published separately: the report refers to the evaluation without
    // carrying it.
    if let Some(s) = r
        .sentences
        .iter()
        .find(|s| SCRUTINEER_NAMED.is_match(s.text) && ELSEWHERE.is_match(s.text))
    {
        return Judgement::quoting(ctx, Status::Partial, s, |q| {
            format!(
                "the report refers to the scrutineer's evaluation in another document ({q}); the report itself does not carry its findings."
            )
        });
    }
    Judgement::new(
        Status::Missing,
        vec![],
        "no section carries the independent scrutineer's evaluation.",
    )
}
