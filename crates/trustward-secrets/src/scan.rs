//! Scanning named buffers (files, blobs, standard input) with the engine: binary and size
//! checks, archives opened in memory, counts for the summary, and turning matches into
//! trustward findings with the secret redacted.

use crate::archive::{self, Budget, Limits};
use crate::engine::{self, Engine, Match};
use crate::redact;
use std::sync::atomic::{AtomicU64, Ordering};
use trustward_core::{Finding, Location, ScanError};

/// Counters of one scan, safe to bump from many threads.
#[derive(Debug, Default)]
pub struct Stats {
    /// Buffers scanned as text.
    pub scanned: AtomicU64,
    /// Bytes scanned as text.
    pub bytes: AtomicU64,
    /// Buffers skipped as binary.
    pub binary: AtomicU64,
    /// Files or blobs skipped for exceeding the size cap.
    pub too_large: AtomicU64,
    /// Archives opened.
    pub archives: AtomicU64,
    /// Files skipped by a path allowlist.
    pub allowlisted: AtomicU64,
    /// Buffers whose matches were truncated.
    pub truncated: AtomicU64,
}

impl Stats {
    fn bump(c: &AtomicU64, n: u64) {
        c.fetch_add(n, Ordering::Relaxed);
    }

    /// A one-line summary, e.g. for `-v`.
    pub fn summary(&self) -> String {
        let g = |c: &AtomicU64| c.load(Ordering::Relaxed);
        format!(
            "scanned {} buffers ({:.1} MiB), opened {} archives; skipped {} binary, {} over the size cap, {} allowlisted by path",
            g(&self.scanned),
            g(&self.bytes) as f64 / (1024.0 * 1024.0),
            g(&self.archives),
            g(&self.binary),
            g(&self.too_large),
            g(&self.allowlisted)
        )
    }

    /// Warnings a user should see (skips that may hide secrets).
    pub fn warnings(&self, cap: u64) -> Vec<String> {
        let mut w = Vec::new();
        let too_large = self.too_large.load(Ordering::Relaxed);
        if too_large > 0 {
            w.push(format!(
                "{too_large} files or blobs over the {cap}-byte size cap were not scanned (raise [secrets] max_file_size)"
            ));
        }
        let truncated = self.truncated.load(Ordering::Relaxed);
        if truncated > 0 {
            w.push(format!(
                "{truncated} files had more than {} matches; only the first were reported",
                engine::MAX_MATCHES_PER_BUFFER
            ));
        }
        w
    }
}

/// One match in a named buffer; `path` names archive members as `a.zip!inner/file`.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Where.
    pub path: String,
    /// What.
    pub m: Match,
}

/// The engine plus how to read and report.
#[derive(Debug)]
pub struct Scanner {
    /// The rules.
    pub engine: Engine,
    /// Print secrets in full.
    pub show_secrets: bool,
    /// Size cap per file, blob or archive member.
    pub max_file_size: u64,
    /// Open archives.
    pub archives: bool,
    /// Archive limits.
    pub limits: Limits,
    /// Counters.
    pub stats: Stats,
}

impl Scanner {
    /// A scanner with default limits.
    pub fn new(engine: Engine, show_secrets: bool, max_file_size: u64) -> Scanner {
        Scanner {
            engine,
            show_secrets,
            max_file_size,
            archives: true,
            limits: Limits::default(),
            stats: Stats::default(),
        }
    }

    /// Records a file skipped for its size.
    pub fn note_too_large(&self) {
        Stats::bump(&self.stats.too_large, 1);
    }

