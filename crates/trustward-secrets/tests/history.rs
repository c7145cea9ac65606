//! History (`--git`) and staged (`--staged`) scans over repositories built with `git`.

mod common;

use common::*;
use trustward_secrets::Source;
use trustward_secrets::history::Range;

fn hist(root: &std::path::Path, range: Range) -> trustward_core::AnalyzerOutput {
    run_with(root, "", opts(Source::History(range)))
}

#[test]
fn finds_deleted_secret_with_first_commit_author_date_and_count() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    init(root);
    write(root, "README.md", b"hello\n");
    let c1 = commit(root, "one", 1_700_000_000);
    write(root, "old/creds.txt", format!("token={GH}\n").as_bytes());
    let c2 = commit(root, "two", 1_700_086_400);
    write(root, "README.md", b"hello again\n");
    let c3 = commit(root, "three", 1_700_172_800);
    std::fs::remove_file(root.join("old/creds.txt")).unwrap();
    let c4 = commit(root, "four", 1_700_259_200);

    // The working tree is clean…
    assert!(run(root).findings.is_empty());
    // …the history is not.
    let out = hist(root, Range::default());
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!(ids(&out), vec!["secrets/github-pat"]);
    let f = &out.findings[0];
    assert_eq!(f.location.path.as_deref(), Some("old/creds.txt"));
    assert_eq!(f.location.line, Some(1));
    assert_eq!(f.location.commit.as_deref(), Some(c2.as_str()));
    assert_eq!(f.data["commit"], c2.as_str());
    assert_eq!(f.data["author"], "Ada Dev <ada@example.org>");
    assert_eq!(f.data["date"], "2023-11-15T22:13:20Z");
    assert_eq!(f.data["commits_count"], 2, "commits two and three carry it");

    // Narrowing.
    assert!(
        hist(
            root,
            Range {
                commits: Some(format!("{c3}..{c4}")),
                ..Default::default()
            }
        )
        .findings
        .is_empty()
    );
    assert_eq!(
        hist(
            root,
            Range {
                commits: Some(format!("{c1}..{c4}")),
                ..Default::default()
            }
        )
        .findings
        .len(),
        1
    );
    assert_eq!(
        hist(
            root,
            Range {
                branch: Some("main".into()),
                ..Default::default()
            }
        )
        .findings
        .len(),
        1
    );
    assert_eq!(
        hist(
            root,
            Range {
                branch: Some(c2.clone()),
                ..Default::default()
            }
        )
        .findings
        .len(),
        1
    );
    assert!(
        hist(
            root,
            Range {
                branch: Some(c1.clone()),
                ..Default::default()
            }
        )
        .findings
        .is_empty()
    );
    assert!(
        hist(
            root,
            Range {
                since: Some("2023-11-16".into()),
                ..Default::default()
            }
        )
        .findings
        .len()
            == 1
    );
    assert!(
        hist(
            root,
            Range {
                since: Some("2023-11-18".into()),
                ..Default::default()
            }
        )
        .findings
        .is_empty()
    );
    let bad = hist(
        root,
        Range {
            since: Some("yesterday-ish".into()),
            ..Default::default()
        },
    );
    assert!(bad.status.is_some());
    let bad = hist(
        root,
        Range {
            branch: Some("no-such-branch".into()),
            ..Default::default()
        },
    );
    assert!(bad.status.is_some());

    // Commit allowlists.
    let cfg = format!("[secrets]\nallow_commits = ['{}']\n", &c2[..10]);
    assert!(
        run_with(root, &cfg, opts(Source::History(Range::default())))
            .findings
            .is_empty()
    );
}

#[test]
fn fingerprint_is_stable_across_rewrites_of_unrelated_files() {
    let fp = |unrelated: &str| {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        init(root);
        write(root, "other.txt", unrelated.as_bytes());
        commit(root, "a", 1_700_000_000);
        write(root, "conf/app.env", format!("X={AWS}\n").as_bytes());
        commit(root, "b", 1_700_000_100);
        let mut out = hist(root, Range::default());
        assert_eq!(out.findings.len(), 1);
        let f = out.findings.remove(0);
        (
            trustward_core::fingerprint::fingerprint(&f),
            f.location.commit.clone(),
        )
    };
    let (a, ca) = fp("one version\n");
    let (b, cb) = fp("a rewritten history\n");
    assert_ne!(ca, cb, "different commits");
    assert_eq!(a, b, "same fingerprint");
}

#[test]
fn empty_repository_shallow_clone_and_missing_objects() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    init(root);
    let out = hist(root, Range::default());
    assert!(out.findings.is_empty());
    assert!(
        out.warnings.iter().any(|w| w.contains("no commits")),
        "{:?}",
        out.warnings
    );

    for i in 0..3 {
        write(root, &format!("f{i}.txt"), format!("{i}\n").as_bytes());
        commit(root, "c", 1_700_000_000 + i);
    }
    write(root, "k.env", format!("K={GH}\n").as_bytes());
    commit(root, "secret", 1_700_000_100);

    let s = tempfile::tempdir().unwrap();
    let url = format!("file://{}", root.display());
    git(s.path(), &["clone", "-q", "--depth", "1", &url, "c"]);
    let clone = s.path().join("c");
    let out = hist(&clone, Range::default());
    assert!(
        out.warnings.iter().any(|w| w.contains("shallow clone")),
        "{:?}",
        out.warnings
    );
    assert_eq!(ids(&out), vec!["secrets/github-pat"]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);

    // Remove a loose blob: the scan reports it and goes on.
    let blob = git(root, &["rev-parse", "HEAD:f1.txt"]);
    std::fs::remove_file(root.join(".git/objects").join(&blob[..2]).join(&blob[2..])).unwrap();
    let out = hist(root, Range::default());
    assert_eq!(ids(&out), vec!["secrets/github-pat"]);
    assert!(
        out.errors
            .iter()
            .any(|e| e.message.contains(&blob) && e.message.contains("missing")),
        "{:?}",
        out.errors
    );
}

#[test]
fn staged_scans_only_what_is_staged() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    init(root);
    write(root, "committed.env", format!("OLD={AWS}\n").as_bytes());
    commit(root, "base", 1_700_000_000);
    write(root, "new.env", format!("T={GH}\n").as_bytes());
    git(root, &["add", "new.env"]);
    write(root, "unstaged.env", format!("T={GH}\n").as_bytes());
    let out = run_with(root, "", opts(Source::Staged));
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let paths: Vec<_> = out
        .findings
        .iter()
        .map(|f| f.location.path.clone().unwrap())
        .collect();
    assert_eq!(paths, vec!["new.env"]);

    // Before the first commit, everything staged is new.
    let e = tempfile::tempdir().unwrap();
    init(e.path());
    write(e.path(), "a.env", format!("T={GH}\n").as_bytes());
    git(e.path(), &["add", "a.env"]);
    assert_eq!(
        run_with(e.path(), "", opts(Source::Staged)).findings.len(),
        1
    );
}

#[test]
fn not_a_repository() {
    let d = tempfile::tempdir().unwrap();
    let out = hist(d.path(), Range::default());
    assert!(matches!(
        out.status,
        Some(trustward_core::AnalyzerStatus::NotChecked { .. })
    ));
}
