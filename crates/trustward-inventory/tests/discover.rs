//! Discovery over a tree: vendored directories, .gitignore, size cap, single-file mode,
//! and bad files reported while the others are still read.

use std::path::Path;
use trustward_core::files::FileIndex;
use trustward_inventory::{DiscoverOptions, discover, discover_all};

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const LOCK: &str = "version = 4\n\n[[package]]\nname = \"itoa\"\nversion = \"1.0.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n";

fn tree() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "Cargo.lock", LOCK);
    write(
        r,
        "web/package-lock.json",
        "{\"lockfileVersion\": 3, \"packages\": {\"\": {}, \"node_modules/ms\": {\"version\": \"2.1.3\"}}}",
    );
    write(
        r,
        "web/node_modules/x/package-lock.json",
        "{\"lockfileVersion\": 3, \"packages\": {\"node_modules/y\": {\"version\": \"1.0.0\"}}}",
    );
    write(
        r,
        "vendor/lib/Cargo.lock",
        LOCK.replace("itoa", "vendored").as_str(),
    );
    write(
        r,
        "target/debug/Cargo.lock",
        LOCK.replace("itoa", "built").as_str(),
    );
    write(
        r,
        "ignored/Cargo.lock",
        LOCK.replace("itoa", "ignored").as_str(),
    );
    write(r, ".gitignore", "ignored/\n");
    write(r, "py/requirements.txt", "six==1.16.0\nbroken line ===\n");
    write(
        r,
        "bad/poetry.lock",
        "[[package]]\nname = \"x\"\nversion = \n",
    );
    d
}

fn names(inv: &trustward_inventory::Inventory) -> Vec<String> {
    inv.packages.iter().map(|p| p.name.clone()).collect()
}

#[test]
fn skips_vendored_and_ignored_and_keeps_going_after_errors() {
    let d = tree();
    let inv = discover(&FileIndex::new(d.path()), &DiscoverOptions::default());
    assert_eq!(names(&inv), vec!["itoa", "ms", "six"]);
    let paths: Vec<_> = inv.sources.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        paths,
        vec!["Cargo.lock", "py/requirements.txt", "web/package-lock.json"]
    );
    let errs: Vec<_> = inv.errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(errs, vec!["bad/poetry.lock:3", "py/requirements.txt:2"]);
}

#[test]
fn include_vendored_reads_them() {
    let d = tree();
    let opts = DiscoverOptions {
        include_vendored: true,
        ..Default::default()
    };
    let inv = discover(&FileIndex::new(d.path()), &opts);
    let mut n = names(&inv);
    n.sort();
    assert_eq!(n, vec!["built", "itoa", "ms", "six", "vendored", "y"]);
}

#[test]
fn size_cap_skips_with_a_message() {
    let d = tree();
    let opts = DiscoverOptions {
        max_file_size: Some(100),
        ..Default::default()
    };
    let found = discover_all(&FileIndex::new(d.path()), &opts);
    assert!(
        found
            .skipped
            .iter()
            .any(|s| s.path == "Cargo.lock" && s.message.contains("size cap"))
    );
    assert!(
        found
            .inventory
            .errors
            .iter()
            .any(|s| s.path == "Cargo.lock")
    );
    assert!(!names(&found.inventory).contains(&"itoa".to_string()));
}

#[test]
fn single_file_even_inside_vendor() {
    let d = tree();
    let files = FileIndex::single_file(&d.path().join("vendor/lib"), "Cargo.lock");
    let inv = discover(&files, &DiscoverOptions::default());
    assert_eq!(names(&inv), vec!["vendored"]);
    assert_eq!(inv.packages[0].source.path, "Cargo.lock");
}
