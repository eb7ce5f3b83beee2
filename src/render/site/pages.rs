//! The finishing touches mdBook cannot give a page: its own title and description,
//! a canonical link, the current page marked in the contents, one `h1` on the print
//! page, and `sitemap.xml`.

use std::path::Path;

use super::{STATEMENT, first_sentence};
use crate::assemble::Document;
use crate::render::html;

/// One published page and what its head says.
struct Page {
    file: String,
    /// What the page is, before the report's name: "6 The year in review".
    name: String,
    description: String,
    /// Listed in sitemap.xml (not the print copy or the 404 page).
    listed: bool,
}

/// Rewrites every page mdBook wrote into `out` and adds sitemap.xml.
pub fn finish(document: &Document, out: &Path) -> Result<(), String> {
    let io = |e: std::io::Error| format!("cannot finish the website pages: {e}");
    let pages = pages(document);
    let meta = &document.meta;
    let report = format!("{} {}", meta.short_name, meta.title);
    let base = meta
        .website
        .as_ref()
        .filter(|w| html::safe_url(w) && w.starts_with("http"))
        .map(|w| format!("{}/", w.trim_end_matches('/')));
    for page in &pages {
        let path = out.join(&page.file);
        if !path.exists() {
            continue;
        }
        let mut text = std::fs::read_to_string(&path).map_err(io)?;
        text = replace_title(&text, &format!("{} — {report}", page.name));
        let mut head = format!(
            "<meta name=\"description\" content=\"{}\">",
            html::text(&page.description)
        );
        if let (Some(base), true) = (&base, page.listed) {
            head.push_str(&format!(
                "\n<link rel=\"canonical\" href=\"{}{}\">",
                html::text(base),
                html::text(&page.file)
            ));
        }
        text = text.replacen("<!--sr:head-->", &head, 1);
        text = mark_current(&text, &page.file);
        if page.file == "print.html" {
            text = one_heading_one(&text, &format!("{} — the whole report", report));
        }
        std::fs::write(&path, text).map_err(io)?;
    }
    if let Some(base) = &base {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for page in pages.iter().filter(|p| p.listed) {
            xml.push_str(&format!(
                "  <url><loc>{}{}</loc></url>\n",
                html::text(base),
                html::text(&page.file)
            ));
        }
        xml.push_str("</urlset>\n");
        std::fs::write(out.join("sitemap.xml"), xml).map_err(io)?;
    }
    Ok(())
}

fn pages(document: &Document) -> Vec<Page> {
    let meta = &document.meta;
    let report = format!("{} {}", meta.short_name, meta.title);
    let mut pages = vec![Page {
        file: "index.html".into(),
        name: "The year at a glance".into(),
        description: format!(
            "{} {}, covering {}: the year at a glance, the contents and the full report to download.",
            meta.partnership, meta.title, meta.period
        ),
        listed: true,
    }];
    for s in &document.sections {
        pages.push(Page {
            file: format!("{}.html", s.id),
            name: s.heading(),
            description: first_sentence(document, &s.id)
                .unwrap_or_else(|| format!("{} — {report}.", s.heading())),
            listed: true,
        });
    }
    if !document.glossary.is_empty() {
        pages.push(Page {
            file: "glossary.html".into(),
            name: "Glossary".into(),
            description: format!("The abbreviations used in the {report} and what they mean."),
            listed: true,
        });
    }
    pages.push(Page {
        file: format!("{STATEMENT}.html"),
        name: "Accessibility statement".into(),
        description: format!(
            "How accessible the {report} website and PDF are, how they were tested, and how to report a problem."
        ),
        listed: true,
    });
    pages.push(Page {
        file: "print.html".into(),
        name: "The whole report for printing".into(),
        description: format!("The whole {report} on one page, for printing."),
        listed: false,
    });
    pages.push(Page {
        file: "404.html".into(),
        name: "Page not found".into(),
        description: format!("This page is not part of the {report}."),
        listed: false,
    });
    pages
}

fn replace_title(text: &str, title: &str) -> String {
    match (text.find("<title>"), text.find("</title>")) {
        (Some(a), Some(b)) if a < b => format!(
            "{}<title>{}</title>{}",
            &text[..a],
            html::text(title),
            &text[b + "</title>".len()..]
        ),
        _ => text.to_string(),
    }
}

/// Marks the contents' link to this page, so a screen reader says "current page"
/// and the theme can show it, with or without JavaScript.
fn mark_current(text: &str, file: &str) -> String {
    let Some(start) = text.find("<nav id=\"sr-sidebar\"") else {
        return text.to_string();
    };
    let end = text[start..]
        .find("</nav>")
        .map_or(text.len(), |e| start + e);
    let link = format!("<a href=\"{file}\">");
    let nav = text[start..end].replacen(
        &link,
        &format!("<a href=\"{file}\" aria-current=\"page\">"),
        1,
    );
    format!("{}{nav}{}", &text[..start], &text[end..])
}

/// The print page holds every chapter, each with its own `h1`: inside `main` every
/// heading moves one level down under a single `h1` for the whole report.
fn one_heading_one(text: &str, title: &str) -> String {
    let (Some(start), Some(end)) = (text.find("<main"), text.rfind("</main>")) else {
        return text.to_string();
    };
    let Some(open_end) = text[start..].find('>').map(|i| start + i + 1) else {
        return text.to_string();
    };
    let mut body = text[open_end..end].to_string();
    for level in (1..=5).rev() {
        body = body
            .replace(&format!("<h{level}"), &format!("<h{}", level + 1))
            .replace(&format!("</h{level}>"), &format!("</h{}>", level + 1));
    }
    format!(
        "{}\n<h1>{}</h1>\n{body}{}",
        &text[..open_end],
        html::text(title),
        &text[end..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_print_page_gets_one_h1() {
        let page = "<main id=\"m\"><h1 id=\"a\">A</h1><h2>B</h2><h6>F</h6></main>";
        let done = one_heading_one(page, "Report");
        assert_eq!(done.matches("<h1").count(), 1, "{done}");
        assert!(
            done.contains("<h2 id=\"a\">A</h2><h3>B</h3><h6>F</h6>"),
            "{done}"
        );
    }

    #[test]
    fn only_the_contents_link_to_this_page_is_marked() {
        let page = "<main><a href=\"x.html\">x</a></main><nav id=\"sr-sidebar\"><a href=\"w.html\">w</a><a href=\"x.html\">x</a></nav>";
        let done = mark_current(page, "x.html");
        assert_eq!(done.matches("aria-current").count(), 1);
        assert!(done.contains("<nav id=\"sr-sidebar\"><a href=\"w.html\">w</a><a href=\"x.html\" aria-current=\"page\">"));
    }
}
