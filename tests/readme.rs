//! The README as executable documentation: every command it shows is run, as the
//! user would type it, in a temporary copy of this repository (the shipped example),
//! and the output it shows is compared with what the tool prints. When the tool's
//! output changes, the README changes with it; the failure names the README line of
//! the block that differs, its first differing line, and where the whole output is.
//!
//! How blocks are marked is in the README's "Contributing: the README is tested"
//! section: a fence's info string says what it is (`sh` commands run, `output` is
//! compared), and an optional `<!-- readme-test: … -->` line just above it sets up
//! files, the folder, the expected exit status or the command of an output block.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use regex::Regex;

/// One fenced block of a Markdown file.
#[derive(Debug)]
struct Block {
    /// The README line of the opening fence (1-based).
    line: usize,
    /// The first word of the info string: `sh`, `output`, `yaml`, ….
    kind: String,
    body: Vec<String>,
    setup: Setup,
}

/// The settings of a `<!-- readme-test: … -->` line.
#[derive(Debug, Default)]
struct Setup {
    /// The exit status each command of the block must end with (default 0).
    status: Option<i32>,
    /// `SRC -> DEST`: copy a file or folder of the repository (as copied) before running.
    copies: Vec<(String, String)>,
    /// The folder, inside the copy, to run in (default: the copy itself).
    dir: Option<String>,
    /// For an `output` block that follows no command: the command it shows the output of.
    command: Option<String>,
    /// For a command that runs until stopped: the words its output shows once it is
    /// ready; then it gets Ctrl-C.
    until: Option<String>,
    /// Why a command is not run here, and which test runs it.
    skip: Option<String>,
    /// A program the command needs besides the tool: `chromium` (for `check-site`).
    needs: Option<String>,
}

/// The kinds of fence the README may use; any other (or none) is a mistake to fix.
const RUN: &str = "sh";
const OUTPUT: &str = "output";
const SHOWN: &[&str] = &["text", "yaml", "markdown", "toml", "json"];

fn blocks(markdown: &str) -> Result<Vec<Block>, String> {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let trimmed = lines[i].trim_start();
        if !trimmed.starts_with("```") {
            i += 1;
            continue;
        }
        let indent = lines[i].len() - trimmed.len();
        let kind = trimmed[3..].split_whitespace().next().unwrap_or("");
        let line = i + 1;
        if kind.is_empty() {
            return Err(format!(
                "README.md:{line}: a fence without an info string; say what the block is: \
                 ```{RUN} (commands, run by tests/readme.rs), ```{OUTPUT} (printed output, \
                 compared), or one of {SHOWN:?} (shown, not run)"
            ));
        }
        if kind != RUN && kind != OUTPUT && !SHOWN.contains(&kind) {
            return Err(format!(
                "README.md:{line}: unknown fence kind `{kind}`: use {RUN}, {OUTPUT} or one of {SHOWN:?}"
            ));
        }
        let setup = match i.checked_sub(1).map(|p| lines[p].trim()) {
            Some(prev) if prev.starts_with("<!-- readme-test:") => {
                setup(prev).map_err(|e| format!("README.md:{i}: {e}"))?
            }
            _ => Setup::default(),
        };
        let mut body = Vec::new();
        i += 1;
        while i < lines.len() && !lines[i].trim_start().starts_with("```") {
            body.push(
                lines[i]
                    .get(indent..)
                    .unwrap_or(lines[i].trim_start())
                    .to_string(),
            );
            i += 1;
        }
        if i == lines.len() {
            return Err(format!("README.md:{line}: the block is never closed"));
        }
        found.push(Block {
            line,
            kind: kind.to_string(),
            body,
            setup,
        });
        i += 1;
    }
    Ok(found)
}

