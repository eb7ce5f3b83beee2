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

use super::text::table_of;
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
    fn outline(&self, id: &str) -> Option<u8> {
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
    if let Some(doc) = xml.and_then(|x| Xml::parse(x).ok()) {
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
    if let Some(doc) = numbering.and_then(|x| Xml::parse(x).ok()) {
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
pub(crate) struct Package<'b> {
    archive: zip::ZipArchive<std::io::Cursor<&'b [u8]>>,
    pub document: String,
    pub styles: Styles,
}

impl<'b> Package<'b> {
    pub fn open(bytes: &'b [u8]) -> Result<Package<'b>, String> {
        let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| format!("is not a Word document (.docx): {e}. A .doc file from Word 97-2003 must be saved as .docx first"))?;
        let mut package = Package {
            archive,
            document: String::new(),
            styles: styles(None, None),
        };
        package.document = package
            .text("word/document.xml")?
            .ok_or("is a zip file without word/document.xml, so not a Word document")?;
        package.styles = styles(
            package.text("word/styles.xml")?.as_deref(),
            package.text("word/numbering.xml")?.as_deref(),
        );
        Ok(package)
    }

    /// A part as text, or `None` when the package has no such part.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, String> {
        let Some(bytes) = self.bytes(name)? else {
            return Ok(None);
        };
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|e| format!("has a damaged {name} ({e})"))
    }

    /// A part's bytes, or `None` when the package has no such part.
    pub fn bytes(&mut self, name: &str) -> Result<Option<Vec<u8>>, String> {
        let mut file = match self.archive.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(format!("is not a Word document that can be read ({e})")),
        };
        // Real reports' document.xml is a few megabytes; refuse a zip bomb.
        let mut bytes = Vec::new();
        file.by_ref()
            .take(200 << 20)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("has a damaged {name} ({e})"))?;
        Ok(Some(bytes))
    }
}

/// Parses a part of the package, refusing DTDs (and so entity expansion).
pub(crate) fn parse(xml: &str) -> Result<Xml<'_>, String> {
    Xml::parse_with_options(
        xml,
        roxmltree::ParsingOptions {
            allow_dtd: false,
            nodes_limit: 20_000_000,
            ..Default::default()
        },
    )
    .map_err(|e| format!("has a damaged word/document.xml ({e})"))
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
                    for p in tc.descendants().filter(|n| n.has_tag_name((W, "p"))) {
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
            items.push(Item::Table(rows, start..end, images));
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
            Item::Table(mut rows, range, images) => {
                if rows.is_empty() {
                    continue;
                }
                let header = rows.remove(0);
                b.block(
                    BlockKind::Table(table_of(header, rows)),
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
        sections: b.finish(),
        sources,
        title,
        tagged: None,
    })
}

/// Calls `visit` on each top-level paragraph and table, inside content controls too.
pub(crate) fn walk_body<'a, 'i>(node: Node<'a, 'i>, visit: &mut dyn FnMut(Node<'a, 'i>)) {
    for c in node.children().filter(Node::is_element) {
        if c.has_tag_name((W, "p")) || c.has_tag_name((W, "tbl")) {
            visit(c);
        } else if c.has_tag_name((W, "sdt"))
            || c.has_tag_name((W, "sdtContent"))
            || c.has_tag_name((W, "customXml"))
        {
            walk_body(c, visit);
        }
    }
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
    let (mut runs, mut bold_runs, mut big_runs) = (0, 0, 0);
    for n in p.descendants() {
        if n.has_tag_name((W, "t")) {
            text.push_str(n.text().unwrap_or(""));
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
        } else if n.has_tag_name((W, "r"))
            && n.descendants()
                .any(|t| t.has_tag_name((W, "t")) && t.text().is_some_and(|t| !t.trim().is_empty()))
        {
            runs += 1;
            let rpr = child(n, "rPr");
            let on = |name: &str| {
                rpr.and_then(|r| child(r, name))
                    .is_some_and(|b| attr(b, "val").is_none_or(|v| v != "0" && v != "false"))
            };
            if on("b") {
                bold_runs += 1;
            }
            let size = rpr
                .and_then(|r| child(r, "sz"))
                .and_then(|s| attr(s, "val"))
                .and_then(|v| v.parse::<u32>().ok());
            if size.is_some_and(|s| s >= 28) {
                big_runs += 1;
            }
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
    }
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
    let doc = Xml::parse(xml).ok()?;
    let t = doc
        .descendants()
        .find(|n| n.tag_name().name() == "title")?
        .text()?
        .trim()
        .to_string();
    (!t.is_empty()).then_some(t)
}
