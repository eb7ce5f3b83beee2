//! A case review's recommendations, with what the partners did in response and what
//! improved, printed as a table after the section's text.
//!
//! A project records these in the section's `review:` block. Printing them is what
//! lets a reader of the PDF or website (the scrutineer among them) see the record the
//! guidance asks for: "decisions and actions taken … to implement the recommendations
//! … including any resulting improvements". It is the shape reports commonly use: a
//! row per recommendation, its actions and its impact beside it.

use crate::diagnostic::Span;
use crate::model::Review;

use super::{Block, BlockKind, Inline, Table, TableColumn};

/// What the improvement column says when the report records none.
pub const NO_IMPROVEMENT_YET: &str = "Not yet evidenced";

/// The section's blocks, followed by the review's response table when the review
/// lists recommendations. `level` is the section's own heading level.
pub fn with_response(
    mut blocks: Vec<Block>,
    review: Option<&Review>,
    level: u8,
    span: &Span,
) -> Vec<Block> {
    let Some(review) = review.filter(|r| !r.recommendations.is_empty()) else {
        return blocks;
    };
    blocks.push(Block {
        kind: BlockKind::Heading {
            level: level + 1,
            content: vec![Inline::Text {
                text: "Response to the recommendations".to_string(),
            }],
        },
        span: span.clone(),
    });
    blocks.push(Block {
        kind: BlockKind::Table(response_table(review)),
        span: span.clone(),
    });
    blocks
}

fn response_table(review: &Review) -> Table {
    let column = |title: &str| TableColumn {
        title: title.to_string(),
        numeric: false,
    };
    let rows = review
        .recommendations
        .iter()
        .map(|r| {
            vec![
                r.text.clone(),
                cell_lines(&r.actions),
                r.impact
                    .clone()
                    .unwrap_or_else(|| NO_IMPROVEMENT_YET.to_string()),
            ]
        })
        .collect();
    Table {
        title: Some(format!(
            "{}: recommendations, actions and improvements",
            review.name
        )),
        columns: vec![
            column("Recommendation"),
            column("Actions taken or planned"),
            column("Improvement"),
        ],
        rows,
        ..Table::default()
    }
}

/// Several entries in one cell, one per line, each marked as a list item would be.
fn cell_lines(items: &[String]) -> String {
    match items {
        [] => "None recorded".to_string(),
        [one] => one.clone(),
        many => many
            .iter()
            .map(|a| format!("• {a}"))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}