/// `<!-- readme-test: status=1 copy="a -> b" dir="x" -->`.
fn setup(comment: &str) -> Result<Setup, String> {
    let inner = comment
        .trim_start_matches("<!-- readme-test:")
        .trim_end_matches("-->");
    let mut s = Setup::default();
    for word in words(inner)? {
        let (key, value) = word
            .split_once('=')
            .ok_or_else(|| format!("`{word}` in readme-test is not key=value"))?;
        let value = value.to_string();
        match key {
            "status" => s.status = Some(value.parse().map_err(|_| format!("status={value}"))?),
            "copy" => {
                let (from, to) = value
                    .split_once(" -> ")
                    .ok_or_else(|| format!("copy=\"{value}\" is not \"SRC -> DEST\""))?;
                s.copies.push((from.to_string(), to.to_string()));
            }
            "dir" => s.dir = Some(value),
            "command" => s.command = Some(value),
            "until" => s.until = Some(value),
            "skip" => s.skip = Some(value),
            "needs" if value == "chromium" => s.needs = Some(value),
            "needs" => return Err(format!("needs={value}: only `chromium` is known")),
            _ => return Err(format!("unknown readme-test setting `{key}`")),
        }
    }
    Ok(s)
}

/// Splits a line into words as a shell does for the quoting the README uses: double or
/// single quotes around words with spaces.
fn words(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some(q) if q == c => break,
                        Some(other) => w.push(other),
                        None => return Err(format!("unclosed quote in `{line}`")),
                    }
                }
            }
            c if c.is_whitespace() => out.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    out.extend(word);
    Ok(out)
}

/// The tool's arguments in a README command line, or why it is not the tool: the
/// README shows the tool run from a clone (`cargo run --release -- ARGS`) or
/// installed (`safeguarding-report ARGS`); both are the same program.
fn tool_args(line: &str) -> Result<Vec<String>, String> {
    let w = words(line)?;
    let from_clone = ["cargo", "run", "--release", "--"];
    if w.len() >= 4 && w[..4] == from_clone {
        Ok(w[4..].to_vec())
    } else if w.first().is_some_and(|p| p == "safeguarding-report") {
        Ok(w[1..].to_vec())
    } else {
        Err(format!(
            "`{line}` runs neither `cargo run --release -- …` nor `safeguarding-report …`; \
             mark the block with <!-- readme-test: skip=\"why, and which test runs it\" -->"
        ))
    }
}

/// What a README command printed, stdout and stderr as the terminal shows them, with
/// its exit status.
struct Ran {
    status: Option<i32>,
    printed: String,
}

