//! How long `check FILE` takes on a 100-page Word document (target: under 1 s on the
//! 2-core machines the project is built on), and on the tool's own PDF of the shipped
//! example (86 pages). Run with `cargo bench --bench read`. The Word document is
//! generated here: 20 chapters of 5 sub-sections, 1,500 paragraphs of five sentences
//! (about 148,000 words: more than 100 pages of A4 at 11 point), 40 tables and 40
//! images. The figures are printed; nothing here asserts a time.

use std::io::Write;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use safeguarding_report::check::Options;
use safeguarding_report::{check_file, read};

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing""#;

fn para(style: Option<&str>, text: &str) -> String {
    let style = style.map_or(String::new(), |s| {
        format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#)
    });
    format!(r#"<w:p>{style}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

const SENTENCES: &[&str] = &[
    "Between 1 April 2023 and 31 March 2024 the partners received 2,340 contacts about children, of which 61% led to a referral.",
    "The Safeguarding Partners Board met six times and every statutory partner was represented at each meeting.",
    "Training on neglect reached 412 practitioners, and an audit in January 2024 found that assessments had improved.",
    "Children told us through the Youth Forum that they wanted to know who their worker was and to see them alone.",
    "Progress on the exploitation priority has been slower than planned because the new team was not in place until October 2023.",
    "The rapid review for Child M found that information about the family was not shared between health and the police.",
];

fn document_xml() -> String {
    let mut body = String::new();
    body.push_str(&para(
        Some("Title"),
        "Eastmoor Safeguarding Children Partnership Annual Report 2023-24",
    ));
    let mut image = 0;
    for chapter in 1..=20 {
        body.push_str(&para(
            Some("Heading1"),
            &format!("{chapter} Chapter on the work of the partnership"),
        ));
        for sub in 1..=5 {
            body.push_str(&para(
                Some("Heading2"),
                &format!("{chapter}.{sub} What we did and its impact"),
            ));
            for p in 0..15 {
                let text: Vec<&str> = (0..5)
                    .map(|i| SENTENCES[(chapter + sub + p + i) % SENTENCES.len()])
                    .collect();
                body.push_str(&para(None, &text.join(" ")));
            }
            if sub % 5 == 0 || sub == 2 {
                body.push_str("<w:tbl>");
                body.push_str("<w:tr><w:tc>");
                body.push_str(&para(None, "Partner"));
                body.push_str("</w:tc><w:tc>");
                body.push_str(&para(None, "Contribution £"));
                body.push_str("</w:tc></w:tr>");
                for (name, amount) in [
                    ("Eastmoor Borough Council", "120,000"),
                    ("Eastmoor Police", "45,000"),
                    ("NHS Eastmoor ICB", "60,000"),
                ] {
                    body.push_str(&format!(
                        "<w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>",
                        para(None, name),
                        para(None, amount)
                    ));
                }
                body.push_str("</w:tbl>");
                image += 1;
                let descr = if image % 2 == 0 {
                    "A chart of contacts by month"
                } else {
                    ""
                };
                body.push_str(&format!(
                    r#"<w:p><w:r><w:drawing><wp:inline><wp:docPr id="{image}" name="Picture {image}" descr="{descr}"/></wp:inline></w:drawing></w:r></w:p>"#
                ));
            }
        }
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>"#
    )
}

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>"#;

fn word_document(dir: &Path) -> PathBuf {
    let path = dir.join("annual-report-100-pages.docx");
    let file = std::fs::File::create(&path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document_xml().as_bytes()).unwrap();
    zip.start_file("word/styles.xml", options).unwrap();
    zip.write_all(STYLES.as_bytes()).unwrap();
    zip.finish().unwrap();
    path
}

fn bench(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("sr-bench-read-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let docx = word_document(&dir);
    let options = Options::default();
    let overrides = read::Overrides::default();
    let read = read::read(&docx, &overrides).unwrap();
    let paragraphs = read
        .sources
        .text(&read.document.sections[0].file)
        .unwrap()
        .lines()
        .count();
    let words: usize = read
        .sources
        .text(&read.document.sections[0].file)
        .unwrap()
        .split_whitespace()
        .count();
    let first = std::time::Instant::now();
    let report = check_file(&docx, &overrides, &options).unwrap();
    println!(
        "100-page Word document: {paragraphs} paragraphs, {words} words, {} sections; first check {:.0} ms; {}",
        read.document.sections.len(),
        first.elapsed().as_secs_f64() * 1000.0,
        report.summary_line()
    );
    c.bench_function("check FILE: a 100-page Word document", |b| {
        b.iter(|| check_file(&docx, &overrides, &options).unwrap())
    });
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/read/hscp-example.pdf");
    if pdf.exists() {
        c.bench_function("check FILE: the tool's own PDF of the example", |b| {
            b.iter(|| check_file(&pdf, &overrides, &options).unwrap())
        });
    }
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(10));
    targets = bench
}
criterion_main!(benches);
