//! Editorial rules: what a reader of the published report trips over. Placeholders
//! left in, abbreviations never spelled out, images without a text alternative, link
//! text that means nothing alone, skipped headings, long sentences and out-of-date
//! terms.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::text::{Unit, UnitKind, sentences, word_count};
use super::{Ctx, Doc, Family, Rule};
use crate::assemble::{BlockKind, Inline, plain_text};
use crate::diagnostic::{Diagnostic, Severity};

// The ids of this family's rules: findings name them by these constants, so a
// misspelt id does not compile.
rule_ids! {
    ED_PLACEHOLDER = "ED-PLACEHOLDER",
    ED_ACRONYM = "ED-ACRONYM",
    ED_ALT_TEXT = "ED-ALT-TEXT",
    ED_LINK_TEXT = "ED-LINK-TEXT",
    ED_HEADING = "ED-HEADING",
    ED_EMPTY_SECTION = "ED-EMPTY-SECTION",
    ED_SENTENCE = "ED-SENTENCE",
    ED_LEGACY_TERM = "ED-LEGACY-TERM",
}

const GOVUK: &str = "GOV.UK, \"Publishing accessible documents\" (gov.uk/guidance/publishing-accessible-documents).";
const REGS: &str = "The Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (SI 2018/952): content must be \"perceivable, operable, understandable and robust\"; WCAG 2.1 AA.";

/// The family's rules, in the order `explain` lists them.
pub fn rules() -> Vec<Rule> {
    [
        completeness_rules(),
        accessibility_rules(),
        outline_rules(),
        wording_rules(),
    ]
    .concat()
}

/// An editorial rule with its documentation.
fn rule(id: super::RuleId, severity: Severity, summary: &str, doc: Doc) -> Rule {
    Rule {
        id: id.as_str().into(),
        family: Family::Editorial,
        severity,
        summary: summary.into(),
        to_confirm: false,
        pack: None,
        doc,
    }
}

/// Nothing left unfinished or unexplained: placeholders and abbreviations.
fn completeness_rules() -> Vec<Rule> {
    vec![
        rule(
            ED_PLACEHOLDER,
            Severity::Error,
            "Text left as a placeholder (\"x number\", \"XX\", \"TBC\", \"[insert …]\", \"lorem ipsum\").",
            Doc {
                what: "Finds placeholder text in everything that is published, tables included: \"x number\", \"XX\", \"TBC\", \"TBD\", \"TODO\", \"[insert …]\", \"[name]\", \"???\" and \"lorem ipsum\".".into(),
                why: "A placeholder in a published report shows the reader that a figure or a fact was never filled in, and a statutory report is the partners' public account of the year. The guidance asks the report to \"bring transparency for children, families and all practitioners about the activity undertaken\".".into(),
                example: "Gather x number of anonymised neglect case studies.".into(),
                fix: "Fill in the figure or the fact, or rewrite the sentence without it. If the report is published as the original printed it, lower the rule to a warning in report.yaml and say why.".into(),
                off: String::new(),
                references: format!("Working Together to Safeguard Children 2018, chapter 3, \"Reporting\".\n{GOVUK}"),
            },
        ),
        rule(
            ED_ACRONYM,
            Severity::Warning,
            "An abbreviation used before it is spelled out, and not in the report's glossary.",
            Doc {
                what: "Finds words written in capitals (HSCP, MASH, CSPRs, PbR) and checks that each is spelled out at or before its first use, as \"Multi-Agency Safeguarding Hub (MASH)\" or \"MASH (Multi-Agency Safeguarding Hub)\", or is in content/glossary.yaml, which both outputs print as an appendix. The partnership's own short name and abbreviations everyone knows (NHS, UK, GP, COVID) are accepted. A unit after a number (\"821 KB\") and the names of standards (\"WCAG 2.2 AA\", \"PDF/UA-1\") are not abbreviations. One finding per abbreviation, at its first use.".into(),
                why: "GOV.UK's guidance on accessible documents asks for plain English and for abbreviations to be explained; a safeguarding report is read by children, families and practitioners from other agencies, not only by those who use the abbreviations every day.".into(),
                example: "The MASH screened 3,329 referrals.   # MASH never spelled out, not in the glossary".into(),
                fix: "Spell it out at its first use, \"Multi-Agency Safeguarding Hub (MASH)\", or add it to content/glossary.yaml.".into(),
                off: "To accept an abbreviation everywhere without a glossary entry:\n\n  check:\n    allow:\n      abbreviations: [CAMHS]\n".into(),
                references: format!("{GOVUK}\n{REGS}"),
            },
        ),
    ]
}

