//! Reading the repository with gix: the commits behind `HEAD`, raw objects, trees and
//! tags. Nothing here runs `git`.

use gix::ObjectId;
use gix::objs::Find;
use std::collections::HashSet;
use std::path::Path;

/// Deepest tree nesting followed (a hostile repository could nest far deeper).
pub const MAX_TREE_DEPTH: usize = 512;

/// One commit behind `HEAD`.
#[derive(Debug, Clone)]
pub struct CommitInfo {
    /// Its id.
    pub id: ObjectId,
    /// Its tree.
    pub tree: ObjectId,
    /// Its parents.
    pub parents: Vec<ObjectId>,
    /// Author name.
    pub author_name: String,
    /// Author email.
    pub author_email: String,
    /// Committer name.
    pub committer_name: String,
    /// Committer email.
    pub committer_email: String,
    /// Author time, seconds since the epoch.
    pub author_time: i64,
    /// Committer time, seconds since the epoch.
    pub commit_time: i64,
    /// Whether the commit carries a `gpgsig` header.
    pub signed: bool,
}

/// The repository and what was learnt opening it.
pub struct Repo {
    /// The gix handle.
    pub repo: gix::Repository,
    /// A shallow clone.
    pub shallow: bool,
    /// `HEAD` is detached.
    pub detached: bool,
    /// The commit `HEAD` points at; `None` for a repository without commits.
    pub head: Option<ObjectId>,
}

/// Opens the repository at `root` (its work tree root).
pub fn open(root: &Path) -> Result<Repo, String> {
    let mut repo = gix::open(root).map_err(|e| e.to_string())?;
    repo.object_cache_size(0);
    repo.objects.set_pack_cache(|| {
        Box::new(gix::odb::pack::cache::lru::MemoryCappedHashmap::new(
            64 * 1024 * 1024,
        ))
    });
    let shallow = repo.is_shallow();
    let head_ref = repo.head().map_err(|e| format!("cannot read HEAD: {e}"))?;
    let detached = head_ref.is_detached();
    let head = match repo.head_id() {
        Ok(id) => Some(id.detach()),
        Err(_) if head_ref.is_unborn() => None,
        Err(e) => return Err(format!("cannot resolve HEAD to a commit: {e}")),
    };
    Ok(Repo {
        repo,
        shallow,
        detached,
        head,
    })
}

impl Repo {
    /// The raw bytes of an object of the given kind.
    pub fn raw(&self, id: &ObjectId, kind: gix::object::Kind) -> Result<Vec<u8>, String> {
        let mut buf = Vec::new();
        match self.repo.objects.try_find(id, &mut buf) {
            Ok(Some(d)) if d.kind == kind => Ok(d.data.to_vec()),
            Ok(Some(d)) => Err(format!("object {id} is a {}, not a {kind}", d.kind)),
            Ok(None) => Err(format!("object {id} is missing from the object store")),
            Err(e) => Err(format!("object {id} cannot be read ({e})")),
        }
    }

    /// Every commit reachable from `tip`. Missing parents past a shallow boundary are
    /// expected; other unreadable commits are returned as errors and the walk goes on.
    pub fn walk(&self, tip: ObjectId, errors: &mut Vec<String>) -> Vec<CommitInfo> {
        let mut out = Vec::new();
        let mut visited: HashSet<ObjectId> = HashSet::new();
        let mut stack = vec![tip];
        let mut buf = Vec::new();
        while let Some(id) = stack.pop() {
            if !visited.insert(id) {
                continue;
            }
            let data = match self.repo.objects.try_find(&id, &mut buf) {
                Ok(Some(d)) if d.kind == gix::object::Kind::Commit => d,
                Ok(Some(d)) => {
                    errors.push(format!(
                        "object {id} is a {} where a commit was expected",
                        d.kind
                    ));
                    continue;
                }
                Ok(None) => {
                    if !self.shallow {
                        errors.push(format!(
                            "commit {id} is missing from the object store; the history behind it was not read"
                        ));
                    }
                    continue;
                }
                Err(e) => {
                    errors.push(format!(
                        "commit {id} cannot be read ({e}); the history behind it was not read"
                    ));
                    continue;
                }
            };
            let commit = match gix::objs::CommitRef::from_bytes(data.data) {
                Ok(c) => c,
                Err(e) => {
                    errors.push(format!("commit {id} is corrupt ({e})"));
                    continue;
                }
            };
            let (author_name, author_email, author_time) = match commit.author() {
                Ok(a) => (
                    a.name.to_string(),
                    a.email.to_string(),
                    a.time().map(|t| t.seconds).unwrap_or(0),
                ),
                Err(_) => (String::new(), String::new(), 0),
            };
            let (committer_name, committer_email, commit_time) = match commit.committer() {
                Ok(c) => (
                    c.name.to_string(),
                    c.email.to_string(),
                    c.time().map(|t| t.seconds).unwrap_or(author_time),
                ),
                Err(_) => (String::new(), String::new(), author_time),
            };
            let signed = commit.extra_headers.iter().any(|(k, _)| *k == "gpgsig");
            let parents: Vec<ObjectId> = commit.parents().collect();
            stack.extend(parents.iter().copied());
            out.push(CommitInfo {
                id,
                tree: commit.tree(),
                parents,
                author_name,
                author_email,
                committer_name,
                committer_email,
                author_time,
                commit_time,
                signed,
            });
        }
        out
    }

