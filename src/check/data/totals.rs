//! Totals: stated totals and Total rows that differ from the sum of their parts.

use std::sync::LazyLock;

use regex::Regex;

use super::{DATA_TOTAL, parse_number, tables};
use crate::assemble::format;
use crate::check::Ctx;
use crate::check::text::{Unit, sentences};
use crate::diagnostic::Diagnostic;
use crate::model::column_total as rows_total;

pub(super) fn stated_totals(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for d in &ctx.facts.datasets {
        for stated in &d.stated_totals {
            let Some(sum) = rows_total(&d.rows, stated.column) else {
                continue;
            };
            let column = &d.columns[stated.column];
            let tol = if stated.value.fract() == 0.0 {
                0.5
            } else {
                0.05
            };
            if (sum - stated.value).abs() > tol {
                let show = |v: f64| format::value(v, column.unit, column.places, false);
                out.push(
                    ctx.finding(
                        DATA_TOTAL,
                        stated.span.clone(),
                        format!(
                            "the stated total of \"{}\" is {}, but its {} rows add up to {}",
                            column.title,
                            show(stated.value),
                            d.rows.len(),
                            show(sum)
                        ),
                    )
                    .with_label(format!("the rows add up to {}", show(sum)))
                    .with_help("correct the wrong row or the total; or remove `stated_totals` and let the tool compute the total with `total: true` on the column."),
                );
            }
        }
    }
}

/// The Total row of every table, whichever reader made it (Word, PDF, HTML, Markdown,
/// text), against the sum of the rows above it, column by column.
pub(super) fn table_totals(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for grid in tables::grids(ctx) {
        let Some(total) = grid.total else { continue };
        if tables::computed(ctx, grid.table) || grid.body.len() < 2 {
            continue;
        }
        // A table with subtotals among its rows adds up in a way this cannot follow.
        if grid.body.iter().any(|r| {
            r.first()
                .is_some_and(|c| c.to_lowercase().contains("total"))
        }) {
            continue;
        }
        for col in 1..total.len() {
            column_total(ctx, &grid, col, out);
        }
    }
}

/// One column of a table's Total row: a finding when the rows above add up to more
/// than rounding away from it.
fn column_total(ctx: &Ctx, grid: &tables::Grid, col: usize, out: &mut Vec<Diagnostic>) {
    let total = grid.total.expect("a total row");
    let stated_text = total[col].as_str();
    let title = grid.table.columns.get(col).map_or("", |c| c.title.as_str());
    if stated_text.contains('%') || title.contains('%') {
        return;
    }
    let Some(stated) = tables::figure(stated_text) else {
        return;
    };
    let mut values = Vec::new();
    for row in &grid.body {
        match row.get(col) {
            Some(cell) => match tables::figure(cell) {
                Some(f) => values.push(f.value),
                None if tables::blank(cell) => {}
                None => return,
            },
            None => {}
        }
    }
    if values.len() < 2 {
        return;
    }
    let sum: f64 = values.iter().sum();
    let printed = stated_text.trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    if (sum - stated.value).abs() <= super::tolerance(printed) {
        return;
    }
    let money = printed.starts_with('£');
    let show = |v: f64| {
        let n = format::number(v, None);
        if money { format!("£{n}") } else { n }
    };
    let row = grid.body.len();
    let trimmed = {
        let cell = &total[col];
        let lead = cell.find(printed).unwrap_or(0);
        lead..lead + printed.len()
    };
    out.push(
        ctx.finding(
            DATA_TOTAL,
            ctx.locate(grid.unit, grid.range(row, col, Some(trimmed))),
            format!(
                "the total of \"{title}\" is {printed}, but the {} rows above add up to {}",
                values.len(),
                show(sum)
            ),
        )
        .with_label(format!("the rows add up to {}", show(sum)))
        .with_help(ctx.advice(
            "correct the wrong row or the total; better, put the figures in a data set so the tool computes the total.",
            "add the rows up again and correct the wrong row or the total.",
        )),
    );
}

