//! A partner's Word document read for import: its blocks in order (headings,
//! paragraphs with bold, italic and links, list items with their depth, tables,
//! pictures), and everything the project's format cannot hold, each with its place.
//!
//! The reading of styles, headings, lists and the package itself is the scrutineer's
//! reader's ([`crate::read::docx`]), so a heading or a list is the same thing to both.
//! Paragraphs are numbered the way that reader numbers them (every `w:p` of the body
//! in order, table cells' included), so "paragraph 12" means the same to both.

use std::collections::HashMap;
use std::rc::Rc;

use roxmltree::Node;

use super::package::{Counted, Package, Refusal};
use crate::diagnostic::{Layout, Sources};
use crate::read::docx::{self, Styles, W, WP, attr, child};

const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const CHART: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const DIAGRAM: &str = "http://schemas.openxmlformats.org/drawingml/2006/diagram";
const V: &str = "urn:schemas-microsoft-com:vml";
const MATH: &str = "http://schemas.openxmlformats.org/officeDocument/2006/math";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The most paragraphs (table cells' included) a contribution may have: a 300-page
/// document has about 10,000. Each becomes a block the check looks at, and past this
/// the check of the imported section takes more memory than the tool may use.
pub const MAX_PARAGRAPHS: usize = 100_000;

/// The most tables a contribution may have, each of which becomes a data set file.
pub const MAX_TABLES: usize = 500;

/// The most pictures a contribution may show.
pub const MAX_PICTURES: usize = 500;

/// The widest table imported. Word's own tables have at most 63 columns, so a wider
/// one was not made in Word; past this many, the data set it became would pass the
/// 10 MB a project file may hold ([`crate::load::files::MAX_TEXT_BYTES`]) with a few
/// hundred rows (cells spanning 64 columns each once made one of 320,000 columns).
pub const MAX_COLUMNS: usize = 5_000;

/// A run of text with its formatting, as the partner typed it (not yet escaped).
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// The web address of a link, when the text is one.
    pub link: Option<String>,
}

/// One block of the document, in order.
#[derive(Debug)]
pub enum Block {
    /// `rank` 0 is the document's highest heading level in use, 1 the next one down.
    Heading {
        rank: usize,
        outline: u8,
        /// A short paragraph set in bold or large type rather than in a heading
        /// style: a heading one level below the heading it stands under.
        by_hand: bool,
        text: Vec<Span>,
    },
    Paragraph(Vec<Span>),
    Item {
        ordered: bool,
        depth: u8,
        text: Vec<Span>,
    },
    /// A paragraph in a caption style: the title of the table before or after it, or
    /// the caption of the picture before it.
    Caption(String),
    /// An index into [`Converted::tables`].
    Table(usize),
    /// An index into [`Converted::pictures`].
    Picture(usize),
}

#[derive(Debug)]
pub struct Table {
    /// The cells' text, row by row. A cell spanning columns leaves the columns it
    /// covers empty; a cell merged down over rows repeats its text in each.
    pub rows: Vec<Vec<String>>,
    /// The table's own title (Word's alt text title, `w:tblCaption`).
    pub title: Option<String>,
    /// The line of the table's first paragraph, for its place.
    pub line: usize,
    /// Where it is, as [`Sources::place`] names it.
    pub place: String,
}

/// A picture file of the document, saved once however many times the document shows
/// it: checked, and for an SVG cleaned ([`crate::load::svg`]).
#[derive(Debug)]
pub struct PictureFile {
    /// Shared with the package's copy of the part: a picture is held once.
    pub bytes: Rc<[u8]>,
    /// Lower case, without the dot: png, jpg, gif or svg, from what the bytes are.
    pub extension: &'static str,
}

/// A picture where the document shows it.
#[derive(Debug)]
pub struct Picture {
    /// An index into [`Converted::files`].
    pub file: usize,
    /// Word's alt text (description, or title when there is no description).
    pub alt: String,
    /// Where it is, as [`Sources::place`] names it.
    pub place: String,
}

/// Something the project cannot hold, or that the import changed, and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub place: String,
    pub what: String,
    /// The paragraph's number in the document, to list notes in its order.
    pub line: usize,
}

/// The document as read.
#[derive(Debug)]
pub struct Converted {
    /// From a paragraph in the Title style, else the document's properties.
    pub title: Option<String>,
    pub blocks: Vec<Block>,
    pub tables: Vec<Table>,
    pub pictures: Vec<Picture>,
    pub files: Vec<PictureFile>,
    pub skipped: Vec<Skipped>,
}

