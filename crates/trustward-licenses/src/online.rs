//! `--online`: licences the disk does not know, from the registries' public metadata,
//! through an on-disk cache with a TTL (a second run sends nothing).
//!
//! | ecosystem | request | field |
//! |---|---|---|
//! | crates.io | `GET /api/v1/crates/{name}/{version}` | `version.license` |
//! | npm | `GET /{name}/{version}` | `license` |
//! | PyPI | `GET /pypi/{name}/{version}/json` | `info.license_expression`, classifiers, `info.license` |
//! | RubyGems | `GET /api/v2/rubygems/{name}/versions/{version}.json` | `licenses` |
//! | Packagist | `GET /p2/{vendor}/{package}.json` | `packages[name][].license` of the version |
//! | NuGet | `GET /v3-flatcontainer/{id}/{version}/{id}.nuspec` | `<license type="expression">` |
//! | Maven | `GET /maven2/{group path}/{artifact}/{version}/{artifact}-{version}.pom` | `<licenses><license><name>` |
//! | Pub | `GET /api/packages/{name}/score` | `tags` `license:<id>` |
//!
//! A 404 means "not on the public registry" (a private package): the licence stays
//! unknown and no error is raised. 429 and 5xx are retried once (honouring `Retry-After`
//! up to 10 s), then reported as errors; so are time-outs and malformed answers. Answers
//! are capped at 8 MiB.

use crate::sources::{PackageLicense, license_field, python_metadata, set};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use trustward_core::ScanError;

/// Largest registry answer read.
const MAX_BODY: u64 = 8 * 1024 * 1024;

/// Requests in flight at once.
const CONCURRENCY: usize = 4;

/// The public registries; `[licenses.registries]` overrides any of them by key.
pub fn default_registries() -> BTreeMap<&'static str, &'static str> {
    BTreeMap::from([
        ("crates.io", "https://crates.io"),
        ("npm", "https://registry.npmjs.org"),
        ("PyPI", "https://pypi.org"),
        ("RubyGems", "https://rubygems.org"),
        ("Packagist", "https://repo.packagist.org"),
        ("NuGet", "https://api.nuget.org"),
        ("Maven", "https://repo1.maven.org"),
        ("Pub", "https://pub.dev"),
    ])
}

/// How to reach the registries.
#[derive(Debug, Clone)]
pub struct Online {
    /// Base URL per ecosystem.
    pub registries: BTreeMap<String, String>,
    /// The cache directory.
    pub cache_dir: PathBuf,
    /// How long a cached answer is reused.
    pub ttl: Duration,
    /// Per-request time-out.
    pub timeout: Duration,
}

impl Online {
    /// The public registries with `overrides` applied, cached under `cache_dir`.
    pub fn new(overrides: &BTreeMap<String, String>, cache_dir: PathBuf, ttl_days: u32) -> Self {
        let mut registries: BTreeMap<String, String> = default_registries()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        for (k, v) in overrides {
            registries.insert(k.clone(), v.trim_end_matches('/').to_string());
        }
        Online {
            registries,
            cache_dir,
            ttl: Duration::from_secs(u64::from(ttl_days) * 86_400),
            timeout: Duration::from_secs(20),
        }
    }

    /// The default cache directory: `$XDG_CACHE_HOME/trustward/licenses` or
    /// `~/.cache/trustward/licenses`.
    pub fn default_cache_dir() -> PathBuf {
        std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
            .unwrap_or_else(std::env::temp_dir)
            .join("trustward")
            .join("licenses")
    }
}

/// What the cache holds for one request.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct CacheEntry {
    url: String,
    fetched: u64,
    /// `None`: the registry does not know the package (404) or records no licence.
    license: Option<String>,
}

