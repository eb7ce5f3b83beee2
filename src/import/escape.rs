//! A partner's words written into the project as words, never as code.
//!
//! A section's body is a tera template and then Markdown, so text from a Word
//! document could otherwise run template code (`{{ … }}`, `{% … %}`, `{# … #}`),
//! become HTML (`<script>`) or Markdown markup. Every ASCII punctuation character
//! that means something to either is written with a backslash, which CommonMark
//! turns back into the character itself: `{{` becomes `\{\{`, which tera does not
//! read as a tag, and `<` becomes `\<`, which Markdown does not read as HTML. The
//! PDF is typeset from the document tree, whose text is plain, so typst never sees
//! the Markdown.

use super::word::Span;

/// Characters escaped wherever they stand: Markdown's and tera's delimiters.
const ALWAYS: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '{', '}', '#', '%', '|', '~', '&', '$', '!', '^',
];

/// Plain text as Markdown inline text that shows exactly that text.
pub fn text(plain: &str) -> String {
    let mut out = String::with_capacity(plain.len());
    for c in plain.chars() {
        if ALWAYS.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text that starts a block (a paragraph, a list item, a heading's words): also
/// escapes what would make it a list item, a quote or a heading underline.
pub fn block_start(markdown: &str) -> String {
    let digits = markdown.chars().take_while(char::is_ascii_digit).count();
    let rest = &markdown[digits..];
    if digits > 0
        && (rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")")
    {
        return format!("{}\\{}", &markdown[..digits], rest);
    }
    match markdown.chars().next() {
        Some('-' | '+' | '=') => format!("\\{markdown}"),
        _ => markdown.to_string(),
    }
}

/// Runs of formatted text as one line of Markdown: `**bold**`, `*italic*`,
/// `[text](https://…)`, white space collapsed.
pub fn spans(spans: &[Span]) -> String {
    let mut out = String::new();
    for s in spans {
        let core = s.text.trim();
        if core.is_empty() {
            out.push(' ');
            continue;
        }
        if s.text.starts_with(char::is_whitespace) {
            out.push(' ');
        }
        let words = text(&core.split_whitespace().collect::<Vec<_>>().join(" "));
        let marker = match (s.bold, s.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        match &s.link {
            Some(url) => out.push_str(&format!("{marker}[{words}]({}){marker}", url_text(url))),
            None => out.push_str(&format!("{marker}{words}{marker}")),
        }
        if s.text.ends_with(char::is_whitespace) {
            out.push(' ');
        }
    }
    block_start(&out.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A link's address as a Markdown link destination: characters that could end it or
/// be read as template code are percent-encoded.
pub fn url_text(url: &str) -> String {
    let mut out = String::new();
    for c in url.trim().chars() {
        match c {
            ' ' | '<' | '>' | '(' | ')' | '{' | '}' | '\\' | '"' | '|' | '^' | '`' | '[' | ']' => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A YAML scalar for text: plain when YAML reads it back as the same text, else a
/// double-quoted string (JSON's quoting, which YAML reads too).
pub fn yaml(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " '’()-./&".contains(c))
        && text.starts_with(|c: char| c.is_alphabetic())
        && !text.ends_with(' ')
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "null" | "on" | "off" | "y" | "n"
        );
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).expect("a string serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(t: &str) -> Span {
        Span {
            text: t.into(),
            bold: false,
            italic: false,
            link: None,
        }
    }

    #[test]
    fn template_delimiters_never_survive() {
        let out = text("{{ report.title }} {% if x %} {# c #} <script>");
        assert_eq!(
            out,
            "\\{\\{ report.title \\}\\} \\{\\% if x \\%\\} \\{\\# c \\#\\} \\<script\\>"
        );
        for tag in ["{{", "{%", "{#"] {
            assert!(!out.contains(tag), "{out}");
        }
        assert_eq!(text("a_b * c"), "a\\_b \\* c");
    }

    #[test]
    fn a_paragraph_that_looks_like_a_list_stays_a_paragraph() {
        assert_eq!(block_start("1. Introduction"), "1\\. Introduction");
        assert_eq!(block_start("- dash"), "\\- dash");
        assert_eq!(block_start("2022 was a year"), "2022 was a year");
    }

    #[test]
    fn formatting_hugs_the_words_and_links_keep_their_text() {
        let mut bold = plain("very ");
        bold.bold = true;
        let mut link = plain("our site");
        link.link = Some("https://example.org/a b(c)".into());
        let out = spans(&[plain("It was "), bold, plain("good; see "), link]);
        assert_eq!(
            out,
            "It was **very** good; see [our site](https://example.org/a%20b%28c%29)"
        );
    }

    #[test]
    fn yaml_text_that_could_be_misread_is_quoted() {
        assert_eq!(yaml("North"), "North");
        assert_eq!(yaml("Yes"), "\"Yes\"");
        assert_eq!(yaml("a: b"), "\"a: b\"");
        assert_eq!(yaml("{{ x }}"), "\"{{ x }}\"");
        assert_eq!(yaml("2021"), "\"2021\"");
    }
}
