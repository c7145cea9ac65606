//! Checking packages against the database and turning matches into findings: alias
//! de-duplication, the smallest fixed version above the installed one, the per-package
//! upgrade summary, severity.

use crate::ecosystem::EcosystemName;
use crate::matcher::{MatchOutcome, PackageQuery, Verdict, advisory_affects, match_package};
use crate::model::Advisory;
use crate::rules::{KNOWN_VULNERABILITY, MALICIOUS_PACKAGE};
use crate::severity::{AdvisorySeverity, of_advisory};
use crate::store::{Database, EcosystemStore};
use serde_json::{Value, json};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use trustward_core::{Finding, Location, ScanError, Severity};
use trustward_inventory::Package;
use trustward_versions::{Scheme, Version};

/// The result of checking a set of packages.
#[derive(Debug, Default)]
pub struct CheckOutput {
    /// One finding per (package, vulnerability).
    pub findings: Vec<Finding>,
    /// Packages that could not be fully checked (unparseable versions …).
    pub warnings: Vec<String>,
    /// Database files that could not be read.
    pub errors: Vec<ScanError>,
    /// Ecosystems present in the input but missing from the database.
    pub missing_ecosystems: BTreeSet<String>,
    /// Packages checked.
    pub checked: usize,
}

/// Loaded stores, by base ecosystem (`None`: not in the database).
#[derive(Default)]
pub struct Stores {
    map: HashMap<String, Option<EcosystemStore>>,
}

impl Stores {
    /// The store of `base`, loading it on first use.
    fn get(
        &mut self,
        db: &Database,
        base: &str,
        errors: &mut Vec<ScanError>,
    ) -> Option<&EcosystemStore> {
        if !self.map.contains_key(base) {
            let loaded = match db.load(base) {
                Ok(s) => s,
                Err(e) => {
                    errors.push(ScanError::new(
                        db.root().display().to_string(),
                        e.to_string(),
                    ));
                    None
                }
            };
            self.map.insert(base.to_string(), loaded);
        }
        self.map.get(base).and_then(Option::as_ref)
    }
}

/// A matched advisory with its full record.
struct Matched {
    idx: u32,
    adv: Advisory,
    fixed: Vec<String>,
    informational: Option<String>,
}

/// Checks every package against `db`.
pub fn check_packages(db: &Database, packages: &[Package]) -> CheckOutput {
    let mut out = CheckOutput::default();
    let mut stores = Stores::default();
    // Identical (ecosystem, name, version) triples are matched once.
    let mut cache: HashMap<(String, String, String), (MatchOutcome, Vec<Matched>)> = HashMap::new();
    for pkg in packages {
        let eco = pkg.ecosystem.as_str();
        let base = EcosystemName::parse(eco).base;
        let Some(store) = stores.get(db, &base, &mut out.errors) else {
            out.missing_ecosystems.insert(base);
            continue;
        };
        out.checked += 1;
        let key = (eco.to_string(), pkg.name.clone(), pkg.version.clone());
        if !cache.contains_key(&key) {
            let q = PackageQuery {
                ecosystem: eco,
                name: &pkg.name,
                version: &pkg.version,
            };
            let outcome = match_package(store, &q);
            let mut matched = Vec::new();
            for h in &outcome.hits {
                match store.advisory(h.advisory) {
                    Ok(adv) => matched.push(Matched {
                        idx: h.advisory,
                        adv,
                        fixed: h.fixed.clone(),
                        informational: h.informational.clone(),
                    }),
                    Err(e) => out.errors.push(ScanError::new(
                        store.dir.display().to_string(),
                        e.to_string(),
                    )),
                }
            }
            cache.insert(key.clone(), (outcome, matched));
        }
        let Some((outcome, matched)) = cache.get(&key) else {
            continue;
        };
        if !outcome.unknown.is_empty() {
            let ids: Vec<&str> = outcome
                .unknown
                .iter()
                .filter_map(|(i, _)| {
                    store
                        .index
                        .advisories
                        .get(*i as usize)
                        .map(|r| r.id.as_str())
                })
                .collect();
            let why = outcome
                .unknown
                .first()
                .map(|(_, w)| w.as_str())
                .unwrap_or("");
            out.warnings.push(format!(
                "{eco} package {} {} could not be checked against {} ({}): {why}",
                pkg.name,
                pkg.version,
                ids.join(", "),
                location_text(pkg),
            ));
        }
        if !matched.is_empty() {
            out.findings.extend(findings_for(store, pkg, matched));
        }
    }
    out
}

