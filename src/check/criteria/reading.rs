//! The report's text as the criteria read it: its sentences, outside the independent
//! scrutineer's evaluation and quotations of the guidance, with what each section is
//! about; and the patterns and helpers more than one criterion uses.

use super::Ev;
use crate::check::Ctx;
use crate::diagnostic::Span;

// What every criterion's file uses, imported once with `use super::reading::*`.
pub(super) use crate::check::text::{Unit, UnitKind, sentences, word_count};
pub(super) use crate::model::{Progress, ReviewKind};
pub(super) use regex::Regex;
pub(super) use std::sync::LazyLock;

/// A sentence of the report that may count as evidence.
pub(super) struct Sentence<'a> {
    pub(super) text: &'a str,
    /// The text in lower case, to test for keywords before running a costly regex.
    pub(super) lower: String,
    pub(super) unit: usize,
    pub(super) section: usize,
}

/// The report's text as evidence: sentences outside the scrutineer's evaluation and
/// outside quotations of the guidance, with what each section is about.
pub(super) struct Reading<'a> {
    pub(super) sentences: Vec<Sentence<'a>>,
    /// Sections holding the independent scrutineer's evaluation (or trying to).
    pub(super) scrutiny: Vec<Part>,
    /// Lower-case section title and heading context per unit.
    pub(super) context: Vec<String>,
}

re!(
    GUIDANCE_QUOTE,
    r"(?i)working together to safeguard|working together 20\d\d|statutory guidance says|the guidance (says|requires)"
);
re!(
    SCRUTINY_TITLE,
    r"(?i)scrutin|evaluation|independent (chair|scrutineer|person|reviewer)"
);
re!(SCRUTINEER, r"(?i)scrutineer|independent scrutiny");
re!(
    SCRUTINEER_VOICE,
    r"(?i)\b(as|in my (role|capacity) as|I am|I was appointed as) (the |your )?(partnership'?s )?independent (scrutineer|scrutiny)|\bmy (role|work|scrutiny|evaluation) as (the |your )?(partnership'?s )?independent scrutineer|\bI have (reviewed|scrutinised|read|evaluated)\b[^.]{0,60}\b(as (the )?independent scrutineer)"
);
re!(FIRST_PERSON, r"\b(I|my)\b");
// A line that signs the scrutineer's text off: "Jane Smith, Independent Scrutineer".
re!(SIGNATURE, r"(?i)scrutineer|,\s*\w+ 20\d\d$");
re!(
    FUTURE,
    r"(?i)\b(will|shall|planned|plans? to|to be (launched|delivered|developed|implemented|undertaken|reviewed)|intends?|going to|aims? to|should|need(s)? to|must|would)\b"
);
re!(
    ACTIVITY_VERB,
    r"(?i)\b(held|hosted|published|launched|delivered|completed|established|commissioned|developed|reviewed|revised|trained|secured|agreed|ran|offered|introduced|implemented|produced|created|approved|undertook|undertaken|conducted|appointed|convened|carried out|set up|funded|purchased|rolled out|shared|disseminated|audited|attended|met|provided|supported|raised|promoted|worked|made|took part|participated|contributed|joined|nominated|referred|taught|designed)\b"
);
re!(
    REVIEW_TERM,
    r"(?i)\b(rapid reviews?|child safeguarding practice reviews?|CSPRs?|serious case reviews?|SCRs?|case reviews?|local reviews?)\b"
);
re!(
    EFFECT_AIM,
    r"(?i)\b(to (improve|ensure|strengthen|review|evaluate|monitor|promote|support|drive)|aims? to|in order to)\b[^.]{0,40}\beffective"
);
re!(
    FUNDING_WORD,
    r"(?i)contribut|funding|budget|income|\bmoney\b|finance"
);

/// A part of the report holding the independent scrutineer's evaluation: a section,
/// or the paragraphs under a heading inside one (a heading a text file gives as a
/// plain line).
pub(super) struct Part {
    pub(super) units: Vec<usize>,
    pub(super) heading: String,
    pub(super) span: Span,
}

