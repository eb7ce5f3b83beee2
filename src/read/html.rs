//! Web pages: one `.html` file, or a folder of them (a saved web edition with a page
//! per section) read in link order from `index.html`, then by file name. Only the
//! page's `main` content is read (the whole `body` when there is no `main`), and
//! navigation, headers, footers and scripts are left out. `h1`–`h6` are headings,
//! `p` paragraphs, `ul`/`ol` lists, `table` tables with their cells, `img` images with
//! their alt text.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::text::table_of;
use super::{Builder, Extracted, limits};
use crate::assemble::BlockKind;
use crate::diagnostic::{Sources, Span};

/// What the tokenizer met, with the line it was on.
enum Event {
    Start(String, Vec<(String, String)>, usize),
    End(String, usize),
    Text(String, usize),
}

/// Collects the events of a page, up to [`limits::MAX_HTML_ELEMENTS`] start tags
/// (after which it keeps counting but no longer keeps them).
#[derive(Default)]
struct Sink {
    events: RefCell<Vec<Event>>,
    elements: std::cell::Cell<usize>,
}

impl Sink {
    fn over(&self) -> bool {
        self.elements.get() > limits::MAX_HTML_ELEMENTS
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let line = line as usize;
        if let Token::TagToken(tag) = &token
            && tag.kind == TagKind::StartTag
        {
            self.elements.set(self.elements.get() + 1);
        }
        if self.over() {
            return TokenSinkResult::Continue;
        }
        let mut events = self.events.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                match tag.kind {
                    TagKind::StartTag => {
                        let attrs = tag
                            .attrs
                            .iter()
                            .map(|a| (a.name.local.to_string(), a.value.to_string()))
                            .collect();
                        events.push(Event::Start(name.clone(), attrs, line));
                        match name.as_str() {
                            "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                            "style" | "noscript" | "template" => {
                                return TokenSinkResult::RawData(RawKind::Rawtext);
                            }
                            "title" | "textarea" => {
                                return TokenSinkResult::RawData(RawKind::Rcdata);
                            }
                            _ => {}
                        }
                    }
                    TagKind::EndTag => events.push(Event::End(name, line)),
                }
            }
            Token::CharacterTokens(t) => events.push(Event::Text(t.to_string(), line)),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The events of a page, and how many elements it has (counting past the limit).
fn events(html: &str) -> (Vec<Event>, usize) {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    (tokenizer.sink.events.take(), tokenizer.sink.elements.get())
}

fn too_many_elements() -> String {
    format!(
        "has more than {} elements, over the limit (a long report's web edition has tens of thousands): it is probably not a real report. Check the right file",
        limits::count(limits::MAX_HTML_ELEMENTS as u64)
    )
}

/// Reads one page, from its bytes (at most [`limits::MAX_TEXT_BYTES`]).
pub fn read_one(name: &str, bytes: Vec<u8>) -> Result<Extracted, String> {
    let text = String::from_utf8(bytes).map_err(|_| {
        "is not UTF-8 text: save the page again as UTF-8 (in a browser: Save Page As, \"Web Page, HTML only\")".to_string()
    })?;
    let mut sources = Sources::default();
    let file = sources.add(name, &text);
    let (title, sections) = read_page(&file, &text, true)?;
    Ok(Extracted {
        sections,
        sources,
        title,
        tagged: None,
    })
}

/// Reads a folder of pages (a saved web edition), the pages together at most
/// [`limits::MAX_TEXT_BYTES`] and [`limits::MAX_HTML_ELEMENTS`].
pub fn read(dir: &Path, name: &str) -> Result<Extracted, String> {
    let pages = pages(dir)?;
    let mut sources = Sources::default();
    let mut sections = Vec::new();
    let mut title = None;
    let mut total = 0;
    for page in &pages {
        let page_name = page
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = limits::read_file(page, limits::MAX_TEXT_BYTES)
            .map_err(|e| format!("holds {page_name}, which {e}"))?;
        total += bytes.len() as u64;
        if total > limits::MAX_TEXT_BYTES {
            return Err(format!(
                "holds pages that together are larger than the limit of {} MB: a report's web edition is far smaller. Give the folder of the report alone",
                limits::mb(limits::MAX_TEXT_BYTES)
            ));
        }
        let text = String::from_utf8(bytes).map_err(|_| {
            format!("holds {page_name}, which is not UTF-8 text: save the pages again as UTF-8")
        })?;
        let file = sources.add(&format!("{name}/{page_name}"), &text);
        let (page_title, mut s) = read_page(&file, &text, pages.len() == 1)
            .map_err(|e| format!("holds {page_name}, which {e}"))?;
        if title.is_none() {
            title = page_title;
        }
        sections.append(&mut s);
        if sections.iter().map(|s| s.blocks.len() + 1).sum::<usize>() > limits::MAX_BLOCKS {
            return Err(limits::too_many_blocks());
        }
    }
    unique_ids(&mut sections);
    Ok(Extracted {
        sections,
        sources,
        title,
        tagged: None,
    })
}

