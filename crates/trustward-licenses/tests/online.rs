//! `--online` against a local HTTP server started by the test. Each response is written
//! from the registry's published API documentation:
//! - crates.io: "GET /api/v1/crates/{name}/{version}" (crates.io API, `version.license`);
//! - npm: "GET /{package}/{version}" (npm registry API, package version document);
//! - PyPI: "GET /pypi/{project}/{version}/json" (PyPI JSON API, `info.license_expression`,
//!   `info.license`, `info.classifiers`);
//! - RubyGems: "GET /api/v2/rubygems/{gem}/versions/{version}.json" (RubyGems API v2);
//! - Packagist: "GET /p2/{vendor}/{package}.json" (Packagist metadata API v2);
//! - NuGet: "GET /v3-flatcontainer/{id}/{version}/{id}.nuspec" (package content API);
//! - Maven Central: the POM at its repository path (Maven repository layout);
//! - pub.dev: "GET /api/packages/{name}/score" (`tags` with `license:<id>`).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use trustward_licenses::online::{Online, fill};
use trustward_licenses::sources::PackageLicense;

struct Server {
    base: String,
    hits: Arc<AtomicUsize>,
    paths: Arc<Mutex<Vec<String>>>,
}

type Route = (u16, &'static str, u64);

fn routes() -> BTreeMap<&'static str, Route> {
    BTreeMap::from([
        (
            "/api/v1/crates/serde/1.0.200",
            (
                200,
                r#"{"version":{"crate":"serde","num":"1.0.200","license":"MIT OR Apache-2.0","yanked":false}}"#,
                0,
            ),
        ),
        (
            "/left-pad/1.3.0",
            (
                200,
                r#"{"name":"left-pad","version":"1.3.0","license":"WTFPL","dist":{"tarball":"x"}}"#,
                0,
            ),
        ),
        (
            "/@scope%2Fpkg/2.0.0",
            (
                200,
                r#"{"name":"@scope/pkg","version":"2.0.0","license":"(MIT OR Apache-2.0)"}"#,
                0,
            ),
        ),
        (
            "/pypi/requests/2.31.0/json",
            (
                200,
                r#"{"info":{"name":"requests","version":"2.31.0","license":"Apache 2.0","license_expression":null,"classifiers":["Programming Language :: Python :: 3","License :: OSI Approved :: Apache Software License"]},"urls":[]}"#,
                0,
            ),
        ),
        (
            "/api/v2/rubygems/rack/versions/3.0.8.json",
            (
                200,
                r#"{"name":"rack","version":"3.0.8","licenses":["MIT"]}"#,
                0,
            ),
        ),
        (
            "/p2/psr/log.json",
            (
                200,
                r#"{"packages":{"psr/log":[{"name":"psr/log","version":"3.0.0","license":["MIT"]},{"name":"psr/log","version":"2.0.0","license":["BSD-3-Clause"]}]}}"#,
                0,
            ),
        ),
        (
            "/v3-flatcontainer/newtonsoft.json/13.0.3/newtonsoft.json.nuspec",
            (
                200,
                r#"<?xml version="1.0" encoding="utf-8"?><package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"><metadata><id>Newtonsoft.Json</id><version>13.0.3</version><license type="expression">MIT</license></metadata></package>"#,
                0,
            ),
        ),
        (
            "/maven2/junit/junit/4.13.2/junit-4.13.2.pom",
            (
                200,
                r#"<?xml version="1.0"?><project><modelVersion>4.0.0</modelVersion><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version><licenses><license><name>Eclipse Public License 1.0</name><url>http://www.eclipse.org/legal/epl-v10.html</url></license></licenses></project>"#,
                0,
            ),
        ),
        (
            "/api/packages/http/score",
            (
                200,
                r#"{"grantedPoints":150,"maxPoints":160,"tags":["sdk:dart","license:bsd-3-clause","license:fsf-libre","license:osi-approved"]}"#,
                0,
            ),
        ),
        ("/api/v1/crates/broken/1.0.0", (500, "internal error", 0)),
        (
            "/api/v1/crates/garbled/1.0.0",
            (200, "{\"version\": {\"license\": ", 0),
        ),
        (
            "/api/v1/crates/slow/1.0.0",
            (200, r#"{"version":{"license":"MIT"}}"#, 3000),
        ),
    ])
}

fn serve() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let paths = Arc::new(Mutex::new(Vec::new()));
    let (h, p) = (hits.clone(), paths.clone());
    std::thread::spawn(move || {
        let table = routes();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let h = h.clone();
            let p = p.clone();
            let table = table.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
                        break;
                    }
                }
                h.fetch_add(1, Ordering::SeqCst);
                p.lock().unwrap().push(path.clone());
                let (status, body, delay) =
                    table
                        .get(path.as_str())
                        .copied()
                        .unwrap_or((404, "not found", 0));
                std::thread::sleep(Duration::from_millis(delay));
                let reason = match status {
                    200 => "OK",
                    404 => "Not Found",
                    _ => "Internal Server Error",
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} {reason}\r\nContent-Length: {}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            });
        }
    });
    Server { base, hits, paths }
}

fn pkg(ecosystem: &str, name: &str, version: &str) -> PackageLicense {
    PackageLicense {
        ecosystem: ecosystem.into(),
        name: name.into(),
        version: version.into(),
        license: None,
        source: None,
        invalid: None,
        text_present: None,
        found_at: "lockfile:1".into(),
    }
}