/// The parts of the report by the independent scrutineer: sections titled so (or
/// declaring the criterion) that name the scrutineer, sections in the scrutineer's
/// first-person voice, and the paragraphs under such a heading inside a section.
fn scrutiny_parts(ctx: &Ctx, units_of: &[Vec<usize>], declared: &[&str]) -> Vec<Part> {
    let mut parts = Vec::new();
    for (i, s) in ctx.document.sections.iter().enumerate() {
        let units = &units_of[i];
        let titled = (SCRUTINY_TITLE.is_match(&s.title) && !partners_response(&s.title))
            || declared.contains(&s.id.as_str());
        let names = SCRUTINEER.is_match(&s.title)
            || units
                .iter()
                .any(|u| SCRUTINEER.is_match(&ctx.units[*u].text));
        // A foreword or letter the scrutineer writes in the first person about that
        // role, whatever its heading.
        let in_voice = units
            .iter()
            .take(4)
            .position(|u| SCRUTINEER_VOICE.is_match(&ctx.units[*u].text));
        if (titled && names) || in_voice.is_some() {
            let end = match (titled && names, in_voice) {
                (false, Some(v)) => letter_end(ctx, units, v),
                _ => units.len(),
            };
            parts.push(Part {
                units: units[..end].to_vec(),
                heading: s.heading(),
                span: s.span.clone(),
            });
            continue;
        }
        let mut k = 0;
        while k < units.len() {
            let heading = ctx.units[units[k]].heading.clone();
            let run: Vec<usize> = units[k..]
                .iter()
                .copied()
                .take_while(|u| ctx.units[*u].heading == heading)
                .collect();
            k += run.len();
            let Some(h) = heading.filter(|h| SCRUTINY_TITLE.is_match(h) && !partners_response(h))
            else {
                parts.extend(scrutineer_within(ctx, &run));
                continue;
            };
            if run.iter().any(|u| SCRUTINEER.is_match(&ctx.units[*u].text)) {
                parts.push(Part {
                    span: ctx.units[run[0]].block.span.clone(),
                    units: run,
                    heading: h,
                });
            }
        }
    }
    parts
}

/// Whether a title heads the partners' response to scrutiny ("Response to scrutiny and
/// sign-off", "Our response to the scrutineer's findings"): the partners write it, not
/// the scrutineer, so its sentences are the report's own (its sign-off, its actions).
/// "Independent scrutiny and our response" is about the scrutiny first and stays hers.
fn partners_response(title: &str) -> bool {
    let title = title.to_lowercase();
    match (title.find("respon"), SCRUTINY_TITLE.find(&title)) {
        (Some(response), Some(scrutiny)) => response < scrutiny.start(),
        _ => false,
    }
}

/// Where a foreword or letter in the scrutineer's voice ends inside a section: after
/// the paragraph that signs it ("Jane Smith, Independent Scrutineer"), or before the
/// next title line; else at the section's end. A text whose headings a reader did not
/// find holds the whole report in one section, and the rest of it is not hers.
fn letter_end(ctx: &Ctx, units: &[usize], voice: usize) -> usize {
    (voice..units.len())
        .find_map(|i| {
            let unit = &ctx.units[units[i]];
            let text = unit.text.trim_end();
            let tail = &text[text.floor_char_boundary(text.len().saturating_sub(60))..];
            if !text.ends_with('.') && SCRUTINEER.is_match(tail) {
                Some(i + 1)
            } else if i > voice && title_line(unit) {
                Some(i)
            } else {
                None
            }
        })
        .unwrap_or(units.len())
}

/// A paragraph that is a title kept as a plain line: text extracted from a PDF, or a
/// report that sets its headings as ordinary lines, gives "Independent scrutiny
/// statement" as a paragraph of a few words with no full stop.
fn title_line(unit: &Unit) -> bool {
    let text = unit.text.trim();
    unit.kind == UnitKind::Paragraph
        && (1..=8).contains(&word_count(text))
        && !text.ends_with(['.', '?', '!', ':', ';', ','])
}

