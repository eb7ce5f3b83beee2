//! YAML with source positions. Parse errors become diagnostics that point at the
//! offending key or value, with a "did you mean" for misspelt keys.

use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_saphyr::{Location, Spanned};

use crate::diagnostic::{Diagnostic, Span, did_you_mean};

/// A YAML text to parse: the file it came from and where in that file it starts
/// (front matter starts after the opening `---`).
pub struct YamlSource<'a> {
    pub file: &'a Arc<str>,
    pub text: &'a str,
    pub base_offset: usize,
}

impl YamlSource<'_> {
    /// Parses the text into `T`, or explains the first problem as a diagnostic.
    pub fn parse<T: DeserializeOwned>(&self, what: &str) -> Result<T, Diagnostic> {
        let options = serde_saphyr::options! {
            with_snippet: false,
            budget: serde_saphyr::budget! { max_depth: MAX_DEPTH },
        };
        serde_saphyr::from_str_with_options(self.text, options).map_err(|e| {
            let span = e.location().map_or_else(
                || Span::new(self.file, self.base_offset..self.base_offset),
                |l| self.span_at(&l),
            );
            match limit(&e) {
                Some(why) => Diagnostic::error("yaml-too-complex", span, format!("{what} is {why}"))
                    .with_label("the limit is reached here")
                    .with_help("the files of a report are short lists and tables; a file like this is a mistake (a generated or pasted file) or an attempt to exhaust the computer. Write the values out plainly."),
                None => explain(&e, self.back_to_tab(span), what),
            }
        })
    }

    /// The parser reports a tab in indentation at the character after it; the
    /// finding points at the tab itself.
    fn back_to_tab(&self, span: Span) -> Span {
        let at = span.range.start.saturating_sub(self.base_offset);
        if at > 0 && self.text.as_bytes().get(at - 1) == Some(&b'\t') {
            Span::new(self.file, span.range.start - 1..span.range.start)
        } else {
            span
        }
    }

    /// The span of a parsed value.
    pub fn span<T>(&self, value: &Spanned<T>) -> Span {
        self.span_at(&value.referenced)
    }

    /// The parser's location as a span of the file. Errors found while scanning
    /// carry a line and a column but no byte offset: those are counted here, so the
    /// span is where the parser stopped, never the file's first byte.
    fn span_at(&self, location: &Location) -> Span {
        let span = location.span();
        let (start, len) = match span.byte_offset() {
            Some(start) => (start as usize, span.byte_len().unwrap_or(0) as usize),
            None => {
                let at = offset_of(self.text, location.line(), location.column());
                (at, self.text[at..].chars().next().map_or(0, char::len_utf8))
            }
        };
        let start = (self.base_offset + start).min(self.base_offset + self.text.len());
        let end = (start + len).min(self.base_offset + self.text.len());
        Span::new(self.file, start..end)
    }
}

/// The byte offset of a 1-based line and character column in `text` (the end of
/// the text if it is shorter).
fn offset_of(text: &str, line: u64, column: u64) -> usize {
    if line == 0 {
        return 0;
    }
    let line_start = match line {
        1 => 0,
        n => text
            .match_indices('\n')
            .nth(n as usize - 2)
            .map_or(text.len(), |(i, _)| i + 1),
    };
    let rest = &text[line_start..];
    let line_text = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let within = line_text
        .char_indices()
        .nth(column.saturating_sub(1) as usize)
        .map_or(line_text.len(), |(i, _)| i);
    line_start + within
}

/// How deep YAML may nest (lists in maps in lists…). The deepest structure of the
/// format is a data set's rows: four levels.
pub const MAX_DEPTH: usize = 32;

/// What limit the YAML broke, if it broke one: its nesting, its size, or what its
/// aliases (`*name`) expand to. The parser's own limits keep this bounded.
fn limit(e: &serde_saphyr::Error) -> Option<String> {
    use serde_saphyr::Error;
    use serde_saphyr::budget::BudgetBreach;
    match e {
        Error::Budget { breach, .. } => Some(match breach {
            BudgetBreach::Depth { .. } => format!("nested more than {MAX_DEPTH} levels deep"),
            BudgetBreach::Aliases { .. }
            | BudgetBreach::AliasAnchorRatio { .. }
            | BudgetBreach::RecordedAnchorEvents { .. }
            | BudgetBreach::RecordedAnchorBytes { .. } => {
                "built from more aliases (`*name`) than can be expanded".to_string()
            }
            BudgetBreach::Nodes { nodes } => format!("made of more than {} values", nodes - 1),
            _ => "too large to read".to_string(),
        }),
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => {
            Some("built from aliases (`*name`) that expand to too much".to_string())
        }
        _ => None,
    }
}

