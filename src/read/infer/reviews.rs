//! The case reviews the report names, with their recommendations and whether actions
//! in response are described.

use std::sync::LazyLock;

use regex::Regex;

use super::{Confidence, Known, Text};
use crate::assemble::{BlockKind, NamedReview as Review};
use crate::model::ReviewKind;
use crate::read::Extracted;

static REVIEW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(rapid reviews?|local child safeguarding practice reviews?|child safeguarding practice reviews?|l?cspr|serious case reviews?|scr|national (panel )?reviews?)\b").unwrap()
});
static NAMED_REVIEW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(CSPR|LCSPR|SCR|Rapid Review|(?:Child|Local Child) Safeguarding Practice Review|Serious Case Review)\s*(?:\(\w+\)\s*)?(?:for|into|of|regarding|concerning|about|[-–:])?\s*[‘'“\x22]?((?:Child|Baby|Sibling)\s+[A-Z]\w*|Family\s+[A-Z]\w*|[A-Z][a-z]+(?:-[a-z]+-[A-Z][a-z]+)?(?:\s+and\s+[A-Z][a-z]+)?)\b").unwrap()
});
pub(crate) static RECOMMENDATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\brecommendations?\b|\blearning (points|themes)\b").unwrap());
pub(crate) static ACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\baction plans?\b|\bactions?\b|\bin response\b|\bimplemented\b").unwrap()
});
/// A table column of what improved: "Impact", "Improvement", "Difference made".
pub(crate) static IMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bimpact\b|\bimprovements?\b|\bdifference\b|\boutcomes?\b").unwrap()
});
/// A cell that records nothing: "None", "Not yet evidenced", "N/A", "TBC", a dash.
pub(crate) static NOTHING_RECORDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(none\b|not yet\b|n/?a\b|tbc\b|to be confirmed\b|[-–—]\s*$|$)").unwrap()
});
const NOT_REVIEW_NAMES: &[&str] = &[
    "The",
    "Group",
    "Panel",
    "Process",
    "Processes",
    "Group",
    "Report",
    "Reports",
    "Meeting",
    "Meetings",
    "Sub",
    "Subgroup",
    "Action",
    "Learning",
    "Recommendations",
    "Framework",
    "Guidance",
    "Notifications",
    "Referrals",
    "This",
    "In",
    "And",
    "Was",
    "Were",
    "Is",
    "Has",
    "Had",
];

pub(crate) fn kind_of(words: &str) -> ReviewKind {
    let w = words.to_lowercase();
    if w.contains("rapid") {
        ReviewKind::RapidReview
    } else if w.contains("serious") || w == "scr" {
        ReviewKind::Scr
    } else if w.contains("national") {
        ReviewKind::National
    } else {
        ReviewKind::Cspr
    }
}
/// Case reviews named in the text ("the CSPR for Child L"), with the recommendations
/// listed and the actions described in the section where each is named.
pub(super) fn reviews(e: &Extracted, texts: &[Text]) -> Vec<Known<Review>> {
    let mut out: Vec<Known<Review>> = e
        .sections
        .iter()
        .filter_map(|s| {
            let r = s.review.as_ref()?;
            Some(Known::inferred(
                Review {
                    kind: r.kind,
                    name: r.name.clone(),
                    recommendations: r.recommendations.len(),
                    actions: r.recommendations.iter().any(|x| !x.actions.is_empty()),
                },
                s.span.clone(),
                Confidence::Medium,
                format!("the heading \"{}\"", s.title),
            ))
        })
        .collect();
    for t in texts {
        for c in NAMED_REVIEW.captures_iter(&t.text) {
            let name = c[2].trim().to_string();
            if NOT_REVIEW_NAMES.contains(&name.as_str())
                || out.iter().any(|r| r.value.name.contains(&name))
            {
                continue;
            }
            let section: Vec<&Text> = texts.iter().filter(|x| x.section == t.section).collect();
            let recommendations = e.sections[t.section]
                .blocks
                .windows(2)
                .filter(|w| RECOMMENDATION.is_match(&w[0].text()))
                .map(|w| match &w[1].kind {
                    BlockKind::List { items, .. } => items.len(),
                    _ => 0,
                })
                .sum();
            let actions = section.iter().any(|x| {
                ACTION.is_match(&x.text) && REVIEW.is_match(&x.text)
                    || ACTION.is_match(&x.text) && RECOMMENDATION.is_match(&x.text)
            });
            out.push(Known::inferred(
                Review {
                    kind: kind_of(&c[1]),
                    name,
                    recommendations,
                    actions,
                },
                t.block.span.clone(),
                Confidence::Medium,
                c[0].to_string(),
            ));
        }
    }
    out
}
