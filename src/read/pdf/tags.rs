//! Tagged PDFs: the structure tree (headings, paragraphs, lists, tables, figures with
//! their alt text), each element's text found through the marked-content ids its
//! leaves point at.
//!
//! The tree is the file's to shape, so the walk is bounded three ways: each element
//! is read once (a tree that loops ends), each piece of marked content is taken once
//! (the standard gives each one parent, ISO 32000-1, 14.7.4.4, so a thousand elements
//! pointing at one piece do not copy it a thousand times), and the walk takes at most
//! [`limits::MAX_PDF_STRUCTURE_STEPS`] steps.

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document as Pdf, Object, ObjectId};

use super::Line;
use crate::assemble::BlockKind;
use crate::diagnostic::Span;
use crate::read::Builder;
use crate::read::docx::split_number;
use crate::read::limits;

/// Reads the structure tree into `b`: `Ok(false)` when the PDF has none, an error
/// when the tree is over [`limits::MAX_PDF_STRUCTURE_STEPS`].
pub(super) fn tag_tree(
    pdf: &Pdf,
    pages: &[ObjectId],
    lines: &[Line],
    text: &str,
    file: &std::sync::Arc<str>,
    b: &mut Builder,
) -> Result<bool, String> {
    let Ok(catalog) = pdf.catalog() else {
        return Ok(false);
    };
    let Ok(root) = catalog
        .get(b"StructTreeRoot")
        .and_then(|r| pdf.dereference(r))
        .map(|(_, o)| o)
    else {
        return Ok(false);
    };
    let Ok(root) = root.as_dict() else {
        return Ok(false);
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
    let page_offsets = super::first_line_of_pages(lines, pages.len())
        .into_iter()
        .map(|i| lines.get(i).map_or(text.len(), |l| l.range.start))
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
        used: HashSet::new(),
        steps: 0,
    };
    if let Ok(k) = root.get(b"K") {
        reader.kids(k, None, b, 0);
    }
    if reader.over() {
        return Err(format!(
            "has a structure tree (its tags) of more than {} elements and pieces of text, over the limit: a 300-page report has a few hundred thousand. It is probably not a real report",
            limits::count(limits::MAX_PDF_STRUCTURE_STEPS)
        ));
    }
    Ok(true)
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
    /// Elements read.
    seen: HashSet<ObjectId>,
    /// Marked content taken, by page and id.
    used: HashSet<(usize, i64)>,
    steps: u64,
}

/// An element's text and the span of the extracted text it covers.
struct Found {
    ranges: Vec<std::ops::Range<usize>>,
}

