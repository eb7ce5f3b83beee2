//! Impact on outcomes, including training, from early help to care leavers.
//!
//! The rule, as a scrutineer applies it: **met** when the report shows (not asserts)
//! what changed for children, families or practice — a before and after figure ("up
//! from", "against 38% before"), what an audit or a follow-up found, practitioners
//! saying months later that their practice changed, a row of a table set out to show
//! what changed — for training and for at least two parts of the continuum. A part is
//! shown only by a finding, what people told the partnership, or a figure: "early help
//! has had a clear impact" asserts, and so does "we believe …". **Partial** when some
//! impact is shown or only claimed ("we believe the training has improved outcomes",
//! "we are confident …"). **Missing** when the report gives only activity: numbers
//! trained, courses run, attendees' satisfaction, or how much work came in
//! ("referrals fell", "contacts were 6.0% higher"), which is demand, not impact. Care
//! leavers "in education, employment or training" is an outcome for care leavers, not
//! the partnership's training; a change word in a name ("Harrowby Fell") is no change.

use super::reading::*;
use super::{Def, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::Impact,
    judge: impact,
    wwc: true,
    title: "Impact on outcomes, including training, from early help to care leavers",
    met_when: "evidences impact on outcomes (change for children and families, not activity counts), including training, across early help, children in need and child protection, looked-after children and care leavers",
    quote18: "The report should include \"evidence of the impact of the work of the safeguarding partners and relevant agencies, including training, on outcomes for children and families from early help to looked-after children and care leavers\". The What Works Centre found 11 of 18 reports gave no information on impact, and that evaluation of training was mostly attendees' feedback on the course.",
    quote23: "The focus of reports \"should be on multi-agency priorities, learning, impact, evidence, and improvement.\" The 2018 item on impact is carried over (to confirm).",
    what: "Finds statements of impact (a change for children and families: \"routine enquiry for domestic abuse in pregnancy has improved and is now at 92%\"), not activity counts, demand (\"referrals rose\"), course satisfaction or plans, and sorts them along the continuum: early help; children in need and child protection; looked-after children; care leavers; and training. Statements in which the report says it cannot yet evidence impact (\"the arrangements to evaluate the impact of training on practice have not gone live\") count against that part (\"we cannot yet show …\", \"not yet evaluated\"), and a part is evidenced only by what the report shows, not by what it believes (\"we are confident the training has improved outcomes\"). Met with training and at least two parts of the continuum evidenced. The finding names the parts with no impact evidence.",
    example: "We ran 79 courses, attended by 1,408 people.   # activity, not impact: training has no impact evidence",
    fix: "For each part of the continuum, say what changed for children and families and how you know: a before and after figure, an audit finding, feedback from families. For training, say what changed in practice, not how many attended.",
    fix_printed: None,
};

re!(
    IMPACT_WORD,
    r"(?i)\b(impact|outcomes?|difference|improv(ed|ement|ements)|increas(ed|e)|reduc(ed|tion)|decreas(ed|e)|fewer|safer|better|benefit\w*|enabled|helped|now (at )?\d|up from|down from|against \d[\d,.]*%?|compared (with|to)|rose|fell|rising|falling|risen|fallen|higher|lower|chang(e|ed) (in |to )?(their )?practice|practice (has )?changed|clear change)\b"
);

re!(
    SATISFACTION,
    r"(?i)\b(rat(ed|ing)|satisf\w+|good or excellent|useful|enjoyed|attend\w*|attendance|places? (were )?(taken|booked)|courses? (were )?(run|held|delivered)|sessions?)\b"
);

re!(
    IMPACT_NOUN,
    r"(?i)\b(impact|outcomes?|difference|improved|improvement)\b"
);

re!(
    IMPACT_GAP,
    r"(?i)unable to (consistently )?(evidence|demonstrate)|too early to (evidence|tell|say|see)|yet to (make|have|deliver|demonstrate|see)\b[^.]{0,20}(impact|difference|improvement)|not (yet )?(able to )?(evidence|demonstrate)[^.]{0,40}(impact|improvement)|(impact|improvement)[^.]{0,60}(not (yet )?(known|evidenced|measured|clear)|has yet to|have not gone live|not always evidenced)|evaluate the impact[^.]{0,80}not gone live|little (is said|evidence)[^.]{0,40}impact|no evidence of (impact|improvement)|not always evidenced|\b(do not|don't|cannot|can't|could not|are not able to) (yet )?(have|show|tell|say|know)\b[^.]{0,60}\b(impact|evidence|difference|whether|outcomes?|improv\w*|reduced|changed)|\bnot (yet )?(been )?(evaluated|measured)|\b(have|has) not (yet )?(measured|evaluated)|\bnot measured\b|results are not yet|\black (the )?(data|evidence|information)\b"
);

