//! Totals stated in prose, checked against the parts they name: a figure whose
//! parts follow its colon ("In total, 745 people gave us their views: 700 young people
//! and 35 parents"), sums of money listed with their total in one sentence ("Council
//! £188,000, Police £94,000 and the ICB £141,000, a total of £433,000"), and a total
//! beside a table whose column adds up to a near but different figure ("we trained a
//! total of 1,152 practitioners" under a table of courses).
//!
//! The rule a reader applies: a total names its parts, in the sentence or in the table
//! it sits by; when the parts are there and add up to something else, one of them is
//! wrong. A figure with no parts in reach, or one far from every column of the table
//! beside it (it counts something else), is not judged.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{DATA_TOTAL, parse_number, tables};
use crate::assemble::format;
use crate::check::Ctx;
use crate::check::text::{Unit, sentences};
use crate::diagnostic::Diagnostic;

/// A figure in running text: a count or a sum of money, not a percentage, not part
/// of a date, a range or a decimal.
static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r"(?:^|[^\w.,£/\-–])(£?\d(?:[\d,]*\d)?(?:\.\d+)?)").unwrap()
});
/// What may not follow a figure: a letter, a per cent sign, a slash or a dash (part of
/// a code, a rate, a date or a range). Checked without being consumed, so that in
/// "£96,000, £41,000 and £58,000" the space after one figure can lead the next.
fn ends_figure(after: &str) -> bool {
    !after.starts_with(|c: char| c.is_alphanumeric() || c == '_' || "%/-–".contains(c))
}
/// Words that make a figure a total: "a total of", "in total", "totalled", "the total
/// budget was".
static TOTAL_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r"(?i)\btotal(?:l?ed|ling)?\b|\bin all\b|\baltogether\b").unwrap()
});

/// A figure of the text: its value, whether it is money, and its place.
#[derive(Clone)]
pub(super) struct Stated {
    pub(super) value: f64,
    pub(super) money: bool,
    pub(super) range: Range<usize>,
}

/// The figures of a piece of text, years and ordinals left out.
pub(super) fn figures(text: &str) -> Vec<Stated> {
    FIGURE
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(1)?;
            let printed = m.as_str();
            let value = parse_number(printed)?;
            let money = printed.starts_with('£');
            let year = !money && !printed.contains(',') && (1900.0..2100.0).contains(&value);
            let after = &text[m.end()..];
            if !ends_figure(after) {
                return None;
            }
            let per_cent = after.trim_start().to_lowercase().starts_with("per cent");
            (!year && !per_cent && !ordinal(after) && !day_of_month(&text[..m.start()], after))
                .then(|| Stated {
                    value,
                    money,
                    range: m.range(),
                })
        })
        .collect()
}

/// Whether a figure is the day of a date: "31 March", "March 31".
fn day_of_month(before: &str, after: &str) -> bool {
    static MONTH: LazyLock<Regex> = LazyLock::new(|| {
        crate::check::text::regex(
            r"(?i)^\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
        )
        .unwrap()
    });
    static MONTH_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        crate::check::text::regex(
            r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s*$",
        )
        .unwrap()
    });
    MONTH.is_match(after) || MONTH_BEFORE.is_match(before)
}

fn ordinal(after: &str) -> bool {
    ["st ", "nd ", "rd ", "th "]
        .iter()
        .any(|s| after.starts_with(s))
}

/// Every check of this file on one unit of prose.
pub(super) fn prose_totals(
    ctx: &Ctx,
    unit: &Unit,
    grids: &[tables::Grid],
    out: &mut Vec<Diagnostic>,
) {
    if !unit.is_prose() {
        return;
    }
    for s in sentences(&unit.text) {
        let sentence = &unit.text[s.clone()];
        // A part written "£XX,XXX" is unknown: the placeholder is the finding.
        if crate::check::editorial::holds_placeholder(sentence) {
            continue;
        }
        let found = colon_breakdown(sentence)
            .or_else(|| money_list(sentence))
            .or_else(|| beside_table(sentence, unit, grids));
        if let Some((total, sum, parts)) = found {
            report(ctx, unit, s.start, sentence, &total, sum, &parts, out);
        }
    }
}

