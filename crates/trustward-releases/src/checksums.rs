//! `SHA256SUMS`-style checksum manifests, compatible with GNU `sha256sum -c` /
//! `sha512sum -c`: one `HEX  NAME` line per file (`HEX *NAME` for binary mode is read
//! too, as is the BSD `SHA256 (NAME) = HEX` form). Names containing a backslash or a
//! newline are escaped as GNU coreutils does: the line starts with `\`, and `\\` / `\n`
//! stand for the characters.

use crate::{Error, Result, read_small_text};
use sha2::Digest;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Largest manifest read (bytes).
pub const MAX_MANIFEST: u64 = 16 * 1024 * 1024;

/// A checksum algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algo {
    /// SHA-256 (`SHA256SUMS`).
    Sha256,
    /// SHA-512 (`SHA512SUMS`).
    Sha512,
}

impl Algo {
    /// The conventional manifest file name.
    pub fn manifest_name(self) -> &'static str {
        match self {
            Algo::Sha256 => "SHA256SUMS",
            Algo::Sha512 => "SHA512SUMS",
        }
    }
    /// Hex digits of a digest.
    pub fn hex_len(self) -> usize {
        match self {
            Algo::Sha256 => 64,
            Algo::Sha512 => 128,
        }
    }
}

/// Hashes a file, streaming (1 MiB reads).
pub fn hash_file(path: &Path, algo: Algo) -> Result<String> {
    let shown = path.display().to_string();
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(&shown, &e))?;
    let mut buf = vec![0u8; 1 << 20];
    let mut h256 = sha2::Sha256::new();
    let mut h512 = sha2::Sha512::new();
    loop {
        let n = match f.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io(&shown, &e)),
        };
        match algo {
            Algo::Sha256 => h256.update(&buf[..n]),
            Algo::Sha512 => h512.update(&buf[..n]),
        }
    }
    Ok(match algo {
        Algo::Sha256 => hex(&h256.finalize()),
        Algo::Sha512 => hex(&h512.finalize()),
    })
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// The files to list for `inputs`: files as given, directories walked (sorted, not
/// following symbolic links). `skip` names files never listed (the manifest and its
/// signature). A symbolic link or special file is an error: it is not silently skipped.
pub fn collect(inputs: &[PathBuf], skip: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let skip: Vec<PathBuf> = skip
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
        .collect();
    let mut out = Vec::new();
    for input in inputs {
        walk(input, &skip, &mut out, true)?;
    }
    Ok(out)
}

fn walk(path: &Path, skip: &[PathBuf], out: &mut Vec<PathBuf>, top: bool) -> Result<()> {
    let shown = path.display().to_string();
    let meta = if top {
        std::fs::metadata(path)
    } else {
        std::fs::symlink_metadata(path)
    }
    .map_err(|e| Error::io(&shown, &e))?;
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| Error::io(&shown, &e))?
            .map(|e| e.map(|e| e.path()))
            .collect::<std::io::Result<_>>()
            .map_err(|e| Error::io(&shown, &e))?;
        entries.sort();
        for e in entries {
            walk(&e, skip, out, false)?;
        }
    } else if meta.is_file() {
        let canon = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !skip.contains(&canon) {
            out.push(path.to_path_buf());
        }
    } else {
        return Err(Error::malformed(
            shown,
            "a symbolic link or special file inside a directory: list it explicitly or remove it",
        ));
    }
    Ok(())
}

/// One manifest line for `name` (escaped as GNU coreutils does when needed).
pub fn format_line(hex: &str, name: &str) -> String {
    if name.contains('\\') || name.contains('\n') || name.contains('\r') {
        let esc = name
            .replace('\\', "\\\\")
            .replace('\n', "\\n")
            .replace('\r', "\\r");
        format!("\\{hex}  {esc}\n")
    } else {
        format!("{hex}  {name}\n")
    }
}

/// One entry of a manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// 1-based line number.
    pub line: usize,
    /// The algorithm (from the digest's length or the BSD tag).
    pub algo: Algo,
    /// Lower-case hex digest.
    pub hex: String,
    /// The file name as written (unescaped).
    pub name: String,
}

fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next()? {
                '\\' => out.push('\\'),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                _ => return None,
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

fn algo_of_hex(hex: &str) -> Option<Algo> {
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        64 => Some(Algo::Sha256),
        128 => Some(Algo::Sha512),
        _ => None,
    }
}

