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
use super::{Builder, Extracted};
use crate::assemble::BlockKind;
use crate::diagnostic::{Sources, Span};

/// What the tokenizer met, with the line it was on.
enum Event {
    Start(String, Vec<(String, String)>, usize),
    End(String, usize),
    Text(String, usize),
}

#[derive(Default)]
struct Sink {
    events: RefCell<Vec<Event>>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let line = line as usize;
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

fn events(html: &str) -> Vec<Event> {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.events.take()
}

/// Reads a page, or a folder of pages.
pub fn read(path: &Path, name: &str) -> Result<Extracted, String> {
    let pages = if path.is_dir() {
        pages(path)?
    } else {
        vec![path.to_path_buf()]
    };
    let single = pages.len() == 1;
    let mut sources = Sources::default();
    let mut sections = Vec::new();
    let mut title = None;
    for page in &pages {
        let text = std::fs::read_to_string(page)
            .map_err(|e| format!("cannot read {}: {e}", page.display()))?;
        let file_name = if path.is_dir() {
            format!(
                "{name}/{}",
                page.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            )
        } else {
            name.to_string()
        };
        let file = sources.add(&file_name, &text);
        let (page_title, mut s) = read_page(&file, &text, single);
        if title.is_none() {
            title = page_title;
        }
        sections.append(&mut s);
    }
    // Pages may repeat a heading; ids stay unique across them.
    let mut seen = std::collections::HashSet::new();
    for s in &mut sections {
        let base = s.id.clone();
        let mut n = 2;
        while !seen.insert(s.id.clone()) {
            s.id = format!("{base}-{n}");
            n += 1;
        }
    }
    Ok(Extracted {
        sections,
        sources,
        title,
        tagged: None,
    })
}

/// The pages of a folder: `index.html` first, then in the order its links name them,
/// then the rest by file name.
fn pages(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut all: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot be read as a folder: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
        })
        .collect();
    all.sort();
    if all.is_empty() {
        return Err("is a folder with no .html pages in it and no report.yaml: give a report file, a folder of saved web pages, or a project folder".to_string());
    }
    let mut order = Vec::new();
    if let Some(index) = all
        .iter()
        .find(|p| p.file_name().is_some_and(|n| n == "index.html"))
        .cloned()
    {
        order.push(index.clone());
        let text = std::fs::read_to_string(&index).unwrap_or_default();
        for e in events(&text) {
            if let Event::Start(tag, attrs, _) = e
                && tag == "a"
                && let Some((_, href)) = attrs.iter().find(|(k, _)| k == "href")
            {
                let target = href.split(['#', '?']).next().unwrap_or("");
                if let Some(p) = all
                    .iter()
                    .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy() == target))
                    && !order.contains(p)
                {
                    order.push(p.clone());
                }
            }
        }
    }
    for p in all {
        if !order.contains(&p) {
            order.push(p);
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
) -> (Option<String>, Vec<crate::assemble::Section>) {
    let events = events(text);
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let span_of = |first: usize, last: usize| {
        let start = line_starts
            .get(first.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let end = line_starts
            .get(last)
            .map_or(text.len(), |e| e.saturating_sub(1))
            .max(start);
        Span::new(file, start..end)
    };
    let has_main = events
        .iter()
        .any(|e| matches!(e, Event::Start(t, _, _) if t == "main"));
    let h1s = events
        .iter()
        .filter(|e| matches!(e, Event::Start(t, _, _) if t == "h1"))
        .count();
    let has_h2 = events
        .iter()
        .any(|e| matches!(e, Event::Start(t, _, _) if t == "h2"));
    let shift = u8::from(single && h1s == 1 && has_h2);
    let mut title = events.iter().enumerate().find_map(|(i, e)| match e {
        Event::Start(t, _, _) if t == "title" => match events.get(i + 1) {
            Some(Event::Text(s, _)) => Some(s.trim().to_string()),
            _ => None,
        },
        _ => None,
    });

    let mut b = Builder::new(file);
    let mut inside = !has_main;
    let mut main_depth = 0;
    // The element being left out (`nav`, say) and how deep in it the reader is.
    let mut skip: Option<(String, usize)> = None;
    let mut lists: Vec<bool> = Vec::new();
    let mut buffer = String::new();
    let mut buffer_line = 0;
    let mut block: Option<(String, usize)> = None;
    let mut table: Option<(Vec<Vec<String>>, usize)> = None;
    let mut cell: Option<String> = None;
    let flush = |buffer: &mut String,
                 kind: Option<&(String, usize)>,
                 line: usize,
                 start: usize,
                 b: &mut Builder,
                 lists: &[bool],
                 title: &mut Option<String>| {
        let words = buffer.split_whitespace().collect::<Vec<_>>().join(" ");
        buffer.clear();
        if words.is_empty() {
            return;
        }
        let span = span_of(start.max(1), line.max(start));
        match kind.map(|k| k.0.as_str()) {
            Some(h) if h.len() == 2 && h.starts_with('h') => {
                let level = h[1..].parse::<u8>().unwrap_or(1);
                if shift == 1 && level == 1 {
                    *title = Some(words);
                    return;
                }
                let (number, words) = super::docx::split_number(&words);
                b.heading(level - shift.min(level - 1), number, &words, span);
            }
            Some("li") => b.item(lists.last().copied().unwrap_or(false), 1, &words, span),
            _ => b.paragraph(&words, span),
        }
    };
    for e in &events {
        match e {
            Event::Start(tag, attrs, line) => {
                if tag == "main" {
                    inside = true;
                    main_depth += 1;
                    continue;
                }
                if let Some((t, depth)) = &mut skip {
                    if t == tag {
                        *depth += 1;
                    }
                    continue;
                }
                let role_nav = attrs.iter().any(|(k, v)| {
                    k == "role" && (v == "navigation" || v == "banner" || v == "contentinfo")
                });
                // A header inside `main` is the page's own (its title); outside, the
                // site's banner.
                let page_part = has_main && matches!(tag.as_str(), "header" | "footer");
                if (SKIP.contains(&tag.as_str()) && !page_part) || role_nav {
                    skip = Some((tag.clone(), 1));
                    continue;
                }
                if !inside {
                    continue;
                }
                match tag.as_str() {
                    "ul" | "ol" => lists.push(tag == "ol"),
                    "table" => table = Some((Vec::new(), *line)),
                    "tr" => {
                        if let Some((rows, _)) = &mut table {
                            rows.push(Vec::new());
                        }
                    }
                    "td" | "th" if table.is_some() => cell = Some(String::new()),
                    "br" => buffer.push(' '),
                    "img" => {
                        let get =
                            |k: &str| attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone());
                        let src = get("src").unwrap_or_default();
                        b.block(
                            BlockKind::Image {
                                src,
                                alt: get("alt").unwrap_or_default(),
                                caption: None,
                            },
                            span_of(*line, *line),
                        );
                    }
                    t if BLOCKS.contains(&t) && table.is_none() => {
                        flush(
                            &mut buffer,
                            block.as_ref(),
                            *line,
                            buffer_line,
                            &mut b,
                            &lists,
                            &mut title,
                        );
                        block = Some((t.to_string(), *line));
                        buffer_line = *line;
                    }
                    _ => {}
                }
            }
            Event::End(tag, line) => {
                if tag == "main" {
                    main_depth -= 1;
                    inside = main_depth > 0;
                    continue;
                }
                if let Some((t, depth)) = &mut skip {
                    if t == tag {
                        *depth -= 1;
                        if *depth == 0 {
                            skip = None;
                        }
                    }
                    continue;
                }
                if !inside {
                    continue;
                }
                match tag.as_str() {
                    "ul" | "ol" => {
                        flush(
                            &mut buffer,
                            block.as_ref(),
                            *line,
                            buffer_line,
                            &mut b,
                            &lists,
                            &mut title,
                        );
                        block = None;
                        lists.pop();
                    }
                    "td" | "th" => {
                        if let (Some((rows, _)), Some(c)) = (&mut table, cell.take())
                            && let Some(row) = rows.last_mut()
                        {
                            row.push(c.split_whitespace().collect::<Vec<_>>().join(" "));
                        }
                    }
                    "table" => {
                        if let Some((mut rows, first)) = table.take() {
                            rows.retain(|r| !r.is_empty());
                            if !rows.is_empty() {
                                let header = rows.remove(0);
                                b.block(
                                    BlockKind::Table(table_of(header, rows)),
                                    span_of(first, *line),
                                );
                            }
                        }
                    }
                    t if BLOCKS.contains(&t) && table.is_none() => {
                        flush(
                            &mut buffer,
                            block.as_ref(),
                            *line,
                            buffer_line,
                            &mut b,
                            &lists,
                            &mut title,
                        );
                        block = None;
                        buffer_line = *line;
                    }
                    "div" | "section" | "article" | "figure" if table.is_none() => {
                        flush(
                            &mut buffer,
                            block.as_ref(),
                            *line,
                            buffer_line,
                            &mut b,
                            &lists,
                            &mut title,
                        );
                    }
                    _ => {}
                }
            }
            Event::Text(t, line) => {
                if skip.is_some() || !inside {
                    continue;
                }
                if let Some(c) = &mut cell {
                    c.push_str(t);
                } else if table.is_none() {
                    if buffer.trim().is_empty() {
                        buffer_line = *line;
                    }
                    buffer.push_str(t);
                }
            }
        }
    }
    let end = text.lines().count();
    flush(
        &mut buffer,
        block.as_ref(),
        end,
        buffer_line,
        &mut b,
        &lists,
        &mut title,
    );
    (title, b.finish())
}
