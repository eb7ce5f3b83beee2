//! Document → Word (report.docx), for board papers: the same document as the PDF, in
//! the order the PDF prints it, written accessibly — real heading styles (so Word's
//! navigation pane and a screen reader's heading list work), tables whose header row
//! repeats on each page, charts as pictures with their text alternative, and the
//! document's title and language set.
//!
//! docx-rs builds the package. It has no way to set a picture's description, a
//! table's repeating header row, or the document's title and language, so those are
//! added to the XML parts it produces, before they are zipped ([`accessible`]).

use std::collections::HashMap;
use std::io::Cursor;
use std::sync::Arc;

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Header, Hyperlink, HyperlinkType,
    IndentLevel, Level, LevelJc, LevelOverride, LevelText, LineSpacing, LineSpacingType,
    NumberFormat, Numbering, NumberingId, PageMargin, Paragraph, Pic, Run, RunFonts, Start, Style,
    StyleType, Table, TableCell, TableRow, WidthType,
};

use crate::assemble::{Block, BlockKind, Chart, Document, Inline, Section, Table as DataTable};

/// The Word edition's file name in the output folder.
pub const FILE: &str = "report.docx";

/// The text width of an A4 page with the PDF's 2.2 cm side margins, in EMU (English
/// Metric Units, 360,000 to the centimetre), which pictures are sized in.
const TEXT_WIDTH_EMU: u32 = 166 * 36_000;
/// The same in twips (1,440 to the inch), which tables are sized in.
const TEXT_WIDTH_TWIPS: usize = 9_412;
/// The tallest a picture may be: most of the page's text height, as in the PDF.
const MAX_HEIGHT_EMU: u32 = 200 * 36_000;
/// Charts are drawn at twice their SVG size, so they stay sharp when printed.
const CHART_SCALE: f32 = 2.0;
/// Numbering definitions: bullets, and decimal numbers (one instance per list).
const BULLETS: usize = 1;
const DECIMAL: usize = 2;

/// Writes the document as a .docx file's bytes.
pub fn write(document: &Document) -> Result<Vec<u8>, String> {
    let mut writer = Writer::new(document);
    writer.cover();
    writer.highlights();
    for section in &document.sections {
        writer.section(section);
    }
    writer.glossary();
    let docx = writer.finish();
    let mut xml = docx.build();
    accessible(&mut xml, &writer.alts, document);
    let mut bytes = Cursor::new(Vec::new());
    xml.pack(&mut bytes)
        .map_err(|e| format!("cannot write {FILE}: {e}"))?;
    Ok(bytes.into_inner())
}

/// The document being written, and what the later steps need to know about it.
struct Writer<'a> {
    document: &'a Document,
    docx: Docx,
    /// Each picture's text alternative, in the order the pictures are written.
    alts: Vec<String>,
    /// Each table's number, by the label charts refer to it with.
    table_numbers: HashMap<String, usize>,
    tables: usize,
    figures: usize,
    /// The numbering instances made so far (each numbered list restarts).
    numberings: usize,
    /// Bookmarks for links between sections, by section id.
    bookmarks: HashMap<String, usize>,
    fonts: Arc<resvg::usvg::fontdb::Database>,
    accent: String,
}

