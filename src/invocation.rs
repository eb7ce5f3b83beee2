//! The command as the user started it, for the messages that tell her what to type
//! next: `safeguarding-report status` after installing the tool, `cargo run
//! --release -- status` in a clone of the repository, `./safeguarding-report status`
//! in the folder of a downloaded copy. A message naming a command she does not have
//! would send her looking for it.

use std::path::Path;
use std::sync::OnceLock;

/// What to type to run the tool again, as this process was started; worked out once.
pub fn program() -> &'static str {
    static PROGRAM: OnceLock<String> = OnceLock::new();
    PROGRAM.get_or_init(|| {
        if started_by_cargo() {
            return if built_for_debugging() {
                "cargo run --".to_string()
            } else {
                "cargo run --release --".to_string()
            };
        }
        as_typed(Path::new(&std::env::args_os().next().unwrap_or_default()))
    })
}

/// `program()` followed by `rest`: "safeguarding-report check".
pub fn command(rest: &str) -> String {
    format!("{} {rest}", program())
}

/// The project folder as the user named it with `--project`, when it is not the
/// folder she is in: set once, by the command line.
static PROJECT: OnceLock<Option<String>> = OnceLock::new();

/// Remembers the project the command was given, for [`on_project`].
pub fn remember_project(project: &Path) {
    let named = (project != Path::new(".")).then(|| shell_word(&project.to_string_lossy()));
    let _ = PROJECT.set(named);
}

/// [`command`] for a command that works on the project (`check`, `build`,
/// `status`): with `--project` as the user gave it, so that typed in the same folder
/// it checks the same report. "safeguarding-report check --project ../hscp".
pub fn on_project(rest: &str) -> String {
    match PROJECT.get().and_then(Option::as_deref) {
        Some(project) => format!("{} --project {project}", command(rest)),
        None => command(rest),
    }
}

/// `text` as one word of a command line: in quotes when it has spaces.
pub fn shell_word(text: &str) -> String {
    if text.contains(char::is_whitespace) {
        format!("\"{text}\"")
    } else {
        text.to_string()
    }
}

/// The program's name as the shell was given it: a bare name (found on PATH) as the
/// tool's own name, without Windows' `.exe`; a path as it was typed (`./x`,
/// `C:\Tools\x`), in quotes when it has spaces.
fn as_typed(exe: &Path) -> String {
    let text = exe.to_string_lossy();
    let text = text
        .strip_suffix(".exe")
        .or_else(|| text.strip_suffix(".EXE"))
        .unwrap_or(&text);
    let bare = exe.parent().is_none_or(|p| p.as_os_str().is_empty());
    if text.is_empty() || (bare && text != env!("CARGO_PKG_NAME")) {
        // Renamed or started without a name: the name it is installed under.
        return env!("CARGO_PKG_NAME").to_string();
    }
    shell_word(&text)
}

/// Whether this program was built by `cargo build` without `--release`: it then
/// runs from the target folder's `debug` folder.
fn built_for_debugging() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent()?.file_name().map(|n| n == "debug"))
        .unwrap_or(false)
}

/// Whether `cargo run` started this process: cargo gives what it runs `CARGO` (its
/// own path) and this package's name in `CARGO_PKG_NAME`, which a terminal, an
/// installed copy or a downloaded one does not have. (On Unix cargo replaces itself
/// with the program, so there is no cargo parent process to look for.) A program
/// that a test started under `cargo test` inherits them too: the tests that read
/// these messages start it without them, as a user's terminal would.
fn started_by_cargo() -> bool {
    std::env::var_os("CARGO").is_some()
        && std::env::var_os("CARGO_PKG_NAME").is_some_and(|n| n == env!("CARGO_PKG_NAME"))
}
