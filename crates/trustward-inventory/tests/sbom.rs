//! SBOM writers validated against the CycloneDX 1.6 and SPDX 2.3 schemas, deterministic
//! output, round trips and the readers on hand-written documents.

use serde_json::Value;
use trustward_inventory::model::{Ecosystem, Inventory, Scope};
use trustward_inventory::parsers::{gemfile_lock, gomod, mix_lock, nuget_lock, pom};
use trustward_inventory::sbom::{self, SbomOptions, Standard};

/// `../shared` next to the repository: `../../../shared` from the crate in the main
/// checkout, one more level up from a worktree under `/work/wt/<name>`.
fn schemas() -> String {
    let base = env!("CARGO_MANIFEST_DIR");
    [
        "/../../../shared/data/schemas",
        "/../../../../shared/data/schemas",
    ]
    .iter()
    .map(|rel| format!("{base}{rel}"))
    .find(|p| std::path::Path::new(p).is_dir())
    .expect("shared/data/schemas not found")
}

fn fixture(name: &str) -> String {
    let p = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/multi-ecosystem/"
    );
    std::fs::read_to_string(format!("{p}{name}")).expect("fixture")
}

fn load(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(format!("{}/{path}", schemas())).expect("schema"))
        .expect("schema json")
}

fn cyclonedx_validator() -> jsonschema::Validator {
    jsonschema::options()
        .with_resource(
            "http://cyclonedx.org/schema/spdx.schema.json",
            jsonschema::Resource::from_contents(load("cyclonedx/spdx.schema.json")).unwrap(),
        )
        .with_resource(
            "http://cyclonedx.org/schema/jsf-0.82.schema.json",
            jsonschema::Resource::from_contents(load("cyclonedx/jsf-0.82.schema.json")).unwrap(),
        )
        .build(&load("cyclonedx/bom-1.6.schema.json"))
        .expect("cyclonedx schema compiles")
}

fn spdx_validator() -> jsonschema::Validator {
    jsonschema::options()
        .build(&load("spdx/spdx-2.3-schema.json"))
        .expect("spdx schema compiles")
}

fn assert_valid(v: &jsonschema::Validator, doc: &Value) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "schema errors: {errors:#?}");
}

/// An inventory from several of the fixtures (hashes, edges, qualifiers, an empty version).
fn inventory() -> Inventory {
    let mut inv = Inventory::default();
    for c in [
        gemfile_lock::parse("Gemfile.lock", &fixture("Gemfile.lock")),
        nuget_lock::parse("packages.lock.json", &fixture("packages.lock.json")),
        mix_lock::parse("mix.lock", &fixture("mix.lock")),
        gomod::parse("go.mod", &fixture("go.mod")),
        pom::parse("pom.xml", &fixture("pom.xml")),
    ] {
        inv.packages.extend(c.packages);
    }
    inv.packages.sort();
    inv
}

fn opts() -> SbomOptions {
    SbomOptions {
        project_name: "my app/with spaces".into(),
        project_version: Some("1.0.0".into()),
        deterministic: true,
        ..SbomOptions::default()
    }
}

#[test]
fn cyclonedx_is_valid_1_6() {
    let text = sbom::write(&inventory(), Standard::CycloneDx, &opts());
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_valid(&cyclonedx_validator(), &doc);
    assert_eq!(doc["specVersion"], "1.6");
    assert_eq!(doc["metadata"]["component"]["name"], "my app/with spaces");
    assert_eq!(doc["metadata"]["timestamp"], "1970-01-01T00:00:00Z");
    let comps = doc["components"].as_array().unwrap();
    assert_eq!(comps.len(), inventory().packages.len());
    let nuget = comps
        .iter()
        .find(|c| c["purl"] == "pkg:nuget/Newtonsoft.Json@13.0.3")
        .unwrap();
    assert_eq!(nuget["hashes"][0]["alg"], "SHA-512");
    assert_eq!(nuget["hashes"][0]["content"], "01".repeat(64));
    let maven = comps
        .iter()
        .find(|c| c["purl"] == "pkg:maven/org.slf4j/slf4j-api@2.0.9")
        .unwrap();
    assert_eq!(maven["group"], "org.slf4j");
    assert_eq!(maven["name"], "slf4j-api");
    // The project depends on the direct packages; edges from the lockfiles are kept.
    let deps = doc["dependencies"].as_array().unwrap();
    let root = deps
        .iter()
        .find(|d| d["ref"] == "trustward:project")
        .unwrap();
    assert!(
        root["dependsOn"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "pkg:gem/rails@7.1.0")
    );
    let rails = deps
        .iter()
        .find(|d| d["ref"] == "pkg:gem/rails@7.1.0")
        .unwrap();
    assert_eq!(rails["dependsOn"][0], "pkg:gem/activesupport@7.1.0");
}

