//! PDFs: the text of every page with its font sizes, read from the content streams;
//! then the structure from the tag tree when the PDF is tagged (headings, paragraphs,
//! lists, tables, figures with their alt text), or guessed from type size and weight
//! when it is not — and an untagged PDF is itself a finding, since it fails PDF/UA and
//! the accessibility regulations.
//!
//! The extracted text has one line per printed line, page after page, so a finding
//! names its page and line there.

use std::collections::{BTreeMap, HashMap, HashSet};

use lopdf::{Dictionary, Document as Pdf, Encoding, Object, ObjectId};

use super::docx::split_number;
use super::{Builder, Extracted};
use crate::assemble::BlockKind;
use crate::diagnostic::{Layout, Sources, Span};

/// The most a page's content may decompress to: far above any real report's page.
const PAGE_LIMIT: usize = 64 << 20;

/// A run of text shown by one operator.
struct Run {
    text: String,
    /// Page index from 0, and the marked-content id it belongs to.
    page: usize,
    mcid: Option<i64>,
    y: f32,
    size: f32,
    bold: bool,
}

/// A printed line: its runs, and their byte ranges in the extracted text.
struct Line {
    page: usize,
    y: f32,
    size: f32,
    bold: bool,
    text: String,
    /// (mcid, range in the whole extracted text).
    parts: Vec<(Option<i64>, std::ops::Range<usize>)>,
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

/// Reads a PDF's bytes.
pub fn read(name: &str, bytes: &[u8]) -> Result<Extracted, String> {
    let pdf = Pdf::load_mem(bytes).map_err(|e| format!("is not a PDF that can be read ({e})"))?;
    if pdf.is_encrypted() {
        return Err("is encrypted: save an unprotected copy to check it".to_string());
    }
    let pages: Vec<ObjectId> = pdf.get_pages().into_values().collect();
    let mut runs = Vec::new();
    for (i, id) in pages.iter().enumerate() {
        page_runs(&pdf, *id, i, &mut runs);
    }
    let lines = lines(runs);
    let mut text = String::new();
    let mut page_starts = Vec::new();
    let mut last_page = usize::MAX;
    let mut lines = lines;
    for (n, line) in lines.iter_mut().enumerate() {
        while last_page == usize::MAX || line.page > last_page {
            last_page = if last_page == usize::MAX {
                0
            } else {
                last_page + 1
            };
            if last_page <= line.page {
                page_starts.push(n + 1);
            }
        }
        let base = text.len();
        text.push_str(&line.text);
        text.push('\n');
        line.range = base..base + line.text.len();
        for (_, r) in &mut line.parts {
            *r = base + r.start..base + r.end;
        }
    }
    // Pages with no text still count, so "page 12" is the twelfth page.
    let page_starts = fill_pages(page_starts, &lines, pages.len());
    let mut sources = Sources::default();
    let file = sources.add_extracted(name, &text, Layout::Pages { pages: page_starts });
    let title = info_title(&pdf);
    let mut b = Builder::new(&file);
    let tagged = tag_tree(&pdf, &pages, &lines, &text, &file, &mut b);
    if !tagged {
        guess(&lines, &file, &mut b);
    }
    Ok(Extracted {
        sections: b.finish(),
        sources,
        title,
        tagged: Some(tagged),
    })
}

/// The first line of each page, from 1; an empty page starts where the next begins.
fn fill_pages(_starts: Vec<usize>, lines: &[Line], count: usize) -> Vec<usize> {
    (0..count)
        .map(|p| {
            lines
                .iter()
                .position(|l| l.page >= p)
                .map_or(lines.len() + 1, |i| i + 1)
        })
        .collect()
}

fn info_title(pdf: &Pdf) -> Option<String> {
    let info = pdf.trailer.get(b"Info").ok()?;
    let (_, info) = pdf.dereference(info).ok()?;
    let title = info.as_dict().ok()?.get(b"Title").ok()?;
    let t = lopdf::decode_text_string(title).ok()?;
    let t = t.trim().to_string();
    (!t.is_empty()).then_some(t)
}

/// Every run of text on a page, with its marked-content id, position and size.
fn page_runs(pdf: &Pdf, page_id: ObjectId, page: usize, out: &mut Vec<Run>) {
    let fonts = pdf.get_page_fonts(page_id).unwrap_or_default();
    let encodings: BTreeMap<Vec<u8>, (Encoding, bool)> = fonts
        .into_iter()
        .filter_map(|(name, font)| {
            let base = font
                .get(b"BaseFont")
                .and_then(Object::as_name)
                .map(|n| String::from_utf8_lossy(n).to_lowercase())
                .unwrap_or_default();
            let bold = base.contains("bold") || base.contains("black") || base.contains("heavy");
            Some((
                name,
                (
                    font.get_font_encoding_with_limit(pdf, PAGE_LIMIT).ok()?,
                    bold,
                ),
            ))
        })
        .collect();
    let Ok(content) = pdf.get_page_content_with_limit(page_id, PAGE_LIMIT) else {
        return;
    };
    let Ok(content) = lopdf::content::Content::decode(&content) else {
        return;
    };
    let (mut ctm, mut stack) = (Matrix::ID, Vec::new());
    let (mut tm, mut tlm) = (Matrix::ID, Matrix::ID);
    let mut leading = 0.0;
    let mut font: Option<&(Encoding, bool)> = None;
    let mut size = 0.0;
    let mut marked: Vec<Option<i64>> = Vec::new();
    for op in &content.operations {
        let n = numbers(&op.operands);
        match op.operator.as_str() {
            "q" => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(Matrix::ID),
            "cm" if n.len() == 6 => ctm = Matrix([n[0], n[1], n[2], n[3], n[4], n[5]]).then(ctm),
            "BT" => (tm, tlm) = (Matrix::ID, Matrix::ID),
            "Tm" if n.len() == 6 => {
                tlm = Matrix([n[0], n[1], n[2], n[3], n[4], n[5]]);
                tm = tlm;
            }
            "Td" | "TD" if n.len() == 2 => {
                if op.operator == "TD" {
                    leading = -n[1];
                }
                tlm = Matrix::translate(n[0], n[1]).then(tlm);
                tm = tlm;
            }
            "T*" => {
                tlm = Matrix::translate(0.0, -leading).then(tlm);
                tm = tlm;
            }
            "TL" if n.len() == 1 => leading = n[0],
            "Tf" => {
                font = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|f| encodings.get(f));
                size = n.first().copied().unwrap_or(size);
            }
            "BDC" | "BMC" => {
                let mcid = op.operands.get(1).and_then(|p| match p {
                    Object::Dictionary(d) => d.get(b"MCID").and_then(Object::as_i64).ok(),
                    _ => None,
                });
                marked.push(mcid);
            }
            "EMC" => {
                marked.pop();
            }
            "Tj" | "TJ" | "'" | "\"" => {
                if matches!(op.operator.as_str(), "'" | "\"") {
                    tlm = Matrix::translate(0.0, -leading).then(tlm);
                    tm = tlm;
                }
                let Some((encoding, bold)) = font else {
                    continue;
                };
                let mut text = String::new();
                for operand in &op.operands {
                    show(encoding, operand, &mut text);
                }
                if text.trim().is_empty() {
                    continue;
                }
                let m = tm.then(ctm);
                let scale = (m.0[2] * m.0[2] + m.0[3] * m.0[3]).sqrt();
                out.push(Run {
                    text,
                    page,
                    mcid: marked.iter().rev().find_map(|m| *m),
                    y: m.0[5],
                    size: (size * scale * 10.0).round() / 10.0,
                    bold: *bold,
                });
            }
            _ => {}
        }
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
                range: 0..0,
            });
        }
        let line = out.last_mut().expect("a line");
        if !line.text.is_empty()
            && !line.text.ends_with(' ')
            && !run.text.starts_with(' ')
            && run.mcid != line.parts.last().and_then(|p| p.0)
        {
            line.text.push(' ');
        }
        let start = line.text.len();
        line.text.push_str(&run.text);
        line.parts.push((run.mcid, start..line.text.len()));
        if run.size > line.size {
            line.size = run.size;
        }
        line.bold &= run.bold;
    }
    out
}