/// The scrutineer's text inside a run of paragraphs under another heading: from a
/// plain title line about independent scrutiny, or from a paragraph in which the
/// scrutineer writes in the first person about that role, to the next title line.
fn scrutineer_within(ctx: &Ctx, run: &[usize]) -> Option<Part> {
    let unit = |i: usize| &ctx.units[run[i]];
    let titles = |i: usize| {
        title_line(unit(i))
            && SCRUTINY_TITLE.is_match(&unit(i).text)
            && SCRUTINEER.is_match(&unit(i).text)
    };
    let in_voice =
        |i: usize| SCRUTINEER_VOICE.is_match(&unit(i).text) && FIRST_PERSON.is_match(&unit(i).text);
    let start = (0..run.len()).find(|&i| titles(i) || in_voice(i))?;
    let start = match start.checked_sub(1) {
        Some(p)
            if !titles(start) && title_line(unit(p)) && SCRUTINY_TITLE.is_match(&unit(p).text) =>
        {
            p
        }
        _ => start,
    };
    let end = (start + 1..run.len())
        .find(|&i| title_line(unit(i)) && !SIGNATURE.is_match(&unit(i).text))
        .unwrap_or(run.len());
    // A title line with nothing of its own under it is a contents entry or an empty
    // heading, not the scrutineer's text.
    if end == start + 1 && title_line(unit(start)) {
        return None;
    }
    let first = unit(start);
    Some(Part {
        units: run[start..end].to_vec(),
        heading: if title_line(first) {
            first.text.trim().to_string()
        } else {
            first.heading.clone().unwrap_or_default()
        },
        span: first.block.span.clone(),
    })
}

impl<'a> Reading<'a> {
    pub(super) fn new(ctx: &'a Ctx) -> Reading<'a> {
        let doc = ctx.document;
        let declared_scrutiny: Vec<&str> = doc
            .sections
            .iter()
            .filter(|s| {
                s.criteria.iter().any(|c| {
                    super::PACKS
                        .iter()
                        .any(|r| r.id.as_str() == c && r.criterion.key == super::Key::Scrutiny)
                })
            })
            .map(|s| s.id.as_str())
            .collect();
        // Each section's units, and sections by id, found once: searched for again
        // for every section or unit, a report read from a file of tens of thousands of
        // headings took minutes.
        let mut units_of: Vec<Vec<usize>> = vec![Vec::new(); doc.sections.len()];
        for (i, u) in ctx.units.iter().enumerate() {
            if let Some(list) = units_of.get_mut(u.section) {
                list.push(i);
            }
        }
        let by_id: std::collections::HashMap<&str, &crate::assemble::Section> =
            doc.sections.iter().map(|s| (s.id.as_str(), s)).collect();
        let scrutiny = scrutiny_parts(ctx, &units_of, &declared_scrutiny);
        let mut in_scrutiny = vec![false; ctx.units.len()];
        for part in &scrutiny {
            for &u in &part.units {
                in_scrutiny[u] = true;
            }
        }
        let context = ctx
            .units
            .iter()
            .map(|u| {
                let section = &doc.sections[u.section];
                let parent = section
                    .parent
                    .as_ref()
                    .and_then(|p| by_id.get(p.as_str()))
                    .map(|p| p.title.clone())
                    .unwrap_or_default();
                format!(
                    "{} / {} / {}",
                    parent,
                    section.title,
                    u.heading.as_deref().unwrap_or("")
                )
                .to_lowercase()
            })
            .collect();
        let mut out = Vec::new();
        for (index, unit) in ctx.units.iter().enumerate() {
            if in_scrutiny[index]
                || !matches!(unit.kind, UnitKind::Paragraph | UnitKind::Heading(_))
            {
                continue;
            }
            for r in sentences(&unit.text) {
                let text = &unit.text[r];
                if GUIDANCE_QUOTE.is_match(text) {
                    continue;
                }
                out.push(Sentence {
                    text,
                    lower: text.to_lowercase(),
                    unit: index,
                    section: unit.section,
                });
            }
        }
        Reading {
            sentences: out,
            scrutiny,
            context,
        }
    }

    /// Sentences that record something done, not planned.
    pub(super) fn activities(&self) -> impl Iterator<Item = &Sentence<'a>> {
        self.sentences.iter().filter(|s| {
            ACTIVITY_VERB.is_match(s.text) && !FUTURE.is_match(s.text) && word_count(s.text) >= 4
        })
    }
}

