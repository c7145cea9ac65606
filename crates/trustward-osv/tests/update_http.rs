//! `db update` against a local HTTP server on 127.0.0.1 serving the shared zips, and
//! against a `file://` mirror: success, a truncated response, a server error and a
//! corrupt zip. After every failure the previous database must still be there and usable.

mod common;

use common::{osv_data, pkg};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::time::Duration;
use trustward_inventory::Ecosystem;
use trustward_osv::update::UpdateError;
use trustward_osv::{Database, UpdateOptions, check_packages, update};

#[derive(Clone, Copy)]
enum Mode {
    Serve,
    Truncate,
    Error500,
    Garbage,
}

/// Serves `<data>/<Ecosystem>/all.zip` for `GET /<Ecosystem>/all.zip` in `mode`;
/// returns the base URL.
fn serve(mode: Mode) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut first = String::new();
            if reader.read_line(&mut first).is_err() {
                continue;
            }
            loop {
                let mut l = String::new();
                if reader.read_line(&mut l).unwrap_or(0) == 0 || l == "\r\n" {
                    break;
                }
            }
            let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
            let eco = path
                .trim_start_matches('/')
                .trim_end_matches("/all.zip")
                .replace("%20", " ");
            let file = osv_data().join(&eco).join("all.zip");
            let body = std::fs::read(&file).unwrap_or_default();
            let resp: Vec<u8> = match mode {
                _ if body.is_empty() => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
                Mode::Serve => {
                    let mut r = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len()).into_bytes();
                    r.extend_from_slice(&body);
                    r
                }
                Mode::Truncate => {
                    let mut r = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len()).into_bytes();
                    r.extend_from_slice(&body[..body.len() / 2]);
                    r
                }
                Mode::Error500 => b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\nConnection: close\r\n\r\noops".to_vec(),
                Mode::Garbage => {
                    // A complete response whose body is not a zip (the middle of one).
                    let part = &body[100..body.len() / 2];
                    let mut r = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", part.len()).into_bytes();
                    r.extend_from_slice(part);
                    r
                }
            };
            let _ = stream.write_all(&resp);
            let _ = stream.flush();
            let _ = stream.shutdown(std::net::Shutdown::Write);
            let mut sink = Vec::new();
            let _ = stream.read_to_end(&mut sink);
        }
    });
    format!("http://{addr}")
}

fn opts(mirror: &str, ecos: &[&str]) -> UpdateOptions {
    UpdateOptions {
        mirror: mirror.to_string(),
        ecosystems: ecos.iter().map(|s| s.to_string()).collect(),
        connect_timeout: Duration::from_secs(5),
        download_timeout: Duration::from_secs(60),
        ..Default::default()
    }
}

fn still_usable(root: &Path) {
    let db = Database::open(root).expect("the previous database survives");
    let out = check_packages(
        &db,
        &[pkg(
            Ecosystem::Npm,
            "lodash",
            "4.17.20",
            "package-lock.json",
            1,
        )],
    );
    assert_eq!(out.findings.len(), 2, "and still matches");
    assert!(db.meta("npm").unwrap().is_some());
}

#[test]
fn http_update_then_failures_keep_the_old_database() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("db");
    let good = serve(Mode::Serve);
    let metas = update(&root, &opts(&good, &["npm", "GitHub Actions"])).unwrap();
    assert_eq!(metas.len(), 2);
    assert!(
        metas
            .iter()
            .any(|m| m.source.ends_with("/GitHub%20Actions/all.zip"))
    );
    still_usable(&root);

    // Truncated body: an error naming the URL; the old database is intact.
    let bad = serve(Mode::Truncate);
    let err = update(&root, &opts(&bad, &["npm"])).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("/npm/all.zip"), "{msg}");
    still_usable(&root);

    // Server error.
    let bad = serve(Mode::Error500);
    let err = update(&root, &opts(&bad, &["npm"])).unwrap_err();
    assert!(matches!(err, UpdateError::Download { .. }), "{err}");
    assert!(err.to_string().contains("500"), "{err}");
    still_usable(&root);

    // A complete response that is not a zip.
    let bad = serve(Mode::Garbage);
    let err = update(&root, &opts(&bad, &["npm"])).unwrap_err();
    assert!(err.to_string().contains("/npm/all.zip"), "{err}");
    assert!(err.to_string().contains("zip"), "{err}");
    still_usable(&root);

    // One good and one missing ecosystem: all or nothing.
    let err = update(&root, &opts(&good, &["npm", "NoSuchEcosystem"])).unwrap_err();
    assert!(err.to_string().contains("404"), "{err}");
    still_usable(&root);

    // No staging or old directories are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "db")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn file_mirror_and_carry_over() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("db");
    let mirror = format!("file://{}", osv_data().display());
    update(&root, &opts(&mirror, &["npm"])).unwrap();
    update(&root, &opts(&mirror, &["Hex"])).unwrap();
    let db = Database::open(&root).unwrap();
    let names: Vec<String> = db
        .status()
        .unwrap()
        .into_iter()
        .map(|m| m.ecosystem)
        .collect();
    assert_eq!(names, vec!["Hex", "npm"], "updating Hex keeps npm");
    still_usable(&root);
    let err = update(
        &root,
        &opts(&format!("file://{}", dir.path().display()), &["npm"]),
    )
    .unwrap_err();
    assert!(err.to_string().contains("npm/all.zip"), "{err}");
    still_usable(&root);
}
