//! Document blocks → HTML for the website.
//!
//! Every piece of text is escaped here; raw HTML from the Markdown passes through
//! ammonia, so no partner's text can carry a script, an event handler or a
//! `javascript:` link onto the partnership's website. Braces are escaped too, so
//! nothing can reach mdBook's `{{#include}}` directives.

use crate::assemble::{Block, BlockKind, Chart, Inline, Section, Table};

/// The banner at the top of every page of a draft.
pub const DRAFT_BANNER: &str = "<p class=\"sr-draft\" role=\"note\" style=\"border: 3px solid #b00020; padding: 0.5em; color: #b00020\"><strong>DRAFT</strong>: not for publication.</p>\n";

/// The HTML of one section's page body. It has no blank lines, so mdBook takes it
/// as one raw HTML block and does not read it as Markdown.
pub fn section(section: &Section, draft: bool) -> String {
    let mut out = String::from("<div class=\"sr-section\">\n");
    if draft {
        out.push_str(DRAFT_BANNER);
    }
    out.push_str(&format!(
        "<h1 id=\"{}\">{}</h1>\n",
        attr(&section.id),
        text(&section.heading())
    ));
    if let Some(p) = &section.partner {
        out.push_str(&format!(
            "<p class=\"sr-partner\"><em>Contributed by {}</em></p>\n",
            text(&p.name)
        ));
    }
    let mut headings = 0;
    for b in &section.blocks {
        block(b, section.level, &mut headings, &mut out);
    }
    out.push_str("</div>\n");
    out
}

fn block(b: &Block, section_level: u8, headings: &mut usize, out: &mut String) {
    match &b.kind {
        BlockKind::Heading { level, content } => {
            *headings += 1;
            let h = (level.saturating_sub(section_level) + 1).clamp(2, 6);
            let plain = crate::assemble::plain_text(content);
            out.push_str(&format!(
                "<h{h} id=\"{}\">{}</h{h}>\n",
                attr(&slug(&plain, *headings)),
                inlines(content)
            ));
        }
        BlockKind::Paragraph { content } => out.push_str(&format!("<p>{}</p>\n", inlines(content))),
        BlockKind::List {
            ordered,
            start,
            items,
        } => {
            let open = if *ordered && *start != 1 {
                format!("<ol start=\"{start}\">")
            } else if *ordered {
                "<ol>".to_string()
            } else {
                "<ul>".to_string()
            };
            out.push_str(&open);
            for item in items {
                out.push_str("<li>");
                // A tight item's single paragraph reads better without <p>.
                match item.as_slice() {
                    [
                        Block {
                            kind: BlockKind::Paragraph { content },
                            ..
                        },
                    ] => out.push_str(&inlines(content)),
                    _ => {
                        out.push('\n');
                        for b in item {
                            block(b, section_level, headings, out);
                        }
                    }
                }
                out.push_str("</li>\n");
            }
            out.push_str(if *ordered { "</ol>\n" } else { "</ul>\n" });
        }
        BlockKind::Quote { blocks } => {
            out.push_str("<blockquote>\n");
            for b in blocks {
                block(b, section_level, headings, out);
            }
            out.push_str("</blockquote>\n");
        }
        BlockKind::Code { text: t } => out.push_str(&format!(
            "<pre><code>{}</code></pre>\n",
            text(t).replace('\n', "&#10;")
        )),
        BlockKind::Rule => out.push_str("<hr>\n"),
        BlockKind::Table(t) => table(t, out),
        BlockKind::Chart(c) => chart(c, out),
        BlockKind::Image { src, alt, caption } => {
            out.push_str(&format!(
                "<figure class=\"sr-image\"><img src=\"{}\" alt=\"{}\">",
                attr(src),
                attr(alt)
            ));
            if let Some(c) = caption {
                out.push_str(&format!("<figcaption>{}</figcaption>", text(c)));
            }
            out.push_str("</figure>\n");
        }
        BlockKind::Html { html, .. } => {
            let clean = ammonia::clean(html);
            out.push_str(&no_blank_lines(&braces(&clean)));
            out.push('\n');
        }
    }
}

/// A chart, its caption, and its figures in a table a reader can open. On a wide
/// screen the chart is an image of its SVG file, the same as the PDF's; on a phone
/// (the stylesheet chooses, no script) it is drawn again for the narrow width, in the
/// page, so its text stays at the page's size. Only one of the two is displayed, so
/// a screen reader meets one image with one name.
fn chart(c: &Chart, out: &mut String) {
    out.push_str(&format!(
        "<figure class=\"sr-chart\" id=\"chart-{}\"><figcaption><strong>{}</strong></figcaption><img src=\"{}\" alt=\"{}\" class=\"sr-chart-wide\" style=\"max-width: 100%; height: auto; background: #ffffff\">",
        attr(&c.id),
        text(&c.title),
        attr(&c.file()),
        attr(&c.alt)
    ));
    // The narrow drawing goes in after mdBook has built the page (see
    // `narrow_chart_slot`), so its labels stay out of the search index.
    out.push_str(&narrow_chart_slot(&c.id));
    out.push_str("<details><summary>Show the figures</summary>");
    table(&c.table, out);
    out.push_str("</details></figure>\n");
}

