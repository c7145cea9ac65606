//! Contributors, checked-in binaries and credentials, and degraded repositories.

mod common;

use common::{Fixture, ids};

fn status<'a>(out: &'a trustward_core::AnalyzerOutput, check: &str) -> &'a str {
    out.evidence
        .iter()
        .find(|e| e.check == check)
        .map(|e| e.status.as_str())
        .unwrap_or("absent")
}

#[test]
fn contributors_first_timers_and_unowned_sensitive_paths() {
    let f = Fixture::new();
    // Old history (outside a 90-day window) by Alice, with CODEOWNERS for workflows.
    let old = [
        ("GIT_AUTHOR_DATE", "2020-01-01T00:00:00Z"),
        ("GIT_COMMITTER_DATE", "2020-01-01T00:00:00Z"),
    ];
    f.write("src/lib.rs", b"// lib\n");
    f.write(
        ".github/CODEOWNERS",
        b"/.github/workflows/ @org/maintainers\n",
    );
    f.git(&["add", "-A"]);
    f.git_env(&old, &["commit", "-q", "-m", "start"]);
    // Recent: Alice edits code; Mallory (new) edits a workflow and the lockfile;
    // Bob's patch is committed by Alice.
    f.commit("src/lib.rs", "// lib v2\n", &[]);
    let mallory = [
        ("GIT_AUTHOR_NAME", "Mallory"),
        ("GIT_AUTHOR_EMAIL", "mallory@example.net"),
    ];
    f.write(".github/workflows/ci.yml", b"on: push\n");
    f.write("Cargo.lock", b"# lock\n");
    f.git(&["add", "-A"]);
    f.git_env(&mallory, &["commit", "-q", "-m", "ci"]);
    let mallory_commit = f.git(&["rev-parse", "HEAD"]);
    let bob = [
        ("GIT_AUTHOR_NAME", "Bob"),
        ("GIT_AUTHOR_EMAIL", "bob@example.com"),
    ];
    f.write("src/bob.rs", b"// bob\n");
    f.git(&["add", "-A"]);
    f.git_env(&bob, &["commit", "-q", "-m", "bob's patch"]);

    let out = f.analyze("");
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let found = ids(&out);
    assert!(
        found.contains(&(
            "history/first-time-contributor-sensitive-path".into(),
            mallory_commit.clone()
        )),
        "{found:?}"
    );
    let ft: Vec<_> = out
        .findings
        .iter()
        .filter(|f| f.rule.id == "history/first-time-contributor-sensitive-path")
        .collect();
    assert_eq!(
        ft.len(),
        1,
        "Bob touched no sensitive path; Alice is not new"
    );
    assert!(ft[0].message.contains("Cargo.lock") && ft[0].message.contains("ci.yml"));
    // The workflow is owned; the lockfile is not.
    let unowned: Vec<&str> = out
        .findings
        .iter()
        .filter(|f| f.rule.id == "history/sensitive-path-not-owned")
        .filter_map(|f| f.location.path.as_deref())
        .collect();
    assert_eq!(unowned, vec!["Cargo.lock"]);
    assert_eq!(status(&out, "history/sensitive-paths-owned"), "not-met");
    let differ: Vec<&str> = out
        .findings
        .iter()
        .filter(|f| f.rule.id == "history/author-committer-differ")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(differ.len(), 2, "{differ:?}");
    assert!(
        differ
            .iter()
            .any(|m| m.contains("Bob") && m.contains("Alice"))
    );

    let table: Vec<(&str, usize, bool)> = out
        .contributors
        .iter()
        .map(|c| (c.email.as_str(), c.commits, c.first_time))
        .collect();
    assert_eq!(
        table,
        vec![
            ("alice@example.org", 1, false),
            ("bob@example.com", 1, true),
            ("mallory@example.net", 1, true),
        ]
    );
    assert_eq!(out.contributors[0].first_commit, "2020-01-01");
}

