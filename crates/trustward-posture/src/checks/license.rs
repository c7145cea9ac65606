//! LICENSE: present in the root (`LICENSE`, `LICENCE`, `COPYING`, any extension or
//! suffix, or a `LICENSES/` directory) and recognisable as an SPDX licence, from its
//! text, an `SPDX-License-Identifier:` line, a REUSE-style file name, or the licence
//! declared in a manifest (`Cargo.toml`, `package.json`, `pyproject.toml`).

use super::Check;
use crate::parse::{license_id, spdx};
use crate::repo::{Repo, stem};
use trustward_core::{
    AnalyzerOutput, Confidence, Finding, Level, Location, Practice, Rule, Severity,
};

/// No licence file.
pub static MISSING: Rule = Rule {
    id: "posture/license-missing",
    title: "No LICENSE file",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Basic,
    controls: &["OSPS-LE-03.01", "OSPS-LE-02.01"],
    description: "The repository root has no licence file: no `LICENSE`, `LICENCE` or \
        `COPYING` (any case, any extension or suffix such as `LICENSE-MIT`), and no \
        `LICENSE/` or `LICENSES/` directory.",
    why: "Without a licence nobody may legally use, modify or redistribute the code, and \
        downstream users cannot check that it is open source. Licence compliance tools and \
        package registries read the file, not the README.",
    fix: "Add a LICENSE file in the repository root with the full, unmodified text of an \
        OSI-approved licence.",
    fix_details: "Pick a licence (https://choosealicense.com), then write its full text to \
        `LICENSE` in the root, with your copyright line filled in, e.g. for MIT:\n\n\
```text\nMIT License\n\nCopyright (c) 2026 Example Maintainers\n\nPermission is hereby \
granted, free of charge, to any person obtaining a copy\nof this software ...\n```\n\n\
Also declare it in your manifest (`license = \"MIT\"` in Cargo.toml, `\"license\": \"MIT\"` \
in package.json) so tools agree on one SPDX id. Dual licences are usually one file each \
(`LICENSE-MIT`, `LICENSE-APACHE`).",
    references: &[
        "https://baseline.openssf.org/versions/2026-02-19#osps-le-03",
        "https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/licensing-a-repository",
        "https://reuse.software/spec/",
    ],
};

/// A licence file whose licence cannot be identified.
pub static UNRECOGNIZED: Rule = Rule {
    id: "posture/license-unrecognized",
    title: "LICENSE file is not a recognisable licence",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Basic,
    controls: &["OSPS-LE-02.01", "OSPS-LE-03.01"],
    description: "A licence file exists, but its licence could not be identified: its full \
        text matches no licence of the SPDX License List closely enough (the licences \
        engine's similarity score is under 0.75), it has no `SPDX-License-Identifier:` line, \
        and no manifest declares a valid SPDX expression.",
    why: "A licence that tools and people cannot identify is a legal risk for every user: \
        custom or edited licence texts are often not open source at all, and automated \
        compliance checks fail on them.",
    fix: "Use the unmodified text of a standard licence, or add an \
        `SPDX-License-Identifier:` line and declare the SPDX id in your manifest.",
    fix_details: "Bad (`LICENSE`):\n\n```text\nYou may use this for anything nice.\n```\n\n\
Good: the full standard text, e.g. `Apache License, Version 2.0, January 2004 ...`, \
optionally preceded by\n\n```text\nSPDX-License-Identifier: Apache-2.0\n```\n\nand the \
same id in the manifest (`license = \"Apache-2.0\"`).",
    references: &[
        "https://spdx.org/licenses/",
        "https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/",
        "https://baseline.openssf.org/versions/2026-02-19#osps-le-02",
    ],
};

/// The check.
pub static CHECK: Check = Check {
    name: "license",
    rules: &[&MISSING, &UNRECOGNIZED],
    run,
};

pub(crate) fn is_license_name(n: &str) -> bool {
    let s = stem(n);
    ["license", "licence", "copying", "unlicense"]
        .iter()
        .any(|p| s == *p || (s.starts_with(p) && s[p.len()..].starts_with(['-', '_'])))
}

/// How a licence file was identified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identified {
    /// The file.
    pub path: String,
    /// SPDX id or expression.
    pub id: String,
    /// `text`, `spdx-line`, `file-name`.
    pub how: &'static str,
}

fn run(repo: &Repo<'_>, out: &mut AnalyzerOutput) {
    let mut files: Vec<String> = repo
        .in_dir("", is_license_name)
        .into_iter()
        .map(|e| e.rel.clone())
        .collect();
    let mut dir_files: Vec<String> = Vec::new();
    for dir in ["LICENSES", "LICENSE", "licenses", "license"] {
        dir_files.extend(repo.under(dir).into_iter().map(|e| e.rel.clone()));
    }
    let declared = declared_licenses(repo, out);
    if files.is_empty() && dir_files.is_empty() {
        let mut msg =
            "No licence file: add LICENSE (or LICENCE/COPYING) to the repository root".to_string();
        if let Some((manifest, expr)) = declared.first() {
            msg.push_str(&format!(
                " ({manifest} declares `{expr}`; put its full text there)"
            ));
        }
        let mut f = Finding::new(&MISSING, msg, repo.anchor()).with_key("LICENSE");
        if let Some((manifest, expr)) = declared.first() {
            f = f
                .with_data("declared_license", expr.clone())
                .with_data("declared_in", manifest.clone());
        }
        out.findings.push(f);
        return;
    }
    let mut identified: Vec<Identified> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    // REUSE: LICENSES/<SPDX-ID>.txt names the licence.
    for rel in &dir_files {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        let id = name.strip_suffix(".txt").unwrap_or(name);
        if let Some(id) = spdx::canonical_id(id) {
            identified.push(Identified {
                path: rel.clone(),
                id: id.to_string(),
                how: "file-name",
            });
        } else {
            files.push(rel.clone());
        }
    }
    for rel in &files {
        let Some(text) = repo.read_text(rel, out) else {
            continue;
        };
        match identify_file(&text, &declared) {
            Some((id, how)) => identified.push(Identified {
                path: rel.clone(),
                id,
                how,
            }),
            None => unknown.push(rel.clone()),
        }
    }
    if !identified.is_empty() {
        return;
    }
    if !declared.is_empty() {
        // A manifest names a valid SPDX expression: the licence is known.
        return;
    }
    for rel in unknown {
        out.findings.push(
            Finding::new(
                &UNRECOGNIZED,
                format!(
                    "{rel} does not match any licence trustward recognises and carries no \
                     SPDX-License-Identifier; no manifest declares a licence either"
                ),
                Location::file(&rel),
            )
            .with_key(rel.clone()),
        );
    }
}

