//! safeguarding-report: a Local Safeguarding Children Partnership's yearly report,
//! from Markdown and data to a checked, accessible PDF and website.
//!
//! The pipeline is the architecture:
//!
//! ```text
//! load      report.yaml, content/**/*.md, content/data/*.yaml  →  model::Project
//! assemble  templates rendered with the data, Markdown parsed    →  assemble::Document
//! render    the same Document as a tagged PDF and an mdBook website
//! ```

pub mod assemble;
pub mod diagnostic;
pub mod load;
pub mod model;
pub mod render;
pub mod schema;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use assemble::Document;
pub use diagnostic::{Diagnostic, Failure, Severity, Sources};
pub use model::Project;

/// Why a command could not finish.
#[derive(Debug)]
pub enum Error {
    /// The project has problems a user must fix; every one is listed.
    Input(Failure),
    /// The outputs could not be made or written.
    Output(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Input(failure) => write!(f, "{failure}"),
            Error::Output(message) => write!(f, "error: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// Loads a project and builds its document tree: everything short of writing.
pub fn validate(project_dir: &Path, draft: bool) -> Result<(Project, Document), Error> {
    let project = load::load(project_dir).map_err(Error::Input)?;
    let document = assemble::assemble(&project, draft).map_err(Error::Input)?;
    Ok((project, document))
}

/// What `build` did, for the summary line.
#[derive(Debug)]
pub struct BuildSummary {
    pub outputs: render::Outputs,
    pub sections: usize,
    pub tables: usize,
    /// Time each stage took, in order.
    pub stages: Vec<(String, Duration)>,
}

/// Builds the PDF and the website of the project in `project_dir` into `out`.
pub fn build(project_dir: &Path, out: &Path, draft: bool) -> Result<BuildSummary, Error> {
    let mut stages = Vec::new();
    let t = std::time::Instant::now();
    let project = load::load(project_dir).map_err(Error::Input)?;
    stages.push(("load".to_string(), t.elapsed()));
    let t = std::time::Instant::now();
    let document = assemble::assemble(&project, draft).map_err(Error::Input)?;
    stages.push(("assemble".to_string(), t.elapsed()));
    let outputs = render::render(&document, project_dir, out, |name, took| {
        stages.push((name.to_string(), took))
    })
    .map_err(Error::Output)?;
    let mut tables = 0;
    for s in &document.sections {
        for b in &s.blocks {
            b.walk(&mut |b| tables += usize::from(matches!(b.kind, assemble::BlockKind::Table(_))));
        }
    }
    Ok(BuildSummary {
        outputs,
        sections: document.sections.len(),
        tables,
        stages,
    })
}

/// The default output folder of a project: `build/` inside it.
pub fn default_out(project_dir: &Path) -> PathBuf {
    project_dir.join("build")
}
