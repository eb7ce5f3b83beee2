//! Sub-sections a reader makes inside a chapter: a heading that names a priority or a
//! case review starts one, carrying what a project's `priority:` and `review:` blocks
//! would.

use std::sync::LazyLock;

use regex::Regex;

use super::infer::{
    ACTION, IMPACT, NOTHING_RECORDED, PROGRESS, RECOMMENDATION, kind_of, progress_of,
};
use crate::assemble::{Block, BlockKind};
use crate::model::Progress;

static PRIORITY_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^priority\s*(\d+|one|two|three|four|five|six)?\s*[–:—-]\s*(.+)$").unwrap()
});
static REVIEW_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(Rapid Review|LCSPR|CSPR|SCR|Serious Case Review|(?:Local )?Child Safeguarding Practice Review)\b[\s:–—-]*(.*)$").unwrap()
});
static RECOMMENDATION_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^recommendation\s*\d+\b").unwrap());
static DONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(developed|established|delivered|published|implemented|launched|shared|disseminated|raised|revised|reviewed|created|introduced|completed|agreed|trained|embedded|set up|put in place|in place)\b").unwrap()
});

/// Headings inside a chapter that name a priority ("Priority 2 – Neglect") or a case
/// review ("SCR Matthew", "Rapid Review 1") start sub-sections of their own, carrying
/// what a project's `priority:` and `review:` blocks would: the priority's aim and
/// stated progress, the review's recommendations and the actions described.
pub fn structure(sections: Vec<crate::assemble::Section>) -> Vec<crate::assemble::Section> {
    let mut out = Vec::new();
    let mut ids: std::collections::HashSet<String> =
        sections.iter().map(|s| s.id.clone()).collect();
    for mut section in sections {
        let mut split: Vec<crate::assemble::Section> = Vec::new();
        let mut kept = Vec::new();
        for block in std::mem::take(&mut section.blocks) {
            let starts = match &block.kind {
                BlockKind::Heading { .. } => {
                    let t = block.text();
                    PRIORITY_HEADING.is_match(&t) || REVIEW_HEADING.is_match(&t)
                }
                _ => false,
            };
            let ends =
                matches!(&block.kind, BlockKind::Heading { level, .. } if *level <= section.level);
            if starts && section.level == 1 {
                let title = block.text();
                let mut id = crate::assemble::key_name(&title);
                while !ids.insert(id.clone()) {
                    id.push_str("-2");
                }
                split.push(crate::assemble::Section {
                    id,
                    title,
                    number: None,
                    level: 2,
                    partner: None,
                    criteria: Vec::new(),
                    criteria_spans: Vec::new(),
                    parent: Some(section.id.clone()),
                    priority: None,
                    review: None,
                    blocks: Vec::new(),
                    file: section.file.clone(),
                    span: block.span.clone(),
                });
            } else if let Some(last) = split.last_mut().filter(|_| !ends) {
                last.blocks.push(block);
            } else {
                kept.push(block);
            }
        }
        section.blocks = kept;
        // A section of its own already ("Priority 2 – Neglect" as a Word heading).
        mark_priority_or_review(&mut section);
        out.push(section);
        for mut s in split {
            mark_priority_or_review(&mut s);
            out.push(s);
        }
    }
    out
}

/// Carries what a project's `priority:` or `review:` block would into a section
/// whose heading names a priority or a case review, or which holds a table of
/// recommendations with the actions taken ("Learning from national reviews").
fn mark_priority_or_review(s: &mut crate::assemble::Section) {
    if let Some(c) = PRIORITY_HEADING.captures(&s.title) {
        s.priority = Some(priority_of(c[2].trim(), s));
    } else if let Some(c) = REVIEW_HEADING.captures(&s.title) {
        s.review = Some(review_of(&c[1], c[2].trim(), s));
    } else if s.blocks.iter().any(|b| response_table(b).is_some()) {
        let title = s.title.clone();
        s.review = Some(review_of(&title, &title, s));
    }
}

/// The columns of the recommendations, the actions and (if any) the improvements,
/// when the block is a table of recommendations with the actions taken beside them.
fn response_table(b: &Block) -> Option<(&crate::assemble::Table, usize, usize, Option<usize>)> {
    let BlockKind::Table(t) = &b.kind else {
        return None;
    };
    let col = |re: &Regex| t.columns.iter().position(|c| re.is_match(&c.title));
    let (r, a) = (col(&RECOMMENDATION)?, col(&ACTION)?);
    (r != a).then(|| (t, r, a, col(&IMPACT).filter(|&i| i != r && i != a)))
}

