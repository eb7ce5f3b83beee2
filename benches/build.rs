//! How `build` grows with the size of a report: the shipped example at 1×, 5× and 10×
//! (every section copied with new ids by a generator here, nothing committed), built
//! by the real binary as a user runs it. Prints the time of each stage (from the
//! binary's own stage lines) and the peak memory of the process (VmHWM, sampled from
//! /proc while it runs). Run with `cargo bench --bench build`; nothing here asserts.

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
/// far) or `VmRSS` (now).
fn memory_mb(pid: u32, field: &str) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

struct Run {
    wall: Duration,
    peak_mb: f64,
    /// Each stage's name, time in seconds and the most memory held while it ran (MB).
    stages: Vec<(String, f64, f64)>,
}

/// The most memory held during each stage: the stages run one after another, so
/// their times laid end to end give each one's window in the sampled timeline.
fn stage_peaks(stages: &[(String, f64)], samples: &[(f64, f64)]) -> Vec<(String, f64, f64)> {
    let mut start = 0.0;
    stages
        .iter()
        .map(|(name, secs)| {
            let end = start + secs;
            let peak = samples
                .iter()
                .filter(|(t, _)| *t >= start && *t <= end + 0.01)
                .map(|(_, mb)| *mb)
                .fold(0.0, f64::max);
            start = end;
            (name.clone(), *secs, peak)
        })
        .collect()
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
    let mut peak: f64 = 0.0;
    let mut samples = Vec::new();
    while child.try_wait().unwrap().is_none() {
        if let Some(mb) = memory_mb(child.id(), "VmHWM:") {
            peak = peak.max(mb);
        }
        if let Some(mb) = memory_mb(child.id(), "VmRSS:") {
            samples.push((started.elapsed().as_secs_f64(), mb));
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
    // Stage lines look like "      pdf    0.20 s".
    let stages: Vec<(String, f64)> = stdout
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let (name, secs, unit) = (words.next()?, words.next()?, words.next()?);
            (unit == "s" && words.next().is_none())
                .then(|| Some((name.to_string(), secs.parse().ok()?)))
                .flatten()
        })
        .collect();
    Run {
        wall,
        peak_mb: peak,
        stages: stage_peaks(&stages, &samples),
    }
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` would pass nothing useful.
    let sizes = [1, 5, 10];
    let mut runs = Vec::new();
    for times in sizes {
        let project = generate(times);
        build(&project); // warm the file cache
        let best = (0..3)
            .map(|_| build(&project))
            .min_by(|a, b| a.wall.cmp(&b.wall))
            .unwrap();
        let _ = std::fs::remove_dir_all(&project);
        runs.push((times, best));
    }
    let one = &runs[0].1;
    println!("\nbuild of the example at 1×, 5× and 10× (best of 3, --draft):");
    for (times, run) in &runs {
        println!(
            "{times:>3}×  {:>6.2} s wall ({:>4.1}× the 1× time)  peak {:>6.0} MB",
            run.wall.as_secs_f64(),
            run.wall.as_secs_f64() / one.wall.as_secs_f64(),
            run.peak_mb
        );
        for (stage, secs, mb) in &run.stages {
            let base = one
                .stages
                .iter()
                .find(|(s, _, _)| s == stage)
                .map_or(f64::NAN, |(_, b, _)| *b);
            println!(
                "       {stage:>9} {secs:>6.2} s  ({:>4.1}× the 1× stage)  up to {mb:>6.0} MB held",
                secs / base
            );
        }
    }
}
