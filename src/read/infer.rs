//! What a project states in `report.yaml`, found in a report's own words: the
//! partnership, the period the report covers and so the edition of Working Together
//! it answers to, the safeguarding partners, the funding tables and each statutory
//! partner's contribution, the independent scrutineer's section, the priorities and
//! their progress, the case reviews and their recommendations.
//!
//! Every inference says how sure it is and where it was found; the user can say
//! otherwise on the command line (`--period`, `--partnership`, `--guidance`), and
//! what they say wins. The facts are kept apart from the [`Document`] so that a reader
//! can fill the document's fields from them whatever shape those fields take.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use schemars::JsonSchema;
use serde::Serialize;

use super::Extracted;
use crate::assemble::{Block, BlockKind, Meta};
use crate::diagnostic::{Sources, Span};
use crate::model::{Date, Guidance, MONTHS, Progress, ReviewKind, days_in_month};

/// How sure an inference is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Guessed from weak signs: a year written "2021-22", a heading's wording.
    Low,
    /// Found once, or in words that could mean something else.
    Medium,
    /// Stated plainly, more than once or in the words the guidance uses.
    High,
    /// Given on the command line.
    Given,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
            Confidence::Given => "given",
        }
    }
}

/// A fact inferred from the text, how sure it is and where it was found.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Inferred<T> {
    pub value: T,
    pub confidence: Confidence,
    /// The words it was inferred from.
    pub from: String,
    /// Where those words are (`report.docx: paragraph 12 (section "Foreword")`); the
    /// command line for a given fact.
    pub place: String,
    #[serde(skip)]
    pub span: Option<Span>,
}

/// The reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

impl Period {
    /// "1 April 2021 to 31 March 2022".
    pub fn long(&self) -> String {
        format!("{} to {}", self.start.long(), self.end.long())
    }
}

/// What the user says on the command line, over what is inferred.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub period: Option<Period>,
    pub partnership: Option<String>,
    pub guidance: Option<Guidance>,
}

impl Overrides {
    /// Parses `--period 2021-04-01..2022-03-31`.
    pub fn parse_period(text: &str) -> Result<Period, String> {
        let (a, b) = text.split_once("..").ok_or_else(|| {
            format!("`{text}` is not a period: write it as START..END, for example 2021-04-01..2022-03-31")
        })?;
        let (start, end) = (Date::parse(a)?, Date::parse(b)?);
        if end < start {
            return Err(format!("the period {text} ends before it starts"));
        }
        Ok(Period { start, end })
    }
}

/// Which statutory safeguarding partner an organisation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PartnerKind {
    LocalAuthority,
    Police,
    /// The clinical commissioning group (to June 2022) or the integrated care board.
    Health,
}

impl PartnerKind {
    pub const ALL: [PartnerKind; 3] = [
        PartnerKind::LocalAuthority,
        PartnerKind::Police,
        PartnerKind::Health,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PartnerKind::LocalAuthority => "local authority",
            PartnerKind::Police => "police",
            PartnerKind::Health => "CCG or ICB",
        }
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Partner {
    pub name: String,
    pub kind: PartnerKind,
}

/// A table with money in it, and which statutory partners' contributions it shows.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Funding {
    /// The section the table is in.
    pub section: String,
    /// The columns that hold money.
    pub money_columns: Vec<String>,
    /// Each statutory partner and whether a row of the table is its contribution.
    pub contributions: BTreeMap<PartnerKind, bool>,
    pub place: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Priority {
    pub name: String,
    /// The progress the report states, when it states one in words this reader knows.
    pub progress: Option<Progress>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Review {
    pub kind: ReviewKind,
    pub name: String,
    /// Recommendations listed where the review is described.
    pub recommendations: usize,
    /// Whether actions in response are described there.
    pub actions: bool,
}

/// Everything inferred from a report's text.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Facts {
    pub partnership: Option<Inferred<String>>,
    pub short_name: Option<Inferred<String>>,
    pub period: Option<Inferred<Period>>,
    /// The edition of Working Together, from the period's end (or given).
    pub guidance: Inferred<Guidance>,
    pub partners: Vec<Inferred<Partner>>,
    pub funding: Vec<Funding>,
    /// The section holding the independent scrutineer's evaluation.
    pub scrutiny: Option<Inferred<String>>,
    pub priorities: Vec<Inferred<Priority>>,
    pub reviews: Vec<Inferred<Review>>,
    /// Where the report says it is published, and when it and the copy to the
    /// national panel went out.
    pub publication: Option<Inferred<Publication>>,
}

#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct Publication {
    /// A web address, or "the partnership's website" when no address is given.
    pub website: Option<String>,
    pub published: Option<Date>,
    /// When a copy was sent to the Child Safeguarding Practice Review Panel.
    pub copy_to_panel: Option<Date>,
    /// The report says a copy goes to the Panel within seven days, without dates.
    pub copy_within_seven_days: bool,
}

/// A block's own text with its section, in reading order.
struct Text<'a> {
    section: usize,
    block: &'a Block,
    text: String,
}

fn texts(sections: &[crate::assemble::Section]) -> Vec<Text<'_>> {
    let mut out = Vec::new();
    for (i, s) in sections.iter().enumerate() {
        for b in &s.blocks {
            b.walk(&mut |b| {
                let text = b.text();
                if !text.trim().is_empty() {
                    out.push(Text {
                        section: i,
                        block: b,
                        text,
                    });
                }
            });
        }
    }
    out
}

fn place(sources: &Sources, span: &Span) -> String {
    sources.place(&span.file, span.range.start)
}

