//! Data sets (`content/data/*.yaml`): every figure the report states, typed, with its
//! unit and source. Computed columns and totals are worked out here, once, so the
//! template, the renderers and the checker all see the same numbers.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_saphyr::Spanned;

use super::Date;

/// A data set file as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Data set",
    description = "A table of figures and/or named figures."
)]
pub struct DataSetFile {
    /// The table's caption; a data set without one shows an untitled table (as an
    /// imported table that had no caption in Word does until someone gives it one).
    #[serde(default)]
    pub title: Option<String>,
    /// Where the figures come from.
    #[serde(default)]
    pub source: Option<String>,
    /// The date the figures describe.
    #[serde(default)]
    pub as_of: Option<Date>,
    /// The column whose values name rows, for `DATA.by.NAME` in templates.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub key: Option<Spanned<String>>,
    #[serde(default)]
    pub columns: Vec<Column>,
    #[serde(default)]
    #[schemars(with = "Vec<BTreeMap<String, Cell>>")]
    pub rows: Vec<Spanned<BTreeMap<String, Spanned<Cell>>>>,
    /// Totals as an original document printed them; the checker compares them with
    /// the computed totals.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, f64>")]
    pub stated_totals: BTreeMap<String, Spanned<f64>>,
    /// Named single figures, in the order they are shown.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Figure>")]
    pub figures: Figures,
    /// A note printed under the table.
    #[serde(default)]
    pub notes: Option<String>,
    /// Charts of this data set, placed in a section with `{{ chart(id="…") }}`.
    #[serde(default)]
    pub charts: Vec<ChartSpec>,
}

/// A chart of a data set's rows, as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "A chart the tool draws from the data set's rows.")]
pub struct ChartSpec {
    /// The chart's name for `{{ chart(id="…") }}`, unique in the report.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9_-]+$"))]
    pub id: Spanned<String>,
    #[serde(rename = "type")]
    pub kind: ChartKind,
    /// The column (or columns, joined) whose values name the bars or points.
    #[schemars(with = "OneOrMany")]
    pub x: Spanned<Names>,
    /// The numeric column (or columns, one series each) the chart measures.
    #[schemars(with = "OneOrMany")]
    pub y: Spanned<Names>,
    /// A column whose values split the rows into series (one bar or line per value,
    /// for each `x`), for data with one row per combination; `y` is then one column.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub series: Option<Spanned<String>>,
    /// The caption above the chart.
    pub title: String,
    /// The text alternative; generated from the data when absent.
    #[serde(default)]
    pub alt: Option<String>,
}

/// How a chart draws its figures. There are no pie charts: a proportion bar shows
/// shares more readably.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    /// One bar per row; several `y` columns are drawn side by side.
    Bar,
    /// One bar per row, its `y` columns stacked end to end.
    StackedBar,
    /// One group of bars per row, one bar per `y` column.
    GroupedBar,
    /// One line per `y` column across the rows.
    Line,
    /// A 100% bar: with one `y` column, each row's share of the whole; with several,
    /// one bar per row split into its columns' shares.
    Proportion,
}

impl ChartKind {
    /// "Stacked bar chart", as the text alternative names it.
    pub fn name(self) -> &'static str {
        match self {
            ChartKind::Bar => "Bar chart",
            ChartKind::StackedBar => "Stacked bar chart",
            ChartKind::GroupedBar => "Grouped bar chart",
            ChartKind::Line => "Line chart",
            ChartKind::Proportion => "Proportion bar chart",
        }
    }
}

/// One column id, or a list of them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names(pub Vec<String>);

