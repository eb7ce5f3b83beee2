//! A data set's chart as the document holds it: its figures, a table of them and a
//! text alternative that says what the chart shows.

use super::document::{Chart, Series, Table, TableColumn};
use super::format;
use crate::model::{self, Cell, ChartKind, DataSet, Unit};

/// The document's chart for `spec`, one of `data`'s charts.
pub fn chart(data: &DataSet, spec: &model::Chart) -> Chart {
    let x_label = |row: &[Cell]| {
        spec.x
            .iter()
            .map(|&c| cell_text(&row[c], &data.columns[c]))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" – ")
    };
    let (categories, series) = match spec.series {
        None => by_column(data, spec, &x_label),
        Some(split) => by_value(data, spec, split, &x_label),
    };
    let unit = spec
        .y
        .first()
        .map_or(Unit::Count, |&c| data.columns[c].unit);
    let measure = match (spec.kind, spec.y.as_slice()) {
        (ChartKind::Proportion, _) => "Share of the whole (%)".to_string(),
        (_, [one]) => with_unit(&data.columns[*one].title, unit),
        _ => with_unit(unit_noun(unit), unit),
    };
    let table = figures_table(data, spec, &categories, &series);
    let total_of = |v: f64| {
        let column = &data.columns[spec.y[0]];
        format::value(v, column.unit, column.places, false)
    };
    let alt = match &spec.alt {
        Some(given) => given.clone(),
        None => alt_text(spec.kind, &spec.title, &categories, &series, &total_of),
    };
    Chart {
        id: spec.id.clone(),
        kind: spec.kind,
        title: spec.title.clone(),
        alt,
        measure,
        unit,
        categories,
        series,
        table,
        table_label: None,
    }
}

/// Each `y` column a series, each row a category.
fn by_column(
    data: &DataSet,
    spec: &model::Chart,
    x_label: &dyn Fn(&[Cell]) -> String,
) -> (Vec<String>, Vec<Series>) {
    let categories = data.rows.iter().map(|r| x_label(r)).collect();
    let series = spec
        .y
        .iter()
        .map(|&c| {
            let column = &data.columns[c];
            let values: Vec<Option<f64>> = data.rows.iter().map(|r| model::number(&r[c])).collect();
            Series {
                name: column.title.clone(),
                labels: labels(&values, column),
                values,
            }
        })
        .collect();
    (categories, series)
}

/// Rows in long form: each value of the `series` column a series, each distinct `x`
/// a category; a combination without a row is a gap.
fn by_value(
    data: &DataSet,
    spec: &model::Chart,
    split: usize,
    x_label: &dyn Fn(&[Cell]) -> String,
) -> (Vec<String>, Vec<Series>) {
    let y = spec.y[0];
    let mut categories: Vec<String> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut found: Vec<(usize, usize, Option<f64>)> = Vec::new();
    for row in &data.rows {
        let (c, n) = (x_label(row), cell_text(&row[split], &data.columns[split]));
        let ci = position_or_push(&mut categories, c);
        let ni = position_or_push(&mut names, n);
        if !found.iter().any(|(a, b, _)| (*a, *b) == (ci, ni)) {
            found.push((ci, ni, model::number(&row[y])));
        }
    }
    let series = names
        .into_iter()
        .enumerate()
        .map(|(ni, name)| {
            let values: Vec<Option<f64>> = (0..categories.len())
                .map(|ci| {
                    found
                        .iter()
                        .find(|(a, b, _)| (*a, *b) == (ci, ni))
                        .and_then(|f| f.2)
                })
                .collect();
            Series {
                name,
                labels: labels(&values, &data.columns[y]),
                values,
            }
        })
        .collect();
    (categories, series)
}

fn position_or_push(list: &mut Vec<String>, item: String) -> usize {
    match list.iter().position(|x| *x == item) {
        Some(i) => i,
        None => {
            list.push(item);
            list.len() - 1
        }
    }
}

fn labels(values: &[Option<f64>], column: &model::DataColumn) -> Vec<String> {
    values
        .iter()
        .map(|v| v.map_or(String::new(), |v| label(v, column)))
        .collect()
}

