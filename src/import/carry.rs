//! What an import keeps of the files `new --from` rolled over for it: last year's
//! figures (the `ID_previous` columns beside this year's) are the comparators the
//! report prints, and this year's document does not have them; and a rolled-over
//! section or data set that still waits for this year's text or figures is filled by
//! an import without `--force`, as nothing of this year would be replaced.

use crate::model::{Cell, Column, DataSetFile};

/// Whether a section's body is only what a roll-over left: headings, comments and
/// the placements of tables and charts, no words of this year.
pub fn awaiting_text(body: &str) -> bool {
    let mut in_comment = false;
    for line in body.lines().map(str::trim) {
        if in_comment {
            in_comment = !line.contains("-->");
            continue;
        }
        if line.starts_with("<!--") {
            in_comment = !line.contains("-->");
            continue;
        }
        let heading = line.starts_with('#');
        let placement = line.starts_with("{{") && line.ends_with("}}");
        if !(line.is_empty() || heading || placement || line.starts_with("This report follows our"))
        {
            return false;
        }
    }
    true
}

/// Whether a data set still waits for this year's figures: every cell of its typed
/// columns other than the comparators is empty.
pub fn awaiting_figures(yaml: &str) -> bool {
    let Ok(file) = serde_saphyr::from_str::<DataSetFile>(yaml) else {
        return false;
    };
    let current: Vec<&Column> = file
        .columns
        .iter()
        .filter(|c| c.unit != crate::model::Unit::Text && !c.id.value.ends_with("_previous"))
        .collect();
    file.columns
        .iter()
        .any(|c| c.id.value.ends_with("_previous"))
        && file.rows.iter().all(|row| {
            current.iter().all(|c| {
                row.value
                    .get(&c.id.value)
                    .is_none_or(|cell| matches!(cell.value, Cell::Empty))
            })
        })
}

/// `new`, the data set an import made of this year's table, with the comparator
/// columns of `old` (the rolled-over data set at the same path) carried over: each
/// beside the column in the same place among this year's, its values in the rows of
/// the same label. `None` when `old` has no comparators or its columns do not line
/// up with the table's.
pub fn with_comparators(new: &str, old: &str) -> Option<String> {
    let old_file: DataSetFile = serde_saphyr::from_str(old).ok()?;
    let new_file: DataSetFile = serde_saphyr::from_str(new).ok()?;
    let is_comparator = |c: &Column| c.id.value.ends_with("_previous");
    let old_current: Vec<&Column> = old_file
        .columns
        .iter()
        .filter(|c| !is_comparator(c))
        .collect();
    if old_current.len() != new_file.columns.len() || !old_file.columns.iter().any(is_comparator) {
        return None;
    }
    // Each comparator: the index of this year's column it belongs beside.
    let mut carried: Vec<(usize, &Column)> = Vec::new();
    for c in old_file.columns.iter().filter(|c| is_comparator(c)) {
        let base = c.id.value.trim_end_matches("_previous");
        let at = old_current.iter().position(|o| o.id.value == base)?;
        carried.push((at, c));
    }
    let label = |file: &DataSetFile, row: usize| -> Option<String> {
        let first = &file.columns.first()?.id.value;
        match &file.rows.get(row)?.value.get(first)?.value {
            Cell::Text(t) => Some(t.trim().to_lowercase()),
            Cell::Number(n) => Some(n.to_string()),
            Cell::Empty => None,
        }
    };
    let mut out = String::new();
    let (mut section, mut row) = ("", 0usize);
    for line in new.lines() {
        if !line.starts_with(' ') && !line.starts_with('#') {
            section = line.split(':').next().unwrap_or("");
        }
        let mut line = line.to_string();
        match section {
            "columns" if line.trim_start().starts_with("- {id: ") => {
                let id = line.trim_start()["- {id: ".len()..]
                    .split([',', '}'])
                    .next()
                    .unwrap_or("")
                    .to_string();
                let at = new_file.columns.iter().position(|c| c.id.value == id);
                line.push('\n');
                for (_, c) in carried.iter().filter(|(i, _)| Some(*i) == at) {
                    line.push_str(&format!(
                        "  - {{id: {id}_previous, title: '{}', unit: {}{}}}\n",
                        c.title.replace('\'', "''"),
                        serde_json::to_value(c.unit).ok()?.as_str()?,
                        if c.total { ", total: true" } else { "" }
                    ));
                }
                line.pop();
            }
            "rows" if line.trim_start().starts_with("- {") && line.ends_with('}') => {
                let here = label(&new_file, row);
                let old_row = (0..old_file.rows.len())
                    .find(|r| here.is_some() && label(&old_file, *r) == here);
                row += 1;
                if let Some(r) = old_row {
                    let mut extra = String::new();
                    for (at, c) in &carried {
                        if let Some(Cell::Number(v)) =
                            old_file.rows[r].value.get(&c.id.value).map(|c| &c.value)
                        {
                            let id = &new_file.columns[*at].id.value;
                            extra.push_str(&format!(", {id}_previous: {v}"));
                        }
                    }
                    line.insert_str(line.len() - 1, &extra);
                }
            }
            _ => {}
        }
        out.push_str(&line);
        out.push('\n');
    }
    Some(out)
}
