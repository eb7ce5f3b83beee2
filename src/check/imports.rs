//! Rules about what `import` left for the team to finish: a picture saved without
//! alt text, which its section leaves out until someone writes what it shows.

use super::{Ctx, Doc, Family, Rule};
use crate::diagnostic::{Diagnostic, Severity};

rule_ids! {
    PICTURE_HELD_BACK = "ED-PICTURE-HELD-BACK",
}

/// The rules about imported contributions.
pub fn rules() -> Vec<Rule> {
    vec![Rule {
        id: PICTURE_HELD_BACK.as_str().to_string(),
        family: Family::Editorial,
        severity: Severity::Warning,
        summary: "An imported picture left out of its section because it has no alt text yet.".to_string(),
        to_confirm: false,
        pack: None,
        doc: Doc {
            what: "`import` saves every picture of a partner's Word document, but leaves a picture without alt text out of the section, with a comment where it belongs. Until the section shows it with alt text (or the comment is taken out), it is a finding at the comment.".into(),
            why: "The partner meant the picture to be in the report, and a reader who cannot see it needs its alt text: it is published only once someone has written what it shows (WCAG 2.1 success criterion 1.1.1).".into(),
            example: "<!-- content/images/police-2.png has no alt text in the Word document, so it is left out. To publish it, write here: ![what the picture shows](images/police-2.png) -->".into(),
            fix: "Write, where the comment is, `![what the picture shows](images/police-2.png)` with a sentence saying what the picture shows; or, to leave the picture out, delete the comment.".into(),
            off: String::new(),
            references: "WCAG 2.1, success criterion 1.1.1 \"Non-text content\".".into(),
        },
    }]
}

/// A finding for each imported picture still waiting for its alt text.
pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if !ctx.runs(PICTURE_HELD_BACK) {
        return;
    }
    for held in &ctx.facts.held_back {
        out.push(
            ctx.finding(
                PICTURE_HELD_BACK,
                held.at.clone(),
                format!(
                    "the imported picture {} is left out of the report until it has alt text",
                    held.picture
                ),
            )
            .with_label("its place in the section")
            .with_help("write here `![what the picture shows](…)` with a sentence saying what it shows, in place of the comment; or delete the comment to leave the picture out."),
        );
    }
}
