//! How effective the arrangements have been, with evidence.
//!
//! The rule, as a scrutineer applies it: **met** when the report judges how well its
//! arrangements work — in the word "effective", in plain words ("early help is working
//! well", "the auditors judged the arrangement effective", "not good enough yet"), or by
//! a heading that judges ("What's working well", "What are we worried about", a
//! priority rated Red, Amber or Green) — and the judgement rests on what an audit, an
//! inspection, feedback or the data found about practice and children (evidence that
//! may follow as a list: "Evidence for this includes: …"). **Partial** when the
//! judgement rests only on counts of meetings, courses or attendance, when it is
//! deferred, when the report asks how effective it has been and answers with activity,
//! or when it says its own evidence is weak. **Missing** when nothing judges.

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
    what: "Finds judgements of effectiveness (\"safeguarding in our schools is effective\", \"the MASH is not as effective as it should be\"), judgements in plain words (\"we judge that our arrangements are working well\", \"early help is working well\", \"the auditors judged the arrangement effective\", \"not good enough yet\") and findings of audits, inspections or data with their figures under a heading that judges (\"What's working well\", \"What are we worried about\", a priority rated Red, Amber or Green), and checks that some rest on evidence in the same sentence, the three after it or a list they introduce: an audit, an inspection, feedback, data or a figure about children and practice (counts of meetings held or sessions run are activity, not evidence). A judgement deferred (\"too early to judge\") is partial, and so is a report that sets out to show how effective the arrangements are (\"How effective have we been?\") but answers only with activity. Partial when judgements have no evidence, or when the report itself says its evidence of effectiveness is weak (\"there is not a robust multi-agency dataset\", \"we were unable to consistently provide evidence of the effectiveness\").",
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
    JUDGING,
    r"(?i)\b(we|partners|the partnership|safeguarding partners)\b[^.]{0,40}\b(judge|believe|think|are confident|consider|conclude|view is|judgement is|assess(ed)?)\b|\b(our|the partners'?|the partnership'?s) (view|judgement|assessment) is\b"
);

re!(
    QUALITY,
    r"(?i)\b(effective|working well|work(ed)? well|strong|robust|sound|good|improv\w+|not yet (good|strong|effective))\b"
);

re!(
    DEFERRED,
    r"(?i)\btoo early\b[^.]{0,60}\b(judge\w*|say|tell|assess\w*|conclu\w*)|\b(not yet|unable to|cannot yet) (reach|make|give|form) (a |any )?(full |firm )?(judgement|view)"
);

re!(
    STRONG_EVIDENCE,
    r"(?i)\b(audit(s|ed)?|inspect(ion|ions|ed)|ofsted|surveys?|feedback|data ?set|the data|our data|performance data|scrutineer'?s? (findings|review|report)|found that|findings?|evidence (is|was|comes|from|shows|showed))\b"
);

re!(
    ACTIVITY_COUNT,
    r"(?i)\b(met|meetings?|sessions?|courses?|attend\w*|events?|times|subgroups?|trained|delivered|held)\b"
);

re!(
    EFFECT_GAP,
    r"(?i)\b(not (a )?robust|little analysis|limited (performance information|line of sight|evidence|data)|lack of (evidence|data|technical)|unable to (consistently )?(provide|evidence|demonstrate)|not always evidenced|no data|difficult to (formulate|judge)|(has|have) not progressed well)\b"
);

re!(
    EFFECT_TOPIC,
    r"(?i)effective|data ?set|data\b|evidence|performance information|line of sight"
);

// What shows a finding, not only an activity: "the audit found", "fell from 41 to
// 22", "78% of families".
re!(
    FINDING,
    r"(?i)\b(found|find|showed|shows?|findings?|told us|said|rose|fell|risen|fallen|improved|increased|decreased|reduced|fewer|more children|compared with|\d+(\.\d+)?%)"
);

// A judgement that names its basis in the sentence before: "We believe this shows
// …", "On this basis the partners consider …".
re!(
    BACK_REFERENCE,
    r"(?i)\b(this|these|that) (shows?|showed|demonstrates?|means|suggests?|evidence)\b|\bon (this|that|the) basis\b|^(this|these|together,? these)\b"
);

