//! Word documents (.docx): the paragraphs of `word/document.xml` in order, with
//! headings from outline levels (on the paragraph or inherited through its style's
//! `basedOn` chain), from style names ("heading 2", "Title"), or — as many real
//! documents are formatted by hand — from short paragraphs set in bold or large type.
//! Tables keep their cells; lists come from Word's numbering; images keep their
//! description (alt text), so an image without one is reported.
//!
//! The extracted text has one line per paragraph of the document (table cells'
//! paragraphs included), so line N is paragraph N, which is how findings name places.

mod package;

use std::collections::HashMap;

use roxmltree::{Document as Xml, Node};

use super::text::{HeaderRows, table_with};
use super::{Builder, Extracted};
use crate::assemble::BlockKind;
use crate::diagnostic::{Layout, Sources, Span};

pub(crate) use package::{Edge, Package, edges, parse, parse_part};

pub(crate) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(crate) const WP: &str =
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";

/// What a paragraph style says: its outline level, its name, the style it is based on.
#[derive(Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
}

pub(crate) struct Styles {
    styles: HashMap<String, Style>,
    /// Numbering id and level → whether it is a bullet.
    bullets: HashMap<(String, String), bool>,
}

impl Styles {
    /// The outline level of a style, following `basedOn`; from its name when no level
    /// is set ("heading 2" is level 1, counting from 0 as Word does).
    pub(crate) fn outline(&self, id: &str) -> Option<u8> {
        let mut at = Some(id.to_string());
        let mut hops = 0;
        while let Some(id) = at {
            let style = self.styles.get(&id)?;
            if let Some(level) = style.outline {
                return (level < 9).then_some(level);
            }
            let name = style.name.to_lowercase();
            if let Some(n) = name
                .strip_prefix("heading ")
                .and_then(|n| n.trim().parse::<u8>().ok())
            {
                return Some(n.saturating_sub(1));
            }
            if name == "title" {
                return Some(0);
            }
            at = style.based_on.clone();
            hops += 1;
            if hops > 20 {
                return None;
            }
        }
        None
    }

    fn is_title(&self, id: &str) -> bool {
        self.styles
            .get(id)
            .is_some_and(|s| s.name.eq_ignore_ascii_case("title"))
    }

    /// Whether a style is one of Word's contents-list styles ("toc 1" to "toc 9",
    /// "TOC Heading"), by its id or its name.
    fn is_contents(&self, id: &str) -> bool {
        let named = |s: &str| s.to_ascii_lowercase().starts_with("toc");
        named(id) || self.styles.get(id).is_some_and(|s| named(&s.name))
    }

    /// A style's name as Word shows it ("Table Caption"), by its id.
    pub(crate) fn name(&self, id: &str) -> Option<&str> {
        self.styles.get(id).map(|s| s.name.as_str())
    }
}

pub(crate) fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

pub(crate) fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name((W, name)))
}

pub(crate) fn styles(xml: Option<&str>, numbering: Option<&str>) -> Styles {
    let mut styles = HashMap::new();
    if let Some(doc) = xml.and_then(|x| parse_part(x, "word/styles.xml").ok()) {
        for s in doc.descendants().filter(|n| n.has_tag_name((W, "style"))) {
            let Some(id) = attr(s, "styleId") else {
                continue;
            };
            let outline = child(s, "pPr")
                .and_then(|p| child(p, "outlineLvl"))
                .and_then(|o| attr(o, "val"))
                .and_then(|v| v.parse().ok());
            styles.insert(
                id.to_string(),
                Style {
                    name: child(s, "name")
                        .and_then(|n| attr(n, "val"))
                        .unwrap_or(id)
                        .to_string(),
                    based_on: child(s, "basedOn")
                        .and_then(|n| attr(n, "val"))
                        .map(str::to_string),
                    outline,
                },
            );
        }
    }
    let mut bullets = HashMap::new();
    if let Some(doc) = numbering.and_then(|x| parse_part(x, "word/numbering.xml").ok()) {
        let mut abstract_levels: HashMap<String, HashMap<String, bool>> = HashMap::new();
        for a in doc
            .descendants()
            .filter(|n| n.has_tag_name((W, "abstractNum")))
        {
            let Some(id) = attr(a, "abstractNumId") else {
                continue;
            };
            let levels = a
                .children()
                .filter(|l| l.has_tag_name((W, "lvl")))
                .filter_map(|l| {
                    let fmt = child(l, "numFmt")
                        .and_then(|f| attr(f, "val"))
                        .unwrap_or("bullet");
                    Some((
                        attr(l, "ilvl")?.to_string(),
                        fmt == "bullet" || fmt == "none",
                    ))
                })
                .collect();
            abstract_levels.insert(id.to_string(), levels);
        }
        for n in doc.descendants().filter(|n| n.has_tag_name((W, "num"))) {
            let (Some(id), Some(a)) = (
                attr(n, "numId"),
                child(n, "abstractNumId").and_then(|a| attr(a, "val")),
            ) else {
                continue;
            };
            for (level, bullet) in abstract_levels.get(a).into_iter().flatten() {
                bullets.insert((id.to_string(), level.clone()), *bullet);
            }
        }
    }
    Styles { styles, bullets }
}

