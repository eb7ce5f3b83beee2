//! How `build` grows with the size of a report, and how it compares with pandoc +
//! typst on the same text: the shipped example at 1×, 5× and 10× its length, built
//! by the real binary as a user runs it. Prints each stage's time (from the binary's
//! own stage lines: the check, the PDF and the website run side by side, so the wall
//! time is less than their sum), the wall time, the processor time and the peak
//! memory of the process.
//!
//! A report grows the way partnerships' reports do (see [`generate`]): the same
//! chapters, more sections in the chapters that gather contributions, longer
//! chapters, and no paragraph the same as another.
//!
//! The machine may be shared, so each size is built once to warm the file cache and
//! then three times, and the run with the median wall time is shown, with the load
//! average before it. Processor time varies less with the load than wall time does.
//!
//! The comparison converts the same Markdown (every chapter's text, front matter
//! left out) to a PDF with `pandoc -t typst` then typst: pandoc 3 from PATH or from
//! `pip install pypandoc-binary`, typst from PATH or from `pip install typst` (the
//! same typst version the tool is built with). Without them the comparison is
//! skipped with a note saying so. Run with `cargo bench --bench build`; nothing here
//! asserts.
//!
//! Unix only (Linux, macOS): the processor time and peak memory come from `wait4`
//! and `getrusage`, which Windows does not have.

mod support;
use support::copy;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the example `times` as long, grown as reports grow: a partnership's
/// report keeps its chapters (the guidance's headings), and is longer because more
/// partners and reviews contribute and each chapter says more. So every section
/// under a chapter is copied `times - 1` times under the same chapter, with an id of
/// its own, and every chapter's own text is repeated `times` times. Each copy's
/// lines are marked with the copy's number, so no paragraph repeats another and
/// typst cannot reuse one paragraph's layout for the next, as it could not in a real
/// report.
fn generate(times: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sr-bench-{times}x-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy(&example().join("content"), &dir.join("content"));
    std::fs::copy(example().join("report.yaml"), dir.join("report.yaml")).unwrap();
    let sections = walk(&dir.join("content"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"));
    for file in sections {
        let text = std::fs::read_to_string(&file).unwrap();
        let (front, body) = text
            .strip_prefix("---\n")
            .and_then(|t| t.split_once("\n---\n"))
            .expect("every section of the example has front matter");
        let is_chapter = !front.lines().any(|l| l.starts_with("parent: "));
        if is_chapter {
            let bodies: Vec<String> = (1..=times).map(|k| marked(body, k)).collect();
            std::fs::write(&file, format!("---\n{front}\n---\n{}", bodies.join("\n\n"))).unwrap();
            continue;
        }
        for k in 2..=times {
            let front: Vec<String> = front
                .lines()
                .map(|l| match l.strip_prefix("id: ") {
                    Some(id) => format!("id: {id}-{k}"),
                    None => l.to_string(),
                })
                .collect();
            let name = file.file_stem().unwrap().to_string_lossy();
            let copy = format!("---\n{}\n---\n{}", front.join("\n"), marked(body, k));
            std::fs::write(file.with_file_name(format!("{name}-copy{k}.md")), copy).unwrap();
        }
    }
    dir
}

/// `body` with ` (k)` at the end of each line of prose, list item and quote, for
/// every copy but the first; headings, tables, pictures, HTML and template tags are
/// left as they are, so the copy is still a valid section.
fn marked(body: &str, k: usize) -> String {
    if k == 1 {
        return body.to_string();
    }
    body.lines()
        .map(|line| {
            let start = line.trim_start();
            let prose = start.chars().next().is_some_and(char::is_alphanumeric)
                || ["- ", "* ", "> "].iter().any(|p| start.starts_with(p));
            if prose {
                format!("{line} ({k})")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
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

struct Run {
    wall: Duration,
    /// Processor time of the build, all its threads, user and system.
    cpu: Duration,
    peak_mb: f64,
    /// Each stage's name and time in seconds, as the binary printed them.
    stages: Vec<(String, f64)>,
}

/// Builds `project` with the binary and waits for it with `wait4`, which gives the
/// process's processor time and peak resident memory.
fn build(project: &Path) -> Run {
    let out = project.join("build");
    let _ = std::fs::remove_dir_all(&out);
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_safeguarding-report"))
        .args(["build", "--draft", "--project"])
        .arg(project)
        .arg("--out")
        .arg(&out)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let pid = child.id() as libc::pid_t;
    let (mut stdout, mut stderr) = (String::new(), String::new());
    std::io::Read::read_to_string(&mut child.stdout.unwrap(), &mut stdout).unwrap();
    std::io::Read::read_to_string(&mut child.stderr.unwrap(), &mut stderr).unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, once, with valid pointers.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert_eq!(waited, pid, "the build ran");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "build failed:\n{stdout}\n{stderr}"
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
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        peak_mb: usage.ru_maxrss as f64 / 1024.0,
        stages,
    }
}

fn seconds(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

/// The processor time of every child this process has waited for so far.
fn children_cpu() -> Duration {
    // SAFETY: an all-zero rusage is a valid value for getrusage to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: a valid pointer to our own rusage.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// The system's load average over the last minute, where /proc says it.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "n/a".to_string())
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

    /// Converts `markdown` to a PDF beside it and returns the wall and processor
    /// times of both steps.
    fn run(&self, markdown: &Path) -> (Duration, Duration) {
        let cpu_before = children_cpu();
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
        (started.elapsed(), children_cpu() - cpu_before)
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

/// The run with the median wall time of three, after one that warms the file cache.
fn median_of_3<T>(mut run: impl FnMut() -> T, wall: impl Fn(&T) -> Duration) -> T {
    run();
    let mut runs: Vec<T> = (0..3).map(|_| run()).collect();
    runs.sort_by_key(|r| wall(r));
    runs.swap_remove(1)
}

fn main() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let others = PandocTypst::find();
    if let Err(why) = &others {
        println!("NOTE: the comparison with pandoc + typst is skipped: {why}");
    }
    let mut runs = Vec::new();
    for times in [1, 5, 10] {
        let project = generate(times);
        let load_before = load();
        let ours = median_of_3(|| build(&project), |r| r.wall);
        let theirs = others.as_ref().ok().map(|tools| {
            let markdown = same_text(&project);
            median_of_3(|| tools.run(&markdown), |(wall, _)| *wall)
        });
        let _ = std::fs::remove_dir_all(&project);
        runs.push((times, load_before, ours, theirs));
    }
    let (one, one_theirs) = (&runs[0].2, runs[0].3);
    println!(
        "\nbuild of the example at 1×, 5× and 10× its length (median of 3, --draft), {cores} cores:"
    );
    for (times, load, run, theirs) in &runs {
        println!(
            "{times:>3}×  {:>6.2} s wall ({:>4.1}× the 1× time), {:>6.2} s processor, peak {:.0} MB; load average {load}",
            run.wall.as_secs_f64(),
            run.wall.as_secs_f64() / one.wall.as_secs_f64(),
            run.cpu.as_secs_f64(),
            run.peak_mb,
        );
        if let (Some((wall, cpu)), Some((one_wall, _))) = (theirs, one_theirs) {
            println!(
                "      pandoc + typst on the same text {:>6.2} s wall ({:>4.1}× their 1× time), {:>6.2} s processor: ratio {:.2} (processor {:.2})",
                wall.as_secs_f64(),
                wall.as_secs_f64() / one_wall.as_secs_f64(),
                cpu.as_secs_f64(),
                run.wall.as_secs_f64() / wall.as_secs_f64(),
                run.cpu.as_secs_f64() / cpu.as_secs_f64(),
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