/// What readers who cannot see the page depend on: alt text and link text.
fn accessibility_rules() -> Vec<Rule> {
    vec![
        rule(
            ED_ALT_TEXT,
            Severity::Error,
            "An image without alt text, or with alt text that says nothing (a file name, \"image\").",
            Doc {
                what: "Checks every image, in Markdown and in raw HTML, for a text alternative that says what it shows: an empty alt, a file name (\"GROWING_UP[1]\", \"chart.png\") or a word such as \"image\" or \"chart\" alone is a finding. (The build already refuses a Markdown image with empty brackets.)".into(),
                why: "Readers who cannot see an image hear its alt text instead. The accessibility regulations require content to be perceivable (WCAG 2.1 success criterion 1.1.1), PDF/UA requires it of a tagged PDF, and GOV.UK's guidance says images need text alternatives.".into(),
                example: "![GROWING_UP[1]](images/growing-up.png)".into(),
                fix: "Say in a few words what the image shows and why it is there: ![If there were 100 children in our area: 14 would live in poverty, …](images/growing-up.png). If the image's content is also in the text, say so briefly.".into(),
                off: String::new(),
                references: format!("{REGS}\nWCAG 2.1, success criterion 1.1.1 \"Non-text content\".\nISO 14289-1 (PDF/UA-1).\n{GOVUK}"),
            },
        ),
        rule(
            ED_LINK_TEXT,
            Severity::Warning,
            "Link text that does not make sense on its own (\"click here\", \"here\", a bare web address).",
            Doc {
                what: "Checks the text of every link, and finds web addresses written out in the text: link text such as \"click here\", \"here\", \"this link\", \"read more\" or \"website\", link text that is itself an address, and bare addresses (https://…) are findings.".into(),
                why: "Screen reader users often move from link to link, hearing only the link text; \"click here\" tells them nothing. In a PDF, a bare address is long, breaks across lines and cannot be read aloud sensibly. GOV.UK's guidance asks for link text that makes sense on its own.".into(),
                example: "The survey results are [here](https://example.org/survey).\nApple: https://podcasts.apple.com/us/podcast/point-of-view/id1607318366".into(),
                fix: "Make the link text say where it goes: [Children and Young People's Quality of Life Survey 2021](https://…); for a bare address, give it link text: [Point of View podcast on Apple Podcasts](https://…).".into(),
                off: String::new(),
                references: format!("{GOVUK}\nWCAG 2.1, success criterion 2.4.4 \"Link purpose (in context)\"."),
            },
        ),
    ]
}

