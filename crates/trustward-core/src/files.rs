//! The scanned tree: one walk, shared by every analyzer, that honours `.gitignore`, never
//! leaves the root through a symlink and reads files with a size cap.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Default cap on the size of a file an analyzer reads whole (256 MiB).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// One regular file of the scanned tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    /// Path relative to the root, `/`-separated.
    pub rel: String,
    /// Size in bytes when walked.
    pub size: u64,
}

impl FileEntry {
    /// The file name (last path component).
    pub fn name(&self) -> &str {
        self.rel.rsplit('/').next().unwrap_or(&self.rel)
    }
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Larger than the cap.
    #[error("skipped: {size} bytes is over the {cap}-byte size cap")]
    TooLarge {
        /// Actual size.
        size: u64,
        /// The cap in force.
        cap: u64,
    },
    /// A symlink (never followed) or a path escaping the root.
    #[error("skipped: symbolic link or path outside the scanned root")]
    OutsideRoot,
    /// Not a regular file (a device such as `/dev/zero`, a FIFO, a directory).
    #[error("refused: {0}, not a regular file")]
    NotRegular(&'static str),
    /// An I/O error.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
}

/// The list of files under the scanned root, built lazily on first use.
#[derive(Debug)]
pub struct FileIndex {
    root: PathBuf,
    single: Option<String>,
    max_file_size: u64,
    exclude: crate::config::ScanConfig,
    entries: OnceLock<Vec<FileEntry>>,
}

impl FileIndex {
    /// An index of the directory `root`.
    pub fn new(root: &Path) -> Self {
        FileIndex {
            root: root.to_path_buf(),
            single: None,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            exclude: Default::default(),
            entries: OnceLock::new(),
        }
    }

    /// An index holding just one file (`trustward audit path/to/file`): `root` is its
    /// directory and the index lists only `file_name`.
    pub fn single_file(root: &Path, file_name: &str) -> Self {
        FileIndex {
            root: root.to_path_buf(),
            single: Some(file_name.to_string()),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            exclude: Default::default(),
            entries: OnceLock::new(),
        }
    }

    /// Sets the size cap for [`FileIndex::read`].
    pub fn with_max_file_size(mut self, cap: u64) -> Self {
        self.max_file_size = cap;
        self
    }

    /// Leaves the `[scan] exclude` paths out of the listing.
    pub fn with_exclude(mut self, scan: &crate::config::ScanConfig) -> Self {
        self.exclude = scan.clone();
        self
    }

    /// Whether `rel` is under a `[scan] exclude` path.
    pub fn is_excluded(&self, rel: &str) -> bool {
        self.exclude.excludes(rel)
    }

    /// The scanned root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether the scan targets a single file rather than a directory.
    pub fn is_single_file(&self) -> bool {
        self.single.is_some()
    }

    /// The size cap in force.
    pub fn max_file_size(&self) -> u64 {
        self.max_file_size
    }

    /// Every regular file (not symlinks), sorted by path; `.git/` is never listed and
    /// `.gitignore`d files are left out.
    pub fn entries(&self) -> &[FileEntry] {
        self.entries.get_or_init(|| match &self.single {
            Some(name) => {
                let size = std::fs::symlink_metadata(self.root.join(name))
                    .map(|m| m.len())
                    .unwrap_or(0);
                vec![FileEntry {
                    rel: name.clone(),
                    size,
                }]
            }
            None => {
                let mut all = walk(&self.root);
                all.retain(|e| !self.exclude.excludes(&e.rel));
                all
            }
        })
    }

    /// The entry at `rel`, if listed.
    pub fn get(&self, rel: &str) -> Option<&FileEntry> {
        let entries = self.entries();
        entries
            .binary_search_by(|e| e.rel.as_str().cmp(rel))
            .ok()
            .map(|i| &entries[i])
    }

    /// Whether a file (or, with `dir`, any file under it) is listed at `rel`.
    pub fn exists(&self, rel: &str) -> bool {
        self.get(rel).is_some()
    }

    /// Files whose name matches `pred`.
    pub fn by_name<'a>(
        &'a self,
        pred: impl Fn(&str) -> bool + 'a,
    ) -> impl Iterator<Item = &'a FileEntry> + 'a {
        self.entries().iter().filter(move |e| pred(e.name()))
    }