/// Infers the facts from what a reader extracted; `overrides` win.
pub fn infer(e: &Extracted, overrides: &Overrides) -> Facts {
    let texts = texts(&e.sections);
    let (partnership, short_name) = partnership(e, &texts, overrides);
    let period = period(e, &texts, overrides);
    let guidance = match (overrides.guidance, &period) {
        (Some(g), _) => given(g, "--guidance"),
        (None, Some(p)) => Inferred {
            value: Guidance::for_period_end(p.value.end),
            confidence: p.confidence,
            from: format!("the period ends {}", p.value.end.long()),
            place: p.place.clone(),
            span: None,
        },
        (None, None) => Inferred {
            value: Guidance::Wt2023,
            confidence: Confidence::Low,
            from: "no period found: the edition in force now".to_string(),
            place: String::new(),
            span: None,
        },
    };
    Facts {
        partnership,
        short_name,
        period,
        guidance,
        partners: partners(e, &texts),
        funding: funding(e, &texts),
        scrutiny: scrutiny(e, &texts),
        priorities: structured_priorities(e).unwrap_or_else(|| priorities(e, &texts)),
        reviews: reviews(e, &texts),
        publication: publication(&e.sources, &texts),
    }
}

fn given<T>(value: T, flag: &str) -> Inferred<T> {
    Inferred {
        value,
        confidence: Confidence::Given,
        from: format!("given with {flag}"),
        place: "the command line".to_string(),
        span: None,
    }
}

static NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:[A-Z][\w'’.-]*\s+(?:(?:and|&|of|upon|on)\s+)?){1,4})Safeguarding\s+(Children(?:['’]s)?\s+(?:Partnership|Board)|Partnership(?:\s+for\s+Children)?)\b").unwrap()
});
const NOT_PLACES: &[&str] = &[
    "The",
    "This",
    "Our",
    "Annual",
    "Report",
    "Local",
    "A",
    "Each",
    "Every",
    "Multi-agency",
    "Multi-Agency",
    "New",
    "Independent",
    "Chair",
    "Of",
    "And",
    "Welcome",
    "In",
    "As",
    "Within",
    "Across",
];

fn partnership(
    e: &Extracted,
    texts: &[Text],
    o: &Overrides,
) -> (Option<Inferred<String>>, Option<Inferred<String>>) {
    let mut counts: BTreeMap<String, (usize, Span, String)> = BTreeMap::new();
    let mut all = texts
        .iter()
        .map(|t| (t.text.as_str(), &t.block.span))
        .collect::<Vec<_>>();
    let title_span;
    if let Some(title) = &e.title {
        title_span = e.sections.first().map(|s| s.span.clone());
        if let Some(span) = &title_span {
            all.insert(0, (title.as_str(), span));
        }
    }
    for (text, span) in &all {
        for c in NAME.captures_iter(text) {
            let words: Vec<&str> = c[1]
                .split_whitespace()
                .skip_while(|w| NOT_PLACES.contains(w))
                .collect();
            if words.is_empty() || NOT_PLACES.contains(words.last().unwrap_or(&"")) {
                continue;
            }
            let kind = c[2]
                .replace(['\'', '’'], "")
                .replace("Childrens", "Children");
            let name = format!("{} Safeguarding {}", words.join(" "), kind);
            let entry = counts
                .entry(name)
                .or_insert((0, (*span).clone(), c[0].to_string()));
            entry.0 += 1;
        }
    }
    let best = counts.into_iter().max_by_key(|(_, (n, _, _))| *n);
    let partnership = match (&o.partnership, best) {
        (Some(name), _) => Some(given(name.clone(), "--partnership")),
        (None, Some((name, (n, span, from)))) => Some(Inferred {
            value: name,
            confidence: if n >= 3 {
                Confidence::High
            } else {
                Confidence::Medium
            },
            from: format!("{from} ({n} time{})", if n == 1 { "" } else { "s" }),
            place: place(&e.sources, &span),
            span: Some(span),
        }),
        (None, None) => None,
    };
    let short = partnership
        .as_ref()
        .and_then(|p| short_name(&p.value, texts, &e.sources));
    (partnership, short)
}

/// The partnership's initials, when the text uses them.
fn short_name(name: &str, texts: &[Text], sources: &Sources) -> Option<Inferred<String>> {
    let initials: String = name
        .split_whitespace()
        .filter(|w| !["and", "of", "&", "for", "upon", "on"].contains(w))
        .filter_map(|w| w.chars().next())
        .collect();
    let word = Regex::new(&format!(r"\b{}\b", regex::escape(&initials))).ok()?;
    let found: Vec<&Text> = texts.iter().filter(|t| word.is_match(&t.text)).collect();
    let first = found.first()?;
    Some(Inferred {
        value: initials.clone(),
        confidence: if found.len() >= 3 {
            Confidence::High
        } else {
            Confidence::Medium
        },
        from: format!("{initials} used in {} blocks", found.len()),
        place: place(sources, &first.block.span),
        span: Some(first.block.span.clone()),
    })
}

const MONTH: &str =
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
static MONTH_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:between|from)\s+{MONTH}\s+(\d{{4}})\s+(?:and|to|until)\s+{MONTH}\s+(\d{{4}})\b"
    ))
    .unwrap()
});
static YEAR_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:performance|reporting|financial|business|the)\s+year\s+(?:to|ending(?:\s+on)?|ended)\s+(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\s+(\d{{4}})\b"
    ))
    .unwrap()
});
static SPLIT_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(20\d\d)\s*[-/–]\s*(20\d\d|\d\d)\b").unwrap());
static ABOUT_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(this|the|our|annual) (annual )?report\b|\bcovers?\b|\breporting (period|year)\b|\bperiod\b").unwrap()
});

fn month(name: &str) -> u8 {
    MONTHS
        .iter()
        .position(|m| *m == name)
        .map_or(1, |i| i as u8 + 1)
}

fn date(y: &str, m: &str, d: &str) -> Option<Date> {
    Date::parse(&format!(
        "{:0>4}-{:02}-{:02}",
        y,
        month(m),
        d.parse::<u8>().ok()?
    ))
    .ok()
}

