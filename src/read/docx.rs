//! Word documents (.docx): the paragraphs of `word/document.xml` in order, with
//! headings from outline levels (on the paragraph or inherited through its style's
//! `basedOn` chain), from style names ("heading 2", "Title"), or — as many real
//! documents are formatted by hand — from short paragraphs set in bold or large type.
//! Tables keep their cells; lists come from Word's numbering; images keep their
//! description (alt text), so an image without one is reported.
//!
//! The extracted text has one line per paragraph of the document (table cells'
//! paragraphs included), so line N is paragraph N, which is how findings name places.

use std::collections::HashMap;
use std::io::Read as _;

use roxmltree::{Document as Xml, Node};

use super::limits::{self, Budget};
use super::text::{HeaderRows, table_with};
use super::{Builder, Extracted};
use crate::assemble::BlockKind;
use crate::diagnostic::{Layout, Sources, Span};

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

/// A Word document's zip package: its parts by name, and what every reader of it
/// needs first (the main document's text, its styles and numbering).
///
/// Every part read is counted against one [`Budget`] of unpacked bytes for the whole
/// document ([`limits::MAX_DECODED_BYTES`]): reading a part twice counts twice, since
/// it takes the memory twice.
pub(crate) struct Package<'b> {
    archive: zip::ZipArchive<std::io::Cursor<&'b [u8]>>,
    /// What the XML parts read so far have unpacked to ([`limits::MAX_DECODED_BYTES`]).
    xml: Budget,
    pub document: String,
    pub styles: Styles,
}

/// The most parts a package may have: a report has a few dozen, one per picture.
const MAX_PARTS: usize = 10_000;

impl<'b> Package<'b> {
    pub fn open(bytes: &'b [u8]) -> Result<Package<'b>, String> {
        let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| format!("is not a Word document (.docx) that can be read: it is a damaged zip file ({e}). Save it again from Word"))?;
        if archive.len() > MAX_PARTS {
            return Err(format!(
                "has more than {MAX_PARTS} parts, which no Word document has: it is probably not a real report"
            ));
        }
        if archive.has_duplicate_names() {
            let name = duplicate_name(bytes, archive.central_directory_start())
                .unwrap_or_else(|| "the same name".to_string());
            return Err(format!(
                "has two parts named {name}: a Word document has one of each, and a reader could be shown one while the check reads the other. Save it again from Word"
            ));
        }
        let mut package = Package {
            archive,
            xml: Budget::default(),
            document: String::new(),
            styles: styles(None, None),
        };
        package.document = package.text("word/document.xml")?.ok_or_else(|| {
            "is a zip file without word/document.xml, so not a Word document (it may be an Excel or PowerPoint file, or another kind of zip): give the report's .docx".to_string()
        })?;
        package.styles = styles(
            package.text("word/styles.xml")?.as_deref(),
            package.text("word/numbering.xml")?.as_deref(),
        );
        Ok(package)
    }

    /// A part as text, or `None` when the package has no such part.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, String> {
        let Some(bytes) = read_part(&mut self.archive, &mut self.xml, name)? else {
            return Ok(None);
        };
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|e| format!("has a damaged {name} ({e})"))
    }
}

/// A part's bytes, or `None` when the package has no such part. Refuses a part that
/// would take `budget` past its limit unpacked, whatever size the zip claims for it (a
/// zip bomb claims a small one); reading a part twice spends twice.
fn read_part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    budget: &mut Budget,
    name: &str,
) -> Result<Option<Vec<u8>>, String> {
    let mut file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("is not a Word document that can be read ({e})")),
    };
    let left = budget.left();
    if file.size() > left {
        return Err(budget.exceeded(name));
    }
    let mut bytes = Vec::with_capacity(file.size() as usize);
    let read = file.by_ref().take(left + 1).read_to_end(&mut bytes);
    if bytes.len() as u64 > left {
        return Err(budget.exceeded(name));
    }
    read.map_err(|e| format!("has a damaged {name} ({e}): save it again from Word"))?;
    budget
        .spend(bytes.len() as u64)
        .map_err(|_| budget.exceeded(name))?;
    Ok(Some(bytes))
}

/// The first name that two entries of a zip's central directory share, read from the
/// directory itself (the zip crate keeps only one entry of each name). Reads at most
/// [`MAX_PARTS`] + 1 entries.
fn duplicate_name(bytes: &[u8], directory: u64) -> Option<String> {
    let mut seen = std::collections::HashSet::new();
    let mut at = usize::try_from(directory).ok()?;
    for _ in 0..=MAX_PARTS {
        let entry = bytes.get(at..at + 46)?;
        if entry[..4] != [0x50, 0x4b, 0x01, 0x02] {
            return None;
        }
        let field = |i: usize| usize::from(u16::from_le_bytes([entry[i], entry[i + 1]]));
        let (name_len, extra, comment) = (field(28), field(30), field(32));
        let name = bytes.get(at + 46..at + 46 + name_len)?;
        if !seen.insert(name) {
            return Some(String::from_utf8_lossy(name).into_owned());
        }
        at += 46 + name_len + extra + comment;
    }
    None
}

