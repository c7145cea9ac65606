//! Deciding whether one package version is affected by an advisory's `affected` entry,
//! exactly as the OSV schema's evaluation algorithm says: events sorted by version,
//! `introduced` (incl. `"0"`) opens, `fixed` closes at, `last_affected` closes after,
//! `limit` caps; several ranges are OR-ed; explicit `versions` are matched as listed.
//!
//! An unparseable version is reported as [`Verdict::Unknown`] with the reason: never
//! read as "not affected".

use crate::ecosystem::{EcosystemName, normalize_name};
use crate::store::{EcosystemStore, Entries, IndexEntry, IndexEvent, IndexRange, RangeKind};
use std::cmp::Ordering;
use trustward_versions::{Scheme, Version};

/// The result of checking one version against one affected entry or range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The version is affected.
    Affected,
    /// The version is not affected.
    NotAffected,
    /// It cannot be decided (a version does not parse), with the reason.
    Unknown(String),
}

/// A package to look up.
#[derive(Debug, Clone, Copy)]
pub struct PackageQuery<'a> {
    /// OSV ecosystem name, possibly with a suffix.
    pub ecosystem: &'a str,
    /// The package name.
    pub name: &'a str,
    /// The exact installed version.
    pub version: &'a str,
}

/// One advisory that affects the queried package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the advisory in the ecosystem store.
    pub advisory: u32,
    /// `fixed` versions of the entries for this package (as spelled in the advisory).
    pub fixed: Vec<String>,
    /// RustSec `informational` kind, if the entry has one.
    pub informational: Option<String>,
}

/// Hits plus the advisories that could not be decided.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatchOutcome {
    /// Advisories that affect the package.
    pub hits: Vec<Hit>,
    /// Advisories that name the package but could not be evaluated: (advisory index,
    /// reason).
    pub unknown: Vec<(u32, String)>,
}

/// The scheme a range of `kind` orders by in ecosystem `base`.
fn scheme_for(kind: RangeKind, base: &str) -> Result<Scheme, String> {
    match kind {
        RangeKind::Semver => Ok(Scheme::SemVer),
        RangeKind::Ecosystem => Scheme::for_ecosystem(base)
            .ok_or_else(|| format!("no version ordering is known for ecosystem `{base}`")),
    }
}

/// Parses the installed version for a range: `SEMVER` ranges and OSV's Go versions never
/// carry a `v` prefix, Go lockfiles do.
fn parse_installed(scheme: Scheme, kind: RangeKind, v: &str) -> Result<Version, String> {
    let text = match (kind, scheme) {
        (RangeKind::Semver, _) | (_, Scheme::Go) => v.strip_prefix('v').unwrap_or(v),
        (RangeKind::Ecosystem, _) => v,
    };
    Version::parse(scheme, text).map_err(|e| format!("installed version: {e}"))
}

enum Bound {
    Zero,
    At(Version),
}

fn cmp_bound(a: &Bound, b: &Bound) -> Ordering {
    match (a, b) {
        (Bound::Zero, Bound::Zero) => Ordering::Equal,
        (Bound::Zero, _) => Ordering::Less,
        (_, Bound::Zero) => Ordering::Greater,
        (Bound::At(x), Bound::At(y)) => x.cmp(y),
    }
}

/// Evaluates one range for an installed version.
pub fn range_affects(range: &IndexRange, base: &str, installed: &str) -> Verdict {
    let scheme = match scheme_for(range.kind, base) {
        Ok(s) => s,
        Err(e) => return Verdict::Unknown(e),
    };
    let v = match parse_installed(scheme, range.kind, installed) {
        Ok(v) => v,
        Err(e) => return Verdict::Unknown(e),
    };
    let parse = |s: &str| {
        let text = match (range.kind, scheme) {
            (RangeKind::Semver, _) | (_, Scheme::Go) => s.strip_prefix('v').unwrap_or(s),
            (RangeKind::Ecosystem, _) => s,
        };
        Version::parse(scheme, text).map_err(|e| format!("advisory range: {e}"))
    };
    // (kind: 0 introduced, 1 fixed, 2 last_affected, bound)
    let mut events: Vec<(u8, Bound)> = Vec::with_capacity(range.events.len());
    let mut limits: Vec<Version> = Vec::new();
    let mut unlimited = false;
    for e in &range.events {
        let (k, s) = match e {
            IndexEvent::Introduced(s) => (0u8, s),
            IndexEvent::Fixed(s) => (1, s),
            IndexEvent::LastAffected(s) => (2, s),
            IndexEvent::Limit(s) => (3, s),
        };
        let s = s.trim();
        if s.is_empty() {
            // An empty version carries no bound (seen as `"fixed": ""` in real data).
            continue;
        }
        if k == 0 && s == "0" {
            events.push((0, Bound::Zero));
            continue;
        }
        if k == 3 && s == "*" {
            unlimited = true;
            continue;
        }
        match parse(s) {
            Ok(ver) if k == 3 => limits.push(ver),
            Ok(ver) => events.push((k, Bound::At(ver))),
            Err(err) => return Verdict::Unknown(err),
        }
    }
    events.sort_by(|a, b| cmp_bound(&a.1, &b.1));
    let mut affected = false;
    for (k, b) in &events {
        match (k, b) {
            (0, Bound::Zero) => affected = true,
            (0, Bound::At(x)) if v >= *x => affected = true,
            (1, Bound::At(x)) if v >= *x => affected = false,
            (2, Bound::At(x)) if v > *x => affected = false,
            _ => {}
        }
    }
    if affected && !unlimited && !limits.is_empty() && !limits.iter().any(|l| v < *l) {
        affected = false;
    }
    if affected {
        Verdict::Affected
    } else {
        Verdict::NotAffected
    }
}

