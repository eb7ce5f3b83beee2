//! Data integrity: totals that do not add up, rates that do not follow from their
//! counts, impossible dates, and figures with no source.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::text::{Unit, UnitKind, sentences};
use super::{Ctx, Doc, Family, Rule};
use crate::assemble::{BlockKind, format};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::model::{Date, Formula, Unit as DataUnit, column_total, number};

// The ids of this family's rules: findings name them by these constants, so a
// misspelt id does not compile.
rule_ids! {
    DATA_TOTAL = "DATA-TOTAL",
    DATA_RATE = "DATA-RATE",
    DATA_DATE = "DATA-DATE",
    DATA_SOURCE = "DATA-SOURCE",
}

pub fn rules() -> Vec<Rule> {
    let rule = |id: super::RuleId, severity, summary: &str, doc: Doc| Rule {
        id: id.as_str().into(),
        family: Family::Data,
        severity,
        summary: summary.into(),
        to_confirm: false,
        pack: None,
        doc,
    };
    vec![
        rule(
            DATA_TOTAL,
            Severity::Error,
            "A stated total differs from the sum of its parts.",
            Doc {
                what: "Compares every total the report states with the sum of its parts:\n- `stated_totals` in a data set, with the sum of the column's rows;\n- the \"Total\" row of a table typed in Markdown, with the sum of the rows above it;\n- a figure followed by its breakdown in the text (\"87 children: Emerging: 33, Moderate: 33, Significant: 21\"), with the sum of the breakdown.".into(),
                why: "A total that does not add up tells every reader the figures cannot be trusted, and a safeguarding report's figures are how the partners show what they did and to how many children. Working Together asks that the report \"bring transparency for children, families and all practitioners about the activity undertaken\".".into(),
                example: "rows:\n  - { partner: Council, amount: 200000 }\n  - { partner: Police, amount: 40000 }\nstated_totals:\n  amount: 250000        # the rows add up to 240,000".into(),
                fix: "Find which is wrong, a part or the total, and correct it in the data file. Better still, leave the total out: the tool computes it (`total: true` on the column).".into(),
                off: String::new(),
                references: "Working Together to Safeguard Children 2018, chapter 3, \"Reporting\".\ndocs/format.md, \"Data sets\".".into(),
            },
        ),
        rule(
            DATA_RATE,
            Severity::Warning,
            "A stated percentage or rate differs from the one its counts give by more than rounding.",
            Doc {
                what: "Works out percentages from the counts they are stated with and compares:\n- in the text: \"86.7% (104 out of 120 children)\", and splits such as \"204 (54%) were boys and 174 (46%) girls\", whose base is the sum of the parts;\n- in tables: a percentage column typed beside the two counts it comes from. In a table typed in the text, or read from a Word file, a percent column that matches the ratio of two count columns in most rows (at least two, and two thirds) is taken for their rate, and each row where it does not is reported (\"45 of 120\" printed as 40%).\nA stated percentage may differ from the exact one by half a unit of its last printed digit (55.6% may be printed 56% or 55.6%); more than that is a finding, and a table that rounds some rows and truncates others is named as such.".into(),
                why: "A percentage that does not follow from its counts is a slip a reader can check with a calculator, and it undermines every other figure. Computed percentages (`percent: [part, whole]` in a data set) cannot drift.".into(),
                example: "Attendance was 55% (5 out of 9 meetings).   # 5 of 9 is 55.6%, which rounds to 56%".into(),
                fix: "Let the tool compute the percentage: put both counts in a data set and add a column with `percent: [part, whole]`, or write {{ percent(part=5, whole=9) | pct(places=0) }} in the text.".into(),
                off: String::new(),
                references: "docs/format.md, \"Computed columns\".\nGOV.UK, \"Publishing accessible documents\" (clear, checkable figures).".into(),
            },
        ),
        rule(
            DATA_DATE,
            Severity::Warning,
            "An impossible date or year in the text, or a date said to be in the period that falls outside it.",
            Doc {
                what: "Reads dates and years in the text:\n- a month with an impossible year (\"May 20221\");\n- a financial or academic year that cannot be (\"202/21\", \"2021/23\");\n- a day that does not exist (\"31 April 2021\", \"29/02/2022\");\n- a publication date before the period ends, or more than a year after it;\n- a month and year said to fall in the period (\"during the year\", \"in 2021/22\", \"in the last 12 months\", in the sentence or in the paragraph that introduces a list) that falls outside the period in report.yaml. A date is said to be in the period only when the sentence says the thing happened then: a date in a clause that gives background (\"a baby who was injured in December 2022\", \"which the partnership had commissioned in February 2023\") is not, nor is the period's name used as a label (\"priorities for 2023-24\").".into(),
                why: "A wrong date misleads the reader about when something happened, and a date outside the period suggests the report claims work it did not do in the year it covers.".into(),
                example: "Child Exploitation Conference: May 20221.\nLearning events held during the year:\n- White Ribbon Conference: November 2022   # the period ends 31 March 2022".into(),
                fix: "Correct the date. If the event really falls outside the period, say so (\"planned for November 2022\").".into(),
                off: String::new(),
                references: "Working Together to Safeguard Children 2018, chapter 3: a report covers \"every 12-month period\".".into(),
            },
        ),
        rule(
            DATA_SOURCE,
            Severity::Info,
            "A data set with no source or no as-of date.",
            Doc {
                what: "Checks that every data set under content/data says where its figures come from (`source:`) and what date they describe (`as_of:`). Both are printed under the table.".into(),
                why: "A figure without a source cannot be checked, and one without a date cannot be compared. The guidance asks reports to bring transparency; national reviews found partnerships' data the weakest part of their reports.".into(),
                example: "title: Children in need\n# no source:, no as_of:".into(),
                fix: "Add `source: …` (the system, return or survey the figures come from) and `as_of: YYYY-MM-DD`.".into(),
                off: String::new(),
                references: "docs/format.md, \"Data sets\".\nWhat Works Centre for Children's Social Care, Safeguarding partners' annual reports analysis 2020-21.".into(),
            },
        ),
    ]
}

pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    stated_totals(ctx, out);
    markdown_totals(ctx, out);
    table_rates(ctx, out);
    typed_table_rates(ctx, out);
    sources(ctx, out);
    publication_date(ctx, out);
    for unit in &ctx.units {
        if matches!(unit.kind, UnitKind::Code | UnitKind::Image) {
            continue;
        }
        text_breakdowns(ctx, unit, out);
        text_rates(ctx, unit, out);
        dates(ctx, unit, out);
    }
}

/// A publication date the period makes impossible: before the period the report
/// covers has ended (it would report on months still to come), or more than a year
/// after (the guidance asks for a report in every 12-month period).
fn publication_date(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let publication = &ctx.facts.publication;
    let (Some(period), Some(published)) = (ctx.period(), publication.published) else {
        return;
    };
    let after_end = published.days_since_epoch() - period.end.days_since_epoch();
    let (why, label) = if after_end <= 0 {
        (
            format!("before the period it covers ends on {}", period.end.long()),
            "before the period ends",
        )
    } else if after_end > 366 {
        (
            format!(
                "{after_end} days after the period it covers ended on {}: more than a year later",
                period.end.long()
            ),
            "over a year after the period",
        )
    } else {
        return;
    };
    let span = publication
        .origin
        .span()
        .cloned()
        .unwrap_or_else(|| ctx.facts.anchor.clone());
    out.push(
        ctx.finding(
            DATA_DATE,
            span,
            format!("the report says it was published on {}, {why}", published.long()),
        )
        .with_label(label)
        .with_help("check the publication date, and the period: a yearly report is published after the year it covers, within the next twelve months."),
    );
}

/// The tolerance of a printed value: half a unit of its last digit.
fn tolerance(printed: &str) -> f64 {
    let decimals = printed.split_once('.').map_or(0, |(_, f)| {
        f.chars().take_while(char::is_ascii_digit).count()
    });
    0.5 * 10f64.powi(-(decimals as i32)) + 1e-9
}

fn parse_number(text: &str) -> Option<f64> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '£' | '%' | ' ' | '\u{a0}'))
        .collect();
    let t = t.replace('\u{2212}', "-");
    if t.is_empty() || !t.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

fn stated_totals(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for d in &ctx.facts.datasets {
        for stated in &d.stated_totals {
            let Some(sum) = column_total(&d.rows, stated.column) else {
                continue;
            };
            let column = &d.columns[stated.column];
            let tol = if stated.value.fract() == 0.0 {
                0.5
            } else {
                0.05
            };
            if (sum - stated.value).abs() > tol {
                let show = |v: f64| format::value(v, column.unit, column.places, false);
                out.push(
                    ctx.finding(
                        DATA_TOTAL,
                        stated.span.clone(),
                        format!(
                            "the stated total of \"{}\" is {}, but its {} rows add up to {}",
                            column.title,
                            show(stated.value),
                            d.rows.len(),
                            show(sum)
                        ),
                    )
                    .with_label(format!("the rows add up to {}", show(sum)))
                    .with_help("correct the wrong row or the total; or remove `stated_totals` and let the tool compute the total with `total: true` on the column."),
                );
            }
        }
    }
}

