//! `serve`, as a user runs it: from another folder, with a relative project path
//! with a space in it, on a copy of the shipped example. The tests read the served
//! pages over HTTP as a browser would, edit the project's files as an editor would,
//! and wait (bounded) for the page to change. The times `serve` prints for each
//! rebuild are copied into the test log (`cargo test --release --test serve --
//! --nocapture`); nothing here asserts a time.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use common::*;

/// Long enough for the first build of the example on a busy two-core machine.
const PATIENCE: Duration = Duration::from_secs(180);

/// A running `serve`, stopped when dropped so no test leaves one behind.
struct Server {
    child: Child,
    address: String,
    stdout: Receiver<String>,
    stderr: Receiver<String>,
    /// Lines of stdout already read while waiting for another line.
    earlier: Vec<String>,
}

impl Server {
    /// Starts `serve --project <project> --port 0` in `cwd` and waits for its address.
    fn start(cwd: &Path, project: &str, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_safeguarding-report"))
            .args(["serve", "--project", project, "--port", "0"])
            .args(extra)
            .current_dir(cwd)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let stdout = lines(child.stdout.take().unwrap(), "serve stdout");
        let stderr = lines(child.stderr.take().unwrap(), "serve stderr");
        let mut server = Server {
            child,
            address: String::new(),
            stdout,
            stderr,
            earlier: Vec::new(),
        };
        let line = server.wait_for_line(|l| l.contains("Previewing the website at http://"));
        let start = line.find("http://").unwrap() + "http://".len();
        let end = line[start..].find('/').unwrap() + start;
        server.address = line[start..end].to_string();
        server
    }

    /// A line of stdout that `wanted` accepts, whether it was printed before
    /// the lines already waited for (the server's threads print in no fixed
    /// order) or is still to come.
    fn printed(&mut self, wanted: impl Fn(&str) -> bool) -> String {
        match self.earlier.iter().find(|l| wanted(l)) {
            Some(line) => line.clone(),
            None => self.wait_for_line(wanted),
        }
    }