fn month_end(year: i32, m: u8) -> Date {
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
    span: Span,
    words: String,
}

fn period(e: &Extracted, texts: &[Text], o: &Overrides) -> Option<Inferred<Period>> {
    if let Some(p) = o.period {
        return Some(given(p, "--period"));
    }
    let mut found: BTreeMap<(Date, Date), Candidate> = BTreeMap::new();
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
        let about = ABOUT_PERIOD.is_match(text) || (i == 0 && e.title.is_some());
        let mut add = |start: Date, end: Date, confidence: Confidence, words: &str| {
            if end <= start {
                return;
            }
            let c = found.entry((start, end)).or_insert(Candidate {
                confidence,
                count: 0,
                about,
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
        };
        for c in FULL_RANGE.captures_iter(text) {
            if let (Some(start), Some(end)) = (date(&c[3], &c[2], &c[1]), date(&c[6], &c[5], &c[4]))
            {
                add(start, end, Confidence::High, &c[0]);
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
            add(start, end, Confidence::High, &c[0]);
        }
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
            add(start, month_end(year, m2), Confidence::Medium, &c[0]);
        }
        for c in MONTH_RANGE.captures_iter(text) {
            let (Ok(y1), Ok(y2)) = (c[2].parse::<i32>(), c[4].parse::<i32>()) else {
                continue;
            };
            let start = Date {
                year: y1,
                month: month(&c[1]),
                day: 1,
            };
            add(
                start,
                month_end(y2, month(&c[3])),
                Confidence::Medium,
                &c[0],
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
                add(start, end, Confidence::Medium, &c[0]);
            }
        }
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
                    &c[0],
                );
            }
        }
    }
    // A period stated in words beats a year written "2021-22"; one said of the report
    // beats one said of something else; then the most often said.
    let ((start, end), c) = found.into_iter().max_by_key(|(_, c)| {
        (
            c.about && c.confidence > Confidence::Low,
            c.confidence,
            c.count,
        )
    })?;
    let confidence = match c.confidence {
        Confidence::High if c.about || c.count >= 2 => Confidence::High,
        Confidence::High => Confidence::Medium,
        other if c.about && c.count >= 3 => other.max(Confidence::Medium),
        other => other,
    };
    Some(Inferred {
        value: Period { start, end },
        confidence,
        from: format!(
            "“{}” ({} time{})",
            c.words,
            c.count,
            if c.count == 1 { "" } else { "s" }
        ),
        place: place(&e.sources, &c.span),
        span: Some(c.span),
    })
}

static LOCAL_AUTHORITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:[A-Z][\w'’-]+\s+(?:and\s+|&\s+)?){1,3}(?:County\s+|City\s+|Borough\s+|District\s+|Metropolitan\s+Borough\s+)?Council)\b").unwrap()
});
static POLICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:[A-Z][\w'’-]+\s+(?:and\s+|&\s+)?){1,3}(?:Police|Constabulary))\b").unwrap()
});
static HEALTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:NHS\s+)?(?:[A-Z][\w'’-]+\s+(?:and\s+|&\s+)?){1,4}(?:Clinical\s+Commissioning\s+Group|CCG|Integrated\s+Care\s+Board|ICB))\b").unwrap()
});
const NOT_NAMES: &[&str] = &[
    "The",
    "This",
    "Our",
    "Each",
    "Both",
    "All",
    "A",
    "Local",
    "Chief",
    "Officer",
    "Lead",
    "Delegated",
    "Safeguarding",
    "Partner",
    "Partners",
    "Statutory",
    "Three",
    "Key",
    "Accountable",
    "Independent",
    "Chair",
    "Of",
    "Each",
];

fn partners(e: &Extracted, texts: &[Text]) -> Vec<Inferred<Partner>> {
    let mut out = Vec::new();
    for (kind, pattern) in [
        (PartnerKind::LocalAuthority, &*LOCAL_AUTHORITY),
        (PartnerKind::Police, &*POLICE),
        (PartnerKind::Health, &*HEALTH),
    ] {
        let mut counts: BTreeMap<String, (usize, Span)> = BTreeMap::new();
        for t in texts {
            for c in pattern.captures_iter(&t.text) {
                let words: Vec<&str> = c[1]
                    .split_whitespace()
                    .skip_while(|w| NOT_NAMES.contains(w))
                    .collect();
                // A name needs a place: "West Mercia Police", not "Police" alone.
                if words.len() < 2 {
                    continue;
                }
                let entry = counts
                    .entry(words.join(" "))
                    .or_insert((0, t.block.span.clone()));
                entry.0 += 1;
            }
        }
        if let Some((name, (n, span))) = counts.into_iter().max_by_key(|(_, (n, _))| *n) {
            out.push(Inferred {
                value: Partner {
                    name: name.clone(),
                    kind,
                },
                confidence: if n >= 3 {
                    Confidence::High
                } else {
                    Confidence::Medium
                },
                from: format!("{name} ({n} time{})", if n == 1 { "" } else { "s" }),
                place: place(&e.sources, &span),
                span: Some(span),
            });
        }
    }
    out
}

static MONEY_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)£|\bgbp\b|contribution|budget|funding|income|expenditure|amount|cost|spend")
        .unwrap()
});
static LA_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bcouncil\b|local authority|\bLA\b|children['’]?s (services|wellbeing|social care|social work)|children (and|&) families|adults? (services|wellbeing)").unwrap()
});
static POLICE_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bpolice\b|constabulary|\bOPCC\b|police and crime commissioner").unwrap()
});
static HEALTH_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bccg\b|\bicb\b|clinical commissioning|integrated care board|\bnhs\b|\bhealth\b",
    )
    .unwrap()
});

