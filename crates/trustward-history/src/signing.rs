//! Commit and release-tag signatures over the window.

use crate::repo::{CommitInfo, Repo};
use crate::settings::Settings;
use crate::signature::{SigKind, Verdict, Verifier, split_commit, split_tag};
use serde::Serialize;
use std::collections::BTreeMap;
use trustward_core::maturity::{Check, Evidence};
use trustward_core::{
    AnalyzerOutput, Confidence, Finding, Level, Location, Practice, Rule, ScanError, Severity,
};

const SIGNING_REFS: &[&str] = &[
    "https://git-scm.com/docs/git-verify-commit",
    "https://git-scm.com/docs/git-config#Documentation/git-config.txt-gpgsshallowedSignersFile",
    "https://man.openbsd.org/ssh-keygen#ALLOWED_SIGNERS",
];

/// A commit signature that does not verify.
pub static COMMIT_SIGNATURE_INVALID: Rule = Rule {
    id: "history/commit-signature-invalid",
    title: "A commit signature does not verify",
    severity: Severity::High,
    confidence: Confidence::High,
    practice: Practice::KnowYourContributors,
    level: Level::Standard,
    controls: &[],
    description: "A commit in the window carries a signature (`gpgsig` header) that does not \
        verify over the commit: the commit was changed after it was signed, the signature was \
        copied from another commit, the SSH signature's namespace is not `git`, or the \
        signature is malformed. SSH signatures are checked against the key they embed even \
        without an allowed-signers file; OpenPGP signatures are checked when a `[history] \
        keyring` holds the issuing key.",
    why: "A signature that does not verify is worse than none: it looks like provenance to \
        anyone who does not check, and it is what a forged or rewritten commit looks like.",
    fix: "Find out how the commit was produced; if the history was tampered with, restore it \
        from a trusted copy and rotate credentials of the people who can push.",
    fix_details: "Check the commit yourself with `git verify-commit <id>` (with \
        `gpg.ssh.allowedSignersFile` set for SSH signatures).",
    references: SIGNING_REFS,
};

/// A commit signed by a key that is not in the configured allowed signers or keyring.
pub static COMMIT_SIGNED_BY_UNKNOWN_KEY: Rule = Rule {
    id: "history/commit-signed-by-unknown-key",
    title: "A commit is signed by a key that is not in the allowed signers or keyring",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::KnowYourContributors,
    level: Level::Standard,
    controls: &[],
    description: "A commit in the window carries a well-formed signature, but its key is not \
        in `[history] allowed_signers` (SSH; or the entry does not allow the `git` namespace \
        at the commit's time) or in `[history] keyring` (OpenPGP). Reported only when keys \
        for that signature type are configured.",
    why: "Anyone can sign with a fresh key: a signature only evidences who made a change when \
        the key is known to belong to a maintainer or contributor.",
    fix: "Add the contributor's key to the allowed-signers file or keyring after checking it \
        belongs to them, or find out who made the commit.",
    fix_details: "",
    references: SIGNING_REFS,
};

/// Fewer commits signed than the policy asks.
pub static SIGNED_RATIO_BELOW_POLICY: Rule = Rule {
    id: "history/signed-ratio-below-policy",
    title: "Fewer commits are signed than `[history] min_signed_ratio` requires",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::KnowYourContributors,
    level: Level::Standard,
    controls: &[],
    description: "The share of commits in the window with a signature that counts is below \
        `[history] min_signed_ratio`. A signature counts when it is verified with a configured \
        key, or, for a signature type with no keys configured, when it is present and not \
        broken. Fires only when the policy is set.",
    why: "Signed commits tie each change to a key a maintainer controls, so a stolen password \
        or a compromised forge account cannot slip in unattributed changes unnoticed.",
    fix: "Ask contributors to sign commits (`git config commit.gpgsign true` with \
        `gpg.format ssh` and `user.signingkey`) and require signed commits on the default branch.",
    fix_details: "```sh\ngit config --global gpg.format ssh\ngit config --global user.signingkey ~/.ssh/id_ed25519.pub\ngit config --global commit.gpgsign true\ngit config --global tag.gpgsign true\n```",
    references: SIGNING_REFS,
};