/// Identifies one licence file's text, refining a GNU `-or-later` guess with a declared
/// id of the same family.
pub fn identify_file(text: &str, declared: &[(String, String)]) -> Option<(String, &'static str)> {
    if let Some((_, value)) = spdx::identifier_line(text)
        && let Ok(expr) = spdx::validate_expression(&value)
    {
        return Some((expr, "spdx-line"));
    }
    let id = license_id::identify(text)?;
    let refined = declared
        .iter()
        .flat_map(|(_, e)| e.split([' ', '(', ')']))
        .find(|d| *d != id && license_id::family(d) == license_id::family(&id) && d.len() > 1)
        .map(str::to_string);
    Some((refined.unwrap_or(id), "text"))
}

/// Licences declared by root manifests, as `(manifest, canonical expression)`; invalid
/// expressions are not evidence.
pub fn declared_licenses(repo: &Repo<'_>, out: &mut AnalyzerOutput) -> Vec<(String, String)> {
    let mut found = Vec::new();
    if repo.files.exists("Cargo.toml")
        && let Some(v) = repo.read_toml("Cargo.toml", out)
    {
        let package = v.get("package");
        let workspace = v.get("workspace").and_then(|w| w.get("package"));
        for t in [package, workspace] {
            if let Some(s) = t.and_then(|p| p.get("license")).and_then(|l| l.as_str()) {
                found.push(("Cargo.toml".to_string(), s.to_string()));
            }
        }
    }
    if repo.files.exists("package.json")
        && let Some(v) = repo.read_json("package.json", out)
    {
        let l = v.get("license");
        let s = l
            .and_then(|l| l.as_str())
            .or_else(|| l.and_then(|l| l.get("type")).and_then(|t| t.as_str()));
        if let Some(s) = s {
            found.push(("package.json".to_string(), s.to_string()));
        }
    }
    if repo.files.exists("pyproject.toml")
        && let Some(v) = repo.read_toml("pyproject.toml", out)
    {
        let project = v.get("project").and_then(|p| p.get("license"));
        let s = project
            .and_then(|l| l.as_str())
            .or_else(|| project.and_then(|l| l.get("text")).and_then(|t| t.as_str()))
            .or_else(|| {
                v.get("tool")
                    .and_then(|t| t.get("poetry"))
                    .and_then(|p| p.get("license"))
                    .and_then(|l| l.as_str())
            });
        if let Some(s) = s {
            found.push(("pyproject.toml".to_string(), s.to_string()));
        }
    }
    found
        .into_iter()
        .filter_map(|(m, e)| spdx::validate_expression(&e).ok().map(|e| (m, e)))
        .collect()
}

/// Licences identified in the repository, for verbose output.
pub fn describe(repo: &Repo<'_>) -> Vec<String> {
    let mut scratch = AnalyzerOutput::default();
    let declared = declared_licenses(repo, &mut scratch);
    let mut out = Vec::new();
    for e in repo.in_dir("", is_license_name) {
        if let Some(text) = repo.read_text(&e.rel, &mut scratch)
            && let Some((id, how)) = identify_file(&text, &declared)
        {
            out.push(format!("{} is {id} (from its {how})", e.rel));
        }
    }
    for (m, e) in declared {
        out.push(format!("{m} declares {e}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for n in [
            "license",
            "license.md",
            "licence.txt",
            "copying",
            "copying.lesser",
            "license-mit",
            "license_apache",
            "unlicense",
        ] {
            assert!(is_license_name(n), "{n}");
        }
        for n in ["licenses.rs", "licensed.md", "readme.md", "copyright"] {
            assert!(!is_license_name(n), "{n}");
        }
    }

    #[test]
    fn refines_gnu_family_from_declared() {
        // The full GPL-3.0 text is the same for -only and -or-later: the declaration decides.
        let gpl = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/spdx/text/GPL-3.0-only.txt"
        ))
        .unwrap();
        let declared = vec![("Cargo.toml".to_string(), "GPL-3.0-only".to_string())];
        assert_eq!(
            identify_file(&gpl, &declared),
            Some(("GPL-3.0-only".to_string(), "text"))
        );
        let (id, how) = identify_file(&gpl, &[]).unwrap();
        assert_eq!(license_id::family(&id), "GPL-3.0");
        assert_eq!(how, "text");
        // A two-line header is not a licence text.
        assert_eq!(
            identify_file("GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n", &[]),
            None
        );
        assert_eq!(
            identify_file("SPDX-License-Identifier: mit\nwhatever", &[]),
            Some(("MIT".to_string(), "spdx-line"))
        );
    }
}