fn online(server: &Server, cache: &std::path::Path, ttl_days: u32) -> Online {
    let overrides: BTreeMap<String, String> = [
        "crates.io",
        "npm",
        "PyPI",
        "RubyGems",
        "Packagist",
        "NuGet",
        "Maven",
        "Pub",
    ]
    .iter()
    .map(|k| (k.to_string(), server.base.clone()))
    .collect();
    let mut o = Online::new(&overrides, cache.to_path_buf(), ttl_days);
    o.timeout = Duration::from_millis(1000);
    o
}

#[test]
fn every_registry_then_the_cache_answers() {
    let server = serve();
    let cache = tempfile::tempdir().unwrap();
    let o = online(&server, cache.path(), 7);
    let mut packages = vec![
        pkg("crates.io", "serde", "1.0.200"),
        pkg("npm", "left-pad", "1.3.0"),
        pkg("npm", "@scope/pkg", "2.0.0"),
        pkg("PyPI", "requests", "2.31.0"),
        pkg("RubyGems", "rack", "3.0.8"),
        pkg("Packagist", "psr/log", "3.0.0"),
        pkg("NuGet", "Newtonsoft.Json", "13.0.3"),
        pkg("Maven", "junit:junit", "4.13.2"),
        pkg("Pub", "http", "1.1.0"),
        pkg("npm", "private-thing", "1.0.0"),
    ];
    let mut errors = Vec::new();
    let stats = fill(&o, &mut packages, &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    let got: Vec<(&str, Option<&str>)> = packages
        .iter()
        .map(|p| (p.name.as_str(), p.license.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("serde", Some("MIT OR Apache-2.0")),
            ("left-pad", Some("WTFPL")),
            ("@scope/pkg", Some("(MIT OR Apache-2.0)")),
            ("requests", Some("Apache-2.0")),
            ("rack", Some("MIT")),
            ("psr/log", Some("MIT")),
            ("Newtonsoft.Json", Some("MIT")),
            ("junit:junit", Some("EPL-1.0")),
            ("http", Some("BSD-3-Clause")),
            // 404: not on the public registry; unknown, not an error.
            ("private-thing", None),
        ]
    );
    assert_eq!(stats.requests, 10);
    assert_eq!(stats.filled, 9);
    assert!(
        packages[0]
            .source
            .as_deref()
            .unwrap()
            .starts_with("registry: http://127.0.0.1")
    );

    // A second run is answered by the cache: no request at all.
    let before = server.hits.load(Ordering::SeqCst);
    let mut again: Vec<PackageLicense> = packages
        .iter()
        .map(|p| pkg(&p.ecosystem, &p.name, &p.version))
        .collect();
    let stats = fill(&o, &mut again, &mut errors);
    assert_eq!(server.hits.load(Ordering::SeqCst), before);
    assert_eq!(stats.cached, 10);
    assert_eq!(again[0].license.as_deref(), Some("MIT OR Apache-2.0"));

    // Expired entries (TTL 0) are fetched again; a corrupt cache file is rebuilt.
    for e in std::fs::read_dir(cache.path()).unwrap().flatten().take(3) {
        std::fs::write(e.path(), b"\x00garbage").unwrap();
    }
    let o0 = online(&server, cache.path(), 0);
    let mut third = vec![pkg("crates.io", "serde", "1.0.200")];
    let stats = fill(&o0, &mut third, &mut errors);
    assert_eq!(stats.requests, 1);
    assert_eq!(third[0].license.as_deref(), Some("MIT OR Apache-2.0"));
    let o7 = online(&server, cache.path(), 7);
    let mut fourth: Vec<PackageLicense> = packages
        .iter()
        .map(|p| pkg(&p.ecosystem, &p.name, &p.version))
        .collect();
    fill(&o7, &mut fourth, &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(fourth.iter().take(9).all(|p| p.license.is_some()));
    assert!(
        server
            .paths
            .lock()
            .unwrap()
            .iter()
            .any(|p| p.contains("@scope%2Fpkg"))
    );
}

#[test]
fn server_errors_timeouts_and_garbage_are_errors_naming_the_package() {
    let server = serve();
    let cache = tempfile::tempdir().unwrap();
    let o = online(&server, cache.path(), 7);
    let mut packages = vec![
        pkg("crates.io", "broken", "1.0.0"),
        pkg("crates.io", "garbled", "1.0.0"),
        pkg("crates.io", "slow", "1.0.0"),
    ];
    let mut errors = Vec::new();
    fill(&o, &mut packages, &mut errors);
    assert!(packages.iter().all(|p| p.license.is_none()));
    assert_eq!(errors.len(), 3, "{errors:?}");
    let all: String = errors
        .iter()
        .map(|e| e.message.clone())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains("broken 1.0.0") && all.contains("500"), "{all}");
    assert!(
        all.contains("garbled 1.0.0") && all.contains("malformed JSON"),
        "{all}"
    );
    assert!(all.contains("slow 1.0.0"), "{all}");
    // The 500 was retried once.
    let broken = server
        .paths
        .lock()
        .unwrap()
        .iter()
        .filter(|p| p.contains("broken"))
        .count();
    assert_eq!(broken, 2);
    // Failures are not cached: nothing was learnt.
    assert!(std::fs::read_dir(cache.path()).unwrap().flatten().all(|e| {
        !std::fs::read_to_string(e.path())
            .unwrap_or_default()
            .contains("broken")
    }));
}
