//! The criteria matrix: each statutory criterion, whether the report meets it, where
//! the evidence is and why. Written to a file with `check --matrix FILE.{md,html,json}`.

use std::path::Path;

use schemars::JsonSchema;
use serde::Serialize;

/// How far the report meets a criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The report carries evidence for every part of the criterion.
    Met,
    /// The report addresses the criterion, but without evidence for all of it.
    Partial,
    /// The report does not address the criterion.
    Missing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Partial => "partial",
            Status::Missing => "missing",
        }
    }
}

/// One row of the matrix.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Criterion {
    /// The rule id, for example `WT18-VOICE`.
    pub id: String,
    /// What the guidance asks, in a few words.
    pub title: String,
    pub status: Status,
    /// Where the report meets it, best first.
    pub evidence: Vec<Evidence>,
    /// Why the status is what it is, in a sentence or two.
    pub reason: String,
    /// The reading of the guidance this row rests on could not be checked against
    /// the guidance itself (the reference marks it "to confirm").
    pub to_confirm: bool,
}

/// A place in the report that carries evidence for a criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Evidence {
    /// Path from the project folder.
    pub file: String,
    /// Line of the evidence, from 1.
    pub line: usize,
    /// The section as the report numbers and titles it.
    pub section: String,
    /// Where a person finds it: `content/foreword.md:12:1`, `report.docx: paragraph
    /// 412 (section "4 Funding")` or `report.pdf: page 12, line 7`.
    pub place: String,
}

impl Evidence {
    pub fn location(&self) -> &str {
        &self.place
    }
}

/// Writes the matrix to `path`, in the format its extension names.
pub fn write(criteria: &[Criterion], guidance: &str, path: &Path) -> Result<(), String> {
    let text = match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("md") => markdown(criteria, guidance),
        Some("html" | "htm") => html(criteria, guidance),
        Some("json") => {
            let mut t = serde_json::to_string_pretty(criteria).map_err(|e| e.to_string())?;
            t.push('\n');
            t
        }
        _ => {
            return Err(format!(
                "cannot tell the format of {} from its name: use a file ending in .md, .html or .json",
                path.display()
            ));
        }
    };
    write_whole(path, text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Writes a file whole or not at all: into a sibling first, then renamed over, so a
/// failure half-way never leaves a cut-off matrix where a scrutineer expects one.
/// The folder is made if it is missing.
fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(folder) = folder {
        std::fs::create_dir_all(folder)?;
    }
    let name = path
        .file_name()
        .map_or("matrix".into(), |n| n.to_string_lossy().to_string());
    let partial = folder
        .unwrap_or(Path::new("."))
        .join(format!(".{name}.partial-{}", std::process::id()));
    std::fs::write(&partial, bytes)
        .and_then(|()| std::fs::rename(&partial, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&partial);
        })
}

fn evidence_list(c: &Criterion, format: impl Fn(&Evidence) -> String) -> String {
    if c.evidence.is_empty() {
        "none found".to_string()
    } else {
        c.evidence.iter().map(format).collect::<Vec<_>>().join("; ")
    }
}

/// The matrix as a Markdown table.
pub fn markdown(criteria: &[Criterion], guidance: &str) -> String {
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = format!(
        "# Criteria matrix\n\nJudged against *{guidance}*.\n\n| Criterion | What the guidance asks | Status | Evidence | Why |\n|---|---|---|---|---|\n"
    );
    for c in criteria {
        out.push_str(&format!(
            "| {} | {} | **{}** | {} | {} |\n",
            c.id,
            cell(&c.title),
            c.status.as_str(),
            cell(&evidence_list(c, |e| format!(
                "{} ({})",
                e.section,
                e.location()
            ))),
            cell(&c.reason)
        ));
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The matrix as a small, accessible web page.
pub fn html(criteria: &[Criterion], guidance: &str) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Criteria matrix</title>\n<style>\nbody{font-family:system-ui,sans-serif;max-width:75rem;margin:2rem auto;padding:0 1rem;line-height:1.5}\ntable{border-collapse:collapse;width:100%}th,td{border:1px solid #767676;padding:.4rem;text-align:left;vertical-align:top}\n.met{background:#e6f4ea}.partial{background:#fff4ce}.missing{background:#fde7e9}\n</style>\n</head>\n<body>\n<main>\n<h1>Criteria matrix</h1>\n",
    );
    out.push_str(&format!(
        "<p>Judged against <cite>{}</cite>.</p>\n",
        escape(guidance)
    ));
    out.push_str("<table>\n<caption>Each statutory criterion, whether the report meets it, and where the evidence is</caption>\n<thead><tr><th scope=\"col\">Criterion</th><th scope=\"col\">What the guidance asks</th><th scope=\"col\">Status</th><th scope=\"col\">Evidence</th><th scope=\"col\">Why</th></tr></thead>\n<tbody>\n");
    for c in criteria {
        let evidence = if c.evidence.is_empty() {
            "none found".to_string()
        } else {
            format!(
                "<ul>{}</ul>",
                c.evidence
                    .iter()
                    .map(|e| format!(
                        "<li>{} (<code>{}</code>)</li>",
                        escape(&e.section),
                        escape(&e.location())
                    ))
                    .collect::<String>()
            )
        };
        out.push_str(&format!(
            "<tr class=\"{status}\"><th scope=\"row\">{}</th><td>{}</td><td><strong>{status}</strong></td><td>{evidence}</td><td>{}</td></tr>\n",
            escape(&c.id),
            escape(&c.title),
            escape(&c.reason),
            status = c.status.as_str(),
        ));
    }
    out.push_str("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
    out
}

/// The matrix as a plain-text table for a terminal.
pub fn plain(criteria: &[Criterion], guidance: &str) -> String {
    let mut out = format!("criteria matrix ({guidance})\n\n");
    let id_width = criteria.iter().map(|c| c.id.len()).max().unwrap_or(10);
    out.push_str(&format!(
        "  {:<8} {:<id_width$}  {}\n",
        "status", "criterion", "evidence"
    ));
    for c in criteria {
        let mut evidence: Vec<String> = c
            .evidence
            .iter()
            .take(3)
            .map(|e| e.location().to_string())
            .collect();
        if c.evidence.len() > 3 {
            evidence.push(format!("and {} more", c.evidence.len() - 3));
        }
        let evidence = if evidence.is_empty() {
            "none found".to_string()
        } else {
            evidence.join("; ")
        };
        out.push_str(&format!(
            "  {:<8} {:<id_width$}  {}\n",
            c.status.as_str(),
            c.id,
            evidence
        ));
        for line in wrap(&format!("{}: {}", c.title, c.reason), 88) {
            out.push_str(&format!("  {:<8} {:<id_width$}  {line}\n", "", ""));
        }
    }
    out
}

/// Wraps text at spaces into lines of at most `width` characters.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