/// A release tag that is lightweight or unsigned.
pub static RELEASE_TAG_UNSIGNED: Rule = Rule {
    id: "history/release-tag-unsigned",
    title: "A release tag is lightweight or unsigned",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::SecureReleasesAndUpdates,
    level: Level::Standard,
    controls: &["OSPS-BR-06.01"],
    description: "A tag whose name looks like a release (`[history] release_tag_pattern`, by \
        default `v1.2.3`, `1.2.3`, `v2.0.0-rc.1`) made in the window is a lightweight tag (a \
        bare ref with no tagger) or an annotated tag without a signature.",
    why: "A tag is a movable pointer: without a signature nothing shows that the commit a \
        release tag names is the one the maintainers released.",
    fix: "Create release tags with `git tag -s` (OpenPGP or SSH signing).",
    fix_details: "",
    references: &[
        "https://git-scm.com/docs/git-tag",
        "https://git-scm.com/docs/git-verify-tag",
    ],
};

/// A tag signature that does not verify.
pub static TAG_SIGNATURE_INVALID: Rule = Rule {
    id: "history/tag-signature-invalid",
    title: "A release tag's signature does not verify",
    severity: Severity::High,
    confidence: Confidence::High,
    practice: Practice::SecureReleasesAndUpdates,
    level: Level::Standard,
    controls: &["OSPS-BR-06.01"],
    description: "A release tag carries a signature that does not verify over the tag object \
        (changed after signing, or malformed). Checked as for commits.",
    why: "A broken release signature is what a tampered release looks like.",
    fix: "Check the tag with `git verify-tag`; re-create it from the maintainers' trusted copy.",
    fix_details: "",
    references: &["https://git-scm.com/docs/git-verify-tag"],
};

/// A tag signed by an unknown key.
pub static TAG_SIGNED_BY_UNKNOWN_KEY: Rule = Rule {
    id: "history/tag-signed-by-unknown-key",
    title: "A release tag is signed by a key that is not in the allowed signers or keyring",
    severity: Severity::Medium,
    confidence: Confidence::High,
    practice: Practice::SecureReleasesAndUpdates,
    level: Level::Standard,
    controls: &["OSPS-BR-06.01"],
    description: "A release tag's signature is well formed but its key is not in the \
        configured allowed signers (SSH) or keyring (OpenPGP).",
    why: "Only a signature by a known release key evidences who released.",
    fix: "Add the release manager's key to the allowed signers or keyring after checking it, \
        or re-sign the tag with a known key.",
    fix_details: "",
    references: &["https://git-scm.com/docs/git-verify-tag"],
};

/// Rules of this module.
pub const RULES: &[&Rule] = &[
    &COMMIT_SIGNATURE_INVALID,
    &COMMIT_SIGNED_BY_UNKNOWN_KEY,
    &SIGNED_RATIO_BELOW_POLICY,
    &RELEASE_TAG_UNSIGNED,
    &TAG_SIGNATURE_INVALID,
    &TAG_SIGNED_BY_UNKNOWN_KEY,
];

/// Commits in the window are signed.
pub static CHECK_COMMITS_SIGNED: Check = Check {
    id: "history/commits-signed",
    title: "Commits in the window are signed, and every signature verifies",
    practice: Practice::KnowYourContributors,
    level: Level::Standard,
    controls: &[],
    how: "Reads every commit behind HEAD in the `[history]` window from the object store: \
        met when the share of signed commits reaches `min_signed_ratio` (default: every \
        commit) and no signature fails verification.",
    why_level: "Signing needs keys set up by every contributor: beyond what a small project \
        does first, expected of projects with users in production.",
};

/// Release tags are signed.
pub static CHECK_RELEASE_TAGS_SIGNED: Check = Check {
    id: "history/release-tags-signed",
    title: "Release tags in the window are annotated, signed, and every signature verifies",
    practice: Practice::SecureReleasesAndUpdates,
    level: Level::Standard,
    controls: &["OSPS-BR-06.01"],
    how: "Reads every tag matching `release_tag_pattern` made in the window: met when each \
        is an annotated tag with a signature that does not fail verification; not applicable \
        when there is no release tag in the window.",
    why_level: "Signed releases are asked of projects whose users rely on releases.",
};

/// Checks of this module.
pub const CHECKS: &[&Check] = &[&CHECK_COMMITS_SIGNED, &CHECK_RELEASE_TAGS_SIGNED];

