//! Each partner's contribution template, as a Word document: partners write in Word,
//! so they get a .docx with their agency's name as its title, the period and the date
//! it is due, and the questions they answer as headings.
//!
//! The guidance under each heading is Word placeholder text: a content control
//! marked as showing its placeholder (`w:showingPlcHdr`), shown greyed, which Word
//! replaces with what the partner types when they click into it. Placeholder text is
//! never a document's content, so the Word reader and `import` leave out what the
//! partner did not replace (see [`crate::read::docx`]'s `walk_body`): the template that
//! comes back filled in imports like any contribution.

use docx_rs::{
    Docx, LineSpacing, LineSpacingType, Paragraph, Run, RunFonts, StructuredDataTag, Style,
    StyleType,
};

use crate::model::Date;

/// Who a template is for and what it is for.
pub struct Template<'a> {
    /// The partner's name as report.yaml gives it.
    pub partner: &'a str,
    /// The partnership's abbreviation: "TSCP".
    pub short_name: &'a str,
    /// "2023-24".
    pub years: &'a str,
    pub start: Date,
    pub end: Date,
    /// When contributions are due (`schedule: contributions_due:`), if set.
    pub due: Option<Date>,
}

/// The questions each partner answers, with what belongs under each.
pub const QUESTIONS: [(&str, &str); 3] = [
    (
        "What did we do well?",
        "What your agency did in the year as part of the safeguarding arrangements.",
    ),
    (
        "What difference did it make for children?",
        "The evidence that children and families are better off: outcomes, not only activity.",
    ),
    (
        "What do we need to do better?",
        "What did not go well, and what your agency will do about it next year.",
    ),
];

/// Where a template is written in the project, for a partner's id.
pub fn path(partner_id: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(format!("contribution-templates/{partner_id}.docx"))
}

/// The template as a .docx file's bytes.
pub fn docx(t: &Template) -> Result<Vec<u8>, String> {
    let due = match t.due {
        Some(d) => format!("Please send it back by {}.", d.long()),
        None => "Please send it back by the date the partnership has given you.".to_string(),
    };
    let intro = [
        format!(
            "Your agency's contribution to the {} annual report {}, covering {} to {}. {due}",
            t.short_name,
            t.years,
            t.start.long(),
            t.end.long()
        ),
        "Click on this text and on the grey text under each heading, and write over it. Answer in plain words, for families as well as professionals. Name no child or family member.".to_string(),
        "Send figures as a table, with a title above it (for example \"Table 1: Referrals\") and last year's figures where you have them: the partnership keeps them in a data set so totals and changes are computed. Give every picture alternative text (right-click, Edit Alt Text).".to_string(),
    ];
    let mut docx = styled()
        .add_paragraph(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(t.partner)),
        )
        .add_structured_data_tag(placeholder(&intro));
    for (heading, guidance) in QUESTIONS {
        docx = docx
            .add_paragraph(
                Paragraph::new()
                    .style("Heading1")
                    .add_run(Run::new().add_text(heading)),
            )
            .add_structured_data_tag(placeholder(&[guidance.to_string()]));
    }
    let mut xml = docx.build();
    let document = String::from_utf8_lossy(&xml.document).replace(
        &format!("<w:alias w:val=\"{GUIDANCE}\" />"),
        &format!("<w:alias w:val=\"{GUIDANCE}\" /><w:showingPlcHdr />"),
    );
    xml.document = document.into_bytes();
    let title = format!(
        "{}: contribution to the {} annual report {}",
        t.partner, t.short_name, t.years
    );
    let core = String::from_utf8_lossy(&xml.doc_props.core).replace(
        "</cp:coreProperties>",
        &format!(
            "<dc:title>{}</dc:title><dc:language>en-GB</dc:language></cp:coreProperties>",
            escape(&title)
        ),
    );
    xml.doc_props.core = core.into_bytes();
    let mut bytes = std::io::Cursor::new(Vec::new());
    xml.pack(&mut bytes)
        .map_err(|e| format!("cannot write {}'s template: {e}", t.partner))?;
    Ok(bytes.into_inner())
}

/// The content controls' name, shown by Word on the control's tab.
const GUIDANCE: &str = "Guidance: write over this";

/// Paragraphs of guidance as placeholder text, greyed.
fn placeholder(paragraphs: &[String]) -> StructuredDataTag {
    let mut tag = StructuredDataTag::new().alias(GUIDANCE);
    for text in paragraphs {
        tag = tag.add_paragraph(
            Paragraph::new().add_run(Run::new().add_text(text).color("595959").italic()),
        );
    }
    tag
}

/// A document with Word's title and heading styles, in Arial, in British English.
fn styled() -> Docx {
    Docx::new()
        .page_size(11_906, 16_838)
        .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial"))
        .default_size(24)
        .default_line_spacing(
            LineSpacing::new()
                .after(160)
                .line(276)
                .line_rule(LineSpacingType::Auto),
        )
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .size(48)
                .bold(),
        )
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .based_on("Normal")
                .next("Normal")
                .outline_lvl(0)
                .size(32)
                .bold()
                .line_spacing(LineSpacing::new().before(360).after(160)),
        )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
