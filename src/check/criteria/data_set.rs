//! The multi-agency data set used.

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
    what: "Met when the report shows tables made from data sets and says which multi-agency data set (or performance data) it used; partial with one of the two.",
    example: "A report with no tables from content/data: missing.",
    fix: "Put the partnership's agreed figures in data sets under content/data and show them with {{ table(data=\"…\") }}; say in the text which data set they come from.",
    fix_printed: Some("Give the partnership's figures in tables, and say where each comes from."),
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

fn data_set(ctx: &Ctx, r: &Reading) -> Judgement {
    // Tables of figures; a table of contributions is not the data set.
    let tables: Vec<Ev> = ctx
        .units
        .iter()
        .filter(|u| figures_table(ctx, u) && money_table(ctx, u).is_none())
        .map(|u| Ev::from(u.block.span.clone()))
        .collect();
    let said: Vec<&Sentence> = r
        .sentences
        .iter()
        .filter(|s| DATASET.is_match(s.text))
        .collect();
    let mut spans: Vec<Ev> = said.iter().map(|s| span_of(ctx, s)).collect();
    spans.extend(tables.iter().cloned());
    match (tables.is_empty(), said.is_empty()) {
        (false, false) => Judgement::new(
            Status::Met,
            spans,
            format!(
                "{} of figures, and the text says which data it used.",
                plural(tables.len(), "table", "tables")
            ),
        ),
        (false, true) => Judgement::new(
            Status::Partial,
            spans,
            "the report shows tables of figures but does not say which multi-agency data set they come from.",
        ),
        (true, false) => Judgement::new(
            Status::Partial,
            spans,
            "the report speaks of its data set but shows no table of its figures (a table of contributions is not one).",
        ),
        (true, true) => Judgement::new(
            Status::Missing,
            vec![],
            "the report shows no multi-agency data.",
        ),
    }
}
