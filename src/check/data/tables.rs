//! Tables as the data rules read them, whatever reader made them: cells as figures
//! ("£142,500", "2,140 (21.8%)"), the Total row wherever the reader put it, where each
//! cell is in the unit's text (so a finding points at the wrong cell), and the rows
//! that name what they count, for the text's statements of change.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Ctx;
use crate::assemble::{BlockKind, Table};
use crate::check::text::{Unit, UnitKind};

/// A figure in a cell: its value, and the percentage printed beside it, if any
/// ("2,140 (21.8%)"), with that percentage's place in the cell.
pub(super) struct Figure {
    pub value: f64,
    pub percent: Option<(f64, Range<usize>)>,
}

static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    crate::check::text::regex(
        r"^[\s*_]*£?\s*(-?\d[\d,]*(?:\.\d+)?)[\s*_]*(?:\(\s*((\d+(?:\.\d+)?)\s?%)\s*\))?[\s*_]*$",
    )
    .unwrap()
});

/// A cell read as a figure, or `None` for words, percentages and empty cells.
pub(super) fn figure(cell: &str) -> Option<Figure> {
    let c = FIGURE.captures(cell)?;
    let value = super::parse_number(&c[1])?;
    let percent = match (c.get(2), c.get(3)) {
        (Some(whole), Some(number)) => Some((super::parse_number(number.as_str())?, whole.range())),
        _ => None,
    };
    Some(Figure { value, percent })
}

/// A cell that is only emphasis or white space, or a dash: no figure, but no words.
pub(super) fn blank(cell: &str) -> bool {
    let t = cell.trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    t.is_empty() || matches!(t, "-" | "\u{2013}" | "\u{2014}")
}

/// Whether the tool made a table's figures (a data set's computed total or column),
/// so they cannot drift from their parts; a table read from a finished report is
/// never such, even when the reader keeps it as a data set.
pub(super) fn computed(ctx: &Ctx, table: &Table) -> bool {
    table
        .data
        .as_deref()
        .and_then(|id| ctx.facts.dataset(id))
        .is_some_and(|d| {
            d.totals.iter().any(Option::is_some)
                || d.columns
                    .iter()
                    .any(|c| c.formula != crate::model::Formula::Given)
        })
}

/// A table unit's rows, body then total, with the byte where each cell starts in the
/// unit's text (cells joined by " | ", as [`crate::check::text::units`] joins them).
pub(super) struct Grid<'a> {
    pub unit: &'a Unit<'a>,
    pub table: &'a Table,
    pub body: Vec<&'a [String]>,
    pub total: Option<&'a [String]>,
    starts: Vec<Vec<usize>>,
    /// Where each column title starts in the unit's text.
    pub title_starts: Vec<usize>,
}

impl<'a> Grid<'a> {
    /// The place of cell `col` of row `row` (body rows first, then the total) in the
    /// unit's text, narrowed to `within` of the cell when given.
    pub fn range(&self, row: usize, col: usize, within: Option<Range<usize>>) -> Range<usize> {
        let start = self.starts[row][col];
        let cell = self.row(row)[col].as_str();
        match within {
            Some(r) => start + r.start..start + r.end,
            None => start..start + cell.len(),
        }
    }

    pub fn row(&self, row: usize) -> &'a [String] {
        if row < self.body.len() {
            self.body[row]
        } else {
            self.total.expect("the total row")
        }
    }
}

/// Every table of the document, as a [`Grid`]. A Total row the reader left among the
/// body rows (Markdown) is taken out, as readers that know it do.
pub(super) fn grids<'a>(ctx: &'a Ctx) -> Vec<Grid<'a>> {
    let mut out = Vec::new();
    for unit in ctx.units.iter().filter(|u| u.kind == UnitKind::Table) {
        let BlockKind::Table(t) = &unit.block.kind else {
            continue;
        };
        let mut at = t.title.as_ref().map_or(0, |s| s.len() + 3);
        let mut title_starts = Vec::new();
        for c in &t.columns {
            title_starts.push(at);
            at += c.title.len() + 3;
        }
        let mut starts = Vec::new();
        for row in t.rows.iter().chain(&t.total) {
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
        let mut body: Vec<&[String]> = t.rows.iter().map(Vec::as_slice).collect();
        let mut total = t.total.as_deref();
        if total.is_none()
            && let Some(i) = body
                .iter()
                .rposition(|r| r.first().is_some_and(|c| crate::model::is_total_label(c)))
            && i + 1 == body.len()
        {
            total = Some(body.remove(i));
        }
        out.push(Grid {
            unit,
            table: t,
            body,
            total,
            starts,
            title_starts,
        });
    }
    out
}

/// A table row that names what it counts: its label's words, and its figures in
/// column order ("Contacts to the Front Door": 9,812, 10,406).
pub(super) struct LabelledRow {
    pub label: String,
    pub words: Vec<String>,
    pub values: Vec<f64>,
}

