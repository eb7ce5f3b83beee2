//! Plain text and Markdown.
//!
//! Plain text is read the way a person reads a typed or exported report: numbered
//! headings ("3 Our Partners", "12.1 Rapid Review") when their numbers follow on,
//! ALL-CAPS lines, short title-like lines as headings inside a section, bullets and
//! numbered items as lists. Word's "plain text" export marks its table of contents'
//! targets with `[bookmark: _Toc…]` (so that line is a heading), images with
//! `[image: alt text]`, and tables as one cell per line, each after a tab, with rows
//! apart by an empty line; all three are read for what they are.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use regex::Regex;

use super::laid::{LaidLine, laid_table, word_table};
use super::{Builder, Extracted};
use crate::assemble::{Block, BlockKind, Table, TableColumn};
use crate::diagnostic::{Sources, Span};

static BOOKMARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[bookmark: ?([^\]]*)\]").unwrap());
static IMAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[image: ?((?:[^\[\]]|\[[^\[\]]*\])*)\]").unwrap());
/// "3 Our Partners", "12.1. Rapid Review", "4) Funding".
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2}(?:\.\d{1,2}){0,2})[.)]?\s+(\S.*)$").unwrap());
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[·•▪◦‣●○■□➢✓\-*–]|o\s)\s*(\S.*)$").unwrap());
static LETTERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(?([a-z]|[ivx]{1,4})[.)]\s+(\S.*)$").unwrap());

/// One line of the file: its text without export markers, and where it is.
struct Line<'a> {
    raw: &'a str,
    range: Range<usize>,
    /// The text with bookmarks taken out and spaces trimmed.
    text: String,
    /// Word marked it as a table of contents target.
    toc: bool,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for raw in text.split_inclusive('\n') {
        let start = at;
        at += raw.len();
        let raw = raw.trim_end_matches(['\n', '\r']);
        let toc = BOOKMARK
            .captures_iter(raw)
            .any(|c| c[1].starts_with("_Toc"));
        let text = BOOKMARK.replace_all(raw, "").trim().to_string();
        out.push(Line {
            raw,
            range: start..start + raw.len(),
            text,
            toc,
        });
    }
    out
}

/// Where the numbered headings have got to, so "3 Residence Orders" in the middle of
/// chapter 8 is not taken for a chapter.
#[derive(Default)]
struct Numbering {
    chapter: u32,
    sub: u32,
}

/// Reads a plain text file.
pub fn plain(name: &str, text: &str) -> Result<Extracted, String> {
    let mut sources = Sources::default();
    let file = sources.add(name, text);
    let lines = lines(text);
    let blanks = next_blanks(&lines);
    let width = line_width(&lines);
    let mut b = Builder::new(&file);
    let mut numbering = Numbering::default();
    let mut i = 0;
    while i < lines.len() && !b.full() {
        let line = &lines[i];
        if line.text.is_empty() {
            i += 1;
            continue;
        }
        let span = Span::new(&file, line.range.clone());
        // A table laid out with spaces comes first: its header line looks like a
        // heading ("Partner      Contribution (£)").
        if let Some((end, header, rows)) = layout_table(&lines, i) {
            let span = Span::new(&file, line.range.start..lines[end - 1].range.end);
            b.block(BlockKind::Table(table_of(header, rows)), span);
            i = end;
            continue;
        }
        if let Some((level, number, title)) = heading(&lines, i, &mut numbering) {
            b.heading(level, number, &title, span);
            i += 1;
            continue;
        }
        if let Some(end) = table_end(&lines, &blanks, i) {
            table(&file, &lines[i..end], &mut b);
            i = end;
            continue;
        }
        images(&file, line, &mut b);
        let rest = IMAGE.replace_all(&line.text, "").trim().to_string();
        if rest.is_empty() {
            i += 1;
            continue;
        }
        if let Some(c) = BULLET.captures(&rest) {
            b.item(false, 1, &c[1], span);
        } else if let Some(c) = NUMBERED.captures(&rest).filter(|c| !c[1].contains('.')) {
            b.item(true, c[1].parse().unwrap_or(1), &c[2], span);
        } else if let Some(c) = LETTERED.captures(&rest) {
            b.item(true, 1, &c[2], span);
        } else {
            // A paragraph wrapped over several lines goes on while the next line
            // carries on the sentence.
            let mut end = i + 1;
            let mut words = rest.clone();
            while end < lines.len()
                && (continues(&words, &lines[end].text)
                    || wrapped(&lines[end - 1], &lines[end], width))
            {
                words.push(' ');
                words.push_str(&lines[end].text);
                end += 1;
            }
            let span = Span::new(&file, line.range.start..lines[end - 1].range.end);
            b.paragraph(&words, span);
            i = end;
            continue;
        }
        i += 1;
    }
    Ok(Extracted {
        sections: b.finish()?,
        sources,
        title: None,
        tagged: None,
    })
}

