//! The check and the PDF, run in the background after each rebuild of the website:
//! together they take a second or more, and the page in the browser should not wait
//! for them. Only the newest document is checked and typeset; one that was
//! overtaken while waiting is skipped.
//!
//! The check decides whether the report is a draft (it has error-level findings);
//! when that changes, the website is rebuilt so its pages say so. It is rebuilt too
//! when the first PDF is ready, so its download link states the PDF's size.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Instant;

use super::{Shared, Signal, page};
use crate::assemble::Document;
use crate::{Error, Severity, check, render};

pub struct Worker {
    inbox: Arc<Inbox>,
    thread: Option<JoinHandle<()>>,
}

#[derive(Default)]
struct Inbox {
    queue: Mutex<Queue>,
    arrived: Condvar,
}

#[derive(Default)]
struct Queue {
    next: Option<Document>,
    /// The newest PDF's bytes, given to the website so its download link states the
    /// PDF's size.
    latest: Arc<Vec<u8>>,
    /// False until [`Worker::begin`]: the first check waits for the preview's address
    /// to be printed, so the terminal's first lines always come in one order.
    begun: bool,
    stopping: bool,
}

impl Worker {
    /// `tx` is told when the draft state changes, so the website is rebuilt.
    pub fn start(folder: PathBuf, shared: Arc<Shared>, tx: Sender<Signal>) -> Worker {
        let inbox = Arc::new(Inbox::default());
        let theirs = inbox.clone();
        let thread = std::thread::spawn(move || work(&theirs, &folder, &shared, &tx));
        Worker {
            inbox,
            thread: Some(thread),
        }
    }

    /// Asks for the check and the PDF of `document`, replacing any not yet started.
    pub fn make(&self, document: Document) {
        let mut queue = self.inbox.queue.lock().expect("the PDF queue");
        queue.next = Some(document);
        self.inbox.arrived.notify_all();
    }

    /// Lets the work asked for so far, and all later work, start.
    pub fn begin(&self) {
        let mut queue = self.inbox.queue.lock().expect("the PDF queue");
        queue.begun = true;
        self.inbox.arrived.notify_all();
    }

    /// The newest PDF made so far (empty before the first).
    pub fn latest(&self) -> Arc<Vec<u8>> {
        self.inbox
            .queue
            .lock()
            .expect("the PDF queue")
            .latest
            .clone()
    }

    /// Stops after the PDF being made, if any, without starting another.
    pub fn stop(mut self) {
        {
            let mut queue = self.inbox.queue.lock().expect("the PDF queue");
            queue.stopping = true;
            queue.next = None;
            self.inbox.arrived.notify_all();
        }
        // Typesetting cannot be interrupted; the process ends without waiting for it.
        drop(self.thread.take());
    }
}

fn work(inbox: &Inbox, folder: &std::path::Path, shared: &Shared, tx: &Sender<Signal>) {
    let mut made = 0u64;
    let mut errors_before = None;
    loop {
        let mut document = {
            let queue = inbox.queue.lock().expect("the PDF queue");
            let mut queue = inbox
                .arrived
                .wait_while(queue, |q| (!q.begun || q.next.is_none()) && !q.stopping)
                .expect("the PDF queue");
            if queue.stopping {
                return;
            }
            queue.next.take().expect("woken with a document")
        };
        let Some(errors) = run_check(&document, shared) else {
            continue;
        };
        if errors_before != Some(errors) {
            errors_before = Some(errors);
            if errors > 0 {
                println!(
                    "The report has {errors} error-level finding{}, so it is marked DRAFT: `{}` lists them.",
                    if errors == 1 { "" } else { "s" },
                    crate::invocation::on_project("check")
                );
            }
        }
        let draft = errors > 0;
        let was_draft = std::mem::replace(
            &mut shared.state.lock().expect("the preview state").draft,
            draft,
        );
        if was_draft != draft {
            let _ = tx.send(Signal::Refresh("the check changed the DRAFT mark"));
        }
        document.meta.draft = draft;
        made += 1;
        let first = inbox.queue.lock().expect("the PDF queue").latest.is_empty();
        let path = folder.join(format!("report-{made}.pdf"));
        if !typeset(inbox, &document, &path, shared) {
            return;
        }
        // The website was built before there was a PDF, so its download link had no
        // size: rebuild it now that there is one.
        if first && !inbox.queue.lock().expect("the PDF queue").latest.is_empty() {
            let _ = tx.send(Signal::Refresh("the PDF is ready"));
        }
    }
}

/// Checks the document; its error-level findings, or `None` if the check could not
/// run (its `check:` settings are wrong), which the page then shows.
fn run_check(document: &Document, shared: &Shared) -> Option<usize> {
    match check::check(document, &check::Options::default()) {
        Ok(report) => Some(report.count(Severity::Error)),
        Err(failure) => {
            let problem = page::Problem::from_error(&Error::Input(failure));
            let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            eprint!("{}", problem.terminal(colour));
            let mut state = shared.state.lock().expect("the preview state");
            state.generation += 1;
            state.problem = Some(problem);
            shared.changed.notify_all();
            None
        }
    }
}

/// Makes the PDF into `path` and serves it; false once the preview has stopped.
fn typeset(inbox: &Inbox, document: &Document, path: &std::path::Path, shared: &Shared) -> bool {
    let started = Instant::now();
    match render::pdf::render(document) {
        Ok(bytes) => {
            // The folder is gone once the preview has stopped: then nothing is written.
            if std::fs::write(path, &bytes).is_err() {
                return false;
            }
            let size = render::site::file_size(bytes.len());
            inbox.queue.lock().expect("the PDF queue").latest = Arc::new(bytes);
            let old = shared
                .state
                .lock()
                .expect("the preview state")
                .pdf
                .replace(path.to_path_buf());
            if let Some(old) = old {
                let _ = std::fs::remove_file(old);
            }
            println!(
                "made the PDF in {:.1} s ({size})",
                started.elapsed().as_secs_f64()
            );
        }
        Err(message) => eprintln!("The PDF could not be made: {message}"),
    }
    true
}