impl<'a> Writer<'a> {
    fn new(document: &'a Document) -> Writer<'a> {
        let accent = document
            .meta
            .branding
            .colour
            .trim_start_matches('#')
            .to_string();
        let mut fonts = resvg::usvg::fontdb::Database::new();
        for font in super::pdf::FONTS {
            fonts.load_font_data(font.to_vec());
        }
        let bookmarks = document
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i + 1))
            .collect();
        let mut running = format!("{} {}", document.meta.short_name, document.meta.title);
        if document.meta.draft {
            running = format!("DRAFT — not for publication. {running}");
        }
        let docx = Docx::new()
            .page_size(11_906, 16_838)
            .page_margin(
                PageMargin::new()
                    .top(1474)
                    .bottom(1361)
                    .left(1247)
                    .right(1247),
            )
            .default_fonts(RunFonts::new().ascii("Noto Sans").hi_ansi("Noto Sans"))
            .default_size(24)
            .default_line_spacing(
                LineSpacing::new()
                    .after(160)
                    .line(276)
                    .line_rule(LineSpacingType::Auto),
            )
            .header(Header::new().add_paragraph(
                Paragraph::new().add_run(Run::new().add_text(clean(&running)).size(18)),
            ));
        let mut writer = Writer {
            document,
            docx,
            alts: Vec::new(),
            table_numbers: table_numbers(document),
            tables: 0,
            figures: 0,
            numberings: DECIMAL,
            bookmarks,
            fonts: Arc::new(fonts),
            accent,
        };
        writer.styles();
        writer
    }

    fn push(&mut self, p: Paragraph) {
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
    }

    fn push_table(&mut self, t: Table) {
        self.docx = std::mem::take(&mut self.docx).add_table(t);
    }

    /// Word's own heading styles (ids Heading1…Heading4, names "heading 1"…, with
    /// outline levels), the title, captions and quotes, and the list numbering.
    fn styles(&mut self) {
        let mut docx = std::mem::take(&mut self.docx)
            .add_style(
                Style::new("Title", StyleType::Paragraph)
                    .name("Title")
                    .based_on("Normal")
                    .size(60)
                    .bold(),
            )
            .add_style(
                Style::new("Caption", StyleType::Paragraph)
                    .name("caption")
                    .based_on("Normal")
                    .bold()
                    .size(22),
            )
            .add_style(
                Style::new("Quote", StyleType::Paragraph)
                    .name("Quote")
                    .based_on("Normal")
                    .italic()
                    .indent(Some(720), None, Some(720), None),
            );
        for (level, size) in [(1, 44), (2, 34), (3, 28), (4, 24)] {
            docx = docx.add_style(
                Style::new(format!("Heading{level}"), StyleType::Paragraph)
                    .name(format!("heading {level}"))
                    .based_on("Normal")
                    .next("Normal")
                    .outline_lvl(level - 1)
                    .size(size)
                    .bold()
                    .color(self.accent.clone())
                    .line_spacing(LineSpacing::new().before(360).after(160)),
            );
        }
        let level = |i: usize, format: &str, text: String| {
            Level::new(
                i,
                Start::new(1),
                NumberFormat::new(format),
                LevelText::new(text),
                LevelJc::new("left"),
            )
            .indent(
                Some(360 * (i as i32 + 1)),
                Some(docx_rs::SpecialIndentType::Hanging(360)),
                None,
                None,
            )
        };
        let (mut bullets, mut decimal) = (
            AbstractNumbering::new(BULLETS),
            AbstractNumbering::new(DECIMAL),
        );
        for i in 0..9 {
            bullets = bullets.add_level(level(i, "bullet", "•".into()));
            decimal = decimal.add_level(level(i, "decimal", format!("%{}.", i + 1)));
        }
        self.docx = docx
            .add_abstract_numbering(bullets)
            .add_abstract_numbering(decimal)
            .add_numbering(Numbering::new(BULLETS, BULLETS));
    }

    fn finish(&mut self) -> Docx {
        std::mem::take(&mut self.docx)
    }
}

/// What numbers the PDF gives the tables charts refer to: tables are numbered in
/// document order, a chart's own table counting where the data set's is not shown.
fn table_numbers(document: &Document) -> HashMap<String, usize> {
    let mut numbers = HashMap::new();
    let mut n = 0;
    for section in &document.sections {
        for block in &section.blocks {
            block.walk(&mut |b: &Block| match &b.kind {
                BlockKind::Table(t) => {
                    n += 1;
                    if let Some(label) = &t.label {
                        numbers.entry(label.clone()).or_insert(n);
                    }
                }
                BlockKind::Chart(c) if c.table_label.is_none() => n += 1,
                _ => {}
            });
        }
    }
    numbers
}

