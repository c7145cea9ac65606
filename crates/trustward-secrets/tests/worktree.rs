//! Working-tree scans: gitignore, binary files, inline allows, placeholders, settings,
//! gitleaks configuration, archives, and the crate's own sources.

mod common;

use common::*;
use std::io::Write;
use trustward_secrets::Source;

#[test]
fn finds_redacts_and_locates_in_the_working_tree() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(root, ".gitignore", b"ignored.env\n");
    write(
        root,
        "app/config.py",
        format!("# config\nTOKEN = \"{GH}\"\n").as_bytes(),
    );
    write(root, "ignored.env", format!("AWS={AWS}\n").as_bytes());
    write(root, "docs/setup.md", b"aws_access_key_id = AKIAIOSFODNN7EXAMPLE\ntoken: ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n");
    let mut bin = b"\x7fELF\0\0\0".to_vec();
    bin.extend_from_slice(GH.as_bytes());
    write(root, "bin/tool", &bin);
    write(
        root,
        "tests/allowed.py",
        format!("T = \"{GH}\"  # trustward:allow test fixture\n").as_bytes(),
    );
    write(root, "bad-utf8.txt", &[0xff, 0xfe, b'\n', b'k', b'=', b' ']);

    let out = run(root);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!(ids(&out), vec!["secrets/github-pat"], "{:#?}", out.findings);
    let f = &out.findings[0];
    assert_eq!(f.location.path.as_deref(), Some("app/config.py"));
    assert_eq!((f.location.line, f.location.column), (Some(2), Some(10)));
    assert_eq!(
        (f.location.end_line, f.location.end_column),
        (Some(2), Some(50))
    );
    let shown = f.data["secret"].as_str().unwrap();
    assert!(shown.starts_with("ghp_…sha256:"), "{shown}");
    assert!(!f.message.contains(GH) && f.message.contains(shown));
    assert_eq!(f.data["secret_sha256"].as_str().unwrap().len(), 64);
    assert_eq!(f.data["rule"], "github-pat");

    // --all-files also reads the ignored file.
    let out = run_with(root, "", opts(Source::WorkTree { all_files: true }));
    let mut got = ids(&out);
    got.sort();
    assert_eq!(got, vec!["secrets/aws-access-key-id", "secrets/github-pat"]);

    // --show-secrets prints it.
    let mut o = opts(Source::WorkTree { all_files: false });
    o.show_secrets = true;
    let out = run_with(root, "", o);
    assert_eq!(out.findings[0].data["secret"], GH);
}

#[test]
fn settings_allowlists_disable_and_size_cap() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(root, "fixtures/a.txt", format!("{GH}\n").as_bytes());
    write(root, "src/b.txt", format!("{AWS}\n").as_bytes());
    write(
        root,
        "src/big.txt",
        format!("{}\n{GH}\n", "a".repeat(5000)).as_bytes(),
    );
    let cfg = "[secrets]\nallow_paths = ['^fixtures/']\nmax_file_size = 1000\n[rules.\"secrets/aws-access-key-id\"]\nenabled = false\n";
    let out = run_with(root, cfg, opts(Source::WorkTree { all_files: false }));
    assert!(out.findings.is_empty(), "{:#?}", out.findings);
    assert!(
        out.warnings
            .iter()
            .any(|w| w.contains("1 files or blobs over the 1000-byte size cap")),
        "{:?}",
        out.warnings
    );

    let cfg = format!(
        "[secrets]\nstopwords = ['{}']\n",
        &AWS[4..12].to_lowercase()
    );
    let out = run_with(root, &cfg, opts(Source::WorkTree { all_files: false }));
    assert_eq!(ids(&out), vec!["secrets/github-pat", "secrets/github-pat"]);

    let out = run_with(
        root,
        "[secrets]\nallow_paths = ['(']\n",
        opts(Source::WorkTree { all_files: false }),
    );
    assert!(
        out.status.is_some(),
        "an invalid allowlist regex means not checked"
    );
}

