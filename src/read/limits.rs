//! What `check FILE` will read of a file from elsewhere, and how far it will unpack
//! it: a report received from another partnership may have been written by an
//! attacker, so every reader works within limits that count across the whole
//! document, and says which one a file reached instead of exhausting the machine.
//!
//! The limits sit far above any real report (the largest annual reports seen are a
//! 15 MB Word document, a 30 MB PDF and a text export of 400 KB) and far below what
//! would take more than a few seconds or a gigabyte to read.

use std::io::Read as _;
use std::path::Path;

/// The largest text, Markdown or web page read, and the most all the pages of a saved
/// web folder may hold together: the same limit as a project's own text files
/// ([`crate::load::files::MAX_TEXT_BYTES`]), since a report's words are far smaller.
pub const MAX_TEXT_BYTES: u64 = crate::load::files::MAX_TEXT_BYTES;

/// The largest Word document or PDF read: 100 MB. Pictures make these files large; a
/// report over this has pictures saved at print resolution, and its words can be
/// checked in a copy with compressed pictures.
pub const MAX_FILE_BYTES: u64 = 100 << 20;

/// The most a Word document's parts may unpack to, or a PDF's page contents and
/// fonts may decode to, all together: 64 MB. A 300-page report's `word/document.xml`
/// is about 5 MB; a page of a PDF decodes to tens of kilobytes. Counted across the
/// whole document, so ten pages pointing at one bomb do not get ten allowances.
pub const MAX_DECODED_BYTES: u64 = 64 << 20;

/// How deeply the elements of a Word document's XML may nest: 100 levels. Word's own
/// documents, tables in tables and text boxes included, nest a few dozen deep; the
/// readers walk the tree, and a file nested thousands deep is made to exhaust them.
pub const MAX_XML_DEPTH: usize = 100;

/// The most elements and attributes one XML part may have: 4 million (a 300-page
/// report has about half a million). Bounds the parser's memory at a few hundred MB.
pub const MAX_XML_NODES: u32 = 4_000_000;

/// The most drawing operations (`Tj`, `BDC`, `q`, …) a PDF's pages may hold, all
/// together: 2 million. A 300-page report has a few hundred thousand.
pub const MAX_PDF_OPERATIONS: u64 = 2_000_000;

/// The most pages a PDF may have: 5,000.
pub const MAX_PDF_PAGES: usize = 5_000;

/// The most steps taken through a tagged PDF's structure tree (elements and the
/// marked content they point at): 2 million.
pub const MAX_PDF_STRUCTURE_STEPS: u64 = 2_000_000;

/// The most elements a web page (or all the pages of a saved web folder together) may
/// have: 1 million. A long report's web edition has tens of thousands.
pub const MAX_HTML_ELEMENTS: usize = 1_000_000;

/// The most pages a saved web folder may hold: 1,000.
pub const MAX_WEB_PAGES: usize = 1_000;

/// The most blocks (headings, paragraphs, list items, tables, images) a document may
/// have: 200,000. A 300-page report has a few thousand; the checks look at every
/// block, and more than this is a file made to keep them busy.
pub const MAX_BLOCKS: usize = 200_000;

/// A count as people write it: 2,000,000.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` bytes as whole megabytes, for messages.
pub fn mb(n: u64) -> u64 {
    n >> 20
}

/// What a limit was reached, for the message that names it.
pub fn too_large(limit: u64, actual: Option<u64>, help: &str) -> String {
    match actual {
        Some(n) if n >> 20 > limit >> 20 => format!(
            "is larger than the limit of {} MB (it is {} MB): {help}",
            mb(limit),
            mb(n)
        ),
        _ => format!("is larger than the limit of {} MB: {help}", mb(limit)),
    }
}

/// What to do about a Word document or PDF over [`MAX_FILE_BYTES`].
const BIG_FILE_HELP: &str = "no report needs that much. If it is one, save a copy with compressed pictures (in Word: File › Compress Pictures, or Save As › PDF › \"Minimum size\") and check that";

