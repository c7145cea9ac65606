//! What both SBOM writers share: options, the timestamp (SOURCE_DATE_EPOCH aware), serial
//! numbers / namespaces derived from content in deterministic mode, and the merged,
//! sorted component list.

use crate::model::{Inventory, Package, Scope};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Stands in for the document id (serial number, namespace) during serialization.
pub const ID_PLACEHOLDER: &str = "trustward-document-id-placeholder";

/// How to write an SBOM.
#[derive(Debug, Clone)]
pub struct SbomOptions {
    /// Name of the described project (the root component / package).
    pub project_name: String,
    /// Its version, when known.
    pub project_version: Option<String>,
    /// Reproducible output: the serial number (CycloneDX) and document namespace (SPDX) are
    /// derived from a hash of the content, and the timestamp is fixed (see
    /// [`SbomOptions::source_date_epoch`]).
    pub deterministic: bool,
    /// `SOURCE_DATE_EPOCH` (seconds since 1970) when set: used as the timestamp in every
    /// mode, as the reproducible-builds convention asks. Deterministic mode without it
    /// uses `1970-01-01T00:00:00Z`.
    pub source_date_epoch: Option<i64>,
    /// Tool name written in the metadata.
    pub tool_name: String,
    /// Tool version written in the metadata.
    pub tool_version: String,
}

