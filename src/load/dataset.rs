//! Turning a data set file into a [`DataSet`]: columns checked, computed columns and
//! totals worked out.

use serde_saphyr::Spanned;

use super::yaml::YamlSource;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::model::{
    Cell, Chart, Column, DataColumn, DataSet, DataSetFile, Formula, NamedFigure, Names,
    StatedTotal, Unit, column_total, compute_rows,
};

/// The most rows a data set may have. A report's tables are read by people: the
/// largest in the shipped example has 20 rows, so 10,000 is an export of case-level
/// data (which must never be published) or a mistake, never a table.
pub const MAX_ROWS: usize = 10_000;

pub fn resolve(id: &str, source: &YamlSource) -> Result<DataSet, Vec<Diagnostic>> {
    let file: DataSetFile = source.parse("a data set").map_err(|d| vec![d])?;
    if let Some(first_too_many) = file.rows.get(MAX_ROWS) {
        return Err(vec![
            Diagnostic::error(
                "too-many-rows",
                source.span(first_too_many),
                format!(
                    "this data set has {} rows; a data set may have at most {MAX_ROWS}",
                    file.rows.len()
                ),
            )
            .with_label(format!("row {} is here", MAX_ROWS + 1))
            .with_help("a report publishes summary figures, not records: count or group the rows (by year, by partner, by category) before putting them in the report."),
        ]);
    }
    let mut problems = Vec::new();
    let ids: Vec<&str> = file.columns.iter().map(|c| c.id.value.as_str()).collect();
    let computed: Vec<bool> = file
        .columns
        .iter()
        .map(|c| {
            c.percent.is_some()
                || c.per_10k.is_some()
                || c.change.is_some()
                || c.sum.is_some()
                || c.percent_of_total.is_some()
        })
        .collect();

    let mut columns = Vec::new();
    for (index, column) in file.columns.iter().enumerate() {
        if ids[..index].contains(&column.id.value.as_str()) {
            problems.push(
                Diagnostic::error(
                    "duplicate-id",
                    source.span(&column.id),
                    format!("two columns have the id `{}`", column.id.value),
                )
                .with_help("give each column its own id."),
            );
        }
        match formula(column, index, &ids, &computed, source) {
            Ok(formula) => columns.push(DataColumn {
                id: column.id.value.clone(),
                title: column.title.clone(),
                unit: column.unit,
                total: column.total,
                places: column.places,
                formula,
            }),
            Err(d) => problems.push(d),
        }
    }

    let key = file
        .key
        .as_ref()
        .and_then(|key| match ids.iter().position(|c| *c == key.value) {
            Some(i) => Some(i),
            None => {
                problems.push(unknown_column(
                    source,
                    key,
                    &ids,
                    "`key` names the column whose values name the rows.",
                ));
                None
            }
        });

    let mut rows = Vec::new();
    let mut row_spans = Vec::new();
    for row in &file.rows {
        let mut cells = vec![Cell::Empty; columns.len().max(ids.len())];
        for (name, value) in &row.value {
            match ids.iter().position(|c| c == name) {
                Some(i) if columns.get(i).is_some_and(|c| c.formula.is_computed()) => problems.push(
                    Diagnostic::error("computed-value-given", source.span(value), format!("`{name}` is computed, so it cannot be given"))
                        .with_help("remove this value: the tool works it out from the other columns, so it cannot drift from them."),
                ),
                Some(_) if implausible(&value.value) => problems.push(too_large(source.span(value))),
                Some(i) => cells[i] = value.value.clone(),
                None => {
                    let help = match did_you_mean(name, ids.iter().copied()) {
                        Some(m) => format!("did you mean `{m}`? Each value in a row belongs to a column listed under `columns:`."),
                        None => format!("add a column `{name}` under `columns:`, or use one of: {}.", ids.join(", ")),
                    };
                    problems.push(
                        Diagnostic::error("unknown-key", source.span(value), format!("this row has a value for `{name}`, which is not a column"))
                            .with_help(help),
                    );
                }
            }
        }
        rows.push(cells);
        row_spans.push(source.span(row));
    }

    for total in file.stated_totals.values() {
        if implausible(&Cell::Number(total.value)) {
            problems.push(too_large(source.span(total)));
        }
    }

    for (name, figure) in &file.figures.0 {
        let values = [
            figure.value,
            figure.previous,
            figure.statistical_neighbours,
            figure.england,
        ];
        if values
            .into_iter()
            .flatten()
            .any(|v| implausible(&Cell::Number(v)))
        {
            problems.push(too_large(source.span(name)).with_label("a value of this figure"));
        }
    }

    if !problems.is_empty() {
        return Err(problems);
    }
    let formulas: Vec<Formula> = columns.iter().map(|c| c.formula.clone()).collect();
    compute_rows(&formulas, &mut rows);
    let totals = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if c.total {
                column_total(&rows, i)
            } else {
                None
            }
        })
        .collect();

    let mut stated_totals = Vec::new();
    for (name, value) in &file.stated_totals {
        match ids.iter().position(|c| c == name) {
            Some(column) => stated_totals.push(StatedTotal {
                column,
                value: value.value,
                span: source.span(value),
            }),
            None => problems.push(
                Diagnostic::error(
                    "unknown-key",
                    source.span(value),
                    format!("`stated_totals` names `{name}`, which is not a column"),
                )
                .with_help(match did_you_mean(name, ids.iter().copied()) {
                    Some(m) => format!("did you mean `{m}`?"),
                    None => format!("the columns are: {}.", ids.join(", ")),
                }),
            ),
        }
    }
    let charts = charts(&file, &columns, &rows, source, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }

    Ok(DataSet {
        id: id.to_string(),
        file: source.file.clone(),
        title: file.title,
        source: file.source,
        as_of: file.as_of,
        key,
        columns,
        rows,
        row_spans,
        totals,
        stated_totals,
        figures: file
            .figures
            .0
            .into_iter()
            .map(|(name, figure)| NamedFigure {
                span: source.span(&name),
                name: name.value,
                figure,
            })
            .collect(),
        notes: file.notes,
        charts,
    })
}