/// Pages may repeat a heading; ids stay unique across them. Each id's base remembers
/// the next number to try, so thousands of pages of one title take linear time.
fn unique_ids(sections: &mut [crate::assemble::Section]) {
    let mut seen = std::collections::HashSet::new();
    let mut next: std::collections::HashMap<String, usize> = Default::default();
    for s in sections {
        let base = s.id.clone();
        let n = next.entry(base.clone()).or_insert(2);
        while !seen.insert(s.id.clone()) {
            s.id = format!("{base}-{n}");
            *n += 1;
        }
    }
}

/// A page of the folder, or why the folder cannot be read: only regular files that
/// are in the folder once every link is followed are read, so a page that is a link
/// to a file elsewhere (`leak.html` → `/etc/passwd`) never puts that file's words in
/// a finding. A link that leads nowhere (missing, or round in a circle) is named.
fn page_of(dir: &Path, path: &Path) -> Result<Option<PathBuf>, String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let meta = std::fs::symlink_metadata(path)
        .map_err(|e| format!("holds {name}, which cannot be read: {e}"))?;
    if !meta.file_type().is_symlink() {
        return Ok(meta.is_file().then(|| path.to_path_buf()));
    }
    let target = std::fs::canonicalize(path).map_err(|_| {
        format!("holds {name}, which is a link that leads nowhere (to a file that is missing, or round in a circle): remove it, or put the page itself in the folder")
    })?;
    if !target.starts_with(dir) {
        return Err(format!(
            "holds {name}, which is a link to {}, outside the folder: only the folder's own pages are read, so that nothing else on this computer gets into the findings. Copy the page into the folder instead of linking to it",
            target.display()
        ));
    }
    Ok(std::fs::metadata(&target)
        .is_ok_and(|m| m.is_file())
        .then_some(target))
}

/// The pages of a folder: `index.html` first, then in the order its links name them,
/// then the rest by file name. Only the folder itself is listed (never its
/// sub-folders), so links between folders cannot lead the reader round in circles.
fn pages(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let root =
        std::fs::canonicalize(dir).map_err(|e| format!("cannot be read as a folder: {e}"))?;
    let mut all: Vec<(String, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("cannot be read as a folder: {e}"))? {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        let html = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
        if !html {
            continue;
        }
        if let Some(page) = page_of(&root, &path)? {
            let name = entry.file_name().to_string_lossy().into_owned();
            all.push((name, page));
        }
        if all.len() > limits::MAX_WEB_PAGES {
            return Err(format!(
                "holds more than {} web pages, over the limit: a report's web edition has a few dozen. Give the folder of the report alone",
                limits::count(limits::MAX_WEB_PAGES as u64)
            ));
        }
    }
    all.sort();
    if all.is_empty() {
        return Err("is a folder with no .html pages in it and no report.yaml: give a report file, a folder of saved web pages, or a project folder".to_string());
    }
    let index_of: std::collections::HashMap<&str, usize> = all
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (n.as_str(), i))
        .collect();
    let mut taken = vec![false; all.len()];
    let mut order = Vec::new();
    if let Some(&index) = index_of.get("index.html") {
        taken[index] = true;
        order.push(all[index].1.clone());
        let bytes = limits::read_file(&all[index].1, limits::MAX_TEXT_BYTES).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        for e in events(&text).0 {
            if let Event::Start(tag, attrs, _) = e
                && tag == "a"
                && let Some((_, href)) = attrs.iter().find(|(k, _)| k == "href")
            {
                let target = href.split(['#', '?']).next().unwrap_or("");
                if let Some(&i) = index_of.get(target)
                    && !taken[i]
                {
                    taken[i] = true;
                    order.push(all[i].1.clone());
                }
            }
        }
    }
    for (i, (_, p)) in all.iter().enumerate() {
        if !taken[i] {
            order.push(p.clone());
        }
    }
    Ok(order)
}

