//! A data set moved on a year by editing its text, so everything the team wrote stays
//! as written — comments, layout, flow or block style, `charts:`, notes, stated
//! totals — and only what belongs to the year changes:
//!
//! - year names shift in the titles (data set, columns, charts, figure labels): last
//!   year's become the year before's, this year's become last year's;
//! - each typed number column's values move to its comparator column — the column
//!   of the same title naming last year, or `ID_previous` — which is added beside it
//!   when there is none, and this year's cells are left empty (`null`) to fill;
//! - each figure's value becomes its `previous`, and its value is left to fill;
//! - the source is kept as a comment marked last year's, so `check` asks for this
//!   year's until it is given.

use std::ops::Range;

use serde_saphyr::Spanned;

use crate::model::{Cell, Column, DataSetFile};

/// The years a roll-over moves between: the year before last year's, last year's
/// and this year's, each as "2021-22".
pub struct Years<'a> {
    pub before: &'a str,
    pub old: &'a str,
    pub new: &'a str,
}

impl Years<'_> {
    /// The year names in `text[within]` and what each becomes moved on a year: the
    /// year before's becomes last year's, last year's this year's ("2021-22",
    /// "2021/22", "21-22").
    fn shift_in(&self, text: &str, within: Range<usize>) -> Vec<(Range<usize>, String)> {
        let forms = |y: &str| -> Vec<String> {
            let mut f = vec![y.to_string(), y.replace('-', "/")];
            if y.len() == 7 {
                f.push(y[2..].to_string());
            }
            f
        };
        let pairs: Vec<(String, String)> = forms(self.old)
            .into_iter()
            .zip(forms(self.new))
            .chain(forms(self.before).into_iter().zip(forms(self.old)))
            .collect();
        let mut out = Vec::new();
        let mut i = within.start;
        'outer: while i < within.end {
            let after_digit = text[..i].ends_with(|c: char| c.is_ascii_digit());
            let rest = &text[i..within.end];
            if !after_digit {
                for (from, to) in &pairs {
                    let ends_in_digit = rest
                        .get(from.len()..)
                        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
                    if rest.starts_with(from.as_str()) && !ends_in_digit {
                        out.push((i..i + from.len(), to.clone()));
                        i += from.len();
                        continue 'outer;
                    }
                }
            }
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
        out
    }

    /// `text` with its year names moved on a year.
    pub fn shift(&self, text: &str) -> String {
        let mut edits = Edits::default();
        for (r, to) in self.shift_in(text, 0..text.len()) {
            edits.replace(r, to);
        }
        edits.apply(text)
    }
}

/// Text edits: byte ranges of the original and what replaces them.
#[derive(Default)]
struct Edits(Vec<(Range<usize>, String)>);

impl Edits {
    fn replace(&mut self, range: Range<usize>, with: impl Into<String>) {
        self.0.push((range, with.into()));
    }

    fn insert(&mut self, at: usize, text: impl Into<String>) {
        self.0.push((at..at, text.into()));
    }

    /// The text with every edit made, from the front; edits never overlap, and
    /// insertions at one place keep the order they were made in.
    fn apply(mut self, text: &str) -> String {
        self.0.sort_by_key(|(r, _)| (r.start, r.end));
        let mut out = String::with_capacity(text.len() + 1024);
        let mut at = 0;
        for (range, with) in self.0 {
            if range.start < at {
                continue;
            }
            out.push_str(&text[at..range.start]);
            out.push_str(&with);
            at = range.end;
        }
        out.push_str(&text[at..]);
        out
    }
}

/// Where a value is in the text, from the parser's span.
fn range<T>(value: &Spanned<T>) -> Option<Range<usize>> {
    let span = value.referenced.span();
    let start = span.byte_offset()? as usize;
    Some(start..start + span.byte_len().unwrap_or(0) as usize)
}

/// The top-level blocks of a YAML text (`columns:`, `rows:`…): each key and the byte
/// range from its line to the next top-level key.
fn blocks(text: &str) -> Vec<(String, Range<usize>)> {
    let mut found: Vec<(String, usize)> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let top = !line.starts_with([' ', '\t', '#', '-', '\n', '\r']) && !line.is_empty();
        if top && let Some((key, _)) = line.split_once(':') {
            found.push((key.trim().to_string(), at));
        }
        at += line.len();
    }
    let ends: Vec<usize> = found
        .iter()
        .skip(1)
        .map(|(_, s)| *s)
        .chain([text.len()])
        .collect();
    found
        .into_iter()
        .zip(ends)
        .map(|((k, s), e)| (k, s..e))
        .collect()
}

/// How a typed number column moves on: into the comparator column at this index, or
/// into a new `ID_previous` column.
enum Move {
    Into(usize),
    New,
}

