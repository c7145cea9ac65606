//! Parse and compare throughput per scheme (not a test: run with
//! `cargo bench -p trustward-versions --bench parse_compare`).
//!
//! For each scheme a deterministic synthetic corpus of 50,000 version strings in that
//! ecosystem's usual shapes is parsed, then sorted (counting comparisons). The `semver`
//! crate parsing and sorting the same SemVer corpus is the side-by-side reference. When
//! `../shared/data/osv` is present, the real PyPI and Go version strings of the advisories
//! are measured too. Each figure is the median of 7 runs.

use std::cell::Cell;
use std::hint::black_box;
use std::io::Read;
use std::time::Instant;

use trustward_versions::{Scheme, Version};

const N: usize = 50_000;
const RUNS: usize = 7;

/// A tiny deterministic PRNG (xorshift64*), so corpora are identical between runs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

fn corpus(scheme: Scheme) -> Vec<String> {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15 ^ scheme as u64);
    (0..N)
        .map(|_| {
            let (a, b, c) = (r.below(30), r.below(50), r.below(200));
            match scheme {
                Scheme::SemVer | Scheme::Pub => match r.below(4) {
                    0 => format!(
                        "{a}.{b}.{c}-{}.{}",
                        r.pick(&["alpha", "beta", "rc"]),
                        r.below(12)
                    ),
                    1 => format!("{a}.{b}.{c}+build.{}", r.below(99)),
                    _ => format!("{a}.{b}.{c}"),
                },
                Scheme::Go => match r.below(3) {
                    0 => format!(
                        "v0.0.0-2021{:02}{:02}101010-abcdef{:06x}",
                        1 + r.below(12),
                        1 + r.below(28),
                        r.below(0xffffff)
                    ),
                    1 => format!("v{a}.{b}.{c}+incompatible"),
                    _ => format!("v{a}.{b}.{c}"),
                },
                Scheme::Pep440 => match r.below(5) {
                    0 => format!("{a}.{b}.{c}{}{}", r.pick(&["a", "b", "rc"]), r.below(5)),
                    1 => format!("{a}.{b}.post{}", r.below(5)),
                    2 => format!("{a}.{b}.dev{}", r.below(5)),
                    3 => format!("{a}.{b}.{c}+local.{}", r.below(9)),
                    _ => format!("{a}.{b}.{c}"),
                },
                Scheme::Maven => match r.below(4) {
                    0 => format!("{a}.{b}.{c}.{}", r.pick(&["Final", "RELEASE", "GA"])),
                    1 => format!(
                        "{a}.{b}-{}{}",
                        r.pick(&["alpha", "beta", "M", "RC"]),
                        r.below(9)
                    ),
                    2 => format!("{a}.{b}.{c}-SNAPSHOT"),
                    _ => format!("{a}.{b}.{c}"),
                },
                Scheme::RubyGems => match r.below(3) {
                    0 => format!(
                        "{a}.{b}.{c}.{}{}",
                        r.pick(&["pre", "rc", "beta"]),
                        r.below(5)
                    ),
                    _ => format!("{a}.{b}.{c}"),
                },
                Scheme::NuGet => match r.below(4) {
                    0 => format!(
                        "{a}.{b}.{c}-{}.{}",
                        r.pick(&["preview", "rc", "beta"]),
                        r.below(9)
                    ),
                    1 => format!("{a}.{b}.{c}.{}", r.below(9)),
                    _ => format!("{a}.{b}.{c}"),
                },
                Scheme::Composer => match r.below(4) {
                    0 => format!("v{a}.{b}.{c}"),
                    1 => format!(
                        "{a}.{b}.{c}-{}{}",
                        r.pick(&["beta", "RC", "alpha"]),
                        r.below(5)
                    ),
                    _ => format!("{a}.{b}.{c}"),
                },
                Scheme::Debian => match r.below(3) {
                    0 => format!("1:{a}.{b}.{c}-{}", 1 + r.below(5)),
                    1 => format!(
                        "{a}.{b}~rc{}-{}ubuntu{}",
                        r.below(5),
                        1 + r.below(5),
                        r.below(3)
                    ),
                    _ => format!("{a}.{b}.{c}+dfsg-{}", 1 + r.below(5)),
                },
            }
        })
        .collect()
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// (parse ns per version, compare ns per comparison) for `parse` + a counting sort.
fn measure<T, E>(
    inputs: &[String],
    parse: impl Fn(&str) -> Result<T, E>,
    cmp: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> (f64, f64) {
    let mut parse_ns = Vec::new();
    let mut cmp_ns = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let parsed: Vec<T> = inputs
            .iter()
            .filter_map(|s| parse(black_box(s)).ok())
            .collect();
        parse_ns.push(t.elapsed().as_nanos() as f64 / inputs.len() as f64);
        let mut v = parsed;
        let count = Cell::new(0u64);
        let t = Instant::now();
        v.sort_by(|a, b| {
            count.set(count.get() + 1);
            cmp(a, b)
        });
        cmp_ns.push(t.elapsed().as_nanos() as f64 / count.get().max(1) as f64);
        black_box(&v);
    }
    (median(parse_ns), median(cmp_ns))
}

