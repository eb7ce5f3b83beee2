//! The accessibility statement a public body must publish (Public Sector Bodies
//! Accessibility Regulations 2018), written from what the build knows: the pages,
//! images and tables it made, the PDF's standards, the theme's browser test, the
//! partnership's declared limitations and contact.

use crate::assemble::{BlockKind, Document};
use crate::render::html;

/// The axe-core release the website's theme is tested with (tests/axe/axe.min.js;
/// tests/browser.rs checks the two agree).
pub const AXE_CORE_VERSION: &str = "4.14.1";

/// What the build counted in the pages it wrote.
struct Counts {
    pages: usize,
    images: usize,
    tables: usize,
}

fn counts(document: &Document) -> Counts {
    let (mut images, mut tables) = (0, 0);
    for s in &document.sections {
        for b in &s.blocks {
            b.walk(&mut |b| match b.kind {
                BlockKind::Image { .. } => images += 1,
                BlockKind::Table(_) => tables += 1,
                _ => {}
            });
        }
    }
    let glossary = usize::from(!document.glossary.is_empty());
    Counts {
        // The first page, the sections, the glossary and this statement.
        pages: 1 + document.sections.len() + glossary + 1,
        images: images + usize::from(document.logo.is_some()),
        tables: tables + glossary,
    }
}

/// The statement page's HTML.
pub fn page(document: &Document) -> String {
    let meta = &document.meta;
    let c = counts(document);
    let report = format!("{} {}", meta.short_name, meta.title);
    let mut p = String::from(if meta.draft { html::DRAFT_BANNER } else { "" });
    p.push_str(
        "<div class=\"sr-section\">\n<h1 id=\"accessibility-statement\">Accessibility statement</h1>\n",
    );
    p.push_str(&format!(
        "<p>{} wants as many people as possible to be able to read the {}. This statement covers this website and the PDF of the report.</p>\n",
        html::text(&meta.partnership),
        html::text(&report)
    ));
    p.push_str("<h2 id=\"standard\">The standard</h2>\n<p>The website aims to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA, as the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 require. You should be able to read it with a screen reader, use it with a keyboard alone, zoom it to 400% without scrolling sideways, and choose a light or dark theme.</p>\n");

    p.push_str("<h2 id=\"how-tested\">How it was tested</h2>\n<ul>\n");
    p.push_str(&format!(
        "<li>The build wrote {} pages of the report, with a print view and a “page not found” page; {}; {}. Every page has one main heading, a “Skip to main content” link, landmarks for its header, contents, main text and footer, and a title of its own.</li>\n",
        c.pages,
        plural(c.images, "image", "with a text alternative"),
        plural(c.tables, "table", "with column headers, scrolling inside its own region on a narrow screen"),
    ));
    p.push_str(&format!(
        "<li id=\"browser-check\">This build has not yet been tested in a browser. Before publishing, run <code>{}</code>: it opens every page in Chromium, tests it with axe-core {AXE_CORE_VERSION} against WCAG 2.2 AA in the light and dark themes at desktop and phone widths, and writes the result here.</li>\n",
        html::text(&crate::invocation::command("check-site"))
    ));
    p.push_str("<li>The PDF is made as a tagged PDF meeting PDF/UA-1 and PDF/A-2a, with headings, reading order, table headers and alternative text for images; it is not made at all if it would not meet them.</li>\n</ul>\n");
    p.push_str("<p>Automated tests find many problems but not all: a person reading with a keyboard and a screen reader finds others.</p>\n");

    p.push_str("<h2 id=\"limitations\">What is not yet accessible</h2>\n");
    if meta.known_limitations.is_empty() {
        p.push_str("<p>We know of no part of this website or the PDF that does not meet the standard. If you find one, please tell us.</p>\n");
    } else {
        p.push_str("<ul>\n");
        for l in &meta.known_limitations {
            p.push_str(&format!("<li>{}</li>\n", html::text(l)));
        }
        p.push_str("</ul>\n");
    }

    p.push_str("<h2 id=\"contact\">Reporting a problem or asking for another format</h2>\n");
    let contact = match &meta.contact {
        Some(c) if c.contains('@') && !c.contains(':') => format!(
            "email <a href=\"mailto:{}\">{}</a>",
            html::text(c),
            html::text(c)
        ),
        Some(c) if html::safe_url(c) => format!(
            "contact {} through <a href=\"{}\">{}</a>",
            html::text(&meta.partnership),
            html::text(c),
            html::text(c)
        ),
        Some(c) => html::text(c),
        None => format!("contact {}", html::text(&meta.author)),
    };
    p.push_str(&format!(
        "<p>If you cannot read part of this report, or need it in another format such as large print, easy read or audio, {contact}. Say which page and what the problem is. If you are not happy with the response, contact the Equality Advisory and Support Service (EASS).</p>\n"
    ));
    p.push_str(&format!(
        "<h2 id=\"date\">Date</h2>\n<p>This statement was prepared on {} when the website was built.</p>\n</div>\n",
        html::text(&build_date())
    ));
    p
}

fn plural(n: usize, noun: &str, each: &str) -> String {
    match n {
        0 => format!("no {noun}s"),
        1 => format!("1 {noun}, {each}"),
        n => format!("{n} {noun}s, each {each}"),
    }
}

/// Today's date ("29 November 2026"), or the one `SOURCE_DATE_EPOCH` gives for a
/// reproducible build.
pub fn build_date() -> String {
    let seconds = build_time();
    crate::model::Date::from_days_since_epoch(seconds.div_euclid(86_400)).long()
}

/// The time of this build, in seconds since 1970 (UTC), or `SOURCE_DATE_EPOCH`'s.
pub fn build_time() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        })
}
