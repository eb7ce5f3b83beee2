//! Out-of-date terms: names of bodies and documents that were replaced ("CCG",
//! "LSCB", "Working Together 2018"), unless the sentence or table row speaks of the
//! time before the change; and a serious case review said to be commissioned after
//! serious case reviews ended.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Ctx;
use super::editorial::ED_LEGACY_TERM;
use super::text::{Unit, UnitKind};
use crate::diagnostic::Diagnostic;
use crate::model::{Date, Guidance, MONTHS};

struct Legacy {
    pattern: &'static str,
    /// The term is out of date for periods ending after this date.
    after: Date,
    /// Or, instead of a date, for reports judged against this edition.
    guidance: Option<Guidance>,
    instead: &'static str,
    why: &'static str,
    /// Words naming what replaced it: a sentence naming both speaks of the change.
    successor: Option<&'static str>,
}

const LEGACY: &[Legacy] = &[
    Legacy {
        pattern: r"\bCCGs?\b|(?i:\bclinical commissioning groups?\b)",
        after: Date {
            year: 2022,
            month: 7,
            day: 1,
        },
        guidance: None,
        instead: "integrated care board (ICB)",
        why: "clinical commissioning groups were replaced by integrated care boards on 1 July 2022",
        successor: Some(r"(?i)\bICBs?\b|\bintegrated care boards?\b"),
    },
    Legacy {
        pattern: r"\bLSCBs?\b|(?i:\blocal safeguarding children'?s? boards?\b)",
        after: Date {
            year: 2019,
            month: 9,
            day: 29,
        },
        guidance: None,
        instead: "safeguarding partnership",
        why: "local safeguarding children boards were replaced by safeguarding partnership arrangements by 29 September 2019",
        successor: Some(r"(?i)\bpartnerships?\b|\bnew arrangements\b|\bsafeguarding partners\b"),
    },
    Legacy {
        pattern: r"(?i)\bserious case reviews? (?:sub-?group|panel|committee|group)\b",
        after: Date {
            year: 2019,
            month: 9,
            day: 29,
        },
        guidance: None,
        instead: "learning and review subgroup",
        why: "serious case reviews ended on 29 September 2019, so a group named after them is out of date; reviews since are child safeguarding practice reviews",
        successor: Some(r"(?i)\bpractice reviews?\b|\blearning and review\b"),
    },
    Legacy {
        pattern: r"(?i)\bworking together (to safeguard children )?2018\b",
        after: Date {
            year: 9999,
            month: 1,
            day: 1,
        },
        guidance: Some(Guidance::Wt2023),
        instead: "Working Together to Safeguard Children 2023",
        why: "the 2023 edition replaced the 2018 edition on 15 December 2023",
        successor: None,
    },
];

static HISTORY: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?i)\b(?:was|were|had been|has been|have been)\s+(?:\w+\s+)?(?:replaced|abolished|superseded|succeeded|renamed|dissolved|merged|closed|disbanded)\b|\breplaced\b|\bformer(?:ly)?\b|\bpreviously\b|\bused to\b|\bno longer\b|\bfirst published\b|\buntil\b|\bbefore\b|\btook over\b|\bfor the first\b|\b(?:final|last)\s+(?:\w+\s+){0,3}of\s+the\b|\bat the (?:start|beginning) of\b|\b(?:move|moved|transition|handover|change)\s+from\b|\bhistor(?:y|ic|ical)\b|\bearlier\b|\binherited\b|\blegacy\b|\bcarried (?:forward|over)\b|\bhand(?:ed)? ?over\b|\b(?:kept|keeps?|keeping|retain(?:ed|s|ing)?|buil[dt]s? on|building on)\b").unwrap()
});

/// A term followed, in its clause, by a verb of what a body does now: "LSCB Executive
/// meets", "the LSCB's subgroup has tracked", "the CCG is funding".
static IN_USE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?i)^[^,.;:()]{0,40}?\b(?:meets|is|are|has|have|leads|holds|chairs|runs|oversees|funds|commissions|will)\b").unwrap()
});

static DATED: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?i)\b(?:(january|february|march|april|may|june|july|august|september|october|november|december)\s+)?((?:19|20)\d\d)\b").unwrap()
});

/// When the dates of a text fall against the day a term went out of use: whether
/// any is before it, and whether any is after it. A year alone in the year of the
/// change counts as before: it may be.
fn dated_against(text: &str, change: Date) -> (bool, bool) {
    let (mut before, mut after) = (false, false);
    for c in DATED.captures_iter(text) {
        let year: i32 = c[2].parse().unwrap_or(0);
        let month = c.get(1).map(|m| {
            MONTHS
                .iter()
                .position(|n| n.eq_ignore_ascii_case(m.as_str()))
                .map_or(1, |i| i as u8 + 1)
        });
        match month {
            Some(month) => {
                let first = Date {
                    year,
                    month,
                    day: 1,
                };
                let last = Date {
                    year,
                    month,
                    day: 28,
                };
                before |= last < change || first < change && year == change.year;
                after |= first > change;
            }
            None => {
                before |= year <= change.year;
                after |= year > change.year;
            }
        }
    }
    (before, after)
}

