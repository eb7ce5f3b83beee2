//! Tables laid out on the page with spaces, as text extracted from a PDF gives them:
//! tables of figures ([`laid_table`]) and tables of words ([`word_table`]), such as a
//! review's recommendations with what was done and their status.

use super::text::{MAX_LAYOUT_COLUMNS, layout_figure};

/// One line of a table laid out on the page: its cells, each with where it starts (a
/// column in characters, or a position on the page), and whether it is long.
pub(super) struct LaidLine {
    pub(super) cells: Vec<(f32, String)>,
    pub(super) long: bool,
}

/// How many lines a row's label may wrap onto below its figures: a narrow first
/// column wraps "Children looked after at 31 March 2022" onto four ("looked", "after
/// at 31", "March", "2022").
const MAX_WRAPPED_LINES: usize = 5;

/// A table laid out on the page, from its lines (`line(0)`, `line(1)`, … until
/// `None`): a first line of two or more cells, then rows (lines of two or more cells,
/// at least half of those after the label figures) up to a line of prose. A line
/// without figures carries on the cells above it ("Referrals to children's / social
/// care", "178 of 256 / (70%)"). At least two rows of figures make a table. Each cell
/// goes to the column whose start is nearest, the columns being those of the widest
/// row. Returns how many lines the table takes, its header and its rows.
///
/// At most [`MAX_LAYOUT_COLUMNS`] cells to a line, and at most [`MAX_WRAPPED_LINES`]
/// lines without figures in a row: so from any line only a few lines are read unless a table is
/// found, and a reader that looks for a table at every line stays linear.
#[allow(clippy::type_complexity)]
pub(super) fn laid_table(
    line: &impl Fn(usize) -> Option<LaidLine>,
) -> Option<(usize, Vec<String>, Vec<Vec<String>>)> {
    let first = line(0)?;
    if !(2..=MAX_LAYOUT_COLUMNS).contains(&first.cells.len()) {
        return None;
    }
    // Each line's cells, and whether it starts a row (has figures). A first line of
    // figures is a row under a header that was not read: the header is left empty.
    // A percentage alone in brackets is the end of a cell wrapped from the line above
    // ("418 of 560" over "(75%)"), not a row's figure.
    let is_row = |r: &[(f32, String)]| {
        let wrapped_share = |t: &str| t.starts_with('(') && t.ends_with("%)");
        let figures = r
            .iter()
            .filter(|(_, t)| layout_figure(t) && !wrapped_share(t))
            .count();
        r.len() >= 2 && figures > 0 && figures * 2 >= r.len() - 1
    };
    let mut laid: Vec<(Vec<(f32, String)>, bool)> = Vec::new();
    if is_row(&first.cells) {
        laid.push((Vec::new(), false));
    }
    let first_row = is_row(&first.cells);
    laid.push((first.cells, first_row));
    let mut j = 1;
    let mut words_only = 0;
    while let Some(next) = line(j) {
        let r = next.cells;
        if r.len() > MAX_LAYOUT_COLUMNS {
            return None;
        }
        // Half the cells after the label are figures: a justified line of prose,
        // which also has wide gaps, has words in most.
        let row = is_row(&r);
        words_only = if row { 0 } else { words_only + 1 };
        if words_only > MAX_WRAPPED_LINES {
            // The lines before were words too: not the table's.
            laid.truncate(laid.len() - MAX_WRAPPED_LINES);
            j -= MAX_WRAPPED_LINES;
            break;
        }
        // A single cell carries a cell on only when short: a long one is prose.
        if !row && r.len() < 2 && next.long {
            break;
        }
        laid.push((r, row));
        j += 1;
    }
    if laid.iter().filter(|(_, row)| *row).count() < 2 {
        return None;
    }
    let starts: Vec<f32> = laid
        .iter()
        .filter(|(_, row)| *row)
        .max_by_key(|(r, _)| r.len())
        .map(|(r, _)| r.iter().map(|(c, _)| *c).collect())
        .unwrap_or_default();
    let column = |at: f32| nearest(&starts, at);
    let mut table: Vec<Vec<String>> = Vec::new();
    for (k, (r, row)) in laid.iter().enumerate() {
        if k == 0 || *row {
            table.push(vec![String::new(); starts.len()]);
        }
        let cells = table.last_mut().expect("a row");
        for (at, text) in r {
            let cell = &mut cells[column(*at)];
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(text);
        }
    }
    let header = table.remove(0);
    Some((j, header, table))
}

/// At most this many lines in a table of words, so that from any line only so many
/// are read before the table is found or given up.
const MAX_WORD_TABLE_LINES: usize = 60;