/// The `w:body` element of the main document.
pub(crate) fn body<'a, 'i>(xml: &'a Xml<'i>) -> Result<Node<'a, 'i>, String> {
    xml.root_element()
        .children()
        .find(|n| n.has_tag_name((W, "body")))
        .ok_or_else(|| "has no document body".to_string())
}

/// One paragraph as read: its text, heading level (0 for a chapter), list kind,
/// images (name, description).
pub(crate) struct Para {
    pub text: String,
    pub outline: Option<u8>,
    /// Whether it is a list item, and if so whether a bulleted one.
    pub list: Option<bool>,
    /// How deep in its list: 0 for the outermost level.
    pub depth: u8,
    pub images: Vec<(String, String)>,
    pub title: bool,
    /// An entry of the contents list (or its heading): it repeats what the report
    /// says elsewhere, so it is never read as the report's text.
    pub contents: bool,
}

/// Reads a .docx file's bytes.
pub fn read(name: &str, bytes: &[u8]) -> Result<Extracted, String> {
    let mut package = Package::open(bytes)?;
    let core = package.text("docProps/core.xml")?;
    let (document, styles) = (&package.document, &package.styles);
    let xml = parse(document)?;
    let body = body(&xml)?;
    let mut lines = Lines::default();
    let items = items(body, styles, &mut lines);
    let file: std::sync::Arc<str> = std::sync::Arc::from(name);
    let mut blocks = Blocks {
        builder: Builder::new(&file),
        file,
        headings: Vec::new(),
        title: core.as_deref().and_then(core_title),
        images_seen: 0,
    };
    for item in items {
        match item {
            Item::Para(p, range) => blocks.paragraph(p, range, &lines),
            Item::Table(rows, known, range, images) => blocks.table(rows, known, range, images),
        }
    }
    let mut sources = Sources::default();
    let layout = Layout::Paragraphs {
        sections: blocks.headings,
    };
    sources.add_extracted(name, &lines.text, layout);
    Ok(Extracted {
        sections: blocks.builder.finish()?,
        sources,
        title: blocks.title,
        tagged: None,
    })
}

/// The text extracted from a Word file, one paragraph a line (each paragraph of a
/// table cell a line of its own), and where each line is in it.
#[derive(Default)]
struct Lines {
    text: String,
    ranges: Vec<std::ops::Range<usize>>,
}

impl Lines {
    fn add(&mut self, t: &str) -> std::ops::Range<usize> {
        let start = self.text.len();
        self.text.push_str(t);
        let range = start..self.text.len();
        self.text.push('\n');
        self.ranges.push(range.clone());
        range
    }

    /// The line (from 1) an offset of the text is on.
    fn line_of(&self, offset: usize) -> usize {
        self.ranges.partition_point(|r| r.start < offset) + 1
    }
}

/// A block of the body, with the text it covers: a paragraph, or a table with its
/// rows, how its header is known, and the images in its cells.
enum Item {
    Para(Para, std::ops::Range<usize>),
    Table(
        Vec<Vec<String>>,
        HeaderRows,
        std::ops::Range<usize>,
        Vec<(String, String, std::ops::Range<usize>)>,
    ),
}

