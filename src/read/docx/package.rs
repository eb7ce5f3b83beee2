//! A Word document's zip package and the XML of its parts, read within limits: a
//! zip bomb, a package of endless parts, two parts of one name, a DTD, a tree too
//! large or too deep are refused before anything walks them.

use std::io::Read as _;

use roxmltree::{Document as Xml, Node};

use super::{Styles, styles};
use crate::read::limits::{self, Budget};

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