/// "Total" rows of tables typed in Markdown.
fn markdown_totals(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for unit in ctx.units.iter().filter(|u| u.kind == UnitKind::Table) {
        let BlockKind::Table(t) = &unit.block.kind else {
            continue;
        };
        if t.data.is_some() || t.rows.len() < 3 {
            continue;
        }
        let Some(total_at) = t.rows.iter().position(|r| {
            r.first()
                .is_some_and(|c| c.trim().to_lowercase().starts_with("total"))
        }) else {
            continue;
        };
        let parts = &t.rows[..total_at];
        for col in 1..t.columns.len() {
            let Some(stated_text) = t.rows[total_at].get(col) else {
                continue;
            };
            let Some(stated) = parse_number(stated_text) else {
                continue;
            };
            if stated_text.contains('%') {
                continue;
            }
            let values: Vec<Option<f64>> = parts
                .iter()
                .map(|r| r.get(col).and_then(|c| parse_number(c)))
                .collect();
            let blanks_ok = parts.iter().zip(&values).all(|(r, v)| {
                v.is_some()
                    || r.get(col)
                        .is_none_or(|c| c.trim().is_empty() || c.trim() == "-")
            });
            if !blanks_ok || values.iter().all(Option::is_none) {
                continue;
            }
            let sum: f64 = values.iter().flatten().sum();
            if (sum - stated).abs() > tolerance(stated_text) {
                let span = ctx.find_in_block(&unit, stated_text.trim());
                out.push(
                    ctx.finding(
                        DATA_TOTAL,
                        span,
                        format!("the total of \"{}\" is {}, but the rows above add up to {}", t.columns[col].title, stated_text.trim(), format::number(sum, None)),
                    )
                    .with_label(format!("the rows add up to {}", format::number(sum, None)))
                    .with_help("correct the wrong row or the total; better, put the figures in a data set so the tool computes the total."),
                );
            }
        }
    }
}

static BREAKDOWN: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r":\s*((?:[A-Z][A-Za-z ]{1,25}:\s*\d[\d,]*[\s,;]*(?:and\s+)?){2,})").unwrap()
});
static BREAKDOWN_PART: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"([A-Z][A-Za-z ]{1,25}):\s*(\d[\d,]*)").unwrap());
static LEADING_TOTAL: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"^(?:(?i:a total of|in total|total:?)\s+)?(\d[\d,]*)\b").unwrap()
});

/// "87 children identified: Emerging: 33 Moderate: 33 Significant: 21": a sentence that
/// starts with a figure and ends with its breakdown.
fn text_breakdowns(ctx: &Ctx, unit: &Unit, out: &mut Vec<Diagnostic>) {
    if !unit.is_prose() {
        return;
    }
    for s in sentences(&unit.text) {
        let sentence = &unit.text[s.clone()];
        let Some(c) = BREAKDOWN.captures(sentence) else {
            continue;
        };
        let prefix = &sentence[..c.get(0).unwrap().start()];
        let Some(t) = LEADING_TOTAL.captures(prefix) else {
            continue;
        };
        let total_m = t.get(1).unwrap();
        let Some(total) = parse_number(total_m.as_str()) else {
            continue;
        };
        let parts: Vec<(String, f64)> = BREAKDOWN_PART
            .captures_iter(&c[1])
            .filter_map(|p| Some((p[1].trim().to_string(), parse_number(&p[2])?)))
            .collect();
        if parts.len() < 2 {
            continue;
        }
        let sum: f64 = parts.iter().map(|(_, v)| v).sum();
        if (sum - total).abs() > 0.5 {
            let list: Vec<String> = parts
                .iter()
                .map(|(l, v)| format!("{l} {}", format::number(*v, None)))
                .collect();
            let range = s.start + total_m.start()..s.start + total_m.end();
            out.push(
                ctx.finding(
                    DATA_TOTAL,
                    ctx.locate(unit, range),
                    format!("{} is given as the total, but its parts ({}) add up to {}", total_m.as_str(), list.join(", "), format::number(sum, None)),
                )
                .with_label(format!("the parts add up to {}", format::number(sum, None)))
                .with_help("correct the total or the part that is wrong; if the parts overlap or leave some out, say so in the sentence."),
            );
        }
    }
}

static PCT_OF: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?i)(\d[\d,]*(?:\.\d+)?)\s?%\s*\(\s*(\d[\d,]*)\s+(?:out\s+of|of)\s+(?:the\s+)?(\d[\d,]*)\b").unwrap()
});
static OF_PCT: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?i)\b(\d[\d,]*)\s+(?:out\s+of|of)\s+(?:the\s+)?(\d[\d,]*)\b[^.%\d]{0,40}?\(\s*(\d[\d,]*(?:\.\d+)?)\s?%\s*\)").unwrap()
});
static COUNT_PCT: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?:^|[^\d.,£])(\d[\d,]*)\s*\(\s*(\d+(?:\.\d+)?)\s?%\s*\)").unwrap()
});
static PCT_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?:^|[^\d.,£])(\d+(?:\.\d+)?)\s?%\s*\(\s*(\d[\d,]*)\s*\)").unwrap()
});

