//! `trustward deps`: JSON shape, single-file mode, errors kept going, usage errors.

use assert_cmd::Command;
use std::path::Path;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn tree() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "Cargo.lock",
        "version = 4\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\n \"itoa\",\n]\n\n[[package]]\nname = \"itoa\"\nversion = \"1.0.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
    );
    write(
        d.path(),
        "bad/poetry.lock",
        "[[package]]\nname = \"x\"\nversion = \n",
    );
    write(
        d.path(),
        "node_modules/x/package-lock.json",
        "{\"lockfileVersion\": 3, \"packages\": {\"node_modules/y\": {\"version\": \"1.0.0\"}}}",
    );
    d
}

#[test]
fn json_document_shape() {
    let d = tree();
    let out = Command::cargo_bin("trustward")
        .unwrap()
        .args(["deps", "--format", "json", "-q"])
        .arg(d.path())
        .output()
        .unwrap();
    // bad/poetry.lock does not parse: the listing is written, but it is incomplete (exit 3).
    assert_eq!(out.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!({
            "schema_version": 1,
            "packages": [{
                "ecosystem": "crates.io",
                "name": "itoa",
                "version": "1.0.0",
                "purl": "pkg:cargo/itoa@1.0.0",
                "scope": "unknown",
                "direct": true,
                "source": {"path": "Cargo.lock", "line": 11}
            }],
            "sources": [{"path": "Cargo.lock", "format": "Cargo.lock v4", "packages": 1}],
            "errors": [{"path": "bad/poetry.lock:3", "message": v["errors"][0]["message"].clone()}]
        })
    );
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("cannot parse poetry.lock")
    );
}

#[test]
fn include_vendored_and_single_file() {
    let d = tree();
    let out = Command::cargo_bin("trustward")
        .unwrap()
        .args(["deps", "--format", "json", "-q", "--include-vendored"])
        .arg(d.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["packages"].as_array().unwrap().len(), 2);

    let out = Command::cargo_bin("trustward")
        .unwrap()
        .args(["deps"])
        .arg(d.path().join("node_modules/x/package-lock.json"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("npm        y     1.0.0"), "{text}");
    assert!(text.contains("1 package from 1 file"), "{text}");
}

#[test]
fn unsupported_file_and_format_are_usage_errors() {
    let d = tree();
    write(d.path(), "README.md", "hi\n");
    Command::cargo_bin("trustward")
        .unwrap()
        .arg("deps")
        .arg(d.path().join("README.md"))
        .assert()
        .code(2);
    Command::cargo_bin("trustward")
        .unwrap()
        .args(["deps", "--format", "sarif"])
        .arg(d.path())
        .assert()
        .code(2);
}
