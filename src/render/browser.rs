//! A headless Chromium driven over the DevTools protocol: one browser process,
//! one tab, pages opened, scripts run and keys pressed in it. The website's
//! accessibility is measured this way (axe-core in every page) by `tests/browser.rs`.
//!
//! Only the few protocol calls we need, over a plain WebSocket on 127.0.0.1.

use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// A running headless Chromium with one tab.
pub struct Browser {
    /// The browser's name and version, as it reports them: "HeadlessChrome/142.0…".
    pub version: String,
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    session: String,
    next_id: u64,
    events: Vec<Value>,
    _profile: TempDir,
}

/// The Chromium to use: `$CHROMIUM`, else the first of the usual names on PATH, else
/// Google Chrome, Microsoft Edge or Chromium where Windows and macOS install them
/// (a partnership's laptop has one of those, seldom on PATH).
pub fn find_chromium() -> Option<PathBuf> {
    find_chromium_in(|name| std::env::var_os(name))
}

/// [`find_chromium`] with the environment given, so a test can point it at folders
/// laid out as Windows and macOS lay them out.
pub fn find_chromium_in(env: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    if let Some(p) = env("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let on_path = env("PATH").into_iter().flat_map(|path| {
        let dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
        [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
            "chrome",
            "microsoft-edge",
            "msedge",
        ]
        .iter()
        .flat_map(move |name| {
            let file = format!("{name}{}", std::env::consts::EXE_SUFFIX);
            dirs.clone().into_iter().map(move |dir| dir.join(&file))
        })
        .collect::<Vec<_>>()
    });
    // Windows: under Program Files (both) or the user's own programs folder.
    let windows = ["ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"]
        .into_iter()
        .filter_map(&env)
        .flat_map(|root| {
            let root = PathBuf::from(root);
            [
                root.join("Google")
                    .join("Chrome")
                    .join("Application")
                    .join("chrome.exe"),
                root.join("Microsoft")
                    .join("Edge")
                    .join("Application")
                    .join("msedge.exe"),
                root.join("Chromium").join("Application").join("chrome.exe"),
            ]
        });
    // macOS: an application bundle in the user's ~/Applications or in /Applications.
    let mac = [env("HOME").map(PathBuf::from), Some(PathBuf::from("/"))]
        .into_iter()
        .flatten()
        .flat_map(|root| {
            let apps = root.join("Applications");
            [
                ("Google Chrome", "Google Chrome"),
                ("Microsoft Edge", "Microsoft Edge"),
                ("Chromium", "Chromium"),
            ]
            .map(|(bundle, program)| {
                apps.join(format!("{bundle}.app"))
                    .join("Contents")
                    .join("MacOS")
                    .join(program)
            })
        });
    on_path.chain(windows).chain(mac).find(|p| p.is_file())
}

