//! The website's accessibility measured in a real browser (`check-site`): every
//! page opened in headless Chromium and tested with axe-core in the light and dark
//! themes at a desktop and a phone width, reflow at 320 pixels and the skip link by
//! keyboard. The result is written into the site's accessibility statement, so the
//! statement says what was measured, not what was hoped.

use std::path::{Path, PathBuf};

use super::browser::{Browser, find_chromium};
use super::html;
use super::site::AXE_CORE_VERSION;

/// axe-core, vendored unchanged from npm (MPL-2.0; see tests/axe/README.md).
const AXE: &str = include_str!("../../tests/axe/axe.min.js");

/// The rule sets checked: WCAG 2.0, 2.1 and 2.2 at A and AA, and axe's best practices.
pub const AXE_TAGS: [&str; 6] = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
];

/// (width, height) in CSS pixels: a desktop and a phone.
pub const WIDTHS: [(u32, u32); 2] = [(1280, 900), (375, 740)];
pub const THEMES: [&str; 2] = ["light", "dark"];

/// What the browser found.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// "HeadlessChrome/142.0…".
    pub browser: String,
    pub pages: usize,
    /// Pages × themes × widths.
    pub runs: usize,
    /// "page [theme, width] rule (impact): help — selectors".
    pub violations: Vec<String>,
    /// Pages wider than a 320-pixel window.
    pub sideways: Vec<String>,
    /// Whether the first Tab on the first page reached the skip link and following
    /// it moved focus to the main content.
    pub skip_link_works: bool,
}

/// The pages a reader can reach: the site's HTML files except mdBook's contents
/// frame, which the theme never links to.
pub fn pages(site: &Path) -> Result<Vec<String>, String> {
    let mut pages: Vec<String> = std::fs::read_dir(site)
        .map_err(|e| format!("cannot read {}: {e}", site.display()))?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".html") && n != "toc.html")
        .collect();
    pages.sort();
    Ok(pages)
}

pub fn page_url(site: &Path, page: &str) -> String {
    let site = std::path::absolute(site).unwrap_or_else(|_| site.to_path_buf());
    format!("{}/{page}", file_url(&site))
}

/// A folder as a `file:` address: `file:///home/a/site` on Unix,
/// `file:///C:/Users/a/site` on Windows (whose `\` become `/`), with the characters
/// an address cannot hold (spaces, `#`, `?`, `%`) escaped.
fn file_url(folder: &Path) -> String {
    let text = folder.to_string_lossy().replace('\\', "/");
    let mut url = String::from(if text.starts_with('/') {
        "file://"
    } else {
        "file:///"
    });
    for c in text.chars() {
        match c {
            ' ' => url.push_str("%20"),
            '#' => url.push_str("%23"),
            '?' => url.push_str("%3F"),
            '%' => url.push_str("%25"),
            c => url.push(c),
        }
    }
    url.trim_end_matches('/').to_string()
}

/// Starts Chromium with axe-core loaded into every page it opens.
pub fn launch() -> Result<Browser, String> {
    let chromium: PathBuf = find_chromium().ok_or(
        "no Chromium, Google Chrome or Microsoft Edge found on PATH, in Program Files or in Applications: install one (Debian: `apt-get install chromium`) or set CHROMIUM to its program file",
    )?;
    let mut browser = Browser::launch(&chromium)?;
    browser.add_script_to_every_page(AXE)?;
    Ok(browser)
}

/// axe's violations on the page as it is shown now.
pub fn axe(browser: &mut Browser) -> Result<Vec<String>, String> {
    let tags = AXE_TAGS.map(|t| format!("'{t}'")).join(", ");
    let script = format!(
        "axe.run(document, {{runOnly: {{type: 'tag', values: [{tags}]}}, resultTypes: ['violations']}})
           .then(r => r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — '
             + v.nodes.map(n => n.target.join(' ')).join(', ')))"
    );
    let found = browser.eval(&script)?;
    Ok(found
        .as_array()
        .ok_or("axe gave no list")?
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect())
}

/// Opens every page of `site` in every theme and width and measures it, counting the
/// pages tested on the terminal: a site of 40 pages takes a quarter of a minute.
pub fn check_site(site: &Path) -> Result<Outcome, String> {
    // Before any build there is no website yet: say what to do, not an OS error.
    if !site.is_dir() {
        return Err(format!(
            "there is no website at {} to check; run `build` first",
            site.display()
        ));
    }
    let pages = pages(site)?;
    if pages.is_empty() {
        return Err(format!(
            "{} holds no pages; run `build` first",
            site.display()
        ));
    }
    let mut browser = launch()?;
    let mut outcome = Outcome {
        browser: browser.version.clone(),
        pages: pages.len(),
        runs: 0,
        violations: Vec::new(),
        sideways: Vec::new(),
        skip_link_works: false,
    };
    let progress = crate::progress::Progress::count("Testing the website's pages", pages.len());
    for page in &pages {
        test_page(&mut browser, site, page, &mut outcome)?;
        progress.inc();
    }
    progress.finish();
    browser.set_viewport(1280, 900)?;
    browser.open(&page_url(site, "index.html"))?;
    browser.press("Tab")?;
    let first = browser.eval("document.activeElement.getAttribute('href')")?;
    browser.press("Enter")?;
    let then = browser.eval("document.activeElement.tagName")?;
    outcome.skip_link_works = first.as_str() == Some("#sr-main") && then.as_str() == Some("MAIN");
    Ok(outcome)
}

