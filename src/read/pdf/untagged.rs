//! Untagged PDFs: their structure guessed from how the page looks. Headings from type
//! size (larger than the body text) and weight (bold short lines); paragraphs from
//! lines of body text that follow on; tables from cells laid out in columns, a table
//! that goes on over a page break (its header repeated) read as one.

use std::collections::{BTreeMap, HashMap};

use super::Line;
use crate::assemble::BlockKind;
use crate::diagnostic::Span;
use crate::read::Builder;
use crate::read::docx::split_number;
use crate::read::laid::{LaidLine, laid_table, word_table};
use crate::read::text::table_of;

/// At most this many lines in a table's window, so that from any line only so many
/// are read before the table is found or given up.
const MAX_TABLE_LINES: usize = 80;

/// The contents list of an untagged PDF, left out of its text: it repeats the
/// headings with their pages, and its entries are not what the report says. An entry
/// is a line ending in a page number after dot leaders anywhere, or after a heading
/// "Contents" any line ending in a page number, until the first line that does not.
#[derive(Default)]
struct Contents {
    open: bool,
}

impl Contents {
    /// Whether `line` belongs to the contents list (its heading included).
    fn skips(&mut self, line: &str) -> bool {
        let lower = line.to_lowercase();
        if matches!(
            lower.as_str(),
            "contents" | "table of contents" | "contents page"
        ) {
            self.open = true;
            return true;
        }
        let page = line
            .rsplit_once(' ')
            .is_some_and(|(_, n)| n.len() <= 4 && n.chars().all(|c| c.is_ascii_digit()));
        let leaders = line.contains("....") || line.contains("…");
        self.open &= page;
        self.open || (page && leaders)
    }
}

/// A table laid out on the page from line `i`, as the untagged PDF positions its
/// cells: read as text extracted from a PDF is (see [`laid_table`], [`word_table`]),
/// with each cell's place across the page. A table goes on over a page break when the
/// next page repeats its first lines (a Word table's header row). Returns the line
/// after the table, the header and the rows.
#[allow(clippy::type_complexity)]
fn positioned_table(
    lines: &[Line],
    margins: &HashMap<usize, f32>,
    i: usize,
) -> Option<(usize, Vec<String>, Vec<Vec<String>>)> {
    // Places across the page as columns of characters from the left margin, as text
    // extracted from a PDF lays them out: a character is about half the type size.
    let left = margins.get(&lines[i].page).copied().unwrap_or(0.0);
    let window = table_window(lines, i);
    let cells = |j: usize| -> Option<LaidLine> {
        let line = &lines[*window.get(j)?];
        // A heading (a larger type) or a paragraph's gap below the table ends it.
        if j > 0 {
            let above = &lines[window[j - 1]];
            let gap = above.page == line.page && (above.y - line.y).abs() > 2.5 * line.size;
            if (line.size - lines[i].size).abs() > 0.6 || gap {
                return None;
            }
        }
        let char_width = 0.5 * line.size.max(1.0);
        let cells: Vec<(f32, String)> = line
            .cells
            .iter()
            .map(|(x, r)| {
                (
                    (x - left) / char_width,
                    line.text[r.clone()].trim().to_string(),
                )
            })
            .filter(|(_, t)| !t.is_empty())
            .collect();
        (!cells.is_empty()).then(|| LaidLine {
            cells,
            long: line.text.chars().count() > 40,
        })
    };
    laid_table(&cells)
        .or_else(|| word_table(&cells))
        .map(|(n, header, rows)| (window[n - 1] + 1, header, rows))
}

/// Each page's left margin: where its leftmost line starts.
fn left_margins(lines: &[Line]) -> HashMap<usize, f32> {
    let mut margins: HashMap<usize, f32> = HashMap::new();
    for l in lines {
        if let Some((x, _)) = l.cells.first() {
            let m = margins.entry(l.page).or_insert(*x);
            *m = m.min(*x);
        }
    }
    margins
}

