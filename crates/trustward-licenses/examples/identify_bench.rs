//! Project licence identification: the one-time store load, then each licence text of a
//! directory identified in turn. Usage:
//! `cargo run --release -p trustward-licenses --example identify_bench -- DIR [RUNS]`
//! (e.g. ../shared/data/spdx/text).

use std::time::Instant;
use trustward_licenses::identify::identify;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: identify_bench DIR [RUNS]");
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let mut texts: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("readable directory")
        .flatten()
        .filter_map(|e| {
            let t = std::fs::read_to_string(e.path()).ok()?;
            Some((e.file_name().to_string_lossy().into_owned(), t))
        })
        .collect();
    texts.sort();
    let t = Instant::now();
    let _ = identify("MIT License");
    println!(
        "store load + first call: {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let mut per_file = Vec::new();
    for _ in 0..runs {
        for (_, text) in &texts {
            let t = Instant::now();
            let found = identify(text);
            per_file.push(t.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box(found);
        }
    }
    per_file.sort_by(|a, b| a.total_cmp(b));
    let median = per_file[per_file.len() / 2];
    let p90 = per_file[per_file.len() * 9 / 10];
    let max = per_file[per_file.len() - 1];
    println!(
        "{} files x {runs} runs: median {median:.1} ms, p90 {p90:.1} ms, max {max:.1} ms per file",
        texts.len()
    );
}