/// For each line, the first empty line at or after it (`lines.len()` when none), so
/// that looking for a table's end jumps from row to row instead of walking every line
/// again from each line of the file.
fn next_blanks(lines: &[Line]) -> Vec<usize> {
    let mut out = vec![lines.len(); lines.len() + 1];
    for i in (0..lines.len()).rev() {
        out[i] = if lines[i].raw.is_empty() {
            i
        } else {
            out[i + 1]
        };
    }
    out
}

/// The width a file's text is wrapped at: the longest lines but a few (the 90th
/// percentile of non-empty lines, in characters). A file with a paragraph to a line
/// has a wide one, so its lines never count as wrapped.
fn line_width(lines: &[Line]) -> usize {
    let mut widths: Vec<usize> = lines
        .iter()
        .filter(|l| !l.text.is_empty())
        .map(|l| l.raw.chars().count())
        .collect();
    if widths.is_empty() {
        return 0;
    }
    widths.sort_unstable();
    widths[(widths.len() * 9 / 10).min(widths.len() - 1)]
}

/// Whether `next` carries on a sentence wrapped at the end of `line`, as text
/// extracted from a PDF wraps it: the line runs close to the file's width and does
/// not end as a sentence does, and the next line is text, not a bullet or a row of a
/// table laid out with spaces. The next line may start with a capital or a figure
/// ("… the NHS partner was / Sallowmere CCG.", "From / 1 November 2021 …").
fn wrapped(line: &Line, next: &Line, width: usize) -> bool {
    let text = line.text.trim_end();
    let full = width >= 40 && line.raw.chars().count() * 4 >= width * 3;
    full && !text.ends_with(['.', '!', '?', ':', '"', '”', ';'])
        && !next.text.is_empty()
        && !BULLET.is_match(&next.text)
        && runs(next.raw).len() < 2
}

fn continues(before: &str, next: &str) -> bool {
    let ends_open = !before
        .trim_end()
        .ends_with(['.', '!', '?', ':', '"', '”', ';']);
    let starts_lower = next.chars().next().is_some_and(char::is_lowercase);
    ends_open && starts_lower
}

fn images(file: &Arc<str>, line: &Line, b: &mut Builder) {
    for m in IMAGE.captures_iter(line.raw) {
        let whole = m.get(0).expect("a match");
        let span = Span::new(
            file,
            line.range.start + whole.start()..line.range.start + whole.end(),
        );
        b.block(
            BlockKind::Image {
                src: whole.as_str().to_string(),
                alt: m[1].trim().to_string(),
                caption: None,
            },
            span,
        );
    }
}

/// At most this many columns in a table laid out with spaces: more, and the lines are
/// not read as a table (which also bounds the work on each line).
pub(super) const MAX_LAYOUT_COLUMNS: usize = 24;

/// The runs of a line laid out with spaces, apart by two spaces or more: each with
/// the column (in characters) it starts at.
pub(super) fn runs(raw: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    let mut end = 0;
    let mut gap = 0;
    for (col, (b, c)) in raw.char_indices().enumerate() {
        if c.is_whitespace() {
            gap += 1;
            continue;
        }
        match run {
            Some((start, at)) if gap >= 2 => {
                out.push((at, &raw[start..end]));
                run = Some((b, col));
            }
            None => run = Some((b, col)),
            Some(_) => {}
        }
        gap = 0;
        end = b + c.len_utf8();
    }
    if let Some((start, at)) = run {
        out.push((at, &raw[start..end]));
    }
    out
}