// Years and dates, which are not figures of evidence ("in 2020-21", "1 April").
re!(
    YEARISH,
    r"(?i)\b(19|20)\d\d([/-]\d\d(\d\d)?)?\b|\b\d{1,2}(st|nd|rd|th)?\s+(january|february|march|april|may|june|july|august|september|october|november|december)\b"
);

// A heading or sentence that takes up the question: "How effective have we been?",
// "to check how well the arrangements are working".
re!(
    ASKS_HOW_EFFECTIVE,
    r"(?i)\bhow (effective|well)\b[^.?]{0,30}\b(we|the partnership|(the|our)\s+(safeguarding\s+)?arrangements)\b|\beffectiveness of (the|our) (safeguarding )?(arrangements|partnership)\b"
);

// A judgement of how the arrangements work, in plain words: "our arrangements work
// best where …", "the arrangements are working well", "early help is working well",
// "the front door is doing better for younger children", "the auditors judged the
// arrangement effective", "rated as requiring improvement", "not good enough yet".
re!(
    ARRANGEMENTS_WORK,
    r"(?i)\b(our|the|these)\s+(safeguarding\s+|partnership\s+|multi-agency\s+)?arrangements\s+(work(s|ed)?|are working|have worked)\s+(well|best|least well|less well|effectively)\b|\b(is|are|was|were|been|remains?|still)\s+(not\s+)?(yet\s+|always\s+|now\s+|still\s+)?(working|doing|performing|operating)\s+(well|better|worse|less well|effectively|ineffectively|strongly|poorly)\b|\bworks?\s+(well|best|least well|less well|effectively)\b|\b(rated|rates|judged?|judges|assessed|considers?|considered|regards?|regarded)\b[^.;]{0,60}\b(effective|ineffective|requir\w+ improvement|a strength|a weakness|inadequate|outstanding)\b|\bnot (yet )?good enough\b"
);

// A heading that frames what follows as a judgement of how well things work: "What's
// working well", "What are we worried about", "How well are we doing?", "Strengths and
// areas for improvement", a priority rated Red, Amber or Green.
re!(
    EVALUATIVE_FRAME,
    r"(?i)working well|worried|how (well|effective)|\bstrengths?\b|areas? (for|of) (improvement|development|concern)|not good enough|getting better|(^|[\s(\-–—:/])(red|amber|green)([\s)/]|$)"
);

// A finding about practice: what an audit, an inspection, a survey or the data found,
// with its figure ("the audit found that 22 of 30 had a clear plan").
re!(
    PRACTICE_FINDING,
    r"(?i)\b(audit(s|ed|ors)?|inspect(ion|ions|ors)|ofsted|survey|sample|review|data|checks?|dip[- ]sample)\b[^.]{0,120}\b(found|find|showed|shows|told us|judged)\b"
);

/// Whether a sentence judges effectiveness: "… are effective", "we judge that our
/// arrangements are working well", not an aim ("to make them more effective").
fn judges(s: &Sentence) -> bool {
    let judged = (s.lower.contains("effective") && EFFECTIVE_JUDGEMENT.is_match(s.text))
        || (JUDGING.is_match(s.text) && QUALITY.is_match(s.text))
        || ARRANGEMENTS_WORK.is_match(s.text);
    judged && !EFFECT_AIM.is_match(s.text) && !FUTURE.is_match(s.text)
}

/// Whether a sentence is evidence a judgement can rest on: an audit, an inspection,
/// feedback, data or a figure about children and practice. Counts of meetings held,
/// sessions run or people attending are activity, not evidence of effect.
fn evidence(s: &Sentence) -> bool {
    let counts_activity = ACTIVITY_COUNT.is_match(s.text);
    // "Completed two multi-agency audits" among meetings and courses is activity; what
    // an audit found is evidence.
    let strong = STRONG_EVIDENCE.is_match(s.text) && (!counts_activity || FINDING.is_match(s.text));
    let without_dates = YEARISH.replace_all(s.text, "");
    strong || (EVIDENCE_MARK.is_match(&without_dates) && !counts_activity)
}

