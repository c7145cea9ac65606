//! End-to-end tests of `keygen`, `sign`, `verify` and `checksums`, including
//! interoperability both ways with the `minisign` program (installed by `.ci/run`).

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Write;
use std::path::Path;
use std::process::Command as Process;

fn trustward() -> Command {
    let mut c = Command::cargo_bin("trustward").unwrap();
    c.env_remove("TRUSTWARD_KEY_PASSWORD");
    c
}

/// Whether an external program is available; in CI (`TRUSTWARD_REQUIRE_TOOLS`, set by
/// `.ci/run`, which installs it) a missing program fails the test instead of skipping it.
fn have(program: &str) -> bool {
    let found = Process::new(program)
        .arg("--version")
        .output()
        .map(|o| o.status.success() || !o.stdout.is_empty() || !o.stderr.is_empty())
        .unwrap_or(false);
    if !found {
        if std::env::var_os("TRUSTWARD_REQUIRE_TOOLS").is_some() {
            panic!("`{program}` is required (TRUSTWARD_REQUIRE_TOOLS is set) but not installed");
        }
        eprintln!(
            "notice: `{program}` is not installed; skipping this interop test (.ci/run installs it)"
        );
    }
    found
}

fn keygen(dir: &Path, password: Option<&str>) {
    let mut c = trustward();
    c.args(["keygen", "--output-dir"]).arg(dir);
    match password {
        Some(p) => {
            c.env("TRUSTWARD_KEY_PASSWORD", p);
        }
        None => {
            c.arg("--no-password");
        }
    }
    c.assert()
        .success()
        .stdout(predicate::str::contains("key ID "));
}

