//! How effective the arrangements have been, with evidence.
//!
//! The rule, as a scrutineer applies it: **met** when the report judges how well its
//! arrangements work and the judgement rests on what an audit, an inspection, feedback
//! or the data found about practice and children. The judgement may be made in the
//! word "effective", in plain words ("early help is working well", "the auditors judged
//! the arrangement effective", "not good enough yet"), as the answer to a heading that
//! asks ("Is the partnership working?" — "We believe it is, but not everywhere"), or by
//! a frame that judges the findings set under it: a heading, a run-in label or a rating
//! line ("What's working well", "What are we worried about", "Rating: Amber") or a
//! table rating each area Red, Amber or Green with its figure. Its evidence may follow
//! it, come just before it as the conclusion of a paragraph, or be told without
//! figures ("fewer families coming back after early help"). Where the partners' own
//! text judges nothing, the independent scrutineer's verdict in the report is its
//! judgement, met when it rests on a test of practice: what an audit, an inspection, a
//! survey or a sample of cases found, in the partners' text or in the scrutineer's own
//! ("in 14 of the 15 cases I tracked …"); performance figures alone ("police data shows
//! 2,804 incidents") are not such a test. **Partial** when the judgement rests only on
//! activity — counts of meetings, courses, attendance, actions completed, audits carried
//! out or returned, reviews done on time, or attendees' satisfaction; where every
//! judgement in the partners' own words rests on such counts, that is the basis they
//! give, and ratings or findings elsewhere in the report do not change it. Partial too
//! when the judgement is deferred, when only the scrutineer judges and nothing tests
//! practice, when the report asks how effective it has been and answers with activity,
//! or when it says its own evidence is weak. A claim about
//! training alone ("we believe the training has improved practice") is impact, not a
//! judgement of the arrangements. **Missing** when nothing judges.

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
    what: "Finds judgements of effectiveness (\"safeguarding in our schools is effective\", \"the MASH is not as effective as it should be\"), judgements in plain words (\"we judge that our arrangements are working well\", \"early help is working well\", \"the auditors judged the arrangement effective\", \"not good enough yet\") and findings of audits, inspections or data with their figures under a heading that judges (\"What's working well\", \"What are we worried about\", a priority rated Red, Amber or Green), and checks that some rest on evidence in the same sentence, the three after it or a list they introduce: an audit, an inspection, feedback, data or a figure about children and practice (what was done and counted — meetings held, sessions run, actions completed, audits returned — is activity, not evidence, and a judgement the partners rest on such counts stays partial; when the partners judge nothing, the independent scrutineer's judgement counts if an audit, inspection, survey or the scrutineer's own sample of cases backs it). A judgement deferred (\"too early to judge\") is partial, and so is a report that sets out to show how effective the arrangements are (\"How effective have we been?\") but answers only with activity. Partial when judgements have no evidence, or when the report itself says its evidence of effectiveness is weak (\"there is not a robust multi-agency dataset\", \"we were unable to consistently provide evidence of the effectiveness\").",
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
    r"(?i)\d|\b(audits?|inspections?|ofsted|surveys?|data|performance|feedback)\b"
);

re!(
    JUDGING,
    r"(?i)\b(we|partners|the partnership|safeguarding partners)\b[^.]{0,40}\b(judge|believe|think|are confident|consider|conclude|view is|judgement is|assess(ed)?)\b|\b(our|the partners'?|the partnership'?s) (view|judgement|assessment) is\b|\b(tells?|shows?|assures?) (me|us)\b|\bI (judge|believe|think|am confident|consider|conclude)\b"
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
    r"(?i)\b(met|meetings?|sessions?|courses?|attend\w*|events?|times|sub-?groups?|trained|training|delivered|held|issued|briefings?|newsletters?|quorate|completed|carried out|returned|went ahead|actions?)\b"
);

// How much attendees liked a course: "91% rated their session as good or outstanding",
// "evaluations were very positive". Satisfaction is activity, neither a judgement of
// the arrangements nor evidence for one.
re!(
    SATISFACTION_RATING,
    r"(?i)\b(rat(ed|ing)|evaluations?|feedback forms?)\b[^.]{0,60}\b(good|excellent|outstanding|useful|positive|relevant|highly)\b|\bgood or (excellent|outstanding|better)\b"
);

