//! Benchmark (not a test): the posture analyzer over a large tree, side by side with the
//! reference, which is the shared file walk alone (`FileIndex::entries`, what every
//! analyzer pays for once). Prints medians of interleaved runs and the ratio.
//!
//! `cargo run --release -p trustward-posture --example bench_posture [-- DIR [RUNS]]`
//! Without DIR it builds a synthetic repository: 50 000 files in 2 500 directories plus
//! the `good` fixture's policy files.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use trustward_core::analyzer::NoProgress;
use trustward_core::files::FileIndex;
use trustward_core::{Analyzer, Config, ScanContext};
use trustward_posture::PostureAnalyzer;

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn synthetic() -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().to_path_buf();
    for i in 0..2500 {
        let dir = root.join(format!("src/m{}/d{i}", i % 50));
        std::fs::create_dir_all(&dir).unwrap();
        for j in 0..20 {
            std::fs::write(dir.join(format!("f{j}.rs")), "fn main() {}\n").unwrap();
        }
    }
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
    copy_dir(&good, &root);
    (d, root)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (_guard, root) = match args.get(1) {
        Some(dir) => (None, PathBuf::from(dir)),
        None => {
            let (g, r) = synthetic();
            (Some(g), r)
        }
    };
    let runs: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(11);
    let config = Config::default();
    let analyzer = PostureAnalyzer::default();
    let mut walk = Vec::new();
    let mut posture = Vec::new();
    let mut files = 0;
    let mut findings = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let idx = FileIndex::new(&root);
        files = idx.entries().len();
        walk.push(t.elapsed());

        let t = Instant::now();
        let idx = FileIndex::new(&root);
        let out = analyzer.run(&ScanContext {
            files: &idx,
            config: &config,
            progress: &NoProgress,
            verbose: false,
        });
        posture.push(t.elapsed());
        findings = out.findings.len();
    }
    let (w, p) = (median(walk), median(posture));
    println!("files: {files}, findings: {findings}, runs: {runs}");
    println!(
        "reference (walk only):  median {:.1} ms",
        w.as_secs_f64() * 1e3
    );
    println!(
        "walk + posture:         median {:.1} ms",
        p.as_secs_f64() * 1e3
    );
    println!("ratio: {:.2}x", p.as_secs_f64() / w.as_secs_f64());
}
