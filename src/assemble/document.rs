//! The document tree: what the checker reads and both renderers print.
//!
//! It serialises to JSON for the PDF template, so its field names are part of the
//! contract with `templates/report.typ`.

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use super::highlights::HighlightFigure;
use crate::diagnostic::{Sources, Span};
use crate::model::CheckConfig;
use crate::model::{ChartKind, Colour, DataSet, Date, Guidance, Priority, Review, Term, Unit};

#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub meta: Meta,
    pub sections: Vec<Section>,
    pub glossary: Vec<Term>,
    /// Image files the sections show, by the path the Markdown gives.
    #[serde(skip)]
    pub images: Vec<ImageFile>,
    /// The partnership's logo file, when `branding:` names one.
    #[serde(skip)]
    pub logo: Option<ImageFile>,
    /// What the report says about itself beyond its text, for the checker.
    #[serde(skip)]
    pub facts: Facts,
}

/// What the checker needs to know about a report beyond its blocks: its period,
/// partners, publication, data sets and the partnership's `check:` decisions.
///
/// A project states these in YAML and `assemble` copies them here; a reader of a Word
/// file or a PDF fills the same fields by inference, saying so in each [`Origin`]. The
/// checker reads only this and the blocks, never the project.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The months the report covers; `None` when no period was stated or found.
    pub period: Option<Known<Period>>,
    /// The edition of Working Together the report answers to.
    pub guidance: Known<Guidance>,
    /// The safeguarding partners and relevant agencies.
    pub partners: Vec<Known<PartnerFact>>,
    pub publication: PublicationFacts,
    /// Data sets behind the tables, with their computed and stated totals (projects
    /// only: a file's tables are read from their cells).
    pub datasets: Vec<DataSet>,
    /// The partnership's decisions about the checker.
    pub check: CheckConfig,
    /// The file holding the report's own settings (report.yaml), where the `check:`
    /// block is; `None` for a report read from a file.
    pub config_file: Option<Arc<str>>,
    /// Where a finding about the report as a whole points: the title.
    pub anchor: Span,
    /// The text of every file the report was read from.
    pub sources: Sources,
    /// The folder paths in findings are relative to.
    pub root: PathBuf,
    /// For a report read from a PDF: whether the PDF has a tag tree (its headings,
    /// tables and figures marked for screen readers). `None` for anything else.
    pub pdf_tagged: Option<bool>,
    /// Imported pictures left out of their section until they have alt text
    /// (projects only).
    pub held_back: Vec<HeldBack>,
}

/// A picture an import saved but left out of its section for lack of alt text, and
/// where the section holds its place (the comment the import wrote, naming it).
#[derive(Debug, Clone)]
pub struct HeldBack {
    /// Its path from the project folder: `content/images/police-2.png`.
    pub picture: String,
    pub at: Span,
}

impl Facts {
    pub fn dataset(&self, id: &str) -> Option<&DataSet> {
        self.datasets.iter().find(|d| d.id == id)
    }

    pub fn partner_ids(&self) -> Vec<&str> {
        self.partners.iter().map(|p| p.value.id.as_str()).collect()
    }
}

/// A fact about the report and where it came from.
#[derive(Debug, Clone, Default)]
pub struct Known<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Known<T> {
    pub fn stated(value: T, span: Span) -> Known<T> {
        Known {
            value,
            origin: Origin::Stated { span },
        }
    }
}

/// Where a fact came from and how sure the tool is of it.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Origin {
    /// Written in the project's YAML, at this span.
    Stated { span: Span },
    /// Read from the report's text at this span.
    Inferred { span: Span, confidence: Confidence },
    /// Given on the command line.
    Given,
    /// Nobody said: a default (the guidance edition in force today, say).
    #[default]
    Assumed,
}

impl Origin {
    /// Where the fact is written, if anywhere.
    pub fn span(&self) -> Option<&Span> {
        match self {
            Origin::Stated { span } | Origin::Inferred { span, .. } => Some(span),
            Origin::Given | Origin::Assumed => None,
        }
    }

    /// "as report.yaml states", "as inferred from the text (fairly sure)", for reasons.
    pub fn phrase(&self) -> String {
        match self {
            Origin::Stated { span } => format!("as {} states", span.file),
            Origin::Inferred { confidence, .. } => {
                format!("as inferred from the text ({})", confidence.word())
            }
            Origin::Given => "as given on the command line".to_string(),
            Origin::Assumed => "by default".to_string(),
        }
    }
}

/// How sure an inference is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn word(self) -> &'static str {
        match self {
            Confidence::Low => "a guess",
            Confidence::Medium => "fairly sure",
            Confidence::High => "sure",
        }
    }
}

/// The first and last day a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