/// The first pass: the body's blocks in order, each with the lines it covers.
fn items(body: Node, styles: &Styles, lines: &mut Lines) -> Vec<Item> {
    let mut items = Vec::new();
    walk_body(body, &mut |node| {
        if node.has_tag_name((W, "p")) {
            let p = paragraph(node, styles);
            let range = lines.add(&p.text);
            items.push(Item::Para(p, range));
        } else {
            items.push(table_item(node, styles, lines));
        }
    });
    items
}

fn table_item(node: Node, styles: &Styles, lines: &mut Lines) -> Item {
    let mut rows = Vec::new();
    let mut images = Vec::new();
    let start = lines.text.len();
    for tr in node.children().filter(|n| n.has_tag_name((W, "tr"))) {
        let mut row = Vec::new();
        for tc in tr.children().filter(|n| n.has_tag_name((W, "tc"))) {
            let mut cell = Vec::new();
            for p in cell_paragraphs(tc) {
                let para = paragraph(p, styles);
                let range = lines.add(&para.text);
                for (n, d) in para.images {
                    images.push((n, d, range.clone()));
                }
                if !para.text.is_empty() {
                    cell.push(para.text);
                }
            }
            row.push(cell.join(" "));
        }
        rows.push(row);
    }
    let end = lines.text.len().saturating_sub(1).max(start);
    Item::Table(rows, header_rows(node), start..end, images)
}

/// The second pass: the blocks of the document, the headings that name the places of
/// findings, and the title.
struct Blocks {
    builder: Builder,
    file: std::sync::Arc<str>,
    headings: Vec<(usize, String)>,
    title: Option<String>,
    /// Images so far, to name one that has no name ("image 3").
    images_seen: usize,
}

impl Blocks {
    fn image(&mut self, name: String, alt: String, span: Span) {
        self.images_seen += 1;
        let src = if name.is_empty() {
            format!("image {}", self.images_seen)
        } else {
            name
        };
        let image = BlockKind::Image {
            src,
            alt,
            caption: None,
        };
        self.builder.block(image, span);
    }

    fn paragraph(&mut self, p: Para, range: std::ops::Range<usize>, lines: &Lines) {
        let span = Span::new(&self.file, range.clone());
        for (name, descr) in &p.images {
            self.image(name.clone(), descr.clone(), span.clone());
        }
        if p.contents {
            self.builder.contents_list();
            return;
        }
        if p.text.trim().is_empty() {
            return;
        }
        if p.title && self.title.is_none() {
            self.title = Some(p.text.clone());
            return;
        }
        if let Some(level) = p.outline {
            let (number, words) = split_number(&p.text);
            self.headings
                .push((lines.line_of(range.start), p.text.clone()));
            self.builder.heading(level + 1, number, &words, span);
        } else if let Some(bullet) = p.list {
            self.builder.item(!bullet, 1, &p.text, span);
        } else {
            self.builder.paragraph(&p.text, span);
        }
    }

    fn table(
        &mut self,
        mut rows: Vec<Vec<String>>,
        known: HeaderRows,
        range: std::ops::Range<usize>,
        images: Vec<(String, String, std::ops::Range<usize>)>,
    ) {
        if rows.is_empty() {
            return;
        }
        let header = rows.remove(0);
        let table = BlockKind::Table(table_with(header, rows, known));
        self.builder.block(table, Span::new(&self.file, range));
        for (name, descr, range) in images {
            let span = Span::new(&self.file, range);
            self.image(name, descr, span);
        }
    }
}

/// Whether a table's first row is marked as its header (to repeat on each page): then
/// the header is known and nothing need be guessed from the cells.
fn header_rows(table: Node) -> HeaderRows {
    let marked = table
        .children()
        .find(|n| n.has_tag_name((W, "tr")))
        .and_then(|tr| child(tr, "trPr"))
        .and_then(|p| child(p, "tblHeader"))
        .is_some_and(|h| attr(h, "val").is_none_or(|v| v != "0" && v != "false"));
    if marked {
        HeaderRows::Marked
    } else {
        HeaderRows::Guessed
    }
}