/// A chart id used in two data sets: `{{ chart(id=…) }}` must name one chart.
pub fn duplicate_charts(datasets: &[DataSet]) -> Vec<Diagnostic> {
    let charts: Vec<(&DataSet, &Chart)> = datasets
        .iter()
        .flat_map(|d| d.charts.iter().map(move |c| (d, c)))
        .collect();
    let mut out = Vec::new();
    for (i, (d, c)) in charts.iter().enumerate() {
        if let Some((first, _)) = charts[..i]
            .iter()
            .find(|(e, other)| other.id == c.id && e.id != d.id)
        {
            out.push(
                Diagnostic::error(
                    "duplicate-id",
                    c.span.clone(),
                    format!("the chart id `{}` is also used in {}", c.id, first.file),
                )
                .with_help("a section places a chart by its id, so give each chart in the report its own id."),
            );
        }
    }
    out
}

/// The data set's charts, each column name resolved; a chart must name existing
/// columns, and measure numbers.
fn charts(
    file: &DataSetFile,
    columns: &[DataColumn],
    rows: &[Vec<Cell>],
    source: &YamlSource,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Chart> {
    let ids: Vec<&str> = columns.iter().map(|c| c.id.as_str()).collect();
    let mut charts = Vec::new();
    for (n, spec) in file.charts.iter().enumerate() {
        if file.charts[..n].iter().any(|c| c.id.value == spec.id.value) {
            problems.push(
                Diagnostic::error(
                    "duplicate-id",
                    source.span(&spec.id),
                    format!("two charts have the id `{}`", spec.id.value),
                )
                .with_help("give each chart its own id."),
            );
        }
        let resolve = |names: &Spanned<Names>, what: &str, problems: &mut Vec<Diagnostic>| {
            if names.value.0.is_empty() {
                problems.push(
                    Diagnostic::error(
                        "wrong-type",
                        source.span(names),
                        format!("`{what}` names no column"),
                    )
                    .with_help(format!(
                        "write `{what}: column_id` or `{what}: [first, second]`."
                    )),
                );
            }
            let mut found = Vec::new();
            for name in &names.value.0 {
                match ids.iter().position(|c| c == name) {
                    Some(i) => found.push(i),
                    None => problems.push(chart_column(source.span(names), name, &ids)),
                }
            }
            found
        };
        let x = resolve(&spec.x, "x", problems);
        let y = resolve(&spec.y, "y", problems);
        for &col in &y {
            let text_cell = rows.iter().any(|r| matches!(r[col], Cell::Text(_)));
            if columns[col].unit == Unit::Text || text_cell {
                let numeric: Vec<&str> = columns
                    .iter()
                    .filter(|c| c.unit != Unit::Text)
                    .map(|c| c.id.as_str())
                    .collect();
                let help = match did_you_mean(&columns[col].id, numeric.iter().copied()) {
                    Some(m) => format!(
                        "did you mean `{m}`? A chart measures numbers; the numeric columns are: {}.",
                        numeric.join(", ")
                    ),
                    None => format!(
                        "a chart measures numbers; the numeric columns are: {}. Put a text column under `x:`.",
                        numeric.join(", ")
                    ),
                };
                problems.push(
                    Diagnostic::error(
                        "wrong-type",
                        source.span(&spec.y),
                        format!(
                            "`{}` holds text, so a chart cannot measure it",
                            columns[col].id
                        ),
                    )
                    .with_help(help),
                );
            }
        }
        let series = spec.series.as_ref().and_then(|name| {
            let found = ids.iter().position(|c| *c == name.value);
            if found.is_none() {
                problems.push(chart_column(source.span(name), &name.value, &ids));
            }
            if spec.y.value.0.len() > 1 {
                problems.push(
                    Diagnostic::error("wrong-type", source.span(&spec.y), "a chart with `series:` measures one `y` column")
                        .with_help("`series:` makes one series of each value of that column; give `y` one column, or drop `series:` to draw each `y` column as a series."),
                );
            }
            found
        });
        if let [first, rest @ ..] = y.as_slice()
            && let Some(other) = rest
                .iter()
                .find(|c| columns[**c].unit != columns[*first].unit)
        {
            problems.push(
                Diagnostic::error(
                    "wrong-type",
                    source.span(&spec.y),
                    format!(
                        "`{}` and `{}` have different units, so one axis cannot measure both",
                        columns[*first].id, columns[*other].id
                    ),
                )
                .with_help(
                    "chart columns of one unit together, and make another chart for the rest.",
                ),
            );
        }
        if rows.is_empty() {
            problems.push(
                Diagnostic::error(
                    "wrong-type",
                    source.span(&spec.id),
                    format!("chart `{}` has no rows to draw", spec.id.value),
                )
                .with_help("a chart draws the data set's `rows:`; add them, or remove the chart."),
            );
        }
        charts.push(Chart {
            id: spec.id.value.clone(),
            kind: spec.kind,
            x,
            y,
            series,
            title: spec.title.clone(),
            alt: spec.alt.clone(),
            span: source.span(&spec.id),
        });
    }
    charts
}

fn chart_column(at: crate::diagnostic::Span, name: &str, ids: &[&str]) -> Diagnostic {
    let help = match did_you_mean(name, ids.iter().copied()) {
        Some(m) => format!("did you mean `{m}`? A chart names columns listed under `columns:`."),
        None => format!(
            "a chart names columns listed under `columns:`: {}.",
            ids.join(", ")
        ),
    };
    Diagnostic::error(
        "unknown-column",
        at,
        format!("the chart names `{name}`, which is not a column"),
    )
    .with_help(help)
}

/// A column's formula, with its column names resolved to positions.
fn formula(
    column: &Column,
    index: usize,
    ids: &[&str],
    computed: &[bool],
    source: &YamlSource,
) -> Result<Formula, Diagnostic> {
    // A formula may use any given column, and a computed one only to its left
    // (columns are computed left to right).
    let position = |name: &str, at: &Spanned<Vec<String>>| -> Result<usize, Diagnostic> {
        match ids.iter().position(|c| *c == name) {
            Some(i) if i < index || (i > index && !computed[i]) => Ok(i),
            Some(i) if i == index => Err(Diagnostic::error(
                "unknown-column",
                source.span(at),
                format!("`{name}` cannot be worked out from itself"),
            )
            .with_help("name the other columns it is computed from.")),
            Some(_) => Err(Diagnostic::error(
                "unknown-column",
                source.span(at),
                format!("`{name}` is computed after `{}`", ids[index]),
            )
            .with_help(format!(
                "columns are computed left to right: move `{}` after `{name}`.",
                ids[index]
            ))),
            None => Err(Diagnostic::error(
                "unknown-column",
                source.span(at),
                format!("no column `{name}`"),
            )
            .with_help(match did_you_mean(name, ids.iter().copied()) {
                Some(m) => format!("did you mean `{m}`?"),
                None => format!("the columns are: {}.", ids.join(", ")),
            })),
        }
    };
    let pair = |names: &Spanned<Vec<String>>, what: &str| -> Result<(usize, usize), Diagnostic> {
        if names.value.len() != 2 {
            return Err(Diagnostic::error(
                "wrong-type",
                source.span(names),
                format!("`{what}` takes two column ids"),
            )
            .with_help(format!("write `{what}: [first, second]`.")));
        }
        Ok((
            position(&names.value[0], names)?,
            position(&names.value[1], names)?,
        ))
    };
    let mut formulas = Vec::new();
    if let Some(p) = &column.percent {
        let (a, b) = pair(p, "percent")?;
        formulas.push(Formula::Percent(a, b));
    }
    if let Some(p) = &column.per_10k {
        let (a, b) = pair(p, "per_10k")?;
        formulas.push(Formula::Per10k(a, b));
    }
    if let Some(p) = &column.change {
        let (a, b) = pair(p, "change")?;
        formulas.push(Formula::Change(a, b));
    }
    if let Some(p) = &column.sum {
        let cols = p
            .value
            .iter()
            .map(|n| position(n, p))
            .collect::<Result<Vec<_>, _>>()?;
        formulas.push(Formula::Sum(cols));
    }
    if let Some(of) = &column.percent_of_total {
        match ids[..=index].iter().position(|c| *c == of.value) {
            Some(i) if i != index => formulas.push(Formula::PercentOfTotal(i)),
            _ => {
                return Err(unknown_column(
                    source,
                    of,
                    &ids[..index],
                    "`percent_of_total` names a column listed before this one.",
                ));
            }
        }
    }
    match formulas.len() {
        0 => Ok(Formula::Given),
        1 => Ok(formulas.remove(0)),
        _ => Err(Diagnostic::error(
            "wrong-type",
            source.span(&column.id),
            format!("column `{}` has more than one formula", column.id.value),
        )
        .with_help("keep one of percent, per_10k, change, sum or percent_of_total.")),
    }
}

fn unknown_column(
    source: &YamlSource,
    name: &Spanned<String>,
    ids: &[&str],
    why: &str,
) -> Diagnostic {
    let help = match did_you_mean(&name.value, ids.iter().copied()) {
        Some(m) => format!("did you mean `{m}`? {why}"),
        None => format!("{why} The columns are: {}.", ids.join(", ")),
    };
    Diagnostic::error(
        "unknown-column",
        source.span(name),
        format!("no column `{}`", name.value),
    )
    .with_help(help)
}

/// No count or amount in a safeguarding report comes near a thousand million million
/// (a national budget in pence is far smaller); a figure past it is a typing slip, and
/// sums of such figures overflow to infinity.
const LARGEST_FIGURE: f64 = 1e15;

fn implausible(cell: &Cell) -> bool {
    matches!(cell, Cell::Number(v) if !v.is_finite() || v.abs() > LARGEST_FIGURE)
}

pub(super) fn too_large(span: crate::diagnostic::Span) -> Diagnostic {
    Diagnostic::error(
        "figure-too-large",
        span,
        "this figure is not a number a report can hold (too large, infinite or not a number)",
    )
    .with_help("check it for a typing slip (an exponent such as `e308`, or digits repeated); a report's figures are below a thousand million million.")
}
