//! The evaluation as a Word document, written with docx-rs: real heading styles (so
//! Word's navigation pane and a screen reader list them), landscape pages for the
//! wide criteria table, a header row that repeats on every page, an empty
//! "Scrutineer's comment" column for her own words, and the document's title and
//! language set.
//!
//! docx-rs 0.4 has no setting for three of these: the title and language in the
//! document's properties, the language of its text, and a repeating header row. They
//! are added to the parts it builds ([`finish`]), each at one fixed place docx-rs
//! itself writes.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageOrientationType, Paragraph, Run, RunFonts, Shading,
    Style, StyleType, Table, TableCell, TableRow, WidthType, XMLDocx,
};

use super::{Evaluation, citation, quoted_line, reading, verdict};
use crate::check::matrix::Status;

/// A4 landscape, in twentieths of a point.
const PAGE_WIDTH: u32 = 16_838;
const PAGE_HEIGHT: u32 = 11_906;
/// The criteria table's columns: criterion, guidance, verdict, evidence, reading,
/// comment; together the width between the margins.
const CRITERIA_COLUMNS: [usize; 6] = [1800, 3100, 2100, 3700, 1300, 1900];
const FINDINGS_COLUMNS: [usize; 4] = [3500, 1100, 1000, 8300];
const HEADER_COLUMNS: [usize; 2] = [3600, 10300];
const LANGUAGE: &str = "en-GB";

/// The evaluation as the bytes of a .docx file.
pub fn render(e: &Evaluation) -> Result<Vec<u8>, String> {
    let mut doc = styles(Docx::new())
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_orient(PageOrientationType::Landscape)
        .add_paragraph(styled("Title", &e.title))
        .add_paragraph(styled("Heading1", "What was checked"));
    let header_rows = e
        .header_lines()
        .into_iter()
        .map(|(label, value)| TableRow::new(vec![cell(label, true), cell(&value, false)]))
        .collect();
    doc = doc
        .add_table(
            Table::new(header_rows)
                .set_grid(HEADER_COLUMNS.to_vec())
                .width(HEADER_COLUMNS.iter().sum(), WidthType::Dxa),
        )
        .add_paragraph(styled("Heading1", "Summary"))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(e.summary())))
        .add_paragraph(styled("Heading1", "The criteria"))
        .add_table(criteria(e))
        .add_paragraph(styled("Heading1", "Other findings"));
    doc = if e.findings.is_empty() {
        doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text("None.")))
    } else {
        doc.add_table(findings(e))
    };
    finish(doc.build(), &e.title)
}

/// The heading styles, named as Word names its own, with their outline levels.
fn styles(doc: Docx) -> Docx {
    doc.add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .size(44)
            .bold(),
    )
    .add_style(
        Style::new("Heading1", StyleType::Paragraph)
            .name("heading 1")
            .based_on("Normal")
            .outline_lvl(0)
            .size(32)
            .bold()
            .line_spacing(LineSpacing::new().before(360).after(120)),
    )
    .default_size(21)
    .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
}

fn styled(style: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .style(style)
        .add_run(Run::new().add_text(text))
}

/// A cell of paragraphs, the first in bold when `bold`.
fn cell(text: &str, bold: bool) -> TableCell {
    let run = Run::new().add_text(text);
    TableCell::new().add_paragraph(Paragraph::new().add_run(if bold { run.bold() } else { run }))
}

/// A cell of several paragraphs.
fn cell_of(paragraphs: Vec<Paragraph>) -> TableCell {
    paragraphs
        .into_iter()
        .fold(TableCell::new(), |c, p| c.add_paragraph(p))
}

fn text(t: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(t))
}

/// The header row of a table: bold, and marked (by `cantSplit`, which [`finish`]
/// turns into a repeating header) to repeat on every page.
fn header_row(titles: &[&str]) -> TableRow {
    TableRow::new(titles.iter().map(|t| cell(t, true)).collect()).cant_split()
}