/// Whether a table row's label stands for a statutory partner of this kind.
pub fn row_is(kind: PartnerKind, label: &str) -> bool {
    match kind {
        PartnerKind::LocalAuthority => LA_ROW.is_match(label),
        PartnerKind::Police => POLICE_ROW.is_match(label),
        PartnerKind::Health => HEALTH_ROW.is_match(label),
    }
}

fn funding(e: &Extracted, texts: &[Text]) -> Vec<Funding> {
    let mut out = Vec::new();
    for t in texts {
        let BlockKind::Table(table) = &t.block.kind else {
            continue;
        };
        let money: Vec<usize> = table
            .columns
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                c.numeric
                    && (MONEY_TITLE.is_match(&c.title)
                        || table
                            .rows
                            .iter()
                            .any(|r| r.get(*i).is_some_and(|v| v.contains('£'))))
                    && !c.title.contains('%')
            })
            .map(|(i, _)| i)
            .collect();
        if money.is_empty() {
            continue;
        }
        let contributions = PartnerKind::ALL
            .iter()
            .map(|kind| {
                let pattern = match kind {
                    PartnerKind::LocalAuthority => &*LA_ROW,
                    PartnerKind::Police => &*POLICE_ROW,
                    PartnerKind::Health => &*HEALTH_ROW,
                };
                let shown = table.rows.iter().any(|r| {
                    r.first().is_some_and(|c| pattern.is_match(c))
                        && money
                            .iter()
                            .any(|&i| r.get(i).is_some_and(|v| !v.trim().is_empty()))
                });
                (*kind, shown)
            })
            .collect();
        out.push(Funding {
            section: e.sections[t.section].heading(),
            money_columns: money
                .iter()
                .map(|&i| table.columns[i].title.clone())
                .collect(),
            contributions,
            place: place(&e.sources, &t.block.span),
        });
    }
    out
}

static PUBLISHED_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:published|available|can be found)(?:\s+on\s+\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+\s+\d{4})?\s+(?:at|on|from)\s+(?:(https?://[^\s)>\]]+|www\.[^\s)>\]]+)|(?:our|the)\s+(?:[\w’']+\s+){0,3}(?:website|web ?site|web ?pages?))").unwrap()
});
static REPORT_ITSELF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(this|the|our)\s+(annual\s+|yearly\s+)?report\b").unwrap());
/// A sentence that starts "Published", as a cover's line does.
static COVER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[.!?:]\s+)Published\s+(?:(?:at|on)\b|\d{1,2}\s|[A-Z][a-z]+\s+\d{4}\b)")
        .unwrap()
});
static PUBLISHED_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b[Pp]ublished\s+(?:on\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\s+(\d{{4}})\b"
    ))
    .unwrap()
});
/// "A copy is sent to the Child Safeguarding Practice Review Panel and the What Works
/// Centre within seven days of publication."
static COPY_WITHIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bcop(?:y|ies)\b[^.]*?\b(?:sent|submitted|provided|shared|given|goes|go)\b[^.]*?\b(?:panel|what works centre|department for education|dfe)\b[^.]*?\bwithin\s+(?:seven|7)\s+(?:working\s+)?days\b")
        .unwrap()
});
/// "published on our website by 30 September 2025", "in September 2026".
static PUBLISHED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b[Pp]ublished\b(?:[^.]{{0,60}}?\b(?:by|on|in)\s+|\s+)(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+)?{MONTH}\s+(\d{{4}})\b"
    ))
    .unwrap()
});
/// "Our published arrangements, agreed in November 2024": another document that is
/// published, not the report's publication.
static PUBLISHED_THING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bpublished\s+(?:safeguarding\s+)?(?:arrangements|plans?|strateg(?:y|ies)|guidance|polic(?:y|ies)|procedures|documents?|briefings?|reviews?)\b").unwrap()
});
static COPY_TO_PANEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b[Cc]op(?:y|ies)\b(?i:[^.]*?\b(?:sent|submitted|provided|shared|given)\b[^.]*?\bpanel\b[^.]*?\bon)\s+(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\s+(\d{{4}})\b"
    ))
    .unwrap()
});

/// Where and when the report says it is published, and when the copy went to the
/// national panel: "Published at https://…", "published on 30 September 2022", "a
/// copy was sent to the Child Safeguarding Practice Review Panel on 3 October 2022".
fn publication(sources: &Sources, texts: &[Text]) -> Option<Inferred<Publication>> {
    let mut found = Publication::default();
    let mut first: Option<&Span> = None;
    for t in texts {
        let mut hit = false;
        // About the report itself ("This report is published on our website"), or a
        // cover's line ("Published at https://…"); not "learning briefings are
        // published on the partnership's webpages" nor "the review was published on
        // 21 February 2022".
        let about_report = REPORT_ITSELF.is_match(&t.text) || COVER_LINE.is_match(&t.text);
        if found.website.is_none()
            && about_report
            && let Some(c) = PUBLISHED_AT.captures(&t.text)
        {
            found.website = Some(c.get(1).map_or_else(
                || "the partnership's website".to_string(),
                |url| url.as_str().trim_end_matches(['.', ',', ';']).to_string(),
            ));
            hit = true;
        }
        if found.published.is_none()
            && about_report
            && let Some(c) = PUBLISHED_ON.captures(&t.text)
        {
            found.published = date(&c[3], &c[2], &c[1]);
            hit |= found.published.is_some();
        }
        if found.published.is_none()
            && about_report
            && !t.text.contains(" will ")
            && !PUBLISHED_THING.is_match(&t.text)
            && let Some(c) = PUBLISHED_BY.captures(&t.text)
        {
            found.published = match c.get(1) {
                Some(day) => date(&c[3], &c[2], day.as_str()),
                // "in September 2026": by the end of that month.
                None => c[3].parse().ok().map(|year| month_end(year, month(&c[2]))),
            };
            hit |= found.published.is_some();
        }
        if !found.copy_within_seven_days && COPY_WITHIN.is_match(&t.text) {
            found.copy_within_seven_days = true;
            hit = true;
        }
        if found.copy_to_panel.is_none()
            && let Some(c) = COPY_TO_PANEL.captures(&t.text)
        {
            found.copy_to_panel = date(&c[3], &c[2], &c[1]);
            hit |= found.copy_to_panel.is_some();
        }
        if hit && first.is_none() {
            first = Some(&t.block.span);
        }
    }
    let span = first?;
    Some(Inferred {
        value: found,
        confidence: Confidence::Medium,
        from: "the report's own words about where and when it is published".to_string(),
        place: place(sources, span),
        span: Some(span.clone()),
    })
}

