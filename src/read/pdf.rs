//! PDFs: the text of every page with its font sizes, read from the content streams;
//! then the structure from the tag tree when the PDF is tagged (headings, paragraphs,
//! lists, tables, figures with their alt text), or guessed from type size and weight
//! when it is not — and an untagged PDF is itself a finding, since it fails PDF/UA and
//! the accessibility regulations.
//!
//! The extracted text has one line per printed line, page after page, so a finding
//! names its page and line there.

mod tags;
mod untagged;
mod widths;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

use lopdf::{Dictionary, Document as Pdf, Encoding, Object, ObjectId};

use super::limits::{self, Budget};
use super::{Builder, Extracted};
use crate::diagnostic::{Layout, Sources};

/// A run of text shown by one operator.
struct Run {
    text: String,
    /// Page index from 0, and the marked-content id it belongs to.
    page: usize,
    mcid: Option<i64>,
    /// Where it starts across the page.
    x: f32,
    y: f32,
    size: f32,
    bold: bool,
    /// How far across the page it reaches, when its font gives its widths.
    width: Option<f32>,
}

/// A printed line: its runs, and their byte ranges in the extracted text.
pub(super) struct Line {
    page: usize,
    y: f32,
    size: f32,
    bold: bool,
    text: String,
    /// (mcid, range in the whole extracted text).
    parts: Vec<(Option<i64>, std::ops::Range<usize>)>,
    /// Where the last run ends across the page, as far as its width can be guessed.
    end_x: f32,
    /// Where each of its cells starts across the page, and its bytes in `text`: runs
    /// further apart than [`CELL_GAP`] type sizes, as a table's cells are.
    cells: Vec<(f32, std::ops::Range<usize>)>,
    range: std::ops::Range<usize>,
}

#[derive(Clone, Copy)]
struct Matrix([f32; 6]);

impl Matrix {
    const ID: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    /// self × other, as PDF concatenates (row vectors).
    fn then(self, o: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = o.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }
    fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }
}

fn numbers(ops: &[Object]) -> Vec<f32> {
    ops.iter().filter_map(|o| o.as_float().ok()).collect()
}

/// What reading a PDF has spent of its limits, across all its pages.
struct Spent {
    /// Decoded page contents and font maps.
    budget: Budget,
    operations: u64,
}

/// How much of a page could be read.
#[derive(Default, Clone, Copy)]
struct PageText {
    /// Runs of text found whose letters are known.
    readable: usize,
}

/// Reads a PDF's bytes.
///
/// A PDF whose text cannot be read — most of its pages showing no letters, because
/// its fonts have no map back from glyphs to letters (ToUnicode) or its pages are
/// pictures of text — is refused (exit status 2) rather than checked: judged on no
/// text, every criterion would be "missing", which a scrutineer would take for the
/// report's failing when it is the file's. The message says how many pages had no
/// readable text.
pub fn read(name: &str, bytes: &[u8]) -> Result<Extracted, String> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(limits::MAX_DECODED_BYTES as usize),
        ..Default::default()
    };
    let pdf = Pdf::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            Budget::message("one of its streams")
        }
        e => format!("is not a PDF that can be read ({e}): open it in a PDF reader to see whether it is damaged, and export it again"),
    })?;
    if pdf.is_encrypted() {
        return Err("is encrypted: save an unprotected copy to check it".to_string());
    }
    let pages = page_list(&pdf)?;
    let mut spent = Spent {
        budget: Budget::default(),
        operations: 0,
    };
    let mut fonts = Fonts::default();
    let mut runs = Vec::new();
    let mut without_text = 0;
    for (i, id) in pages.iter().enumerate() {
        let found = page_runs(&pdf, *id, i, &mut fonts, &mut spent, &mut runs)?;
        without_text += usize::from(found.readable == 0);
    }
    if without_text * 2 > pages.len() {
        return Err(unreadable(without_text, pages.len()));
    }
    // An untagged PDF has no reading order but the page's: its runs are read top to
    // bottom and left to right, as a table's cells line up across the page (a Word
    // export draws them cell by cell). A tagged one keeps the order its tags refer to.
    if !has_tags(&pdf) {
        runs = in_page_order(runs);
    }
    let mut lines = lines(runs);
    let mut text = String::new();
    for line in lines.iter_mut() {
        let base = text.len();
        text.push_str(&line.text);
        text.push('\n');
        line.range = base..base + line.text.len();
        for (_, r) in &mut line.parts {
            *r = base + r.start..base + r.end;
        }
    }
    // Pages with no text still count, so "page 12" is the twelfth page.
    let page_starts = first_line_of_pages(&lines, pages.len())
        .into_iter()
        .map(|i| i + 1)
        .collect();
    let mut sources = Sources::default();
    let file = sources.add_extracted(name, &text, Layout::Pages { pages: page_starts });
    let title = info_title(&pdf);
    let mut b = Builder::new(&file);
    let tagged = tags::tag_tree(&pdf, &pages, &lines, &text, &file, &mut b)?;
    if !tagged {
        untagged::guess(&lines, &file, &mut b);
    }
    Ok(Extracted {
        sections: b.finish()?,
        sources,
        title,
        tagged: Some(tagged),
    })
}