impl Default for Guidance {
    fn default() -> Self {
        Guidance::Wt2023
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerFact {
    pub id: String,
    pub name: String,
    /// One of the safeguarding partners named in law.
    pub statutory: bool,
}

/// How the report is published.
#[derive(Debug, Clone, Default)]
pub struct PublicationFacts {
    pub website: Option<String>,
    pub published: Option<Date>,
    /// When a copy was sent to the Child Safeguarding Practice Review Panel.
    pub copy_to_panel: Option<Date>,
    /// The report says a copy goes to the Panel within seven days of publication,
    /// without giving the dates.
    pub copy_within_seven_days: bool,
    pub origin: Origin,
}

#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub partnership: String,
    pub short_name: String,
    pub title: String,
    /// "1 April 2021 to 31 March 2022".
    pub period: String,
    pub author: String,
    /// The document date (publication, else the end of the period) as year, month, day.
    pub date: [i64; 3],
    pub lang: &'static str,
    pub region: &'static str,
    pub guidance: String,
    pub website: Option<String>,
    /// Where the website is published (`publication.site_url`), if report.yaml says.
    pub site_url: Option<crate::model::SiteUrl>,
    /// Mark every page as a draft.
    pub draft: bool,
    /// File name of the PDF, for the website's download link.
    pub pdf_file: String,
    pub branding: BrandingMeta,
    /// The year at a glance, in the order report.yaml gives.
    pub highlights: Vec<HighlightFigure>,
    /// Where readers report an accessibility problem: an email address or web page.
    pub contact: Option<String>,
    /// What the partnership knows is not yet accessible, for the statement.
    pub known_limitations: Vec<String>,
    /// When the report was published and its copy sent to the national panel, as
    /// sentences for the cover: the record the guidance asks for, printed.
    pub publication_dates: Vec<String>,
}

/// The partnership's look, ready for the renderers.
/// The tool's own look, for a report that sets no branding (or was not built by it).
impl Default for BrandingMeta {
    fn default() -> Self {
        BrandingMeta::from_colour(crate::model::colour::DEFAULT)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct BrandingMeta {
    /// The branding colour (`#rrggbb`), passing 4.5:1 with white both ways.
    pub colour: String,
    /// The colour for text on the light theme's grey panels: itself, or darkened
    /// just enough to pass 4.5:1 there.
    pub colour_as_text: String,
    /// The same hue lightened to pass 4.5:1 on the dark theme's backgrounds.
    pub colour_on_dark: String,
    pub logo: Option<Logo>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Logo {
    /// The logo's file name as published beside the pages: `logo.svg`.
    pub file: String,
    pub alt: String,
}

impl BrandingMeta {
    /// The look from one colour, with the shades text may use: on the light theme's
    /// palest panel, and lightened for the dark theme's panels.
    pub fn from_colour(colour: Colour) -> BrandingMeta {
        use crate::model::colour::{TEXT_CONTRAST, WHITE};
        // The lightest background of the dark theme and the darkest of the light one
        // (templates/site/css/variables.css: --panel), with a little to spare.
        let dark_panel = Colour {
            r: 0x26,
            g: 0x2d,
            b: 0x36,
        };
        let light_panel = Colour {
            r: 0xec,
            g: 0xee,
            b: 0xf0,
        };
        let black = Colour { r: 0, g: 0, b: 0 };
        BrandingMeta {
            colour: colour.to_string(),
            colour_as_text: colour
                .shade_reaching(light_panel, TEXT_CONTRAST + 0.1, black)
                .to_string(),
            colour_on_dark: colour
                .shade_reaching(dark_panel, TEXT_CONTRAST + 0.1, WHITE)
                .to_string(),
            logo: None,
        }
    }

    /// The branding colour, for renderers that derive other colours from it (charts).
    pub fn colour(&self) -> Colour {
        Colour::parse(&self.colour).unwrap_or(crate::model::colour::DEFAULT)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// "8.6"; `None` for unnumbered sections such as the foreword.
    pub number: Option<String>,
    /// 1 for a chapter, 2 for a sub-section.
    pub level: u8,
    pub partner: Option<PartnerRef>,
    pub criteria: Vec<String>,
    /// Where each of `criteria` is declared.
    #[serde(skip)]
    pub criteria_spans: Vec<Span>,
    /// The id of the chapter a sub-section belongs to.
    #[serde(skip)]
    pub parent: Option<String>,
    pub priority: Option<Priority>,
    pub review: Option<Review>,
    pub blocks: Vec<Block>,
    #[serde(skip)]
    pub file: Arc<str>,
    /// Where the section's `id:` is, to point at the section as a whole.
    #[serde(skip)]
    pub span: Span,
}

impl Section {
    /// "8.6 Wye Valley NHS Trust", or the bare title when unnumbered.
    pub fn heading(&self) -> String {
        match &self.number {
            Some(n) => format!("{n} {}", self.title),
            None => self.title.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PartnerRef {
    pub id: String,
    pub name: String,
    pub statutory: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Block {
    #[serde(flatten)]
    pub kind: BlockKind,
    /// Where the block's text is in its source file.
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BlockKind {
    /// A heading inside a section; `level` counts from the report's top (chapter
    /// titles are 1).
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    Paragraph {
        content: Vec<Inline>,
    },
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
    Quote {
        blocks: Vec<Block>,
    },
    Code {
        text: String,
    },
    Rule,
    Table(Table),
    /// A chart the tool draws from a data set; both renderers draw the same SVG.
    Chart(Chart),
    Image {
        src: String,
        alt: String,
        caption: Option<String>,
    },
    /// Raw HTML from the Markdown: sanitised for the website; its text for the PDF.
    Html {
        html: String,
        text: String,
    },
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text {
        text: String,
    },
    Strong {
        content: Vec<Inline>,
    },
    Emph {
        content: Vec<Inline>,
    },
    Strike {
        content: Vec<Inline>,
    },
    Code {
        text: String,
    },
    /// `section` is set for a link to another section of the report.
    Link {
        url: String,
        section: Option<String>,
        content: Vec<Inline>,
    },
    Break,
    Html {
        html: String,
        text: String,
    },
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Table {
    /// The data set the table shows, `None` for a table typed in Markdown.
    pub data: Option<String>,
    pub title: Option<String>,
    pub columns: Vec<TableColumn>,
    /// Cells already formatted in their unit.
    pub rows: Vec<Vec<String>>,
    pub total: Option<Vec<String>>,
    pub source: Option<String>,
    pub notes: Option<String>,
    /// A label for the PDF, on the first table of each data set, for charts to
    /// refer to.
    pub label: Option<String>,
}

/// A chart of a data set: the figures it draws, and everything a reader who cannot
/// see it needs instead.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub id: String,
    pub kind: ChartKind,
    pub title: String,
    /// The text alternative: given in the data set, or generated from the figures.
    pub alt: String,
    /// What the value axis measures, with its unit: "Attendance rate (%)".
    pub measure: String,
    pub unit: Unit,
    /// The name of each bar, group or point, in row order.
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// The chart's figures as a table: shown under it on the website, and in the PDF
    /// unless the data set's own table is in the report.
    pub table: Table,
    /// The label of the data set's table in the PDF when the report shows it.
    pub table_label: Option<String>,
}

impl Chart {
    /// The SVG's file name on the website, and its path in the PDF's files.
    pub fn file(&self) -> String {
        format!("charts/{}.svg", self.id)
    }
}

/// One measured column of a chart: a value per category, `None` where the cell is
/// empty (drawn as a gap, never as zero).
#[derive(Debug, Clone, Serialize)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
    /// Each value as the report prints it: "£143,519", "86%".
    pub labels: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableColumn {
    pub title: String,
    pub numeric: bool,
}

#[derive(Debug, Clone)]
pub struct ImageFile {
    pub src: String,
    pub bytes: Arc<[u8]>,
}

/// The plain text of inline content, as a reader would read it.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_text(inlines, &mut out);
    out
}

fn push_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } | Inline::Code { text } | Inline::Html { text, .. } => {
                out.push_str(text)
            }
            Inline::Strong { content }
            | Inline::Emph { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. } => push_text(content, out),
            Inline::Break => out.push(' '),
        }
    }
}

impl Block {
    /// The block's own text, without that of nested blocks.
    pub fn text(&self) -> String {
        match &self.kind {
            BlockKind::Heading { content, .. } | BlockKind::Paragraph { content } => {
                plain_text(content)
            }
            BlockKind::Code { text } | BlockKind::Html { text, .. } => text.clone(),
            BlockKind::Image { alt, caption, .. } => {
                format!("{alt} {}", caption.as_deref().unwrap_or(""))
            }
            BlockKind::Chart(c) => format!("{} {}", c.title, c.alt),
            BlockKind::Table(t) => {
                let mut s: Vec<String> = t.columns.iter().map(|c| c.title.clone()).collect();
                s.extend(t.rows.iter().flatten().cloned());
                s.join(" ")
            }
            BlockKind::List { .. } | BlockKind::Quote { .. } | BlockKind::Rule => String::new(),
        }
    }

    /// This block and every block nested in it, depth first.
    pub fn walk<'a>(&'a self, visit: &mut dyn FnMut(&'a Block)) {
        visit(self);
        match &self.kind {
            BlockKind::List { items, .. } => items.iter().flatten().for_each(|b| b.walk(visit)),
            BlockKind::Quote { blocks } => blocks.iter().for_each(|b| b.walk(visit)),
            _ => {}
        }
    }
}