static SCRUTINY_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)scrutin|independent (chair|scrutineer|evaluation|review of)|evaluation of (the )?effectiveness").unwrap()
});
static SCRUTINEER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)independent (scrutineer|scrutiny|chair)").unwrap());

fn scrutiny(e: &Extracted, texts: &[Text]) -> Option<Inferred<String>> {
    let mut best: Option<(Confidence, usize)> = None;
    for (i, s) in e.sections.iter().enumerate() {
        if !SCRUTINY_TITLE.is_match(&s.title) {
            continue;
        }
        let names = SCRUTINEER.is_match(&s.title)
            || texts
                .iter()
                .filter(|t| t.section == i)
                .any(|t| SCRUTINEER.is_match(&t.text));
        let c = if names {
            Confidence::High
        } else {
            Confidence::Low
        };
        if best.is_none_or(|(b, _)| c > b) {
            best = Some((c, i));
        }
    }
    let (confidence, i) = best?;
    let s = &e.sections[i];
    Some(Inferred {
        value: s.heading(),
        confidence,
        from: if confidence == Confidence::High {
            format!(
                "the section \"{}\" names the independent scrutineer",
                s.heading()
            )
        } else {
            format!("the section's title, \"{}\"", s.heading())
        },
        place: place(&e.sources, &s.span),
        span: Some(s.span.clone()),
    })
}

static PRIORITY_INTRO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bpriorit(y|ies)\b").unwrap());
static PROGRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(achieved|completed|fully met|good progress|significant progress|some progress|partially|partly|limited progress|little progress|slower than|stalled|no progress|not (yet )?(started|achieved|met)|delayed|on track|ongoing)\b").unwrap()
});

fn progress_of(words: &str) -> Progress {
    let w = words.to_lowercase();
    if w.contains("no progress") || w.contains("not started") || w.contains("not yet started") {
        Progress::None
    } else if [
        "limited",
        "little",
        "slower",
        "stalled",
        "delayed",
        "not achieved",
        "not met",
        "not yet",
    ]
    .iter()
    .any(|x| w.contains(x))
    {
        Progress::Little
    } else if ["some progress", "partial", "partly", "ongoing", "on track"]
        .iter()
        .any(|x| w.contains(x))
    {
        Progress::Some
    } else {
        Progress::Good
    }
}

/// Priorities: the items of a list introduced by words about priorities, in the
/// first half of the report (later lists are usually next year's).
fn priorities(e: &Extracted, texts: &[Text]) -> Vec<Inferred<Priority>> {
    let mut out = Vec::new();
    for s in &e.sections {
        let mut intro = PRIORITY_INTRO.is_match(&s.title);
        for b in &s.blocks {
            match &b.kind {
                BlockKind::List { items, .. } if intro => {
                    for item in items {
                        let Some(first) = item.first() else { continue };
                        let name = first.text();
                        let name = name
                            .trim()
                            .trim_end_matches([',', '.', ';'])
                            .trim_end_matches(" and");
                        if name.split_whitespace().count() < 2 || name.len() > 200 {
                            continue;
                        }
                        let key: Vec<String> = name
                            .split(|c: char| !c.is_alphanumeric())
                            .filter(|w| w.len() > 4)
                            .map(str::to_lowercase)
                            .take(3)
                            .collect();
                        // Progress is stated where the priority's own words come back
                        // with words about how far it got.
                        let said = texts.iter().find(|t| {
                            let l = t.text.to_lowercase();
                            !std::ptr::eq(t.block, first)
                                && !key.is_empty()
                                && key.iter().all(|k| l.contains(k.as_str()))
                                && PROGRESS.is_match(&t.text)
                        });
                        let progress = said
                            .and_then(|t| PROGRESS.find(&t.text))
                            .map(|m| progress_of(m.as_str()));
                        out.push(Inferred {
                            value: Priority {
                                name: name.to_string(),
                                progress,
                            },
                            confidence: if PRIORITY_INTRO.is_match(&s.title) {
                                Confidence::High
                            } else {
                                Confidence::Medium
                            },
                            from: format!("a list introduced as priorities in \"{}\"", s.heading()),
                            place: place(&e.sources, &first.span),
                            span: Some(first.span.clone()),
                        });
                    }
                    intro = false;
                }
                _ => {
                    let text = b.text();
                    if !text.trim().is_empty() {
                        intro = PRIORITY_INTRO.is_match(&text)
                            && !text.to_lowercase().contains("next year");
                    }
                }
            }
        }
        if !out.is_empty() {
            break;
        }
    }
    out
}