/// Counts of one online pass, for the user and the benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct OnlineStats {
    /// Requests sent.
    pub requests: usize,
    /// Answers taken from the cache.
    pub cached: usize,
    /// Licences filled in.
    pub filled: usize,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'@') {
            out.push(b as char);
        } else if b == b'/' {
            out.push_str("%2F");
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The request URL for a package, or `None` for ecosystems without a supported registry.
pub fn url_for(base: &str, ecosystem: &str, name: &str, version: &str) -> Option<String> {
    Some(match ecosystem {
        "crates.io" => format!("{base}/api/v1/crates/{}/{}", enc(name), enc(version)),
        // Scoped npm names keep their `@` and encode the `/`.
        "npm" => format!("{base}/{}/{}", enc(name), enc(version)),
        "PyPI" => format!("{base}/pypi/{}/{}/json", enc(name), enc(version)),
        "RubyGems" => format!(
            "{base}/api/v2/rubygems/{}/versions/{}.json",
            enc(name),
            enc(version)
        ),
        "Packagist" => {
            let (vendor, pkg) = name.split_once('/')?;
            format!("{base}/p2/{}/{}.json", enc(vendor), enc(pkg))
        }
        "NuGet" => {
            let id = name.to_ascii_lowercase();
            let v = version.to_ascii_lowercase();
            format!(
                "{base}/v3-flatcontainer/{}/{}/{}.nuspec",
                enc(&id),
                enc(&v),
                enc(&id)
            )
        }
        "Maven" => {
            let (group, artifact) = name.split_once(':')?;
            format!(
                "{base}/maven2/{}/{}/{}/{}-{}.pom",
                group.split('.').map(enc).collect::<Vec<_>>().join("/"),
                enc(artifact),
                enc(version),
                enc(artifact),
                enc(version)
            )
        }
        "Pub" => format!("{base}/api/packages/{}/score", enc(name)),
        _ => return None,
    })
}

/// Reads the licence out of a registry's answer. `Err` for a malformed answer.
pub fn extract(
    ecosystem: &str,
    name: &str,
    version: &str,
    body: &[u8],
) -> Result<Option<String>, String> {
    let json = || -> Result<serde_json::Value, String> {
        serde_json::from_slice(body).map_err(|e| format!("malformed JSON answer: {e}"))
    };
    Ok(match ecosystem {
        "crates.io" => {
            let v = json()?;
            v.pointer("/version/license")
                .and_then(|l| l.as_str())
                .map(String::from)
        }
        "npm" => license_field(json()?.get("license")),
        "PyPI" => {
            let v = json()?;
            let info = v.get("info").ok_or("the answer has no `info` object")?;
            let mut meta = String::new();
            if let Some(x) = info.get("license_expression").and_then(|x| x.as_str()) {
                meta.push_str(&format!("License-Expression: {x}\n"));
            }
            for c in info
                .get("classifiers")
                .and_then(|c| c.as_array())
                .into_iter()
                .flatten()
                .filter_map(|c| c.as_str())
            {
                meta.push_str(&format!("Classifier: {c}\n"));
            }
            if let Some(x) = info.get("license").and_then(|x| x.as_str())
                && !x.contains('\n')
            {
                meta.push_str(&format!("License: {x}\n"));
            }
            python_metadata(&meta).1
        }
        "RubyGems" => license_field(json()?.get("licenses")),
        "Packagist" => {
            let v = json()?;
            v.get("packages")
                .and_then(|p| p.get(name))
                .and_then(|a| a.as_array())
                .and_then(|a| {
                    a.iter().find(|e| {
                        e.get("version").and_then(|x| x.as_str()).is_some_and(|x| {
                            x.trim_start_matches('v') == version.trim_start_matches('v')
                        })
                    })
                })
                .and_then(|e| license_field(e.get("license")))
        }
        "NuGet" => {
            let text = String::from_utf8_lossy(body);
            let exprs = crate::project::xml_texts(&text, &["metadata", "license"]);
            exprs.into_iter().next()
        }
        "Maven" => {
            let text = String::from_utf8_lossy(body);
            let names = crate::project::xml_texts(&text, &["licenses", "license", "name"]);
            match names.len() {
                0 => None,
                1 => names.into_iter().next(),
                _ => Some(names.join(" OR ")),
            }
        }
        "Pub" => {
            let v = json()?;
            v.get("tags")
                .and_then(|t| t.as_array())
                .into_iter()
                .flatten()
                .filter_map(|t| t.as_str())
                .find_map(|t| t.strip_prefix("license:"))
                .filter(|l| *l != "unknown")
                .map(|l| l.to_string())
        }
        _ => None,
    })
}

enum Fetched {
    Body(Vec<u8>),
    NotFound,
}

fn fetch(agent: &ureq::Agent, url: &str) -> Result<Fetched, String> {
    for attempt in 0..2 {
        let resp = agent
            .get(url)
            .header(
                "User-Agent",
                concat!("trustward/", env!("CARGO_PKG_VERSION"), " (licence lookup)"),
            )
            .header("Accept", "application/json")
            .call();
        match resp {
            Ok(mut r) => {
                let mut body = Vec::new();
                r.body_mut()
                    .as_reader()
                    .take(MAX_BODY + 1)
                    .read_to_end(&mut body)
                    .map_err(|e| format!("reading the answer: {e}"))?;
                if body.len() as u64 > MAX_BODY {
                    return Err("the answer is larger than 8 MiB".into());
                }
                return Ok(Fetched::Body(body));
            }
            Err(ureq::Error::StatusCode(404)) | Err(ureq::Error::StatusCode(410)) => {
                return Ok(Fetched::NotFound);
            }
            Err(ureq::Error::StatusCode(code)) if code == 429 || code >= 500 => {
                if attempt == 0 {
                    std::thread::sleep(Duration::from_millis(500));
                    continue;
                }
                return Err(if code == 429 {
                    "rate limited by the registry (429); try again later".into()
                } else {
                    format!("the registry answered {code}")
                });
            }
            Err(ureq::Error::StatusCode(code)) => {
                return Err(format!("the registry answered {code}"));
            }
            Err(e) => return Err(e.to_string()),
        }
    }
    Err("no answer".into())
}

/// Fills unknown licences from the registries (through the cache). Errors name the
/// package and the URL; they never stop the other look-ups.
pub fn fill(
    online: &Online,
    packages: &mut [PackageLicense],
    errors: &mut Vec<ScanError>,
) -> OnlineStats {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(online.timeout))
        .http_status_as_error(true)
        .build()
        .new_agent();
    let _ = std::fs::create_dir_all(&online.cache_dir);
    let todo: Vec<usize> = packages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.license.is_none() && p.invalid.is_none())
        .map(|(i, _)| i)
        .collect();
    let results: Vec<(usize, LookUp)> = std::thread::scope(|s| {
        let chunks: Vec<Vec<usize>> = (0..CONCURRENCY)
            .map(|k| todo.iter().copied().skip(k).step_by(CONCURRENCY).collect())
            .collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let agent = agent.clone();
                let pk = &*packages;
                s.spawn(move || {
                    chunk
                        .into_iter()
                        .map(|i| (i, look_up(online, &agent, &pk[i])))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut stats = OnlineStats::default();
    let mut sorted = results;
    sorted.sort_by_key(|(i, _)| *i);
    for (i, r) in sorted {
        match r {
            Ok((license, url, from_cache)) => {
                if from_cache {
                    stats.cached += 1;
                } else {
                    stats.requests += 1;
                }
                if let Some(l) = license {
                    set(&mut packages[i], &l, format!("registry: {url}"));
                    stats.filled += 1;
                }
            }
            Err(e) => {
                stats.requests += 1;
                let p = &packages[i];
                errors.push(ScanError::new(
                    p.found_at.clone(),
                    format!("licence of {} {} not fetched: {e}", p.name, p.version),
                ));
            }
        }
    }
    stats
}

/// A look-up's result: the licence (if any), the URL, and whether the cache answered.
type LookUp = Result<(Option<String>, String, bool), String>;

fn look_up(online: &Online, agent: &ureq::Agent, p: &PackageLicense) -> LookUp {
    let Some(base) = online.registries.get(&p.ecosystem) else {
        return Ok((None, String::new(), true));
    };
    let Some(url) = url_for(base, &p.ecosystem, &p.name, &p.version) else {
        return Ok((None, String::new(), true));
    };
    let key = hex(&Sha256::digest(url.as_bytes()));
    let path = online.cache_dir.join(format!("{key}.json"));
    if let Ok(bytes) = std::fs::read(&path)
        && let Ok(entry) = serde_json::from_slice::<CacheEntry>(&bytes)
        && entry.url == url
        && now().saturating_sub(entry.fetched) < online.ttl.as_secs()
    {
        return Ok((entry.license, url, true));
    }
    let license = match fetch(agent, &url).map_err(|e| format!("{e} ({url})"))? {
        Fetched::NotFound => None,
        Fetched::Body(b) => {
            extract(&p.ecosystem, &p.name, &p.version, &b).map_err(|e| format!("{e} ({url})"))?
        }
    };
    let entry = CacheEntry {
        url: url.clone(),
        fetched: now(),
        license: license.clone(),
    };
    // Written whole then renamed: a reader never sees half an entry.
    if let Ok(json) = serde_json::to_vec(&entry) {
        let tmp = online
            .cache_dir
            .join(format!("{key}.tmp{}", std::process::id()));
        if std::fs::write(&tmp, json).is_ok() {
            let _ = std::fs::rename(&tmp, &path);
        }
    }
    Ok((license, url, false))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
