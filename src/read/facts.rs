//! The facts of a report read from a file that only the document as a whole gives:
//! its money tables and partners' aliases, where findings about it point, and where
//! it was read from. What is inferred from its words, [`super::infer`] puts in the
//! same [`crate::assemble::Facts`] a project's report.yaml fills.
//!
//! Tables with money in them become data sets, as a project's funding table is, so
//! the funding criterion reads them; the row labels that stand for a statutory
//! partner ("Children's Wellbeing" for the council) become its aliases.

use super::Read;
use super::infer::row_is;
use crate::assemble::{BlockKind, StatutoryPartner};
use crate::model::{Cell, DataColumn, DataSet, Formula, Unit};

/// Fills in `read.document.facts` what only the document as a whole knows: the money
/// tables as data sets, the partners' aliases, where findings about the report point,
/// and where it was read from.
pub fn fill(read: &mut Read) {
    let datasets = money_tables(read);
    let aliases = aliases(read);
    let anchor = read
        .document
        .sections
        .first()
        .map(|s| crate::diagnostic::Span::new(&s.file, s.span.range.start..s.span.range.start))
        // A file with no text read has no sections: findings still name it.
        .unwrap_or_else(|| crate::diagnostic::Span::file_start(&read.file));
    let facts = &mut read.document.facts;
    facts.datasets = datasets;
    facts.check = crate::model::CheckConfig {
        aliases,
        ..Default::default()
    };
    facts.config_file = None;
    facts.anchor = anchor;
    facts.sources = read.sources.clone();
    facts.root = read.root.clone();
    facts.pdf_tagged = read.tagged;
}

/// The tables the funding inference found, as data sets the tables point at.
fn money_tables(read: &mut Read) -> Vec<DataSet> {
    let mut out = Vec::new();
    for (si, section) in read.document.sections.iter_mut().enumerate() {
        let heading = section.heading();
        for (bi, block) in section.blocks.iter_mut().enumerate() {
            let BlockKind::Table(table) = &mut block.kind else {
                continue;
            };
            let money: Vec<usize> = table
                .columns
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    read.document
                        .facts
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
                title: Some(format!("the table in \"{heading}\"")),
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
                charts: Vec::new(),
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
                for kind in StatutoryPartner::ALL {
                    if row_is(kind, label) {
                        out.entry(kind.id().to_string())
                            .or_insert_with(Vec::new)
                            .push(label.trim().to_string());
                    }
                }
            }
        }
    }
    out
}