/// Reads the Word document `name` (as the user named it, for places) from its bytes.
///
/// Every XML part is measured before it is parsed ([`Package::xml`]), so no element is
/// nested more than [`crate::load::xml::MAX_DEPTH`] deep: the walks below recurse
/// into links, tracked changes and content controls, and look through each run's
/// elements, and that bound keeps both the stack and the time in proportion to the
/// document.
pub fn convert(name: &str, bytes: &[u8]) -> Result<Converted, Refusal> {
    let mut package = Package::open(bytes)?;
    const MAIN: &str = "word/document.xml";
    let document = package.xml(MAIN)?.unwrap_or_default();
    let styles = docx::styles(
        package.xml("word/styles.xml")?.as_deref(),
        package.xml("word/numbering.xml")?.as_deref(),
    );
    let rels = relationships(package.xml("word/_rels/document.xml.rels")?.as_deref());
    let comments = comments(package.xml("word/comments.xml")?.as_deref());
    let core = package.xml("docProps/core.xml")?;
    let damaged = |detail: String| Refusal::Damaged {
        part: Some(MAIN.to_string()),
        detail,
    };
    let xml = crate::load::xml::parse(&document).map_err(|e| {
        damaged(match e {
            roxmltree::Error::DtdDetected => "it has a DOCTYPE declaration, which Word never writes and which can make a small file expand without end".into(),
            e => e.to_string(),
        })
    })?;
    let body = docx::body(&xml).map_err(|_| damaged("it has no body".into()))?;
    let mut reader = Reader {
        styles: &styles,
        rels: &rels,
        comments: &comments,
        text: String::new(),
        lines: Vec::new(),
        headings: Vec::new(),
        title: None,
        blocks: Vec::new(),
        tables: Vec::new(),
        pending: Vec::new(),
        notes: Vec::new(),
    };
    docx::walk_body(body, &mut |node| {
        if node.has_tag_name((W, "p")) {
            reader.paragraph(node);
        } else {
            reader.table(node);
        }
    });
    for (found, limit, what) in [
        (reader.lines.len(), MAX_PARAGRAPHS, Counted::Paragraphs),
        (reader.tables.len(), MAX_TABLES, Counted::Tables),
        (reader.pending.len(), MAX_PICTURES, Counted::Pictures),
    ] {
        if found > limit {
            return Err(Refusal::TooMany { what, found, limit });
        }
    }
    let Reader {
        text,
        lines,
        headings,
        title,
        blocks,
        tables,
        pending,
        notes,
        ..
    } = reader;
    let mut sources = Sources::default();
    let file = sources.add_extracted(name, &text, Layout::Paragraphs { sections: headings });
    let place = |line: usize| sources.place(&file, lines[line - 1]);
    let mut skipped: Vec<Skipped> = notes
        .iter()
        .map(|(line, what)| Skipped {
            place: place(*line),
            what: what.clone(),
            line: *line,
        })
        .collect();
    let (pictures, files, kept) = keep_pictures(&mut package, &pending, &place, &mut skipped)?;
    let mut tables = tables;
    for t in &mut tables {
        // A table holds at least one paragraph in a well-made document; in a damaged
        // one its place is the nearest line there is.
        let at = lines
            .get(t.line.saturating_sub(1))
            .or(lines.last())
            .copied()
            .unwrap_or(0);
        t.place = sources.place(&file, at);
    }
    let mut blocks: Vec<Block> = blocks
        .into_iter()
        .filter_map(|b| match b {
            Block::Picture(i) => kept[i].map(Block::Picture),
            b => Some(b),
        })
        .collect();
    let title = title
        .or_else(|| lone_top_heading(&mut blocks))
        .or_else(|| core.as_deref().and_then(docx::core_title));
    rank_headings(&mut blocks);
    Ok(Converted {
        title,
        blocks,
        tables,
        pictures,
        files,
        skipped,
    })
}

/// What [`keep_pictures`] returns: the pictures kept, their files, and for each
/// picture found its index among those kept.
type KeptPictures = (Vec<Picture>, Vec<PictureFile>, Vec<Option<usize>>);

/// The pictures found (`pending`) that can be kept, each part read and checked once
/// however many times the document shows it; what cannot be kept is noted in
/// `skipped`. Returns the pictures kept, their files, and for each picture found its
/// index among those kept.
fn keep_pictures(
    package: &mut Package,
    pending: &[Pending],
    place: &dyn Fn(usize) -> String,
    skipped: &mut Vec<Skipped>,
) -> Result<KeptPictures, Refusal> {
    let (mut pictures, mut files, mut kept) = (Vec::new(), Vec::new(), Vec::new());
    // Each picture part met: the file kept of it, or `None` when it was left out.
    let mut file_of: HashMap<&str, Option<usize>> = HashMap::new();
    for p in pending {
        let file = match file_of.get(p.part.as_str()) {
            Some(file) => *file,
            None => {
                let checked = match package.bytes(&p.part)? {
                    Some(bytes) => picture_file(bytes),
                    None => Err(format!(
                        "a picture whose file ({}) is missing from the document: left out",
                        p.part
                    )),
                };
                let (file, note) = match checked {
                    Ok((file, note)) => {
                        files.push(file);
                        (Some(files.len() - 1), note)
                    }
                    Err(note) => (None, Some(note)),
                };
                skipped.extend(note.map(|what| Skipped {
                    place: place(p.line),
                    what,
                    line: p.line,
                }));
                file_of.insert(&p.part, file);
                file
            }
        };
        kept.push(file.map(|_| pictures.len()));
        if let Some(file) = file {
            pictures.push(Picture {
                file,
                alt: p.alt.clone(),
                place: place(p.line),
            });
        }
    }
    Ok((pictures, files, kept))
}

