//! Render: the document as a PDF and as a website, written so that a reader of the
//! output folder never sees half a build and nothing that is not ours is touched.

pub mod accessibility;
pub mod browser;
pub mod chart;
pub mod html;
pub mod pdf;
pub mod site;

use std::path::{Path, PathBuf};

use crate::assemble::Document;

/// A file in an output folder that says this tool made it; without it, the tool
/// refuses to replace anything there.
pub const MARKER: &str = ".safeguarding-report";

/// What a build wrote.
#[derive(Debug)]
pub struct Outputs {
    pub pdf: PathBuf,
    pub pdf_bytes: usize,
    pub site: PathBuf,
}

/// Renders both outputs into a staging folder beside `out`, then moves them into
/// place. If anything fails, `out` is left as it was.
///
/// Paths are made absolute first: mdBook reads its sources relative to the project
/// root, so a relative staging folder would be looked for inside the project twice
/// over. What is returned keeps the folder as the user wrote it.
pub fn render(
    document: &Document,
    project_root: &Path,
    user_out: &Path,
    mut stage: impl FnMut(&str, std::time::Duration),
) -> Result<Outputs, String> {
    let absolute = |p: &Path| {
        std::path::absolute(p).map_err(|e| format!("cannot find the folder {}: {e}", p.display()))
    };
    let project_root = &absolute(project_root)?;
    let out = &absolute(user_out)?;
    guard_output_folder(out)?;
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    let staging = Staging::new(parent, out)?;

    let t = std::time::Instant::now();
    let paged = pdf::typeset(document)?;
    stage("typeset", t.elapsed());
    let t = std::time::Instant::now();
    let pdf = pdf::write(document, paged)?;
    stage("pdf", t.elapsed());

    let t = std::time::Instant::now();
    let site_out = staging.path.join("site");
    site::render(
        document,
        project_root,
        &staging.path.join("mdbook"),
        &site_out,
        &pdf,
    )?;
    stage("site", t.elapsed());

    let pdf_name = &document.meta.pdf_file;
    std::fs::write(staging.path.join(pdf_name), &pdf)
        .map_err(|e| format!("cannot write the PDF: {e}"))?;
    std::fs::remove_dir_all(staging.path.join("mdbook"))
        .map_err(|e| format!("cannot tidy the staging folder: {e}"))?;
    std::fs::write(
        staging.path.join(MARKER),
        "This folder was written by safeguarding-report; it replaces it on each build.\n",
    )
    .map_err(|e| format!("cannot write {MARKER}: {e}"))?;
    staging.publish(out)?;
    Ok(Outputs {
        pdf: user_out.join(pdf_name),
        pdf_bytes: pdf.len(),
        site: user_out.join("site"),
    })
}

/// The colour the charts' palette is derived from: the partnership's branding colour
/// (the tool's own when it sets none), so the charts match the header bar and the
/// headings of both outputs.
pub fn chart_base(document: &Document) -> Option<crate::model::Colour> {
    crate::model::Colour::parse(&document.meta.branding.colour)
}

/// Refuses to build into a folder that holds files this tool did not write.
fn guard_output_folder(out: &Path) -> Result<(), String> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(format!(
            "{} exists and is not a folder; choose another output folder with --out",
            out.display()
        ));
    }
    let empty = std::fs::read_dir(out)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    if empty || out.join(MARKER).exists() {
        return Ok(());
    }
    Err(format!(
        "{} holds files this tool did not write, so it will not replace them; choose another output folder with --out",
        out.display()
    ))
}

/// A folder beside the output folder where a build is written before it is moved
/// into place; removed if the build fails.
struct Staging {
    path: PathBuf,
    published: bool,
}

impl Staging {
    fn new(parent: &Path, out: &Path) -> Result<Staging, String> {
        let name = out
            .file_name()
            .map_or("build".into(), |n| n.to_string_lossy().to_string());
        let path = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if path.exists() {
            std::fs::remove_dir_all(&path)
                .map_err(|e| format!("cannot clear {}: {e}", path.display()))?;
        }
        std::fs::create_dir_all(&path)
            .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        Ok(Staging {
            path,
            published: false,
        })
    }

    /// Swaps the staged build in for the old one: two renames on the same disk.
    fn publish(mut self, out: &Path) -> Result<(), String> {
        let old = self.path.with_extension("old");
        if out.exists() {
            std::fs::rename(out, &old)
                .map_err(|e| format!("cannot move the previous build aside: {e}"))?;
        }
        if let Err(e) = std::fs::rename(&self.path, out) {
            if old.exists() {
                let _ = std::fs::rename(&old, out);
            }
            return Err(format!("cannot move the new build into place: {e}"));
        }
        self.published = true;
        if old.exists() {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}
