//! Changes: a stated rise or fall ("Contacts rose by 649", "from 48% to 50%, up 3
//! percentage points") that does not follow from the figures it describes.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::tables::{LabelledRow, content_words};
use super::{DATA_CHANGE, parse_number, tolerance};
use crate::assemble::format;
use crate::check::Ctx;
use crate::check::text::{Unit, sentences};
use crate::diagnostic::Diagnostic;

const AMOUNT: &str = r"(£?\d[\d,]*(?:\.\d+)?)(?:\s*(%|per\s?cent\b|percentage points?\b))?";

/// "rose by 649", "fell by 5.6%", "up 3 percentage points".
static VERB: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(&format!(
        r"(?i)\b(rose|risen|increased|grew|grown|went up|up|fell|fallen|decreased|dropped|reduced|went down|down)\s+(?:by\s+)?{AMOUNT}"
    ))
    .unwrap()
});
/// "an increase of 15%", "(a fall of 12%)".
static NOUN: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(&format!(
        r"(?i)\b(increase|rise|fall|drop|decrease|reduction)\s+of\s+{AMOUNT}"
    ))
    .unwrap()
});
/// "from 48% to 50%", "from 3,100 to 3,782", "from 6,500 in 2021/22 to 7,020": the
/// time of the first figure may stand between it and "to".
static FROM_TO: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(
        r"(?i)\bfrom\s+£?(\d[\d,]*(?:\.\d+)?)\s*(%)?(?:\s+(?:days?|weeks?|months?|hours?|minutes?))?(?:\s+(?:last|this) year|\s+(?:in|at|on|during)\s+(?:\d{4}(?:\s*[-/–]\s*\d{2,4})?|(?:the\s+)?(?:previous|last|first)\s+(?:year|quarter)|[A-Z][a-z]+(?:\s+\d{4})?))?\s+to\s+£?(\d[\d,]*(?:\.\d+)?)\s*(%)?",
    )
    .unwrap()
});

#[derive(Clone, Copy, PartialEq)]
enum Measure {
    Amount,
    Percent,
    Points,
}

/// One stated change: where it is written, which way, by how much.
struct Claim {
    range: Range<usize>,
    rise: bool,
    amount: f64,
    printed: String,
    measure: Measure,
    /// The words before the verb, naming what changed ("Contacts").
    subject: Option<String>,
    /// Where the claim's clause starts in its sentence.
    clause: usize,
}

fn claims(sentence: &str, with_from_to: bool) -> Vec<Claim> {
    let mut out = Vec::new();
    for c in VERB.captures_iter(sentence) {
        let verb = c[1].to_lowercase();
        if matches!(verb.as_str(), "up" | "down") && !with_from_to {
            continue;
        }
        let Some(claim) = claim(
            &c,
            verb.starts_with('r') && verb != "reduced"
                || verb.contains("up")
                || verb.starts_with('i')
                || verb.starts_with('g'),
        ) else {
            continue;
        };
        let start = c.get(0).unwrap().start();
        let clause = sentence[..start]
            .rfind([',', ';', ':', '(', ')'])
            .map_or(0, |i| i + 1);
        out.push(Claim {
            subject: Some(sentence[clause..start].to_string()),
            clause,
            ..claim
        });
    }
    for c in NOUN.captures_iter(sentence) {
        let noun = c[1].to_lowercase();
        let Some(claim) = claim(&c, matches!(noun.as_str(), "increase" | "rise")) else {
            continue;
        };
        // An apposition ("…, an increase of 15%") speaks of the change before it.
        let subject = out
            .iter()
            .filter(|v| v.range.end <= claim.range.start)
            .last()
            .and_then(|v| v.subject.clone());
        let clause = sentence[..claim.range.start]
            .rfind([',', ';', ':', '(', ')'])
            .map_or(0, |i| i + 1);
        out.push(Claim {
            subject,
            clause,
            ..claim
        });
    }
    out
}