/// Turns the parser's error into a diagnostic with a code, a plain message and help,
/// by the error's kind (never by its wording).
fn explain(e: &serde_saphyr::Error, span: Span, what: &str) -> Diagnostic {
    use serde_saphyr::Error;
    match e {
        Error::SerdeUnknownField {
            field, expected, ..
        } => unknown(field, expected, "key", span, what),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => unknown(variant, expected, "value", span, what),
        Error::SerdeMissingField { field, .. } => {
            Diagnostic::error("missing-key", span, format!("{what} has no `{field}`"))
                .with_label(format!("`{field}` is required here"))
                .with_help(format!(
                    "add a line `{field}: …` (see docs/format.md for what it holds)."
                ))
        }
        Error::DuplicateMappingKey { key, .. } => {
            let key = key.as_deref().map_or(String::new(), |k| format!(" `{k}`"));
            Diagnostic::error("yaml-syntax", span, format!("the key{key} appears twice in the same block of {what}"))
                .with_label("repeated here")
                .with_help("each key may appear only once in a block; remove one, or rename it if it is another thing.")
        }
        Error::InvalidScalar { ty, .. } => {
            let wanted = scalar_name(ty);
            Diagnostic::error(
                "wrong-type",
                span,
                format!("this value in {what} should be {wanted}"),
            )
            .with_label(format!("expected {wanted}"))
            .with_help(format!(
                "write {wanted} here, without quotes (see docs/format.md)."
            ))
        }
        Error::NonFiniteFloat { .. } => crate::load::dataset::too_large(span),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => wrong_shape(Some(unexpected), expected, span, what),
        Error::Unexpected { expected, .. } => wrong_shape(None, expected, span, what),
        Error::ExternalMessage { source, .. } => match source.as_ref() {
            serde_saphyr::ExternalMessageSource::Parser(scan) => syntax(scan.kind(), span, what),
            _ => generic(e, span, what),
        },
        _ => generic(e, span, what),
    }
}

/// A key or value the format does not have, with the nearest it does.
fn unknown(word: &str, expected: &[&str], kind: &str, span: Span, what: &str) -> Diagnostic {
    let list = expected
        .iter()
        .map(|e| format!("`{e}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let code = if kind == "key" {
        "unknown-key"
    } else {
        "unknown-value"
    };
    let d = Diagnostic::error(code, span, format!("unknown {kind} `{word}` in {what}"))
        .with_label(format!("not a {kind} {what} can have"));
    match did_you_mean(word, expected.iter().copied()) {
        Some(s) => d.with_help(format!(
            "did you mean `{s}`? The {kind}s allowed here are {list}."
        )),
        None => d.with_help(format!("the {kind}s allowed here are {list}.")),
    }
}

/// What a Rust scalar type is called in the format's words.
fn scalar_name(ty: &str) -> &'static str {
    match ty {
        "f32" | "f64" => "a number",
        "bool" => "true or false",
        t if t.starts_with('u') || t.starts_with('i') => "a whole number",
        _ => "a different kind of value",
    }
}

/// A value of the wrong shape: a list where a block of keys belongs, text where a
/// number does. serde names the shapes ("a sequence", "struct Column"); the message
/// says them in the format's words.
fn wrong_shape(unexpected: Option<&str>, expected: &str, span: Span, what: &str) -> Diagnostic {
    const BLOCK: &str = "a block of `key: value` lines";
    let wanted = shape_name(expected);
    let given = unexpected.map(shape_name);
    let help = match (given, wanted) {
        (_, BLOCK) => "write `key: value` lines here, with a colon and a space after each key; if the line starts with `- ` where no list belongs, remove the `- `.".to_string(),
        (_, "a single value") => "write the value on the same line as its key, after the colon: a list or a block of keys does not belong here.".to_string(),
        (Some("a list"), _) => format!("this needs {wanted}, not a list: remove the `- ` and write the value after the key's colon."),
        (_, "a list") => "write each item of this list on its own line starting with `- `.".to_string(),
        _ => format!("write {wanted} here (see docs/format.md)."),
    };
    let message = match given {
        Some(given) => format!("{given} is given here in {what}, where {wanted} is expected"),
        None => format!("{wanted} is expected here in {what}"),
    };
    Diagnostic::error("wrong-type", span, message)
        .with_label(format!("expected {wanted}"))
        .with_help(help)
}

/// serde's name for a shape of value, in the words of someone who writes YAML.
fn shape_name(serde: &str) -> &'static str {
    let is = |word: &str| serde.contains(word);
    if is("scalar") {
        "a single value"
    } else if is("sequence") {
        "a list"
    } else if is("map") || serde.starts_with("struct") {
        "a block of `key: value` lines"
    } else if is("string") || is("char") {
        "text"
    } else if is("float") || serde == "f32" || serde == "f64" {
        "a number"
    } else if is("integer") || serde.starts_with(['u', 'i']) {
        "a whole number"
    } else if is("bool") {
        "true or false"
    } else {
        "another kind of value"
    }
}

