//! Document → website, built in-process by mdBook from the project's `book.toml`,
//! in the tool's own accessible theme (templates/site/) unless `book.toml` names
//! another. After mdBook has written the pages, each gets its own title,
//! description, current-page mark and preview tags for social sites; with
//! `publication.site_url`, canonical links, `sitemap.xml`, `robots.txt` and the
//! preview card are written (see pages.rs).

use std::path::Path;

use mdbook_driver::MDBook;
use mdbook_driver::config::Config;

use super::html;
use crate::assemble::{BlockKind, Direction, Document, Meta};

pub mod archive;
pub mod card;
mod contents;
mod pages;
mod search;
mod statement;

pub use statement::{AXE_CORE_VERSION, build_date};

/// The theme's files, compiled into the binary so the site looks the same wherever
/// the tool runs.
const THEME: [(&str, &str); 6] = [
    ("book.js", include_str!("../../templates/site/book.js")),
    (
        "css/variables.css",
        include_str!("../../templates/site/css/variables.css"),
    ),
    (
        "css/general.css",
        include_str!("../../templates/site/css/general.css"),
    ),
    (
        "css/chrome.css",
        include_str!("../../templates/site/css/chrome.css"),
    ),
    (
        "css/print.css",
        include_str!("../../templates/site/css/print.css"),
    ),
    ("head.hbs", ""),
];
const INDEX_HBS: &str = include_str!("../../templates/site/index.hbs");

/// The page a web server shows for an address that is not part of the report.
const NOT_FOUND: &str = "<div class=\"sr-section\">\n<h1 id=\"not-found\">Page not found</h1>\n<p>There is no page at this address in this report. It may have moved when the report was updated.</p>\n<p>Go to <a href=\"index.html\">the first page of the report</a>, or use the contents.</p>\n</div>\n";

/// The file name of the accessibility statement page.
pub const STATEMENT: &str = "accessibility";

/// Where each page says how large the PDF is: filled in by [`add_pdf`] once the PDF
/// is made, since the website is built while the PDF is still being typeset.
const PDF_SIZE: &str = "<!--sr:pdf-size-->";

/// Writes the mdBook sources for `document` into `work/src` and builds the site into
/// `out`, with `pdf` (the PDF's bytes) published beside the pages for download.
pub fn render(
    document: &Document,
    project_root: &Path,
    work: &Path,
    out: &Path,
    pdf: &[u8],
) -> Result<(), String> {
    build(document, project_root, work, out)?;
    add_pdf(document, out, pdf)
}

/// Builds the site into `out` without the PDF, which [`add_pdf`] then adds: what can
/// be done while the PDF is being typeset.
pub fn build(
    document: &Document,
    project_root: &Path,
    work: &Path,
    out: &Path,
) -> Result<(), String> {
    let src = work.join("src");
    let io = |e: std::io::Error| format!("cannot write the website sources: {e}");
    std::fs::create_dir_all(&src).map_err(io)?;

    let meta = &document.meta;
    let draft = meta.draft;
    let mut summary = "# Summary\n\n[The year at a glance](index.md)\n\n".to_string();
    std::fs::write(src.join("index.md"), first_page(document)).map_err(io)?;

    for s in &document.sections {
        let indent = if s.level == 1 { "" } else { "  " };
        summary.push_str(&format!(
            "{indent}- [{}]({}.md)\n",
            link_text(&s.heading()),
            s.id
        ));
        std::fs::write(src.join(format!("{}.md", s.id)), html::section(s, draft)).map_err(io)?;
    }
    if !document.glossary.is_empty() {
        summary.push_str("- [Glossary](glossary.md)\n");
        std::fs::write(src.join("glossary.md"), glossary(document)).map_err(io)?;
    }
    summary.push_str(&format!("- [Accessibility statement]({STATEMENT}.md)\n"));
    std::fs::write(
        src.join(format!("{STATEMENT}.md")),
        statement::page(document),
    )
    .map_err(io)?;
    std::fs::write(src.join("SUMMARY.md"), summary).map_err(io)?;
    std::fs::write(src.join("404.md"), NOT_FOUND).map_err(io)?;
    for image in document.images.iter().chain(&document.logo) {
        let path = src.join(&image.src);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(path, &image.bytes).map_err(io)?;
    }
    for (path, svg) in super::chart::files(document, super::chart_base(document)) {
        let path = src.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(path, svg).map_err(io)?;
    }

    let mut config = config(document, project_root, &src, out)?;
    if config
        .get::<String>("output.html.theme")
        .ok()
        .flatten()
        .is_none()
    {
        let theme = work.join("theme");
        write_theme(meta, &theme).map_err(io)?;
        config
            .set("output.html.theme", theme.to_string_lossy().as_ref())
            .map_err(|e| format!("book.toml: {e:#}"))?;
    }
    let book = MDBook::load_with_config(project_root, config)
        .map_err(|e| format!("mdBook could not read the website sources: {e:#}"))?;
    book.build()
        .map_err(|e| format!("mdBook could not build the website: {e:#}"))?;
    pages::finish(document, out)?;
    search::make_safe(out)
}