    /// Scans a named buffer (and, for archives, its members).
    pub fn scan_named(
        &self,
        path: &str,
        data: &[u8],
        commit: Option<&str>,
        errors: &mut Vec<ScanError>,
    ) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut budget = Budget::new(&self.limits);
        self.scan_inner(path, data, commit, 0, &mut budget, errors, &mut hits);
        hits
    }

    #[allow(clippy::too_many_arguments)]
    fn scan_inner(
        &self,
        path: &str,
        data: &[u8],
        commit: Option<&str>,
        depth: u32,
        budget: &mut Budget,
        errors: &mut Vec<ScanError>,
        hits: &mut Vec<Hit>,
    ) {
        if self.engine.path_allowed(path) {
            Stats::bump(&self.stats.allowlisted, 1);
            return;
        }
        for rule in self.engine.path_matches(path) {
            hits.push(Hit {
                path: path.to_string(),
                m: Match {
                    rule,
                    secret: path.as_bytes().to_vec(),
                    start: 0,
                    line: 0,
                    column: 0,
                    end_line: 0,
                    end_column: 0,
                    entropy: 0.0,
                    confidence: None,
                },
            });
        }
        if data.len() as u64 > self.max_file_size {
            self.note_too_large();
            return;
        }
        let name = path.rsplit(['/', '!']).next().unwrap_or(path);
        if self.archives
            && let Some(kind) = archive::kind_of(name)
        {
            if depth >= self.limits.max_depth {
                errors.push(ScanError::new(
                    path,
                    format!(
                        "archive nested deeper than {} levels was not opened (raise [secrets] archive_max_depth)",
                        self.limits.max_depth
                    ),
                ));
                return;
            }
            Stats::bump(&self.stats.archives, 1);
            let mut inner: Vec<(String, Vec<u8>)> = Vec::new();
            // Members are scanned as they are read, so only one is held at a time;
            // nested archives are collected and opened after the walk.
            let result = archive::walk(kind, data, budget, &mut |member, bytes| {
                let member_path = format!("{path}!{member}");
                if archive::kind_of(member).is_some() {
                    inner.push((member_path, bytes.to_vec()));
                } else {
                    self.scan_text(&member_path, bytes, commit, hits);
                }
            });
            if let Err(e) = result {
                errors.push(ScanError::new(path, e.to_string()));
            }
            for (p, bytes) in inner {
                self.scan_inner(&p, &bytes, commit, depth + 1, budget, errors, hits);
            }
            return;
        }
        self.scan_text(path, data, commit, hits);
    }

    fn scan_text(&self, path: &str, data: &[u8], commit: Option<&str>, hits: &mut Vec<Hit>) {
        if data.len() as u64 > self.max_file_size {
            self.note_too_large();
            return;
        }
        if engine::is_binary(data) {
            Stats::bump(&self.stats.binary, 1);
            return;
        }
        Stats::bump(&self.stats.scanned, 1);
        Stats::bump(&self.stats.bytes, data.len() as u64);
        let (ms, outcome) = self.engine.scan(path, data, commit);
        if outcome.truncated {
            Stats::bump(&self.stats.truncated, 1);
        }
        hits.extend(ms.into_iter().map(|m| Hit {
            path: path.to_string(),
            m,
        }));
    }

    /// The trustward finding for a hit (history data is added by the caller).
    pub fn finding(&self, hit: &Hit) -> Option<Finding> {
        let rule = self.engine.rules().get(hit.m.rule)?;
        let sha = redact::secret_sha256(&hit.m.secret);
        let shown = redact::display(&hit.m.secret, self.show_secrets);
        let message = if rule.custom {
            format!("secret matched gitleaks rule `{}`: {shown}", rule.name)
        } else {
            let title = rule.report.title.trim_end_matches(" committed");
            format!("{title} found: {shown}")
        };
        let mut loc = Location::file(hit.path.clone());
        if hit.m.line > 0 {
            loc = loc
                .with_position(hit.m.line, hit.m.column)
                .with_end(hit.m.end_line, hit.m.end_column);
        }
        let mut f = Finding::new(rule.report, message, loc);
        if let Some(c) = hit.m.confidence {
            f = f.with_confidence(c);
        }
        Some(
            f.with_key(format!("{}\0{sha}", rule.name))
                .with_data("rule", rule.name.clone())
                .with_data("entropy", (hit.m.entropy * 100.0).round() / 100.0)
                .with_data("secret_sha256", sha)
                .with_data("secret", shown),
        )
    }
}
