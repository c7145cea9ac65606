//! `trustward sbom` end to end: schema-valid CycloneDX and SPDX, reproducible with
//! `--deterministic`, readable back by `trustward deps`.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../trustward-inventory/tests/fixtures/multi-ecosystem")
}

fn schemas() -> PathBuf {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        "../../../shared/data/schemas",
        "../../../../shared/data/schemas",
    ]
    .iter()
    .map(|r| base.join(r))
    .find(|p| p.is_dir())
    .expect("shared/data/schemas")
}

fn load(rel: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(schemas().join(rel)).unwrap()).unwrap()
}

/// A project with a few of the lockfiles.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["Gemfile.lock", "packages.lock.json", "go.mod", "mix.lock"] {
        std::fs::copy(fixtures().join(f), dir.path().join(f)).unwrap();
    }
    dir
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("trustward")
        .unwrap()
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn cyclonedx_output_is_valid_and_reproducible() {
    let dir = project();
    let p = dir.path().to_str().unwrap();
    let (code, a, err) = run(&["sbom", p, "--deterministic"]);
    assert_eq!(code, 0, "{err}");
    let (_, b, _) = run(&["sbom", p, "--deterministic", "--standard", "cyclonedx"]);
    assert_eq!(a, b);
    let doc: Value = serde_json::from_str(&a).unwrap();
    let validator = jsonschema::options()
        .with_resource(
            "http://cyclonedx.org/schema/spdx.schema.json",
            jsonschema::Resource::from_contents(load("cyclonedx/spdx.schema.json")).unwrap(),
        )
        .with_resource(
            "http://cyclonedx.org/schema/jsf-0.82.schema.json",
            jsonschema::Resource::from_contents(load("cyclonedx/jsf-0.82.schema.json")).unwrap(),
        )
        .build(&load("cyclonedx/bom-1.6.schema.json"))
        .unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // 6 gems + 3 NuGet + 4 Go modules and stdlib + 4 Hex.
    assert_eq!(doc["components"].as_array().unwrap().len(), 18);
    assert_eq!(doc["metadata"]["timestamp"], "1970-01-01T00:00:00Z");
}

#[test]
fn spdx_output_is_valid() {
    let dir = project();
    let (code, out, err) = run(&["sbom", dir.path().to_str().unwrap(), "--standard", "spdx"]);
    assert_eq!(code, 0, "{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    let validator = jsonschema::options()
        .build(&load("spdx/spdx-2.3-schema.json"))
        .unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The project plus 18 packages.
    assert_eq!(doc["packages"].as_array().unwrap().len(), 19);
}

#[test]
fn deps_reads_the_sbom_back() {
    let dir = project();
    let bom = dir.path().join("bom.json");
    let (code, _, err) = run(&[
        "sbom",
        dir.path().to_str().unwrap(),
        "--output",
        bom.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(&["deps", bom.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    let pkgs = doc["packages"].as_array().unwrap();
    assert_eq!(pkgs.len(), 18);
    assert!(pkgs.iter().any(
        |p| p["purl"] == "pkg:gem/nokogiri@1.15.4?platform=x86_64-linux"
            && p["ecosystem"] == "RubyGems"
            && p["direct"] == true
    ));
}

#[test]
fn report_formats_are_refused() {
    let (code, _, err) = run(&["sbom", ".", "--format", "sarif"]);
    assert_eq!(code, 2);
    assert!(err.contains("--standard"), "{err}");
}

#[test]
fn format_picks_the_standard_as_in_trivy_and_syft() {
    let p = fixtures();
    let p = p.to_str().unwrap();
    // The fixture tree holds a pom.xml whose version needs a parent POM: the SBOM is
    // written but incomplete, so the exit code is 3 (fail closed) for every spelling.
    let (code, a, err) = run(&["sbom", p, "--deterministic", "--format", "spdx"]);
    assert_eq!(code, 3, "{err}");
    let (_, b, _) = run(&["sbom", p, "--deterministic", "--standard", "spdx"]);
    assert_eq!(a, b);
    assert!(a.contains("\"spdxVersion\": \"SPDX-2.3\""));
    let (code, c, err) = run(&["--format", "cyclonedx", "sbom", p, "--deterministic"]);
    assert_eq!(code, 3, "{err}");
    assert!(c.contains("\"bomFormat\": \"CycloneDX\""));
}