fn claim(c: &regex::Captures, rise: bool) -> Option<Claim> {
    let whole = c.get(0)?;
    let printed = c[2].to_string();
    let measure = match c.get(3).map(|m| m.as_str().to_lowercase()) {
        Some(u) if u.starts_with("percentage") => Measure::Points,
        Some(_) => Measure::Percent,
        None => Measure::Amount,
    };
    Some(Claim {
        range: whole.range(),
        rise,
        amount: parse_number(&printed)?,
        printed,
        measure,
        subject: None,
        clause: 0,
    })
}

/// Whether going from `a` to `b` is the claimed change.
fn fits(claim: &Claim, a: f64, b: f64, percentages: bool) -> bool {
    if (b > a) != claim.rise || a == b {
        return false;
    }
    let tol = tolerance(&claim.printed);
    let by = (b - a).abs();
    let relative = (a > 0.0).then(|| 100.0 * by / a);
    match claim.measure {
        Measure::Amount => (by - claim.amount).abs() <= tol,
        Measure::Points => (by - claim.amount).abs() <= tol,
        Measure::Percent if percentages => {
            (by - claim.amount).abs() <= tol
                || relative.is_some_and(|r| (r - claim.amount).abs() <= tol)
        }
        Measure::Percent => relative.is_some_and(|r| (r - claim.amount).abs() <= tol),
    }
}

/// The rows a subject names: all its words are in the row's label, or all the
/// label's (two or more) are in the subject.
fn named_rows<'r>(subject: &str, rows: &'r [LabelledRow]) -> Vec<&'r LabelledRow> {
    let words = content_words(subject);
    if words.is_empty() {
        return Vec::new();
    }
    rows.iter()
        .filter(|r| {
            words.iter().all(|w| r.words.contains(w))
                || (r.words.len() >= 2 && r.words.iter().all(|w| words.contains(w)))
        })
        .collect()
}

/// The stated changes of a unit's sentences, each against the figures it speaks of:
/// the "from X to Y" of its sentence, or else the table rows its subject names.
pub(super) fn changes(ctx: &Ctx, unit: &Unit, rows: &[LabelledRow], out: &mut Vec<Diagnostic>) {
    if !unit.is_prose() {
        return;
    }
    for s in sentences(&unit.text) {
        let sentence = &unit.text[s.clone()];
        let from_to = FROM_TO.captures(sentence).and_then(|c| {
            Some((
                c.get(0)?.start(),
                parse_number(&c[1])?,
                parse_number(&c[3])?,
                c.get(2).is_some() || c.get(4).is_some(),
            ))
        });
        for claim in claims(sentence, from_to.is_some()) {
            let stated = from_to.filter(|(at, ..)| speaks_of(sentence, &claim, *at));
            let wrong = match stated {
                Some((_, a, b, pct)) => (!fits(&claim, a, b, pct)).then(|| {
                    format!(
                        "the sentence says it went from {} to {}",
                        format::number(a, None),
                        format::number(b, None)
                    )
                }),
                None => against_rows(&claim, rows),
            };
            let Some(why) = wrong else { continue };
            let range = s.start + claim.range.start..s.start + claim.range.end;
            out.push(finding(
                ctx,
                unit,
                range,
                &sentence[claim.range.clone()],
                &why,
            ));
        }
        for (range, why) in directions(sentence, rows) {
            let words = &sentence[range.clone()];
            out.push(finding(
                ctx,
                unit,
                s.start + range.start..s.start + range.end,
                words,
                &why,
            ));
        }
    }
}

