//! Document → tagged PDF (PDF/UA-1 and PDF/A-2a) with typst.
//!
//! The template `templates/report.typ` receives the document as JSON data, never as
//! markup, so no partner's text is run as typst code. Fonts are compiled into the
//! binary, so the PDF is the same on every machine.

mod compile;
mod widths;

use std::collections::BTreeMap;

use serde::Serialize;
use typst::foundations::{Dict, IntoValue, Smart};
use typst_as_lib::TypstEngine;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use crate::assemble::Document;

static TEMPLATE: &str = include_str!("../../../templates/report.typ");
static FONTS: [&[u8]; 4] = [
    include_bytes!("../../../templates/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../../templates/fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../../templates/fonts/NotoSans-Italic.ttf"),
    include_bytes!("../../../templates/fonts/NotoSans-BoldItalic.ttf"),
];

/// What the template receives: the document, and what it needs measured.
#[derive(Serialize)]
struct Input<'a> {
    #[serde(flatten)]
    document: &'a Document,
    /// The width of every piece of table text, by the text, for sizing columns.
    text_widths: BTreeMap<String, widths::Widths>,
}

/// Typesets the document; an error says why the PDF could not be made, for example
/// which accessibility requirement the content breaks.
pub fn render(document: &Document) -> Result<Vec<u8>, String> {
    write(document, typeset(document)?)
}

/// Lays the document out in pages: the costly part, in time and memory.
pub fn typeset(document: &Document) -> Result<PagedDocument, String> {
    let mut images: Vec<(String, Vec<u8>)> = document
        .images
        .iter()
        .map(|i| (format!("content/{}", i.src), i.bytes.to_vec()))
        .chain(
            document
                .logo
                .iter()
                .map(|l| (format!("branding/{}", l.src), l.bytes.to_vec())),
        )
        .collect();
    images.extend(super::chart::files(document, super::chart_base(document)));
    let engine = TypstEngine::builder()
        .main_file(TEMPLATE)
        .fonts(FONTS)
        .with_static_file_resolver(images.iter().map(|(p, b)| (p.as_str(), b.as_slice())))
        .build();
    let fonts = widths::Fonts::new(FONTS[0], FONTS[1]).ok_or("the report's fonts are damaged")?;
    let input = Input {
        document,
        text_widths: fonts.of_tables(document),
    };
    let json = serde_json::to_string(&input).map_err(|e| e.to_string())?;
    let mut inputs = Dict::new();
    inputs.insert("document".into(), json.into_value());
    let world = engine
        .world_builder()
        .with_inputs(inputs)
        .build()
        .map_err(|e| format!("the PDF layout failed: {}", describe(&e)))?;
    compile::compile(&world).output.map_err(|errors| {
        format!(
            "the PDF layout failed: {}",
            describe(&typst_as_lib::TypstAsLibError::TypstSource(errors))
        )
    })
}

/// Writes the laid-out pages as a tagged PDF (PDF/UA-1, PDF/A-2a).
pub fn write(document: &Document, paged: PagedDocument) -> Result<Vec<u8>, String> {
    let options = PdfOptions {
        ident: Smart::Custom(format!(
            "{} {}",
            document.meta.partnership, document.meta.title
        )),
        standards: PdfStandards::new(&[PdfStandard::Ua_1, PdfStandard::A_2a])
            .map_err(|e| format!("{e:?}"))?,
        tagged: true,
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&paged, &options);
    // typst memoises every layout it did in a process-wide cache; nothing after
    // this stage reuses it, so it is freed before the website is built rather than
    // held to the end of the build (a large report's cache is most of its memory).
    drop(paged);
    typst::comemo::evict(0);
    pdf.map_err(|errors| {
        let reasons: Vec<String> = errors
            .iter()
            .map(|d| {
                let hints: Vec<&str> = d.hints.iter().map(|h| h.v.as_str()).collect();
                if hints.is_empty() {
                    d.message.to_string()
                } else {
                    format!("{} ({})", d.message, hints.join("; "))
                }
            })
            .collect();
        format!(
            "the PDF does not meet PDF/UA-1 and PDF/A-2a: {}",
            reasons.join("; ")
        )
    })
}

fn describe(error: &typst_as_lib::TypstAsLibError) -> String {
    match error {
        typst_as_lib::TypstAsLibError::TypstSource(diagnostics) => diagnostics
            .iter()
            .map(|d| d.message.to_string())
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}