impl Browser {
    /// Starts Chromium headless and opens a blank tab.
    pub fn launch(chromium: &Path) -> Result<Browser, String> {
        let profile = TempDir::new()?;
        let mut child = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
            ])
            .arg(format!("--user-data-dir={}", profile.0.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", chromium.display()))?;
        let url = devtools_url(&mut child)?;
        let (socket, _) = tungstenite::connect(url.as_str())
            .map_err(|e| format!("cannot connect to Chromium's DevTools at {url}: {e}"))?;
        if let MaybeTlsStream::Plain(s) = socket.get_ref() {
            let _ = s.set_read_timeout(Some(Duration::from_secs(120)));
        }
        let mut browser = Browser {
            version: String::new(),
            child,
            socket,
            session: String::new(),
            next_id: 0,
            events: Vec::new(),
            _profile: profile,
        };
        let version = browser.call("Browser.getVersion", json!({}))?;
        browser.version = version["product"]
            .as_str()
            .unwrap_or("Chromium")
            .to_string();
        let target = browser.call("Target.createTarget", json!({"url": "about:blank"}))?;
        let target_id = target["targetId"].as_str().unwrap_or_default().to_string();
        let attached = browser.call(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        )?;
        browser.session = attached["sessionId"]
            .as_str()
            .ok_or("Chromium gave no session for the tab")?
            .to_string();
        browser.call("Page.enable", json!({}))?;
        browser.call("Runtime.enable", json!({}))?;
        browser.call(
            "Emulation.setFocusEmulationEnabled",
            json!({"enabled": true}),
        )?;
        Ok(browser)
    }

    /// Sends one protocol command to the tab (or to the browser before a tab is
    /// attached) and waits for its answer, keeping the events that arrive meanwhile.
    pub fn call(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if !self.session.is_empty() {
            message["sessionId"] = json!(self.session);
        }
        self.socket
            .send(Message::text(message.to_string()))
            .map_err(|e| format!("Chromium closed the connection: {e}"))?;
        loop {
            let reply = self.receive()?;
            if reply["id"].as_u64() == Some(id) {
                if let Some(error) = reply.get("error") {
                    return Err(format!("{method}: {error}"));
                }
                return Ok(reply["result"].clone());
            }
            if reply.get("method").is_some() {
                self.events.push(reply);
            }
        }
    }

    fn receive(&mut self) -> Result<Value, String> {
        loop {
            match self.socket.read() {
                Ok(Message::Text(t)) => {
                    return serde_json::from_str(t.as_str()).map_err(|e| e.to_string());
                }
                Ok(_) => continue,
                Err(e) => return Err(format!("no answer from Chromium: {e}")),
            }
        }
    }

    /// Waits until the tab fires `event` (for example `Page.loadEventFired`).
    fn wait_for(&mut self, event: &str, timeout: Duration) -> Result<(), String> {
        let start = Instant::now();
        loop {
            if let Some(i) = self.events.iter().position(|e| e["method"] == event) {
                self.events.drain(..=i);
                return Ok(());
            }
            if start.elapsed() > timeout {
                return Err(format!("timed out waiting for {event}"));
            }
            let message = self.receive()?;
            if message.get("method").is_some() {
                self.events.push(message);
            }
        }
    }

    /// Sets the window's size in CSS pixels, as a phone or a desktop would have it.
    pub fn set_viewport(&mut self, width: u32, height: u32) -> Result<(), String> {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}),
        )
        .map(|_| ())
    }

    /// Runs `source` before any script of every page opened from now on.
    pub fn add_script_to_every_page(&mut self, source: &str) -> Result<(), String> {
        self.call(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({"source": source}),
        )
        .map(|_| ())
    }

    /// Opens `url` and waits for it to load.
    pub fn open(&mut self, url: &str) -> Result<(), String> {
        self.events.clear();
        let result = self.call("Page.navigate", json!({"url": url}))?;
        if let Some(error) = result.get("errorText").and_then(Value::as_str) {
            return Err(format!("cannot open {url}: {error}"));
        }
        self.wait_for("Page.loadEventFired", Duration::from_secs(60))
    }

    /// Runs a JavaScript expression in the page (awaiting a promise) and returns its
    /// value as JSON.
    pub fn eval(&mut self, expression: &str) -> Result<Value, String> {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "awaitPromise": true, "returnByValue": true}),
        )?;
        if let Some(e) = result.get("exceptionDetails") {
            return Err(format!(
                "script failed: {}",
                e["exception"]["description"]
                    .as_str()
                    .unwrap_or("(no description)")
            ));
        }
        Ok(result["result"]["value"].clone())
    }

    /// Presses and releases a key as a keyboard user would: "Tab" or "Enter".
    pub fn press(&mut self, key: &str) -> Result<(), String> {
        let (code, text) = match key {
            "Tab" => (9, ""),
            "Enter" => (13, "\r"),
            "Escape" => (27, ""),
            _ => return Err(format!("no key code known for {key}")),
        };
        let mut down = json!({"type": "keyDown", "key": key, "code": key, "windowsVirtualKeyCode": code, "nativeVirtualKeyCode": code});
        if !text.is_empty() {
            down["text"] = json!(text);
        }
        self.call("Input.dispatchKeyEvent", down)?;
        self.call(
            "Input.dispatchKeyEvent",
            json!({"type": "keyUp", "key": key, "code": key, "windowsVirtualKeyCode": code, "nativeVirtualKeyCode": code}),
        )
        .map(|_| ())
    }

    /// A PNG of the page as it is shown, the whole page when `full` is set.
    pub fn screenshot(&mut self, full: bool) -> Result<Vec<u8>, String> {
        let result = self.call(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": full}),
        )?;
        let data = result["data"].as_str().ok_or("no screenshot data")?;
        base64_decode(data)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.socket.close(None);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads Chromium's "DevTools listening on ws://…" line from its error output.
fn devtools_url(child: &mut Child) -> Result<String, String> {
    let stderr = child.stderr.take().ok_or("no error output from Chromium")?;
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut sent = false;
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if !sent && let Some(at) = line.find("ws://") {
                let _ = send.send(Ok(line[at..].trim().to_string()));
                sent = true;
            }
        }
        if !sent {
            let _ = send.send(Err(()));
        }
    });
    match receive.recv_timeout(Duration::from_secs(30)) {
        Ok(Ok(url)) => Ok(url),
        _ => Err("Chromium started but did not open its DevTools port".into()),
    }
}

