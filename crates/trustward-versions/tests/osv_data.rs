//! Every version string in the real OSV advisories under `../shared/data/osv` (range
//! events `introduced`/`fixed`/`last_affected`/`limit` of SEMVER and ECOSYSTEM ranges, and
//! `versions` lists) must parse under its ecosystem's scheme (and under SemVer for SEMVER
//! ranges). The few strings that are genuinely not versions are an explicit allow-list.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

use trustward_versions::{Scheme, Version};

/// `../shared/data/osv` relative to the repository root; the repository is either
/// `/work/main` (crates three levels below `/work`) or a worktree `/work/wt/<name>` (four).
const OSV_DIRS: [&str; 2] = [
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/osv"),
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../../shared/data/osv"),
];

/// The OSV data folder; missing data fails the test unless `TRUSTWARD_SKIP_OSV_DATA` is set.
fn osv_dir() -> Option<&'static Path> {
    if let Some(d) = OSV_DIRS.iter().map(Path::new).find(|d| d.is_dir()) {
        return Some(d);
    }
    if std::env::var_os("TRUSTWARD_SKIP_OSV_DATA").is_some() {
        eprintln!("skipping: no OSV data at {OSV_DIRS:?}");
        return None;
    }
    panic!("no OSV data at {OSV_DIRS:?} (set TRUSTWARD_SKIP_OSV_DATA=1 to skip)");
}

/// Range events that are not versions in the data (genuine data errors):
/// (ecosystem, advisory file, version).
const ALLOWED_EVENT_FAILURES: &[(&str, &str, &str)] = &[
    // `fixed: ""`: an empty string is no version.
    ("npm", "GHSA-hm6q-r2jc-cpqh.json", ""),
    // A date, not a PEP 440 version (packaging rejects it too).
    ("PyPI", "PYSEC-2019-125.json", "2019-09-12"),
    // A binderhub build label (`-n653`), not PEP 440 (packaging rejects it too).
    ("PyPI", "PYSEC-2021-371.json", "0.2.0-n653"),
];

/// Advisories whose `versions` lists hold pre-PEP 440 "legacy" release names that PyPI
/// still lists (`0.1-bulbasaur`, `0.3m1`, `2.0.0-final`, `2013-01-21T20:33:09+0100` …):
/// (advisory file, number of such strings). Modern `packaging` rejects them as well.
const ALLOWED_LEGACY_PYPI: &[(&str, usize)] = &[
    ("PYSEC-2006-1.json", 1),
    ("PYSEC-2008-3.json", 1),
    ("PYSEC-2008-8.json", 8),
    ("PYSEC-2015-24.json", 2),
    ("PYSEC-2015-25.json", 2),
    ("PYSEC-2017-103.json", 1),
    ("PYSEC-2017-41.json", 1),
    ("PYSEC-2017-46.json", 2),
    ("PYSEC-2017-47.json", 2),
    ("PYSEC-2018-100.json", 21),
    ("PYSEC-2018-114.json", 2),
    ("PYSEC-2018-115.json", 2),
    ("PYSEC-2018-19.json", 8),
    ("PYSEC-2019-102.json", 16),
    ("PYSEC-2019-106.json", 1),
    ("PYSEC-2019-126.json", 1),
    ("PYSEC-2019-6.json", 10),
    ("PYSEC-2020-341.json", 1),
    ("PYSEC-2021-121.json", 1),
    ("PYSEC-2021-338.json", 2),
    ("PYSEC-2021-356.json", 1),
    ("PYSEC-2021-859.json", 1),
    ("PYSEC-2022-12.json", 2),
    ("PYSEC-2022-166.json", 8),
    ("PYSEC-2022-288.json", 7),
    ("PYSEC-2022-5.json", 1),
    ("PYSEC-2023-17.json", 2),
    ("PYSEC-2023-22.json", 1),
];

/// Where a version string came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Event,
    VersionsList,
}

#[derive(Default)]
struct Stats {
    checked: usize,
    /// (source, advisory file, version, reason)
    failures: BTreeSet<(Source, String, String, String)>,
}

fn check(stats: &mut Stats, src: Source, scheme: Scheme, version: &str, id: &str) {
    stats.checked += 1;
    if let Err(e) = Version::parse(scheme, version) {
        stats
            .failures
            .insert((src, id.to_owned(), version.to_owned(), e.reason));
    }
}

/// Checks the range events and `versions` list of one affected entry.
fn scan_affected(st: &mut Stats, scheme: Scheme, id: &str, aff: &serde_json::Value) {
    for r in aff
        .get("ranges")
        .and_then(|r| r.as_array())
        .into_iter()
        .flatten()
    {
        let kind = r.get("type").and_then(|t| t.as_str()).unwrap_or("");
        if kind == "GIT" {
            continue;
        }
        for ev in r
            .get("events")
            .and_then(|e| e.as_array())
            .into_iter()
            .flatten()
        {
            for key in ["introduced", "fixed", "last_affected", "limit"] {
                if let Some(v) = ev.get(key).and_then(|v| v.as_str()) {
                    check(st, Source::Event, scheme, v, id);
                    if kind == "SEMVER" && scheme != Scheme::SemVer {
                        check(st, Source::Event, Scheme::SemVer, v, id);
                    }
                }
            }
        }
    }
    for v in aff
        .get("versions")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
    {
        check(st, Source::VersionsList, scheme, v, id);
    }
}

