//! safeguarding-report: a Local Safeguarding Children Partnership's yearly report,
//! from Markdown and data to a checked, accessible PDF and website.
//!
//! The pipeline is the architecture:
//!
//! ```text
//! load      report.yaml, content/**/*.md, content/data/*.yaml  →  model::Project
//! assemble  templates rendered with the data, Markdown parsed    →  assemble::Document
//! check     the same Document judged against Working Together  →  check::Report
//! render    the same Document as a tagged PDF and an mdBook website
//! ```

pub mod assemble;
pub mod check;
pub mod diagnostic;
#[doc(hidden)]
pub mod fuzzing;
pub mod import;
pub mod load;
pub mod model;
pub mod progress;
pub mod read;
#[cfg(feature = "publish")]
pub mod render;
pub mod scaffold;
pub mod schema;
#[cfg(feature = "publish")]
pub mod serve;
pub mod status;

use std::path::{Path, PathBuf};
#[cfg(feature = "publish")]
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
    /// `build` found error-level findings in the content and built nothing.
    Findings(Box<check::Report>),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Input(failure) => write!(f, "{failure}"),
            Error::Output(message) => write!(f, "error: {message}"),
            Error::Findings(report) => write!(
                f,
                "error: the report has {} error-level finding{}: run `safeguarding-report check` to see them, or `build --draft` to build anyway, marked DRAFT",
                report.count(Severity::Error),
                if report.count(Severity::Error) == 1 {
                    ""
                } else {
                    "s"
                }
            ),
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
#[cfg(feature = "publish")]
pub struct BuildSummary {
    pub outputs: render::Outputs,
    pub sections: usize,
    pub tables: usize,
    /// Time each stage took, in order.
    pub stages: Vec<(String, Duration)>,
    /// What the checker found; a draft build may carry errors.
    pub check: check::Report,
    /// Where the website says it is published (`publication.site_url`).
    pub site_url: Option<model::SiteUrl>,
}

/// Builds the PDF and the website of the project in `project_dir` into `out`.
#[cfg(feature = "publish")]
pub fn build(project_dir: &Path, out: &Path, draft: bool) -> Result<BuildSummary, Error> {
    build_with_progress(project_dir, out, draft, render::Archive::None, &mut |_| {})
}

/// The steps of `build` in the order it takes them, as a progress display names them.
#[cfg(feature = "publish")]
pub const BUILD_STEPS: [&str; 7] = [
    "Reading the project",
    "Putting the report together",
    "Checking the report",
    "Laying out the PDF",
    "Writing the PDF",
    "Building the website",
    "Writing the Word document",
];

/// [`build`], calling `starting(i)` as step `BUILD_STEPS[i]` begins, so a long build
/// can show where it is.
#[cfg(feature = "publish")]
pub fn build_with_progress(
    project_dir: &Path,
    out: &Path,
    draft: bool,
    archive: render::Archive,
    starting: &mut dyn FnMut(usize),
) -> Result<BuildSummary, Error> {
    let mut stages = Vec::new();
    starting(0);
    // Each finished stage starts the next one.
    let mut done = |stages: &mut Vec<(String, Duration)>, name: &str, took: Duration| {
        stages.push((name.to_string(), took));
        starting(stages.len());
    };
    let t = std::time::Instant::now();
    let project = load::load(project_dir).map_err(Error::Input)?;
    done(&mut stages, "load", t.elapsed());
    let t = std::time::Instant::now();
    let document = assemble::assemble(&project, draft).map_err(Error::Input)?;
    done(&mut stages, "assemble", t.elapsed());
    // The checker reads the tree that is about to be printed; errors stop the build
    // unless it is a draft, which every page then says.
    let t = std::time::Instant::now();
    let report = check::check(&document, &check::Options::default()).map_err(Error::Input)?;
    done(&mut stages, "check", t.elapsed());
    if report.count(Severity::Error) > 0 && !draft {
        return Err(Error::Findings(Box::new(report)));
    }
    let outputs = render::render(&document, project_dir, out, archive, |name, took| {
        done(&mut stages, name, took)
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
        check: report,
        site_url: document.meta.site_url.clone(),
    })
}

/// Loads, assembles and checks a project: what `check` prints.
pub fn run_check(project_dir: &Path, options: &check::Options) -> Result<check::Report, Error> {
    let (_, document) = validate(project_dir, false)?;
    check::check(&document, options).map_err(Error::Input)
}

/// Reads a report as published (a Word document, a PDF, web pages, Markdown or text)
/// and checks it: what `check FILE` prints, with what was inferred from the text.
pub fn check_file(
    path: &Path,
    overrides: &read::Overrides,
    options: &check::Options,
) -> Result<check::Report, Error> {
    let read = read::read(path, overrides).map_err(Error::Input)?;
    let mut report = check::check(&read.document, options).map_err(Error::Input)?;
    // A printed table has no `source:` field for DATA-SOURCE to read: its source note,
    // if any, is in the text.
    report.diagnostics.retain(|d| d.code != "DATA-SOURCE");
    report.diagnostics.extend(read::findings(&read));
    diagnostic::sort(&mut report.diagnostics);
    report.inferred = Some(read.facts);
    Ok(report)
}

/// The default output folder of a project: `build/` inside it.
pub fn default_out(project_dir: &Path) -> PathBuf {
    project_dir.join("build")
}