/// Tables whose last column is titled "Total": each row's total against the figures
/// of the columns between its label and the total ("Eastmarsh | Pelham | Rowntree |
/// Total"). A row with a word or a percentage among them is not judged (its columns
/// are not parts of one whole), nor a column titled with a percentage.
pub(super) fn row_totals(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for grid in tables::grids(ctx) {
        let titles = &grid.table.columns;
        let last = titles.len().saturating_sub(1);
        let is_total_title = |t: &str| t.trim().eq_ignore_ascii_case("total");
        if last < 3
            || !titles.last().is_some_and(|c| is_total_title(&c.title))
            || titles.iter().any(|c| c.title.contains('%'))
            || tables::computed(ctx, grid.table)
        {
            continue;
        }
        for row in 0..grid.body.len() + usize::from(grid.total.is_some()) {
            let cells = grid.row(row);
            if cells.len() != titles.len() {
                continue;
            }
            let parts: Option<Vec<f64>> = cells[1..last]
                .iter()
                .map(|c| {
                    tables::figure(c)
                        .filter(|f| f.percent.is_none())
                        .map(|f| f.value)
                })
                .collect();
            let (Some(parts), Some(stated)) = (parts, tables::figure(&cells[last])) else {
                continue;
            };
            let sum: f64 = parts.iter().sum();
            let printed =
                cells[last].trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
            if stated.percent.is_some() || (sum - stated.value).abs() <= super::tolerance(printed) {
                continue;
            }
            let lead = cells[last].find(printed).unwrap_or(0);
            let label = cells[0].trim();
            let sum_shown = if printed.starts_with('£') {
                format!("£{}", format::number(sum, None))
            } else {
                format::number(sum, None)
            };
            out.push(
                ctx.finding(
                    DATA_TOTAL,
                    ctx.locate(grid.unit, grid.range(row, last, Some(lead..lead + printed.len()))),
                    format!(
                        "the total of \"{label}\" is {printed}, but the {} figures beside it add up to {sum_shown}",
                        parts.len(),
                    ),
                )
                .with_label(format!("the row adds up to {sum_shown}"))
                .with_help("add the row up again and correct the wrong figure or the total."),
            );
        }
    }
}

static BREAKDOWN: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r":\s*((?:[A-Z][A-Za-z ]{1,25}:\s*\d[\d,]*[\s,;]*(?:and\s+)?){2,})")
        .unwrap()
});
static BREAKDOWN_PART: LazyLock<Regex> =
    LazyLock::new(|| crate::check::text::regex(r"([A-Z][A-Za-z ]{1,25}):\s*(\d[\d,]*)").unwrap());
static LEADING_TOTAL: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r"^(?:(?i:a total of|in total|total:?)\s+)?(\d[\d,]*)\b").unwrap()
});

/// "87 children identified: Emerging: 33 Moderate: 33 Significant: 21": a sentence that
/// starts with a figure and ends with its breakdown.
pub(super) fn text_breakdowns(ctx: &Ctx, unit: &Unit, out: &mut Vec<Diagnostic>) {
    if !unit.is_prose() {
        return;
    }
    for s in sentences(&unit.text) {
        let sentence = &unit.text[s.clone()];
        let Some(c) = BREAKDOWN.captures(sentence) else {
            continue;
        };
        let prefix = &sentence[..c.get(0).unwrap().start()];
        let Some(t) = LEADING_TOTAL.captures(prefix) else {
            continue;
        };
        let total_m = t.get(1).unwrap();
        let Some(total) = parse_number(total_m.as_str()) else {
            continue;
        };
        let parts: Vec<(String, f64)> = BREAKDOWN_PART
            .captures_iter(&c[1])
            .filter_map(|p| Some((p[1].trim().to_string(), parse_number(&p[2])?)))
            .collect();
        if parts.len() < 2 {
            continue;
        }
        let sum: f64 = parts.iter().map(|(_, v)| v).sum();
        if (sum - total).abs() > 0.5 {
            let list: Vec<String> = parts
                .iter()
                .map(|(l, v)| format!("{l} {}", format::number(*v, None)))
                .collect();
            let range = s.start + total_m.start()..s.start + total_m.end();
            out.push(
                ctx.finding(
                    DATA_TOTAL,
                    ctx.locate(unit, range),
                    format!("{} is given as the total, but its parts ({}) add up to {}", total_m.as_str(), list.join(", "), format::number(sum, None)),
                )
                .with_label(format!("the parts add up to {}", format::number(sum, None)))
                .with_help("correct the total or the part that is wrong; if the parts overlap or leave some out, say so in the sentence."),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breakdowns_are_read() {
        let text = "87 children identified vulnerable to CE in the last 12 months: Emerging: 33 Moderate: 33 Significant: 20";
        let c = BREAKDOWN.captures(text).unwrap();
        assert_eq!(BREAKDOWN_PART.captures_iter(&c[1]).count(), 3);
        let prefix = &text[..c.get(0).unwrap().start()];
        assert_eq!(&LEADING_TOTAL.captures(prefix).unwrap()[1], "87");
    }
}