// ---------------------------------------------------------------------------------
// Tagged PDFs

/// Reads the structure tree into `b`; false when the PDF has none.
fn tag_tree(
    pdf: &Pdf,
    pages: &[ObjectId],
    lines: &[Line],
    text: &str,
    file: &std::sync::Arc<str>,
    b: &mut Builder,
) -> bool {
    let Ok(catalog) = pdf.catalog() else {
        return false;
    };
    let Ok(root) = catalog
        .get(b"StructTreeRoot")
        .and_then(|r| pdf.dereference(r))
        .map(|(_, o)| o)
    else {
        return false;
    };
    let Ok(root) = root.as_dict() else {
        return false;
    };
    let page_index: HashMap<ObjectId, usize> =
        pages.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut content: HashMap<(usize, i64), Vec<std::ops::Range<usize>>> = HashMap::new();
    for line in lines {
        for (mcid, r) in &line.parts {
            if let Some(m) = mcid {
                content.entry((line.page, *m)).or_default().push(r.clone());
            }
        }
    }
    let role_map: HashMap<Vec<u8>, Vec<u8>> = root
        .get(b"RoleMap")
        .and_then(|r| pdf.dereference(r))
        .and_then(|(_, o)| o.as_dict())
        .map(|d| {
            d.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_name().ok()?.to_vec())))
                .collect()
        })
        .unwrap_or_default();
    let page_offsets = (0..pages.len())
        .map(|p| {
            lines
                .iter()
                .find(|l| l.page >= p)
                .map_or(text.len(), |l| l.range.start)
        })
        .collect();
    let tree = Tree {
        pdf,
        page_index,
        content,
        role_map,
        text,
        page_offsets,
    };
    let mut reader = TreeReader {
        tree: &tree,
        file,
        seen: HashSet::new(),
    };
    if let Ok(k) = root.get(b"K") {
        reader.kids(k, None, b, 0);
    }
    true
}