fn location_text(pkg: &Package) -> String {
    match (pkg.source.path.as_str(), pkg.source.line) {
        ("", _) => "given on the command line".into(),
        (p, Some(l)) => format!("{p}:{l}"),
        (p, None) => p.to_string(),
    }
}

/// Groups advisories that share an id or alias (union-find over `id` ∪ `aliases`).
fn alias_groups(matched: &[Matched]) -> Vec<Vec<usize>> {
    let n = matched.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while let Some(&px) = p.get(x) {
            if px == x {
                break;
            }
            let gp = p.get(px).copied().unwrap_or(px);
            if let Some(slot) = p.get_mut(x) {
                *slot = gp;
            }
            x = px;
        }
        x
    }
    let mut owner: HashMap<&str, usize> = HashMap::new();
    for (i, m) in matched.iter().enumerate() {
        for id in std::iter::once(&m.adv.id).chain(m.adv.aliases.iter()) {
            match owner.get(id.as_str()) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    if a != b
                        && let Some(slot) = parent.get_mut(a)
                    {
                        *slot = b;
                    }
                }
                None => {
                    owner.insert(id.as_str(), i);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    groups.into_values().collect()
}

/// Which id names a group: the ecosystem's own database first, then GHSA, then others.
fn id_rank(id: &str) -> (u8, &str) {
    let r = if id.starts_with("MAL-") {
        0
    } else if ["RUSTSEC-", "GO-", "PYSEC-"]
        .iter()
        .any(|p| id.starts_with(p))
    {
        1
    } else if id.starts_with("GHSA-") {
        2
    } else if id.starts_with("CVE-") {
        4
    } else {
        3
    };
    (r, id)
}

/// Orders version strings by the ecosystem's scheme (unparseable ones last, by text).
fn sort_versions(base: &str, versions: &mut Vec<String>) {
    let scheme = Scheme::for_ecosystem(base);
    let parsed = |s: &str| {
        scheme.and_then(|sc| {
            Version::parse(
                sc,
                s.strip_prefix('v').filter(|_| base == "Go").unwrap_or(s),
            )
            .ok()
            .or_else(|| Version::parse(sc, s).ok())
        })
    };
    versions.sort_by(|a, b| match (parsed(a), parsed(b)) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.cmp(b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    });
    versions.dedup();
}

/// Whether `candidate` is above `installed` under the ecosystem's scheme.
fn above(base: &str, installed: &str, candidate: &str) -> bool {
    let Some(scheme) = Scheme::for_ecosystem(base) else {
        return false;
    };
    let p = |s: &str| {
        Version::parse(scheme, s)
            .ok()
            .or_else(|| Version::parse(scheme, s.strip_prefix('v').unwrap_or(s)).ok())
    };
    match (p(installed), p(candidate)) {
        (Some(i), Some(c)) => c > i,
        _ => false,
    }
}

/// Memo of (advisory, version) → "not affected", per package.
type FixMemo = HashMap<(u32, String), bool>;

/// Whether none of `members` affects `version`.
fn fixes(
    store: &EcosystemStore,
    pkg: &Package,
    members: &[&Matched],
    version: &str,
    memo: &mut FixMemo,
) -> bool {
    let eco = pkg.ecosystem.as_str();
    // Go lockfiles carry a `v`; advisories do not.
    let v = if eco == "Go" && !version.starts_with('v') {
        format!("v{version}")
    } else {
        version.to_string()
    };
    members.iter().all(|m| {
        *memo.entry((m.idx, v.clone())).or_insert_with(|| {
            advisory_affects(store, eco, &pkg.name, m.idx, &v) == Verdict::NotAffected
        })
    })
}

struct Group<'a> {
    members: Vec<&'a Matched>,
    fixed: Vec<String>,
    fix: Option<String>,
}