/// The sentences a judgement rests on: the three that follow it under the same
/// heading, and any list a sentence among them introduces ("Evidence for this
/// includes:" and its items).
fn grounds<'r, 'a>(ctx: &Ctx, r: &'r Reading<'a>, i: usize) -> Vec<&'r Sentence<'a>> {
    let first = &r.sentences[i];
    let heading = |s: &Sentence| ctx.units[s.unit].heading.clone();
    let same_place = |s: &&Sentence| s.section == first.section && heading(s) == heading(first);
    let mut out: Vec<&Sentence> = r.sentences[i..]
        .iter()
        .take(4)
        .take_while(same_place)
        .collect();
    let units: Vec<usize> = out.iter().map(|s| s.unit).collect();
    let listed = r.sentences[i..]
        .iter()
        .skip(out.len())
        .take_while(same_place)
        .take_while(|s| {
            ctx.units[s.unit]
                .list_intro
                .is_some_and(|u| units.contains(&u))
        });
    out.extend(listed);
    out
}

/// The judgements resting on evidence among their grounds. A judgement resting on
/// the sentence before it ("this shows …") rests on that alone.
fn backed<'r, 'a>(ctx: &Ctx, r: &'r Reading<'a>, judgements: &[usize]) -> Vec<&'r Sentence<'a>> {
    judgements
        .iter()
        .filter(|&&i| {
            let first = &r.sentences[i];
            if BACK_REFERENCE.is_match(first.text) && !evidence(first) {
                return i > 0
                    && r.sentences[i - 1].unit == first.unit
                    && evidence(&r.sentences[i - 1]);
            }
            grounds(ctx, r, i).into_iter().any(evidence)
        })
        .map(|&i| &r.sentences[i])
        .collect()
}

/// Findings about practice under a heading that judges how well things work ("What's
/// working well", a priority rated Amber): the heading is the judgement, the finding its
/// evidence.
fn framed_findings<'r, 'a>(ctx: &Ctx, r: &'r Reading<'a>) -> Vec<&'r Sentence<'a>> {
    r.sentences
        .iter()
        .filter(|s| {
            let unit = &ctx.units[s.unit];
            let frame = unit
                .heading
                .as_deref()
                .is_some_and(|h| EVALUATIVE_FRAME.is_match(h))
                || EVALUATIVE_FRAME.is_match(&ctx.document.sections[s.section].title);
            frame
                && PRACTICE_FINDING.is_match(s.text)
                && YEARISH
                    .replace_all(s.text, "")
                    .chars()
                    .any(|c| c.is_ascii_digit())
                && !FUTURE.is_match(s.text)
        })
        .collect()
}

fn effectiveness(ctx: &Ctx, r: &Reading) -> Judgement {
    let at: Vec<usize> = (0..r.sentences.len())
        .filter(|&i| judges(&r.sentences[i]))
        .collect();
    let mut judgements: Vec<&Sentence> = at.iter().map(|&i| &r.sentences[i]).collect();
    let mut backed = backed(ctx, r, &at);
    let framed = framed_findings(ctx, r);
    judgements.extend(framed.iter().copied());
    backed.extend(framed.iter().copied());
    let deferred = r.sentences.iter().find(|s| DEFERRED.is_match(s.text));
    let gaps: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| EFFECT_GAP.is_match(s.text) && EFFECT_TOPIC.is_match(s.text))
        .collect();
    let mut spans: Vec<Ev> = backed.iter().map(|s| span_of(ctx, s)).collect();
    spans.extend(judgements.iter().map(|s| span_of(ctx, s)));
    if let (true, Some(d)) = (judgements.is_empty(), deferred) {
        return Judgement::new(
            Status::Partial,
            vec![span_of(ctx, d)],
            format!(
                "the report addresses effectiveness but defers its judgement: {}",
                quote(d.text)
            ),
        );
    }
    let asked = r.sentences.iter().find(|s| {
        ASKS_HOW_EFFECTIVE.is_match(s.text) || ASKS_HOW_EFFECTIVE.is_match(&r.context[s.unit])
    });
    if let (true, Some(a)) = (judgements.is_empty(), asked) {
        return Judgement::new(
            Status::Partial,
            vec![span_of(ctx, a)],
            format!(
                "the report sets out to show how effective the arrangements are, but answers with activity (meetings, audits held, sessions run), not a judgement: {}",
                quote(a.text)
            ),
        );
    }
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
                "{} judge effectiveness, but none rests on evidence (an audit, an inspection, feedback or data about children and practice; counts of meetings and sessions are activity).",
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
