//! Running the command line on a hostile file the way the safety promise is stated:
//! under a memory limit, with its time and peak memory measured, and killed if it
//! would run on. The limits are the README's: 5 s of processor time and 1 GB.

use std::os::unix::process::CommandExt;
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
    /// User plus system time.
    pub cpu: Duration,
    /// Peak resident memory, in bytes.
    pub peak: u64,
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
        assert!(
            self.cpu <= TIME_LIMIT,
            "took {:?} of processor time (limit {TIME_LIMIT:?})",
            self.cpu
        );
        assert!(
            self.peak <= MEMORY_LIMIT,
            "peak memory {} MB (limit {} MB)",
            self.peak >> 20,
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
/// measures it.
pub fn run_bounded(cwd: &Path, args: &[&str]) -> Bounded {
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
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        // ru_maxrss is in kilobytes on Linux.
        peak: usage.ru_maxrss as u64 * 1024,
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
