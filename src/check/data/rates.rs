//! Rates: percentages that do not follow from the counts they are stated with.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{DATA_RATE, parse_number, tables, tolerance};
use crate::assemble::format;
use crate::check::Ctx;
use crate::check::text::{Unit, UnitKind, sentences};
use crate::diagnostic::Diagnostic;
use crate::model::{Formula, Unit as DataUnit, number};

static PCT_OF: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r"(?i)(\d[\d,]*(?:\.\d+)?)\s?%\s*\(\s*(\d[\d,]*)\s+(?:out\s+of|of)\s+(?:the\s+)?(\d[\d,]*)\b").unwrap()
});
/// "144 of 152 schools returned it (95%)", "2,104 of 2,390 visits within 14 days
/// (88%)": a figure between the counts and the percentage is only a time they are
/// counted within, never another count.
static OF_PCT: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r"(?i)\b(\d[\d,]*)\s+(?:out\s+of|of)\s+(?:the\s+)?(\d[\d,]*)\b(?:[^.%\d;]|\d+\s+(?:working\s+)?(?:days?|weeks?|hours?|months?|years?)\b){0,100}?\(\s*(\d[\d,]*(?:\.\d+)?)\s?%\s*\)").unwrap()
});
static OF_THE: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r"(?i)\bof\s+(?:the|these|those|all)?\s*(\d[\d,]*)\b[^.;:()%]{0,120}?,\s+(\d[\d,]*)\b[^.;:()%]{0,60}?\(\s*(\d[\d,]*(?:\.\d+)?)\s?%\s*\)").unwrap()
});
/// "In 70 of them (88%)", "Of these, 212 (87%) had …": a count of a whole named in the
/// sentence before.
static OF_THOSE: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r"(?i)\b(\d[\d,]*)\s+of\s+(?:them|these|those)\b[^.%\d;]{0,60}?\(\s*(\d[\d,]*(?:\.\d+)?)\s?%\s*\)|\bof\s+(?:them|these|those),\s+(\d[\d,]*)\s*\(\s*(\d[\d,]*(?:\.\d+)?)\s?%\s*\)").unwrap()
});
static COUNT_PCT: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r"(?:^|[^\d.,£])(\d[\d,]*)\s*\(\s*(\d+(?:\.\d+)?)\s?%\s*\)").unwrap()
});
static PCT_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(r"(?:^|[^\d.,£])(\d+(?:\.\d+)?)\s?%\s*\(\s*(\d[\d,]*)\s*\)").unwrap()
});

/// Percentages stated with their counts in a sentence.
pub(super) fn text_rates(ctx: &Ctx, unit: &Unit, out: &mut Vec<Diagnostic>) {
    if !unit.is_prose() && unit.kind != UnitKind::Html {
        return;
    }
    let text = &unit.text;
    let report = |range: Range<usize>,
                  printed: &str,
                  part: f64,
                  whole: f64,
                  out: &mut Vec<Diagnostic>| {
        let Some(stated) = parse_number(printed) else {
            return;
        };
        if whole <= 0.0 {
            return;
        }
        let exact = 100.0 * part / whole;
        if (exact - stated).abs() > tolerance(printed) {
            let places = printed.split_once('.').map_or(0, |(_, f)| f.len());
            let should = format::number(exact, Some(places as u8));
            out.push(
                ctx.finding(
                    DATA_RATE,
                    ctx.locate(unit, range),
                    format!(
                        "{printed}% does not follow from its counts: {} of {} is {}%, which prints as {should}%",
                        format::number(part, None),
                        format::number(whole, None),
                        format::number(exact, Some(2))
                    ),
                )
                .with_label(format!("should be {should}%"))
                .with_help(ctx.advice(
                    "let the tool compute it: {{ percent(part=…, whole=…) | pct }} in the text, or a `percent:` column in a data set.",
                    "work the percentage out again from its counts and correct it.",
                )),
            );
        }
    };
    for c in PCT_OF.captures_iter(text) {
        if let (Some(part), Some(whole)) = (parse_number(&c[2]), parse_number(&c[3])) {
            let m = c.get(1).unwrap();
            report(m.start()..m.end() + 1, m.as_str(), part, whole, out);
        }
    }
    for c in OF_PCT.captures_iter(text) {
        if let (Some(part), Some(whole)) = (parse_number(&c[1]), parse_number(&c[2])) {
            let m = c.get(3).unwrap();
            report(m.start()..m.end() + 1, m.as_str(), part, whole, out);
        }
    }
    // "Of the 52 children who went missing, 41 (85%) were discussed".
    for c in OF_THE.captures_iter(text) {
        if let (Some(whole), Some(part)) = (parse_number(&c[1]), parse_number(&c[2])) {
            let m = c.get(3).unwrap();
            report(m.start()..m.end() + 1, m.as_str(), part, whole, out);
        }
    }
    for (at, printed, part, whole) in of_those(text) {
        report(at, &printed, part, whole, out);
    }
    // Splits: "204 (54%) were boys and 174 (46%) girls", within one sentence.
    for s in sentences(text) {
        let sentence = &text[s.clone()];
        let mut pairs: Vec<(f64, Range<usize>, String)> = Vec::new();
        for c in COUNT_PCT.captures_iter(sentence) {
            if let Some(n) = parse_number(&c[1]) {
                let m = c.get(2).unwrap();
                pairs.push((
                    n,
                    s.start + m.start()..s.start + m.end() + 1,
                    m.as_str().to_string(),
                ));
            }
        }
        for c in PCT_COUNT.captures_iter(sentence) {
            if let Some(n) = parse_number(&c[2]) {
                let m = c.get(1).unwrap();
                pairs.push((
                    n,
                    s.start + m.start()..s.start + m.end() + 1,
                    m.as_str().to_string(),
                ));
            }
        }
        if !split_of_a_whole(&pairs) {
            continue;
        }
        let whole: f64 = pairs.iter().map(|(n, _, _)| n).sum();
        for (n, range, printed) in &pairs {
            report(range.clone(), printed, *n, whole, out);
        }
    }
}