impl Writer<'_> {
    /// The cover, as the PDF's: logo, partnership, title, period, edition, website
    /// and publication record; then a page break.
    fn cover(&mut self) {
        let meta = &self.document.meta;
        if let Some(logo) = &self.document.logo
            && let Some(l) = &meta.branding.logo
            && let Some(pic) = self.picture(&logo.bytes, &l.alt, 5 * 36_000 * 10 / 2)
        {
            self.push(Paragraph::new().add_run(Run::new().add_image(pic)));
        }
        let partnership = Run::new()
            .add_text(clean(&meta.partnership))
            .bold()
            .size(28)
            .color(self.accent.clone());
        self.push(Paragraph::new().add_run(partnership));
        self.push(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(clean(&meta.title))),
        );
        let mut lines = vec![
            format!("Covering {}", meta.period),
            format!("Reporting under {}.", meta.guidance),
        ];
        if let Some(w) = &meta.website {
            lines.push(format!("Published at {w}"));
        }
        lines.extend(meta.publication_dates.iter().cloned());
        for line in lines {
            self.push(Paragraph::new().add_run(Run::new().add_text(clean(&line))));
        }
        self.push(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
    }

    /// The year at a glance: each highlight's figure, what it counts, and its change.
    fn highlights(&mut self) {
        let highlights = &self.document.meta.highlights;
        if highlights.is_empty() {
            return;
        }
        self.heading(1, "The year at a glance", None);
        for h in highlights {
            let mut p = Paragraph::new()
                .add_run(
                    Run::new()
                        .add_text(clean(&h.value))
                        .bold()
                        .size(36)
                        .color(self.accent.clone()),
                )
                .add_run(Run::new().add_break(BreakType::TextWrapping))
                .add_run(Run::new().add_text(clean(&h.label)));
            if let Some(change) = &h.change {
                p = p
                    .add_run(Run::new().add_break(BreakType::TextWrapping))
                    .add_run(Run::new().add_text(clean(change)).size(20));
            }
            self.push(p);
        }
    }

    /// A heading paragraph in Word's heading style for its level, with a bookmark
    /// when links point at it.
    fn heading(&mut self, level: u8, text: &str, bookmark: Option<(usize, &str)>) {
        let mut p = Paragraph::new()
            .style(&format!("Heading{}", level.clamp(1, 4)))
            .keep_next(true);
        if level == 1 {
            p = p.page_break_before(true);
        }
        if let Some((id, name)) = bookmark {
            p = p.add_bookmark_start(id, name);
        }
        p = p.add_run(Run::new().add_text(clean(text)));
        if let Some((id, _)) = bookmark {
            p = p.add_bookmark_end(id);
        }
        self.push(p);
    }

    fn section(&mut self, section: &Section) {
        let bookmark = self.bookmarks.get(&section.id).copied();
        let name = bookmark.map(bookmark_name);
        self.heading(
            section.level,
            &section.heading(),
            bookmark.zip(name.as_deref()),
        );
        if let Some(partner) = &section.partner {
            let by = format!("Contributed by {}", partner.name);
            self.push(Paragraph::new().add_run(Run::new().add_text(clean(&by)).italic().size(20)));
        }
        for block in &section.blocks {
            self.block(block, 0);
        }
    }

    fn glossary(&mut self) {
        let glossary = &self.document.glossary;
        if glossary.is_empty() {
            return;
        }
        self.heading(1, "Glossary", None);
        let header = ["Abbreviation".to_string(), "Meaning".to_string()];
        let rows: Vec<Vec<String>> = glossary
            .iter()
            .map(|t| vec![t.term.clone(), t.meaning.clone()])
            .collect();
        let table = grid(&header, &[false, false], &rows, None);
        self.push_table(table);
    }
}

/// A bookmark's name: Word's names start with a letter and are at most 40 characters.
fn bookmark_name(n: usize) -> String {
    format!("section_{n}")
}

