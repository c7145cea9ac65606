//! `trustward watch refs`: a `file://` remote rewritten between runs, an unreachable
//! remote, and an `https://`-style remote served from 127.0.0.1.

use assert_cmd::Command;
use std::path::Path;

fn tw() -> Command {
    let mut c = Command::cargo_bin("trustward").unwrap();
    c.env("NO_COLOR", "1");
    c
}

fn git(dir: &Path, args: &[&str]) -> String {
    let o = std::process::Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "A")
        .env("GIT_AUTHOR_EMAIL", "a@example.org")
        .env("GIT_COMMITTER_NAME", "A")
        .env("GIT_COMMITTER_EMAIL", "a@example.org")
        .args(args)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

fn watch(target: &str, state: &Path) -> (i32, serde_json::Value, String) {
    let o = tw()
        .args(["watch", "refs", target, "--format", "json", "--state"])
        .arg(state)
        .output()
        .unwrap();
    let code = o.status.code().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).to_string();
    let json = serde_json::from_slice(&o.stdout).unwrap_or(serde_json::Value::Null);
    (code, json, stderr)
}

fn kinds(v: &serde_json::Value) -> Vec<(String, String)> {
    let mut k: Vec<(String, String)> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_string(),
                e["ref"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    k.sort();
    k
}

#[test]
fn file_remote_force_push_deleted_and_moved_tags() {
    let d = tempfile::tempdir().unwrap();
    let work = d.path().join("work");
    let origin = d.path().join("origin.git");
    std::fs::create_dir_all(&work).unwrap();
    git(
        d.path(),
        &[
            "init",
            "-q",
            "--bare",
            "-b",
            "main",
            origin.to_str().unwrap(),
        ],
    );
    git(&work, &["init", "-q", "-b", "main"]);
    std::fs::write(work.join("a"), "1").unwrap();
    git(&work, &["add", "-A"]);
    git(&work, &["commit", "-q", "-m", "one"]);
    std::fs::write(work.join("a"), "2").unwrap();
    git(&work, &["commit", "-q", "-am", "two"]);
    git(&work, &["tag", "v1.0.0", "HEAD~1"]);
    git(&work, &["tag", "-a", "v1.1.0", "-m", "release"]);
    git(
        &work,
        &["remote", "add", "origin", origin.to_str().unwrap()],
    );
    git(&work, &["push", "-q", "origin", "main", "--tags"]);

    let url = format!("file://{}", origin.display());
    let state = d.path().join("state.db");
    let (code, v, stderr) = watch(&url, &state);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("baseline"), "{stderr}");
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, vec!["events", "remote", "schema_version"]);
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["remote"], url.as_str());
    assert!(v["events"].as_array().unwrap().is_empty());

    // No change: nothing to report.
    let (code, v, _) = watch(&url, &state);
    assert_eq!(code, 0);
    assert!(v["events"].as_array().unwrap().is_empty());

    // A fast-forward is not an event.
    std::fs::write(work.join("a"), "3").unwrap();
    git(&work, &["commit", "-q", "-am", "three"]);
    git(&work, &["push", "-q", "origin", "main"]);
    let (code, v, _) = watch(&url, &state);
    assert_eq!((code, kinds(&v)), (0, vec![]));

    // Rewrite main and force-push it, delete one tag, move another, add a branch and a tag.
    git(&work, &["reset", "-q", "--hard", "HEAD~2"]);
    std::fs::write(work.join("a"), "rewritten").unwrap();
    git(&work, &["commit", "-q", "-am", "rewritten"]);
    git(&work, &["push", "-q", "-f", "origin", "main"]);
    git(&work, &["push", "-q", "origin", ":refs/tags/v1.0.0"]);
    git(&work, &["tag", "-f", "-a", "v1.1.0", "-m", "moved"]);
    git(&work, &["push", "-q", "-f", "origin", "v1.1.0"]);
    git(&work, &["branch", "feature"]);
    git(&work, &["push", "-q", "origin", "feature"]);
    git(&work, &["tag", "v2.0.0"]);
    git(&work, &["push", "-q", "origin", "v2.0.0"]);
    let (code, v, stderr) = watch(&url, &state);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        kinds(&v),
        vec![
            ("branch-created".into(), "refs/heads/feature".into()),
            ("force-push".into(), "refs/heads/main".into()),
            ("tag-created".into(), "refs/tags/v2.0.0".into()),
            ("tag-deleted".into(), "refs/tags/v1.0.0".into()),
            ("tag-moved".into(), "refs/tags/v1.1.0".into()),
        ]
    );
    let e = &v["events"][0];
    let keys: Vec<&String> = e.as_object().unwrap().keys().collect();
    assert_eq!(keys, vec!["kind", "new", "old", "ref", "severity"]);
    let fp = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "force-push")
        .unwrap();
    assert_eq!(fp["severity"], "high");
    assert!(fp["old"].is_string() && fp["new"].is_string());

    // An unreachable remote: exit 3 and the state is untouched.
    let (code, _, stderr) = watch(
        &format!("file://{}", d.path().join("missing.git").display()),
        &state,
    );
    assert_eq!(code, 3, "{stderr}");
    let (code, _, stderr) = watch(&url, &state);
    assert_eq!(
        code, 0,
        "the state still holds the last good read: {stderr}"
    );

    // The default branch changes.
    git(&origin, &["symbolic-ref", "HEAD", "refs/heads/feature"]);
    let (code, v, _) = watch(&url, &state);
    assert_eq!(code, 1);
    assert_eq!(
        kinds(&v),
        vec![("default-branch-changed".into(), "HEAD".into())]
    );
    // A deleted branch is reported but not alarming.
    git(&work, &["push", "-q", "origin", ":refs/heads/main"]);
    let (code, v, _) = watch(&url, &state);
    assert_eq!(code, 0);
    assert_eq!(
        kinds(&v),
        vec![("branch-deleted".into(), "refs/heads/main".into())]
    );

    // Text output on the first run of another state says a baseline was recorded.
    let o = tw()
        .args(["watch", "refs", &url, "--state"])
        .arg(d.path().join("other.db"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("baseline recorded"));
}