// A sentence about training alone ("we believe the training has improved practice"):
// a claim of its impact, not a judgement of how the arrangements work.
re!(ABOUT_TRAINING, r"(?i)\b(training|courses?|sessions?)\b");
re!(
    ABOUT_ARRANGEMENTS,
    r"(?i)\b(arrangements|partnership|partners|we are|we have been|safeguarding in)\b"
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
    r"(?i)\b(found|find|showed|shows?|findings?|told us|said|rose|fell|risen|fallen|improved|increased|decreased|reduced|fewer|more children|compared with|\d+(\.\d+)?%|\b\d+ of (the )?\d[\d,]*\b)"
);

// A judgement that names its basis in the sentence before: "We believe this shows
// …", "On this basis the partners consider …".
re!(
    BACK_REFERENCE,
    r"(?i)\b(this|these|that)( level of \w+| \w+)? (shows?|showed|demonstrates?|means|suggests?|evidence)\b|\bon (this|that|the) basis\b|^(this|these|together,? these)\b|\b(therefore|thus|so) (we )?(consider|believe|judge|think|conclude)\b"
);

// A change in what happened to children, told without figures: "fewer families coming
// back after early help", "more care leavers in work or college", "re-referrals fell".
re!(
    CHANGE_FOR_CHILDREN,
    r"(?i)\b(fewer|more|less often|sooner|earlier|quicker|safer)\b[^.;:]{0,40}\b(children|families|young people|babies|parents|care leavers|plans?|re-?referrals?|incidents?|returning|coming back|harm|risk)\b|\b(re-?referrals?|repeat \w+|second \w+( \w+)? plans?|waiting times?|harm|risk|incidents?)\b[^.;:]{0,30}\b(fell|fallen|dropped|reduced|decreased|shortened)\b"
);

// Years and dates, which are not figures of evidence ("in 2020-21", "1 April").
re!(
    YEARISH,
    r"(?i)\b(19|20)\d\d([/-]\d\d(\d\d)?)?\b|\b\d{1,2}(st|nd|rd|th)?\s+(january|february|march|april|may|june|july|august|september|october|november|december)\b"
);

// A heading or sentence that takes up the question: "How effective have we been?",
// "to check how well the arrangements are working", "Is the partnership working?",
// "How do we know we are making a difference?".
re!(
    ASKS_HOW_EFFECTIVE,
    r"(?i)\bhow (effective|well)\b[^.?]{0,30}\b(we|the partnership|(the|our)\s+(safeguarding\s+)?arrangements)\b|\beffectiveness of (the|our) (safeguarding )?(arrangements|partnership)\b|\b(is|are)\s+(the|our)\s+(safeguarding\s+)?(partnership|arrangements)\s+(working|effective)\b|\bhow (do )?(we|you) know\b[^.?]{0,40}\b(difference|working|effective)|^\W*how (do )?we know\b"
);

// The opening of an answer to such a question: "Yes, in most areas", "Partly", "In
// most areas, yes".
re!(
    ANSWER,
    r"(?i)^\W*(yes|no|partly|mostly|largely|in (most|many|some) (areas|ways|respects))\b"
);

// A rating line or cell: "Green", "Rating: Amber", "RAG: red (not on track)".
re!(
    RATING_LINE,
    r"(?i)^\W*((rag|rating|rated|status|progress)\W*)?(red|amber|green)\b"
);
re!(RAG_CELL, r"(?i)^\W*(red|amber|green)\b[^|]{0,40}$");