impl Writer<'_> {
    /// One block; `depth` is how deep in lists it is.
    fn block(&mut self, block: &Block, depth: usize) {
        match &block.kind {
            BlockKind::Heading { level, content } => {
                self.heading(*level, &crate::assemble::plain_text(content), None);
            }
            BlockKind::Paragraph { content } => {
                let p = self.inlines(Paragraph::new(), content);
                self.push(p);
            }
            BlockKind::List {
                ordered,
                start,
                items,
            } => self.list(*ordered, *start, items, depth),
            BlockKind::Quote { blocks } => {
                for b in blocks {
                    match &b.kind {
                        BlockKind::Paragraph { content } => {
                            let p = self.inlines(Paragraph::new().style("Quote"), content);
                            self.push(p);
                        }
                        _ => self.block(b, depth),
                    }
                }
            }
            BlockKind::Code { text } => {
                for line in text.lines() {
                    let run = Run::new()
                        .add_text(clean(line))
                        .fonts(RunFonts::new().ascii("Noto Sans Mono"));
                    self.push(Paragraph::new().add_run(run));
                }
            }
            BlockKind::Rule => self.push(Paragraph::new()),
            BlockKind::Table(t) => self.table(t),
            BlockKind::Chart(c) => self.chart(c),
            BlockKind::Image { src, alt, caption } => self.image(src, alt, caption.as_deref()),
            BlockKind::Html { text, .. } => {
                if !text.trim().is_empty() {
                    self.push(Paragraph::new().add_run(Run::new().add_text(clean(text))));
                }
            }
        }
    }

    /// A list: each item's first paragraph carries the bullet or number; a numbered
    /// list gets a numbering instance of its own, so it starts at its own `start`.
    fn list(&mut self, ordered: bool, start: u64, items: &[Vec<Block>], depth: usize) {
        let id = if ordered {
            self.numberings += 1;
            let n = self.numberings;
            let start = usize::try_from(start).unwrap_or(1);
            self.docx = std::mem::take(&mut self.docx).add_numbering(
                Numbering::new(n, DECIMAL).add_override(LevelOverride::new(depth).start(start)),
            );
            n
        } else {
            BULLETS
        };
        for item in items {
            let mut numbered = false;
            for b in item {
                match &b.kind {
                    BlockKind::Paragraph { content } if !numbered => {
                        numbered = true;
                        let p = Paragraph::new()
                            .numbering(NumberingId::new(id), IndentLevel::new(depth.min(8)));
                        let p = self.inlines(p, content);
                        self.push(p);
                    }
                    BlockKind::List { .. } => self.block(b, depth + 1),
                    _ => self.block(b, depth),
                }
            }
        }
    }
}

/// Bold, italic and struck-through, as inherited by nested inlines.
#[derive(Clone, Copy, Default)]
struct Marks {
    bold: bool,
    italic: bool,
    strike: bool,
    code: bool,
}

impl Marks {
    fn run(self, text: &str) -> Run {
        let mut run = Run::new().add_text(clean(text));
        if self.bold {
            run = run.bold();
        }
        if self.italic {
            run = run.italic();
        }
        if self.strike {
            run = run.strike();
        }
        if self.code {
            run = run.fonts(RunFonts::new().ascii("Noto Sans Mono"));
        }
        run
    }
}

