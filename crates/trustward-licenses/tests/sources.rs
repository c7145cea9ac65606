//! Each offline source of dependency licences, the project's licence, and the findings
//! the policy gives — on small trees written by the tests.

use std::fs;
use std::path::Path;
use trustward_core::Config;
use trustward_core::files::FileIndex;
use trustward_licenses::analyzer::{self, judge};
use trustward_licenses::policy::LicenseSettings;
use trustward_licenses::sources::Caches;
use trustward_licenses::{LicenseOptions, LicensesReport};

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

fn spdx_text(id: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/spdx/text")
        .join(format!("{id}.txt"));
    fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn run(root: &Path, caches: Caches, config: &str) -> (LicensesReport, LicenseSettings) {
    let config = Config::parse(config, None).unwrap();
    let opts = LicenseOptions {
        caches: Some(caches),
        ..Default::default()
    };
    let report = analyzer::analyze(&FileIndex::new(root), &config, &opts).unwrap();
    let settings = config.analyzer_settings("licenses").unwrap();
    (report, settings)
}

fn license_of<'a>(r: &'a LicensesReport, name: &str) -> (Option<&'a str>, Option<&'a str>) {
    let p = r
        .packages
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} not listed: {:#?}", r.packages));
    (p.license.as_deref(), p.source.as_deref())
}

const NPM_LOCK: &str = r#"{
  "name": "app", "version": "1.0.0", "lockfileVersion": 3,
  "packages": {
    "": { "name": "app", "version": "1.0.0", "dependencies": { "left-pad": "1.3.0", "tiny": "2.0.0", "mystery": "0.1.0", "gpl-thing": "1.0.0" } },
    "node_modules/left-pad": { "version": "1.3.0", "license": "WTFPL" },
    "node_modules/tiny": { "version": "2.0.0" },
    "node_modules/mystery": { "version": "0.1.0" },
    "node_modules/gpl-thing": { "version": "1.0.0", "license": "GPL-3.0" }
  }
}"#;

#[test]
fn npm_lockfile_then_node_modules_then_unknown() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(
        root,
        "package.json",
        r#"{"name":"app","version":"1.0.0","license":"MIT"}"#,
    );
    write(root, "LICENSE", &spdx_text("MIT"));
    write(root, "package-lock.json", NPM_LOCK);
    write(
        root,
        "node_modules/tiny/package.json",
        r#"{"name":"tiny","version":"2.0.0","license":{"type":"ISC"}}"#,
    );
    let (r, settings) = run(root, Caches::default(), "");
    assert_eq!(license_of(&r, "left-pad").0, Some("WTFPL"));
    assert!(
        license_of(&r, "left-pad")
            .1
            .unwrap()
            .starts_with("package-lock.json")
    );
    assert_eq!(license_of(&r, "tiny").0, Some("ISC"));
    assert_eq!(
        license_of(&r, "tiny").1,
        Some("node_modules/tiny/package.json")
    );
    assert_eq!(license_of(&r, "mystery"), (None, None));
    // Deprecated `GPL-3.0` is normalised.
    assert_eq!(license_of(&r, "gpl-thing").0, Some("GPL-3.0-only"));
    assert_eq!(r.project.license.as_deref(), Some("MIT"));

    let (findings, evidence) = judge(&r, &settings, "2026-12-04").unwrap();
    let ids: Vec<(&str, String)> = findings
        .iter()
        .map(|f| (f.rule.id, f.message.clone()))
        .collect();
    assert!(
        ids.iter()
            .any(|(id, m)| *id == "licenses/unknown" && m.contains("mystery"))
    );
    assert!(
        ids.iter()
            .any(|(id, m)| *id == "licenses/copyleft-dependency" && m.contains("gpl-thing")),
        "{ids:?}"
    );
    // tiny's installed copy holds no LICENSE file.
    assert!(
        ids.iter()
            .any(|(id, m)| *id == "licenses/text-missing" && m.contains("tiny"))
    );
    assert!(!ids.iter().any(|(id, _)| *id == "licenses/denied"));
    let dep = evidence
        .iter()
        .find(|e| e.check == "licenses/dependencies-compliant")
        .unwrap();
    assert_eq!(dep.status.as_str(), "not-met");
    let proj = evidence
        .iter()
        .find(|e| e.check == "licenses/project-license-identified")
        .unwrap();
    assert_eq!(proj.status.as_str(), "met");
}

#[test]
fn policy_denies_and_exceptions_allow() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(root, "package-lock.json", NPM_LOCK);
    let config = r#"
[licenses]
allow = ["category:permissive"]
deny = ["WTFPL"]
copyleft_in_permissive = false

[[licenses.exceptions]]
name = "gpl-thing"
allow = ["GPL-3.0-only"]
reason = "build-time tool only, never shipped"
"#;
    let (r, settings) = run(root, Caches::default(), config);
    let (findings, _) = judge(&r, &settings, "2026-12-04").unwrap();
    let denied: Vec<&str> = findings
        .iter()
        .filter(|f| f.rule.id == "licenses/denied")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(denied.len(), 1, "{denied:?}");
    assert!(denied[0].contains("left-pad") && denied[0].contains("WTFPL"));
}