#[test]
fn spdx_is_valid_2_3() {
    let text = sbom::write(&inventory(), Standard::Spdx, &opts());
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_valid(&spdx_validator(), &doc);
    assert_eq!(doc["documentDescribes"][0], "SPDXRef-Project");
    let ns = doc["documentNamespace"].as_str().unwrap();
    assert!(
        ns.starts_with("https://spdx.org/spdxdocs/my-app-with-spaces-"),
        "{ns}"
    );
    for p in doc["packages"].as_array().unwrap() {
        let id = p["SPDXID"].as_str().unwrap();
        let rest = id.strip_prefix("SPDXRef-").unwrap();
        assert!(
            rest.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'),
            "{id}"
        );
    }
    let rels = doc["relationships"].as_array().unwrap();
    assert!(rels.iter().any(|r| r["relationshipType"] == "DESCRIBES"));
    assert!(
        rels.iter()
            .filter(|r| r["relationshipType"] == "DEPENDS_ON")
            .count()
            >= 3
    );
    let nuget = doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["externalRefs"][0]["referenceLocator"] == "pkg:nuget/Newtonsoft.Json@13.0.3")
        .unwrap();
    assert_eq!(nuget["checksums"][0]["algorithm"], "SHA512");
}

#[test]
fn empty_inventory_is_valid_too() {
    let inv = Inventory::default();
    let o = SbomOptions::default();
    let cdx: Value = serde_json::from_str(&sbom::write(&inv, Standard::CycloneDx, &o)).unwrap();
    assert_valid(&cyclonedx_validator(), &cdx);
    let spdx: Value = serde_json::from_str(&sbom::write(&inv, Standard::Spdx, &o)).unwrap();
    assert_valid(&spdx_validator(), &spdx);
}

#[test]
fn deterministic_output_is_byte_identical() {
    for std in [Standard::CycloneDx, Standard::Spdx] {
        let a = sbom::write(&inventory(), std, &opts());
        let b = sbom::write(&inventory(), std, &opts());
        assert_eq!(a, b);
        let mut other = inventory();
        other.packages.pop();
        assert_ne!(a, sbom::write(&other, std, &opts()));
    }
    let with_epoch = SbomOptions {
        source_date_epoch: Some(1_700_000_000),
        ..opts()
    };
    let doc: Value =
        serde_json::from_str(&sbom::write(&inventory(), Standard::CycloneDx, &with_epoch)).unwrap();
    assert_eq!(doc["metadata"]["timestamp"], "2023-11-14T22:13:20Z");
    let serial = doc["serialNumber"].as_str().unwrap();
    assert!(
        serial.starts_with("urn:uuid:") && serial.len() == 45,
        "{serial}"
    );
    // Non-deterministic runs get different serial numbers.
    let live = SbomOptions::default();
    let a: Value =
        serde_json::from_str(&sbom::write(&inventory(), Standard::CycloneDx, &live)).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2));
    let b: Value =
        serde_json::from_str(&sbom::write(&inventory(), Standard::CycloneDx, &live)).unwrap();
    assert_ne!(a["serialNumber"], b["serialNumber"]);
}

type Key = (
    Ecosystem,
    String,
    String,
    String,
    Scope,
    Option<bool>,
    Vec<(String, String)>,
    Vec<String>,
);