/// Percentages stated with their counts in a sentence.
fn text_rates(ctx: &Ctx, unit: &Unit, out: &mut Vec<Diagnostic>) {
    if !unit.is_prose() && unit.kind != UnitKind::Html {
        return;
    }
    let text = &unit.text;
    let report = |range: Range<usize>,
                  printed: &str,
                  part: f64,
                  whole: f64,
                  out: &mut Vec<Diagnostic>| {
        let Some(stated) = parse_number(printed) else {
            return;
        };
        if whole <= 0.0 {
            return;
        }
        let exact = 100.0 * part / whole;
        if (exact - stated).abs() > tolerance(printed) {
            let places = printed.split_once('.').map_or(0, |(_, f)| f.len());
            let should = format::number(exact, Some(places as u8));
            out.push(
                ctx.finding(
                    DATA_RATE,
                    ctx.locate(unit, range),
                    format!(
                        "{printed}% does not follow from its counts: {} of {} is {}%, which prints as {should}%",
                        format::number(part, None),
                        format::number(whole, None),
                        format::number(exact, Some(2))
                    ),
                )
                .with_label(format!("should be {should}%"))
                .with_help("let the tool compute it: {{ percent(part=…, whole=…) | pct }} in the text, or a `percent:` column in a data set."),
            );
        }
    };
    for c in PCT_OF.captures_iter(text) {
        if let (Some(part), Some(whole)) = (parse_number(&c[2]), parse_number(&c[3])) {
            let m = c.get(1).unwrap();
            report(m.start()..m.end() + 1, m.as_str(), part, whole, out);
        }
    }
    for c in OF_PCT.captures_iter(text) {
        if let (Some(part), Some(whole)) = (parse_number(&c[1]), parse_number(&c[2])) {
            let m = c.get(3).unwrap();
            report(m.start()..m.end() + 1, m.as_str(), part, whole, out);
        }
    }
    // Splits: "204 (54%) were boys and 174 (46%) girls", within one sentence.
    for s in sentences(text) {
        let sentence = &text[s.clone()];
        let mut pairs: Vec<(f64, Range<usize>, String)> = Vec::new();
        for c in COUNT_PCT.captures_iter(sentence) {
            if let Some(n) = parse_number(&c[1]) {
                let m = c.get(2).unwrap();
                pairs.push((
                    n,
                    s.start + m.start()..s.start + m.end() + 1,
                    m.as_str().to_string(),
                ));
            }
        }
        for c in PCT_COUNT.captures_iter(sentence) {
            if let Some(n) = parse_number(&c[2]) {
                let m = c.get(1).unwrap();
                pairs.push((
                    n,
                    s.start + m.start()..s.start + m.end() + 1,
                    m.as_str().to_string(),
                ));
            }
        }
        if pairs.len() < 2 {
            continue;
        }
        let pct_sum: f64 = pairs.iter().filter_map(|(_, _, p)| parse_number(p)).sum();
        if (pct_sum - 100.0).abs() > 1.5 {
            continue;
        }
        let whole: f64 = pairs.iter().map(|(n, _, _)| n).sum();
        for (n, range, printed) in &pairs {
            report(range.clone(), printed, *n, whole, out);
        }
    }
}

