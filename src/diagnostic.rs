//! Diagnostics: what went wrong, where in the project's source, and how to fix it.
//!
//! Every problem the tool finds, from a YAML typo to a missing statutory item, is a
//! [`Diagnostic`] that points at a [`Span`] of a source file. The files themselves live
//! in [`Sources`], so a diagnostic can be printed rustc-style with the offending line
//! underlined, or as line and column in machine-readable output.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A byte range of one source file, named by its path relative to the project root.
#[derive(Debug, Default, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: Arc<str>,
    pub range: Range<usize>,
}

impl Span {
    pub fn new(file: &Arc<str>, range: Range<usize>) -> Self {
        Span {
            file: file.clone(),
            range,
        }
    }

    /// The start of a file, for problems that concern a whole file.
    pub fn file_start(file: &Arc<str>) -> Self {
        Span::new(file, 0..0)
    }
}

/// Line and column of a position, both counted from 1; columns count characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// How a person finds a place in a file. A text file is read by line and column; a
/// Word document or a PDF has no lines a reader can count, so its text is kept as
/// extracted, one line per paragraph or per printed line, and a place is named the way
/// the reader's own program shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// `report.txt:233:14`.
    Text,
    /// A Word document, one line of extracted text per paragraph: `report.docx:
    /// paragraph 412 (section "4 Funding and Support")`. `sections` holds the first
    /// paragraph of each section with its heading, in order.
    Paragraphs { sections: Vec<(usize, String)> },
    /// A PDF, one line of extracted text per printed line: `report.pdf: page 12,
    /// line 7`. `pages` holds the first line of each page, in order.
    Pages { pages: Vec<usize> },
}

/// The text of every file the project was read from, so diagnostics can quote it.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: BTreeMap<Arc<str>, Arc<str>>,
    /// Files that are not text read by line and column.
    layouts: BTreeMap<Arc<str>, Layout>,
    /// Where each line of each file starts, so a place is found by a binary search,
    /// not by counting lines from the top: a file with thousands of findings would
    /// otherwise take time in the square of its length to report.
    line_starts: BTreeMap<Arc<str>, Arc<[usize]>>,
    /// For every [`CHAR_MARK`] bytes of each file, the characters before that point,
    /// so a column on a very long line is counted from the nearest mark.
    char_marks: BTreeMap<Arc<str>, Arc<[usize]>>,
}

/// How far apart the marks of [`Sources::char_marks`] are, in bytes.
const CHAR_MARK: usize = 4096;

impl Sources {
    /// Records a file's text and returns the shared name to put in spans.
    pub fn add(&mut self, name: &str, text: &str) -> Arc<str> {
        let name: Arc<str> = Arc::from(name);
        self.files.insert(name.clone(), Arc::from(text));
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        self.line_starts.insert(name.clone(), starts.into());
        let mut marks = vec![0];
        let mut at = 0;
        while at + CHAR_MARK <= text.len() {
            let next = floor_char_boundary(text, at + CHAR_MARK);
            marks.push(
                marks.last().copied().unwrap_or(0)
                    + text[floor_char_boundary(text, at)..next].chars().count(),
            );
            at += CHAR_MARK;
        }
        self.char_marks.insert(name.clone(), marks.into());
        name
    }

    /// The characters before byte `offset` (a character boundary) of `text`, the
    /// text of `file`.
    fn chars_before(&self, file: &str, text: &str, offset: usize) -> usize {
        let k = offset / CHAR_MARK;
        match self.char_marks.get(file).and_then(|m| m.get(k)) {
            Some(before) => {
                before
                    + text[floor_char_boundary(text, k * CHAR_MARK)..offset]
                        .chars()
                        .count()
            }
            None => text[..offset].chars().count(),
        }
    }

    /// The byte offset where the line holding `offset` starts, and its number from 1.
    fn line_of(&self, file: &str, offset: usize) -> (usize, usize) {
        let Some(starts) = self.line_starts.get(file) else {
            return (0, 1);
        };
        let line = starts.partition_point(|s| *s <= offset).max(1);
        (starts[line - 1], line)
    }

