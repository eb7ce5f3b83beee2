//! The period the report covers: a date range stated in words outranks whole months,
//! which outrank a year label ("2021-22"); a range said of the report itself ("this
//! report covers …", "Interim report September 2023 to March 2024") outranks one said
//! of something else; then the range said most often, then the one said first. A
//! range or year label after forward-looking words in its sentence ("our first full
//! report will cover April 2024 to March 2025", "looking ahead to 2026-27") is a plan,
//! not the period. Months with their years need no "from": "This report covers
//! September 2020 to August 2021" states an academic year as plainly as "from".

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{Confidence, Known, Overrides, Period, Text};
use crate::diagnostic::Span;
use crate::model::{Date, MONTHS, days_in_month};
use crate::read::Extracted;

pub(super) const MONTH: &str =
    "(January|February|March|April|May|June|July|August|September|October|November|December)";
static FULL_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\s+(\d{{4}})\s*(?:to|until|till|through|and|–|—|-)\s*(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\s+(\d{{4}})\b"
    ))
    .unwrap()
});
/// "1 January to 31 December 2022", "from 1 April to 30 September 2025": a range whose
/// year is written once, at its end.
static ONE_YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\s*(?:to|until|till|through|and|–|—|-)\s*(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\s+(\d{{4}})\b"
    ))
    .unwrap()
});
/// "April to September 2025", "January–December 2024": whole months, the year once.
static MONTHS_OF_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b{MONTH}\s*(?:to|until|–|—|-)\s*{MONTH}\s+(\d{{4}})\b"
    ))
    .unwrap()
});
/// Words before a year label that make it a plan, not the period the report covers:
/// "Looking ahead to 2026-27", "our priorities for 2025-26".
static FORWARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(looking ahead( to)?|ahead to|priorities for|plans? for|planning for|next year|coming year|the year ahead)\s*:?\s*(the\s+)?$")
        .unwrap()
});
/// "from April 2019 to August 2020", "between April 2019 and August 2020", "September
/// 2020 to August 2021" (without "between", "and" joins two dates, not a range).
static MONTH_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:between\s+{MONTH}\s+(\d{{4}})\s+and|(?:from\s+)?{MONTH}\s+(\d{{4}})\s*(?:to|until|–|—|-))\s*{MONTH}\s+(\d{{4}})\b"
    ))
    .unwrap()
});
/// Words before a range, in its sentence, that make it a plan: "our first full report
/// will cover April 2024 to March 2025", "the next plan runs from …".
static FORWARD_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(will|shall|next|future|forthcoming|looking ahead|plans? for|priorities for)\b",
    )
    .unwrap()
});
/// A range right after the word "report" is the report's own: "Interim report
/// September 2023 to March 2024", "First Report, October 2019 to March 2021".
static AFTER_REPORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\breport\s*(?:for|on|of)?\s*[,:–—-]?\s*$").unwrap());
static YEAR_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:performance|reporting|financial|business|the)\s+year\s+(?:to|ending(?:\s+on)?|ended)\s+(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\s+(\d{{4}})\b"
    ))
    .unwrap()
});
static SPLIT_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(20\d\d)\s*[-/–]\s*(20\d\d|\d\d)\b").unwrap());
static ABOUT_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(this|the|our|annual) (annual )?report\b|\bcover(s|ing)?\b|\breporting (period|year)\b|\bperiod\b").unwrap()
});

pub(super) fn month(name: &str) -> u8 {
    MONTHS
        .iter()
        .position(|m| *m == name)
        .map_or(1, |i| i as u8 + 1)
}

pub(super) fn date(y: &str, m: &str, d: &str) -> Option<Date> {
    Date::parse(&format!(
        "{:0>4}-{:02}-{:02}",
        y,
        month(m),
        d.parse::<u8>().ok()?
    ))
    .ok()
}

pub(super) fn month_end(year: i32, m: u8) -> Date {
    Date {
        year,
        month: m,
        day: days_in_month(year, m),
    }
}

fn next_day(d: Date) -> Date {
    if d.day < days_in_month(d.year, d.month) {
        Date {
            day: d.day + 1,
            ..d
        }
    } else if d.month < 12 {
        Date {
            month: d.month + 1,
            day: 1,
            ..d
        }
    } else {
        Date {
            year: d.year + 1,
            month: 1,
            day: 1,
        }
    }
}