/// "9 notifications: 4 involving neglect, 3 involving injury and 1 involving
/// exploitation": the one figure before the colon of the parts' kind (counts or money),
/// and the list after it whose every item starts with a figure. Sums of money may be
/// named first ("£411,000 across the 18 months: council £200,000, police £81,000 and
/// ICB £120,000"): a partner's name is short; a count's lead words would be a phrase.
fn colon_breakdown(sentence: &str) -> Option<(Stated, f64, String)> {
    let colon = sentence.find(':')?;
    if sentence[colon + 1..].starts_with(|c: char| c.is_ascii_digit()) {
        // "10:30", "2:1": a time or a ratio.
        return None;
    }
    let rest = &sentence[colon + 1..];
    static ITEM_BREAK: LazyLock<Regex> = LazyLock::new(|| {
        crate::check::text::regex(r",\s+(?:and\s+)?|;\s*(?:and\s+)?|\s+and\s+").unwrap()
    });
    let items: Vec<&str> = ITEM_BREAK
        .split(rest.trim().trim_end_matches('.'))
        .collect();
    if items.len() < 2 {
        return None;
    }
    let mut sum = 0.0;
    let mut money = None;
    for item in &items {
        let item = item.trim();
        let first = figures(item).into_iter().next()?;
        // The item starts with its figure ("700 young people"), or a sum of money with
        // the short name of whose it is, and all are of one kind.
        let lead = item[..first.range.start].trim();
        let named = first.money && lead.split_whitespace().count() <= 3;
        if !(lead.is_empty() || named) || *money.get_or_insert(first.money) != first.money {
            return None;
        }
        if item.contains('%') {
            return None;
        }
        sum += first.value;
    }
    let before: Vec<Stated> = figures(&sentence[..colon])
        .into_iter()
        .filter(|f| Some(f.money) == money)
        .collect();
    let [total] = before.as_slice() else {
        return None;
    };
    Some((
        total.clone(),
        sum,
        "the parts after the colon add up to".into(),
    ))
}

/// "Council £188,000, Police £94,000 and ICB £141,000, a total of £433,000", "Of these,
/// 1,186 were about neglect, 902 about domestic abuse and 632 for other reasons,
/// making 2,720 in all": a sentence with a figure said to be the total and two or more
/// other figures of its kind (sums of money, or counts listed before it), its parts.
fn money_list(sentence: &str) -> Option<(Stated, f64, String)> {
    let all = figures(sentence);
    let total_at = all
        .iter()
        .position(|f| said_to_be_total(sentence, &f.range))?;
    let total = all[total_at].clone();
    // Counts are parts only when listed before their total, as a list of items.
    let parts: Vec<&Stated> = all
        .iter()
        .enumerate()
        .filter(|(i, f)| *i != total_at && f.money == total.money && (total.money || *i < total_at))
        .map(|(_, f)| f)
        .collect();
    if parts.len() < 2
        || !total.money && (parts.len() + 1 != all.len() || !listed(sentence, &parts))
    {
        return None;
    }
    let sum: f64 = parts.iter().map(|f| f.value).sum();
    // Parts that add up to more than the total are not its parts (a figure of the
    // year before, a budget beside spending); counts far below it are a subset.
    let near = sum <= total.value * 1.25 && (total.money || sum >= total.value * 0.8);
    let what = if total.money {
        "the sums listed with it add up to"
    } else {
        "the figures listed before it add up to"
    };
    near.then(|| (total, sum, what.into()))
}

/// Whether counts are the items of one list: each after the one before it with only a
/// comma or "and" and a few words between ("1,186 were about neglect, 902 about
/// domestic abuse and 688 about mental health").
fn listed(sentence: &str, parts: &[&Stated]) -> bool {
    parts.windows(2).all(|w| {
        let between = &sentence[w[0].range.end..w[1].range.start];
        (between.contains(',') || between.contains(" and "))
            && between.split_whitespace().count() <= 8
            && !between.contains(['.', ';', ':'])
    })
}

/// Whether the words just before or after a figure say it is a total: "a total of
/// £433,000", "£487,600 in total", "totalled 1,152".
fn said_to_be_total(sentence: &str, figure: &Range<usize>) -> bool {
    let before_start = sentence[..figure.start]
        .char_indices()
        .rev()
        .nth(40)
        .map_or(0, |(i, _)| i);
    let before = &sentence[before_start..figure.start];
    let after_end = sentence[figure.end..]
        .char_indices()
        .nth(25)
        .map_or(sentence.len(), |(i, _)| figure.end + i);
    let after = &sentence[figure.end..after_end];
    // The words before reach back to the last figure at most.
    let before = figures(before)
        .last()
        .map_or(before, |f| &before[f.range.end..]);
    static TOTAL_AFTER: LazyLock<Regex> = LazyLock::new(|| {
        crate::check::text::regex(r"(?i)^\s*(?:in total\b|(?:in all|altogether)\s*(?:$|[.,;:)]))")
            .unwrap()
    });
    TOTAL_WORDS.is_match(before) || TOTAL_AFTER.is_match(after)
}