#[test]
fn gitleaks_config_at_the_root_is_picked_up() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    let cfg = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/gitleaks.toml"
    ))
    .unwrap();
    write(root, ".gitleaks.toml", &cfg);
    write(root, "svc.yaml", format!("token: {ISK}\n").as_bytes());
    write(root, "vendor/x.yaml", format!("token: {ISK}\n").as_bytes());
    write(root, "release.keystore", b"binary-ish keystore");
    let out = run(root);
    let mut got: Vec<_> = out
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.id,
                f.data["rule"].as_str().unwrap().to_string(),
                f.location.path.clone().unwrap(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            (
                "secrets/custom-rule",
                "internal-service-token".into(),
                "svc.yaml".into()
            ),
            (
                "secrets/custom-rule",
                "keystore-file".into(),
                "release.keystore".into()
            ),
        ]
    );
    let w = out.warnings.join("\n");
    assert!(
        w.contains("rule `lookbehind`: regex is not supported"),
        "{w}"
    );
    assert!(w.contains("unsupported key `unknownTable`"), "{w}");
}

fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (n, d) in files {
        w.start_file(*n, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(d).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn tgz_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut t = tar::Builder::new(gz);
    for (n, d) in files {
        let mut h = tar::Header::new_gnu();
        h.set_size(d.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        t.append_data(&mut h, n, *d).unwrap();
    }
    t.into_inner().unwrap().finish().unwrap()
}

#[test]
fn archives_nested_and_bombs() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    let inner = tgz_of(&[("pkg/.env", format!("AWS_KEY={AWS}\n").as_bytes())]);
    let z = zip_of(&[
        ("inner/path.txt", format!("t={GH}\n").as_bytes()),
        ("nested.tgz", &inner),
    ]);
    write(root, "dir/a.zip", &z);
    write(
        root,
        "dist/x.crate",
        &tgz_of(&[("x-1.0/src/lib.rs", format!("// {GH}\n").as_bytes())]),
    );
    write(root, "broken.whl", b"PK\x03\x04 not really");
    let bomb = zip_of(&[("zeros.txt", &vec![b'0'; 2 * 1024 * 1024])]);
    write(root, "bomb.jar", &bomb);
    let out = run_with(
        root,
        "[secrets]\narchive_max_size = 1048576\n",
        opts(Source::WorkTree { all_files: false }),
    );
    let mut got: Vec<_> = out
        .findings
        .iter()
        .map(|f| (f.location.path.clone().unwrap(), f.rule.id))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            ("dir/a.zip!inner/path.txt".to_string(), "secrets/github-pat"),
            (
                "dir/a.zip!nested.tgz!pkg/.env".to_string(),
                "secrets/aws-access-key-id"
            ),
            (
                "dist/x.crate!x-1.0/src/lib.rs".to_string(),
                "secrets/github-pat"
            ),
        ]
    );
    let errs: Vec<_> = out
        .errors
        .iter()
        .map(|e| format!("{}: {}", e.path, e.message))
        .collect();
    assert!(
        errs.iter()
            .any(|e| e.starts_with("bomb.jar: ") && e.contains("zip bomb")),
        "{errs:?}"
    );
    assert!(
        errs.iter()
            .any(|e| e.starts_with("broken.whl: ") && e.contains("not a readable zip")),
        "{errs:?}"
    );

    // Depth limit: a zip nested in a zip at depth 0 only.
    let out = run_with(
        root,
        "[secrets]\narchive_max_depth = 1\n",
        opts(Source::WorkTree { all_files: false }),
    );
    assert!(
        out.errors
            .iter()
            .any(|e| e.path == "dir/a.zip!nested.tgz" && e.message.contains("nested deeper")),
        "{:?}",
        out.errors
    );
}

#[test]
fn stdin_source() {
    let d = tempfile::tempdir().unwrap();
    let data = format!("export KEY={AWS}\n").into_bytes();
    let out = run_with(d.path(), "", opts(Source::Stdin(std::sync::Arc::new(data))));
    assert_eq!(ids(&out), vec!["secrets/aws-access-key-id"]);
    assert_eq!(out.findings[0].location.path.as_deref(), Some("<stdin>"));
}

/// The crate's own Rust sources hold no secret the scanner reports (test examples are
/// split with `concat!`). The rule files under `rules/` hold example secrets on purpose
/// and are ignored by the repository's trustward.toml.
#[test]
fn own_sources_are_clean() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let out = run(&root);
    assert!(
        out.findings.is_empty(),
        "{:#?}",
        out.findings
            .iter()
            .map(|f| (&f.location, &f.message))
            .collect::<Vec<_>>()
    );
}