/// A percentage column typed beside the two counts it comes from.
fn table_rates(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for d in &ctx.facts.datasets {
        let counts: Vec<usize> = d
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c.unit, DataUnit::Count | DataUnit::Number))
            .map(|(i, _)| i)
            .collect();
        for (pc, column) in d.columns.iter().enumerate() {
            if column.unit != DataUnit::Percent || column.formula != Formula::Given {
                continue;
            }
            // The pair of count columns the percentages follow from: the pair whose
            // ratio they match (within rounding) in most rows, as for typed tables.
            let mut best: Option<((usize, usize), usize)> = None;
            for &a in &counts {
                for &b in &counts {
                    if a == b {
                        continue;
                    }
                    let rows: Vec<(f64, f64, f64)> = d
                        .rows
                        .iter()
                        .filter_map(|r| Some((number(&r[a])?, number(&r[b])?, number(&r[pc])?)))
                        .filter(|(_, w, _)| *w > 0.0)
                        .collect();
                    let matching = rows
                        .iter()
                        .filter(|(p, w, s)| (100.0 * p / w - s).abs() <= 1.5)
                        .count();
                    if matching >= 2
                        && matching * 3 >= rows.len() * 2
                        && best.is_none_or(|(_, m)| matching > m)
                    {
                        best = Some(((a, b), matching));
                    }
                }
            }
            let Some(((a, b), _)) = best else { continue };
            let places = column.places.map_or(0, i32::from);
            let tol = 0.5 * 10f64.powi(-places) + 1e-9;
            let mut rounded = 0;
            let mut wrong = Vec::new();
            for (i, row) in d.rows.iter().enumerate() {
                let (Some(p), Some(w), Some(s)) =
                    (number(&row[a]), number(&row[b]), number(&row[pc]))
                else {
                    continue;
                };
                if w <= 0.0 {
                    continue;
                }
                let exact = 100.0 * p / w;
                if (exact - s).abs() > tol {
                    wrong.push((i, exact, s));
                } else if exact.fract() != 0.0 {
                    rounded += 1;
                }
            }
            for (i, exact, stated) in &wrong {
                let how = if rounded > 0 {
                    " (the table rounds other rows, so it rounds inconsistently)"
                } else {
                    ""
                };
                out.push(
                    ctx.finding(
                        DATA_RATE,
                        d.row_spans[*i].clone(),
                        format!(
                            "\"{}\" is {}% in this row, but {} ÷ {} is {}%{how}",
                            column.title,
                            format::number(*stated, None),
                            d.columns[a].title,
                            d.columns[b].title,
                            format::number(*exact, Some(2))
                        ),
                    )
                    .with_label(format!("should be {}%", format::number(*exact, Some(places as u8))))
                    .with_help(format!(
                        "let the tool compute the column: replace the typed values with `percent: [{}, {}]` on the column.",
                        d.columns[a].id, d.columns[b].id
                    )),
                );
            }
        }
    }
}

/// A typed table's cells as numbers: a percentage ("40%"), a count ("1,240") or
/// neither (text, money, empty).
#[derive(Clone, Copy, PartialEq)]
enum Typed {
    Percent(f64),
    Count(f64),
    Other,
}

fn typed(cell: &str) -> Typed {
    let cell = cell.trim();
    if cell.contains('£') {
        return Typed::Other;
    }
    match parse_number(cell) {
        Some(v) if cell.ends_with('%') => Typed::Percent(v),
        Some(v)
            if cell
                .chars()
                .all(|c| c.is_ascii_digit() || ",. ".contains(c)) =>
        {
            Typed::Count(v)
        }
        _ => Typed::Other,
    }
}

/// How far from a percentage column its two count columns are looked for: a rate is
/// typed beside the counts it comes from. Tables up to this wide are searched whole;
/// in wider ones (a file made to be slow has thousands of columns) each percentage
/// column looks at its neighbours only, so the search grows with the width, not its
/// cube.
const RATE_WINDOW: usize = 12;

/// The pair of count columns a typed percentage column follows from: the pair whose
/// ratio it matches in most rows (at least two, and two thirds of those with both),
/// among the columns within [`RATE_WINDOW`] of it.
fn rate_pair(rows: &[Vec<Typed>], pc: usize, printed: &[Vec<&str>]) -> Option<(usize, usize)> {
    let width = rows.first()?.len();
    if !rows.iter().any(|r| matches!(r[pc], Typed::Percent(_))) {
        return None;
    }
    let near = pc.saturating_sub(RATE_WINDOW)..width.min(pc + RATE_WINDOW + 1);
    let mut best: Option<((usize, usize), usize)> = None;
    for a in near.clone() {
        for b in near.clone() {
            if a == b || a == pc || b == pc {
                continue;
            }
            let (mut usable, mut matching) = (0, 0);
            for (row, text) in rows.iter().zip(printed) {
                if let (Typed::Count(p), Typed::Count(w), Typed::Percent(s)) =
                    (row[a], row[b], row[pc])
                    && w > 0.0
                {
                    usable += 1;
                    if (100.0 * p / w - s).abs() <= tolerance(text[pc]) {
                        matching += 1;
                    }
                }
            }
            if matching >= 2 && matching * 3 >= usable * 2 && best.is_none_or(|(_, m)| matching > m)
            {
                best = Some(((a, b), matching));
            }
        }
    }
    best.map(|(pair, _)| pair)
}

