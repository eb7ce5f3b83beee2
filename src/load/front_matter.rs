//! Splitting a Markdown file into its YAML front matter and its body.

use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Span};

pub struct Parts<'a> {
    pub yaml: &'a str,
    pub yaml_offset: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

/// Finds the front matter between a first line `---` and the next line `---`.
pub fn split<'a>(file: &Arc<str>, text: &'a str) -> Result<Parts<'a>, Diagnostic> {
    let missing = || {
        Diagnostic::error("front-matter", Span::file_start(file), "this section has no front matter")
            .with_label("expected a line `---` here")
            .with_help("start the file with a line `---`, then `id:`, `title:` and `order:` lines, then another `---` line (see docs/format.md).")
    };
    let text_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[text_start..];
    let first_line_end = rest.find('\n').ok_or_else(missing)?;
    if rest[..first_line_end].trim_end() != "---" {
        return Err(missing());
    }
    let yaml_offset = text_start + first_line_end + 1;
    let mut offset = yaml_offset;
    for line in text[yaml_offset..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body_offset = offset + line.len();
            return Ok(Parts {
                yaml: &text[yaml_offset..offset],
                yaml_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        "front-matter",
        Span::new(file, text_start..text_start + 3),
        "the front matter is never closed",
    )
    .with_label("opened here")
    .with_help("end the front matter with a line `---` before the section's text."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let file: Arc<str> = Arc::from("a.md");
        let text = "---\nid: a\n---\nBody\n";
        let p = split(&file, text).unwrap();
        assert_eq!(p.yaml, "id: a\n");
        assert_eq!(&text[p.yaml_offset..p.yaml_offset + 5], "id: a");
        assert_eq!(p.body, "Body\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let file: Arc<str> = Arc::from("a.md");
        assert!(split(&file, "---\nid: a\nBody\n").is_err());
        assert!(split(&file, "Body\n").is_err());
    }
}