    /// The byte offset just after the line holding `offset` (its newline included).
    fn line_end(&self, file: &str, offset: usize) -> Option<usize> {
        let starts = self.line_starts.get(file)?;
        starts
            .get(starts.partition_point(|s| *s <= offset))
            .copied()
    }

    /// Records the text extracted from a Word document or a PDF, and how to name a
    /// place in it.
    pub fn add_extracted(&mut self, name: &str, text: &str, layout: Layout) -> Arc<str> {
        let name = self.add(name, text);
        if layout != Layout::Text {
            self.layouts.insert(name.clone(), layout);
        }
        name
    }

    pub fn layout(&self, file: &str) -> &Layout {
        self.layouts.get(file).unwrap_or(&Layout::Text)
    }

    /// Where an offset is, as a person looking at the file would find it:
    /// `report.txt:233:14`, `report.docx: paragraph 412 (section "4 Funding")` or
    /// `report.pdf: page 12, line 7`.
    pub fn place(&self, file: &str, offset: usize) -> String {
        let at = self.line_col(file, offset);
        match self.layout(file) {
            Layout::Text => format!("{file}:{}:{}", at.line, at.column),
            Layout::Paragraphs { sections } => {
                // In order of their first line: found by a binary search.
                let section =
                    sections[..sections.partition_point(|(first, _)| *first <= at.line)].last();
                match section {
                    Some((_, heading)) => {
                        format!("{file}: paragraph {} (section \"{heading}\")", at.line)
                    }
                    None => format!("{file}: paragraph {}", at.line),
                }
            }
            Layout::Pages { pages } => {
                let page = pages
                    .partition_point(|first| *first <= at.line)
                    .checked_sub(1);
                match page {
                    Some(i) => format!("{file}: page {}, line {}", i + 1, at.line - pages[i] + 1),
                    None => format!("{file}: line {}", at.line),
                }
            }
        }
    }

    pub fn text(&self, file: &str) -> Option<&str> {
        self.files.get(file).map(|t| &**t)
    }

    /// Line and column (1-based) of a byte offset in a file.
    pub fn line_col(&self, file: &str, offset: usize) -> LineCol {
        let Some(text) = self.text(file) else {
            return LineCol { line: 1, column: 1 };
        };
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let (line_start, line) = self.line_of(file, offset);
        let column = if offset - line_start <= CHAR_MARK {
            text[line_start..offset].chars().count() + 1
        } else {
            self.chars_before(file, text, offset) - self.chars_before(file, text, line_start) + 1
        };
        LineCol { line, column }
    }

