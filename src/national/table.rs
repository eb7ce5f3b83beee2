//! The national table: one row per report, one column per criterion. As a web page
//! (each cell linking to that criterion's row in the report's own evaluation page,
//! written beside it), as CSV for a spreadsheet, or as JSON with every cell's
//! evidence quoted.

use std::path::{Path, PathBuf};

use super::{Outcome, Row, page_name, picture};
use crate::check::Status;
use crate::check::evaluation::html::escape;

/// The format a national table's file name asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Csv,
    Json,
}

impl Format {
    /// The format of `path`, or what to do instead.
    pub fn of(path: &Path) -> Result<Format, String> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("html" | "htm") => Ok(Format::Html),
            Some("csv") => Ok(Format::Csv),
            Some("json") => Ok(Format::Json),
            _ => Err(format!(
                "cannot tell the format of {} from its name: for many reports, use a file ending in .html, .csv or .json",
                path.display()
            )),
        }
    }
}

/// The folder the web table's per-report evaluation pages go in: beside the table,
/// named after it (`national.html` → `national-reports/`).
pub fn evaluations_folder(table: &Path) -> PathBuf {
    let stem = table
        .file_stem()
        .map_or("national".into(), |s| s.to_string_lossy().into_owned());
    table.with_file_name(format!("{stem}-reports"))
}

/// The criteria columns, in the guidance's order.
fn columns(rows: &[Row]) -> Vec<String> {
    picture(rows).into_iter().map(|(id, _)| id).collect()
}

fn status_of<'a>(row: &'a Row, id: &str) -> Option<&'a super::Cell> {
    match &row.outcome {
        Outcome::Checked(c) => c.criteria.iter().find(|x| x.id == id),
        Outcome::Unreadable { .. } => None,
    }
}

/// Writes the table to `path` in `format`, whole or not at all.
pub fn write(rows: &[Row], path: &Path, format: Format) -> Result<(), String> {
    let text = match format {
        Format::Html => html(rows, path),
        Format::Csv => csv(rows),
        Format::Json => {
            let mut t = serde_json::to_string_pretty(rows).map_err(|e| e.to_string())?;
            t.push('\n');
            t
        }
    };
    crate::check::matrix::write_whole(path, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// A CSV field, quoted when it must be (RFC 4180); a field a spreadsheet would run as
/// a formula (=, +, -, @) starts with an apostrophe.
fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn csv(rows: &[Row]) -> String {
    let columns = columns(rows);
    let mut header = vec![
        "report",
        "partnership",
        "period",
        "edition",
        "met",
        "partial",
        "missing",
        "errors",
        "warnings",
        "could not be read",
    ]
    .into_iter()
    .map(String::from)
    .collect::<Vec<_>>();
    header.extend(columns.iter().cloned());
    let mut out = header
        .iter()
        .map(|h| field(h))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    for row in rows {
        let mut cells = vec![row.file.clone()];
        match &row.outcome {
            Outcome::Checked(c) => {
                cells.extend([
                    c.partnership.clone(),
                    c.period.clone(),
                    c.edition.clone(),
                    c.count(Status::Met).to_string(),
                    c.count(Status::Partial).to_string(),
                    c.count(Status::Missing).to_string(),
                    c.errors.to_string(),
                    c.warnings.to_string(),
                    String::new(),
                ]);
            }
            Outcome::Unreadable { reason } => {
                cells.extend(std::iter::repeat_n(String::new(), 8));
                cells.push(reason.clone());
            }
        }
        for id in &columns {
            cells.push(status_of(row, id).map_or(String::new(), |c| c.status.as_str().into()));
        }
        out.push_str(&cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

fn html(rows: &[Row], path: &Path) -> String {
    let columns = columns(rows);
    let folder = evaluations_folder(path);
    let folder_name = folder
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Yearly reports against Working Together</title>\n<style>\nbody{font-family:system-ui,sans-serif;margin:2rem;line-height:1.5;color:#1a1a1a}\ntable{border-collapse:collapse}th,td{border:1px solid #767676;padding:.3rem .5rem;text-align:left;vertical-align:top}\n.met{background:#e6f4ea}.partial{background:#fff4ce}.missing{background:#fde7e9}.unreadable{background:#eee}\n.wide{overflow-x:auto}caption{text-align:left;font-weight:bold}\n</style>\n</head>\n<body>\n<main>\n<h1>Yearly reports against Working Together</h1>\n",
    );
    out.push_str("<h2>Across the reports</h2>\n<table>\n<caption>How many reports meet each criterion, partly meet it and miss it</caption>\n<thead><tr><th scope=\"col\">Criterion</th><th scope=\"col\">Met</th><th scope=\"col\">Partly met</th><th scope=\"col\">Missing</th></tr></thead>\n<tbody>\n");
    for (id, [met, partial, missing]) in picture(rows) {
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{met}</td><td>{partial}</td><td>{missing}</td></tr>\n",
            escape(&id)
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out.push_str("<h2>Report by report</h2>\n<div class=\"wide\" role=\"region\" aria-label=\"Report by report\" tabindex=\"0\">\n<table>\n<caption>One row per report, one column per criterion: each verdict links to the evidence in that report's evaluation</caption>\n<thead><tr><th scope=\"col\">Report</th><th scope=\"col\">Partnership</th><th scope=\"col\">Period</th>");
    for id in &columns {
        out.push_str(&format!("<th scope=\"col\">{}</th>", escape(id)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        let link = format!("{folder_name}/{}", page_name(&row.file));
        match &row.outcome {
            Outcome::Checked(c) => {
                out.push_str(&format!(
                    "<tr><th scope=\"row\"><a href=\"{}\">{}</a></th><td>{}</td><td>{}</td>",
                    escape(&url(&link)),
                    escape(&row.file),
                    escape(&c.partnership),
                    escape(&c.period)
                ));
                for id in &columns {
                    match status_of(row, id) {
                        Some(cell) => out.push_str(&format!(
                            "<td class=\"{s}\"><a href=\"{}#{}\">{s}</a></td>",
                            escape(&url(&link)),
                            escape(id),
                            s = cell.status.as_str()
                        )),
                        None => out.push_str("<td>not in this edition</td>"),
                    }
                }
            }
            Outcome::Unreadable { reason } => out.push_str(&format!(
                "<tr class=\"unreadable\"><th scope=\"row\">{}</th><td colspan=\"{}\">could not be read: {}</td>",
                escape(&row.file),
                columns.len() + 2,
                escape(reason)
            )),
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n</main>\n</body>\n</html>\n");
    out
}

/// A relative link with the characters a file name may hold that a URL may not
/// (spaces, #, ?, %) escaped.
fn url(path: &str) -> String {
    let mut out = String::new();
    for c in path.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            '%' => out.push_str("%25"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