/// Runs the tool with `args` in `cwd`, both streams into one file as a terminal
/// interleaves them. With `until`, waits for those words, then presses Ctrl-C.
fn run_tool(cwd: &Path, args: &[String], until: Option<&str>, log: &Path) -> Ran {
    let file = std::fs::File::create(log).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_safeguarding-report"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .spawn()
        .expect("the binary runs");
    if let Some(words) = until {
        let deadline = Instant::now() + Duration::from_secs(120);
        while !std::fs::read_to_string(log)
            .unwrap_or_default()
            .contains(words)
            && Instant::now() < deadline
            && child.try_wait().unwrap().is_none()
        {
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = Command::new("sh")
            .args(["-c", &format!("kill -INT {}", child.id())])
            .status();
    }
    let status = child.wait().unwrap();
    Ran {
        status: status.code(),
        printed: std::fs::read_to_string(log).unwrap_or_default(),
    }
}

/// Replaces what changes from run to run (the copy's path, times, sizes, versions,
/// clock times) by a name, in the README's text and in the tool's alike.
fn redact(text: &str, root: &Path) -> String {
    static RULES: std::sync::LazyLock<Vec<(Regex, &str)>> = std::sync::LazyLock::new(|| {
        [
            (r"\b\d+(?:\.\d+)? ?(?:ms|s|min)\b", "[TIME]"),
            (r"\b\d+(?:\.\d+)? ?(?:B|KB|kB|MB|GB)\b", "[SIZE]"),
            (r"\bv?\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?\b", "[VERSION]"),
            (r"\b\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?\b", "[WHEN]"),
        ]
        .into_iter()
        .map(|(re, name)| (Regex::new(re).unwrap(), name))
        .collect()
    });
    // A time in a right-aligned column ("  typeset    0.36 s") takes fewer spaces
    // before it when it has more digits (a busy machine's "11.01 s"), so the spaces
    // before a time count as one.
    static ALIGNED_TIME: std::sync::LazyLock<Regex> =
        std::sync::LazyLock::new(|| Regex::new(r" {2,}(\d+(?:\.\d+)? ?(?:ms|s|min)\b)").unwrap());
    let text = ALIGNED_TIME.replace_all(text, " $1");
    let mut text = text.replace(&root.display().to_string(), "[ROOT]");
    for (re, name) in RULES.iter() {
        text = re.replace_all(&text, *name).into_owned();
    }
    text
}

/// The README's elision: a line of just `…` stands for any number of lines, and `…`
/// within a line for any words.
const ELIDED: &str = "…";

fn line_matches(expected: &str, actual: &str) -> bool {
    let (expected, actual) = (expected.trim_end(), actual.trim_end());
    let parts: Vec<&str> = expected.split(ELIDED).collect();
    if parts.len() == 1 {
        return expected == actual;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !actual.starts_with(first) || actual.len() < first.len() + last.len() {
        return false;
    }
    if !actual.ends_with(last) {
        return false;
    }
    let mut rest = &actual[first.len()..actual.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(at) => rest = &rest[at + middle.len()..],
            None => return false,
        }
    }
    true
}

/// Where the shown output first parts from the printed one: `None` when every line
/// shown is printed, in order, with only the elided lines in between.
fn first_difference(expected: &[String], actual: &[String]) -> Option<String> {
    // Runs of shown lines between `…` lines; each must appear in order, the first at
    // the start and the last at the end unless elided there.
    let mut runs: Vec<(usize, Vec<&String>)> = vec![(0, Vec::new())];
    for (i, line) in expected.iter().enumerate() {
        if line.trim() == ELIDED {
            runs.push((i + 1, Vec::new()));
        } else {
            runs.last_mut().unwrap().1.push(line);
        }
    }
    let starts_elided = expected.first().is_some_and(|l| l.trim() == ELIDED);
    let ends_elided = expected.last().is_some_and(|l| l.trim() == ELIDED);
    let mut at = 0;
    let count = runs.len();
    for (r, (offset, run)) in runs.iter().enumerate() {
        if run.is_empty() {
            continue;
        }
        let anchored_start = r == 0 && !starts_elided;
        let anchored_end = r == count - 1 && !ends_elided;
        let fits = |start: usize| {
            start + run.len() <= actual.len()
                && run
                    .iter()
                    .zip(&actual[start..])
                    .all(|(e, a)| line_matches(e, a))
        };
        let candidates: Vec<usize> = if anchored_end {
            actual
                .len()
                .checked_sub(run.len())
                .into_iter()
                .filter(|&s| s >= at)
                .collect()
        } else if anchored_start {
            vec![at]
        } else {
            (at..=actual.len().saturating_sub(run.len())).collect()
        };
        match candidates
            .into_iter()
            .find(|&s| fits(s) && (!anchored_start || s == 0))
        {
            Some(start) => at = start + run.len(),
            None => {
                let rest = &actual[at.min(actual.len())..];
                let found_elsewhere = (0..rest.len()).any(|s| {
                    s + run.len() <= rest.len()
                        && run.iter().zip(&rest[s..]).all(|(e, a)| line_matches(e, a))
                });
                return Some(if found_elsewhere && anchored_start {
                    format!(
                        "line {} of the block is printed, but not first: the output begins {:?}; \
                         start the block with a line `{ELIDED}` if it shows a later part",
                        offset + 1,
                        actual.first()
                    )
                } else if found_elsewhere {
                    format!(
                        "lines {}-{} of the block are printed, but not last: after them comes {:?}; \
                         end the block with a line `{ELIDED}` if more follows",
                        offset + 1,
                        offset + run.len(),
                        actual.last()
                    )
                } else {
                    explain_miss(run, *offset, rest)
                });
            }
        }
    }
    if !ends_elided && at != actual.len() {
        return Some(format!(
            "the tool printed more after the last line shown: {:?}",
            actual.get(at)
        ));
    }
    None
}

/// The first line of `run` the tool did not print where it should be, with the
/// printed line most like it.
fn explain_miss(run: &[&String], offset: usize, rest: &[String]) -> String {
    // Where the longest prefix of the run matches.
    let mut best = (0, 0);
    for start in 0..rest.len() {
        let n = run
            .iter()
            .zip(&rest[start..])
            .take_while(|(e, a)| line_matches(e, a))
            .count();
        if n > best.1 {
            best = (start, n);
        }
    }
    let (start, n) = best;
    let expected = run.get(n).map(|s| s.as_str()).unwrap_or("(end)");
    let printed = if n == 0 {
        "(no line of the output matches the first line of this part)".to_string()
    } else {
        rest.get(start + n)
            .cloned()
            .unwrap_or("(end of output)".into())
    };
    format!(
        "line {} of the block: the README shows\n    {expected}\n  the tool printed\n    {printed}",
        offset + n + 1
    )
}

/// The README's text, the copy it runs in, and the failures found so far.
struct Session {
    root: PathBuf,
    logs: PathBuf,
    failures: Vec<String>,
    /// The last command run and what it printed, for the output block after it.
    last: Option<(usize, String, Ran)>,
    /// A command that needs Chromium was not run, and so its output not compared.
    skipped: bool,
    /// Commands run so far, to name each one's log.
    runs: usize,
}

impl Session {
    fn new(name: &str) -> Session {
        let root = copy_project(&common::root(), name);
        let logs = scratch(&format!("{name}-printed"));
        Session {
            root,
            logs,
            failures: Vec::new(),
            last: None,
            skipped: false,
            runs: 0,
        }
    }

    fn prepare(&mut self, block: &Block) -> PathBuf {
        for (from, to) in &block.setup.copies {
            let (from, to) = (self.root.join(from), self.root.join(to));
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).unwrap();
            }
            copy_any(&from, &to).unwrap_or_else(|e| {
                panic!("README.md:{}: copy {}: {e}", block.line, from.display())
            });
        }
        match &block.setup.dir {
            Some(d) => self.root.join(d),
            None => self.root.clone(),
        }
    }

    fn run_commands(&mut self, block: &Block) {
        if let Some(reason) = &block.setup.skip {
            println!("README.md:{}: not run here: {reason}", block.line);
            self.last = None;
            return;
        }
        if block.setup.needs.is_some() && !chromium_found() {
            self.skipped = true;
            self.last = None;
            return;
        }
        let cwd = self.prepare(block);
        for line in block.body.iter().filter(|l| !l.trim().is_empty()) {
            self.run_one(block, &cwd, line);
        }
    }

    fn run_one(&mut self, block: &Block, cwd: &Path, line: &str) {
        let args = match tool_args(line) {
            Ok(args) => args,
            Err(e) => {
                self.failures.push(format!("README.md:{}: {e}", block.line));
                return;
            }
        };
        self.runs += 1;
        let log = self
            .logs
            .join(format!("README.md-{}-{}.txt", block.line, self.runs));
        let ran = run_tool(cwd, &args, block.setup.until.as_deref(), &log);
        // A command stopped with Ctrl-C has no exit status of its own to compare.
        let wanted = block
            .setup
            .until
            .is_none()
            .then(|| block.setup.status.unwrap_or(0));
        if let Some(wanted) = wanted
            && ran.status != Some(wanted)
        {
            self.failures.push(format!(
                "README.md:{}: `{line}` ended with exit status {:?}, not {wanted}; it printed ({}):\n{}",
                block.line,
                ran.status,
                log.display(),
                ran.printed
            ));
        }
        if let Some(words) = &block.setup.until
            && !ran.printed.contains(words.as_str())
        {
            self.failures.push(format!(
                "README.md:{}: `{line}` never printed {words:?}; it printed:\n{}",
                block.line, ran.printed
            ));
        }
        self.last = Some((block.line, line.to_string(), ran));
    }

    fn compare(&mut self, block: &Block) {
        if let Some(command) = &block.setup.command {
            let cwd = self.prepare(block);
            self.run_one(block, &cwd, command);
        }
        let Some((at, command, ran)) = &self.last else {
            if std::mem::take(&mut self.skipped) {
                return;
            }
            self.failures.push(format!(
                "README.md:{}: an output block with no command before it; give it one with \
                 <!-- readme-test: command=\"cargo run --release -- …\" -->",
                block.line
            ));
            return;
        };
        let actual: Vec<String> = redact(&ran.printed, &self.root)
            .lines()
            .map(str::to_string)
            .collect();
        let expected: Vec<String> = block.body.iter().map(|l| redact(l, &self.root)).collect();
        if let Some(difference) = first_difference(&expected, &actual) {
            let saved = self
                .logs
                .join(format!("README.md-{}.printed.txt", block.line));
            std::fs::write(&saved, &ran.printed).unwrap();
            self.failures.push(format!(
                "README.md:{}: the output shown differs from what `{command}` (README.md:{at}) prints: {difference}\n  \
                 the whole output is in {}",
                block.line,
                saved.display()
            ));
        }
        self.last = None;
    }
}

