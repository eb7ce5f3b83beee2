//! `serve`: a live preview of the website while the report is written. It builds the
//! website into a preview folder of its own (never the project's `build/`), serves it
//! on the loopback address, watches the project's files and rebuilds when one is
//! saved; the open page reloads itself. The PDF is made in the background after each
//! rebuild and served at the address the website links to.
//!
//! While the project has a problem, every page shows the problem (where it is and
//! what is wrong) instead of stale content, and the terminal prints it as `validate`
//! does. Ctrl-C stops the server and removes the preview folder.

mod background;
mod http;
mod page;
mod watch;

use std::io::IsTerminal;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::{Error, render};

/// How long the files must be quiet after a save before the rebuild starts: editors
/// write a temporary file and rename it, several events for one save.
const QUIET: Duration = Duration::from_millis(100);

/// What the user asked for.
pub struct Options {
    pub project: PathBuf,
    pub port: u16,
    /// The address to listen on; the loopback address unless the user names another.
    pub host: Option<IpAddr>,
}

/// What the main loop hears: a file changed, the background work changed what the
/// website shows (the DRAFT mark, the PDF's size), or the user pressed Ctrl-C.
pub(crate) enum Signal {
    Changed(PathBuf),
    /// Rebuild the website; the text says why, for the terminal.
    Refresh(&'static str),
    Stop,
}

/// What the server shows, shared between the builder and the request threads.
pub(crate) struct Shared {
    pub state: Mutex<State>,
    /// Notified when `generation` moves on or the server stops.
    pub changed: Condvar,
}

pub(crate) struct State {
    /// Counts what the server has shown; an open page reloads when it moves on.
    pub generation: u64,
    /// The newest website built, if any.
    pub site: Option<PathBuf>,
    /// The project's problem, shown instead of every page until it is fixed.
    pub problem: Option<page::Problem>,
    /// The newest PDF made, and the address the website links it at.
    pub pdf: Option<PathBuf>,
    pub pdf_name: String,
    /// Whether the last check found error-level findings: the pages say DRAFT.
    pub draft: bool,
    pub stopping: bool,
}

/// Builds, serves and watches until Ctrl-C. Errors are the ones that stop it from
/// starting: the port is taken, the project folder cannot be watched.
pub fn run(options: &Options) -> Result<(), String> {
    let project = std::path::absolute(&options.project)
        .map_err(|e| format!("cannot find {}: {e}", options.project.display()))?;
    if !project.join("report.yaml").is_file() {
        return Err(format!(
            "{} has no report.yaml: give the report project's folder with --project",
            options.project.display()
        ));
    }
    let host = options.host.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let listener = TcpListener::bind(SocketAddr::new(host, options.port)).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            format!(
                "port {} is already in use (another preview may be running): choose another with --port",
                options.port
            )
        } else {
            format!("cannot listen on {host}:{}: {e}", options.port)
        }
    })?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("cannot read the server's address: {e}"))?;
    let preview = Preview::new()?;
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            generation: 0,
            site: None,
            problem: None,
            pdf: None,
            pdf_name: String::from("report.pdf"),
            draft: false,
            stopping: false,
        }),
        changed: Condvar::new(),
    });
    let server = http::start(listener, shared.clone())?;
    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Signal::Stop);
    })
    .map_err(|e| format!("cannot listen for Ctrl-C: {e}"))?;
    let _watcher = watch::start(&project, tx.clone())?;
    let background = background::Worker::start(preview.path.clone(), shared.clone(), tx.clone());

    let mut builder = Builder {
        project: &project,
        preview: &preview,
        shared: &shared,
        background: &background,
        built: 0,
    };
    let first = crate::progress::Progress::one("Building the preview");
    let outcome = builder.rebuild(Cause::Start);
    first.finish();
    builder.report(outcome, None);
    println!(
        "Previewing the website at http://{address}/ (press Ctrl-C to stop).\nEdit and save any file in {}: the page in the browser updates by itself.",
        options.project.display()
    );
    if !host.is_loopback() {
        println!(
            "Note: listening on {host}, so other computers on the network can open the preview too."
        );
    }
    background.begin();
    builder.watch(&rx);

    server.stop(&shared);
    background.stop();
    drop(preview);
    println!("Stopped the preview; its folder was removed.");
    Ok(())
}

/// The folder the preview is built into, under the system's temporary folder and
/// removed when the preview stops: nothing is written into the project.
struct Preview {
    path: PathBuf,
}

