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
pub(in crate::render) static FONTS: [&[u8]; 4] = [
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
    laid_out(document).map(|(paged, _)| paged)
}

/// The document's pages, and in how many layout passes they settled.
fn laid_out(document: &Document) -> Result<(PagedDocument, usize), String> {
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
    let (warned, passes) = compile::compile(&world);
    let paged = warned
        .output
        .map(|paged| (paged, passes))
        .map_err(|errors| format!("the PDF layout failed: {}", messages(&errors)));
    // typst memoises every layout it did in a process-wide cache; the pages hold
    // what they need, and nothing after this reuses the cache, so it is freed
    // before the PDF is written rather than held to the end of the build (a long
    // report's cache is most of its memory).
    typst::comemo::evict(0);
    super::give_back_freed_memory();
    paged
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
    // What writing the PDF memoised, and the pages, are not needed by the website.
    drop(paged);
    typst::comemo::evict(0);
    super::give_back_freed_memory();
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
        typst_as_lib::TypstAsLibError::TypstSource(diagnostics) => messages(diagnostics),
        other => other.to_string(),
    }
}

fn messages(diagnostics: &[typst::diag::SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    /// The template lays its first pass out as the pages will be (a stand-in with
    /// the contents' lines, a table's "continued" line one line high whether it
    /// says anything or not), so a report settles in two layout passes. Were a
    /// change to how the contents or a long table look to undo that, every build
    /// would lay the whole report out a third or fourth time.
    #[test]
    fn the_example_settles_in_two_layout_passes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (_, document) = crate::validate(root, false).expect("the example builds");
        let (_, passes) = super::laid_out(&document).expect("the example is laid out");
        assert_eq!(passes, 2);
    }
}
