//! Readers: a report as it was published — a Word document, a PDF, a saved web report,
//! a Markdown or text file — turned into the same [`Document`] a project assembles to,
//! so the checker judges it the same way.
//!
//! Each reader keeps, for every block, where it came from, so a finding points at a
//! place a person can find: `report.txt:233:14`, `report.docx: paragraph 412 (section
//! "4 Funding and Support")`, `report.pdf: page 12, line 7` (see
//! [`crate::diagnostic::Layout`]). What a project states in `report.yaml` — the
//! partnership, the period, the partners — a file does not; [`infer`] finds it in the
//! text and says how sure it is.

pub mod docx;
pub mod facts;
pub mod html;
pub mod infer;
mod laid;
pub mod limits;
pub mod pdf;
pub mod sniff;
pub mod structure;
pub mod text;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::assemble::{Block, BlockKind, Document, Facts, Inline, Meta, Section};
use crate::diagnostic::{Diagnostic, Failure, Sources, Span};
pub use infer::{Confidence, Overrides};

/// The formats a reader exists for, told from the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Docx,
    Pdf,
    /// One HTML page, or a folder of them.
    Html,
}

impl Format {
    /// The format a path's extension names; `None` for anything else.
    pub fn of(path: &Path) -> Option<Format> {
        if path.is_dir() {
            return Some(Format::Html);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "docx" => Format::Docx,
            "pdf" => Format::Pdf,
            "html" | "htm" | "xhtml" => Format::Html,
            _ => return None,
        })
    }
}

/// A report read from a file: its document tree, with what was inferred from it in
/// its facts, and the text to quote.
#[derive(Debug)]
pub struct Read {
    pub document: Document,
    pub sources: Sources,
    /// The folder the file is in, so paths print as the user typed them.
    pub root: PathBuf,
    /// The format it was read as.
    pub format: Format,
    /// For a PDF: whether it has a tag tree.
    pub tagged: Option<bool>,
    /// The name findings about the file as a whole point at (the folder's name for a
    /// saved web folder), so none has a blank place even when no text was read.
    pub file: Arc<str>,
}

/// What one reader makes of a file, before inference.
pub struct Extracted {
    pub sections: Vec<Section>,
    pub sources: Sources,
    /// The document's own title, where it declares one (Word and PDF metadata, HTML
    /// `<title>`, a Markdown `#` heading used once).
    pub title: Option<String>,
    /// For a PDF: whether it has a tag tree. `None` for other formats.
    pub tagged: Option<bool>,
}

/// Reads `path` (a file, or a folder of HTML pages) and infers what a project would
/// state, with the user's `overrides` taking precedence.
pub fn read(path: &Path, overrides: &Overrides) -> Result<Read, Failure> {
    if std::fs::symlink_metadata(path).is_err() {
        return Err(Failure::not_found(path));
    }
    let name = display_name(path);
    let format = Format::of(path).ok_or_else(|| {
        fail(
            &name,
            "cannot tell what kind of report this is from its name: give a .docx, .pdf, .html, .md or .txt file, a folder of .html pages, or a project folder with report.yaml",
        )
    })?;
    let extracted = extract(path, &name, format)?;
    let root = path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    Ok(complete(extracted, &name, format, root, overrides))
}

/// Reads a file's `bytes` as `format`, the file named `name`: what [`read`] does once
/// it has the bytes, without the file system (the fuzz targets call this). At most
/// the size limit of the format is read; more is refused.
pub fn read_bytes(
    name: &str,
    format: Format,
    bytes: Vec<u8>,
    overrides: &Overrides,
) -> Result<Read, Failure> {
    let limit = match format {
        Format::Docx | Format::Pdf => limits::MAX_FILE_BYTES,
        Format::Text | Format::Markdown | Format::Html => limits::MAX_TEXT_BYTES,
    };
    if bytes.len() as u64 > limit {
        return Err(fail(
            name,
            &limits::too_large(limit, Some(bytes.len() as u64), "check a smaller file"),
        ));
    }
    let extracted = from_bytes(name, format, bytes)?;
    Ok(complete(
        extracted,
        name,
        format,
        PathBuf::from("."),
        overrides,
    ))
}