/// Percentages typed beside their counts, as tables imported from Word have them: a
/// percent column that is the ratio of two count columns in most rows is a rate, and
/// a row where it is not is a finding.
fn typed_table_rates(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for unit in ctx.units.iter().filter(|u| u.kind == UnitKind::Table) {
        let crate::assemble::BlockKind::Table(t) = &unit.block.kind else {
            continue;
        };
        let width = t.columns.len();
        if t.data.is_some() || width < 3 || t.rows.iter().any(|r| r.len() != width) {
            continue;
        }
        let printed: Vec<Vec<&str>> = t
            .rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let rows: Vec<Vec<Typed>> = t
            .rows
            .iter()
            .map(|r| r.iter().map(|c| typed(c)).collect())
            .collect();
        // Where each cell starts in the unit's text (cells joined by " | ").
        let mut at = t.title.as_ref().map_or(0, |s| s.len() + 3);
        at += t.columns.iter().map(|c| c.title.len() + 3).sum::<usize>();
        let mut starts = Vec::new();
        for row in &t.rows {
            starts.push(
                row.iter()
                    .map(|c| {
                        let s = at;
                        at += c.len() + 3;
                        s
                    })
                    .collect::<Vec<_>>(),
            );
        }
        for pc in 0..width {
            let Some((a, b)) = rate_pair(&rows, pc, &printed) else {
                continue;
            };
            for (i, row) in rows.iter().enumerate() {
                let (Typed::Count(p), Typed::Count(w), Typed::Percent(s)) =
                    (row[a], row[b], row[pc])
                else {
                    continue;
                };
                let exact = 100.0 * p / w;
                if w <= 0.0 || (exact - s).abs() <= tolerance(printed[i][pc]) {
                    continue;
                }
                let cell = starts[i][pc]..starts[i][pc] + printed[i][pc].len();
                out.push(
                    ctx.finding(
                        DATA_RATE,
                        ctx.locate(unit, cell),
                        format!(
                            "\"{}\" is {} in this row, but {} ÷ {} is {}% ({} of {})",
                            t.columns[pc].title,
                            printed[i][pc],
                            t.columns[a].title,
                            t.columns[b].title,
                            format::number(exact, Some(1)),
                            printed[i][a],
                            printed[i][b],
                        ),
                    )
                    .with_label(format!("should be {}%", format::number(exact, Some(0))))
                    .with_help("correct the percentage; better, put the counts in a data set and let the tool compute it (`percent: [part, whole]` on the column)."),
                );
            }
        }
    }
}

fn sources(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for d in &ctx.facts.datasets {
        let missing: Vec<&str> = [
            (d.source.is_none(), "source"),
            (d.as_of.is_none(), "as-of date"),
        ]
        .into_iter()
        .filter(|(m, _)| *m)
        .map(|(_, w)| w)
        .collect();
        if missing.is_empty() {
            continue;
        }
        let text = ctx.sources().text(&d.file).unwrap_or("");
        let span = match text.find("title:") {
            Some(i) => Span::new(
                &d.file,
                i..i + text[i..].find('\n').unwrap_or(text.len() - i),
            ),
            None => Span::file_start(&d.file),
        };
        let keys: Vec<&str> = [
            (d.source.is_none(), "`source: …`"),
            (d.as_of.is_none(), "`as_of: YYYY-MM-DD`"),
        ]
        .into_iter()
        .filter(|(m, _)| *m)
        .map(|(_, k)| k)
        .collect();
        out.push(
            ctx.finding(
                DATA_SOURCE,
                span,
                format!(
                    "the data set \"{}\" has no {}",
                    d.title,
                    missing.join(" and no ")
                ),
            )
            .with_label("printed without a source line")
            .with_help(format!(
                "add {} to {}: they are printed under the table.",
                keys.join(" and "),
                d.file
            )),
        );
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    MONTHS
        .iter()
        .position(|m| {
            *m == lower || (lower.len() >= 3 && m.starts_with(&lower) && lower.len() <= 4)
        })
        .map(|i| i as u8 + 1)
}

static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?,?\s+(\d{1,6})\b").unwrap()
});
static YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?:^|[^\d/.\-£])(\d{3,4})([/\-])(\d{1,4})(?:$|[^\d/\-])").unwrap()
});
static SLASH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?:^|[^\d/])(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:$|[^\d/])").unwrap()
});
static IN_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?i)\b(during|in|over|throughout|across) (the|this) (year|reporting (year|period)|period|business year)\b|\bin[- ]year\b|\b(in|over|during) the (last|past) (12|twelve) months\b|\bthis reporting (year|period)\b").unwrap()
});
static FUTURE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?i)\b(will|planned|plans? to|expect\w*|to be (held|launched|run))\b")
        .unwrap()
});

fn dates(ctx: &Ctx, unit: &Unit, out: &mut Vec<Diagnostic>) {
    let text = &unit.text;
    let period = ctx.period();
    let said_in_period = |s: &str| period.is_some_and(|p| said_in(p, s));
    let intro_in_period = unit
        .list_intro
        .is_some_and(|i| said_in_period(&ctx.units[i].text));
    for s in sentences(text) {
        let sentence = &text[s.clone()];
        let claimed =
            (said_in_period(sentence) || intro_in_period) && !FUTURE_WORDS.is_match(sentence);
        month_dates(
            ctx,
            unit,
            s.start,
            sentence,
            period.filter(|_| claimed),
            out,
        );
        year_ranges(ctx, unit, s.start, sentence, out);
        slash_dates(ctx, unit, s.start, sentence, out);
    }
}