/// Whether the tool will find Chromium; if not, says loudly that the commands needing it
/// were not run (and fails under CI, where they must run), as tests/browser.rs does.
fn chromium_found() -> bool {
    if safeguarding_report::render::browser::find_chromium().is_some() {
        return true;
    }
    let why = "no Chromium found on PATH (install the Debian package `chromium`, or set CHROMIUM=/path/to/chrome)";
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true: the README's check-site must run, but {why}");
    }
    let rule = "!".repeat(78);
    eprintln!(
        "\n{rule}\nSKIPPED: the README's commands that need Chromium did not run:\n{why}.\n{rule}\n"
    );
    false
}

fn copy_any(from: &Path, to: &Path) -> std::io::Result<()> {
    if from.is_dir() {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            copy_any(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else {
        std::fs::copy(from, to).map(|_| ())
    }
}

/// Runs every command of `markdown` in order in one copy of the repository and
/// compares every output block; returns the failures, each naming its README line.
fn run_readme(markdown: &str, name: &str) -> Vec<String> {
    let blocks = match blocks(markdown) {
        Ok(b) => b,
        Err(e) => return vec![e],
    };
    let mut session = Session::new(name);
    for block in &blocks {
        match block.kind.as_str() {
            RUN => session.run_commands(block),
            OUTPUT => session.compare(block),
            _ => {}
        }
    }
    session.failures
}

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).unwrap()
}

