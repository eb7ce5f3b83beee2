//! The priorities the report sets itself and the progress it states on each.

use std::sync::LazyLock;

use regex::Regex;

use super::{Confidence, Known, Text};
use crate::assemble::{BlockKind, NamedPriority as Priority};
use crate::model::Progress;
use crate::read::Extracted;

static PRIORITY_INTRO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bpriorit(y|ies)\b").unwrap());
pub(crate) static PROGRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(achieved|completed|fully met|good progress|significant progress|some progress|partially|partly|limited progress|little progress|slower than|stalled|no progress|not (yet )?(started|achieved|met)|delayed|on track|ongoing)\b").unwrap()
});

pub(crate) fn progress_of(words: &str) -> Progress {
    let w = words.to_lowercase();
    if w.contains("no progress") || w.contains("not started") || w.contains("not yet started") {
        Progress::None
    } else if [
        "limited",
        "little",
        "slower",
        "stalled",
        "delayed",
        "not achieved",
        "not met",
        "not yet",
    ]
    .iter()
    .any(|x| w.contains(x))
    {
        Progress::Little
    } else if ["some progress", "partial", "partly", "ongoing", "on track"]
        .iter()
        .any(|x| w.contains(x))
    {
        Progress::Some
    } else {
        Progress::Good
    }
}

/// Priorities: the items of a list introduced by words about priorities, in the
/// first half of the report (later lists are usually next year's).
pub(super) fn priorities(e: &Extracted, texts: &[Text]) -> Vec<Known<Priority>> {
    let mut out = Vec::new();
    for s in &e.sections {
        let mut intro = PRIORITY_INTRO.is_match(&s.title);
        for b in &s.blocks {
            match &b.kind {
                BlockKind::List { items, .. } if intro => {
                    for item in items {
                        let Some(first) = item.first() else { continue };
                        let name = first.text();
                        let name = name
                            .trim()
                            .trim_end_matches([',', '.', ';'])
                            .trim_end_matches(" and");
                        if name.split_whitespace().count() < 2 || name.len() > 200 {
                            continue;
                        }
                        let key: Vec<String> = name
                            .split(|c: char| !c.is_alphanumeric())
                            .filter(|w| w.len() > 4)
                            .map(str::to_lowercase)
                            .take(3)
                            .collect();
                        // Progress is stated where the priority's own words come back
                        // with words about how far it got.
                        let said = texts.iter().find(|t| {
                            let l = t.text.to_lowercase();
                            !std::ptr::eq(t.block, first)
                                && !key.is_empty()
                                && key.iter().all(|k| l.contains(k.as_str()))
                                && PROGRESS.is_match(&t.text)
                        });
                        let progress = said
                            .and_then(|t| PROGRESS.find(&t.text))
                            .map(|m| progress_of(m.as_str()));
                        out.push(Known::inferred(
                            Priority {
                                name: name.to_string(),
                                progress,
                            },
                            first.span.clone(),
                            if PRIORITY_INTRO.is_match(&s.title) {
                                Confidence::High
                            } else {
                                Confidence::Medium
                            },
                            format!("a list introduced as priorities in \"{}\"", s.heading()),
                        ));
                    }
                    intro = false;
                }
                _ => {
                    let text = b.text();
                    if !text.trim().is_empty() {
                        intro = PRIORITY_INTRO.is_match(&text)
                            && !text.to_lowercase().contains("next year");
                    }
                }
            }
        }
        if !out.is_empty() {
            break;
        }
    }
    out
}
/// Priorities with sections of their own ("Priority 2 – Neglect"), if there are any.
pub(super) fn structured_priorities(e: &Extracted) -> Option<Vec<Known<Priority>>> {
    let out: Vec<Known<Priority>> = e
        .sections
        .iter()
        .filter_map(|s| {
            let p = s.priority.as_ref()?;
            Some(Known::inferred(
                Priority {
                    name: p.name.clone(),
                    progress: Some(p.progress),
                },
                s.span.clone(),
                Confidence::Medium,
                format!(
                    "the heading \"{}\" and the progress its section states",
                    s.title
                ),
            ))
        })
        .collect();
    (!out.is_empty()).then_some(out)
}