/// The report's outline: heading levels and sections with no text.
fn outline_rules() -> Vec<Rule> {
    vec![
        rule(
            ED_HEADING,
            Severity::Warning,
            "A skipped heading level, or a heading with nothing under it.",
            Doc {
                what: "Checks that headings inside a section go down one level at a time (a section's body starts at `##`, then `###`), and that no heading is empty: a heading followed straight away by another heading of the same or a higher level. (A section with no text at all is ED-EMPTY-SECTION.)".into(),
                why: "Headings are how screen reader users and the PDF's bookmarks find their way around the report; a skipped level breaks the outline, and an empty heading promises content that is not there. WCAG 2.1 success criterion 1.3.1 asks that structure be conveyed.".into(),
                example: "## Why is this service important to us?\n#### What did we do?      # skips ###".into(),
                fix: "Use the next level down (`###` after `##`), and fill in or remove the empty heading.".into(),
                off: String::new(),
                references: format!("{REGS}\nWCAG 2.1, success criterion 1.3.1 \"Info and relationships\".\n{GOVUK}"),
            },
        ),
        rule(
            ED_EMPTY_SECTION,
            Severity::Error,
            "A section with no text: only its heading, or only headings.",
            Doc {
                what: "Finds sections (chapters and sub-sections) with nothing under their title but headings: no paragraph, list, table, chart or picture, and no sub-section of their own. An error, so a report is not published unfinished; a draft build (`build --draft`) still builds, marked DRAFT.".into(),
                why: "A chapter that is a heading on a blank page tells the reader the partnership had nothing to say about it. Where the chapter answers a requirement of the guidance (independent scrutiny, say), the published report has failed it.".into(),
                example: "---\nid: independent-scrutiny\ntitle: Independent scrutiny\n---\n\n## What the scrutineer found\n".into(),
                fix: "Write the section, or remove its file if the report does not need it.".into(),
                off: String::new(),
                references: format!("Working Together to Safeguard Children 2018, chapter 3, \"Reporting\".\n{REGS}"),
            },
        ),
    ]
}

/// Plain, current words: sentence length and terms out of date for the period.
fn wording_rules() -> Vec<Rule> {
    vec![
        rule(
            ED_SENTENCE,
            Severity::Info,
            "Sentences over 25 words, the GOV.UK guide's limit, counted per section.",
            Doc {
                what: "Counts the sentences of each section's paragraphs and list items that are longer than 25 words, and reports each section once, at its longest sentence. Quotations are left out: they are someone else's words.".into(),
                why: "GOV.UK's guidance on accessible documents recommends sentences of about 25 words or fewer; long sentences are harder for everyone to follow, and much harder for readers with low literacy or cognitive impairments.".into(),
                example: "A sentence of 40 words that strings three ideas together with \"and\" and \"which\".".into(),
                fix: "Split long sentences: one idea to a sentence. Lists help when a sentence names several things.".into(),
                off: String::new(),
                references: GOVUK.into(),
            },
        ),
        rule(
            ED_LEGACY_TERM,
            Severity::Warning,
            "A term out of date for the report's period (\"CCG\" after 1 July 2022, \"LSCB\" after 2019).",
            Doc {
                what: "Finds names of bodies and documents that had been replaced before the period ended:\n- clinical commissioning group (CCG), replaced by integrated care boards (ICB) on 1 July 2022 (Health and Care Act 2022);\n- local safeguarding children board (LSCB), replaced by safeguarding partnership arrangements by 29 September 2019;\n- Working Together 2018 as the guidance in force, in a report judged against the 2023 edition.\nA sentence about the past (\"the Local Safeguarding Children Board was replaced in 2019\", \"formerly the CCG\") is history, not a slip, and is not reported.".into(),
                why: "A report that names bodies that no longer existed in its period misleads readers about who is accountable, and suggests text copied from an earlier year.".into(),
                example: "The CCG's designated nurse chaired the group.   # in a report for 2022-23".into(),
                fix: "Use the name in force: integrated care board (ICB), safeguarding partnership. Where the text really refers to the time before the change, say so, or put <!-- allow ED-LEGACY-TERM: refers to before July 2022 --> before the paragraph.".into(),
                off: String::new(),
                references: "Health and Care Act 2022 (integrated care boards from 1 July 2022).\nChildren Act 2004 s16E, as amended by the Children and Social Work Act 2017.\nWorking Together to Safeguard Children 2023 (published 15 December 2023).".into(),
            },
        ),
    ]
}

pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    placeholders(ctx, out);
    acronyms(ctx, out);
    images_and_links(ctx, out);
    headings(ctx, out);
    long_sentences(ctx, out);
    super::legacy::legacy_terms(ctx, out);
}

/// Placeholders: the usual tokens ("XX", "TBC", "lorem ipsum"), and a note to the
/// writer in square brackets, which published prose does not otherwise carry (its
/// brackets hold a word put into a quotation, "[the child]", or a reference, "[1]"):
/// one that asks for something ("[Add analysis here]", "[insert figure]", "[check
/// with the ICB]"), names what is missing ("[figure]", "[name of school]"), says it is
/// still to come ("[… to follow]", "[… to be confirmed]"), or shouts in capitals
/// ("[CHECK WITH ICB]").
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(concat!(
        r"\bXX+\b|\bxx+\b|\bTBC\b|\bTBD\b|\bTODO\b|\bFIXME\b|\?{3,}",
        r"|(?i:\bx number\b|\blorem ipsum\b)",
        r"|(?i:\[\s*(?:add|insert|check|confirm|update|include|complete|enter|fill in|await(?:ing)?|needs?|tbc|tbd|todo|placeholder|name|date|number|figures?|link|amount|details?|data|text|summary|quote)\b[^\]\n]{0,80}\])",
        r"|(?i:\[[^\]\n]{0,60}\b(?:to follow|to come|to be (?:confirmed|added|agreed|completed|inserted|updated|provided|written))\b[^\]\n]{0,40}\])",
        r"|\[[A-Z]{2,}(?:[\s/-]+[A-Z]{2,})+\]",
    ))
    .unwrap()
});

/// Whether text still holds a drafting placeholder: a figure written "£XX,XXX" or
/// "TBC" is unknown, so nothing that adds it up can be judged.
pub(super) fn holds_placeholder(text: &str) -> bool {
    PLACEHOLDER.is_match(text)
}

fn placeholders(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for unit in &ctx.units {
        if unit.kind == UnitKind::Code {
            continue;
        }
        for m in PLACEHOLDER.find_iter(&unit.text) {
            out.push(
                ctx.finding(
                    ED_PLACEHOLDER,
                    ctx.locate(unit, m.range()),
                    format!("placeholder text \"{}\" is left in the report", m.as_str()),
                )
                .with_label("placeholder")
                .with_help("fill in the figure or fact, or rewrite the sentence without it."),
            );
        }
    }
}

static ABBREVIATION: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"\b([A-Z][A-Za-z0-9&]*[A-Z0-9])(?:s|'s|’s)?\b").unwrap());
static ROMAN: LazyLock<Regex> = LazyLock::new(|| super::text::regex(r"^[IVXLC]+$").unwrap());

/// Abbreviations any reader knows.
const COMMON: &[&str] = &[
    "NHS", "UK", "GP", "COVID", "IT", "ID", "TV", "OK", "PDF", "MP", "EU", "AM", "PM", "URL",
    "HTML", "BBC", "CEO", "USA", "FAQ", "DIY", "ICT", "NB",
];

/// Units written after a number, as the tool prints file sizes: "821 KB", "1.4 MB".
const UNITS: &[&str] = &["KB", "MB", "GB", "TB", "KM", "KG", "MPH"];

/// The conformance levels of the Web Content Accessibility Guidelines.
const LEVELS: &[&str] = &["AA", "AAA"];

