//! Atomic replacement of the database directory: everything is written into a staging
//! directory next to the database, then swapped in with renames. Any error before the
//! swap leaves the previous database untouched.

use crate::store::{FORMAT_VERSION, MARKER, StoreError};
use std::fs;
use std::path::{Path, PathBuf};

/// A database rebuild in progress.
#[derive(Debug)]
pub struct Transaction {
    db: PathBuf,
    staging: PathBuf,
    committed: bool,
}

fn sibling(db: &Path, tag: &str) -> PathBuf {
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "db".into());
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let parent = db.parent().unwrap_or(Path::new("."));
    parent.join(format!(".{name}.{tag}-{}-{nanos}", std::process::id()))
}

impl Transaction {
    /// Starts a rebuild of the database at `db` (which need not exist yet).
    pub fn begin(db: &Path) -> Result<Transaction, StoreError> {
        let parent = db.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
        let staging = sibling(db, "staging");
        fs::create_dir_all(&staging).map_err(|e| StoreError::io(&staging, e))?;
        Ok(Transaction {
            db: db.to_path_buf(),
            staging,
            committed: false,
        })
    }

    /// The directory to write new ecosystem stores into.
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    /// Carries over every ecosystem of the current database that was not rewritten,
    /// writes the marker, and swaps the staging directory in.
    pub fn commit(mut self) -> Result<(), StoreError> {
        if self.db.join(MARKER).is_file() {
            let rd = fs::read_dir(&self.db).map_err(|e| StoreError::io(&self.db, e))?;
            for entry in rd {
                let entry = entry.map_err(|e| StoreError::io(&self.db, e))?;
                let from = entry.path();
                let to = self.staging.join(entry.file_name());
                if from.is_dir() && from.join("meta.json").is_file() && !to.exists() {
                    copy_dir(&from, &to)?;
                }
            }
        }
        let marker = self.staging.join(MARKER);
        fs::write(
            &marker,
            format!("{{\"format\": {FORMAT_VERSION}, \"tool\": \"trustward\"}}\n"),
        )
        .map_err(|e| StoreError::io(&marker, e))?;
        let old = sibling(&self.db, "old");
        let had_old = self.db.exists();
        if had_old {
            fs::rename(&self.db, &old).map_err(|e| StoreError::io(&self.db, e))?;
        }
        if let Err(e) = fs::rename(&self.staging, &self.db) {
            if had_old {
                let _ = fs::rename(&old, &self.db);
            }
            return Err(StoreError::io(&self.db, e));
        }
        self.committed = true;
        if had_old {
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Transaction {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Copies a store directory (hard links when possible: the files are never modified in
/// place, only replaced).
fn copy_dir(from: &Path, to: &Path) -> Result<(), StoreError> {
    fs::create_dir_all(to).map_err(|e| StoreError::io(to, e))?;
    for entry in fs::read_dir(from).map_err(|e| StoreError::io(from, e))? {
        let entry = entry.map_err(|e| StoreError::io(from, e))?;
        let src = entry.path();
        let dst = to.join(entry.file_name());
        if src.is_file() && fs::hard_link(&src, &dst).is_err() {
            fs::copy(&src, &dst).map_err(|e| StoreError::io(&src, e))?;
        }
    }
    Ok(())
}