/// The lines a table from line `i` may take: those of its page, page numbers left
/// out, then, where the next page opens with the same lines as the table (its header
/// repeated), the lines of that page after them.
fn table_window(lines: &[Line], i: usize) -> Vec<usize> {
    let page_number = |l: &Line| l.text.trim().chars().all(|c| c.is_ascii_digit());
    let mut window: Vec<usize> = Vec::new();
    let mut k = i;
    let mut page = lines[i].page;
    while k < lines.len() && window.len() < MAX_TABLE_LINES {
        let l = &lines[k];
        if l.page != page {
            // The next page: it goes on only after the table's first lines repeated.
            let mut repeated = 0;
            let mut at = k;
            while at < lines.len() && lines[at].page == l.page && page_number(&lines[at]) {
                at += 1;
            }
            while at < lines.len()
                && repeated < window.len()
                && lines[at].text.trim() == lines[window[repeated]].text.trim()
            {
                repeated += 1;
                at += 1;
            }
            if repeated == 0 || l.page != page + 1 {
                break;
            }
            page = l.page;
            k = at;
            continue;
        }
        if !page_number(l) {
            window.push(k);
        }
        k += 1;
    }
    window
}

/// The type size of the body text (the size most text is set in), and the heading
/// level of each larger size, largest first.
fn sizes(lines: &[Line]) -> (f32, HashMap<i64, u8>) {
    let mut by_size: BTreeMap<i64, usize> = BTreeMap::new();
    for l in lines {
        *by_size.entry((l.size * 10.0) as i64).or_default() += l.text.len();
    }
    let body = by_size
        .iter()
        .max_by_key(|(_, n)| **n)
        .map_or(10.0, |(s, _)| *s as f32 / 10.0);
    let mut heading_sizes: Vec<i64> = by_size
        .keys()
        .copied()
        .filter(|s| *s as f32 / 10.0 > body * 1.15)
        .collect();
    heading_sizes.sort_unstable_by(|a, b| b.cmp(a));
    let levels = heading_sizes
        .iter()
        .enumerate()
        .map(|(i, s)| (*s, (i + 1).min(3) as u8))
        .collect();
    (body, levels)
}

/// What is read but not yet given to the builder: a paragraph the next line may go
/// on, or a table the next page may go on (its header repeated over the rest).
enum Pending {
    Nothing,
    /// Its text, its bytes in the extracted text, and its type size.
    Paragraph(String, std::ops::Range<usize>, f32),
    Table(Vec<String>, Vec<Vec<String>>, std::ops::Range<usize>),
}

impl Pending {
    fn flush(&mut self, file: &std::sync::Arc<str>, b: &mut Builder) {
        match std::mem::replace(self, Pending::Nothing) {
            Pending::Nothing => {}
            Pending::Paragraph(text, range, _) => b.paragraph(&text, Span::new(file, range)),
            Pending::Table(header, rows, range) => b.block(
                BlockKind::Table(table_of(header, rows)),
                Span::new(file, range),
            ),
        }
    }

    /// Takes a table read from the page: the rest of the pending one when its header
    /// is the same (a table broken by a page), else a table of its own.
    fn table(
        &mut self,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        range: std::ops::Range<usize>,
        file: &std::sync::Arc<str>,
        b: &mut Builder,
    ) {
        let same = |h: &[String]| {
            h.len() == header.len() && h.iter().zip(&header).all(|(a, b)| a.trim() == b.trim())
        };
        match self {
            Pending::Table(h, earlier, r)
                if same(h) && header.iter().any(|c| !c.trim().is_empty()) =>
            {
                earlier.extend(rows);
                r.end = range.end;
            }
            _ => {
                self.flush(file, b);
                *self = Pending::Table(header, rows, range);
            }
        }
    }
}

/// Headings from type size (larger than the body text) and weight (bold short
/// lines); paragraphs from lines of body text that follow on; tables from cells laid
/// out in columns.
pub(super) fn guess(lines: &[Line], file: &std::sync::Arc<str>, b: &mut Builder) {
    let (body, levels) = sizes(lines);
    let level_of = |size: f32| levels.get(&((size * 10.0) as i64)).copied();
    let margins = left_margins(lines);
    let mut pending = Pending::Nothing;
    let mut contents = Contents::default();
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        // A table laid out on the page comes first: its header line looks like a
        // heading ("Partner      Contribution (£)").
        if let Some((end, header, rows)) = positioned_table(lines, &margins, i) {
            let range = l.range.start..lines[end - 1].range.end;
            pending.table(header, rows, range, file, b);
            i = end;
            continue;
        }
        let here = i;
        i += 1;
        let words = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
        // A page number, or the contents list, is not the report's text.
        if words.is_empty() || words.chars().all(|c| c.is_ascii_digit()) || contents.skips(&words) {
            continue;
        }
        let span = Span::new(file, l.range.clone());
        let short = words.split_whitespace().count() <= 14 && !words.ends_with(['.', ',', ';']);
        let level =
            level_of(l.size).or((l.bold && short && (l.size - body).abs() < 0.6).then_some(3));
        if let Some(level) = level.filter(|_| short) {
            pending.flush(file, b);
            let (number, title) = split_number(&words);
            b.heading(level, number, &title, span);
            continue;
        }
        if let Some(rest) = words.strip_prefix(['•', '●', '▪', '–', '·']) {
            pending.flush(file, b);
            b.item(false, 1, rest.trim(), span);
            continue;
        }
        let gap = here > 0
            && lines[here - 1].page == l.page
            && (lines[here - 1].y - l.y).abs() > 1.9 * l.size;
        match &mut pending {
            Pending::Paragraph(text, range, size) if !gap && (*size - l.size).abs() < 0.6 => {
                if text.ends_with('-') {
                    text.pop();
                } else {
                    text.push(' ');
                }
                text.push_str(&words);
                range.end = l.range.end;
            }
            _ => {
                pending.flush(file, b);
                pending = Pending::Paragraph(words, l.range.clone(), l.size);
            }
        }
    }
    pending.flush(file, b);
}