static LAYOUT_FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^£?\d[\d,]*(?:\.\d+)?%?(?:\s*\(\d+(?:\.\d+)?%\))?$|^\d[\d,]* of \d[\d,]*(?:\s*\(\d+(?:\.\d+)?%\))?$")
        .unwrap()
});

/// Whether a run of a laid-out line is a figure: "2,690", "£84,000", "1,364 (46.0%)",
/// "178 of 256", "58%".
pub(super) fn layout_figure(run: &str) -> bool {
    figure(run) || LAYOUT_FIGURE.is_match(run)
}

/// A table laid out with spaces, as text extracted from a PDF (`pdftotext -layout`)
/// gives one, starting at line `i` (see [`laid_table`]). Returns the line after the
/// table, the header and the rows.
#[allow(clippy::type_complexity)]
fn layout_table(lines: &[Line], i: usize) -> Option<(usize, Vec<String>, Vec<Vec<String>>)> {
    let cells = |j: usize| -> Option<LaidLine> {
        let line = lines.get(i + j)?;
        if line.text.is_empty() || line.raw.starts_with('\t') {
            return None;
        }
        Some(LaidLine {
            cells: runs(line.raw)
                .into_iter()
                .map(|(at, t)| (at as f32, t.to_string()))
                .collect(),
            long: line.text.chars().count() > 40,
        })
    };
    laid_table(&cells)
        .or_else(|| word_table(&cells))
        .map(|(n, header, rows)| (i + n, header, rows))
}

/// Whether line `i` is a heading: level, number and title.
fn heading(lines: &[Line], i: usize, n: &mut Numbering) -> Option<(u8, Option<String>, String)> {
    let text = lines[i].text.as_str();
    if IMAGE.is_match(text) || text.starts_with('\t') || lines[i].raw.starts_with('\t') {
        return None;
    }
    if let Some(c) = NUMBERED.captures(text) {
        let number = c[1].to_string();
        let title = c[2].trim().to_string();
        let parts: Vec<u32> = number.split('.').filter_map(|p| p.parse().ok()).collect();
        let in_list = |j: Option<usize>| {
            j.and_then(|j| lines.get(j))
                .and_then(|l| NUMBERED.captures(&l.text))
                .is_some_and(|c| !c[1].contains('.'))
        };
        let listed = parts.len() == 1 && (in_list(i.checked_sub(1)) || in_list(Some(i + 1)));
        let follows = match parts.as_slice() {
            [c] => *c == n.chapter + 1,
            [c, s] => *c == n.chapter && *s == n.sub + 1,
            _ => false,
        };
        // A numbered paragraph ("5.2 In September 2020 the partnership commissioned")
        // runs on to a next line that carries on its sentence; a heading does not.
        let runs_on = lines
            .get(i + 1)
            .is_some_and(|l| l.text.starts_with(|c: char| c.is_lowercase()));
        if (lines[i].toc || (follows && !listed && !runs_on)) && title_like(&title) {
            let level = if parts.len() == 1 { 1 } else { 2 };
            if let [c] = parts.as_slice() {
                n.chapter = *c;
                n.sub = 0;
            } else if let [_, s] = parts.as_slice() {
                n.sub = *s;
            }
            return Some((level, Some(number), title));
        }
        return None;
    }
    if lines[i].toc {
        return Some((1, None, text.to_string()));
    }
    // A short line followed by a tabbed one is a table's first cell.
    if lines.get(i + 1).is_some_and(|l| l.raw.starts_with('\t')) {
        return None;
    }
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase()) && title_like(text) {
        return Some((1, None, text.to_string()));
    }
    let blank_before = i == 0 || lines[i - 1].text.is_empty();
    let text_after = lines.get(i + 1).is_some_and(|l| !l.text.is_empty());
    // A sentence-case heading ("Appendix: Independent scrutiny") is a short line
    // before a longer one: a paragraph's first line runs as wide as the next.
    let shorter =
        |l: &Line| text.chars().count() <= 60 && l.text.chars().count() > text.chars().count() + 10;
    let sentence_case = lines.get(i + 1).is_some_and(shorter);
    if blank_before
        && text_after
        && title_like(text)
        && (text.ends_with('?') || title_case(text) || sentence_case)
    {
        return Some((3, None, text.to_string()));
    }
    None
}

