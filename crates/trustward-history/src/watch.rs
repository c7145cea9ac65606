//! `watch refs`: reads a repository's refs (a local repository or `file://` URL through
//! gix, or an `https://` remote's advertised refs), compares them with the state kept in
//! SQLite, and reports rewritten history: force pushes, deleted or moved tags, deleted
//! and new branches, new tags and a changed default branch.
//!
//! It lives in this crate because it shares the gix repository reading and the commit
//! ancestry walk with the analyzer; rusqlite is only used here.

use gix::ObjectId;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};

/// The JSON schema version of the `watch refs` document.
pub const SCHEMA_VERSION: u32 = 1;

/// Most commits walked to decide whether a branch move is a fast-forward.
const MAX_WALK: usize = 2_000_000;

/// Largest ref advertisement read over HTTP.
const MAX_ADVERTISEMENT: u64 = 32 * 1024 * 1024;

/// The refs of a repository at one moment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Full ref name (`refs/heads/main`, `refs/tags/v1`) → object id (hex).
    pub refs: BTreeMap<String, String>,
    /// What `HEAD` points at (`refs/heads/main`), if symbolic.
    pub head: Option<String>,
}

/// One change between two snapshots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// `force-push`, `branch-deleted`, `branch-created`, `tag-deleted`, `tag-moved`,
    /// `tag-created`, `default-branch-changed`.
    pub kind: &'static str,
    /// The ref (or `HEAD` for the default branch).
    #[serde(rename = "ref")]
    pub ref_name: String,
    /// The old value.
    pub old: Option<String>,
    /// The new value.
    pub new: Option<String>,
    /// `high` for alarming events, `medium` for deleted branches, `info` otherwise.
    pub severity: &'static str,
}

impl Event {
    /// Whether the event makes `watch refs` exit 1.
    pub fn alarming(&self) -> bool {
        matches!(
            self.kind,
            "force-push" | "tag-deleted" | "tag-moved" | "default-branch-changed"
        )
    }
}

/// The JSON document.
#[derive(Debug, Serialize)]
pub struct Document<'a> {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The watched repository as given.
    pub remote: &'a str,
    /// What changed.
    pub events: &'a [Event],
}

/// What was read, with a way to check ancestry when the objects are at hand.
pub struct Read {
    /// The refs.
    pub snapshot: Snapshot,
    /// The repository, when read locally (for ancestry checks).
    pub repo: Option<gix::Repository>,
}

/// Where the refs come from.
pub fn read(target: &str) -> Result<Read, String> {
    if target.starts_with("https://") || target.starts_with("http://") {
        return read_http(target).map(|snapshot| Read {
            snapshot,
            repo: None,
        });
    }
    let path = match target.strip_prefix("file://") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(target),
    };
    read_local(&path)
}

fn read_local(path: &Path) -> Result<Read, String> {
    let repo = gix::open(path)
        .map_err(|e| format!("cannot open a git repository at {}: {e}", path.display()))?;
    let mut snapshot = Snapshot::default();
    let platform = repo
        .references()
        .map_err(|e| format!("cannot list refs: {e}"))?;
    for r in platform
        .all()
        .map_err(|e| format!("cannot list refs: {e}"))?
    {
        let r = r.map_err(|e| format!("cannot read a ref: {e}"))?;
        let name = r.name().as_bstr().to_string();
        if !(name.starts_with("refs/heads/") || name.starts_with("refs/tags/")) {
            continue;
        }
        if let Some(id) = r.target().try_id() {
            snapshot.refs.insert(name, id.to_string());
        }
    }
    let head = repo.head().map_err(|e| format!("cannot read HEAD: {e}"))?;
    snapshot.head = head.referent_name().map(|n| n.as_bstr().to_string());
    Ok(Read {
        snapshot,
        repo: Some(repo),
    })
}

/// The smart-HTTP ref advertisement (`GET …/info/refs?service=git-upload-pack`,
/// protocol v0), parsed from its pkt-lines.
fn read_http(url: &str) -> Result<Snapshot, String> {
    use std::io::Read as _;
    let base = url.trim_end_matches('/');
    let full = format!("{base}/info/refs?service=git-upload-pack");
    let agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(60)))
        .http_status_as_error(false)
        .build()
        .new_agent();
    let mut resp = agent
        .get(&full)
        .header("User-Agent", "trustward-watch")
        .call()
        .map_err(|e| format!("cannot reach {full}: {e}"))?;
    if resp.status() != 200 {
        return Err(format!("{full} answered HTTP {}", resp.status()));
    }
    let mut body = Vec::new();
    resp.body_mut()
        .as_reader()
        .take(MAX_ADVERTISEMENT + 1)
        .read_to_end(&mut body)
        .map_err(|e| format!("cannot read the ref advertisement of {url}: {e}"))?;
    if body.len() as u64 > MAX_ADVERTISEMENT {
        return Err(format!(
            "the ref advertisement of {url} is larger than 32 MiB"
        ));
    }
    parse_advertisement(&body).map_err(|e| format!("{url}: {e}"))
}