/// A candidate period: how strong its wording is, how often it is found, whether a
/// sentence about the report's own period says it, and the first place.
struct Candidate {
    confidence: Confidence,
    count: usize,
    about: bool,
    /// The index of the text it was first found in: title, headings, then blocks.
    order: usize,
    span: Span,
    words: String,
}

pub(super) fn period(e: &Extracted, texts: &[Text], o: &Overrides) -> Option<Known<Period>> {
    if let Some(p) = o.period {
        return Some(Known::given(p));
    }
    let mut found = Candidates::default();
    let title = e
        .title
        .iter()
        .map(|t| (t.as_str(), e.sections.first().map(|s| s.span.clone())));
    let blocks = texts
        .iter()
        .map(|t| (t.text.as_str(), Some(t.block.span.clone())));
    // Headings too: "Annual Report 2022/23 (1 April 2022 to 31 March 2023)".
    let headings = e
        .sections
        .iter()
        .map(|s| (s.title.as_str(), Some(s.span.clone())));
    for (i, (text, span)) in title.chain(headings).chain(blocks).enumerate() {
        let Some(span) = span else { continue };
        let is_title = i == 0 && e.title.is_some();
        let mut add = |start: Date, end: Date, confidence: Confidence, at: Range<usize>| {
            let (before, sentence) = sentence_around(text, &at);
            if confidence > Confidence::Low && FORWARD_RANGE.is_match(before) {
                return;
            }
            let about =
                is_title || ABOUT_PERIOD.is_match(sentence) || AFTER_REPORT.is_match(before);
            found.add((start, end), confidence, &text[at], about, &span, i);
        };
        date_ranges(text, &mut add);
        whole_months(text, &mut add);
        year_labels(text, &mut add);
    }
    found.best()
}

/// The sentence around the words at `at`: the part before them, and the whole. A
/// sentence ends at a full stop, question or exclamation mark before a space, or at a
/// blank line (a line break alone is a wrapped line of extracted text).
fn sentence_around<'t>(text: &'t str, at: &Range<usize>) -> (&'t str, &'t str) {
    let ends = |w: &[u8]| matches!(w, [b'.' | b'!' | b'?', b' ' | b'\n'] | [b'\n', b'\n']);
    let bytes = text.as_bytes();
    let start = (1..at.start.min(bytes.len()))
        .rev()
        .find(|&i| ends(&bytes[i - 1..=i]))
        .map_or(0, |i| i + 1);
    let end = (at.end..bytes.len().saturating_sub(1))
        .find(|&i| ends(&bytes[i..=i + 1]))
        .map_or(text.len(), |i| i + 1);
    (&text[start..at.start], &text[start..end])
}

/// Adds a candidate period: its first and last day, how strong its wording is, and
/// where its words are.
type Add<'a> = dyn FnMut(Date, Date, Confidence, Range<usize>) + 'a;

/// Ranges of days: "1 April 2021 to 31 March 2022", "1 January to 31 December 2022".
fn date_ranges(text: &str, add: &mut Add) {
    for c in FULL_RANGE.captures_iter(text) {
        if let (Some(start), Some(end)) = (date(&c[3], &c[2], &c[1]), date(&c[6], &c[5], &c[4])) {
            add(start, end, Confidence::High, c.get(0).unwrap().range());
        }
    }
    for c in ONE_YEAR_RANGE.captures_iter(text) {
        let Ok(year) = c[5].parse::<i32>() else {
            continue;
        };
        // "1 September to 31 March 2026" began the year before.
        let start_year = if month(&c[2]) > month(&c[4]) {
            year - 1
        } else {
            year
        };
        let (Some(start), Some(end)) = (
            date(&start_year.to_string(), &c[2], &c[1]),
            date(&c[5], &c[4], &c[3]),
        ) else {
            continue;
        };
        add(start, end, Confidence::High, c.get(0).unwrap().range());
    }
}