impl Default for SbomOptions {
    fn default() -> Self {
        SbomOptions {
            project_name: "project".into(),
            project_version: None,
            deterministic: false,
            source_date_epoch: None,
            tool_name: "trustward".into(),
            tool_version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

impl SbomOptions {
    /// Reads `SOURCE_DATE_EPOCH` from the environment (ignored when not an integer).
    pub fn with_env(mut self) -> Self {
        self.source_date_epoch = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|v| v.trim().parse().ok());
        self
    }

    /// The document timestamp, `YYYY-MM-DDThh:mm:ssZ`.
    pub fn timestamp(&self) -> String {
        let ts = match (self.source_date_epoch, self.deterministic) {
            (Some(s), _) => jiff::Timestamp::from_second(s).unwrap_or(jiff::Timestamp::UNIX_EPOCH),
            (None, true) => jiff::Timestamp::UNIX_EPOCH,
            (None, false) => jiff::Timestamp::now(),
        };
        ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    }

    /// A UUID: derived from `content` in deterministic mode (so equal content gives an equal
    /// id), random-ish otherwise (content, clock and process id hashed).
    /// Serializes `doc` (whose top-level `key` holds [`ID_PLACEHOLDER`]) once, derives
    /// the document id from those bytes (see [`SbomOptions::uuid`]) and splices it into
    /// that key: one serialization instead of two, and the id still depends on the whole
    /// content. The needle includes the key and its quotes, which a string value cannot
    /// contain unescaped, so hostile package names cannot be replaced by mistake.
    pub fn finish_with_id<T: serde::Serialize>(
        &self,
        doc: &T,
        key: &str,
        id: impl Fn(&str) -> String,
    ) -> String {
        let mut out = serde_json::to_string_pretty(doc).unwrap_or_default();
        let uuid = self.uuid(out.as_bytes());
        let quoted = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let needle = format!("\"{key}\": {}", quoted(ID_PLACEHOLDER));
        if let Some(at) = out.find(&needle) {
            let value = format!("\"{key}\": {}", quoted(&id(&uuid)));
            out.replace_range(at..at + needle.len(), &value);
        }
        out.push('\n');
        out
    }

    /// A UUID derived from `content` (and, unless deterministic, the time and process).
    pub fn uuid(&self, content: &[u8]) -> String {
        let mut h = Sha256::new();
        h.update(content);
        if !self.deterministic {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default();
            h.update(nanos.to_le_bytes());
            h.update(std::process::id().to_le_bytes());
        }
        let d = h.finalize();
        let mut b = [0u8; 16];
        b.copy_from_slice(&d[..16]);
        // Version 5 layout (name-based; the schema accepts versions 1-5), RFC 4122 variant.
        b[6] = (b[6] & 0x0f) | if self.deterministic { 0x50 } else { 0x40 };
        b[8] = (b[8] & 0x3f) | 0x80;
        let hex = crate::parsers::support::to_hex(&b);
        format!(
            "{}-{}-{}-{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..32]
        )
    }
}

/// Packages merged by purl (a package found in several lockfiles is one component): hashes
/// and edges are united, `direct` is true if any source says so, the first source and the
/// strongest scope are kept. Sorted by purl.
pub fn merged(inventory: &Inventory) -> Vec<Package> {
    let mut by_purl: BTreeMap<&str, Package> = BTreeMap::new();
    for p in &inventory.packages {
        match by_purl.get_mut(p.purl.as_str()) {
            None => {
                by_purl.insert(&p.purl, p.clone());
            }
            Some(m) => {
                m.hashes.extend(p.hashes.iter().cloned());
                m.dependencies.extend(p.dependencies.iter().cloned());
                m.direct = match (m.direct, p.direct) {
                    (Some(true), _) | (_, Some(true)) => Some(true),
                    (Some(false), _) | (_, Some(false)) => Some(false),
                    _ => None,
                };
                if rank(p.scope) < rank(m.scope) {
                    m.scope = p.scope;
                }
            }
        }
    }
    let mut out: Vec<Package> = by_purl.into_values().collect();
    for p in &mut out {
        p.hashes.sort();
        p.hashes.dedup();
        p.dependencies.sort();
        p.dependencies.dedup();
    }
    out
}

/// Packages as [`merged`], with every value the schemas constrain checked before it is
/// written: hash digests must be hex of the length their algorithm gives (CycloneDX's
/// `hash-content` pattern, SPDX's checksum rules), purls must parse as purls (the
/// `packageurl` crate). An invalid hash is dropped from the package; an invalid purl is
/// returned in the set of purls the writers must not write (they still use the text as the
/// package's internal key, and [`bom_ref`] gives a non-empty bom-ref); each is described in
/// the returned warnings. Licence ids are not
/// taken from the inventory (the writers write `NOASSERTION`), and dates come from
/// [`SbomOptions::timestamp`], which always formats a valid date-time.
pub fn checked(inventory: &Inventory) -> Checked {
    let mut packages = merged(inventory);
    let mut warnings = Vec::new();
    let mut bad_purls = std::collections::HashSet::new();
    for p in &mut packages {
        let who = format!(
            "{} {} {} ({})",
            p.ecosystem.as_str(),
            p.name,
            p.version,
            source_text(p)
        );
        p.hashes.retain(|h| {
            let ok = valid_digest(&h.alg, &h.value);
            if !ok {
                warnings.push(format!(
                    "{who}: hash {} `{}` is not a valid digest; left out of the SBOM",
                    h.alg,
                    h.value.chars().take(80).collect::<String>()
                ));
            }
            ok
        });
        if !crate::purl::is_valid(&p.purl) {
            warnings.push(format!(
                "{who}: `{}` is not a valid package URL; written without a purl",
                p.purl.chars().take(200).collect::<String>()
            ));
            bad_purls.insert(p.purl.clone());
        }
    }
    Checked {
        packages,
        bad_purls,
        warnings,
    }
}

/// What [`checked`] returns.
#[derive(Debug, Default)]
pub struct Checked {
    /// Merged packages with invalid hashes removed.
    pub packages: Vec<Package>,
    /// purls that are not valid package URLs (not to be written as purls).
    pub bad_purls: std::collections::HashSet<String>,
    /// One line per value left out.
    pub warnings: Vec<String>,
}

impl Checked {
    /// The purl to write for `p`, when it is valid.
    pub fn purl<'a>(&self, p: &'a Package) -> Option<&'a str> {
        Some(p.purl.as_str()).filter(|u| !self.bad_purls.contains(*u))
    }
}

/// A non-empty bom-ref for the package at `index` with key `purl` (the purl itself unless
/// it is empty).
pub fn bom_ref(purl: &str, index: usize) -> std::borrow::Cow<'_, str> {
    if purl.is_empty() {
        std::borrow::Cow::Owned(format!("trustward:component:{index}"))
    } else {
        std::borrow::Cow::Borrowed(purl)
    }
}

fn source_text(p: &Package) -> String {
    match p.source.line {
        Some(l) => format!("{}:{l}", p.source.path),
        None => p.source.path.clone(),
    }
}

/// Whether `value` is a digest of algorithm `alg` (CycloneDX names): hex of exactly the
/// algorithm's length.
pub fn valid_digest(alg: &str, value: &str) -> bool {
    let len = match alg {
        "MD5" => 32,
        "SHA-1" => 40,
        "SHA-256" | "SHA3-256" | "BLAKE2b-256" => 64,
        "SHA-384" | "SHA3-384" | "BLAKE2b-384" => 96,
        "SHA-512" | "SHA3-512" | "BLAKE2b-512" => 128,
        _ => return false,
    };
    value.len() == len && value.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Lower is stronger: a package needed at run time anywhere is a runtime package.
fn rank(s: Scope) -> u8 {
    match s {
        Scope::Runtime => 0,
        Scope::Peer => 1,
        Scope::Optional => 2,
        Scope::Build => 3,
        Scope::Dev => 4,
        Scope::Unknown => 5,
    }
}

/// `Scope` ↔ its JSON name, for the `trustward:scope` property.
pub fn scope_name(s: Scope) -> &'static str {
    match s {
        Scope::Runtime => "runtime",
        Scope::Dev => "dev",
        Scope::Optional => "optional",
        Scope::Peer => "peer",
        Scope::Build => "build",
        Scope::Unknown => "unknown",
    }
}

