//! Package databases of extracted container file systems (dpkg, apk), R `renv.lock`,
//! Gradle `verification-metadata.xml` and requirements files by any name. Every expected
//! list is written by hand from the fixture and the format's documentation.

use std::path::Path;
use trustward_core::files::FileIndex;
use trustward_inventory::model::{Ecosystem, Inventory};
use trustward_inventory::parsers::{gradle_verification, pom};
use trustward_inventory::{DiscoverOptions, discover};

const FIX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn scan(dir: &str) -> Inventory {
    discover(
        &FileIndex::new(&Path::new(FIX).join(dir)),
        &DiscoverOptions::default(),
    )
}

/// (ecosystem, name, version, purl, source path:line)
fn rows(inv: &Inventory) -> Vec<(Ecosystem, String, String, String, String)> {
    inv.packages
        .iter()
        .map(|p| {
            (
                p.ecosystem,
                p.name.clone(),
                p.version.clone(),
                p.purl.clone(),
                format!("{}:{}", p.source.path, p.source.line.unwrap_or(0)),
            )
        })
        .collect()
}

fn errors(inv: &Inventory) -> Vec<String> {
    inv.errors.iter().map(|e| e.path.clone()).collect()
}

type Want<'a> = &'a [(Ecosystem, &'a str, &'a str, &'a str, &'a str)];