/// The schema of [`Names`].
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for Names {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NamesVisitor;
        impl<'de> Visitor<'de> for NamesVisitor {
            type Value = Names;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a column id or a list of column ids")
            }
            fn visit_str<E>(self, v: &str) -> Result<Names, E> {
                Ok(Names(vec![v.to_string()]))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Names, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    names.push(name);
                }
                Ok(Names(names))
            }
        }
        deserializer.deserialize_any(NamesVisitor)
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9_]+$"))]
    pub id: Spanned<String>,
    /// The header shown above the column.
    pub title: String,
    #[serde(default)]
    pub unit: Unit,
    /// Compute and show a total for this column.
    #[serde(default)]
    pub total: bool,
    /// Decimal places to print; by default as written, or 1 for computed rates.
    #[serde(default)]
    pub places: Option<u8>,
    /// Computed: 100 × first ÷ second.
    #[serde(default)]
    #[schemars(with = "Option<[String; 2]>")]
    pub percent: Option<Spanned<Vec<String>>>,
    /// Computed: a rate per 10,000: 10,000 × first ÷ second.
    #[serde(default)]
    #[schemars(with = "Option<[String; 2]>")]
    pub per_10k: Option<Spanned<Vec<String>>>,
    /// Computed: first − second.
    #[serde(default)]
    #[schemars(with = "Option<[String; 2]>")]
    pub change: Option<Spanned<Vec<String>>>,
    /// Computed: the sum of these columns (empty cells left out).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub sum: Option<Spanned<Vec<String>>>,
    /// Computed: each row's share, in per cent, of this column's total.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub percent_of_total: Option<Spanned<String>>,
}

/// What a number measures, which decides how it is printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// Words, not a number.
    Text,
    /// A whole count of people or things: 36,000.
    #[default]
    Count,
    /// Any other number: 13.4.
    Number,
    /// Pounds sterling: £412,319.
    Gbp,
    /// A percentage: 18.6%.
    Percent,
    /// A rate per 10,000 children.
    #[serde(rename = "rate-per-10k")]
    RatePer10k,
    /// A ratio or proportion: 0.8.
    Ratio,
}