impl Writer<'_> {
    fn inlines(&self, p: Paragraph, inlines: &[Inline]) -> Paragraph {
        self.marked(p, inlines, Marks::default())
    }

    fn marked(&self, mut p: Paragraph, inlines: &[Inline], marks: Marks) -> Paragraph {
        for inline in inlines {
            p = match inline {
                Inline::Text { text } | Inline::Html { text, .. } => p.add_run(marks.run(text)),
                Inline::Code { text } => p.add_run(
                    Marks {
                        code: true,
                        ..marks
                    }
                    .run(text),
                ),
                Inline::Strong { content } => self.marked(
                    p,
                    content,
                    Marks {
                        bold: true,
                        ..marks
                    },
                ),
                Inline::Emph { content } => self.marked(
                    p,
                    content,
                    Marks {
                        italic: true,
                        ..marks
                    },
                ),
                Inline::Strike { content } => self.marked(
                    p,
                    content,
                    Marks {
                        strike: true,
                        ..marks
                    },
                ),
                Inline::Break => p.add_run(Run::new().add_break(BreakType::TextWrapping)),
                Inline::Link {
                    url,
                    section,
                    content,
                } => match self.link(url, section.as_deref()) {
                    Some(link) => {
                        let text = crate::assemble::plain_text(content);
                        let run = marks
                            .run(&text)
                            .color(self.accent.clone())
                            .underline("single");
                        p.add_hyperlink(link.add_run(run))
                    }
                    None => self.marked(p, content, marks),
                },
            };
        }
        p
    }

    /// A link to another section (a bookmark) or to a web address. Other addresses
    /// are left as text (`None`): a contribution is untrusted, and a Word link can
    /// open a program.
    fn link(&self, url: &str, section: Option<&str>) -> Option<Hyperlink> {
        if let Some(n) = section.and_then(|s| self.bookmarks.get(s)) {
            return Some(Hyperlink::new(bookmark_name(*n), HyperlinkType::Anchor));
        }
        ["https://", "http://", "mailto:"]
            .iter()
            .any(|p| url.to_ascii_lowercase().starts_with(p))
            .then(|| Hyperlink::new(clean(url), HyperlinkType::External))
    }
}

impl Writer<'_> {
    /// A table as the PDF prints it: "Table N: title" above, the header row (repeated
    /// on each page), the rows, the total in bold, then notes and source.
    fn table(&mut self, t: &DataTable) {
        self.tables += 1;
        if let Some(title) = &t.title {
            let caption = format!("Table {}: {title}", self.tables);
            self.push(caption_paragraph(&caption));
        }
        let header: Vec<String> = t.columns.iter().map(|c| c.title.clone()).collect();
        let numeric: Vec<bool> = t.columns.iter().map(|c| c.numeric).collect();
        self.push_table(grid(&header, &numeric, &t.rows, t.total.as_ref()));
        let under: Vec<&str> = [t.notes.as_deref(), t.source.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !under.is_empty() {
            let text = under.join(" ");
            self.push(Paragraph::new().add_run(Run::new().add_text(clean(&text)).size(20)));
        }
    }

    /// A chart: "Figure N: title", the picture with its text alternative, then where
    /// its figures are.
    fn chart(&mut self, c: &Chart) {
        self.figures += 1;
        let caption = format!("Figure {}: {}", self.figures, c.title);
        self.push(caption_paragraph(&caption));
        let svg = super::chart::svg(c, super::chart_base(self.document));
        let png = self.rasterise(svg.as_bytes(), CHART_SCALE);
        match png.and_then(|(png, w, h)| picture_sized(png, w, h, TEXT_WIDTH_EMU)) {
            Some(pic) => {
                self.alts.push(c.alt.clone());
                self.push(Paragraph::new().add_run(Run::new().add_image(pic)));
            }
            None => self.push(Paragraph::new().add_run(Run::new().add_text(clean(&c.alt)))),
        }
        match c
            .table_label
            .as_ref()
            .and_then(|l| self.table_numbers.get(l))
        {
            Some(n) => {
                let text = format!("The figures are in Table {n}.");
                self.push(Paragraph::new().add_run(Run::new().add_text(text).size(20)));
            }
            None => self.table(&c.table),
        }
    }

    /// A picture from the report's images, at up to 80% of the text width as in the
    /// PDF, with its caption under it.
    fn image(&mut self, src: &str, alt: &str, caption: Option<&str>) {
        self.figures += 1;
        let bytes = self
            .document
            .images
            .iter()
            .find(|i| i.src == src)
            .map(|i| i.bytes.clone());
        let pic = bytes.and_then(|b| self.picture(&b, alt, TEXT_WIDTH_EMU * 4 / 5));
        match pic {
            Some(pic) => self.push(Paragraph::new().add_run(Run::new().add_image(pic))),
            None => self.push(Paragraph::new().add_run(Run::new().add_text(clean(alt)))),
        }
        if let Some(caption) = caption {
            let text = format!("Figure {}: {caption}", self.figures);
            self.push(caption_paragraph(&text));
        }
    }

    /// A picture of any format the report takes, as PNG (which every Word reads),
    /// fitted within `width` EMU; its alt text is recorded for [`accessible`].
    fn picture(&mut self, bytes: &[u8], alt: &str, width: u32) -> Option<Pic> {
        let format = crate::load::image::Format::of(bytes)?;
        let (png, w, h) = match format {
            crate::load::image::Format::Png => {
                let (_, w, h) = crate::load::image::inspect(bytes).ok()?;
                (bytes.to_vec(), w as u32, h as u32)
            }
            crate::load::image::Format::Svg => self.rasterise(bytes, 1.0)?,
            other => {
                // JPEG, GIF and WebP: drawn through an SVG that holds the picture, so
                // one rasteriser does every format.
                let (_, w, h) = crate::load::image::inspect(bytes).ok()?;
                let data = base64(bytes);
                let mime = format!("image/{}", other.extension());
                let svg = format!(
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\"><image width=\"{w}\" height=\"{h}\" href=\"data:{mime};base64,{data}\"/></svg>"
                );
                self.rasterise(svg.as_bytes(), 1.0)?
            }
        };
        let pic = picture_sized(png, w, h, width)?;
        self.alts.push(alt.to_string());
        Some(pic)
    }

    /// An SVG drawn as PNG at `scale`, with its size in pixels at scale 1.
    fn rasterise(&self, svg: &[u8], scale: f32) -> Option<(Vec<u8>, u32, u32)> {
        let options = resvg::usvg::Options {
            fontdb: self.fonts.clone(),
            ..resvg::usvg::Options::default()
        };
        let tree = resvg::usvg::Tree::from_data(svg, &options).ok()?;
        let size = tree.size();
        let (w, h) = (size.width().ceil() as u32, size.height().ceil() as u32);
        let mut pixmap = resvg::tiny_skia::Pixmap::new(
            (w as f32 * scale).ceil() as u32,
            (h as f32 * scale).ceil() as u32,
        )?;
        pixmap.fill(resvg::tiny_skia::Color::WHITE);
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        Some((pixmap.encode_png().ok()?, w, h))
    }
}