// The scrutineer's verdict on a part of the arrangements: "the front door is strong",
// "work on babies is well led", "neglect remains weak".
re!(
    SCRUTINEER_VERDICT,
    r"(?i)\b(is|are|was|were|remains?)\s+(now\s+|still\s+|not\s+|generally\s+|very\s+)*(strong|weak|good|robust|effective|ineffective|well[- ]led|working well|inadequate|improving|not good enough)\b"
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

re!(
    NUMBER_WORD,
    r"(?i)\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|every|all)\b"
);

// A test of practice, not a performance figure: an audit, an inspection, a survey, a
// sample or dip sample of cases or records.
re!(
    PRACTICE_TEST,
    r"(?i)\b(audit(s|ed|ors)?|inspect(ion|ions|ors)|ofsted|surveys?|surveyed|sample[ds]?|dip[- ]sampl\w*|case records?)\b"
);

// The scrutineer's own test of cases: "in 14 of the 15 cases", "I tested 30 contacts
// and found the right decision in 28".
re!(
    CASES_TESTED,
    r"(?i)\b(cases?|contacts?|records?|referrals?|files?|children|families)\b[^.]{0,80}\b(found|\d+ of (the )?\d+)|\b\d+ of (the )?\d+ (cases?|contacts?|records?|referrals?|files?|children|families)\b"
);

// The partners drawing a verdict on the partnership from what they just listed:
// "This shows that the partnership is active and that partners are committed".
re!(
    DRAWN_VERDICT,
    r"(?i)\b(this|these|that)\b[^.]{0,20}\b(shows?|showed|demonstrates?)\b[^.]{0,20}\b(partnership|partners|arrangements)\b[^.]{0,10}\b(is|are|was|were|has been|have been)\s+(very\s+)?(active|committed|engaged|strong|working|effective)\b"
);

/// Whether a sentence judges effectiveness: "… are effective", "we judge that our
/// arrangements are working well", "this shows the partnership is active", not an aim
/// ("to make them more effective").
fn judges(s: &Sentence) -> bool {
    let about_training = ABOUT_TRAINING.is_match(s.text) && !ABOUT_ARRANGEMENTS.is_match(s.text);
    let judged = (s.lower.contains("effective") && EFFECTIVE_JUDGEMENT.is_match(s.text))
        || DRAWN_VERDICT.is_match(s.text)
        || (JUDGING.is_match(s.text) && QUALITY.is_match(s.text) && !about_training)
        || ARRANGEMENTS_WORK.is_match(s.text);
    judged
        && !EFFECT_AIM.is_match(s.text)
        && !FUTURE.is_match(s.text)
        && !SATISFACTION_RATING.is_match(s.text)
}

/// Whether a sentence is evidence a judgement can rest on: an audit, an inspection,
/// feedback, data or a figure about children and practice. Counts of meetings held,
/// sessions run or people attending, and how much attendees liked a course, are
/// activity, not evidence of effect.
fn evidence(s: &Sentence) -> bool {
    if SATISFACTION_RATING.is_match(s.text) {
        return false;
    }
    let counts_activity = ACTIVITY_COUNT.is_match(s.text);
    // "Completed two multi-agency audits" among meetings and courses is activity; what
    // an audit found is evidence.
    let strong = STRONG_EVIDENCE.is_match(s.text) && (!counts_activity || FINDING.is_match(s.text));
    let without_dates = YEARISH.replace_all(s.text, "");
    strong
        || (EVIDENCE_MARK.is_match(&without_dates) && !counts_activity)
        || (CHANGE_FOR_CHILDREN.is_match(s.text) && !counts_activity)
}

/// Whether a sentence counts what was done: "the Executive met 11 times", "we
/// completed 31 of the 36 actions", "attendance was 94%".
fn counts_activity(s: &Sentence) -> bool {
    ACTIVITY_COUNT.is_match(s.text) && has_figure_or_number_word(s)
}

/// Whether a sentence gives a count, in figures or words ("met six times").
fn has_figure_or_number_word(s: &Sentence) -> bool {
    has_figure(s) || NUMBER_WORD.is_match(s.text)
}

/// Whether a sentence gives a figure that is not a year or a date.
fn has_figure(s: &Sentence) -> bool {
    YEARISH
        .replace_all(s.text, "")
        .chars()
        .any(|c| c.is_ascii_digit())
}

/// The sentences a judgement rests on: the three that follow it under the same
/// heading, any list a sentence among them introduces ("Evidence for this includes:"
/// and its items), and the three before it in its own paragraph, since a judgement is
/// as often the conclusion drawn from the evidence just given ("On neglect the audits
/// show they are. Overall we think our arrangements are effective …").
fn grounds<'r, 'a>(ctx: &Ctx, r: &'r Reading<'a>, i: usize) -> Vec<&'r Sentence<'a>> {
    let first = &r.sentences[i];
    let before = r.sentences[..i]
        .iter()
        .rev()
        .take(3)
        .take_while(|s| s.unit == first.unit);
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
    out.extend(before);
    out
}

// The arrangements as a whole, not one service or priority: "our arrangements", "the
// partnership is effective".
re!(
    WHOLE_ARRANGEMENTS,
    r"(?i)\b(safeguarding |partnership |multi-agency |these |our |the )arrangements\b|\b(the|our) partnership (is|was|has been|remains?)\b"
);

// A judgement that names activity as its basis in its own words: "this level of
// engagement shows …", "given the attendance at every meeting, we consider …".
re!(
    ACTIVITY_BASIS,
    r"(?i)\b(engagement|attendance|meetings?|met as planned|commitment|activity|busy|active)\b"
);

/// The judgements resting on evidence among their grounds. A judgement resting on
/// the sentence before it ("this shows …") rests on that alone; one that names
/// activity as its basis ("this level of engagement shows …") rests on activity.
fn backed<'r, 'a>(ctx: &Ctx, r: &'r Reading<'a>, judgements: &[usize]) -> Vec<&'r Sentence<'a>> {
    judgements
        .iter()
        .filter(|&&i| {
            let first = &r.sentences[i];
            if BACK_REFERENCE.is_match(first.text) && ACTIVITY_BASIS.is_match(first.text) {
                return false;
            }
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

/// Whether a paragraph is a short label that judges what follows it: a rating line
/// ("Rating: Green", "Amber – some progress") or a run-in heading that a format kept
/// as text ("What's working well.", "Areas for improvement").
fn label_judges(text: &str) -> bool {
    word_count(text) <= 6 && (RATING_LINE.is_match(text) || EVALUATIVE_FRAME.is_match(text))
}

/// The paragraphs that stand under a frame that judges how well things work: a
/// heading or section title ("What's working well"), a rating line among the
/// paragraphs under the same heading ("Rating: Amber"), or a run-in label opening the
/// paragraph itself ("What are we worried about. Too many cases drift …").
fn framed_units(ctx: &Ctx) -> Vec<bool> {
    let labelled: std::collections::HashSet<(usize, Option<&str>)> = ctx
        .units
        .iter()
        .filter(|u| u.is_prose() && label_judges(&u.text))
        .map(|u| (u.section, u.heading.as_deref()))
        .collect();
    ctx.units
        .iter()
        .map(|u| {
            u.heading
                .as_deref()
                .is_some_and(|h| EVALUATIVE_FRAME.is_match(h))
                || EVALUATIVE_FRAME.is_match(&ctx.document.sections[u.section].title)
                || labelled.contains(&(u.section, u.heading.as_deref()))
                || sentences(&u.text)
                    .first()
                    .is_some_and(|first| label_judges(&u.text[first.clone()]))
        })
        .collect()
}

/// Whether a sentence is a finding about practice or children with its figure: what
/// an audit, an inspection, a survey or the data found ("the audit found that 22 of 30
/// had a clear plan", "2,811 of 3,026 referrals (93%) had a decision within a day"),
/// not a count of meetings held or a plan for next year.
fn measured_finding(s: &Sentence) -> bool {
    let found = PRACTICE_FINDING.is_match(s.text);
    (found || evidence(s)) && has_figure(s) && (found || !FUTURE.is_match(s.text))
}

/// Findings about practice under a frame that judges how well things work (a heading
/// "What's working well", a priority rated Amber): the frame is the judgement, the
/// finding its evidence.
fn framed_findings<'r, 'a>(ctx: &Ctx, r: &'r Reading<'a>) -> Vec<&'r Sentence<'a>> {
    let framed = framed_units(ctx);
    r.sentences
        .iter()
        .filter(|s| framed[s.unit] && !label_judges(s.text) && measured_finding(s))
        .collect()
}

/// Rows of a table that rate an area Red, Amber or Green and give a figure for it
/// ("Child exploitation | Green | 22 of 31 high-risk children now at lower risk"): a
/// judgement with its evidence, set out as a table.
fn rated_rows(ctx: &Ctx, r: &Reading) -> (Vec<Ev>, usize) {
    let mut backed = Vec::new();
    let mut rated = 0;
    for t in r.tables(ctx) {
        for (i, row) in t.rows.iter().enumerate() {
            if !row.iter().any(|c| RAG_CELL.is_match(c.trim())) {
                continue;
            }
            rated += 1;
            let figure = row.iter().any(|c| {
                !RAG_CELL.is_match(c.trim())
                    && YEARISH
                        .replace_all(c, "")
                        .chars()
                        .any(|c| c.is_ascii_digit())
            });
            if figure {
                backed.push(t.row_span(ctx, i));
            }
        }
    }
    (backed, rated)
}

/// The sentences of the scrutineer's own part of the report, with where each stands.
fn scrutiny_sentences<'a>(ctx: &'a Ctx, r: &Reading) -> Vec<(Ev, Sentence<'a>)> {
    let mut out = Vec::new();
    for part in &r.scrutiny {
        for &u in &part.units {
            let text = &ctx.units[u].text;
            for range in sentences(text) {
                let t = &text[range.clone()];
                let s = Sentence {
                    text: t,
                    lower: t.to_lowercase(),
                    unit: u,
                    section: ctx.units[u].section,
                };
                out.push((Ev::Words(u, range), s));
            }
        }
    }
    out
}

/// The scrutineer's verdicts on how the arrangements work, in the scrutineer's own
/// part of the report: "My view is that the arrangements are effective overall", "The
/// front door is strong".
fn scrutineer_verdicts(ctx: &Ctx, r: &Reading) -> Vec<Ev> {
    scrutiny_sentences(ctx, r)
        .into_iter()
        .filter(|(_, s)| {
            judges(s) || (SCRUTINEER_VERDICT.is_match(s.text) && !FUTURE.is_match(s.text))
        })
        .map(|(ev, _)| ev)
        .collect()
}

/// What the independent scrutineer's verdict can rest on: what an audit, an
/// inspection, a survey or a sample of cases found, with its figure, in the partners'
/// text, or the scrutineer's own test of cases ("in 14 of the 15 cases I tracked, the
/// right service was offered within one working day"). Performance figures alone
/// ("police data shows 2,804 incidents") are not a test of practice and count nothing
/// here.
fn scrutiny_grounds(ctx: &Ctx, r: &Reading) -> Vec<Ev> {
    let partners = r.sentences.iter().filter(|s| {
        PRACTICE_FINDING.is_match(s.text) && PRACTICE_TEST.is_match(s.text) && measured_finding(s)
    });
    let mut out: Vec<Ev> = partners.map(|s| span_of(ctx, s)).collect();
    out.extend(
        scrutiny_sentences(ctx, r)
            .into_iter()
            .filter(|(_, s)| CASES_TESTED.is_match(s.text) && measured_finding(s))
            .map(|(ev, _)| ev),
    );
    out
}

/// Whether a sentence answers a heading that asks how effective the partnership is
/// ("Is the partnership working?" — "We believe it is, but not everywhere").
fn answers_question(r: &Reading, s: &Sentence) -> bool {
    ASKS_HOW_EFFECTIVE.is_match(&r.context[s.unit])
        && (JUDGING.is_match(s.text) || ANSWER.is_match(s.text))
        && !FUTURE.is_match(s.text)
}

/// Whether the partners' verdict on the arrangements as a whole ("The partnership
/// believes the arrangements are effective. The Executive met six times …") rests, in
/// its own paragraph, on activity and on nothing else: judgements of single priorities
/// elsewhere do not make it one with evidence.
fn whole_on_activity(r: &Reading, at: &[usize]) -> bool {
    let overall: Vec<usize> = at
        .iter()
        .copied()
        .filter(|&i| WHOLE_ARRANGEMENTS.is_match(r.sentences[i].text))
        .collect();
    let paragraph = |i: usize| {
        r.sentences
            .iter()
            .filter(move |s| s.unit == r.sentences[i].unit)
    };
    !overall.is_empty()
        && overall.iter().all(|&i| !paragraph(i).any(|s| evidence(s)))
        && overall.iter().any(|&i| paragraph(i).any(counts_activity))
}

fn effectiveness(ctx: &Ctx, r: &Reading) -> Judgement {
    let at: Vec<usize> = (0..r.sentences.len())
        .filter(|&i| judges(&r.sentences[i]) || answers_question(r, &r.sentences[i]))
        .collect();
    let mut judgements: Vec<&Sentence> = at.iter().map(|&i| &r.sentences[i]).collect();
    let mut backed = backed(ctx, r, &at);
    // A judgement the partners rest on activity ("We held 14 meetings … We believe this
    // shows our arrangements are effective") is their basis for the findings beside
    // it under the same heading: those findings do not turn it into one with evidence.
    let heading = |s: &Sentence| (s.section, ctx.units[s.unit].heading.clone());
    let on_activity: Vec<_> = judgements
        .iter()
        .filter(|j| !backed.iter().any(|b| std::ptr::eq(*b, **j)))
        .map(|j| heading(j))
        .collect();
    // Where the partners judge in their own words and rest every such judgement on
    // activity, that is the basis they give: ratings and findings elsewhere in the
    // report (a priority rated Green with its figure) do not change it.
    let whole_on_activity = whole_on_activity(r, &at);
    let rests_on_activity = whole_on_activity
        || backed.is_empty()
            && at
                .iter()
                .any(|&i| grounds(ctx, r, i).into_iter().any(counts_activity));
    if whole_on_activity {
        backed.clear();
    }
    let framed: Vec<&Sentence> = framed_findings(ctx, r)
        .into_iter()
        .filter(|f| !rests_on_activity && !on_activity.contains(&heading(f)))
        .collect();
    judgements.extend(framed.iter().copied());
    backed.extend(framed.iter().copied());
    let (mut rated, rated_count) = rated_rows(ctx, r);
    if rests_on_activity {
        rated.clear();
    }
    let gaps: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| EFFECT_GAP.is_match(s.text) && EFFECT_TOPIC.is_match(s.text))
        .collect();
    let mut spans: Vec<Ev> = backed.iter().map(|s| span_of(ctx, s)).collect();
    spans.extend(rated.iter().cloned());
    spans.extend(judgements.iter().map(|s| span_of(ctx, s)));
    if judgements.is_empty() && rated_count == 0 {
        return unjudged(ctx, r);
    }
    let judged = judgements.len() + rated_count;
    let with_evidence = backed.len() + rated.len();
    // Rows of a rating table judge too; say so only where there are some.
    let noun = if rated_count == 0 {
        ("sentence", "sentences")
    } else {
        ("sentence or row", "sentences or rows")
    };
    if with_evidence == 0 {
        return Judgement::new(
            Status::Partial,
            spans,
            format!(
                "{} judge effectiveness, but none rests on evidence (an audit, an inspection, feedback or data about children and practice; counts of meetings and sessions are activity).",
                plural(judged, noun.0, noun.1)
            ),
        );
    }
    if let Some(gap) = gaps.first() {
        let mut j = Judgement::new(
            Status::Partial,
            spans,
            format!(
                "{} judge effectiveness ({} with evidence), but the report itself says its evidence is weak: {}{}",
                plural(judged, noun.0, noun.1),
                with_evidence,
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
            plural(judged, noun.0, noun.1),
            with_evidence
        ),
    )
}

/// The verdict when the partners' own text judges nothing: a judgement deferred
/// ("too early to judge") is partial; so is a report whose only judgement is the
/// independent scrutineer's, unless the partners' text gives what audits or data found
/// for it to rest on (then met: the scrutineer's verdict is the report's judgement); so
/// is a report that asks how effective it has been and answers with activity. Nothing
/// at all is missing.
fn unjudged(ctx: &Ctx, r: &Reading) -> Judgement {
    if let Some(d) = r.sentences.iter().find(|s| DEFERRED.is_match(s.text)) {
        return Judgement::quoting(ctx, Status::Partial, d, |q| {
            format!("the report addresses effectiveness but defers its judgement: {q}")
        });
    }
    let verdicts = scrutineer_verdicts(ctx, r);
    if !verdicts.is_empty() {
        let findings = scrutiny_grounds(ctx, r);
        let mut spans = verdicts.clone();
        spans.extend(findings.iter().cloned());
        return if findings.is_empty() {
            Judgement::new(
                Status::Partial,
                spans,
                "only the independent scrutineer judges how effective the arrangements have been; the partners' own text gives no finding of an audit, an inspection or the data for it to rest on.",
            )
        } else {
            Judgement::new(
                Status::Met,
                spans,
                format!(
                    "the independent scrutineer judges how effective the arrangements have been, and the report gives {} of audits, inspections or data for it to rest on.",
                    plural(findings.len(), "finding", "findings")
                ),
            )
        };
    }
    let asked = r.sentences.iter().find(|s| {
        ASKS_HOW_EFFECTIVE.is_match(s.text) || ASKS_HOW_EFFECTIVE.is_match(&r.context[s.unit])
    });
    if let Some(a) = asked {
        return Judgement::quoting(ctx, Status::Partial, a, |q| {
            format!(
                "the report sets out to show how effective the arrangements are, but answers with activity (meetings, audits held, sessions run), not a judgement: {q}"
            )
        });
    }
    Judgement::new(
        Status::Missing,
        vec![],
        "no sentence judges how effective the arrangements have been.",
    )
}
