//! Dates: impossible dates, and dates said to be in the period that fall outside it.

use std::sync::LazyLock;

use regex::Regex;

use super::DATA_DATE;
use crate::check::Ctx;
use crate::check::text::{Unit, unit_sentences};
use crate::diagnostic::Diagnostic;
use crate::model::Date;

/// A publication date the period makes impossible: before the period the report
/// covers has ended (it would report on months still to come), or more than a year
/// after (the guidance asks for a report in every 12-month period).
pub(super) fn publication_date(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let publication = &ctx.facts.publication;
    let (Some(period), Some(published)) = (ctx.period(), publication.published) else {
        return;
    };
    let after_end = published.days_since_epoch() - period.end.days_since_epoch();
    let (why, label) = if after_end <= 0 {
        (
            format!("before the period it covers ends on {}", period.end.long()),
            "before the period ends",
        )
    } else if after_end > 366 {
        (
            format!(
                "{after_end} days after the period it covers ended on {}: more than a year later",
                period.end.long()
            ),
            "over a year after the period",
        )
    } else {
        return;
    };
    let span = publication
        .origin
        .span()
        .cloned()
        .unwrap_or_else(|| ctx.facts.anchor.clone());
    out.push(
        ctx.finding(
            DATA_DATE,
            span,
            format!("the report says it was published on {}, {why}", published.long()),
        )
        .with_label(label)
        .with_help("check the publication date, and the period: a yearly report is published after the year it covers, within the next twelve months."),
    );
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    MONTHS
        .iter()
        .position(|m| {
            *m == lower || (lower.len() >= 3 && m.starts_with(&lower) && lower.len() <= 4)
        })
        .map(|i| i as u8 + 1)
}

static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?,?\s+(\d{1,6})\b").unwrap()
});
static YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r"(?:^|[^\d/.\-£])(\d{3,4})([/\-])(\d{1,4})(?:$|[^\d/\-])").unwrap()
});
static SLASH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r"(?:^|[^\d/])(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:$|[^\d/])").unwrap()
});
static IN_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r"(?i)\b(during|in|over|throughout|across) (the|this) (year|reporting (year|period)|period|business year)\b|\bin[- ]year\b|\b(in|over|during) the (last|past) (12|twelve) months\b|\bthis reporting (year|period)\b|\bthis year['’]s\b").unwrap()
});
/// A sentence about the report itself, not the year's work: it is signed off,
/// approved and published after the period ends.
static ABOUT_THE_REPORT: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(
        r"(?i)\b(signed|sign(ed)? (it |this report |the report )?off|approved|endorsed|published)\b[^.]{0,40}\b(this|the) (annual |yearly )?report\b|\b(this|the) (annual |yearly )?report\b[^.]{0,40}\b(signed|approved|endorsed|published)\b|\bwe (signed|approved|endorsed|published) it\b",
    )
    .unwrap()
});
static FUTURE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(
        r"(?i)\b(will|planned|plans? to|expect\w*|to be (held|launched|run)|due|scheduled|agreed to|decided to|(has|have) asked)\b",
    )
    .unwrap()
});

