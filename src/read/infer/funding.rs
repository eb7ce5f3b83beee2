//! The funding tables: tables with money in them, and whether a row of each is a
//! statutory partner's contribution.

use std::sync::LazyLock;

use regex::Regex;

use super::Text;
use crate::assemble::{BlockKind, Funding, StatutoryPartner as PartnerKind};
use crate::read::Extracted;

static MONEY_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)£|\bgbp\b|contribution|budget|funding|income|expenditure|amount|cost|spend")
        .unwrap()
});
static LA_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bcouncil\b|local authority|\bLA\b|children['’]?s (services|wellbeing|social care|social work)|children (and|&) families|adults? (services|wellbeing)").unwrap()
});
static POLICE_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bpolice\b|constabulary|\bOPCC\b|police and crime commissioner").unwrap()
});
static HEALTH_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bccg\b|\bicb\b|clinical commissioning|integrated care board|\bnhs\b|\bhealth\b",
    )
    .unwrap()
});

/// Whether a table row's label stands for a statutory partner of this kind.
pub fn row_is(kind: PartnerKind, label: &str) -> bool {
    match kind {
        PartnerKind::LocalAuthority => LA_ROW.is_match(label),
        PartnerKind::Police => POLICE_ROW.is_match(label),
        PartnerKind::Health => HEALTH_ROW.is_match(label),
    }
}

pub(super) fn funding(e: &Extracted, texts: &[Text]) -> Vec<Funding> {
    let mut out = Vec::new();
    for t in texts {
        let BlockKind::Table(table) = &t.block.kind else {
            continue;
        };
        let money: Vec<usize> = table
            .columns
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                c.numeric
                    && (MONEY_TITLE.is_match(&c.title)
                        || table
                            .rows
                            .iter()
                            .any(|r| r.get(*i).is_some_and(|v| v.contains('£'))))
                    && !c.title.contains('%')
            })
            .map(|(i, _)| i)
            .collect();
        if money.is_empty() {
            continue;
        }
        let contributions = PartnerKind::ALL
            .iter()
            .map(|kind| {
                let pattern = match kind {
                    PartnerKind::LocalAuthority => &*LA_ROW,
                    PartnerKind::Police => &*POLICE_ROW,
                    PartnerKind::Health => &*HEALTH_ROW,
                };
                let shown = table.rows.iter().any(|r| {
                    r.first().is_some_and(|c| pattern.is_match(c))
                        && money
                            .iter()
                            .any(|&i| r.get(i).is_some_and(|v| !v.trim().is_empty()))
                });
                (*kind, shown)
            })
            .collect();
        out.push(Funding {
            section: e.sections[t.section].heading(),
            money_columns: money
                .iter()
                .map(|&i| table.columns[i].title.clone())
                .collect(),
            contributions,
            place: e
                .sources
                .place(&t.block.span.file, t.block.span.range.start),
        });
    }
    out
}