/// A table of words laid out on the page (`line(0)`, `line(1)`, … until `None` or a
/// line of prose): such as a review's recommendations, what was done and their status.
/// Its columns are where the cells of its lines start, three or more, each shared by
/// two lines or more. A cell wraps onto the lines below it, top-aligned, so a row
/// starts at a line with words in both the first and the last column ("Child C   GPs to
/// record …   Complete"); the lines between carry its cells on, and the lines before
/// the first row are the header, however its titles were laid out. At least two rows
/// make a table. Read only where [`laid_table`] found no table of figures. Returns how
/// many lines the table takes, its header and its rows.
#[allow(clippy::type_complexity)]
pub(super) fn word_table(
    line: &impl Fn(usize) -> Option<LaidLine>,
) -> Option<(usize, Vec<String>, Vec<Vec<String>>)> {
    // A header's titles may wrap above it ("Status at 31" over "March 2021"): the
    // first line may be one short cell over a column right of the left edge, which is
    // where a heading or a line of prose starts.
    let first = line(0)?;
    if first.cells.len() < 2 && (first.long || first.cells.first().is_none_or(|c| c.0 < 1.0)) {
        return None;
    }
    let mut block = vec![first.cells];
    while block.len() < MAX_WORD_TABLE_LINES {
        match line(block.len()) {
            Some(next)
                if next.cells.len() <= MAX_LAYOUT_COLUMNS
                    && !(next.cells.len() == 1 && next.long) =>
            {
                block.push(next.cells)
            }
            _ => break,
        }
    }
    // Prose laid out with spaces has long runs of words; a table of words has short
    // cells in narrow columns, and few figures (a table of figures is laid_table's).
    let cells: Vec<&String> = block.iter().flatten().map(|(_, t)| t).collect();
    let short = cells.iter().filter(|t| t.chars().count() <= 30).count();
    let figures = cells.iter().filter(|t| layout_figure(t)).count();
    if short * 5 < cells.len() * 4 || figures * 2 >= cells.len() {
        return None;
    }
    let starts = columns(&block);
    if starts.len() < 3 {
        return None;
    }
    let column = |at: f32| nearest(&starts, at);
    let last = starts.len() - 1;
    let mut header = vec![String::new(); starts.len()];
    let mut rows: Vec<Vec<String>> = Vec::new();
    // The first line that spans the columns is the header's (with any titles wrapped
    // above or below it); each later one starts a row.
    let mut spanned = false;
    for cells in &block {
        let cols: Vec<usize> = cells.iter().map(|(at, _)| column(*at)).collect();
        if cols.first() == Some(&0) && cols.last() == Some(&last) {
            if spanned {
                rows.push(vec![String::new(); starts.len()]);
            }
            spanned = true;
        }
        let row = rows.last_mut().unwrap_or(&mut header);
        for ((_, text), c) in cells.iter().zip(cols) {
            if !row[c].is_empty() {
                row[c].push(' ');
            }
            row[c].push_str(text);
        }
    }
    let full = |r: &&Vec<String>| r.iter().filter(|c| !c.is_empty()).count() >= 3;
    (rows.iter().filter(full).count() >= 2).then_some((block.len(), header, rows))
}

/// The column of `starts` nearest to a cell starting `at`.
fn nearest(starts: &[f32], at: f32) -> usize {
    (0..starts.len())
        .min_by(|&a, &b| (starts[a] - at).abs().total_cmp(&(starts[b] - at).abs()))
        .unwrap_or(0)
}

/// Where the columns of a block of laid-out lines start: the starts of cells (within
/// two characters of each other) that two lines or more share, left to right.
fn columns(block: &[Vec<(f32, String)>]) -> Vec<f32> {
    let mut all: Vec<f32> = block.iter().flatten().map(|(at, _)| *at).collect();
    all.sort_by(f32::total_cmp);
    let mut clusters: Vec<(f32, usize)> = Vec::new();
    for at in all {
        match clusters.last_mut() {
            Some((start, n)) if at - *start <= 2.0 => *n += 1,
            _ => clusters.push((at, 1)),
        }
    }
    clusters
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(at, _)| at)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines of `text` as a laid-out table reader sees them: runs apart by two
    /// spaces or more, each at its column, as `pdftotext -layout` gives them.
    fn laid(text: &str) -> impl Fn(usize) -> Option<LaidLine> + '_ {
        move |j| {
            let raw = text.lines().nth(j)?;
            if raw.trim().is_empty() {
                return None;
            }
            Some(LaidLine {
                cells: crate::read::text::runs(raw)
                    .into_iter()
                    .map(|(at, t)| (at as f32, t.to_string()))
                    .collect(),
                long: raw.trim().chars().count() > 40,
            })
        }
    }

    #[test]
    fn a_review_table_of_words_is_read_with_its_wrapped_cells_and_header() {
        let text = "                                                         Status at 31
Source              Recommendation Action                March 2021
Child C          GPs to record        Template added     Complete
                 who has parental     to GP system
                 responsibility
National: It was Better multi-        Exploitation       In progress
hard to escape   agency working       pathway
(Panel, 2020)    with adolescents     rewritten
";
        let (lines, header, rows) = word_table(&laid(text)).expect("a table");
        assert_eq!(lines, 8);
        assert_eq!(header[0], "Source");
        assert_eq!(header[3], "Status at 31 March 2021");
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0][1], "GPs to record who has parental responsibility");
        // One space between "was" and "Better" on the page: the two cells run together.
        assert_eq!(
            rows[1][0],
            "National: It was Better multi- hard to escape (Panel, 2020)"
        );
        assert_eq!(rows[1][3], "In progress");
    }

    #[test]
    fn prose_headings_and_tables_of_figures_are_not_tables_of_words() {
        let prose = "\
The partners agreed that police information about violence by any  adult
in the household would be shared with midwifery at booking.  This  started
in December 2025.  They also agreed to extend the programme to fathers.
";
        assert!(word_table(&laid(prose)).is_none());
        let heading_then_figures = "\
7. Training
Course          Sessions        Attendees       Changed
Baby Pathway    20              486             312 of 398
Graded Care     24              540             355 of 451
";
        assert!(word_table(&laid(heading_then_figures)).is_none());
    }
}