/// Whether a sentence says it speaks of the period: "during the year", "in 2021/22".
fn said_in(period: crate::assemble::Period, s: &str) -> bool {
    let start = period.start;
    let label_short = format!("{}/{:02}", start.year, (start.year + 1) % 100);
    let label_dash = format!("{}-{:02}", start.year, (start.year + 1) % 100);
    IN_PERIOD.is_match(s)
        || (start.month > 1 && (label_as_time(s, &label_short) || label_as_time(s, &label_dash)))
}

/// Month-and-year dates of a sentence starting at byte `at` of the unit: impossible
/// years and days, and, when the sentence claims the `period`, dates outside it.
fn month_dates(
    ctx: &Ctx,
    unit: &Unit,
    at: usize,
    sentence: &str,
    claimed: Option<crate::assemble::Period>,
    out: &mut Vec<Diagnostic>,
) {
    for c in MONTH_YEAR.captures_iter(sentence) {
        let whole = c.get(0).unwrap();
        let year_m = c.get(3).unwrap();
        let year_text = year_m.as_str();
        let Some(month) = month_number(&c[2]) else {
            continue;
        };
        if sentence[year_m.end()..].starts_with(|ch: char| ch == ',' || ch == '.')
            && sentence[year_m.end() + 1..].starts_with(|ch: char| ch.is_ascii_digit())
        {
            // "31 March 2,240": a figure, not a year.
            continue;
        }
        let range = at + whole.start()..at + whole.end();
        if year_text.len() != 4 {
            if year_text.len() <= 2 && c.get(1).is_none() {
                // "May 12" is a day, not a year.
                continue;
            }
            out.push(
                ctx.finding(
                    DATA_DATE,
                    ctx.locate(unit, range),
                    format!("\"{}\" has an impossible year: {year_text}", whole.as_str()),
                )
                .with_label("not a year")
                .with_help("write the year with four digits, for example \"May 2021\"."),
            );
            continue;
        }
        let year: i32 = year_text.parse().unwrap_or(0);
        if let Some(day) = c.get(1) {
            let day: u8 = day.as_str().parse().unwrap_or(0);
            if Date::parse(&format!("{year:04}-{month:02}-{day:02}")).is_err() {
                out.push(
                    ctx.finding(
                        DATA_DATE,
                        ctx.locate(unit, range),
                        format!("\"{}\" is not a date that exists", whole.as_str()),
                    )
                    .with_label("no such day")
                    .with_help("check the day and the month."),
                );
                continue;
            }
        }
        if let Some(period) = claimed
            && !background(sentence, whole.start())
        {
            let (start, end) = (period.start, period.end);
            let first = Date {
                year,
                month,
                day: 1,
            };
            let last = Date {
                year,
                month,
                day: last_day(year, month),
            };
            let (from, to) = match c.get(1) {
                Some(d) => {
                    let day = d.as_str().parse().unwrap_or(1);
                    (Date { year, month, day }, Date { year, month, day })
                }
                None => (first, last),
            };
            if to < start || from > end {
                out.push(
                    ctx.finding(
                        DATA_DATE,
                        ctx.locate(unit, range),
                        format!("\"{}\" is said to be in the period, which runs from {} to {}", whole.as_str(), start.long(), end.long()),
                    )
                    .with_label("outside the period")
                    .with_help("correct the date, or say that it falls outside the period (\"planned for …\", \"after the period, in …\")."),
                );
            }
        }
    }
}

/// Financial and academic years that cannot be: "202/21", "2021/23".
fn year_ranges(ctx: &Ctx, unit: &Unit, at: usize, sentence: &str, out: &mut Vec<Diagnostic>) {
    for c in YEAR_RANGE.captures_iter(sentence) {
        let (a, sep, b) = (c.get(1).unwrap(), &c[2], c.get(3).unwrap());
        let range = at + a.start()..at + b.end();
        let first_text = a.as_str();
        let bad = if first_text.len() == 3 {
            // "202/21": a year that lost a digit.
            (sep == "/"
                && b.as_str().len() == 2
                && (first_text.starts_with("20") || first_text.starts_with("19")))
            .then(|| "the first year has three digits".to_string())
        } else {
            let first: i32 = first_text.parse().unwrap_or(0);
            let second: i32 = b.as_str().parse().unwrap_or(0);
            let second_full = match b.as_str().len() {
                2 => {
                    Some(first - first % 100 + second + if second < first % 100 { 100 } else { 0 })
                }
                4 => Some(second),
                _ => None,
            };
            match second_full {
                _ if !(1900..=2199).contains(&first) => None,
                // A financial or academic year: 2021/22.
                Some(s) if sep == "/" && s != first + 1 => {
                    Some(format!("{} does not follow {first}", b.as_str()))
                }
                // A span of years: 2021-24, 2019-2021.
                Some(s) if sep == "-" && (s <= first || s > first + 10) => {
                    Some(format!("{} does not follow {first}", b.as_str()))
                }
                _ => None,
            }
        };
        if let Some(why) = bad {
            let written = &sentence[a.start()..b.end()];
            out.push(
                ctx.finding(
                    DATA_DATE,
                    ctx.locate(unit, range),
                    format!("\"{written}\" is not a year that can be: {why}"),
                )
                .with_label("impossible year")
                .with_help("write a financial or academic year as 2021/22 or 2021-22."),
            );
        }
    }
}