    /// The byte offset of a 1-based line and column, clamped to the file.
    pub fn offset_of(&self, file: &str, line: usize, column: usize) -> usize {
        let Some(text) = self.text(file) else {
            return 0;
        };
        let mut offset = 0;
        for (i, l) in text.split_inclusive('\n').enumerate() {
            if i + 1 == line {
                return offset
                    + l.char_indices()
                        .nth(column.saturating_sub(1))
                        .map_or(l.trim_end_matches('\n').len(), |(b, _)| b);
            }
            offset += l.len();
        }
        text.len()
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The longest line a finding's snippet draws (10 KB, a paragraph of some 1,500
/// words); a finding on a longer line quotes its words instead, so printing
/// thousands of findings on a page saved as one line stays fast.
const MAX_SNIPPET_BYTES: usize = 10_000;

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// A stable id: a rule id such as `ED-PLACEHOLDER`, or a kind of input error
    /// such as `yaml-syntax`.
    pub code: String,
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    pub span: Span,
    /// A short note shown under the underlined source.
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
    /// The most severe the partnership's configuration may make this finding: a
    /// criterion met in part stays at most a warning whatever its rule's severity.
    pub ceiling: Option<Severity>,
}

impl Diagnostic {
    pub fn error(code: &str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code: code.to_string(),
            severity: Severity::Error,
            message: message.into(),
            span,
            label: None,
            help: None,
            ceiling: None,
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Where the span starts: `file:line:column` in a text file, paragraph or page
    /// and line in a Word document or PDF ([`Sources::place`]).
    pub fn location(&self, sources: &Sources) -> String {
        sources.place(&self.span.file, self.span.range.start)
    }

    /// The rustc-style text of this diagnostic: header, snippet with the span
    /// underlined, and help.
    pub fn render(&self, sources: &Sources, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let mut groups = Vec::new();
        let title = level.primary_title(&self.message).id(&self.code);
        let group = match sources.text(&self.span.file) {
            // A problem with a whole file that was never read (it does not exist, it
            // is not a report): its name, with no empty line drawn under it.
            Some("") => title.element(Origin::path(self.span.file.as_ref())),
            Some(text) => {
                let end = floor_char_boundary(text, self.span.range.end.min(text.len()));
                let start = floor_char_boundary(text, self.span.range.start.min(end));
                // Only the lines the span is on are given to the renderer (it shows
                // no others), so printing many findings of a long file stays linear.
                let (first, line) = sources.line_of(&self.span.file, start);
                let last = sources.line_end(&self.span.file, end).unwrap_or(text.len());
                if last - first > MAX_SNIPPET_BYTES {
                    // Lines this long (a page saved on one line, a file made to be
                    // slow) are quoted from the span on, not drawn whole.
                    let words: String = text[start..].chars().take(80).collect();
                    let place = sources.place(&self.span.file, start);
                    let title = title.element(
                        Level::NOTE.message(format!("in {place}: \"{}…\"", words.trim_end())),
                    );
                    groups.push(title);
                    return finish_render(self.help.as_deref(), groups, color);
                }
                let mut annotation = AnnotationKind::Primary.span(start - first..end - first);
                if let Some(label) = &self.label {
                    annotation = annotation.label(label.as_str());
                }
                let title = title.element(
                    Snippet::source(&text[first..last])
                        .line_start(line)
                        .path(self.span.file.as_ref())
                        .annotation(annotation),
                );
                // The snippet's line numbers count the extracted text's lines; say
                // where that is in the document as its reader sees it.
                if *sources.layout(&self.span.file) == Layout::Text {
                    title
                } else {
                    title.element(
                        Level::NOTE
                            .message(format!("in {}", sources.place(&self.span.file, start))),
                    )
                }
            }
            None => title.element(Level::NOTE.message(format!("in {}", self.span.file))),
        };
        groups.push(group);
        finish_render(self.help.as_deref(), groups, color)
    }
}

/// A diagnostic's groups with its help after them, rendered.
fn finish_render<'a>(help: Option<&'a str>, mut groups: Vec<Group<'a>>, color: bool) -> String {
    if let Some(help) = help {
        groups.push(Group::with_title(Level::HELP.secondary_title(help)));
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&groups).to_string()
}

/// Findings in the order they should be shown: by file, then position.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.span.file, a.span.range.start, &a.code).cmp(&(
            &b.span.file,
            b.span.range.start,
            &b.code,
        ))
    });
}

/// The error of a pipeline stage: every problem found, with the sources to quote.
#[derive(Debug)]
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

impl Failure {
    /// Prints every diagnostic and a count, rustc-style.
    pub fn render(&self, color: bool) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            out.push_str(&d.render(&self.sources, color));
            out.push_str("\n\n");
        }
        let errors = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        out.push_str(&format!(
            "{} problem{} found; nothing was written.\n",
            errors,
            if errors == 1 { "" } else { "s" }
        ));
        out
    }
}

impl Failure {
    /// One problem about a whole file or folder: what the user named on the command
    /// line, quoted as they typed it.
    pub fn about(name: &str, code: &'static str, message: String, help: &str) -> Self {
        let mut failure = Failure::of_whole_file(name, code, message);
        failure.diagnostics[0].help = Some(help.to_string());
        failure
    }

