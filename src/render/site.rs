//! Document → website, built in-process by mdBook from the project's `book.toml`.

use std::path::Path;

use mdbook_driver::MDBook;
use mdbook_driver::config::Config;

use super::html;
use crate::assemble::Document;

/// Writes the mdBook sources for `document` into `work/src` and builds the site into
/// `out`. `pdf` is the PDF's bytes, published beside the pages for download.
pub fn render(
    document: &Document,
    project_root: &Path,
    work: &Path,
    out: &Path,
    pdf: &[u8],
) -> Result<(), String> {
    let src = work.join("src");
    let io = |e: std::io::Error| format!("cannot write the website sources: {e}");
    std::fs::create_dir_all(&src).map_err(io)?;

    let meta = &document.meta;
    let mut summary = format!("# Summary\n\n[{}](index.md)\n\n", link_text(&meta.title));
    let pdf_size_kb = pdf.len().div_ceil(1024);
    let draft = meta.draft;
    let mut index = String::from("<div class=\"sr-cover\">\n");
    if draft {
        index.push_str(html::DRAFT_BANNER);
    }
    index.push_str(&format!(
        "<p class=\"sr-partnership\">{}</p>\n<h1 id=\"report\">{}</h1>\n<p>Covering {}.</p>\n<p><a href=\"{}\">Download the full report as a PDF ({} KB)</a></p>\n",
        html::text(&meta.partnership),
        html::text(&meta.title),
        html::text(&meta.period),
        html::text(&meta.pdf_file),
        pdf_size_kb,
    ));
    index.push_str("<h2 id=\"contents\">Contents</h2>\n<ul>\n");
    for s in document.sections.iter().filter(|s| s.level == 1) {
        index.push_str(&format!(
            "<li><a href=\"{}.html\">{}</a></li>\n",
            html::text(&s.id),
            html::text(&s.heading())
        ));
    }
    index.push_str("</ul>\n</div>\n");
    std::fs::write(src.join("index.md"), index).map_err(io)?;

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
        let mut g = String::from(if draft { html::DRAFT_BANNER } else { "" });
        g.push_str(
            "<div class=\"sr-section\">\n<h1 id=\"glossary\">Glossary</h1>\n<table><thead><tr><th scope=\"col\">Abbreviation</th><th scope=\"col\">Meaning</th></tr></thead><tbody>",
        );
        for t in &document.glossary {
            g.push_str(&format!(
                "<tr><td>{}</td><td>{}</td></tr>",
                html::text(&t.term),
                html::text(&t.meaning)
            ));
        }
        g.push_str("</tbody></table>\n</div>\n");
        std::fs::write(src.join("glossary.md"), g).map_err(io)?;
    }
    std::fs::write(src.join("SUMMARY.md"), summary).map_err(io)?;
    for image in &document.images {
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
    std::fs::write(src.join(&meta.pdf_file), pdf).map_err(io)?;

    let config = config(document, project_root, &src, out)?;
    let book = MDBook::load_with_config(project_root, config)
        .map_err(|e| format!("mdBook could not read the website sources: {e:#}"))?;
    book.build()
        .map_err(|e| format!("mdBook could not build the website: {e:#}"))
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
    Ok(config)
}

/// A title as the text of a Markdown link in SUMMARY.md.
fn link_text(title: &str) -> String {
    title
        .replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}
