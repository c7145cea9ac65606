//! Prints the posture analyzer's findings, errors and verbose notes for directories,
//! one line each (a development aid while the report renderers are elsewhere).
//!
//! `cargo run -p trustward-posture --example posture_report -- DIR...`

use trustward_core::analyzer::NoProgress;
use trustward_core::files::FileIndex;
use trustward_core::{Analyzer, Config, ScanContext};
use trustward_posture::PostureAnalyzer;

fn main() {
    for dir in std::env::args().skip(1) {
        let files = FileIndex::new(std::path::Path::new(&dir));
        let out = PostureAnalyzer::default().run(&ScanContext {
            files: &files,
            config: &Config::default(),
            progress: &NoProgress,
            verbose: true,
        });
        println!("== {dir}");
        for w in &out.warnings {
            println!("  note  {w}");
        }
        for e in &out.errors {
            println!("  error {}: {}", e.path, e.message);
        }
        for f in &out.findings {
            let l = &f.location;
            println!(
                "  {} {}:{}:{} {}",
                f.rule.id,
                l.path.as_deref().unwrap_or("-"),
                l.line.unwrap_or(0),
                l.column.unwrap_or(0),
                f.message
            );
        }
    }
}