impl Preview {
    fn new() -> Result<Preview, String> {
        let path = std::env::temp_dir().join(format!(
            "safeguarding-report-preview-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path)
            .map_err(|e| format!("cannot create the preview folder {}: {e}", path.display()))?;
        Ok(Preview { path })
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Why the website is rebuilt.
enum Cause {
    Start,
    /// A file was saved at this moment.
    Saved(Instant),
    /// The background work changed what the pages show (the DRAFT mark, the PDF's size).
    Refresh,
}

/// What one rebuild came to.
enum Outcome {
    Built {
        /// Reading, checking and rendering the website.
        took: Duration,
        /// From the save to the new website being served, debounce included.
        shown: Option<Duration>,
        /// The folders of the website it replaced, to remove.
        old: Vec<PathBuf>,
    },
    Failed(page::Problem),
}

struct Builder<'a> {
    project: &'a Path,
    preview: &'a Preview,
    shared: &'a Shared,
    background: &'a background::Worker,
    /// Websites built so far; each goes into a folder of its own.
    built: u64,
}

impl Builder<'_> {
    /// Waits for saves and rebuilds after each burst of them, until Ctrl-C.
    fn watch(&mut self, rx: &Receiver<Signal>) {
        loop {
            let mut changed = match rx.recv() {
                Ok(Signal::Changed(path)) => vec![path],
                Ok(Signal::Refresh(why)) => {
                    let outcome = self.rebuild(Cause::Refresh);
                    self.report(outcome, Some(why.to_string()));
                    continue;
                }
                Ok(Signal::Stop) | Err(_) => return,
            };
            let saved = Instant::now();
            loop {
                match rx.recv_timeout(QUIET) {
                    Ok(Signal::Changed(path)) => {
                        if !changed.contains(&path) {
                            changed.push(path)
                        }
                    }
                    Ok(Signal::Refresh(_)) => {}
                    Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                    Err(RecvTimeoutError::Timeout) => break,
                }
            }
            let what = self.describe(&changed);
            let outcome = self.rebuild(Cause::Saved(saved));
            self.report(outcome, Some(what));
        }
    }

    /// "content/intro.md changed": the files that are still there, not an editor's
    /// temporary files that came and went.
    fn describe(&self, changed: &[PathBuf]) -> String {
        let kept: Vec<&PathBuf> = changed.iter().filter(|p| p.is_file()).collect();
        let named = kept.first().copied().unwrap_or(&changed[0]);
        let name = named.strip_prefix(self.project).unwrap_or(named);
        match kept.len().saturating_sub(1) {
            0 => format!("{} changed", name.display()),
            n => format!(
                "{} and {n} other file{} changed",
                name.display(),
                if n == 1 { "" } else { "s" }
            ),
        }
    }

    /// Loads, assembles and renders the website; the check and the PDF are left to
    /// the background worker.
    fn rebuild(&mut self, cause: Cause) -> Outcome {
        let started = Instant::now();
        let (_, mut document) = match crate::validate(self.project, false) {
            Ok(d) => d,
            Err(e) => return Outcome::Failed(page::Problem::from_error(&e)),
        };
        // As the last check found; the check of this version runs in the background.
        document.meta.draft = self.shared.state.lock().expect("the preview state").draft;
        // The preview is served from this computer, not from where the website will be
        // published: its 404 page's links stay relative, and no preview card is made.
        document.meta.site_url = None;
        self.built += 1;
        let site = self.preview.path.join(format!("site-{}", self.built));
        let work = self.preview.path.join(format!("work-{}", self.built));
        let pdf = self.background.latest();
        let rendered = render::site::render(&document, self.project, &work, &site, &pdf);
        if let Err(message) = rendered {
            let _ = std::fs::remove_dir_all(&work);
            let _ = std::fs::remove_dir_all(&site);
            return Outcome::Failed(page::Problem::from_error(&Error::Output(message)));
        }
        let took = started.elapsed();
        let old = {
            let mut state = self.shared.state.lock().expect("the preview state");
            state.generation += 1;
            state.problem = None;
            state.pdf_name = document.meta.pdf_file.clone();
            self.shared.changed.notify_all();
            state.site.replace(site)
        };
        // From here on the open page reloads with the new website.
        let shown = match cause {
            Cause::Saved(saved) => Some(saved.elapsed()),
            Cause::Start | Cause::Refresh => None,
        };
        // A refresh shows what the background work found about this same content:
        // there is nothing new to check or typeset.
        if !matches!(cause, Cause::Refresh) {
            self.background.make(document);
        }
        Outcome::Built {
            took,
            shown,
            old: old.into_iter().chain([work]).collect(),
        }
    }

    /// Shows the outcome: on the page (a problem) and in the terminal.
    fn report(&self, outcome: Outcome, change: Option<String>) {
        let what = change.map_or(String::new(), |w| format!("{w}: "));
        match outcome {
            Outcome::Built { took, shown, old } => {
                let after = shown.map_or(String::new(), |s| {
                    format!("; the page showed it {} ms after the save", s.as_millis())
                });
                println!(
                    "{what}rebuilt the website in {} ms{after}.",
                    took.as_millis()
                );
                for folder in old {
                    let _ = std::fs::remove_dir_all(folder);
                }
            }
            Outcome::Failed(problem) => {
                let color =
                    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                eprint!("{what}");
                eprint!("{}", problem.terminal(color));
                eprintln!(
                    "The preview shows this problem until it is fixed; save the file again when it is."
                );
                let mut state = self.shared.state.lock().expect("the preview state");
                state.generation += 1;
                state.problem = Some(problem);
                self.shared.changed.notify_all();
            }
        }
    }
}