/// Parses a protocol-v0 upload-pack advertisement (with or without the smart-HTTP
/// `# service=` preamble).
pub fn parse_advertisement(body: &[u8]) -> Result<Snapshot, String> {
    let mut snapshot = Snapshot::default();
    let mut pos = 0;
    let mut first_ref = true;
    while pos + 4 <= body.len() {
        let len = std::str::from_utf8(&body[pos..pos + 4])
            .ok()
            .and_then(|s| usize::from_str_radix(s, 16).ok())
            .ok_or_else(|| format!("bad pkt-line length at byte {pos}"))?;
        if len == 0 {
            pos += 4;
            continue;
        }
        if len < 4 || pos + len > body.len() {
            return Err(format!("truncated pkt-line at byte {pos}"));
        }
        let line = &body[pos + 4..pos + len];
        pos += len;
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        if line.starts_with(b"# service=") {
            continue;
        }
        let (refpart, caps) = match line.iter().position(|b| *b == 0) {
            Some(i) => (&line[..i], Some(&line[i + 1..])),
            None => (line, None),
        };
        let text = String::from_utf8_lossy(refpart);
        let (id, name) = text
            .split_once(' ')
            .ok_or_else(|| format!("unexpected advertisement line `{text}`"))?;
        if ObjectId::from_hex(id.as_bytes()).is_err() {
            return Err(format!("unexpected object id `{id}`"));
        }
        if first_ref {
            first_ref = false;
            if let Some(caps) = caps {
                for cap in String::from_utf8_lossy(caps).split(' ') {
                    if let Some(t) = cap.strip_prefix("symref=HEAD:") {
                        snapshot.head = Some(t.to_string());
                    }
                }
            }
        }
        if name.ends_with("^{}") {
            continue;
        }
        if name.starts_with("refs/heads/") || name.starts_with("refs/tags/") {
            snapshot.refs.insert(name.to_string(), id.to_string());
        }
    }
    Ok(snapshot)
}

/// Whether `old` is reachable from `new` in `repo` (`None`: unknown, e.g. no repository
/// at hand or the walk limit was hit). A missing `old` object means the history was
/// rewritten and collected: not an ancestor.
pub fn is_ancestor(repo: &gix::Repository, old: &str, new: &str) -> Option<bool> {
    use gix::objs::Find;
    let old = ObjectId::from_hex(old.as_bytes()).ok()?;
    let new = ObjectId::from_hex(new.as_bytes()).ok()?;
    let mut buf = Vec::new();
    match repo.objects.try_find(&old, &mut buf) {
        Ok(Some(_)) => {}
        Ok(None) => return Some(false),
        Err(_) => return None,
    }
    let mut seen: HashSet<ObjectId> = HashSet::new();
    let mut queue = VecDeque::from([new]);
    while let Some(id) = queue.pop_front() {
        if id == old {
            return Some(true);
        }
        if !seen.insert(id) {
            continue;
        }
        if seen.len() > MAX_WALK {
            return None;
        }
        let data = match repo.objects.try_find(&id, &mut buf) {
            Ok(Some(d)) if d.kind == gix::object::Kind::Commit => d,
            Ok(Some(d)) if d.kind == gix::object::Kind::Tag => {
                if let Ok(t) = gix::objs::TagRef::from_bytes(d.data) {
                    queue.push_back(t.target());
                }
                continue;
            }
            Ok(_) => continue,
            Err(_) => return None,
        };
        if let Ok(c) = gix::objs::CommitRef::from_bytes(data.data) {
            queue.extend(c.parents());
        }
    }
    Some(false)
}

