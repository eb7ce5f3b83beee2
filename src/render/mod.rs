//! Render: the document as a PDF and as a website, written so that a reader of the
//! output folder never sees half a build and nothing that is not ours is touched.

pub mod accessibility;
pub mod browser;
pub mod chart;
pub mod docx;
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
    /// The Word edition, for board papers.
    pub docx: PathBuf,
    pub site: PathBuf,
    /// `report-site.zip` and its size, when asked for.
    pub archive: Option<(PathBuf, u64)>,
}

/// Whether a build also packs the website into one file for the web team
/// (`build --zip`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Archive {
    #[default]
    None,
    Zip,
}

/// A build written into its staging folder and not yet in place: what [`stage`]
/// made. Dropped without [`Staged::publish`], it is removed and the output folder
/// stays as it was (as when the check, run beside it, stops the build).
pub struct Staged {
    staging: Staging,
    out: PathBuf,
    outputs: Outputs,
    /// How long the typesetting, the PDF, the Word edition and the website each took,
    /// in that order.
    pub times: Vec<(&'static str, std::time::Duration)>,
}

impl Staged {
    /// Moves the staged build into the output folder, replacing the last build.
    pub fn publish(self) -> Result<Outputs, String> {
        self.staging.publish(&self.out)?;
        Ok(self.outputs)
    }
}

/// Renders the outputs into a staging folder beside `out`: the PDF on this thread,
/// and the website then the Word edition on another at the same time, since none
/// needs another until the PDF is put on the website at the end. Laying out the
/// PDF takes longest, so the Word edition waits for the website rather than for it.
///
/// Paths are made absolute first: mdBook reads its sources relative to the project
/// root, so a relative staging folder would be looked for inside the project twice
/// over. What is returned keeps the folder as the user wrote it.
pub fn stage(
    document: &Document,
    project_root: &Path,
    user_out: &Path,
    archive: Archive,
) -> Result<Staged, String> {
    let absolute = |p: &Path| {
        std::path::absolute(p).map_err(|e| format!("cannot find the folder {}: {e}", p.display()))
    };
    let project_root = &absolute(project_root)?;
    let out = absolute(user_out)?;
    guard_output_folder(&out)?;
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    let staging = Staging::new(parent, &out)?;
    let site_out = staging.path.join("site");
    let work = staging.path.join("mdbook");

    let docx_path = staging.path.join(docx::FILE);
    let (typeset, pdf, (site, docx)) = std::thread::scope(|scope| {
        let others = side_by_side(scope, || {
            let site = timed(|| site::build(document, project_root, &work, &site_out));
            let docx = timed(|| write_docx(document, &docx_path));
            give_back_freed_memory();
            (site, docx)
        });
        let typeset = timed(|| pdf::typeset(document));
        let pdf = match typeset.0 {
            Ok(paged) => timed(|| pdf::write(document, paged)),
            Err(e) => (Err(e), std::time::Duration::ZERO),
        };
        (typeset.1, pdf, joined(others))
    });
    let (pdf, pdf_took) = (pdf.0?, pdf.1);
    let ((site_result, site_took), (docx_result, docx_took)) = (site, docx);
    site_result?;
    docx_result?;
    site::add_pdf(document, &site_out, &pdf)?;

    let pdf_name = &document.meta.pdf_file;
    std::fs::write(staging.path.join(pdf_name), &pdf)
        .map_err(|e| format!("cannot write the PDF: {e}"))?;
    std::fs::remove_dir_all(&work).map_err(|e| format!("cannot tidy the staging folder: {e}"))?;
    // Inside the staged folder, so the marker lists it and it is swapped in with
    // the rest.
    let archive = match archive {
        Archive::Zip => {
            let path = staging.path.join(site::archive::FILE);
            site::archive::write(document, &site_out, &path)?;
            let size = std::fs::metadata(&path).map_or(0, |m| m.len());
            Some((user_out.join(site::archive::FILE), size))
        }
        Archive::None => None,
    };
    let marker = Manifest::write(&staging.path)?;
    std::fs::write(staging.path.join(MARKER), marker)
        .map_err(|e| format!("cannot write {MARKER}: {e}"))?;
    Ok(Staged {
        staging,
        out,
        outputs: Outputs {
            pdf: user_out.join(pdf_name),
            pdf_bytes: pdf.len(),
            docx: user_out.join(docx::FILE),
            site: user_out.join("site"),
            archive,
        },
        times: vec![
            ("typeset", typeset),
            ("pdf", pdf_took),
            ("docx", docx_took),
            ("site", site_took),
        ],
    })
}

/// Writes the Word edition to `path` as soon as it is made, so its bytes are not held
/// while the PDF is still being laid out.
fn write_docx(document: &Document, path: &Path) -> Result<(), String> {
    std::fs::write(path, docx::write(document)?)
        .map_err(|e| format!("cannot write {}: {e}", docx::FILE))
}

/// Makes the memory freed so far reusable by every thread, and lets the allocator
/// return it to the system. An allocator keeps what a thread freed for that thread:
/// what typst's layout freed would otherwise stay held while the PDF is written and
/// the website is finished, and what the website and the Word edition freed on
/// their thread would stay held through typst's layout, when the build holds most.
///
/// Not forced (`mi_collect(false)`): mimalloc then gives pages back to the system
/// after its usual short delay, so pages a later stage asks for at once are reused
/// rather than returned and cleared by the kernel again. Forcing it held no less at
/// the peak (10×: 843–850 MB forced, 850 MB not) and cost the example's build twice
/// the kernel's time (0.12 s against 0.06 s, median wall 0.39 s against 0.37 s).
pub(crate) fn give_back_freed_memory() {
    // SAFETY: mi_collect takes no pointers; it only collects free pages of the
    // calling thread's heap and of threads that have ended. The command allocates
    // with mimalloc (src/main.rs); where the library runs under another allocator
    // (the tests), mimalloc's heap is empty and this does nothing.
    unsafe { libmimalloc_sys::mi_collect(false) }
}

/// `work` and how long it took.
pub fn timed<T>(work: impl FnOnce() -> T) -> (T, std::time::Duration) {
    let started = std::time::Instant::now();
    (work(), started.elapsed())
}

/// Starts `work` on a thread of its own within `scope`, with the main thread's
/// stack size (8 MB) rather than a spawned thread's 2 MB: the stages recurse into
/// nested lists and quotes as deep as a report nests them.
pub fn side_by_side<'scope, T: Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    work: impl FnOnce() -> T + Send + 'scope,
) -> std::thread::ScopedJoinHandle<'scope, T> {
    std::thread::Builder::new()
        .stack_size(8 * 1024 * 1024)
        .spawn_scoped(scope, work)
        .expect("the system starts a thread")
}