fn findings_for(store: &EcosystemStore, pkg: &Package, matched: &[Matched]) -> Vec<Finding> {
    let eco = pkg.ecosystem.as_str();
    let base = EcosystemName::parse(eco).base;
    let mut memo = FixMemo::new();
    let mut groups: Vec<Group<'_>> = alias_groups(matched)
        .into_iter()
        .map(|idxs| {
            let members: Vec<&Matched> = idxs.iter().filter_map(|&i| matched.get(i)).collect();
            let mut fixed: Vec<String> = members
                .iter()
                .flat_map(|m| m.fixed.iter().cloned())
                .collect();
            sort_versions(&base, &mut fixed);
            let fix = fixed
                .iter()
                .filter(|f| above(&base, &pkg.version, f))
                .find(|f| fixes(store, pkg, &members, f, &mut memo))
                .cloned();
            Group {
                members,
                fixed,
                fix,
            }
        })
        .collect();
    groups.sort_by(|a, b| primary(a).cmp(primary(b)));

    // The per-package upgrade: the smallest version fixing the most groups.
    let mut candidates: Vec<String> = groups.iter().filter_map(|g| g.fix.clone()).collect();
    sort_versions(&base, &mut candidates);
    let mut best: Option<(String, usize)> = None;
    for c in &candidates {
        let n = groups
            .iter()
            .filter(|g| fixes(store, pkg, &g.members, c, &mut memo))
            .count();
        if best.as_ref().is_none_or(|(_, b)| n > *b) {
            best = Some((c.clone(), n));
        }
    }
    let total = groups.len();

    groups
        .iter()
        .map(|g| finding(pkg, &base, g, best.as_ref(), total))
        .collect()
}

fn primary<'a>(g: &Group<'a>) -> &'a str {
    g.members
        .iter()
        .map(|m| m.adv.id.as_str())
        .min_by(|a, b| id_rank(a).cmp(&id_rank(b)))
        .unwrap_or("")
}

