//! `content/glossary.yaml`: abbreviations and what they stand for.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "glossary.yaml",
    description = "Abbreviations the report uses."
)]
pub struct Glossary {
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The abbreviation, for example HSCP.
    pub term: String,
    /// What it stands for.
    pub meaning: String,
}