/// One value in a row: a number, some text, or nothing.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Cell {
    Number(f64),
    Text(String),
    Empty,
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CellVisitor;
        impl<'de> Visitor<'de> for CellVisitor {
            type Value = Cell;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, some text, or nothing")
            }
            fn visit_i64<E>(self, v: i64) -> Result<Cell, E> {
                Ok(Cell::Number(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Cell, E> {
                Ok(Cell::Number(v as f64))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Cell, E> {
                Ok(Cell::Number(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Cell, E> {
                Ok(Cell::Text(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Cell, E> {
                Ok(Cell::Text(if v { "yes" } else { "no" }.to_string()))
            }
            fn visit_unit<E>(self) -> Result<Cell, E> {
                Ok(Cell::Empty)
            }
            fn visit_none<E>(self) -> Result<Cell, E> {
                Ok(Cell::Empty)
            }
        }
        deserializer.deserialize_any(CellVisitor)
    }
}

/// A named single figure with optional comparators.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// What the figure is, as the table shows it.
    #[serde(default)]
    pub label: Option<String>,
    pub value: Option<f64>,
    #[serde(default)]
    pub unit: Unit,
    #[serde(default)]
    pub places: Option<u8>,
    /// The same figure a year earlier.
    #[serde(default)]
    pub previous: Option<f64>,
    /// The average of the area's statistical neighbours.
    #[serde(default)]
    pub statistical_neighbours: Option<f64>,
    /// The figure for England.
    #[serde(default)]
    pub england: Option<f64>,
    #[serde(default)]
    pub source: Option<String>,
}

/// Named figures in the order the file gives them.
#[derive(Debug, Clone, Default)]
pub struct Figures(pub Vec<(Spanned<String>, Figure)>);

impl<'de> Deserialize<'de> for Figures {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FiguresVisitor;
        impl<'de> Visitor<'de> for FiguresVisitor {
            type Value = Figures;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of figure names to figures")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Figures, A::Error> {
                let mut figures = Vec::new();
                while let Some((name, figure)) = map.next_entry()? {
                    figures.push((name, figure));
                }
                Ok(Figures(figures))
            }
        }
        deserializer.deserialize_map(FiguresVisitor)
    }
}

/// How a column's values come about.
#[derive(Debug, Clone, PartialEq)]
pub enum Formula {
    /// Typed in the data file.
    Given,
    Percent(usize, usize),
    Per10k(usize, usize),
    Change(usize, usize),
    Sum(Vec<usize>),
    PercentOfTotal(usize),
}

impl Formula {
    pub fn is_computed(&self) -> bool {
        *self != Formula::Given
    }
}

/// Works out the computed columns of every row, in column order, so a formula may use
/// any given column and any column computed to its left. Text cells count as missing
/// for arithmetic.
pub fn compute_rows(formulas: &[Formula], rows: &mut [Vec<Cell>]) {
    let totals_of = |rows: &[Vec<Cell>], col: usize| -> Option<f64> { column_total(rows, col) };
    for (col, formula) in formulas.iter().enumerate() {
        if let Formula::PercentOfTotal(of) = formula {
            let total = totals_of(rows, *of);
            for row in rows.iter_mut() {
                row[col] = ratio(number(&row[*of]), total, 100.0);
            }
            continue;
        }
        for row in rows.iter_mut() {
            let value = match formula {
                Formula::Given | Formula::PercentOfTotal(_) => continue,
                Formula::Percent(a, b) => ratio(number(&row[*a]), number(&row[*b]), 100.0),
                Formula::Per10k(a, b) => ratio(number(&row[*a]), number(&row[*b]), 10_000.0),
                Formula::Change(a, b) => match (number(&row[*a]), number(&row[*b])) {
                    (Some(x), Some(y)) => Cell::Number(x - y),
                    _ => Cell::Empty,
                },
                // Empty cells are left out, as a reader adding up the row would;
                // a row with nothing to add has no sum.
                Formula::Sum(cols) => {
                    let present: Vec<f64> = cols.iter().filter_map(|c| number(&row[*c])).collect();
                    if present.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Number(present.iter().sum())
                    }
                }
            };
            row[col] = value;
        }
    }
}

/// Whether a row's label says it is a total: "Total", "**Total recommendations**"
/// (emphasis is not part of the word). Shared by the readers, which set a table's
/// Total row apart, and the checker, which adds the rows above it up.
pub fn is_total_label(cell: &str) -> bool {
    cell.trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_')
        .to_lowercase()
        .starts_with("total")
}

/// The sum of a column's numbers, or `None` when it has none.
pub fn column_total(rows: &[Vec<Cell>], col: usize) -> Option<f64> {
    let numbers: Vec<f64> = rows.iter().filter_map(|r| number(&r[col])).collect();
    (!numbers.is_empty()).then(|| numbers.iter().sum())
}

pub fn number(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Number(n) => Some(*n),
        _ => None,
    }
}

fn ratio(part: Option<f64>, whole: Option<f64>, scale: f64) -> Cell {
    match (part, whole) {
        (Some(p), Some(w)) if w != 0.0 => Cell::Number(scale * p / w),
        _ => Cell::Empty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_rates_sums_and_shares() {
        // held, attended, rate, sum, share of attended
        let formulas = vec![
            Formula::Given,
            Formula::Given,
            Formula::Percent(1, 0),
            Formula::Sum(vec![0, 1]),
            Formula::PercentOfTotal(1),
        ];
        let mut rows = vec![
            vec![
                Cell::Number(7.0),
                Cell::Number(6.0),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ],
            vec![
                Cell::Number(9.0),
                Cell::Number(2.0),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ],
        ];
        compute_rows(&formulas, &mut rows);
        assert_eq!(
            number(&rows[0][2]).map(|x| (x * 10.0).round() / 10.0),
            Some(85.7)
        );
        assert_eq!(rows[1][3], Cell::Number(11.0));
        let mut gap = vec![vec![
            Cell::Number(2.0),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ]];
        compute_rows(&formulas, &mut gap);
        assert_eq!(gap[0][3], Cell::Number(2.0), "a sum leaves out empty cells");
        assert_eq!(number(&rows[0][4]), Some(75.0));
        assert_eq!(column_total(&rows, 0), Some(16.0));
    }

    #[test]
    fn division_by_zero_is_missing_not_infinite() {
        let formulas = vec![Formula::Given, Formula::Given, Formula::Percent(0, 1)];
        let mut rows = vec![vec![Cell::Number(3.0), Cell::Number(0.0), Cell::Empty]];
        compute_rows(&formulas, &mut rows);
        assert_eq!(rows[0][2], Cell::Empty);
    }
}