pub(super) fn dates(ctx: &Ctx, unit: &Unit, headings: &[&str], out: &mut Vec<Diagnostic>) {
    let text = &unit.text;
    let period = ctx.period();
    let said_in_period = |s: &str| period.is_some_and(|p| said_in(p, s));
    let intro_in_period = unit
        .list_intro
        .is_some_and(|i| said_in_period(&ctx.units[i].text));
    // "What we did:" before a list makes its items the period's work, as a heading does.
    let intro_of_work = period.is_some()
        && unit.list_intro.is_some_and(|i| {
            let intro = &ctx.units[i].text;
            WORK_HEADING.is_match(intro) && !FUTURE_WORDS.is_match(intro)
        });
    // Under a heading such as "What we did" the text tells of the period's work: a
    // date after the period there is a slip (one before it may be background).
    let sections = &ctx.document.sections;
    let section = &sections[unit.section];
    let chapter = section
        .parent
        .as_ref()
        .and_then(|id| sections.iter().find(|s| &s.id == id));
    let under_work_heading = period.is_some()
        && unit.is_prose()
        && [Some(section), chapter]
            .into_iter()
            .flatten()
            .map(|s| s.title.as_str())
            .chain(headings.iter().copied())
            .any(|h| WORK_HEADING.is_match(h) && !FUTURE_WORDS.is_match(h));
    for s in unit_sentences(unit) {
        let sentence = &text[s.clone()];
        let future = FUTURE_WORDS.is_match(sentence);
        let claimed = match period {
            _ if future => None,
            Some(p) if said_in_period(sentence) => Some((p, Claim::Whole)),
            Some(p) if intro_in_period => Some((p, Claim::Listed)),
            Some(p) if tells_of_a_launch(sentence) => Some((p, Claim::Launched)),
            Some(p)
                if (under_work_heading || intro_of_work)
                    && !ABOUT_THE_REPORT.is_match(sentence) =>
            {
                Some((p, Claim::NotAfter))
            }
            Some(p) if tells_of_done_work(sentence) => Some((p, Claim::NotAfter)),
            _ => None,
        };
        month_dates(ctx, unit, s.start, sentence, claimed, out);
        days_without_year(ctx, unit, s.start, sentence, out);
        year_ranges(ctx, unit, s.start, sentence, out);
        slash_dates(ctx, unit, s.start, sentence, out);
    }
}

/// "We launched …", "the portal went live …": the partners' work told as done, which
/// a report on the period tells of the period (one after it says so: "since the year
/// ended", "at the time of writing").
static DONE_WORK: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r"(?i)\b(?:we|the partnership|the partners)\s+(?:launched|relaunched|opened|published|introduced|moved|held|set up|started|began|established)\b|\b(?:went live|was (?:re)?launched|was opened)\b").unwrap()
});
static AFTER_THE_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r"(?i)\bsince\b|\bafter the (?:end of the )?(?:year|period)\b|\bat the time of (?:writing|publication)\b|\bby the time\b|\bsubsequently\b").unwrap()
});

/// Something new begun: a service, a strategy, a campaign launched, opened, introduced
/// or gone live, by whichever agency.
static LAUNCH: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(
        r"(?i)\b(?:launched|relaunched|re-launched|opened|introduced|rolled out|went live)\b",
    )
    .unwrap()
});

/// Whether a sentence tells of the partners' work as done within the report's period.
fn tells_of_done_work(sentence: &str) -> bool {
    DONE_WORK.is_match(sentence)
        && !AFTER_THE_PERIOD.is_match(sentence)
        && !ABOUT_THE_REPORT.is_match(sentence)
}

/// Whether a sentence tells of something new launched as the year's work ("In February
/// 2024 we launched the hub network, which has reached 9,000 families").
fn tells_of_a_launch(sentence: &str) -> bool {
    LAUNCH.is_match(sentence)
        && !AFTER_THE_PERIOD.is_match(sentence)
        && !ABOUT_THE_REPORT.is_match(sentence)
}

/// Whether the clause that holds the date at byte `at` tells of the launch itself, its
/// verb finite ("In February 2024 we launched …", "… was relaunched on 14 January
/// 2024"), not in a clause of description ("the hub, opened in 2023, …").
fn launched_in_clause(sentence: &str, at: usize) -> bool {
    let (start, end) = clause(sentence, at);
    let part = &sentence[start..end];
    !NATIONAL.is_match(part)
        && LAUNCH
            .find_iter(part)
            .any(|m| !part[..m.start()].trim().is_empty())
}

/// What the government or a national body began is the background of the year, not
/// the partners' work: "In March 2023 the government introduced new guidance".
static NATIONAL: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r"(?i)\b(?:government|department for education|DfE|home office|ofsted|parliament|nationa(?:l|lly)|country|working together|guidance|legislation)\b").unwrap()
});

/// Whether a date before the period's start falls in the year before it: the work of
/// the last report's year told as this year's. A launch years before is history.
fn in_the_year_before(date: Date, start: Date) -> bool {
    let days = start.days_since_epoch() - date.days_since_epoch();
    (1..=366).contains(&days)
}

