//! The whole git history: every blob reachable from every ref (or a narrowed range) read
//! straight from the object store with gix, each unique blob scanned once in parallel,
//! then only blobs with findings attributed to the first commit and path that introduced
//! them, with the author, date and the number of commits carrying them.

use crate::scan::{Hit, Scanner};
use gix::ObjectId;
use gix::objs::Find;
use gix::prelude::Header;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use trustward_core::{Finding, ScanError};

/// Deepest tree nesting followed (a hostile repository could nest far deeper).
const MAX_TREE_DEPTH: usize = 512;

/// Blobs handed from the tree listing to the scanning workers at a time.
const BATCH_SIZE: usize = 64;

/// Batches listed ahead of the scanning workers (bounds the memory of the pipeline).
const BATCHES_IN_FLIGHT: usize = 64;

/// Which part of the history to scan.
#[derive(Debug, Clone, Default)]
pub struct Range {
    /// Only commits reachable from this ref or commit id (default: every ref).
    pub branch: Option<String>,
    /// Only commits made on or after this date (`YYYY-MM-DD` or RFC 3339).
    pub since: Option<String>,
    /// `A..B`: commits reachable from B but not from A.
    pub commits: Option<String>,
}

/// What a history scan produced.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Findings, attributed.
    pub findings: Vec<Finding>,
    /// Objects that could not be read, with the reason.
    pub errors: Vec<ScanError>,
    /// Notes for the user (shallow clone, empty repository).
    pub warnings: Vec<String>,
    /// Commits walked.
    pub commits: usize,
    /// Unique blobs enumerated.
    pub blobs: usize,
}

#[derive(Debug, Clone)]
struct CommitInfo {
    id: ObjectId,
    tree: ObjectId,
    author: String,
    author_time: i64,
    commit_time: i64,
}

/// Why the history could not be scanned at all.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// Not a git repository (or unreadable).
    #[error("cannot open a git repository at {path}: {reason}")]
    Open {
        /// Where.
        path: String,
        /// gix's message.
        reason: String,
    },
    /// A ref or commit given on the command line does not resolve.
    #[error("cannot resolve `{0}` to a commit: {1}")]
    Resolve(String, String),
    /// `--since` is not a date.
    #[error("--since `{0}`: expected a date such as 2024-01-31 or an RFC 3339 timestamp")]
    Since(String),
    /// `--commits` is not `A..B`.
    #[error("--commits `{0}`: expected A..B (two commits or refs)")]
    Commits(String),
}