/// Whether a pattern is in any sentence of the report or in any heading above one.
pub(super) fn anywhere(r: &Reading, pattern: &Regex) -> bool {
    r.sentences.iter().any(|s| pattern.is_match(s.text))
        || r.context.iter().any(|c| pattern.is_match(c))
}

pub(super) fn span_of(ctx: &Ctx, s: &Sentence) -> Ev {
    let unit = &ctx.units[s.unit];
    let start = s.text.as_ptr() as usize - unit.text.as_ptr() as usize;
    Ev::Words(s.unit, start..start + s.text.len())
}

pub(super) fn quote(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 22 {
        format!("\u{201c}{}\u{201d}", words.join(" "))
    } else {
        format!("\u{201c}{} …\u{201d}", words[..20].join(" "))
    }
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(super) fn distinct_sections(sentences: &[&Sentence]) -> usize {
    let mut s: Vec<usize> = sentences.iter().map(|s| s.section).collect();
    s.sort_unstable();
    s.dedup();
    s.len()
}

pub(super) fn review_sections<'c>(ctx: &'c Ctx) -> Vec<(usize, &'c crate::model::Review)> {
    ctx.document
        .sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.review.as_ref().map(|r| (i, r)))
        .collect()
}

pub(super) fn kind_name(kind: ReviewKind) -> &'static str {
    match kind {
        ReviewKind::RapidReview => "rapid review",
        ReviewKind::Cspr => "child safeguarding practice review",
        ReviewKind::Scr => "serious case review",
        ReviewKind::National => "national review",
    }
}

/// A section's index and those of its sub-sections.
pub(super) fn family(ctx: &Ctx, index: usize) -> Vec<usize> {
    let id = &ctx.document.sections[index].id;
    let mut out = vec![index];
    for (j, s) in ctx.document.sections.iter().enumerate() {
        if s.parent.as_ref() == Some(id) {
            out.push(j);
        }
    }
    out
}

/// A table of money about contributions or funding, and the labels of its rows.
pub(super) struct MoneyTable {
    pub(super) title: String,
    pub(super) labels: Vec<String>,
    pub(super) span: Span,
}

/// Whether a typed cell is an amount of money: "£45,000".
pub(super) fn is_money(cell: &str) -> bool {
    let t = cell.trim();
    t.starts_with('£') && t[2..].chars().any(|c| c.is_ascii_digit())
}

/// A unit's table as a table of contributions: one made from a data set with a
/// pounds column, or one typed with amounts in pounds, whose title, columns, section or
/// heading speak of contributions, funding, budget or income.
pub(super) fn money_table(ctx: &Ctx, u: &Unit) -> Option<MoneyTable> {
    let crate::assemble::BlockKind::Table(t) = &u.block.kind else {
        return None;
    };
    let section = &ctx.document.sections[u.section];
    let title = t.title.clone().unwrap_or_else(|| match &u.heading {
        Some(h) => format!("the table under \"{h}\""),
        None => format!("the table in \"{}\"", section.heading()),
    });
    let money_column = |i: usize| {
        t.columns[i].title.contains('£')
            || t.rows
                .iter()
                .filter(|r| r.get(i).is_some_and(|c| is_money(c)))
                .count()
                * 2
                > t.rows.len()
    };
    let money: Vec<usize> = match t.data.as_deref().and_then(|id| ctx.facts.dataset(id)) {
        Some(d) => (0..d.columns.len())
            .filter(|&i| d.columns[i].unit == crate::model::Unit::Gbp)
            .collect(),
        None => (0..t.columns.len()).filter(|&i| money_column(i)).collect(),
    };
    let about = [
        Some(title.as_str()),
        Some(section.title.as_str()),
        u.heading.as_deref(),
    ]
    .into_iter()
    .flatten()
    .chain(t.columns.iter().map(|c| c.title.as_str()))
    .any(|s| FUNDING_WORD.is_match(s));
    if money.is_empty() || !about || t.rows.is_empty() {
        return None;
    }
    let labels = t
        .rows
        .iter()
        .flat_map(|r| r.iter().enumerate().filter(|(i, _)| !money.contains(i)))
        .map(|(_, c)| c.clone())
        .collect();
    Some(MoneyTable {
        title,
        labels,
        span: u.block.span.clone(),
    })
}

