//! SBOM benchmark (run with `--release`; figures in docs/PERFORMANCE.md): builds synthetic
//! inventories of 5,000 npm packages and 1,000 crates (SHA-512/SHA-256 hashes, two edges
//! each), then prints the median time of writing CycloneDX 1.6 and SPDX 2.3 and of reading
//! the CycloneDX back, next to a reference: `serde_json::to_string_pretty` of the bare
//! package list (the floor for any JSON writer of the same data).
//!
//! Usage: `bench_sbom [RUNS]` (default 21).

use std::time::{Duration, Instant};
use trustward_inventory::model::{Ecosystem, Inventory, Package, PackageHash, Scope, SourceRef};
use trustward_inventory::sbom::{self, SbomOptions, Standard};

fn inventory(eco: Ecosystem, n: usize) -> Inventory {
    let (ty, alg, len) = match eco {
        Ecosystem::Npm => ("npm", "SHA-512", 128),
        _ => ("cargo", "SHA-256", 64),
    };
    let purl = |i: usize| format!("pkg:{ty}/pkg-{i}@1.{}.{}", i % 7, i % 13);
    let packages = (0..n)
        .map(|i| Package {
            ecosystem: eco,
            name: format!("pkg-{i}"),
            version: format!("1.{}.{}", i % 7, i % 13),
            purl: purl(i),
            scope: if i % 3 == 0 {
                Scope::Dev
            } else {
                Scope::Runtime
            },
            direct: Some(i < 50),
            source: SourceRef {
                path: "lockfile".into(),
                line: Some(u32::try_from(i * 8 + 1).unwrap_or(u32::MAX)),
            },
            hashes: vec![PackageHash {
                alg: alg.into(),
                value: format!("{i:0len$x}"),
            }],
            dependencies: vec![purl((i * 7 + 1) % n), purl((i * 13 + 5) % n)],
        })
        .collect();
    Inventory {
        packages,
        ..Inventory::default()
    }
}

fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(21);
    let opts = SbomOptions {
        deterministic: true,
        ..SbomOptions::default()
    };
    println!(
        "| inventory | reference (serde_json of the package list) | CycloneDX 1.6 write | SPDX 2.3 write | CycloneDX read back | CycloneDX / reference |"
    );
    println!("|---|---|---|---|---|---|");
    for (label, inv) in [
        ("5,000 npm packages", inventory(Ecosystem::Npm, 5000)),
        ("1,000 crates", inventory(Ecosystem::CratesIo, 1000)),
    ] {
        let reference = median(runs, || {
            let s = serde_json::to_string_pretty(&inv.packages).unwrap_or_default();
            std::hint::black_box(s);
        });
        let cdx_text = sbom::write(&inv, Standard::CycloneDx, &opts);
        let cdx = median(runs, || {
            std::hint::black_box(sbom::write(&inv, Standard::CycloneDx, &opts));
        });
        let spdx = median(runs, || {
            std::hint::black_box(sbom::write(&inv, Standard::Spdx, &opts));
        });
        let read = median(runs, || {
            std::hint::black_box(
                sbom::read("bom.json", &cdx_text)
                    .map(|i| i.packages.len())
                    .ok(),
            );
        });
        println!(
            "| {label} | {} | {} | {} | {} | {:.1}x |",
            ms(reference),
            ms(cdx),
            ms(spdx),
            ms(read),
            cdx.as_secs_f64() / reference.as_secs_f64()
        );
    }
}