#[test]
fn every_command_in_the_readme_runs_and_prints_what_the_readme_shows() {
    let text = readme();
    let blocks = blocks(&text).unwrap_or_else(|e| panic!("{e}"));
    let commands = blocks.iter().filter(|b| b.kind == RUN).count();
    let outputs = blocks.iter().filter(|b| b.kind == OUTPUT).count();
    println!("README.md: {commands} command blocks, {outputs} output blocks");
    let failures = run_readme(&text, "readme");
    assert!(
        failures.is_empty(),
        "{} README block(s) differ from the tool; change the README (or the tool) so they agree:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The harness itself can fail: the README up to its first output block with a
/// number, that number changed by one, is caught and named by the block's line.
#[test]
fn a_readme_number_unlike_the_tool_s_is_caught_at_its_line() {
    let good = "<!-- readme-test: status=2 -->\n```sh\ncargo run --release -- build --project nowhere\n```\n\n```output\nerror[not-found]: …\n…\n```\n";
    assert_eq!(run_readme(good, "readme-good"), Vec::<String>::new());

    let text = readme();
    let digits = Regex::new(r"\d+").unwrap();
    let root = Path::new("/nowhere");
    let (block, line, number) = blocks(&text)
        .unwrap()
        .into_iter()
        .filter(|b| b.kind == OUTPUT)
        .find_map(|b| {
            let (i, n) = b.body.iter().enumerate().find_map(|(i, l)| {
                Some((i, digits.find(&redact(l, root))?.as_str().to_string()))
            })?;
            Some((b.line, b.line + 1 + i, n))
        })
        .expect("an output block with a number");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let changed = (number.parse::<u64>().unwrap() + 1).to_string();
    lines[line - 1] = lines[line - 1].replacen(&number, &changed, 1);
    let end = line
        + lines[line..]
            .iter()
            .position(|l| l.starts_with("```"))
            .unwrap()
        + 1;
    let wrong = lines[..end].join("\n");
    let failures = run_readme(&wrong, "readme-wrong");
    println!("{}", failures.join("\n"));
    assert_eq!(failures.len(), 1, "{failures:#?}");
    assert!(
        failures[0].starts_with(&format!("README.md:{block}:")),
        "{}",
        failures[0]
    );
    assert!(
        failures[0].contains(&redact(&lines[line - 1], root)),
        "{}",
        failures[0]
    );
}

#[test]
fn elisions_match_any_lines_or_words_but_nothing_else() {
    let lines = |s: &str| s.lines().map(str::to_string).collect::<Vec<_>>();
    let printed = lines("a\nb 12 c\nd\ne");
    assert_eq!(first_difference(&lines("a\n…\ne"), &printed), None);
    assert_eq!(first_difference(&lines("a\nb … c\n…"), &printed), None);
    assert_eq!(first_difference(&lines("…\nd\ne"), &printed), None);
    assert!(first_difference(&lines("a\nb 13 c\n…"), &printed).is_some());
    assert!(first_difference(&lines("a\n…\nd"), &printed).is_some());
    assert!(first_difference(&lines("b 12 c\n…"), &printed).is_some());
    assert!(first_difference(&lines("a\nb 12 c\nd"), &printed).is_some());
    let root = Path::new("/tmp/x");
    assert_eq!(
        redact(
            "built in 0.64 s: /tmp/x/build/report.pdf (821 KB), tool 0.1.0",
            root
        ),
        "built in [TIME]: [ROOT]/build/report.pdf ([SIZE]), tool [VERSION]"
    );
    assert_eq!(
        redact("12 months, 34 sections", root),
        "12 months, 34 sections"
    );
}

/// The tool's commands and flags the README mentions, as `SUB`, `SUB ARG` (with a file,
/// folder or rule named) and `SUB [ARG] --flag`, in the README's order: from its
/// command blocks, from `code` that is a command, and from `--flag` code after one
/// (a flag the tool's `SUB --help` does not list, such as cargo's own, is not the tool's).
fn readme_commands_and_flags(markdown: &str) -> Vec<String> {
    let mut subcommands: Vec<String> = Vec::new();
    let mut found: Vec<String> = Vec::new();
    // The commands of the current section, latest last: a flag mentioned on its own
    // belongs to the latest that takes it.
    let mut recent: Vec<String> = Vec::new();
    for piece in pieces(markdown) {
        if piece.starts_with("## ") {
            recent.clear();
            continue;
        }
        let Ok(w) = words(&piece) else { continue };
        let args =
            match tool_args(&piece) {
                Ok(args) => args,
                Err(_) if w.first().is_some_and(|s| subcommands.contains(s)) => w,
                Err(_) if w.first().is_some_and(|s| s.starts_with("--")) => {
                    let flag = &w[0];
                    if let Some(key) = recent.iter().rev().find(|key| {
                        help(key.split(' ').next().unwrap()).contains(&format!("{flag} "))
                    }) {
                        found.push(format!("{key} {flag}"));
                    }
                    continue;
                }
                Err(_) => continue,
            };
        let Some(sub) = args.first() else { continue };
        if !is_subcommand(sub) {
            continue;
        }
        if !subcommands.contains(sub) {
            subcommands.push(sub.clone());
        }
        let mut key = sub.clone();
        let mut after_flag = false;
        for a in &args[1..] {
            if a.starts_with("--") {
                after_flag = true;
            } else if !after_flag && key == *sub {
                key.push_str(" ARG");
            } else {
                after_flag = false;
            }
        }
        found.push(key.clone());
        found.extend(
            args.iter()
                .filter(|a| a.starts_with("--"))
                .map(|f| format!("{key} {f}")),
        );
        recent.push(key);
    }
    let mut unique = Vec::new();
    for f in found {
        if !unique.contains(&f) {
            unique.push(f);
        }
    }
    unique
}

/// In the README's order: each line of a command block, each `code` span of the text
/// (a span may run over a line end), and each `## ` heading.
fn pieces(markdown: &str) -> Vec<String> {
    let code = Regex::new(r"`([^`]+)`").unwrap();
    let mut pieces = Vec::new();
    let mut paragraph = String::new();
    let flush = |paragraph: &mut String, pieces: &mut Vec<String>| {
        pieces.extend(
            code.captures_iter(paragraph)
                .map(|c| c[1].split_whitespace().collect::<Vec<_>>().join(" ")),
        );
        paragraph.clear();
    };
    let (mut in_block, mut runs) = (false, false);
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if let Some(info) = trimmed.strip_prefix("```") {
            flush(&mut paragraph, &mut pieces);
            in_block = !in_block;
            runs = in_block && info.split_whitespace().next() == Some(RUN);
        } else if in_block {
            if runs && !trimmed.is_empty() {
                pieces.push(trimmed.to_string());
            }
        } else if trimmed.starts_with("## ") || trimmed.is_empty() {
            flush(&mut paragraph, &mut pieces);
            if trimmed.starts_with("## ") {
                pieces.push(trimmed.to_string());
            }
        } else {
            paragraph.push_str(line);
            paragraph.push('\n');
        }
    }
    flush(&mut paragraph, &mut pieces);
    pieces
}

/// Whether the tool's own `--help` lists `sub` as one of its commands.
fn is_subcommand(sub: &str) -> bool {
    help("")
        .lines()
        .any(|l| l.split_whitespace().next() == Some(sub) && l.starts_with("  "))
}

/// `safeguarding-report SUB --help`, once per subcommand (`""`: the tool's own).
fn help(sub: &str) -> String {
    static SEEN: std::sync::Mutex<Vec<(String, String)>> = std::sync::Mutex::new(Vec::new());
    let mut seen = SEEN.lock().unwrap();
    if let Some((_, text)) = seen.iter().find(|(s, _)| s == sub) {
        return text.clone();
    }
    let args: Vec<&str> = [sub, "--help"]
        .into_iter()
        .filter(|a| !a.is_empty())
        .collect();
    let text = stdout(&run(&args));
    seen.push((sub.to_string(), text.clone()));
    text
}

/// The rows of docs/commands.md: a command or flag, and the tests that run it.
fn commands_table() -> Vec<(String, Vec<String>)> {
    let text = std::fs::read_to_string(root().join("docs/commands.md")).unwrap();
    text.lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            let tests = cells
                .get(1)
                .unwrap_or(&"")
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect();
            (cells[0].trim_matches('`').to_string(), tests)
        })
        .collect()
}