fn finding(
    pkg: &Package,
    base: &str,
    g: &Group<'_>,
    upgrade: Option<&(String, usize)>,
    total: usize,
) -> Finding {
    let primary_id = primary(g).to_string();
    let primary_adv = g
        .members
        .iter()
        .find(|m| m.adv.id == primary_id)
        .map(|m| &m.adv);
    let mut ids: BTreeSet<String> = BTreeSet::new();
    for m in &g.members {
        ids.insert(m.adv.id.clone());
        ids.extend(m.adv.aliases.iter().cloned());
    }
    ids.remove(&primary_id);
    let aliases: Vec<String> = ids.into_iter().collect();
    let summary = primary_adv
        .and_then(|a| a.summary.clone())
        .filter(|s| !s.trim().is_empty())
        .or_else(|| {
            g.members
                .iter()
                .find_map(|m| m.adv.summary.clone().filter(|s| !s.trim().is_empty()))
        })
        .or_else(|| {
            g.members.iter().find_map(|m| {
                m.adv
                    .details
                    .as_deref()
                    .and_then(|d| d.lines().find(|l| !l.trim().is_empty()))
                    .map(|l| l.chars().take(200).collect::<String>())
            })
        })
        .unwrap_or_default();
    let sev: AdvisorySeverity = g
        .members
        .iter()
        .map(|m| of_advisory(&m.adv, &[]))
        .max_by(|a, b| {
            a.level
                .cmp(&b.level)
                .then(a.score.unwrap_or(-1.0).total_cmp(&b.score.unwrap_or(-1.0)))
        })
        .unwrap_or(AdvisorySeverity {
            score: None,
            vector: None,
            source: "unknown".into(),
            level: None,
        });
    let informational = g.members.iter().find_map(|m| m.informational.clone());
    let malicious = g.members.iter().any(|m| m.adv.is_malicious());
    let mut refs: Vec<String> = Vec::new();
    for m in &g.members {
        let mut r: Vec<&crate::model::Reference> = m.adv.references.iter().collect();
        r.sort_by_key(|x| x.kind != "ADVISORY");
        for x in r {
            if !x.url.is_empty() && !refs.contains(&x.url) {
                refs.push(x.url.clone());
            }
        }
    }
    refs.truncate(20);

    let rule = if malicious {
        &MALICIOUS_PACKAGE
    } else {
        &KNOWN_VULNERABILITY
    };
    let severity = if malicious {
        Severity::Critical
    } else {
        match (sev.level, informational.is_some()) {
            (Some(l), _) => l,
            (None, true) => Severity::Low,
            (None, false) => rule.severity,
        }
    };
    let also = if aliases.is_empty() {
        String::new()
    } else {
        let shown: Vec<&str> = aliases.iter().take(3).map(String::as_str).collect();
        let more = if aliases.len() > 3 {
            format!(" +{}", aliases.len() - 3)
        } else {
            String::new()
        };
        format!(" ({}{more})", shown.join(", "))
    };
    let message = if malicious {
        format!(
            "{} {} is a known malicious package: {primary_id}{also}: {summary}",
            pkg.name, pkg.version
        )
    } else {
        let kind = informational
            .as_deref()
            .map(|i| format!(" [{i}]"))
            .unwrap_or_default();
        format!(
            "{} {} is affected by {primary_id}{also}{kind}: {summary}",
            pkg.name, pkg.version
        )
    };
    let mut remediation = match &g.fix {
        Some(f) => format!("upgrade {} {} → {f}", pkg.name, pkg.version),
        None if malicious => format!("remove {} and rotate exposed credentials", pkg.name),
        None => format!(
            "no fixed version of {} is known; remove or replace it",
            pkg.name
        ),
    };
    if let Some((to, n)) = upgrade
        && total > 1
    {
        remediation.push_str(&format!(
            "; upgrade {} {} → {to} fixes {n} of {total} advisories for this package",
            pkg.name, pkg.version
        ));
    }
    let location = if pkg.source.path.is_empty() {
        Location::none()
    } else {
        let l = Location::file(pkg.source.path.clone());
        match pkg.source.line {
            Some(line) => l.with_line(line),
            None => l,
        }
    };
    let severity_json = json!({
        "score": sev.score,
        "vector": sev.vector,
        "source": sev.source,
    });
    let mut f = Finding::new(rule, message, location)
        .with_key(format!("{base}/{}@{}/{primary_id}", pkg.name, pkg.version))
        .with_severity(severity)
        .with_remediation(remediation)
        .with_references(refs.clone())
        .with_data("advisory_id", primary_id.clone())
        .with_data("aliases", aliases)
        .with_data("summary", summary)
        .with_data(
            "package",
            json!({
                "ecosystem": pkg.ecosystem.as_str(),
                "name": pkg.name,
                "version": pkg.version,
                "purl": pkg.purl,
            }),
        )
        .with_data("fixed_versions", g.fixed.clone())
        .with_data(
            "fixed_in",
            g.fix.clone().map(Value::String).unwrap_or(Value::Null),
        )
        .with_data("severity", severity_json)
        .with_data("references", refs);
    if let Some(i) = informational {
        f = f.with_data("informational", i);
    }
    if let Some((to, n)) = upgrade {
        f = f.with_data("upgrade", json!({"to": to, "fixes": n, "of": total}));
    }
    f
}