const SKIP: &[&str] = &[
    "nav", "header", "footer", "aside", "script", "style", "noscript", "template", "form",
    "button", "select", "svg", "head",
];
const BLOCKS: &[&str] = &[
    "p",
    "li",
    "dt",
    "dd",
    "caption",
    "figcaption",
    "pre",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];

/// One page: its title and sections. On a single page, a lone `h1` above `h2`
/// chapters is the report's title.
fn read_page(
    file: &Arc<str>,
    text: &str,
    single: bool,
) -> Result<(Option<String>, Vec<crate::assemble::Section>), String> {
    let (events, elements) = events(text);
    if elements > limits::MAX_HTML_ELEMENTS {
        return Err(too_many_elements());
    }
    let starts = |name: &str| {
        events
            .iter()
            .filter(|e| matches!(e, Event::Start(t, _, _) if t == name))
            .count()
    };
    let has_main = starts("main") > 0;
    let shift = u8::from(single && starts("h1") == 1 && starts("h2") > 0);
    let title = events.iter().enumerate().find_map(|(i, e)| match e {
        Event::Start(t, _, _) if t == "title" => match events.get(i + 1) {
            Some(Event::Text(s, _)) => Some(s.trim().to_string()),
            _ => None,
        },
        _ => None,
    });
    let mut page = Page::new(file, text, has_main, shift, title);
    for e in &events {
        match e {
            Event::Start(tag, attrs, line) => page.start(tag, attrs, *line),
            Event::End(tag, line) => page.end(tag, *line),
            Event::Text(t, line) => page.text(t, *line),
        }
    }
    page.flush(text.lines().count());
    Ok((page.title, page.blocks.finish()?))
}

/// A page being read, event by event: where the reader is (inside `main`, inside
/// something left out such as `nav`, in a list or a table) and the text it is
/// collecting for the block it is in.
struct Page<'a> {
    file: &'a Arc<str>,
    /// The byte where each line starts, so a block's lines become a span.
    line_starts: Vec<usize>,
    len: usize,
    has_main: bool,
    /// 1 when the page's lone `h1` is the report's title and its `h2`s are chapters.
    shift: u8,
    title: Option<String>,
    blocks: Builder,
    inside: bool,
    main_depth: usize,
    /// The element being left out (`nav`, say) and how deep in it the reader is.
    skip: Option<(String, usize)>,
    /// The lists the reader is in, innermost last: whether each is numbered.
    lists: Vec<bool>,
    buffer: String,
    buffer_line: usize,
    /// The block element the text belongs to, and its line.
    block: Option<(String, usize)>,
    /// The rows of the table being read, and its first line.
    table: Option<(Vec<Vec<String>>, usize)>,
    cell: Option<String>,
}