/// A slip in the YAML itself, found by the parser where it stopped reading: what it
/// means in plain words and how to mend it.
fn syntax(kind: &serde_saphyr::granit_parser::ErrorKind, span: Span, what: &str) -> Diagnostic {
    use serde_saphyr::granit_parser::ErrorKind as K;
    let (message, label, help) = match kind {
        K::TabNotAllowed
        | K::TabInBlockIndentation
        | K::TabInIndentation
        | K::TabAtBlockScalarStart => (
            "a tab is used to indent this line",
            "tab",
            "YAML indents with spaces only: replace the tab with spaces, lined up with the lines above.",
        ),
        K::UnclosedQuotedScalar
        | K::InvalidQuotedScalarIndent
        | K::DocumentIndicatorInQuotedScalar => (
            "a quotation mark opened on this value is never closed",
            "not closed",
            "add the closing quotation mark at the end of the value (the same kind, ' or \"), or remove the opening one.",
        ),
        K::UnclosedFlowCollection { .. }
        | K::UnexpectedEofFlowSequence
        | K::UnexpectedEofFlowMapping
        | K::UnexpectedEofImplicitFlowMapping => (
            "a bracket [ or brace { opened here is never closed",
            "not closed",
            "close it with ] or } on the same item, or write the item out on lines of its own.",
        ),
        K::MisplacedFlowCollectionEnd
        | K::MismatchedFlowCollectionEnd { .. }
        | K::ExpectedFlowMappingSeparator
        | K::ExpectedFlowSequenceSeparator => (
            "the brackets or commas here do not match",
            "here",
            "inside { } each item is `key: value`, separated by commas, and the braces match; inside [ ] the items are separated by commas.",
        ),
        K::ExpectedBlockSequenceEntry
        | K::ExpectedBlockMappingKey
        | K::InvalidIndentation
        | K::BlockSequenceEntryNotAllowed
        | K::InvalidBlockScalarIndent => (
            "this line is indented differently from the lines around it",
            "indentation",
            "line it up with the lines above it: the items of one list start in the same column, and so do the keys of one block. YAML counts every space.",
        ),
        K::SimpleKeyExpected | K::InvalidSimpleKey => (
            "a key here has no colon after it, or the line before is missing one",
            "expected `key: value`",
            "write each line as `key: value`, with a colon and a space; text that itself holds `: ` needs quotes.",
        ),
        K::UnknownQuotedScalarEscape
        | K::InvalidQuotedScalarHexEscape
        | K::InvalidLowSurrogateHexEscape => (
            "a backslash inside double quotes starts an escape that YAML does not know",
            "escape",
            "use single quotes around text with backslashes, or write \\\\ for one backslash.",
        ),
        _ => (
            "the YAML cannot be read from here",
            "here",
            "check the indentation and punctuation here: YAML nests by indentation with spaces, and text containing `: ` or starting with a symbol needs quotes.",
        ),
    };
    Diagnostic::error("yaml-syntax", span, format!("{message} ({what})"))
        .with_label(label)
        .with_help(help)
}