#[cfg(test)]
mod tests {
    use super::super::{Run, in_page_order, lines};
    use super::*;

    /// A run of text at (x, y) on a page, 10 points high, 5 points a character.
    fn run(page: usize, x: f32, y: f32, text: &str) -> Run {
        Run {
            text: text.to_string(),
            page,
            mcid: None,
            x,
            y,
            size: 10.0,
            bold: false,
            width: Some(5.0 * text.chars().count() as f32),
        }
    }

    /// A table of training drawn as a Word export draws it, cell by cell down each
    /// column, broken by a page with its header row repeated at the top of the next.
    fn broken_table() -> Vec<Run> {
        let mut runs = Vec::new();
        let page = |runs: &mut Vec<Run>, p: usize, rows: &[[&str; 3]]| {
            for (col, x) in [72.0, 250.0, 400.0].into_iter().enumerate() {
                for (k, row) in rows.iter().enumerate() {
                    runs.push(run(p, x, 700.0 - 14.0 * k as f32, row[col]));
                }
            }
        };
        runs.push(run(
            0,
            72.0,
            760.0,
            "Training was offered to every agency this year.",
        ));
        page(
            &mut runs,
            0,
            &[["Course", "Courses", "Attendees"], ["Neglect", "30", "612"]],
        );
        page(
            &mut runs,
            1,
            &[
                ["Course", "Courses", "Attendees"],
                ["Exploitation", "22", "430"],
                ["Total", "52", "1,042"],
            ],
        );
        runs.push(run(1, 72.0, 600.0, "Attendees rated the courses highly."));
        runs
    }

    #[test]
    fn an_untagged_table_is_read_in_rows_across_its_page_break() {
        let lines = lines(in_page_order(broken_table()));
        let first: Vec<&str> = lines[1]
            .cells
            .iter()
            .map(|(_, r)| &lines[1].text[r.clone()])
            .collect();
        assert_eq!(first, ["Course", "Courses", "Attendees"]);
        let (end, header, rows) =
            positioned_table(&lines, &left_margins(&lines), 1).expect("a table");
        assert_eq!(header, ["Course", "Courses", "Attendees"]);
        assert_eq!(
            rows,
            [
                ["Neglect", "30", "612"],
                ["Exploitation", "22", "430"],
                ["Total", "52", "1,042"]
            ]
        );
        assert_eq!(lines[end].text, "Attendees rated the courses highly.");
    }

    #[test]
    fn a_page_that_does_not_repeat_the_header_ends_the_table() {
        let mut runs: Vec<Run> = broken_table()
            .into_iter()
            .filter(|r| !(r.page == 1 && r.y == 700.0))
            .collect();
        // A second row on the first page, so that page holds a table of its own.
        for (x, text) in [(72.0, "Domestic abuse"), (250.0, "11"), (400.0, "263")] {
            runs.push(run(0, x, 672.0, text));
        }
        let lines = lines(in_page_order(runs));
        let (end, _, rows) = positioned_table(&lines, &left_margins(&lines), 1).expect("a table");
        assert_eq!(
            rows,
            [["Neglect", "30", "612"], ["Domestic abuse", "11", "263"]]
        );
        assert_eq!(
            (lines[end].page, lines[end].text.as_str()),
            (1, "Exploitation 22 430")
        );
    }
}
