//! Data integrity: totals that do not add up, rates that do not follow from their
//! counts, impossible dates, and figures with no source.

mod change;
mod dates;
mod prose_totals;
mod rates;
mod tables;
mod totals;

use super::text::UnitKind;
use super::{Ctx, Doc, Family, Rule};
use crate::diagnostic::{Diagnostic, Severity, Span};

// The ids of this family's rules: findings name them by these constants, so a
// misspelt id does not compile.
rule_ids! {
    DATA_TOTAL = "DATA-TOTAL",
    DATA_RATE = "DATA-RATE",
    DATA_DATE = "DATA-DATE",
    DATA_SOURCE = "DATA-SOURCE",
    DATA_CHANGE = "DATA-CHANGE",
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
                what: "Compares every total the report states with the sum of its parts:\n- `stated_totals` in a data set, with the sum of the column's rows;\n- the \"Total\" row of every table, typed in Markdown or read from a finished report (Word, PDF, HTML, Markdown, text), with the sum of the rows above it, column by column;\n- a figure followed by its breakdown in the text (\"87 children: Emerging: 33, Moderate: 33, Significant: 21\"), with the sum of the breakdown.".into(),
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
                what: "Works out percentages from the counts they are stated with and compares:\n- in the text: \"86.7% (104 out of 120 children)\", and splits such as \"204 (54%) were boys and 174 (46%) girls\", whose base is the sum of the parts;\n- in tables: a percentage column typed beside the two counts it comes from. In a table, a cell \"count (P%)\" is compared with the base its row's other cells follow from: another row of the same column (\"Referrals (% of contacts)\" under \"Contacts\"), the Total row, or the sum of the column; \"N of M (P%)\" in a cell, and several \"count (P%)\" in one cell (parts of their sum), are read as in the text; and \"Of the 52 children …, 41 (85%) …\" in the text. In a table typed in the text, or read from a Word file, a percent column that matches the ratio of two count columns in most rows (at least two, and two thirds) is taken for their rate, and each row where it does not is reported (\"45 of 120\" printed as 40%).\nA stated percentage may differ from the exact one by half a unit of its last printed digit (55.6% may be printed 56% or 55.6%); more than that is a finding, and a table that rounds some rows and truncates others is named as such.".into(),
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
            DATA_CHANGE,
            Severity::Warning,
            "A stated rise or fall that does not follow from the figures it describes.",
            Doc {
                what: "Works out the changes the text states and compares:\n- \"from X to Y, up N percentage points\" (or \"a rise of N%\"), with Y less X, or the change as a share of X;\n- \"Contacts rose by 649\", \"fell by 5.6%\", \"an increase of 15%\", with the rows of the report's tables whose label names the same thing (\"Contacts to the Front Door\": 9,812, 10,406): the difference between two figures side by side in such a row, or that difference as a share of the earlier one. A change that matches any such row, in size and direction, is taken as right; one that matches none is reported. A change whose subject no table row names is not judged.".into(),
                why: "A rise or fall is how most readers take in a year's data; one that does not follow from the table beside it sends them the wrong message and casts doubt on every other figure.".into(),
                example: "| Contacts | 9,812 | 10,406 |\nContacts rose by 649 on the previous year.   # 10,406 - 9,812 is 594".into(),
                fix: "Work the change out again from the table (the later figure less the earlier one; divided by the earlier one for a percentage), and correct it.".into(),
                off: String::new(),
                references: "GOV.UK, \"Publishing accessible documents\" (clear, checkable figures).".into(),
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
    totals::stated_totals(ctx, out);
    totals::table_totals(ctx, out);
    totals::row_totals(ctx, out);
    rates::table_rates(ctx, out);
    rates::typed_table_rates(ctx, out);
    rates::cell_rates(ctx, out);
    change::table_changes(ctx, out);
    sources(ctx, out);
    dates::publication_date(ctx, out);
    let rows = tables::labelled_rows(ctx);
    let grids = tables::grids(ctx);
    // The headings above each unit, outermost first: "What we did" above "Neglect".
    let mut headings: Vec<(u8, &str)> = Vec::new();
    let mut section = usize::MAX;
    for unit in &ctx.units {
        if unit.section != section {
            section = unit.section;
            headings.clear();
        }
        if let UnitKind::Heading(level) = unit.kind {
            headings.retain(|(l, _)| *l < level);
            headings.push((level, unit.text.as_str()));
        }
        if matches!(unit.kind, UnitKind::Code | UnitKind::Image) {
            continue;
        }
        let above: Vec<&str> = headings.iter().map(|(_, h)| *h).collect();
        totals::text_breakdowns(ctx, unit, out);
        prose_totals::prose_totals(ctx, unit, &grids, out);
        rates::text_rates(ctx, unit, out);
        dates::dates(ctx, unit, &above, out);
        change::changes(ctx, unit, &rows, out);
    }
}

/// The tolerance of a printed value: half a unit of its last digit.
pub(super) fn tolerance(printed: &str) -> f64 {
    let decimals = printed.split_once('.').map_or(0, |(_, f)| {
        f.chars().take_while(char::is_ascii_digit).count()
    });
    0.5 * 10f64.powi(-(decimals as i32)) + 1e-9
}

pub(super) fn parse_number(text: &str) -> Option<f64> {
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

/// DATA-SOURCE: a project's data set without `source:` or `as_of:`. A report read as
/// published has no such fields (its tables' source notes, if any, are in its text),
/// so it is not judged there.
fn sources(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if ctx.facts.config_file.is_none() {
        return;
    }
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
                    d.title.as_deref().unwrap_or(&d.id),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerance_is_half_the_last_digit() {
        assert!((tolerance("56") - 0.5).abs() < 1e-6);
        assert!((tolerance("86.7") - 0.05).abs() < 1e-6);
    }
}