fn ours(scheme: Scheme, inputs: &[String]) -> (f64, f64) {
    measure(inputs, |s| Version::parse(scheme, s), |a, b| a.cmp(b))
}

/// Version strings of one OSV ecosystem's advisories (events and `versions` lists).
fn osv_versions(ecosystem: &str) -> Option<Vec<String>> {
    let dirs = [
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/osv"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../../shared/data/osv"),
    ];
    let dir = dirs.iter().map(std::path::Path::new).find(|d| d.is_dir())?;
    let file = std::fs::File::open(dir.join(ecosystem).join("all.zip")).ok()?;
    let mut zip = zip::ZipArchive::new(file).ok()?;
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut text = String::new();
        zip.by_index(i).ok()?.read_to_string(&mut text).ok()?;
        let doc: serde_json::Value = serde_json::from_str(&text).ok()?;
        for aff in doc["affected"].as_array().into_iter().flatten() {
            for v in aff["versions"].as_array().into_iter().flatten() {
                out.extend(v.as_str().map(str::to_owned));
            }
            for r in aff["ranges"].as_array().into_iter().flatten() {
                for ev in r["events"].as_array().into_iter().flatten() {
                    for k in ["introduced", "fixed", "last_affected"] {
                        out.extend(ev[k].as_str().filter(|s| *s != "0").map(str::to_owned));
                    }
                }
            }
        }
    }
    Some(out)
}

fn main() {
    println!("corpus                      | strings | parse ns/op | compare ns/op");
    println!("----------------------------|---------|-------------|--------------");
    for scheme in Scheme::ALL {
        let inputs = corpus(scheme);
        let (p, c) = ours(scheme, &inputs);
        println!(
            "{:<27} | {:>7} | {p:>11.1} | {c:>12.1}",
            format!("{scheme} (synthetic)"),
            inputs.len()
        );
        if scheme == Scheme::SemVer {
            let (rp, rc) = measure(&inputs, semver::Version::parse, |a, b| a.cmp(b));
            println!(
                "{:<27} | {:>7} | {rp:>11.1} | {rc:>12.1}",
                "  reference: semver crate",
                inputs.len()
            );
            println!(
                "  ratio ours/reference: parse {:.2}, compare {:.2}",
                p / rp,
                c / rc
            );
        }
    }
    for (eco, scheme) in [
        ("PyPI", Scheme::Pep440),
        ("Go", Scheme::Go),
        ("crates.io", Scheme::SemVer),
    ] {
        if let Some(inputs) = osv_versions(eco) {
            let (p, c) = ours(scheme, &inputs);
            println!(
                "{:<27} | {:>7} | {p:>11.1} | {c:>12.1}",
                format!("{eco} (OSV data)"),
                inputs.len()
            );
        }
    }
}
