//! The names a template tag uses, resolved against the data in scope, so that a
//! misspelt name is reported as the part that is wrong, with what exists there.
//!
//! tera says only that some value is undefined, somewhere in an expression. A report
//! writer needs to know which word is wrong (`prevention_meeting_atendance`) and
//! what it could have been, so the tag's own text is read here: every dotted name in
//! it is followed through the data sets, and the first step that leads nowhere is the
//! finding.

use std::ops::Range;

use serde_json::{Map, Value};

use crate::diagnostic::did_you_mean;

/// The first name in a tag that does not lead to a value.
#[derive(Debug, PartialEq)]
pub struct Unresolved {
    /// Where the missing part is, in the tag's text.
    pub range: Range<usize>,
    /// The whole name up to and including the missing part (`police.figures.x`).
    pub path: String,
    /// What the missing part was looked for in, in words a report writer knows.
    pub container: Container,
    /// The names that do exist there, in order.
    pub known: Vec<String>,
    /// The same figure as a chapter names it, when the name was written the way a
    /// highlight in report.yaml names it (`funding.police.amount` for
    /// `funding.by.police.amount`): the exact text to type.
    pub chapter_form: Option<String>,
}

/// What kind of thing lacks the name, which decides how the message reads.
#[derive(Debug, PartialEq)]
pub enum Container {
    /// The top level: data sets (by file name) and `report`.
    Scope,
    /// A data set's `figures`.
    Figures { dataset: String },
    /// A data set's rows by key (`by`).
    Rows { dataset: String },
    /// A data set's column totals (`total`).
    Totals { dataset: String },
    /// A value of another kind (a data set, a figure, a row): its fields.
    Fields { of: String },
    /// A number or text, which has no fields at all.
    NotAnObject { of: String },
}

impl Unresolved {
    /// "the data set `police` has no figure `x`".
    pub fn message(&self) -> String {
        let name = self.path.rsplit('.').next().unwrap_or(&self.path);
        match &self.container {
            Container::Scope => format!("there is no data set `{name}`"),
            Container::Figures { dataset } => {
                format!("the data set `{dataset}` has no figure `{name}`")
            }
            Container::Rows { dataset } => {
                format!("the data set `{dataset}` has no row named `{name}`")
            }
            Container::Totals { dataset } => {
                format!("the data set `{dataset}` has no total for a column `{name}`")
            }
            Container::Fields { of } => format!("`{of}` has no field `{name}`"),
            Container::NotAnObject { of } => {
                format!("`{of}` is a single value, so it has no field `{name}`")
            }
        }
    }

    /// "did you mean `y`? The figures of `police` are: …".
    pub fn help(&self) -> String {
        if let Some(form) = &self.chapter_form {
            return format!(
                "did you mean `{form}`? In a chapter a table cell is written `DATASET.by.ROW.COLUMN` and a named figure `DATASET.figures.NAME.value`; the short form without `by` or `figures` is for highlights in report.yaml (which take both)."
            );
        }
        let name = self.path.rsplit('.').next().unwrap_or(&self.path);
        let listing = match &self.container {
            Container::Scope => "the data sets in content/data (by file name) and `report` are",
            Container::Figures { .. } => "its figures are",
            Container::Rows { .. } => "its rows are",
            Container::Totals { .. } => "it has totals for",
            Container::Fields { .. } => "its fields are",
            Container::NotAnObject { .. } => {
                return "remove the last part of the name, or check the data file for the value you meant.".into();
            }
        };
        let known = list(&self.known);
        match did_you_mean(name, self.known.iter().map(String::as_str)) {
            Some(m) => format!("did you mean `{m}`? {}: {known}.", capitalise(listing)),
            None if self.known.is_empty() => {
                format!("{} nothing; check the data file.", capitalise(listing))
            }
            None => format!("{}: {known}.", capitalise(listing)),
        }
    }
}

