//! Gradle dependency verification metadata, `gradle/verification-metadata.xml` (Gradle user
//! manual, "Verifying dependencies"): `<components><component group= name= version=>` with
//! `<artifact name=>` children holding `<sha1|sha256|sha512|md5 value=>` checksums. Each
//! component is a Maven package (Gradle resolves from Maven repositories); the checksums of
//! the artifact named `NAME-VERSION.jar` are its hashes. Scope and `direct` are unknown
//! (the file lists every resolved artifact, build plugins included).
//!
//! XML is parsed with roxmltree with DTDs refused (no entity expansion, no external
//! entities, nothing fetched), nesting capped and a node limit.

use super::support::{Collected, LineIndex, hash_from_hex, package};
use super::xml;
use crate::model::{Ecosystem, Scope};
use crate::purl;

/// Parses the file.
pub fn parse(path: &str, text: &str) -> Collected {
    let mut out = Collected::new("verification-metadata.xml");
    let doc = match xml::parse(text, 1_000_000) {
        Ok(d) => d,
        Err((line, message)) => {
            out.fail(Some(line), message);
            return out;
        }
    };
    let root = doc.root_element();
    if root.tag_name().name() != "verification-metadata" {
        out.fail(
            Some(1),
            "root element is not <verification-metadata>: not Gradle verification metadata",
        );
        return out;
    }
    let lines = LineIndex::new(text);
    let components = root
        .children()
        .filter(|c| c.has_tag_name("components"))
        .flat_map(|c| c.children().filter(|c| c.has_tag_name("component")));
    for c in components {
        let line = Some(lines.line(c.range().start));
        let (Some(group), Some(name), Some(version)) = (
            c.attribute("group"),
            c.attribute("name"),
            c.attribute("version"),
        ) else {
            out.error(line, "a <component> without group, name or version");
            continue;
        };
        let mut pkg = package(
            Ecosystem::Maven,
            format!("{group}:{name}"),
            version,
            purl::maven(group, name, version, "", ""),
            Scope::Unknown,
            None,
            path,
            line,
        );
        let jar = format!("{name}-{version}.jar");
        for a in c
            .children()
            .filter(|a| a.has_tag_name("artifact") && a.attribute("name") == Some(&jar))
        {
            for h in a.children().filter(|h| h.is_element()) {
                let alg = match h.tag_name().name() {
                    "sha1" => "SHA-1",
                    "sha256" => "SHA-256",
                    "sha512" => "SHA-512",
                    "md5" => "MD5",
                    _ => continue,
                };
                if let Some(hash) = h.attribute("value").and_then(|v| hash_from_hex(alg, v)) {
                    pkg.hashes.push(hash);
                }
            }
        }
        pkg.hashes.sort();
        pkg.hashes.dedup();
        out.push(pkg);
    }
    out
}
