//! Places in a report as its reader finds them: the page (of a PDF), the section as the
//! report titles it and the paragraph within it, and the sentence found there. The
//! scrutineer's evaluation cites evidence and findings this way, because Word and a
//! printed page have no line numbers: `page 12, section "4 Funding", paragraph 3`,
//! never `report.docx:94:1`.
//!
//! Kept with the [`super::Report`] from the text units the rules read, so the
//! evaluation can quote after the document itself is gone.

use std::ops::Range;
use std::sync::Arc;

use super::text::{Unit, UnitKind, sentences};
use crate::assemble::Document;
use crate::diagnostic::{Layout, Sources};

/// The longest quote the evaluation prints, in characters: a long sentence, so a
/// table or a paragraph without full stops is not quoted whole.
const MAX_QUOTE_CHARS: usize = 320;

/// Every block of the report's text, with its section and its number in it.
#[derive(Debug, Clone, Default)]
pub struct Places {
    blocks: Vec<Placed>,
    /// Whether the report is more than one file (a web edition's pages, a project's
    /// sections): then a place names the file too.
    many_files: bool,
}

#[derive(Debug, Clone)]
struct Placed {
    file: Arc<str>,
    range: Range<usize>,
    section: String,
    /// From 1, counting the section's blocks other than headings.
    paragraph: usize,
    text: String,
}

/// Where something is in the report, in the reader's terms, and what it says there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// "page 12, section \"4 Funding\", paragraph 3".
    pub place: String,
    /// The sentence found there, when there is text.
    pub quote: Option<String>,
}

impl Places {
    /// The places of a document's text units.
    pub fn new(document: &Document, units: &[Unit]) -> Places {
        let mut blocks: Vec<Placed> = Vec::with_capacity(units.len());
        let mut counted: Option<(usize, usize)> = None;
        for unit in units {
            if matches!(unit.kind, UnitKind::Heading(_)) {
                continue;
            }
            let paragraph = match counted {
                Some((section, n)) if section == unit.section => n + 1,
                _ => 1,
            };
            counted = Some((unit.section, paragraph));
            blocks.push(Placed {
                file: unit.block.span.file.clone(),
                range: unit.block.span.range.clone(),
                section: document.sections[unit.section].heading(),
                paragraph,
                text: unit.text.clone(),
            });
        }
        let first = blocks.first().map(|b| b.file.clone());
        let many_files = blocks.iter().any(|b| Some(&b.file) != first.as_ref());
        Places { blocks, many_files }
    }

    /// The place of byte `offset` of `file`, and the sentence there.
    pub fn at(&self, sources: &Sources, file: &str, offset: usize) -> Place {
        let mut parts = Vec::new();
        if self.many_files {
            parts.push(file.to_string());
        }
        if let Some(page) = page(sources, file, offset) {
            parts.push(format!("page {page}"));
        }
        let block = self.block(file, offset);
        if let Some(b) = block {
            parts.push(format!(
                "section \"{}\", paragraph {}",
                b.section, b.paragraph
            ));
        }
        let place = if parts.is_empty() {
            // Before any block: the title page, or the file as a whole.
            "the start of the report".to_string()
        } else {
            parts.join(", ")
        };
        let quote = block.and_then(|b| quote(sources, b, offset));
        Place { place, quote }
    }

    /// The place of the start of 1-based `line` of `file` (how the matrix's evidence
    /// records where it is).
    pub fn at_line(&self, sources: &Sources, file: &str, line: usize) -> Place {
        self.at(sources, file, sources.offset_of(file, line, 1))
    }

    /// The block holding `offset`, or else the last one before it in the same file.
    fn block(&self, file: &str, offset: usize) -> Option<&Placed> {
        let mut best: Option<&Placed> = None;
        for b in self.blocks.iter().filter(|b| &*b.file == file) {
            if b.range.contains(&offset) || (b.range.is_empty() && b.range.start == offset) {
                return Some(b);
            }
            if b.range.start <= offset && best.is_none_or(|x| x.range.start <= b.range.start) {
                best = Some(b);
            }
        }
        best
    }
}

/// The page of a PDF an offset is on.
fn page(sources: &Sources, file: &str, offset: usize) -> Option<usize> {
    let Layout::Pages { pages } = sources.layout(file) else {
        return None;
    };
    let line = sources.line_col(file, offset).line;
    pages
        .partition_point(|first| *first <= line)
        .checked_sub(1)
        .map(|i| i + 1)
}

/// The sentence of a block at `offset`: where the block's source reads as its text
/// (Word, PDF, plain text), the sentence holding the offset; otherwise (a web page's
/// markup) the block's first sentence.
fn quote(sources: &Sources, block: &Placed, offset: usize) -> Option<String> {
    let text = block.text.trim();
    if text.is_empty() {
        return None;
    }
    let before = sources
        .text(&block.file)
        .and_then(|t| t.get(block.range.start..offset.clamp(block.range.start, block.range.end)))
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    let at = if !before.is_empty() && text.starts_with(&before) {
        before.len()
    } else {
        0
    };
    let sentence = sentences(text)
        .into_iter()
        .find(|r| r.end > at)
        .map_or(text, |r| text[r].trim());
    Some(shorten(sentence))
}

/// At most [`MAX_QUOTE_CHARS`] characters, cut at a word with "…".
fn shorten(text: &str) -> String {
    if text.chars().count() <= MAX_QUOTE_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX_QUOTE_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_sentence_is_cut_at_a_word() {
        let long = "word ".repeat(100);
        let short = shorten(long.trim());
        assert!(short.ends_with("word…"));
        assert!(short.chars().count() <= MAX_QUOTE_CHARS + 1);
        assert_eq!(shorten("A short one."), "A short one.");
    }
}
