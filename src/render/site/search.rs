//! The website's search, made safe for titles written by anyone.
//!
//! mdBook's search script shows each result as HTML it builds from the search index:
//! the excerpt is escaped, but the breadcrumbs (the page's chapter names) are inserted
//! as they are. A chapter is titled by whoever wrote its section, a partner's Word
//! heading included, so a heading like `Our year <img src=x onerror=…>` would run its
//! handler in a reader's browser when the search showed that page. The script is
//! mdBook's own (a theme cannot replace it), so the one line is changed after mdBook
//! has written it, and the file is renamed after its new contents so that no browser
//! or cache keeps serving the old one under the old name.

use std::path::Path;

use sha2::{Digest, Sha256};

/// The line of mdBook's searcher.js that inserts the breadcrumbs as HTML, and what
/// it becomes: the same text, escaped by the script's own `escapeHTML`.
const RAW: &str = "+ result.doc.breadcrumbs + '</a>'";
const ESCAPED: &str = "+ escapeHTML(result.doc.breadcrumbs) + '</a>'";

/// Rewrites the search script in the site at `out` so that every piece of the index
/// it shows is text, never markup, and points every page at the rewritten file.
pub fn make_safe(out: &Path) -> Result<(), String> {
    let io = |e: std::io::Error| format!("cannot make the website's search safe: {e}");
    let Some(old_name) = searcher(out).map_err(io)? else {
        // Search turned off in book.toml: there is no script to mend.
        return Ok(());
    };
    let script = std::fs::read_to_string(out.join(&old_name)).map_err(io)?;
    let knows_escaping = script.contains("const escapeHTML");
    if script.matches(RAW).count() != 1 || !knows_escaping {
        return Err(format!(
            "the website's search script ({old_name}) is not the version this tool knows how to make safe, so the website was not published; this is a fault in the tool, please report it"
        ));
    }
    let safe = script.replacen(RAW, ESCAPED, 1);
    let new_name = format!("searcher-{}.js", short_hash(safe.as_bytes()));
    std::fs::remove_file(out.join(&old_name)).map_err(io)?;
    std::fs::write(out.join(&new_name), safe).map_err(io)?;
    for page in html_files(out).map_err(io)? {
        let text = std::fs::read_to_string(&page).map_err(io)?;
        if text.contains(&old_name) {
            std::fs::write(&page, text.replace(&old_name, &new_name)).map_err(io)?;
        }
    }
    Ok(())
}

/// The name of mdBook's search script in `out`: `searcher.js`, or with a content hash
/// (`searcher-1a2b3c4d.js`).
fn searcher(out: &Path) -> std::io::Result<Option<String>> {
    for entry in std::fs::read_dir(out)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let hashed = name
            .strip_prefix("searcher-")
            .and_then(|rest| rest.strip_suffix(".js"))
            .is_some_and(|hash| hash.chars().all(|c| c.is_ascii_hexdigit()));
        if name == "searcher.js" || hashed {
            return Ok(Some(name));
        }
    }
    Ok(None)
}

/// The first four bytes of the SHA-256, in hex: the same fingerprint mdBook gives.
fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub(super) fn html_files(out: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(out).follow_links(false) {
        let entry = entry?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "html") {
            pages.push(entry.into_path());
        }
    }
    Ok(pages)
}