/// Whether a word in capitals measures or names a standard rather than abbreviating a
/// name a reader must have explained: a unit after a number ("821 KB"), a conformance
/// level after "level" or a WCAG version ("level AA", "WCAG 2.2 AA"), or the part of a
/// standard's name after a slash ("PDF/UA-1"). The tool prints such words into what it
/// publishes (the download's size, the accessibility statement), and a scrutineer
/// checking that is not told to spell them out.
fn is_unit_or_standard(word: &str, before: &str) -> bool {
    let last = before.split_whitespace().next_back().unwrap_or("");
    let unit = UNITS.contains(&word.to_uppercase().as_str())
        && last.ends_with(|c: char| c.is_ascii_digit());
    let near = before
        .char_indices()
        .rev()
        .nth(23)
        .map_or(before, |(i, _)| &before[i..]);
    let level = LEVELS.contains(&word) && (near.contains("level") || near.contains("WCAG"));
    let part = before
        .strip_suffix('/')
        .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_uppercase()));
    unit || level || part
}

/// An abbreviation's letters: at least two capitals, and mostly capitals.
fn is_abbreviation(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    capitals >= 2
        && capitals * 3 >= letters * 2
        && !ROMAN.is_match(word)
        && word.chars().count() <= 10
}

fn acronyms(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    // Compared in upper case: DFE is the glossary's DfE.
    let mut known: HashSet<String> = COMMON.iter().map(|s| s.to_string()).collect();
    for t in &ctx.document.glossary {
        known.insert(t.term.trim().to_uppercase());
    }
    known.insert(ctx.document.meta.short_name.to_uppercase());
    known.extend(
        ctx.config
            .allow
            .abbreviations
            .iter()
            .map(|a| a.to_uppercase()),
    );
    // First pass: where each abbreviation is spelled out.
    let mut defined: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut uses: Vec<(String, usize, Range<usize>)> = Vec::new();
    for (ui, unit) in ctx.units.iter().enumerate() {
        if matches!(unit.kind, UnitKind::Code | UnitKind::Image) {
            continue;
        }
        let letters = unit.text.chars().filter(|c| c.is_alphabetic()).count();
        let capitals = unit.text.chars().filter(|c| c.is_uppercase()).count();
        if letters > 12 && capitals * 10 >= letters * 6 {
            // Written all in capitals: not abbreviations.
            continue;
        }
        for c in ABBREVIATION.captures_iter(&unit.text) {
            let m = c.get(1).unwrap();
            let word = m.as_str();
            // A placeholder ("TBC", "XX") is its own finding, not an abbreviation.
            if !is_abbreviation(word)
                || known.contains(&word.to_uppercase())
                || PLACEHOLDER.is_match(word)
            {
                continue;
            }
            let before = unit.text[..m.start()].trim_end();
            if is_unit_or_standard(word, before) {
                continue;
            }
            let after = unit.text[c.get(0).unwrap().end()..].trim_start();
            let in_brackets = before.ends_with('(') && after.starts_with(')') && before.len() > 1;
            let explained = after.starts_with('(')
                && after[1..]
                    .chars()
                    .next()
                    .is_some_and(|ch| ch.is_alphabetic())
                && !after[1..].starts_with(word);
            if in_brackets || explained {
                defined.entry(word.to_string()).or_insert((ui, m.start()));
            }
            uses.push((word.to_string(), ui, m.range()));
        }
    }
    let mut reported = HashSet::new();
    for (word, ui, range) in uses {
        if reported.contains(&word) {
            continue;
        }
        let at = (ui, range.start);
        let message = match defined.get(&word) {
            Some(d) if *d <= at => continue,
            Some(&(dui, _)) => {
                let unit = &ctx.units[dui];
                format!(
                    "\"{word}\" is used before it is spelled out (at {})",
                    ctx.sources()
                        .place(&unit.block.span.file, unit.block.span.range.start)
                )
            }
            None => format!("\"{word}\" is never spelled out and is not in a glossary"),
        };
        reported.insert(word.clone());
        let unit = &ctx.units[ui];
        out.push(
            ctx.finding(ED_ACRONYM, ctx.locate(unit, range), message)
                .with_label("first use")
                .with_help(ctx.advice(
                    format!("spell it out here, \"… ({word})\", or add it to content/glossary.yaml, which is printed as an appendix."),
                    format!("spell it out at its first use, \"… ({word})\", or explain it in a glossary."),
                )),
        );
    }
}

