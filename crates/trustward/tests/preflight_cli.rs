//! `trustward preflight` on artifacts built in the test: a planted `.env`, a symlink out of
//! the package, a `../` entry, a postinstall script, a secret, a build script, a `.pth`.

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Write;
use std::path::Path;

fn trustward() -> Command {
    Command::cargo_bin("trustward").unwrap()
}

/// A tar entry with raw name bytes (the tar crate refuses `..` through set_path).
fn raw_entry(b: &mut tar::Builder<impl Write>, name: &str, data: &[u8]) {
    let mut h = tar::Header::new_gnu();
    h.as_old_mut().name[..name.len()].copy_from_slice(name.as_bytes());
    h.set_size(data.len() as u64);
    h.set_mode(0o644);
    h.set_entry_type(tar::EntryType::Regular);
    h.set_cksum();
    b.append(&h, data).unwrap();
}

fn file(b: &mut tar::Builder<impl Write>, name: &str, data: &[u8]) {
    let mut h = tar::Header::new_gnu();
    h.set_size(data.len() as u64);
    h.set_mode(0o644);
    h.set_cksum();
    b.append_data(&mut h, name, data).unwrap();
}

fn tgz(
    path: &Path,
    build: impl FnOnce(&mut tar::Builder<flate2::write::GzEncoder<std::fs::File>>),
) {
    let f = std::fs::File::create(path).unwrap();
    let gz = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
    let mut b = tar::Builder::new(gz);
    build(&mut b);
    b.into_inner().unwrap().finish().unwrap();
}

#[test]
fn npm_tarball_with_planted_problems() {
    let d = tempfile::tempdir().unwrap();
    let pkg = d.path().join("demo-1.0.0.tgz");
    let token = concat!("gh", "p_Zq8Lm3Rt6Wv9Yb2Nc5Xd7Fg1Hj4Kp0Ae3TuQ");
    tgz(&pkg, |b| {
        file(
            b,
            "package/package.json",
            br#"{"name":"demo","version":"1.0.0","scripts":{"postinstall":"node fetch.js","test":"x"}}"#,
        );
        file(b, "package/index.js", b"module.exports = 1;\n");
        file(b, "package/.env", b"API_URL=https://example.org\n");
        file(
            b,
            "package/lib/config.js",
            format!("const t = '{token}';\n").as_bytes(),
        );
        raw_entry(b, "package/../evil.js", b"boom");
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Symlink);
        h.set_size(0);
        h.set_mode(0o777);
        b.append_link(&mut h, "package/passwd", "../../../etc/passwd")
            .unwrap();
    });
    let out = trustward()
        .arg("preflight")
        .arg(&pkg)
        .arg("--list")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("(npm package)"), "{text}");
    assert!(
        text.contains("error[sensitive-file]") && text.contains("package/.env"),
        "{text}"
    );
    assert!(
        text.contains("error[unsafe-path]") && text.contains("package/../evil.js"),
        "{text}"
    );
    assert!(
        text.contains("error[link]") && text.contains("../../../etc/passwd"),
        "{text}"
    );
    assert!(
        text.contains("warning[install-time-code]") && text.contains("postinstall"),
        "{text}"
    );
    assert!(
        text.contains("error[secret]") && text.contains("lib/config.js:1"),
        "{text}"
    );
    assert!(!text.contains(token), "secret printed unredacted: {text}");
    // Nothing was extracted next to the artifact.
    assert!(!d.path().join("evil.js").exists());
}

#[test]
fn crate_wheel_and_clean_artifacts() {
    let d = tempfile::tempdir().unwrap();
    let krate = d.path().join("demo-0.1.0.crate");
    tgz(&krate, |b| {
        file(b, "demo-0.1.0/Cargo.toml", b"[package]\nname = \"demo\"\n");
        file(b, "demo-0.1.0/build.rs", b"fn main() {}\n");
        file(b, "demo-0.1.0/src/lib.rs", b"\n");
        file(b, "demo-0.1.0/notes.txt", b"local notes\n");
    });
    // A git repository holding everything but notes.txt.
    let repo = d.path().join("repo");
    std::fs::create_dir_all(repo.join("src")).unwrap();
    std::fs::write(repo.join("Cargo.toml"), "[package]\n").unwrap();
    std::fs::write(repo.join("build.rs"), "fn main() {}\n").unwrap();
    std::fs::write(repo.join("src/lib.rs"), "\n").unwrap();
    let git = |args: &[&str]| {
        let st = std::process::Command::new("git")
            .current_dir(&repo)
            .args(args)
            .output()
            .unwrap();
        assert!(st.status.success(), "{st:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    trustward()
        .arg("preflight")
        .arg(&krate)
        .arg("--repo")
        .arg(&repo)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("(Cargo crate)")
                .and(predicate::str::contains("warning[install-time-code]"))
                .and(predicate::str::contains("build.rs"))
                .and(predicate::str::contains("error[not-in-repository]"))
                .and(predicate::str::contains("`notes.txt`"))
                .and(predicate::str::contains("src/lib.rs").not()),
        );

    let whl = d.path().join("demo-1.0-py3-none-any.whl");
    {
        let f = std::fs::File::create(&whl).unwrap();
        let mut z = zip::ZipWriter::new(f);
        let o = zip::write::SimpleFileOptions::default();
        z.start_file("demo/__init__.py", o).unwrap();
        z.write_all(b"x = 1\n").unwrap();
        z.start_file("demo-startup.pth", o).unwrap();
        z.write_all(b"import demo\n").unwrap();
        z.start_file("demo-1.0.dist-info/METADATA", o).unwrap();
        z.write_all(b"Name: demo\n").unwrap();
        z.finish().unwrap();
    }
    trustward()
        .arg("preflight")
        .arg(&whl)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("(Python wheel)")
                .and(predicate::str::contains(".pth file"))
                .and(predicate::str::contains("0 error(s), 1 warning(s)")),
        );

    // Corrupt artifact: reported, exit 1, never a pass.
    let bad = d.path().join("bad.tgz");
    std::fs::write(&bad, b"not gzip at all").unwrap();
    trustward()
        .arg("preflight")
        .arg(&bad)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[unreadable]"));
}