/// Short, starts with a capital, and does not end as a sentence does.
fn title_like(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=14).contains(&words)
        && text.chars().count() <= 110
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !text.ends_with(['.', ',', ';', ':'])
        && !BULLET.is_match(text)
}

/// Most longer words start with a capital: "Multi Agency Safeguarding Hub (MASH)".
fn title_case(text: &str) -> bool {
    let long: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .collect();
    let caps = long
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    !long.is_empty() && caps * 10 >= long.len() * 7
}

/// If a table in Word's text export starts at line `i`, the line after its end.
/// `blanks` is [`next_blanks`]: a row runs to the next empty line.
fn table_end(lines: &[Line], blanks: &[usize], i: usize) -> Option<usize> {
    let cell = |l: &Line| l.raw.starts_with('\t');
    let starts_row = |j: usize| {
        lines.get(j).is_some_and(|l| {
            (cell(l) && !l.text.is_empty())
                || (!l.raw.is_empty() && lines.get(j + 1).is_some_and(cell))
        })
    };
    if !(cell(&lines[i]) && !lines[i].text.is_empty() || starts_row(i) && !cell(&lines[i])) {
        return None;
    }
    let mut j = blanks[i];
    let mut rows = 1;
    while j < lines.len() && starts_row(j + 1) {
        rows += 1;
        j = blanks[j + 1];
    }
    (rows >= 2).then_some(j)
}

/// The rows of a table from Word's text export, and the images in its cells.
fn table(file: &Arc<str>, lines: &[Line], b: &mut Builder) {
    let mut rows: Vec<Vec<String>> = vec![Vec::new()];
    let mut found = Vec::new();
    for line in lines {
        if line.raw.is_empty() {
            rows.push(Vec::new());
            continue;
        }
        for m in IMAGE.captures_iter(line.raw) {
            let whole = m.get(0).expect("a match");
            found.push((
                whole.as_str().to_string(),
                m[1].trim().to_string(),
                line.range.start + whole.start()..line.range.start + whole.end(),
            ));
        }
        let text = IMAGE.replace_all(&line.text, "").trim().to_string();
        let row = rows.last_mut().expect("a row");
        if line.raw.starts_with('\t') || row.is_empty() {
            row.push(text);
        } else if let Some(last) = row.last_mut() {
            last.push(' ');
            last.push_str(&text);
        }
    }
    rows.retain(|r| r.iter().any(|c| !c.is_empty()));
    let header = if rows.is_empty() {
        Vec::new()
    } else {
        rows.remove(0)
    };
    let span = Span::new(file, lines[0].range.start..lines[lines.len() - 1].range.end);
    b.block(BlockKind::Table(table_of(header, rows)), span);
    for (src, alt, range) in found {
        b.block(
            BlockKind::Image {
                src,
                alt,
                caption: None,
            },
            Span::new(file, range),
        );
    }
}

/// A table from its header and body cells; a column whose body cells are mostly
/// figures is numeric, and a last row starting "Total" is the total. A second header
/// row (mostly words above rows of figures) is guessed and added to the titles.
pub fn table_of(header: Vec<String>, rows: Vec<Vec<String>>) -> Table {
    table_with(header, rows, HeaderRows::Guessed)
}

/// Whether a table's header rows are known (a Word table marks them to repeat on each
/// page) or have to be guessed from the cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderRows {
    Marked,
    Guessed,
}

/// A year as a column's title: "2023", "2022/23", "2022-2023".
static YEAR_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(19|20)\d\d(\s*[-/–]\s*(\d\d|(19|20)\d\d))?$").unwrap());

