//! Reading archives in memory (`.zip`, `.jar`, `.whl`, `.tar`, `.tar.gz`, `.tgz`,
//! `.crate`) with limits on nesting depth, entry count and expanded size, so a zip bomb is
//! reported rather than followed.

use std::io::Read;

/// Limits for one top-level archive, nested archives included.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Archives nested deeper than this are not opened.
    pub max_depth: u32,
    /// Entries read in total.
    pub max_entries: u64,
    /// Bytes expanded in total.
    pub max_size: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 3,
            max_entries: 10_000,
            max_size: 256 * 1024 * 1024,
        }
    }
}

/// What is left of the limits while walking one archive tree.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Entries still allowed.
    pub entries: u64,
    /// Bytes still allowed.
    pub bytes: u64,
}

impl Budget {
    /// A fresh budget.
    pub fn new(l: &Limits) -> Self {
        Budget {
            entries: l.max_entries,
            bytes: l.max_size,
        }
    }
}

/// The container formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// ZIP (also `.jar`, `.whl`).
    Zip,
    /// Plain tar.
    Tar,
    /// Gzip-compressed tar (also `.tgz`, `.crate`).
    TarGz,
}

/// The archive kind a file name says, if any.
pub fn kind_of(name: &str) -> Option<Kind> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".zip") || lower.ends_with(".jar") || lower.ends_with(".whl") {
        Some(Kind::Zip)
    } else if lower.ends_with(".tar.gz") || lower.ends_with(".tgz") || lower.ends_with(".crate") {
        Some(Kind::TarGz)
    } else if lower.ends_with(".tar") {
        Some(Kind::Tar)
    } else {
        None
    }
}

/// Why an archive could not be read (fully).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ArchiveError {
    /// The container is malformed.
    #[error("not a readable {kind} archive: {reason}")]
    Corrupt {
        /// Format name.
        kind: &'static str,
        /// Decoder message.
        reason: String,
    },
    /// The entry-count limit was reached.
    #[error(
        "more than {limit} entries: the rest was not scanned (raise [secrets] archive_max_entries)"
    )]
    TooManyEntries {
        /// The limit.
        limit: u64,
    },
    /// The expanded-size limit was reached: likely a decompression bomb.
    #[error(
        "expands to more than {limit} bytes (possible zip bomb): the rest was not expanded (raise [secrets] archive_max_size)"
    )]
    TooLarge {
        /// The limit.
        limit: u64,
    },
}

/// Calls `visit(entry_path, bytes)` for every regular-file entry, within `budget`.
/// Stops with an error at the first limit reached or malformed structure; entries
/// visited before that stay visited.
pub fn walk(
    kind: Kind,
    data: &[u8],
    budget: &mut Budget,
    visit: &mut dyn FnMut(&str, &[u8]),
) -> Result<(), ArchiveError> {
    match kind {
        Kind::Zip => walk_zip(data, budget, visit),
        Kind::Tar => walk_tar(data, budget, visit),
        Kind::TarGz => {
            let gz = flate2::read::GzDecoder::new(data);
            walk_tar_reader(gz, budget, visit)
        }
    }
}

fn take_entry(budget: &mut Budget) -> Result<(), ArchiveError> {
    if budget.entries == 0 {
        return Err(ArchiveError::TooManyEntries { limit: 0 });
    }
    budget.entries -= 1;
    Ok(())
}

/// Reads at most the remaining byte budget from `r`.
fn read_limited(
    r: &mut dyn Read,
    budget: &mut Budget,
    kind: &'static str,
) -> Result<Vec<u8>, ArchiveError> {
    let mut buf = Vec::new();
    let cap = budget.bytes;
    r.take(cap.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| ArchiveError::Corrupt {
            kind,
            reason: e.to_string(),
        })?;
    if buf.len() as u64 > cap {
        return Err(ArchiveError::TooLarge { limit: cap });
    }
    budget.bytes -= buf.len() as u64;
    Ok(buf)
}