/// Day/month/year dates that do not exist: "29/02/2022".
fn slash_dates(ctx: &Ctx, unit: &Unit, at: usize, sentence: &str, out: &mut Vec<Diagnostic>) {
    for c in SLASH_DATE.captures_iter(sentence) {
        let (d, m, y) = (c.get(1).unwrap(), c.get(2).unwrap(), c.get(3).unwrap());
        let year: i32 = match y.as_str().len() {
            2 => 2000 + y.as_str().parse::<i32>().unwrap_or(0),
            _ => y.as_str().parse().unwrap_or(0),
        };
        let (day, month): (u8, u8) = (
            d.as_str().parse().unwrap_or(0),
            m.as_str().parse().unwrap_or(0),
        );
        if Date::parse(&format!("{year:04}-{month:02}-{day:02}")).is_err() {
            let range = at + d.start()..at + y.end();
            out.push(
                ctx.finding(
                    DATA_DATE,
                    ctx.locate(unit, range),
                    format!(
                        "\"{}\" is not a date that exists",
                        &sentence[d.start()..y.end()]
                    ),
                )
                .with_label("no such day")
                .with_help("check the day and the month (dates are written day/month/year)."),
            );
        }
    }
}

/// Whether the period's label is the time of the sentence ("in 2021/22", "during
/// 2021-22"), not the subject of it ("priorities for 2023-24", "the plan 2022-25").
fn label_as_time(sentence: &str, label: &str) -> bool {
    sentence.match_indices(label).any(|(i, _)| {
        let before = sentence[..i].trim_end().to_lowercase();
        ["in", "during", "over", "throughout", "across", "through"]
            .iter()
            .any(|w| {
                before.ends_with(w)
                    && !before[..before.len() - w.len()].ends_with(|c: char| c.is_alphanumeric())
            })
    })
}

static RELATIVE: LazyLock<Regex> =
    LazyLock::new(|| super::text::regex(r"(?i)\b(who|whom|whose|which|where)\b").unwrap());
static EARLIER: LazyLock<Regex> = LazyLock::new(|| {
    super::text::regex(r"(?i)\bhad\s+(?:been\s+|already\s+|also\s+|first\s+)?\w+(?:ed|en|wn|t)\b|\b(?:previous|previously|prior to|before|originally|formerly)\b").unwrap()
});

/// Whether the date at byte `at` of a sentence is background to what the sentence
/// says happened in the period: it sits in a relative clause ("a baby who was
/// injured in December 2022") or a clause about an earlier time ("which the
/// partnership had commissioned in February 2023", "before May 2021").
fn background(sentence: &str, at: usize) -> bool {
    let is_break = |c: char| matches!(c, ',' | ';' | '(' | ')' | ':' | '\u{2013}' | '\u{2014}');
    let start = sentence[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| is_break(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = sentence[at..]
        .find(is_break)
        .map_or(sentence.len(), |i| at + i);
    RELATIVE.is_match(&sentence[start..at]) || EARLIER.is_match(&sentence[start..end])
}

fn last_day(year: i32, month: u8) -> u8 {
    (28..=31u8)
        .rev()
        .find(|d| Date::parse(&format!("{year:04}-{month:02}-{d:02}")).is_ok())
        .unwrap_or(28)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerance_is_half_the_last_digit() {
        assert!((tolerance("56") - 0.5).abs() < 1e-6);
        assert!((tolerance("86.7") - 0.05).abs() < 1e-6);
    }

    #[test]
    fn month_names_and_abbreviations() {
        assert_eq!(month_number("May"), Some(5));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("Mayday"), None);
    }

    #[test]
    fn breakdowns_are_read() {
        let text = "87 children identified vulnerable to CE in the last 12 months: Emerging: 33 Moderate: 33 Significant: 20";
        let c = BREAKDOWN.captures(text).unwrap();
        assert_eq!(BREAKDOWN_PART.captures_iter(&c[1]).count(), 3);
        let prefix = &text[..c.get(0).unwrap().start()];
        assert_eq!(&LEADING_TOTAL.captures(prefix).unwrap()[1], "87");
    }
}