/// The words of a label or a subject that name a thing: lower case, a plural's `s`
/// dropped, without the words that only join or point ("the", "of", "number").
pub(super) fn content_words(text: &str) -> Vec<String> {
    const SKIP: &[&str] = &[
        "the", "of", "a", "an", "and", "to", "in", "on", "at", "for", "by", "number", "total",
        "our", "all", "which", "from", "with",
    ];
    let without_brackets: String = {
        let mut depth = 0;
        text.chars()
            .filter(|c| {
                match c {
                    '(' => depth += 1,
                    ')' => depth = (depth - 1).max(0),
                    _ => {}
                }
                depth == 0 && *c != ')'
            })
            .collect()
    };
    without_brackets
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| {
            let w = w.trim_matches('\'').to_lowercase();
            w.strip_suffix("'s").map_or(w.clone(), str::to_string)
        })
        .filter(|w| {
            !w.is_empty() && !SKIP.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit())
        })
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if stem.len() > 2 && !w.ends_with("ss") => stem.to_string(),
            _ => w,
        })
        .collect()
}

/// Whether a column title names a change: "Change", "Difference (number)"; not
/// "Changed practice" (a count of people whose practice changed).
pub(super) fn is_change_title(title: &str) -> bool {
    let title = title.trim().to_lowercase();
    ["change", "difference"].iter().any(|w| {
        title
            .strip_prefix(w)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
    })
}

/// When a column title places its figures: a year ("2023/24" ends in 2024), the year
/// before ("Previous year", "Last year"), or none said.
#[derive(Clone, Copy, PartialEq)]
enum When {
    Year(i32),
    Before,
}

fn when(title: &str) -> Option<When> {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| {
        crate::check::text::regex(r"\b((?:19|20)\d\d)(?:\s*[-/–]\s*(\d{2}|(?:19|20)\d\d))?\b")
            .unwrap()
    });
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        crate::check::text::regex(r"(?i)\b(?:previous|last|prior|preceding) year\b|\byear before\b")
            .unwrap()
    });
    if let Some(c) = YEAR.captures_iter(title).last() {
        let first: i32 = c[1].parse().ok()?;
        let end = match c.get(2).map(|m| m.as_str()) {
            Some(y) if y.len() == 2 => first / 100 * 100 + y.parse::<i32>().ok()?,
            Some(y) => y.parse().ok()?,
            None => first,
        };
        return Some(When::Year(end));
    }
    BEFORE.is_match(title).then_some(When::Before)
}

/// Whether two columns of figures, in the table's order, run from the later to the
/// earlier: "2024/25 | 2023/24", "This year | Last year", "Children | Previous year".
/// Reports lay them out either way; a change is the later less the earlier.
pub(super) fn later_first(first: &str, second: &str) -> bool {
    match (when(first), when(second)) {
        (Some(When::Year(a)), Some(When::Year(b))) => a > b,
        (a, Some(When::Before)) => a != Some(When::Before),
        _ => false,
    }
}

/// Every labelled row of every table, for the rules that compare the text with them:
/// its figures earliest first, its change columns left out.
pub(super) fn labelled_rows(ctx: &Ctx) -> Vec<LabelledRow> {
    let mut out = Vec::new();
    for grid in grids(ctx) {
        let title = |i: usize| grid.table.columns.get(i).map_or("", |c| c.title.as_str());
        for row in &grid.body {
            let Some(label) = row.first().filter(|c| figure(c).is_none()) else {
                continue;
            };
            let columns: Vec<usize> = (1..row.len())
                .filter(|&i| !is_change_title(title(i)) && figure(&row[i]).is_some())
                .collect();
            let mut values: Vec<f64> = columns
                .iter()
                .filter_map(|&i| figure(&row[i]).map(|f| f.value))
                .collect();
            if columns.len() >= 2 && later_first(title(columns[0]), title(columns[1])) {
                values.reverse();
            }
            let words = content_words(label);
            if values.len() >= 2 && !words.is_empty() {
                out.push(LabelledRow {
                    label: label
                        .trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_')
                        .to_string(),
                    words,
                    values,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_read_as_figures_with_their_percentages() {
        let f = figure("2,140 (21.8%)").unwrap();
        assert_eq!(f.value, 2140.0);
        assert_eq!(f.percent.map(|(p, _)| p), Some(21.8));
        assert_eq!(figure("**£266,654**").map(|f| f.value), Some(266654.0));
        assert!(figure("+6.1%").is_none());
        assert!(figure("Contacts").is_none());
    }

    #[test]
    fn labels_and_subjects_share_their_naming_words() {
        assert_eq!(
            content_words("Referrals to children's social care (% of contacts)"),
            vec!["referral", "children", "social", "care"]
        );
        assert_eq!(content_words("The number of Contacts"), vec!["contact"]);
    }
}