/// Signature counts per type over the window, for the report.
#[derive(Debug, Default, Clone, Serialize)]
pub struct SigningStats {
    /// Commits in the window.
    pub commits: usize,
    /// Commits with a signature header.
    pub signed: usize,
    /// Signed commits by type (`openpgp`, `ssh`, `x509`, `unknown`).
    pub by_type: BTreeMap<String, usize>,
    /// Verified with a configured key.
    pub verified: usize,
    /// Failed verification.
    pub invalid: usize,
    /// Signed by a key not configured.
    pub unknown_key: usize,
    /// Signatures that count towards the ratio.
    pub counted: usize,
}

/// The verdict of each commit, in the window order, with stats.
pub fn commits(
    repo: &Repo,
    window: &[&CommitInfo],
    settings: &Settings,
    verifier: &Verifier,
    out: &mut AnalyzerOutput,
) -> SigningStats {
    let mut stats = SigningStats {
        commits: window.len(),
        ..Default::default()
    };
    let configured = |k: Option<SigKind>| match k {
        Some(SigKind::Ssh) => verifier.allowed_signers.is_some(),
        Some(SigKind::OpenPgp) => verifier.keyring.is_some(),
        _ => false,
    };
    for c in window.iter().filter(|c| c.signed) {
        let raw = match repo.raw(&c.id, gix::object::Kind::Commit) {
            Ok(r) => r,
            Err(e) => {
                out.errors.push(ScanError::new("", e));
                continue;
            }
        };
        let Some(signed) = split_commit(&raw) else {
            continue;
        };
        stats.signed += 1;
        *stats
            .by_type
            .entry(signed.kind.map_or("unknown", SigKind::as_str).to_string())
            .or_default() += 1;
        let id = c.id.to_string();
        let short = &id[..12.min(id.len())];
        let verdict = verifier.verify(&signed, c.commit_time);
        let loc = Location::none().with_commit(id.clone());
        match verdict {
            Verdict::Good { .. } => {
                stats.verified += 1;
                stats.counted += 1;
            }
            Verdict::Unverified { .. } => {
                if !configured(signed.kind) {
                    stats.counted += 1;
                }
            }
            Verdict::Bad { reason } => {
                stats.invalid += 1;
                out.findings.push(
                    Finding::new(
                        &COMMIT_SIGNATURE_INVALID,
                        format!(
                            "commit {short} by {} <{}>: {reason}",
                            c.author_name, c.author_email
                        ),
                        loc,
                    )
                    .with_key(id.clone())
                    .with_data("commit", id.clone())
                    .with_data(
                        "signature_type",
                        signed.kind.map_or("unknown", SigKind::as_str),
                    ),
                );
            }
            Verdict::UnknownKey { key } => {
                stats.unknown_key += 1;
                out.findings.push(
                    Finding::new(
                        &COMMIT_SIGNED_BY_UNKNOWN_KEY,
                        format!(
                            "commit {short} by {} <{}> is signed by {key}, which is not a configured key",
                            c.author_name, c.author_email
                        ),
                        loc,
                    )
                    .with_key(id.clone())
                    .with_data("commit", id.clone())
                    .with_data("key", key)
                    .with_data("signature_type", signed.kind.map_or("unknown", SigKind::as_str)),
                );
            }
        }
    }
    let ratio = ratio(stats.counted, stats.commits);
    let required = settings.min_signed_ratio;
    if let Some(min) = required
        && stats.commits > 0
        && ratio < min
    {
        out.findings.push(
            Finding::new(
                &SIGNED_RATIO_BELOW_POLICY,
                format!(
                    "{} of {} commits in the window are signed ({:.0}%), below min_signed_ratio {:.0}%",
                    stats.counted,
                    stats.commits,
                    ratio * 100.0,
                    min * 100.0
                ),
                Location::none(),
            )
            .with_key("min_signed_ratio"),
        );
    }
    let summary = format!(
        "{} of {} commits in the window signed ({}), {} verified, {} failing verification, {} by unknown keys",
        stats.signed,
        stats.commits,
        stats
            .by_type
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join(", "),
        stats.verified,
        stats.invalid,
        stats.unknown_key
    );
    let min = required.unwrap_or(1.0);
    out.evidence.push(if stats.commits == 0 {
        Evidence::not_evaluated(&CHECK_COMMITS_SIGNED, "no commits in the window")
    } else if stats.invalid == 0 && ratio >= min {
        Evidence::met(&CHECK_COMMITS_SIGNED, summary)
    } else {
        Evidence::not_met(&CHECK_COMMITS_SIGNED, summary)
    });
    stats
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 1.0 } else { n as f64 / d as f64 }
}

