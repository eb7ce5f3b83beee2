//! A Word table as a data set file (`content/data/*.yaml`, see docs/format.md): the
//! header row gives the columns, each column is typed by its cells (a count, money,
//! a percentage, another number, or text), and a last row labelled "Total" becomes
//! `total: true` on its columns with the printed figures as `stated_totals`, which
//! the checker compares with the sum of the rows (DATA-TOTAL). A total that does not
//! add up is kept as printed, so the check reports it; it is never corrected here.

use super::escape::yaml;
use crate::model::Unit;

/// What the import made of one table.
#[derive(Debug)]
pub struct DataSetText {
    /// The data set file's text.
    pub yaml: String,
    pub rows: usize,
    /// Whether the table had a Total row.
    pub total_row: bool,
}

/// A cell read as a figure: its value and what its writing says it is.
fn figure(cell: &str) -> Option<(f64, Unit)> {
    let mut t: String = cell.split_whitespace().collect();
    t = t.replace('\u{2212}', "-").replace('\u{2013}', "-");
    let negative = t.starts_with('-');
    let t = t.trim_start_matches('-');
    let (t, money) = match t.strip_prefix('£') {
        Some(rest) => (rest, true),
        None => (t, false),
    };
    let (t, percent) = match t.strip_suffix('%') {
        Some(rest) => (rest, true),
        None => (t, false),
    };
    if money && percent {
        return None;
    }
    // Thousands separators only where they separate thousands: 1,200 but not 1,2.
    let (whole, fraction) = t.split_once('.').unwrap_or((t, ""));
    let groups: Vec<&str> = whole.split(',').collect();
    let grouped = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !grouped || !groups.iter().all(|g| digits(g)) || !digits(fraction) {
        return None;
    }
    let value: f64 = format!(
        "{}.{}",
        groups.concat(),
        if fraction.is_empty() { "0" } else { fraction }
    )
    .parse()
    .ok()?;
    let value = if negative { -value } else { value };
    let unit = if money {
        Unit::Gbp
    } else if percent {
        Unit::Percent
    } else if !fraction.is_empty() {
        Unit::Number
    } else {
        Unit::Count
    };
    Some((value, unit))
}

/// Marks printed where a table has no figure.
fn no_figure(cell: &str) -> bool {
    matches!(
        cell.trim().to_ascii_lowercase().as_str(),
        "" | "-" | "–" | "—" | "n/a" | "na"
    )
}

/// Whether a row's label says it is the table's total.
fn is_total(label: &str) -> bool {
    let l = label.trim().trim_end_matches(':').trim().to_lowercase();
    matches!(
        l.as_str(),
        "total" | "totals" | "grand total" | "overall total"
    )
}

/// The unit of a column from its cells, or `None` when it holds words.
fn column_unit(cells: &[&str]) -> Option<Unit> {
    let figures: Vec<Unit> = cells
        .iter()
        .filter(|c| !no_figure(c))
        .map(|c| figure(c).map(|(_, u)| u))
        .collect::<Option<_>>()?;
    let any = |u: Unit| figures.contains(&u);
    match (any(Unit::Gbp), any(Unit::Percent)) {
        _ if figures.is_empty() => None,
        (true, true) => None,
        (true, false) => Some(Unit::Gbp),
        (false, true) => Some(Unit::Percent),
        _ if any(Unit::Number) => Some(Unit::Number),
        _ => Some(Unit::Count),
    }
}

/// The column ids given so far, and for each id the next number to try after it, so
/// that giving each id is quick however many columns share a title (a table of 2,000
/// columns all titled "x" once took 26 s, trying x_2, x_3, … against every id so far).
#[derive(Default)]
struct Ids {
    taken: std::collections::HashSet<String>,
    next: std::collections::HashMap<String, usize>,
}

impl Ids {
    /// A column id from its title: lower-case letters, digits and `_`, unique.
    fn give(&mut self, title: &str, index: usize) -> String {
        let mut id = String::new();
        for c in title.to_lowercase().chars() {
            if c.is_ascii_alphanumeric() {
                id.push(c);
            } else if !id.ends_with('_') && !id.is_empty() {
                id.push('_');
            }
        }
        let id = id
            .trim_end_matches('_')
            .chars()
            .take(40)
            .collect::<String>();
        let id = id.trim_end_matches('_').to_string();
        let id = if id.is_empty() {
            format!("column_{}", index + 1)
        } else {
            id
        };
        let mut unique = id.clone();
        let n = self.next.entry(id.clone()).or_insert(2);
        while self.taken.contains(&unique) {
            unique = format!("{id}_{n}");
            *n += 1;
        }
        self.taken.insert(unique.clone());
        unique
    }
}

fn number_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// A unit as data set files write it (`gbp`, `rate-per-10k`): its serde name, so it
/// cannot drift from what the loader reads.
fn unit_name(unit: Unit) -> String {
    match serde_json::to_value(unit) {
        Ok(serde_json::Value::String(name)) => name,
        _ => unreachable!("a unit serialises as its name"),
    }
}

