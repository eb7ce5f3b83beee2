//! The checker reads a document tree and nothing else: a Document built by hand, as a
//! reader of a Word file or a PDF builds one, with its facts inferred from the text,
//! is checked by the same rules as a project.

use std::sync::Arc;

use safeguarding_report::assemble::{
    Block, BlockKind, Confidence, Document, Facts, Inline, Known, Meta, Origin, Period, Section,
};
use safeguarding_report::check::{self, Status};
use safeguarding_report::diagnostic::{Sources, Span};
use safeguarding_report::model::{Date, Guidance};

const TEXT: &str = "Annual report\nThis report covers 1 April 2023 to 31 December 2023.\nDuring the year we held a conference in May 2024.\nThe CCG funds the designated nurse.\n";

fn paragraph(file: &Arc<str>, line: &str) -> Block {
    let start = TEXT.find(line).unwrap();
    Block {
        kind: BlockKind::Paragraph {
            content: vec![Inline::Text {
                text: line.to_string(),
            }],
        },
        span: Span::new(file, start..start + line.len()),
    }
}

fn document() -> Document {
    let mut sources = Sources::default();
    let file = sources.add("report.txt", TEXT);
    let lines: Vec<&str> = TEXT.lines().collect();
    let period_at = TEXT.find("1 April 2023").unwrap();
    let date = |year, month, day| Date { year, month, day };
    Document {
        meta: Meta {
            partnership: "Anyshire Safeguarding Children Partnership".into(),
            short_name: "ASCP".into(),
            title: "Annual report".into(),
            period: "1 April 2023 to 31 December 2023".into(),
            author: String::new(),
            date: [2023, 12, 31],
            lang: "en",
            region: "GB",
            guidance: Guidance::Wt2023.title().into(),
            website: None,
            site_url: None,
            draft: false,
            pdf_file: String::new(),
            branding: Default::default(),
            highlights: vec![],
            contact: None,
            known_limitations: vec![],
            publication_dates: vec![],
        },
        sections: vec![Section {
            id: "report".into(),
            title: "Annual report".into(),
            number: None,
            level: 1,
            partner: None,
            criteria: vec![],
            criteria_spans: vec![],
            parent: None,
            priority: None,
            review: None,
            blocks: lines[1..].iter().map(|l| paragraph(&file, l)).collect(),
            file: file.clone(),
            span: Span::new(&file, 0..13),
        }],
        glossary: vec![],
        images: vec![],
        logo: None,
        facts: Facts {
            period: Some(Known {
                value: Period {
                    start: date(2023, 4, 1),
                    end: date(2023, 12, 31),
                },
                origin: Origin::Inferred {
                    span: Span::new(&file, period_at..period_at + 32),
                    confidence: Confidence::High,
                    words: "“1 April 2023 to 31 December 2023” (1 time)".into(),
                },
            }),
            guidance: Known {
                value: Guidance::Wt2023,
                origin: Origin::Assumed,
            },
            anchor: Span::new(&file, 0..13),
            sources,
            ..Facts::default()
        },
    }
}

#[test]
fn a_document_with_inferred_facts_is_checked_like_a_project() {
    let report = check::check(&document(), &check::Options::default()).expect("it checks");
    let at = |rule: &str| -> Vec<String> {
        report
            .diagnostics
            .iter()
            .filter(|d| d.code == rule)
            .map(|d| d.location(&report.sources))
            .collect()
    };
    // Nine months, found in the text: not 12 months (met in part, with its length),
    // and the reason says it was inferred.
    let period = report
        .criteria
        .iter()
        .find(|c| c.id == "WT23-PERIOD")
        .unwrap();
    assert_eq!(period.status, Status::Partial);
    assert!(
        period.reason.contains("inferred from the text")
            && period.reason.contains("9 months, not 12"),
        "{}",
        period.reason
    );
    // A date said to be in the period that is not, and an out-of-date term, at their lines.
    assert_eq!(at("DATA-DATE"), ["report.txt:3:41"]);
    assert_eq!(at("ED-LEGACY-TERM"), ["report.txt:4:5"]);
}
