//! The typed report project: what `load` reads and `assemble` turns into a document.
//!
//! The types in this module are also the source of the JSON Schemas in `schemas/`, so
//! the editor's checks and the tool's checks cannot drift apart.

pub mod check_config;
pub mod colour;
mod dataset;
mod date;
mod glossary;
pub mod imports;
mod report;
mod section;

use std::path::PathBuf;
use std::sync::Arc;

pub use check_config::{AllowLists, CheckConfig, Level, RuleSetting};
pub use colour::{Colour, TEXT_CONTRAST};
pub use dataset::{
    Cell, ChartKind, ChartSpec, Column, DataSetFile, Figure, Formula, Names, Unit, column_total,
    compute_rows, is_total_label, number,
};
pub use date::{Date, MONTHS, days_in_month};
pub use glossary::{Glossary, Term};
pub use imports::{IMPORTS_FILE, Import, Imports};
pub use report::{
    Accessibility, Branding, Guidance, Highlight, OutputOptions, Partner, PartnerKind, Partnership,
    Period, Publication, ReportConfig, SiteUrl, SiteUrlProblem,
};
pub use section::{FrontMatter, Order, Priority, Progress, Recommendation, Review, ReviewKind};

use crate::diagnostic::{Sources, Span};

/// Everything a report project holds, checked for consistency.
#[derive(Debug)]
pub struct Project {
    pub root: PathBuf,
    pub report: ReportConfig,
    pub report_file: Arc<str>,
    /// Sections in report order: each chapter followed by its sub-sections.
    pub sections: Vec<SectionSource>,
    pub datasets: Vec<DataSet>,
    pub glossary: Vec<Term>,
    pub glossary_file: Option<Arc<str>>,
    /// What each partner's last `import` wrote ([`imports`]); empty before any.
    pub imports: Imports,
    pub sources: Sources,
}

impl Project {
    pub fn guidance(&self) -> Guidance {
        self.report
            .guidance
            .unwrap_or_else(|| Guidance::for_period_end(self.report.period.value.end.value))
    }

    pub fn partner(&self, id: &str) -> Option<&Partner> {
        self.report.partners.iter().find(|p| p.id.value == id)
    }

    pub fn dataset(&self, id: &str) -> Option<&DataSet> {
        self.datasets.iter().find(|d| d.id == id)
    }
}

/// A Markdown section as read: front matter, and the body still to be rendered.
#[derive(Debug)]
pub struct SectionSource {
    pub file: Arc<str>,
    pub front: FrontMatter,
    /// Spans of the front matter values the checker points at.
    pub id_span: Span,
    pub partner_span: Option<Span>,
    pub parent_span: Option<Span>,
    pub criteria_spans: Vec<Span>,
    pub body: String,
    /// Byte offset of the body in the file, to map positions back to it.
    pub body_offset: usize,
}

impl SectionSource {
    pub fn id(&self) -> &str {
        &self.front.id.value
    }

    /// 1 for a chapter, 2 for a sub-section.
    pub fn level(&self) -> u8 {
        if self.front.parent.is_some() { 2 } else { 1 }
    }
}

/// A data set with its computed columns, totals and the positions of its values.
#[derive(Debug, Clone)]
pub struct DataSet {
    pub id: String,
    pub file: Arc<str>,
    /// `None` for a data set without a caption: its table is shown untitled.
    pub title: Option<String>,
    pub source: Option<String>,
    pub as_of: Option<Date>,
    pub key: Option<usize>,
    pub columns: Vec<DataColumn>,
    pub rows: Vec<Vec<Cell>>,
    pub row_spans: Vec<Span>,
    /// The total of each column marked `total: true`.
    pub totals: Vec<Option<f64>>,
    pub stated_totals: Vec<StatedTotal>,
    pub figures: Vec<NamedFigure>,
    pub notes: Option<String>,
    pub charts: Vec<Chart>,
}

/// A chart of a data set, its columns resolved to positions and checked.
#[derive(Debug, Clone)]
pub struct Chart {
    pub id: String,
    pub kind: ChartKind,
    /// The columns whose values, joined, name each bar or point.
    pub x: Vec<usize>,
    /// The numeric columns drawn, one series each.
    pub y: Vec<usize>,
    /// The column whose values split the rows into series, when `y` is one column.
    pub series: Option<usize>,
    pub title: String,
    pub alt: Option<String>,
    /// Where the chart's `id:` is.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct DataColumn {
    pub id: String,
    pub title: String,
    pub unit: Unit,
    pub total: bool,
    pub places: Option<u8>,
    pub formula: Formula,
}

#[derive(Debug, Clone)]
pub struct StatedTotal {
    pub column: usize,
    pub value: f64,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct NamedFigure {
    pub name: String,
    pub figure: Figure,
    pub span: Span,
}
