//! The text of the document as the rules read it: one [`Unit`] per paragraph, list
//! item, heading, table, image or HTML block, each knowing its section and the source
//! span of its block, so a finding in the words can be pointed at exactly.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::assemble::Facts;
use crate::assemble::{Block, BlockKind, Document};
use crate::diagnostic::{Sources, Span};

/// What kind of block a unit's text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    Heading(u8),
    Paragraph,
    Table,
    Image,
    Html,
    Code,
}

/// The text of one block, as a reader reads it.
#[derive(Debug)]
pub struct Unit<'a> {
    /// Index of the section in `Document::sections`.
    pub section: usize,
    pub block: &'a Block,
    pub kind: UnitKind,
    pub text: String,
    /// The nearest heading before this unit inside its section, if any.
    pub heading: Option<String>,
    /// Whether the block is inside a quotation.
    pub quoted: bool,
    /// For a list item, the unit of the paragraph that introduces the list.
    pub list_intro: Option<usize>,
}

impl Unit<'_> {
    /// Prose: paragraphs and list items, where sentences are written.
    pub fn is_prose(&self) -> bool {
        self.kind == UnitKind::Paragraph
    }
}

/// Every unit of the document, in reading order.
pub fn units(document: &Document) -> Vec<Unit<'_>> {
    let mut out = Vec::new();
    for (index, section) in document.sections.iter().enumerate() {
        let mut heading = None;
        for block in &section.blocks {
            collect(block, index, &mut heading, false, None, &mut out);
        }
    }
    out
}

fn collect<'a>(
    block: &'a Block,
    section: usize,
    heading: &mut Option<String>,
    quoted: bool,
    list_intro: Option<usize>,
    out: &mut Vec<Unit<'a>>,
) {
    let mut push = |kind: UnitKind, text: String, heading: &Option<String>| {
        out.push(Unit {
            section,
            block,
            kind,
            text,
            heading: heading.clone(),
            quoted,
            list_intro,
        })
    };
    match &block.kind {
        BlockKind::Heading { level, .. } => {
            let text = block.text();
            push(UnitKind::Heading(*level), text.clone(), heading);
            *heading = Some(text);
        }
        BlockKind::Paragraph { .. } => push(UnitKind::Paragraph, block.text(), heading),
        BlockKind::Table(t) => {
            // Cells are kept apart, so no rule reads across two of them.
            let mut cells: Vec<&str> = Vec::new();
            cells.extend(t.title.as_deref());
            cells.extend(t.columns.iter().map(|c| c.title.as_str()));
            cells.extend(t.rows.iter().flatten().map(String::as_str));
            cells.extend(t.total.iter().flatten().map(String::as_str));
            cells.extend(t.notes.as_deref());
            let text = cells.join(" | ");
            push(UnitKind::Table, text, heading)
        }
        BlockKind::Image { .. } | BlockKind::Chart(_) => {
            push(UnitKind::Image, block.text(), heading)
        }
        BlockKind::Html { text, .. } => push(UnitKind::Html, text.clone(), heading),
        BlockKind::Code { text } => push(UnitKind::Code, text.clone(), heading),
        BlockKind::List { items, .. } => {
            // The paragraph just before the list, in the same section, introduces it.
            let intro = match out.last() {
                Some(u) if u.section == section && u.kind == UnitKind::Paragraph => {
                    Some(out.len() - 1)
                }
                _ => list_intro,
            };
            for b in items.iter().flatten() {
                collect(b, section, heading, quoted, intro, out);
            }
        }
        BlockKind::Quote { blocks } => {
            for b in blocks {
                collect(b, section, heading, true, list_intro, out);
            }
        }
        BlockKind::Rule => {}
    }
}

/// The byte range, in a table unit's text, of the row holding byte `at`: its cells
/// joined as [`units`] joins them.
pub fn table_row(unit: &Unit, at: usize) -> Option<Range<usize>> {
    let BlockKind::Table(t) = &unit.block.kind else {
        return None;
    };
    let mut start = t.title.as_ref().map_or(0, |s| s.len() + 3);
    let header: Vec<&String> = t.columns.iter().map(|c| &c.title).collect();
    let rows =
        std::iter::once(header).chain(t.rows.iter().chain(&t.total).map(|r| r.iter().collect()));
    for row in rows {
        let len: usize = row.iter().map(|c| c.len() + 3).sum::<usize>();
        let end = (start + len).saturating_sub(3).min(unit.text.len());
        if at < start + len {
            return (start <= at).then_some(start..end);
        }
        start += len;
    }
    None
}