/// "We audited 260 referrals. Of these, 212 (87%) …": each percentage of a count "of
/// them", with the whole it is of, the one count of the sentence before (with none,
/// or several, the whole is not known). Its place, as printed, the part and the whole.
fn of_those(text: &str) -> Vec<(Range<usize>, String, f64, f64)> {
    let mut found = Vec::new();
    for pair in sentences(text).windows(2) {
        let [before, s] = [&pair[0], &pair[1]];
        let counts: Vec<f64> = super::prose_totals::figures(&text[before.clone()])
            .into_iter()
            .filter(|f| !f.money)
            .map(|f| f.value)
            .collect();
        let [whole] = counts.as_slice() else { continue };
        for c in OF_THOSE.captures_iter(&text[s.clone()]) {
            let (part, pct) = match (c.get(1), c.get(2)) {
                (Some(n), Some(p)) => (n, p),
                _ => (c.get(3).unwrap(), c.get(4).unwrap()),
            };
            if let Some(part) = parse_number(part.as_str()).filter(|p| p <= whole) {
                let at = s.start + pct.start()..s.start + pct.end() + 1;
                found.push((at, pct.as_str().to_string(), part, *whole));
            }
        }
    }
    found
}

/// Whether counts printed with percentages are the parts of one whole (their sum):
/// the percentages add up to 100, or most of them (at least two) follow from that
/// sum, so that one wrong percentage does not hide the others' base.
fn split_of_a_whole(pairs: &[(f64, Range<usize>, String)]) -> bool {
    if pairs.len() < 2 {
        return false;
    }
    let pct_sum: f64 = pairs.iter().filter_map(|(_, _, p)| parse_number(p)).sum();
    let whole: f64 = pairs.iter().map(|(n, _, _)| n).sum();
    let matching = pairs
        .iter()
        .filter(|(n, _, p)| {
            parse_number(p)
                .is_some_and(|v| whole > 0.0 && (100.0 * n / whole - v).abs() <= tolerance(p))
        })
        .count();
    (pct_sum - 100.0).abs() <= 1.5 || (matching >= 2 && matching * 2 > pairs.len())
}

