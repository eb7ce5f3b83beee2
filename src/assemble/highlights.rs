//! The year at a glance: the key figures `highlights:` in report.yaml names, looked
//! up in the data sets, with their change on the previous year worked out here so
//! that no one types it.

use serde::Serialize;
use serde_saphyr::Spanned;

use super::format;
use super::template::key_name;
use crate::diagnostic::{Diagnostic, Span, did_you_mean};
use crate::model::{Cell, DataSet, Highlight, Project, Unit};

/// One key figure as the website and the PDF show it.
#[derive(Debug, Clone, Serialize)]
pub struct HighlightFigure {
    pub label: String,
    /// The figure in its unit: "3,329", "85%".
    pub value: String,
    /// "Up 208% on 2020-21 (1,080)"; `None` without a previous year's figure.
    pub change: Option<String>,
    pub direction: Option<Direction>,
    /// The data set the figure comes from, for a link to where the report shows it.
    pub data: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
    Same,
}

/// The most key figures the year at a glance shows.
const MOST: usize = 8;

/// A figure found in a data set, before it is printed.
struct Found {
    label: String,
    value: f64,
    previous: Option<f64>,
    unit: Unit,
    places: Option<u8>,
}

/// The project's highlights, or a diagnostic for each one that names no figure.
pub fn highlights(project: &Project) -> Result<Vec<HighlightFigure>, Vec<Diagnostic>> {
    let previous_year = previous_year(project);
    let mut out = Vec::new();
    let mut problems = Vec::new();
    if let Some(extra) = project.report.highlights.get(MOST) {
        problems.push(
            Diagnostic::error(
                "too-many-highlights",
                report_span(project, &extra.figure),
                format!(
                    "{} highlights, where a glance holds at most {MOST}",
                    project.report.highlights.len()
                ),
            )
            .with_label("one too many from here")
            .with_help("choose the 4 to 8 figures that tell the year best; the others stay in their chapters."),
        );
    }
    for h in &project.report.highlights {
        match find(project, h) {
            Ok((data, found)) => out.push(present(h, data, found, &previous_year)),
            Err(d) => problems.push(d),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// "2020-21" for a report covering April 2021 to March 2022.
fn previous_year(project: &Project) -> String {
    let period = &project.report.period.value;
    let (start, end) = (period.start.value.year - 1, period.end.value.year - 1);
    if start == end {
        start.to_string()
    } else {
        format!("{start}-{:02}", end.rem_euclid(100))
    }
}

fn present(h: &Highlight, data: &DataSet, found: Found, previous_year: &str) -> HighlightFigure {
    let print = |v: f64| format::value(v, found.unit, found.places, false);
    let (change, direction) = match found.previous {
        Some(p) => {
            let (text, direction) = change(found.value, p, found.unit, found.places);
            (
                Some(format!("{text} on {previous_year} ({})", print(p))),
                Some(direction),
            )
        }
        None => (None, None),
    };
    HighlightFigure {
        label: h.label.clone().unwrap_or(found.label),
        value: print(found.value),
        change,
        direction,
        data: data.id.clone(),
    }
}

/// "Up 208%", "Down 15 percentage points", "No change". A rise from nothing has no
/// percentage, so it is given as the difference.
fn change(value: f64, previous: f64, unit: Unit, places: Option<u8>) -> (String, Direction) {
    let difference = value - previous;
    if difference.abs() < 1e-9 {
        return ("No change".into(), Direction::Same);
    }
    let (word, direction) = if difference > 0.0 {
        ("Up", Direction::Up)
    } else {
        ("Down", Direction::Down)
    };
    let amount = match unit {
        Unit::Percent => {
            let points = format::number(difference.abs(), places);
            let noun = if points == "1" { "point" } else { "points" };
            format!("{points} percentage {noun}")
        }
        _ if previous.abs() < 1e-9 => format::value(difference.abs(), unit, places, false),
        _ => format!(
            "{}%",
            format::number((100.0 * difference / previous).abs().round(), None)
        ),
    };
    (format!("{word} {amount}"), direction)
}

fn find<'p>(project: &'p Project, h: &Highlight) -> Result<(&'p DataSet, Found), Diagnostic> {
    let span = report_span(project, &h.figure);
    let parts: Vec<&str> = h.figure.value.split('.').collect();
    let ids = project.datasets.iter().map(|d| d.id.as_str());
    let Some(data) = project.dataset(parts[0]) else {
        let help = match did_you_mean(parts[0], ids) {
            Some(m) => format!("did you mean `{m}`? A highlight starts with a data set's file name in content/data."),
            None => "a highlight names a data set by its file name in content/data, then a figure: `DATASET.FIGURE` or `DATASET.ROW.COLUMN`.".into(),
        };
        return Err(Diagnostic::error(
            "unknown-figure",
            span,
            format!("no data set is called `{}`", parts[0]),
        )
        .with_label("not in content/data")
        .with_help(help));
    };
    // The chapters' forms are accepted too, so one name works everywhere:
    // `DATASET.by.ROW.COLUMN` and `DATASET.figures.NAME.value`.
    let found = match parts[1..] {
        [name] | ["figures", name, "value"] => named_figure(data, name),
        [row, column] | ["by", row, column] => {
            cell(project, data, row, column, h.previous.as_ref())
        }
        _ => Err((
            format!("`{}` is not a figure's name", h.figure.value),
            "write `DATASET.FIGURE` (or `DATASET.figures.FIGURE.value`, as in a chapter) for a named figure, or `DATASET.ROW.COLUMN` (or `DATASET.by.ROW.COLUMN`) for a table cell."
                .to_string(),
        )),
    };
    found.map(|f| (data, f)).map_err(|(message, help)| {
        Diagnostic::error("unknown-figure", span, message)
            .with_label("no such figure")
            .with_help(help)
    })
}

type Problem = (String, String);

fn named_figure(data: &DataSet, name: &str) -> Result<Found, Problem> {
    let Some(named) = data.figures.iter().find(|f| f.name == name) else {
        let names = data.figures.iter().map(|f| f.name.as_str());
        let help = match did_you_mean(name, names) {
            Some(m) => format!("did you mean `{}.{m}`?", data.id),
            None if data.figures.is_empty() => format!(
                "{} has no named figures; name a table cell as `{}.ROW.COLUMN`.",
                data.file, data.id
            ),
            None => format!("the figures in {} are listed under `figures:`.", data.file),
        };
        return Err((format!("{} has no figure `{name}`", data.file), help));
    };
    let f = &named.figure;
    let value = f.value.ok_or_else(|| {
        (
            format!("the figure `{name}` in {} has no value", data.file),
            "give it a `value:`, or choose another figure.".to_string(),
        )
    })?;
    Ok(Found {
        label: f.label.clone().unwrap_or_else(|| name.replace('_', " ")),
        value,
        previous: f.previous,
        unit: f.unit,
        places: f.places,
    })
}

fn cell(
    project: &Project,
    data: &DataSet,
    row: &str,
    column: &str,
    previous: Option<&Spanned<String>>,
) -> Result<Found, Problem> {
    let Some(key) = data.key else {
        return Err((
            format!("{} has no `key` column to name its rows", data.file),
            format!(
                "add `key: COLUMN` to {} naming the column whose values name the rows, or choose a named figure.",
                data.file
            ),
        ));
    };
    let row_name = |r: &Vec<Cell>| match &r[key] {
        Cell::Text(t) => key_name(t),
        Cell::Number(n) => format::number(*n, None),
        Cell::Empty => String::new(),
    };
    let Some(found) = data.rows.iter().find(|r| row_name(r) == row) else {
        let names: Vec<String> = data.rows.iter().map(row_name).collect();
        let help = match did_you_mean(row, names.iter().map(String::as_str)) {
            Some(m) => format!("did you mean `{}.{m}.{column}`?", data.id),
            None => format!(
                "rows are named by their `{}`, in lower case with `_` between words: {}.",
                data.columns[key].id,
                names.join(", ")
            ),
        };
        return Err((format!("{} has no row `{row}`", data.file), help));
    };
    let column_at = |name: &str| -> Result<usize, Problem> {
        data.columns
            .iter()
            .position(|c| c.id == name)
            .ok_or_else(|| {
                let ids = data.columns.iter().map(|c| c.id.as_str());
                let help = match did_you_mean(name, ids) {
                    Some(m) => format!("did you mean `{m}`?"),
                    None => format!(
                        "the columns of {} are: {}.",
                        data.file,
                        data.columns
                            .iter()
                            .map(|c| c.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                (format!("{} has no column `{name}`", data.file), help)
            })
    };
    let at = column_at(column)?;
    let value = crate::model::number(&found[at]).ok_or_else(|| {
        (
            format!(
                "the `{column}` of row `{row}` in {} is not a number",
                data.file
            ),
            "a highlight shows a number; choose a column with figures.".to_string(),
        )
    })?;
    let previous = match previous {
        Some(p) => {
            let at = column_at(&p.value).map_err(|(m, h)| {
                let at = project
                    .sources
                    .line_col(&project.report_file, report_span(project, p).range.start);
                (format!("{m} (`previous:` on line {})", at.line), h)
            })?;
            crate::model::number(&found[at])
        }
        None => None,
    };
    let c = &data.columns[at];
    let label = match &found[key] {
        Cell::Text(t) => t.clone(),
        _ => format!("{} {}", data.columns[key].title, row),
    };
    Ok(Found {
        label,
        value,
        previous,
        unit: c.unit,
        places: c.places,
    })
}

/// Where a value of report.yaml is, for a diagnostic.
pub fn report_span<T>(project: &Project, value: &Spanned<T>) -> Span {
    let span = value.referenced.span();
    let start = span.byte_offset().unwrap_or(0) as usize;
    let len = span.byte_len().unwrap_or(0) as usize;
    Span::new(&project.report_file, start..start + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_worked_out_in_the_unit() {
        assert_eq!(
            change(3329.0, 1080.0, Unit::Count, None),
            ("Up 208%".to_string(), Direction::Up)
        );
        assert_eq!(
            change(85.0, 55.0, Unit::Percent, None),
            ("Up 30 percentage points".to_string(), Direction::Up)
        );
        assert_eq!(
            change(66.0, 81.0, Unit::Percent, None).0,
            "Down 15 percentage points"
        );
        assert_eq!(change(12.0, 0.0, Unit::Count, None).0, "Up 12");
        assert_eq!(change(5.0, 5.0, Unit::Count, None).1, Direction::Same);
    }
}