/// Where a chart's narrow drawing goes in a page: an empty element the website's
/// last step replaces with the drawing. mdBook indexes every word of a page for its
/// search, a chart's axis labels and figures too ("0% 40% 80% Per cent (%) 5.6% 8%"),
/// which would bury the report's words in search results; the figures are in the
/// table beside the chart, which the index keeps.
pub fn narrow_chart_slot(id: &str) -> String {
    format!(
        "<svg class=\"sr-chart-narrow\" data-sr-narrow=\"{}\"></svg>",
        attr(id)
    )
}

/// A table inside its own scrolling region, so a wide one scrolls on a phone
/// without moving the page (WCAG 1.4.10); keyboard users reach it with Tab.
fn table(t: &Table, out: &mut String) {
    let name = match &t.title {
        Some(title) => title.clone(),
        None => format!(
            "Table of {}",
            t.columns
                .iter()
                .map(|c| c.title.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    out.push_str(&format!(
        "<figure class=\"sr-table\"><div class=\"sr-table-scroll\" role=\"region\" aria-label=\"{}\" tabindex=\"0\"><table>",
        attr(&name)
    ));
    if let Some(title) = &t.title {
        out.push_str(&format!("<caption>{}</caption>", text(title)));
    }
    out.push_str("<thead><tr>");
    for c in &t.columns {
        out.push_str(&format!(
            "<th scope=\"col\"{}>{}</th>",
            numeric(c.numeric),
            text(&c.title)
        ));
    }
    out.push_str("</tr></thead><tbody>");
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let n = t.columns.get(i).is_some_and(|c| c.numeric);
            // A cell holding several entries has one per line.
            let lines: Vec<String> = cell.split('\n').map(text).collect();
            out.push_str(&format!("<td{}>{}</td>", numeric(n), lines.join("<br>")));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody>");
    if let Some(total) = &t.total {
        out.push_str("<tfoot><tr>");
        for (i, cell) in total.iter().enumerate() {
            let n = t.columns.get(i).is_some_and(|c| c.numeric);
            if i == 0 {
                out.push_str(&format!("<th scope=\"row\">{}</th>", text(cell)));
            } else {
                out.push_str(&format!(
                    "<td{}><strong>{}</strong></td>",
                    numeric(n),
                    text(cell)
                ));
            }
        }
        out.push_str("</tr></tfoot>");
    }
    out.push_str("</table></div>");
    let note: Vec<&str> = [t.notes.as_deref(), t.source.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !note.is_empty() {
        out.push_str(&format!(
            "<figcaption class=\"sr-source\">{}</figcaption>",
            text(&note.join(" "))
        ));
    }
    out.push_str("</figure>\n");
}

/// Figures line up on the right; the style is inline so the pages need no theme.
fn numeric(n: bool) -> &'static str {
    if n {
        " class=\"sr-num\" style=\"text-align: right\""
    } else {
        ""
    }
}

pub fn inlines(xs: &[Inline]) -> String {
    let mut out = String::new();
    for x in xs {
        match x {
            Inline::Text { text: t } => out.push_str(&text(t)),
            Inline::Strong { content } => {
                out.push_str(&format!("<strong>{}</strong>", inlines(content)))
            }
            Inline::Emph { content } => out.push_str(&format!("<em>{}</em>", inlines(content))),
            Inline::Strike { content } => out.push_str(&format!("<del>{}</del>", inlines(content))),
            Inline::Code { text: t } => out.push_str(&format!("<code>{}</code>", text(t))),
            Inline::Break => out.push_str("<br>"),
            Inline::Html { html, .. } => {
                out.push_str(&no_blank_lines(&braces(&ammonia::clean(html))))
            }
            Inline::Link {
                url,
                section,
                content,
            } => match (section, safe_url(url)) {
                (Some(id), _) => out.push_str(&format!(
                    "<a href=\"{}.html\">{}</a>",
                    attr(id),
                    inlines(content)
                )),
                (None, true) => out.push_str(&format!(
                    "<a href=\"{}\">{}</a>",
                    attr(url),
                    inlines(content)
                )),
                (None, false) => out.push_str(&inlines(content)),
            },
        }
    }
    out
}

/// Only web, mail and telephone links are published as links.
pub fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|s| lower.starts_with(s))
}

/// Escapes text for HTML, and the braces mdBook would read as directives.
pub fn text(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '{' => out.push_str("&#123;"),
            '}' => out.push_str("&#125;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn attr(t: &str) -> String {
    text(t)
}

fn braces(html: &str) -> String {
    html.replace('{', "&#123;").replace('}', "&#125;")
}

fn no_blank_lines(html: &str) -> String {
    html.lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// An id for a heading inside a page, unique within it.
fn slug(title: &str, n: usize) -> String {
    let s = crate::assemble::key_name(title).replace('_', "-");
    if s.is_empty() {
        format!("h{n}")
    } else {
        format!("{s}-{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_open_a_tag_or_a_directive() {
        assert_eq!(
            text("<script>{{#include x}}"),
            "&lt;script&gt;&#123;&#123;#include x&#125;&#125;"
        );
    }

    #[test]
    fn only_web_mail_and_phone_links_survive() {
        assert!(safe_url("https://example.org"));
        assert!(!safe_url("javascript:alert(1)"));
        assert!(!safe_url(" JaVaScRiPt:alert(1)"));
        assert!(!safe_url("data:text/html,<script>"));
    }

    #[test]
    fn raw_html_is_sanitised() {
        let html = inlines(&[Inline::Html {
            html: "<img src=x onerror=alert(1)><a href=\"javascript:x\">y</a>".into(),
            text: String::new(),
        }]);
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
    }
}
