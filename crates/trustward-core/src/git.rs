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

/// Why the repository at `root` must not be opened as the scanned one: its `.git` is a
/// symlink, or a `gitdir:` file, that leads outside `root` to a git directory that does
/// not name `root` back (a linked worktree's `gitdir` file or a submodule's
/// `core.worktree` do; a hostile tree cannot forge those outside itself). `None` when
/// `.git` is a plain directory inside `root`, or an honest worktree/submodule link.
pub fn foreign_git_dir(root: &Path) -> Option<String> {
    let root = root.canonicalize().ok()?;
    let dot_git = root.join(".git");
    let meta = std::fs::symlink_metadata(&dot_git).ok()?;
    if meta.is_dir() {
        return None;
    }
    let target = if meta.file_type().is_symlink() {
        dot_git.canonicalize().ok()?
    } else {
        git_dir(&root)?.canonicalize().ok()?
    };
    if target.starts_with(&root) {
        return None;
    }
    // A linked worktree: <gitdir>/gitdir holds the path of this `.git` file.
    if let Ok(back) = std::fs::read_to_string(target.join("gitdir"))
        && Path::new(back.trim()).canonicalize().ok().as_deref() == Some(dot_git.as_path())
    {
        return None;
    }
    // A submodule: <gitdir>/config has `worktree = <path of root>`.
    if let Ok(config) = std::fs::read_to_string(target.join("config")) {
        for line in config.lines() {
            if let Some((k, v)) = line.split_once('=')
                && k.trim() == "worktree"
                && target.join(v.trim()).canonicalize().ok().as_deref() == Some(root.as_path())
            {
                return None;
            }
        }
    }
    Some(format!(
        "{} {} points outside the scanned directory, to {}: refusing to scan another repository's history; to scan it, pass that repository as PATH",
        dot_git.display(),
        if meta.file_type().is_symlink() {
            "is a symbolic link that"
        } else {
            "is a `gitdir:` file that"
        },
        target.display()
    ))
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