/// "We trained a total of 1,152 practitioners" in a section with a table: the figure
/// said to be a total against the columns of the section's tables. Right when any
/// column adds up to it or states it; a finding when none does and one column adds up
/// to within a tenth of it (a slip in adding); not judged otherwise.
fn beside_table(
    sentence: &str,
    unit: &Unit,
    grids: &[tables::Grid],
) -> Option<(Stated, f64, String)> {
    let near: Vec<&tables::Grid> = grids
        .iter()
        .filter(|g| g.unit.section == unit.section)
        .collect();
    if near.is_empty() {
        return None;
    }
    let stated = figures(sentence)
        .into_iter()
        .filter(|f| said_to_be_total(sentence, &f.range))
        .collect::<Vec<_>>();
    let [total] = stated.as_slice() else {
        return None;
    };
    let columns: Vec<(String, f64, bool)> = near.iter().flat_map(|g| column_sums(g)).collect();
    let agrees = |v: f64| (v - total.value).abs() <= 0.5;
    if columns.iter().any(|(_, sum, _)| agrees(*sum)) || near.iter().any(|g| states(g, total.value))
    {
        return None;
    }
    let (title, sum, _) = columns
        .into_iter()
        .filter(|(_, sum, money)| *money == total.money && (sum - total.value).abs() <= 0.1 * sum)
        .min_by(|a, b| {
            (a.1 - total.value)
                .abs()
                .total_cmp(&(b.1 - total.value).abs())
        })?;
    Some((
        total.clone(),
        sum,
        format!("the \"{title}\" column of the table beside it adds up to"),
    ))
}

/// Each column of a table's body rows that holds figures: its title, its sum, and
/// whether it is money.
fn column_sums(grid: &tables::Grid) -> Vec<(String, f64, bool)> {
    let width = grid.body.iter().map(|r| r.len()).max().unwrap_or(0);
    (1..width)
        .filter_map(|col| {
            let title = grid.table.columns.get(col).map_or("", |c| c.title.as_str());
            let cells: Vec<&String> = grid.body.iter().filter_map(|r| r.get(col)).collect();
            let values: Vec<f64> = cells
                .iter()
                .filter_map(|c| tables::figure(c).map(|f| f.value))
                .collect();
            if title.contains('%') || values.len() < 2 {
                return None;
            }
            let money = cells.iter().any(|c| c.contains('£'));
            Some((title.to_string(), values.iter().sum(), money))
        })
        .collect()
}

/// Whether a table states a figure in any of its cells: a total the text repeats.
fn states(grid: &tables::Grid, value: f64) -> bool {
    grid.body
        .iter()
        .copied()
        .chain(grid.total)
        .flatten()
        .filter_map(|c| tables::figure(c))
        .any(|f| (f.value - value).abs() <= 0.5)
}

#[allow(clippy::too_many_arguments)]
fn report(
    ctx: &Ctx,
    unit: &Unit,
    at: usize,
    sentence: &str,
    total: &Stated,
    sum: f64,
    parts: &str,
    out: &mut Vec<Diagnostic>,
) {
    if (sum - total.value).abs() <= 0.5 {
        return;
    }
    let printed = &sentence[total.range.clone()];
    let show = |v: f64| {
        let n = format::number(v, None);
        if total.money { format!("£{n}") } else { n }
    };
    out.push(
        ctx.finding(
            DATA_TOTAL,
            ctx.locate(unit, at + total.range.start..at + total.range.end),
            format!(
                "{printed} is given as the total, but {parts} {}",
                show(sum)
            ),
        )
        .with_label(format!("the parts add up to {}", show(sum)))
        .with_help("correct the total or the part that is wrong; if the parts overlap or leave some out, say so in the sentence."),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_breakdown_after_a_colon_is_summed() {
        let (total, sum, _) = colon_breakdown(
            "In total, 745 people gave us their views: 700 young people and 35 parents.",
        )
        .unwrap();
        assert_eq!((total.value, sum), (745.0, 735.0));
        assert!(colon_breakdown("In 2023 we met: monthly, and more in winter.").is_none());
        assert!(colon_breakdown("We held 3 events: one in May and 2 in June.").is_none());
    }

    #[test]
    fn money_listed_with_its_total_is_summed() {
        let (total, sum, _) = money_list(
            "Council £188,000, Police £94,000 and ICB £141,000, a total partnership budget of £433,000.",
        )
        .unwrap();
        assert_eq!((total.value, sum), (433000.0, 423000.0));
        assert!(money_list("The council gave £188,000 and the police £94,000.").is_none());
    }

    #[test]
    fn a_comma_after_one_figure_does_not_hide_the_next() {
        let listed = "The partners give £96,000, £41,000 and £58,000, a total of £195,000.";
        let values: Vec<f64> = figures(listed).iter().map(|f| f.value).collect();
        assert_eq!(values, [96000.0, 41000.0, 58000.0, 195000.0]);
        let (_, sum, _) = money_list(listed).unwrap();
        assert_eq!(sum, 195000.0);
        // A rate, a code and a range are still not figures of a sum.
        assert!(figures("12.5% of 40/60 cases, 3-4 times, B12").is_empty());
    }
}
