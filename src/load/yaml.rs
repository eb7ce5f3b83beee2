//! YAML with source positions. Parse errors become diagnostics that point at the
//! offending key or value, with a "did you mean" for misspelt keys.

use std::sync::{Arc, LazyLock};

use regex::Regex;
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
                None => explain(&e.to_string(), span, what),
            }
        })
    }

    /// The span of a parsed value.
    pub fn span<T>(&self, value: &Spanned<T>) -> Span {
        self.span_at(&value.referenced)
    }

    fn span_at(&self, location: &Location) -> Span {
        let span = location.span();
        let start = span.byte_offset().unwrap_or(0) as usize;
        let len = span.byte_len().unwrap_or(0) as usize;
        let start = (self.base_offset + start).min(self.base_offset + self.text.len());
        let end = (start + len).min(self.base_offset + self.text.len());
        Span::new(self.file, start..end)
    }
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

static LOCATION_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*\(?at line \d+,? col(umn)? \d+\)?\.?$").unwrap());
static UNKNOWN_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"unknown (field|variant) `([^`]*)`, expected (one of )?(.*)").unwrap()
});
static MISSING_FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"missing field `([^`]*)`").unwrap());
static INVALID_SCALAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^invalid (u8|u16|u32|u64|usize|i8|i16|i32|i64|isize|f32|f64|bool)\b").unwrap()
});
static BACKTICKED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`([^`]*)`").unwrap());

/// Turns serde's message into a diagnostic with a code, a plain message and help.
fn explain(raw: &str, span: Span, what: &str) -> Diagnostic {
    let first_line = raw.lines().next().unwrap_or(raw);
    let message = LOCATION_SUFFIX.replace(first_line, "").trim().to_string();
    if let Some(c) = UNKNOWN_FIELD.captures(&message) {
        let word = c[2].to_string();
        let mut expected: Vec<String> = BACKTICKED
            .captures_iter(&c[4])
            .map(|m| m[1].to_string())
            .collect();
        if expected.is_empty() {
            expected = c[4]
                .split([',', ' '])
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '_'))
                .filter(|w| !w.is_empty() && *w != "or")
                .map(str::to_string)
                .collect();
        }
        let list = expected
            .iter()
            .map(|e| format!("`{e}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let kind = if &c[1] == "field" { "key" } else { "value" };
        let mut d = Diagnostic::error(
            if kind == "key" {
                "unknown-key"
            } else {
                "unknown-value"
            },
            span,
            format!("unknown {kind} `{word}` in {what}"),
        )
        .with_label(format!("not a {kind} {what} can have"));
        d = match did_you_mean(&word, expected.iter().map(String::as_str)) {
            Some(s) => d.with_help(format!(
                "did you mean `{s}`? The {kind}s allowed here are {list}."
            )),
            None => d.with_help(format!("the {kind}s allowed here are {list}.")),
        };
        return d;
    }
    if let Some(c) = MISSING_FIELD.captures(&message) {
        return Diagnostic::error("missing-key", span, format!("{what} has no `{}`", &c[1]))
            .with_label(format!("`{}` is required here", &c[1]))
            .with_help(format!(
                "add a line `{}: …` (see docs/format.md for what it holds).",
                &c[1]
            ));
    }
    if message.contains("duplicate") {
        return Diagnostic::error("yaml-syntax", span, format!("{message} in {what}")).with_help(
            "each key may appear only once in a map; remove or rename the repeated one.",
        );
    }
    if let Some(c) = INVALID_SCALAR.captures(&message) {
        let wanted = match &c[1] {
            "f32" | "f64" => "a number",
            "bool" => "true or false",
            t if t.starts_with('u') || t.starts_with('i') => "a whole number",
            _ => "a different kind of value",
        };
        return Diagnostic::error(
            "wrong-type",
            span,
            format!("this value in {what} should be {wanted}"),
        )
        .with_label(format!("expected {wanted}"))
        .with_help(format!(
            "write {wanted} here, without quotes (see docs/format.md)."
        ));
    }
    let is_type = message.contains("invalid type")
        || message.contains("expected")
        || message.contains("invalid value");
    Diagnostic::error(if is_type { "wrong-type" } else { "yaml-syntax" }, span, format!("{message} in {what}"))
        .with_help(if is_type {
            "give this value the type the format asks for (see docs/format.md)."
        } else {
            "check the indentation and punctuation here: YAML nests by indentation with spaces, and text containing `: ` or starting with a symbol needs quotes."
        })
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
}