#[test]
fn every_readme_command_and_flag_has_a_test_listed_in_docs_commands_md() {
    let mentioned = readme_commands_and_flags(&readme());
    let table = commands_table();
    println!("{} commands and flags in the README", mentioned.len());
    let mut problems = Vec::new();
    for m in &mentioned {
        if !table.iter().any(|(c, _)| c == m) {
            problems.push(format!("the README mentions `{m}`; add a row for it to docs/commands.md with the test that runs it"));
        }
    }
    for (command, tests) in &table {
        if !mentioned.contains(command) {
            problems.push(format!(
                "docs/commands.md lists `{command}`, which the README no longer mentions"
            ));
        }
        if tests.is_empty() {
            problems.push(format!("docs/commands.md: no test for `{command}`"));
        }
        for test in tests {
            let (file, name) = test.split_once("::").unwrap_or((test, ""));
            let source = std::fs::read_to_string(root().join(file)).unwrap_or_default();
            if name.is_empty() || !source.contains(&format!("fn {name}(")) {
                problems.push(format!("docs/commands.md: `{command}`: no test {test}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_table_check_notices_a_flag_the_readme_adds() {
    let text = format!(
        "{}\nAlso `cargo run --release -- build --quiet`.\n",
        readme()
    );
    let mentioned = readme_commands_and_flags(&text);
    assert!(mentioned.contains(&"build --quiet".to_string()));
    assert!(!commands_table().iter().any(|(c, _)| c == "build --quiet"));
    // Flags of other programs are not the tool's: `cargo test --release --test browser`.
    assert!(
        !mentioned
            .iter()
            .any(|m| m.ends_with("--test") || m.ends_with("--bench"))
    );
}
