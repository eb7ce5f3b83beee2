//! Where and when the report says it is published, and when its copy went to the
//! national panel.

use std::sync::LazyLock;

use regex::Regex;

use super::Text;
use super::period::{MONTH, date, month, month_end};
use crate::assemble::{Confidence, Origin, PublicationFacts};
use crate::diagnostic::Span;

static PUBLISHED_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:published|available|can be found)(?:\s+on\s+\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+\s+\d{4})?\s+(?:at|on|from)\s+(?:(https?://[^\s)>\]]+|www\.[^\s)>\]]+)|(?:our|the)\s+(?:[\w’']+\s+){0,3}(?:website|web ?site|web ?pages?))").unwrap()
});
static REPORT_ITSELF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(this|the|our)\s+(annual\s+|yearly\s+)?report\b").unwrap());
/// A sentence that starts "Published", as a cover's line does.
static COVER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[.!?:]\s+)Published\s+(?:(?:at|on)\b|\d{1,2}\s|[A-Z][a-z]+\s+\d{4}\b)")
        .unwrap()
});
static PUBLISHED_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b[Pp]ublished\s+(?:on\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\s+(\d{{4}})\b"
    ))
    .unwrap()
});
/// "A copy is sent to the Child Safeguarding Practice Review Panel and the What Works
/// Centre within seven days of publication."
static COPY_WITHIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bcop(?:y|ies)\b[^.]*?\b(?:sent|submitted|provided|shared|given|goes|go)\b[^.]*?\b(?:panel|what works centre|department for education|dfe)\b[^.]*?\bwithin\s+(?:seven|7)\s+(?:working\s+)?days\b")
        .unwrap()
});
/// The sentence that holds a match: "We will send a copy …" after "… published on 25
/// September 2026." does not make the date a plan.
fn sentence_around(text: &str, at: std::ops::Range<usize>) -> &str {
    let start = text[..at.start].rfind(['.', '!', '?']).map_or(0, |i| i + 1);
    let end = text[at.end..]
        .find(['.', '!', '?'])
        .map_or(text.len(), |i| at.end + i);
    &text[start..end]
}

/// "published on our website by 30 September 2025", "in September 2026", "we are
/// publishing this report in November 2025".
static PUBLISHED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b[Pp]ublish(?:ed|ing)\b(?:[^.]{{0,60}}?\b(?:by|on|in)\s+|\s+)(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+)?{MONTH}\s+(\d{{4}})\b"
    ))
    .unwrap()
});
/// "Our published arrangements, agreed in November 2024": another document that is
/// published, not the report's publication.
static PUBLISHED_THING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bpublished\s+(?:safeguarding\s+)?(?:arrangements|plans?|strateg(?:y|ies)|guidance|polic(?:y|ies)|procedures|documents?|briefings?|reviews?)\b").unwrap()
});
static COPY_TO_PANEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b[Cc]op(?:y|ies)\b(?i:[^.]*?\b(?:sent|submitted|provided|shared|given)\b[^.]*?\bpanel\b[^.]*?\bon)\s+(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\s+(\d{{4}})\b"
    ))
    .unwrap()
});

/// Another document named as what is published: "the new arrangements, published in
/// October 2024", "the strategy we published in May".
static OTHER_DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:arrangements|plans?|strateg(?:y|ies)|guidance|polic(?:y|ies)|procedures|briefings?|reviews?|leaflets?|newsletters?|protocols?|toolkits?|framework)\b[^.,;]{0,20}$").unwrap()
});

/// "We published it", "It was signed off … and published on …": the report, in a
/// paragraph about it.
static IT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bpublish(?:ed|ing) it\b|^\s*it\b").unwrap());

/// The first date of publication, of `pattern`, in a sentence about the report itself
/// ("This report was published on 28 October 2025", "We published it by 30 September
/// 2025"), not in a sentence of the same paragraph about another document ("… line up with the new arrangements, published
/// in October 2024").
fn of_the_report<'t>(pattern: &Regex, text: &'t str) -> Option<regex::Captures<'t>> {
    pattern.captures_iter(text).find(|c| {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        let sentence = sentence_around(text, whole.clone());
        let start = text[..whole.start]
            .rfind(['.', '!', '?'])
            .map_or(0, |i| i + 1);
        let before = text[start..whole.start].trim_end_matches([',', ' ']);
        // A cover's line starts with the word: "Published on 30 September 2022."
        let cover_line = text[whole.start..].starts_with("Published");
        (REPORT_ITSELF.is_match(sentence)
            || cover_line
            || COVER_LINE.is_match(sentence.trim_start())
            || IT.is_match(sentence))
            && !OTHER_DOCUMENT.is_match(before)
    })
}

/// Where and when the report says it is published, and when the copy went to the
/// national panel: "Published at https://…", "published on 30 September 2022", "a
/// copy was sent to the Child Safeguarding Practice Review Panel on 3 October 2022".
pub(super) fn publication(texts: &[Text]) -> PublicationFacts {
    let mut found = PublicationFacts::default();
    let mut first: Option<&Span> = None;
    for t in texts {
        let mut hit = false;
        // About the report itself ("This report is published on our website"), or a
        // cover's line ("Published at https://…"); not "learning briefings are
        // published on the partnership's webpages" nor "the review was published on
        // 21 February 2022".
        let about_report = REPORT_ITSELF.is_match(&t.text) || COVER_LINE.is_match(&t.text);
        if found.website.is_none()
            && about_report
            && let Some(c) = PUBLISHED_AT.captures(&t.text)
        {
            found.website = Some(c.get(1).map_or_else(
                || "the partnership's website".to_string(),
                |url| url.as_str().trim_end_matches(['.', ',', ';']).to_string(),
            ));
            hit = true;
        }
        if found.published.is_none()
            && about_report
            && let Some(c) = of_the_report(&PUBLISHED_ON, &t.text)
        {
            found.published = date(&c[3], &c[2], &c[1]);
            hit |= found.published.is_some();
        }
        if found.published.is_none()
            && about_report
            && !PUBLISHED_THING.is_match(&t.text)
            && let Some(c) = of_the_report(&PUBLISHED_BY, &t.text)
        {
            found.published = match c.get(1) {
                Some(day) => date(&c[3], &c[2], day.as_str()),
                // "in September 2026": by the end of that month.
                None => c[3].parse().ok().map(|year| month_end(year, month(&c[2]))),
            };
            hit |= found.published.is_some();
        }
        if !found.copy_within_seven_days && COPY_WITHIN.is_match(&t.text) {
            found.copy_within_seven_days = true;
            hit = true;
        }
        if found.copy_to_panel.is_none()
            && let Some(c) = COPY_TO_PANEL.captures(&t.text)
        {
            found.copy_to_panel = date(&c[3], &c[2], &c[1]);
            hit |= found.copy_to_panel.is_some();
        }
        if hit && first.is_none() {
            first = Some(&t.block.span);
        }
    }
    if let Some(span) = first {
        found.origin = Origin::Inferred {
            span: span.clone(),
            confidence: Confidence::Medium,
            words: "the report's own words about where and when it is published".to_string(),
        };
    }
    found
}
