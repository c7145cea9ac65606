//! The `history` analyzer: what only the git history evidences — whether commits and
//! release tags are signed (and the signatures verify, with SSH allowed signers or an
//! OpenPGP keyring), who contributes and what they touch, and binaries or key-shaped
//! files checked into the tree — and the `watch refs` monitor for rewritten history
//! ([`watch`]).
//!
//! It reads the object store with gix and never runs `git`, `gpg` or `ssh-keygen`. It
//! knows nothing about lockfiles, workflows' contents, secrets rules or output formats;
//! the CODEOWNERS parser is the posture crate's.

#![forbid(unsafe_code)]

pub mod allowed_signers;
pub mod content;
pub mod contributors;
pub mod repo;
pub mod settings;
pub mod signature;
pub mod signing;
pub mod watch;

use settings::Settings;
use signature::Verifier;
use trustward_core::maturity::{Check, Evidence};
use trustward_core::{
    Analyzer, AnalyzerOutput, AnalyzerStatus, Config, ConfigError, Rule, ScanContext, ScanError,
};

/// The history analyzer.
#[derive(Debug, Default, Clone)]
pub struct HistoryAnalyzer {
    /// A fixed "now" (seconds since the epoch) for tests.
    now: Option<i64>,
}

impl HistoryAnalyzer {
    /// An analyzer whose window ends at `now` (seconds since the epoch).
    pub fn with_now(mut self, now: i64) -> Self {
        self.now = Some(now);
        self
    }

    fn now(&self) -> i64 {
        self.now
            .unwrap_or_else(|| jiff::Timestamp::now().as_second())
    }
}

fn load_verifier(settings: &Settings, out: &mut AnalyzerOutput) -> Result<Verifier, String> {
    let mut v = Verifier::default();
    if let Some(path) = &settings.allowed_signers {
        let text = read_capped(path)?;
        let (signers, errors) = allowed_signers::AllowedSigners::parse(&text);
        for e in errors {
            out.errors.push(ScanError::new(
                format!("{}:{}", path.display(), e.line),
                format!("allowed signers: {}; the line was ignored", e.message),
            ));
        }
        v.allowed_signers = Some(signers);
    }
    if let Some(path) = &settings.keyring {
        let text = read_capped(path)?;
        v.keyring = Some(
            signature::parse_keyring(&text)
                .map_err(|e| format!("[history] keyring {}: {e}", path.display()))?,
        );
    }
    Ok(v)
}

/// Reads a configured key file (at most 16 MiB).
fn read_capped(path: &std::path::Path) -> Result<String, String> {
    use std::io::Read;
    const CAP: u64 = 16 * 1024 * 1024;
    let f =
        std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut s = String::new();
    f.take(CAP + 1)
        .read_to_string(&mut s)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if s.len() as u64 > CAP {
        return Err(format!("{} is larger than 16 MiB", path.display()));
    }
    Ok(s)
}

fn not_evaluated_all(out: &mut AnalyzerOutput, why: &str) {
    for c in all_checks() {
        out.evidence.push(Evidence::not_evaluated(c, why));
    }
}

fn all_checks() -> Vec<&'static Check> {
    let mut v = signing::CHECKS.to_vec();
    v.extend_from_slice(contributors::CHECKS);
    v.extend_from_slice(content::CHECKS);
    v
}