/// How much of the period a sentence claims its dates fall in.
#[derive(Clone, Copy, PartialEq)]
enum Claim {
    /// "During the year …": the whole period.
    Whole,
    /// An item of a list whose introduction says "during the year".
    Listed,
    /// Under "What we did": not after the period's end.
    NotAfter,
    /// Something new launched, as the year's work: not after the period's end, nor in
    /// the year before it when the date's clause tells of the launch.
    Launched,
}

static WORK_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r"(?i)\bwhat (?:we|the partnership|partners) (?:did|have done|has done|achieved)\b|\bour (?:work|activity) (?:in|during|this)\b").unwrap()
});
static CONTRAST: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r"(?i),\s*(?:but|while|whereas|although|though|and then)\b|;")
        .unwrap()
});

/// Whether the part of a sentence that holds the date at byte `at` (parts parted by
/// "…, but …", "…; …") says it speaks of the period: "Schools reopened in March
/// 2021, but … throughout the year" does not place March 2021 in the year.
fn said_in_part(period: crate::assemble::Period, sentence: &str, at: usize) -> bool {
    let start = CONTRAST
        .find_iter(&sentence[..at])
        .last()
        .map_or(0, |m| m.end());
    let end = CONTRAST
        .find(&sentence[at..])
        .map_or(sentence.len(), |m| at + m.start());
    said_in(period, &sentence[start..end])
}

/// Whether a sentence says it speaks of the period: "during the year", "in 2021/22".
fn said_in(period: crate::assemble::Period, s: &str) -> bool {
    let start = period.start;
    let label_short = format!("{}/{:02}", start.year, (start.year + 1) % 100);
    let label_dash = format!("{}-{:02}", start.year, (start.year + 1) % 100);
    IN_PERIOD.is_match(s)
        || (start.month > 1 && (label_as_time(s, &label_short) || label_as_time(s, &label_dash)))
}

/// Month-and-year dates of a sentence starting at byte `at` of the unit: impossible
/// years and days, and, when the sentence claims the `period`, dates outside it.
fn month_dates(
    ctx: &Ctx,
    unit: &Unit,
    at: usize,
    sentence: &str,
    claimed: Option<(crate::assemble::Period, Claim)>,
    out: &mut Vec<Diagnostic>,
) {
    for c in MONTH_YEAR.captures_iter(sentence) {
        let whole = c.get(0).unwrap();
        let year_m = c.get(3).unwrap();
        let year_text = year_m.as_str();
        let Some(month) = month_number(&c[2]) else {
            continue;
        };
        if sentence[year_m.end()..].starts_with(|ch: char| ch == ',' || ch == '.')
            && sentence[year_m.end() + 1..].starts_with(|ch: char| ch.is_ascii_digit())
        {
            // "31 March 2,240": a figure, not a year.
            continue;
        }
        let range = at + whole.start()..at + whole.end();
        if year_text.len() != 4 {
            if year_text.len() <= 2 {
                // "May 12" is a day, not a year; "31 March 31" is a table row read as
                // a line, its label's date then a figure; "31 March 21" is a year
                // written short. None is an impossible year.
                continue;
            }
            if year_text.len() == 3 && c.get(1).is_some() {
                // "at 31 March 402": a label's date, then the figure beside it (a
                // table row read as a line), not a year.
                continue;
            }
            out.push(
                ctx.finding(
                    DATA_DATE,
                    ctx.locate(unit, range),
                    format!("\"{}\" has an impossible year: {year_text}", whole.as_str()),
                )
                .with_label("not a year")
                .with_help("write the year with four digits, for example \"May 2021\"."),
            );
            continue;
        }
        let year: i32 = year_text.parse().unwrap_or(0);
        if let Some(day) = c.get(1) {
            let day: u8 = day.as_str().parse().unwrap_or(0);
            if Date::parse(&format!("{year:04}-{month:02}-{day:02}")).is_err() {
                out.push(
                    ctx.finding(
                        DATA_DATE,
                        ctx.locate(unit, range),
                        format!("\"{}\" is not a date that exists", whole.as_str()),
                    )
                    .with_label("no such day")
                    .with_help("check the day and the month."),
                );
                continue;
            }
        }
        if let Some((period, claim)) = claimed
            && !background(sentence, whole.start())
            && (claim != Claim::Whole || said_in_part(period, sentence, whole.start()))
        {
            let (start, end) = (period.start, period.end);
            let first = Date {
                year,
                month,
                day: 1,
            };
            let last = Date {
                year,
                month,
                day: last_day(year, month),
            };
            let (from, to) = match c.get(1) {
                Some(d) => {
                    let day = d.as_str().parse().unwrap_or(1);
                    (Date { year, month, day }, Date { year, month, day })
                }
                None => (first, last),
            };
            if outside(claim, sentence, whole.start(), (from, to), period) {
                out.push(
                    ctx.finding(
                        DATA_DATE,
                        ctx.locate(unit, range),
                        format!("\"{}\" is said to be in the period, which runs from {} to {}", whole.as_str(), start.long(), end.long()),
                    )
                    .with_label("outside the period")
                    .with_help("correct the date, or say that it falls outside the period (\"planned for …\", \"after the period, in …\")."),
                );
            }
        }
    }
}