/// A percentage column typed beside the two counts it comes from.
pub(super) fn table_rates(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for d in &ctx.facts.datasets {
        let counts: Vec<usize> = d
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c.unit, DataUnit::Count | DataUnit::Number))
            .map(|(i, _)| i)
            .collect();
        for (pc, column) in d.columns.iter().enumerate() {
            if column.unit != DataUnit::Percent || column.formula != Formula::Given {
                continue;
            }
            // The pair of count columns the percentages follow from: the pair whose
            // ratio they match (within rounding) in most rows, as for typed tables.
            let mut best: Option<((usize, usize), usize)> = None;
            for &a in &counts {
                for &b in &counts {
                    if a == b {
                        continue;
                    }
                    let rows: Vec<(f64, f64, f64)> = d
                        .rows
                        .iter()
                        .filter_map(|r| Some((number(&r[a])?, number(&r[b])?, number(&r[pc])?)))
                        .filter(|(_, w, _)| *w > 0.0)
                        .collect();
                    let matching = rows
                        .iter()
                        .filter(|(p, w, s)| (100.0 * p / w - s).abs() <= 1.5)
                        .count();
                    if matching >= 2
                        && matching * 3 >= rows.len() * 2
                        && best.is_none_or(|(_, m)| matching > m)
                    {
                        best = Some(((a, b), matching));
                    }
                }
            }
            let Some(((a, b), _)) = best else { continue };
            let places = column.places.map_or(0, i32::from);
            let tol = 0.5 * 10f64.powi(-places) + 1e-9;
            let mut rounded = 0;
            let mut wrong = Vec::new();
            for (i, row) in d.rows.iter().enumerate() {
                let (Some(p), Some(w), Some(s)) =
                    (number(&row[a]), number(&row[b]), number(&row[pc]))
                else {
                    continue;
                };
                if w <= 0.0 {
                    continue;
                }
                let exact = 100.0 * p / w;
                if (exact - s).abs() > tol {
                    wrong.push((i, exact, s));
                } else if exact.fract() != 0.0 {
                    rounded += 1;
                }
            }
            for (i, exact, stated) in &wrong {
                let how = if rounded > 0 {
                    " (the table rounds other rows, so it rounds inconsistently)"
                } else {
                    ""
                };
                out.push(
                    ctx.finding(
                        DATA_RATE,
                        d.row_spans[*i].clone(),
                        format!(
                            "\"{}\" is {}% in this row, but {} ÷ {} is {}%{how}",
                            column.title,
                            format::number(*stated, None),
                            d.columns[a].title,
                            d.columns[b].title,
                            format::number(*exact, Some(2))
                        ),
                    )
                    .with_label(format!("should be {}%", format::number(*exact, Some(places as u8))))
                    .with_help(format!(
                        "let the tool compute the column: replace the typed values with `percent: [{}, {}]` on the column.",
                        d.columns[a].id, d.columns[b].id
                    )),
                );
            }
        }
    }
}

/// A typed table's cells as numbers: a percentage ("40%"), a count ("1,240") or
/// neither (text, money, empty).
#[derive(Clone, Copy, PartialEq)]
enum Typed {
    Percent(f64),
    Count(f64),
    Other,
}

fn typed(cell: &str) -> Typed {
    let cell = cell.trim();
    if cell.contains('£') {
        return Typed::Other;
    }
    match parse_number(cell) {
        Some(v) if cell.ends_with('%') => Typed::Percent(v),
        Some(v)
            if cell
                .chars()
                .all(|c| c.is_ascii_digit() || ",. ".contains(c)) =>
        {
            Typed::Count(v)
        }
        _ => Typed::Other,
    }
}

/// How far from a percentage column its two count columns are looked for: a rate is
/// typed beside the counts it comes from. Tables up to this wide are searched whole;
/// in wider ones (a file made to be slow has thousands of columns) each percentage
/// column looks at its neighbours only, so the search grows with the width, not its
/// cube.
const RATE_WINDOW: usize = 12;

/// The pair of count columns a typed percentage column follows from: the pair whose
/// ratio it matches in most rows (at least two, and two thirds of those with both),
/// among the columns within [`RATE_WINDOW`] of it.
fn rate_pair(rows: &[Vec<Typed>], pc: usize, printed: &[Vec<&str>]) -> Option<(usize, usize)> {
    let width = rows.first()?.len();
    if !rows.iter().any(|r| matches!(r[pc], Typed::Percent(_))) {
        return None;
    }
    let near = pc.saturating_sub(RATE_WINDOW)..width.min(pc + RATE_WINDOW + 1);
    let mut best: Option<((usize, usize), usize)> = None;
    for a in near.clone() {
        for b in near.clone() {
            if a == b || a == pc || b == pc {
                continue;
            }
            let (mut usable, mut matching) = (0, 0);
            for (row, text) in rows.iter().zip(printed) {
                if let (Typed::Count(p), Typed::Count(w), Typed::Percent(s)) =
                    (row[a], row[b], row[pc])
                    && w > 0.0
                {
                    usable += 1;
                    if (100.0 * p / w - s).abs() <= tolerance(text[pc]) {
                        matching += 1;
                    }
                }
            }
            if matching >= 2 && matching * 3 >= usable * 2 && best.is_none_or(|(_, m)| matching > m)
            {
                best = Some(((a, b), matching));
            }
        }
    }
    best.map(|(pair, _)| pair)
}