static REVIEW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(rapid reviews?|local child safeguarding practice reviews?|child safeguarding practice reviews?|l?cspr|serious case reviews?|scr|national (panel )?reviews?)\b").unwrap()
});
static NAMED_REVIEW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(CSPR|LCSPR|SCR|Rapid Review|(?:Child|Local Child) Safeguarding Practice Review|Serious Case Review)\s*(?:\(\w+\)\s*)?(?:for|into|of|regarding|concerning|about|[-–:])?\s*[‘'“\x22]?((?:Child|Baby|Sibling)\s+[A-Z]\w*|Family\s+[A-Z]\w*|[A-Z][a-z]+(?:-[a-z]+-[A-Z][a-z]+)?(?:\s+and\s+[A-Z][a-z]+)?)\b").unwrap()
});
static RECOMMENDATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\brecommendations?\b|\blearning (points|themes)\b").unwrap());
static ACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\baction plans?\b|\bactions?\b|\bin response\b|\bimplemented\b").unwrap()
});
/// A table column of what improved: "Impact", "Improvement", "Difference made".
static IMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bimpact\b|\bimprovements?\b|\bdifference\b|\boutcomes?\b").unwrap()
});
/// A cell that records nothing: "None", "Not yet evidenced", "N/A", "TBC", a dash.
static NOTHING_RECORDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(none\b|not yet\b|n/?a\b|tbc\b|to be confirmed\b|[-–—]\s*$|$)").unwrap()
});
const NOT_REVIEW_NAMES: &[&str] = &[
    "The",
    "Group",
    "Panel",
    "Process",
    "Processes",
    "Group",
    "Report",
    "Reports",
    "Meeting",
    "Meetings",
    "Sub",
    "Subgroup",
    "Action",
    "Learning",
    "Recommendations",
    "Framework",
    "Guidance",
    "Notifications",
    "Referrals",
    "This",
    "In",
    "And",
    "Was",
    "Were",
    "Is",
    "Has",
    "Had",
];

fn kind_of(words: &str) -> ReviewKind {
    let w = words.to_lowercase();
    if w.contains("rapid") {
        ReviewKind::RapidReview
    } else if w.contains("serious") || w == "scr" {
        ReviewKind::Scr
    } else if w.contains("national") {
        ReviewKind::National
    } else {
        ReviewKind::Cspr
    }
}

/// Priorities with sections of their own ("Priority 2 – Neglect"), if there are any.
fn structured_priorities(e: &Extracted) -> Option<Vec<Inferred<Priority>>> {
    let out: Vec<Inferred<Priority>> = e
        .sections
        .iter()
        .filter_map(|s| {
            let p = s.priority.as_ref()?;
            Some(Inferred {
                value: Priority {
                    name: p.name.clone(),
                    progress: Some(p.progress),
                },
                confidence: Confidence::Medium,
                from: format!(
                    "the heading \"{}\" and the progress its section states",
                    s.title
                ),
                place: place(&e.sources, &s.span),
                span: Some(s.span.clone()),
            })
        })
        .collect();
    (!out.is_empty()).then_some(out)
}

/// Case reviews named in the text ("the CSPR for Child L"), with the recommendations
/// listed and the actions described in the section where each is named.
fn reviews(e: &Extracted, texts: &[Text]) -> Vec<Inferred<Review>> {
    let mut out: Vec<Inferred<Review>> = e
        .sections
        .iter()
        .filter_map(|s| {
            let r = s.review.as_ref()?;
            Some(Inferred {
                value: Review {
                    kind: r.kind,
                    name: r.name.clone(),
                    recommendations: r.recommendations.len(),
                    actions: r.recommendations.iter().any(|x| !x.actions.is_empty()),
                },
                confidence: Confidence::Medium,
                from: format!("the heading \"{}\"", s.title),
                place: place(&e.sources, &s.span),
                span: Some(s.span.clone()),
            })
        })
        .collect();
    for t in texts {
        for c in NAMED_REVIEW.captures_iter(&t.text) {
            let name = c[2].trim().to_string();
            if NOT_REVIEW_NAMES.contains(&name.as_str())
                || out.iter().any(|r| r.value.name.contains(&name))
            {
                continue;
            }
            let section: Vec<&Text> = texts.iter().filter(|x| x.section == t.section).collect();
            let recommendations = e.sections[t.section]
                .blocks
                .windows(2)
                .filter(|w| RECOMMENDATION.is_match(&w[0].text()))
                .map(|w| match &w[1].kind {
                    BlockKind::List { items, .. } => items.len(),
                    _ => 0,
                })
                .sum();
            let actions = section.iter().any(|x| {
                ACTION.is_match(&x.text) && REVIEW.is_match(&x.text)
                    || ACTION.is_match(&x.text) && RECOMMENDATION.is_match(&x.text)
            });
            out.push(Inferred {
                value: Review {
                    kind: kind_of(&c[1]),
                    name,
                    recommendations,
                    actions,
                },
                confidence: Confidence::Medium,
                from: c[0].to_string(),
                place: place(&e.sources, &t.block.span),
                span: Some(t.block.span.clone()),
            });
        }
    }
    out
}

/// The document's meta from the facts: what the renderers and the checker read.
pub fn meta(facts: &Facts, title: Option<&str>) -> Meta {
    let mut meta = super::unknown_meta();
    if let Some(p) = &facts.partnership {
        meta.partnership = p.value.clone();
        meta.author = p.value.clone();
    }
    if let Some(s) = &facts.short_name {
        meta.short_name = s.value.clone();
    }
    if let Some(p) = &facts.period {
        meta.period = p.value.long();
        let end = p.value.end;
        meta.date = [
            i64::from(end.year),
            i64::from(end.month),
            i64::from(end.day),
        ];
    }
    meta.title = title
        .map(str::to_string)
        .unwrap_or_else(|| match &facts.period {
            Some(p) => format!(
                "Annual Report {}-{:02}",
                p.value.start.year,
                p.value.end.year % 100
            ),
            None => "Annual Report".to_string(),
        });
    meta.guidance = facts.guidance.value.title().to_string();
    meta
}

