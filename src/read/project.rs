//! The project the checker expects, made from a read document and its facts.
//!
//! Until the checker reads only the document tree (issue 11's other half), it is
//! given a project whose `report.yaml` holds what was inferred: the partnership, the
//! period, the guidance and the statutory partners found in the text. It has no
//! section sources and no data sets: everything else is in the document.

use serde_saphyr::{Location, Spanned};

use super::Read;
use super::infer::PartnerKind as Kind;
use crate::assemble::BlockKind;
use crate::model::{Cell, DataColumn, DataSet, Formula, Unit};
use crate::model::{
    Date, OutputOptions, Partner, PartnerKind, Partnership, Period, Project, Publication,
    ReportConfig,
};

fn spanned<T>(value: T) -> Spanned<T> {
    Spanned::new(value, Location::UNKNOWN, Location::UNKNOWN)
}

/// The project `check` judges for a document read from a file. Tables with money in
/// them become data sets, as a project's funding table is, so the funding criterion
/// reads them; the row labels that stand for a statutory partner ("Children's
/// Wellbeing" for the council) become its aliases.
pub fn project(read: &mut Read) -> Project {
    let datasets = money_tables(read);
    let f = &read.facts;
    let (start, end) = match &f.period {
        Some(p) => (p.value.start, p.value.end),
        // No period found: judged as the twelve months before the guidance's date,
        // and the period criterion says it was not found.
        None => (
            Date {
                year: 2023,
                month: 4,
                day: 1,
            },
            Date {
                year: 2024,
                month: 3,
                day: 31,
            },
        ),
    };
    let partners = f
        .partners
        .iter()
        .map(|p| Partner {
            id: spanned(partner_id(p.value.kind).to_string()),
            name: p.value.name.clone(),
            kind: PartnerKind::Statutory,
        })
        .collect();
    let file = read
        .document
        .sections
        .first()
        .map(|s| s.file.clone())
        .unwrap_or_else(|| std::sync::Arc::from(""));
    Project {
        root: read.root.clone(),
        report: ReportConfig {
            partnership: Partnership {
                name: read.document.meta.partnership.clone(),
                short_name: read.document.meta.short_name.clone(),
            },
            title: read.document.meta.title.clone(),
            period: spanned(Period {
                start: spanned(start),
                end: spanned(end),
            }),
            guidance: Some(f.guidance.value),
            partners,
            publication: Publication {
                author: read.document.meta.author.clone(),
                website: None,
                published: None,
                copy_to_panel: None,
            },
            output: OutputOptions::default(),
            check: crate::check::CheckConfig {
                aliases: aliases(read),
                ..Default::default()
            },
        },
        report_file: file,
        sections: Vec::new(),
        datasets,
        glossary: Vec::new(),
        glossary_file: None,
        sources: read.sources.clone(),
    }
}

fn partner_id(kind: Kind) -> &'static str {
    match kind {
        Kind::LocalAuthority => "local-authority",
        Kind::Police => "police",
        Kind::Health => "health",
    }
}

/// The tables the funding inference found, as data sets the tables point at.
fn money_tables(read: &mut Read) -> Vec<DataSet> {
    let mut out = Vec::new();
    for (si, section) in read.document.sections.iter_mut().enumerate() {
        for (bi, block) in section.blocks.iter_mut().enumerate() {
            let BlockKind::Table(table) = &mut block.kind else {
                continue;
            };
            let money: Vec<usize> = table
                .columns
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    read.facts
                        .funding
                        .iter()
                        .any(|f| f.money_columns.contains(&c.title))
                })
                .map(|(i, _)| i)
                .collect();
            if money.is_empty() || !table.columns.iter().any(|c| c.numeric) {
                continue;
            }
            let id = format!("table-{}-{}", si + 1, bi + 1);
            table.data = Some(id.clone());
            let columns = table
                .columns
                .iter()
                .enumerate()
                .map(|(i, c)| DataColumn {
                    id: format!("c{i}"),
                    title: c.title.clone(),
                    unit: if money.contains(&i) {
                        Unit::Gbp
                    } else if c.numeric {
                        Unit::Number
                    } else {
                        Unit::Text
                    },
                    total: false,
                    places: None,
                    formula: Formula::Given,
                })
                .collect::<Vec<_>>();
            let rows: Vec<Vec<Cell>> = table
                .rows
                .iter()
                .map(|r| {
                    r.iter()
                        .enumerate()
                        .map(|(i, c)| match (money.contains(&i), amount(c)) {
                            (true, Some(n)) => Cell::Number(n),
                            _ if c.trim().is_empty() => Cell::Empty,
                            _ => Cell::Text(c.clone()),
                        })
                        .collect()
                })
                .collect();
            out.push(DataSet {
                id,
                file: block.span.file.clone(),
                title: format!("the table in \"{}\"", section.heading()),
                source: None,
                as_of: None,
                key: Some(0),
                totals: vec![None; columns.len()],
                row_spans: vec![block.span.clone(); rows.len()],
                columns,
                rows,
                stated_totals: Vec::new(),
                figures: Vec::new(),
                notes: None,
            });
        }
    }
    out
}

/// "£412,319" → 412319.
fn amount(text: &str) -> Option<f64> {
    let t: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    t.parse().ok()
}

/// The row labels of money tables that stand for each statutory partner.
fn aliases(read: &Read) -> std::collections::BTreeMap<String, Vec<String>> {
    let mut out = std::collections::BTreeMap::new();
    for section in &read.document.sections {
        for block in &section.blocks {
            let BlockKind::Table(table) = &block.kind else {
                continue;
            };
            if table.data.is_none() {
                continue;
            }
            for row in &table.rows {
                let Some(label) = row.first() else { continue };
                for kind in [Kind::LocalAuthority, Kind::Police, Kind::Health] {
                    if super::infer::row_is(kind, label) {
                        out.entry(partner_id(kind).to_string())
                            .or_insert_with(Vec::new)
                            .push(label.trim().to_string());
                    }
                }
            }
        }
    }
    out
}
