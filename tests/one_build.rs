//! The README's two commands share one build: `cargo test --release` after
//! `cargo run --release` compiles only the project and its dev-dependencies, because
//! every crate the tool is built from has the same features in both. A
//! dev-dependency that switched on a feature of a shared crate (criterion did, for
//! `either`; jsonschema, for `idna` and `num-bigint`) would make cargo build that
//! crate, and everything above it up to typst, a second time: about six minutes.

use std::collections::BTreeSet;
use std::process::Command;

/// Every package of the graph with the features it is built with.
fn packages(edges: &str) -> BTreeSet<String> {
    let out = Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["tree", "--offline", "--locked", "--prefix", "none"])
        .args(["-e", edges, "-f", "{p} [{f}]"])
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        // With feature edges, the feature nodes are listed too; keep the packages.
        .filter(|l| !l.contains(" feature \""))
        .map(|l| l.replace(" (*)", "").trim().to_string())
        .collect()
}

#[test]
fn the_test_build_reuses_every_crate_of_the_run_build() {
    let run = packages("features,normal,build");
    let test = packages("features,normal,build,dev");
    assert!(run.iter().any(|p| p.starts_with("typst ")), "{run:#?}");
    let rebuilt: Vec<&String> = run.difference(&test).collect();
    assert!(
        rebuilt.is_empty(),
        "these crates have other features in the test build, so `cargo test` would compile them (and all above them) again; name the same features in Cargo.toml's [dependencies]:\n{rebuilt:#?}"
    );
}