/// A picture's bytes as the file to save, with a note of what was taken out of it;
/// or, when it cannot be kept, the note saying why. Judged by what the bytes are, not
/// by the part's name, and by the size its header gives, before anything decodes it.
fn picture_file(bytes: Rc<[u8]>) -> Result<(PictureFile, Option<String>), String> {
    use crate::load::image::{self, Format};
    use crate::load::svg;
    let left_out = |why: String, help: &str| format!("a picture that {why}: left out; {help}");
    // The check after the import would refuse it at its reference; say so here instead.
    if bytes.len() as u64 > image::MAX_IMAGE_BYTES {
        return Err(left_out(
            format!(
                "is {:.1} MB, more than the {} MB a picture may be",
                bytes.len() as f64 / 1048576.0,
                image::MAX_IMAGE_BYTES >> 20
            ),
            "save a smaller copy (a picture 2,000 pixels wide fills a page sharply) and add it by hand",
        ));
    }
    match image::inspect(&bytes) {
        Err(refusal) => Err(left_out(refusal.explain(), refusal.help())),
        Ok((Format::WebP, ..)) => Err("a picture in a format the report cannot show (WEBP): left out; save it as PNG or JPEG and add it by hand".into()),
        Ok((Format::Svg, ..)) => {
            let cleaned = svg::clean(&bytes).map_err(|r| left_out(r.explain(), svg::HELP))?;
            let active: Vec<&str> = cleaned
                .removed
                .iter()
                .filter(|r| r.active)
                .map(|r| r.what.as_str())
                .collect();
            let note = (!active.is_empty()).then(|| {
                format!(
                    "an SVG picture holding {}: taken out of the copy saved, as {} would run or load on the published website",
                    active.join(", "),
                    if active.len() == 1 { "it" } else { "they" }
                )
            });
            let file = PictureFile {
                bytes: Rc::from(cleaned.svg.into_bytes()),
                extension: "svg",
            };
            Ok((file, note))
        }
        Ok((format, ..)) => Ok((
            PictureFile {
                bytes,
                extension: format.extension(),
            },
            None,
        )),
    }
}

/// A document without a Title paragraph often starts with one heading over all the
/// rest ("West Mercia Police", then the sections under it): that heading is the
/// title, taken out of the body so the section does not repeat it.
fn lone_top_heading(blocks: &mut Vec<Block>) -> Option<String> {
    let Some(Block::Heading { outline, text, .. }) = blocks.first() else {
        return None;
    };
    let above_or_level = |b: &Block| matches!(b, Block::Heading { outline: o, .. } if o <= outline);
    if blocks.iter().filter(|b| above_or_level(b)).count() != 1 {
        return None;
    }
    let title: String = text.iter().map(|s| s.text.as_str()).collect();
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    blocks.remove(0);
    Some(title)
}

/// Heading ranks: the highest outline level in use in Word's heading styles is rank 0
/// (`##`), the next rank 1. A heading made by hand (a bold line) is one rank below
/// the styled heading it stands under, or rank 0 before any: its type size says
/// nothing about where it stands.
fn rank_headings(blocks: &mut [Block]) {
    let mut levels: Vec<u8> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading {
                outline,
                by_hand: false,
                ..
            } => Some(*outline),
            _ => None,
        })
        .collect();
    levels.sort_unstable();
    levels.dedup();
    let mut under: Option<usize> = None;
    for b in blocks {
        if let Block::Heading {
            rank,
            outline,
            by_hand,
            ..
        } = b
        {
            if *by_hand {
                *rank = under.map_or(0, |r| r + 1);
            } else {
                *rank = levels.iter().position(|l| l == outline).unwrap_or(0);
                under = Some(*rank);
            }
        }
    }
}

/// Whether a paragraph is a table's caption typed by hand: "Table 3: Referrals" (a
/// colon, full stop or dash after the number, then the title), as partners write them
/// without Word's Caption style.
fn numbered_table_caption(text: &str) -> bool {
    caption_number(text).is_some_and(|(_, rest)| {
        rest.starts_with([':', '.', '-', '–', '—'])
            && !rest[rest.chars().next().map_or(0, char::len_utf8)..]
                .trim()
                .is_empty()
    })
}

