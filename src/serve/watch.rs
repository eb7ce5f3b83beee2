//! Watching the project's files: `report.yaml`, `book.toml`, and everything under
//! `content/` and `templates/`. An editor's own files (hidden swap files, backups
//! ending in `~`) and the build output are not the report and start no rebuild.

use std::path::Path;
use std::sync::mpsc::Sender;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::Signal;

/// The files at the top of the project that are part of the report.
const TOP_FILES: [&str; 2] = ["report.yaml", "book.toml"];
/// The folders whose every file is part of the report.
const FOLDERS: [&str; 2] = ["content", "templates"];

/// Starts watching `project` (an absolute path); each change to a file of the
/// report is sent as [`Signal::Changed`]. Watching stops when the watcher is dropped.
pub fn start(project: &Path, tx: Sender<Signal>) -> Result<RecommendedWatcher, String> {
    let root = project.to_path_buf();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        // Reading a file (as the rebuild does) is not a change.
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in event.paths {
            if is_report_file(&root, &path) {
                let _ = tx.send(Signal::Changed(path));
            }
        }
    })
    .map_err(|e| format!("cannot watch the project's files: {e}"))?;
    let fail = |what: &Path, e: notify::Error| format!("cannot watch {}: {e}", what.display());
    // The folder itself, not the files: an editor that saves by renaming a new file
    // over report.yaml replaces the file a watch on it would follow.
    watcher
        .watch(project, RecursiveMode::NonRecursive)
        .map_err(|e| fail(project, e))?;
    for folder in FOLDERS {
        let path = project.join(folder);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| fail(&path, e))?;
        }
    }
    Ok(watcher)
}

/// Whether a changed path is one of the report's files.
fn is_report_file(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let name = relative
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
        return false;
    }
    let mut parts = relative.components();
    let first = parts
        .next()
        .map(|c| c.as_os_str().to_string_lossy().to_string());
    match (first, parts.next()) {
        (Some(top), None) => TOP_FILES.contains(&top.as_str()),
        (Some(folder), Some(_)) => FOLDERS.contains(&folder.as_str()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_reports_files_count() {
        let root = Path::new("/p");
        for yes in [
            "/p/report.yaml",
            "/p/book.toml",
            "/p/content/intro.md",
            "/p/content/data/funding.yaml",
            "/p/templates/site/index.hbs",
        ] {
            assert!(is_report_file(root, Path::new(yes)), "{yes}");
        }
        for no in [
            "/p/build/site/index.html",
            "/p/notes.txt",
            "/p/content/.intro.md.swp",
            "/p/content/intro.md~",
            "/other/report.yaml",
            "/p",
        ] {
            assert!(!is_report_file(root, Path::new(no)), "{no}");
        }
    }
}
