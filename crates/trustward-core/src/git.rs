//! Minimal, read-only facts about the git repository around the scanned path, read from
//! files only (no `git` process, no hooks).

use std::path::{Path, PathBuf};

/// The `.git` directory of the repository whose work tree root is `root`, following a
/// `gitdir:` file (worktrees, submodules).
pub fn git_dir(root: &Path) -> Option<PathBuf> {
    let dot_git = root.join(".git");
    let meta = std::fs::symlink_metadata(&dot_git).ok()?;
    if meta.is_dir() {
        return Some(dot_git);
    }
    let text = std::fs::read_to_string(&dot_git).ok()?;
    let target = text.trim().strip_prefix("gitdir:")?.trim();
    let p = Path::new(target);
    Some(if p.is_absolute() {
        p.to_path_buf()
    } else {
        root.join(p)
    })
}

/// The work tree root containing `path`: the nearest ancestor holding `.git`.
pub fn repo_root(path: &Path) -> Option<PathBuf> {
    let path = path.canonicalize().ok()?;
    path.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// The commit id `HEAD` points at, if the repository has one.
pub fn head_commit(root: &Path) -> Option<String> {
    let gd = git_dir(root)?;
    let head = std::fs::read_to_string(gd.join("HEAD")).ok()?;
    let head = head.trim();
    let Some(reference) = head.strip_prefix("ref:") else {
        return is_hex_id(head).then(|| head.to_string());
    };
    let reference = reference.trim();
    // Worktrees keep shared refs in the common dir.
    let common = std::fs::read_to_string(gd.join("commondir"))
        .ok()
        .map(|c| gd.join(c.trim()))
        .unwrap_or_else(|| gd.clone());
    for dir in [&gd, &common] {
        if let Ok(id) = std::fs::read_to_string(dir.join(reference)) {
            let id = id.trim();
            if is_hex_id(id) {
                return Some(id.to_string());
            }
        }
        if let Ok(packed) = std::fs::read_to_string(dir.join("packed-refs")) {
            for line in packed.lines() {
                if let Some((id, name)) = line.split_once(' ')
                    && name == reference
                    && is_hex_id(id)
                {
                    return Some(id.to_string());
                }
            }
        }
    }
    None
}

fn is_hex_id(s: &str) -> bool {
    (s.len() == 40 || s.len() == 64) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_loose_and_packed_refs() {
        let d = tempfile::tempdir().unwrap();
        let gd = d.path().join(".git");
        std::fs::create_dir_all(gd.join("refs/heads")).unwrap();
        std::fs::write(gd.join("HEAD"), "ref: refs/heads/main\n").unwrap();
        assert_eq!(head_commit(d.path()), None);
        let id = "0123456789abcdef0123456789abcdef01234567";
        std::fs::write(
            gd.join("packed-refs"),
            format!("# pack-refs\n{id} refs/heads/main\n"),
        )
        .unwrap();
        assert_eq!(head_commit(d.path()).as_deref(), Some(id));
        let id2 = "89abcdef0123456789abcdef0123456789abcdef";
        std::fs::write(gd.join("refs/heads/main"), format!("{id2}\n")).unwrap();
        assert_eq!(head_commit(d.path()).as_deref(), Some(id2));
    }
}
