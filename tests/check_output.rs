//! The machine-readable outputs: JSON with a stable, documented schema, and SARIF
//! 2.1.0 that validates against the official schema (vendored as
//! tests/fixtures/sarif-schema-2.1.0.json: the SARIF 2.1.0 JSON Schema, final "rtm.5"
//! revision as distributed by SchemaStore and Microsoft's sarif-js-sdk; its definitions
//! match the OASIS Committee Specification's sarif-schema-2.1.0.json).

mod check_support;
mod common;

use std::collections::BTreeSet;

use common::*;
use safeguarding_report::check::output::json;
use serde_json::Value;

fn run_json(project: &std::path::Path) -> Value {
    let o = run(&[
        "check",
        "--project",
        project.to_str().unwrap(),
        "--format",
        "json",
        "--fail-on",
        "info",
    ]);
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}{}", stdout(&o), stderr(&o)))
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

fn set(words: &[&'static str]) -> BTreeSet<&'static str> {
    words.iter().copied().collect()
}

#[test]
fn the_committed_json_schema_matches_the_output_types() {
    let committed = std::fs::read_to_string(root().join("schemas/check-output.schema.json"))
        .unwrap_or_default();
    assert!(
        committed == json::schema(),
        "schemas/check-output.schema.json is out of date: run `cargo run --release -- schemas` and commit it"
    );
}

#[test]
fn json_output_has_the_documented_shape_and_validates_against_its_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas/check-output.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for project in [
        root(),
        check_support::project("base"),
        fixture("check/complete"),
    ] {
        let out = run_json(&project);
        let errors: Vec<String> = validator
            .iter_errors(&out)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", project.display());
        assert_eq!(keys(&out), set(&["diagnostics", "criteria", "summary"]));
        for d in out["diagnostics"].as_array().unwrap() {
            assert_eq!(
                keys(d),
                set(&[
                    "rule",
                    "severity",
                    "message",
                    "help",
                    "file",
                    "line",
                    "column",
                    "end_line",
                    "end_column",
                    "place",
                    "text"
                ])
            );
            // The quoted words are the ones at the finding's line in its file.
            let quoted = d["text"].as_str().unwrap();
            if let Some(first) = quoted.split_whitespace().next() {
                let file =
                    std::fs::read_to_string(project.join(d["file"].as_str().unwrap())).unwrap();
                let line = file
                    .lines()
                    .nth(d["line"].as_u64().unwrap() as usize - 1)
                    .unwrap();
                assert!(line.contains(first), "{quoted:?} is not on {line:?}");
            }
            // In a project, a place is the file, line and column.
            assert_eq!(
                d["place"].as_str().unwrap(),
                format!(
                    "{}:{}:{}",
                    d["file"].as_str().unwrap(),
                    d["line"],
                    d["column"]
                )
            );
            assert!(["error", "warning", "info"].contains(&d["severity"].as_str().unwrap()));
            assert!(d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1);
        }
        for c in out["criteria"].as_array().unwrap() {
            assert_eq!(
                keys(c),
                set(&["id", "title", "status", "evidence", "reason", "to_confirm"])
            );
            assert!(["met", "partial", "missing"].contains(&c["status"].as_str().unwrap()));
            for e in c["evidence"].as_array().unwrap() {
                assert_eq!(keys(e), set(&["file", "line", "section", "place"]));
                // In a project's files, the place is the file, line and column.
                assert!(
                    e["place"].as_str().unwrap().starts_with(&format!(
                        "{}:{}:",
                        e["file"].as_str().unwrap(),
                        e["line"]
                    )),
                    "{e}"
                );
            }
        }
    }
    // A schema that allowed anything would prove nothing: a wrong status fails it.
    let mut out = run_json(&root());
    out["criteria"][0]["status"] = Value::from("done");
    assert!(!validator.is_valid(&out));
}

#[test]
fn json_lines_and_columns_point_at_the_words() {
    let out = run_json(&root());
    let placeholder = out["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "ED-PLACEHOLDER")
        .unwrap();
    let file = std::fs::read_to_string(root().join(placeholder["file"].as_str().unwrap())).unwrap();
    let line = file
        .lines()
        .nth(placeholder["line"].as_u64().unwrap() as usize - 1)
        .unwrap();
    let chars: Vec<char> = line.chars().collect();
    let (from, to) = (
        placeholder["column"].as_u64().unwrap() as usize - 1,
        placeholder["end_column"].as_u64().unwrap() as usize - 1,
    );
    assert_eq!(chars[from..to].iter().collect::<String>(), "x number");
    assert_eq!(
        out["summary"]["failed"],
        Value::from(true),
        "--fail-on info fails on the example's warnings"
    );
}

#[test]
fn sarif_output_validates_against_the_sarif_2_1_0_schema() {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("sarif-schema-2.1.0.json")).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    // A project inside the repository, so paths are repository-relative.
    let o = run(&[
        "check",
        "--project",
        fixture("check/rules/ED-PLACEHOLDER")
            .parent()
            .unwrap()
            .parent()
            .unwrap()
            .join("base")
            .to_str()
            .unwrap(),
        "--format",
        "sarif",
    ]);
    let base: Value = serde_json::from_slice(&o.stdout).unwrap();
    let o = run(&[
        "check",
        "--project",
        root().to_str().unwrap(),
        "--format",
        "sarif",
    ]);
    let example: Value = serde_json::from_slice(&o.stdout).unwrap();
    for log in [&base, &example] {
        let errors: Vec<String> = validator
            .iter_errors(log)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        let rules: Vec<&str> = run["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        for r in run["tool"]["driver"]["rules"].as_array().unwrap() {
            assert!(
                r["help"]["text"].as_str().unwrap().contains("How to fix"),
                "{} has help",
                r["id"]
            );
        }
        for result in run["results"].as_array().unwrap() {
            let id = result["ruleId"].as_str().unwrap();
            assert_eq!(rules[result["ruleIndex"].as_u64().unwrap() as usize], id);
        }
    }
    let uris: Vec<&str> = base["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(!uris.is_empty());
    assert!(
        uris.iter()
            .all(|u| *u == "tests/fixtures/check/base/report.yaml"),
        "repository-relative: {uris:?}"
    );
    // And a broken log fails the schema, so the test can fail.
    let mut broken = example.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));
}
