//! Each statutory partner's financial contribution.

use super::reading::*;
use super::{Def, Ev, Judgement, Key};
use crate::check::Ctx;
use crate::check::matrix::Status;

pub(super) const CRITERION: Def = Def {
    key: Key::Funding,
    judge: funding,
    wwc: false,
    title: "Each statutory partner's financial contribution",
    met_when: "shows each statutory partner's financial contribution",
    quote18: "Partners agree each partner's contribution, which should be equitable and proportionate, and transparent to children and families (to confirm wording).",
    quote23: "As in 2018 (to confirm wording).",
    what: "Looks for a table made from a data set with an amount in pounds whose title or columns speak of contributions, funding, budget or income, and checks that every partner marked `kind: statutory` in report.yaml has a row: by its name, its id, its usual short name (Police, Council, CCG, ICB), or a name listed for it under `check: aliases:`.",
    example: "A contributions table with rows for the council and the police, but none for the integrated care board: partial.",
    fix: "Put the contributions in a data set with one row per statutory partner, and show it with {{ table(data=\"funding\") }}. If a row names a partner differently (a directorate of the council, say), list that name under `check: aliases:` in report.yaml.",
    fix_printed: Some(
        "Show the contributions in a table with one row per statutory partner and the amounts in pounds.",
    ),
};

/// Names a partner may go by in a table: its name, id, usual short name and aliases.
fn partner_names(ctx: &Ctx, partner: &crate::assemble::PartnerFact) -> Vec<String> {
    let mut names = vec![partner.name.clone(), partner.id.clone()];
    let name = partner.name.to_lowercase();
    for (word, short) in [
        ("police", &["Police", "Constabulary"][..]),
        ("constabulary", &["Police", "Constabulary"]),
        ("council", &["Council", "Local Authority"]),
        ("local authority", &["Council", "Local Authority"]),
        (
            "clinical commissioning group",
            &["CCG", "Clinical Commissioning Group"],
        ),
        ("ccg", &["CCG"]),
        ("integrated care board", &["ICB", "Integrated Care Board"]),
        ("icb", &["ICB"]),
    ] {
        if name.contains(word) {
            names.extend(short.iter().map(|s| s.to_string()));
        }
    }
    if let Some(aliases) = ctx.config.aliases.get(&partner.id) {
        names.extend(aliases.iter().cloned());
    }
    names
}

fn names_match(label: &str, names: &[String]) -> bool {
    let label = label.to_lowercase();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    names.iter().any(|n| {
        let n = n.to_lowercase();
        label.match_indices(&n).any(|(i, _)| {
            !word(label[..i].chars().next_back()) && !word(label[i + n.len()..].chars().next())
        })
    })
}

fn funding(ctx: &Ctx, _: &Reading) -> Judgement {
    let statutory: Vec<&crate::assemble::PartnerFact> = ctx
        .facts
        .partners
        .iter()
        .map(|p| &p.value)
        .filter(|p| p.statutory)
        .collect();
    let tables: Vec<MoneyTable> = ctx
        .units
        .iter()
        .filter_map(|u| money_table(ctx, u))
        .collect();
    if statutory.is_empty() {
        return Judgement::new(
            Status::Partial,
            vec![],
            ctx.advice(
                "no statutory partner is known (report.yaml marks none `kind: statutory`, or none was found in the text), so no contribution can be matched to one.",
                "the report does not name its statutory partners (the council, the police and the health body), so no contribution can be matched to one.",
            ),
        );
    }
    if tables.is_empty() {
        return Judgement::new(
            Status::Missing,
            vec![],
            ctx.advice(
                "no table of contributions in pounds (a data set about contributions or funding with a `gbp` column) is shown.",
                "the report shows no table of the partners' contributions in pounds.",
            ),
        );
    }
    let mut found = Vec::new();
    let mut lacking = Vec::new();
    for p in &statutory {
        let names = partner_names(ctx, p);
        let hit = tables
            .iter()
            .find(|t| t.labels.iter().any(|l| names_match(l, &names)));
        match hit {
            Some(_) => found.push(p.name.clone()),
            None => lacking.push(p.name.clone()),
        }
    }
    let spans: Vec<Ev> = tables.iter().map(|t| t.span.clone().into()).collect();
    let titles: Vec<String> = tables.iter().map(|t| format!("\"{}\"", t.title)).collect();
    if lacking.is_empty() {
        Judgement::new(
            Status::Met,
            spans,
            format!(
                "{} shows the contribution of every statutory partner: {}.",
                titles.join(" and "),
                found.join(", ")
            ),
        )
    } else {
        Judgement::new(
            Status::Partial,
            spans,
            format!(
                "{} shows contributions, but no row names {}{}",
                titles.join(" and "),
                lacking.join(" or "),
                ctx.advice(
                    " (list other names under `check: aliases:` if a row stands for a partner).",
                    ".",
                )
            ),
        )
    }
}