/// What to do about a text file over [`MAX_TEXT_BYTES`].
const BIG_TEXT_HELP: &str = "a report's text is far smaller, so this is probably not the report (an export with pictures in it, a log, or another file). Check the right file";

/// Reads the file at `path` (a file the user named, so a link is followed) if it is a
/// regular file of at most `limit` bytes. Reads at most `limit` + 1 bytes whatever the
/// file's size claims, so a file that grows (or a device) cannot get past the limit.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot be read: {e}"))?;
    if !meta.is_file() {
        return Err(
            "is not a file (a device, a pipe or a folder): give the report's file".to_string(),
        );
    }
    let help = if limit == MAX_FILE_BYTES {
        BIG_FILE_HELP
    } else {
        BIG_TEXT_HELP
    };
    if meta.len() > limit {
        return Err(too_large(limit, Some(meta.len()), help));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot be read: {e}"))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit, None, help));
    }
    Ok(bytes)
}

/// A budget of decoded bytes shared by every part of one document.
#[derive(Debug)]
pub struct Budget {
    left: u64,
    limit: u64,
}

/// The budget ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exhausted;

impl Default for Budget {
    /// [`MAX_DECODED_BYTES`].
    fn default() -> Budget {
        Budget::new(MAX_DECODED_BYTES)
    }
}

impl Budget {
    pub fn new(limit: u64) -> Budget {
        Budget { left: limit, limit }
    }

    /// [`Budget::message`] for this budget's limit.
    pub fn exceeded(&self, what: &str) -> String {
        Budget::message_for(self.limit, what)
    }

    /// What is left to spend.
    pub fn left(&self) -> u64 {
        self.left
    }

    /// Spends `n` bytes, or says the budget would run out.
    pub fn spend(&mut self, n: u64) -> Result<(), Exhausted> {
        self.left = self.left.checked_sub(n).ok_or(Exhausted)?;
        Ok(())
    }

    /// The message for a document that unpacks past [`MAX_DECODED_BYTES`]; `what` is
    /// the part being unpacked when the limit was reached.
    pub fn message(what: &str) -> String {
        Budget::message_for(MAX_DECODED_BYTES, what)
    }

    fn message_for(limit: u64, what: &str) -> String {
        format!(
            "is larger than the limit of {} MB once unpacked (the limit was reached at {what}): a real report unpacks to a few megabytes, so this is not an ordinary report: it may be made to exhaust the computer that reads it. Save it again from the program that made it, or ask its authors for a new copy",
            mb(limit)
        )
    }
}

/// The message for a document nested `depth` levels deep, past [`MAX_XML_DEPTH`].
pub fn too_deep(depth: usize) -> String {
    format!(
        "is nested too deeply — {} levels, where the limit is {MAX_XML_DEPTH} and Word's own documents need a few dozen — and is probably not a real report (it may be made to crash the programs that read it). Save it again from Word, or ask its authors for a new copy",
        count(depth as u64)
    )
}

/// The message for a document with more than [`MAX_BLOCKS`] blocks.
pub fn too_many_blocks() -> String {
    format!(
        "has more than {} headings, paragraphs, list items, tables and pictures, over the limit (a 300-page report has a few thousand): it is probably not a real report. Check the right file, or split it",
        count(MAX_BLOCKS as u64)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_counts_across_calls() {
        let mut b = Budget::default();
        assert!(b.spend(MAX_DECODED_BYTES - 1).is_ok());
        assert_eq!(b.spend(2), Err(Exhausted));
        assert!(b.spend(1).is_ok());
        assert_eq!(b.left(), 0);
    }

    #[test]
    fn counts_are_written_with_commas() {
        assert_eq!(count(2_000_000), "2,000,000");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
    }

    #[test]
    fn sizes_are_named_in_megabytes() {
        assert_eq!(
            too_large(MAX_FILE_BYTES, Some(500 << 20), "x"),
            "is larger than the limit of 100 MB (it is 500 MB): x"
        );
        assert_eq!(
            too_large(MAX_FILE_BYTES, Some(MAX_FILE_BYTES + 1), "x"),
            "is larger than the limit of 100 MB: x"
        );
    }
}