/// Whether a date from `from` to `to` at byte `at` of a sentence falls outside the
/// part of the period the sentence claims it for.
fn outside(
    claim: Claim,
    sentence: &str,
    at: usize,
    (from, to): (Date, Date),
    period: crate::assemble::Period,
) -> bool {
    let before = match claim {
        Claim::Whole | Claim::Listed => to < period.start,
        Claim::NotAfter => false,
        Claim::Launched => {
            launched_in_clause(sentence, at) && in_the_year_before(from, period.start)
        }
    };
    before || from > period.end
}

static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(January|February|March|April|May|June|July|August|September|October|November|December)\b(?:\s*,?\s*(\d+))?").unwrap()
});

/// A day the month never has, whatever the year: "31 November", "30 February". A date
/// written without its year ("on 31 November we held …") is as wrong as one with it.
fn days_without_year(ctx: &Ctx, unit: &Unit, at: usize, sentence: &str, out: &mut Vec<Diagnostic>) {
    for c in DAY_MONTH.captures_iter(sentence) {
        if c.get(3).is_some() {
            // With a year (or a figure after it) the date is judged by `month_dates`.
            continue;
        }
        let (Ok(day), Some(month)) = (c[1].parse::<u8>(), month_number(&c[2])) else {
            continue;
        };
        // 2024 is a leap year: a month's longest length in any year.
        if day >= 1 && day <= last_day(2024, month) {
            continue;
        }
        let whole = c.get(0).unwrap();
        out.push(
            ctx.finding(
                DATA_DATE,
                ctx.locate(unit, at + whole.start()..at + whole.end()),
                format!("\"{}\" is not a date that exists", whole.as_str()),
            )
            .with_label("no such day")
            .with_help("check the day and the month."),
        );
    }
}

/// Financial and academic years that cannot be: "202/21", "2021/23".
fn year_ranges(ctx: &Ctx, unit: &Unit, at: usize, sentence: &str, out: &mut Vec<Diagnostic>) {
    for c in YEAR_RANGE.captures_iter(sentence) {
        let (a, sep, b) = (c.get(1).unwrap(), &c[2], c.get(3).unwrap());
        let range = at + a.start()..at + b.end();
        let first_text = a.as_str();
        let bad = if first_text.len() == 3 {
            // "202/21": a year that lost a digit.
            (sep == "/"
                && b.as_str().len() == 2
                && (first_text.starts_with("20") || first_text.starts_with("19")))
            .then(|| "the first year has three digits".to_string())
        } else {
            let first: i32 = first_text.parse().unwrap_or(0);
            let second: i32 = b.as_str().parse().unwrap_or(0);
            let second_full = match b.as_str().len() {
                2 => {
                    Some(first - first % 100 + second + if second < first % 100 { 100 } else { 0 })
                }
                4 => Some(second),
                _ => None,
            };
            match second_full {
                _ if !(1900..=2199).contains(&first) => None,
                // A financial or academic year: 2021/22.
                Some(s) if sep == "/" && s != first + 1 => {
                    Some(format!("{} does not follow {first}", b.as_str()))
                }
                // A span of years: 2021-24, 2019-2021.
                Some(s) if sep == "-" && (s <= first || s > first + 10) => {
                    Some(format!("{} does not follow {first}", b.as_str()))
                }
                _ => None,
            }
        };
        if let Some(why) = bad {
            let written = &sentence[a.start()..b.end()];
            out.push(
                ctx.finding(
                    DATA_DATE,
                    ctx.locate(unit, range),
                    format!("\"{written}\" is not a year that can be: {why}"),
                )
                .with_label("impossible year")
                .with_help("write a financial or academic year as 2021/22 or 2021-22."),
            );
        }
    }
}