// A change in how much work came in ("referrals fell", "early help assessments went up
// by 435"): demand and activity, not what changed for children, unless the sentence
// measures an outcome ("repeat plans", "re-referrals", "plans lasting more than …").
re!(
    DEMAND_CHANGE,
    r"(?i)\b(contacts?|referrals?|assessments?|episodes?|incidents?|notifications?|plans?|cases|numbers?|demand|children in care|looked[- ]after children)\b([^.]|\.\d){0,40}\b(rose|fell|risen|fallen|increased|decreased|went (up|down)|continued to (rise|fall)|(up|down) by|grew|(was|were|is|are)\b([^.]|\.\d){0,15}\b(higher|lower))\b"
);

re!(
    OUTCOME_MEASURE,
    r"(?i)\b(repeat\w*|re-?referr\w*|again|second or subsequent|long-term|more than \d+|longer than|within \d+|second time|needs met|referred back|reflect\w*|on time|timel\w+|waiting|missing|excluded|attendance|safer|harm|lower risk|because of|as a result|thanks to|impact|outcomes?|difference)\b|\b(to|from|at) \d+(\.\d+)?%"
);

// A change asserted by the nouns alone: "the difference their work has made", "has had
// an impact", "improving outcomes". The nouns without it name a topic ("the impact of
// parental mental health on …", "a shared outcomes framework").
re!(
    MADE_DIFFERENCE,
    r"(?i)\b(made|make|makes|making|had|has had|have had|having)\b[^.]{0,25}\b(difference|impact)\b|\b(difference|impact)\b[^.]{0,25}\b(made|had)\b|\bimprov\w* outcomes\b"
);

// Wanting, asking or hoping for a change is not one: "we want to find better ways",
// "the Executive has asked each partner to bring evidence of the difference …" (unless
// the sentence also gives a figure: "71% were in education …, and we want this higher").
re!(
    AIMED,
    r"(?i)\b(we|they|partners|partner|the partnership|executive|board) (also )?(want(s|ed)?|would like|hop(e|es|ed)|(has |have )?asked|asks|intend(s|ed)?)\b[^.]{0,40}\bto\b"
);

// An impact asserted, not shown: "we believe …", "we are confident …", "we are sure …".
re!(
    HEDGED,
    r"(?i)\b(we|partners|the partners|the partnership)\s+(also\s+)?(believe|think|feel|hope|are (confident|sure|proud)|is (confident|sure)|know)\b|\b(is|are) (confident|sure) that\b"
);

// Training followed up in practice: "64% of attendees reported a clear change in their
// practice", "58 of 90 managers said it had changed how their staff work".
re!(
    PRACTICE_CHANGE,
    r"(?i)\bchang\w*\b[^.]{0,30}\b(practice|how|the way|what they do|work(ed)?)\b|\bclear change\b|\bused (what they (had )?learn\w*|the\b[^.]{0,25}\b(toolkit|tool|framework|approach|model|profile|protocol|guidance))|\bput (it |this )?into practice\b"
);

re!(
    PART_EARLY_HELP,
    r"(?i)early help|\bEHAs?\b|supporting families|children'?s? cent(re|er)s?|family support|\bTAF\b|team around the family"
);

re!(
    PART_CP,
    r"(?i)child(ren)? in need|\bCIN\b|child protection|\bCP\b|protection plans?|section 47|\bs47\b|strategy (meeting|discussion)s?|\bMASH\b|thresholds?|front door|referrals?|case conferences?|\bICPC\b|exploitation|missing (children|episodes?|from (home|care|school|education))"
);

re!(
    PART_CLA,
    r"(?i)looked[- ]after|\bCLA\b|\bin care\b|care plans?|placements?|\bIROs?\b|independent reviewing|fostering|foster carers?|adoption|corporate parent\w*"
);

re!(
    PART_LEAVERS,
    r"(?i)care leavers?|leaving care|care[- ]experienced?|ceased to be looked after|staying put|pathway plans?"
);

re!(
    PART_TRAINING,
    r"(?i)\btrain(ing|ed|ers?)?\b|\bcourses?\b|learning (and|&) development|workforce development|practitioner forums?"
);

// "In education, employment or training" (EET): an outcome for young people and care
// leavers, not the partnership's training.
re!(
    EET,
    r"(?i)\b(education,? )?employment,? (or|and) training\b|\bNEET\b|\bEET\b"
);