/// Inline content with the offset of each inline in the plain text of the block.
fn walk_inlines<'a>(
    inlines: &'a [Inline],
    offset: &mut usize,
    visit: &mut dyn FnMut(&'a Inline, usize),
) {
    for inline in inlines {
        visit(inline, *offset);
        match inline {
            Inline::Text { text } | Inline::Code { text } | Inline::Html { text, .. } => {
                *offset += text.len()
            }
            Inline::Strong { content }
            | Inline::Emph { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. } => walk_inlines(content, offset, visit),
            Inline::Break => *offset += 1,
        }
    }
}

const VAGUE_LINKS: &[&str] = &[
    "click here",
    "here",
    "click",
    "link",
    "this link",
    "read more",
    "more",
    "this",
    "this page",
    "website",
    "web page",
    "page",
    "click this link",
    "find out more",
    "more info",
    "more information",
    "see here",
    "go here",
    "view",
    "download",
];

static URL: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"\b(?:https?://|www\.)[^\s<>()]+[^\s<>().,;:!?'\x22]").unwrap()
});
static IMG_TAG: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r#"(?is)<img\b[^>]*>"#).unwrap());
static ALT_ATTR: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r#"(?is)\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"#).unwrap()
});
static FILE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?i)^[\w\-\[\]().]*\.(png|jpe?g|gif|svg|webp|bmp|tiff?)$|^[\w\-\[\]]*(_|\[\d+\])[\w\-\[\]]*$|^(image|picture|photo|photograph|chart|graph|diagram|figure|logo|icon|img|screenshot|an image|a picture|a photo|a chart)$").unwrap()
});

fn alt_problem(alt: &str) -> Option<&'static str> {
    let alt = alt.trim();
    if alt.is_empty() {
        Some("has no alt text")
    } else if FILE_NAME.is_match(alt) {
        Some("has alt text that says nothing about what it shows")
    } else {
        None
    }
}

fn images_and_links(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for unit in &ctx.units {
        match &unit.block.kind {
            BlockKind::Image { alt, src, .. } => {
                if let Some(problem) = alt_problem(alt) {
                    let span = if alt.trim().is_empty() {
                        unit.block.span.clone()
                    } else {
                        ctx.find_in_block(&unit, alt)
                    };
                    out.push(
                        ctx.finding(ED_ALT_TEXT, span, format!("the image {src} {problem}: \"{}\"", alt.trim()))
                            .with_label("alt text")
                            .with_help("say in a few words what the image shows: readers who cannot see it hear this instead."),
                    );
                }
            }
            BlockKind::Html { html, .. } => html_images(ctx, unit, html, out),
            BlockKind::Paragraph { content } | BlockKind::Heading { content, .. } => {
                let mut offset = 0;
                let mut found: Vec<(Range<usize>, String, String)> = Vec::new();
                walk_inlines(content, &mut offset, &mut |inline, at| match inline {
                    Inline::Link { url, content, .. } => {
                        let text = plain_text(content);
                        let trimmed = text.trim().trim_end_matches(['.', ':']).to_lowercase();
                        let problem = if VAGUE_LINKS.contains(&trimmed.as_str()) {
                            Some(format!(
                                "the link text \"{}\" does not say where it goes",
                                text.trim()
                            ))
                        } else if URL.is_match(text.trim())
                            && URL
                                .find(text.trim())
                                .is_some_and(|m| m.len() + 2 >= text.trim().len())
                            || text.trim() == url
                        {
                            Some(format!(
                                "the link text is a bare web address, \"{}\"",
                                text.trim()
                            ))
                        } else {
                            None
                        };
                        if let Some(p) = problem {
                            found.push((at..at + text.len(), p, url.clone()));
                        }
                    }
                    Inline::Text { text } => {
                        for m in URL.find_iter(text) {
                            found.push((
                                at + m.start()..at + m.end(),
                                format!("a bare web address, \"{}\"", m.as_str()),
                                m.as_str().to_string(),
                            ));
                        }
                    }
                    Inline::Html { html, .. } => html_images(ctx, unit, html, out),
                    _ => {}
                });
                // An address inside a link's own text is reported once, as link text.
                let links: Vec<Range<usize>> = found
                    .iter()
                    .filter(|(_, m, _)| m.starts_with("the link text"))
                    .map(|(r, _, _)| r.clone())
                    .collect();
                found.retain(|(r, m, _)| {
                    m.starts_with("the link text")
                        || !links.iter().any(|l| l.start <= r.start && r.end <= l.end)
                });
                for (range, message, _) in found {
                    let range = range.start.min(unit.text.len())..range.end.min(unit.text.len());
                    let span = if range.is_empty() {
                        unit.block.span.clone()
                    } else {
                        ctx.locate(unit, range)
                    };
                    out.push(
                        ctx.finding(ED_LINK_TEXT, span, message)
                            .with_label("link text")
                            .with_help(ctx.advice(
                                "make the link text say where it goes, for example [Children and Young People's Quality of Life Survey 2021](https://…).",
                                "make the link text say where it goes, for example the name of the survey or the page it opens.",
                            )),
                    );
                }
            }
            _ => {}
        }
    }
}

