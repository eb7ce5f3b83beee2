//! A tiny web server on 127.0.0.1 that serves a built website from a sub-folder of
//! a site, as a partnership's web server would: /reports/2021-22/ and nothing else,
//! with the website's 404.html for a missing page, as a web team sets it up
//! (Apache's `ErrorDocument 404 /reports/2021-22/404.html`).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

/// The folder the website is served from.
pub const PREFIX: &str = "/reports/2021-22/";
/// Where the tests say the website is published: PREFIX on a made-up host.
pub const SITE_URL: &str = "https://www.example.org.uk/reports/2021-22/";

/// Serves `site` under PREFIX; returns the address (`127.0.0.1:port`).
pub fn serve(site: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            answer(stream, &site);
        }
    });
    address
}

fn answer(mut stream: TcpStream, site: &Path) {
    let mut request = Vec::new();
    let mut buffer = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buffer[..n]),
        }
    }
    let request = String::from_utf8_lossy(&request);
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let file = path.strip_prefix(PREFIX).map(|rest| {
        let rest = if rest.is_empty() || rest.ends_with('/') {
            format!("{rest}index.html")
        } else {
            rest.to_string()
        };
        site.join(rest.replace("%20", " "))
    });
    let safe = !path.contains("..");
    let (status, file) = match file.filter(|f| safe && f.is_file()) {
        Some(f) => ("200 OK", Some(f)),
        None => (
            "404 Not Found",
            Some(site.join("404.html")).filter(|f| f.is_file()),
        ),
    };
    let body = file.map(|f| std::fs::read(f).unwrap()).unwrap_or_default();
    let kind = match path.rsplit('.').next() {
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("xml") => "application/xml",
        Some("txt") => "text/plain",
        Some("pdf") => "application/pdf",
        _ => "text/html; charset=utf-8",
    };
    let kind = if status == "200 OK" {
        kind
    } else {
        "text/html; charset=utf-8"
    };
    let mut response = format!(
        "HTTP/1.0 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend(body);
    let _ = stream.write_all(&response);
}

/// GET `path`: the status code and body.
pub fn get(address: &str, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(response.len(), |p| p + 4);
    let head = String::from_utf8_lossy(&response[..split]);
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, response[split..].to_vec())
}

/// A copy of the shipped example whose report.yaml says the website is published at
/// SITE_URL.
pub fn example_published_at_site_url(name: &str) -> PathBuf {
    let project = super::copy_project(&super::root(), name);
    let yaml = project.join("report.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    assert!(
        !text.contains("site_url:"),
        "the example sets site_url itself"
    );
    let text = text.replacen(
        "publication:\n",
        &format!("publication:\n  site_url: {SITE_URL}\n"),
        1,
    );
    std::fs::write(&yaml, text).unwrap();
    project
}
