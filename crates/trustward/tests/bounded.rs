//! User-named files are read through one capped reader that refuses non-regular files, and
//! nothing discovered inside the target may lead trustward outside it.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn tw(cwd: &Path) -> Command {
    let mut c = Command::cargo_bin("trustward").unwrap();
    c.current_dir(cwd)
        .env("TRUSTWARD_DB", cwd.join("no-db"))
        .env("NO_COLOR", "1");
    c
}

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .expect("git must be installed");
    assert!(out.status.success(), "{out:?}");
}

#[cfg(unix)]
#[test]
fn devices_are_refused_as_config_baseline_and_sbom() {
    let d = tempfile::tempdir().unwrap();
    for args in [
        &["audit", "--only", "posture", "--config", "/dev/zero", "."][..],
        &["audit", "--only", "posture", "--baseline", "/dev/zero", "."][..],
        &["vulns", "--sbom", "/dev/zero", "."][..],
    ] {
        tw(d.path())
            .args(args)
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("not a regular file"));
    }
}

#[cfg(unix)]
#[test]
fn config_symlinked_out_of_the_root_is_refused_unless_named() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("t.toml"),
        "[policy]\nfail_on = \"never\"\n",
    )
    .unwrap();
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join(".git")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("t.toml"),
        d.path().join("trustward.toml"),
    )
    .unwrap();
    tw(d.path())
        .args(["audit", "--only", "posture", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a symbolic link to"))
        .stderr(predicate::str::contains("refusing"));
    tw(d.path())
        .args([
            "audit",
            "--only",
            "posture",
            "--config",
            "trustward.toml",
            ".",
        ])
        .assert()
        .code(0);
}

#[test]
fn gitdir_file_pointing_at_another_repository_is_refused() {
    let other = tempfile::tempdir().unwrap();
    git(other.path(), &["init", "-q"]);
    std::fs::write(other.path().join("a.txt"), "x\n").unwrap();
    git(other.path(), &["add", "a.txt"]);
    git(other.path(), &["commit", "-qm", "one"]);
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join(".git"),
        format!("gitdir: {}\n", other.path().join(".git").display()),
    )
    .unwrap();
    tw(d.path())
        .args(["secrets", "--git", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "points outside the scanned directory",
        ));
    #[cfg(unix)]
    {
        let d = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(other.path().join(".git"), d.path().join(".git")).unwrap();
        tw(d.path())
            .args(["secrets", "--git", "."])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("is a symbolic link"));
    }
    // The other repository itself, named as PATH, is scanned.
    tw(other.path())
        .args(["secrets", "--git", "."])
        .assert()
        .code(0);
    // A real linked worktree (its git dir names it back) is not refused.
    let wt = tempfile::tempdir().unwrap();
    let wt_path = wt.path().join("wt");
    git(
        other.path(),
        &["worktree", "add", "-q", wt_path.to_str().unwrap()],
    );
    tw(&wt_path)
        .args(["secrets", "--git", "."])
        .assert()
        .code(0);
}

#[test]
fn deps_escapes_control_characters_from_lockfiles() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("package-lock.json"),
        r#"{"name":"x","lockfileVersion":3,"packages":{"":{"name":"x"},"node_modules/evil\u001b]0;pwned\u0007\u001b[2J":{"version":"1.0.0\u001b[31m"}}}"#,
    )
    .unwrap();
    let out = tw(d.path()).args(["deps", "."]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    assert!(!stdout.contains('\u{7}'), "{stdout:?}");
    assert!(stdout.contains("evil\\u{1b}]0;pwned\\u{7}"), "{stdout}");
}

#[test]
fn db_update_without_a_database_says_there_is_none() {
    let d = tempfile::tempdir().unwrap();
    let mirror = format!("file://{}", d.path().join("empty-mirror").display());
    tw(d.path())
        .args(["db", "update", "--ecosystem", "npm", "--mirror", &mirror])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("there was no database at"))
        .stderr(predicate::str::contains("is unchanged").not());
}