#[test]
fn python_dist_info_cargo_registry_and_go_vendor() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(
        root,
        "requirements.txt",
        "requests==2.31.0\nattrs==23.1.0\n",
    );
    write(
        root,
        ".venv/lib/python3.12/site-packages/requests-2.31.0.dist-info/METADATA",
        "Metadata-Version: 2.4\nName: requests\nVersion: 2.31.0\nLicense-Expression: Apache-2.0\n\nLong description mentioning GPL.\n",
    );
    write(
        root,
        ".venv/lib/python3.12/site-packages/requests-2.31.0.dist-info/licenses/LICENSE",
        &spdx_text("Apache-2.0"),
    );
    write(
        root,
        ".venv/lib/python3.12/site-packages/attrs-23.1.0.dist-info/METADATA",
        "Metadata-Version: 2.1\nName: attrs\nVersion: 23.1.0\nLicense: UNKNOWN\nClassifier: License :: OSI Approved :: MIT License\n\n",
    );
    write(
        root,
        "Cargo.lock",
        "version = 4\n\n[[package]]\nname = \"serde\"\nversion = \"1.0.200\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n[[package]]\nname = \"odd\"\nversion = \"0.1.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
    );
    let cache = tempfile::tempdir().unwrap();
    write(
        cache.path(),
        "index.example-0000/serde-1.0.200/Cargo.toml",
        "[package]\nname = \"serde\"\nversion = \"1.0.200\"\nlicense = \"MIT OR Apache-2.0\"\n",
    );
    write(
        cache.path(),
        "index.example-0000/serde-1.0.200/LICENSE-MIT",
        &spdx_text("MIT"),
    );
    write(
        cache.path(),
        "index.example-0000/odd-0.1.0/Cargo.toml",
        "[package]\nname = \"odd\"\nversion = \"0.1.0\"\nlicense-file = \"COPYING\"\n",
    );
    write(
        cache.path(),
        "index.example-0000/odd-0.1.0/COPYING",
        &spdx_text("Zlib"),
    );
    write(
        root,
        "go.mod",
        "module example.com/app\n\ngo 1.22\n\nrequire github.com/acme/widget v1.2.3\n",
    );
    write(
        root,
        "vendor/github.com/acme/widget/LICENSE",
        &spdx_text("BSD-3-Clause"),
    );
    let caches = Caches {
        cargo_registry_src: Some(cache.path().to_path_buf()),
        go_mod_cache: None,
    };
    let (r, _) = run(root, caches, "");
    assert_eq!(license_of(&r, "requests").0, Some("Apache-2.0"));
    assert_eq!(license_of(&r, "attrs").0, Some("MIT"));
    assert_eq!(license_of(&r, "serde").0, Some("MIT OR Apache-2.0"));
    assert_eq!(license_of(&r, "odd").0, Some("Zlib"));
    assert_eq!(
        license_of(&r, "github.com/acme/widget").0,
        Some("BSD-3-Clause")
    );
}

#[test]
fn project_mismatch_altered_and_invalid_declarations() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(
        root,
        "Cargo.toml",
        "[package]\nname = \"x\"\nversion = \"0.1.0\"\nlicense = \"MIT\"\n",
    );
    write(root, "LICENSE", &spdx_text("Apache-2.0"));
    write(
        root,
        "package.json",
        r#"{"name":"x","license":"Apache two point oh"}"#,
    );
    // MIT with restrictions added: close to MIT, but not MIT.
    let altered = spdx_text("MIT")
        .replace("without restriction", "with the restrictions below")
        .replace(
            "The above copyright notice",
            "No use by any military is permitted, and no use by any company with more than \
             ten employees is permitted without a written agreement.\n\nThe above copyright notice",
        );
    write(root, "COPYING", &altered);
    let (r, settings) = run(root, Caches::default(), "");
    let (findings, evidence) = judge(&r, &settings, "2026-12-04").unwrap();
    let ids: Vec<&str> = findings.iter().map(|f| f.rule.id).collect();
    assert!(ids.contains(&"licenses/declared-mismatch"), "{ids:?}");
    assert!(ids.contains(&"licenses/invalid-expression"), "{ids:?}");
    assert!(ids.contains(&"licenses/altered-text"), "{ids:?}");
    let m = findings
        .iter()
        .find(|f| f.rule.id == "licenses/declared-mismatch")
        .unwrap();
    assert_eq!(m.location.path.as_deref(), Some("Cargo.toml"));
    assert_eq!(m.location.line, Some(4));
    let consistent = evidence
        .iter()
        .find(|e| e.check == "licenses/declared-matches-files")
        .unwrap();
    assert_eq!(consistent.status.as_str(), "not-met");
}

#[test]
fn empty_repository_has_no_licence_and_no_evidence_of_one() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "main.py", "print('hi')\n");
    let (r, settings) = run(d.path(), Caches::default(), "");
    assert!(r.project.license.is_none());
    let (_, evidence) = judge(&r, &settings, "2026-12-04").unwrap();
    for e in &evidence {
        match e.check {
            "licenses/dependencies-compliant" => assert_eq!(e.status.as_str(), "not-applicable"),
            _ => assert_eq!(e.status.as_str(), "not-met", "{e:?}"),
        }
    }
}

#[test]
fn hostile_files_are_bounded_and_reported() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    fs::write(root.join("LICENSE"), [0xff, 0xfe, 0x00, 0x41, 0x80, 0x81]).unwrap();
    write(root, "package.json", "{not json");
    write(
        root,
        "pom.xml",
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><project><licenses><license><name>&lol2;</name></license></licenses></project>",
    );
    let huge = "x".repeat(2 * 1024 * 1024);
    write(root, "COPYING", &huge);
    let (r, _) = run(root, Caches::default(), "");
    assert!(
        r.errors.iter().any(|e| e.path == "package.json"),
        "{:?}",
        r.errors
    );
    assert!(
        r.errors.iter().any(|e| e.path == "COPYING"),
        "{:?}",
        r.errors
    );
    // The DTD is refused: no declaration is read from the entity bomb.
    assert!(
        r.project
            .declared
            .iter()
            .all(|d| !d.path.starts_with("pom.xml"))
    );
}
