//! The facts the checker reads, filled from what was inferred from a report's text.
//!
//! A project states its period, partners and data sets in YAML and `assemble` copies
//! them into [`Document::facts`]; for a report read from a file, this module fills
//! the same fields from [`super::infer`], each marked as inferred with its confidence
//! and the span of the words it came from (or as given on the command line). Tables
//! with money in them become data sets, as a project's funding table is, so the
//! funding criterion reads them; the row labels that stand for a statutory partner
//! ("Children's Wellbeing" for the council) become its aliases.

use super::Read;
use super::infer::{self, Inferred, PartnerKind as Kind};
use crate::assemble::{
    BlockKind, Confidence, Facts, Known, Origin, PartnerFact, Period, PublicationFacts,
};
use crate::model::{Cell, DataColumn, DataSet, Formula, Unit};

fn origin<T>(fact: &Inferred<T>) -> Origin {
    let confidence = match fact.confidence {
        infer::Confidence::Given => return Origin::Given,
        infer::Confidence::High => Confidence::High,
        infer::Confidence::Medium => Confidence::Medium,
        infer::Confidence::Low => Confidence::Low,
    };
    match &fact.span {
        Some(span) => Origin::Inferred {
            span: span.clone(),
            confidence,
        },
        None => Origin::Assumed,
    }
}

/// Fills `read.document.facts` from `read.facts`.
pub fn fill(read: &mut Read) {
    let datasets = money_tables(read);
    let f = &read.facts;
    let partners = f
        .partners
        .iter()
        .map(|p| Known {
            value: PartnerFact {
                id: partner_id(p.value.kind).to_string(),
                name: p.value.name.clone(),
                statutory: true,
            },
            origin: origin(p),
        })
        .collect();
    let anchor = read
        .document
        .sections
        .first()
        .map(|s| crate::diagnostic::Span::new(&s.file, s.span.range.start..s.span.range.start))
        // A file with no text read has no sections: findings still name it.
        .unwrap_or_else(|| crate::diagnostic::Span::file_start(&read.file));
    read.document.facts = Facts {
        period: f.period.as_ref().map(|p| Known {
            value: Period {
                start: p.value.start,
                end: p.value.end,
            },
            origin: origin(p),
        }),
        guidance: Known {
            value: f.guidance.value,
            origin: if f.period.is_some() || f.guidance.confidence == infer::Confidence::Given {
                origin(&f.guidance)
            } else {
                Origin::Assumed
            },
        },
        partners,
        publication: f
            .publication
            .as_ref()
            .map(|p| PublicationFacts {
                website: p.value.website.clone(),
                published: p.value.published,
                copy_to_panel: p.value.copy_to_panel,
                copy_within_seven_days: p.value.copy_within_seven_days,
                origin: origin(p),
            })
            .unwrap_or_default(),
        datasets,
        check: crate::model::CheckConfig {
            aliases: aliases(read),
            ..Default::default()
        },
        config_file: None,
        anchor,
        sources: read.sources.clone(),
        root: read.root.clone(),
        pdf_tagged: read.tagged,
        held_back: Vec::new(),
    };
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