/// The pages in order, each once: a page tree that names a page twice (or loops back
/// on itself) gives each page once, and a PDF over [`limits::MAX_PDF_PAGES`] pages or
/// with none is refused.
fn page_list(pdf: &Pdf) -> Result<Vec<ObjectId>, String> {
    let mut seen = HashSet::new();
    let mut pages = Vec::new();
    for id in pdf.page_iter() {
        if seen.insert(id) {
            pages.push(id);
        }
        if pages.len() > limits::MAX_PDF_PAGES {
            return Err(format!(
                "has more than {} pages, over the limit: check the report alone, or split it",
                limits::count(limits::MAX_PDF_PAGES as u64)
            ));
        }
    }
    if pages.is_empty() {
        return Err("has no pages that can be read: its list of pages is missing, damaged or loops back on itself. Open it in a PDF reader; if it shows, print it to a new PDF and check that".to_string());
    }
    Ok(pages)
}

/// Why a PDF whose pages show no letters is not checked.
fn unreadable(without: usize, pages: usize) -> String {
    format!(
        "cannot be checked: {without} of its {pages} pages have no readable text. Its fonts have no map from their glyphs back to letters (ToUnicode), or its pages are pictures of text (a scan), so neither this tool nor a screen reader can read it, and no criterion is judged on text that cannot be read. Export the PDF again from the original document (in Word: File › Save As › PDF), or check the original .docx"
    )
}

/// For each page, the index of its first line; a page without lines starts where the
/// next one does (the lines are in page order). One pass over the lines.
fn first_line_of_pages(lines: &[Line], count: usize) -> Vec<usize> {
    let mut out = Vec::with_capacity(count);
    let mut i = 0;
    for p in 0..count {
        while i < lines.len() && lines[i].page < p {
            i += 1;
        }
        out.push(i);
    }
    out
}

fn info_title(pdf: &Pdf) -> Option<String> {
    let info = pdf.trailer.get(b"Info").ok()?;
    let (_, info) = pdf.dereference(info).ok()?;
    let title = info.as_dict().ok()?.get(b"Title").ok()?;
    let t = lopdf::decode_text_string(title).ok()?;
    let t = t.trim().to_string();
    (!t.is_empty()).then_some(t)
}

/// A font as text is read with it: its encoding (`None` when its glyphs cannot be
/// mapped back to letters) and whether it is bold.
struct Font<'a> {
    encoding: Option<Encoding<'a>>,
    bold: bool,
    widths: Option<widths::Widths>,
}

/// Fonts already read, by the address of their dictionary in the loaded document
/// (which does not move while it is read), so a font used on every page has its
/// map decoded once.
#[derive(Default)]
struct Fonts<'a> {
    known: HashMap<usize, Rc<Font<'a>>>,
}