/// Scans the history of the repository at `root`.
pub fn scan(root: &Path, range: &Range, scanner: &Scanner) -> Result<Outcome, HistoryError> {
    let mut repo = gix::open(root).map_err(|e| HistoryError::Open {
        path: root.display().to_string(),
        reason: e.to_string(),
    })?;
    repo.object_cache_size(0);
    // Trees are mostly deltas: without a delta-base cache every tree read would resolve
    // its whole chain again.
    repo.objects.set_pack_cache(|| {
        Box::new(gix::odb::pack::cache::lru::MemoryCappedHashmap::new(
            64 * 1024 * 1024,
        ))
    });
    let mut out = Outcome::default();
    let since = range.since.as_deref().map(parse_since).transpose()?;

    let (tips, hidden_tips) = match (&range.commits, &range.branch) {
        (Some(spec), _) => {
            let (a, b) = spec
                .split_once("..")
                .filter(|(a, b)| !a.is_empty() && !b.is_empty() && !b.starts_with('.'))
                .ok_or_else(|| HistoryError::Commits(spec.clone()))?;
            (vec![resolve(&repo, b)?], vec![resolve(&repo, a)?])
        }
        (None, Some(branch)) => (vec![resolve(&repo, branch)?], vec![]),
        (None, None) => (all_tips(&repo, &mut out), vec![]),
    };
    if tips.is_empty() {
        out.warnings
            .push("the repository has no commits: there is no history to scan".into());
        return Ok(out);
    }
    let shallow = repo.is_shallow();
    if shallow {
        out.warnings.push(
            "this is a shallow clone: commits before the shallow boundary are not in the object store and were not scanned (fetch with --unshallow for full coverage)".into(),
        );
    }
    let hidden: HashSet<ObjectId> = if hidden_tips.is_empty() {
        HashSet::new()
    } else {
        walk(
            &repo,
            hidden_tips,
            &HashSet::new(),
            shallow,
            &mut Vec::new(),
        )
        .into_iter()
        .map(|c| c.id)
        .collect()
    };
    let mut commits = walk(&repo, tips, &hidden, shallow, &mut out.errors);
    if let Some(since) = since {
        commits.retain(|c| c.commit_time >= since);
    }
    commits.sort_by(|a, b| a.commit_time.cmp(&b.commit_time).then(a.id.cmp(&b.id)));
    out.commits = commits.len();

    // Every unique blob, with the first path it was seen at, enumerated on a producer
    // thread and handed over in batches while the rayon workers inflate and scan the
    // blobs already listed: the tree listing no longer runs before the scan.
    // The walk's delta-base cache is released: the producer's handle takes over the tree
    // reads (and the attribution below), so only one tree cache is alive at a time.
    repo.objects.unset_pack_cache();
    let sync = repo.clone().into_sync();
    let cap = scanner.max_file_size;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(ObjectId, String)>>(BATCHES_IN_FLIGHT);
    let (scanned, (lister, blob_count, list_errors)) = std::thread::scope(|s| {
        let producer = s.spawn(|| {
            let mut r = sync.to_thread_local();
            r.object_cache_size(0);
            r.objects.set_pack_cache(|| {
                Box::new(gix::odb::pack::cache::lru::MemoryCappedHashmap::new(
                    64 * 1024 * 1024,
                ))
            });
            let mut errors = Vec::new();
            let mut seen_trees: HashSet<ObjectId> = HashSet::new();
            let mut seen_blobs: HashSet<ObjectId> = HashSet::new();
            let mut batch: Vec<(ObjectId, String)> = Vec::new();
            for c in &commits {
                collect_blobs(
                    &r,
                    c.tree,
                    &mut seen_trees,
                    &mut seen_blobs,
                    &mut batch,
                    &mut errors,
                );
                if batch.len() >= BATCH_SIZE {
                    let full = std::mem::take(&mut batch);
                    if tx.send(full).is_err() {
                        break;
                    }
                }
            }
            if !batch.is_empty() {
                let _ = tx.send(batch);
            }
            drop(tx);
            (Some(r), seen_blobs.len(), errors)
        });
        let scanned: Vec<(ObjectId, Vec<Hit>, Vec<ScanError>)> = rx
            .into_iter()
            .par_bridge()
            .map_init(
                || {
                    let mut r = sync.to_thread_local();
                    r.object_cache_size(0);
                    r.objects.set_pack_cache(|| {
                        Box::new(gix::odb::pack::cache::lru::MemoryCappedHashmap::new(
                            48 * 1024 * 1024,
                        ))
                    });
                    (r, Vec::new())
                },
                |(r, buf), mut batch| {
                    // Versions of one path are usually deltas of each other: reading them
                    // together keeps the pack's delta-base cache warm.
                    batch.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
                    batch
                        .iter()
                        .map(|(id, path)| scan_blob(r, buf, scanner, cap, id, path))
                        .filter(|(_, h, e)| !h.is_empty() || !e.is_empty())
                        .collect::<Vec<_>>()
                },
            )
            .flatten_iter()
            .collect();
        let listed = producer.join().unwrap_or_else(|_| {
            (
                None,
                0,
                vec![ScanError::new(
                    "",
                    "the tree listing thread failed; the history was not fully scanned",
                )],
            )
        });
        (scanned, listed)
    });
    out.errors.extend(list_errors);
    out.blobs = blob_count;
    // Workers finish batches in any order: keep the reported errors deterministic.
    let mut scanned = scanned;
    scanned.sort_by_key(|a| a.0);

    // Attribution reads trees again: with the producer's handle, whose delta-base cache
    // is still warm.
    let repo = lister.unwrap_or(repo);
    let mut with_hits: HashMap<ObjectId, Vec<Hit>> = HashMap::new();
    for (id, hits, errors) in scanned {
        out.errors.extend(errors);
        if !hits.is_empty() {
            with_hits.insert(id, hits);
        }
    }
    if with_hits.is_empty() {
        return Ok(out);
    }

    // Attribution: the oldest commit holding each blob, the path there, and how many
    // commits hold it.
    let targets: HashSet<ObjectId> = with_hits.keys().copied().collect();
    let mut memo: HashMap<ObjectId, Arc<Vec<(ObjectId, String)>>> = HashMap::new();
    let mut first: HashMap<ObjectId, (usize, String)> = HashMap::new();
    let mut counts: HashMap<ObjectId, u64> = HashMap::new();
    for (ci, c) in commits.iter().enumerate() {
        let found = targets_in(&repo, c.tree, &targets, &mut memo, 0);
        let mut counted: HashSet<ObjectId> = HashSet::new();
        for (blob, path) in found.iter() {
            first.entry(*blob).or_insert_with(|| (ci, path.clone()));
            if counted.insert(*blob) {
                *counts.entry(*blob).or_insert(0) += 1;
            }
        }
    }
    let mut ids: Vec<&ObjectId> = with_hits.keys().collect();
    ids.sort();
    for id in ids {
        let Some(hits) = with_hits.get(id) else {
            continue;
        };
        let attributed = first.get(id);
        for hit in hits {
            let mut hit = hit.clone();
            let commit = attributed.and_then(|(ci, path)| {
                // Re-root the hit (and archive member paths) on the introducing path.
                if let Some(rest) = hit.path.find('!').map(|i| hit.path[i..].to_string()) {
                    hit.path = format!("{path}{rest}");
                } else {
                    hit.path = path.clone();
                }
                commits.get(*ci)
            });
            if let Some(c) = commit
                && scanner.engine.commit_allowed(hit.m.rule, &c.id.to_string())
            {
                continue;
            }
            let Some(mut f) = scanner.finding(&hit) else {
                continue;
            };
            f = f
                .with_data("blob", id.to_string())
                .with_data("commits_count", counts.get(id).copied().unwrap_or(0));
            if let Some(c) = commit {
                f.location.commit = Some(c.id.to_string());
                f = f
                    .with_data("commit", c.id.to_string())
                    .with_data("author", c.author.clone())
                    .with_data("date", format_time(c.author_time));
                f.message = format!(
                    "{} (introduced in {} by {} on {})",
                    f.message,
                    &c.id.to_string()[..12],
                    c.author,
                    format_time(c.author_time)
                );
            }
            out.findings.push(f);
        }
    }
    Ok(out)
}

