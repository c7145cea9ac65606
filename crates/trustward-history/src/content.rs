//! Checked-in binaries and key/credential-shaped files in the tree at HEAD, recognised by
//! their content (magic numbers, private-key armor, auth lines), not only their names.

use crate::contributors::path_matches;
use crate::repo::Repo;
use crate::settings::Settings;
use trustward_core::maturity::{Check, Evidence};
use trustward_core::{
    AnalyzerOutput, Confidence, Finding, Level, Location, Practice, Rule, ScanError, Severity,
};

/// Blobs larger than this are not inflated (reported as not inspected).
pub const MAX_BLOB: u64 = 64 * 1024 * 1024;

/// A compiled artifact in the tree.
pub static CHECKED_IN_BINARY: Rule = Rule {
    id: "history/checked-in-binary",
    title: "A compiled executable or artifact is checked in",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Basic,
    controls: &["OSPS-QA-05.01"],
    description: "A file in the tree at HEAD is, by its content, an executable or compiled \
        artifact: ELF, PE (Windows), Mach-O (thin or universal), Java class, Python bytecode \
        (`.pyc`/`.pyo` with the bytecode header), WebAssembly, or a zip/jar holding `.class` \
        files. Paths in `[history] allow_paths` are not reported.",
    why: "A binary cannot be reviewed: it can hold anything, and it is built from sources \
        nobody can check against it. Backdoors have been hidden in checked-in test binaries.",
    fix: "Remove the binary and build it from source in CI, or list its path in \
        `[history] allow_paths` with the reason it must be there.",
    fix_details: "",
    references: &["https://baseline.openssf.org/versions/2026-02-19#osps-qa-05"],
};

/// A private key or credentials file in the tree.
pub static CHECKED_IN_CREDENTIALS: Rule = Rule {
    id: "history/checked-in-credentials-file",
    title: "A private key or credentials file is checked in",
    severity: Severity::High,
    confidence: Confidence::High,
    practice: Practice::SoftwareSupplyChain,
    level: Level::Basic,
    controls: &["OSPS-BR-07.01"],
    description: "A file in the tree at HEAD is shaped like a credential: a `*.pem`, `*.key` \
        or `id_rsa`/`id_dsa`/`id_ecdsa`/`id_ed25519` file holding a `PRIVATE KEY` block (any \
        private key armor in any file is reported too), a `.env` file (not `.env.example`, \
        `.sample`, `.template`, `.dist`) with a `NAME=value` line, an `.npmrc` with \
        `_authToken`, `_auth` or `_password`, or a `.pypirc` with a `password`. The content \
        is never printed.",
    why: "Anything in the repository is public to everyone who can clone it, forever, in \
        every clone and fork.",
    fix: "Remove the file, rotate the credential, and keep the file out with .gitignore; \
        list deliberate test keys in `[history] allow_paths`.",
    fix_details: "",
    references: &["https://baseline.openssf.org/versions/2026-02-19#osps-br-07"],
};

/// Rules of this module.
pub const RULES: &[&Rule] = &[&CHECKED_IN_BINARY, &CHECKED_IN_CREDENTIALS];

/// No binaries in the tree.
pub static CHECK_NO_BINARIES: Check = Check {
    id: "history/no-checked-in-binaries",
    title: "No compiled executables or artifacts are checked in (outside allowed paths)",
    practice: Practice::SoftwareSupplyChain,
    level: Level::Basic,
    controls: &["OSPS-QA-05.01"],
    how: "Reads every blob of the tree at HEAD from the object store and recognises \
        executables and compiled artifacts by their magic numbers: met when none is found \
        outside `[history] allow_paths` and every blob could be read.",
    why_level: "OSPS Baseline asks every project, from its first level, to keep generated \
        executables out of version control.",
};

/// No credentials in the tree.
pub static CHECK_NO_CREDENTIALS: Check = Check {
    id: "history/no-checked-in-credentials",
    title: "No private keys or credentials files are checked in (outside allowed paths)",
    practice: Practice::SoftwareSupplyChain,
    level: Level::Basic,
    controls: &["OSPS-BR-07.01"],
    how: "Reads every blob of the tree at HEAD: met when no private-key block and no \
        `.env`/`.npmrc`/`.pypirc` with credentials is found outside `[history] allow_paths`.",
    why_level: "Keeping secrets out of version control is asked of every project.",
};

/// Checks of this module.
pub const CHECKS: &[&Check] = &[&CHECK_NO_BINARIES, &CHECK_NO_CREDENTIALS];

