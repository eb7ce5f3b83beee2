//! The finishing touches mdBook cannot give a page: its own title and description,
//! a canonical link, Open Graph and Twitter card tags, the current page marked in the
//! contents, one `h1` on the print page, a 404 page that works at any depth, and,
//! when report.yaml says where the website is published, `sitemap.xml`, `robots.txt`
//! and the preview card.

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::contents::Contents;
use super::{STATEMENT, card, first_sentence};
use crate::assemble::Document;
use crate::model::SiteUrl;
use crate::render::html;

/// Where the theme's sidebar takes the page's contents (see contents.rs).
const CONTENTS: &str = "<!--sr:contents-->";

/// One published page and what its head says.
struct Page {
    file: String,
    /// What the page is, before the report's name: "6 The year in review".
    name: String,
    description: String,
    /// Listed in sitemap.xml, with a canonical link (not the print copy or the 404
    /// page).
    listed: bool,
}

/// Rewrites every page mdBook wrote into `out`; with `publication.site_url`, adds
/// sitemap.xml, robots.txt and the preview card.
pub fn finish(document: &Document, out: &Path) -> Result<(), String> {
    let io = |e: std::io::Error| format!("cannot finish the website pages: {e}");
    let pages = pages(document);
    let contents = Contents::of(document);
    let meta = &document.meta;
    let report = format!("{} {}", meta.short_name, meta.title);
    let site = meta.site_url.as_ref();
    if let Some(site) = site {
        std::fs::write(out.join(card::FILE), card::png(document, site)?).map_err(io)?;
    }
    let narrow = narrow_charts(document);
    for page in &pages {
        let path = out.join(&page.file);
        if !path.exists() {
            continue;
        }
        let mut text = std::fs::read_to_string(&path).map_err(io)?;
        text = with_narrow_charts(&text, &narrow);
        let title = format!("{} — {report}", page.name);
        text = replace_title(&text, &title);
        text = text.replacen("<!--sr:head-->", &head(document, page, &title), 1);
        text = text.replacen(CONTENTS, &contents.for_page(&page.file), 1);
        if page.file == "print.html" {
            text = one_heading_one(&text, &format!("{} — the whole report", report));
        }
        if page.file == "404.html" {
            text = with_styles_inside(&text, out);
            if let Some(site) = site {
                text = from_site_folder(&text, site);
            }
        }
        std::fs::write(&path, text).map_err(io)?;
    }
    if let Some(site) = site {
        std::fs::write(out.join("sitemap.xml"), sitemap(&pages, site)).map_err(io)?;
        std::fs::write(out.join("robots.txt"), robots(site)).map_err(io)?;
    }
    Ok(())
}

/// Each chart's slot in the pages ([`html::narrow_chart_slot`]) and the narrow
/// drawing that fills it, put in after mdBook has indexed the pages for its search.
fn narrow_charts(document: &Document) -> HashMap<String, String> {
    let base = crate::render::chart_base(document);
    crate::render::chart::charts(document)
        .into_iter()
        .map(|c| {
            (
                html::narrow_chart_slot(&c.id),
                crate::render::chart::narrow_svg(c, base),
            )
        })
        .collect()
}

/// A page with each chart slot filled by its drawing, in one pass over the page
/// (a report's pages and charts both grow with it).
fn with_narrow_charts(page: &str, drawings: &HashMap<String, String>) -> String {
    const OPEN: &str = "<svg class=\"sr-chart-narrow\" data-sr-narrow=";
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let slot_end = tail
            .find("</svg>")
            .map_or(tail.len(), |e| e + "</svg>".len());
        let slot = &tail[..slot_end];
        out.push_str(drawings.get(slot).map_or(slot, String::as_str));
        rest = &tail[slot_end..];
    }
    out.push_str(rest);
    out
}