impl Facts {
    /// The facts as lines for the top of `check`'s output.
    pub fn summary(&self) -> String {
        let mut out = String::from(
            "Inferred from the text (override with --partnership, --period, --guidance):\n",
        );
        let mut line = |what: &str, value: String, c: Option<Confidence>, place: &str| {
            let how = c.map(|c| format!(" [{}]", c.as_str())).unwrap_or_default();
            let at = if place.is_empty() {
                String::new()
            } else {
                format!(" — {place}")
            };
            out.push_str(&format!("  {what:<13} {value}{how}{at}\n"));
        };
        match &self.partnership {
            Some(p) => {
                let short = self
                    .short_name
                    .as_ref()
                    .map(|s| format!(" ({})", s.value))
                    .unwrap_or_default();
                line(
                    "partnership",
                    format!("{}{short}", p.value),
                    Some(p.confidence),
                    &p.place,
                )
            }
            None => line("partnership", "not found".into(), None, ""),
        }
        match &self.period {
            Some(p) => line(
                "period",
                format!("{} from {}", p.value.long(), p.from),
                Some(p.confidence),
                &p.place,
            ),
            None => line(
                "period",
                "not found: give it with --period START..END".into(),
                None,
                "",
            ),
        }
        line(
            "guidance",
            self.guidance.value.title().to_string(),
            Some(self.guidance.confidence),
            "",
        );
        let partners: Vec<String> = self
            .partners
            .iter()
            .map(|p| format!("{} ({})", p.value.name, p.value.kind.as_str()))
            .collect();
        line(
            "partners",
            if partners.is_empty() {
                "none named".into()
            } else {
                partners.join("; ")
            },
            None,
            "",
        );
        for f in &self.funding {
            let shown: Vec<String> = f
                .contributions
                .iter()
                .map(|(k, s)| format!("{} {}", k.as_str(), if *s { "shown" } else { "not shown" }))
                .collect();
            line(
                "funding",
                format!("table in \"{}\": {}", f.section, shown.join(", ")),
                None,
                &f.place,
            );
        }
        if self.funding.is_empty() {
            line("funding", "no table with money in it".into(), None, "");
        }
        match &self.scrutiny {
            Some(s) => line(
                "scrutiny",
                format!("\"{}\"", s.value),
                Some(s.confidence),
                &s.place,
            ),
            None => line(
                "scrutiny",
                "no section by the independent scrutineer".into(),
                None,
                "",
            ),
        }
        let with_progress = self
            .priorities
            .iter()
            .filter(|p| p.value.progress.is_some())
            .count();
        line(
            "priorities",
            format!(
                "{} found, {with_progress} with progress stated",
                self.priorities.len()
            ),
            None,
            self.priorities.first().map_or("", |p| p.place.as_str()),
        );
        match &self.publication {
            Some(p) => {
                let mut said = Vec::new();
                if let Some(w) = &p.value.website {
                    said.push(format!("at {w}"));
                }
                if let Some(d) = p.value.published {
                    said.push(format!("on {}", d.long()));
                }
                if let Some(d) = p.value.copy_to_panel {
                    said.push(format!("copy to the national panel {}", d.long()));
                }
                line("publication", said.join("; "), Some(p.confidence), &p.place)
            }
            None => line(
                "publication",
                "where it is published not said".into(),
                None,
                "",
            ),
        }
        let names: Vec<String> = self.reviews.iter().map(|r| r.value.name.clone()).collect();
        line(
            "case reviews",
            if names.is_empty() {
                "none named".into()
            } else {
                names.join(", ")
            },
            None,
            "",
        );
        out
    }
}

static PRIORITY_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^priority\s*(\d+|one|two|three|four|five|six)?\s*[–:—-]\s*(.+)$").unwrap()
});
static REVIEW_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(Rapid Review|LCSPR|CSPR|SCR|Serious Case Review|(?:Local )?Child Safeguarding Practice Review)\b[\s:–—-]*(.*)$").unwrap()
});
static RECOMMENDATION_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^recommendation\s*\d+\b").unwrap());
static DONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(developed|established|delivered|published|implemented|launched|shared|disseminated|raised|revised|reviewed|created|introduced|completed|agreed|trained|embedded|set up|put in place|in place)\b").unwrap()
});

/// Headings inside a chapter that name a priority ("Priority 2 – Neglect") or a case
/// review ("SCR Matthew", "Rapid Review 1") start sub-sections of their own, carrying
/// what a project's `priority:` and `review:` blocks would: the priority's aim and
/// stated progress, the review's recommendations and the actions described.
pub fn structure(sections: Vec<crate::assemble::Section>) -> Vec<crate::assemble::Section> {
    let mut out = Vec::new();
    let mut ids: std::collections::HashSet<String> =
        sections.iter().map(|s| s.id.clone()).collect();
    for mut section in sections {
        let mut split: Vec<crate::assemble::Section> = Vec::new();
        let mut kept = Vec::new();
        for block in std::mem::take(&mut section.blocks) {
            let starts = match &block.kind {
                BlockKind::Heading { .. } => {
                    let t = block.text();
                    PRIORITY_HEADING.is_match(&t) || REVIEW_HEADING.is_match(&t)
                }
                _ => false,
            };
            let ends =
                matches!(&block.kind, BlockKind::Heading { level, .. } if *level <= section.level);
            if starts && section.level == 1 {
                let title = block.text();
                let mut id = crate::assemble::key_name(&title);
                while !ids.insert(id.clone()) {
                    id.push_str("-2");
                }
                split.push(crate::assemble::Section {
                    id,
                    title,
                    number: None,
                    level: 2,
                    partner: None,
                    criteria: Vec::new(),
                    criteria_spans: Vec::new(),
                    parent: Some(section.id.clone()),
                    priority: None,
                    review: None,
                    blocks: Vec::new(),
                    file: section.file.clone(),
                    span: block.span.clone(),
                });
            } else if let Some(last) = split.last_mut().filter(|_| !ends) {
                last.blocks.push(block);
            } else {
                kept.push(block);
            }
        }
        section.blocks = kept;
        // A section of its own already ("Priority 2 – Neglect" as a Word heading).
        mark_priority_or_review(&mut section);
        out.push(section);
        for mut s in split {
            mark_priority_or_review(&mut s);
            out.push(s);
        }
    }
    out
}

