//! How effective the arrangements have been, with evidence.

use super::reading::*;
use super::{Def, Ev, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::Effectiveness,
    judge: effectiveness,
    wwc: false,
    title: "How effective the arrangements have been, with evidence",
    met_when: "states a judgement of how effective the arrangements were in practice, with evidence for it",
    quote18: "The report must set out \"how effective these arrangements have been in practice.\"",
    quote23: "\"Reports must include: … how effective these arrangements have been in practice.\"",
    what: "Finds judgements of effectiveness (\"safeguarding in our schools is effective\", \"the MASH is not as effective as it should be\") and checks that some rest on evidence: a figure, an audit, an inspection or a survey in the same sentence. Partial when judgements have no evidence, or when the report itself says its evidence of effectiveness is weak (\"there is not a robust multi-agency dataset\", \"we were unable to consistently provide evidence of the effectiveness\").",
    example: "The partnership has been effective this year.   # a judgement with no evidence: partial",
    fix: "State the judgement and what it rests on: \"A multi-agency audit agreed with 93% of threshold decisions, up from …, so threshold decisions at the front door are effective.\" Where evidence is missing, say what will provide it and when.",
    fix_printed: None,
};

re!(
    EFFECTIVE_JUDGEMENT,
    r"(?i)\b(is|are|was|were|be|been|remains?|proved?|judged|found)\s+((not|less|more|very|highly|largely|generally|fully|as|not as|not always|consistently)\s+)*(effective|ineffective)\b|\b(evidenc\w*|demonstrat\w*|shows?|showed|confirm\w*|indicat\w*)\b[^.]{0,80}\b(effective|ineffective)(ness)?\b|\beffectiveness\b[^.]{0,80}\b(evidenc\w*|demonstrat\w*|shows?|showed|judg\w*|assess\w*)\b"
);

re!(
    EVIDENCE_MARK,
    r"(?i)\d|\b(audits?|inspections?|ofsted|surveys?|data|performance|feedback|assurance)\b"
);

re!(
    EFFECT_GAP,
    r"(?i)\b(not (a )?robust|little analysis|limited (performance information|line of sight|evidence|data)|lack of (evidence|data|technical)|unable to (consistently )?(provide|evidence|demonstrate)|not always evidenced|no data|difficult to (formulate|judge)|(has|have) not progressed well)\b"
);

re!(
    EFFECT_TOPIC,
    r"(?i)effective|data ?set|data\b|evidence|performance information|line of sight"
);

fn effectiveness(ctx: &Ctx, r: &Reading) -> Judgement {
    let judgements: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| {
            s.lower.contains("effective")
                && EFFECTIVE_JUDGEMENT.is_match(s.text)
                && !EFFECT_AIM.is_match(s.text)
        })
        .collect();
    let backed: Vec<&Sentence> = judgements
        .iter()
        .copied()
        .filter(|s| EVIDENCE_MARK.is_match(s.text))
        .collect();
    let gaps: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| EFFECT_GAP.is_match(s.text) && EFFECT_TOPIC.is_match(s.text))
        .collect();
    let mut spans: Vec<Ev> = backed.iter().map(|s| span_of(ctx, s)).collect();
    spans.extend(judgements.iter().map(|s| span_of(ctx, s)));
    if judgements.is_empty() {
        return Judgement::new(
            Status::Missing,
            vec![],
            "no sentence judges how effective the arrangements have been.",
        );
    }
    if backed.is_empty() {
        return Judgement::new(
            Status::Partial,
            spans,
            format!(
                "{} judge effectiveness, but none rests on evidence (a figure, an audit, an inspection or a survey).",
                plural(judgements.len(), "sentence", "sentences")
            ),
        );
    }
    if let Some(gap) = gaps.first() {
        let mut j = Judgement::new(
            Status::Partial,
            spans,
            format!(
                "{} judge effectiveness ({} with evidence), but the report itself says its evidence is weak: {}{}",
                plural(judgements.len(), "sentence", "sentences"),
                backed.len(),
                quote(gap.text),
                if gaps.len() > 1 {
                    format!(" ({} such admissions)", gaps.len())
                } else {
                    String::new()
                }
            ),
        );
        j.at = Some(span_of(ctx, gap).resolve(ctx));
        return j;
    }
    Judgement::new(
        Status::Met,
        spans,
        format!(
            "{} judge effectiveness, {} of them with evidence.",
            plural(judgements.len(), "sentence", "sentences"),
            backed.len()
        ),
    )
}