/// What a page's head says about it: its description and, for a search engine or a
/// social site, its address and preview. The address and the card are absolute
/// `https://` addresses, as Open Graph requires, so without `site_url` there is no
/// `og:url`, canonical link or `og:image` (a social site then shows the title and
/// description only).
fn head(document: &Document, page: &Page, title: &str) -> String {
    let meta = &document.meta;
    let tag = |attribute: &str, key: &str, value: &str| {
        format!(
            "\n<meta {attribute}=\"{key}\" content=\"{}\">",
            html::text(value)
        )
    };
    let mut head = tag("name", "description", &page.description)[1..].to_string();
    let address = meta
        .site_url
        .as_ref()
        .filter(|_| page.listed)
        .map(|s| s.of(&page.file));
    if let Some(address) = &address {
        head.push_str(&format!(
            "\n<link rel=\"canonical\" href=\"{}\">",
            html::text(address)
        ));
    }
    head.push_str(&tag("property", "og:type", "website"));
    head.push_str(&tag("property", "og:site_name", &meta.partnership));
    head.push_str(&tag(
        "property",
        "og:locale",
        &format!("{}_{}", meta.lang, meta.region),
    ));
    head.push_str(&tag("property", "og:title", title));
    head.push_str(&tag("property", "og:description", &page.description));
    if let Some(address) = &address {
        head.push_str(&tag("property", "og:url", address));
    }
    let card = meta.site_url.as_ref().map(|s| s.of(card::FILE));
    let kind = if card.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    head.push_str(&tag("name", "twitter:card", kind));
    head.push_str(&tag("name", "twitter:title", title));
    head.push_str(&tag("name", "twitter:description", &page.description));
    if let Some(card) = &card {
        let alt = card::alt(document);
        head.push_str(&tag("property", "og:image", card));
        head.push_str(&tag("property", "og:image:type", "image/png"));
        head.push_str(&tag("property", "og:image:width", &card::WIDTH.to_string()));
        head.push_str(&tag(
            "property",
            "og:image:height",
            &card::HEIGHT.to_string(),
        ));
        head.push_str(&tag("property", "og:image:alt", &alt));
        head.push_str(&tag("name", "twitter:image", card));
        head.push_str(&tag("name", "twitter:image:alt", &alt));
    }
    head
}

fn sitemap(pages: &[Page], site: &SiteUrl) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages.iter().filter(|p| p.listed) {
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            html::text(&site.of(&page.file))
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}

/// robots.txt names the sitemap. Search engines read robots.txt only at the root of
/// a site, so for a website in a folder the file says which line to copy there.
fn robots(site: &SiteUrl) -> String {
    let mut text = String::new();
    if !site.is_host_root() {
        text.push_str(&format!(
            "# Search engines read robots.txt only at the root of a site:\n# copy the Sitemap line below into {}robots.txt.\n",
            site.root()
        ));
    }
    text.push_str(&format!("Sitemap: {}\n", site.of("sitemap.xml")));
    text
}

/// The 404 page is shown at whatever address was asked for, at any depth
/// (`/reports/2021-22/a/b/c/missing.html`), so the links mdBook writes, relative to
/// the website's top folder, lead nowhere from it. With `site_url` its links,
/// scripts and pictures become paths from the web server's root
/// (`/reports/2021-22/index.html`), so it works the same at any depth. mdBook's own
/// answer, `output.html.site-url`, adds a `<base>` to the page, which would also send
/// its "Skip to main content" link (`#sr-main`) to the first page.
fn from_site_folder(text: &str, site: &SiteUrl) -> String {
    static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"(\b(?:href|src)=|const path_to_root = |window\.path_to_searchindex_js = )"([^"]*)""#,
        )
        .unwrap()
    });
    ADDRESS
        .replace_all(text, |c: &regex::Captures| {
            let value = &c[2];
            let first = value.split('/').next().unwrap_or("");
            let relative = !value.starts_with(['#', '/']) && !first.contains(':');
            let prefix = if relative { site.path() } else { "" };
            format!("{}\"{prefix}{value}\"", &c[1])
        })
        .into_owned()
}

/// The 404 page's style sheets are put inside it, with or without `site_url`: it is
/// then styled wherever it is shown from, at any depth, from another folder a web
/// team chose, or opened from disk as `check-site` opens every page (where a path
/// from the server's root leads nowhere). Without `site_url` its links lead back to
/// the report only from the website's top folder; `site_url` mends that.
fn with_styles_inside(text: &str, out: &Path) -> String {
    static SHEET: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"<link rel="stylesheet" href="([^"]+\.css)"( media="print")?>"#).unwrap()
    });
    let mut done = String::with_capacity(text.len() + 16 * 1024);
    let mut last = 0;
    for c in SHEET.captures_iter(text) {
        let whole = c.get(0).expect("a match");
        let file = out.join(&c[1]);
        let css = match std::fs::read_to_string(&file) {
            Ok(css) if !c[1].contains("..") && !css.contains("</") => css,
            _ => continue,
        };
        done.push_str(&text[last..whole.start()]);
        let media = c.get(2).map_or("", |_| " media=\"print\"");
        done.push_str(&format!("<style{media}>\n{css}\n</style>"));
        last = whole.end();
    }
    done.push_str(&text[last..]);
    done
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
            description: first_sentence(s)
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
}
