//! The messages name the command as the user started the tool: installed (a bare
//! name on PATH), from a folder (`./safeguarding-report`), or with `cargo run` in a
//! clone. `explain`'s last line names the command that prints one rule.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{new_project, run_in, scratch, stdout};

/// A copy of the binary in a folder of its own, as `cargo install` or unzipping a
/// release puts it.
fn installed() -> (PathBuf, String) {
    let dir = scratch("installed");
    let name = format!("safeguarding-report{}", std::env::consts::EXE_SUFFIX);
    std::fs::copy(env!("CARGO_BIN_EXE_safeguarding-report"), dir.join(&name)).unwrap();
    (dir, name)
}

/// Runs `command`, trying again while the copy just written is "busy": another test
/// thread may fork between the copy's write and its close, and its child holds the
/// file open for writing until it starts its own program (Linux and macOS say
/// ETXTBSY, error 26, for that moment; the busy spell lasts microseconds).
fn output(command: &mut Command) -> std::process::Output {
    const ETXTBSY: i32 = 26;
    for _ in 0..100 {
        match command.output() {
            Err(e) if e.raw_os_error() == Some(ETXTBSY) => {
                std::thread::sleep(std::time::Duration::from_millis(20))
            }
            result => return result.expect("the tool runs"),
        }
    }
    panic!("the copied program stayed busy for two seconds")
}

fn last_line(mut command: Command) -> String {
    let out = output(
        command
            .arg("explain")
            .env("NO_COLOR", "1")
            .env_remove("CARGO"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    text.lines().last().unwrap_or_default().to_string()
}

#[test]
fn installed_on_the_path_the_messages_say_the_bare_command() {
    let (dir, _) = installed();
    let path = std::env::join_paths(std::iter::once(dir.clone()).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .unwrap();
    let mut command = Command::new("safeguarding-report");
    command.env("PATH", path).current_dir(scratch("elsewhere"));
    assert_eq!(
        last_line(command),
        "`safeguarding-report explain RULE` prints a rule's documentation."
    );
}

#[test]
fn started_from_its_folder_the_messages_say_the_path_she_typed() {
    let (dir, name) = installed();
    let typed = Path::new(".").join(&name);
    let mut command = Command::new(&typed);
    command.current_dir(&dir);
    let shown = typed.to_string_lossy().replace(".exe", "");
    assert_eq!(
        last_line(command),
        format!("`{shown} explain RULE` prints a rule's documentation.")
    );
}

#[test]
fn with_cargo_run_the_messages_say_cargo_run() {
    // cargo's own variables, as `cargo run --release` gives them to the program.
    let mut command = Command::new(env!("CARGO_BIN_EXE_safeguarding-report"));
    command
        .arg("explain")
        .env("CARGO", env!("CARGO"))
        .env("CARGO_PKG_NAME", env!("CARGO_PKG_NAME"))
        .env("NO_COLOR", "1");
    let out = command.output().expect("the tool runs");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        text.ends_with("`cargo run --release -- explain RULE` prints a rule's documentation.\n"),
        "{text}"
    );
}

/// Run on a project in another folder, the messages that say to check it name that
/// folder too: `check` typed where she is would look for a report there.
#[test]
fn run_on_a_project_elsewhere_the_next_commands_name_it() {
    let cwd = scratch("elsewhere");
    assert!(
        new_project(&cwd, "our report", "2023-04-01..2024-03-31")
            .status
            .success()
    );
    let status = run_in(&cwd, &["status", "--project", "our report"]);
    assert!(
        stdout(&status)
            .contains("safeguarding-report check --project \"our report\"` for every finding"),
        "{}",
        stdout(&status)
    );
    let built = run_in(
        &cwd,
        &[
            "build",
            "--draft",
            "--project",
            "our report",
            "--out",
            "out",
        ],
    );
    assert!(
        stdout(&built).contains("safeguarding-report check --project \"our report\"` to see them."),
        "{}",
        stdout(&built)
    );
    // In the project's own folder the command needs no --project.
    let here = run_in(&cwd.join("our report"), &["status"]);
    assert!(
        stdout(&here).contains("safeguarding-report check` for every finding"),
        "{}",
        stdout(&here)
    );
}