/// A folder for Chromium's profile, removed afterwards.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<TempDir, String> {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!(
            "safeguarding-report-chromium-{}-{n}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn base64_decode(text: &str) -> Result<Vec<u8>, String> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0);
    for c in text
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
    {
        let v = ALPHABET
            .iter()
            .position(|&a| a == c)
            .ok_or("bad base64 from Chromium")? as u32;
        buffer = (buffer << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder laid out with `program` in it, and an environment that names it as
    /// `variable`, with nothing on PATH.
    fn found_with(variable: &str, root_files: &[&str]) -> Option<PathBuf> {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let root = std::env::temp_dir().join(format!(
            "sr-find-chromium-{}-{}",
            std::process::id(),
            N.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
        ));
        for file in root_files {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "").unwrap();
        }
        let found = find_chromium_in(|name| (name == variable).then(|| root.clone().into()));
        let _ = std::fs::remove_dir_all(&root);
        found.map(|p| p.strip_prefix(&root).map(Path::to_path_buf).unwrap_or(p))
    }

    #[test]
    fn finds_edge_and_chrome_where_windows_installs_them() {
        let edge = Path::new("Microsoft/Edge/Application/msedge.exe");
        assert_eq!(
            found_with(
                "ProgramFiles(x86)",
                &["Microsoft/Edge/Application/msedge.exe"]
            ),
            Some(edge.components().collect())
        );
        let chrome = Path::new("Google/Chrome/Application/chrome.exe");
        assert_eq!(
            found_with("LOCALAPPDATA", &["Google/Chrome/Application/chrome.exe"]),
            Some(chrome.components().collect())
        );
    }

    #[test]
    fn finds_chrome_in_the_users_applications_folder_as_macos_installs_it() {
        let file = "Applications/Google Chrome.app/Contents/MacOS/Google Chrome";
        assert_eq!(
            found_with("HOME", &[file]),
            Some(Path::new(file).components().collect())
        );
    }

    #[test]
    fn finds_a_browser_on_path_by_its_usual_names() {
        let file = format!("microsoft-edge{}", std::env::consts::EXE_SUFFIX);
        assert_eq!(found_with("PATH", &[&file]), Some(PathBuf::from(&file)));
    }

    #[test]
    fn base64_decodes() {
        assert_eq!(super::base64_decode("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(super::base64_decode("aGk=").unwrap(), b"hi");
    }
}
