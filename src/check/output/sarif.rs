//! SARIF 2.1.0, the static analysis results format GitHub code scanning accepts:
//! stable rule ids with their help, results with repository-relative paths, and the
//! criteria matrix in the run's property bag.

use serde_json::{Value, json};

use super::super::{Report, rules};
use crate::diagnostic::Severity;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encodes what a URI reference cannot hold as it is.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn render(report: &Report) -> String {
    let rules = rules();
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|r| {
            let text = r.explain();
            json!({
                "id": r.id,
                "name": r.id.split('-').map(|p| {
                    let mut c = p.chars();
                    c.next().map(|f| f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase()).unwrap_or_default()
                }).collect::<String>(),
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.doc.what },
                "help": {
                    "text": text,
                    "markdown": format!("```text\n{text}```\n"),
                },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": {
                    "tags": [r.family.name()],
                    "problem.severity": match r.severity { Severity::Info => "recommendation", s => level(s) },
                },
            })
        })
        .collect();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let start = report.sources.line_col(&d.span.file, d.span.range.start);
            let end = report.sources.line_col(&d.span.file, d.span.range.end.max(d.span.range.start));
            let index = rules.iter().position(|r| r.id == d.code);
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": uri(&super::repo_path(report, &d.span.file)),
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column.max(if end.line == start.line { start.column + 1 } else { 1 }),
                        }
                    }
                }],
            });
            // In a Word document or a PDF, lines of the extracted text mean nothing
            // to a viewer: the place is given as the reader would find it instead.
            if *report.sources.layout(&d.span.file) != crate::diagnostic::Layout::Text {
                let location = &mut result["locations"][0];
                if let Some(physical) = location["physicalLocation"].as_object_mut() {
                    physical.remove("region");
                }
                location["logicalLocations"] = json!([{
                    "fullyQualifiedName": d.location(&report.sources),
                    "kind": "element",
                }]);
            }
            if let Some(i) = index {
                result["ruleIndex"] = json!(i);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "safeguarding-report",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": descriptors,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {
                "guidance": report.guidance.title(),
                "criteria": report.criteria,
            },
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).expect("plain data");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_are_encoded() {
        assert_eq!(super::uri("content/a b/£.md"), "content/a%20b/%C2%A3.md");
    }
}