fn format_time(secs: i64) -> String {
    jiff::Timestamp::from_second(secs)
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_else(|_| secs.to_string())
}

fn parse_since(s: &str) -> Result<i64, HistoryError> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Ok(t.as_second());
    }
    s.parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| d.to_zoned(jiff::tz::TimeZone::UTC).ok())
        .map(|z| z.timestamp().as_second())
        .ok_or_else(|| HistoryError::Since(s.to_string()))
}

/// A ref name (full or short) or a full commit id, peeled to a commit.
fn resolve(repo: &gix::Repository, spec: &str) -> Result<ObjectId, HistoryError> {
    let err = |e: String| HistoryError::Resolve(spec.to_string(), e);
    if (spec.len() == 40 || spec.len() == 64)
        && let Ok(id) = ObjectId::from_hex(spec.as_bytes())
    {
        return Ok(id);
    }
    let mut r = repo.find_reference(spec).map_err(|e| err(e.to_string()))?;
    let c = r.peel_to_commit().map_err(|e| err(e.to_string()))?;
    Ok(c.id)
}

/// Every commit a ref (or a detached HEAD) points at.
fn all_tips(repo: &gix::Repository, out: &mut Outcome) -> Vec<ObjectId> {
    let mut tips = Vec::new();
    match repo.references() {
        Ok(platform) => match platform.all() {
            Ok(iter) => {
                for r in iter {
                    match r {
                        Ok(mut r) => {
                            if let Ok(c) = r.peel_to_commit() {
                                tips.push(c.id);
                            }
                        }
                        Err(e) => out
                            .errors
                            .push(ScanError::new("", format!("cannot read a ref: {e}"))),
                    }
                }
            }
            Err(e) => out
                .errors
                .push(ScanError::new("", format!("cannot list refs: {e}"))),
        },
        Err(e) => out
            .errors
            .push(ScanError::new("", format!("cannot list refs: {e}"))),
    }
    if let Ok(mut head) = repo.find_reference("HEAD")
        && let Ok(c) = head.peel_to_commit()
    {
        tips.push(c.id);
    }
    tips.sort();
    tips.dedup();
    tips
}