/// Whether `installed` appears in an explicit `versions` list: the same string, the same
/// string without a `v` prefix, or equal under the ecosystem's ordering.
fn listed(entry: &IndexEntry, base: &str, installed: &str) -> bool {
    if entry.versions.is_empty() {
        return false;
    }
    let bare = installed.strip_prefix('v').unwrap_or(installed);
    if entry
        .versions
        .iter()
        .any(|l| l == installed || l.strip_prefix('v').unwrap_or(l) == bare)
    {
        return true;
    }
    let Some(scheme) = Scheme::for_ecosystem(base) else {
        return false;
    };
    let Ok(v) = Version::parse(scheme, installed) else {
        return false;
    };
    entry
        .versions
        .iter()
        .any(|l| Version::parse(scheme, l).is_ok_and(|x| x.cmp(&v) == Ordering::Equal))
}

/// Evaluates one affected entry: listed versions, then every range.
pub fn entry_affects(entry: &IndexEntry, base: &str, installed: &str) -> Verdict {
    if listed(entry, base, installed) {
        return Verdict::Affected;
    }
    let mut unknown = None;
    for r in &entry.ranges {
        match range_affects(r, base, installed) {
            Verdict::Affected => return Verdict::Affected,
            Verdict::Unknown(why) => unknown = Some(why),
            Verdict::NotAffected => {}
        }
    }
    match unknown {
        Some(why) => Verdict::Unknown(why),
        None => Verdict::NotAffected,
    }
}

/// The entries of `store` for a package (name normalised) and the suffix a matching
/// entry must carry: a query without a suffix matches entries with any suffix.
pub fn entries_for(
    store: &EcosystemStore,
    ecosystem: &str,
    name: &str,
) -> Result<(Entries, Option<String>), String> {
    let eco = EcosystemName::parse(ecosystem);
    let key = normalize_name(&eco.base, name);
    let list = store
        .entries(&key)
        .map_err(|e| format!("vulnerability database: {e}"))?;
    Ok((list, eco.suffix))
}

fn suffix_ok(e: &IndexEntry, suffix: &Option<String>) -> bool {
    suffix.is_none() || e.suffix == *suffix
}

/// Every advisory of `store` that affects the queried package.
pub fn match_package(store: &EcosystemStore, q: &PackageQuery<'_>) -> MatchOutcome {
    let base = EcosystemName::parse(q.ecosystem).base;
    let mut out = MatchOutcome::default();
    let (list, suffix) = match entries_for(store, q.ecosystem, q.name) {
        Ok(x) => x,
        Err(why) => {
            out.unknown.push((u32::MAX, why));
            return out;
        }
    };
    for entry in list.iter().filter(|e| suffix_ok(e, &suffix)) {
        match entry_affects(entry, &base, q.version) {
            Verdict::Affected => {
                let fixed: Vec<String> = entry
                    .ranges
                    .iter()
                    .flat_map(|r| r.events.iter())
                    .filter_map(|e| match e {
                        IndexEvent::Fixed(f) if !f.trim().is_empty() => Some(f.clone()),
                        _ => None,
                    })
                    .collect();
                match out.hits.iter_mut().find(|h| h.advisory == entry.advisory) {
                    Some(h) => {
                        h.fixed.extend(fixed);
                        if h.informational.is_none() {
                            h.informational = entry.informational.clone();
                        }
                    }
                    None => out.hits.push(Hit {
                        advisory: entry.advisory,
                        fixed,
                        informational: entry.informational.clone(),
                    }),
                }
            }
            Verdict::Unknown(why) => out.unknown.push((entry.advisory, why)),
            Verdict::NotAffected => {}
        }
    }
    // An advisory affected through one entry is decided, whatever another entry says.
    let hits = &out.hits;
    out.unknown
        .retain(|(a, _)| !hits.iter().any(|h| h.advisory == *a));
    out.unknown.dedup_by(|a, b| a.0 == b.0);
    for h in &mut out.hits {
        h.fixed.sort();
        h.fixed.dedup();
    }
    out
}

