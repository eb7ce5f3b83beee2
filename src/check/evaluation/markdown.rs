//! The evaluation as Markdown, to paste into a document or an e-mail.

use super::{Evaluation, citation, quoted_line, reading, verdict};

/// Text made safe for a table cell: no column breaks, no line breaks.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The evaluation as a Markdown document.
pub fn render(e: &Evaluation) -> String {
    let mut out = format!("# {}\n\n## What was checked\n\n", e.title);
    for (label, value) in e.header_lines() {
        out.push_str(&format!("- **{label}:** {value}\n"));
    }
    out.push_str(&format!(
        "\n## Summary\n\n{}\n\n## The criteria\n\n",
        e.summary()
    ));
    out.push_str("| Criterion | What the guidance asks | Verdict | Evidence in the report | Reading |\n|---|---|---|---|---|\n");
    for row in &e.criteria {
        let evidence = if row.evidence.is_empty() {
            "None found.".to_string()
        } else {
            row.evidence
                .iter()
                .map(quoted_line)
                .collect::<Vec<_>>()
                .join("<br>")
        };
        out.push_str(&format!(
            "| {}: {} | {} ({}) | **{}**. {} | {} | {} |\n",
            row.id,
            cell(&row.title),
            cell(&row.guidance.words),
            cell(&citation(&row.guidance)),
            verdict(row.status),
            cell(&row.reason),
            cell(&evidence),
            reading(&row.guidance)
        ));
    }
    out.push_str("\n## Other findings\n\n");
    if e.findings.is_empty() {
        out.push_str("None.\n");
        return out;
    }
    out.push_str("| Kind | Severity | Number | The first found |\n|---|---|---|---|\n");
    for k in &e.findings {
        let examples = k
            .examples
            .iter()
            .map(|x| format!("{}: {}", x.message, quoted_line(&x.at)))
            .collect::<Vec<_>>()
            .join("<br>");
        out.push_str(&format!(
            "| {}: {} | {} | {} | {} |\n",
            k.rule,
            cell(&k.summary),
            k.severity,
            k.count,
            cell(&examples)
        ));
    }
    out
}