/// Day/month/year dates that do not exist: "29/02/2022".
fn slash_dates(ctx: &Ctx, unit: &Unit, at: usize, sentence: &str, out: &mut Vec<Diagnostic>) {
    for c in SLASH_DATE.captures_iter(sentence) {
        let (d, m, y) = (c.get(1).unwrap(), c.get(2).unwrap(), c.get(3).unwrap());
        let year: i32 = match y.as_str().len() {
            2 => 2000 + y.as_str().parse::<i32>().unwrap_or(0),
            _ => y.as_str().parse().unwrap_or(0),
        };
        let (day, month): (u8, u8) = (
            d.as_str().parse().unwrap_or(0),
            m.as_str().parse().unwrap_or(0),
        );
        if Date::parse(&format!("{year:04}-{month:02}-{day:02}")).is_err() {
            let range = at + d.start()..at + y.end();
            out.push(
                ctx.finding(
                    DATA_DATE,
                    ctx.locate(unit, range),
                    format!(
                        "\"{}\" is not a date that exists",
                        &sentence[d.start()..y.end()]
                    ),
                )
                .with_label("no such day")
                .with_help("check the day and the month (dates are written day/month/year)."),
            );
        }
    }
}

/// Whether the period's label is the time of the sentence ("in 2021/22", "during
/// 2021-22"), not the subject of it ("priorities for 2023-24", "the plan 2022-25").
fn label_as_time(sentence: &str, label: &str) -> bool {
    sentence.match_indices(label).any(|(i, _)| {
        let before = sentence[..i].trim_end().to_lowercase();
        ["in", "during", "over", "throughout", "across", "through"]
            .iter()
            .any(|w| {
                before.ends_with(w)
                    && !before[..before.len() - w.len()].ends_with(|c: char| c.is_alphanumeric())
            })
    })
}

static RELATIVE: LazyLock<Regex> =
    LazyLock::new(|| crate::check::text::regex(r"(?i)\b(who|whom|whose|which|where)\b").unwrap());
static EARLIER: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r"(?i)\bhad\s+(?:been\s+|already\s+|also\s+|first\s+)?\w+(?:ed|en|wn|t|un|one)\b|\b(?:previous|previously|prior to|before|originally|formerly)\b").unwrap()
});

/// Whether the date at byte `at` of a sentence is background to what the sentence
/// says happened in the period: it sits in a relative clause ("a baby who was
/// injured in December 2022") or a clause about an earlier time ("which the
/// partnership had commissioned in February 2023", "before May 2021").
fn background(sentence: &str, at: usize) -> bool {
    let (start, end) = clause(sentence, at);
    RELATIVE.is_match(&sentence[start..at]) || EARLIER.is_match(&sentence[start..end])
}

/// The clause of a sentence around byte `at`: between commas, semicolons, colons,
/// brackets and dashes.
fn clause(sentence: &str, at: usize) -> (usize, usize) {
    let is_break = |c: char| matches!(c, ',' | ';' | '(' | ')' | ':' | '\u{2013}' | '\u{2014}');
    let start = sentence[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| is_break(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = sentence[at..]
        .find(is_break)
        .map_or(sentence.len(), |i| at + i);
    (start, end)
}

fn last_day(year: i32, month: u8) -> u8 {
    (28..=31u8)
        .rev()
        .find(|d| Date::parse(&format!("{year:04}-{month:02}-{d:02}")).is_ok())
        .unwrap_or(28)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names_and_abbreviations() {
        assert_eq!(month_number("May"), Some(5));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("Mayday"), None);
    }
}
