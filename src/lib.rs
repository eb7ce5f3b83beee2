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
pub mod invocation;
pub mod load;
pub mod model;
pub mod national;
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
                "error: the report has {} error-level finding{}: run `{}` to see them, or `{}` to build anyway, marked DRAFT",
                report.count(Severity::Error),
                if report.count(Severity::Error) == 1 {
                    ""
                } else {
                    "s"
                },
                invocation::on_project("check"),
                invocation::on_project("build --draft")
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
/// The third is three stages at once: the check, the PDF and the website.
#[cfg(feature = "publish")]
pub const BUILD_STEPS: [&str; 3] = [
    "Reading the project",
    "Putting the report together",
    "Checking the report and making the PDF, the Word document and the website",
];

/// [`build`], calling `starting(i)` as step `BUILD_STEPS[i]` begins, so a long build
/// can show where it is.
///
/// The check, the PDF and the website each read the assembled document and nothing
/// of each other, so they run at the same time; the outputs are staged and only put
/// in place once the check allows it (errors stop a build unless it is a draft,
/// which every page then says).
#[cfg(feature = "publish")]
pub fn build_with_progress(
    project_dir: &Path,
    out: &Path,
    draft: bool,
    archive: render::Archive,
    starting: &mut dyn FnMut(usize),
) -> Result<BuildSummary, Error> {
    use render::timed;
    starting(0);
    let (project, load_took) = timed(|| load::load(project_dir));
    let project = project.map_err(Error::Input)?;
    starting(1);
    let (document, assemble_took) = timed(|| assemble::assemble(&project, draft));
    let document = document.map_err(Error::Input)?;
    drop(project);
    starting(2);
    let ((report, check_took), staged) = std::thread::scope(|scope| {
        let checking = render::side_by_side(scope, || {
            timed(|| check::check(&document, &check::Options::default()))
        });
        let staged = render::stage(&document, project_dir, out, archive);
        (render::joined(checking), staged)
    });
    let report = report.map_err(Error::Input)?;
    if report.count(Severity::Error) > 0 && !draft {
        return Err(Error::Findings(Box::new(report)));
    }
    let staged = staged.map_err(Error::Output)?;
    let mut stages = vec![
        ("load".to_string(), load_took),
        ("assemble".to_string(), assemble_took),
        ("check".to_string(), check_took),
    ];
    stages.extend(staged.times.iter().map(|(n, t)| (n.to_string(), *t)));
    let outputs = staged.publish().map_err(Error::Output)?;
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
    report.inferred = Some(check::output::inferred::Inferences::of(
        &read.document.facts,
    ));
    Ok(report)
}

/// The default output folder of a project: `build/` inside it.
pub fn default_out(project_dir: &Path) -> PathBuf {
    project_dir.join("build")
}