/// A picture of `w`×`h` pixels shown at most `width` EMU wide and
/// [`MAX_HEIGHT_EMU`] high, keeping its proportions.
fn picture_sized(png: Vec<u8>, w: u32, h: u32, width: u32) -> Option<Pic> {
    if w == 0 || h == 0 {
        return None;
    }
    let natural = u64::from(w) * 9525;
    let mut cx = natural.min(u64::from(width));
    let mut cy = cx * u64::from(h) / u64::from(w);
    if cy > u64::from(MAX_HEIGHT_EMU) {
        cy = u64::from(MAX_HEIGHT_EMU);
        cx = cy * u64::from(w) / u64::from(h);
    }
    Some(Pic::new_with_dimensions(png, w, h).size(cx as u32, cy as u32))
}

fn caption_paragraph(text: &str) -> Paragraph {
    Paragraph::new()
        .style("Caption")
        .keep_next(true)
        .add_run(Run::new().add_text(clean(text)))
}

/// A table with a bold header row (marked to repeat on each page by [`accessible`]),
/// numbers aligned right, and a bold total row.
fn grid(
    header: &[String],
    numeric: &[bool],
    rows: &[Vec<String>],
    total: Option<&Vec<String>>,
) -> Table {
    let cell = |text: &str, i: usize, bold: bool| {
        let mut run = Run::new().add_text(clean(text)).size(21);
        if bold {
            run = run.bold();
        }
        let mut p = Paragraph::new()
            .add_run(run)
            .line_spacing(LineSpacing::new().after(0));
        if numeric.get(i).copied().unwrap_or(false) {
            p = p.align(AlignmentType::Right);
        }
        TableCell::new().add_paragraph(p)
    };
    let row = |cells: &[String], bold: bool| {
        TableRow::new(
            cells
                .iter()
                .enumerate()
                .map(|(i, c)| cell(c, i, bold))
                .collect(),
        )
    };
    let mut out = vec![row(header, true).cant_split()];
    out.extend(rows.iter().map(|r| row(r, false)));
    if let Some(total) = total {
        out.push(row(total, true));
    }
    Table::new(out)
        .width(TEXT_WIDTH_TWIPS, WidthType::Dxa)
        .set_grid(column_widths(header, rows, total))
}