/// The sentences of a unit, as byte ranges of its text; a table's cells each apart,
/// so that what one cell says ("Strategy launched") is not read of a date in another
/// (the "By when" of the next row).
pub fn unit_sentences(unit: &Unit) -> Vec<Range<usize>> {
    if unit.kind != UnitKind::Table {
        return sentences(&unit.text);
    }
    let mut out = Vec::new();
    let mut start = 0;
    for cell in unit.text.split(" | ") {
        out.extend(
            sentences(cell)
                .into_iter()
                .map(|r| start + r.start..start + r.end),
        );
        start += cell.len() + " | ".len();
    }
    out
}

/// Sentences of a text, as byte ranges, split after `.`, `!` or `?` followed by a
/// space and a capital letter, digit or quote; "e.g." and initials do not end one.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if matches!(c, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')') {
                j += 1;
            }
            let ws = j < bytes.len() && bytes[j].is_ascii_whitespace();
            let mut k = j;
            while k < bytes.len() && bytes[k].is_ascii_whitespace() {
                k += 1;
            }
            let next_starts = k >= bytes.len()
                || text[k..].chars().next().is_some_and(|n| {
                    n.is_uppercase() || n.is_ascii_digit() || "\"'‘“(".contains(n)
                });
            if (ws || j >= bytes.len()) && next_starts && !is_abbreviation(&text[start..i]) {
                out.push(start..j);
                start = k;
                i = k;
                continue;
            }
        }
        i += 1;
    }
    if text[start..].trim().len() > 0 {
        out.push(start..text.len());
    }
    out.into_iter()
        .map(|r| {
            let s = &text[r.clone()];
            let lead = s.len() - s.trim_start().len();
            let trail = s.len() - s.trim_end().len();
            r.start + lead..r.end - trail
        })
        .filter(|r| r.start < r.end)
        .collect()
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    matches!(
        lower.as_str(),
        "e.g"
            | "i.e"
            | "etc"
            | "eg"
            | "ie"
            | "dr"
            | "mr"
            | "mrs"
            | "ms"
            | "no"
            | "st"
            | "vs"
            | "cf"
    ) || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

/// The number of words in a text.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

static WORD_GAP: LazyLock<Regex> = LazyLock::new(|| regex(r"[\s*_`\\]+").unwrap());

/// The source span of `range` of a unit's text: the same words found in the block's
/// source (or, for a table made from a data set, in the data file), counting repeated
/// occurrences; the whole block when the words were produced by a template.
pub fn locate(facts: &Facts, unit: &Unit, range: Range<usize>) -> Span {
    let needle = &unit.text[range.clone()];
    let nth = unit.text[..range.start].matches(needle).count();
    let block = &unit.block.span;
    if let BlockKind::Table(t) = &unit.block.kind
        && let Some(d) = t.data.as_deref().and_then(|id| facts.dataset(id))
        && let Some(span) = find_in(&facts.sources, &d.file, 0..usize::MAX, needle, 0)
    {
        return span;
    }
    if let Some(span) = find_in(
        &facts.sources,
        &block.file,
        block.range.clone(),
        needle,
        nth,
    ) {
        return span;
    }
    before_block(facts, unit, range).unwrap_or_else(|| block.clone())
}

/// The words of `range` in the source just before the block's span, for a reader
/// whose span holds only the end of a block (the last line of a wrapped paragraph):
/// the block's text ends where its span ends, so the words are counted back from there.
fn before_block(facts: &Facts, unit: &Unit, range: Range<usize>) -> Option<Span> {
    let needle = &unit.text[range.clone()];
    let block = &unit.block.span;
    let after = unit.text[range.end..].matches(needle).count();
    let reach = 2 * unit.text.len() + 256;
    let start = block.range.start.saturating_sub(reach);
    let text = facts.sources.text(&block.file)?;
    let end = block.range.end.min(text.len());
    let mut start = start.min(end);
    while start < end && !text.is_char_boundary(start) {
        start += 1;
    }
    let hay = text.get(start..end)?;
    let found = occurrences(hay, needle);
    let at = found.iter().rev().nth(after)?;
    Some(Span::new(&block.file, start + at.start..start + at.end))
}

/// Where `needle` is in `hay`: exactly, or else with its words separated by any
/// white space or Markdown emphasis (a sentence wrapped across lines of HTML).
fn occurrences(hay: &str, needle: &str) -> Vec<Range<usize>> {
    let exact: Vec<Range<usize>> = hay
        .match_indices(needle)
        .map(|(i, _)| i..i + needle.len())
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    spread(needle).map_or(exact, |p| p.find_iter(hay).map(|m| m.range()).collect())
}

/// `needle`'s words with any white space or Markdown emphasis between them, as a
/// pattern; `None` when it has no words.
fn spread(needle: &str) -> Option<Regex> {
    let words: Vec<String> = WORD_GAP
        .split(needle.trim())
        .filter(|w| !w.is_empty())
        .map(regex::escape)
        .collect();
    if words.is_empty() {
        return None;
    }
    Regex::new(&words.join(r"[\s*_`\\]+")).ok()
}