/// A reader's sections, structured, with what is inferred from them.
fn complete(
    mut extracted: Extracted,
    name: &str,
    format: Format,
    root: PathBuf,
    overrides: &Overrides,
) -> Read {
    extracted.sections = structure::structure(std::mem::take(&mut extracted.sections));
    let facts = infer::infer(&extracted, overrides);
    let tagged = extracted.tagged;
    let document = Document {
        meta: meta(&facts, extracted.title.as_deref()),
        sections: extracted.sections,
        glossary: Vec::new(),
        images: Vec::new(),
        logo: None,
        facts,
    };
    let mut read = Read {
        document,
        sources: extracted.sources,
        root,
        format,
        tagged,
        file: Arc::from(name),
    };
    facts::fill(&mut read);
    read
}

/// The reader for `format` on the file (or folder) at `path`, named `name` in
/// messages. A file is read whole, up to its format's size limit
/// ([`limits::MAX_FILE_BYTES`] for Word and PDF, [`limits::MAX_TEXT_BYTES`] for
/// text), and is first told apart from what it might really be ([`sniff`]), so a PDF
/// named `.docx` or an empty file is called what it is.
fn extract(path: &Path, name: &str, format: Format) -> Result<Extracted, Failure> {
    if format == Format::Html && path.is_dir() {
        return html::read(path, name).map_err(|e| fail(name, &e));
    }
    let limit = match format {
        Format::Docx | Format::Pdf => limits::MAX_FILE_BYTES,
        Format::Text | Format::Markdown | Format::Html => limits::MAX_TEXT_BYTES,
    };
    let bytes = limits::read_file(path, limit).map_err(|e| fail(name, &e))?;
    from_bytes(name, format, bytes)
}

/// The reader for `format` on a file's bytes, once they are told apart from what the
/// file might really be.
/// Errors of a reader are about the file as a whole, except Markdown nested too
/// deeply, which is found at its place.
fn from_bytes(name: &str, format: Format, bytes: Vec<u8>) -> Result<Extracted, Failure> {
    if let Some(problem) = sniff::mismatch(&bytes, format, name) {
        return Err(fail(name, &problem));
    }
    let whole = |e: String| fail(name, &e);
    match format {
        Format::Docx => docx::read(name, &bytes).map_err(whole),
        Format::Pdf => pdf::read(name, &bytes).map_err(whole),
        Format::Html => html::read_one(name, bytes).map_err(whole),
        Format::Text | Format::Markdown => {
            let text = String::from_utf8(bytes).map_err(|e| not_utf8(name, e))?;
            if format == Format::Markdown {
                text::markdown(name, &text)
            } else {
                text::plain(name, &text).map_err(whole)
            }
        }
    }
}

/// A text file with bytes that are not UTF-8, pointed at the first of them: the
/// snippet shows the line around it with the bytes drawn as `�`.
fn not_utf8(name: &str, e: std::string::FromUtf8Error) -> Failure {
    let at = e.utf8_error().valid_up_to();
    let text = String::from_utf8_lossy(e.as_bytes());
    let mut sources = Sources::default();
    let file = sources.add(name, &text);
    Failure {
        diagnostics: vec![
            Diagnostic::error(
                "read",
                Span::new(&file, at..at + '\u{FFFD}'.len_utf8()),
                format!("{name} is not UTF-8 text"),
            )
            .with_label("this character is not UTF-8")
            .with_help("save it again as UTF-8 (in Word: Save As, Plain Text, Unicode (UTF-8))."),
        ],
        sources,
    }
}

