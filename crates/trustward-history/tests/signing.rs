//! Commit and tag signatures on real repositories, cross-checked with `git verify-commit`.

mod common;

use common::{Fixture, ids, require};
use trustward_history::signature::Verdict;
use trustward_history::{verifier_from_files, verify_commit};

/// The signed commit's raw bytes with its message changed: the signature no longer
/// matches.
fn tamper(f: &Fixture, id: &str) -> String {
    let raw = f.cat("commit", id);
    let text = String::from_utf8(raw).unwrap();
    let changed = text.replacen("\n\n", "\n\ninnocent-looking change\n", 1);
    assert_ne!(text, changed);
    f.hash_object("commit", changed.as_bytes())
}

fn args<'a>(sign: &'a [String], rest: &[&'a str]) -> Vec<&'a str> {
    let mut v: Vec<&str> = sign.iter().map(String::as_str).collect();
    v.extend_from_slice(rest);
    v
}

#[test]
fn ssh_signatures_are_verified_and_agree_with_git() {
    if !require("ssh-keygen") {
        return;
    }
    let f = Fixture::new();
    let alice = f.ssh_key("alice_key");
    f.ssh_key("mallory_key");
    std::fs::write(
        f.path("allowed_signers"),
        format!("alice@example.org namespaces=\"git\" {alice}\n"),
    )
    .unwrap();

    let unsigned = f.commit("a.txt", "a", &[]);
    let sa = f.ssh_sign_args("alice_key");
    f.write("b.txt", b"b");
    f.git(&["add", "-A"]);
    f.git(&args(&sa, &["commit", "-q", "-S", "-m", "signed by alice"]));
    let good = f.git(&["rev-parse", "HEAD"]);
    let sm = f.ssh_sign_args("mallory_key");
    f.write("c.txt", b"c");
    f.git(&["add", "-A"]);
    f.git(&args(
        &sm,
        &["commit", "-q", "-S", "-m", "signed by mallory"],
    ));
    let unknown = f.git(&["rev-parse", "HEAD"]);
    let tampered = tamper(&f, &unknown);
    // The tampered commit replaces mallory's on the branch; put alice's re-signed
    // tampering on top too so both kinds of key are covered.
    f.git(&["update-ref", "refs/heads/main", &tampered]);
    f.git(&["reset", "-q", "--hard"]);
    f.write("d.txt", b"d");
    f.git(&["add", "-A"]);
    f.git(&args(&sa, &["commit", "-q", "-S", "-m", "alice again"]));
    let good2 = f.git(&["rev-parse", "HEAD"]);
    let tampered_good = tamper(&f, &good2);
    f.git(&["update-ref", "refs/heads/main", &tampered_good]);
    f.git(&["reset", "-q", "--hard"]);

    // Tags: a signed release, an unsigned annotated release, a lightweight release, a
    // non-release tag.
    f.git(&args(&sa, &["tag", "-s", "v1.2.0", "-m", "release 1.2.0"]));
    f.git(&["tag", "-a", "v1.1.0", "-m", "release 1.1.0", &good]);
    f.git(&["tag", "1.0.0", &unsigned]);
    f.git(&["tag", "nightly", &unsigned]);

    let signers = f.path("allowed_signers");
    let config = format!(
        "[history]\nallowed_signers = \"{}\"\nmin_signed_ratio = 0.9\n",
        signers.display()
    );
    let out = f.analyze(&config);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let found = ids(&out);
    assert!(
        found.contains(&("history/commit-signature-invalid".into(), tampered.clone())),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            "history/commit-signature-invalid".into(),
            tampered_good.clone()
        )),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|(r, c)| r.starts_with("history/commit-") && (c == &good || c == &unsigned)),
        "good and unsigned commits give no per-commit finding: {found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(r, _)| r == "history/signed-ratio-below-policy")
    );
    let tags: Vec<&str> = out
        .findings
        .iter()
        .filter(|f| f.rule.id == "history/release-tag-unsigned")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(tags.len(), 2, "{tags:?}");
    assert!(
        tags.iter()
            .any(|m| m.contains("1.0.0") && m.contains("lightweight"))
    );
    assert!(
        tags.iter()
            .any(|m| m.contains("v1.1.0") && m.contains("not signed"))
    );
    assert!(!found.iter().any(|(r, _)| r.starts_with("history/tag-")));
    let ev = out
        .evidence
        .iter()
        .find(|e| e.check == "history/commits-signed")
        .unwrap();
    assert_eq!(ev.status.as_str(), "not-met");
    assert!(ev.detail.contains("3 of 4 commits"), "{}", ev.detail);

    // The unknown key: mallory's untampered commit is no longer on the branch; check it
    // directly, with the other commits, against git.
    let v = verifier_from_files(Some(&signers), None).unwrap();
    let expected = [
        (unsigned.as_str(), "unsigned"),
        (good.as_str(), "good"),
        (unknown.as_str(), "unknown"),
        (tampered.as_str(), "bad"),
        (good2.as_str(), "good"),
        (tampered_good.as_str(), "bad"),
    ];
    for (id, want) in expected {
        let got = match verify_commit(&f.root(), id, &v).unwrap() {
            None => "unsigned",
            Some(Verdict::Good { signer }) => {
                assert_eq!(signer, "alice@example.org");
                "good"
            }
            Some(Verdict::UnknownKey { .. }) => "unknown",
            Some(Verdict::Bad { .. }) => "bad",
            Some(Verdict::Unverified { .. }) => "unverified",
        };
        assert_eq!(got, want, "commit {id}");
        let git_ok = f
            .git_output(&[
                "-c",
                &format!("gpg.ssh.allowedSignersFile={}", signers.display()),
                "verify-commit",
                id,
            ])
            .status
            .success();
        assert_eq!(
            git_ok,
            got == "good",
            "git verify-commit disagrees on {id} ({got})"
        );
    }

    // Without an allowed-signers file, tampering is still caught (the sshsig embeds its
    // key) and nothing is called an unknown key.
    let out = f.analyze("");
    let found = ids(&out);
    assert!(found.contains(&("history/commit-signature-invalid".into(), tampered.clone())));
    assert!(!found.iter().any(|(r, _)| r.contains("unknown-key")));
}

