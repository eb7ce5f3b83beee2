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
    pub period: Spanned<Period<Spanned<Date>>>,
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
    pub check: crate::model::CheckConfig,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partnership {
    /// Full name, for example "Herefordshire Safeguarding Children Partnership".
    pub name: String,
    /// Abbreviation, for example "HSCP".
    pub short_name: String,
}

/// The first and last day a report covers.
// The one period type: report.yaml's carries each date's place in the file
// (`Period<Spanned<Date>>`), so an end before the start is reported at the end date;
// the document's, the reader's and the command line's carry the dates alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Period")]
pub struct Period<D = Date> {
    pub start: D,
    pub end: D,
}

impl Period {
    /// "1 April 2021 to 31 March 2022".
    pub fn long(&self) -> String {
        format!("{} to {}", self.start.long(), self.end.long())
    }

    /// Parses `--period 2021-04-01..2022-03-31`.
    pub fn parse(text: &str) -> Result<Period, String> {
        let (a, b) = text.split_once("..").ok_or_else(|| {
            format!("`{text}` is not a period: write it as START..END, for example 2021-04-01..2022-03-31")
        })?;
        let (start, end) = (Date::parse(a)?, Date::parse(b)?);
        if end < start {
            return Err(format!("the period {text} ends before it starts"));
        }
        Ok(Period { start, end })
    }
}

impl Period<Spanned<Date>> {
    /// The dates without their places.
    pub fn dates(&self) -> Period {
        Period {
            start: self.start.value,
            end: self.end.value,
        }
    }
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
    /// The partnership's own website: its home page, linked from the report's
    /// footer and cover. Not where the report's website is published: that is
    /// `site_url`.
    #[serde(default)]
    pub website: Option<String>,
    /// The address the report's website will be published at: the full `https://`
    /// address of its folder, for example https://www.example.org.uk/reports/2021-22/.
    /// Each page's canonical link, the sitemap, robots.txt and the preview shown when
    /// a page is shared are made from it; without it the build writes none of them.
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        regex(pattern = r"^https://[^\s/?#@]+(/[^\s?#]*)?$")
    )]
    pub site_url: Option<Spanned<String>>,
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

/// Where the report's website is published: an absolute `https://` address of a
/// folder, always ending in `/`. Made only by [`SiteUrl::parse`], so a page's head,
/// the sitemap and the preview card never hold a relative, `http://` or scripted
/// address: a wrong canonical link tells search engines the page is somewhere else,
/// which is worse than none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct SiteUrl(String);

/// Why a `site_url` is not an address the website can be published at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteUrlProblem {
    /// `http://`: browsers warn about it, and a council's site is served over https.
    NotHttps,
    /// No `scheme://` at all: a path, or a host without https://.
    NotAbsolute,
    /// Nothing, or something that is not a host name, between `https://` and the path.
    BadHost,
    /// A `?query` or `#fragment`: a folder's address has neither.
    QueryOrFragment,
    /// A space, quote, angle bracket or other character a web address cannot hold.
    BadCharacter(char),
    /// The address of a page (`…/index.html`), not of the folder it is in.
    NamesAPage,
}