/// Calls `visit` on each top-level paragraph and table, inside content controls too.
/// Walks with a stack of its own rather than by recursion, so however deeply content
/// controls nest, the walk cannot overflow the call stack.
pub(crate) fn walk_body<'a, 'i>(node: Node<'a, 'i>, visit: &mut dyn FnMut(Node<'a, 'i>)) {
    let mut stack = vec![node.children()];
    while let Some(top) = stack.last_mut() {
        let Some(c) = top.next() else {
            stack.pop();
            continue;
        };
        if c.has_tag_name((W, "p")) || c.has_tag_name((W, "tbl")) {
            visit(c);
        } else if c.has_tag_name((W, "sdt")) && showing_placeholder(c) {
            // Placeholder text ("Click or tap here to enter text", a template's
            // guidance) is what a content control shows until someone writes in it:
            // never the document's content.
        } else if c.has_tag_name((W, "sdt"))
            || c.has_tag_name((W, "sdtContent"))
            || c.has_tag_name((W, "customXml"))
        {
            stack.push(c.children());
        }
    }
}

/// Whether a content control still shows its placeholder text (`w:showingPlcHdr`,
/// which Word removes once something is written in it).
fn showing_placeholder(sdt: Node) -> bool {
    child(sdt, "sdtPr")
        .and_then(|p| child(p, "showingPlcHdr"))
        .is_some_and(|s| attr(s, "val").is_none_or(|v| v != "0" && v != "false"))
}

/// The paragraphs of a table cell in order, those of tables inside it included,
/// without looking inside a paragraph (its text already holds anything nested in
/// it), so each paragraph is read once however a hostile file nests them.
fn cell_paragraphs<'a, 'i>(tc: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    let mut out = Vec::new();
    let mut stack = vec![tc.children()];
    while let Some(top) = stack.last_mut() {
        let Some(c) = top.next() else {
            stack.pop();
            continue;
        };
        if c.has_tag_name((W, "p")) {
            out.push(c);
        } else if c.is_element() {
            stack.push(c.children());
        }
    }
    out
}

pub(crate) fn paragraph(p: Node, styles: &Styles) -> Para {
    let ppr = child(p, "pPr");
    let style = ppr
        .and_then(|x| child(x, "pStyle"))
        .and_then(|s| attr(s, "val"));
    let own = ppr
        .and_then(|x| child(x, "outlineLvl"))
        .and_then(|o| attr(o, "val"))
        .and_then(|v| v.parse::<u8>().ok())
        .filter(|l| *l < 9);
    let title = style.is_some_and(|s| styles.is_title(s));
    let contents = style.is_some_and(|s| styles.is_contents(s)) || links_to_contents_target(p);
    let (list, depth) = list_level(ppr, styles);
    let runs = Runs::of(p);
    let text = runs.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let outline = own
        .or_else(|| style.and_then(|s| styles.outline(s)))
        .or_else(|| heading_by_hand(p, &text, &runs, list.is_some()));
    Para {
        text,
        outline,
        list,
        depth,
        images: runs.images,
        title,
        contents,
    }
}

/// Whether a paragraph is a list item (and if so whether a bulleted one), and how
/// deep in its list, from its numbering.
fn list_level(ppr: Option<Node>, styles: &Styles) -> (Option<bool>, u8) {
    let num = ppr.and_then(|x| child(x, "numPr"));
    let level = num
        .and_then(|n| child(n, "ilvl"))
        .and_then(|i| attr(i, "val"))
        .unwrap_or("0");
    let list = num.map(|n| {
        let id = child(n, "numId")
            .and_then(|i| attr(i, "val"))
            .unwrap_or("0");
        styles
            .bullets
            .get(&(id.to_string(), level.to_string()))
            .copied()
            .unwrap_or(true)
    });
    (list, level.parse::<u8>().unwrap_or(0).min(8))
}

/// A heading formatted by hand: a short line, all bold or all large, not a sentence,
/// neither a list item nor in a table. All large is a chapter (0), all bold a
/// sub-heading (2).
fn heading_by_hand(p: Node, text: &str, runs: &Runs, listed: bool) -> Option<u8> {
    if listed || runs.shown == 0 || p.ancestors().any(|a| a.has_tag_name((W, "tbl"))) {
        return None;
    }
    let short = text.split_whitespace().count() <= 12 && !text.ends_with(['.', ',', ';', ':']);
    if short && runs.big == runs.shown {
        Some(0)
    } else if short && runs.bold == runs.shown {
        Some(2)
    } else {
        None
    }
}

