//! Fail closed: input an analyzer needed and could not fully read makes it incomplete,
//! which fails `--strict`, `[policy] require`, and by default the gate ("passed,
//! INCOMPLETE", exit 3) unless the path is excluded or `allow_incomplete` is set.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
}

fn tw(db: &Path, cwd: &Path) -> Command {
    let mut c = Command::cargo_bin("trustward").unwrap();
    c.current_dir(cwd)
        .env("TRUSTWARD_DB", db)
        .env("NO_COLOR", "1");
    c
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn last_line(out: &[u8]) -> String {
    String::from_utf8_lossy(out)
        .lines()
        .last()
        .unwrap_or("")
        .to_string()
}

#[test]
fn truncated_lockfile_beside_its_manifest_is_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    tw(&db, dir.path())
        .args(["db", "import"])
        .arg(fixtures().join("osv"))
        .assert()
        .success();
    let p = dir.path().join("p");
    write(
        &p,
        "package.json",
        r#"{"name":"x","version":"1.0.0","dependencies":{"evil-pkg":"1.0.0"}}"#,
    );
    write(
        &p,
        "package-lock.json",
        r#"{"name":"x","lockfileVersion":3,"packages":{"node_modules/evil-pkg":{"version":"1.0."#,
    );
    let out = tw(&db, &p)
        .args(["audit", "--only", "vulns"])
        .assert()
        .code(3);
    let stdout = out.get_output().stdout.clone();
    assert_eq!(
        last_line(&stdout),
        "policy: passed, INCOMPLETE — vulns could not read all of its input"
    );
    assert!(String::from_utf8_lossy(&stdout).contains("    package-lock.json:1\n"));
    tw(&db, &p)
        .args(["audit", "--only", "vulns", "--strict"])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("vulns (incomplete)"));
    for fmt in ["json", "sarif", "markdown"] {
        tw(&db, &p)
            .args(["audit", "--only", "vulns", "-f", fmt])
            .assert()
            .code(3)
            .stdout(predicate::str::contains("incomplete"));
    }

    write(
        &p,
        "trustward.toml",
        "[policy]\nallow_incomplete = true\nrequire = [\"vulns\"]\n",
    );
    tw(&db, &p)
        .args(["audit", "--only", "vulns"])
        .assert()
        .code(3);
    write(&p, "trustward.toml", "[policy]\nallow_incomplete = true\n");
    tw(&db, &p)
        .args(["audit", "--only", "vulns"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("vulns INCOMPLETE"))
        .stdout(predicate::str::ends_with("policy: passed\n"));
    write(
        &p,
        "trustward.toml",
        "[scan]\nexclude = [\"package-lock.json\"]\n",
    );
    tw(&db, &p)
        .args(["audit", "--only", "vulns", "--strict"])
        .assert()
        .code(0);
}

#[test]
fn unparseable_and_symlinked_workflows_are_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    write(
        dir.path(),
        ".github/workflows/bad.yml",
        "on: push\njobs:\n  a:\n    runs-on: [ubuntu\n",
    );
    tw(&db, dir.path())
        .args(["workflows", "."])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("workflows INCOMPLETE"));
    #[cfg(unix)]
    {
        let other = tempfile::tempdir().unwrap();
        write(
            other.path(),
            "ci.yml",
            "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n",
        );
        std::fs::remove_dir_all(dir.path().join(".github/workflows")).unwrap();
        std::os::unix::fs::symlink(other.path(), dir.path().join(".github/workflows")).unwrap();
        tw(&db, dir.path())
            .args(["workflows", "."])
            .assert()
            .code(3)
            .stdout(predicate::str::contains(".github/workflows"))
            .stdout(predicate::str::contains("symbolic link"));
    }
}

#[test]
fn sbom_components_as_an_object_is_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    tw(&db, dir.path())
        .args(["db", "import"])
        .arg(fixtures().join("osv"))
        .assert()
        .success();
    write(
        dir.path(),
        "bom.json",
        r#"{"bomFormat":"CycloneDX","specVersion":"1.6","components":{"type":"library","name":"evil-pkg","purl":"pkg:npm/evil-pkg@1.0.0"}}"#,
    );
    tw(&db, dir.path())
        .args(["vulns", "--strict", "--sbom", "bom.json"])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("vulns (incomplete)"));
    tw(&db, dir.path())
        .args(["vulns", "--sbom", "/dev/zero"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a regular file"));
}

/// A ustar archive of `(name, content)` entries, written by hand (POSIX.1-1988 header).
fn tar(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, content) in entries {
        let mut h = [0u8; 512];
        h[..name.len()].copy_from_slice(name.as_bytes());
        h[100..107].copy_from_slice(b"0000644");
        h[108..115].copy_from_slice(b"0000000");
        h[116..123].copy_from_slice(b"0000000");
        h[124..135].copy_from_slice(format!("{:011o}", content.len()).as_bytes());
        h[136..147].copy_from_slice(b"00000000000");
        h[156] = b'0';
        h[257..263].copy_from_slice(b"ustar\0");
        h[263..265].copy_from_slice(b"00");
        h[148..156].copy_from_slice(b"        ");
        let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
        h[148..155].copy_from_slice(format!("{sum:06o}\0").as_bytes());
        out.extend_from_slice(&h);
        out.extend_from_slice(content.as_bytes());
        out.resize(out.len().div_ceil(512) * 512, 0);
    }
    out.resize(out.len() + 1024, 0);
    out
}

#[test]
fn archive_entries_past_the_cap_are_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    std::fs::write(
        dir.path().join("a.tar"),
        tar(&[("one.txt", "a\n"), ("two.txt", "b\n"), ("three.txt", "c\n")]),
    )
    .unwrap();
    write(
        dir.path(),
        "trustward.toml",
        "[secrets]\narchive_max_entries = 2\n",
    );
    tw(&db, dir.path())
        .args(["secrets", "."])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("more than 2 entries"));
    write(
        dir.path(),
        "trustward.toml",
        "[secrets]\narchive_max_entries = 5\n",
    );
    tw(&db, dir.path()).args(["secrets", "."]).assert().code(0);
}

#[test]
fn missing_git_blob_in_history_is_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .output()
            .expect("git must be installed (.ci/run needs it)");
        assert!(ok.status.success(), "{ok:?}");
        String::from_utf8(ok.stdout).unwrap()
    };
    git(&["init", "-q"]);
    write(dir.path(), "notes.txt", "nothing secret here\n");
    git(&["add", "notes.txt"]);
    git(&["commit", "-qm", "one"]);
    let blob = git(&["rev-parse", "HEAD:notes.txt"]);
    let blob = blob.trim();
    std::fs::remove_file(
        dir.path()
            .join(".git/objects")
            .join(&blob[..2])
            .join(&blob[2..]),
    )
    .unwrap();
    tw(&db, dir.path())
        .args(["secrets", "--git", "."])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("secrets INCOMPLETE"));
}
