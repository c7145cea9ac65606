//! A minimal SBOM reader for `trustward vulns --sbom`: the purls of a CycloneDX JSON
//! document (`components[]`, nested) or an SPDX 2.x JSON document
//! (`packages[].externalRefs[]` of type `purl`). Stop-gap until
//! `trustward_inventory::sbom::read` exists; the binary calls it through one function.

use crate::package_from_purl;
use serde_json::Value;
use std::path::Path;
use trustward_inventory::Package;

/// Largest SBOM read.
const MAX_SBOM_BYTES: u64 = 256 << 20;
/// Deepest component nesting followed.
const MAX_DEPTH: usize = 64;

/// Why an SBOM could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct SbomError {
    /// The file.
    pub path: String,
    /// Why.
    pub reason: String,
}

/// Packages of the SBOM at `path` (location = the SBOM file), plus one warning per
/// component whose purl cannot be used.
pub fn read_packages(path: &Path, display: &str) -> Result<(Vec<Package>, Vec<String>), SbomError> {
    let err = |reason: String| SbomError {
        path: display.to_string(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| err(e.to_string()))?;
    if meta.len() > MAX_SBOM_BYTES {
        return Err(err(format!("larger than {MAX_SBOM_BYTES} bytes")));
    }
    let bytes = std::fs::read(path).map_err(|e| err(e.to_string()))?;
    let doc: Value = serde_json::from_slice(&bytes).map_err(|e| err(format!("not JSON: {e}")))?;
    let mut purls = Vec::new();
    if doc.get("bomFormat").and_then(Value::as_str) == Some("CycloneDX") {
        collect_cdx(&doc, 0, &mut purls);
    } else if doc.get("spdxVersion").is_some() {
        for p in doc
            .get("packages")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            for r in p
                .get("externalRefs")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if r.get("referenceType").and_then(Value::as_str) == Some("purl")
                    && let Some(l) = r.get("referenceLocator").and_then(Value::as_str)
                {
                    purls.push(l.to_string());
                }
            }
        }
    } else {
        return Err(err("neither a CycloneDX nor an SPDX JSON document".into()));
    }
    let mut packages = Vec::new();
    let mut warnings = Vec::new();
    for p in purls {
        match package_from_purl(&p) {
            Ok(mut pkg) => {
                pkg.source.path = display.to_string();
                packages.push(pkg);
            }
            Err(e) => warnings.push(format!("{display}: {e}")),
        }
    }
    packages.sort();
    packages.dedup();
    Ok((packages, warnings))
}

fn collect_cdx(v: &Value, depth: usize, out: &mut Vec<String>) {
    if depth > MAX_DEPTH {
        return;
    }
    for c in v
        .get("components")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(p) = c.get("purl").and_then(Value::as_str) {
            out.push(p.to_string());
        }
        collect_cdx(c, depth + 1, out);
    }
}