#[test]
fn binaries_and_credentials_by_content() {
    let f = Fixture::new();
    f.write("tools/helper", b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0");
    f.write("lib/Thing.class", b"\xca\xfe\xba\xbe\x00\x00\x00\x41rest");
    f.write("web/mod.wasm", b"\0asm\x01\0\0\0");
    f.write("renamed.txt", b"\x7fELF\x02\x01\x01\0\0\0");
    f.write("vendor/allowed.so", b"\x7fELF\x02\x01\x01\0\0\0");
    f.write(
        "deploy/server.key",
        b"-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
    );
    f.write(".env", b"DATABASE_URL=postgres://u:p@h/db\n");
    f.write(".env.example", b"DATABASE_URL=postgres://u:p@h/db\n");
    f.write(".npmrc", b"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n");
    f.write("src/main.rs", b"fn main() {}\n");
    f.write(
        "cert.pem",
        b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    );
    f.git(&["add", "-A"]);
    f.git(&["commit", "-q", "-m", "files"]);

    let out = f.analyze("[history]\nallow_paths = [\"vendor/\"]\n");
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let mut bins: Vec<&str> = out
        .findings
        .iter()
        .filter(|f| f.rule.id == "history/checked-in-binary")
        .filter_map(|f| f.location.path.as_deref())
        .collect();
    bins.sort();
    assert_eq!(
        bins,
        vec![
            "lib/Thing.class",
            "renamed.txt",
            "tools/helper",
            "web/mod.wasm"
        ]
    );
    let mut creds: Vec<&str> = out
        .findings
        .iter()
        .filter(|f| f.rule.id == "history/checked-in-credentials-file")
        .filter_map(|f| f.location.path.as_deref())
        .collect();
    creds.sort();
    assert_eq!(creds, vec![".env", "deploy/server.key"]);
    // The key's content is never in the message.
    assert!(!out.findings.iter().any(|f| f.message.contains("AAAA")));
    assert_eq!(status(&out, "history/no-checked-in-binaries"), "not-met");
    assert_eq!(status(&out, "history/no-checked-in-credentials"), "not-met");

    let clean = Fixture::new();
    clean.commit("src/main.rs", "fn main() {}\n", &[]);
    let out = clean.analyze("");
    assert_eq!(status(&out, "history/no-checked-in-binaries"), "met");
    assert_eq!(status(&out, "history/no-checked-in-credentials"), "met");
}

#[test]
fn empty_repository_is_not_applicable_with_a_message() {
    let f = Fixture::new();
    let out = f.analyze("");
    assert!(out.findings.is_empty());
    assert!(
        out.warnings.iter().any(|w| w.contains("no commits")),
        "{:?}",
        out.warnings
    );
    assert_eq!(status(&out, "history/commits-signed"), "not-evaluated");
}

#[test]
fn detached_head_and_shallow_clone() {
    let f = Fixture::new();
    let first = f.commit("a", "1", &[]);
    f.commit("b", "2", &[]);
    f.commit("c", "3", &[]);
    f.git(&["checkout", "-q", "--detach", &first]);
    let out = f.analyze("");
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert!(
        out.warnings.iter().any(|w| w.contains("detached")),
        "{:?}",
        out.warnings
    );
    assert!(
        out.evidence
            .iter()
            .any(|e| e.detail.contains("of 1 commits"))
    );

    // A shallow clone of depth 1 through file://.
    let src = f.root();
    let dst = f.path("shallow");
    f.run(
        "git",
        &[
            "clone",
            "-q",
            "--depth",
            "1",
            &format!("file://{}", src.display()),
            dst.to_str().unwrap(),
        ],
    );
    let config = trustward_core::Config::default();
    let files = trustward_core::files::FileIndex::new(&dst);
    use trustward_core::Analyzer;
    let out = trustward_history::HistoryAnalyzer::default().run(&trustward_core::ScanContext {
        files: &files,
        config: &config,
        progress: &trustward_core::analyzer::NoProgress,
        verbose: false,
    });
    assert!(
        out.errors.is_empty(),
        "missing parents past the boundary are expected: {:?}",
        out.errors
    );
    assert!(
        out.warnings.iter().any(|w| w.contains("shallow")),
        "{:?}",
        out.warnings
    );
}

#[test]
fn corrupt_and_missing_objects_are_errors_not_panics() {
    let f = Fixture::new();
    f.commit("a", "1", &[]);
    f.commit("b", "2", &[]);
    // Remove the parent commit's loose object: the walk reports it and goes on.
    let parent = f.git(&["rev-parse", "HEAD~1"]);
    let obj = f
        .root()
        .join(".git/objects")
        .join(&parent[..2])
        .join(&parent[2..]);
    std::fs::remove_file(&obj).unwrap();
    let out = f.analyze("");
    assert!(
        out.errors.iter().any(|e| e.message.contains(&parent)),
        "{:?}",
        out.errors
    );
    // A HEAD commit whose object is garbage.
    let g = Fixture::new();
    g.commit("a", "1", &[]);
    let head = g.git(&["rev-parse", "HEAD"]);
    let obj = g
        .root()
        .join(".git/objects")
        .join(&head[..2])
        .join(&head[2..]);
    let mut perm = std::fs::metadata(&obj).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perm.set_readonly(false);
    std::fs::set_permissions(&obj, perm).unwrap();
    std::fs::write(&obj, b"not zlib at all").unwrap();
    let out = g.analyze("");
    let all = format!("{:?} {:?}", out.errors, out.status);
    assert!(all.contains(&head[..7]) || all.contains("HEAD"), "{all}");
}