    /// Absolute path of a relative entry.
    pub fn abs(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Reads a file whole, refusing symlinks and files over the size cap.
    pub fn read(&self, rel: &str) -> Result<Vec<u8>, ReadError> {
        read_capped(&self.root, rel, self.max_file_size)
    }

    /// Reads a file as UTF-8 text; invalid UTF-8 is an error that says so.
    pub fn read_text(&self, rel: &str) -> Result<String, ReadError> {
        let bytes = self.read(rel)?;
        String::from_utf8(bytes).map_err(|e| {
            ReadError::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "not valid UTF-8 (first bad byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            ))
        })
    }
}

/// Reads `root/rel` whole if it is a regular file no larger than `cap`, without following
/// symlinks at any component inside the root.
pub fn read_capped(root: &Path, rel: &str, cap: u64) -> Result<Vec<u8>, ReadError> {
    if rel.split('/').any(|c| c == "..") || Path::new(rel).is_absolute() {
        return Err(ReadError::OutsideRoot);
    }
    let mut cur = root.to_path_buf();
    for comp in rel.split('/').filter(|c| !c.is_empty() && *c != ".") {
        cur.push(comp);
        let meta = std::fs::symlink_metadata(&cur)?;
        if meta.file_type().is_symlink() {
            return Err(ReadError::OutsideRoot);
        }
    }
    let meta = std::fs::metadata(&cur)?;
    if meta.len() > cap {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            cap,
        });
    }
    let mut buf = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(&cur)?
        .take(cap + 1)
        .read_to_end(&mut buf)?;
    if buf.len() as u64 > cap {
        return Err(ReadError::TooLarge {
            size: buf.len() as u64,
            cap,
        });
    }
    Ok(buf)
}

/// Reads a file the user named on the command line or in configuration (`--sbom`,
/// `--config`, `--baseline` …) whole: it must be a regular file (after following links:
/// the user chose the path), and at most `cap` bytes are ever read, whatever size the
/// file reports. `/dev/zero`, FIFOs, sockets and directories are refused.
pub fn read_user_file(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        let ft = meta.file_type();
        let kind = if ft.is_dir() {
            "a directory"
        } else {
            #[cfg(unix)]
            {
                use std::os::unix::fs::FileTypeExt;
                if ft.is_fifo() {
                    "a named pipe (FIFO)"
                } else if ft.is_char_device() || ft.is_block_device() {
                    "a device"
                } else if ft.is_socket() {
                    "a socket"
                } else {
                    "not a regular file"
                }
            }
            #[cfg(not(unix))]
            {
                "not a regular file"
            }
        };
        return Err(ReadError::NotRegular(kind));
    }
    if meta.len() > cap {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            cap,
        });
    }
    let mut buf = Vec::with_capacity(meta.len().min(cap) as usize);
    file.take(cap + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > cap {
        return Err(ReadError::TooLarge {
            size: buf.len() as u64,
            cap,
        });
    }
    Ok(buf)
}

/// [`read_user_file`] as UTF-8 text.
pub fn read_user_text(path: &Path, cap: u64) -> Result<String, ReadError> {
    String::from_utf8(read_user_file(path, cap)?).map_err(|e| {
        ReadError::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "not valid UTF-8 (first bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        ))
    })
}

fn walk(root: &Path) -> Vec<FileEntry> {
    let mut out = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .follow_links(false)
        .git_global(false)
        .require_git(false)
        .filter_entry(|e| e.file_name() != ".git")
        .build();
    for entry in walker.flatten() {
        let Some(ft) = entry.file_type() else {
            continue;
        };
        if !ft.is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(root) else {
            continue;
        };
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        out.push(FileEntry { rel, size });
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_honours_gitignore_and_skips_symlinks() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join(".git/config"), "x").unwrap();
        std::fs::write(root.join(".gitignore"), "ignored.txt\n").unwrap();
        std::fs::write(root.join("ignored.txt"), "x").unwrap();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::write(root.join("a/b/c.txt"), "hello").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("/etc/passwd", root.join("link")).unwrap();
        let idx = FileIndex::new(root);
        let names: Vec<_> = idx.entries().iter().map(|e| e.rel.as_str()).collect();
        assert_eq!(names, vec![".gitignore", "a/b/c.txt"]);
        assert_eq!(idx.read_text("a/b/c.txt").unwrap(), "hello");
        assert!(matches!(idx.read("link"), Err(ReadError::OutsideRoot)));
        assert!(matches!(idx.read("../x"), Err(ReadError::OutsideRoot)));
        let small = FileIndex::new(root).with_max_file_size(2);
        assert!(matches!(
            small.read("a/b/c.txt"),
            Err(ReadError::TooLarge { .. })
        ));
    }

    #[test]
    fn user_files_are_capped_and_must_be_regular() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("x.json");
        std::fs::write(&f, "0123456789").unwrap();
        assert_eq!(read_user_file(&f, 10).unwrap().len(), 10);
        assert!(matches!(
            read_user_file(&f, 9),
            Err(ReadError::TooLarge { size: 10, cap: 9 })
        ));
        let e = read_user_file(d.path(), 100).unwrap_err();
        assert!(e.to_string().contains("directory"), "{e}");
        #[cfg(unix)]
        {
            let e = read_user_file(Path::new("/dev/zero"), 1 << 20).unwrap_err();
            assert!(matches!(e, ReadError::NotRegular("a device")), "{e}");
        }
    }
}