fn walk_zip(
    data: &[u8],
    budget: &mut Budget,
    visit: &mut dyn FnMut(&str, &[u8]),
) -> Result<(), ArchiveError> {
    let corrupt = |e: zip::result::ZipError| ArchiveError::Corrupt {
        kind: "zip",
        reason: e.to_string(),
    };
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(data)).map_err(corrupt)?;
    let total_entries = budget.entries;
    for i in 0..z.len() {
        take_entry(budget).map_err(|_| ArchiveError::TooManyEntries {
            limit: total_entries,
        })?;
        let mut f = z.by_index(i).map_err(corrupt)?;
        if !f.is_file() {
            continue;
        }
        // The declared size is only a hint (it can lie); reading stays capped anyway.
        if f.size() > budget.bytes {
            return Err(ArchiveError::TooLarge {
                limit: budget.bytes,
            });
        }
        let name = f.name().to_string();
        let bytes = read_limited(&mut f, budget, "zip")?;
        visit(&name, &bytes);
    }
    Ok(())
}

fn walk_tar(
    data: &[u8],
    budget: &mut Budget,
    visit: &mut dyn FnMut(&str, &[u8]),
) -> Result<(), ArchiveError> {
    walk_tar_reader(data, budget, visit)
}

fn walk_tar_reader<R: Read>(
    r: R,
    budget: &mut Budget,
    visit: &mut dyn FnMut(&str, &[u8]),
) -> Result<(), ArchiveError> {
    let corrupt = |e: std::io::Error| ArchiveError::Corrupt {
        kind: "tar",
        reason: e.to_string(),
    };
    let total_entries = budget.entries;
    let mut a = tar::Archive::new(r);
    for entry in a.entries().map_err(corrupt)? {
        let mut e = entry.map_err(corrupt)?;
        take_entry(budget).map_err(|_| ArchiveError::TooManyEntries {
            limit: total_entries,
        })?;
        if !e.header().entry_type().is_file() {
            continue;
        }
        let name = e
            .path()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_else(|_| "?".into());
        let bytes = read_limited(&mut e, budget, "tar")?;
        visit(&name, &bytes);
    }
    Ok(())
}

/// The fuzz target body: walks arbitrary bytes as every archive kind, with small limits.
/// Must never panic.
pub fn fuzz_archive(data: &[u8]) {
    let limits = Limits {
        max_depth: 2,
        max_entries: 64,
        max_size: 1 << 20,
    };
    for kind in [Kind::Zip, Kind::Tar, Kind::TarGz] {
        let mut budget = Budget::new(&limits);
        let _ = walk(kind, data, &mut budget, &mut |_, _| {});
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    pub(crate) fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (n, d) in files {
            w.start_file(*n, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(d).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn kinds() {
        assert_eq!(kind_of("a/b.JAR"), Some(Kind::Zip));
        assert_eq!(kind_of("x.crate"), Some(Kind::TarGz));
        assert_eq!(kind_of("x.tar"), Some(Kind::Tar));
        assert_eq!(kind_of("x.gz"), None);
    }

    #[test]
    fn zip_entries_and_limits() {
        let z = zip_of(&[("a.txt", b"hello"), ("b/c.txt", b"world")]);
        let mut seen = vec![];
        let mut b = Budget::new(&Limits::default());
        walk(Kind::Zip, &z, &mut b, &mut |n, d| {
            seen.push((n.to_string(), d.to_vec()))
        })
        .unwrap();
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[1], ("b/c.txt".to_string(), b"world".to_vec()));
        let mut small = Budget {
            entries: 1,
            bytes: 100,
        };
        assert_eq!(
            walk(Kind::Zip, &z, &mut small, &mut |_, _| {}),
            Err(ArchiveError::TooManyEntries { limit: 1 })
        );
        let big = zip_of(&[("big.txt", &vec![b'a'; 10_000])]);
        let mut tiny = Budget {
            entries: 10,
            bytes: 1000,
        };
        assert!(matches!(
            walk(Kind::Zip, &big, &mut tiny, &mut |_, _| {}),
            Err(ArchiveError::TooLarge { .. })
        ));
        assert!(matches!(
            walk(
                Kind::Zip,
                b"not a zip",
                &mut Budget::new(&Limits::default()),
                &mut |_, _| {}
            ),
            Err(ArchiveError::Corrupt { .. })
        ));
    }

    #[test]
    fn fuzz_body_survives_garbage() {
        let z = zip_of(&[("a.txt", b"hello")]);
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..300 {
            let mut d = z.clone();
            for _ in 0..4 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let i = (state as usize) % d.len();
                d[i] = (state >> 32) as u8;
            }
            fuzz_archive(&d);
        }
        fuzz_archive(b"");
    }
}
