//! The paths a user types: relative and absolute, `.` and `..`, with spaces and
//! letters beyond ASCII, from another working directory, as the README shows them.

mod common;

use std::path::Path;

use common::*;

/// A folder holding a copy of the small fixture as `my report – 2022` (a space and
/// an en dash, as a folder named in a file manager often has).
fn workspace(name: &str) -> (std::path::PathBuf, &'static str) {
    let dir = scratch(name);
    let project = "my report – 2022";
    copy_dir_into(&fixture("mini"), &dir.join(project));
    (dir, project)
}

fn copy_dir_into(from: &Path, to: &Path) {
    let copy = copy_project(from, "paths-copy");
    std::fs::rename(&copy, to).unwrap();
}

fn assert_built(cwd: &Path, o: &std::process::Output, out: &str) {
    assert!(
        o.status.success(),
        "build failed in {}:\n{}\n{}",
        cwd.display(),
        stdout(o),
        stderr(o)
    );
    let out = cwd.join(out);
    assert!(
        out.join("report.pdf").is_file(),
        "no PDF in {}",
        out.display()
    );
    assert!(
        out.join("site/index.html").is_file(),
        "no website in {}",
        out.display()
    );
}

#[test]
fn a_relative_project_builds_into_its_own_build_folder() {
    let (cwd, project) = workspace("relative-project");
    let o = run_in(&cwd, &["build", "--project", project]);
    assert_built(&cwd, &o, &format!("{project}/build"));
    // The summary names the files where the user will look for them.
    assert!(
        stdout(&o).contains(&format!("{project}/build/report.pdf")),
        "{}",
        stdout(&o)
    );
}

#[test]
fn relative_output_folders_are_taken_from_the_working_directory() {
    let (cwd, project) = workspace("relative-out");
    for out in ["out-rel", "nested/out folder", &format!("{project}/out")] {
        let o = run_in(&cwd, &["build", "--project", project, "--out", out]);
        assert_built(&cwd, &o, out);
    }
    let leftovers: Vec<_> = std::fs::read_dir(&cwd)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left: {leftovers:?}");
}

#[test]
fn dot_and_dot_dot_work_from_inside_the_project() {
    let (cwd, project) = workspace("dots");
    let inside = cwd.join(project);
    let o = run_in(&inside, &["build", "--project", "."]);
    assert_built(&inside, &o, "build");
    let content = inside.join("content");
    let o = run_in(
        &content,
        &["build", "--project", "..", "--out", "../../beside"],
    );
    assert_built(&content, &o, "../../beside");
    assert!(cwd.join("beside/report.pdf").is_file());
}

#[test]
fn an_absolute_project_and_output_work_from_anywhere() {
    let (cwd, project) = workspace("absolute");
    let elsewhere = scratch("absolute-elsewhere");
    let out = cwd.join("abs out");
    let o = run_in(
        &elsewhere,
        &[
            "build",
            "--project",
            cwd.join(project).to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_built(&elsewhere, &o, out.to_str().unwrap());
}

#[test]
fn validate_and_check_take_relative_paths_and_write_the_matrix_where_asked() {
    let (cwd, project) = workspace("check-relative");
    let o = run_in(&cwd, &["validate", "--project", project]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run_in(
        &cwd,
        &[
            "check",
            "--project",
            project,
            "--matrix",
            "for the board/matrix.md",
        ],
    );
    assert!(o.status.code().unwrap() <= 1, "{}", stderr(&o));
    let matrix = std::fs::read_to_string(cwd.join("for the board/matrix.md"))
        .expect("the matrix is written relative to the working directory");
    assert!(matrix.contains("WT"), "{matrix}");
}

/// The README's own path: a copy of the shipped example, built by a relative path
/// from the folder above it.
#[test]
fn the_readme_path_builds_a_copy_of_the_example() {
    let cwd = scratch("readme-path");
    let copy = copy_project(&root(), "readme-example");
    for dir in ["tests", "src", "benches", "docs"] {
        let _ = std::fs::remove_dir_all(copy.join(dir));
    }
    std::fs::rename(&copy, cwd.join("our report")).unwrap();
    let o = run_in(&cwd, &["build", "--project", "our report"]);
    assert_built(&cwd, &o, "our report/build");
}

/// A mistyped folder or file is named as typed, with the folder it was looked for in,
/// by every command that takes one; a folder without report.yaml says so.
#[test]
fn a_name_that_leads_nowhere_is_named_with_where_it_was_looked_for() {
    let (cwd, project) = workspace("missing-names");
    let here = cwd.canonicalize().unwrap();
    for args in [
        &["build", "--project", "my report – 2021"][..],
        &["validate", "--project", "my report – 2021"],
        &["check", "--project", "my report – 2021"],
        &["check", "my report – 2021.docx"],
    ] {
        let o = run_in(&cwd, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        let typed = args.last().unwrap();
        assert!(
            err.contains(&format!("there is no file or folder `{typed}` in ")),
            "{args:?}: {err}"
        );
        assert!(
            err.contains(&here.display().to_string()) || err.contains(&cwd.display().to_string()),
            "{args:?} does not say where it looked: {err}"
        );
        // A file that was never read has no line to point at: its name, no `:1:1`
        // and no empty line drawn with a caret under nothing.
        assert!(err.contains(&format!("--> {typed}\n")), "{args:?}: {err}");
        assert!(!err.contains("1 |"), "{args:?}: {err}");
    }

    std::fs::remove_file(cwd.join(project).join("report.yaml")).unwrap();
    let o = run_in(&cwd, &["build", "--project", project]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("there is no report.yaml in {project}")),
        "{}",
        stderr(&o)
    );
    let file = cwd.join(project).join("content");
    let o = run_in(&cwd, &["build", "--project", &file.display().to_string()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}