/// What a blob's bytes are, if they are a compiled artifact.
pub fn binary_kind(path: &str, data: &[u8]) -> Option<&'static str> {
    let lower = path.to_ascii_lowercase();
    let at = |i: usize, m: &[u8]| data.get(i..i + m.len()) == Some(m);
    if at(0, b"\x7fELF") {
        return Some("ELF executable or library");
    }
    if at(0, b"MZ") && data.len() >= 0x40 {
        let off = u32::from_le_bytes([data[0x3c], data[0x3d], data[0x3e], data[0x3f]]) as usize;
        if at(off, b"PE\0\0") {
            return Some("PE (Windows) executable or library");
        }
    }
    for m in [
        b"\xfe\xed\xfa\xce",
        b"\xfe\xed\xfa\xcf",
        b"\xce\xfa\xed\xfe",
        b"\xcf\xfa\xed\xfe",
    ] {
        if at(0, m) {
            return Some("Mach-O executable or library");
        }
    }
    if at(0, b"\xca\xfe\xba\xbe") && data.len() >= 8 {
        let n = u32::from_be_bytes([data[4], data[5], data[6], data[7]]);
        // A universal binary counts its architectures (a handful); a class file holds
        // minor and major versions (major 45 and up).
        return Some(if n < 45 {
            "Mach-O universal binary"
        } else {
            "Java class file"
        });
    }
    if at(0, b"\0asm") && data.len() >= 8 {
        return Some("WebAssembly module");
    }
    if (lower.ends_with(".pyc") || lower.ends_with(".pyo")) && at(2, b"\r\n") {
        return Some("Python bytecode");
    }
    if at(0, b"PK\x03\x04") && zip_has_classes(data) {
        return Some("jar/zip archive with Java classes");
    }
    None
}

/// Whether a zip's central directory names a `.class` file.
fn zip_has_classes(data: &[u8]) -> bool {
    let mut i = 0;
    while i + 46 <= data.len() {
        if &data[i..i + 4] == b"PK\x01\x02" {
            let n = u16::from_le_bytes([data[i + 28], data[i + 29]]) as usize;
            if let Some(name) = data.get(i + 46..i + 46 + n)
                && name.ends_with(b".class")
            {
                return true;
            }
            i += 46;
        } else {
            i += 1;
        }
    }
    false
}

/// Whether a blob is a credential by its name and content; returns what it is.
pub fn credential_kind(path: &str, data: &[u8]) -> Option<&'static str> {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let text = String::from_utf8_lossy(&data[..data.len().min(1024 * 1024)]);
    let private_key = text.lines().any(|l| {
        let l = l.trim();
        l.starts_with("-----BEGIN ") && l.ends_with("PRIVATE KEY-----")
    });
    if private_key {
        return Some("private key");
    }
    let is_env = name == ".env"
        || (name.starts_with(".env.")
            && ![".example", ".sample", ".template", ".dist", ".defaults"]
                .iter()
                .any(|s| name.ends_with(s)));
    let assignment = |l: &str| {
        let l = l.trim().trim_start_matches("export ").trim();
        match l.split_once('=') {
            Some((k, v)) => {
                !k.is_empty()
                    && !k.starts_with('#')
                    && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                    && !v.trim().trim_matches(['"', '\'']).is_empty()
            }
            None => false,
        }
    };
    if is_env && text.lines().any(assignment) {
        return Some(".env file with values");
    }
    if name == ".npmrc"
        && text.lines().any(|l| {
            let l = l.trim();
            !l.starts_with('#')
                && !l.starts_with(';')
                && ["_authtoken", "_auth", "_password"].iter().any(|k| {
                    l.to_ascii_lowercase()
                        .split_once('=')
                        .is_some_and(|(key, v)| {
                            key.trim().ends_with(k)
                                && !v.trim().is_empty()
                                && !v.trim().starts_with("${")
                        })
                })
        })
    {
        return Some(".npmrc with an auth token");
    }
    if name == ".pypirc"
        && text.lines().any(|l| {
            let l = l.trim().to_ascii_lowercase();
            l.split_once(['=', ':'])
                .is_some_and(|(k, v)| k.trim() == "password" && !v.trim().is_empty())
        })
    {
        return Some(".pypirc with a password");
    }
    None
}