/// What a thread started by [`side_by_side`] returned; its panic, a bug, goes on
/// unwinding here, so the bug report and the removal of the staging folder happen
/// as for a panic on this thread.
pub fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// The colour the charts' palette is derived from: the partnership's branding colour
/// (the tool's own when it sets none), so the charts match the header bar and the
/// headings of both outputs.
pub fn chart_base(document: &Document) -> Option<crate::model::Colour> {
    crate::model::Colour::parse(&document.meta.branding.colour)
}

/// Refuses to build into a folder that holds anything this tool did not write.
///
/// A build replaces the whole output folder, so a file the user put there (notes, a
/// copy of last year's PDF, a web team's `.htaccess`) would be lost with the old
/// build. The marker file lists every file and folder the last build wrote; anything
/// else found in the folder stops the build, and is named, before anything moves.
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
    if empty {
        return Ok(());
    }
    let Ok(marker) = std::fs::read_to_string(out.join(MARKER)) else {
        return Err(format!(
            "{} holds files this tool did not write, so it will not replace them; choose another output folder with --out",
            out.display()
        ));
    };
    let foreign = not_written_by_us(out, &Manifest::parse(&marker))?;
    if foreign.is_empty() {
        return Ok(());
    }
    let shown: Vec<String> = foreign.iter().take(10).map(|f| format!("  {f}")).collect();
    let more = match foreign.len() {
        n if n > 10 => format!("\n  … and {} more", n - 10),
        _ => String::new(),
    };
    Err(format!(
        "{} holds {} that the last build did not write:\n{}{more}\nA build replaces this folder, so it stops rather than delete {}. Move {} somewhere else, or build into another folder with --out.",
        out.display(),
        plural(foreign.len(), "file or folder", "files or folders"),
        shown.join("\n"),
        if foreign.len() == 1 { "it" } else { "them" },
        if foreign.len() == 1 { "it" } else { "them" },
    ))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// What the marker file says a build wrote: every file and folder under the output
