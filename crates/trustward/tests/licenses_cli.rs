//! `trustward licenses` and the `licenses` analyzer in `audit`: JSON shape, the policy gate,
//! hostile names escaped in text.

use assert_cmd::Command;
use std::path::Path;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn tree() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let mit = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/spdx/text/MIT.txt"
    ))
    .unwrap();
    write(d.path(), "LICENSE", &mit);
    write(
        d.path(),
        "package.json",
        r#"{"name":"app","version":"1.0.0","license":"MIT"}"#,
    );
    write(
        d.path(),
        "package-lock.json",
        r#"{"name":"app","lockfileVersion":3,"packages":{"":{"name":"app","version":"1.0.0"},"node_modules/agpl-lib":{"version":"1.0.0","license":"AGPL-3.0-only"},"node_modules/evil\u001b[2J":{"version":"1.0.0","license":"MIT"}}}"#,
    );
    d
}

fn cmd(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("trustward").unwrap();
    c.current_dir(dir).env("HOME", dir).env_remove("CARGO_HOME");
    c
}

#[test]
fn json_lists_project_and_packages() {
    let d = tree();
    let out = cmd(d.path())
        .args(["licenses", ".", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Top-level keys in the documented order.
    let text = String::from_utf8_lossy(&out.stdout);
    let at: Vec<usize> = [
        "\"schema_version\"",
        "\"project\"",
        "\"packages\"",
        "\"errors\"",
    ]
    .iter()
    .map(|k| text.find(k).unwrap())
    .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    assert_eq!(v.as_object().unwrap().len(), 4);
    assert_eq!(v["project"]["license"], "MIT");
    assert_eq!(v["project"]["files"][0]["path"], "LICENSE");
    assert_eq!(v["project"]["files"][0]["license"], "MIT");
    assert!(v["project"]["files"][0]["score"].as_f64().unwrap() > 0.93);
    assert_eq!(v["project"]["declared"][0]["path"], "package.json:1");
    let agpl = v["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "agpl-lib")
        .unwrap();
    assert_eq!(agpl["license"], "AGPL-3.0-only");
    assert!(
        agpl["source"]
            .as_str()
            .unwrap()
            .starts_with("package-lock.json")
    );
}

#[test]
fn text_escapes_control_characters() {
    let d = tree();
    let out = cmd(d.path()).args(["licenses", "."]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(text.contains("evil\\u{1b}[2J"), "{text}");
}

#[test]
fn audit_gates_on_the_policy() {
    let d = tree();
    // A permissive project with an AGPL dependency: medium by default, passes `high`.
    let ok = cmd(d.path())
        .args(["audit", ".", "--only", "licenses", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().or(f["rule"].as_str()).unwrap_or(""))
        .collect();
    assert!(rules.contains(&"licenses/copyleft-dependency"), "{rules:?}");
    assert_eq!(ok.status.code(), Some(0));
    // Denied by policy: high, the gate fails.
    write(
        d.path(),
        "trustward.toml",
        "[licenses]\ndeny = [\"category:network-copyleft\"]\n",
    );
    let denied = cmd(d.path())
        .args(["audit", ".", "--only", "licenses"])
        .output()
        .unwrap();
    assert_eq!(denied.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&denied.stdout).contains("licenses/denied"));
    // A bad policy is a configuration error naming the entry.
    write(
        d.path(),
        "trustward.toml",
        "[licenses]\nallow = [\"category:viral\"]\n",
    );
    let bad = cmd(d.path())
        .args(["audit", ".", "--only", "licenses"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown licence category `viral`"));
}