/// The words around a term that say when it is used: the row of a table (a
/// glossary row explains the term in the cell beside it), or the sentence.
///
/// A sentence that is only names ("LSCB Local Safeguarding Children Board.", a
/// glossary row read from a PDF as a line) says nothing of time itself: the sentence
/// after it, which explains the term, is its context too.
fn context(unit: &Unit, range: &Range<usize>) -> Range<usize> {
    if unit.kind == UnitKind::Table
        && let Some(row) = super::text::table_row(unit, range.start)
    {
        return row;
    }
    let sentences = super::text::sentences(&unit.text);
    let Some(i) = sentences
        .iter()
        .position(|s| s.start <= range.start && range.end <= s.end)
    else {
        return range.clone();
    };
    let here = sentences[i].clone();
    match sentences.get(i + 1) {
        Some(next) if only_names(&unit.text[here.clone()]) => here.start..next.end,
        _ => here,
    }
}

/// Whether a sentence has no words but names: every word capitalised, or the
/// sentence is a few words long ("CCG Clinical Commissioning Group.").
fn only_names(sentence: &str) -> bool {
    let words: Vec<&str> = sentence
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let capitalised = |w: &&str| w.starts_with(|c: char| c.is_uppercase());
    words.len() <= 3 || words.iter().filter(|w| !capitalised(w)).count() == 0
}

/// Whether an out-of-date term is used of the time before the change, so is right:
/// its sentence (or table row) says so ("replaced", "until", "before"), names what
/// replaced it, or is dated before the change.
fn used_of_its_time(
    legacy: &Legacy,
    successor: Option<&Regex>,
    text: &str,
    term: Range<usize>,
) -> bool {
    let (before, after) = if legacy.guidance.is_none() {
        dated_against(text, legacy.after)
    } else {
        (false, false)
    };
    let rest = without_term(text, &term);
    if HISTORY.is_match(&rest) || before {
        return true;
    }
    // The old body said to act now ("the Wendlebury LSCB Executive meets every six
    // weeks") is in use, whatever else the sentence names.
    if IN_USE.is_match(&text[term.end..]) {
        return false;
    }
    // Naming what replaced it speaks of the change, unless the sentence is dated after
    // the change ("In November 2024 our local safeguarding children board agreed the
    // new arrangements").
    !after && successor.is_some_and(|r| r.is_match(&rest))
}

/// Whether the words around a term tell of the change itself: "was replaced by",
/// "until", or what replaced it named beside it.
fn tells_of_change(successor: Option<&Regex>, text: &str, term: Range<usize>) -> bool {
    let rest = without_term(text, &term);
    HISTORY.is_match(&rest) || successor.is_some_and(|r| r.is_match(&rest))
}

/// The words around a term, the term left out (its own words say nothing of time).
fn without_term(text: &str, term: &Range<usize>) -> String {
    format!("{} {}", &text[..term.start], &text[term.end..])
}

pub(super) fn legacy_terms(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    static PATTERNS: LazyLock<Vec<(Regex, Option<Regex>)>> = LazyLock::new(|| {
        LEGACY
            .iter()
            .map(|l| {
                (
                    super::text::regex(l.pattern).unwrap(),
                    l.successor.map(|s| super::text::regex(s).unwrap()),
                )
            })
            .collect()
    });
    let period = ctx.period();
    for (legacy, (pattern, successor)) in LEGACY.iter().zip(PATTERNS.iter()) {
        // A term dated by the calendar needs the period; without one it is not judged.
        // Without a period, a report that speaks of what replaced the term as in
        // place (not in a sentence about the change) was written after the change.
        let (applies, end) = match (legacy.guidance, period) {
            (Some(g), p) => (ctx.guidance == g, p.map(|p| p.end)),
            (None, Some(p)) => (p.end > legacy.after, Some(p.end)),
            (None, None) => (successor_in_place(ctx, pattern, successor.as_ref()), None),
        };
        if !applies {
            continue;
        }
        // A period that began before the change: a paragraph that has told of the
        // change goes on speaking of the old body's part of the year ("On 1 July 2022
        // the CCG was replaced by the ICB. We thank the CCG's team for …").
        let straddles = legacy.guidance.is_none() && period.is_some_and(|p| p.start < legacy.after);
        for unit in &ctx.units {
            if unit.kind == UnitKind::Code || in_glossary(ctx, unit) {
                continue;
            }
            let mut told_of_change = false;
            for m in pattern.find_iter(&unit.text) {
                let range = context(unit, &m.range());
                let around = &unit.text[range.clone()];
                let term = m.start() - range.start..m.end() - range.start;
                if used_of_its_time(legacy, successor.as_ref(), around, term.clone()) {
                    told_of_change |=
                        straddles && tells_of_change(successor.as_ref(), around, term);
                    continue;
                }
                if told_of_change && !dated_against(around, legacy.after).1 {
                    continue;
                }
                let when = match (end, legacy.guidance) {
                    (Some(end), _) => format!("a report whose period ends on {}", end.long()),
                    (None, Some(_)) => format!("a report judged against {}", ctx.guidance.title()),
                    (None, None) => {
                        format!("a report that speaks of the {} as in place", legacy.instead)
                    }
                };
                out.push(
                    ctx.finding(
                        ED_LEGACY_TERM,
                        ctx.locate(unit, m.range()),
                        format!(
                            "\"{}\" is out of date for {when}: {}",
                            m.as_str(),
                            legacy.why
                        ),
                    )
                    .with_label(format!("use \"{}\"", legacy.instead))
                    .with_help(format!(
                        "write \"{}\"; if the text refers to the time before the change, say so.",
                        legacy.instead
                    )),
                );
            }
        }
    }
    late_serious_case_reviews(ctx, out);
}