struct Tree<'a> {
    pdf: &'a Pdf,
    page_index: HashMap<ObjectId, usize>,
    /// Byte ranges of the extracted text by page and marked-content id.
    content: HashMap<(usize, i64), Vec<std::ops::Range<usize>>>,
    role_map: HashMap<Vec<u8>, Vec<u8>>,
    /// The extracted text, and where each page's starts in it.
    text: &'a str,
    page_offsets: Vec<usize>,
}

struct TreeReader<'t, 'a> {
    tree: &'t Tree<'a>,
    file: &'t std::sync::Arc<str>,
    seen: HashSet<ObjectId>,
}

/// An element's text and the span of the extracted text it covers.
struct Found {
    ranges: Vec<std::ops::Range<usize>>,
}

impl TreeReader<'_, '_> {
    fn element(&mut self, obj: &Object) -> Option<Dictionary> {
        let (id, o) = self.tree.pdf.dereference(obj).ok()?;
        if let Some(id) = id
            && !self.seen.insert(id)
        {
            return None;
        }
        o.as_dict().ok().cloned()
    }

    fn kind(&self, d: &Dictionary) -> String {
        let mut s = d
            .get(b"S")
            .and_then(Object::as_name)
            .map(<[u8]>::to_vec)
            .unwrap_or_default();
        for _ in 0..5 {
            match self.tree.role_map.get(&s) {
                Some(to) if *to != s => s = to.clone(),
                _ => break,
            }
        }
        String::from_utf8_lossy(&s).into_owned()
    }

    fn page_of(&self, d: &Dictionary, inherited: Option<usize>) -> Option<usize> {
        d.get(b"Pg")
            .ok()
            .and_then(|p| p.as_reference().ok())
            .and_then(|id| self.tree.page_index.get(&id).copied())
            .or(inherited)
    }

    /// Calls the block reader on each kid of a grouping element.
    fn kids(&mut self, k: &Object, page: Option<usize>, b: &mut Builder, depth: usize) {
        if depth > 100 {
            return;
        }
        let items: Vec<Object> = match self.tree.pdf.dereference(k).map(|(_, o)| o) {
            Ok(Object::Array(a)) => a.clone(),
            Ok(other) => vec![other.clone()],
            Err(_) => return,
        };
        for item in items {
            if let Some(d) = self.element(&item) {
                if d.get(b"S").is_ok() {
                    self.block(&d, page, b, depth + 1);
                }
            }
        }
    }

