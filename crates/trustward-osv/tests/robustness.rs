//! Hostile input never panics: mutated purls, mutated records, truncated zips.
//! (A deterministic xorshift loop stands in for cargo-fuzz on stable.)

mod common;

use common::{fixtures, osv_data};
use trustward_osv::{ImportOptions, Purl, import_into_db};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..=rng.below(4) {
        match rng.below(3) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] = rng.next() as u8;
            }
            1 if !v.is_empty() => {
                let i = rng.below(v.len());
                v.truncate(i);
            }
            _ => {
                let i = rng.below(v.len() + 1);
                v.insert(i, b"%@/:#?{}[]\"0"[rng.below(12)]);
            }
        }
    }
    v
}

#[test]
fn purl_parser_never_panics() {
    let seeds = [
        "pkg:npm/%40angular/core@16.0.0",
        "pkg:maven/org.apache/x@1.0?type=jar#sub",
        "pkg:golang/github.com/a/b@v1.2.3",
    ];
    let mut rng = Rng(0x9e3779b97f4a7c15);
    for _ in 0..20_000 {
        let seed = seeds[rng.below(seeds.len())].as_bytes();
        let m = mutate(&mut rng, seed);
        let s = String::from_utf8_lossy(&m);
        if let Ok(p) = Purl::parse(&s) {
            let _ = (p.ecosystem(), p.osv_name());
        }
        let _ = trustward_osv::package_from_purl(&s);
    }
}

#[test]
fn mutated_records_import_or_skip() {
    let seed = std::fs::read(fixtures().join("records/TEST-2024-0003.json")).unwrap();
    let mut rng = Rng(42);
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir_all(&src).unwrap();
    for i in 0..300 {
        std::fs::write(src.join(format!("r{i}.json")), mutate(&mut rng, &seed)).unwrap();
    }
    let report = import_into_db(&dir.path().join("db"), &src, ImportOptions::default()).unwrap();
    assert_eq!(report.records, 300);
}

#[test]
fn truncated_zips_are_errors_naming_the_file() {
    let zip = std::fs::read(osv_data().join("Hex/all.zip")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for cut in [10, zip.len() / 3, zip.len() / 2, zip.len() - 30] {
        let p = dir.path().join(format!("cut{cut}.zip"));
        std::fs::write(&p, &zip[..cut]).unwrap();
        let db = dir.path().join("db");
        let err = import_into_db(&db, &p, ImportOptions::default()).unwrap_err();
        assert!(err.to_string().contains(&format!("cut{cut}.zip")), "{err}");
        assert!(!db.exists(), "a failed import creates no database");
    }
}