/// Whether a text is about a part of the continuum, outside the phrase "education,
/// employment or training".
fn about_part(text: &str, part: &Regex) -> bool {
    part.is_match(&EET.replace_all(text, "education"))
}

/// The continuum the guidance names, and training.
const PARTS: &[Part] = &[
    Part::continuum("early help", &PART_EARLY_HELP),
    Part::continuum("children in need and child protection", &PART_CP),
    Part::continuum("looked-after children", &PART_CLA),
    Part::continuum("care leavers", &PART_LEAVERS),
    Part {
        name: "training",
        pattern: &PART_TRAINING,
        training: true,
    },
];

/// A part of the continuum the guidance names, or training.
struct Part {
    name: &'static str,
    pattern: &'static LazyLock<Regex>,
    /// The guidance names training apart: "including training".
    training: bool,
}

impl Part {
    const fn continuum(name: &'static str, pattern: &'static LazyLock<Regex>) -> Part {
        Part {
            name,
            pattern,
            training: false,
        }
    }
}

// A table set out to show change or impact, by its column titles or what it is about:
// "What changed", "Said it changed their practice", "Before | After", "Impact for
// children". A table of this year's figures beside last year's is the data set, not
// a claim of impact.
re!(
    CHANGE_HEADER,
    r"(?i)\bimpact\b|\bchang(e|ed|es)\b|\bdifference\b|\boutcomes?\b|\bbefore\b|\bafter\b|\bbaseline\b"
);

// What a row counts when it counts how much work came in, not what changed for
// children: "Early help plans opened", "Contacts to the front door".
re!(
    DEMAND_SUBJECT,
    r"(?i)\b(contacts?|referrals?|assessments?|episodes?|notifications?|opened|started|discussed|offences|numbers? of|children (on|in|supported|living))\b"
);

/// A row of a table that shows a change in an outcome for a part of the continuum
/// ("Care leavers | Care leavers in education, employment or training | 49% | 56%"):
/// evidence set out in rows counts as much as evidence written in sentences. A row
/// of how much work came in ("Early help plans opened") is demand, and a count of
/// courses run is activity, not impact.
fn table_evidence(ctx: &Ctx, r: &Reading, part: &Regex) -> Option<super::Ev> {
    for t in r.tables(ctx) {
        let header = t.header.join(" | ");
        if !CHANGE_HEADER.is_match(&header) && !CHANGE_HEADER.is_match(&t.about) {
            continue;
        }
        for (i, row) in t.rows.iter().enumerate() {
            let text = row.join(" | ");
            let figures = row
                .iter()
                .filter(|c| c.chars().any(|c| c.is_ascii_digit()))
                .count();
            // A change shown: a rate, or what people said changed ("Said it changed
            // their practice").
            let outcome = text.contains('%') || PRACTICE_CHANGE.is_match(&header);
            let demand = DEMAND_SUBJECT.is_match(&text) && !OUTCOME_MEASURE.is_match(&text);
            let here = about_part(&text, part) || about_part(&t.about, part);
            if here && figures >= 2 && outcome && !demand {
                return Some(t.row_span(ctx, i));
            }
        }
    }
    None
}

/// Whether a sentence says impact cannot (yet) be evidenced.
fn impact_gap(s: &Sentence) -> bool {
    [
        "impact",
        "improve",
        "evidence",
        "too early",
        "unable",
        "yet",
        "measured",
        "evaluated",
        "lack",
    ]
    .iter()
    .any(|w| s.lower.contains(w))
        && IMPACT_GAP.is_match(s.text)
}

// What shows a change rather than asserting it: what was found, told or reported, or
// a figure ("rose from 70% to 88%", "in 23 of the 30 cases").
re!(
    SHOWN,
    r"(?i)\b(found|showed|shows|told us|said|reported|gave (an |a )?(concrete )?examples?|confirmed|compared with|up from|down from|from \d[\d,.]*%? to \d|\d+ of (the )?\d)"
);

/// Whether a change is shown, not only asserted: a finding, what people told the
/// partnership, or a figure that is not a year ("Early help has had a clear impact"
/// asserts; "78% of families did not need another service" shows).
fn shown(s: &Sentence) -> bool {
    let figure = s
        .text
        .split(|c: char| !c.is_ascii_digit())
        .any(|n| !n.is_empty() && !(n.len() == 4 && (n.starts_with("19") || n.starts_with("20"))));
    figure || SHOWN.is_match(s.text) || PRACTICE_CHANGE.is_match(s.text)
}