/// Puts the PDF on the website built by [`build`] in `out`, and its size on every
/// page that offers it for download.
pub fn add_pdf(document: &Document, out: &Path, pdf: &[u8]) -> Result<(), String> {
    let io = |e: std::io::Error| format!("cannot put the PDF on the website: {e}");
    std::fs::write(out.join(&document.meta.pdf_file), pdf).map_err(io)?;
    let size = html::text(&file_size(pdf.len()));
    for path in search::html_files(out).map_err(io)? {
        let text = std::fs::read_to_string(&path).map_err(io)?;
        if text.contains(PDF_SIZE) {
            std::fs::write(&path, text.replace(PDF_SIZE, &size)).map_err(io)?;
        }
    }
    Ok(())
}

/// The theme with the partnership's name, colour and logo filled in.
fn write_theme(meta: &Meta, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("css"))?;
    for (name, text) in THEME {
        std::fs::write(dir.join(name), text)?;
    }
    let logo = meta.branding.logo.as_ref().map_or(String::new(), |l| {
        format!(
            "<img class=\"sr-logo\" src=\"{{{{ path_to_root }}}}{}\" alt=\"{}\">",
            html::text(&l.file),
            html::text(&l.alt)
        )
    });
    let website = meta.website.as_ref().map_or(String::new(), |w| {
        format!(
            "<li><a href=\"{}\">{}</a></li>",
            html::text(w),
            html::text(&format!("{} website", meta.short_name))
        )
    });
    let index = INDEX_HBS
        .replace("%%COLOUR%%", &meta.branding.colour)
        .replace("%%COLOUR_ON_DARK%%", &meta.branding.colour_on_dark)
        .replace("%%COLOUR_AS_TEXT%%", &meta.branding.colour_as_text)
        .replace("%%LOGO%%", &logo)
        .replace("%%PARTNERSHIP%%", &html::text(&meta.partnership))
        .replace("%%TITLE%%", &html::text(&meta.title))
        .replace("%%PERIOD%%", &html::text(&meta.period))
        .replace("%%PDF%%", &html::text(&meta.pdf_file))
        .replace("%%PDF_SIZE%%", PDF_SIZE)
        .replace("%%WEBSITE%%", &website);
    std::fs::write(dir.join("index.hbs"), index)
}

/// Where and when the report is published, and its copy to the national panel.
pub fn publication(meta: &crate::assemble::Meta) -> String {
    let mut said: Vec<String> = meta
        .website
        .iter()
        .map(|w| {
            format!(
                "Published at <a href=\"{}\">{}</a>.",
                html::text(w),
                html::text(w)
            )
        })
        .collect();
    said.extend(meta.publication_dates.iter().map(|d| html::text(d)));
    if said.is_empty() {
        return String::new();
    }
    format!("<p class=\"sr-published\">{}</p>\n", said.join(" "))
}

/// The first page: who, what and when; the year at a glance; the PDF; the contents.
fn first_page(document: &Document) -> String {
    let meta = &document.meta;
    let mut page = String::from("<div class=\"sr-cover\">\n");
    if meta.draft {
        page.push_str(html::DRAFT_BANNER);
    }
    page.push_str(&format!(
        "<p class=\"sr-partnership\">{}</p>\n<h1 id=\"report\">{}</h1>\n<p class=\"sr-period\">Covering {}.</p>\n<p><a class=\"sr-download\" href=\"{}\">Download the full report as a PDF ({})</a></p>\n",
        html::text(&meta.partnership),
        html::text(&meta.title),
        html::text(&meta.period),
        html::text(&meta.pdf_file),
        PDF_SIZE,
    ));
    page.push_str(&publication(meta));
    if !meta.highlights.is_empty() {
        page.push_str(
            "<h2 id=\"at-a-glance\">The year at a glance</h2>\n<ul class=\"sr-glance\">\n",
        );
        for h in &meta.highlights {
            page.push_str(&format!(
                "<li><span class=\"sr-figure\">{}</span><span class=\"sr-label\">{}</span>",
                html::text(&h.value),
                html::text(&h.label)
            ));
            if let Some(change) = &h.change {
                let arrow = match h.direction {
                    Some(Direction::Up) => "▲ ",
                    Some(Direction::Down) => "▼ ",
                    _ => "",
                };
                page.push_str(&format!(
                    "<span class=\"sr-change\"><span aria-hidden=\"true\">{arrow}</span>{}</span>",
                    html::text(change)
                ));
            }
            page.push_str("</li>\n");
        }
        page.push_str("</ul>\n");
    }
    page.push_str("<h2 id=\"contents\">Contents</h2>\n<ul class=\"sr-contents\">\n");
    for s in document.sections.iter().filter(|s| s.level == 1) {
        page.push_str(&format!(
            "<li><a href=\"{}.html\">{}</a></li>\n",
            html::text(&s.id),
            html::text(&s.heading())
        ));
    }
    if !document.glossary.is_empty() {
        page.push_str("<li><a href=\"glossary.html\">Glossary</a></li>\n");
    }
    page.push_str("</ul>\n</div>\n");
    page
}