impl<'a> TreeReader<'_, 'a> {
    /// Counts a step; false once the walk is over its limit.
    fn step(&mut self) -> bool {
        self.steps += 1;
        !self.over()
    }

    fn over(&self) -> bool {
        self.steps > limits::MAX_PDF_STRUCTURE_STEPS
    }

    fn element(&mut self, obj: &'a Object) -> Option<&'a Dictionary> {
        let (id, o) = self.tree.pdf.dereference(obj).ok()?;
        if let Some(id) = id
            && !self.seen.insert(id)
        {
            return None;
        }
        o.as_dict().ok()
    }

    /// The items of a `K` entry: an array's, or the one object.
    fn items(&self, k: &'a Object) -> &'a [Object] {
        match self.tree.pdf.dereference(k).map(|(_, o)| o) {
            Ok(Object::Array(a)) => a.as_slice(),
            Ok(other) => std::slice::from_ref(other),
            Err(_) => &[],
        }
    }

    /// The text ranges of marked content `mcid` on `page`, the first time it is asked.
    fn take(&mut self, page: Option<usize>, mcid: i64, out: &mut Found) {
        let Some(page) = page else { return };
        if let Some(r) = self.tree.content.get(&(page, mcid))
            && self.used.insert((page, mcid))
        {
            self.steps += r.len() as u64;
            out.ranges.extend(r.iter().cloned());
        }
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
    fn kids(&mut self, k: &'a Object, page: Option<usize>, b: &mut Builder, depth: usize) {
        if depth > 100 {
            return;
        }
        for item in self.items(k) {
            if !self.step() || b.full() {
                return;
            }
            if let Some(d) = self.element(item)
                && d.get(b"S").is_ok()
            {
                self.block(d, page, b, depth + 1);
            }
        }
    }

    /// The extracted text ranges of an element and all its descendants, in order.
    fn ranges(&mut self, d: &'a Dictionary, page: Option<usize>, out: &mut Found, depth: usize) {
        if depth > 100 {
            return;
        }
        let page = self.page_of(d, page);
        let Ok(k) = d.get(b"K") else { return };
        for item in self.items(k) {
            if !self.step() {
                return;
            }
            match item {
                Object::Integer(mcid) => self.take(page, *mcid, out),
                _ => {
                    let Some(kid) = self.element(item) else {
                        continue;
                    };
                    if kid.get(b"S").is_ok() {
                        self.ranges(kid, page, out, depth + 1);
                    } else if let Ok(mcid) = kid.get(b"MCID").and_then(Object::as_i64) {
                        let p = self.page_of(kid, page);
                        self.take(p, mcid, out);
                    }
                }
            }
        }
    }

    fn text_and_span(&mut self, d: &'a Dictionary, page: Option<usize>) -> Option<(String, Span)> {
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

    fn block(&mut self, d: &'a Dictionary, page: Option<usize>, b: &mut Builder, depth: usize) {
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
            // A contents list repeats the headings with their pages: never the
            // report's text.
            "TOC" | "TOCI" => b.contents_list(),
            "P" | "Caption" | "BlockQuote" | "Note" | "Code" | "Lbl" => {
                if let Some((words, span)) = self.text_and_span(d, page) {
                    b.paragraph(&words, span);
                }
            }
            "L" => self.list(d, page, b, depth),
            "Table" => self.table(d, page, b),
            "Figure" | "Formula" => self.figure(d, &kind, page, b),
            "Artifact" => {}
            _ => {
                if let Ok(k) = d.get(b"K") {
                    self.kids(k, page, b, depth);
                }
            }
        }
    }

    /// A list: its items, numbered or not as its attributes say; anything else in it
    /// read as blocks.
    fn list(&mut self, d: &'a Dictionary, page: Option<usize>, b: &mut Builder, depth: usize) {
        let ordered = d
            .get(b"A")
            .ok()
            .and_then(|a| self.tree.pdf.dereference(a).ok())
            .and_then(|(_, a)| {
                a.as_dict()
                    .ok()
                    .and_then(|a| a.get(b"ListNumbering").ok())
                    .and_then(|n| n.as_name().ok())
                    .map(|n| n != b"None" && n != b"Disc" && n != b"Circle" && n != b"Square")
            })
            .unwrap_or(false);
        for item in self.children(d) {
            if self.kind(item) == "LI" {
                if let Some((words, span)) = self.text_and_span(item, page) {
                    let words = words
                        .trim_start_matches(['•', '–', '-', '·'])
                        .trim()
                        .to_string();
                    b.item(ordered, 1, &words, span);
                }
            } else if depth < 100 {
                self.block(item, page, b, depth + 1);
            }
        }
    }

    /// A table: its rows' cells, a caption row above the column titles dropped.
    fn table(&mut self, d: &'a Dictionary, page: Option<usize>, b: &mut Builder) {
        let mut rows = Vec::new();
        let mut span: Option<Span> = None;
        let mut stack = self.children(d);
        stack.reverse();
        while let Some(e) = stack.pop() {
            match self.kind(e).as_str() {
                "TR" => {
                    let mut row = Vec::new();
                    for cell in self.children(e) {
                        let (words, s) = self
                            .text_and_span(cell, page)
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
                    let mut kids = self.children(e);
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
            b.block(
                BlockKind::Table(crate::read::text::table_of(header, rows)),
                span,
            );
        }
    }

    /// A figure or a formula: an image with its alternative text, at its words or at
    /// the top of its page.
    fn figure(&mut self, d: &'a Dictionary, kind: &str, page: Option<usize>, b: &mut Builder) {
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

    fn children(&mut self, d: &'a Dictionary) -> Vec<&'a Dictionary> {
        let Ok(k) = d.get(b"K") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in self.items(k) {
            if !self.step() {
                break;
            }
            if let Some(d) = self.element(item)
                && d.get(b"S").is_ok()
            {
                out.push(d);
            }
        }
        out
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