/// [`table_of`], told whether the header is known.
pub fn table_with(mut header: Vec<String>, mut rows: Vec<Vec<String>>, known: HeaderRows) -> Table {
    while known == HeaderRows::Guessed && rows.len() > 1 {
        let cells: Vec<&String> = rows[0].iter().filter(|c| !c.trim().is_empty()).collect();
        let figures = cells.iter().filter(|c| figure(c.trim())).count();
        // The figures below, a Total row's aside: a table of words with a count at
        // its foot ("Total recommendations | | | 4") has no rows of figures to head.
        let below = rows[1..]
            .iter()
            .filter(|r| !r.first().is_some_and(|c| crate::model::is_total_label(c)))
            .flatten()
            .filter(|c| figure(c.trim()))
            .count();
        // A row whose only figures are years ("Contacts by source | 2022 | 2023 |
        // Change") names the columns: it is the header's, however many there are.
        let years = cells
            .iter()
            .filter(|c| YEAR_TITLE.is_match(c.trim()))
            .count();
        let titles = figures > 0 && years == figures;
        if cells.is_empty() || (figures * 2 >= cells.len() && !titles) || below == 0 {
            break;
        }
        let row = rows.remove(0);
        header.resize(header.len().max(row.len()), String::new());
        for (h, c) in header.iter_mut().zip(row) {
            *h = format!("{} {}", h.trim(), c.trim()).trim().to_string();
        }
    }
    let width = rows
        .iter()
        .map(Vec::len)
        .chain([header.len()])
        .max()
        .unwrap_or(0);
    for r in &mut rows {
        r.resize(width, String::new());
    }
    let total = rows
        .last()
        .filter(|r| r.first().is_some_and(|c| crate::model::is_total_label(c)))
        .cloned();
    if total.is_some() {
        rows.pop();
    }
    let columns = (0..width)
        .map(|c| {
            let cells: Vec<&str> = rows
                .iter()
                .map(|r| r[c].trim())
                .filter(|t| !t.is_empty())
                .collect();
            let figures = cells.iter().filter(|t| figure(t)).count();
            TableColumn {
                title: header.get(c).cloned().unwrap_or_default(),
                numeric: !cells.is_empty() && figures * 2 > cells.len(),
            }
        })
        .collect();
    Table {
        data: None,
        title: None,
        columns,
        rows,
        total,
        source: None,
        notes: None,
        label: None,
    }
}

/// "£412,319", "35%", "0.26", "-1,400", "-".
fn figure(text: &str) -> bool {
    let t = text
        .trim_start_matches(['£', '$', '€', '-', '−'])
        .trim_end_matches(['%', 'k', 'm']);
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && t.chars().any(|c| c.is_ascii_digit())
        || text == "-"
}