impl<'a> Page<'a> {
    fn new(
        file: &'a Arc<str>,
        text: &str,
        has_main: bool,
        shift: u8,
        title: Option<String>,
    ) -> Page<'a> {
        Page {
            file,
            line_starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            len: text.len(),
            has_main,
            shift,
            title,
            blocks: Builder::new(file),
            inside: !has_main,
            main_depth: 0,
            skip: None,
            lists: Vec::new(),
            buffer: String::new(),
            buffer_line: 0,
            block: None,
            table: None,
            cell: None,
        }
    }

    /// The span of lines `first` to `last` (from 1).
    fn span(&self, first: usize, last: usize) -> Span {
        let start = self
            .line_starts
            .get(first.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let end = self
            .line_starts
            .get(last)
            .map_or(self.len, |e| e.saturating_sub(1))
            .max(start);
        Span::new(self.file, start..end)
    }

    /// Ends the block being collected at `line`: a heading, a list item or a
    /// paragraph, by the element it is in.
    fn flush(&mut self, line: usize) {
        let words = self.buffer.split_whitespace().collect::<Vec<_>>().join(" ");
        self.buffer.clear();
        if words.is_empty() {
            return;
        }
        let start = self.buffer_line;
        let span = self.span(start.max(1), line.max(start));
        let shift = self.shift;
        match self.block.as_ref().map(|k| k.0.as_str()) {
            Some(h) if h.len() == 2 && h.starts_with('h') => {
                let level = h[1..].parse::<u8>().unwrap_or(1);
                if shift == 1 && level == 1 {
                    self.title = Some(words);
                    return;
                }
                let (number, words) = super::docx::split_number(&words);
                let level = level - shift.min(level - 1);
                self.blocks.heading(level, number, &words, span);
            }
            Some("li") => {
                let ordered = self.lists.last().copied().unwrap_or(false);
                self.blocks.item(ordered, 1, &words, span);
            }
            _ => self.blocks.paragraph(&words, span),
        }
    }

    fn start(&mut self, tag: &str, attrs: &[(String, String)], line: usize) {
        if tag == "main" {
            self.inside = true;
            self.main_depth += 1;
            return;
        }
        if let Some((t, depth)) = &mut self.skip {
            if t == tag {
                *depth += 1;
            }
            return;
        }
        let role_nav = attrs.iter().any(|(k, v)| {
            k == "role"
                && (v == "navigation" || v == "banner" || v == "contentinfo" || v == "doc-toc")
        });
        // A header inside `main` is the page's own (its title); outside, the site's
        // banner.
        let page_part = self.has_main && matches!(tag, "header" | "footer");
        if (SKIP.contains(&tag) && !page_part) || role_nav {
            self.skip = Some((tag.to_string(), 1));
            return;
        }
        if self.inside {
            self.open(tag, attrs, line);
        }
    }

    /// An element of the content opens.
    fn open(&mut self, tag: &str, attrs: &[(String, String)], line: usize) {
        match tag {
            "ul" | "ol" => self.lists.push(tag == "ol"),
            "table" => self.table = Some((Vec::new(), line)),
            "tr" => {
                if let Some((rows, _)) = &mut self.table {
                    rows.push(Vec::new());
                }
            }
            "td" | "th" if self.table.is_some() => self.cell = Some(String::new()),
            "br" => self.buffer.push(' '),
            "img" => {
                let get = |k: &str| attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone());
                let image = BlockKind::Image {
                    src: get("src").unwrap_or_default(),
                    alt: get("alt").unwrap_or_default(),
                    caption: None,
                };
                let span = self.span(line, line);
                self.blocks.block(image, span);
            }
            t if BLOCKS.contains(&t) && self.table.is_none() => {
                self.flush(line);
                self.block = Some((t.to_string(), line));
                self.buffer_line = line;
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: &str, line: usize) {
        if tag == "main" {
            self.main_depth -= 1;
            self.inside = self.main_depth > 0;
            return;
        }
        if let Some((t, depth)) = &mut self.skip {
            if t == tag {
                *depth -= 1;
                if *depth == 0 {
                    self.skip = None;
                }
            }
            return;
        }
        if self.inside {
            self.close(tag, line);
        }
    }

    /// An element of the content closes.
    fn close(&mut self, tag: &str, line: usize) {
        match tag {
            "ul" | "ol" => {
                self.flush(line);
                self.block = None;
                self.lists.pop();
            }
            "td" | "th" => {
                if let (Some((rows, _)), Some(c)) = (&mut self.table, self.cell.take())
                    && let Some(row) = rows.last_mut()
                {
                    row.push(c.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
            "table" => {
                if let Some((mut rows, first)) = self.table.take() {
                    rows.retain(|r| !r.is_empty());
                    if !rows.is_empty() {
                        let header = rows.remove(0);
                        let span = self.span(first, line);
                        self.blocks
                            .block(BlockKind::Table(table_of(header, rows)), span);
                    }
                }
            }
            t if BLOCKS.contains(&t) && self.table.is_none() => {
                self.flush(line);
                self.block = None;
                self.buffer_line = line;
            }
            "div" | "section" | "article" | "figure" if self.table.is_none() => self.flush(line),
            _ => {}
        }
    }

    fn text(&mut self, t: &str, line: usize) {
        if self.skip.is_some() || !self.inside {
            return;
        }
        if let Some(c) = &mut self.cell {
            c.push_str(t);
        } else if self.table.is_none() {
            if self.buffer.trim().is_empty() {
                self.buffer_line = line;
            }
            self.buffer.push_str(t);
        }
    }
}