fn shade(status: Status) -> &'static str {
    match status {
        Status::Met => "E6F4EA",
        Status::Partial => "FFF4CE",
        Status::Missing => "FDE7E9",
    }
}

fn criteria(e: &Evaluation) -> Table {
    let mut rows = vec![header_row(&[
        "Criterion",
        "What the guidance asks",
        "Verdict",
        "Evidence in the report",
        "Reading",
        "Scrutineer's comment",
    ])];
    for row in &e.criteria {
        let evidence = if row.evidence.is_empty() {
            vec![text("None found.")]
        } else {
            row.evidence.iter().map(|q| text(&quoted_line(q))).collect()
        };
        rows.push(TableRow::new(vec![
            cell(&format!("{}: {}", row.id, row.title), true),
            cell_of(vec![
                Paragraph::new().add_run(Run::new().add_text(&row.guidance.words).italic()),
                text(&citation(&row.guidance)),
            ]),
            cell_of(vec![
                Paragraph::new().add_run(Run::new().add_text(verdict(row.status)).bold()),
                text(&row.reason),
            ])
            .shading(Shading::new().fill(shade(row.status))),
            cell_of(evidence),
            cell(reading(&row.guidance), false),
            cell("", false),
        ]));
    }
    Table::new(rows)
        .set_grid(CRITERIA_COLUMNS.to_vec())
        .width(CRITERIA_COLUMNS.iter().sum(), WidthType::Dxa)
}

fn findings(e: &Evaluation) -> Table {
    let mut rows = vec![header_row(&[
        "Kind",
        "Severity",
        "Number",
        "The first found",
    ])];
    for k in &e.findings {
        let examples = k
            .examples
            .iter()
            .map(|x| text(&format!("{}: {}", x.message, quoted_line(&x.at))))
            .collect();
        rows.push(TableRow::new(vec![
            cell(&format!("{}: {}", k.rule, k.summary), true),
            cell(&k.severity.to_string(), false),
            cell_of(vec![
                Paragraph::new()
                    .align(AlignmentType::Right)
                    .add_run(Run::new().add_text(k.count.to_string())),
            ]),
            cell_of(examples),
        ]));
    }
    Table::new(rows)
        .set_grid(FINDINGS_COLUMNS.to_vec())
        .width(FINDINGS_COLUMNS.iter().sum(), WidthType::Dxa)
}

/// Adds what docx-rs cannot set, then packs the parts: the repeating header rows
/// (`w:tblHeader` beside the `w:cantSplit` only header rows carry), the language of
/// the text (in the document defaults), and the title and language in the document's
/// properties.
fn finish(mut parts: XMLDocx, title: &str) -> Result<Vec<u8>, String> {
    let document = String::from_utf8_lossy(&parts.document)
        .replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />");
    parts.document = document.into_bytes();
    let lang = format!("<w:lang w:val=\"{LANGUAGE}\" />");
    let styles = String::from_utf8_lossy(&parts.styles).replacen(
        "<w:rPrDefault><w:rPr />",
        "<w:rPrDefault><w:rPr></w:rPr>",
        1,
    );
    // Last in the run properties, where the schema's order puts it.
    let styles = styles.replacen(
        "</w:rPr></w:rPrDefault>",
        &format!("{lang}</w:rPr></w:rPrDefault>"),
        1,
    );
    parts.styles = styles.into_bytes();
    parts.doc_props.core = core_properties(title).into_bytes();
    let mut out = Cursor::new(Vec::new());
    parts
        .pack(&mut out)
        .map_err(|e| format!("could not pack the Word document: {e}"))?;
    Ok(out.into_inner())
}

/// The document's properties: its title, language and the tool that wrote it.
fn core_properties(title: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:language>{LANGUAGE}</dc:language><dc:creator>safeguarding-report</dc:creator></cp:coreProperties>",
        super::html::escape(title)
    )
}
