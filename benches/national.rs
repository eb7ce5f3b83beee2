//! How long `check FOLDER` takes on 130 reports of about 60 pages each, as a national
//! reviewer would give it every partnership's report (goal: 60 s or less on the
//! project's 2-core machines), and whether its peak memory stays the same however
//! many reports there are. Run with `cargo bench --bench national`.
//!
//! The reports are generated here, a third each as Word documents and web pages of
//! about 30,000 words (60 pages of A4 at 11 point: 12 chapters of 5 sub-sections of 5
//! paragraphs, a contributions table in each chapter) with the partnership's name and
//! figures different in each, and a third as the tool's own 92-page tagged PDF of the
//! shipped example. The built binary is run as a user runs it; its time and peak
//! resident memory (from the kernel, `wait4`) are printed. Nothing here asserts a time.
//! Unix only (Linux, macOS): Windows has no `wait4`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use docx_rs::{Docx, Paragraph, Run, Style, StyleType, Table, TableCell, TableRow};

const SENTENCES: &[&str] = &[
    "Between 1 April 2023 and 31 March 2024 the partners received {n} contacts about children, of which 61% led to a referral.",
    "The Safeguarding Partners Board met six times and every statutory partner was represented at each meeting.",
    "Training on neglect reached {n} practitioners, and an audit in January 2024 found that assessments had improved.",
    "Children told us through the Youth Forum that they wanted to know who their worker was and to see them alone.",
    "Progress on the exploitation priority has been slower than planned because the new team was not in place until October 2023.",
    "The rapid review for Child M found that information about the family was not shared between health and the police.",
    "We published the learning from the review and delivered {n} briefings to practitioners across the partnership.",
];

/// The text of report `k`: the title, then (level, text) of headings and paragraphs,
/// and a contributions table at the end of each chapter.
enum Part {
    Heading(usize, String),
    Paragraph(String),
    Contributions([(String, String); 3]),
}

fn report(k: usize) -> (String, Vec<Part>) {
    let name = format!("Area {k} Safeguarding Children Partnership");
    let mut parts = vec![Part::Paragraph(format!(
        "{name}: yearly report covering 1 April 2023 to 31 March 2024."
    ))];
    for chapter in 1..=12 {
        parts.push(Part::Heading(
            1,
            format!("{chapter} Chapter on the work of the partnership"),
        ));
        for sub in 1..=5 {
            parts.push(Part::Heading(
                2,
                format!("{chapter}.{sub} What we did and its impact"),
            ));
            for p in 0..5 {
                let text: Vec<String> = (0..5)
                    .map(|i| {
                        SENTENCES[(k + chapter + sub + p + i) % SENTENCES.len()]
                            .replace("{n}", &(100 + k * 7 + chapter * 13 + p).to_string())
                    })
                    .collect();
                parts.push(Part::Paragraph(text.join(" ")));
            }
        }
        parts.push(Part::Contributions([
            ("Area council".into(), format!("£{},000", 100 + k)),
            ("Area police".into(), format!("£{},000", 40 + k % 9)),
            ("NHS Area ICB".into(), format!("£{},000", 60 + k % 7)),
        ]));
    }
    (name, parts)
}

fn word(k: usize, path: &Path) {
    let (name, parts) = report(k);
    let mut doc = Docx::new()
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .outline_lvl(0),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("heading 2")
                .outline_lvl(1),
        )
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(name)));
    for part in parts {
        doc = match part {
            Part::Heading(level, text) => doc.add_paragraph(
                Paragraph::new()
                    .style(&format!("Heading{level}"))
                    .add_run(Run::new().add_text(text)),
            ),
            Part::Paragraph(text) => {
                doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(text)))
            }
            Part::Contributions(rows) => {
                let cell = |t: &str| {
                    TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(t)))
                };
                let mut table = vec![TableRow::new(vec![cell("Partner"), cell("Contribution")])];
                for (who, amount) in &rows {
                    table.push(TableRow::new(vec![cell(who), cell(amount)]));
                }
                doc.add_table(Table::new(table))
            }
        };
    }
    let file = std::fs::File::create(path).unwrap();
    doc.build().pack(file).unwrap();
}

fn web_page(k: usize, path: &Path) {
    let (name, parts) = report(k);
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{name}</title></head><body><main>\n"
    );
    for part in parts {
        match part {
            Part::Heading(level, text) => html.push_str(&format!("<h{level}>{text}</h{level}>\n")),
            Part::Paragraph(text) => html.push_str(&format!("<p>{text}</p>\n")),
            Part::Contributions(rows) => {
                html.push_str("<table><tr><th>Partner</th><th>Contribution</th></tr>");
                for (who, amount) in rows {
                    html.push_str(&format!("<tr><td>{who}</td><td>{amount}</td></tr>"));
                }
                html.push_str("</table>\n");
            }
        }
    }
    html.push_str("</main></body></html>\n");
    std::fs::write(path, html).unwrap();
}

/// `count` reports in a fresh folder: Word, web page and PDF in turn.
fn reports(dir: &Path, count: usize) -> PathBuf {
    let folder = dir.join(format!("reports-{count}"));
    std::fs::create_dir_all(&folder).unwrap();
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/read/hscp-example.pdf");
    for k in 0..count {
        match k % 3 {
            0 => word(k, &folder.join(format!("area-{k:03}.docx"))),
            1 => web_page(k, &folder.join(format!("area-{k:03}.html"))),
            _ => {
                std::fs::copy(&pdf, folder.join(format!("area-{k:03}.pdf"))).unwrap();
            }
        }
    }
    folder
}

/// Runs `check FOLDER --matrix TABLE` and returns the seconds it took, its peak
/// resident memory in MB and the last line of its picture.
fn run(folder: &Path, table: &Path) -> (f64, f64, usize) {
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_safeguarding-report"))
        .arg("check")
        .arg(folder)
        .arg("--matrix")
        .arg(table)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut stdout = child.stdout.unwrap();
    let mut out = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut out).unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, once, with valid pointers.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "the check ran");
    let seconds = start.elapsed().as_secs_f64();
    let reports = out.lines().filter(|l| l.starts_with("area-")).count();
    (seconds, usage.ru_maxrss as f64 / 1024.0, reports)
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` does not, and then this
    // would only cost time.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("sr-bench-national-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("check FOLDER on generated reports ({cores} cores)");
    for count in [13, 130] {
        let made = Instant::now();
        let folder = reports(&dir, count);
        let made = made.elapsed().as_secs_f64();
        let (seconds, peak_mb, checked) = run(&folder, &dir.join(format!("national-{count}.html")));
        println!(
            "  {count:>3} reports ({} Word, {} web pages, {} PDF; made in {made:.1} s): checked {checked} in {seconds:.1} s ({:.2} s a report), peak memory {peak_mb:.0} MB",
            count.div_ceil(3),
            (count + 1) / 3,
            count / 3,
            seconds / count as f64,
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
