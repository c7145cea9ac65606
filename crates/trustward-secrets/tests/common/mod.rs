//! Helpers shared by the behaviour tests: temporary trees, git repositories, and running
//! the analyzer the way the engine does.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use trustward_core::analyzer::NoProgress;
use trustward_core::files::FileIndex;
use trustward_core::{Analyzer, AnalyzerOutput, Config, ScanContext};
use trustward_secrets::{Options, SecretsAnalyzer, Source};

/// A synthetic GitHub classic token (split so this file holds no matching literal).
pub const GH: &str = concat!("gh", "p_Zq8Lm3Kd9Xv2Tr7Wp4Ny6Hb1Jc5Gf0Sa8Ed3");
/// A synthetic AWS access key id.
pub const AWS: &str = concat!("AK", "IAQW3ERTY7ZX2CVB4N");
/// A synthetic internal token for the gitleaks fixture rule.
pub const ISK: &str = concat!("is", "k_q8h2k9d7m3x5v1b6n4c0z2l8");

pub fn write(root: &Path, rel: &str, data: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, data).unwrap();
}

pub fn run_with(root: &Path, config: &str, opts: Options) -> AnalyzerOutput {
    let config = Config::parse(config, None).unwrap();
    let files = FileIndex::new(root);
    let ctx = ScanContext {
        files: &files,
        config: &config,
        progress: &NoProgress,
        verbose: false,
    };
    SecretsAnalyzer::with_options(opts).run(&ctx)
}

pub fn opts(source: Source) -> Options {
    Options {
        show_secrets: false,
        source,
        gitleaks_config: None,
    }
}

pub fn run(root: &Path) -> AnalyzerOutput {
    run_with(root, "", opts(Source::WorkTree { all_files: false }))
}

pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Ada Dev")
        .env("GIT_AUTHOR_EMAIL", "ada@example.org")
        .env("GIT_COMMITTER_NAME", "Ada Dev")
        .env("GIT_COMMITTER_EMAIL", "ada@example.org")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Commits everything in `dir` with a fixed date (seconds since the epoch).
pub fn commit(dir: &Path, msg: &str, when: i64) -> String {
    git(dir, &["add", "-A"]);
    let date = format!("@{when} +0000");
    let out = Command::new("git")
        .args(["commit", "-q", "--allow-empty", "-m", msg])
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Ada Dev")
        .env("GIT_AUTHOR_EMAIL", "ada@example.org")
        .env("GIT_COMMITTER_NAME", "Ada Dev")
        .env("GIT_COMMITTER_EMAIL", "ada@example.org")
        .env("GIT_AUTHOR_DATE", &date)
        .env("GIT_COMMITTER_DATE", &date)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    git(dir, &["rev-parse", "HEAD"])
}

pub fn init(dir: &Path) {
    git(dir, &["init", "-q", "-b", "main"]);
}

pub fn ids(out: &AnalyzerOutput) -> Vec<&'static str> {
    out.findings.iter().map(|f| f.rule.id).collect()
}