fn glossary(document: &Document) -> String {
    let mut g = String::from(if document.meta.draft {
        html::DRAFT_BANNER
    } else {
        ""
    });
    g.push_str(
        "<div class=\"sr-section\">\n<h1 id=\"glossary\">Glossary</h1>\n<figure class=\"sr-table\"><div class=\"sr-table-scroll\" role=\"region\" aria-label=\"Glossary\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">Abbreviation</th><th scope=\"col\">Meaning</th></tr></thead><tbody>",
    );
    for t in &document.glossary {
        g.push_str(&format!(
            "<tr><td>{}</td><td>{}</td></tr>",
            html::text(&t.term),
            html::text(&t.meaning)
        ));
    }
    g.push_str("</tbody></table></div></figure>\n</div>\n");
    g
}

/// "412 KB", "1.4 MB": the size a reader sees before downloading.
pub fn file_size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// The project's `book.toml`, with what the tool decides put over it: where the
/// sources and output are, no preprocessors (the pages are final HTML), the language.
fn config(
    document: &Document,
    project_root: &Path,
    src: &Path,
    out: &Path,
) -> Result<Config, String> {
    let book_toml = project_root.join("book.toml");
    let mut config = if book_toml.exists() {
        Config::from_disk(&book_toml).map_err(|e| format!("book.toml: {e:#}"))?
    } else {
        Config::default()
    };
    let meta = &document.meta;
    config.book.src = src.to_path_buf();
    config.build.build_dir = out.to_path_buf();
    config.build.use_default_preprocessors = false;
    config.build.create_missing = false;
    if config.book.title.is_none() {
        config.book.title = Some(format!("{} {}", meta.partnership, meta.title));
    }
    if config.book.language.is_none() {
        config.book.language = Some(format!("{}-{}", meta.lang, meta.region));
    }
    if config.book.authors.is_empty() {
        config.book.authors = vec![meta.author.clone()];
    }
    let set = |config: &mut Config, key: &str, value: bool| {
        config
            .set(key, value)
            .map_err(|e| format!("book.toml: {e:#}"))
    };
    set(&mut config, "output.html.no-section-label", true)?;
    set(&mut config, "output.html.search.enable", true)?;
    set(&mut config, "output.html.print.enable", true)?;
    set(&mut config, "output.html.fold.enable", false)?;
    Ok(config)
}

/// A title as the text of a Markdown link in SUMMARY.md: every character as itself,
/// so that `<`, `&` and brackets in a title are text in the contents and the search,
/// never markup (mdBook drops what it reads as HTML from a chapter's name).
fn link_text(title: &str) -> String {
    title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

/// The first sentence of a section, for its page's description.
fn first_sentence(section: &crate::assemble::Section) -> Option<String> {
    let text = section.blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Paragraph { content } => {
            Some(crate::assemble::plain_text(content)).filter(|t| t.split_whitespace().count() > 3)
        }
        _ => None,
    })?;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = text
        .match_indices(". ")
        .map(|(i, _)| i + 1)
        .find(|&i| i >= 40)
        .unwrap_or(text.len());
    let sentence = &text[..end];
    if sentence.chars().count() <= 200 {
        return Some(sentence.to_string());
    }
    let cut: String = sentence.chars().take(197).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    Some(format!("{cut}…"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_a_person_would_say_them() {
        assert_eq!(file_size(1), "1 KB");
        assert_eq!(file_size(420_000), "411 KB");
        assert_eq!(file_size(1_500_000), "1.4 MB");
    }
}