/// Where the publication details are stated, or the title when nowhere.
pub(super) fn publication_span(ctx: &Ctx) -> Span {
    let origin = &ctx.facts.publication.origin;
    origin
        .span()
        .cloned()
        .unwrap_or_else(|| ctx.facts.anchor.clone())
}

/// A table of the report outside the scrutineer's evaluation, as the criteria read it:
/// its column titles (its first row when the reader found none), its body rows, and
/// what it is about (its title, the heading over it and its section's title).
pub(super) struct TableRead<'c> {
    pub(super) unit: usize,
    pub(super) header: Vec<&'c str>,
    pub(super) rows: Vec<&'c [String]>,
    pub(super) about: String,
}

impl TableRead<'_> {
    /// The row's place in the table's unit, as evidence.
    pub(super) fn row_span(&self, ctx: &Ctx, row: usize) -> Ev {
        let unit = &ctx.units[self.unit];
        let crate::assemble::BlockKind::Table(t) = &unit.block.kind else {
            return Ev::Words(self.unit, 0..unit.text.len());
        };
        // Cells are joined with " | " in the unit's text: skip the title, the column
        // titles and the rows before this one (the header row too, when it stood in
        // the body).
        let row_index = (t.rows.len() - self.rows.len() + row).min(t.rows.len());
        let before: usize = t.title.as_ref().map_or(0, |s| s.len() + 3)
            + t.columns.iter().map(|c| c.title.len() + 3).sum::<usize>()
            + t.rows[..row_index]
                .iter()
                .flatten()
                .map(|c| c.len() + 3)
                .sum::<usize>();
        let range = crate::check::text::table_row(unit, before.min(unit.text.len()))
            .unwrap_or(0..unit.text.len());
        Ev::Words(self.unit, range)
    }

    /// The row's cells joined, to quote.
    pub(super) fn row_text(&self, row: usize) -> String {
        self.rows[row]
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

impl Reading<'_> {
    /// The report's tables outside the scrutineer's evaluation: evidence set out in
    /// rows ("You said / We did", "Recommendation / Action / Status") counts as much
    /// as evidence written in sentences.
    pub(super) fn tables<'c>(&self, ctx: &'c Ctx) -> Vec<TableRead<'c>> {
        let mut out = Vec::new();
        for (i, u) in ctx.units.iter().enumerate() {
            let crate::assemble::BlockKind::Table(t) = &u.block.kind else {
                continue;
            };
            if self.scrutiny.iter().any(|p| p.units.contains(&i)) {
                continue;
            }
            let mut header: Vec<&str> = t.columns.iter().map(|c| c.title.as_str()).collect();
            let mut rows: Vec<&[String]> = t.rows.iter().map(Vec::as_slice).collect();
            if header.iter().all(|h| h.trim().is_empty()) && !rows.is_empty() {
                header = rows.remove(0).iter().map(String::as_str).collect();
            }
            let about = format!(
                "{} / {} / {}",
                t.title.as_deref().unwrap_or(""),
                u.heading.as_deref().unwrap_or(""),
                ctx.document.sections[u.section].title
            );
            out.push(TableRead {
                unit: i,
                header,
                rows,
                about,
            });
        }
        out
    }
}