/// The events between two snapshots. `ancestor(old, new)` says whether a branch move is
/// a fast-forward (`None`: unknown; reported as a force push only when known).
pub fn diff(
    old: &Snapshot,
    new: &Snapshot,
    ancestor: &dyn Fn(&str, &str) -> Option<bool>,
) -> (Vec<Event>, Vec<String>) {
    let mut events = Vec::new();
    let mut notes = Vec::new();
    let ev = |kind, name: &str, o: Option<&String>, n: Option<&String>, severity| Event {
        kind,
        ref_name: name.to_string(),
        old: o.cloned(),
        new: n.cloned(),
        severity,
    };
    for (name, o) in &old.refs {
        let is_tag = name.starts_with("refs/tags/");
        match new.refs.get(name) {
            None if is_tag => events.push(ev("tag-deleted", name, Some(o), None, "high")),
            None => events.push(ev("branch-deleted", name, Some(o), None, "medium")),
            Some(n) if n == o => {}
            Some(n) if is_tag => events.push(ev("tag-moved", name, Some(o), Some(n), "high")),
            Some(n) => match ancestor(o, n) {
                Some(true) => {}
                Some(false) => events.push(ev("force-push", name, Some(o), Some(n), "high")),
                None => notes.push(format!(
                    "{name} moved from {o} to {n}; whether it was a force push cannot be told without the objects (watch a local mirror to check)"
                )),
            },
        }
    }
    for (name, n) in &new.refs {
        if !old.refs.contains_key(name) {
            let kind = if name.starts_with("refs/tags/") {
                "tag-created"
            } else {
                "branch-created"
            };
            events.push(ev(kind, name, None, Some(n), "info"));
        }
    }
    if old.head != new.head && old.head.is_some() {
        events.push(ev(
            "default-branch-changed",
            "HEAD",
            old.head.as_ref(),
            new.head.as_ref(),
            "high",
        ));
    }
    (events, notes)
}

/// The SQLite state file.
pub struct State {
    conn: rusqlite::Connection,
}

impl State {
    /// Opens (creating if needed) the state file.
    pub fn open(path: &Path) -> Result<State, String> {
        let conn = rusqlite::Connection::open(path)
            .map_err(|e| format!("cannot open the state file {}: {e}", path.display()))?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS watch_refs (remote TEXT NOT NULL, name TEXT NOT NULL, target TEXT NOT NULL, PRIMARY KEY (remote, name));
             CREATE TABLE IF NOT EXISTS watch_remotes (remote TEXT PRIMARY KEY, head TEXT, recorded_at INTEGER NOT NULL);",
        )
        .map_err(|e| format!("the state file {} is not a usable SQLite database: {e}", path.display()))?;
        Ok(State { conn })
    }

    /// The snapshot recorded for `remote`, if any.
    pub fn load(&self, remote: &str) -> Result<Option<Snapshot>, String> {
        let err = |e: rusqlite::Error| format!("cannot read the state: {e}");
        let head: Option<Option<String>> = match self.conn.query_row(
            "SELECT head FROM watch_remotes WHERE remote = ?1",
            [remote],
            |r| r.get(0),
        ) {
            Ok(h) => Some(h),
            Err(rusqlite::Error::QueryReturnedNoRows) => None,
            Err(e) => return Err(err(e)),
        };
        let Some(head) = head else {
            return Ok(None);
        };
        let mut stmt = self
            .conn
            .prepare("SELECT name, target FROM watch_refs WHERE remote = ?1")
            .map_err(err)?;
        let rows = stmt
            .query_map([remote], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(err)?;
        let mut refs = BTreeMap::new();
        for row in rows {
            let (n, t) = row.map_err(err)?;
            refs.insert(n, t);
        }
        Ok(Some(Snapshot { refs, head }))
    }

    /// Replaces the snapshot of `remote` in one transaction.
    pub fn save(&mut self, remote: &str, s: &Snapshot, now: i64) -> Result<(), String> {
        let err = |e: rusqlite::Error| format!("cannot update the state: {e}");
        let tx = self.conn.transaction().map_err(err)?;
        tx.execute("DELETE FROM watch_refs WHERE remote = ?1", [remote])
            .map_err(err)?;
        {
            let mut ins = tx
                .prepare("INSERT INTO watch_refs (remote, name, target) VALUES (?1, ?2, ?3)")
                .map_err(err)?;
            for (n, t) in &s.refs {
                ins.execute(rusqlite::params![remote, n, t]).map_err(err)?;
            }
        }
        tx.execute(
            "INSERT INTO watch_remotes (remote, head, recorded_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(remote) DO UPDATE SET head = excluded.head, recorded_at = excluded.recorded_at",
            rusqlite::params![remote, s.head, now],
        )
        .map_err(err)?;
        tx.commit().map_err(err)
    }
}