    /// [`Failure::about`] where the message says how to put it right itself.
    pub fn of_whole_file(name: &str, code: &'static str, message: String) -> Self {
        let mut sources = Sources::default();
        let file = sources.add(name, "");
        Failure {
            diagnostics: vec![Diagnostic::error(code, Span::file_start(&file), message)],
            sources,
        }
    }

    /// `path`, named on the command line, does not exist: say where it was looked
    /// for, since a relative name is taken from the folder the command runs in.
    pub fn not_found(path: &std::path::Path) -> Self {
        let name = path.display().to_string();
        let here = std::env::current_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_else(|_| "the current folder".into());
        let message = if path.is_absolute() {
            format!("there is no file or folder `{name}`")
        } else {
            format!("there is no file or folder `{name}` in {here}")
        };
        Failure::about(
            &name,
            "not-found",
            message,
            "check the name's spelling, or give the whole path; put a name with spaces in quotes.",
        )
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for Failure {}

/// The edit distance between two short words, for "did you mean" suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_from_one() {
        let mut sources = Sources::default();
        let f = sources.add("a.md", "ab\n£cd\n");
        assert_eq!(sources.line_col(&f, 0), LineCol { line: 1, column: 1 });
        let c = "ab\n£c".len();
        assert_eq!(sources.line_col(&f, c), LineCol { line: 2, column: 3 });
        assert_eq!(sources.offset_of(&f, 2, 3), c);
    }

    #[test]
    fn columns_on_a_very_long_line_count_characters_across_the_marks() {
        let mut sources = Sources::default();
        // Two-byte characters, so the 4 KB marks fall inside some of them.
        let line = "£a".repeat(10_000);
        let text = format!("first\n{line}\nlast");
        let f = sources.add("long.txt", &text);
        for chars in [0, 1, 2_000, 2_731, 9_999, 19_999] {
            let offset = 6 + line.chars().take(chars).map(char::len_utf8).sum::<usize>();
            assert_eq!(
                sources.line_col(&f, offset),
                LineCol {
                    line: 2,
                    column: chars + 1
                },
                "{chars}"
            );
        }
        assert_eq!(sources.line_col(&f, text.len()).line, 3);
    }

    #[test]
    fn a_finding_on_a_very_long_line_quotes_its_words() {
        let mut sources = Sources::default();
        let text = format!("{}needle and more", "hay ".repeat(5_000));
        let f = sources.add("page.html", &text);
        let at = text.find("needle").unwrap();
        let d = Diagnostic::error("X", Span::new(&f, at..at + 6), "found");
        let out = d.render(&sources, false);
        assert!(
            out.contains("in page.html:1:20001: \"needle and more…\""),
            "{out}"
        );
        assert!(out.len() < 1_000, "{out}");
    }

    #[test]
    fn places_in_word_and_pdf_text_are_paragraphs_and_pages() {
        let mut sources = Sources::default();
        let text = "Foreword\nWe did it.\n4 Funding\nMoney.\nMore money.\n";
        let sections = vec![(1, "Foreword".to_string()), (3, "4 Funding".to_string())];
        let d = sources.add_extracted("r.docx", text, Layout::Paragraphs { sections });
        let at = text.find("More").unwrap();
        assert_eq!(
            sources.place(&d, at),
            "r.docx: paragraph 5 (section \"4 Funding\")"
        );
        let p = sources.add_extracted("r.pdf", text, Layout::Pages { pages: vec![1, 3] });
        assert_eq!(sources.place(&p, at), "r.pdf: page 2, line 3");
        let t = sources.add("r.txt", text);
        assert_eq!(sources.place(&t, at), "r.txt:5:1");
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("titel", ["title", "id", "order"]),
            Some("title")
        );
        assert_eq!(did_you_mean("colour", ["title", "id", "order"]), None);
    }
}
