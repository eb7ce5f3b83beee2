//! How long `serve` takes from saving a section to the open page showing it, on a
//! copy of the shipped example: the real binary is started on a free port, one
//! section is saved 10 times (2.5 s apart, so the background check and PDF of one
//! edit are usually done before the next), and the times `serve` prints for each
//! rebuild are collected. Prints the median and the worst; asserts nothing. Run with
//! `cargo bench --bench serve`.

mod support;
use support::copy;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use std::time::Duration;

const EDITS: usize = 10;

/// The two figures of a line such as "content/x.md changed: rebuilt the website in
/// 142 ms; the page showed it 245 ms after the save."
fn figures(line: &str) -> Option<(u64, u64)> {
    let number_after = |marker: &str| -> Option<u64> {
        let rest = &line[line.find(marker)? + marker.len()..];
        rest.split_whitespace().next()?.parse().ok()
    };
    Some((
        number_after("rebuilt the website in ")?,
        number_after("the page showed it ")?,
    ))
}

fn summary(name: &str, mut values: Vec<u64>) {
    values.sort();
    println!(
        "{name:>32}: median {:>4} ms, worst {:>4} ms (of {})",
        values[values.len() / 2],
        values[values.len() - 1],
        values.len()
    );
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let project = std::env::temp_dir().join(format!("sr-bench-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&project);
    copy(&root.join("content"), &project.join("content"));
    for file in ["report.yaml", "book.toml"] {
        std::fs::copy(root.join(file), project.join(file)).unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_safeguarding-report"))
        .args(["serve", "--port", "0", "--project"])
        .arg(&project)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let (tx, rx) = channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    let wait = |wanted: &dyn Fn(&str) -> bool| loop {
        let line = rx
            .recv_timeout(Duration::from_secs(180))
            .expect("serve prints its progress");
        if wanted(&line) {
            return line;
        }
    };
    wait(&|l| l.contains("Previewing the website at"));
    let section = project.join("content/02-herefordshire-context.md");
    let (mut rebuilt, mut shown) = (Vec::new(), Vec::new());
    for k in 0..EDITS {
        std::thread::sleep(Duration::from_millis(2500));
        let text = std::fs::read_to_string(&section).unwrap();
        std::fs::write(&section, format!("{text}\nEdit number {k}.\n")).unwrap();
        let line = wait(&|l| l.contains("changed: rebuilt the website in"));
        let (r, s) = figures(&line).expect("the line states both times");
        rebuilt.push(r);
        shown.push(s);
    }
    // Ctrl-C, so serve removes its preview folder.
    let _ = Command::new("sh")
        .args(["-c", &format!("kill -INT {}", child.id())])
        .status();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&project);
    println!("\nserve on the example, one section saved {EDITS} times:");
    summary("rebuilding the website", rebuilt);
    summary("save to page (100 ms quiet incl.)", shown);
}