impl Analyzer for HistoryAnalyzer {
    fn name(&self) -> &'static str {
        "history"
    }

    fn description(&self) -> &'static str {
        "Git history: verified commit and release-tag signatures, contributors, checked-in binaries and credentials"
    }

    fn rules(&self) -> Vec<&'static Rule> {
        let mut v = signing::RULES.to_vec();
        v.extend_from_slice(contributors::RULES);
        v.extend_from_slice(content::RULES);
        v
    }

    fn checks(&self) -> Vec<&'static Check> {
        all_checks()
    }

    fn check_config(&self, config: &Config) -> Result<(), ConfigError> {
        Settings::load(config, std::path::Path::new(".")).map(|_| ())
    }

    fn run(&self, ctx: &ScanContext<'_>) -> AnalyzerOutput {
        if ctx.files.is_single_file() {
            return AnalyzerOutput {
                status: Some(AnalyzerStatus::NotApplicable),
                ..Default::default()
            };
        }
        let settings = match Settings::load(ctx.config, ctx.root()) {
            Ok(s) => s,
            Err(e) => {
                return AnalyzerOutput::not_checked(format!("invalid [history] settings: {e}"));
            }
        };
        let mut out = AnalyzerOutput::default();
        let root = ctx.root().to_path_buf();
        if !root.join(".git").exists() {
            out.status = Some(AnalyzerStatus::NotApplicable);
            let why = match trustward_core::git::repo_root(&root) {
                Some(r) => format!(
                    "the scanned path is inside the repository at {}: scan the repository root to check its history",
                    r.display()
                ),
                None => "not the root of a git repository".to_string(),
            };
            out.warnings.push(format!("history: {why}"));
            not_evaluated_all(&mut out, &why);
            return out;
        }
        let verifier = match load_verifier(&settings, &mut out) {
            Ok(v) => v,
            Err(e) => return AnalyzerOutput::not_checked(e),
        };
        ctx.progress.message("history", "reading commits");
        let repo = match repo::open(&root) {
            Ok(r) => r,
            Err(e) => {
                let mut o = AnalyzerOutput::not_checked(format!(
                    "cannot read the git repository at {}: {e}",
                    root.display()
                ));
                not_evaluated_all(&mut o, "the repository could not be read");
                return o;
            }
        };
        let Some(head) = repo.head else {
            out.warnings.push(
                "history: the repository has no commits yet: there is no history to check".into(),
            );
            out.status = Some(AnalyzerStatus::NotApplicable);
            not_evaluated_all(&mut out, "the repository has no commits");
            return out;
        };
        if repo.shallow {
            out.warnings.push(
                "history: this is a shallow clone: commits before the shallow boundary are not in the object store, so the window and first-time contributors may be incomplete (fetch with --unshallow)".into(),
            );
        }
        if repo.detached {
            out.warnings.push(format!(
                "history: HEAD is detached at {head}: the history behind that commit was checked"
            ));
        }
        let mut walk_errors = Vec::new();
        let mut all = repo.walk(head, &mut walk_errors);
        out.errors
            .extend(walk_errors.into_iter().map(|e| ScanError::new("", e)));
        // Newest first; ties by id for a stable order.
        all.sort_by(|a, b| b.commit_time.cmp(&a.commit_time).then(a.id.cmp(&b.id)));
        let now = self.now();
        let cutoff = settings.since.cutoff(now);
        let window: Vec<&repo::CommitInfo> = match settings.last {
            Some(n) => all.iter().take(n).collect(),
            None => all.iter().filter(|c| c.commit_time >= cutoff).collect(),
        };
        let tag_cutoff = match settings.last {
            Some(_) => window.last().map_or(i64::MAX, |c| c.commit_time),
            None => cutoff,
        };
        ctx.progress.message("history", "verifying signatures");
        signing::commits(&repo, &window, &settings, &verifier, &mut out);
        signing::tags(&repo, &settings, &verifier, tag_cutoff, &mut out);
        ctx.progress.message("history", "contributors");
        let history_before_window = match settings.last {
            Some(n) => all.len() > n,
            None => all.iter().any(|c| c.commit_time < cutoff),
        };
        if !history_before_window {
            out.warnings.push(
                "history: the whole history is inside the window: first-time contributors were not evaluated".into(),
            );
        }
        let table = contributors::run(
            &repo,
            &all,
            &window,
            history_before_window,
            &settings,
            &mut out,
        );
        out.contributors = table
            .into_iter()
            .map(|c| trustward_core::report::Contributor {
                name: c.name,
                email: c.email,
                commits: c.commits,
                first_commit: c.first_commit,
                first_time: c.first_time,
            })
            .collect();
        ctx.progress
            .message("history", "checked-in binaries and credentials");
        match all.iter().find(|c| c.id == head) {
            Some(c) => content::run(&repo, c.tree, &settings, &mut out),
            None => {
                for c in content::CHECKS {
                    out.evidence.push(Evidence::not_evaluated(
                        c,
                        "the HEAD commit could not be read",
                    ));
                }
            }
        }
        out
    }
}

/// The verdict on one commit's signature (`None` when unsigned): what the analyzer
/// concludes for that commit, for tools and tests.
pub fn verify_commit(
    root: &std::path::Path,
    id: &str,
    verifier: &Verifier,
) -> Result<Option<signature::Verdict>, String> {
    let repo = repo::open(root)?;
    let oid = gix::ObjectId::from_hex(id.as_bytes()).map_err(|e| format!("`{id}`: {e}"))?;
    let raw = repo.raw(&oid, gix::object::Kind::Commit)?;
    let time = gix::objs::CommitRef::from_bytes(&raw)
        .map_err(|e| format!("commit {id} is corrupt ({e})"))?
        .time()
        .map_or(0, |t| t.seconds);
    Ok(signature::split_commit(&raw).map(|s| verifier.verify(&s, time)))
}

/// A verifier from `[history]`-style key files (either may be absent).
pub fn verifier_from_files(
    allowed_signers: Option<&std::path::Path>,
    keyring: Option<&std::path::Path>,
) -> Result<Verifier, String> {
    let mut v = Verifier::default();
    if let Some(p) = allowed_signers {
        let (s, errors) = allowed_signers::AllowedSigners::parse(&read_capped(p)?);
        if let Some(e) = errors.first() {
            return Err(format!("{}:{}: {}", p.display(), e.line, e.message));
        }
        v.allowed_signers = Some(s);
    }
    if let Some(p) = keyring {
        v.keyring = Some(signature::parse_keyring(&read_capped(p)?)?);
    }
    Ok(v)
}