/// Parses the main document, refusing DTDs (and so entity expansion and external
/// references) and documents over [`limits::MAX_XML_NODES`] or nested deeper than
/// [`limits::MAX_XML_DEPTH`], so every walk of the tree after this is bounded.
pub(crate) fn parse(xml: &str) -> Result<Xml<'_>, String> {
    parse_part(xml, "word/document.xml")
}

/// [`parse`] for any part, named in messages.
pub(crate) fn parse_part<'i>(xml: &'i str, part: &str) -> Result<Xml<'i>, String> {
    let doc = Xml::parse_with_options(
        xml,
        roxmltree::ParsingOptions {
            allow_dtd: false,
            nodes_limit: limits::MAX_XML_NODES,
            ..Default::default()
        },
    )
    .map_err(|e| match e {
        roxmltree::Error::DtdDetected => format!("has a {part} that declares a DTD (document type definition), which Word never writes: a DTD can make a reader expand text without end or fetch other files, so it is refused. Save the document again from Word"),
        roxmltree::Error::NodesLimitReached => format!("has a {part} of more than {} elements, over the limit (a 300-page report has about half a million): it is probably not a real report", limits::count(limits::MAX_XML_NODES.into())),
        e => format!("has a damaged {part} ({e}): save it again from Word"),
    })?;
    let depth = depth(&doc);
    if depth > limits::MAX_XML_DEPTH {
        return Err(limits::too_deep(depth));
    }
    Ok(doc)
}

/// A node entered or left in a walk of the tree.
pub(crate) enum Edge<'a, 'i> {
    Open(Node<'a, 'i>),
    Close(Node<'a, 'i>),
}

/// Every node under `root` (itself included) as it is entered and as it is left, in
/// document order, following the tree's links instead of recursing, so no nesting
/// can overflow the call stack.
pub(crate) fn edges<'a, 'i>(root: Node<'a, 'i>) -> impl Iterator<Item = Edge<'a, 'i>> {
    let mut next = Some(Edge::Open(root));
    std::iter::from_fn(move || {
        let edge = next.take()?;
        next = match &edge {
            Edge::Open(n) => Some(match n.first_child() {
                Some(c) => Edge::Open(c),
                None => Edge::Close(*n),
            }),
            Edge::Close(n) if *n == root => None,
            Edge::Close(n) => match n.next_sibling() {
                Some(s) => Some(Edge::Open(s)),
                None => n.parent().map(Edge::Close),
            },
        };
        Some(edge)
    })
}

