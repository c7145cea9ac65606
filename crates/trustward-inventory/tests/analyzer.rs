//! The `inventory` analyzer on small trees: each rule fires where it should and stays quiet
//! where it should.

use std::path::Path;
use trustward_core::analyzer::NoProgress;
use trustward_core::files::FileIndex;
use trustward_core::{Analyzer, Config, ScanContext};
use trustward_inventory::analyzer::InventoryAnalyzer;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn run(root: &Path) -> Vec<(String, String, u32)> {
    let files = FileIndex::new(root);
    let config = Config::default();
    let ctx = ScanContext {
        files: &files,
        config: &config,
        progress: &NoProgress,
        verbose: false,
    };
    let out = InventoryAnalyzer::default().run(&ctx);
    let mut v: Vec<_> = out
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.id.to_string(),
                f.location.path.clone().unwrap_or_default(),
                f.location.line.unwrap_or(0),
            )
        })
        .collect();
    v.sort();
    v
}

fn f(rule: &str, path: &str, line: u32) -> (String, String, u32) {
    (format!("inventory/{rule}"), path.to_string(), line)
}

#[test]
fn lockfile_missing_heuristics() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    // npm app without a lockfile: reported.
    write(
        r,
        "web/package.json",
        "{\"dependencies\": {\"ms\": \"^2\"}}",
    );
    // package.json without dependencies: quiet.
    write(r, "empty/package.json", "{\"name\": \"x\"}");
    // Rust binary without Cargo.lock: reported.
    write(
        r,
        "tool/Cargo.toml",
        "[package]\nname = \"tool\"\n\n[dependencies]\nitoa = \"1\"\n",
    );
    write(r, "tool/src/main.rs", "fn main() {}\n");
    // Rust library without Cargo.lock: quiet.
    write(
        r,
        "lib/Cargo.toml",
        "[package]\nname = \"lib\"\n\n[dependencies]\nitoa = \"1\"\n",
    );
    write(r, "lib/src/lib.rs", "\n");
    // Python application (no build-system) without a lock: reported.
    write(
        r,
        "svc/pyproject.toml",
        "[project]\nname = \"svc\"\ndependencies = [\"requests\"]\n",
    );
    // Python library (build-system): quiet.
    write(
        r,
        "pylib/pyproject.toml",
        "[build-system]\nrequires = [\"hatchling\"]\n\n[project]\nname = \"pylib\"\ndependencies = [\"requests\"]\n",
    );
    // Poetry with package-mode = false and a poetry.lock: quiet.
    write(
        r,
        "app2/pyproject.toml",
        "[tool.poetry]\npackage-mode = false\n\n[tool.poetry.dependencies]\npython = \"^3.11\"\nrequests = \"^2\"\n",
    );
    write(
        r,
        "app2/poetry.lock",
        "[metadata]\nlock-version = \"2.0\"\n",
    );
    // Member of a workspace whose root has the lockfile: quiet.
    write(r, "ws/Cargo.toml", "[workspace]\nmembers = [\"bin\"]\n");
    write(
        r,
        "ws/Cargo.lock",
        "version = 4\n\n[[package]]\nname = \"bin\"\nversion = \"0.1.0\"\n",
    );
    write(r, "ws/bin/Cargo.toml", "[package]\nname = \"bin\"\n");
    write(r, "ws/bin/src/main.rs", "fn main() {}\n");
    assert_eq!(
        run(r),
        vec![
            f("lockfile-missing", "svc/pyproject.toml", 1),
            f("lockfile-missing", "tool/Cargo.toml", 1),
            f("lockfile-missing", "web/package.json", 1),
        ]
    );
}

#[test]
fn out_of_sync_npm_and_cargo() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(
        r,
        "package.json",
        "{\n  \"dependencies\": {\n    \"ms\": \"^2.1.0\",\n    \"debug\": \"^4\"\n  },\n  \"devDependencies\": {\n    \"jest\": \"^30\"\n  }\n}\n",
    );
    write(
        r,
        "package-lock.json",
        "{\"lockfileVersion\": 3, \"packages\": {\"\": {\"dependencies\": {\"ms\": \"^2.1.0\"}, \"devDependencies\": {\"jest\": \"^29\"}}, \"node_modules/ms\": {\"version\": \"2.1.3\"}, \"node_modules/jest\": {\"version\": \"29.0.0\", \"dev\": true}}}",
    );
    write(
        r,
        "Cargo.toml",
        "[package]\nname = \"app\"\n\n[dependencies]\nitoa = \"1\"\nser = { package = \"serde\", version = \"1\" }\nmissing = \"0.1\"\nshared = { workspace = true }\n",
    );
    write(r, "src/main.rs", "fn main() {}\n");
    write(
        r,
        "Cargo.lock",
        "version = 4\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\n\n[[package]]\nname = \"itoa\"\nversion = \"1.0.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n[[package]]\nname = \"serde\"\nversion = \"1.0.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
    );
    assert_eq!(
        run(r),
        vec![
            f("lockfile-out-of-sync", "Cargo.toml", 7),
            f("lockfile-out-of-sync", "package.json", 4),
            f("lockfile-out-of-sync", "package.json", 7),
        ]
    );
}

#[test]
fn nested_workspace_is_not_checked_against_the_outer_lockfile() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "Cargo.toml", "[workspace]\nmembers = []\n");
    write(r, "Cargo.lock", "version = 4\n");
    // A cargo-fuzz style directory: its own [workspace], its own lockfile.
    write(
        r,
        "fuzz/Cargo.toml",
        "[package]\nname = \"f\"\n\n[dependencies]\nlibfuzzer-sys = \"0.4\"\n\n[workspace]\nmembers = [\".\"]\n",
    );
    write(
        r,
        "fuzz/Cargo.lock",
        "version = 4\n\n[[package]]\nname = \"libfuzzer-sys\"\nversion = \"0.4.9\"\n",
    );
    assert_eq!(run(r), vec![]);
    // Without its own lockfile it is a workspace with no lockfile, not out of sync
    // with the outer one.
    std::fs::remove_file(r.join("fuzz/Cargo.lock")).unwrap();
    assert_eq!(run(r), vec![f("lockfile-missing", "fuzz/Cargo.toml", 1)]);
}

#[test]
fn parser_issues_become_findings() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(
        r,
        "requirements.txt",
        "requests>=2\n-e git+https://example.org/x.git#egg=x\n--extra-index-url http://mirror.example.org/simple\n./local-pkg\nsix==1.16.0\n",
    );
    assert_eq!(
        run(r),
        vec![
            f("git-dependency", "requirements.txt", 2),
            f("insecure-http-dependency", "requirements.txt", 3),
            f("unpinned-requirement", "requirements.txt", 1),
            f("unpinned-requirement", "requirements.txt", 4),
        ]
    );
}
