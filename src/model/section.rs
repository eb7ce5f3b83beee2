//! The front matter of a Markdown section: what the section is, where it goes and who
//! wrote it. Priorities and case reviews carry structured blocks the checker reads.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use serde_saphyr::Spanned;

use super::Date;

/// The YAML between the `---` lines at the top of a section's Markdown file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Section front matter")]
pub struct FrontMatter {
    /// Unique across the report; links use it (`[text](#id)`).
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: Spanned<String>,
    pub title: String,
    /// Position in the report: chapters are sorted by it, and sub-sections within their
    /// chapter. Dotted numbers sort part by part, so 8.10 comes after 8.9.
    #[schemars(with = "Order")]
    pub order: Spanned<Order>,
    /// The id of the chapter this section belongs to.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub parent: Option<Spanned<String>>,
    /// The id (from report.yaml) of the partner who contributed this section.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub partner: Option<Spanned<String>>,
    /// Whether the section shows a number (false for a foreword or an appendix).
    #[serde(default = "yes")]
    pub numbered: bool,
    /// The statutory criteria this section addresses, for example WT18-ACTIVITY.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub criteria: Vec<Spanned<String>>,
    #[serde(default)]
    pub priority: Option<Priority>,
    #[serde(default)]
    pub review: Option<Review>,
}

fn yes() -> bool {
    true
}

/// A position such as `3`, `8.6` or `8.10`, compared part by part.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Order(pub Vec<u32>);

impl<'de> Deserialize<'de> for Order {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Read as text so that `8.10` keeps its trailing zero.
        let text = String::deserialize(deserializer)?;
        text.split('.')
            .map(|p| p.trim().parse::<u32>())
            .collect::<Result<Vec<_>, _>>()
            .map(Order)
            .map_err(|_| {
                serde::de::Error::custom(format!(
                    "order `{text}` should be a number or dotted numbers such as 8 or 8.10"
                ))
            })
    }
}

impl JsonSchema for Order {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Order".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A number or dotted numbers such as 8 or 8.10.",
            "anyOf": [
                { "type": "number", "minimum": 0 },
                { "type": "string", "pattern": "^[0-9]+(\\.[0-9]+)*$" }
            ]
        })
    }
}

/// One of the partnership's agreed priorities.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    pub name: String,
    /// What the partnership set out to achieve.
    pub aim: String,
    /// The partnership's own judgement of progress in the period.
    pub progress: Progress,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Progress {
    Good,
    Some,
    Little,
    None,
}

/// A case review: a rapid review, a local child safeguarding practice review, a
/// serious case review (before 2019) or a national review.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub kind: ReviewKind,
    pub name: String,
    #[serde(default)]
    pub started: Option<Date>,
    #[serde(default)]
    pub published: Option<Date>,
    #[serde(default)]
    pub recommendations: Vec<Recommendation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewKind {
    RapidReview,
    Cspr,
    Scr,
    National,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    pub text: String,
    /// What was decided or done, or is planned, in response.
    #[serde(default)]
    pub actions: Vec<String>,
    /// What improved as a result; left out when the report gives no evidence.
    #[serde(default)]
    pub impact: Option<String>,
}