/// Follows every name in `tag` (the text of one `{{ … }}` or `{% … %}`) through
/// `scope`. Names that the template binds itself (`{% for row in … %}`, `{% set … %}`)
/// are listed in `bound` and not followed, since their values are not known here.
pub fn first_unresolved(
    tag: &str,
    scope: &Map<String, Value>,
    bound: &[String],
) -> Option<Unresolved> {
    names(tag)
        .into_iter()
        .filter(|n| !bound.iter().any(|b| *b == n.parts[0].0))
        .find_map(|n| resolve(&n, scope))
}

/// The names a template binds with `for` and `set`, which are not data.
pub fn bound_names(body: &str) -> Vec<String> {
    let mut bound = vec!["loop".to_string()];
    for tag in body.split("{%").skip(1) {
        let tag = tag.split("%}").next().unwrap_or("");
        let mut words = tag.split_whitespace();
        match words.next() {
            Some("for") => {
                for w in words.take_while(|w| *w != "in") {
                    bound.extend(w.split(',').filter(|s| !s.is_empty()).map(String::from));
                }
            }
            Some("set") | Some("set_global") => {
                if let Some(w) = words.next() {
                    bound.push(w.trim_end_matches('=').to_string());
                }
            }
            _ => {}
        }
    }
    bound
}

/// A dotted name in a tag: each part with where it is in the tag.
#[derive(Debug)]
struct Name {
    parts: Vec<(String, Range<usize>)>,
}

const KEYWORDS: &[&str] = &[
    "and",
    "or",
    "not",
    "in",
    "is",
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "endfor",
    "set",
    "set_global",
    "true",
    "false",
    "True",
    "False",
    "none",
    "None",
    "include",
    "block",
    "endblock",
    "extends",
    "macro",
    "endmacro",
    "filter",
    "endfilter",
    "raw",
    "endraw",
    "break",
    "continue",
    "as",
    "import",
    "with",
];

/// The dotted names of a tag, leaving out filter and function names, keyword
/// arguments' names, keywords and the text inside quotes.
fn names(tag: &str) -> Vec<Name> {
    let bytes = tag.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut after_pipe = false;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'"' || c == b'\'' || c == b'`' {
            i = skip_string(bytes, i);
            continue;
        }
        if c == b'|' {
            after_pipe = true;
            i += 1;
            continue;
        }
        if !(c.is_ascii_alphabetic() || c == b'_') || preceded_by_dot(bytes, i) {
            if !c.is_ascii_whitespace() {
                after_pipe = false;
            }
            i += 1;
            continue;
        }
        let (name, end) = read_name(tag, i);
        let next = tag[end..].trim_start();
        let is_call = next.starts_with('(');
        let is_kwarg = next.starts_with('=') && !next.starts_with("==");
        let first = name.parts[0].0.as_str();
        if !(after_pipe || is_call || is_kwarg || KEYWORDS.contains(&first)) {
            out.push(name);
        }
        after_pipe = false;
        i = end;
    }
    out
}

fn skip_string(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() && bytes[i] != quote {
        i += 1 + usize::from(bytes[i] == b'\\');
    }
    (i + 1).min(bytes.len())
}

fn preceded_by_dot(bytes: &[u8], i: usize) -> bool {
    i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b'.')
}

/// Reads `a.b["c"].d` from `start`: the parts and the offset just after the name.
fn read_name(tag: &str, start: usize) -> (Name, usize) {
    let bytes = tag.as_bytes();
    let ident_end = |from: usize| {
        let mut j = from;
        while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_') {
            j += 1;
        }
        j
    };
    let end = ident_end(start);
    let mut parts = vec![(tag[start..end].to_string(), start..end)];
    let mut i = end;
    loop {
        if bytes.get(i) == Some(&b'.')
            && bytes
                .get(i + 1)
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
        {
            let end = ident_end(i + 1);
            parts.push((tag[i + 1..end].to_string(), i + 1..end));
            i = end;
        } else if bytes.get(i) == Some(&b'[') {
            let inner_start = i + 1;
            let Some(close) = tag[inner_start..].find(']').map(|c| inner_start + c) else {
                break;
            };
            let inner = tag[inner_start..close].trim();
            let literal = inner
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .or_else(|| inner.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')));
            match literal {
                Some(key) => parts.push((key.to_string(), inner_start..close)),
                None if inner.chars().all(|c| c.is_ascii_digit()) && !inner.is_empty() => {
                    parts.push((inner.to_string(), inner_start..close))
                }
                // An index computed at render time: follow the name no further.
                None => return (Name { parts }, close + 1),
            }
            i = close + 1;
        } else {
            break;
        }
    }
    (Name { parts }, i)
}

