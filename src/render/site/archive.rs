//! `build --zip`: the website as one file to hand to the web team, `report-site.zip`,
//! with `PUBLISHING.txt` saying where it goes, what to upload, and when and by what it
//! was made.

use std::io::Write;
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::statement::{build_date, build_time};
use crate::assemble::Document;
use crate::model::{Date, SiteUrl};

/// The archive's file name, beside the PDF and `site/` in the output folder.
pub const FILE: &str = "report-site.zip";
/// The folder inside the archive that holds the website.
const SITE: &str = "site";

/// Writes the archive of the website in `site` to `to`. It is written under another
/// name beside it and renamed into place, so `to` is never half an archive.
pub fn write(document: &Document, site: &Path, to: &Path) -> Result<(), String> {
    let partial = to.with_extension("zip.partial");
    let result = write_to(document, site, &partial)
        .and_then(|()| std::fs::rename(&partial, to).map_err(|e| e.to_string()));
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result.map_err(|e| format!("cannot write {FILE}: {e}"))
}

fn write_to(document: &Document, site: &Path, to: &Path) -> Result<(), String> {
    let files = files(site)?;
    let file = std::fs::File::create(to).map_err(|e| e.to_string())?;
    let mut zip = ZipWriter::new(std::io::BufWriter::new(file));
    let options = SimpleFileOptions::default()
        .last_modified_time(zip_time(build_time()))
        .unix_permissions(0o644);
    let bytes: u64 = files.iter().map(|(_, size)| size).sum();
    let text = publishing(document, files.len(), bytes);
    zip.start_file("PUBLISHING.txt", options)
        .map_err(|e| e.to_string())?;
    zip.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    for (name, _) in &files {
        // Pictures and the PDF are compressed already.
        let packed = [".png", ".jpg", ".jpeg", ".pdf", ".woff", ".woff2"]
            .iter()
            .any(|e| name.to_ascii_lowercase().ends_with(e));
        let method = if packed {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        zip.start_file(format!("{SITE}/{name}"), options.compression_method(method))
            .map_err(|e| e.to_string())?;
        let data = std::fs::read(site.join(name)).map_err(|e| e.to_string())?;
        zip.write_all(&data).map_err(|e| e.to_string())?;
    }
    let mut out = zip.finish().map_err(|e| e.to_string())?;
    out.flush().map_err(|e| e.to_string())?;
    out.get_ref().sync_all().map_err(|e| e.to_string())
}

/// Every file of the website, by its path inside `site` with `/`, and its size,
/// sorted, so the archive lists the same files in the same order each time.
fn files(site: &Path) -> Result<Vec<(String, u64)>, String> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(site)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| e.to_string())?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(site).unwrap_or(entry.path());
        let name: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let size = entry.metadata().map_err(|e| e.to_string())?.len();
        found.push((name.join("/"), size));
    }
    Ok(found)
}

/// A zip's timestamps are a calendar date and time, without a time zone: UTC here.
fn zip_time(seconds: i64) -> DateTime {
    let date = Date::from_days_since_epoch(seconds.div_euclid(86_400));
    let in_day = seconds.rem_euclid(86_400);
    DateTime::from_date_and_time(
        u16::try_from(date.year).unwrap_or(1980),
        date.month,
        date.day,
        (in_day / 3600) as u8,
        (in_day / 60 % 60) as u8,
        (in_day % 60) as u8,
    )
    .unwrap_or_default()
}

/// PUBLISHING.txt: for the web team, who may never have seen the tool, in the order
/// they need it: where the website goes, what to upload, how to set up the server.
fn publishing(document: &Document, count: usize, bytes: u64) -> String {
    let meta = &document.meta;
    let name = format!("{} {}", meta.short_name, meta.title);
    let mut text = format!(
        "{name}: the website, ready to publish\n\nMade on {} by safeguarding-report {}.\n\n",
        build_date(),
        env!("CARGO_PKG_VERSION")
    );
    text.push_str(&match &meta.site_url {
        Some(site) => format!(
            "WHERE IT GOES\n\nThe website expects to be published at\n\n    {}\n\nIts pages give this address to search engines (canonical links, sitemap.xml) and to social sites (the preview picture). Published anywhere else, they point to the wrong place: change publication.site_url in report.yaml and build again.\n",
            site.as_str()
        ),
        None => NO_ADDRESS.to_string(),
    });
    text.push_str(&format!(
        "\nWHAT TO UPLOAD\n\nEverything inside the folder {SITE}/ in this archive: {count} files, {}, keeping the folders inside it as they are. The first page is index.html. The full report as a PDF, {}, is among them and every page links to it.\n\nUpload all of it each time the report is rebuilt, and remove the files of the earlier upload: the names of the style sheets and scripts change from one build to the next.\n",
        super::file_size(usize::try_from(bytes).unwrap_or(usize::MAX)),
        meta.pdf_file
    ));
    if let Some(site) = &meta.site_url {
        text.push_str(&for_the_web_server(site));
    }
    if meta.draft {
        text.push_str("\nTHIS IS A DRAFT\n\nEvery page is marked DRAFT: it was built with errors the partnership has still to fix. Do not publish it.\n");
    }
    wrap(&text, 78)
}

const NO_ADDRESS: &str = "WHERE IT GOES\n\nNo address was set for the website (publication.site_url in report.yaml). It works from any folder, but its pages do not tell search engines their address (no canonical links, no sitemap.xml), a page shared on social media or in an e-mail shows no preview picture, and the \"page not found\" page links back to the report only from the website's top folder.\n\nTo add them, ask the web team for the address the website will have, set it in report.yaml (for example site_url: https://www.example.org.uk/reports/2021-22/ under publication:), and build again.\n";

fn for_the_web_server(site: &SiteUrl) -> String {
    let mut text = format!(
        "\nFOR THE WEB SERVER\n\n- Page not found: show 404.html for a missing page in this folder, for example with Apache: ErrorDocument 404 {}404.html\n",
        site.path()
    );
    if site.is_host_root() {
        text.push_str("- robots.txt in this folder names the sitemap for search engines.\n");
    } else {
        text.push_str(&format!(
            "- Search engines find the sitemap from robots.txt at the root of the site only: add this line to {}robots.txt:\n\n    Sitemap: {}\n",
            site.root(),
            site.of("sitemap.xml")
        ));
    }
    text
}

/// Breaks lines longer than `width` at spaces, so the file reads in any text editor;
/// a continued list item keeps its indent.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if line.starts_with(' ') || line.chars().count() <= width {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let indent = if line.starts_with("- ") { "  " } else { "" };
        let mut current = String::new();
        for word in line.split(' ') {
            if !current.trim().is_empty()
                && current.chars().count() + 1 + word.chars().count() > width
            {
                out.push_str(current.trim_end());
                out.push('\n');
                current = indent.to_string();
            } else if !current.is_empty() && !current.ends_with(' ') {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push_str(current.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_and_addresses_stay_whole() {
        let text =
            "- one two three four five six\n    https://www.example.org.uk/a/very/long/address/\n";
        assert_eq!(
            wrap(text, 14),
            "- one two\n  three four\n  five six\n    https://www.example.org.uk/a/very/long/address/\n"
        );
    }
}
