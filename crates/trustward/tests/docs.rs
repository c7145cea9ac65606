//! `docs/rules.md` is generated from the rule registry; this test keeps it current.
//! Regenerate with `UPDATE_DOCS=1 cargo test -p trustward --test docs`.

use assert_cmd::Command;

#[test]
fn rules_md_is_current() {
    let out = Command::cargo_bin("trustward")
        .unwrap()
        .args(["rules", "--format", "markdown"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let generated = String::from_utf8(out.stdout).unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/rules.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is out of date: run `UPDATE_DOCS=1 cargo test -p trustward --test docs`"
    );
}

#[test]
fn maturity_md_is_current() {
    let out = Command::cargo_bin("trustward")
        .unwrap()
        .args(["controls", "--catalogue"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let generated = String::from_utf8(out.stdout).unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/maturity.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/maturity.md is out of date: run `UPDATE_DOCS=1 cargo test -p trustward --test docs`"
    );
}