/// Whether a sentence tells of a change for children, families or practice: not how
/// many came or how much they liked it, not how much work came in, not a plan.
fn claims_impact(s: &Sentence) -> bool {
    let t = s.text;
    // A change word with a capital inside a sentence is part of a name ("Harrowby
    // Fell", "Better Start"), not a change.
    let changed = IMPACT_WORD.find_iter(t).any(|m| {
        let named = m.start() > 0 && m.as_str().starts_with(|c: char| c.is_uppercase());
        !named
            && !matches!(
                m.as_str().to_lowercase().as_str(),
                "impact" | "outcome" | "outcomes" | "difference"
            )
    }) || MADE_DIFFERENCE.is_match(t);
    (changed || PRACTICE_CHANGE.is_match(t))
        && !t.trim_end().ends_with('?')
        && !(AIMED.is_match(t) && !t.chars().any(|c| c.is_ascii_digit()))
        && (IMPACT_NOUN.is_match(t) || t.chars().any(|c| c.is_ascii_digit()))
        && !(SATISFACTION.is_match(t) && !IMPACT_NOUN.is_match(t) && !PRACTICE_CHANGE.is_match(t))
        && !(DEMAND_CHANGE.is_match(t) && !OUTCOME_MEASURE.is_match(t))
        && !FUTURE.is_match(t)
        && !impact_gap(s)
        && !(s.lower.contains("effective") && EFFECT_AIM.is_match(t))
}

fn impact(ctx: &Ctx, r: &Reading) -> Judgement {
    let in_part = |s: &Sentence, part: &Regex| {
        about_part(s.text, part) || about_part(&r.context[s.unit], part)
    };
    let claims: Vec<&Sentence> = r.sentences.iter().filter(|s| claims_impact(s)).collect();
    let gaps: Vec<&Sentence> = r.sentences.iter().filter(|s| impact_gap(s)).collect();
    let mut evidenced = Vec::new();
    let mut lacking = Vec::new();
    let mut spans = Vec::new();
    let mut training = false;
    for Part {
        name,
        pattern: part,
        training: is_training,
    } in PARTS
    {
        // A part is evidenced by what the report shows, not by what it believes.
        let here: Vec<&&Sentence> = claims
            .iter()
            .filter(|s| in_part(s, part) && !HEDGED.is_match(s.text) && shown(s))
            .collect();
        let gap = gaps.iter().find(|s| {
            in_part(s, part)
                && (about_part(s.text, part) || s.text.to_lowercase().contains("impact"))
        });
        let row = if here.is_empty() {
            table_evidence(ctx, r, part)
        } else {
            None
        };
        match (here.first(), gap) {
            (None, None) if row.is_some() => {
                spans.extend(row);
                evidenced.push(*name);
                training |= *is_training;
            }
            (Some(first), None) => {
                spans.push(span_of(ctx, first));
                evidenced.push(*name);
                training |= *is_training;
            }
            (Some(first), Some(g)) => {
                spans.push(span_of(ctx, first));
                lacking.push(format!("{name} (the report says {})", quote(g.text)));
            }
            (None, Some(g)) => lacking.push(format!("{name} (the report says {})", quote(g.text))),
            (None, None) => lacking.push(name.to_string()),
        }
    }
    // Training, which the guidance names ("including training"), and at least two
    // parts of the continuum shown, not asserted: what the scrutineers who wrote the
    // development sets' keys accept as "evidence of impact … from early help to
    // looked-after children and care leavers"; fewer is partial.
    let continuum = evidenced.len() - usize::from(training);
    if training && continuum >= 2 {
        Judgement::new(
            Status::Met,
            spans,
            if lacking.is_empty() {
                "the report evidences impact on outcomes for every part of the continuum, early help to care leavers, and for training.".to_string()
            } else {
                format!(
                    "the report evidences impact on outcomes for {}; not for {}.",
                    evidenced.join(", "),
                    lacking.join("; ")
                )
            },
        )
    } else if evidenced.is_empty() && claims.is_empty() {
        Judgement::new(
            Status::Missing,
            spans,
            format!(
                "no impact on outcomes is evidenced for any part of the continuum; missing: {}.",
                lacking.join("; ")
            ),
        )
    } else if evidenced.is_empty() {
        Judgement::new(
            Status::Partial,
            claims.iter().map(|s| span_of(ctx, s)).collect(),
            format!(
                "the report shows a change for children or families ({}), but no impact for any part of the continuum; missing: {}.",
                quote(claims[0].text),
                lacking.join("; ")
            ),
        )
    } else {
        Judgement::new(
            Status::Partial,
            spans,
            format!(
                "impact is evidenced for {}, but not for {}.",
                evidenced.join(", "),
                lacking.join("; ")
            ),
        )
    }
}