/// Reads a Markdown file: `#` headings start chapters, `##` sub-sections (or, when a
/// single `#` heading titles the whole document, `##` chapters and `###` sub-sections).
/// Markup nested past what any report needs is refused at its place.
pub fn markdown(name: &str, text: &str) -> Result<Extracted, crate::diagnostic::Failure> {
    let mut sources = Sources::default();
    let file = sources.add(name, text);
    let blocks = match crate::assemble::markdown_blocks(&file, text) {
        Ok(blocks) => blocks,
        Err(d) => {
            return Err(crate::diagnostic::Failure {
                diagnostics: vec![d],
                sources,
            });
        }
    };
    let level_of = |b: &Block| {
        let src = &text[b.span.range.clone()];
        let hashes = src.trim_start().chars().take_while(|c| *c == '#').count();
        if hashes > 0 {
            hashes as u8
        } else if src.trim_end().ends_with('=') {
            1
        } else {
            2
        }
    };
    let headings: Vec<u8> = blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading { .. }))
        .map(level_of)
        .collect();
    let ones = headings.iter().filter(|l| **l == 1).count();
    let top = if ones == 1 && headings.iter().any(|l| *l == 2) {
        2
    } else {
        1
    };
    let mut title = None;
    let mut b = Builder::new(&file);
    for block in blocks {
        if let BlockKind::Heading { content, .. } = &block.kind {
            let md = level_of(&block);
            let words = crate::assemble::plain_text(content);
            if md < top {
                title = Some(words);
                continue;
            }
            let (number, words) = match NUMBERED.captures(&words) {
                Some(c) => (Some(c[1].to_string()), c[2].to_string()),
                None => (None, words),
            };
            b.heading(md + 1 - top, number, &words, block.span.clone());
        } else {
            b.block(block.kind, block.span);
        }
    }
    Ok(Extracted {
        sections: b.finish().map_err(|e| super::fail(name, &e))?,
        sources,
        title,
        tagged: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_extracted_from_a_pdf_keeps_its_wrapped_sentences_and_its_tables() {
        let text = "2. Our partnership\nThe safeguarding partners are the council, the police and the NHS. From\n1 November 2021 to 30 June 2022 the NHS partner was Sallowmere CCG, and\nSallowmere Council hosted the business team for the whole of the period.\nThe Board meets every two months.\n\nPartner                           Contribution (£)\nSallowmere Council                231,000\nSallowmere CCG / Integrated       84,000\nCare Board\nTotal                             315,000\n\nA short closing line.\n";
        let e = plain("r.txt", text).unwrap();
        let blocks: Vec<&Block> = e.sections.iter().flat_map(|s| &s.blocks).collect();
        let paragraphs: Vec<String> = blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Paragraph { .. }))
            .map(|b| b.text())
            .collect();
        // The sentence wrapped before "1 November" and "Sallowmere" is one paragraph.
        assert!(
            paragraphs[0].contains("From 1 November 2021 to 30 June 2022 the NHS partner was Sallowmere CCG, and Sallowmere Council hosted"),
            "{paragraphs:?}"
        );
        // A line that ends a sentence may end its paragraph: pdftotext leaves no gap.
        assert_eq!(paragraphs[1], "The Board meets every two months.");
        let table = blocks
            .iter()
            .find_map(|b| match &b.kind {
                BlockKind::Table(t) => Some(t),
                _ => None,
            })
            .expect("the laid-out table is a table");
        assert_eq!(table.columns[0].title, "Partner");
        assert_eq!(table.columns[1].title, "Contribution (£)");
        assert_eq!(
            table.rows[1],
            vec!["Sallowmere CCG / Integrated Care Board", "84,000"]
        );
        assert_eq!(table.total.as_ref().unwrap()[1], "315,000");
        assert_eq!(
            paragraphs.last().map(String::as_str),
            Some("A short closing line.")
        );
    }

    #[test]
    fn a_justified_paragraph_with_wide_gaps_is_not_a_table() {
        let text = "In  2022  we  held  12  meetings  and  trained  340  staff  across  the  area.\nThe  Board  agreed  3  new  priorities  and  published  2  briefings  for  schools.\n";
        let e = plain("r.txt", text).unwrap();
        let tables = e
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter(|b| matches!(b.kind, BlockKind::Table(_)))
            .count();
        assert_eq!(tables, 0);
    }

    fn titles(e: &Extracted) -> Vec<String> {
        e.sections.iter().map(|s| s.heading()).collect()
    }

    #[test]
    fn numbered_headings_follow_on_and_lists_do_not_count() {
        let text = "Foreword\n\nWe did:\n1. This\n2. That\n\n1 Introduction\nText here.\n\n2 Our Partners\n\nSome.\n5 Orders made\n\n2.1 Police\n\nMore.\n";
        let e = plain("r.txt", text).unwrap();
        assert_eq!(
            titles(&e),
            [
                "Before the first heading",
                "1 Introduction",
                "2 Our Partners",
                "2.1 Police"
            ]
        );
    }

    #[test]
    fn word_export_tables_images_and_bookmarks() {
        let text = " 4. [bookmark: _Toc1]Funding and Support\n\tAgency\n\tAmount £\n\nPolice\n\t65,100\n\nCCG\n\t95,550\n\nTotal\n\t160,650\n\n\n[image: ]Structure diagram\n";
        let e = plain("r.txt", text).unwrap();
        assert_eq!(titles(&e), ["4 Funding and Support"]);
        let blocks = &e.sections[0].blocks;
        let BlockKind::Table(t) = &blocks[0].kind else {
            panic!("{blocks:?}")
        };
        assert_eq!(t.columns[1].title, "Amount £");
        assert!(t.columns[1].numeric);
        assert_eq!(t.rows, [["Police", "65,100"], ["CCG", "95,550"]]);
        assert_eq!(
            t.total.as_deref(),
            Some(&["Total".to_string(), "160,650".to_string()][..])
        );
        assert!(matches!(&blocks[1].kind, BlockKind::Image { alt, .. } if alt.is_empty()));
        assert_eq!(blocks[2].text(), "Structure diagram");
    }

    #[test]
    fn markdown_with_one_title_heading() {
        let e = markdown(
            "r.md",
            "# Annual Report\n\n## 1 Foreword\n\nText.\n\n### Detail\n\nMore.\n\n## 2 Partners\n\nText.\n",
        )
        .unwrap();
        assert_eq!(e.title.as_deref(), Some("Annual Report"));
        assert_eq!(titles(&e), ["1 Foreword", "Detail", "2 Partners"]);
    }
}