impl SiteUrl {
    /// Reads an address as report.yaml gives it; a missing final `/` is added, since
    /// the address is always that of a folder.
    pub fn parse(text: &str) -> Result<SiteUrl, SiteUrlProblem> {
        let lower = text.to_ascii_lowercase();
        if lower.starts_with("http://") {
            return Err(SiteUrlProblem::NotHttps);
        }
        if !lower.starts_with("https://") {
            return Err(SiteUrlProblem::NotAbsolute);
        }
        let rest = &text["https://".len()..];
        let (host, path) = rest.find('/').map_or((rest, "/"), |i| rest.split_at(i));
        let (name, port) = host.split_once(':').unwrap_or((host, ""));
        let name_ok = !name.is_empty()
            && !name.starts_with(['.', '-'])
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
        if !name_ok || !port.chars().all(|c| c.is_ascii_digit()) {
            return Err(SiteUrlProblem::BadHost);
        }
        if path.contains(['?', '#']) {
            return Err(SiteUrlProblem::QueryOrFragment);
        }
        if let Some(c) = path.chars().find(|&c| {
            !c.is_ascii_graphic()
                || matches!(
                    c,
                    '"' | '\'' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}'
                )
        }) {
            return Err(SiteUrlProblem::BadCharacter(c));
        }
        let last = path.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
        if [".html", ".htm", ".php", ".aspx"]
            .iter()
            .any(|e| last.ends_with(e))
        {
            return Err(SiteUrlProblem::NamesAPage);
        }
        let slash = if path.ends_with('/') { "" } else { "/" };
        Ok(SiteUrl(format!(
            "https://{}{path}{slash}",
            host.to_ascii_lowercase()
        )))
    }

    /// The whole address, ending in `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The address of a file of the website: `index.html` → `https://…/index.html`.
    pub fn of(&self, file: &str) -> String {
        format!("{}{file}", self.0)
    }

    /// The folder on the web server, from its root: `/reports/2021-22/`.
    pub fn path(&self) -> &str {
        let after_host = self.0["https://".len()..].find('/').unwrap_or(0);
        &self.0["https://".len() + after_host..]
    }

    /// The root of the site it is on, `https://www.example.org.uk/`: where search
    /// engines look for robots.txt.
    pub fn root(&self) -> &str {
        &self.0[..self.0.len() + 1 - self.path().len()]
    }

    /// Whether the website is the whole of its host (`https://host/`), so that the
    /// robots.txt it carries is the one search engines read.
    pub fn is_host_root(&self) -> bool {
        self.path() == "/"
    }
}

impl SiteUrlProblem {
    /// What is wrong, in a sentence for the person setting up the report.
    pub fn message(&self) -> String {
        match self {
            SiteUrlProblem::NotHttps => {
                "the website's address starts with http://; it must start with https://".into()
            }
            SiteUrlProblem::NotAbsolute => {
                "the website's address must be a full web address starting with https://".into()
            }
            SiteUrlProblem::BadHost => {
                "the website's address has no site name (like www.example.org.uk) after https://"
                    .into()
            }
            SiteUrlProblem::QueryOrFragment => {
                "the website's address has a ? or # in it; give the address of its folder".into()
            }
            SiteUrlProblem::BadCharacter(c) => format!(
                "the website's address holds {}, which a web address cannot",
                match c {
                    ' ' => "a space".to_string(),
                    c if c.is_control() => "a control character".to_string(),
                    c => format!("`{c}`"),
                }
            ),
            SiteUrlProblem::NamesAPage => {
                "the website's address names a page; give the address of the folder the pages are in"
                    .into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_address_is_kept_with_its_final_slash() {
        let url = SiteUrl::parse("https://www.example.org.uk/reports/2021-22").unwrap();
        assert_eq!(url.as_str(), "https://www.example.org.uk/reports/2021-22/");
        assert_eq!(url.path(), "/reports/2021-22/");
        assert_eq!(
            url.of("index.html"),
            "https://www.example.org.uk/reports/2021-22/index.html"
        );
        assert!(!url.is_host_root());
        assert_eq!(url.root(), "https://www.example.org.uk/");
        let root = SiteUrl::parse("HTTPS://Report.Example.org").unwrap();
        assert_eq!(root.as_str(), "https://report.example.org/");
        assert!(root.is_host_root());
    }

    #[test]
    fn addresses_that_cannot_be_published_at_are_refused() {
        use SiteUrlProblem::*;
        for (text, problem) in [
            ("http://www.example.org.uk/reports/", NotHttps),
            ("www.example.org.uk/reports/", NotAbsolute),
            ("/reports/2021-22/", NotAbsolute),
            ("javascript:alert(1)", NotAbsolute),
            ("https:///reports/", BadHost),
            ("https://user@example.org/", BadHost),
            ("https://example.org/reports/?page=2", QueryOrFragment),
            ("https://example.org/annual report/", BadCharacter(' ')),
            ("https://example.org/a\"onload=x/", BadCharacter('"')),
            ("https://example.org/reports/index.html", NamesAPage),
        ] {
            assert_eq!(SiteUrl::parse(text), Err(problem), "{text}");
        }
    }
}