/// Whether the "from X to Y" at byte `at` of a sentence gives the figures of a claim.
/// Figures that follow a verb of their own ("rose from 5,214 to 5,480") are that
/// verb's: a claim with a subject of its own ("Child protection plans fell by 47, and
/// the number of children in need rose from …") is not about them, only one that
/// names nothing ("…, up 3 points", "…, an increase of 15%"). Figures with no verb
/// before them belong to the claim whose clause holds them, or to one that names
/// nothing of its own.
fn speaks_of(sentence: &str, claim: &Claim, at: usize) -> bool {
    static OWNED: LazyLock<Regex> = LazyLock::new(|| {
        crate::check::text::regex(r"(?i)\b(?:rose|risen|increased|grew|grown|went up|fell|fallen|decreased|dropped|declined|reduced|went down)\s*$").unwrap()
    });
    let own_subject =
        !super::tables::content_words(&sentence[claim.clause..claim.range.start]).is_empty();
    if OWNED.is_match(&sentence[..at]) {
        return !own_subject;
    }
    at >= claim.clause || !own_subject
}

/// A DATA-CHANGE finding at the words of a stated change.
fn finding(ctx: &Ctx, unit: &Unit, range: Range<usize>, words: &str, why: &str) -> Diagnostic {
    ctx.finding(
        DATA_CHANGE,
        ctx.locate(unit, range),
        format!("\"{words}\" does not follow from the figures: {why}"),
    )
    .with_label("does not follow from the figures")
    .with_help("work the change out again from the figures (the later less the earlier; divided by the earlier for a percentage) and correct it.")
}

/// "rose to 287", "fell from 21% to 18%", "rose during the year": a direction stated
/// with the figure it ended at, both figures, or none.
static DIRECTION: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(
        r"(?i)\b(rose|risen|increased|grew|grown|went up|fell|fallen|decreased|declined|went down)\b(?:\s+(?:again|slightly|sharply|steadily|further))?(?:\s+(to|from)\s+£?(\d(?:[\d,]*\d)?(?:\.\d+)?)(?:\s*(%))?(?:\s+(?:days?|weeks?|months?|hours?|minutes?))?(?:\s+(?:in\s+\d{4}(?:[-/]\d{2,4})?|last year|the (?:previous|last) year|a year (?:earlier|before|ago)))?(?:\s+to\s+£?(\d(?:[\d,]*\d)?(?:\.\d+)?)\s*%?)?)?(\s+by\b|\s+\d)?",
    )
    .unwrap()
});

/// What a stated direction is checked against.
enum Direction {
    /// "rose to 287": the figure it ended at.
    To(f64),
    /// "rose from 21% to 18%".
    FromTo(f64, f64),
    /// "rose during the year": the rows its subject names, earliest to latest.
    Bare,
}