    /// The extracted text ranges of an element and all its descendants, in order.
    fn ranges(&mut self, d: &Dictionary, page: Option<usize>, out: &mut Found, depth: usize) {
        if depth > 100 {
            return;
        }
        let page = self.page_of(d, page);
        let Ok(k) = d.get(b"K") else { return };
        let items: Vec<Object> = match self.tree.pdf.dereference(k).map(|(_, o)| o) {
            Ok(Object::Array(a)) => a.clone(),
            Ok(other) => vec![other.clone()],
            Err(_) => return,
        };
        for item in items {
            match &item {
                Object::Integer(mcid) => {
                    if let Some(r) = page.and_then(|p| self.tree.content.get(&(p, *mcid))) {
                        out.ranges.extend(r.iter().cloned());
                    }
                }
                _ => {
                    let Some(kid) = self.element(&item) else {
                        continue;
                    };
                    if kid.get(b"S").is_ok() {
                        self.ranges(&kid, page, out, depth + 1);
                    } else if let Ok(mcid) = kid.get(b"MCID").and_then(Object::as_i64) {
                        let p = self.page_of(&kid, page);
                        if let Some(r) = p.and_then(|p| self.tree.content.get(&(p, mcid))) {
                            out.ranges.extend(r.iter().cloned());
                        }
                    }
                }
            }
        }
    }

    fn text_and_span(&mut self, d: &Dictionary, page: Option<usize>) -> Option<(String, Span)> {
        let sources_text = self.tree.text;
        let mut found = Found { ranges: Vec::new() };
        self.ranges(d, page, &mut found, 0);
        let start = found.ranges.iter().map(|r| r.start).min()?;
        let end = found.ranges.iter().map(|r| r.end).max()?;
        let mut words = String::new();
        for r in &found.ranges {
            if !words.is_empty() && !words.ends_with(' ') {
                words.push(' ');
            }
            words.push_str(sources_text.get(r.clone()).unwrap_or(""));
        }
        let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
        Some((words, Span::new(self.file, start..end)))
    }

    fn block(&mut self, d: &Dictionary, page: Option<usize>, b: &mut Builder, depth: usize) {
        let kind = self.kind(d);
        let page = self.page_of(d, page);
        match kind.as_str() {
            "H" | "H1" | "H2" | "H3" | "H4" | "H5" | "H6" | "Title" => {
                if let Some((words, span)) = self.text_and_span(d, page) {
                    let level = kind
                        .strip_prefix('H')
                        .and_then(|n| n.parse::<u8>().ok())
                        .unwrap_or(1);
                    let (number, title) = split_number(&words);
                    b.heading(level, number, &title, span);
                }
            }
            "P" | "Caption" | "BlockQuote" | "TOCI" | "Note" | "Code" | "Lbl" => {
                if let Some((words, span)) = self.text_and_span(d, page) {
                    b.paragraph(&words, span);
                }
            }
            "L" => {
                let ordered = d
                    .get(b"A")
                    .ok()
                    .and_then(|a| self.tree.pdf.dereference(a).ok())
                    .and_then(|(_, a)| {
                        a.as_dict()
                            .ok()
                            .and_then(|a| a.get(b"ListNumbering").ok())
                            .and_then(|n| n.as_name().ok())
                            .map(|n| {
                                n != b"None" && n != b"Disc" && n != b"Circle" && n != b"Square"
                            })
                    })
                    .unwrap_or(false);
                for item in self.children(d) {
                    if self.kind(&item) == "LI" {
                        if let Some((words, span)) = self.text_and_span(&item, page) {
                            let words = words
                                .trim_start_matches(['•', '–', '-', '·'])
                                .trim()
                                .to_string();
                            b.item(ordered, 1, &words, span);
                        }
                    } else {
                        self.block(&item, page, b, depth + 1);
                    }
                }
            }
            "Table" => {
                let mut rows = Vec::new();
                let mut span: Option<Span> = None;
                let mut stack = self.children(d);
                stack.reverse();
                while let Some(e) = stack.pop() {
                    match self.kind(&e).as_str() {
                        "TR" => {
                            let mut row = Vec::new();
                            for cell in self.children(&e) {
                                let (words, s) = self
                                    .text_and_span(&cell, page)
                                    .unwrap_or_default_pair(self.file);
                                if !s.range.is_empty() {
                                    span = Some(match span {
                                        Some(sp) => Span::new(
                                            self.file,
                                            sp.range.start.min(s.range.start)
                                                ..sp.range.end.max(s.range.end),
                                        ),
                                        None => s,
                                    });
                                }
                                row.push(words);
                            }
                            rows.push(row);
                        }
                        _ => {
                            let mut kids = self.children(&e);
                            kids.reverse();
                            stack.extend(kids);
                        }
                    }
                }
                // A caption row spanning the table (one cell, or only empty cells)
                // sits above the column titles in a tagged table's header.
                while rows.len() > 1
                    && (rows[0].iter().all(|c| c.trim().is_empty())
                        || (rows[0].len() == 1 && rows[1].len() > 1))
                {
                    rows.remove(0);
                }
                if let (Some(span), false) = (span, rows.is_empty()) {
                    let header = rows.remove(0);
                    b.block(BlockKind::Table(super::text::table_of(header, rows)), span);
                }
            }
            "Figure" | "Formula" => {
                let alt = d
                    .get(b"Alt")
                    .ok()
                    .and_then(|a| lopdf::decode_text_string(a).ok())
                    .unwrap_or_default();
                let span = self
                    .text_and_span(d, page)
                    .map(|(_, s)| s)
                    .or_else(|| {
                        let at = *self.tree.page_offsets.get(page?)?;
                        Some(Span::new(self.file, at..at))
                    })
                    .unwrap_or_else(|| Span::new(self.file, 0..0));
                let src = format!(
                    "{} on page {}",
                    kind.to_lowercase(),
                    page.map_or(0, |p| p + 1)
                );
                b.block(
                    BlockKind::Image {
                        src,
                        alt: alt.trim().to_string(),
                        caption: None,
                    },
                    span,
                );
            }
            "Artifact" => {}
            _ => {
                if let Ok(k) = d.get(b"K") {
                    let k = k.clone();
                    self.kids(&k, page, b, depth);
                }
            }
        }
    }

