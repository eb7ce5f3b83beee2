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
    what: "Looks for a section about scrutiny or evaluation (by its title, or by declaring the criterion) that names the scrutineer and carries an evaluation: at least 150 words with judgements (effective, meets, good practice, weak, I think…). Partial when such a section is too short or makes no judgement.",
    example: "A report with no section by its independent scrutineer: missing.",
    fix: "Publish the independent scrutineer's evaluation of the report as a section of it.",
    fix_printed: None,
};

re!(
    EVALUATIVE,
    r"(?i)\b(effective|ineffective|effectiveness|meets?|good practice|positive|encouraging|not clear|little|weak|strong|inadequate|recommend\w*|conclusion|I think|my (view|comments)|insight|honest|difficult)\b"
);

re!(
    ELSEWHERE,
    r"(?i)\bseparate(ly)? (report|document)|\bpublished separately\b|\bin a separate\b|\bwill publish\b"
);

fn scrutiny(ctx: &Ctx, r: &Reading) -> Judgement {
    let mut partial = None;
    for &i in &r.scrutiny {
        let units: Vec<&Unit> = r.units_of[i].iter().map(|u| &ctx.units[*u]).collect();
        let words: usize = units.iter().map(|u| word_count(&u.text)).sum();
        let judgements = units
            .iter()
            .flat_map(|u| sentences(&u.text).into_iter().map(move |s| &u.text[s]))
            .filter(|s| EVALUATIVE.is_match(s))
            .count();
        let section = &ctx.document.sections[i];
        if words >= 100 && judgements >= 3 {
            return Judgement::new(
                Status::Met,
                vec![section.span.clone().into()],
                format!(
                    "\"{}\" carries the independent scrutineer's evaluation: {words} words, {} evaluative sentences.",
                    section.heading(),
                    judgements
                ),
            );
        }
        partial.get_or_insert((i, words, judgements));
    }
    if let Some((i, words, judgements)) = partial {
        let section = &ctx.document.sections[i];
        let deferred = ctx
            .units
            .iter()
            .filter(|u| u.section == i)
            .find(|u| ELSEWHERE.is_match(&u.text));
        if let (0, Some(u)) = (judgements, deferred) {
            return Judgement::new(
                Status::Missing,
                vec![u.block.span.clone().into()],
                format!(
                    "\"{}\" refers to the scrutineer's evaluation in another document ({}); the report itself does not carry it.",
                    section.heading(),
                    quote(&u.text)
                ),
            );
        }
        return Judgement::new(
            Status::Partial,
            vec![section.span.clone().into()],
            format!(
                "\"{}\" is about scrutiny but carries little evaluation ({words} words, {} evaluative sentences; at least 100 words and 3 judgements expected).",
                section.heading(),
                judgements
            ),
        );
    }
    Judgement::new(
        Status::Missing,
        vec![],
        "no section carries the independent scrutineer's evaluation.",
    )
}