impl<'a> Fonts<'a> {
    fn get(
        &mut self,
        pdf: &'a Pdf,
        font: &'a Dictionary,
        spent: &mut Spent,
    ) -> Result<Rc<Font<'a>>, String> {
        let key = font as *const Dictionary as usize;
        if let Some(f) = self.known.get(&key) {
            return Ok(f.clone());
        }
        let base = font
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).to_lowercase())
            .unwrap_or_default();
        let bold = base.contains("bold") || base.contains("black") || base.contains("heavy");
        // The font's map to Unicode is decoded within what is left of the budget,
        // and what it takes is spent.
        let to_unicode = font
            .get_deref(b"ToUnicode", pdf)
            .and_then(Object::as_stream)
            .ok();
        if let Some(stream) = to_unicode {
            let left = spent.budget.left() as usize;
            let size = stream
                .decompressed_content_with_limit(left)
                .map_or(stream.content.len(), |c| c.len());
            spent
                .budget
                .spend(size as u64)
                .map_err(|_| Budget::message("a font's map of letters"))?;
        }
        // Glyph numbers (Identity-H or -V) with no map to Unicode cannot be read back.
        let identity = matches!(
            font.get(b"Encoding").and_then(Object::as_name),
            Ok(b"Identity-H" | b"Identity-V")
        );
        let encoding = if identity && to_unicode.is_none() {
            None
        } else {
            match font.get_font_encoding_with_limit(pdf, spent.budget.left() as usize) {
                Ok(e) => Some(e),
                Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                })) => return Err(Budget::message("a font's map of letters")),
                Err(_) => None,
            }
        };
        let widths = widths::Widths::of(pdf, font);
        let f = Rc::new(Font {
            encoding,
            bold,
            widths,
        });
        self.known.insert(key, f.clone());
        Ok(f)
    }
}

/// Every run of text on a page, with its marked-content id, position and size, into
/// `out`; how much of the page could be read. The content is decoded within what is
/// left of the document's budget and its operations read one at a time, counted
/// against [`limits::MAX_PDF_OPERATIONS`].
fn page_runs<'a>(
    pdf: &'a Pdf,
    page_id: ObjectId,
    page: usize,
    fonts: &mut Fonts<'a>,
    spent: &mut Spent,
    out: &mut Vec<Run>,
) -> Result<PageText, String> {
    let mut found = PageText::default();
    let mut page_fonts: BTreeMap<Vec<u8>, Rc<Font<'a>>> = BTreeMap::new();
    for (name, font) in pdf.get_page_fonts(page_id).unwrap_or_default() {
        page_fonts.insert(name, fonts.get(pdf, font, spent)?);
    }
    let content = match pdf.get_page_content_with_limit(page_id, spent.budget.left() as usize) {
        Ok(c) => c,
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            return Err(Budget::message(&format!("page {}", page + 1)));
        }
        Err(_) => return Ok(found),
    };
    spent
        .budget
        .spend(content.len() as u64)
        .map_err(|_| Budget::message(&format!("page {}", page + 1)))?;
    let mut state = TextState::default();
    for op in lopdf::content::Content::decode_iter(&content) {
        let Ok(op) = op else { break };
        spent.operations += 1;
        if spent.operations > limits::MAX_PDF_OPERATIONS {
            return Err(format!(
                "has more than {} drawing operations on its pages, over the limit (a 300-page report has a few hundred thousand): it is probably not a real report",
                limits::count(limits::MAX_PDF_OPERATIONS)
            ));
        }
        if let Some(run) = state.apply(&op, &page_fonts, page) {
            found.readable += 1;
            out.push(run);
        }
    }
    Ok(found)
}

/// Where the text being drawn is: the graphics and text matrices, the font, and the
/// marked content open around it.
struct TextState<'f, 'a> {
    ctm: Matrix,
    stack: Vec<Matrix>,
    tm: Matrix,
    tlm: Matrix,
    leading: f32,
    font: Option<&'f Font<'a>>,
    size: f32,
    /// For each marked-content sequence open, the id that applies inside it (its own,
    /// or the nearest one around it), so a run finds its id without searching.
    marked: Vec<Option<i64>>,
}

