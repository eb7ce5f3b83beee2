//! The partnership's name, the one the text uses most ("Herefordshire Safeguarding
//! Children Partnership"), and its initials when the text uses them.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{Confidence, Known, Overrides, Text};
use crate::diagnostic::Span;
use crate::read::Extracted;

static NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:[A-Z][\w'’.-]*\s+(?:(?:and|&|of|upon|on)\s+)?){1,4})Safeguarding\s+(Children(?:['’]s)?\s+(?:Partnership|Board)|Partnership(?:\s+for\s+Children)?)\b").unwrap()
});
const NOT_PLACES: &[&str] = &[
    "The",
    "This",
    "Our",
    "Annual",
    "Report",
    "Local",
    "A",
    "Each",
    "Every",
    "Multi-agency",
    "Multi-Agency",
    "New",
    "Independent",
    "Chair",
    "Of",
    "And",
    "Welcome",
    "In",
    "As",
    "Within",
    "Across",
];

pub(super) fn partnership(
    e: &Extracted,
    texts: &[Text],
    o: &Overrides,
) -> (Option<Known<String>>, Option<Known<String>>) {
    let mut counts: BTreeMap<String, (usize, Span, String)> = BTreeMap::new();
    let mut all = texts
        .iter()
        .map(|t| (t.text.as_str(), &t.block.span))
        .collect::<Vec<_>>();
    let title_span;
    if let Some(title) = &e.title {
        title_span = e.sections.first().map(|s| s.span.clone());
        if let Some(span) = &title_span {
            all.insert(0, (title.as_str(), span));
        }
    }
    for (text, span) in &all {
        for c in NAME.captures_iter(text) {
            let words: Vec<&str> = c[1]
                .split_whitespace()
                .skip_while(|w| NOT_PLACES.contains(w))
                .collect();
            if words.is_empty() || NOT_PLACES.contains(words.last().unwrap_or(&"")) {
                continue;
            }
            let kind = c[2]
                .replace(['\'', '’'], "")
                .replace("Childrens", "Children");
            let name = format!("{} Safeguarding {}", words.join(" "), kind);
            let entry = counts
                .entry(name)
                .or_insert((0, (*span).clone(), c[0].to_string()));
            entry.0 += 1;
        }
    }
    let best = counts.into_iter().max_by_key(|(_, (n, _, _))| *n);
    let partnership = match (&o.partnership, best) {
        (Some(name), _) => Some(Known::given(name.clone())),
        (None, Some((name, (n, span, from)))) => Some(Known::inferred(
            name,
            span,
            if n >= 3 {
                Confidence::High
            } else {
                Confidence::Medium
            },
            format!("{from} ({n} time{})", if n == 1 { "" } else { "s" }),
        )),
        (None, None) => None,
    };
    let short = partnership
        .as_ref()
        .and_then(|p| short_name(&p.value, texts));
    (partnership, short)
}

/// The partnership's initials, when the text uses them.
fn short_name(name: &str, texts: &[Text]) -> Option<Known<String>> {
    let initials: String = name
        .split_whitespace()
        .filter(|w| !["and", "of", "&", "for", "upon", "on"].contains(w))
        .filter_map(|w| w.chars().next())
        .collect();
    let word = Regex::new(&format!(r"\b{}\b", regex::escape(&initials))).ok()?;
    let found: Vec<&Text> = texts.iter().filter(|t| word.is_match(&t.text)).collect();
    let first = found.first()?;
    Some(Known::inferred(
        initials.clone(),
        first.block.span.clone(),
        if found.len() >= 3 {
            Confidence::High
        } else {
            Confidence::Medium
        },
        format!("{initials} used in {} blocks", found.len()),
    ))
}