/// Whole months: "April to September 2025", "from April 2019 to August 2020", "the
/// year to 31 March 2022".
fn whole_months(text: &str, add: &mut Add) {
    for c in MONTHS_OF_YEAR.captures_iter(text) {
        let Ok(year) = c[3].parse::<i32>() else {
            continue;
        };
        let (m1, m2) = (month(&c[1]), month(&c[2]));
        let start = Date {
            year: if m1 > m2 { year - 1 } else { year },
            month: m1,
            day: 1,
        };
        add(
            start,
            month_end(year, m2),
            Confidence::Medium,
            c.get(0).unwrap().range(),
        );
    }
    for c in MONTH_RANGE.captures_iter(text) {
        // "between April 2019 and …" or "(from) April 2019 to …".
        let (m1, y1) = match (c.get(1), c.get(2)) {
            (Some(m), Some(y)) => (m.as_str(), y.as_str()),
            _ => (&c[3], &c[4]),
        };
        let (Ok(y1), Ok(y2)) = (y1.parse::<i32>(), c[6].parse::<i32>()) else {
            continue;
        };
        let start = Date {
            year: y1,
            month: month(m1),
            day: 1,
        };
        add(
            start,
            month_end(y2, month(&c[5])),
            Confidence::Medium,
            c.get(0).unwrap().range(),
        );
    }
    for c in YEAR_TO.captures_iter(text) {
        if let Some(end) = date(&c[3], &c[2], &c[1]) {
            let start = if end.month == 2 && end.day == 29 {
                Date {
                    year: end.year - 1,
                    month: 3,
                    day: 1,
                }
            } else {
                next_day(Date {
                    year: end.year - 1,
                    ..end
                })
            };
            add(start, end, Confidence::Medium, c.get(0).unwrap().range());
        }
    }
}

/// Year labels, "2021-22", read as April to March, unless forward-looking words come
/// before them.
fn year_labels(text: &str, add: &mut Add) {
    for c in SPLIT_YEAR.captures_iter(text) {
        let (Ok(y1), Ok(y2)) = (c[1].parse::<i32>(), c[2].parse::<i32>()) else {
            continue;
        };
        let before = &text[..c.get(0).map_or(0, |m| m.start())];
        let from = before.char_indices().rev().nth(39).map_or(0, |(i, _)| i);
        if FORWARD.is_match(&before[from..]) {
            continue;
        }
        let y2 = if y2 < 100 { y1 / 100 * 100 + y2 } else { y2 };
        if y2 == y1 + 1 {
            let start = Date {
                year: y1,
                month: 4,
                day: 1,
            };
            add(
                start,
                Date {
                    year: y2,
                    month: 3,
                    day: 31,
                },
                Confidence::Low,
                c.get(0).unwrap().range(),
            );
        }
    }
}

/// The candidate periods found so far, by their first and last day.
#[derive(Default)]
struct Candidates(BTreeMap<(Date, Date), Candidate>);

impl Candidates {
    fn add(
        &mut self,
        (start, end): (Date, Date),
        confidence: Confidence,
        words: &str,
        about: bool,
        span: &Span,
        order: usize,
    ) {
        if end <= start {
            return;
        }
        let c = self.0.entry((start, end)).or_insert(Candidate {
            confidence,
            count: 0,
            about,
            order,
            span: span.clone(),
            words: words.to_string(),
        });
        c.count += 1;
        // The words shown are the plainest statement of the period found.
        if confidence > c.confidence {
            c.words = words.to_string();
            c.span = span.clone();
        }
        c.confidence = c.confidence.max(confidence);
        c.about |= about;
    }

    fn best(self) -> Option<Known<Period>> {
        // A period stated in words beats a year written "2021-22"; one said of the report
        // beats one said of something else; then the most often said; then the one
        // said first (a report states its period before the months within it).
        let ((start, end), c) = self.0.into_iter().max_by_key(|(_, c)| {
            (
                c.about && c.confidence > Confidence::Low,
                c.confidence,
                c.count,
                std::cmp::Reverse(c.order),
            )
        })?;
        let confidence = match c.confidence {
            Confidence::High if c.about || c.count >= 2 => Confidence::High,
            Confidence::High => Confidence::Medium,
            other if c.about && c.count >= 3 => other.max(Confidence::Medium),
            other => other,
        };
        Some(Known::inferred(
            Period { start, end },
            c.span,
            confidence,
            format!(
                "“{}” ({} time{})",
                c.words,
                c.count,
                if c.count == 1 { "" } else { "s" }
            ),
        ))
    }
}
