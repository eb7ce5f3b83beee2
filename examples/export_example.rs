//! Writes a report project as one HTML file and as the tool's own PDF: the sources of
//! the Word and PDF fixtures of the readers' tests (see tests/fixtures/read/README.md).
//!
//! ```text
//! cargo run --release --example export_example -- PROJECT OUT_DIR
//! pandoc OUT_DIR/report.html -o report.docx
//! ```

use std::path::PathBuf;

use safeguarding_report::render::{html, pdf, site};

fn main() {
    let mut args = std::env::args().skip(1);
    let project = PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let out = PathBuf::from(args.next().unwrap_or_else(|| "export".into()));
    let (_, document) = match safeguarding_report::validate(&project, false) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    std::fs::create_dir_all(&out).expect("the output folder can be made");
    let mut page = format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{}</title></head><body>\n",
        html::text(&format!(
            "{} {}",
            document.meta.partnership, document.meta.title
        ))
    );
    // The cover's words, as the PDF's cover prints them.
    let meta = &document.meta;
    page.push_str(&format!(
        "<p>{}</p>\n<p>{}</p>\n<p>Covering {}.</p>\n<p>Reporting under {}.</p>\n{}",
        html::text(&meta.partnership),
        html::text(&meta.title),
        html::text(&meta.period),
        html::text(&meta.guidance),
        site::publication(meta)
    ));
    for s in &document.sections {
        let mut body = html::section(s, false);
        // One page holds every section: a sub-section's title is a second-level
        // heading there, and its own headings one level further down.
        if s.level == 2 {
            for n in (1..=5).rev() {
                body = body
                    .replace(&format!("<h{n} "), &format!("<h{} ", n + 1))
                    .replace(&format!("<h{n}>"), &format!("<h{}>", n + 1))
                    .replace(&format!("</h{n}>"), &format!("</h{}>", n + 1));
            }
        }
        page.push_str(&body);
    }
    page.push_str("</body></html>\n");
    std::fs::write(out.join("report.html"), page).expect("report.html can be written");
    let bytes = pdf::render(&document).expect("the PDF renders");
    std::fs::write(out.join("report.pdf"), bytes).expect("report.pdf can be written");
    println!("wrote {0}/report.html and {0}/report.pdf", out.display());
}