    /// A tree's entries as (kind, id, name).
    pub fn tree_entries(
        &self,
        tree: &ObjectId,
        buf: &mut Vec<u8>,
    ) -> Result<Vec<(gix::objs::tree::EntryKind, ObjectId, String)>, String> {
        let data = match self.repo.objects.try_find(tree, buf) {
            Ok(Some(d)) if d.kind == gix::object::Kind::Tree => d,
            Ok(Some(d)) => return Err(format!("object {tree} is a {}, not a tree", d.kind)),
            Ok(None) => return Err(format!("tree {tree} is missing from the object store")),
            Err(e) => return Err(format!("tree {tree} cannot be read ({e})")),
        };
        let mut v = Vec::new();
        for e in gix::objs::TreeRefIter::from_bytes(data.data) {
            match e {
                Ok(e) => v.push((
                    e.mode.kind(),
                    e.oid.to_owned(),
                    String::from_utf8_lossy(e.filename).into_owned(),
                )),
                Err(err) => return Err(format!("tree {tree} is corrupt ({err})")),
            }
        }
        Ok(v)
    }

    /// Every blob of a tree with its path (`/`-separated) and whether it is executable.
    pub fn tree_files(
        &self,
        root: ObjectId,
        errors: &mut Vec<(String, String)>,
    ) -> Vec<(String, ObjectId, bool)> {
        use gix::objs::tree::EntryKind;
        let mut out = Vec::new();
        let mut stack = vec![(root, String::new(), 0usize)];
        let mut buf = Vec::new();
        while let Some((tree, prefix, depth)) = stack.pop() {
            if depth > MAX_TREE_DEPTH {
                errors.push((
                    prefix,
                    format!("trees nested deeper than {MAX_TREE_DEPTH} levels were not read"),
                ));
                continue;
            }
            match self.tree_entries(&tree, &mut buf) {
                Ok(entries) => {
                    for (kind, id, name) in entries {
                        match kind {
                            EntryKind::Tree => {
                                stack.push((id, format!("{prefix}{name}/"), depth + 1))
                            }
                            EntryKind::Blob => out.push((format!("{prefix}{name}"), id, false)),
                            EntryKind::BlobExecutable => {
                                out.push((format!("{prefix}{name}"), id, true))
                            }
                            EntryKind::Link | EntryKind::Commit => {}
                        }
                    }
                }
                Err(e) => errors.push((prefix, e)),
            }
        }
        out.sort();
        out
    }

    /// The paths that differ between two trees (added, removed or modified blobs).
    pub fn changed_paths(
        &self,
        old: Option<ObjectId>,
        new: ObjectId,
        errors: &mut Vec<String>,
    ) -> Vec<String> {
        use gix::objs::tree::EntryKind;
        let mut out = Vec::new();
        let mut stack = vec![(old, Some(new), String::new(), 0usize)];
        let mut buf = Vec::new();
        while let Some((a, b, prefix, depth)) = stack.pop() {
            if a == b || depth > MAX_TREE_DEPTH {
                continue;
            }
            let mut read = |t: Option<ObjectId>| match t {
                None => Ok(Vec::new()),
                Some(t) => self.tree_entries(&t, &mut buf),
            };
            let (ea, eb) = match (read(a), read(b)) {
                (Ok(x), Ok(y)) => (x, y),
                (Err(e), _) | (_, Err(e)) => {
                    errors.push(e);
                    continue;
                }
            };
            let is_tree = |k: &EntryKind| *k == EntryKind::Tree;
            let mut names: Vec<&String> = ea.iter().chain(eb.iter()).map(|e| &e.2).collect();
            names.sort();
            names.dedup();
            for name in names {
                let x = ea.iter().find(|e| &e.2 == name);
                let y = eb.iter().find(|e| &e.2 == name);
                let sub_a = x.filter(|e| is_tree(&e.0)).map(|e| e.1);
                let sub_b = y.filter(|e| is_tree(&e.0)).map(|e| e.1);
                if (sub_a.is_some() || sub_b.is_some()) && sub_a != sub_b {
                    stack.push((sub_a, sub_b, format!("{prefix}{name}/"), depth + 1));
                }
                let blob_a = x.filter(|e| !is_tree(&e.0)).map(|e| (e.0, e.1));
                let blob_b = y.filter(|e| !is_tree(&e.0)).map(|e| (e.0, e.1));
                if blob_a != blob_b {
                    out.push(format!("{prefix}{name}"));
                }
            }
        }
        out.sort();
        out
    }

    /// Every tag ref: (short name, the id the ref points at).
    pub fn tags(&self, errors: &mut Vec<String>) -> Vec<(String, ObjectId)> {
        let mut out = Vec::new();
        let platform = match self.repo.references() {
            Ok(p) => p,
            Err(e) => {
                errors.push(format!("cannot list refs: {e}"));
                return out;
            }
        };
        let iter = match platform.tags() {
            Ok(i) => i,
            Err(e) => {
                errors.push(format!("cannot list tags: {e}"));
                return out;
            }
        };
        for r in iter {
            match r {
                Ok(r) => {
                    let name = r.name().shorten().to_string();
                    match r.target().try_id() {
                        Some(id) => out.push((name, id.to_owned())),
                        None => errors.push(format!("tag {name} is a symbolic ref; not read")),
                    }
                }
                Err(e) => errors.push(format!("cannot read a tag ref: {e}")),
            }
        }
        out.sort();
        out
    }

    /// The kind of an object, if it can be read.
    pub fn kind(&self, id: &ObjectId) -> Result<gix::object::Kind, String> {
        use gix::prelude::Header;
        match self.repo.objects.try_header(id) {
            Ok(Some(h)) => Ok(h.kind()),
            Ok(None) => Err(format!("object {id} is missing from the object store")),
            Err(e) => Err(format!("object {id} cannot be read ({e})")),
        }
    }

    /// The size of a blob from its header.
    pub fn size(&self, id: &ObjectId) -> Option<u64> {
        use gix::prelude::Header;
        self.repo
            .objects
            .try_header(id)
            .ok()
            .flatten()
            .map(|h| h.size())
    }
}