#[test]
fn unknown_ssh_key_on_the_branch_is_its_own_finding() {
    if !require("ssh-keygen") {
        return;
    }
    let f = Fixture::new();
    let alice = f.ssh_key("alice_key");
    f.ssh_key("mallory_key");
    std::fs::write(
        f.path("allowed_signers"),
        format!("alice@example.org {alice}\n"),
    )
    .unwrap();
    let sm = f.ssh_sign_args("mallory_key");
    f.write("a", b"a");
    f.git(&["add", "-A"]);
    f.git(&args(&sm, &["commit", "-q", "-S", "-m", "m"]));
    let id = f.git(&["rev-parse", "HEAD"]);
    f.git(&args(&sm, &["tag", "-s", "v2.0.0", "-m", "r"]));
    let out = f.analyze(&format!(
        "[history]\nallowed_signers = \"{}\"\n",
        f.path("allowed_signers").display()
    ));
    let found = ids(&out);
    assert!(
        found.contains(&("history/commit-signed-by-unknown-key".into(), id)),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(r, _)| r == "history/tag-signed-by-unknown-key"),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|(r, _)| r.contains("invalid")),
        "{found:?}"
    );
}

#[test]
fn openpgp_signatures_are_verified_with_a_keyring_and_agree_with_git() {
    if !require("gpg") {
        return;
    }
    let f = Fixture::new();
    let gpg = |args: &[&str]| f.run("gpg", args);
    for (uid, _) in [("Pat <pat@example.org>", 0), ("Eve <eve@example.org>", 1)] {
        gpg(&[
            "--batch",
            "--pinentry-mode",
            "loopback",
            "--passphrase",
            "",
            "--quick-gen-key",
            uid,
            "ed25519",
            "sign",
            "never",
        ]);
    }
    let armored = gpg(&["--armor", "--export", "pat@example.org"]);
    std::fs::write(f.path("keyring.asc"), &armored).unwrap();
    let sign = |who: &str| {
        vec![
            "-c".to_string(),
            "gpg.format=openpgp".to_string(),
            "-c".to_string(),
            format!("user.signingkey={who}"),
        ]
    };
    let sp = sign("pat@example.org");
    let se = sign("eve@example.org");
    f.write("a", b"a");
    f.git(&["add", "-A"]);
    f.git(&args(&sp, &["commit", "-q", "-S", "-m", "pat"]));
    let good = f.git(&["rev-parse", "HEAD"]);
    f.write("b", b"b");
    f.git(&["add", "-A"]);
    f.git(&args(&se, &["commit", "-q", "-S", "-m", "eve"]));
    let unknown = f.git(&["rev-parse", "HEAD"]);
    f.write("c", b"c");
    f.git(&["add", "-A"]);
    f.git(&args(&sp, &["commit", "-q", "-S", "-m", "pat again"]));
    let signed = f.git(&["rev-parse", "HEAD"]);
    let tampered = tamper(&f, &signed);
    f.git(&["update-ref", "refs/heads/main", &tampered]);
    f.git(&["reset", "-q", "--hard"]);
    f.git(&args(&sp, &["tag", "-s", "v3.0.0", "-m", "release"]));

    let config = format!(
        "[history]\nkeyring = \"{}\"\n",
        f.path("keyring.asc").display()
    );
    let out = f.analyze(&config);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let found = ids(&out);
    assert!(
        found.contains(&("history/commit-signature-invalid".into(), tampered.clone())),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            "history/commit-signed-by-unknown-key".into(),
            unknown.clone()
        )),
        "{found:?}"
    );
    assert!(!found.iter().any(|(_, c)| c == &good), "{found:?}");
    assert!(
        !found
            .iter()
            .any(|(r, _)| r.starts_with("history/tag-") || r.contains("release-tag")),
        "{found:?}"
    );

    // Cross-check with git: keep only pat's key in a fresh GNUPGHOME so that git/gpg trusts
    // exactly the keyring trustward was given.
    let v = verifier_from_files(None, Some(&f.path("keyring.asc"))).unwrap();
    for (id, want) in [(&good, "good"), (&unknown, "unknown"), (&tampered, "bad")] {
        let got = match verify_commit(&f.root(), id, &v).unwrap() {
            Some(Verdict::Good { signer }) => {
                assert!(signer.contains("pat@example.org"), "{signer}");
                "good"
            }
            Some(Verdict::UnknownKey { .. }) => "unknown",
            Some(Verdict::Bad { .. }) => "bad",
            other => panic!("{id}: {other:?}"),
        };
        assert_eq!(got, want, "commit {id}");
        let git_ok = f.git_output(&["verify-commit", id]).status.success();
        // gpg knows eve's key too, so git accepts her commit: the difference is the
        // keyring, not the cryptography.
        let git_expected = want != "bad";
        assert_eq!(git_ok, git_expected, "git verify-commit on {id} ({want})");
    }
}