/// Each column's share of the text width, in twips: by the longest word it must fit
/// and the length of its text, so a column of long names is not squeezed to a word a
/// line while a column of numbers takes as much room.
fn column_widths(
    header: &[String],
    rows: &[Vec<String>],
    total: Option<&Vec<String>>,
) -> Vec<usize> {
    let columns = header.len().max(1);
    let mut needs = vec![0usize; columns];
    for row in std::iter::once(header)
        .chain(rows.iter().map(Vec::as_slice))
        .chain(total.map(Vec::as_slice))
    {
        for (i, cell) in row.iter().enumerate().take(columns) {
            let longest_word = cell
                .split_whitespace()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            let length = cell.chars().count().min(40);
            needs[i] = needs[i].max(longest_word.max(length / 2).max(3));
        }
    }
    let sum: usize = needs.iter().sum::<usize>().max(1);
    needs.iter().map(|n| TEXT_WIDTH_TWIPS * n / sum).collect()
}

/// Text as XML 1.0 allows it: control characters (other than tab and line breaks)
/// cannot appear in a Word document, so a contribution's stray ones are dropped.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Adds what docx-rs cannot write to its XML parts: each picture's description
/// (`descr`, its alt text) and a unique id, the repeating header row of each table,
/// and the document's title and language.
fn accessible(xml: &mut docx_rs::XMLDocx, alts: &[String], document: &Document) {
    let text = String::from_utf8_lossy(&xml.document).into_owned();
    let mut out = String::with_capacity(text.len() + alts.len() * 100);
    let mut rest = text.as_str();
    let mut n = 0;
    while let Some(at) = rest.find(DOC_PR) {
        out.push_str(&rest[..at]);
        let alt = alts.get(n).map_or("", String::as_str);
        n += 1;
        out.push_str(&format!(
            "<wp:docPr id=\"{n}\" name=\"Picture {n}\" descr=\"{}\" />",
            attribute(alt)
        ));
        rest = &rest[at + DOC_PR.len()..];
    }
    out.push_str(rest);
    let out = out.replace(HEADER_ROW, "<w:trPr><w:cantSplit /><w:tblHeader />");
    xml.document = out.into_bytes();

    let lang = format!("{}-{}", document.meta.lang, document.meta.region);
    let title = format!("{} — {}", document.meta.title, document.meta.partnership);
    let core = String::from_utf8_lossy(&xml.doc_props.core).replace(
        "</cp:coreProperties>",
        &format!(
            "<dc:title>{}</dc:title><dc:language>{}</dc:language></cp:coreProperties>",
            attribute(&clean(&title)),
            attribute(&lang)
        ),
    );
    xml.doc_props.core = core.into_bytes();
    let styles = String::from_utf8_lossy(&xml.styles).replacen(
        "<w:rPrDefault><w:rPr>",
        &format!(
            "<w:rPrDefault><w:rPr><w:lang w:val=\"{}\" />",
            attribute(&lang)
        ),
        1,
    );
    xml.styles = styles.into_bytes();
}

/// What docx-rs writes for every picture's properties, always the same.
const DOC_PR: &str = "<wp:docPr id=\"1\" name=\"Figure\" />";
/// What docx-rs writes for a row that cannot split: only header rows are.
const HEADER_ROW: &str = "<w:trPr><w:cantSplit />";

fn attribute(text: &str) -> String {
    clean(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\n', "&#10;")
}