/// Percentages typed beside their counts, as tables imported from Word have them: a
/// percent column that is the ratio of two count columns in most rows is a rate, and
/// a row where it is not is a finding.
pub(super) fn typed_table_rates(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for unit in ctx.units.iter().filter(|u| u.kind == UnitKind::Table) {
        let crate::assemble::BlockKind::Table(t) = &unit.block.kind else {
            continue;
        };
        let width = t.columns.len();
        if t.data.is_some() || width < 3 || t.rows.iter().any(|r| r.len() != width) {
            continue;
        }
        let printed: Vec<Vec<&str>> = t
            .rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let rows: Vec<Vec<Typed>> = t
            .rows
            .iter()
            .map(|r| r.iter().map(|c| typed(c)).collect())
            .collect();
        // Where each cell starts in the unit's text (cells joined by " | ").
        let mut at = t.title.as_ref().map_or(0, |s| s.len() + 3);
        at += t.columns.iter().map(|c| c.title.len() + 3).sum::<usize>();
        let mut starts = Vec::new();
        for row in &t.rows {
            starts.push(
                row.iter()
                    .map(|c| {
                        let s = at;
                        at += c.len() + 3;
                        s
                    })
                    .collect::<Vec<_>>(),
            );
        }
        for pc in 0..width {
            let Some((a, b)) = rate_pair(&rows, pc, &printed) else {
                continue;
            };
            for (i, row) in rows.iter().enumerate() {
                let (Typed::Count(p), Typed::Count(w), Typed::Percent(s)) =
                    (row[a], row[b], row[pc])
                else {
                    continue;
                };
                let exact = 100.0 * p / w;
                if w <= 0.0 || (exact - s).abs() <= tolerance(printed[i][pc]) {
                    continue;
                }
                let cell = starts[i][pc]..starts[i][pc] + printed[i][pc].len();
                out.push(
                    ctx.finding(
                        DATA_RATE,
                        ctx.locate(unit, cell),
                        format!(
                            "\"{}\" is {} in this row, but {} ÷ {} is {}% ({} of {})",
                            t.columns[pc].title,
                            printed[i][pc],
                            t.columns[a].title,
                            t.columns[b].title,
                            format::number(exact, Some(1)),
                            printed[i][a],
                            printed[i][b],
                        ),
                    )
                    .with_label(format!("should be {}%", format::number(exact, Some(0))))
                    .with_help(ctx.advice(
                        "correct the percentage; better, put the counts in a data set and let the tool compute it (`percent: [part, whole]` on the column).",
                        "work the percentage out again from its counts and correct it.",
                    )),
                );
            }
        }
    }
}

/// Percentages printed in table cells with their counts, whichever reader made the
/// table: "2,640 of 2,900 (93.1%)" in one cell; several "count (P%)" in one cell,
/// as parts of their sum; and "count (P%)" cells whose base is another row of the
/// same column ("Referrals (% of contacts)") or the column's own total.
pub(super) fn cell_rates(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for grid in tables::grids(ctx) {
        if tables::computed(ctx, grid.table) {
            continue;
        }
        // A reader that merges a column's cells leaves its figures in the title.
        for (column, at) in grid.table.columns.iter().zip(&grid.title_starts) {
            in_cell_rates(ctx, grid.unit, *at, &column.title, out);
        }
        let rows = grid.body.len() + usize::from(grid.total.is_some());
        for r in 0..rows {
            for (c, cell) in grid.row(r).iter().enumerate() {
                let at = grid.range(r, c, None).start;
                in_cell_rates(ctx, grid.unit, at, cell, out);
            }
        }
        based_cells(ctx, &grid, out);
    }
}

/// "N of M (P%)" and lists of "N (P%)" inside one cell, read as a sentence is.
fn in_cell_rates(ctx: &Ctx, unit: &Unit, at: usize, cell: &str, out: &mut Vec<Diagnostic>) {
    let mut found = Vec::new();
    for c in OF_PCT.captures_iter(cell) {
        if let (Some(part), Some(whole)) = (parse_number(&c[1]), parse_number(&c[2])) {
            let m = c.get(3).unwrap();
            found.push((
                at + m.start()..at + m.end() + 1,
                m.as_str().to_string(),
                part,
                whole,
            ));
        }
    }
    let pairs: Vec<(f64, Range<usize>, String)> = COUNT_PCT
        .captures_iter(cell)
        .filter_map(|c| {
            let m = c.get(2).unwrap();
            Some((
                parse_number(&c[1])?,
                at + m.start()..at + m.end() + 1,
                m.as_str().to_string(),
            ))
        })
        .collect();
    if split_of_a_whole(&pairs) {
        let whole: f64 = pairs.iter().map(|(n, _, _)| n).sum();
        for (n, range, printed) in pairs {
            found.push((range, printed, n, whole));
        }
    }
    for (range, printed, part, whole) in found {
        if let Some(d) = rate_finding(ctx, unit, range, &printed, part, whole) {
            out.push(d);
        }
    }
}