fn html_images(ctx: &Ctx, unit: &Unit, html: &str, out: &mut Vec<Diagnostic>) {
    for tag in IMG_TAG.find_iter(html) {
        let alt = ALT_ATTR.captures(tag.as_str()).map(|c| {
            c.get(1)
                .or(c.get(2))
                .or(c.get(3))
                .map_or(String::new(), |m| m.as_str().to_string())
        });
        let problem = match &alt {
            None => Some("has no alt attribute"),
            Some(a) => alt_problem(a),
        };
        if let Some(problem) = problem {
            let span = ctx.find_in_block(&unit, tag.as_str());
            out.push(
                ctx.finding(ED_ALT_TEXT, span, format!("an HTML image {problem}"))
                    .with_label("img tag")
                    .with_help(ctx.advice(
                        "give it alt=\"…\" saying what the image shows, or use Markdown: ![what it shows](images/file.png).",
                        "give the image alternative text saying what it shows: readers who cannot see it hear this instead.",
                    )),
            );
        }
    }
}

fn headings(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (i, section) in ctx.document.sections.iter().enumerate() {
        let has_children = ctx
            .document
            .sections
            .get(i + 1)
            .is_some_and(|next| next.level > section.level);
        let content = section.blocks.iter().any(|b| match &b.kind {
            BlockKind::Html { text, .. } => !text.trim().is_empty(),
            BlockKind::Heading { .. } => false,
            _ => true,
        });
        if !content && !has_children {
            out.push(
                ctx.finding(
                    ED_EMPTY_SECTION,
                    section.span.clone(),
                    format!("the section \"{}\" has no text", section.heading()),
                )
                .with_label("nothing but its heading follows")
                .with_help(ctx.advice(
                    "write the section, or remove its file; `build --draft` builds an unfinished report, marked DRAFT.",
                    "write the section, or take its heading out.",
                )),
            );
            continue;
        }
        let mut previous = section.level;
        let blocks: Vec<&crate::assemble::Block> = section
            .blocks
            .iter()
            .filter(|b| !matches!(&b.kind, BlockKind::Html { text, .. } if text.trim().is_empty()))
            .collect();
        for (n, block) in blocks.iter().enumerate() {
            let BlockKind::Heading { level, content } = &block.kind else {
                continue;
            };
            let title = plain_text(content);
            if *level > previous + 1 {
                out.push(
                    ctx.finding(
                        ED_HEADING,
                        block.span.clone(),
                        format!("the heading \"{}\" skips a level: it is at level {level} after level {previous}", title.trim()),
                    )
                    .with_label("skipped level")
                    .with_help(ctx.advice(
                        format!("use {} here: headings go down one level at a time.", "#".repeat(usize::from(previous + 1 - section.level + 1))),
                        format!("make it a level {} heading: headings go down one level at a time.", previous + 1),
                    )),
                );
            }
            previous = *level;
            let next = blocks.get(n + 1);
            let empty = match next {
                None => !has_children,
                Some(b) => matches!(&b.kind, BlockKind::Heading { level: l, .. } if l <= level),
            };
            if empty {
                out.push(
                    ctx.finding(
                        ED_HEADING,
                        block.span.clone(),
                        format!("the heading \"{}\" has nothing under it", title.trim()),
                    )
                    .with_label("empty heading")
                    .with_help("write what belongs under it, or remove the heading."),
                );
            }
        }
    }
}

