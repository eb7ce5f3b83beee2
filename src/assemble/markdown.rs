//! Parsing a rendered section body (Markdown) into blocks, each with its source span.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::document::{Block, BlockKind, Chart, Inline, Table, TableColumn};
use super::template::{CHART_FENCE, SourceMap, TABLE_FENCE};
use crate::diagnostic::{Diagnostic, Span};

/// What the Markdown of one section holds, besides its blocks: references that are
/// checked once every section is known.
#[derive(Default)]
pub struct Parsed {
    pub blocks: Vec<Block>,
    pub links: Vec<Reference>,
    pub images: Vec<Reference>,
    /// `table(data=…)` calls, to be replaced by the data set's table.
    pub tables: Vec<Reference>,
}

pub struct Reference {
    pub target: String,
    pub span: Span,
}

/// How deeply quotes, lists, emphasis and links may sit inside each other. A real
/// report nests a handful of levels; the document tree is walked by recursion in
/// every later stage (checking, the PDF, the website), so a file of a few kilobytes
/// nesting thousands of `>` would otherwise overflow the stack.
pub const MAX_NESTING: usize = 32;

/// Parses `markdown`; `section_level` is 1 for a chapter, 2 for a sub-section.
/// Markup nested deeper than [`MAX_NESTING`] is an error at the first place it goes
/// too deep.
pub fn parse(markdown: &str, map: &SourceMap, section_level: u8) -> Result<Parsed, Diagnostic> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(markdown, options)
        .into_offset_iter()
        .collect();
    if let Some(range) = too_deep(&events) {
        return Err(Diagnostic::error(
            "nested-too-deeply",
            map.span(range),
            format!("quotes, lists or emphasis here are nested more than {MAX_NESTING} levels deep inside each other"),
        )
        .with_label(format!("level {} starts here", MAX_NESTING + 1))
        .with_help("no report needs this: it is probably a fault in the file (or a file made to break the tool). Remove the extra `>`, list markers or `*`.".to_string()));
    }
    let mut reader = Reader {
        events,
        at: 0,
        map,
        section_level,
        parsed: Parsed::default(),
        images_in_paragraph: Vec::new(),
    };
    let blocks = reader.blocks();
    reader.parsed.blocks = blocks;
    Ok(reader.parsed)
}

