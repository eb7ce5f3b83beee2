//! Running the command line on a hostile file the way the safety promise is stated:
//! under a memory limit, with its time and peak memory measured, and killed if it
//! would run on. The limits are the README's: 5 s of processor time and 1 GB.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The memory a run may reserve (RLIMIT_AS): past it, allocation fails and the
/// process aborts, so a test sees a crash rather than a machine out of memory.
pub const MEMORY_LIMIT: u64 = 1 << 30;
/// The processor time a run may take.
pub const TIME_LIMIT: Duration = Duration::from_secs(5);
/// A run still going after this long on the wall clock is killed: a hang must fail
/// the test, not stall the suite. Generous, because the suite runs tests in parallel
/// on two cores; what is asserted is processor time, which load does not inflate.
const WALL_LIMIT: Duration = Duration::from_secs(60);

/// What a bounded run did.
#[derive(Debug)]
pub struct Bounded {
    /// The exit status, or `None` if a signal ended it (a crash, an abort, the kill).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    /// User plus system time; None where the system does not report it to a test
    /// (Windows).
    pub cpu: Option<Duration>,
    /// Peak resident memory, in bytes; None as `cpu`.
    pub peak: Option<u64>,
    pub killed: bool,
}

impl Bounded {
    /// Asserts the run ended by itself with `code`, inside the time and memory limits.
    pub fn assert_within_limits(&self, code: i32) -> &Self {
        assert!(
            !self.killed,
            "still running after {WALL_LIMIT:?}: {self:#?}"
        );
        assert_eq!(self.code, Some(code), "{self:#?}");
        let (Some(cpu), Some(peak)) = (self.cpu, self.peak) else {
            eprintln!("NOTE: processor time and memory are not measured on this system");
            return self;
        };
        assert!(
            cpu <= TIME_LIMIT,
            "took {cpu:?} of processor time (limit {TIME_LIMIT:?})"
        );
        assert!(
            peak <= MEMORY_LIMIT,
            "peak memory {} MB (limit {} MB)",
            peak >> 20,
            MEMORY_LIMIT >> 20
        );
        self
    }

    /// Asserts that stderr (or stdout) says `words`.
    pub fn says(&self, words: &str) -> &Self {
        assert!(
            self.stderr.contains(words) || self.stdout.contains(words),
            "expected {words:?} in:\n{}\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

/// Runs the command line with `args` from `cwd`, under [`MEMORY_LIMIT`], and
/// measures it. Unix: setrlimit and wait4, run on Linux by every `cargo test` here
/// and on macOS by the release workflow.
#[cfg(unix)]
pub fn run_bounded(cwd: &Path, args: &[&str]) -> Bounded {
    use std::os::unix::process::CommandExt;
    let mut command = Command::new(env!("CARGO_BIN_EXE_safeguarding-report"));
    command
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("CARGO")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: setrlimit is async-signal-safe and touches nothing of the parent's.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: MEMORY_LIMIT,
                rlim_max: MEMORY_LIMIT,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = command.spawn().expect("the binary runs");
    let pid = child.id() as libc::pid_t;
    let out_reader = drain(child.stdout.take().unwrap());
    let err_reader = drain(child.stderr.take().unwrap());

    let start = Instant::now();
    let mut killed = false;
    let (status, usage) = loop {
        let mut status = 0;
        // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: pid is our child, not yet reaped; both pointers are to locals.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break (status, usage);
        }
        assert!(r == 0, "wait4: {}", std::io::Error::last_os_error());
        if start.elapsed() > WALL_LIMIT && !killed {
            let _ = child.kill();
            killed = true;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    Bounded {
        code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
        cpu: Some(time(usage.ru_utime) + time(usage.ru_stime)),
        // ru_maxrss is in kilobytes on Linux, in bytes on macOS.
        peak: Some(usage.ru_maxrss as u64 * if cfg!(target_os = "macos") { 1 } else { 1024 }),
        killed,
    }
}

/// [`run_bounded`] where there is no setrlimit or wait4 (Windows): the run is killed
/// after the wall-clock limit as on Unix, its time and memory are not measured.
/// Compiled by `cargo check --target x86_64-pc-windows-gnu --lib --bins --tests` and run by
/// the release workflow's Windows job.
#[cfg(not(unix))]
pub fn run_bounded(cwd: &Path, args: &[&str]) -> Bounded {
    let mut child = Command::new(env!("CARGO_BIN_EXE_safeguarding-report"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("CARGO")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let out_reader = drain(child.stdout.take().unwrap());
    let err_reader = drain(child.stderr.take().unwrap());
    let start = Instant::now();
    let mut killed = false;
    let status = loop {
        if let Some(status) = child.try_wait().expect("the run can be waited for") {
            break status;
        }
        if start.elapsed() > WALL_LIMIT && !killed {
            let _ = child.kill();
            killed = true;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Bounded {
        code: status.code(),
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
        cpu: None,
        peak: None,
        killed,
    }
}

fn drain(mut pipe: impl std::io::Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}
