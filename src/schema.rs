//! JSON Schemas for every YAML file of a report project, generated from the same Rust
//! types the loader reads, for editors that use yaml-language-server.

use schemars::{JsonSchema, schema_for};

use crate::model::{DataSetFile, FrontMatter, Glossary, ReportConfig};

/// Each schema's file name in `schemas/` and its JSON text.
pub fn all() -> Vec<(&'static str, String)> {
    vec![
        ("report.schema.json", render::<ReportConfig>()),
        ("section.schema.json", render::<FrontMatter>()),
        ("dataset.schema.json", render::<DataSetFile>()),
        ("glossary.schema.json", render::<Glossary>()),
    ]
}

fn render<T: JsonSchema>() -> String {
    let mut text = serde_json::to_string_pretty(&schema_for!(T)).expect("a schema is plain JSON");
    text.push('\n');
    text
}
