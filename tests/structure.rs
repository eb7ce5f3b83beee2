//! The shape of the judge's code, checked so it stays made for change (issue 15, "checks
//! anyone can run"): the model, the assembler and the readers do not import the
//! checker; the checker does not import the readers; no file of the checker or the
//! readers is over 800 lines, and no function there over 100.
//!
//! Function length is measured by a small scanner, not a Rust parser: it blanks out
//! comments, string and character literals (raw strings too, whose regex braces would
//! otherwise count), finds each `fn name`, and counts the lines from that line to the
//! one where the braces it opens balance again. A function's lines include any
//! function nested in it. What it would miss: braces written by a macro's own syntax
//! in a way that does not balance, which no code here does.

use std::path::{Path, PathBuf};

/// The longest a function in src/check or src/read may be, in lines.
const MAX_FUNCTION_LINES: usize = 100;
/// The longest a file in src/check or src/read may be, in lines.
const MAX_FILE_LINES: usize = 800;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every .rs file under `dir` (relative to the crate), sorted.
fn rust_files(dir: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root().join(dir)];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

/// The lines of code (comments and literals blanked) of each file under `dirs` that
/// mention `module`, as "file:line: text".
fn mentions(dirs: &[&str], module: &str) -> Vec<String> {
    let mut out = Vec::new();
    for dir in dirs {
        for path in rust_files(dir) {
            let text = std::fs::read_to_string(&path).unwrap();
            let code = code_only(&text);
            for (i, (line, original)) in code.lines().zip(text.lines()).enumerate() {
                if line.contains(module) {
                    out.push(format!(
                        "{}:{}: {}",
                        relative(&path),
                        i + 1,
                        original.trim()
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn model_assemble_and_read_do_not_import_the_checker() {
    let found = mentions(&["src/model", "src/assemble", "src/read"], "crate::check");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_checker_does_not_import_the_readers() {
    let found = mentions(&["src/check"], "crate::read");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn no_file_of_the_checker_or_the_readers_is_over_800_lines() {
    let mut long = Vec::new();
    for path in rust_files("src/check")
        .into_iter()
        .chain(rust_files("src/read"))
    {
        let lines = std::fs::read_to_string(&path).unwrap().lines().count();
        if lines > MAX_FILE_LINES {
            long.push(format!("{}: {lines} lines", relative(&path)));
        }
    }
    assert!(long.is_empty(), "split by meaning:\n{}", long.join("\n"));
}

#[test]
fn no_function_of_the_checker_or_the_readers_is_over_100_lines() {
    let mut long = Vec::new();
    for path in rust_files("src/check")
        .into_iter()
        .chain(rust_files("src/read"))
    {
        let file = relative(&path);
        let text = std::fs::read_to_string(&path).unwrap();
        for f in functions(&text) {
            if f.lines > MAX_FUNCTION_LINES {
                long.push(format!(
                    "{file}:{} fn {}: {} lines",
                    f.line, f.name, f.lines
                ));
            }
        }
    }
    assert!(long.is_empty(), "split by meaning:\n{}", long.join("\n"));
}

/// The scanner itself: a function of 101 lines is found too long, one of 100 is not,
/// and braces in comments, strings, raw strings and characters are not counted.
#[test]
fn the_function_scanner_counts_what_it_says() {
    let body = |n: usize| "    let x = 1;\n".repeat(n);
    let source = format!(
        "fn exactly_100() {{\n{}}}\n\nfn over_100() {{\n{}}}\n",
        body(98),
        body(99)
    );
    let found = functions(&source);
    let lengths: Vec<(&str, usize)> = found.iter().map(|f| (f.name.as_str(), f.lines)).collect();
    assert_eq!(lengths, [("exactly_100", 100), ("over_100", 101)]);

    let tricky = r####"
fn tricky() {
    let a = "{ not a brace";
    let b = r#"\d{1,2} "{" }"#;
    let c = '{';
    // }
    /* { */
    let d: &'static str = "}";
}
fn after() {}
trait T {
    fn declared(&self, pair: [u8; 2]);
}
fn takes(f: fn(u8) -> u8, pair: [u8; 2]) -> u8 {
    f(pair[0])
}
"####;
    let found = functions(tricky);
    let lengths: Vec<(&str, usize)> = found.iter().map(|f| (f.name.as_str(), f.lines)).collect();
    assert_eq!(lengths, [("tricky", 8), ("after", 1), ("takes", 3)]);
}

/// A function found in a file: its name, first line (from 1) and length in lines.
struct Function {
    name: String,
    line: usize,
    lines: usize,
}

/// The functions with a body in `text`, in order.
fn functions(text: &str) -> Vec<Function> {
    let code = code_only(text);
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(name) = fn_name(line) else { continue };
        if let Some(end) = body_end(&lines, i) {
            out.push(Function {
                name,
                line: i + 1,
                lines: end - i + 1,
            });
        }
    }
    out
}

/// The name after the keyword `fn` on a line of code, if a function starts there (not
/// a function pointer type, `fn(u8) -> u8`).
fn fn_name(line: &str) -> Option<String> {
    let at = line.match_indices("fn").map(|(i, _)| i).find(|&i| {
        let before = line[..i].chars().next_back();
        let after = line[i + 2..].chars().next();
        !before.is_some_and(is_ident) && after.is_some_and(char::is_whitespace)
    })?;
    let name: String = line[at + 2..]
        .trim_start()
        .chars()
        .take_while(|&c| is_ident(c))
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The index of the line where the body of the function starting on line `start`
/// closes; `None` for a declaration without a body (`fn f(&self);`).
fn body_end(lines: &[&str], start: usize) -> Option<usize> {
    let (mut depth, mut brackets) = (0usize, 0usize);
    let mut opened = false;
    for (i, line) in lines.iter().enumerate().skip(start) {
        for c in line.chars() {
            match c {
                '(' | '[' => brackets += 1,
                ')' | ']' => brackets = brackets.saturating_sub(1),
                // A `;` in the signature's brackets (`[u8; 4]`) does not end it.
                ';' if !opened && brackets == 0 => return None,
                '{' => {
                    depth += 1;
                    opened = true;
                }
                '}' => {
                    depth = depth.saturating_sub(1);
                    if opened && depth == 0 {
                        return Some(i);
                    }
                }
                _ => {}
            }
        }
    }
    None
}

/// `text` with comments and string and character literals replaced by spaces, line
/// breaks kept, so what is left is code whose braces and names can be counted.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        let skipped = if rest.starts_with(&['/', '/']) {
            rest.iter().position(|&c| c == '\n').unwrap_or(rest.len())
        } else if rest.starts_with(&['/', '*']) {
            block_comment(rest)
        } else if let Some(n) = raw_string(rest, i > 0 && is_ident(chars[i - 1])) {
            n
        } else if rest[0] == '"' {
            string(rest)
        } else if rest[0] == '\'' {
            char_literal(rest)
        } else {
            0
        };
        if skipped == 0 {
            out.push(rest[0]);
            i += 1;
        } else {
            out.extend(rest[..skipped].iter().map(|&c| blank(c)));
            i += skipped;
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The length of a block comment at the start of `rest`, nested ones included.
fn block_comment(rest: &[char]) -> usize {
    let mut depth = 0;
    let mut i = 0;
    while i + 1 < rest.len() {
        if rest[i] == '/' && rest[i + 1] == '*' {
            depth += 1;
            i += 2;
        } else if rest[i] == '*' && rest[i + 1] == '/' {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    rest.len()
}

/// The length of a raw string (`r"…"`, `r#"…"#`, `br"…"`) at the start of `rest`,
/// unless the `r` ends an identifier.
fn raw_string(rest: &[char], after_ident: bool) -> Option<usize> {
    let start = match rest {
        ['r', ..] if !after_ident => 1,
        ['b', 'r', ..] if !after_ident => 2,
        _ => return None,
    };
    let hashes = rest[start..].iter().take_while(|&&c| c == '#').count();
    if rest.get(start + hashes) != Some(&'"') {
        return None;
    }
    let body = start + hashes + 1;
    let close: Vec<char> = std::iter::once('"')
        .chain(std::iter::repeat_n('#', hashes))
        .collect();
    (body..rest.len())
        .find(|&i| rest[i..].starts_with(&close))
        .map(|i| i + close.len())
        .or(Some(rest.len()))
}

/// The length of a string literal at the start of `rest`.
fn string(rest: &[char]) -> usize {
    let mut i = 1;
    while i < rest.len() {
        match rest[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    rest.len()
}

/// The length of a character literal at the start of `rest` (`'{'`, `'\n'`,
/// `'\u{7b}'`); 0 for a lifetime (`'a`, `'static`).
fn char_literal(rest: &[char]) -> usize {
    match rest {
        ['\'', '\\', ..] => rest[2..]
            .iter()
            .position(|&c| c == '\'')
            .map_or(0, |p| p + 3),
        ['\'', _, '\'', ..] => 3,
        _ => 0,
    }
}