/// Follows one name through the scope; the first part that leads nowhere.
fn resolve(name: &Name, scope: &Map<String, Value>) -> Option<Unresolved> {
    let (root, root_range) = &name.parts[0];
    let Some(mut value) = scope.get(root) else {
        return Some(Unresolved {
            range: root_range.clone(),
            path: root.clone(),
            container: Container::Scope,
            known: scope.keys().cloned().collect(),
            chapter_form: None,
        });
    };
    for (depth, (part, range)) in name.parts.iter().enumerate().skip(1) {
        let path_so_far = join(&name.parts[..depth]);
        let next = match value {
            Value::Object(map) => map.get(part),
            Value::Array(items) => part.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        };
        match next {
            Some(v) => value = v,
            None => {
                let (container, known) = match value {
                    Value::Object(map) => {
                        (container(&name.parts, depth), map.keys().cloned().collect())
                    }
                    Value::Array(items) => (
                        Container::Fields {
                            of: path_so_far.clone(),
                        },
                        (0..items.len()).map(|i| i.to_string()).collect(),
                    ),
                    _ => (
                        Container::NotAnObject {
                            of: path_so_far.clone(),
                        },
                        Vec::new(),
                    ),
                };
                return Some(Unresolved {
                    range: range.clone(),
                    path: format!("{path_so_far}.{part}"),
                    container,
                    known,
                    chapter_form: (depth == 1)
                        .then(|| chapter_form(&name.parts, value))
                        .flatten(),
                });
            }
        }
    }
    None
}

/// A data set's figure named as a highlight names it (`DATASET.ROW.COLUMN`,
/// `DATASET.FIGURE`), written as a chapter names it (`DATASET.by.ROW.COLUMN`,
/// `DATASET.figures.FIGURE.value`), when the data set has that row or figure.
fn chapter_form(parts: &[(String, Range<usize>)], dataset: &Value) -> Option<String> {
    let has = |field: &str, key: &str| {
        dataset
            .get(field)
            .and_then(Value::as_object)
            .is_some_and(|m| m.contains_key(key))
    };
    let (root, first) = (&parts[0].0, &parts[1].0);
    let rest: Vec<&str> = parts[1..].iter().map(|(p, _)| p.as_str()).collect();
    if has("by", first) {
        Some(format!("{root}.by.{}", rest.join(".")))
    } else if has("figures", first) && parts.len() == 2 {
        Some(format!("{root}.figures.{first}.value"))
    } else {
        None
    }
}

/// What the object at `parts[..depth]` is: a data set's figures, rows or totals, or
/// something else with fields.
fn container(parts: &[(String, Range<usize>)], depth: usize) -> Container {
    let dataset = parts[0].0.clone();
    match (depth, parts[1].0.as_str()) {
        (2, "figures") => Container::Figures { dataset },
        (2, "by") => Container::Rows { dataset },
        (2, "total") => Container::Totals { dataset },
        _ => Container::Fields {
            of: join(&parts[..depth]),
        },
    }
}

fn join(parts: &[(String, Range<usize>)]) -> String {
    parts
        .iter()
        .map(|(p, _)| p.as_str())
        .collect::<Vec<_>>()
        .join(".")
}

