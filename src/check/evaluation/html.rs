//! The evaluation as one accessible web page: a title, the header as a description
//! list, the criteria and the findings as tables with header cells, no script.

use super::{Evaluation, citation, quoted_line, reading, verdict};

/// Text made safe to put in HTML, between tags or in an attribute.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:80rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}\ntable{border-collapse:collapse;width:100%}th,td{border:1px solid #767676;padding:.4rem;text-align:left;vertical-align:top}\ndl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:bold}dd{margin:0;overflow-wrap:anywhere}\n.met{background:#e6f4ea}.partial{background:#fff4ce}.missing{background:#fde7e9}\ncaption{text-align:left;font-weight:bold}blockquote{margin:.2rem 0 .6rem 1rem}ul{margin:0;padding-left:1.2rem}\n";

/// The evaluation as an HTML page.
pub fn render(e: &Evaluation) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n<h2>What was checked</h2>\n<dl>\n",
        title = escape(&e.title)
    );
    for (label, value) in e.header_lines() {
        out.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>\n",
            escape(label),
            escape(&value)
        ));
    }
    out.push_str(&format!(
        "</dl>\n<h2>Summary</h2>\n<p>{}</p>\n",
        escape(&e.summary())
    ));
    criteria(e, &mut out);
    findings(e, &mut out);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn criteria(e: &Evaluation, out: &mut String) {
    out.push_str("<h2>The criteria</h2>\n<table>\n<caption>Each criterion of the guidance, the verdict, and the evidence in the report</caption>\n<thead><tr><th scope=\"col\">Criterion</th><th scope=\"col\">What the guidance asks</th><th scope=\"col\">Verdict</th><th scope=\"col\">Evidence in the report</th><th scope=\"col\">Reading</th></tr></thead>\n<tbody>\n");
    for row in &e.criteria {
        let evidence = if row.evidence.is_empty() {
            "None found.".to_string()
        } else {
            format!(
                "<ul>{}</ul>",
                row.evidence
                    .iter()
                    .map(|q| format!("<li>{}</li>", escape(&quoted_line(q))))
                    .collect::<String>()
            )
        };
        out.push_str(&format!(
            "<tr id=\"{id}\" class=\"{class}\"><th scope=\"row\">{id}: {title}</th><td><blockquote>{words}</blockquote>{cite}</td><td><strong>{verdict}</strong><br>{reason}</td><td>{evidence}</td><td>{reading}</td></tr>\n",
            class = row.status.as_str(),
            id = escape(&row.id),
            title = escape(&row.title),
            words = escape(&row.guidance.words),
            cite = escape(&citation(&row.guidance)),
            verdict = verdict(row.status),
            reason = escape(&row.reason),
            reading = reading(&row.guidance),
        ));
    }
    out.push_str("</tbody>\n</table>\n");
}

fn findings(e: &Evaluation, out: &mut String) {
    out.push_str("<h2>Other findings</h2>\n");
    if e.findings.is_empty() {
        out.push_str("<p>None.</p>\n");
        return;
    }
    out.push_str("<table>\n<caption>The checker's other findings, by kind, with the first few quoted</caption>\n<thead><tr><th scope=\"col\">Kind</th><th scope=\"col\">Severity</th><th scope=\"col\">Number</th><th scope=\"col\">The first found</th></tr></thead>\n<tbody>\n");
    for k in &e.findings {
        let examples: String = k
            .examples
            .iter()
            .map(|x| {
                format!(
                    "<li>{}: {}</li>",
                    escape(&x.message),
                    escape(&quoted_line(&x.at))
                )
            })
            .collect();
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}: {}</th><td>{}</td><td>{}</td><td><ul>{examples}</ul></td></tr>\n",
            escape(&k.rule),
            escape(&k.summary),
            k.severity,
            k.count
        ));
    }
    out.push_str("</tbody>\n</table>\n");
}