/// A caption's text after "Table N" and its punctuation, when it starts so: "Table 2:
/// Home visits" is titled "Home visits", as the report numbers its tables itself.
pub fn caption_title(caption: &str) -> String {
    match caption_number(caption) {
        Some((_, rest)) => {
            let rest = rest.trim_start_matches([':', '.', '-', '–', '—']).trim();
            if rest.is_empty() {
                caption.to_string()
            } else {
                rest.to_string()
            }
        }
        None => caption.to_string(),
    }
}

/// "Table 12: x" as (12, ": x"): the number after the word, and what follows it.
fn caption_number(text: &str) -> Option<(u32, &str)> {
    let word = text.get(..5)?;
    if !word.eq_ignore_ascii_case("table") {
        return None;
    }
    let rest = text[5..].strip_prefix(' ')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let number = rest[..digits].parse().ok()?;
    Some((number, rest[digits..].trim_start()))
}

/// A picture found in a paragraph, its bytes still in the package.
struct Pending {
    part: String,
    alt: String,
    line: usize,
}

struct Reader<'s> {
    styles: &'s Styles,
    rels: &'s HashMap<String, Relationship>,
    comments: &'s HashMap<String, (String, String)>,
    /// One line of plain text per paragraph, as the scrutineer's reader makes it.
    text: String,
    /// The offset of each line.
    lines: Vec<usize>,
    /// The first line of each section, with its heading, for places.
    headings: Vec<(usize, String)>,
    title: Option<String>,
    blocks: Vec<Block>,
    tables: Vec<Table>,
    pending: Vec<Pending>,
    notes: Vec<(usize, String)>,
}

