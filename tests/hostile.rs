//! Partner contributions are untrusted: scripts, event handlers, `javascript:` links
//! and typst code in them come out as inert text in both outputs.

mod common;

use common::*;

const HOSTILE: &str = r#"---
id: hostile
title: "<script>alert('title')</script> Hostile partner"
order: 3
partner: schools
---
<script>alert("block")</script>

<div onclick="alert('div')">A div with a handler.</div>

Inline <img src=x onerror="alert('img')"> image and <a href="javascript:alert('a')">an anchor</a>.

A [markdown link](javascript:alert('md')) and a [data link](data:text/html,<script>alert(1)</script>).

Typst code: #panic("typst ran") and #read("/etc/passwd") and $x^2$ and `#eval("1")`.

{% raw %}mdBook directive: {{#include /etc/passwd}}{% endraw %}

## <img src=x onerror=alert('heading')> Heading
"#;

fn hostile_build() -> std::path::PathBuf {
    let project = copy_project(&fixture("mini"), "hostile");
    std::fs::write(project.join("content/03-hostile.md"), HOSTILE).unwrap();
    let out = project.join("build");
    // The checker rightly refuses this content (an <img> without alt text), so it is
    // built as a draft: what is tested here is that the renderers keep it inert.
    let o = run_draft_build(&project, &out);
    assert!(
        o.status.success(),
        "build failed:\n{}\n{}",
        stdout(&o),
        stderr(&o)
    );
    out
}

#[test]
fn hostile_content_is_inert_in_both_outputs() {
    let out = hostile_build();

    // Website: no script from content, no handlers, no script URLs anywhere.
    let handler = regex::Regex::new(r"(?i)<[^>]*\son[a-z]+\s*=").unwrap();
    let script_url =
        regex::Regex::new(r#"(?i)(href|src|action)\s*=\s*["']?\s*(javascript|data|vbscript):"#)
            .unwrap();
    for page in ["hostile.html", "print.html", "index.html"] {
        let html = std::fs::read_to_string(out.join("site").join(page)).unwrap();
        assert!(
            !html.contains("<script>alert"),
            "{page} runs a script from content"
        );
        assert!(
            !handler.is_match(&html),
            "{page} has an event handler: {:?}",
            handler.find(&html)
        );
        assert!(
            !script_url.is_match(&html),
            "{page} has a script URL: {:?}",
            script_url.find(&html)
        );
    }
    let page = std::fs::read_to_string(out.join("site/hostile.html")).unwrap();
    assert!(
        page.contains("&lt;script&gt;alert('title')&lt;/script&gt; Hostile partner"),
        "the title is shown as text"
    );
    assert!(
        page.contains("markdown link"),
        "link text survives without its link"
    );
    assert!(
        page.contains("<p>mdBook directive: {{#include /etc/passwd}}</p>"),
        "the mdBook directive is shown, not run"
    );
    for file in std::fs::read_dir(out.join("site"))
        .unwrap()
        .filter_map(Result::ok)
    {
        if file
            .path()
            .extension()
            .is_some_and(|e| e == "html" || e == "js" || e == "json")
        {
            let text = std::fs::read_to_string(file.path()).unwrap();
            assert!(
                !text.contains("root:x:0"),
                "{} holds /etc/passwd",
                file.path().display()
            );
        }
    }

    // PDF: the typst code is printed as characters, nothing ran.
    let text = squash(&pdf_text_of(&out.join("report.pdf")));
    assert!(
        text.contains(
            r#"Typst code: #panic("typst ran") and #read("/etc/passwd") and $x^2$ and #eval("1")."#
        ),
        "{text}"
    );
    assert!(
        text.contains("<script>alert('title')</script> Hostile partner"),
        "{text}"
    );
    assert!(!text.contains("root:x:0"));
}