/// How deeply the elements of a parsed document nest, walked without recursion.
fn depth(doc: &Xml) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for edge in edges(doc.root()) {
        match edge {
            Edge::Open(n) if n.is_element() => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Edge::Close(n) if n.is_element() => depth -= 1,
            _ => {}
        }
    }
    deepest
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

    let mut text = String::new();
    let mut lines: Vec<std::ops::Range<usize>> = Vec::new();
    let mut add_line = |t: &str, text: &mut String| {
        let start = text.len();
        text.push_str(t);
        let range = start..text.len();
        text.push('\n');
        lines.push(range.clone());
        range
    };
    // First pass: the blocks in order, each with the lines it covers.
    enum Item {
        Para(Para, std::ops::Range<usize>),
        Table(
            Vec<Vec<String>>,
            HeaderRows,
            std::ops::Range<usize>,
            Vec<(String, String, std::ops::Range<usize>)>,
        ),
    }
    let mut items = Vec::new();
    walk_body(body, &mut |node| {
        if node.has_tag_name((W, "p")) {
            let p = paragraph(node, styles);
            let range = add_line(&p.text, &mut text);
            items.push(Item::Para(p, range));
        } else {
            let mut rows = Vec::new();
            let mut images = Vec::new();
            let start = text.len();
            for tr in node.children().filter(|n| n.has_tag_name((W, "tr"))) {
                let mut row = Vec::new();
                for tc in tr.children().filter(|n| n.has_tag_name((W, "tc"))) {
                    let mut cell = Vec::new();
                    for p in cell_paragraphs(tc) {
                        let para = paragraph(p, styles);
                        let range = add_line(&para.text, &mut text);
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
            let end = text.len().saturating_sub(1).max(start);
            items.push(Item::Table(rows, header_rows(node), start..end, images));
        }
    });

    let mut sources = Sources::default();
    let file: std::sync::Arc<str> = std::sync::Arc::from(name);
    let mut b = Builder::new(&file);
    let mut headings = Vec::new();
    let mut title = core.as_deref().and_then(core_title);
    let line_of = |offset: usize| lines.partition_point(|r| r.start < offset) + 1;
    let mut images_seen = 0;
    for item in items {
        match item {
            Item::Para(p, range) => {
                let span = Span::new(&file, range.clone());
                for (name, descr) in &p.images {
                    images_seen += 1;
                    let src = if name.is_empty() {
                        format!("image {images_seen}")
                    } else {
                        name.clone()
                    };
                    b.block(
                        BlockKind::Image {
                            src,
                            alt: descr.clone(),
                            caption: None,
                        },
                        span.clone(),
                    );
                }
                if p.contents {
                    b.contents_list();
                    continue;
                }
                if p.text.trim().is_empty() {
                    continue;
                }
                if p.title && title.is_none() {
                    title = Some(p.text.clone());
                    continue;
                }
                if let Some(level) = p.outline {
                    let (number, words) = split_number(&p.text);
                    headings.push((line_of(range.start), p.text.clone()));
                    b.heading(level + 1, number, &words, span);
                } else if let Some(bullet) = p.list {
                    b.item(!bullet, 1, &p.text, span);
                } else {
                    b.paragraph(&p.text, span);
                }
            }
            Item::Table(mut rows, known, range, images) => {
                if rows.is_empty() {
                    continue;
                }
                let header = rows.remove(0);
                b.block(
                    BlockKind::Table(table_with(header, rows, known)),
                    Span::new(&file, range),
                );
                for (name, descr, range) in images {
                    images_seen += 1;
                    let src = if name.is_empty() {
                        format!("image {images_seen}")
                    } else {
                        name
                    };
                    b.block(
                        BlockKind::Image {
                            src,
                            alt: descr,
                            caption: None,
                        },
                        Span::new(&file, range),
                    );
                }
            }
        }
    }
    sources.add_extracted(name, &text, Layout::Paragraphs { sections: headings });
    Ok(Extracted {
        sections: b.finish()?,
        sources,
        title,
        tagged: None,
    })
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
    let mut outline = own.or_else(|| style.and_then(|s| styles.outline(s)));
    let title = style.is_some_and(|s| styles.is_title(s));
    let contents = style.is_some_and(|s| styles.is_contents(s)) || links_to_contents_target(p);
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
    let depth = level.parse::<u8>().unwrap_or(0).min(8);
    let mut text = String::new();
    let mut images = Vec::new();
    // Runs that show some text, and of those the bold and the large ones. Found in one
    // walk: the runs open around each node are on a stack, and a run that shows text
    // makes the run around it show text too.
    let (mut runs, mut bold_runs, mut big_runs) = (0, 0, 0);
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
                    runs += 1;
                    let (bold, big) = run_format(run);
                    bold_runs += usize::from(bold);
                    big_runs += usize::from(big);
                }
                continue;
            }
        };
        if n.has_tag_name((W, "r")) {
            open.push((n, false));
        } else if n.has_tag_name((W, "t")) {
            let t = n.text().unwrap_or("");
            text.push_str(t);
            if !t.trim().is_empty()
                && let Some(run) = open.last_mut()
            {
                run.1 = true;
            }
        } else if n.has_tag_name((W, "tab")) && n.parent().is_some_and(|r| r.has_tag_name((W, "r")))
        {
            text.push('\t');
        } else if n.has_tag_name((W, "br")) || n.has_tag_name((W, "cr")) {
            text.push(' ');
        } else if n.has_tag_name((WP, "docPr")) {
            let descr = n
                .attribute("descr")
                .or_else(|| n.attribute("title"))
                .unwrap_or("");
            images.push((
                n.attribute("name").unwrap_or("").to_string(),
                descr.trim().to_string(),
            ));
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Headings formatted by hand: a short line, all bold or all large, not a sentence.
    if outline.is_none()
        && list.is_none()
        && runs > 0
        && !p.ancestors().any(|a| a.has_tag_name((W, "tbl")))
    {
        let short = text.split_whitespace().count() <= 12 && !text.ends_with(['.', ',', ';', ':']);
        if short && big_runs == runs {
            outline = Some(0);
        } else if short && bold_runs == runs {
            outline = Some(2);
        }
    }
    Para {
        text,
        outline,
        list,
        depth,
        images,
        title,
        contents,
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