fn pkt(s: &str) -> String {
    format!("{:04x}{s}", s.len() + 4)
}

fn advertisement(tag: &str) -> String {
    let main = "1111111111111111111111111111111111111111";
    let mut b = pkt("# service=git-upload-pack\n");
    b.push_str("0000");
    b.push_str(&pkt(&format!(
        "{main} HEAD\0multi_ack symref=HEAD:refs/heads/main\n"
    )));
    b.push_str(&pkt(&format!("{main} refs/heads/main\n")));
    b.push_str(&pkt(&format!("{tag} refs/tags/v1.0.0\n")));
    b.push_str("0000");
    b
}

#[test]
fn http_remote_advertised_refs() {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let bodies = [
        advertisement("2222222222222222222222222222222222222222"),
        advertisement("3333333333333333333333333333333333333333"),
    ];
    let server = std::thread::spawn(move || {
        let mut paths = Vec::new();
        for body in bodies {
            let (mut s, _) = listener.accept().unwrap();
            let mut r = BufReader::new(s.try_clone().unwrap());
            let mut line = String::new();
            r.read_line(&mut line).unwrap();
            paths.push(line.clone());
            loop {
                let mut h = String::new();
                r.read_line(&mut h).unwrap();
                if h == "\r\n" || h.is_empty() {
                    break;
                }
            }
            write!(
                s,
                "HTTP/1.1 200 OK\r\nContent-Type: application/x-git-upload-pack-advertisement\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .unwrap();
        }
        paths
    });
    let d = tempfile::tempdir().unwrap();
    let state = d.path().join("s.db");
    let url = format!("http://127.0.0.1:{port}/org/repo.git");
    let (code, _, stderr) = watch(&url, &state);
    assert_eq!(code, 0, "{stderr}");
    let (code, v, stderr) = watch(&url, &state);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        kinds(&v),
        vec![("tag-moved".into(), "refs/tags/v1.0.0".into())]
    );
    let paths = server.join().unwrap();
    assert!(
        paths[0].starts_with("GET /org/repo.git/info/refs?service=git-upload-pack "),
        "{paths:?}"
    );
    // Nothing listens any more: unreachable, exit 3.
    let (code, _, _) = watch(&url, &state);
    assert_eq!(code, 3);
}