/// A data set moved on a year, as text.
pub fn moved_on(text: &str, years: &Years) -> Result<String, String> {
    let file: DataSetFile = serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
    let mut edits = Edits::default();
    let blocks = blocks(text);
    let block = |key: &str| {
        blocks
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, r)| r.clone())
    };
    for key in ["title", "columns", "charts", "figures"] {
        if let Some(r) = block(key) {
            for (r, to) in years.shift_in(text, r) {
                edits.replace(r, to);
            }
        }
    }
    if let Some(r) = block("source") {
        let line = text[r.clone()].trim_end();
        edits.replace(
            r,
            format!("# Last year's source: give this year's once its figures are in.\n# {line}\n"),
        );
    }
    if let (Some(r), Some(d)) = (block("as_of"), file.as_of) {
        let d = super::rollover::a_year_on(d);
        edits.replace(r, format!("as_of: {d}\n"));
    }
    let moves = moves(&file, years);
    if let Some(r) = block("columns") {
        add_columns(text, r, &file, &moves, years, &mut edits);
    }
    move_cells(text, &file, &moves, &mut edits);
    if let Some(r) = block("stated_totals") {
        move_totals(text, r, &file, &moves, &mut edits);
    }
    figures(text, &file, &mut edits);
    Ok(edits.apply(text))
}

/// Each typed number column (not computed) and where its values go.
fn moves(file: &DataSetFile, years: &Years) -> Vec<(usize, Move)> {
    let mut out = Vec::new();
    for (i, c) in file.columns.iter().enumerate() {
        if !typed_number(c) || is_comparator(c, file, years) {
            continue;
        }
        let previous = format!("{}_previous", c.id.value);
        let named = years.shift(&c.title) != c.title;
        let comparator = file.columns.iter().position(|p| {
            p.id.value == previous
                || (named && p.id.value != c.id.value && years.shift(&p.title) == c.title)
        });
        out.push((i, comparator.map_or(Move::New, Move::Into)));
    }
    out
}

/// A column holding last year's figures of another: `ID_previous`, or one whose
/// title, moved on a year, is another's.
fn is_comparator(c: &Column, file: &DataSetFile, years: &Years) -> bool {
    let shifted = years.shift(&c.title);
    file.columns.iter().any(|other| {
        other.id.value != c.id.value
            && typed_number(other)
            && (c.id.value == format!("{}_previous", other.id.value)
                || (shifted != c.title && shifted == other.title))
    })
}

fn typed_number(c: &Column) -> bool {
    c.unit != crate::model::Unit::Text
        && c.percent.is_none()
        && c.per_10k.is_none()
        && c.change.is_none()
        && c.sum.is_none()
        && c.percent_of_total.is_none()
}

/// A new `ID_previous` column after each typed column that has no comparator, in the
/// style the column list is written in.
fn add_columns(
    text: &str,
    block: Range<usize>,
    file: &DataSetFile,
    moves: &[(usize, Move)],
    years: &Years,
    edits: &mut Edits,
) {
    for (i, m) in moves {
        if !matches!(m, Move::New) {
            continue;
        }
        let c = &file.columns[*i];
        let Some(at) = range(&c.id) else { continue };
        // The column's item ends where the next one starts, or with the block.
        let end = file
            .columns
            .get(i + 1)
            .and_then(|n| range(&n.id))
            .map_or(block.end, |r| {
                line_start(text, r.start).min(item_start(text, r.start))
            });
        let end = text[..end].trim_end_matches([' ', '\t']).len();
        let item = item_start(text, at.start);
        let indent = &text[line_start(text, item)..item];
        let title = if years.shift(&c.title) != c.title {
            c.title.clone()
        } else {
            format!("{} ({})", c.title, years.old)
        };
        let unit = serde_json::to_value(c.unit)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        let places = c
            .places
            .map(|p| format!(", places: {p}"))
            .unwrap_or_default();
        let places = if c.total {
            format!(", total: true{places}")
        } else {
            places
        };
        let line = format!(
            "{indent}- {{id: {}_previous, title: {}, unit: {unit}{places}}}\n",
            c.id.value,
            quoted(&title)
        );
        let end = if text[..end].ends_with('\n') {
            end
        } else {
            next_line(text, end)
        };
        edits.insert(end, line);
    }
}