/// A finding when `printed`% is not `part` of `whole` within rounding.
fn rate_finding(
    ctx: &Ctx,
    unit: &Unit,
    range: Range<usize>,
    printed: &str,
    part: f64,
    whole: f64,
) -> Option<Diagnostic> {
    let stated = parse_number(printed)?;
    let exact = 100.0 * part / whole;
    if whole <= 0.0 || (exact - stated).abs() <= tolerance(printed) {
        return None;
    }
    let places = printed.split_once('.').map_or(0, |(_, f)| f.len());
    let should = format::number(exact, Some(places as u8));
    Some(
        ctx.finding(
            DATA_RATE,
            ctx.locate(unit, range),
            format!(
                "{printed}% does not follow from its counts: {} of {} is {}%, which prints as {should}%",
                format::number(part, None),
                format::number(whole, None),
                format::number(exact, Some(2))
            ),
        )
        .with_label(format!("should be {should}%"))
        .with_help(ctx.advice(
                        "correct the percentage; better, put the counts in a data set and let the tool compute it (`percent: [part, whole]` on the column).",
                        "work the percentage out again from its counts and correct it.",
                    )),
    )
}

/// The bases a row's "count (P%)" cells may follow from: each other row with a
/// figure in the same columns, the column's Total row, and the sum of the column's
/// rows. A base is the row's when it gives the printed percentage in at least one
/// column and in at least half of them.
fn based_cells(ctx: &Ctx, grid: &tables::Grid, out: &mut Vec<Diagnostic>) {
    let figures: Vec<Vec<Option<tables::Figure>>> = grid
        .body
        .iter()
        .map(|r| r.iter().map(|c| tables::figure(c)).collect())
        .collect();
    let width = figures.iter().map(Vec::len).max().unwrap_or(0);
    let value =
        |r: &[Option<tables::Figure>], c: usize| r.get(c).and_then(|f| f.as_ref().map(|f| f.value));
    let total: Vec<Option<f64>> = (0..width)
        .map(|c| {
            grid.total
                .and_then(|t| t.get(c))
                .and_then(|t| tables::figure(t))
                .map(|f| f.value)
        })
        .collect();
    let sums: Vec<Option<f64>> = (0..width)
        .map(|c| figures.iter().map(|r| value(r, c)).sum::<Option<f64>>())
        .collect();
    for (i, row) in figures.iter().enumerate() {
        let cells: Vec<(usize, f64, f64, &str)> = row
            .iter()
            .enumerate()
            .filter_map(|(c, f)| {
                let f = f.as_ref()?;
                let (p, r) = f.percent.clone()?;
                Some((c, f.value, p, &grid.body[i][c][r]))
            })
            .collect();
        if cells.is_empty() {
            continue;
        }
        let mut bases: Vec<Vec<Option<f64>>> = vec![total.clone(), sums.clone()];
        // A row's base is near it ("of which …" under its base), and looking only
        // there keeps a table made to be slow (thousands of rows) linear.
        bases.extend(
            figures
                .iter()
                .enumerate()
                .filter(|(b, _)| *b != i && b.abs_diff(i) <= RATE_WINDOW)
                .map(|(_, r)| (0..width).map(|c| value(r, c)).collect()),
        );
        let fits = |base: &[Option<f64>], &(c, n, p, printed): &(usize, f64, f64, &str)| {
            base[c]
                .filter(|w| *w > 0.0)
                .map(|w| (100.0 * n / w - p).abs() <= tolerance(printed))
        };
        let chosen: Vec<&Vec<Option<f64>>> = bases
            .iter()
            .filter(|base| {
                let judged: Vec<bool> = cells.iter().filter_map(|cell| fits(base, cell)).collect();
                let good = judged.iter().filter(|g| **g).count();
                good >= 1 && good * 2 >= judged.len() && judged.len() >= 2
            })
            .collect();
        if chosen.is_empty() {
            continue;
        }
        for cell in &cells {
            if chosen.iter().any(|base| fits(base, cell) != Some(false)) {
                continue;
            }
            let base = chosen[0][cell.0].unwrap_or(0.0);
            let within = row[cell.0]
                .as_ref()
                .and_then(|f| f.percent.clone())
                .map(|(_, r)| r);
            let range = grid.range(i, cell.0, within);
            if let Some(d) = rate_finding(
                ctx,
                grid.unit,
                range,
                cell.3.trim_end_matches('%'),
                cell.1,
                base,
            ) {
                out.push(d);
            }
        }
    }
}