impl Default for TextState<'_, '_> {
    fn default() -> Self {
        TextState {
            ctm: Matrix::ID,
            stack: Vec::new(),
            tm: Matrix::ID,
            tlm: Matrix::ID,
            leading: 0.0,
            font: None,
            size: 0.0,
            marked: Vec::new(),
        }
    }
}

impl<'f, 'a> TextState<'f, 'a> {
    /// Applies one operation; the run of text it shows, if it shows readable text.
    fn apply(
        &mut self,
        op: &lopdf::content::Operation,
        fonts: &'f BTreeMap<Vec<u8>, Rc<Font<'a>>>,
        page: usize,
    ) -> Option<Run> {
        let n = numbers(&op.operands);
        match op.operator.as_str() {
            "q" => self.stack.push(self.ctm),
            "Q" => self.ctm = self.stack.pop().unwrap_or(Matrix::ID),
            "cm" if n.len() == 6 => {
                self.ctm = Matrix([n[0], n[1], n[2], n[3], n[4], n[5]]).then(self.ctm);
            }
            "BT" => (self.tm, self.tlm) = (Matrix::ID, Matrix::ID),
            "Tm" if n.len() == 6 => {
                self.tlm = Matrix([n[0], n[1], n[2], n[3], n[4], n[5]]);
                self.tm = self.tlm;
            }
            "Td" | "TD" if n.len() == 2 => {
                if op.operator == "TD" {
                    self.leading = -n[1];
                }
                self.tlm = Matrix::translate(n[0], n[1]).then(self.tlm);
                self.tm = self.tlm;
            }
            "T*" => self.next_line(),
            "TL" if n.len() == 1 => self.leading = n[0],
            "Tf" => {
                self.font = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|f| fonts.get(f))
                    .map(|f| &**f);
                self.size = n.first().copied().unwrap_or(self.size);
            }
            "BDC" | "BMC" => {
                let own = op.operands.get(1).and_then(|p| match p {
                    Object::Dictionary(d) => d.get(b"MCID").and_then(Object::as_i64).ok(),
                    _ => None,
                });
                let around = self.marked.last().copied().flatten();
                self.marked.push(own.or(around));
            }
            "EMC" => {
                self.marked.pop();
            }
            "Tj" | "TJ" | "'" | "\"" => return self.show(op, page),
            _ => {}
        }
        None
    }

    fn next_line(&mut self) {
        self.tlm = Matrix::translate(0.0, -self.leading).then(self.tlm);
        self.tm = self.tlm;
    }

    fn show(&mut self, op: &lopdf::content::Operation, page: usize) -> Option<Run> {
        if matches!(op.operator.as_str(), "'" | "\"") {
            self.next_line();
        }
        let font = self.font?;
        let encoding = font.encoding.as_ref()?;
        let mut text = String::new();
        for operand in &op.operands {
            show(encoding, operand, &mut text);
        }
        let m = self.tm.then(self.ctm);
        // The text moves on by its width, so the next run shown without a new
        // position starts where this one ends.
        let advance = font.widths.as_ref().map(|w| {
            let thousandths: f32 = op.operands.iter().map(|o| advance(w, o)).sum();
            thousandths / 1000.0 * self.size
        });
        if let Some(tx) = advance {
            self.tm = Matrix::translate(tx, 0.0).then(self.tm);
        }
        if text.trim().is_empty() {
            return None;
        }
        let scale = (m.0[2] * m.0[2] + m.0[3] * m.0[3]).sqrt();
        let across = (m.0[0] * m.0[0] + m.0[1] * m.0[1]).sqrt();
        Some(Run {
            width: advance.map(|tx| tx * across),
            text,
            page,
            mcid: self.marked.last().copied().flatten(),
            x: m.0[4],
            y: m.0[5],
            size: (self.size * scale * 10.0).round() / 10.0,
            bold: font.bold,
        })
    }
}

