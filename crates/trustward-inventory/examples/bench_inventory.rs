//! Inventory benchmark (run with `--release`; see bench/inventory.sh and
//! docs/PERFORMANCE.md): generates a package-lock.json with 5,000 packages, a Cargo.lock
//! with 1,000 packages and a monorepo tree with 200 lockfiles, then prints the median
//! time of parsing each (and of discovering the whole tree) over repeated runs.
//!
//! Usage: `bench_inventory [OUT_DIR]` (default: a temporary directory). The generated
//! tree is left in OUT_DIR so the script can run other tools on it.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};
use trustward_core::files::FileIndex;
use trustward_inventory::parsers::{self, ParseInput};
use trustward_inventory::{DiscoverOptions, discover};

fn package_lock(n: usize) -> String {
    let mut s = String::from(
        "{\n  \"name\": \"big\",\n  \"version\": \"1.0.0\",\n  \"lockfileVersion\": 3,\n  \"requires\": true,\n  \"packages\": {\n    \"\": {\n      \"name\": \"big\",\n      \"dependencies\": {\n",
    );
    for i in 0..50 {
        let _ = writeln!(
            s,
            "        \"pkg-{i}\": \"^1.0.0\"{}",
            if i < 49 { "," } else { "" }
        );
    }
    s.push_str("      }\n    }");
    for i in 0..n {
        let path = if i % 10 == 9 {
            format!("node_modules/pkg-{}/node_modules/pkg-{i}", i - 1)
        } else {
            format!("node_modules/pkg-{i}")
        };
        let _ = write!(
            s,
            ",\n    \"{path}\": {{\n      \"version\": \"1.{}.{}\",\n      \"resolved\": \"https://registry.npmjs.org/pkg-{i}/-/pkg-{i}-1.0.0.tgz\",\n      \"integrity\": \"sha512-{}==\",\n      \"dependencies\": {{\n        \"pkg-{}\": \"^1.0.0\",\n        \"pkg-{}\": \"^1.0.0\"\n      }}{}\n    }}",
            i % 7,
            i % 13,
            "A".repeat(86),
            (i * 7 + 1) % n,
            (i * 13 + 5) % n,
            if i % 3 == 0 {
                ",\n      \"dev\": true"
            } else {
                ""
            }
        );
    }
    s.push_str("\n  }\n}\n");
    s
}

fn cargo_lock(n: usize) -> String {
    let mut s = String::from(
        "version = 4\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\n",
    );
    for i in 0..20 {
        let _ = writeln!(s, " \"crate-{i}\",");
    }
    s.push_str("]\n");
    for i in 0..n {
        let _ = write!(
            s,
            "\n[[package]]\nname = \"crate-{i}\"\nversion = \"0.{}.{}\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"{:064x}\"\ndependencies = [\n \"crate-{}\",\n \"crate-{}\",\n]\n",
            i % 11,
            i % 17,
            i,
            (i * 3 + 1) % n,
            (i * 5 + 2) % n
        );
    }
    s
}

fn yarn_lock(n: usize, seed: usize) -> String {
    let mut s = String::from("# yarn lockfile v1\n\n");
    for i in 0..n {
        let _ = write!(
            s,
            "\nlib-{seed}-{i}@^1.0.0:\n  version \"1.0.{i}\"\n  resolved \"https://registry.yarnpkg.com/lib-{seed}-{i}/-/lib-1.0.{i}.tgz\"\n  integrity sha512-{}==\n",
            "B".repeat(86)
        );
    }
    s
}

fn requirements(n: usize, seed: usize) -> String {
    (0..n)
        .map(|i| format!("py-{seed}-{i}==2.{i}.0 --hash=sha256:{:064x}\n", i))
        .collect()
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut out = None;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        out = Some(f());
        times.push(t.elapsed());
    }
    (median(times), out.unwrap())
}

fn parse(name: &str, text: &str) -> usize {
    let entry = parsers::find(name).unwrap();
    (entry.parse)(&ParseInput {
        path: name,
        text,
        read: None,
    })
    .unwrap()
    .packages
    .len()
}

fn main() {
    let tmp;
    let out = match std::env::args().nth(1) {
        Some(p) => std::path::PathBuf::from(p),
        None => {
            tmp = std::env::temp_dir().join(format!("trustward-bench-{}", std::process::id()));
            tmp.clone()
        }
    };
    let _ = std::fs::remove_dir_all(&out);

    let npm = package_lock(5000);
    let (t, n) = time(21, || parse("package-lock.json", &npm));
    println!(
        "package-lock.json v3: {n} packages, {} KiB: median {:.2} ms",
        npm.len() / 1024,
        t.as_secs_f64() * 1e3
    );
    let (t, _) = time(21, || parsers::json::parse(&npm).map(|_| ()));
    println!(
        "  of which the JSON tree alone: median {:.2} ms",
        t.as_secs_f64() * 1e3
    );
    write(&out, "single/package-lock.json", &npm);

    let cargo = cargo_lock(1000);
    let (t, n) = time(21, || parse("Cargo.lock", &cargo));
    println!(
        "Cargo.lock v4: {n} packages, {} KiB: median {:.2} ms",
        cargo.len() / 1024,
        t.as_secs_f64() * 1e3
    );
    write(&out, "single/Cargo.lock", &cargo);

    // Monorepo: 200 lockfiles of four kinds.
    let mono = out.join("monorepo");
    for i in 0..200 {
        match i % 4 {
            0 => write(&mono, &format!("svc-{i}/Cargo.lock"), &cargo_lock(100)),
            1 => write(
                &mono,
                &format!("web-{i}/package-lock.json"),
                &package_lock(100),
            ),
            2 => write(&mono, &format!("ui-{i}/yarn.lock"), &yarn_lock(100, i)),
            _ => write(
                &mono,
                &format!("py-{i}/requirements.txt"),
                &requirements(100, i),
            ),
        }
        write(&mono, &format!("src-{i}/main.rs"), "fn main() {}\n");
    }
    let (t, inv) = time(11, || {
        let files = FileIndex::new(&mono);
        discover(&files, &DiscoverOptions::default())
    });
    println!(
        "monorepo: {} lockfiles, {} packages, {} errors: median {:.1} ms (walk + read + parse)",
        inv.sources.len(),
        inv.packages.len(),
        inv.errors.len(),
        t.as_secs_f64() * 1e3
    );
    println!("generated tree left in {}", out.display());
}