/// The outcome of one watch run.
#[derive(Debug)]
pub struct Outcome {
    /// What changed (empty on the first run).
    pub events: Vec<Event>,
    /// The first run: a baseline was recorded.
    pub baseline: bool,
    /// Refs in the new snapshot.
    pub refs: usize,
    /// Moves whose nature could not be told.
    pub notes: Vec<String>,
}

/// Why a run failed.
#[derive(Debug)]
pub enum WatchError {
    /// The repository could not be read: nothing was changed.
    Unreachable(String),
    /// The state file could not be used.
    State(String),
}

/// Reads `target`, compares with the state, and records the new snapshot (only after a
/// successful read).
pub fn run(target: &str, key: &str, state_path: &Path) -> Result<Outcome, WatchError> {
    let mut state = State::open(state_path).map_err(WatchError::State)?;
    let previous = state.load(key).map_err(WatchError::State)?;
    let read = read(target).map_err(WatchError::Unreachable)?;
    let (events, notes) = match &previous {
        None => (Vec::new(), Vec::new()),
        Some(old) => diff(old, &read.snapshot, &|o, n| {
            read.repo.as_ref().and_then(|r| is_ancestor(r, o, n))
        }),
    };
    state
        .save(key, &read.snapshot, jiff::Timestamp::now().as_second())
        .map_err(WatchError::State)?;
    Ok(Outcome {
        events,
        baseline: previous.is_none(),
        refs: read.snapshot.refs.len(),
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pkt(s: &[u8]) -> Vec<u8> {
        let mut v = format!("{:04x}", s.len() + 4).into_bytes();
        v.extend_from_slice(s);
        v
    }

    #[test]
    fn advertisement() {
        let a = "1111111111111111111111111111111111111111";
        let b = "2222222222222222222222222222222222222222";
        let mut body = pkt(b"# service=git-upload-pack\n");
        body.extend_from_slice(b"0000");
        body.extend(pkt(format!(
            "{a} HEAD\0multi_ack symref=HEAD:refs/heads/main agent=git/2\n"
        )
        .as_bytes()));
        body.extend(pkt(format!("{a} refs/heads/main\n").as_bytes()));
        body.extend(pkt(format!("{b} refs/tags/v1\n").as_bytes()));
        body.extend(pkt(format!("{a} refs/tags/v1^{{}}\n").as_bytes()));
        body.extend(pkt(format!("{a} refs/pull/1/head\n").as_bytes()));
        body.extend_from_slice(b"0000");
        let s = parse_advertisement(&body).unwrap();
        assert_eq!(s.head.as_deref(), Some("refs/heads/main"));
        assert_eq!(s.refs.len(), 2);
        assert_eq!(s.refs["refs/tags/v1"], b);
        assert!(parse_advertisement(b"zzzz").is_err());
        assert!(parse_advertisement(b"00ffshort").is_err());
    }

    #[test]
    fn diff_kinds() {
        let snap = |refs: &[(&str, &str)], head: &str| Snapshot {
            refs: refs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            head: Some(head.to_string()),
        };
        let old = snap(
            &[
                ("refs/heads/main", "a"),
                ("refs/heads/dev", "b"),
                ("refs/heads/gone", "c"),
                ("refs/tags/v1", "t1"),
                ("refs/tags/v2", "t2"),
            ],
            "refs/heads/main",
        );
        let new = snap(
            &[
                ("refs/heads/main", "a2"),
                ("refs/heads/dev", "b2"),
                ("refs/heads/new", "d"),
                ("refs/tags/v1", "t1x"),
                ("refs/tags/v3", "t3"),
            ],
            "refs/heads/dev",
        );
        let (events, notes) = diff(&old, &new, &|o, _| match o {
            "a" => Some(true),
            "b" => Some(false),
            _ => None,
        });
        assert!(notes.is_empty());
        let kinds: Vec<(&str, &str)> = events
            .iter()
            .map(|e| (e.kind, e.ref_name.as_str()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("force-push", "refs/heads/dev"),
                ("branch-deleted", "refs/heads/gone"),
                ("tag-moved", "refs/tags/v1"),
                ("tag-deleted", "refs/tags/v2"),
                ("branch-created", "refs/heads/new"),
                ("tag-created", "refs/tags/v3"),
                ("default-branch-changed", "HEAD"),
            ]
        );
    }
}
