//! How `build` grows with the size of a report, and how it compares with pandoc +
//! typst on the same text: the shipped example at 1×, 5× and 10× (every section
//! copied with new ids by a generator here, nothing committed), built by the real
//! binary as a user runs it. Prints each stage's time (from the binary's own stage
//! lines: check, typeset with pdf, and site run side by side, so the wall time is
//! less than their sum), the wall time and the peak memory of the process (VmHWM,
//! sampled from /proc while it runs, where there is a /proc).
//!
//! The comparison converts the same Markdown (every chapter's text, front matter
//! left out) to a PDF with `pandoc -t typst` then typst: pandoc 3 from PATH or from
//! `pip install pypandoc-binary`, typst from PATH or from `pip install typst` (the
//! same typst version the tool is built with). Without them the comparison is
//! skipped with a note saying so. Run with `cargo bench --bench build`; nothing here
//! asserts.

mod support;
use support::copy;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the example with every section repeated `times` times; the copies have
/// their own ids (and parents), so the report is `times` as long.
fn generate(times: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sr-bench-{times}x-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy(&example().join("content"), &dir.join("content"));
    std::fs::copy(example().join("report.yaml"), dir.join("report.yaml")).unwrap();
    let sections: Vec<PathBuf> = walk(&dir.join("content"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    for k in 2..=times {
        for file in &sections {
            let text = std::fs::read_to_string(file).unwrap();
            let renamed: String = text
                .lines()
                .map(|l| match l.split_once(": ") {
                    Some((key @ ("id" | "parent"), value)) => format!("{key}: {value}-{k}"),
                    _ => l.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n";
            let name = file.file_stem().unwrap().to_string_lossy();
            std::fs::write(file.with_file_name(format!("{name}-copy{k}.md")), renamed).unwrap();
        }
    }
    dir
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// A memory figure of a running process from /proc, in MB: `VmHWM` (the peak so
/// far). None where there is no /proc (macOS, Windows): the bench then prints no
/// memory figure.
fn memory_mb(pid: u32, field: &str) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

struct Run {
    wall: Duration,
    peak_mb: Option<f64>,
    /// Each stage's name and time in seconds, as the binary printed them.
    stages: Vec<(String, f64)>,
}

fn build(project: &Path) -> Run {
    let out = project.join("build");
    let _ = std::fs::remove_dir_all(&out);
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_safeguarding-report"))
        .args(["build", "--draft", "--project"])
        .arg(project)
        .arg("--out")
        .arg(&out)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut peak: Option<f64> = None;
    while child.try_wait().unwrap().is_none() {
        if let Some(mb) = memory_mb(child.id(), "VmHWM:") {
            peak = Some(peak.unwrap_or(0.0).max(mb));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let wall = started.elapsed();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "build failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Stage lines look like "      pdf    0.20 s"; the binary's own "total" is left
    // out for the wall time measured here.
    let stages: Vec<(String, f64)> = stdout
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let (name, secs, unit) = (words.next()?, words.next()?, words.next()?);
            (unit == "s" && words.next().is_none() && name != "total")
                .then(|| Some((name.to_string(), secs.parse().ok()?)))
                .flatten()
        })
        .collect();
    Run {
        wall,
        peak_mb: peak,
        stages,
    }
}

/// The commands that turn Markdown into a PDF the usual way: pandoc's typst writer,
/// then typst.
struct PandocTypst {
    pandoc: PathBuf,
    /// typst's command line, or Python with the `typst` package.
    typst: Vec<String>,
}

impl PandocTypst {
    fn find() -> Result<PandocTypst, String> {
        let writes_typst = |pandoc: &Path| {
            Command::new(pandoc)
                .arg("--list-output-formats")
                .output()
                .is_ok_and(|o| {
                    String::from_utf8_lossy(&o.stdout)
                        .lines()
                        .any(|l| l == "typst")
                })
        };
        let from_pip = Command::new("python3")
            .args(["-c", "import pypandoc; print(pypandoc.get_pandoc_path())"])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
        let pandoc = [Some(PathBuf::from("pandoc")), from_pip]
            .into_iter()
            .flatten()
            .find(|p| writes_typst(p))
            .ok_or("no pandoc with a typst writer (pandoc 3): pip install pypandoc-binary")?;
        let runs = |cmd: &[&str]| {
            Command::new(cmd[0])
                .args(&cmd[1..])
                .output()
                .is_ok_and(|o| o.status.success())
        };
        let typst = if runs(&["typst", "--version"]) {
            vec!["typst".to_string(), "compile".to_string()]
        } else if runs(&["python3", "-c", "import typst"]) {
            let script = "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2])";
            vec!["python3".to_string(), "-c".to_string(), script.to_string()]
        } else {
            return Err("no typst: pip install typst".to_string());
        };
        Ok(PandocTypst { pandoc, typst })
    }

    /// Converts `markdown` to a PDF beside it and returns the wall time of both steps.
    fn run(&self, markdown: &Path) -> Duration {
        let typ = markdown.with_extension("typ");
        let pdf = markdown.with_extension("pdf");
        let started = Instant::now();
        let status = Command::new(&self.pandoc)
            .arg(markdown)
            .args(["-f", "markdown", "-t", "typst", "-s", "-o"])
            .arg(&typ)
            .status()
            .expect("pandoc runs");
        assert!(status.success(), "pandoc failed on {}", markdown.display());
        let status = Command::new(&self.typst[0])
            .args(&self.typst[1..])
            .arg(&typ)
            .arg(&pdf)
            .status()
            .expect("typst runs");
        assert!(status.success(), "typst failed on {}", typ.display());
        started.elapsed()
    }
}

/// Every chapter's Markdown of the project, in file order, its front matter made into
/// the heading it stands for (`# title {#id}`, so the chapters' links to each other
/// resolve): the text pandoc and typst get.
fn same_text(project: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = walk(&project.join("content"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let mut text = String::new();
    for file in files {
        let body = std::fs::read_to_string(&file).unwrap();
        let Some((front, body)) = body
            .strip_prefix("---\n")
            .and_then(|b| b.split_once("\n---\n"))
        else {
            text.push_str(&body);
            continue;
        };
        let field = |key: &str| {
            front
                .lines()
                .find_map(|l| l.strip_prefix(key)?.strip_prefix(": "))
                .map(|v| v.trim_matches('"').to_string())
        };
        if let (Some(title), Some(id)) = (field("title"), field("id")) {
            text.push_str(&format!("# {title} {{#{id}}}\n\n"));
        }
        text.push_str(body);
        text.push_str("\n\n");
    }
    let path = project.join("same-text.md");
    std::fs::write(&path, text).unwrap();
    path
}

fn best_of_3<T>(mut run: impl FnMut() -> T, wall: impl Fn(&T) -> Duration) -> T {
    run(); // warm the file cache
    (0..3).map(|_| run()).min_by_key(|r| wall(r)).unwrap()
}

fn main() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let others = PandocTypst::find();
    if let Err(why) = &others {
        println!("NOTE: the comparison with pandoc + typst is skipped: {why}");
    }
    let sizes = [1, 5, 10];
    let mut runs = Vec::new();
    for times in sizes {
        let project = generate(times);
        let ours = best_of_3(|| build(&project), |r| r.wall);
        let theirs = others.as_ref().ok().map(|tools| {
            let markdown = same_text(&project);
            best_of_3(|| tools.run(&markdown), |d| *d)
        });
        let _ = std::fs::remove_dir_all(&project);
        runs.push((times, ours, theirs));
    }
    let (one, one_theirs) = (&runs[0].1, runs[0].2);
    println!("\nbuild of the example at 1×, 5× and 10× (best of 3, --draft), {cores} cores:");
    for (times, run, theirs) in &runs {
        let peak = run
            .peak_mb
            .map_or("n/a".to_string(), |mb| format!("{mb:.0} MB"));
        println!(
            "{times:>3}×  {:>6.2} s wall ({:>4.1}× the 1× time)  peak {peak}",
            run.wall.as_secs_f64(),
            run.wall.as_secs_f64() / one.wall.as_secs_f64(),
        );
        if let (Some(theirs), Some(one_theirs)) = (theirs, one_theirs) {
            println!(
                "      pandoc + typst on the same text {:>6.2} s ({:>4.1}× their 1× time): ratio {:.2}",
                theirs.as_secs_f64(),
                theirs.as_secs_f64() / one_theirs.as_secs_f64(),
                run.wall.as_secs_f64() / theirs.as_secs_f64()
            );
        }
        for (stage, secs) in &run.stages {
            let base = one
                .stages
                .iter()
                .find(|(s, _)| s == stage)
                .map_or(f64::NAN, |(_, b)| *b);
            println!(
                "       {stage:>9} {secs:>6.2} s  ({:>4.1}× the 1× stage)",
                secs / base
            );
        }
    }
}