/// A paragraph's text and images, and how its runs are formatted.
struct Runs {
    text: String,
    images: Vec<(String, String)>,
    /// Runs that show some text, and of those the bold and the large ones.
    shown: usize,
    bold: usize,
    big: usize,
}

impl Runs {
    /// Found in one walk: the runs open around each node are on a stack, and a run that
    /// shows text makes the run around it show text too.
    fn of(p: Node) -> Runs {
        let mut runs = Runs {
            text: String::new(),
            images: Vec::new(),
            shown: 0,
            bold: 0,
            big: 0,
        };
        let mut open: Vec<(Node, bool)> = Vec::new();
        for edge in edges(p) {
            let n = match edge {
                Edge::Open(n) => n,
                Edge::Close(n) => {
                    if n.has_tag_name((W, "r"))
                        && let Some((run, shows)) = open.pop()
                        && shows
                    {
                        if let Some(outer) = open.last_mut() {
                            outer.1 = true;
                        }
                        runs.shown += 1;
                        let (bold, big) = run_format(run);
                        runs.bold += usize::from(bold);
                        runs.big += usize::from(big);
                    }
                    continue;
                }
            };
            if n.has_tag_name((W, "r")) {
                open.push((n, false));
            } else if n.has_tag_name((W, "t")) {
                let t = n.text().unwrap_or("");
                runs.text.push_str(t);
                if !t.trim().is_empty()
                    && let Some(run) = open.last_mut()
                {
                    run.1 = true;
                }
            } else {
                runs.other(n);
            }
        }
        runs
    }

    /// A tab, a line break or an image inside the paragraph.
    fn other(&mut self, n: Node) {
        if n.has_tag_name((W, "tab")) && n.parent().is_some_and(|r| r.has_tag_name((W, "r"))) {
            self.text.push('\t');
        } else if n.has_tag_name((W, "br")) || n.has_tag_name((W, "cr")) {
            self.text.push(' ');
        } else if n.has_tag_name((WP, "docPr")) {
            let descr = n
                .attribute("descr")
                .or_else(|| n.attribute("title"))
                .unwrap_or("");
            self.images.push((
                n.attribute("name").unwrap_or("").to_string(),
                descr.trim().to_string(),
            ));
        }
    }
}

/// Whether a paragraph links to one of the bookmarks Word puts on the headings a
/// contents list points at (`_Toc…`): what every entry of Word's contents list does,
/// whatever its style.
fn links_to_contents_target(p: Node) -> bool {
    p.descendants().any(|n| {
        n.has_tag_name((W, "hyperlink")) && attr(n, "anchor").is_some_and(|a| a.starts_with("_Toc"))
    })
}

/// Whether a run is set in bold, and in large type (14 pt or more).
fn run_format(run: Node) -> (bool, bool) {
    let rpr = child(run, "rPr");
    let bold = rpr
        .and_then(|r| child(r, "b"))
        .is_some_and(|b| attr(b, "val").is_none_or(|v| v != "0" && v != "false"));
    let size = rpr
        .and_then(|r| child(r, "sz"))
        .and_then(|s| attr(s, "val"))
        .and_then(|v| v.parse::<u32>().ok());
    (bold, size.is_some_and(|s| s >= 28))
}

/// "4 Funding and Support" → ("4", "Funding and Support").
pub fn split_number(text: &str) -> (Option<String>, String) {
    let mut parts = text.splitn(2, char::is_whitespace);
    let first = parts.next().unwrap_or("");
    let rest = parts.next().unwrap_or("").trim();
    let number = first.trim_end_matches(['.', ')']);
    if !rest.is_empty()
        && !number.is_empty()
        && number
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
    {
        (Some(number.to_string()), rest.to_string())
    } else {
        (None, text.to_string())
    }
}

pub(crate) fn core_title(xml: &str) -> Option<String> {
    let doc = parse_part(xml, "docProps/core.xml").ok()?;
    let t = doc
        .descendants()
        .find(|n| n.tag_name().name() == "title")?
        .text()?
        .trim()
        .to_string();
    (!t.is_empty()).then_some(t)
}
