//! The multi-agency data set used.
//!
//! The rule a scrutineer applies: the 2023 edition asks for "the agreed multi-agency
//! data set". Figures in tables are data, not that data set, and a data set the report
//! names ("our data set", "the performance report") may still be one partner's figures
//! or one still being drawn up. The item is met when the report says the partners (or
//! their executive) agreed a data set, dashboard or scorecard and gives figures from
//! it; partial when it gives figures, or speaks of a data set, without saying it was
//! agreed; missing when it does neither.

use super::reading::*;
use super::{Def, Ev, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::DataSet,
    judge: data_set,
    wwc: false,
    title: "The multi-agency data set used",
    met_when: "shows the agreed multi-agency data set it used",
    quote18: "",
    quote23: "Reports include the agreed multi-agency data set (to confirm).",
    what: "Met when the report says the partners agreed a multi-agency data set (or dashboard, or scorecard) and gives figures, in tables or in its text; partial when it shows figures or speaks of a data set without saying it was agreed, or says so of one still being agreed or developed; missing when it shows no figures and names no data set.",
    example: "A report with no tables from content/data: missing.",
    fix: "Put the partnership's agreed figures in data sets under content/data and show them with {{ table(data=\"…\") }}; say in the text that they come from the multi-agency data set the partners agreed, and when they agreed it.",
    fix_printed: Some(
        "Give the partnership's figures in tables, and say that they come from the multi-agency data set the partners agreed, and when.",
    ),
};

re!(
    DATASET,
    r"(?i)multi-agency data ?set|data ?set|dataset|performance (data|information|report)"
);

/// Whether a unit is a table of figures: made from a data set, or typed with a
/// column of numbers.
fn figures_table(ctx: &Ctx, u: &Unit) -> bool {
    let crate::assemble::BlockKind::Table(t) = &u.block.kind else {
        return false;
    };
    if t.data
        .as_deref()
        .and_then(|id| ctx.facts.dataset(id))
        .is_some()
    {
        return true;
    }
    // A figure as tables print them: "1,234", "£45,000", "21.0%", "486 (21.0%)",
    // or a dash or "n/a" for none.
    let number = |c: &str| {
        let c = c.trim().trim_start_matches(['£', '$']);
        c.chars().next().is_some_and(|ch| ch.is_ascii_digit())
            || ["-", "–", "—", "n/a", "N/A"].contains(&c)
    };
    (0..t.columns.len()).any(|i| {
        let figures = t
            .rows
            .iter()
            .filter(|r| r.get(i).is_some_and(|c| number(c)))
            .count();
        t.rows.len() >= 2 && figures * 4 >= t.rows.len() * 3
    })
}

// A data set the partners agreed: "the partners agreed a multi-agency data set",
// "the agreed data set", "the data set agreed by the three partners". The agreement
// within a few words of the data set, so that "agreed to move our reporting ... in line
// with performance reports" is not one.
re!(
    AGREED_DATASET,
    r"(?i)\b(agreed|adopted|signed off|approved)\b\W+(\w+\W+){0,6}?(data ?set|dataset|dashboard|scorecard|performance framework)|\b(data ?set|dataset|dashboard|scorecard|performance framework)\b\W+(\w+\W+){0,6}?(agreed|adopted|signed off|approved)\b"
);

// An agreement still to come: "we are still agreeing", "will finish agreeing",
// "not yet agreed".
re!(
    UNSETTLED,
    r"(?i)\b(not|no|never|yet to|still|will|plan(s|ned)? to|working (on|with))\b|n't\b"
);

// A figure in a sentence: "84%", "1,234", "from 71% to 84%".
re!(FIGURE, r"\b\d+(\.\d+)?%|\b\d{1,3}(,\d{3})+\b");

fn data_set(ctx: &Ctx, r: &Reading) -> Judgement {
    // Tables of figures; a table of contributions is not the data set.
    let tables: Vec<Ev> = ctx
        .units
        .iter()
        .filter(|u| figures_table(ctx, u) && money_table(ctx, u).is_none())
        .map(|u| Ev::from(u.block.span.clone()))
        .collect();
    let agreed = r
        .sentences
        .iter()
        .find(|s| AGREED_DATASET.is_match(s.text) && !UNSETTLED.is_match(s.text));
    // Figures given in the text where a PDF's table is lines of text, or the report
    // describes its measures in prose.
    let figures_said = r.sentences.iter().any(|s| FIGURE.is_match(s.text));
    let said: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| DATASET.is_match(s.text))
        .collect();
    let mut spans: Vec<Ev> = agreed.iter().map(|s| span_of(ctx, s)).collect();
    spans.extend(said.iter().map(|s| span_of(ctx, s)));
    spans.extend(tables.iter().cloned());
    let figures = !tables.is_empty() || figures_said;
    match (agreed, figures) {
        (Some(s), true) => Judgement::new(
            Status::Met,
            spans,
            format!(
                "the report gives figures ({}) from the data set the partners agreed: {}",
                if tables.is_empty() {
                    "in its text".to_string()
                } else {
                    plural(tables.len(), "table", "tables")
                },
                quote(s.text)
            ),
        ),
        (Some(s), false) => Judgement::new(
            Status::Partial,
            spans,
            format!(
                "the report says the partners agreed a data set ({}), but gives none of its figures.",
                quote(s.text)
            ),
        ),
        (None, _) if !tables.is_empty() || !said.is_empty() => Judgement::new(
            Status::Partial,
            spans,
            if said.is_empty() {
                "the report shows tables of figures but does not say they come from a multi-agency data set the partners agreed.".to_string()
            } else {
                format!(
                    "the report speaks of its data ({}), but does not say the partners agreed a multi-agency data set.",
                    quote(said[0].text)
                )
            },
        ),
        (None, _) => Judgement::new(
            Status::Missing,
            vec![],
            "the report shows no multi-agency data.",
        ),
    }
}
