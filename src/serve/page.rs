//! The pages the preview makes itself: the problem page shown instead of the report
//! while the project has an error, the page shown before the first build, and the
//! script every served page carries so that it reloads after a rebuild.

use crate::Error;
use crate::render::html;

/// The address the reload script asks for news at; no page of a report has it.
pub const CHANGES: &str = "/__safeguarding-report/changes";

/// A problem that stops the preview, in the terminal's words and the page's.
pub struct Problem {
    /// Each problem: where it is (`content/x.md:12:5`) and what is wrong.
    pub items: Vec<(String, String)>,
    /// The rustc-style text `validate` prints, without colour.
    pub plain: String,
    /// The same with colour, for a terminal.
    pub coloured: String,
}

impl Problem {
    pub fn from_error(error: &Error) -> Problem {
        match error {
            Error::Input(failure) => Problem {
                items: failure
                    .diagnostics
                    .iter()
                    .map(|d| (d.location(&failure.sources), d.message.clone()))
                    .collect(),
                plain: failure.render(false),
                coloured: failure.render(true),
            },
            other => {
                let text = format!("{other}\n");
                Problem {
                    items: vec![(String::new(), other.to_string())],
                    plain: text.clone(),
                    coloured: text,
                }
            }
        }
    }

    pub fn terminal(&self, colour: bool) -> &str {
        if colour { &self.coloured } else { &self.plain }
    }

    /// The page shown instead of every page of the report.
    pub fn page(&self, generation: u64) -> String {
        let count = self.items.len();
        let mut list = String::new();
        for (place, message) in &self.items {
            list.push_str("<li>");
            if !place.is_empty() {
                list.push_str(&format!("<code>{}</code>: ", html::text(place)));
            }
            list.push_str(&html::text(message));
            list.push_str("</li>\n");
        }
        let body = format!(
            "<h1>The report has {count} problem{s} to fix</h1>\n\
             <p>The preview shows the report again as soon as the file is fixed and saved.</p>\n\
             <ul>\n{list}</ul>\n<h2>In detail</h2>\n<pre>{detail}</pre>\n",
            s = if count == 1 { "" } else { "s" },
            detail = preformatted(&self.plain),
        );
        standalone("The report has a problem", &body, generation)
    }
}

/// Text escaped for a `<pre>`: unlike [`html::text`], line breaks are kept.
fn preformatted(text: &str) -> String {
    text.lines().map(html::text).collect::<Vec<_>>().join("\n")
}

/// Shown before the first build has finished.
pub fn building(generation: u64) -> String {
    standalone(
        "Building the preview",
        "<h1>Building the preview…</h1>\n<p>This page shows the report when it is ready.</p>\n",
        generation,
    )
}

/// Shown at the PDF's address while the first PDF is still being made.
pub fn pdf_pending() -> String {
    let page = standalone(
        "The PDF is being made",
        "<h1>The PDF is being made…</h1>\n<p>It is made after the website; this page shows it when it is ready.</p>\n",
        0,
    );
    // The reload script watches the website, not the PDF: ask again every 2 seconds.
    page.replacen(
        "<head>",
        "<head>\n<meta http-equiv=\"refresh\" content=\"2\">",
        1,
    )
}

/// A small page of the preview's own, with the reload script.
fn standalone(title: &str, body: &str, generation: u64) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} – preview</title>\n<style>\n\
         body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; background: #fff; }}\n\
         h1 {{ color: #a4000f; }}\n\
         pre {{ background: #f4f4f4; padding: 1rem; overflow-x: auto; white-space: pre-wrap; }}\n\
         code {{ font-weight: bold; }}\n\
         </style>\n</head>\n<body>\n<main>\n{body}</main>\n{script}</body>\n</html>\n",
        title = html::text(title),
        script = reload_script(generation),
    )
}

/// The script that reloads the page when the preview moves past `generation`: it
/// asks the server, which answers when something changes (a long poll). After the
/// server has stopped it asks again every two seconds, so a restarted preview is
/// picked up too.
pub fn reload_script(generation: u64) -> String {
    format!(
        "<script>\n(function (seen) {{\n  function wait() {{\n    fetch(\"{CHANGES}?since=\" + seen, {{ cache: \"no-store\" }})\n      .then(function (r) {{ return r.text(); }})\n      .then(function (now) {{ if (now.trim() !== String(seen)) {{ location.reload(); }} else {{ wait(); }} }})\n      .catch(function () {{ setTimeout(wait, 2000); }});\n  }}\n  wait();\n}})({generation});\n</script>\n"
    )
}

/// A built page with the reload script added before `</body>`; the file on disk is
/// not changed.
pub fn with_reload(page: &str, generation: u64) -> String {
    let script = reload_script(generation);
    match page.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &page[..at], &page[at..]),
        None => format!("{page}{script}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_end_of_the_body_and_names_the_generation() {
        let page = with_reload("<html><body><p>x</p></body></html>", 7);
        let at = page.find("<script>").unwrap();
        assert!(at > page.find("<p>x</p>").unwrap());
        assert!(at < page.find("</body>").unwrap());
        assert!(page.contains("})(7);"));
    }

    #[test]
    fn a_problem_page_escapes_the_message() {
        let problem = Problem {
            items: vec![(
                "content/a.md:3:5".into(),
                "unknown figure `<script>alert(1)</script>`".into(),
            )],
            plain: "error: <b>\n  --> here".into(),
            coloured: String::new(),
        };
        let page = problem.page(2);
        assert!(page.contains("<code>content/a.md:3:5</code>"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("error: &lt;b&gt;\n  --&gt; here"));
        assert_eq!(
            page.matches("<script>").count(),
            1,
            "only the reload script"
        );
    }
}