fn keys(inv: &Inventory) -> Vec<Key> {
    let mut v: Vec<Key> = inv
        .packages
        .iter()
        .map(|p| {
            (
                p.ecosystem,
                p.name.clone(),
                p.version.clone(),
                p.purl.clone(),
                p.scope,
                p.direct,
                p.hashes
                    .iter()
                    .map(|h| (h.alg.clone(), h.value.clone()))
                    .collect(),
                p.dependencies.clone(),
            )
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn cyclonedx_round_trip_keeps_packages() {
    let inv = inventory();
    let text = sbom::write(&inv, Standard::CycloneDx, &opts());
    let back = sbom::read("bom.json", &text).unwrap();
    assert!(back.errors.is_empty(), "{:?}", back.errors);
    assert_eq!(keys(&back), keys(&inv));
    assert_eq!(back.sources[0].format, "CycloneDX 1.6");
}

#[test]
fn spdx_round_trip_keeps_packages() {
    let inv = inventory();
    let text = sbom::write(&inv, Standard::Spdx, &opts());
    let back = sbom::read("sbom.spdx.json", &text).unwrap();
    assert!(back.errors.is_empty(), "{:?}", back.errors);
    // SPDX has no "direct: unknown": packages without a DEPENDS_ON from the project read
    // back as indirect.
    let strip = |k: Vec<Key>| -> Vec<Key> {
        k.into_iter()
            .map(|mut k| {
                k.5 = Some(k.5 == Some(true));
                k
            })
            .collect()
    };
    assert_eq!(strip(keys(&back)), strip(keys(&inv)));
}

/// ecosystem, name, version, direct, line.
type Brief<'a> = (Ecosystem, &'a str, &'a str, Option<bool>, Option<u32>);

#[test]
fn reads_external_cyclonedx() {
    let inv = sbom::read("external.cdx.json", &fixture("external.cdx.json")).unwrap();
    let got: Vec<Brief<'_>> = inv
        .packages
        .iter()
        .map(|p| {
            (
                p.ecosystem,
                p.name.as_str(),
                p.version.as_str(),
                p.direct,
                p.source.line,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                Ecosystem::Npm,
                "@babel/core",
                "7.22.0",
                Some(true),
                Some(43)
            ),
            (Ecosystem::Npm, "lodash", "4.17.21", Some(true), Some(14)),
            (Ecosystem::PyPI, "django", "4.2.0", Some(false), Some(22)),
        ]
    );
    let babel = inv
        .packages
        .iter()
        .find(|p| p.name == "@babel/core")
        .unwrap();
    assert_eq!(babel.scope, Scope::Dev);
    let lodash = inv.packages.iter().find(|p| p.name == "lodash").unwrap();
    assert_eq!(lodash.hashes[0].value, "abcdef");
    assert_eq!(
        lodash.dependencies,
        vec!["pkg:pypi/Django@4.2.0".to_string()]
    );
    let errs: Vec<&str> = inv.errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(errs, vec!["external.cdx.json:28", "external.cdx.json:35"]);
    assert!(inv.errors[0].message.contains("no purl"));
    assert!(inv.errors[1].message.contains("unknowntype"));
}

#[test]
fn reads_external_spdx() {
    let inv = sbom::read("external.spdx.json", &fixture("external.spdx.json")).unwrap();
    let got: Vec<Brief<'_>> = inv
        .packages
        .iter()
        .map(|p| {
            (
                p.ecosystem,
                p.name.as_str(),
                p.version.as_str(),
                p.direct,
                p.source.line,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                Ecosystem::CratesIo,
                "serde",
                "1.0.190",
                Some(true),
                Some(15)
            ),
            (
                Ecosystem::Maven,
                "com.google.guava:guava",
                "32.1.2-jre",
                Some(false),
                Some(25)
            ),
        ]
    );
    let guava = inv
        .packages
        .iter()
        .find(|p| p.ecosystem == Ecosystem::Maven)
        .unwrap();
    assert_eq!(
        guava.dependencies,
        vec!["pkg:cargo/serde@1.0.190".to_string()]
    );
    assert_eq!(inv.errors.len(), 1);
    assert_eq!(inv.errors[0].path, "external.spdx.json:34");
}

#[test]
fn detects_format_by_content() {
    assert!(matches!(
        sbom::read("bom.json", "{\"hello\": 1}"),
        Err(sbom::SbomError::UnknownFormat(_))
    ));
    match sbom::read("bom.json", "{\n\"bomFormat\": \"CycloneDX\",\n") {
        Err(sbom::SbomError::Json { line, .. }) => assert_eq!(line, 3),
        other => panic!("{other:?}"),
    }
    assert!(sbom::is_sbom_file_name("app.cdx.json"));
    assert!(sbom::is_sbom_file_name("bom.json"));
    assert!(sbom::is_sbom_file_name("x.spdx.json"));
    assert!(!sbom::is_sbom_file_name("package.json"));
}

/// Every directory under every crate's `tests/fixtures` in the repository, and the
/// repository itself: `sbom` (both standards) must produce schema-valid documents whatever
/// the lockfiles hold (broken hashes, odd names, truncated files).
#[test]
fn every_fixture_directory_gives_schema_valid_sboms() {
    use trustward_core::files::FileIndex;
    use trustward_inventory::{DiscoverOptions, discover};
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut dirs = vec![repo.clone()];
    let mut stack: Vec<std::path::PathBuf> = std::fs::read_dir(repo.join("crates"))
        .unwrap()
        .filter_map(|e| Some(e.ok()?.path().join("tests/fixtures")))
        .filter(|p| p.is_dir())
        .collect();
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let ft = e.file_type().unwrap();
            if ft.is_dir() && !ft.is_symlink() {
                stack.push(e.path());
            }
        }
        dirs.push(d);
    }
    assert!(dirs.len() > 20, "fixture directories found: {}", dirs.len());
    let (cdx, spdx) = (cyclonedx_validator(), spdx_validator());
    let mut packages = 0;
    let mut warnings = 0;
    for dir in &dirs {
        let inv = discover(&FileIndex::new(dir), &DiscoverOptions::default());
        packages += inv.packages.len();
        for (standard, validator) in [(Standard::CycloneDx, &cdx), (Standard::Spdx, &spdx)] {
            let (text, w) = sbom::write_checked(&inv, standard, &opts());
            warnings += w.len();
            let doc: Value = serde_json::from_str(&text).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&doc)
                .map(|e| format!("{} at {}", e, e.instance_path))
                .take(5)
                .collect();
            assert!(
                errors.is_empty(),
                "{standard:?} SBOM of {} fails the schema: {errors:#?}",
                dir.display()
            );
        }
    }
    assert!(packages > 100, "only {packages} packages read");
    // The fixtures hold hashes that are not digests (e.g. a short `sha256:` value): they
    // are what made the repository's own SBOM fail the schema before values were checked.
    assert!(
        warnings > 0,
        "no invalid value was met: the test no longer covers the check"
    );
}