#[test]
fn every_osv_version_parses() {
    let mut stats: BTreeMap<String, Stats> = BTreeMap::new();
    for_each_affected(|eco, scheme, id, aff| {
        scan_affected(stats.entry(eco.to_owned()).or_default(), scheme, id, aff);
    });
    if stats.is_empty() {
        return; // no data and skipping was asked for
    }
    let mut unexpected = Vec::new();
    let mut legacy: BTreeMap<String, usize> = BTreeMap::new();
    for (eco, st) in &stats {
        eprintln!(
            "{eco}: {} version strings, {} distinct failures",
            st.checked,
            st.failures.len()
        );
        for (src, id, v, why) in &st.failures {
            eprintln!("  {src:?} {id} {v:?}: {why}");
            let allowed = match src {
                Source::Event => ALLOWED_EVENT_FAILURES
                    .iter()
                    .any(|(e, i, av)| e == eco && i == id && av == v),
                Source::VersionsList if eco == "PyPI" => {
                    *legacy.entry(id.clone()).or_default() += 1;
                    true
                }
                Source::VersionsList => false,
            };
            if !allowed {
                unexpected.push(format!("{eco} {src:?} {id} {v:?}: {why}"));
            }
        }
    }
    let expected: BTreeMap<String, usize> = ALLOWED_LEGACY_PYPI
        .iter()
        .map(|(id, n)| ((*id).to_owned(), *n))
        .collect();
    assert_eq!(
        legacy, expected,
        "legacy PyPI versions-list failures changed"
    );
    assert!(
        unexpected.is_empty(),
        "{} version strings failed to parse:\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
    // Every allowed event failure must still occur (keeps the list honest).
    for (eco, id, v) in ALLOWED_EVENT_FAILURES {
        let seen = stats.get(*eco).is_some_and(|st| {
            st.failures
                .iter()
                .any(|(s, i, fv, _)| *s == Source::Event && i == id && fv == v)
        });
        assert!(seen, "allow-listed {eco} {id} {v:?} no longer fails");
    }
}

/// Calls `f(ecosystem, scheme, advisory file, affected entry)` for every affected entry
/// of every advisory in the data whose ecosystem has a scheme.
fn for_each_affected(mut f: impl FnMut(&str, Scheme, &str, &serde_json::Value)) {
    let Some(dir) = osv_dir() else { return };
    let mut zips: Vec<_> = std::fs::read_dir(dir)
        .expect("read osv dir")
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("all.zip"))
        .filter(|p| p.is_file())
        .collect();
    zips.sort();
    assert!(!zips.is_empty(), "no all.zip under {}", dir.display());
    for zip_path in zips {
        let file = std::fs::File::open(&zip_path).expect("open zip");
        let mut archive = zip::ZipArchive::new(file).expect("read zip");
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).expect("zip entry");
            let name = entry.name().to_owned();
            let mut text = String::new();
            entry.read_to_string(&mut text).expect("utf-8 advisory");
            let doc: serde_json::Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{}: {name}: {e}", zip_path.display()));
            for aff in doc
                .get("affected")
                .and_then(|a| a.as_array())
                .into_iter()
                .flatten()
            {
                let Some(eco) = aff.pointer("/package/ecosystem").and_then(|e| e.as_str()) else {
                    continue;
                };
                if let Some(scheme) = Scheme::for_ecosystem(eco) {
                    f(eco.split(':').next().unwrap_or(eco), scheme, &name, aff);
                }
            }
        }
    }
}

/// Advisory ranges list `introduced` before the `fixed`/`last_affected`/`limit` that
/// closes it; with a correct ordering the opener never sorts above the closer.
///
/// (`versions` lists cannot be checked the same way: the PyPI data keeps them in string
/// order, `0.10` before `0.8.4`.)
#[test]
fn range_events_are_increasing_in_the_data() {
    let mut checked: BTreeMap<String, usize> = BTreeMap::new();
    let mut bad: Vec<String> = Vec::new();
    for_each_affected(|eco, scheme, id, aff| {
        for r in aff
            .get("ranges")
            .and_then(|r| r.as_array())
            .into_iter()
            .flatten()
        {
            let kind = r.get("type").and_then(|t| t.as_str()).unwrap_or("");
            if kind == "GIT" {
                continue;
            }
            let mut open: Option<Version> = None;
            for ev in r
                .get("events")
                .and_then(|e| e.as_array())
                .into_iter()
                .flatten()
            {
                if let Some(v) = ev.get("introduced").and_then(|v| v.as_str()) {
                    // `introduced: "0"` is OSV's "from the very beginning" sentinel, not
                    // the version 0 (`0.0.0-2016…` pseudo-versions sort below `0.0.0`).
                    open = if v == "0" {
                        None
                    } else {
                        Version::parse(scheme, v).ok()
                    };
                    continue;
                }
                let close = ["fixed", "last_affected", "limit"]
                    .iter()
                    .find_map(|k| ev.get(*k).and_then(|v| v.as_str()));
                let (Some(o), Some(c)) = (open.take(), close) else {
                    continue;
                };
                let Ok(c) = Version::parse(scheme, c) else {
                    continue;
                };
                *checked.entry(eco.to_owned()).or_default() += 1;
                // `introduced == fixed` (an empty range) occurs in RustSec data
                // (RUSTSEC-2022-0012 …): odd, but not an ordering disagreement.
                if o > c {
                    bad.push(format!("{eco} {id}: {o} !< {c}"));
                }
            }
        }
    });
    eprintln!("range pairs checked: {checked:?}");
    for b in &bad {
        eprintln!("  {b}");
    }
    assert!(bad.is_empty(), "{} ranges out of order", bad.len());
}