/// Release tags made at or after `cutoff` (tagger time, or the commit time of a
/// lightweight tag's commit).
pub fn tags(
    repo: &Repo,
    settings: &Settings,
    verifier: &Verifier,
    cutoff: i64,
    out: &mut AnalyzerOutput,
) {
    let mut errors = Vec::new();
    let mut seen = 0usize;
    let mut problems = Vec::new();
    for (name, id) in repo.tags(&mut errors) {
        if !settings.release_tag.is_match(&name) {
            continue;
        }
        let kind = match repo.kind(&id) {
            Ok(k) => k,
            Err(e) => {
                errors.push(format!("tag {name}: {e}"));
                continue;
            }
        };
        let loc = Location::none().with_commit(id.to_string());
        match kind {
            gix::object::Kind::Tag => {
                let raw = match repo.raw(&id, kind) {
                    Ok(r) => r,
                    Err(e) => {
                        errors.push(format!("tag {name}: {e}"));
                        continue;
                    }
                };
                let tag = match gix::objs::TagRef::from_bytes(&raw) {
                    Ok(t) => t,
                    Err(e) => {
                        errors.push(format!("tag {name}: object {id} is corrupt ({e})"));
                        continue;
                    }
                };
                let time = tag
                    .tagger()
                    .ok()
                    .flatten()
                    .and_then(|t| t.time().ok())
                    .map_or(0, |t| t.seconds);
                if time < cutoff {
                    continue;
                }
                seen += 1;
                let Some(signed) = split_tag(&raw) else {
                    problems.push(name.clone());
                    out.findings.push(
                        Finding::new(
                            &RELEASE_TAG_UNSIGNED,
                            format!("release tag {name} is annotated but not signed"),
                            loc,
                        )
                        .with_key(format!("{name}@{id}")),
                    );
                    continue;
                };
                match verifier.verify(&signed, time) {
                    Verdict::Bad { reason } => {
                        problems.push(name.clone());
                        out.findings.push(
                            Finding::new(
                                &TAG_SIGNATURE_INVALID,
                                format!("release tag {name}: {reason}"),
                                loc,
                            )
                            .with_key(format!("{name}@{id}")),
                        );
                    }
                    Verdict::UnknownKey { key } => {
                        problems.push(name.clone());
                        out.findings.push(
                            Finding::new(
                                &TAG_SIGNED_BY_UNKNOWN_KEY,
                                format!("release tag {name} is signed by {key}, which is not a configured key"),
                                loc,
                            )
                            .with_key(format!("{name}@{id}"))
                            .with_data("key", key),
                        );
                    }
                    Verdict::Good { .. } | Verdict::Unverified { .. } => {}
                }
            }
            gix::object::Kind::Commit => {
                let time = match repo.raw(&id, kind).and_then(|raw| {
                    gix::objs::CommitRef::from_bytes(&raw)
                        .map_err(|e| format!("object {id} is corrupt ({e})"))
                        .map(|c| c.time().map_or(0, |t| t.seconds))
                }) {
                    Ok(t) => t,
                    Err(e) => {
                        errors.push(format!("tag {name}: {e}"));
                        continue;
                    }
                };
                if time < cutoff {
                    continue;
                }
                seen += 1;
                problems.push(name.clone());
                out.findings.push(
                    Finding::new(
                        &RELEASE_TAG_UNSIGNED,
                        format!(
                            "release tag {name} is a lightweight tag (no tagger, no signature)"
                        ),
                        loc,
                    )
                    .with_key(format!("{name}@{id}")),
                );
            }
            _ => {}
        }
    }
    let had_errors = !errors.is_empty();
    out.errors
        .extend(errors.into_iter().map(|e| ScanError::new("", e)));
    out.evidence.push(if seen == 0 {
        if had_errors {
            Evidence::not_evaluated(&CHECK_RELEASE_TAGS_SIGNED, "tags could not be read")
        } else {
            Evidence::not_applicable(&CHECK_RELEASE_TAGS_SIGNED, "no release tag in the window")
        }
    } else if problems.is_empty() {
        Evidence::met(
            &CHECK_RELEASE_TAGS_SIGNED,
            format!("{seen} release tags in the window, all signed"),
        )
    } else {
        Evidence::not_met(
            &CHECK_RELEASE_TAGS_SIGNED,
            format!(
                "{} of {seen} release tags unsigned or failing verification: {}",
                problems.len(),
                problems.join(", ")
            ),
        )
    });
}
