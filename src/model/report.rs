//! `report.yaml`: who the partnership is, what period the report covers, who the
//! partners are and how the report is published.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::Date;

/// The top of a report project: `report.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "report.yaml",
    description = "A safeguarding partnership's yearly report."
)]
pub struct ReportConfig {
    pub partnership: Partnership,
    /// The report's title, for example "Annual Report 2021-22".
    pub title: String,
    /// The 12 months the report covers.
    #[schemars(with = "Period")]
    pub period: Spanned<Period>,
    /// The edition of Working Together the report answers to; chosen from the period
    /// when left out.
    #[serde(default)]
    pub guidance: Option<Guidance>,
    /// The safeguarding partners and relevant agencies.
    #[schemars(with = "Vec<Partner>")]
    pub partners: Vec<Partner>,
    pub publication: Publication,
    /// The dates the team works to: when partners' contributions are due, when the
    /// board signs the report off, when it must be published. `status` marks missing
    /// contributions overdue after `contributions_due`.
    #[serde(default)]
    pub schedule: Schedule,
    #[serde(default)]
    pub output: OutputOptions,
    /// The partnership's logo and colour, on the website and the PDF's cover.
    #[serde(default)]
    pub branding: Branding,
    /// The year at a glance: 4 to 8 key figures from the data sets, shown on the
    /// website's first page and on a page of the PDF after the contents, each with
    /// its change on the previous year where the data set gives that year's figure.
    #[serde(default)]
    pub highlights: Vec<Highlight>,
    /// Facts for the website's accessibility statement.
    #[serde(default)]
    pub accessibility: Accessibility,
    /// How `check` judges this report: each rule's severity (or `off`), with the
    /// partnership's reason; allow-lists; files to leave out. See `explain RULE`.
    #[serde(default)]
    pub check: crate::check::CheckConfig,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partnership {
    /// Full name, for example "Herefordshire Safeguarding Children Partnership".
    pub name: String,
    /// Abbreviation, for example "HSCP".
    pub short_name: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    #[schemars(with = "Date")]
    pub start: Spanned<Date>,
    #[schemars(with = "Date")]
    pub end: Spanned<Date>,
}

/// An edition of *Working Together to Safeguard Children*.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Guidance {
    /// Working Together to Safeguard Children 2018.
    Wt2018,
    /// Working Together to Safeguard Children 2023.
    Wt2023,
}

impl Guidance {
    /// The edition in force for a report whose period ends on `end`: the 2023 edition
    /// took effect on 15 December 2023.
    pub fn for_period_end(end: Date) -> Guidance {
        if end
            >= (Date {
                year: 2023,
                month: 12,
                day: 15,
            })
        {
            Guidance::Wt2023
        } else {
            Guidance::Wt2018
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Guidance::Wt2018 => "Working Together to Safeguard Children 2018",
            Guidance::Wt2023 => "Working Together to Safeguard Children 2023",
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// A short id that sections use to name their author: lower-case letters, digits
    /// and hyphens.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: Spanned<String>,
    pub name: String,
    pub kind: PartnerKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PartnerKind {
    /// One of the safeguarding partners named in law: the local authority, the chief
    /// officer of police, the clinical commissioning group or integrated care board.
    Statutory,
    /// A relevant agency the partners have named in their arrangements.
    RelevantAgency,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// Who publishes the report; becomes the PDF's author.
    pub author: String,
    /// Where the report is published.
    #[serde(default)]
    pub website: Option<String>,
    /// The date the report was published.
    #[serde(default)]
    pub published: Option<Date>,
    /// The date a copy was sent to the Child Safeguarding Practice Review Panel.
    #[serde(default)]
    pub copy_to_panel: Option<Date>,
    /// An email address or web page where readers can report an accessibility
    /// problem or ask for the report in another format; shown in the accessibility
    /// statement.
    #[serde(default)]
    pub contact: Option<String>,
}

/// The partnership's look.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Branding {
    /// The logo: an SVG or PNG file, as a path from the project folder, for example
    /// content/images/logo.svg.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub logo: Option<Spanned<String>>,
    /// What the logo says, for readers who cannot see it; needed with `logo`.
    #[serde(default)]
    pub logo_alt: Option<String>,
    /// The colour of headings, the header bar and links, as `#rrggbb`. Text in it on
    /// white, and white text on it, must reach a contrast of 4.5:1.
    #[serde(default)]
    #[schemars(with = "Option<String>", regex(pattern = r"^#([0-9a-fA-F]{3}){1,2}$"))]
    pub colour: Option<Spanned<String>>,
}

/// One key figure of the year at a glance.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Highlight {
    /// Which figure: `DATASET.FIGURE` for a named figure (its `previous` gives the
    /// change), or `DATASET.ROW.COLUMN` for a cell of a table with a `key` column,
    /// the row named as templates name it (lower case, `_` between words).
    #[schemars(with = "String")]
    pub figure: Spanned<String>,
    /// The words shown with the figure; by default the figure's label or the row's
    /// name.
    #[serde(default)]
    pub label: Option<String>,
    /// For a table cell: the column of the same row that holds the previous year's
    /// figure, to show the change.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub previous: Option<Spanned<String>>,
}

/// What the accessibility statement says beyond what the build measures.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    /// Parts of the report the partnership knows are not yet fully accessible, one
    /// sentence each, with what it is doing about them.
    #[serde(default)]
    pub known_limitations: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// The date partners' contributions are due.
    #[serde(default)]
    pub contributions_due: Option<Date>,
    /// The date the partnership's board signs the report off.
    #[serde(default)]
    pub board_sign_off: Option<Date>,
    /// The date the report must be published by.
    #[serde(default)]
    pub publish_by: Option<Date>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutputOptions {
    /// File name of the PDF inside the output folder.
    #[serde(default = "default_pdf_name")]
    pub pdf: String,
}

impl Default for OutputOptions {
    fn default() -> Self {
        OutputOptions {
            pdf: default_pdf_name(),
        }
    }
}

fn default_pdf_name() -> String {
    "report.pdf".to_string()
}