impl Reader<'_> {
    /// Records a paragraph's plain text as the next line; returns its number.
    fn line(&mut self, text: &str) -> usize {
        self.lines.push(self.text.len());
        self.text.push_str(&text.replace('\n', " "));
        self.text.push('\n');
        self.lines.len()
    }

    fn paragraph(&mut self, p: Node) {
        let para = docx::paragraph(p, self.styles);
        let line = self.line(&para.text);
        let mut spans = Vec::new();
        let mut pictures = Vec::new();
        self.inline(p, line, &mut spans, &mut pictures, false);
        let spans = tidy(spans);
        let plain: String = spans.iter().map(|s| s.text.as_str()).collect();
        let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
        let style = child(p, "pPr")
            .and_then(|x| child(x, "pStyle"))
            .and_then(|s| attr(s, "val"))
            .and_then(|s| self.styles.name(s))
            .unwrap_or("");
        if para.title {
            if self.title.is_none() && !plain.is_empty() {
                self.title = Some(plain);
            }
        } else if plain.is_empty() {
        } else if style.to_lowercase().contains("caption") || numbered_table_caption(&plain) {
            self.blocks.push(Block::Caption(plain));
        } else if let Some(outline) = para.outline {
            let ppr = child(p, "pPr");
            let styled = ppr.and_then(|x| child(x, "outlineLvl")).is_some()
                || ppr
                    .and_then(|x| child(x, "pStyle"))
                    .and_then(|s| attr(s, "val"))
                    .and_then(|s| self.styles.outline(s))
                    .is_some();
            self.headings.push((line, para.text.clone()));
            self.blocks.push(Block::Heading {
                rank: 0,
                outline,
                by_hand: !styled,
                text: spans,
            });
        } else if let Some(bullet) = para.list {
            self.blocks.push(Block::Item {
                ordered: !bullet,
                depth: para.depth,
                text: spans,
            });
        } else if let Some(text) = typed_bullet(&spans) {
            self.blocks.push(Block::Item {
                ordered: false,
                depth: 0,
                text,
            });
        } else {
            self.blocks.push(Block::Paragraph(spans));
        }
        for picture in pictures {
            self.blocks.push(Block::Picture(self.pending.len()));
            self.pending.push(picture);
        }
    }

    fn table(&mut self, tbl: Node) {
        let title = child(tbl, "tblPr")
            .and_then(|p| child(p, "tblCaption"))
            .and_then(|c| attr(c, "val"))
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        let line = self.lines.len() + 1;
        let mut rows: Vec<Vec<String>> = Vec::new();
        // The columns in which a cell merged down over rows was already noted.
        let mut merged_noted = Vec::new();
        for tr in tbl.children().filter(|n| n.has_tag_name((W, "tr"))) {
            let mut row = Vec::new();
            for tc in tr.children().filter(|n| n.has_tag_name((W, "tc"))) {
                let mut cell = Vec::new();
                for p in tc.descendants().filter(|n| n.has_tag_name((W, "p"))) {
                    let para = docx::paragraph(p, self.styles);
                    let line = self.line(&para.text);
                    if p.ancestors()
                        .skip(1)
                        .take_while(|a| *a != tc)
                        .any(|a| a.has_tag_name((W, "p")) || a.has_tag_name((W, "tbl")))
                    {
                        continue; // a text box's or an inner table's: noted below
                    }
                    let mut spans = Vec::new();
                    let mut pictures = Vec::new();
                    self.inline(p, line, &mut spans, &mut pictures, true);
                    let text: String = spans.iter().map(|s| s.text.as_str()).collect();
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !text.is_empty() {
                        cell.push(text);
                    }
                }
                if tc.descendants().skip(1).any(|n| n.has_tag_name((W, "tbl"))) {
                    self.note(
                        self.lines.len(),
                        "a table inside a table cell: left out; a table of the report holds words and figures, one per cell".into(),
                    );
                }
                let span = child(tc, "tcPr")
                    .and_then(|p| child(p, "gridSpan"))
                    .and_then(|g| attr(g, "val"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                let column = row.len();
                let text = match continued_from_above(tc, &rows, column) {
                    Some(above) => {
                        if !above.is_empty() && !merged_noted.contains(&column) {
                            merged_noted.push(column);
                            self.note(
                                self.lines.len(),
                                format!("a table cell merged down over several rows (“{above}”): its text is repeated in each row it covers; check that no figure is now counted twice"),
                            );
                        }
                        above
                    }
                    None => cell.join(" "),
                };
                row.push(text);
                row.extend(std::iter::repeat_n(String::new(), span - 1));
            }
            rows.push(row);
        }
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        if width > MAX_COLUMNS {
            self.note(
                self.lines.len(),
                format!("a table of {} columns: left out, as Word's own tables have at most 63 columns, so this one is damaged; ask the partner for its figures", crate::load::image::thousands(width as u64)),
            );
            return;
        }
        self.blocks.push(Block::Table(self.tables.len()));
        self.tables.push(Table {
            rows,
            title,
            line,
            place: String::new(),
        });
    }

    fn note(&mut self, line: usize, what: String) {
        self.notes.push((line, what));
    }

    /// The text of a paragraph's runs, links, tracked changes and content controls, in
    /// order, with what cannot be kept noted at `line`. In a table cell (`in_table`)
    /// pictures cannot be kept either.
    fn inline(
        &mut self,
        node: Node,
        line: usize,
        out: &mut Vec<Span>,
        pictures: &mut Vec<Pending>,
        in_table: bool,
    ) {
        for c in node.children().filter(Node::is_element) {
            let tag = c.tag_name();
            match (tag.namespace(), tag.name()) {
                (Some(W), "r") => self.run(c, line, out, pictures, in_table),
                (Some(W), "hyperlink") => {
                    let mut inner = Vec::new();
                    self.inline(c, line, &mut inner, pictures, in_table);
                    let text: String = inner.iter().map(|s| s.text.as_str()).collect();
                    let target = c
                        .attribute((R, "id"))
                        .and_then(|id| self.rels.get(id))
                        .filter(|r| r.external)
                        .map(|r| r.target.clone());
                    match target {
                        Some(url) if web_address(&url) && !text.trim().is_empty() => {
                            out.push(Span {
                                text,
                                bold: false,
                                italic: false,
                                link: Some(url),
                            })
                        }
                        Some(url) => {
                            self.note(line, format!("a link to {}: only its text, “{}”, was kept, as the report links to web addresses (https://…) only", quote(&url), quote(&text)));
                            out.extend(inner);
                        }
                        None => out.extend(inner),
                    }
                }
                (Some(W), "ins") | (Some(W), "moveTo") => {
                    let mut inner = Vec::new();
                    self.inline(c, line, &mut inner, pictures, in_table);
                    let text: String = inner.iter().map(|s| s.text.as_str()).collect();
                    self.note(line, format!("a tracked change: “{}” inserted{}; kept, as if the change were accepted", quote(&text), by(c)));
                    out.extend(inner);
                }
                (Some(W), "del") | (Some(W), "moveFrom") => {
                    let text: String = c
                        .descendants()
                        .filter(|n| n.has_tag_name((W, "delText")) || n.has_tag_name((W, "t")))
                        .filter_map(|n| n.text())
                        .collect();
                    self.note(line, format!("a tracked change: “{}” deleted{}; left out, as if the change were accepted", quote(&text), by(c)));
                }
                (Some(W), "fldSimple") => {
                    let instr = attr(c, "instr").unwrap_or("").trim().to_string();
                    self.note(
                        line,
                        format!(
                            "a Word field ({}): kept as the text it showed",
                            quote(&instr)
                        ),
                    );
                    self.inline(c, line, out, pictures, in_table);
                }
                (Some(W), "smartTag" | "customXml" | "sdt" | "sdtContent" | "dir" | "bdo") => {
                    self.inline(c, line, out, pictures, in_table)
                }
                (Some(MATH), "oMath" | "oMathPara") => {
                    self.note(line, "an equation: left out; write it in words".into())
                }
                _ => {}
            }
        }
    }

    /// One run: its text with its bold and italic, and the things it may hold instead
    /// of text (a picture, a chart, a text box, a comment's mark, a footnote).
    fn run(
        &mut self,
        r: Node,
        line: usize,
        out: &mut Vec<Span>,
        pictures: &mut Vec<Pending>,
        in_table: bool,
    ) {
        let rpr = child(r, "rPr");
        let on = |name: &str| {
            rpr.and_then(|p| child(p, name))
                .is_some_and(|b| attr(b, "val").is_none_or(|v| v != "0" && v != "false"))
        };
        // Word's character styles "Strong" and "Emphasis" are bold and italic too.
        let style = rpr
            .and_then(|p| child(p, "rStyle"))
            .and_then(|s| attr(s, "val"))
            .and_then(|s| self.styles.name(s))
            .unwrap_or("")
            .to_lowercase();
        let (bold, italic) = (on("b") || style == "strong", on("i") || style == "emphasis");
        let mut text = String::new();
        for c in r.children().filter(Node::is_element) {
            let tag = c.tag_name();
            match (tag.namespace(), tag.name()) {
                (Some(W), "t") => text.push_str(c.text().unwrap_or("")),
                (Some(W), "tab" | "br" | "cr" | "noBreakHyphen") => {
                    text.push(if tag.name() == "noBreakHyphen" {
                        '-'
                    } else {
                        ' '
                    })
                }
                (Some(W), "instrText") => {
                    let instr = c.text().unwrap_or("").trim();
                    if !instr.is_empty() {
                        self.note(
                            line,
                            format!(
                                "a Word field ({}): kept as the text it showed",
                                quote(instr)
                            ),
                        );
                    }
                }
                (Some(W), "commentReference") => {
                    let id = attr(c, "id").unwrap_or("");
                    let what = match self.comments.get(id) {
                        Some((author, said)) if !author.is_empty() => {
                            format!(
                                "a comment by {author}: “{}”; comments are not imported",
                                quote(said)
                            )
                        }
                        Some((_, said)) => {
                            format!("a comment: “{}”; comments are not imported", quote(said))
                        }
                        None => "a comment; comments are not imported".to_string(),
                    };
                    self.note(line, what);
                }
                (Some(W), "footnoteReference" | "endnoteReference") => self.note(
                    line,
                    "a footnote: left out; put what it says in the text".into(),
                ),
                (Some(W), "drawing" | "pict" | "object") | (Some(MC), "AlternateContent") => {
                    self.object(c, line, pictures, in_table)
                }
                _ => {}
            }
        }
        if !text.is_empty() {
            out.push(Span {
                text,
                bold,
                italic,
                link: None,
            });
        }
    }

    /// A drawing, a VML picture or an embedded object: a picture to keep, or
    /// something to list.
    fn object(&mut self, node: Node, line: usize, pictures: &mut Vec<Pending>, in_table: bool) {
        // Word writes a modern drawing and an older fallback of the same thing.
        let node = if node.has_tag_name((MC, "AlternateContent")) {
            match node.children().find(Node::is_element) {
                Some(choice) => choice,
                None => return,
            }
        } else {
            node
        };
        let has = |ns: &str, name: &str| node.descendants().any(|n| n.has_tag_name((ns, name)));
        if has(W, "txbxContent") {
            let text: String = node
                .descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|n| n.text())
                .collect::<Vec<_>>()
                .join("");
            self.note(
                line,
                format!(
                    "a text box: “{}”; left out: put its text in a paragraph of its own",
                    quote(&text)
                ),
            );
            return;
        }
        if has(CHART, "chart") {
            self.note(line, "a chart made in Word: left out; put its figures in a data set and declare the chart there (see “Charts” in docs/format.md)".into());
            return;
        }
        if has(DIAGRAM, "relIds") {
            self.note(
                line,
                "a SmartArt diagram: left out; write what it shows as text or a list".into(),
            );
            return;
        }
        if node.has_tag_name((W, "object")) {
            self.note(
                line,
                "an embedded object (a spreadsheet, a document or similar): left out".into(),
            );
            return;
        }
        let embed = node
            .descendants()
            .find(|n| n.has_tag_name((A, "blip")) || n.has_tag_name((V, "imagedata")))
            .and_then(|n| n.attribute((R, "embed")).or_else(|| n.attribute((R, "id"))));
        let Some(rel) = embed
            .and_then(|id| self.rels.get(id))
            .filter(|r| !r.external)
        else {
            if node.descendants().any(|n| n.has_tag_name((A, "blip"))) {
                self.note(line, "a picture linked from outside the document: left out; insert the picture itself".into());
            }
            return;
        };
        let alt = node
            .descendants()
            .find(|n| n.has_tag_name((WP, "docPr")))
            .and_then(|d| {
                d.attribute("descr")
                    .filter(|t| !t.trim().is_empty())
                    .or_else(|| d.attribute("title"))
            })
            .or_else(|| {
                node.descendants()
                    .find(|n| n.has_tag_name((V, "shape")))
                    .and_then(|s| s.attribute("alt"))
            })
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let part = part_name(&rel.target);
        let extension = part
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        let extension = if extension == "jpeg" {
            "jpg".to_string()
        } else {
            extension
        };
        if in_table {
            self.note(line, "a picture inside a table: left out, as a table of the report holds words and figures; put the picture after the table".into());
        } else if !matches!(extension.as_str(), "png" | "jpg" | "gif" | "svg") {
            self.note(line, format!("a picture in a format the report cannot show ({}): left out; save it as PNG or JPEG and add it by hand", extension.to_uppercase()));
        } else {
            pictures.push(Pending { part, alt, line });
        }
    }
}

