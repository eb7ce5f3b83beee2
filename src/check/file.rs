//! Rules about a report's file as published, read from facts the reader found: a
//! PDF without a tag tree.

use super::{Ctx, Doc, Family, Rule};
use crate::diagnostic::{Diagnostic, Severity, Span};

rule_ids! {
    UNTAGGED_PDF = "ED-UNTAGGED-PDF",
}

/// The rules about the file itself, found while reading it.
pub fn rules() -> Vec<Rule> {
    vec![Rule {
        id: UNTAGGED_PDF.as_str().to_string(),
        family: Family::Editorial,
        severity: Severity::Error,
        summary: "A PDF without tags: screen readers cannot tell its headings, tables and images apart.".to_string(),
        to_confirm: false,
        pack: None,
        doc: Doc {
            what: "When `check` reads a PDF, it looks for the PDF's tag tree (its structure: headings, paragraphs, lists, tables, figures with their alt text). A PDF without one is a finding; its headings are then guessed from type size and weight.".into(),
            why: "A published report must be accessible: the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 apply to PDFs on a public body's website. An untagged PDF fails PDF/UA (ISO 14289-1) and WCAG 2.1 success criterion 1.3.1: a screen reader reads it as one stream of text, without headings to move between, tables or image descriptions.".into(),
            example: "A report exported from Word with \"Document structure tags for accessibility\" turned off, or printed to PDF.".into(),
            fix: format!("Export again with tags: in Word, File › Save As › PDF › Options › \"Document structure tags for accessibility\"; in LibreOffice, Export as PDF › \"Universal Accessibility (PDF/UA)\". `{}` always makes a tagged PDF/UA-1 file.", crate::invocation::command("build")),
            off: String::new(),
            references: "ISO 14289-1 (PDF/UA-1).\nWCAG 2.1, success criterion 1.3.1 \"Info and relationships\".\nThe Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.".into(),
        },
    }]
}

/// Findings about the file itself: an untagged PDF.
pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if ctx.facts.pdf_tagged == Some(false) && ctx.runs(UNTAGGED_PDF) {
        let file = ctx.facts.anchor.file.clone();
        out.push(
            ctx.finding(
                UNTAGGED_PDF,
                Span::file_start(&file),
                format!("{file} is an untagged PDF: screen readers cannot find its headings, tables or image descriptions, and it fails PDF/UA"),
            )
            .with_label("no tag tree")
            .with_help(format!("export it again with accessibility tags; its headings here are guessed from type size and weight. Run `{}`.", crate::invocation::command("explain ED-UNTAGGED-PDF"))),
        );
    }
}