/// Anything else the parser reports, in its own words.
fn generic(e: &serde_saphyr::Error, span: Span, what: &str) -> Diagnostic {
    let raw = e.to_string();
    let first = raw.lines().next().unwrap_or(&raw).to_string();
    Diagnostic::error("yaml-syntax", span, format!("{first} in {what}"))
        .with_help("check the indentation and punctuation here: YAML nests by indentation with spaces, and text containing `: ` or starting with a symbol needs quotes.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Thing {
        title: String,
        order: u32,
    }

    fn parse(text: &str) -> Diagnostic {
        let file: Arc<str> = Arc::from("x.yaml");
        YamlSource {
            file: &file,
            text,
            base_offset: 0,
        }
        .parse::<Thing>("a thing")
        .unwrap_err()
    }

    #[test]
    fn a_misspelt_key_gets_a_suggestion_and_points_at_the_key() {
        let text = "title: A\ntitel: B\norder: 1\n";
        let d = parse(text);
        assert_eq!(d.code, "unknown-key");
        assert!(
            d.help.as_deref().unwrap().contains("did you mean `title`"),
            "{d:?}"
        );
        assert_eq!(&text[d.span.range.start..d.span.range.start + 5], "titel");
    }

    #[test]
    fn yaml_nested_deeper_than_the_limit_is_refused_with_the_limit_named() {
        let file: Arc<str> = Arc::from("x.yaml");
        let parse = |depth: usize| {
            let text = format!("{}1{}\n", "[".repeat(depth), "]".repeat(depth));
            YamlSource {
                file: &file,
                text: &text,
                base_offset: 0,
            }
            .parse::<serde::de::IgnoredAny>("a thing")
        };
        assert!(parse(MAX_DEPTH).is_ok());
        let d = parse(MAX_DEPTH + 8).unwrap_err();
        assert_eq!(d.code, "yaml-too-complex", "{d:?}");
        assert_eq!(d.message, "a thing is nested more than 32 levels deep");
        assert!(d.span.range.start <= MAX_DEPTH + 1, "{d:?}");
    }

    #[test]
    fn a_missing_key_is_named() {
        let d = parse("title: A\n");
        assert_eq!(d.code, "missing-key");
        assert!(d.message.contains("`order`"));
    }

    #[test]
    fn a_wrong_type_is_reported() {
        let d = parse("title: A\norder: first\n");
        assert_eq!(d.code, "wrong-type", "{d:?}");
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Table {
        title: String,
        rows: Vec<Row>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Row {
        partner: String,
        amount: u32,
    }

    /// The diagnostic for a data-set-like text, with its line and column (1-based).
    fn slip(text: &str) -> (Diagnostic, usize, usize) {
        let file: Arc<str> = Arc::from("funding.yaml");
        let d = YamlSource {
            file: &file,
            text,
            base_offset: 0,
        }
        .parse::<Table>("a data set")
        .unwrap_err();
        let before = &text[..d.span.range.start];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        (d, line, column)
    }

    // Each case's position was counted by hand in its text: the line and column
    // where the mistake is, or where the parser first cannot go on because of it.

    #[test]
    fn a_row_indented_one_space_more_is_reported_at_that_row() {
        let text = "title: Funding\nrows:\n  - partner: Council\n    amount: 1\n   - partner: Police\n    amount: 2\n";
        let (d, line, column) = slip(text);
        assert_eq!(
            (d.code.as_str(), line, column),
            ("yaml-syntax", 5, 4),
            "{d:?}"
        );
        assert!(d.message.contains("indented differently"), "{d:?}");
    }

    #[test]
    fn a_tab_is_reported_where_it_is() {
        let text = "title: Funding\nrows:\n\t- partner: Council\n";
        let (d, line, column) = slip(text);
        assert_eq!((line, column), (3, 1), "{d:?}");
        assert!(d.message.contains("a tab is used to indent"), "{d:?}");
    }

    #[test]
    fn an_unclosed_quote_is_reported() {
        let text = "title: \"Funding\nrows:\n  - partner: Council\n    amount: 1\n";
        let (d, line, column) = slip(text);
        assert!(d.message.contains("quotation mark"), "{d:?}");
        assert_eq!((line, column), (1, 8), "{d:?}");
    }

    #[test]
    fn an_unclosed_bracket_is_reported() {
        let text = "title: Funding\nrows: [ { partner: Council, amount: 1 }\n";
        let (d, line, column) = slip(text);
        assert!(d.message.contains("never closed"), "{d:?}");
        assert_eq!((line, column), (2, 7), "{d:?}");
    }

    #[test]
    fn a_missing_colon_is_reported_where_the_parser_stops() {
        let text = "title: Funding\nrows:\n  - partner Council\n    amount: 1\n";
        let (d, line, column) = slip(text);
        // The row's only line is a word, not `key: value`: the parser stops at it.
        assert_eq!(
            (d.code.as_str(), line, column),
            ("wrong-type", 3, 5),
            "{d:?}"
        );
        assert!(
            d.message
                .contains("a block of `key: value` lines is expected here in a data set"),
            "{d:?}"
        );
        assert!(
            d.help
                .as_deref()
                .unwrap()
                .contains("a colon and a space after each key"),
            "{d:?}"
        );
    }

    #[test]
    fn a_duplicate_key_is_reported_at_the_second() {
        let text = "title: Funding\ntitle: Money\nrows: []\n";
        let (d, line, column) = slip(text);
        assert_eq!((line, column), (2, 1), "{d:?}");
        assert!(d.message.contains("`title` appears twice"), "{d:?}");
    }

    #[test]
    fn a_list_where_a_number_belongs_is_reported_at_the_list() {
        let text = "title: Funding\nrows:\n  - partner: Council\n    amount:\n      - 1\n";
        let (d, line, column) = slip(text);
        assert_eq!(
            (d.code.as_str(), line, column),
            ("wrong-type", 5, 7),
            "{d:?}"
        );
        assert!(
            d.message
                .contains("a single value is expected here in a data set"),
            "{d:?}"
        );
    }

    #[test]
    fn a_list_item_where_a_block_belongs_is_reported() {
        let text = "- title: Funding\n";
        let (d, line, column) = slip(text);
        assert_eq!(
            (d.code.as_str(), line, column),
            ("wrong-type", 1, 1),
            "{d:?}"
        );
        assert!(
            d.help.as_deref().unwrap().contains("remove the `- `"),
            "{d:?}"
        );
    }
}