/// Whether a unit is in a glossary (under a heading "Glossary", "Abbreviations",
/// "Acronyms", "Terms used"): it explains what terms meant, old ones included.
fn in_glossary(ctx: &Ctx, unit: &Unit) -> bool {
    static GLOSSARY: LazyLock<Regex> = LazyLock::new(|| {
        super::text::regex(
            r"(?i)\bglossary\b|\babbreviations\b|\bacronyms\b|\bterms (?:used|we use)\b|\bjargon\b",
        )
        .unwrap()
    });
    let section = &ctx.document.sections[unit.section];
    unit.heading
        .iter()
        .map(String::as_str)
        .chain([section.title.as_str()])
        .any(|h| GLOSSARY.is_match(h))
}

/// Whether the report, in a sentence that is not about the change, names what
/// replaced a term as in place: the sentence neither names the old term nor speaks
/// of the time before, nor of the future.
fn successor_in_place(ctx: &Ctx, old: &Regex, successor: Option<&Regex>) -> bool {
    static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
        super::text::regex(r"(?i)\b(?:will|shall|to become|is to|are to|plans?|planned|from (?:next|the coming))\b").unwrap()
    });
    let Some(successor) = successor else {
        return false;
    };
    ctx.units.iter().filter(|u| u.is_prose()).any(|unit| {
        super::text::sentences(&unit.text).into_iter().any(|s| {
            let sentence = &unit.text[s];
            successor.is_match(sentence)
                && !old.is_match(sentence)
                && !HISTORY.is_match(sentence)
                && !FUTURE.is_match(sentence)
                && !DATED.is_match(sentence)
        })
    })
}

static SCR: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?i)\b(?:commission(?:ed|s|ing)?\s+(?:(?:a|an|one|two|three|its|the|another|new)\s+){0,2})?serious case reviews?\b").unwrap()
});
static COMMISSION: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"(?i)\bcommission").unwrap());
/// A review begun or carried out: dated after the change, it cannot be a serious
/// case review either.
static UNDERTAKEN: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?i)\b(?:begin|began|begun|start|started|opened|completed|undertook|undertaken|carried out|conducted)\b").unwrap()
});
static OLD_BOARD: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"(?i)\bLSCBs?\b|\bboards?\b").unwrap());
static WE: LazyLock<Regex> = LazyLock::new(|| super::text::regex(r"(?i)\bwe\b").unwrap());
static BY_PARTNERSHIP: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"(?i)\bpartnership\b|\bsafeguarding partners\b").unwrap());

/// The change of 29 September 2019, after which no serious case review could be
/// commissioned: a review commissioned since is a child safeguarding practice review.
const SCR_END: Date = Date {
    year: 2019,
    month: 9,
    day: 29,
};

/// "In January 2021 the partnership commissioned a serious case review": a review
/// said to be commissioned after the change, or by the partnership that replaced the
/// board, under the old name. One commissioned by the board, or dated before, is not.
fn late_serious_case_reviews(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let after_the_change = ctx.period().is_some_and(|p| p.start > SCR_END);
    for unit in ctx.units.iter().filter(|u| u.is_prose()) {
        for s in super::text::sentences(&unit.text) {
            let sentence = &unit.text[s.clone()];
            let Some(m) = SCR.find(sentence) else {
                continue;
            };
            let commissioned = COMMISSION.is_match(sentence);
            if !(commissioned || UNDERTAKEN.is_match(sentence)) || OLD_BOARD.is_match(sentence) {
                continue;
            }
            let (before, after) = dated_against(sentence, SCR_END);
            // "We commissioned …" in a report on a year after the change is the
            // partnership's commission.
            let ours =
                BY_PARTNERSHIP.is_match(sentence) || after_the_change && WE.is_match(sentence);
            let late = after && !before || commissioned && ours && !before;
            if !late {
                continue;
            }
            out.push(
                ctx.finding(
                    ED_LEGACY_TERM,
                    ctx.locate(unit, s.start + m.start()..s.start + m.end()),
                    "a serious case review is said to be commissioned after serious case reviews ended: since 29 September 2019 a review the partnership commissions is a local child safeguarding practice review",
                )
                .with_label("use \"local child safeguarding practice review\"")
                .with_help("call it a local child safeguarding practice review; if the board commissioned it before 29 September 2019, say so."),
            );
        }
    }
}