/// Where the events first open a container deeper than [`MAX_NESTING`].
fn too_deep(events: &[(Event, Range<usize>)]) -> Option<Range<usize>> {
    let mut depth = 0usize;
    for (event, range) in events {
        match event {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(range.clone());
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

struct Reader<'a, 'm> {
    events: Vec<(Event<'a>, Range<usize>)>,
    at: usize,
    map: &'m SourceMap,
    section_level: u8,
    parsed: Parsed,
    /// Images met in the paragraph being read, placed after it.
    images_in_paragraph: Vec<Block>,
}

impl<'a> Reader<'a, '_> {
    fn next(&mut self) -> Option<(Event<'a>, Range<usize>)> {
        let e = self.events.get(self.at).cloned();
        self.at += 1;
        e
    }

    fn peek(&self) -> Option<&Event<'a>> {
        self.events.get(self.at).map(|(e, _)| e)
    }

    /// Blocks until the end of the enclosing container.
    fn blocks(&mut self) -> Vec<Block> {
        let mut blocks = Vec::new();
        loop {
            match self.peek() {
                None | Some(Event::End(_)) => return blocks,
                Some(Event::Start(tag)) if !is_inline(tag) => {
                    let (event, range) = self.next().unwrap();
                    let Event::Start(tag) = event else {
                        unreachable!()
                    };
                    blocks.extend(self.block(tag, range));
                }
                Some(Event::Rule) => {
                    let (_, range) = self.next().unwrap();
                    blocks.push(self.make(BlockKind::Rule, range));
                }
                Some(Event::Html(_)) => {
                    let (html, range) = self.html_block();
                    let text = strip_tags(&html);
                    blocks.push(self.make(BlockKind::Html { html, text }, range));
                }
                Some(_) => {
                    // Inline content straight inside a container: a tight list item.
                    let start = self.events[self.at].1.start;
                    let mut end = start;
                    let content = self.inlines_until_block(&mut end);
                    blocks.extend(self.paragraph(content, start..end));
                }
            }
        }
    }

    fn make(&self, kind: BlockKind, range: Range<usize>) -> Block {
        Block {
            kind,
            span: self.map.span(range),
        }
    }

    fn html_block(&mut self) -> (String, Range<usize>) {
        let mut html = String::new();
        let mut range: Option<Range<usize>> = None;
        while let Some(Event::Html(_)) = self.peek() {
            let (Event::Html(h), r) = self.next().unwrap() else {
                unreachable!()
            };
            html.push_str(&h);
            range = Some(range.map_or(r.clone(), |x| x.start..r.end));
        }
        (html, range.unwrap_or(0..0))
    }

    fn block(&mut self, tag: Tag<'a>, range: Range<usize>) -> Vec<Block> {
        match tag {
            Tag::Paragraph => {
                let mut end = range.end;
                let content = self.inlines(&mut end);
                self.paragraph(content, range)
            }
            Tag::Heading { level, .. } => {
                let mut end = range.end;
                let content = self.inlines(&mut end);
                let md_level = heading_level(level);
                let level = self.section_level + md_level.saturating_sub(1).max(1);
                vec![self.make(BlockKind::Heading { level, content }, range)]
            }
            Tag::BlockQuote(_) => {
                let blocks = self.blocks();
                self.next();
                vec![self.make(BlockKind::Quote { blocks }, range)]
            }
            Tag::List(start) => {
                let mut items = Vec::new();
                while let Some(Event::Start(Tag::Item)) = self.peek() {
                    self.next();
                    items.push(self.blocks());
                    self.next(); // End(Item)
                }
                self.next(); // End(List)
                vec![self.make(
                    BlockKind::List {
                        ordered: start.is_some(),
                        start: start.unwrap_or(1),
                        items,
                    },
                    range,
                )]
            }
            Tag::CodeBlock(kind) => {
                let mut text = String::new();
                while let Some((event, _)) = self.next() {
                    match event {
                        Event::Text(t) => text.push_str(&t),
                        Event::End(_) => break,
                        _ => {}
                    }
                }
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                if info == TABLE_FENCE {
                    let span = self.map.span(range.clone());
                    self.parsed.tables.push(Reference {
                        target: text.trim().to_string(),
                        span: span.clone(),
                    });
                    // A placeholder the assembler fills with the data set's table.
                    return vec![Block {
                        kind: BlockKind::Table(Table {
                            data: Some(text.trim().to_string()),
                            ..Table::default()
                        }),
                        span,
                    }];
                }
                if info == CHART_FENCE {
                    // A placeholder the assembler fills with the chart's figures.
                    return vec![
                        self.make(BlockKind::Chart(chart_placeholder(text.trim())), range),
                    ];
                }
                vec![self.make(BlockKind::Code { text }, range)]
            }
            Tag::Table(_) => vec![self.markdown_table(range)],
            Tag::HtmlBlock => {
                let (html, r) = self.html_block();
                self.next(); // End(HtmlBlock)
                let text = strip_tags(&html);
                vec![self.make(
                    BlockKind::Html { html, text },
                    if r.is_empty() { range } else { r },
                )]
            }
            _ => {
                // Footnotes, definition lists and other extensions are not enabled;
                // anything else is read for its blocks.
                let blocks = self.blocks();
                self.next();
                blocks
            }
        }
    }

    /// A paragraph; images in it become image blocks of their own after it.
    fn paragraph(&mut self, content: Vec<Inline>, range: Range<usize>) -> Vec<Block> {
        let mut blocks = Vec::new();
        let images = std::mem::take(&mut self.images_in_paragraph);
        let has_text = !super::document::plain_text(&content).trim().is_empty();
        if has_text {
            blocks.push(self.make(BlockKind::Paragraph { content }, range));
        }
        blocks.extend(images);
        blocks
    }

    fn inlines(&mut self, end: &mut usize) -> Vec<Inline> {
        let mut out = Vec::new();
        while let Some((event, range)) = self.next() {
            *end = range.end;
            match event {
                Event::End(_) => break,
                other => self.inline(other, range, &mut out),
            }
        }
        out
    }

    /// Inline content up to the next block start or container end (tight lists).
    fn inlines_until_block(&mut self, end: &mut usize) -> Vec<Inline> {
        let mut out = Vec::new();
        loop {
            match self.peek() {
                None | Some(Event::End(_)) | Some(Event::Rule) => break,
                Some(Event::Start(tag)) if !is_inline(tag) => break,
                _ => {}
            }
            let (event, range) = self.next().unwrap();
            *end = range.end;
            self.inline(event, range, &mut out);
        }
        out
    }

    fn inline(&mut self, event: Event<'a>, range: Range<usize>, out: &mut Vec<Inline>) {
        match event {
            Event::Text(t) => push_text(out, &t),
            Event::Code(t) => out.push(Inline::Code {
                text: t.to_string(),
            }),
            Event::SoftBreak => push_text(out, " "),
            Event::HardBreak => out.push(Inline::Break),
            Event::InlineHtml(h) | Event::Html(h) => out.push(Inline::Html {
                text: strip_tags(&h),
                html: h.to_string(),
            }),
            Event::Start(Tag::Strong) => {
                let mut e = 0;
                out.push(Inline::Strong {
                    content: self.inlines(&mut e),
                })
            }
            Event::Start(Tag::Emphasis) => {
                let mut e = 0;
                out.push(Inline::Emph {
                    content: self.inlines(&mut e),
                })
            }
            Event::Start(Tag::Strikethrough) => {
                let mut e = 0;
                out.push(Inline::Strike {
                    content: self.inlines(&mut e),
                })
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let mut e = 0;
                let content = self.inlines(&mut e);
                let url = dest_url.to_string();
                self.parsed.links.push(Reference {
                    target: url.clone(),
                    span: self.map.span(range),
                });
                let section = url.strip_prefix('#').map(str::to_string);
                out.push(Inline::Link {
                    url,
                    section,
                    content,
                });
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let mut e = 0;
                let alt = super::document::plain_text(&self.inlines(&mut e))
                    .trim()
                    .to_string();
                let span = self.map.span(range);
                self.parsed.images.push(Reference {
                    target: dest_url.to_string(),
                    span: span.clone(),
                });
                self.images_in_paragraph.push(Block {
                    kind: BlockKind::Image {
                        src: dest_url.to_string(),
                        alt,
                        caption: (!title.is_empty()).then(|| title.to_string()),
                    },
                    span,
                });
            }
            Event::Start(_) => {
                let mut e = 0;
                out.extend(self.inlines(&mut e));
            }
            Event::FootnoteReference(t) => push_text(out, &t),
            Event::TaskListMarker(done) => push_text(out, if done { "[x] " } else { "[ ] " }),
            Event::InlineMath(t) | Event::DisplayMath(t) => push_text(out, &t),
            Event::End(_) | Event::Rule => {}
        }
    }

    /// A table typed in Markdown: shown as it is, with its first row as the header.
    fn markdown_table(&mut self, range: Range<usize>) -> Block {
        let mut header = Vec::new();
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut in_head = false;
        while let Some((event, _)) = self.next() {
            match event {
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => in_head = false,
                Event::Start(Tag::TableRow) => rows.push(Vec::new()),
                Event::Start(Tag::TableCell) => {
                    let mut e = 0;
                    let text = super::document::plain_text(&self.inlines(&mut e));
                    if in_head {
                        header.push(text);
                    } else if let Some(row) = rows.last_mut() {
                        row.push(text);
                    }
                }
                Event::End(TagEnd::Table) => break,
                _ => {}
            }
        }
        let numeric = |i: usize| {
            rows.iter()
                .all(|r| r.get(i).is_none_or(|c| looks_numeric(c)))
        };
        let columns = header
            .into_iter()
            .enumerate()
            .map(|(i, title)| TableColumn {
                title,
                numeric: numeric(i),
            })
            .collect();
        self.make(
            BlockKind::Table(Table {
                data: None,
                title: None,
                columns,
                rows,
                total: None,
                source: None,
                notes: None,
                label: None,
            }),
            range,
        )
    }
}

/// A chart block naming only its chart, until the assembler draws it from its data.
fn chart_placeholder(id: &str) -> Chart {
    Chart {
        id: id.to_string(),
        kind: crate::model::ChartKind::Bar,
        title: String::new(),
        alt: String::new(),
        measure: String::new(),
        unit: crate::model::Unit::Count,
        categories: vec![],
        series: vec![],
        table: Table::default(),
        table_label: None,
    }
}

fn looks_numeric(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || ",.%£+-−".contains(c))
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn push_text(out: &mut Vec<Inline>, text: &str) {
    if let Some(Inline::Text { text: last }) = out.last_mut() {
        last.push_str(text);
    } else {
        out.push(Inline::Text {
            text: text.to_string(),
        });
    }
}

/// The text of some HTML, tags removed and the common entities decoded.
pub fn strip_tags(html: &str) -> String {
    // A comment is never text, whatever it holds ("a > b" included), and neither is
    // what a script or style element holds.
    let mut html = html.to_string();
    for (open, close) in [
        ("<!--", "-->"),
        ("<script", "</script>"),
        ("<style", "</style>"),
    ] {
        while let Some(start) = html.to_ascii_lowercase().find(open) {
            let end = html.to_ascii_lowercase()[start..]
                .find(close)
                .map_or(html.len(), |e| start + e + close.len());
            html.replace_range(start..end, "");
        }
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
}

#[cfg(test)]
mod strip_tags_tests {
    use super::strip_tags;

    #[test]
    fn comments_scripts_and_styles_are_not_text() {
        assert_eq!(
            strip_tags("<p>Before<!-- a note: a > b --> after</p>"),
            "Before after"
        );
        assert_eq!(strip_tags("x<!-- never closed > y"), "x");
        assert_eq!(
            strip_tags("<SCRIPT>alert(1)</SCRIPT>ok<style>p{}</style>"),
            "ok"
        );
        assert_eq!(strip_tags("<b>5 &gt; 3</b>"), "5 > 3");
    }
}
