//! Times the history analyzer on a repository: `cargo run --release -p trustward-history
//! --example history_bench -- PATH [CONFIG_TOML]` (see bench/history/README.md).

use trustward_core::analyzer::NoProgress;
use trustward_core::files::FileIndex;
use trustward_core::{Analyzer, Config, ScanContext};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = std::path::PathBuf::from(args.next().expect("usage: history_bench PATH [CONFIG]"));
    let config = match args.next() {
        Some(c) => Config::load(std::path::Path::new(&c)).expect("config"),
        None => Config::default(),
    };
    let files = FileIndex::new(&path);
    let start = std::time::Instant::now();
    let out = trustward_history::HistoryAnalyzer::default().run(&ScanContext {
        files: &files,
        config: &config,
        progress: &NoProgress,
        verbose: false,
    });
    let elapsed = start.elapsed();
    let commits = out
        .evidence
        .iter()
        .find(|e| e.check == "history/commits-signed")
        .map(|e| e.detail.clone())
        .unwrap_or_default();
    println!(
        "{:.3}s findings={} errors={} contributors={} [{commits}]",
        elapsed.as_secs_f64(),
        out.findings.len(),
        out.errors.len(),
        out.contributors.len()
    );
}