/// Parses a manifest; every malformed line is an error naming `origin:line`.
pub fn parse(text: &str, origin: &str) -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let bad = |why: &str| Error::malformed(format!("{origin}:{line}"), why.to_string());
        let (escaped, body) = match raw.strip_prefix('\\') {
            Some(rest) => (true, rest),
            None => (false, raw),
        };
        let (algo, hex, name) = if let Some(rest) = body
            .strip_prefix("SHA256 (")
            .map(|r| (Algo::Sha256, r))
            .or_else(|| body.strip_prefix("SHA512 (").map(|r| (Algo::Sha512, r)))
        {
            let (tag_algo, rest) = rest;
            let Some((name, hex)) = rest.rsplit_once(") = ") else {
                return Err(bad(
                    "malformed BSD-style line: expected `SHA256 (NAME) = HEX`",
                ));
            };
            if algo_of_hex(hex) != Some(tag_algo) {
                return Err(bad(
                    "the digest does not have the length of the named algorithm",
                ));
            }
            (tag_algo, hex, name)
        } else {
            let Some((hex, rest)) = body.split_once(' ') else {
                return Err(bad("expected `HEX  NAME`"));
            };
            let name = rest
                .strip_prefix(' ')
                .or_else(|| rest.strip_prefix('*'))
                .ok_or_else(|| bad("expected two spaces (or ` *`) between digest and name"))?;
            let Some(algo) = algo_of_hex(hex) else {
                return Err(bad(
                    "the digest is not 64 (SHA-256) or 128 (SHA-512) hexadecimal digits",
                ));
            };
            (algo, hex, name)
        };
        let name = if escaped {
            unescape(name).ok_or_else(|| bad("invalid backslash escape in the name"))?
        } else {
            name.to_string()
        };
        if name.is_empty() {
            return Err(bad("empty file name"));
        }
        entries.push(Entry {
            line,
            algo,
            hex: hex.to_ascii_lowercase(),
            name,
        });
    }
    if entries.is_empty() {
        return Err(Error::malformed(
            origin,
            "no checksum lines: not a checksum manifest",
        ));
    }
    Ok(entries)
}

/// Reads and parses a manifest file.
pub fn read(path: &Path) -> Result<Vec<Entry>> {
    let text = read_small_text(path, MAX_MANIFEST, "checksum manifest")?;
    parse(&text, &path.display().to_string())
}

/// Checks one entry; names are resolved against `base` (the manifest's directory).
/// Absolute names and names with `..` are refused, not read.
pub fn check_entry(base: &Path, entry: &Entry) -> Result<()> {
    let rel = Path::new(&entry.name);
    if rel.is_absolute()
        || rel
            .components()
            .any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)))
    {
        return Err(Error::mismatch(
            &entry.name,
            "absolute or `..` path in the manifest: not read",
        ));
    }
    let actual = hash_file(&base.join(rel), entry.algo)?;
    if actual != entry.hex {
        return Err(Error::mismatch(
            &entry.name,
            format!(
                "checksum mismatch (manifest line {}: expected {}, file has {actual})",
                entry.line, entry.hex
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_digests() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("abc");
        std::fs::write(&p, b"abc").unwrap();
        // FIPS 180-2 test vectors for "abc".
        assert_eq!(
            hash_file(&p, Algo::Sha256).unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(
            hash_file(&p, Algo::Sha512)
                .unwrap()
                .starts_with("ddaf35a193617aba")
        );
    }

    #[test]
    fn lines_round_trip_with_escapes() {
        let h = "a".repeat(64);
        for name in ["plain.tar.gz", "dir/with space", "back\\slash", "new\nline"] {
            let line = format_line(&h, name);
            let e = parse(&line, "m").unwrap();
            assert_eq!(e[0].name, name);
            assert_eq!(e[0].algo, Algo::Sha256);
        }
        let bsd = format!("SHA512 (x.whl) = {}\n", "B".repeat(128));
        let e = parse(&bsd, "m").unwrap();
        assert_eq!((e[0].algo, e[0].name.as_str()), (Algo::Sha512, "x.whl"));
        assert_eq!(e[0].hex, "b".repeat(128));
        let bin = format!("{h} *bin.exe\n");
        assert_eq!(parse(&bin, "m").unwrap()[0].name, "bin.exe");
    }

    #[test]
    fn malformed_lines_name_the_line() {
        let text = format!("{}  ok\nnot a line\n", "0".repeat(64));
        let err = parse(&text, "SUMS").unwrap_err().to_string();
        assert!(err.starts_with("SUMS:2:"), "{err}");
        assert!(parse(&format!("{} x\n", "0".repeat(64)), "S").is_err());
        assert!(parse(&format!("{}  x\n", "0".repeat(63)), "S").is_err());
        assert!(parse("", "S").is_err());
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,400}") {
            let _ = parse(&s, "m");
        }

        #[test]
        fn written_names_read_back(name in "[^\\x00]{1,40}", sha512 in any::<bool>()) {
            let algo = if sha512 { Algo::Sha512 } else { Algo::Sha256 };
            let h = "c".repeat(algo.hex_len());
            let line = format_line(&h, &name);
            // GNU tools cannot represent a name ending in whitespace-only or starting
            // with a carriage return distinctly; we only require our own round trip.
            let parsed = parse(&line, "m");
            if name.trim().is_empty() || name.ends_with('\r') {
                return Ok(());
            }
            let e = parsed.unwrap();
            prop_assert_eq!(&e[0].name, &name);
            prop_assert_eq!(e[0].algo, algo);
        }
    }
}