/// The name findings use for the file: as the user gave it, file name only.
fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn fail(name: &str, message: &str) -> Failure {
    Failure::of_whole_file(name, "read", format!("{name} {message}"))
}

/// Builds sections from a reader's stream of headings and blocks, in reading order.
///
/// Level-1 headings start chapters and level-2 headings sub-sections; deeper headings
/// stay inside their section as heading blocks. Text before the first heading goes in
/// a section of its own, titled "Before the first heading".
///
/// At most [`limits::MAX_BLOCKS`] blocks are kept; past that [`Builder::finish`]
/// refuses the document, and the blocks after the limit cost nothing.
pub struct Builder {
    file: Arc<str>,
    sections: Vec<Section>,
    /// The open list: ordered, start, items, span of its first item.
    list: Option<(bool, u64, Vec<Vec<Block>>, Span)>,
    /// Every section id given, and for each id's base the next number to try, so a
    /// document of thousands of headings of the same title gets its ids in linear time.
    ids: std::collections::HashSet<String>,
    next_number: std::collections::HashMap<String, usize>,
    /// Blocks (and list items) so far.
    blocks: usize,
    /// The id of the last chapter (level-1 section), parent of the sub-sections after
    /// it: kept rather than searched for, so many sub-sections take linear time.
    chapter: Option<String>,
}

impl Builder {
    pub fn new(file: &Arc<str>) -> Builder {
        Builder {
            file: file.clone(),
            sections: Vec::new(),
            list: None,
            ids: Default::default(),
            next_number: Default::default(),
            blocks: 0,
            chapter: None,
        }
    }

    /// Whether the document is over [`limits::MAX_BLOCKS`]: a reader may stop early.
    pub fn full(&self) -> bool {
        self.blocks > limits::MAX_BLOCKS
    }

    /// Counts one block; false when over the limit, so the caller keeps nothing.
    fn count(&mut self) -> bool {
        self.blocks += 1;
        !self.full()
    }

    /// A heading: `level` 1 for a chapter, 2 for a sub-section, more for headings
    /// inside a section; `number` as printed ("12.1").
    pub fn heading(&mut self, level: u8, number: Option<String>, title: &str, span: Span) {
        self.close_list();
        if !self.count() {
            return;
        }
        if level <= 2 {
            let level = if level == 2 && self.sections.is_empty() {
                1
            } else {
                level
            };
            let id = self.unique_id(title);
            if level == 1 {
                self.chapter = Some(id.clone());
            }
            self.sections.push(Section {
                id,
                title: title.trim().to_string(),
                number,
                level,
                partner: None,
                criteria: Vec::new(),
                criteria_spans: Vec::new(),
                parent: if level == 2 {
                    self.chapter.clone()
                } else {
                    None
                },
                priority: None,
                review: None,
                blocks: Vec::new(),
                file: self.file.clone(),
                span,
            });
        } else {
            let text = match number {
                Some(n) => format!("{n} {}", title.trim()),
                None => title.trim().to_string(),
            };
            let section_level = self.sections.last().map_or(1, |s| s.level);
            let level = level.min(section_level + (level - 2));
            self.push(
                BlockKind::Heading {
                    level,
                    content: inline(&text),
                },
                span,
            );
        }
    }

    /// A contents list begins here, and is left out: the heading just before it, if
    /// nothing has been put under it, is the list's own title ("Contents") and is
    /// left out too, so it is not an empty section of the report.
    pub fn contents_list(&mut self) {
        self.close_list();
        if self.sections.last().is_some_and(|s| s.blocks.is_empty()) {
            self.sections.pop();
            self.chapter = self
                .sections
                .iter()
                .rev()
                .find(|s| s.level == 1)
                .map(|s| s.id.clone());
        }
    }

    /// A paragraph of plain text.
    pub fn paragraph(&mut self, text: &str, span: Span) {
        self.close_list();
        self.push(
            BlockKind::Paragraph {
                content: inline(text),
            },
            span,
        );
    }