/// Commits reachable from `tips`, skipping `hidden`. Missing parents are expected past
/// a shallow boundary; otherwise they are reported and the walk goes on.
fn walk(
    repo: &gix::Repository,
    tips: Vec<ObjectId>,
    hidden: &HashSet<ObjectId>,
    shallow: bool,
    errors: &mut Vec<ScanError>,
) -> Vec<CommitInfo> {
    let mut out = Vec::new();
    let mut visited: HashSet<ObjectId> = HashSet::new();
    let mut stack = tips;
    let mut buf = Vec::new();
    while let Some(id) = stack.pop() {
        if hidden.contains(&id) || !visited.insert(id) {
            continue;
        }
        let data = match repo.objects.try_find(&id, &mut buf) {
            Ok(Some(d)) if d.kind == gix::object::Kind::Commit => d,
            Ok(Some(d)) => {
                errors.push(ScanError::new(
                    "",
                    format!(
                        "object {id} is a {} where a commit was expected; skipped",
                        d.kind
                    ),
                ));
                continue;
            }
            Ok(None) => {
                if !shallow {
                    errors.push(ScanError::new(
                        "",
                        format!("commit {id} is missing from the object store; history behind it was not scanned"),
                    ));
                }
                continue;
            }
            Err(e) => {
                errors.push(ScanError::new(
                    "",
                    format!("commit {id} cannot be read ({e}); history behind it was not scanned"),
                ));
                continue;
            }
        };
        let commit = match gix::objs::CommitRef::from_bytes(data.data) {
            Ok(c) => c,
            Err(e) => {
                errors.push(ScanError::new(
                    "",
                    format!("commit {id} is corrupt ({e}); skipped"),
                ));
                continue;
            }
        };
        let (author, author_time) = match commit.author() {
            Ok(a) => (
                format!("{} <{}>", a.name, a.email),
                a.time().map(|t| t.seconds).unwrap_or(0),
            ),
            Err(_) => ("unknown".to_string(), 0),
        };
        let commit_time = commit.time().map(|t| t.seconds).unwrap_or(author_time);
        stack.extend(commit.parents());
        out.push(CommitInfo {
            id,
            tree: commit.tree(),
            author,
            author_time,
            commit_time,
        });
    }
    out
}