    fn children(&mut self, d: &Dictionary) -> Vec<Dictionary> {
        let Ok(k) = d.get(b"K") else {
            return Vec::new();
        };
        let items: Vec<Object> = match self.tree.pdf.dereference(k).map(|(_, o)| o) {
            Ok(Object::Array(a)) => a.clone(),
            Ok(other) => vec![other.clone()],
            Err(_) => return Vec::new(),
        };
        items
            .iter()
            .filter_map(|i| self.element(i))
            .filter(|d| d.get(b"S").is_ok())
            .collect()
    }
}

trait OrEmpty {
    fn unwrap_or_default_pair(self, file: &std::sync::Arc<str>) -> (String, Span);
}

impl OrEmpty for Option<(String, Span)> {
    fn unwrap_or_default_pair(self, file: &std::sync::Arc<str>) -> (String, Span) {
        self.unwrap_or_else(|| (String::new(), Span::new(file, 0..0)))
    }
}

// ---------------------------------------------------------------------------------
// Untagged PDFs

/// Headings from type size (larger than the body text) and weight (bold short
/// lines); paragraphs from lines of body text that follow on.
fn guess(lines: &[Line], file: &std::sync::Arc<str>, b: &mut Builder) {
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
    let level_of = |size: f32| {
        let key = (size * 10.0) as i64;
        heading_sizes
            .iter()
            .position(|s| *s == key)
            .map(|i| (i + 1).min(3) as u8)
    };
    let mut para: Option<(String, usize, usize, f32)> = None;
    let flush = |para: &mut Option<(String, usize, usize, f32)>, b: &mut Builder| {
        if let Some((text, start, end, _)) = para.take() {
            b.paragraph(&text, Span::new(file, start..end));
        }
    };
    for (i, l) in lines.iter().enumerate() {
        let words = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if words.is_empty() || words.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let span = Span::new(file, l.range.clone());
        let short = words.split_whitespace().count() <= 14 && !words.ends_with(['.', ',', ';']);
        let level =
            level_of(l.size).or((l.bold && short && (l.size - body).abs() < 0.6).then_some(3));
        if let Some(level) = level.filter(|_| short) {
            flush(&mut para, b);
            let (number, title) = split_number(&words);
            b.heading(level, number, &title, span);
            continue;
        }
        if let Some(rest) = words.strip_prefix(['•', '●', '▪', '–', '·']) {
            flush(&mut para, b);
            b.item(false, 1, rest.trim(), span);
            continue;
        }
        let gap =
            i > 0 && lines[i - 1].page == l.page && (lines[i - 1].y - l.y).abs() > 1.9 * l.size;
        match &mut para {
            Some((text, _, end, size)) if !gap && (*size - l.size).abs() < 0.6 => {
                if text.ends_with('-') {
                    text.pop();
                } else {
                    text.push(' ');
                }
                text.push_str(&words);
                *end = l.range.end;
            }
            _ => {
                flush(&mut para, b);
                para = Some((words, l.range.start, l.range.end, l.size));
            }
        }
    }
    flush(&mut para, b);
}