    /// Any other block: a table, an image.
    pub fn block(&mut self, kind: BlockKind, span: Span) {
        self.close_list();
        self.push(kind, span);
    }

    /// An item of a bulleted (`ordered: false`) or numbered list; consecutive items
    /// of the same kind make one list.
    pub fn item(&mut self, ordered: bool, number: u64, text: &str, span: Span) {
        if self.list.as_ref().is_some_and(|l| l.0 != ordered) {
            self.close_list();
        }
        if !self.count() {
            return;
        }
        let para = Block {
            kind: BlockKind::Paragraph {
                content: inline(text),
            },
            span: span.clone(),
        };
        match &mut self.list {
            Some((_, _, items, first)) => {
                items.push(vec![para]);
                first.range.end = first.range.end.max(span.range.end);
            }
            None => self.list = Some((ordered, number, vec![vec![para]], span)),
        }
    }

    fn close_list(&mut self) {
        if let Some((ordered, start, items, span)) = self.list.take() {
            self.push(
                BlockKind::List {
                    ordered,
                    start,
                    items,
                },
                span,
            );
        }
    }

    fn push(&mut self, kind: BlockKind, span: Span) {
        if !self.count() {
            return;
        }
        if self.sections.is_empty() {
            let span = Span::new(&self.file, span.range.start..span.range.start);
            self.heading(1, None, "Before the first heading", span);
        }
        let section = self.sections.last_mut().expect("a section was opened");
        section.blocks.push(Block { kind, span });
    }

    fn unique_id(&mut self, title: &str) -> String {
        let base: String = title
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|w| !w.is_empty())
            .take(8)
            .collect::<Vec<_>>()
            .join("-");
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let mut id = base.clone();
        let n = self.next_number.entry(base.clone()).or_insert(2);
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            *n += 1;
        }
        self.ids.insert(id.clone());
        id
    }

    /// The sections, or why the document is refused (over [`limits::MAX_BLOCKS`]).
    pub fn finish(mut self) -> Result<Vec<Section>, String> {
        self.close_list();
        if self.full() {
            return Err(limits::too_many_blocks());
        }
        Ok(self.sections)
    }
}

/// Plain text as inline content.
pub fn inline(text: &str) -> Vec<Inline> {
    vec![Inline::Text {
        text: text.trim().to_string(),
    }]
}

/// The meta a read document carries: what was inferred, or said so.
pub fn unknown_meta() -> Meta {
    Meta {
        partnership: String::new(),
        short_name: String::new(),
        title: String::new(),
        period: String::new(),
        author: String::new(),
        date: [0, 0, 0],
        lang: "en",
        region: "GB",
        guidance: String::new(),
        website: None,
        site_url: None,
        draft: false,
        pdf_file: String::new(),
        branding: Default::default(),
        highlights: Vec::new(),
        contact: None,
        known_limitations: Vec::new(),
        publication_dates: Vec::new(),
    }
}

/// The document's meta from the facts: what the renderers and the checker read.
fn meta(facts: &Facts, title: Option<&str>) -> Meta {
    let mut meta = unknown_meta();
    if let Some(p) = &facts.partnership {
        meta.partnership = p.value.clone();
        meta.author = p.value.clone();
    }
    if let Some(s) = &facts.short_name {
        meta.short_name = s.value.clone();
    }
    if let Some(p) = &facts.period {
        meta.period = p.value.long();
        let end = p.value.end;
        meta.date = [
            i64::from(end.year),
            i64::from(end.month),
            i64::from(end.day),
        ];
    }
    meta.title = title
        .map(str::to_string)
        .unwrap_or_else(|| match &facts.period {
            Some(p) => format!(
                "Annual Report {}-{:02}",
                p.value.start.year,
                p.value.end.year % 100
            ),
            None => "Annual Report".to_string(),
        });
    meta.guidance = facts.guidance.value.title().to_string();
    meta
}
