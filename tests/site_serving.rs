//! The website is one folder that works wherever it is put: served by a web server
//! from a sub-path of the partnership's site (/reports/2021-22/), every link and
//! asset of every page resolves. A leading "/" or a link to a file that was not
//! published would show up here as broken.

mod common;

use std::collections::{BTreeSet, VecDeque};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

use common::*;
use regex::Regex;

const PREFIX: &str = "/reports/2021-22/";

/// A tiny web server on 127.0.0.1 that serves `site` under PREFIX and nothing else.
fn serve(site: PathBuf) -> String {
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
    let response = match file.filter(|f| safe && f.is_file()) {
        Some(f) => {
            let body = std::fs::read(f).unwrap();
            let mut r = format!(
                "HTTP/1.0 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            )
            .into_bytes();
            r.extend(body);
            r
        }
        None => {
            b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()
        }
    };
    let _ = stream.write_all(&response);
}

/// GET `path`: the status code and body.
fn get(address: &str, path: &str) -> (u16, Vec<u8>) {
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

/// Resolves a relative reference against the folder of `from` (an absolute path).
fn resolve(from: &str, reference: &str) -> String {
    if reference.starts_with('/') {
        return reference.to_string();
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for piece in reference.split('/') {
        match piece {
            "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[test]
fn served_from_a_sub_path_every_link_and_asset_resolves() {
    let out = scratch("serving").join("build");
    build(&root(), &out);
    let address = serve(out.join("site"));

    let reference = Regex::new(r#"(?:href|src)="([^"]*)""#).unwrap();
    let css_url = Regex::new(r#"url\(["']?([^"')]+)["']?\)"#).unwrap();
    let search_index = Regex::new(r#"path_to_searchindex_js = "([^"]+)""#).unwrap();
    let mut queue = VecDeque::from([(PREFIX.to_string(), "(start)".to_string())]);
    let mut seen = BTreeSet::new();
    let mut broken = Vec::new();
    let mut pages = 0;
    let mut anchors = Vec::new();
    while let Some((target, from)) = queue.pop_front() {
        let (path, fragment) = match target.split_once('#') {
            Some((p, f)) => (p.to_string(), Some(f.to_string())),
            None => (target.clone(), None),
        };
        let path = path.split('?').next().unwrap().to_string();
        if let Some(f) = fragment.filter(|f| !f.is_empty()) {
            anchors.push((path.clone(), f, from.clone()));
        }
        if !seen.insert(path.clone()) {
            continue;
        }
        let (status, body) = get(&address, &path);
        if status != 200 {
            broken.push(format!("{path} ({status}), linked from {from}"));
            continue;
        }
        let text = String::from_utf8_lossy(&body);
        let mut found: Vec<String> = Vec::new();
        if path.ends_with(".html") || path.ends_with('/') {
            pages += 1;
            found.extend(reference.captures_iter(&text).map(|c| c[1].to_string()));
            found.extend(search_index.captures_iter(&text).map(|c| c[1].to_string()));
        } else if path.ends_with(".css") {
            found.extend(css_url.captures_iter(&text).map(|c| c[1].to_string()));
        }
        for r in found {
            let r = r.replace("&amp;", "&");
            let external = r.contains(':') && !r.starts_with('#');
            if external || r.is_empty() {
                continue;
            }
            let target = if let Some(f) = r.strip_prefix('#') {
                format!("{path}#{f}")
            } else {
                resolve(&path, &r)
            };
            queue.push_back((target, path.clone()));
        }
    }
    for (path, fragment, from) in anchors {
        let (_, body) = get(&address, &path);
        let text = String::from_utf8_lossy(&body);
        if !text.contains(&format!("id=\"{fragment}\"")) {
            broken.push(format!(
                "{path}#{fragment}: no such anchor, linked from {from}"
            ));
        }
    }
    eprintln!(
        "served from {PREFIX}: {pages} pages, {} files and assets followed, {} broken",
        seen.len(),
        broken.len()
    );
    assert!(
        pages >= 40,
        "only {pages} pages were reached from the first page"
    );
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn resolving_relative_links_works_like_a_browser() {
    assert_eq!(
        resolve("/reports/2021-22/", "a.html"),
        "/reports/2021-22/a.html"
    );
    assert_eq!(
        resolve("/reports/2021-22/x.html", "css/c.css"),
        "/reports/2021-22/css/c.css"
    );
    assert_eq!(
        resolve("/reports/2021-22/css/c.css", "../f.woff"),
        "/reports/2021-22/f.woff"
    );
    assert_eq!(resolve("/reports/2021-22/x.html", "/a.html"), "/a.html");
}
