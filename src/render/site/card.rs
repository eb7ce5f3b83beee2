//! The preview card: the picture a social site, a chat app or an e-mail shows when a
//! page of the website is shared, from `og:image` and `twitter:image`.
//!
//! Social sites take PNG or JPEG, never SVG, so the card is laid out with typst (as
//! the PDF's cover is, with the same fonts, logo and colour) and drawn to pixels by
//! typst's own exporter. It is 1200 × 630 pixels, the size Open Graph and Twitter's
//! large card are shown at.

use serde::Serialize;
use typst::foundations::{Dict, IntoValue};
use typst_as_lib::TypstEngine;
use typst_layout::PagedDocument;

use crate::assemble::Document;
use crate::model::SiteUrl;

/// The card's file name beside the pages.
pub const FILE: &str = "social-card.png";
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

static TEMPLATE: &str = include_str!("../../../templates/site/card.typ");

/// What the card shows, as the template receives it.
#[derive(Serialize)]
struct Card<'a> {
    partnership: &'a str,
    title: &'a str,
    period: &'a str,
    colour: &'a str,
    /// The logo's file name under `/branding/`.
    logo: Option<&'a str>,
    footer: String,
}

/// The card's words for someone who cannot see it: what it says, as `og:image:alt`.
pub fn alt(document: &Document) -> String {
    let meta = &document.meta;
    format!(
        "{}: {}, covering {}.",
        meta.partnership, meta.title, meta.period
    )
}

/// The card as PNG bytes; its foot shows the address the website is published at,
/// as a shared link's preview shows where it leads.
pub fn png(document: &Document, site: &SiteUrl) -> Result<Vec<u8>, String> {
    let meta = &document.meta;
    let logo = document.logo.as_ref();
    let files: Vec<(String, &[u8])> = logo
        .map(|l| (format!("branding/{}", l.src), &l.bytes[..]))
        .into_iter()
        .collect();
    let card = Card {
        partnership: &meta.partnership,
        title: &meta.title,
        period: &meta.period,
        colour: &meta.branding.colour,
        logo: logo.map(|l| l.src.as_str()),
        footer: site
            .as_str()
            .trim_start_matches("https://")
            .trim_end_matches('/')
            .to_string(),
    };
    let engine = TypstEngine::builder()
        .main_file(TEMPLATE)
        .fonts(super::super::pdf::FONTS)
        .with_static_file_resolver(files.iter().map(|(p, b)| (p.as_str(), *b)))
        .build();
    let json = serde_json::to_string(&card).map_err(|e| e.to_string())?;
    let mut inputs = Dict::new();
    inputs.insert("card".into(), json.into_value());
    let paged: PagedDocument = engine
        .compile_with_input(inputs)
        .output
        .map_err(|e| format!("the preview card could not be laid out: {e}"))?;
    let page = paged
        .pages()
        .first()
        .ok_or("the preview card has no page")?;
    let pixmap = typst_render::render(page, &typst_render::RenderOptions::default());
    if (pixmap.width(), pixmap.height()) != (WIDTH, HEIGHT) {
        return Err(format!(
            "the preview card came out {} × {} pixels, not {WIDTH} × {HEIGHT}",
            pixmap.width(),
            pixmap.height()
        ));
    }
    let png = pixmap
        .encode_png()
        .map_err(|e| format!("the preview card could not be saved as PNG: {e}"))?;
    // What the card's layout memoised is not needed again in this build.
    typst::comemo::evict(0);
    Ok(png)
}