/// The entries of a table cell that lists several, one per line ("• Training
/// delivered"), without their bullets; none when the cell records nothing.
fn cell_entries(cell: &str) -> Vec<String> {
    cell.lines()
        .map(|l| l.trim().trim_start_matches(['•', '-', '*']).trim())
        .filter(|l| !NOTHING_RECORDED.is_match(l))
        .map(str::to_string)
        .collect()
}

fn all_text(s: &crate::assemble::Section) -> Vec<String> {
    let mut out = Vec::new();
    for b in &s.blocks {
        b.walk(&mut |b| out.push(b.text()));
    }
    out
}

fn priority_of(name: &str, s: &crate::assemble::Section) -> crate::model::Priority {
    let texts = all_text(s);
    let aim = texts
        .iter()
        .find_map(|t| t.trim().strip_prefix("Aim:").map(|a| a.trim().to_string()))
        .unwrap_or_default();
    // The progress the section states: the worst it admits, else good when it says
    // what was achieved, else some.
    let said: Vec<Progress> = texts
        .iter()
        .flat_map(|t| {
            PROGRESS
                .find_iter(t)
                .map(|m| progress_of(m.as_str()))
                .collect::<Vec<_>>()
        })
        .collect();
    let rank = |p: &Progress| match p {
        Progress::None => 0,
        Progress::Little => 1,
        Progress::Some => 2,
        Progress::Good => 3,
    };
    let progress = said
        .iter()
        .min_by_key(|p| rank(p))
        .copied()
        .unwrap_or(Progress::Some);
    crate::model::Priority {
        name: name.to_string(),
        aim,
        progress,
    }
}

fn review_of(kind: &str, name: &str, s: &crate::assemble::Section) -> crate::model::Review {
    let review = |recommendations| crate::model::Review {
        kind: kind_of(kind),
        // "Rapid Review 1" is named by its number.
        name: if name.is_empty() || name.chars().all(|c| c.is_ascii_digit()) {
            format!("{kind} {name}").trim().to_string()
        } else {
            name.to_string()
        },
        started: None,
        published: None,
        recommendations,
    };
    // A table of recommendations with a column of actions pairs them itself.
    if let Some((t, r, a, impact)) = s.blocks.iter().find_map(response_table) {
        // A Total row ("Total recommendations | | | 4") counts them; it is not one.
        let total =
            |row: &&Vec<String>| row.first().is_some_and(|c| crate::model::is_total_label(c));
        let recs = t
            .rows
            .iter()
            .filter(|row| !total(row))
            .map(|row| crate::model::Recommendation {
                text: row.get(r).cloned().unwrap_or_default(),
                actions: row.get(a).map(|x| cell_entries(x)).unwrap_or_default(),
                impact: impact
                    .and_then(|i| row.get(i))
                    .filter(|x| !NOTHING_RECORDED.is_match(x))
                    .cloned(),
            })
            .collect();
        return review(recs);
    }
    let mut recommendations = Vec::new();
    let mut after_heading = false;
    let mut intro = false;
    for b in &s.blocks {
        match &b.kind {
            BlockKind::Heading { .. } => {
                after_heading = RECOMMENDATION_HEADING.is_match(&b.text());
                intro = false;
            }
            BlockKind::List { items, .. } if intro => {
                for item in items {
                    let text = item.iter().map(|b| b.text()).collect::<Vec<_>>().join(" ");
                    recommendations.push(crate::model::Recommendation {
                        text,
                        actions: Vec::new(),
                        impact: None,
                    });
                }
                intro = false;
            }
            BlockKind::Paragraph { .. } => {
                let text = b.text();
                if after_heading {
                    recommendations.push(crate::model::Recommendation {
                        text: text.clone(),
                        actions: Vec::new(),
                        impact: None,
                    });
                    after_heading = false;
                }
                intro = RECOMMENDATION.is_match(&text) && text.trim_end().ends_with(':');
            }
            _ => {}
        }
    }
    // What was done in response, as the section describes it: sentences with a verb of
    // something done. The report does not pair them with recommendations, so each
    // recommendation carries them all.
    let actions: Vec<String> = all_text(s)
        .into_iter()
        .filter(|t| DONE.is_match(t) && !recommendations.iter().any(|r| r.text == *t))
        .collect();
    for r in &mut recommendations {
        r.actions = actions.clone();
    }
    review(recommendations)
}