fn assert_rows(inv: &Inventory, want: Want<'_>) {
    let want: Vec<(Ecosystem, String, String, String, String)> = want
        .iter()
        .map(|(e, n, v, p, s)| {
            (
                *e,
                n.to_string(),
                v.to_string(),
                p.to_string(),
                s.to_string(),
            )
        })
        .collect();
    let mut got = rows(inv);
    got.sort();
    let mut want = want;
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn dpkg_status_and_apk_installed_in_a_container_tree() {
    let inv = scan("container");
    const DPKG: &str = "var/lib/dpkg/status";
    const APK: &str = "lib/apk/db/installed";
    assert_rows(
        &inv,
        &[
            // libssl3 (Source: openssl) and openssl are one source package; the first
            // stanza's line is kept.
            (
                Ecosystem::Debian,
                "openssl",
                "3.0.11-1~deb12u2",
                "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=source",
                "var/lib/dpkg/status:1",
            ),
            // Source with its own version in parentheses overrides Version.
            (
                Ecosystem::Debian,
                "gcc-12",
                "12.2.0-14",
                "pkg:deb/debian/gcc-12@12.2.0-14?arch=source",
                "var/lib/dpkg/status:24",
            ),
            // `hold ok installed` is installed; the epoch stays in the version.
            (
                Ecosystem::Debian,
                "zlib",
                "1:1.2.13.dfsg-1",
                "pkg:deb/debian/zlib@1:1.2.13.dfsg-1?arch=source",
                "var/lib/dpkg/status:31",
            ),
            (
                Ecosystem::Debian,
                "tzdata",
                "2024a-0+deb12u1",
                "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=source",
                "var/lib/dpkg/status:50",
            ),
            (
                Ecosystem::Alpine,
                "musl",
                "1.2.4-r2",
                "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64",
                "lib/apk/db/installed:1",
            ),
            // libcrypto3 and libssl3 both have origin openssl.
            (
                Ecosystem::Alpine,
                "openssl",
                "3.1.4-r1",
                "pkg:apk/alpine/openssl@3.1.4-r1?arch=x86_64",
                "lib/apk/db/installed:17",
            ),
            (
                Ecosystem::Alpine,
                "busybox",
                "1.36.1-r15",
                "pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64",
                "lib/apk/db/installed:35",
            ),
        ],
    );
    // The config-files stanza is not installed: not listed, not an error. The stanza
    // without Version and the stray line are reported; the stanzas after them are read.
    assert_eq!(
        errors(&inv),
        [
            format!("{APK}:31"),
            format!("{DPKG}:44"),
            format!("{DPKG}:49"),
        ]
    );
    assert!(
        inv.sources
            .iter()
            .any(|s| s.path == DPKG && s.format == "dpkg status")
    );
}

#[test]
fn renv_lock() {
    let inv = scan("r");
    assert_rows(
        &inv,
        &[
            (
                Ecosystem::Cran,
                "R6",
                "2.5.1",
                "pkg:cran/R6@2.5.1",
                "renv.lock:15",
            ),
            (
                Ecosystem::Cran,
                "jsonlite",
                "1.8.8",
                "pkg:cran/jsonlite@1.8.8",
                "renv.lock:25",
            ),
            (
                Ecosystem::Cran,
                "httr",
                "1.4.7",
                "pkg:cran/httr@1.4.7",
                "renv.lock:35",
            ),
        ],
    );
    let httr = inv.packages.iter().find(|p| p.name == "httr").unwrap();
    assert_eq!(
        httr.dependencies,
        ["pkg:cran/R6@2.5.1", "pkg:cran/jsonlite@1.8.8"]
    );
    // Bioconductor and GitHub packages are named as not listed; a package without a
    // version is an error.
    assert_eq!(
        errors(&inv),
        ["renv.lock:45", "renv.lock:51", "renv.lock:60"]
    );
    assert!(inv.errors[0].message.contains("Bioconductor"));
    assert!(inv.errors[1].message.contains("GitHub"));
}

#[test]
fn gradle_verification_metadata() {
    let inv = scan("gradle");
    const F: &str = "gradle/verification-metadata.xml";
    assert_rows(
        &inv,
        &[
            (
                Ecosystem::Maven,
                "com.google.guava:guava",
                "32.1.3-jre",
                "pkg:maven/com.google.guava/guava@32.1.3-jre",
                "gradle/verification-metadata.xml:8",
            ),
            (
                Ecosystem::Maven,
                "org.slf4j:slf4j-api",
                "2.0.9",
                "pkg:maven/org.slf4j/slf4j-api@2.0.9",
                "gradle/verification-metadata.xml:16",
            ),
        ],
    );
    let guava = &inv.packages[0];
    // Only the jar's checksum (not the .module file's).
    assert_eq!(guava.hashes.len(), 1);
    assert_eq!(
        guava.hashes[0].value,
        "6d4e2b5a118aab62e6e5e29d185a0224eed82c85c40ac3d33cf04a270c3b3744"
    );
    let slf4j = &inv.packages[1];
    assert_eq!(slf4j.hashes.len(), 1, "the non-digest sha256 is dropped");
    assert_eq!(slf4j.hashes[0].alg, "SHA-1");
    assert_eq!(errors(&inv), [format!("{F}:22")]);
}

#[test]
fn requirements_files_by_any_name_with_nested_includes_and_constraints() {
    let inv = scan("pip-any-name");
    let mut got: Vec<(String, String, String, Option<bool>)> = inv
        .packages
        .iter()
        .map(|p| {
            (
                p.name.clone(),
                p.version.clone(),
                format!("{}:{}", p.source.path, p.source.line.unwrap_or(0)),
                p.direct,
            )
        })
        .collect();
    got.sort();
    got.dedup();
    let want: Vec<(String, String, String, Option<bool>)> = [
        ("flask", "3.0.0", "reqs/base.txt:2", None),
        ("pytest-cov", "4.1.0", "requirements-dev.txt:4", None),
        ("werkzeug", "3.0.1", "constraints.txt:1", Some(false)),
        ("zope-interface", "6.1", "reqs/common.txt:1", None),
    ]
    .iter()
    .map(|(n, v, s, d)| (n.to_string(), v.to_string(), s.to_string(), *d))
    .collect();
    assert_eq!(got, want);
    // notes.txt is not a requirements file; reqs/*.txt are, whatever their names.
    let mut sources: Vec<&str> = inv.sources.iter().map(|s| s.path.as_str()).collect();
    sources.sort();
    assert_eq!(
        sources,
        ["reqs/base.txt", "reqs/common.txt", "requirements-dev.txt"]
    );
    assert!(inv.errors.is_empty(), "{:?}", inv.errors);
}

/// Billion laughs and external entities: DTDs are refused before anything is expanded or
/// fetched, in POMs and in Gradle verification metadata alike.
#[test]
fn xml_entities_are_refused_not_expanded() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"#;
    let external = r#"<?xml version="1.0"?>
<!DOCTYPE x [ <!ENTITY xxe SYSTEM "http://127.0.0.1:9/never-fetched"> ]>
"#;
    let pom_body = "<project><groupId>&lol9;</groupId><artifactId>a</artifactId><version>1</version></project>";
    let gv_body = "<verification-metadata><components><component group=\"&xxe;\" name=\"n\" version=\"1\"/></components></verification-metadata>";
    let started = std::time::Instant::now();
    for (prolog, parse) in [
        (laughs, pom::parse as fn(&str, &str) -> _),
        (external, pom::parse),
        (laughs, gradle_verification::parse),
        (external, gradle_verification::parse),
    ] {
        for body in [pom_body, gv_body] {
            let c = parse("x.xml", &format!("{prolog}{body}"));
            assert!(c.packages.is_empty());
            let fatal = c.fatal.expect("refused");
            assert!(fatal.message.contains("not valid XML"), "{}", fatal.message);
        }
    }
    assert!(started.elapsed().as_secs() < 2);
}