/// Whether advisory `advisory` affects `version` of the package (used to check that a
/// suggested fixed version really leaves every range).
pub fn advisory_affects(
    store: &EcosystemStore,
    ecosystem: &str,
    name: &str,
    advisory: u32,
    version: &str,
) -> Verdict {
    let base = EcosystemName::parse(ecosystem).base;
    let mut unknown = None;
    let (list, suffix) = match entries_for(store, ecosystem, name) {
        Ok(x) => x,
        Err(why) => return Verdict::Unknown(why),
    };
    for entry in list
        .iter()
        .filter(|e| e.advisory == advisory && suffix_ok(e, &suffix))
    {
        match entry_affects(entry, &base, version) {
            Verdict::Affected => return Verdict::Affected,
            Verdict::Unknown(w) => unknown = Some(w),
            Verdict::NotAffected => {}
        }
    }
    unknown.map_or(Verdict::NotAffected, Verdict::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(kind: RangeKind, evs: &[(&str, &str)]) -> IndexRange {
        IndexRange {
            kind,
            events: evs
                .iter()
                .map(|(k, v)| match *k {
                    "i" => IndexEvent::Introduced(v.to_string()),
                    "f" => IndexEvent::Fixed(v.to_string()),
                    "l" => IndexEvent::LastAffected(v.to_string()),
                    _ => IndexEvent::Limit(v.to_string()),
                })
                .collect(),
        }
    }

    fn check(r: &IndexRange, v: &str) -> Verdict {
        range_affects(r, "crates.io", v)
    }

    #[test]
    fn introduced_fixed() {
        let r = range(RangeKind::Semver, &[("i", "0"), ("f", "1.2.3")]);
        assert_eq!(check(&r, "0.0.1"), Verdict::Affected);
        assert_eq!(check(&r, "1.2.2"), Verdict::Affected);
        assert_eq!(check(&r, "1.2.3"), Verdict::NotAffected);
        assert_eq!(check(&r, "2.0.0"), Verdict::NotAffected);
    }

    #[test]
    fn several_intervals_in_one_range_unsorted() {
        let r = range(
            RangeKind::Ecosystem,
            &[
                ("f", "2.5.0"),
                ("i", "2.0.0"),
                ("i", "1.0.0"),
                ("f", "1.4.0"),
            ],
        );
        assert_eq!(check(&r, "0.9.0"), Verdict::NotAffected);
        assert_eq!(check(&r, "1.0.0"), Verdict::Affected);
        assert_eq!(check(&r, "1.4.0"), Verdict::NotAffected);
        assert_eq!(check(&r, "1.9.9"), Verdict::NotAffected);
        assert_eq!(check(&r, "2.4.9"), Verdict::Affected);
        assert_eq!(check(&r, "2.5.0"), Verdict::NotAffected);
    }

    #[test]
    fn last_affected_and_limit() {
        let r = range(RangeKind::Semver, &[("i", "1.0.0"), ("l", "1.3.0")]);
        assert_eq!(check(&r, "1.3.0"), Verdict::Affected);
        assert_eq!(check(&r, "1.3.1"), Verdict::NotAffected);
        let r = range(RangeKind::Semver, &[("i", "0"), ("x", "2.0.0")]);
        assert_eq!(check(&r, "1.9.0"), Verdict::Affected);
        assert_eq!(check(&r, "2.0.0"), Verdict::NotAffected);
        let r = range(RangeKind::Semver, &[("i", "0"), ("x", "*")]);
        assert_eq!(check(&r, "9.0.0"), Verdict::Affected);
    }

    #[test]
    fn introduced_only_is_open_ended() {
        let r = range(RangeKind::Semver, &[("i", "1.0.0")]);
        assert_eq!(check(&r, "99.0.0"), Verdict::Affected);
        assert_eq!(check(&r, "0.9.0"), Verdict::NotAffected);
    }

    #[test]
    fn empty_fixed_is_no_bound() {
        let r = range(RangeKind::Semver, &[("i", "0"), ("f", "")]);
        assert_eq!(check(&r, "1.0.0"), Verdict::Affected);
    }

    #[test]
    fn unparseable_is_unknown_never_unaffected() {
        let r = range(RangeKind::Semver, &[("i", "0"), ("f", "1.0.0")]);
        assert!(matches!(check(&r, "not a version"), Verdict::Unknown(_)));
        let r = range(RangeKind::Semver, &[("i", "0"), ("f", "@@")]);
        assert!(matches!(check(&r, "1.0.0"), Verdict::Unknown(_)));
        let r = range(RangeKind::Ecosystem, &[("i", "0")]);
        assert!(matches!(
            range_affects(&r, "NoSuchEcosystem", "1.0.0"),
            Verdict::Unknown(_)
        ));
    }

    #[test]
    fn go_v_prefix_under_semver() {
        let r = range(RangeKind::Semver, &[("i", "0"), ("f", "1.7.0")]);
        assert_eq!(range_affects(&r, "Go", "v1.6.0"), Verdict::Affected);
        assert_eq!(range_affects(&r, "Go", "v1.7.0"), Verdict::NotAffected);
    }

    #[test]
    fn versions_list_exact() {
        let e = IndexEntry {
            advisory: 0,
            suffix: None,
            name: "x".into(),
            ranges: vec![],
            versions: vec!["1.0.0".into(), "1.0.2".into()],
            informational: None,
        };
        assert_eq!(entry_affects(&e, "npm", "1.0.2"), Verdict::Affected);
        assert_eq!(entry_affects(&e, "npm", "1.0.1"), Verdict::NotAffected);
    }
}
