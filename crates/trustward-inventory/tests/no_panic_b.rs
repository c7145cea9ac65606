//! No parser of this group panics on random bytes or on mutated / truncated fixtures
//! (the stable stand-in for the cargo-fuzz targets in `fuzz/`).

use trustward_inventory::parsers::fuzz_b::parse_all_b;

/// xorshift64*: deterministic, dependency-free randomness.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const FIXTURES: &[&str] = &[
    "go.mod",
    "go.sum",
    "Gemfile.lock",
    "composer.lock",
    "pom.xml",
    "gradle.lockfile",
    "packages.lock.json",
    "pubspec.lock",
    "mix.lock",
    "Package.resolved.v1",
    "Package.resolved.v2",
    "Package.resolved.v3",
    "conan.lock.v04",
    "conan.lock.v2",
    "external.cdx.json",
    "external.spdx.json",
];

#[test]
fn random_bytes_do_not_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..300 {
        let len = rng.below(512);
        let data: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        parse_all_b(&data);
    }
}

#[test]
fn truncated_and_mutated_fixtures_do_not_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/b/");
    let mut rng = Rng(42);
    let tokens: &[&[u8]] = &[
        b"{", b"}", b"[", b"]", b"\"", b":", b",", b"%{", b"=>", b"(", b")", b"\n", b"    ", b"${",
        b"<", b"/>", b"//", b"#", b"@", b"\xff", b"\\", b"=",
    ];
    for name in FIXTURES {
        let data = std::fs::read(format!("{dir}{name}")).expect("fixture");
        // Every truncation point (coarse steps for big files).
        let step = (data.len() / 200).max(1);
        for cut in (0..data.len()).step_by(step) {
            parse_all_b(&data[..cut]);
        }
        // Random splices of syntax tokens.
        for _ in 0..200 {
            let mut d = data.clone();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(d.len() + 1);
                match rng.below(3) {
                    0 => {
                        let t = tokens[rng.below(tokens.len())];
                        d.splice(at..at, t.iter().copied());
                    }
                    1 if at < d.len() => {
                        let end = (at + rng.below(16)).min(d.len());
                        d.drain(at..end);
                    }
                    _ => {
                        if let Some(b) = d.get_mut(at) {
                            *b = rng.next() as u8;
                        }
                    }
                }
            }
            parse_all_b(&d);
        }
    }
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let deep = |open: &str, n: usize| open.repeat(n).into_bytes();
    parse_all_b(&deep("[", 100_000));
    parse_all_b(&deep("{\"a\":", 100_000));
    parse_all_b(&deep("%{\"a\": ", 100_000));
    parse_all_b(&deep("<a>", 100_000));
}