#[test]
fn invalid_hashes_and_purls_are_not_written() {
    use trustward_inventory::model::{Package, PackageHash, SourceRef};
    let mut inv = Inventory::default();
    inv.packages.push(Package {
        ecosystem: Ecosystem::PyPI,
        name: "x".into(),
        version: "1".into(),
        purl: "pkg:".into(),
        scope: Scope::Runtime,
        direct: Some(true),
        source: SourceRef {
            path: "poetry.lock".into(),
            line: Some(2),
        },
        hashes: vec![PackageHash {
            alg: "SHA-256".into(),
            value: "deadbeef".into(),
        }],
        dependencies: Vec::new(),
    });
    for (standard, validator) in [
        (Standard::CycloneDx, cyclonedx_validator()),
        (Standard::Spdx, spdx_validator()),
    ] {
        let (text, warnings) = sbom::write_checked(&inv, standard, &opts());
        assert_eq!(warnings.len(), 2, "{warnings:#?}");
        assert!(!text.contains("deadbeef"), "{text}");
        assert!(!text.contains("\"purl\": \"pkg:\""), "{text}");
        assert!(!text.contains("\"referenceLocator\": \"pkg:\""), "{text}");
        assert_valid(&validator, &serde_json::from_str(&text).unwrap());
    }
}

#[test]
fn a_single_json_file_is_read_as_an_sbom_whatever_its_name() {
    use trustward_inventory::parsers::find_for;
    assert_eq!(find_for("bom.1.4.json", true).unwrap().format, "SBOM");
    assert_eq!(find_for("vendor-SBOM.JSON", true).unwrap().format, "SBOM");
    // Known lockfile names keep their parser; in a directory scan nothing changes.
    assert_eq!(
        find_for("package-lock.json", true).unwrap().format,
        "package-lock.json"
    );
    assert!(find_for("bom.1.4.json", false).is_none());
    let entry = find_for("bom.1.4.json", true).unwrap();
    let parsed = (entry.parse)(&trustward_inventory::parsers::ParseInput {
        path: "bom.1.4.json",
        text: &fixture("external.cdx.json"),
        read: None,
    })
    .unwrap();
    assert!(!parsed.packages.is_empty());
}