/// The `nth` occurrence of `needle` in `range` of a file: exactly, or with the words
/// separated by any white space or Markdown emphasis.
pub fn find_in(
    sources: &Sources,
    file: &std::sync::Arc<str>,
    range: Range<usize>,
    needle: &str,
    nth: usize,
) -> Option<Span> {
    let text = sources.text(file)?;
    let end = range.end.min(text.len());
    let start = range.start.min(end);
    let hay = text.get(start..end)?;
    if needle.trim().is_empty() {
        return None;
    }
    if let Some((i, _)) = hay.match_indices(needle).nth(nth) {
        return Some(Span::new(file, start + i..start + i + needle.len()));
    }
    let pattern = spread(needle)?;
    let m = pattern
        .find_iter(hay)
        .nth(nth)
        .or_else(|| pattern.find_iter(hay).next())?;
    Some(Span::new(file, start + m.start()..start + m.end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        let t = "We met e.g. twice. Then we met again! 93% agreed. Mr. Smith came";
        let s: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            s,
            vec![
                "We met e.g. twice.",
                "Then we met again!",
                "93% agreed.",
                "Mr. Smith came"
            ]
        );
    }

    #[test]
    fn spells_word_classes_in_ascii() {
        assert_eq!(
            ascii_classes(r"\bagree\w*\W+(\w+\W+){0,6}?[\w'’]+ \d+[\d,]* \D \\w \s"),
            r"(?-u:\b)agree[0-9A-Za-z_]*[^0-9A-Za-z_]+([0-9A-Za-z_]+[^0-9A-Za-z_]+){0,6}?[0-9A-Za-z_'’]+ [0-9]+[0-9,]* [^0-9] \\w \s"
        );
        // A bracket's first `]` is a literal; a negated class inside brackets stays.
        assert_eq!(
            ascii_classes(r"[]\w][^]\d] \w [\W_]"),
            r"[]0-9A-Za-z_][^]0-9] [0-9A-Za-z_] [\W_]"
        );
        // What the rules look for is found as before, in ASCII text and beside curly
        // quotes, and an accented word is still a word's letters and a gap.
        let gap = regex(r"(?i)\bagreed\b\W+(\w+\W+){0,3}?funding\b").unwrap();
        assert!(gap.is_match("Partners agreed the “shared” funding."));
        assert!(gap.is_match("Partners agreed café funding"));
        assert!(!gap.is_match("Partners agreed one two three four funding"));
    }

    #[test]
    fn counts_words_not_punctuation() {
        assert_eq!(word_count("One, two – three."), 3);
    }
}

/// A rule's regex, with ASCII word classes: `\b` an ASCII word boundary, `\w`, `\W`
/// and `\d` ASCII letters, digits and underscore. The rules' keywords are all ASCII,
/// so nothing they look for is lost, and both costs of Unicode's classes go: a
/// Unicode word boundary makes the regex engine give up its fast automaton on text
/// with curly quotes or £ signs, and a Unicode `\w` is a few hundred ranges of
/// letters, which a gap such as `(\w+\W+){0,6}` copies six times over. Compiling the
/// rules' 159 patterns took 95 ms of every check with Unicode's classes, 50 ms
/// without.
pub fn regex(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&ascii_classes(pattern))
}

/// `pattern` with `\b`, `\w`, `\W`, `\d` and `\D` spelt as their ASCII classes,
/// inside and outside brackets (where a negated class cannot be spelt as a range,
/// `[\W…]`, it is left as written).
fn ascii_classes(pattern: &str) -> String {
    const WORD: &str = "0-9A-Za-z_";
    let mut out = String::with_capacity(pattern.len() * 2);
    // How deep inside brackets, and whether the next character is a bracket's first
    // (where `]` is a literal).
    let (mut depth, mut first) = (0usize, false);
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        let at_first = std::mem::take(&mut first);
        match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    out.push(c);
                    break;
                };
                match (next, depth > 0) {
                    ('b', false) => out.push_str(r"(?-u:\b)"),
                    ('w', false) => out.push_str(&format!("[{WORD}]")),
                    ('w', true) => out.push_str(WORD),
                    ('W', false) => out.push_str(&format!("[^{WORD}]")),
                    ('d', false) => out.push_str("[0-9]"),
                    ('d', true) => out.push_str("0-9"),
                    ('D', false) => out.push_str("[^0-9]"),
                    _ => {
                        out.push(c);
                        out.push(next);
                    }
                }
            }
            '[' => {
                depth += 1;
                out.push(c);
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().unwrap_or('^'));
                }
                first = true;
            }
            ']' if depth > 0 && !at_first => {
                depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}