/// Inverse of [`scope_name`].
pub fn scope_from_name(s: &str) -> Option<Scope> {
    Some(match s {
        "runtime" => Scope::Runtime,
        "dev" => Scope::Dev,
        "optional" => Scope::Optional,
        "peer" => Scope::Peer,
        "build" => Scope::Build,
        "unknown" => Scope::Unknown,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {

    #[test]
    fn document_id_is_spliced_into_its_key_only() {
        #[derive(serde::Serialize)]
        struct Doc<'a> {
            name: &'a str,
            #[serde(rename = "serialNumber")]
            serial: &'a str,
        }
        // A hostile name that contains the placeholder text is left as it is.
        let doc = Doc {
            name: ID_PLACEHOLDER,
            serial: ID_PLACEHOLDER,
        };
        let opts = SbomOptions {
            deterministic: true,
            ..SbomOptions::default()
        };
        let out = opts.finish_with_id(&doc, "serialNumber", |u| format!("urn:uuid:{u}"));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["name"], ID_PLACEHOLDER);
        let serial = v["serialNumber"].as_str().unwrap();
        assert!(
            serial.starts_with("urn:uuid:") && serial.len() == 45,
            "{serial}"
        );
        // Deterministic: same content, same id.
        assert_eq!(
            out,
            opts.finish_with_id(&doc, "serialNumber", |u| format!("urn:uuid:{u}"))
        );
    }

    use super::*;

    #[test]
    fn invalid_values_are_dropped_with_a_warning() {
        use crate::model::{Ecosystem, PackageHash, SourceRef};
        let good = "ab".repeat(32);
        let mut inv = Inventory::default();
        inv.packages.push(Package {
            ecosystem: Ecosystem::CratesIo,
            name: "x".into(),
            version: "1".into(),
            purl: "pkg:cargo/x@1".into(),
            scope: Scope::Runtime,
            direct: None,
            source: SourceRef {
                path: "Cargo.lock".into(),
                line: Some(3),
            },
            hashes: vec![
                PackageHash {
                    alg: "SHA-256".into(),
                    value: "abcd".into(),
                },
                PackageHash {
                    alg: "SHA-256".into(),
                    value: good.clone(),
                },
            ],
            dependencies: Vec::new(),
        });
        let mut bad = inv.packages[0].clone();
        bad.purl = "not a purl".into();
        bad.name = "y".into();
        inv.packages.push(bad);
        let c = checked(&inv);
        assert_eq!(c.warnings.len(), 3, "{:#?}", c.warnings);
        assert!(c.warnings[0].contains("Cargo.lock:3"), "{:#?}", c.warnings);
        assert!(
            c.packages
                .iter()
                .all(|p| p.hashes.len() == 1 && p.hashes[0].value == good)
        );
        let purls: Vec<Option<&str>> = c.packages.iter().map(|p| c.purl(p)).collect();
        assert!(purls.contains(&None) && purls.contains(&Some("pkg:cargo/x@1")));
        assert_eq!(bom_ref("", 3), "trustward:component:3");
        assert!(valid_digest("SHA-1", &"0".repeat(40)));
        assert!(!valid_digest("SHA-1", &"g".repeat(40)));
        assert!(!valid_digest("CRC", "00"));
    }

    #[test]
    fn timestamps() {
        let mut o = SbomOptions {
            deterministic: true,
            ..SbomOptions::default()
        };
        assert_eq!(o.timestamp(), "1970-01-01T00:00:00Z");
        o.source_date_epoch = Some(1_700_000_000);
        assert_eq!(o.timestamp(), "2023-11-14T22:13:20Z");
        assert_eq!(o.uuid(b"x"), o.uuid(b"x"));
        assert_ne!(o.uuid(b"x"), o.uuid(b"y"));
        assert_eq!(o.uuid(b"x").len(), 36);
        assert_eq!(&o.uuid(b"x")[14..15], "5");
    }
}