/// Carries what a project's `priority:` or `review:` block would into a section
/// whose heading names a priority or a case review, or which holds a table of
/// recommendations with the actions taken ("Learning from national reviews").
fn mark_priority_or_review(s: &mut crate::assemble::Section) {
    if let Some(c) = PRIORITY_HEADING.captures(&s.title) {
        s.priority = Some(priority_of(c[2].trim(), s));
    } else if let Some(c) = REVIEW_HEADING.captures(&s.title) {
        s.review = Some(review_of(&c[1], c[2].trim(), s));
    } else if s.blocks.iter().any(|b| response_table(b).is_some()) {
        let title = s.title.clone();
        s.review = Some(review_of(&title, &title, s));
    }
}

/// The columns of the recommendations, the actions and (if any) the improvements,
/// when the block is a table of recommendations with the actions taken beside them.
fn response_table(b: &Block) -> Option<(&crate::assemble::Table, usize, usize, Option<usize>)> {
    let BlockKind::Table(t) = &b.kind else {
        return None;
    };
    let col = |re: &Regex| t.columns.iter().position(|c| re.is_match(&c.title));
    let (r, a) = (col(&RECOMMENDATION)?, col(&ACTION)?);
    (r != a).then(|| (t, r, a, col(&IMPACT).filter(|&i| i != r && i != a)))
}

/// The entries of a table cell that lists several, one per line ("• Training
/// delivered"), without their bullets; none when the cell records nothing.
fn cell_entries(cell: &str) -> Vec<String> {
    cell.lines()
        .map(|l| l.trim().trim_start_matches(['•', '-', '*']).trim())
        .filter(|l| !NOTHING_RECORDED.is_match(l))
        .map(str::to_string)
        .collect()
}

fn all_text(s: &crate::assemble::Section) -> Vec<String> {
    let mut out = Vec::new();
    for b in &s.blocks {
        b.walk(&mut |b| out.push(b.text()));
    }
    out
}

fn priority_of(name: &str, s: &crate::assemble::Section) -> crate::model::Priority {
    let texts = all_text(s);
    let aim = texts
        .iter()
        .find_map(|t| t.trim().strip_prefix("Aim:").map(|a| a.trim().to_string()))
        .unwrap_or_default();
    // The progress the section states: the worst it admits, else good when it says
    // what was achieved, else some.
    let said: Vec<Progress> = texts
        .iter()
        .flat_map(|t| {
            PROGRESS
                .find_iter(t)
                .map(|m| progress_of(m.as_str()))
                .collect::<Vec<_>>()
        })
        .collect();
    let rank = |p: &Progress| match p {
        Progress::None => 0,
        Progress::Little => 1,
        Progress::Some => 2,
        Progress::Good => 3,
    };
    let progress = said
        .iter()
        .min_by_key(|p| rank(p))
        .copied()
        .unwrap_or(Progress::Some);
    crate::model::Priority {
        name: name.to_string(),
        aim,
        progress,
    }
}

fn review_of(kind: &str, name: &str, s: &crate::assemble::Section) -> crate::model::Review {
    let review = |recommendations| crate::model::Review {
        kind: kind_of(kind),
        // "Rapid Review 1" is named by its number.
        name: if name.is_empty() || name.chars().all(|c| c.is_ascii_digit()) {
            format!("{kind} {name}").trim().to_string()
        } else {
            name.to_string()
        },
        started: None,
        published: None,
        recommendations,
    };
    // A table of recommendations with a column of actions pairs them itself.
    if let Some((t, r, a, impact)) = s.blocks.iter().find_map(response_table) {
        let recs = t
            .rows
            .iter()
            .map(|row| crate::model::Recommendation {
                text: row.get(r).cloned().unwrap_or_default(),
                actions: row.get(a).map(|x| cell_entries(x)).unwrap_or_default(),
                impact: impact
                    .and_then(|i| row.get(i))
                    .filter(|x| !NOTHING_RECORDED.is_match(x))
                    .cloned(),
            })
            .collect();
        return review(recs);
    }
    let mut recommendations = Vec::new();
    let mut after_heading = false;
    let mut intro = false;
    for b in &s.blocks {
        match &b.kind {
            BlockKind::Heading { .. } => {
                after_heading = RECOMMENDATION_HEADING.is_match(&b.text());
                intro = false;
            }
            BlockKind::List { items, .. } if intro => {
                for item in items {
                    let text = item.iter().map(|b| b.text()).collect::<Vec<_>>().join(" ");
                    recommendations.push(crate::model::Recommendation {
                        text,
                        actions: Vec::new(),
                        impact: None,
                    });
                }
                intro = false;
            }
            BlockKind::Paragraph { .. } => {
                let text = b.text();
                if after_heading {
                    recommendations.push(crate::model::Recommendation {
                        text: text.clone(),
                        actions: Vec::new(),
                        impact: None,
                    });
                    after_heading = false;
                }
                intro = RECOMMENDATION.is_match(&text) && text.trim_end().ends_with(':');
            }
            _ => {}
        }
    }
    // What was done in response, as the section describes it: sentences with a verb of
    // something done. The report does not pair them with recommendations, so each
    // recommendation carries them all.
    let actions: Vec<String> = all_text(s)
        .into_iter()
        .filter(|t| DONE.is_match(t) && !recommendations.iter().any(|r| r.text == *t))
        .collect();
    for r in &mut recommendations {
        r.actions = actions.clone();
    }
    review(recommendations)
}