/// " by A. Reviewer", from a tracked change's author.
fn by(change: Node) -> String {
    attr(change, "author")
        .filter(|a| !a.trim().is_empty())
        .map(|a| format!(" by {}", a.trim()))
        .unwrap_or_default()
}

/// Text quoted in a message: on one line, and not too long.
fn quote(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

/// A paragraph whose bullet was typed ("• Home visits"), as many are, rather than made
/// with Word's bullets: its text without the bullet.
fn typed_bullet(spans: &[Span]) -> Option<Vec<Span>> {
    let first = spans.first()?;
    let rest = first
        .text
        .trim_start()
        .strip_prefix(['•', '·', '◦', '▪', '‣', '⁃'])?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let mut out = spans.to_vec();
    out[0].text = rest.trim_start().to_string();
    Some(out)
}

/// Adjacent runs of the same formatting joined, so `**a** **b**` is `**a b**`.
fn tidy(spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        match out.last_mut() {
            Some(last)
                if last.link.is_none()
                    && s.link.is_none()
                    && (last.bold, last.italic) == (s.bold, s.italic) =>
            {
                last.text.push_str(&s.text)
            }
            _ => out.push(s),
        }
    }
    out
}

/// Whether a link's target is a web address or an e-mail address, which the report
/// publishes; anything else (`javascript:`, `file:`) is not kept.
pub fn web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
}