/// folder, by its path relative to it with `/` between names.
#[derive(Debug, Default)]
struct Manifest {
    paths: std::collections::BTreeSet<String>,
    /// A marker from before the list was kept: only its top level can be told apart
    /// (the PDF, `site/` and the marker itself).
    legacy: bool,
}

/// The marker's first line; the list of what was written follows it.
const MARKER_HEADER: &str =
    "This folder was written by safeguarding-report; it replaces it on each build.";
const MANIFEST_LINE: &str = "It wrote these files and folders, and nothing else here:";

impl Manifest {
    fn parse(marker: &str) -> Manifest {
        let mut lines = marker.lines();
        if !lines.any(|l| l == MANIFEST_LINE) {
            return Manifest {
                legacy: true,
                ..Manifest::default()
            };
        }
        Manifest {
            paths: lines
                .map(str::to_string)
                .filter(|l| !l.is_empty())
                .collect(),
            legacy: false,
        }
    }

    fn holds(&self, path: &str, is_dir: bool) -> bool {
        if self.legacy {
            let top = !path.contains('/');
            return path == "site"
                || path.starts_with("site/")
                || path == MARKER
                || (top && !is_dir && path.to_ascii_lowercase().ends_with(".pdf"));
        }
        path == MARKER || self.paths.contains(path)
    }

    /// The marker's text for the build staged in `folder`.
    fn write(folder: &Path) -> Result<String, String> {
        let mut text = format!("{MARKER_HEADER}\n{MANIFEST_LINE}\n");
        for (path, _) in walk(folder)? {
            text.push_str(&path);
            text.push('\n');
        }
        Ok(text)
    }
}

/// Every file and folder under `folder`, as relative paths with `/`, sorted, and
/// whether each is a folder. Symbolic links are listed, never followed.
fn walk(folder: &Path) -> Result<Vec<(String, bool)>, String> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(folder)
        .min_depth(1)
        .follow_links(false)
    {
        let entry = entry.map_err(|e| format!("cannot look through {}: {e}", folder.display()))?;
        let relative = entry.path().strip_prefix(folder).unwrap_or(entry.path());
        let name: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        found.push((name.join("/"), entry.file_type().is_dir()));
    }
    found.sort();
    Ok(found)
}

/// What is in `out` that `manifest` does not list: the outermost such path only (a
/// folder the user made, not each file in it).
fn not_written_by_us(out: &Path, manifest: &Manifest) -> Result<Vec<String>, String> {
    let mut foreign: Vec<String> = Vec::new();
    for (path, is_dir) in walk(out)? {
        let inside_reported = foreign
            .iter()
            .any(|f| path.starts_with(f.as_str()) && path[f.len()..].starts_with('/'));
        if !inside_reported && !manifest.holds(&path, is_dir) {
            foreign.push(path);
        }
    }
    Ok(foreign)
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
    /// The folder is checked again first: the user may have saved a file into it
    /// while the build ran.
    fn publish(mut self, out: &Path) -> Result<(), String> {
        guard_output_folder(out)?;
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