#[test]
fn sign_verify_round_trip_and_failures() {
    let d = tempfile::tempdir().unwrap();
    let k = d.path().join("keys");
    keygen(&k, Some("s3cret"));
    let file = d.path().join("app-1.0.tar.gz");
    std::fs::write(&file, b"release bytes").unwrap();
    trustward()
        .env("TRUSTWARD_KEY_PASSWORD", "s3cret")
        .args(["sign", "--trusted-comment", "app 1.0"])
        .arg(&file)
        .arg("--secret-key")
        .arg(k.join("trustward.key"))
        .assert()
        .success();
    let sig = d.path().join("app-1.0.tar.gz.minisig");
    assert!(sig.exists());
    trustward()
        .arg("verify")
        .arg(&file)
        .arg("-p")
        .arg(k.join("trustward.pub"))
        .assert()
        .success()
        .stdout(predicate::str::contains("OK").and(predicate::str::contains("app 1.0")));

    // Wrong password.
    trustward()
        .env("TRUSTWARD_KEY_PASSWORD", "nope")
        .arg("sign")
        .arg(&file)
        .arg("-s")
        .arg(k.join("trustward.key"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("wrong password"));
    // Password from standard input.
    trustward()
        .arg("sign")
        .arg(&file)
        .arg("-s")
        .arg(k.join("trustward.key"))
        .arg("--password-stdin")
        .write_stdin("s3cret\n")
        .assert()
        .success();
    let good_sig = std::fs::read_to_string(&sig).unwrap();

    // Tampered trusted comment.
    let comment_line = good_sig.lines().nth(2).unwrap().to_string();
    std::fs::write(
        &sig,
        good_sig.replace(&comment_line, "trusted comment: app 9.9"),
    )
    .unwrap();
    trustward()
        .arg("verify")
        .arg(&file)
        .arg("-p")
        .arg(k.join("trustward.pub"))
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("FAILED").and(predicate::str::contains("trusted comment")),
        );

    // Truncated signature.
    std::fs::write(&sig, &good_sig[..good_sig.len() - 30]).unwrap();
    trustward()
        .arg("verify")
        .arg(&file)
        .arg("-p")
        .arg(k.join("trustward.pub"))
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("app-1.0.tar.gz.minisig")
                .and(predicate::str::contains("truncated")),
        );

    // Tampered file.
    std::fs::write(&sig, &good_sig).unwrap();
    std::fs::write(&file, b"release bytez").unwrap();
    trustward()
        .arg("verify")
        .arg(&file)
        .arg("-p")
        .arg(k.join("trustward.pub"))
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("app-1.0.tar.gz: FAILED")
                .and(predicate::str::contains("file's contents")),
        );

    // Wrong key.
    let other = d.path().join("other");
    keygen(&other, None);
    trustward()
        .arg("verify")
        .arg(&file)
        .arg("-p")
        .arg(other.join("trustward.pub"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("wrong public key"));

    // Malformed keys are usage errors naming the file.
    let bad = d.path().join("bad.pub");
    std::fs::write(&bad, "untrusted comment: x\nRWQ=\n").unwrap();
    trustward()
        .arg("verify")
        .arg(&file)
        .arg("-p")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.pub").and(predicate::str::contains("expected 42")));
    trustward()
        .args(["verify", "-P", "not base64!"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("base64"));
    trustward()
        .arg("sign")
        .arg(&file)
        .arg("-s")
        .arg(k.join("trustward.pub"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("trustward.pub"));
}

#[test]
fn keygen_warns_without_password_and_refuses_to_overwrite() {
    let d = tempfile::tempdir().unwrap();
    trustward()
        .args(["keygen", "--no-password", "--output-dir"])
        .arg(d.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("UNENCRYPTED"));
    trustward()
        .args(["keygen", "--no-password", "--output-dir"])
        .arg(d.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(d.path().join("trustward.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "secret key readable by others: {mode:o}");
    }
}

#[test]
fn trustward_signatures_verify_with_minisign() {
    if !have("minisign") {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    keygen(d.path(), Some("pw"));
    let file = d.path().join("data.bin");
    std::fs::write(&file, vec![7u8; 300_000]).unwrap();
    trustward()
        .env("TRUSTWARD_KEY_PASSWORD", "pw")
        .arg("sign")
        .arg(&file)
        .arg("-s")
        .arg(d.path().join("trustward.key"))
        .args(["-t", "release 1.2.3"])
        .assert()
        .success();
    let out = Process::new("minisign")
        .arg("-V")
        .arg("-p")
        .arg(d.path().join("trustward.pub"))
        .arg("-m")
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "minisign -V failed: {out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("release 1.2.3")
            || String::from_utf8_lossy(&out.stderr).contains("release 1.2.3")
    );
    // minisign rejects a tampered file too.
    std::fs::write(&file, vec![8u8; 300_000]).unwrap();
    let out = Process::new("minisign")
        .arg("-V")
        .arg("-p")
        .arg(d.path().join("trustward.pub"))
        .arg("-m")
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[test]
fn minisign_signatures_and_keys_work_with_trustward() {
    if !have("minisign") {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let pk = d.path().join("m.pub");
    let sk = d.path().join("m.key");
    let st = Process::new("minisign")
        .args(["-G", "-W", "-p"])
        .arg(&pk)
        .arg("-s")
        .arg(&sk)
        .output()
        .unwrap();
    assert!(st.status.success(), "{st:?}");
    let file = d.path().join("pkg.tgz");
    std::fs::write(&file, b"minisign made this").unwrap();
    let st = Process::new("minisign")
        .arg("-S")
        .arg("-s")
        .arg(&sk)
        .arg("-m")
        .arg(&file)
        .args(["-t", "signed by minisign"])
        .output()
        .unwrap();
    assert!(st.status.success(), "{st:?}");
    trustward()
        .arg("verify")
        .arg(&file)
        .arg("-p")
        .arg(&pk)
        .assert()
        .success()
        .stdout(predicate::str::contains("signed by minisign"));
    // -P with the key's base64 line.
    let b64 = std::fs::read_to_string(&pk)
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .to_string();
    trustward()
        .arg("verify")
        .arg(&file)
        .arg("-P")
        .arg(&b64)
        .assert()
        .success();
    std::fs::write(&file, b"minisign made that").unwrap();
    trustward()
        .arg("verify")
        .arg(&file)
        .arg("-P")
        .arg(&b64)
        .assert()
        .code(1);
    // trustward signs with minisign's (passwordless) secret key; minisign verifies.
    trustward()
        .arg("sign")
        .arg(&file)
        .arg("-s")
        .arg(&sk)
        .assert()
        .success();
    let out = Process::new("minisign")
        .arg("-Vm")
        .arg(&file)
        .arg("-p")
        .arg(&pk)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn checksums_write_sign_check_and_sha256sum_compat() {
    let d = tempfile::tempdir().unwrap();
    let dist = d.path().join("dist");
    std::fs::create_dir_all(dist.join("sub")).unwrap();
    std::fs::write(dist.join("a.tar.gz"), b"aaa").unwrap();
    std::fs::write(dist.join("sub/b.whl"), b"bbb").unwrap();
    keygen(d.path(), None);
    trustward()
        .current_dir(&dist)
        .args(["checksums", ".", "--sign", "-s"])
        .arg(d.path().join("trustward.key"))
        .assert()
        .success();
    let sums = std::fs::read_to_string(dist.join("SHA256SUMS")).unwrap();
    // sha256("aaa"), computed per FIPS 180-4 (independent of our code path: fixed value).
    assert!(
        sums.contains("9834876dcfb05cb167a5c24953eba58c4ac89b1adf57f28f2f9d09af107ee8f0  a.tar.gz"),
        "{sums}"
    );
    assert!(sums.contains("  sub/b.whl"), "{sums}");
    assert!(
        !sums.contains("SHA256SUMS"),
        "manifest lists itself: {sums}"
    );
    if Process::new("sha256sum").arg("--version").output().is_ok() {
        let st = Process::new("sha256sum")
            .current_dir(&dist)
            .args(["-c", "SHA256SUMS"])
            .output()
            .unwrap();
        assert!(st.status.success(), "{st:?}");
    }
    let manifest = dist.join("SHA256SUMS");
    // Signed manifest without a key: refuse to half-check.
    trustward()
        .args(["checksums", "--check"])
        .arg(&manifest)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--public-key"));
    trustward()
        .args(["checksums", "--check"])
        .arg(&manifest)
        .arg("-p")
        .arg(d.path().join("trustward.pub"))
        .assert()
        .success()
        .stdout(
            predicate::str::contains("signature OK").and(predicate::str::contains("sub/b.whl: OK")),
        );
    // A modified file fails, naming it.
    std::fs::write(dist.join("sub/b.whl"), b"bbx").unwrap();
    trustward()
        .args(["checksums", "--check"])
        .arg(&manifest)
        .arg("-p")
        .arg(d.path().join("trustward.pub"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "sub/b.whl: FAILED: checksum mismatch",
        ));
    // A modified manifest fails its signature.
    std::fs::write(&manifest, sums.replace("9834876d", "0834876d")).unwrap();
    trustward()
        .args(["checksums", "--check"])
        .arg(&manifest)
        .arg("-p")
        .arg(d.path().join("trustward.pub"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("file's contents"));
    // A malformed manifest names the line; `..` entries are refused, not read.
    std::fs::remove_file(dist.join("SHA256SUMS.minisig")).unwrap();
    std::fs::write(
        &manifest,
        format!("{}  ../secret\nbad line\n", "0".repeat(64)),
    )
    .unwrap();
    trustward()
        .args(["checksums", "--check"])
        .arg(&manifest)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("SHA256SUMS:2:"));
    std::fs::write(&manifest, format!("{}  ../secret\n", "0".repeat(64))).unwrap();
    trustward()
        .args(["checksums", "--check"])
        .arg(&manifest)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("not read"));
}

/// A throwaway GnuPG home; its agent is stopped when dropped.
struct Gpg {
    home: tempfile::TempDir,
}

impl Gpg {
    fn new() -> Self {
        let home = tempfile::tempdir().unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        Gpg { home }
    }
    fn run(&self, args: &[&str]) -> std::process::Output {
        let out = Process::new("gpg")
            .env("GNUPGHOME", self.home.path())
            .args(["--batch", "--no-tty", "--quiet"])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "gpg {args:?}: {out:?}");
        out
    }
}

impl Drop for Gpg {
    fn drop(&mut self) {
        let _ = Process::new("gpgconf")
            .env("GNUPGHOME", self.home.path())
            .args(["--kill", "all"])
            .output();
    }
}

#[test]
fn gpg_detached_signatures_verify_with_trustward() {
    if !have("gpg") {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("tool-2.0.zip");
    std::fs::write(&file, vec![42u8; 100_000]).unwrap();
    for (algo, uid) in [
        ("ed25519", "Release Ed <ed@example.org>"),
        ("rsa2048", "Release Rsa <rsa@example.org>"),
    ] {
        let gpg = Gpg::new();
        gpg.run(&[
            "--passphrase",
            "",
            "--quick-gen-key",
            uid,
            algo,
            "sign",
            "never",
        ]);
        let key = d.path().join(format!("{algo}.asc"));
        let exported = gpg.run(&["--armor", "--export", uid]);
        std::fs::write(&key, &exported.stdout).unwrap();
        let asc = d.path().join("tool-2.0.zip.asc");
        let sig = d.path().join("tool-2.0.zip.sig");
        let _ = std::fs::remove_file(&asc);
        let _ = std::fs::remove_file(&sig);
        gpg.run(&[
            "--local-user",
            uid,
            "--armor",
            "--detach-sign",
            "--output",
            asc.to_str().unwrap(),
            file.to_str().unwrap(),
        ]);
        gpg.run(&[
            "--local-user",
            uid,
            "--detach-sign",
            "--output",
            sig.to_str().unwrap(),
            file.to_str().unwrap(),
        ]);
        trustward()
            .arg("verify")
            .arg(&file)
            .arg("--keyring")
            .arg(&key)
            .assert()
            .success()
            .stdout(predicate::str::contains("OK (OpenPGP"));
        trustward()
            .arg("verify")
            .arg(&file)
            .arg("--keyring")
            .arg(&key)
            .arg("--signature")
            .arg(&sig)
            .assert()
            .success();
        // Tampered file.
        let mut bytes = std::fs::read(&file).unwrap();
        bytes[500] ^= 1;
        let tampered = d.path().join("tampered.zip");
        std::fs::write(&tampered, &bytes).unwrap();
        trustward()
            .arg("verify")
            .arg(&tampered)
            .arg("--keyring")
            .arg(&key)
            .arg("--signature")
            .arg(&asc)
            .assert()
            .code(1)
            .stdout(predicate::str::contains(
                "does not match the file's contents",
            ));
    }
    // Signature by a key that is not in the keyring.
    trustward()
        .arg("verify")
        .arg(&file)
        .arg("--keyring")
        .arg(d.path().join("ed25519.asc"))
        .arg("--signature")
        .arg(d.path().join("tool-2.0.zip.asc"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("not in the keyring"));
    // Malformed keyring and signature.
    let junk = d.path().join("junk.asc");
    std::fs::write(
        &junk,
        "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----\n",
    )
    .unwrap();
    trustward()
        .arg("verify")
        .arg(&file)
        .arg("--keyring")
        .arg(&junk)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("junk.asc"));
    std::fs::write(
        d.path().join("tool-2.0.zip.asc"),
        "-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n",
    )
    .unwrap();
    trustward()
        .arg("verify")
        .arg(&file)
        .arg("--keyring")
        .arg(d.path().join("rsa2048.asc"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("not an OpenPGP signature"));
}

#[test]
fn encrypted_keys_work_across_both_tools() {
    if !have("minisign") {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("f.txt");
    std::fs::write(&file, b"encrypted key interop\n").unwrap();
    // A password-protected key made by minisign (password read from standard input).
    let (pk, sk) = (d.path().join("e.pub"), d.path().join("e.key"));
    let mut child = Process::new("minisign")
        .args(["-G", "-p"])
        .arg(&pk)
        .arg("-s")
        .arg(&sk)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"pw2\npw2\n")
        .unwrap();
    assert!(child.wait().unwrap().success());
    trustward()
        .arg("sign")
        .arg(&file)
        .arg("-s")
        .arg(&sk)
        .arg("--password-stdin")
        .write_stdin("pw2\n")
        .assert()
        .success();
    let out = Process::new("minisign")
        .arg("-V")
        .arg("-p")
        .arg(&pk)
        .arg("-m")
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    // A password-protected key made by trustward, used by minisign.
    let k = d.path().join("tw");
    keygen(&k, Some("pw3"));
    let sig = d.path().join("by-minisign.sig");
    let mut child = Process::new("minisign")
        .arg("-S")
        .arg("-s")
        .arg(k.join("trustward.key"))
        .arg("-m")
        .arg(&file)
        .arg("-x")
        .arg(&sig)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"pw3\n").unwrap();
    assert!(child.wait().unwrap().success());
    trustward()
        .arg("verify")
        .arg(&file)
        .arg("-p")
        .arg(k.join("trustward.pub"))
        .arg("-x")
        .arg(&sig)
        .assert()
        .success();
}