/// Reads a tree's entries as (kind, id, name).
fn tree_entries(
    repo: &gix::Repository,
    tree: ObjectId,
    buf: &mut Vec<u8>,
) -> Result<Vec<(gix::objs::tree::EntryKind, ObjectId, String)>, String> {
    let data = match repo.objects.try_find(&tree, buf) {
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

fn collect_blobs(
    repo: &gix::Repository,
    root: ObjectId,
    seen: &mut HashSet<ObjectId>,
    seen_blobs: &mut HashSet<ObjectId>,
    blobs: &mut Vec<(ObjectId, String)>,
    errors: &mut Vec<ScanError>,
) {
    use gix::objs::tree::EntryKind;
    let mut stack = vec![(root, String::new(), 0usize)];
    let mut buf = Vec::new();
    while let Some((tree, prefix, depth)) = stack.pop() {
        if !seen.insert(tree) {
            continue;
        }
        if depth > MAX_TREE_DEPTH {
            errors.push(ScanError::new(
                prefix,
                format!("trees nested deeper than {MAX_TREE_DEPTH} levels were not followed"),
            ));
            continue;
        }
        match tree_entries(repo, tree, &mut buf) {
            Ok(entries) => {
                for (kind, id, name) in entries {
                    match kind {
                        EntryKind::Tree => stack.push((id, format!("{prefix}{name}/"), depth + 1)),
                        EntryKind::Blob | EntryKind::BlobExecutable => {
                            if seen_blobs.insert(id) {
                                blobs.push((id, format!("{prefix}{name}")));
                            }
                        }
                        EntryKind::Link | EntryKind::Commit => {}
                    }
                }
            }
            Err(e) => errors.push(ScanError::new(prefix, format!("{e}; skipped"))),
        }
    }
}

/// Inflates one blob (unless it is over the size cap) and scans it.
fn scan_blob(
    r: &gix::Repository,
    buf: &mut Vec<u8>,
    scanner: &Scanner,
    cap: u64,
    id: &ObjectId,
    path: &str,
) -> (ObjectId, Vec<Hit>, Vec<ScanError>) {
    let mut errors = Vec::new();
    match r.objects.try_header(id) {
        Ok(Some(h)) if h.size() > cap => {
            scanner.note_too_large();
            return (*id, Vec::new(), errors);
        }
        _ => {}
    }
    let hits = match r.objects.try_find(id, buf) {
        Ok(Some(data)) => scanner.scan_named(path, data.data, None, &mut errors),
        Ok(None) => {
            errors.push(ScanError::new(
                path,
                format!("blob {id} is missing from the object store; skipped"),
            ));
            Vec::new()
        }
        Err(e) => {
            errors.push(ScanError::new(
                path,
                format!("blob {id} cannot be read ({e}); skipped"),
            ));
            Vec::new()
        }
    };
    (*id, hits, errors)
}

/// Which target blobs the tree holds, at which paths (memoized per tree id).
fn targets_in(
    repo: &gix::Repository,
    tree: ObjectId,
    targets: &HashSet<ObjectId>,
    memo: &mut HashMap<ObjectId, Arc<Vec<(ObjectId, String)>>>,
    depth: usize,
) -> Arc<Vec<(ObjectId, String)>> {
    if let Some(v) = memo.get(&tree) {
        return v.clone();
    }
    let mut found = Vec::new();
    if depth <= MAX_TREE_DEPTH {
        let mut buf = Vec::new();
        if let Ok(entries) = tree_entries(repo, tree, &mut buf) {
            use gix::objs::tree::EntryKind;
            for (kind, id, name) in entries {
                match kind {
                    EntryKind::Tree => {
                        let sub = targets_in(repo, id, targets, memo, depth + 1);
                        found.extend(sub.iter().map(|(b, p)| (*b, format!("{name}/{p}"))));
                    }
                    EntryKind::Blob | EntryKind::BlobExecutable if targets.contains(&id) => {
                        found.push((id, name));
                    }
                    _ => {}
                }
            }
        }
    }
    let v = Arc::new(found);
    memo.insert(tree, v.clone());
    v
}

/// Every blob path of a tree (used to compare the index with `HEAD`).
pub(crate) fn tree_paths(
    repo: &gix::Repository,
    root: ObjectId,
    errors: &mut Vec<ScanError>,
) -> HashMap<String, ObjectId> {
    use gix::objs::tree::EntryKind;
    let mut out = HashMap::new();
    let mut stack = vec![(root, String::new(), 0usize)];
    let mut buf = Vec::new();
    while let Some((tree, prefix, depth)) = stack.pop() {
        if depth > MAX_TREE_DEPTH {
            continue;
        }
        match tree_entries(repo, tree, &mut buf) {
            Ok(entries) => {
                for (kind, id, name) in entries {
                    match kind {
                        EntryKind::Tree => stack.push((id, format!("{prefix}{name}/"), depth + 1)),
                        EntryKind::Blob | EntryKind::BlobExecutable => {
                            out.insert(format!("{prefix}{name}"), id);
                        }
                        _ => {}
                    }
                }
            }
            Err(e) => errors.push(ScanError::new(prefix, format!("{e}; skipped"))),
        }
    }
    out
}