/// Where the list item holding the byte at `at` starts: its `-`.
fn item_start(text: &str, at: usize) -> usize {
    let before = &text[..at];
    before.rfind("- ").unwrap_or(line_start(text, at))
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The start of the line after the one holding `at`.
fn next_line(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// A YAML scalar in single quotes.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// Each row's typed figures moved into their comparator cells, this year's left
/// empty.
fn move_cells(text: &str, file: &DataSetFile, moves: &[(usize, Move)], edits: &mut Edits) {
    for row in &file.rows {
        let Some(row_at) = range(row) else { continue };
        let flow = text[row_at.start..].starts_with('{');
        for (i, m) in moves {
            let c = &file.columns[*i];
            let current = row.value.get(&c.id.value);
            let value = current
                .filter(|cell| !matches!(cell.value, Cell::Empty))
                .and_then(|cell| range(cell).map(|r| (r, text[range(cell).unwrap()].to_string())));
            let target = match m {
                Move::Into(p) => file.columns[*p].id.value.clone(),
                Move::New => format!("{}_previous", c.id.value),
            };
            let existing = row.value.get(&target).and_then(range);
            match (&value, existing) {
                (Some((_, v)), Some(r)) => edits.replace(r, v.clone()),
                (None, Some(r)) if !r.is_empty() => edits.replace(r, "null"),
                (Some((r, v)), None) => {
                    if flow {
                        edits.insert(r.end, format!(", {target}: {v}"));
                    } else {
                        let start = line_start(text, r.start);
                        let line = &text[start..r.start];
                        let indent = line.len() - line.trim_start_matches([' ', '-']).len();
                        edits.insert(
                            next_line(text, r.end),
                            format!("{}{target}: {v}\n", " ".repeat(indent)),
                        );
                    }
                }
                _ => {}
            }
            if let Some((r, _)) = value {
                edits.replace(r, "null");
            }
        }
    }
}

/// Stated totals follow their column's figures into the comparator column.
fn move_totals(
    text: &str,
    block: Range<usize>,
    file: &DataSetFile,
    moves: &[(usize, Move)],
    edits: &mut Edits,
) {
    for (i, m) in moves {
        let c = &file.columns[*i];
        let Some(total) = file.stated_totals.get(&c.id.value) else {
            continue;
        };
        let target = match m {
            Move::Into(p) => file.columns[*p].id.value.clone(),
            Move::New => format!("{}_previous", c.id.value),
        };
        // The key's line: found from the value's place, the key being on its line.
        let Some(r) = range(total) else { continue };
        let start = line_start(text, r.start);
        let line_end = next_line(text, r.end);
        let value = &text[r.clone()];
        let indent = &text[start..start + (text[start..].len() - text[start..].trim_start().len())];
        edits.replace(start..line_end, format!("{indent}{target}: {value}\n"));
        if let Some(old) = file.stated_totals.get(&target).and_then(range) {
            let s = line_start(text, old.start);
            if s != start && (block.start..block.end).contains(&s) {
                edits.replace(s..next_line(text, old.end), "");
            }
        }
    }
}

/// Each figure's value becomes its `previous`; this year's value is left to fill.
fn figures(text: &str, file: &DataSetFile, edits: &mut Edits) {
    let names: Vec<Range<usize>> = file
        .figures
        .0
        .iter()
        .filter_map(|(n, _)| range(n))
        .collect();
    let end_of_block = blocks(text)
        .into_iter()
        .find(|(k, _)| k == "figures")
        .map_or(text.len(), |(_, r)| r.end);
    for (i, (name, figure)) in file.figures.0.iter().enumerate() {
        let (Some(at), Some(_)) = (range(name), figure.value) else {
            continue;
        };
        let end = names
            .get(i + 1)
            .map_or(end_of_block, |n| line_start(text, n.start));
        let region = &text[at.end..end];
        let Some(v) = scalar_of(region, "value") else {
            continue;
        };
        let v = (at.end + v.start)..(at.end + v.end);
        let written = text[v.clone()].to_string();
        match scalar_of(region, "previous") {
            Some(p) => edits.replace((at.end + p.start)..(at.end + p.end), written),
            // In a block mapping, `previous:` goes on a line of its own below `value:`.
            None => {
                let line = &text[line_start(text, v.start)..v.start];
                if line.trim_start().starts_with("value:") {
                    let indent = line.len() - line.trim_start().len();
                    let at = next_line(text, v.end);
                    edits.insert(at, format!("{}previous: {written}\n", " ".repeat(indent)));
                } else {
                    edits.insert(v.end, format!(", previous: {written}"));
                }
            }
        }
        edits.replace(v, "null");
        for key in ["statistical_neighbours", "england"] {
            if let Some(c) = scalar_of(region, key) {
                edits.replace((at.end + c.start)..(at.end + c.end), "null");
            }
        }
    }
}

/// Where the plain scalar of `key:` is in a figure's text (flow or block).
fn scalar_of(region: &str, key: &str) -> Option<Range<usize>> {
    let mut from = 0;
    while let Some(i) = region[from..].find(key) {
        let at = from + i;
        from = at + key.len();
        let boundary = at == 0 || region[..at].ends_with([' ', '{', ',', '\n']);
        let rest = &region[at + key.len()..];
        if !boundary || !rest.starts_with(':') {
            continue;
        }
        let value_start = at + key.len() + 1;
        let skip =
            region[value_start..].len() - region[value_start..].trim_start_matches(' ').len();
        let start = value_start + skip;
        let len = region[start..]
            .find([',', '}', '\n', '#'])
            .unwrap_or(region.len() - start);
        let end = start + region[start..start + len].trim_end().len();
        return Some(start..end);
    }
    None
}
