//! How long `check` takes on the shipped example (target: under 50 ms on the 2-core
//! machines the project is built on). Run with `cargo bench --bench check`.
//!
//! Two measurements: the rules alone, on a document already loaded and assembled, and
//! the whole of what `safeguarding-report check` does (load, assemble, rules). The
//! figures are printed; nothing here asserts a time.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use safeguarding_report::check::{self, Options};
use safeguarding_report::{run_check, validate};

fn example() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn bench(c: &mut Criterion) {
    let (_, document) = validate(example(), false).expect("the example loads");
    let options = Options::default();
    // The first run compiles the rules' patterns, once per process.
    let first = std::time::Instant::now();
    let report = check::check(&document, &options).expect("the example checks");
    println!(
        "first check of the example (compiling the rules' patterns): {:.1} ms; {}",
        first.elapsed().as_secs_f64() * 1000.0,
        report.summary_line()
    );
    c.bench_function("check: rules on the example's document", |b| {
        b.iter(|| check::check(&document, &options).unwrap())
    });
    c.bench_function("check: load, assemble and rules (the command)", |b| {
        b.iter(|| run_check(example(), &options).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(5));
    targets = bench
}
criterion_main!(benches);