#[derive(Debug)]
struct Relationship {
    target: String,
    external: bool,
}

fn relationships(xml: Option<&str>) -> HashMap<String, Relationship> {
    let mut rels = HashMap::new();
    let Some(doc) = xml.and_then(|x| docx::parse(x).ok()) else {
        return rels;
    };
    for r in doc
        .descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
    {
        if let (Some(id), Some(target)) = (r.attribute("Id"), r.attribute("Target")) {
            rels.insert(
                id.to_string(),
                Relationship {
                    target: target.to_string(),
                    external: r.attribute("TargetMode") == Some("External"),
                },
            );
        }
    }
    rels
}

/// The package part a relationship of word/document.xml points at.
fn part_name(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => {
            let mut parts = vec!["word"];
            for p in target.split('/') {
                match p {
                    ".." => {
                        parts.pop();
                    }
                    "." | "" => {}
                    p => parts.push(p),
                }
            }
            parts.join("/")
        }
    }
}

/// Comments by id: author and text.
fn comments(xml: Option<&str>) -> HashMap<String, (String, String)> {
    let mut out = HashMap::new();
    let Some(doc) = xml.and_then(|x| docx::parse(x).ok()) else {
        return out;
    };
    for c in doc.descendants().filter(|n| n.has_tag_name((W, "comment"))) {
        let text = c
            .descendants()
            .filter(|n| n.has_tag_name((W, "t")))
            .filter_map(|n| n.text())
            .collect::<String>();
        out.insert(
            attr(c, "id").unwrap_or("").to_string(),
            (attr(c, "author").unwrap_or("").trim().to_string(), text),
        );
    }
    out
}