fn cell_text(cell: &Cell, column: &model::DataColumn) -> String {
    match cell {
        Cell::Number(n) => label(*n, column),
        Cell::Text(t) => t.clone(),
        Cell::Empty => String::new(),
    }
}

fn label(value: f64, column: &model::DataColumn) -> String {
    format::value(
        value,
        column.unit,
        column.places,
        column.formula.is_computed(),
    )
}

/// "Attendance rate (%)": the measure with its unit, unless the name says it.
fn with_unit(name: &str, unit: Unit) -> String {
    let symbol = match unit {
        Unit::Gbp => "£",
        Unit::Percent => "%",
        Unit::RatePer10k => "per 10,000 children",
        _ => return name.to_string(),
    };
    if name.contains(symbol) {
        name.to_string()
    } else {
        format!("{name} ({symbol})")
    }
}

fn unit_noun(unit: Unit) -> &'static str {
    match unit {
        Unit::Gbp => "Amount",
        Unit::Percent => "Per cent",
        Unit::RatePer10k => "Rate",
        Unit::Ratio => "Ratio",
        Unit::Count => "Number",
        Unit::Number | Unit::Text => "Value",
    }
}

/// The chart's own figures: its categories and each series, as the chart shows them.
fn figures_table(
    data: &DataSet,
    spec: &model::Chart,
    categories: &[String],
    series: &[Series],
) -> Table {
    let x_title = spec
        .x
        .iter()
        .map(|&c| data.columns[c].title.as_str())
        .collect::<Vec<_>>()
        .join(" – ");
    let mut columns = vec![TableColumn {
        title: x_title,
        numeric: false,
    }];
    columns.extend(series.iter().map(|s| TableColumn {
        title: s.name.clone(),
        numeric: true,
    }));
    let rows = categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut row = vec![c.clone()];
            row.extend(series.iter().map(|s| s.labels[i].clone()));
            row
        })
        .collect();
    Table {
        data: Some(data.id.clone()),
        title: Some(format!("Figures: {}", spec.title)),
        columns,
        rows,
        total: None,
        source: data.source.as_ref().map(|s| format!("Source: {s}.")),
        notes: None,
        label: None,
    }
}

/// A text alternative from the figures: the chart's type, what it measures, and for
/// each bar or line its largest and smallest values; gaps are named, never zeros.
pub fn alt_text(
    kind: ChartKind,
    title: &str,
    categories: &[String],
    series: &[Series],
    total_of: &dyn Fn(f64) -> String,
) -> String {
    // The title keeps its own capitals: "of children…" would need to know which words
    // are names.
    let mut out = format!("{}: {}.", kind.name(), title.trim_end_matches('.'));
    let parts: Vec<String> = match (kind, series) {
        (ChartKind::Proportion, [one]) => {
            vec![shares(&one.values, categories, &one.labels)]
        }
        (ChartKind::Proportion, _) => categories
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let values: Vec<Option<f64>> = series.iter().map(|s| s.values[i]).collect();
                let names: Vec<String> = series.iter().map(|s| s.name.clone()).collect();
                let labels: Vec<String> = series.iter().map(|s| s.labels[i].clone()).collect();
                format!("{c}: {}", shares(&values, &names, &labels))
            })
            .collect(),
        (ChartKind::StackedBar, _) if series.len() > 1 => categories
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let present: Vec<f64> = series.iter().filter_map(|s| s.values[i]).collect();
                if present.is_empty() {
                    return None;
                }
                let (big, _) = extremes(series.iter().map(|s| s.values[i]))?;
                Some(format!(
                    "{c} {} in all, the largest part {} with {}",
                    total_of(present.iter().sum()),
                    series[big].name,
                    series[big].labels[i]
                ))
            })
            .collect(),
        (_, [one]) => match extremes(one.values.iter().copied()) {
            Some((big, small)) => vec![format!(
                "{}: the largest {} with {}, the smallest {} with {}",
                one.name, categories[big], one.labels[big], categories[small], one.labels[small]
            )],
            None => vec![],
        },
        _ => series
            .iter()
            .filter_map(|s| {
                let (big, small) = extremes(s.values.iter().copied())?;
                Some(format!(
                    "{}: the largest {} with {}, the smallest {} with {}",
                    s.name, categories[big], s.labels[big], categories[small], s.labels[small]
                ))
            })
            .collect(),
    };
    if !parts.is_empty() {
        out.push(' ');
        out.push_str(&parts.join("; "));
        out.push('.');
    }
    let gaps: Vec<String> = series
        .iter()
        .flat_map(|s| {
            s.values
                .iter()
                .enumerate()
                .filter(|(_, v)| v.is_none())
                .map(move |(i, _)| {
                    if series.len() == 1 {
                        categories[i].clone()
                    } else {
                        format!("{} for {}", s.name, categories[i])
                    }
                })
        })
        .collect();
    if !gaps.is_empty() {
        out.push_str(&format!(
            " There is no figure for {}; the chart leaves a gap there.",
            list(&gaps)
        ));
    }
    out
}