    /// Waits (bounded) for a line of stdout, printed from now on, that `wanted`
    /// accepts.
    fn wait_for_line(&mut self, wanted: impl Fn(&str) -> bool) -> String {
        let until = Instant::now() + PATIENCE;
        loop {
            let left = until.saturating_duration_since(Instant::now());
            match self.stdout.recv_timeout(left) {
                Ok(line) if wanted(&line) => return line,
                Ok(line) => self.earlier.push(line),
                Err(RecvTimeoutError::Timeout) => panic!("serve did not print the line in time"),
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "serve stopped early: {}",
                    self.stderr.try_iter().collect::<Vec<_>>().join("\n")
                ),
            }
        }
    }

    fn get(&self, path: &str) -> (u16, String) {
        get(&self.address, path)
    }

    /// Fetches `path` until `done` accepts the page (bounded), and returns it.
    fn poll(&self, path: &str, what: &str, done: impl Fn(u16, &str) -> bool) -> String {
        let until = Instant::now() + PATIENCE;
        loop {
            let (status, body) = self.get(path);
            if done(status, &body) {
                return body;
            }
            assert!(
                Instant::now() < until,
                "{what}: {path} did not change in time; it shows:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Presses Ctrl-C (SIGINT, as a terminal does) and waits for it to end. The
    /// shell's own `kill`, as every system has a shell but not every one procps.
    fn interrupt(&mut self) -> std::process::ExitStatus {
        let sent = Command::new("sh")
            .args(["-c", &format!("kill -INT {}", self.child.id())])
            .status()
            .unwrap();
        assert!(sent.success());
        let until = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < until, "serve did not stop after Ctrl-C");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    /// Ctrl-C, so the preview folder is removed; killed if that does not stop it.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = Command::new("sh")
                .args(["-c", &format!("kill -INT {}", self.child.id())])
                .status();
            let until = Instant::now() + Duration::from_secs(30);
            while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < until {
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The lines a child writes, as they come, copied into the test log.
fn lines(from: impl Read + Send + 'static, name: &'static str) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(from).lines() {
            let Ok(line) = line else { return };
            eprintln!("[{name}] {line}");
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    rx
}

/// One HTTP/1.0 GET, sent as written (no client tidies the path first).
fn get(address: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).expect("the server accepts connections");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, body.to_string())
}

/// A copy of the shipped example in `<scratch>/my report`, and the scratch folder
/// to run from.
fn example_copy(name: &str) -> (PathBuf, PathBuf) {
    let cwd = scratch(name);
    let project = cwd.join("my report");
    std::fs::create_dir_all(&project).unwrap();
    for entry in ["report.yaml", "book.toml"] {
        std::fs::copy(root().join(entry), project.join(entry)).unwrap();
    }
    let content = copy_project(&root().join("content"), name);
    std::fs::rename(&content, project.join("content")).unwrap();
    (cwd, project)
}

/// Line and column (from 1) of the first `needle` in `text`.
fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap();
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

#[test]
fn an_edit_shows_on_the_open_page_a_problem_replaces_it_until_fixed_and_ctrl_c_tidies_up() {
    let (cwd, project) = example_copy("serve-edit");
    let before = snapshot(&project);
    let mut server = Server::start(&cwd, "my report", &[]);
    assert!(
        server.address.starts_with("127.0.0.1:"),
        "{}",
        server.address
    );

    // The first page is the report's, with the script that reloads it.
    let (status, first) = server.get("/");
    assert_eq!(status, 200);
    assert!(first.contains("Herefordshire Safeguarding Children Partnership"));
    assert!(first.contains("/__safeguarding-report/changes?since="));

    // Saving a section shows the new text on its page.
    let section = project.join("content/02-herefordshire-context.md");
    let page = "/herefordshire-context.html";
    let (status, old) = server.get(page);
    assert_eq!(status, 200);
    assert!(!old.contains("Forty-two new foster carers"));
    edit(
        &section,
        "In Herefordshire, the population size",
        "Forty-two new foster carers joined this year.\n\nIn Herefordshire, the population size",
    );
    server.poll(page, "after an edit", |s, body| {
        s == 200 && body.contains("Forty-two new foster carers joined this year.")
    });
    // The background PDF and the check print "rebuilt" lines of their own.
    let rebuilt = server.printed(|l| {
        l.contains("rebuilt the website in") && l.contains("02-herefordshire-context.md changed")
    });
    eprintln!("edit-to-reload on the example: {rebuilt}");

    // A misspelt data set name in a template call: the page shows where and what,
    // instead of the report, and the terminal prints the same.
    edit(
        &section,
        "{{ table(data=\"growing_up\") }}",
        "{{ table(data=\"growng_up\") }}",
    );
    let text = std::fs::read_to_string(&section).unwrap();
    let (line, _) = line_col(&text, "growng_up");
    let place = format!("content/02-herefordshire-context.md:{line}:");
    let problem = server.poll(page, "after breaking a file", |_, body| {
        body.contains("problem") && !body.contains("Forty-two new foster carers")
    });
    assert!(problem.contains(&place), "no {place} in:\n{problem}");
    assert!(problem.contains("growng_up"), "{problem}");
    let (_, home) = server.get("/");
    assert!(
        home.contains(&place),
        "the first page shows the problem too"
    );
    let printed: String = {
        let until = Instant::now() + PATIENCE;
        let mut text = String::new();
        while !text.contains(&place) && Instant::now() < until {
            if let Ok(line) = server.stderr.recv_timeout(Duration::from_secs(1)) {
                text.push_str(&line);
                text.push('\n');
            }
        }
        text
    };
    assert!(printed.contains(&place), "the terminal: {printed}");

    // Fixing it brings the report back.
    edit(
        &section,
        "{{ table(data=\"growng_up\") }}",
        "{{ table(data=\"growing_up\") }}",
    );
    server.poll(page, "after the fix", |s, body| {
        s == 200 && body.contains("Forty-two new foster carers") && !body.contains(&place)
    });

    // The PDF is made in the background and served where the website links it.
    let pdf = server.poll("/report.pdf", "the PDF", |s, body| {
        s == 200 && body.starts_with("%PDF")
    });
    assert!(pdf.len() > 10_000);

    // Ctrl-C: it stops, removes its preview folder, and wrote nothing in the project.
    let pid = server.child.id();
    let status = server.interrupt();
    assert!(status.success(), "{status:?}");
    let preview = std::env::temp_dir().join(format!("safeguarding-report-preview-{pid}"));
    assert!(!preview.exists(), "{} was left behind", preview.display());
    let after = snapshot(&project);
    let names = |s: &[(PathBuf, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&before), names(&after), "no file added or removed");
    assert!(!project.join("build").exists());
}

#[test]
fn it_listens_on_this_computer_only_and_serves_nothing_outside_the_website() {
    let (cwd, _) = example_copy("serve-safe");
    let server = Server::start(&cwd, "my report", &[]);
    let port: u16 = server.address.rsplit(':').next().unwrap().parse().unwrap();
    assert!(server.address.starts_with("127.0.0.1:"));
    // This computer's address on its network, if it has one: nothing listens there.
    let outward = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))
        .and_then(|s| s.connect("192.0.2.1:9").map(|_| s))
        .and_then(|s| s.local_addr())
        .map(|a| a.ip())
        .ok()
        .filter(|ip| !ip.is_loopback() && !ip.is_unspecified());
    match outward {
        Some(ip) => assert!(
            TcpStream::connect_timeout(&SocketAddr::new(ip, port), Duration::from_secs(2)).is_err(),
            "the preview answers on {ip}"
        ),
        None => eprintln!("no network address to try; the 127.0.0.1 address is checked"),
    }

    // Paths that climb out of the served folder, written as a browser never would.
    for path in [
        "/../../../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/css/../../../../../../../etc/passwd",
        "/..\\..\\..\\..\\..\\..\\etc\\passwd",
    ] {
        let (status, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("root:"), "{path} served {body}");
    }
    // An address that is not in the report is the report's own "not found" page.
    let (status, body) = server.get("/no-such-page.html");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "{body}");
}

#[test]
fn a_port_in_use_is_refused_with_a_way_out() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (cwd, _) = example_copy("serve-port");
    let o = run_in(&cwd, &["serve", "--project", "my report", "--port", &port]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("port {port} is already in use")));
    assert!(stderr(&o).contains("--port"));
}

#[test]
fn a_report_with_error_level_findings_is_previewed_marked_draft() {
    // A fresh project lacks what the guidance asks for: `build` would need --draft.
    let cwd = scratch("serve-draft");
    let made = new_project(&cwd, "our report", "2023-04-01..2024-03-31");
    assert!(made.status.success(), "{}", stderr(&made));
    let mut server = Server::start(&cwd, "our report", &[]);
    server.printed(|l| l.contains("error-level finding") && l.contains("DRAFT"));
    server.poll("/", "the DRAFT mark", |s, body| {
        s == 200 && body.contains("<strong>DRAFT</strong>")
    });
    let pdf = server.poll("/report.pdf", "the PDF", |s, body| {
        s == 200 && body.starts_with("%PDF")
    });
    assert!(pdf.len() > 1_000);
    // Once the PDF is made, the download link states its size.
    server.poll("/", "the PDF's size", |_, body| {
        body.contains("Download the full report as a PDF (") && !body.contains("PDF (0 KB)")
    });
}