/// For a cell that continues a cell merged down from the row above (Word's
/// `vMerge` without "restart"), that cell's text: a data set's row keeps its label
/// rather than losing it to the merge.
fn continued_from_above(tc: Node, rows: &[Vec<String>], column: usize) -> Option<String> {
    let merge = child(tc, "tcPr").and_then(|p| child(p, "vMerge"))?;
    if attr(merge, "val").is_some_and(|v| v == "restart") {
        return None;
    }
    Some(
        rows.last()
            .and_then(|r| r.get(column))
            .cloned()
            .unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A .docx holding `body` as its document body, with Word's heading styles.
    fn docx(body: &str) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", options).unwrap();
        write!(
            zip,
            r#"<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
        )
        .unwrap();
        zip.start_file("word/styles.xml", options).unwrap();
        write!(zip, r#"<w:styles xmlns:w="{W}"><w:style w:styleId="H1"><w:name w:val="heading 1"/></w:style><w:style w:styleId="H2"><w:name w:val="heading 2"/></w:style><w:style w:styleId="Strong"><w:name w:val="Strong"/></w:style></w:styles>"#).unwrap();
        zip.finish().unwrap().into_inner()
    }

    fn p(style: &str, text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    }

    #[test]
    fn a_lone_heading_over_the_whole_document_is_its_title() {
        let body = [
            p("H1", "West Mercia Police"),
            p("H2", "What went well"),
            p("Body", "Text."),
        ]
        .concat();
        let c = convert("c.docx", &docx(&body)).unwrap();
        assert_eq!(c.title.as_deref(), Some("West Mercia Police"));
        assert!(matches!(&c.blocks[0], Block::Heading { rank: 0, .. }));
        assert_eq!(c.blocks.len(), 2);

        // Two top headings: both are sections, and the title comes from elsewhere.
        let body = [
            p("H1", "Our role"),
            p("Body", "Text."),
            p("H1", "What went well"),
        ]
        .concat();
        let c = convert("c.docx", &docx(&body)).unwrap();
        assert_eq!(c.title, None);
        assert_eq!(c.blocks.len(), 3);
    }

    #[test]
    fn a_text_box_is_listed_and_its_text_not_run_into_the_paragraph() {
        let body = r#"<w:p><w:r><w:t>Before. </w:t></w:r><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"#;
        let c = convert("c.docx", &docx(body)).unwrap();
        let Block::Paragraph(spans) = &c.blocks[0] else {
            panic!("{:?}", c.blocks)
        };
        assert_eq!(spans[0].text, "Before. ");
        assert_eq!(c.skipped.len(), 1);
        assert_eq!(c.skipped[0].place, "c.docx: paragraph 1");
        assert!(c.skipped[0].what.starts_with("a text box: “Boxed”"));
    }

    #[test]
    fn the_strong_character_style_is_bold() {
        let body = r#"<w:p><w:r><w:t xml:space="preserve">It was </w:t></w:r><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>very</w:t></w:r><w:r><w:t xml:space="preserve"> good.</w:t></w:r></w:p>"#;
        let c = convert("c.docx", &docx(body)).unwrap();
        let Block::Paragraph(spans) = &c.blocks[0] else {
            panic!("{:?}", c.blocks)
        };
        assert_eq!(super::super::escape::spans(spans), "It was **very** good.");
    }

    #[test]
    fn a_typed_bullet_makes_a_list_item() {
        let body = [p("Body", "• Home visits"), p("Body", "•Not a bullet")].concat();
        let c = convert("c.docx", &docx(&body)).unwrap();
        assert!(
            matches!(&c.blocks[0], Block::Item { ordered: false, depth: 0, text } if text[0].text == "Home visits"),
            "{:?}",
            c.blocks
        );
        assert!(matches!(&c.blocks[1], Block::Paragraph(_)));
    }

    #[test]
    fn relationship_targets_resolve_to_package_parts() {
        assert_eq!(part_name("media/image1.png"), "word/media/image1.png");
        assert_eq!(part_name("/word/media/a.png"), "word/media/a.png");
        assert_eq!(part_name("../media/a.png"), "media/a.png");
    }

    #[test]
    fn only_web_and_mail_addresses_are_links() {
        assert!(web_address("https://example.org"));
        assert!(web_address("mailto:a@example.org"));
        assert!(!web_address("javascript:alert(1)"));
        assert!(!web_address("file:///C:/x.docx"));
    }

    #[test]
    fn a_cell_merged_down_over_rows_gives_each_row_its_text_and_is_noted() {
        let cell = |props: &str, text: &str| {
            format!(
                r#"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#
            )
        };
        let row = |cells: &[String]| format!("<w:tr>{}</w:tr>", cells.concat());
        let restart = r#"<w:vMerge w:val="restart"/>"#;
        let table = format!(
            "<w:tbl>{}{}{}{}</w:tbl>",
            row(&[cell("", "Area"), cell("", "Service"), cell("", "Referrals")]),
            row(&[cell(restart, "North"), cell("", "Police"), cell("", "12")]),
            row(&[cell("<w:vMerge/>", ""), cell("", "Health"), cell("", "7")]),
            row(&[cell("", "South"), cell("", "Police"), cell("", "9")]),
        );
        let c = convert("c.docx", &docx(&table)).unwrap();
        let expected = [
            ["Area", "Service", "Referrals"],
            ["North", "Police", "12"],
            ["North", "Health", "7"],
            ["South", "Police", "9"],
        ];
        assert_eq!(
            c.tables[0].rows,
            expected.map(|r| r.map(String::from).to_vec())
        );
        let notes: Vec<&str> = c.skipped.iter().map(|s| s.what.as_str()).collect();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].contains("merged down over several rows (“North”)"),
            "{notes:?}"
        );
    }
}