/// Checks every blob of the tree at HEAD.
pub fn run(repo: &Repo, head_tree: gix::ObjectId, settings: &Settings, out: &mut AnalyzerOutput) {
    let mut tree_errors = Vec::new();
    let files = repo.tree_files(head_tree, &mut tree_errors);
    let mut incomplete = !tree_errors.is_empty();
    out.errors.extend(
        tree_errors
            .into_iter()
            .map(|(p, e)| ScanError::new(p, format!("{e}; not inspected"))),
    );
    let (mut binaries, mut credentials) = (0usize, 0usize);
    let mut buf = Vec::new();
    for (path, id, _exec) in files {
        if settings.allow_paths.iter().any(|p| path_matches(p, &path)) {
            continue;
        }
        if repo.size(&id).is_some_and(|s| s > MAX_BLOB) {
            incomplete = true;
            out.errors.push(ScanError::new(
                path,
                format!("blob {id} is larger than 64 MiB; not inspected for binaries or keys"),
            ));
            continue;
        }
        use gix::objs::Find;
        let data = match repo.repo.objects.try_find(&id, &mut buf) {
            Ok(Some(d)) => d.data,
            Ok(None) => {
                incomplete = true;
                out.errors.push(ScanError::new(
                    path,
                    format!("blob {id} is missing from the object store; not inspected"),
                ));
                continue;
            }
            Err(e) => {
                incomplete = true;
                out.errors.push(ScanError::new(
                    path,
                    format!("blob {id} cannot be read ({e}); not inspected"),
                ));
                continue;
            }
        };
        if let Some(kind) = binary_kind(&path, data) {
            binaries += 1;
            out.findings.push(
                Finding::new(
                    &CHECKED_IN_BINARY,
                    format!("{path} is a checked-in {kind}"),
                    Location::file(path.clone()),
                )
                .with_key(id.to_string())
                .with_data("kind", kind),
            );
        }
        if let Some(kind) = credential_kind(&path, data) {
            credentials += 1;
            out.findings.push(
                Finding::new(
                    &CHECKED_IN_CREDENTIALS,
                    format!("{path} is a checked-in {kind}"),
                    Location::file(path.clone()),
                )
                .with_key(id.to_string())
                .with_data("kind", kind),
            );
        }
    }
    let ev = |check: &Check, n: usize, what: &str| {
        if n > 0 {
            Evidence::not_met(check, format!("{n} {what} in the tree at HEAD"))
        } else if incomplete {
            Evidence::not_evaluated(check, "some blobs of the tree at HEAD could not be read")
        } else {
            Evidence::met(check, format!("no {what} in the tree at HEAD"))
        }
    };
    out.evidence
        .push(ev(&CHECK_NO_BINARIES, binaries, "checked-in binaries"));
    out.evidence.push(ev(
        &CHECK_NO_CREDENTIALS,
        credentials,
        "private keys or credentials files",
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_numbers() {
        assert!(binary_kind("x", b"\x7fELF\x02\x01\x01").is_some());
        let mut pe = vec![0u8; 0x80];
        pe[0..2].copy_from_slice(b"MZ");
        pe[0x3c] = 0x40;
        pe[0x40..0x44].copy_from_slice(b"PE\0\0");
        assert!(binary_kind("a.exe", &pe).unwrap().starts_with("PE"));
        assert!(binary_kind("readme", b"MZ is a nice name").is_none());
        assert_eq!(
            binary_kind("A.class", b"\xca\xfe\xba\xbe\x00\x00\x00\x41"),
            Some("Java class file")
        );
        assert_eq!(
            binary_kind("app", b"\xca\xfe\xba\xbe\x00\x00\x00\x02"),
            Some("Mach-O universal binary")
        );
        assert!(binary_kind("m.wasm", b"\0asm\x01\0\0\0").is_some());
        assert!(binary_kind("m.pyc", b"\x6f\x0d\r\n\0\0\0\0").is_some());
        assert!(binary_kind("m.txt", b"\x6f\x0d\r\n\0\0\0\0").is_none());
        assert!(binary_kind("src/main.rs", b"fn main() {}").is_none());
    }

    #[test]
    fn credentials() {
        assert!(credential_kind("k.pem", b"-----BEGIN RSA PRIVATE KEY-----\nx\n").is_some());
        assert!(credential_kind("cert.pem", b"-----BEGIN CERTIFICATE-----\nx\n").is_none());
        assert!(credential_kind(".env", b"# c\nAPI_KEY=abc\n").is_some());
        assert!(credential_kind(".env", b"API_KEY=\n").is_none());
        assert!(credential_kind(".env.example", b"API_KEY=abc\n").is_none());
        assert!(credential_kind(".npmrc", b"//registry.npmjs.org/:_authToken=npm_abc\n").is_some());
        assert!(
            credential_kind(".npmrc", b"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n").is_none()
        );
        assert!(
            credential_kind(
                ".pypirc",
                b"[pypi]\nusername = __token__\npassword = pypi-x\n"
            )
            .is_some()
        );
        assert!(credential_kind(".pypirc", b"[pypi]\nusername = __token__\n").is_none());
    }
}
