//! The HTML report in a real browser: Debian's `chromium` (installed by `.ci/run`) loads
//! `audit --format html` of a repository with a hostile file name from `file://` with the
//! network disabled; `tests/browser/check.mjs` drives it over the DevTools protocol (no
//! console error, filters change what is shown, the hostile name is text and never runs)
//! and saves a screenshot under the target directory.
//!
//! Without chromium or node the test fails in CI (`CI` set) and is skipped with a notice
//! for a developer.

use assert_cmd::Command;
use std::path::Path;

fn have(cmd: &str) -> bool {
    std::process::Command::new(cmd)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn html_report_in_headless_chromium() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() || !have("node") {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium ({chromium}) and node are required in CI: .ci/run installs them"
        );
        eprintln!("notice: skipping the browser test: install chromium and node (see .ci/run)");
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let wf = d.path().join(".github/workflows");
    std::fs::create_dir_all(&wf).unwrap();
    std::fs::write(
        wf.join("<img src=x onerror=window.__pwned=1>.yml"),
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: echo \"${{ github.event.pull_request.title }}\"\n",
    )
    .unwrap();
    std::fs::write(d.path().join("README.md"), "# demo\n").unwrap();
    let html = d.path().join("report.html");
    Command::cargo_bin("trustward")
        .unwrap()
        .env("TRUSTWARD_DB", "/nonexistent/trustward-test-db")
        .args(["audit", "--format", "html", "--output"])
        .arg(&html)
        .arg(d.path())
        .assert()
        .code(1);
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-screenshot.png");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/check.mjs");
    let out = std::process::Command::new("node")
        .arg(script)
        .arg(&html)
        .arg(&shot)
        .env("CHROMIUM", &chromium)
        .output()
        .unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{log}");
    assert!(log.contains("ok:"), "{log}");
    assert!(shot.exists());
}