/// One page: axe-core in every theme at every width, then whether it scrolls
/// sideways at 320 pixels.
fn test_page(
    browser: &mut Browser,
    site: &Path,
    page: &str,
    outcome: &mut Outcome,
) -> Result<(), String> {
    for (width, height) in WIDTHS {
        browser.set_viewport(width, height)?;
        browser.open(&page_url(site, page))?;
        for theme in THEMES {
            browser.eval(&format!(
                "window.srSetTheme && window.srSetTheme('{theme}')"
            ))?;
            outcome.runs += 1;
            for v in axe(browser)? {
                outcome
                    .violations
                    .push(format!("{page} [{theme}, {width} px] {v}"));
            }
        }
    }
    browser.set_viewport(320, 640)?;
    browser.open(&page_url(site, page))?;
    let wide = browser.eval(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) > document.documentElement.clientWidth",
    )?;
    if wide.as_bool() == Some(true) {
        outcome.sideways.push(page.to_string());
    }
    Ok(())
}

/// The statement's sentence about the browser check, as measured.
pub fn describe(outcome: &Outcome, date: &str) -> String {
    let n = outcome.violations.len();
    let mut text = format!(
        "On {date} every page of this website ({} pages) was opened in {} and tested with axe-core {AXE_CORE_VERSION} against the WCAG 2.0, 2.1 and 2.2 level A and AA rules and axe’s best practices, in the light and the dark theme, 1280 and 375 pixels wide ({} tests). Result: {n} violation{}. At 320 pixels wide {} scrolled sideways. The first press of the Tab key {} the “Skip to main content” link.",
        outcome.pages,
        html::text(&outcome.browser),
        outcome.runs,
        if n == 1 { "" } else { "s" },
        match outcome.sideways.len() {
            0 => "no page".to_string(),
            1 => "1 page".to_string(),
            k => format!("{k} pages"),
        },
        if outcome.skip_link_works {
            "reaches"
        } else {
            "did not reach"
        },
    );
    if n > 0 {
        text.push_str("<ul>");
        for v in &outcome.violations {
            text.push_str(&format!("<li>{}</li>", html::text(v)));
        }
        text.push_str("</ul>");
    }
    text
}

/// Writes the measured result into the statement (its own page and the print
/// page), in place of what the build wrote there.
pub fn record(site: &Path, outcome: &Outcome, date: &str) -> Result<(), String> {
    let open = "<li id=\"browser-check\">";
    let sentence = describe(outcome, date);
    let mut recorded = false;
    for page in [
        format!("{}.html", super::site::STATEMENT),
        "print.html".into(),
    ] {
        let path = site.join(&page);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Some(start) = text.find(open).map(|s| s + open.len()) else {
            continue;
        };
        let Some(end) = find_closing_li(&text, start) else {
            continue;
        };
        let updated = format!("{}{sentence}{}", &text[..start], &text[end..]);
        let temporary = path.with_extension("html.new");
        std::fs::write(&temporary, updated)
            .and_then(|_| std::fs::rename(&temporary, &path))
            .map_err(|e| format!("cannot update {}: {e}", path.display()))?;
        recorded = true;
    }
    if recorded {
        Ok(())
    } else {
        Err(format!(
            "{} has no accessibility statement made by this tool to record the result in",
            site.display()
        ))
    }
}

/// The end of the `<li>` whose content starts at `start`, past any nested lists.
fn find_closing_li(text: &str, start: usize) -> Option<usize> {
    let mut depth = 0;
    let mut at = start;
    loop {
        let open = text[at..].find("<li").map(|i| at + i);
        let close = text[at..].find("</li>").map(|i| at + i)?;
        match open {
            Some(o) if o < close => {
                depth += 1;
                at = o + 3;
            }
            _ if depth == 0 => return Some(close),
            _ => {
                depth -= 1;
                at = close + 5;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_becomes_a_file_address_on_unix_and_windows() {
        assert_eq!(
            file_url(Path::new("/home/jo/our report/site")),
            "file:///home/jo/our%20report/site"
        );
        assert_eq!(
            file_url(Path::new(r"C:\Users\Jo\report #2\site")),
            "file:///C:/Users/Jo/report%20%232/site"
        );
    }

    #[test]
    fn the_closing_tag_skips_nested_items() {
        let t = "<li id=\"browser-check\">a<ul><li>b</li></ul></li><li>c</li>";
        let start = t.find('>').unwrap() + 1;
        assert_eq!(&t[find_closing_li(t, start).unwrap()..], "</li><li>c</li>");
    }
}