/// The rises and falls of a sentence stated without their size ("rose to 287",
/// "fell from 21% to 18%", "rose during the year"), each with why it does not follow
/// from the figures: from the sentence's own two figures, or from the table rows
/// its subject names. A row's figures are read up to its first negative one (a
/// change column). A direction whose subject names no row is not judged; one that
/// any named row bears out is right.
fn directions(sentence: &str, rows: &[LabelledRow]) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    for c in DIRECTION.captures_iter(sentence) {
        // "rose by 649" and "rose 5%" are the sized claims' work.
        if c.get(6).is_some() {
            continue;
        }
        let verb = c[1].to_lowercase();
        let rise = ["ris", "ros", "inc", "gr", "went up"]
            .iter()
            .any(|p| verb.starts_with(p));
        let number = |i: usize| c.get(i).and_then(|m| parse_number(m.as_str()));
        let direction = match (
            c.get(2).map(|m| m.as_str().to_lowercase()),
            number(3),
            number(5),
        ) {
            (Some(w), Some(a), Some(b)) if w == "from" => Direction::FromTo(a, b),
            (Some(w), Some(x), None) if w == "to" => Direction::To(x),
            (None, _, _) => Direction::Bare,
            _ => continue,
        };
        let whole = c.get(0).unwrap();
        let clause = sentence[..whole.start()]
            .rfind([',', ';', ':', '(', ')'])
            .map_or(0, |i| i + 1);
        let subject = &sentence[clause..whole.start()];
        let series = |r: &LabelledRow| -> Vec<f64> {
            r.values.iter().copied().take_while(|v| *v >= 0.0).collect()
        };
        let goes = |a: f64, b: f64| a != b && (b > a) == rise;
        let why = match direction {
            Direction::FromTo(a, b) => (!goes(a, b)).then(|| {
                format!(
                    "the sentence says it went from {} to {}",
                    format::number(a, None),
                    format::number(b, None)
                )
            }),
            Direction::To(x) => {
                let named = named_rows(subject, rows);
                // The figure before `x` in each named row that holds `x`.
                let before: Vec<(&LabelledRow, f64)> = named
                    .iter()
                    .filter_map(|r| {
                        let v = series(r);
                        let k = v.iter().position(|y| (y - x).abs() < 1e-9)?;
                        (k > 0).then(|| (*r, v[k - 1]))
                    })
                    .collect();
                match before.first() {
                    Some((r, a)) if before.iter().all(|(_, a)| !goes(*a, x)) => Some(format!(
                        "\"{}\" went from {} to {} in the table",
                        r.label,
                        format::number(*a, None),
                        format::number(x, None)
                    )),
                    _ => None,
                }
            }
            Direction::Bare => {
                let named = named_rows(subject, rows);
                let wrong = |r: &&LabelledRow| {
                    let v = series(r);
                    let n = v.len();
                    n >= 2 && !goes(v[n - 2], v[n - 1]) && !goes(v[0], v[n - 1])
                };
                match named.first() {
                    Some(r) if named.iter().all(wrong) => {
                        let v = series(r);
                        Some(format!(
                            "\"{}\" went from {} to {} in the table",
                            r.label,
                            format::number(v[v.len() - 2], None),
                            format::number(v[v.len() - 1], None)
                        ))
                    }
                    _ => None,
                }
            }
        };
        if let Some(why) = why {
            // The words from the verb to the figure ("fell to 2,460"); the message
            // names the row.
            let end = c
                .get(5)
                .or(c.get(4))
                .or(c.get(3))
                .or(c.get(1))
                .unwrap()
                .end();
            out.push((whole.start()..end, why));
        }
    }
    out
}

/// Why a claim matches none of the table rows its subject names, or `None` when it
/// matches one, or names none (then nothing is known).
fn against_rows(claim: &Claim, rows: &[LabelledRow]) -> Option<String> {
    if claim.measure == Measure::Points {
        return None;
    }
    let named = named_rows(claim.subject.as_deref()?, rows);
    let first = named.first()?;
    let pairs = |v: &[f64]| -> Vec<(f64, f64)> {
        let mut p: Vec<(f64, f64)> = v.windows(2).map(|w| (w[0], w[1])).collect();
        if v.len() > 2 {
            p.push((v[0], v[v.len() - 1]));
        }
        p
    };
    if named.iter().any(|r| {
        pairs(&r.values)
            .iter()
            .any(|&(a, b)| fits(claim, a, b, false))
    }) {
        return None;
    }
    let n = first.values.len();
    let (a, b) = (first.values[n - 2], first.values[n - 1]);
    let by = b - a;
    let pct = if a > 0.0 { 100.0 * by / a } else { 0.0 };
    Some(format!(
        "\"{}\" went from {} to {} in the table, a change of {} ({}%)",
        first.label,
        format::number(a, None),
        format::number(b, None),
        format::number(by, None),
        format::number(pct, Some(1))
    ))
}

