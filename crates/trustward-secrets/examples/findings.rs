//! Prints every finding of a scan as `rule<TAB>data.rule<TAB>path<TAB>secret_sha256<TAB>commit`,
//! for the benchmark's precision count (bench/secrets/run.sh) while the report renderers
//! are not wired: `cargo run --release --example findings -- [--git] PATH`.

use trustward_core::analyzer::NoProgress;
use trustward_core::files::FileIndex;
use trustward_core::{Analyzer, Config, ScanContext};
use trustward_secrets::history::Range;
use trustward_secrets::{Options, SecretsAnalyzer, Source};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let git = args.iter().any(|a| a == "--git");
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| ".".into());
    let root = std::path::Path::new(&path)
        .canonicalize()
        .expect("path exists");
    let files = FileIndex::new(&root);
    let config = Config::default();
    let ctx = ScanContext {
        files: &files,
        config: &config,
        progress: &NoProgress,
        verbose: true,
    };
    let source = if git {
        Source::History(Range::default())
    } else {
        Source::WorkTree { all_files: false }
    };
    let out = SecretsAnalyzer::with_options(Options {
        show_secrets: false,
        source,
        gitleaks_config: None,
    })
    .run(&ctx);
    for f in &out.findings {
        println!(
            "{}\t{}\t{}\t{}\t{}",
            f.rule.id,
            f.data.get("rule").and_then(|v| v.as_str()).unwrap_or(""),
            f.location.path.as_deref().unwrap_or(""),
            f.data
                .get("secret_sha256")
                .and_then(|v| v.as_str())
                .unwrap_or(""),
            f.location.commit.as_deref().unwrap_or("")
        );
    }
    for w in &out.warnings {
        eprintln!("warning: {w}");
    }
    eprintln!("{} errors", out.errors.len());
}