/// Positions of the largest and smallest present values; the first wins a tie.
fn extremes(values: impl Iterator<Item = Option<f64>>) -> Option<(usize, usize)> {
    let present: Vec<(usize, f64)> = values
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .collect();
    let big = present
        .iter()
        .fold(None::<(usize, f64)>, |m, &(i, v)| match m {
            Some((_, mv)) if mv >= v => m,
            _ => Some((i, v)),
        })?;
    let small = present
        .iter()
        .fold(None::<(usize, f64)>, |m, &(i, v)| match m {
            Some((_, mv)) if mv <= v => m,
            _ => Some((i, v)),
        })?;
    Some((big.0, small.0))
}

/// "Police 16% (£65,100)", each part's share of the whole.
fn shares(values: &[Option<f64>], names: &[String], labels: &[String]) -> String {
    let total: f64 = values.iter().flatten().filter(|v| **v > 0.0).sum();
    let parts: Vec<String> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let v = (*v)?;
            let share = if total > 0.0 { 100.0 * v / total } else { 0.0 };
            Some(format!(
                "{} {}% ({})",
                names[i],
                format::number(share, Some(0)),
                labels[i]
            ))
        })
        .collect();
    parts.join(", ")
}

fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(name: &str, values: &[Option<f64>]) -> Series {
        Series {
            name: name.into(),
            values: values.to_vec(),
            labels: values
                .iter()
                .map(|v| v.map_or(String::new(), |v| format::number(v, None)))
                .collect(),
        }
    }

    #[test]
    fn stacked_alt_names_each_bars_total_and_largest_part_and_the_gap() {
        let cats = vec!["CE".to_string(), "CSE".to_string()];
        let s = vec![
            series("Emerging", &[Some(33.0), Some(36.0)]),
            series("Moderate", &[Some(33.0), Some(29.0)]),
            series("Actual", &[None, Some(26.0)]),
        ];
        let alt = alt_text(
            ChartKind::StackedBar,
            "Children identified as vulnerable to exploitation",
            &cats,
            &s,
            &|v| format::number(v, None),
        );
        assert_eq!(
            alt,
            "Stacked bar chart: Children identified as vulnerable to exploitation. \
             CE 66 in all, the largest part Emerging with 33; CSE 91 in all, the largest \
             part Emerging with 36. There is no figure for Actual for CE; the chart leaves \
             a gap there."
        );
    }

    #[test]
    fn bar_alt_names_largest_and_smallest_and_a_gap_is_not_zero() {
        let cats: Vec<String> = ["Girls", "Boys", "All"].map(String::from).to_vec();
        let s = vec![series("Children", &[Some(26.0), Some(18.0), None])];
        let alt = alt_text(ChartKind::Bar, "Missing children", &cats, &s, &|v| {
            format::number(v, None)
        });
        assert!(
            alt.contains("the largest Girls with 26, the smallest Boys with 18"),
            "{alt}"
        );
        assert!(alt.contains("no figure for All"), "{alt}");
    }

    #[test]
    fn proportion_alt_gives_shares() {
        let cats: Vec<String> = ["A", "B"].map(String::from).to_vec();
        let s = vec![series("Amount", &[Some(75.0), Some(25.0)])];
        let alt = alt_text(ChartKind::Proportion, "Funding", &cats, &s, &|v| {
            format::number(v, None)
        });
        assert!(alt.ends_with("A 75% (75), B 25% (25)."), "{alt}");
    }
}