/// A signed figure as a change column prints it: "+555", "-14", "−17", "0".
fn signed(cell: &str) -> Option<(f64, &str)> {
    let printed = cell.trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    let (sign, digits) = match printed.chars().next()? {
        '+' => (1.0, &printed[1..]),
        '-' => (-1.0, &printed[1..]),
        '\u{2212}' | '\u{2013}' => (-1.0, &printed[3..]),
        _ => (1.0, printed),
    };
    let digits = digits.trim_start();
    if !digits.starts_with(|c: char| c.is_ascii_digit()) || digits.contains('%') {
        return None;
    }
    Some((sign * parse_number(digits)?, printed))
}

/// Tables with a "Change" (or "Difference") column after two columns of figures,
/// "Last year | This year | Change" or the other way round ("2024/25 | 2023/24 |
/// Change", as their titles say): each row's change must be the later figure less
/// the earlier. A change in per cent is
/// not judged here (it may be relative or in points).
pub(super) fn table_changes(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for grid in super::tables::grids(ctx) {
        let titles: Vec<String> = grid
            .table
            .columns
            .iter()
            .map(|c| c.title.trim().to_lowercase())
            .collect();
        for (col, title) in titles.iter().enumerate() {
            if col < 3
                || !super::tables::is_change_title(title)
                || title.contains('%')
                || title.contains("per cent")
            {
                continue;
            }
            let later_first = super::tables::later_first(&titles[col - 2], &titles[col - 1]);
            for row in 0..grid.body.len() {
                let cells = grid.row(row);
                let figure = |i: usize| cells.get(i).and_then(|c| super::tables::figure(c));
                let (Some(a), Some(b), Some((stated, printed))) = (
                    figure(col - 2),
                    figure(col - 1),
                    cells.get(col).and_then(|c| signed(c)),
                ) else {
                    continue;
                };
                if a.percent.is_some() || b.percent.is_some() {
                    continue;
                }
                let (a, b) = if later_first { (b, a) } else { (a, b) };
                let change = b.value - a.value;
                if (change - stated).abs() <= tolerance(printed) {
                    continue;
                }
                let lead = cells[col].find(printed).unwrap_or(0);
                let range = grid.range(row, col, Some(lead..lead + printed.len()));
                let label = cells.first().map_or("", |c| c.trim());
                let why = format!(
                    "\"{label}\" went from {} to {} in the table, a change of {}",
                    format::number(a.value, None),
                    format::number(b.value, None),
                    format::number(change, None)
                );
                out.push(finding(ctx, grid.unit, range, printed, &why));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_direction_is_read_across_units_and_times_between_its_figures() {
        let wrong = |s: &str| !directions(s, &[]).is_empty();
        assert!(wrong("Waiting times fell from 14 weeks to 19 weeks."));
        assert!(!wrong("Waiting times fell from 14 weeks to 9 weeks."));
        assert!(wrong(
            "Attendance rose from 1,306 last year to 1,112 this year."
        ));
        assert!(!wrong(
            "Attendance rose from 1,112 last year to 1,306 this year."
        ));
        assert!(wrong("The wait fell from 19 days to 26 days in the west."));
    }

    #[test]
    fn a_change_is_checked_against_the_figures_of_its_own_clause() {
        let findings = |s: &str| {
            let from_to = FROM_TO
                .captures(s)
                .map(|c| c.get(0).unwrap().start())
                .unwrap();
            claims(s, true)
                .iter()
                .filter(|c| speaks_of(s, c, from_to))
                .count()
        };
        // The referrals' figures are not the assessments'.
        assert_eq!(
            findings(
                "Referrals fell from 2,884 to 2,690 as more families were helped early, where assessments rose by 15%."
            ),
            0
        );
        // An apposition speaks of the figures before it.
        assert_eq!(findings("Contacts rose from 100 to 110, up 10%."), 1);
        // Another verb's figures later in the sentence are not the first claim's.
        assert_eq!(
            findings(
                "Plans fell by 47, and the number of children in need rose from 5,214 to 5,480."
            ),
            0
        );
        // Figures after a sized claim are its own.
        assert_eq!(findings("Contacts rose by 10% from 100 to 110."), 1);
    }
}
