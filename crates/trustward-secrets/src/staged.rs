//! Staged changes (`--staged`, for pre-commit hooks): every file in the git index whose
//! content differs from `HEAD`, read from the object store (what will be committed, not
//! what is in the working tree).

use crate::history::{self, HistoryError};
use crate::scan::{Hit, Scanner};
use gix::objs::Find;
use std::path::Path;
use trustward_core::ScanError;

/// Scans the staged blobs of the repository at `root`.
pub fn scan(
    root: &Path,
    scanner: &Scanner,
    errors: &mut Vec<ScanError>,
) -> Result<Vec<Hit>, HistoryError> {
    let repo = gix::open(root).map_err(|e| HistoryError::Open {
        path: root.display().to_string(),
        reason: e.to_string(),
    })?;
    let index = repo.open_index().map_err(|e| HistoryError::Open {
        path: root.display().to_string(),
        reason: format!("cannot read the index: {e}"),
    })?;
    let head = match repo.head_commit() {
        Ok(c) => match c.tree_id() {
            Ok(t) => history::tree_paths(&repo, t.detach(), errors),
            Err(_) => Default::default(),
        },
        // No commit yet: everything staged is new.
        Err(_) => Default::default(),
    };
    let mut hits = Vec::new();
    let mut buf = Vec::new();
    for entry in index.entries() {
        let mode = entry.mode;
        if mode.is_submodule() || mode == gix::index::entry::Mode::SYMLINK {
            continue;
        }
        let path = String::from_utf8_lossy(entry.path(&index)).into_owned();
        if head.get(&path) == Some(&entry.id) {
            continue;
        }
        match repo.objects.try_find(&entry.id, &mut buf) {
            Ok(Some(data)) => hits.extend(scanner.scan_named(&path, data.data, None, errors)),
            Ok(None) => errors.push(ScanError::new(
                path,
                format!("staged blob {} is missing from the object store", entry.id),
            )),
            Err(e) => errors.push(ScanError::new(
                path,
                format!("staged blob {} cannot be read: {e}", entry.id),
            )),
        }
    }
    Ok(hits)
}