/// The data set file of a table whose first row is its header; without a title when
/// the table had no caption of its own.
pub fn write(rows: &[Vec<String>], title: Option<&str>, source: &str) -> DataSetText {
    let rows: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .collect();
    let width = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let cell = |r: &Vec<String>, c: usize| r.get(c).map(|t| t.trim()).unwrap_or("").to_string();
    let header: Vec<String> = rows
        .first()
        .map(|r| (0..width).map(|c| cell(r, c)).collect())
        .unwrap_or_default();
    let mut body: Vec<Vec<String>> = rows
        .iter()
        .skip(1)
        .map(|r| (0..width).map(|c| cell(r, c)).collect())
        .collect();
    let total = body
        .last()
        .filter(|r| {
            r.iter()
                .find(|c| !c.is_empty())
                .is_some_and(|l| is_total(l))
        })
        .cloned();
    if total.is_some() {
        body.pop();
    }
    let units: Vec<Unit> = (0..width)
        .map(|c| {
            let cells: Vec<&str> = body.iter().map(|r| r[c].as_str()).collect();
            column_unit(&cells).unwrap_or(Unit::Text)
        })
        .collect();
    let mut given = Ids::default();
    let ids: Vec<String> = header
        .iter()
        .enumerate()
        .map(|(c, title)| given.give(title, c))
        .collect();
    let stated: Vec<Option<f64>> = (0..width)
        .map(|c| {
            let t = total.as_ref()?;
            (units[c] != Unit::Text).then(|| figure(&t[c]).map(|(v, _)| v))?
        })
        .collect();

    let mut out =
        String::from("# yaml-language-server: $schema=../../schemas/dataset.schema.json\n");
    if let Some(title) = title {
        out.push_str(&format!("title: {}\n", yaml(title)));
    }
    out.push_str(&format!("source: {}\n", yaml(source)));
    let key_ok = width > 1 && units[0] == Unit::Text && {
        let mut labels: Vec<String> = body.iter().map(|r| r[0].to_lowercase()).collect();
        let n = labels.len();
        labels.sort();
        labels.dedup();
        labels.len() == n && labels.iter().all(|l| l.chars().any(char::is_alphanumeric))
    };
    if key_ok {
        out.push_str(&format!("key: {}\n", ids[0]));
    }
    out.push_str("columns:\n");
    for c in 0..width {
        out.push_str(&format!(
            "  - {{id: {}, title: {}, unit: {}{}}}\n",
            ids[c],
            yaml(&header[c]),
            unit_name(units[c]),
            if stated[c].is_some() {
                ", total: true"
            } else {
                ""
            }
        ));
    }
    out.push_str(if body.is_empty() {
        "rows: []\n"
    } else {
        "rows:\n"
    });
    for r in &body {
        let values: Vec<String> = (0..width)
            .filter(|c| !r[*c].is_empty())
            .filter_map(|c| {
                let value = match units[c] {
                    Unit::Text => yaml(&r[c]),
                    _ if no_figure(&r[c]) => return None,
                    _ => number_text(figure(&r[c]).map(|(v, _)| v)?),
                };
                Some(format!("{}: {value}", ids[c]))
            })
            .collect();
        out.push_str(&format!("  - {{{}}}\n", values.join(", ")));
    }
    if stated.iter().any(Option::is_some) {
        out.push_str("# The Total row as the document printed it; the check compares it with the sum of the rows.\nstated_totals:\n");
        for c in 0..width {
            if let Some(v) = stated[c] {
                out.push_str(&format!("  {}: {}\n", ids[c], number_text(v)));
            }
        }
    }
    DataSetText {
        yaml: out,
        rows: body.len(),
        total_row: total.is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_typed_by_how_they_are_written() {
        assert_eq!(figure("1,200"), Some((1200.0, Unit::Count)));
        assert_eq!(figure("£3,000"), Some((3000.0, Unit::Gbp)));
        assert_eq!(figure("40%"), Some((40.0, Unit::Percent)));
        assert_eq!(figure("13.4"), Some((13.4, Unit::Number)));
        assert_eq!(figure("−3"), Some((-3.0, Unit::Count)));
        assert_eq!(figure("1,2"), None);
        assert_eq!(figure("Q1"), None);
        assert_eq!(figure("2021-22"), None);
    }

    #[test]
    fn a_total_row_becomes_stated_totals_kept_as_printed() {
        let t = |r: &[&str]| r.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let rows = vec![
            t(&["Quarter", "Home visits"]),
            t(&["Q1", "12"]),
            t(&["Q2", "15"]),
            t(&["Total", "30"]),
        ];
        let d = write(&rows, Some("Visits"), "Probation");
        assert_eq!(d.rows, 2);
        assert!(d.total_row);
        assert!(
            d.yaml
                .contains("  - {id: home_visits, title: Home visits, unit: count, total: true}\n"),
            "{}",
            d.yaml
        );
        assert!(
            d.yaml.contains("stated_totals:\n  home_visits: 30\n"),
            "{}",
            d.yaml
        );
        assert!(
            d.yaml.contains("  - {quarter: Q2, home_visits: 15}\n"),
            "{}",
            d.yaml
        );
    }

    #[test]
    fn column_ids_are_unique_and_valid() {
        let mut ids = Ids::default();
        assert_eq!(ids.give("Share of checks (%)", 0), "share_of_checks");
        assert_eq!(ids.give("", 2), "column_3");
        assert_eq!(ids.give("Office", 3), "office");
        assert_eq!(ids.give("Office", 4), "office_2");
        assert_eq!(ids.give("office 2", 5), "office_2_2");
        assert_eq!(ids.give("Office", 6), "office_3");
    }
}