fn long_sentences(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let mut by_section: BTreeMap<usize, Vec<(usize, Range<usize>, usize)>> = BTreeMap::new();
    for (ui, unit) in ctx.units.iter().enumerate() {
        if !unit.is_prose() || unit.quoted {
            continue;
        }
        for s in sentences(&unit.text) {
            let words = word_count(&unit.text[s.clone()]);
            if words > 25 {
                by_section
                    .entry(unit.section)
                    .or_default()
                    .push((ui, s, words));
            }
        }
    }
    for (section, long) in by_section {
        let Some((ui, range, words)) = long.iter().max_by_key(|(_, _, w)| *w).cloned() else {
            continue;
        };
        let unit = &ctx.units[ui];
        let start = range.start;
        let first_words: usize = unit.text[start..]
            .char_indices()
            .filter(|(_, c)| c.is_whitespace())
            .nth(5)
            .map_or(range.end, |(i, _)| start + i);
        let heading = ctx.document.sections[section].heading();
        out.push(
            ctx.finding(
                ED_SENTENCE,
                ctx.locate(unit, start..first_words.min(range.end)),
                format!(
                    "{} in \"{heading}\" {} over 25 words; the longest has {words}",
                    if long.len() == 1 { "1 sentence".to_string() } else { format!("{} sentences", long.len()) },
                    if long.len() == 1 { "is" } else { "are" }
                ),
            )
            .with_label(format!("{words} words"))
            .with_help("split long sentences: one idea to a sentence (GOV.UK recommends about 25 words or fewer)."),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_are_mostly_capitals() {
        for yes in ["MASH", "PbR", "HSCP", "CSPR", "H&W"] {
            assert!(is_abbreviation(yes), "{yes}");
        }
        for no in ["Ofsted", "II", "A", "The", "Mosaic", "S11"] {
            assert!(!is_abbreviation(no), "{no}");
        }
    }

    #[test]
    fn units_after_a_number_and_names_of_standards_are_not_abbreviations() {
        for (word, before) in [
            ("KB", "Download the full report as a PDF (821"),
            ("MB", "a file of 1.4"),
            ("AA", "version 2.2 at level"),
            ("AA", "the WCAG 2.2"),
            ("AA", "the WCAG 2.0, 2.1 and 2.2 level A and"),
            ("UA", "a tagged PDF meeting PDF/"),
        ] {
            assert!(is_unit_or_standard(word, before), "{before} {word}");
        }
        for (word, before) in [
            ("KB", "the"),
            ("CSPR", "3"),
            ("AA", "she attends"),
            ("MASH", "the"),
            ("UA", "and/"),
        ] {
            assert!(!is_unit_or_standard(word, before), "{before} {word}");
        }
    }

    #[test]
    fn meaningless_alt_text() {
        assert!(alt_problem("GROWING_UP[1]").is_some());
        assert!(alt_problem("chart.png").is_some());
        assert!(alt_problem("image").is_some());
        assert!(alt_problem("Bar chart of contributions by partner").is_none());
    }
}