/// How far a `Tj` or `TJ` operand moves the text on, in thousandths of the type size:
/// its codes' widths, less the adjustments between them.
fn advance(widths: &widths::Widths, operand: &Object) -> f32 {
    match operand {
        Object::String(bytes, _) => widths.advance(bytes),
        Object::Array(items) => items
            .iter()
            .map(|item| match item {
                Object::Integer(_) | Object::Real(_) => -item.as_float().unwrap_or(0.0),
                Object::String(bytes, _) => widths.advance(bytes),
                _ => 0.0,
            })
            .sum(),
        _ => 0.0,
    }
}

fn show(encoding: &Encoding, operand: &Object, out: &mut String) {
    match operand {
        Object::String(bytes, _) => {
            let _ = encoding.write_to_string(bytes, out);
        }
        Object::Array(items) => {
            for item in items {
                match item {
                    Object::Integer(_) | Object::Real(_) => {
                        if item.as_float().is_ok_and(|k| k < -200.0) && !out.ends_with(' ') {
                            out.push(' ');
                        }
                    }
                    other => show(encoding, other, out),
                }
            }
        }
        _ => {}
    }
}

/// Whether the document has a tag tree (a `StructTreeRoot` in its catalogue).
fn has_tags(pdf: &Pdf) -> bool {
    pdf.catalog()
        .is_ok_and(|c| c.get(b"StructTreeRoot").is_ok())
}

/// Runs in the order a reader's eye takes them: page by page, line by line from the
/// top (runs within half their size of a line's height are on it), left to right.
fn in_page_order(mut runs: Vec<Run>) -> Vec<Run> {
    runs.sort_by(|a, b| a.page.cmp(&b.page).then(b.y.total_cmp(&a.y)));
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    let mut line_start = 0;
    for run in runs {
        let first = out.get(line_start);
        let same = first.is_some_and(|f| {
            f.page == run.page && (f.y - run.y).abs() <= 0.5 * run.size.max(f.size).max(1.0)
        });
        if !same {
            out[line_start..].sort_by(|a, b| a.x.total_cmp(&b.x));
            line_start = out.len();
        }
        out.push(run);
    }
    out[line_start..].sort_by(|a, b| a.x.total_cmp(&b.x));
    out
}

/// How far apart, in type sizes, two runs of a line are when they are two cells of a
/// table: wider than any space between words, narrower than a table's gutter.
const CELL_GAP: f32 = 0.6;

/// Runs on the same page at the same height make a line.
fn lines(runs: Vec<Run>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for run in runs {
        let same = out.last().is_some_and(|l| {
            l.page == run.page && (l.y - run.y).abs() <= 0.5 * run.size.max(l.size).max(1.0)
        });
        if !same {
            out.push(Line {
                page: run.page,
                y: run.y,
                size: run.size,
                bold: run.bold,
                text: String::new(),
                parts: Vec::new(),
                end_x: run.x,
                cells: Vec::new(),
                range: 0..0,
            });
        }
        let line = out.last_mut().expect("a line");
        // Runs well apart are words (or a table's cells) apart, which a PDF without
        // tags does not otherwise mark: "Contacts" and "11,204" are not "Contacts11,204".
        let apart = run.x - line.end_x > 0.2 * run.size;
        if !line.text.is_empty()
            && !line.text.ends_with(' ')
            && !run.text.starts_with(' ')
            && (run.mcid != line.parts.last().and_then(|p| p.0) || run.mcid.is_none() && apart)
        {
            line.text.push(' ');
        }
        let new_cell = line.cells.is_empty() || run.x - line.end_x > CELL_GAP * run.size;
        // Glyphs average about half the type size across, where the font does not
        // say.
        line.end_x = run.x
            + run
                .width
                .unwrap_or(0.5 * run.size * run.text.chars().count() as f32);
        let start = line.text.len();
        line.text.push_str(&run.text);
        line.parts.push((run.mcid, start..line.text.len()));
        let text_start = start + (run.text.len() - run.text.trim_start().len());
        match line.cells.last_mut() {
            Some((_, r)) if !new_cell => r.end = line.text.len(),
            _ => line.cells.push((run.x, text_start..line.text.len())),
        }
        if run.size > line.size {
            line.size = run.size;
        }
        line.bold &= run.bold;
    }
    out
}