fn list(names: &[String]) -> String {
    const SHOWN: usize = 12;
    let mut shown: Vec<String> = names.iter().take(SHOWN).map(|n| format!("`{n}`")).collect();
    if names.len() > SHOWN {
        shown.push(format!("and {} more", names.len() - SHOWN));
    }
    shown.join(", ")
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn scope() -> Map<String, Value> {
        let v = json!({
            "police": {
                "figures": {"prevention_meeting_attendance": {"value": 30, "previous": 25}},
                "by": {"west_mercia": {"referrals": 4}},
                "total": {"referrals": 4},
                "rows": [{"referrals": 4}],
            },
            "report": {"title": "Annual Report"},
        });
        v.as_object().unwrap().clone()
    }

    fn first(tag: &str) -> Option<Unresolved> {
        first_unresolved(tag, &scope(), &bound_names(""))
    }

    #[test]
    fn a_highlight_form_in_a_chapter_is_answered_with_the_chapter_form() {
        let u = first(" police.west_mercia.referrals ").unwrap();
        assert!(
            u.help()
                .starts_with("did you mean `police.by.west_mercia.referrals`?"),
            "{}",
            u.help()
        );
        let u = first(" police.prevention_meeting_attendance | count ").unwrap();
        assert!(
            u.help()
                .starts_with("did you mean `police.figures.prevention_meeting_attendance.value`?"),
            "{}",
            u.help()
        );
        // A name that is neither a row nor a figure gets no such suggestion.
        let u = first(" police.nowhere ").unwrap();
        assert!(!u.help().contains("police.by"), "{}", u.help());
    }

    #[test]
    fn a_misspelt_figure_is_the_part_reported_with_the_right_name() {
        let tag = " police.figures.prevention_meeting_atendance.value | count ";
        let u = first(tag).unwrap();
        assert_eq!(&tag[u.range.clone()], "prevention_meeting_atendance");
        assert_eq!(
            u.message(),
            "the data set `police` has no figure `prevention_meeting_atendance`"
        );
        assert!(
            u.help()
                .starts_with("did you mean `prevention_meeting_attendance`?"),
            "{}",
            u.help()
        );
    }

    #[test]
    fn each_shape_of_missing_name_says_what_it_was_looked_for_in() {
        let cases = [
            (
                " polce.figures.x.value ",
                "there is no data set `polce`",
                "did you mean `police`?",
            ),
            (
                " police.figures.prevention_meeting_attendance.valeu ",
                "`police.figures.prevention_meeting_attendance` has no field `valeu`",
                "did you mean `value`?",
            ),
            (
                " police.by.west_mercai.referrals ",
                "the data set `police` has no row named `west_mercai`",
                "did you mean `west_mercia`?",
            ),
            (
                " police.total.referals ",
                "the data set `police` has no total for a column `referals`",
                "did you mean `referrals`?",
            ),
            (
                " police.by[\"east\"].referrals ",
                "the data set `police` has no row named `east`",
                "Its rows are: `west_mercia`.",
            ),
            (
                " report.title.x ",
                "`report.title` is a single value, so it has no field `x`",
                "remove the last part",
            ),
        ];
        for (tag, message, help) in cases {
            let u = first(tag).unwrap_or_else(|| panic!("{tag} resolved"));
            assert_eq!(u.message(), message, "{tag}");
            assert!(u.help().starts_with(help), "{tag}: {}", u.help());
        }
    }

    #[test]
    fn filters_functions_arguments_strings_and_bound_names_are_not_data() {
        assert_eq!(
            first(
                " percent(part=police.total.referrals, whole=police.rows[0].referrals) | pct(places=0) "
            ),
            None
        );
        assert_eq!(first(" table(data=\"anything at all\") "), None);
        assert_eq!(
            first(" police.figures.prevention_meeting_attendance.value | number(places=1) "),
            None
        );
        let bound = bound_names("{% for row in police.rows %}{{ row.x }}{% endfor %}");
        assert_eq!(first_unresolved(" row.x ", &scope(), &bound), None);
    }

    #[test]
    fn a_filter_on_a_missing_name_reports_the_name_not_the_filter() {
        let tag = " percent(part=police.total.referrals, whole=police.total.refs) | pct ";
        let u = first(tag).unwrap();
        assert_eq!(&tag[u.range], "refs");
    }
}
