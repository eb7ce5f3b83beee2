//! The preview's web server: the newest website, the newest PDF at the address the
//! website links it at, the problem page while the project has one, and the address
//! the reload script waits on. Nothing outside the preview folder is ever served.

use std::io::Cursor;
use std::net::TcpListener;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server};

use super::{Shared, page};

/// How long a reload script's question is held open before it is answered "nothing
/// new" (it then asks again).
const HOLD: Duration = Duration::from_secs(25);

pub struct Running {
    server: Arc<Server>,
    thread: JoinHandle<()>,
}

/// Starts answering requests on `listener`, each on a thread of its own (a reload
/// script's question waits for the next rebuild).
pub fn start(listener: TcpListener, shared: Arc<Shared>) -> Result<Running, String> {
    let server = Arc::new(
        Server::from_listener(listener, None)
            .map_err(|e| format!("cannot start the web server: {e}"))?,
    );
    let accepting = server.clone();
    let thread = std::thread::spawn(move || {
        while let Ok(request) = accepting.recv() {
            let shared = shared.clone();
            std::thread::spawn(move || answer(request, &shared));
        }
    });
    Ok(Running { server, thread })
}

impl Running {
    /// Stops accepting requests and answers the waiting reload scripts.
    pub fn stop(self, shared: &Shared) {
        {
            let mut state = shared.state.lock().expect("the preview state");
            state.stopping = true;
            shared.changed.notify_all();
        }
        self.server.unblock();
        let _ = self.thread.join();
    }
}

fn answer(request: Request, shared: &Shared) {
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let response = if path == page::CHANGES {
        changes(shared, query)
    } else {
        file(shared, path)
    };
    let _ = request.respond(response);
}

/// Answers the reload script: the current generation, as soon as it differs from
/// the one the page was made at (or after [`HOLD`]).
fn changes(shared: &Shared, query: &str) -> Response<Cursor<Vec<u8>>> {
    let since: Option<u64> = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("since="))
        .and_then(|n| n.parse().ok());
    let state = shared.state.lock().expect("the preview state");
    let (state, _) = shared
        .changed
        .wait_timeout_while(state, HOLD, |s| Some(s.generation) == since && !s.stopping)
        .expect("the preview state");
    respond(state.generation.to_string().into_bytes(), "text/plain", 200)
}

/// A file of the website, the PDF, or one of the preview's own pages.
fn file(shared: &Shared, path: &str) -> Response<Cursor<Vec<u8>>> {
    let state = shared.state.lock().expect("the preview state");
    let generation = state.generation;
    let Some(relative) = safe_path(path) else {
        return respond(b"Not found".to_vec(), "text/plain", 404);
    };
    if relative == Path::new(&state.pdf_name) {
        return match &state.pdf {
            Some(pdf) => match std::fs::read(pdf) {
                Ok(bytes) => respond(bytes, "application/pdf", 200),
                Err(_) => respond(page::pdf_pending().into_bytes(), HTML, 200),
            },
            None => respond(page::pdf_pending().into_bytes(), HTML, 200),
        };
    }
    let is_page =
        relative.as_os_str().is_empty() || relative.extension().is_none_or(|e| e == "html");
    if is_page && let Some(problem) = &state.problem {
        return respond(problem.page(generation).into_bytes(), HTML, 200);
    }
    let Some(site) = state.site.clone() else {
        return respond(page::building(generation).into_bytes(), HTML, 200);
    };
    drop(state);
    let mut file = site.join(&relative);
    if file.is_dir() {
        file.push("index.html");
    }
    let (file, status) = if file.is_file() {
        (file, 200)
    } else {
        (site.join("404.html"), 404)
    };
    let Ok(bytes) = std::fs::read(&file) else {
        return respond(b"Not found".to_vec(), "text/plain", 404);
    };
    let kind = content_type(&file);
    if kind == HTML {
        let text = String::from_utf8_lossy(&bytes);
        return respond(
            page::with_reload(&text, generation).into_bytes(),
            kind,
            status,
        );
    }
    respond(bytes, kind, status)
}

/// The path of a request as a relative path inside the served folder: decoded, and
/// refused (`None`) if any part of it would step outside (`..`, a drive, a root).
pub fn safe_path(path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    let mut relative = PathBuf::new();
    for part in decoded.split(['/', '\\']) {
        if part.is_empty() || part == "." {
            continue;
        }
        let mut components = Path::new(part).components();
        match (components.next(), components.next()) {
            (Some(Component::Normal(p)), None) => relative.push(p),
            _ => return None,
        }
    }
    Some(relative)
}

/// `%20` and the like decoded; `None` if the result is not text.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let text = String::from_utf8(out).ok()?;
    (!text.contains('\0')).then_some(text)
}

const HTML: &str = "text/html; charset=utf-8";

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => HTML,
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "xml" => "application/xml",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// A response that is never cached, so a reload always shows the newest build.
fn respond(body: Vec<u8>, kind: &str, status: u16) -> Response<Cursor<Vec<u8>>> {
    let header = |name: &str, value: &str| {
        Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
    };
    Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_would_leave_the_served_folder_are_refused() {
        for path in [
            "/../secret",
            "/a/../../secret",
            "/%2e%2e/secret",
            "/%2E%2E%2Fsecret",
            "/..%5csecret",
            "/..\\secret",
            "/a/%00",
        ] {
            assert_eq!(safe_path(path), None, "{path}");
        }
    }

    #[test]
    fn ordinary_paths_are_decoded_inside_the_folder() {
        assert_eq!(safe_path("/"), Some(PathBuf::new()));
        assert_eq!(
            safe_path("/images/My%20logo.png"),
            Some(PathBuf::from("images/My logo.png"))
        );
        assert_eq!(
            safe_path("//css/./general.css"),
            Some(PathBuf::from("css/general.css"))
        );
    }
}
