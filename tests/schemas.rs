//! The JSON Schemas in `schemas/` match the types the loader reads, and every YAML
//! file of the shipped example and the fixtures validates against its schema.

mod common;

use std::path::Path;

use common::*;
use safeguarding_report::schema;

#[test]
fn committed_schemas_match_the_types() {
    for (name, generated) in schema::all() {
        let path = root().join("schemas").join(name);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "schemas/{name} is out of date: run `cargo run --release -- schemas` and commit the result"
        );
    }
}

fn validator(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("schemas").join(name)).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

/// The YAML of a file (or of a Markdown file's front matter) as JSON.
fn yaml_as_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let yaml = if path.extension().is_some_and(|e| e == "md") {
        let rest = text.strip_prefix("---\n").expect("front matter");
        rest[..rest.find("\n---\n").unwrap() + 1].to_string()
    } else {
        text
    };
    serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn check_project(project: &Path) -> usize {
    let mut checked = 0;
    let mut check = |path: &Path, schema: &str| {
        let v = validator(schema);
        let value = yaml_as_json(path);
        let errors: Vec<String> = v
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{} does not match {schema}:\n{}",
            path.display(),
            errors.join("\n")
        );
        checked += 1;
    };
    check(&project.join("report.yaml"), "report.schema.json");
    if project.join("content/glossary.yaml").exists() {
        check(
            &project.join("content/glossary.yaml"),
            "glossary.schema.json",
        );
    }
    for entry in walk(&project.join("content")) {
        if entry.extension().is_some_and(|e| e == "md") {
            check(&entry, "section.schema.json");
        } else if entry.parent().is_some_and(|p| p.ends_with("data"))
            && entry.extension().is_some_and(|e| e == "yaml")
        {
            check(&entry, "dataset.schema.json");
        }
    }
    checked
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn the_fixture_validates_against_its_schemas() {
    assert_eq!(check_project(&fixture("mini")), 10);
}

#[test]
fn the_shipped_example_validates_against_its_schemas() {
    let n = check_project(&root());
    assert!(n > 20, "only {n} files checked");
}

#[test]
fn a_schema_rejects_what_the_loader_rejects() {
    let v = validator("section.schema.json");
    let bad: serde_json::Value =
        serde_json::json!({"id": "a", "title": "A", "order": 1, "titel": "typo"});
    assert!(
        !v.is_valid(&bad),
        "unknown keys are refused by the schema too"
    );
    let good: serde_json::Value = serde_json::json!({"id": "a", "title": "A", "order": "8.10"});
    assert!(v.is_valid(&good));
}

#[test]
fn every_yaml_file_names_its_schema_for_editors() {
    for project in [root(), fixture("mini")] {
        for path in walk(&project.join("content"))
            .into_iter()
            .chain([project.join("report.yaml")])
        {
            if path.extension().is_some_and(|e| e == "yaml") {
                let text = std::fs::read_to_string(&path).unwrap();
                let first = text.lines().next().unwrap_or("");
                assert!(
                    first.starts_with("# yaml-language-server: $schema="),
                    "{} does not name its schema",
                    path.display()
                );
                let rel = first.split('=').nth(1).unwrap();
                assert!(
                    path.parent().unwrap().join(rel).exists(),
                    "{}: {rel} does not exist",
                    path.display()
                );
            }
        }
    }
}
