//! The fuzz targets' bodies on stable: random bytes and mutated fixtures must never panic.
//! The proptests at the top cover the Rust, JavaScript and Python lockfiles; the module
//! [`other_lockfiles_and_sboms`] the rest and the SBOM readers.

use proptest::prelude::*;
use trustward_inventory::fuzzing;

const FIXTURES: &[&str] = &[
    include_str!("fixtures/npm/v3.json"),
    include_str!("fixtures/npm/v1.json"),
    include_str!("fixtures/bun/bun.lock"),
    include_str!("fixtures/python/Pipfile.lock"),
    include_str!("fixtures/pnpm/v6.yaml"),
    include_str!("fixtures/pnpm/v9.yaml"),
    include_str!("fixtures/yarn/berry.lock"),
    include_str!("fixtures/yarn/classic.lock"),
    include_str!("fixtures/cargo/v1.lock"),
    include_str!("fixtures/cargo/v3.lock"),
    include_str!("fixtures/python/poetry.lock"),
    include_str!("fixtures/python/uv.lock"),
    include_str!("fixtures/python/pdm.lock"),
    include_str!("fixtures/python/pylock.toml"),
    include_str!("fixtures/pip/requirements.txt"),
];

fn all(data: &[u8]) {
    fuzzing::json_lockfiles(data);
    fuzzing::yaml_lockfiles(data);
    fuzzing::toml_lockfiles(data);
    fuzzing::text_lockfiles(data);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(data in proptest::collection::vec(any::<u8>(), 0..512)) {
        all(&data);
    }

    #[test]
    fn mutated_fixtures(
        idx in 0..FIXTURES.len(),
        cut in any::<prop::sample::Index>(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
    ) {
        let mut bytes = FIXTURES[idx].as_bytes().to_vec();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        all(&bytes);
        let n = cut.index(bytes.len() + 1);
        all(&bytes[..n]);
    }
}

#[test]
fn deep_nesting_and_aliases() {
    all("[".repeat(100_000).as_bytes());
    all("{\"a\":".repeat(50_000).as_bytes());
    all("a:\n".repeat(10).as_bytes());
    let bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c, *c]\n";
    all(bomb.as_bytes());
    all("- ".repeat(10_000).as_bytes());
}

mod other_lockfiles_and_sboms {
    // No parser of this group panics on random bytes or on mutated / truncated fixtures
    // (the stable stand-in for the cargo-fuzz targets in `fuzz/`).

    use trustward_inventory::fuzzing::other_lockfiles_and_sboms as parse_all;

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
            parse_all(&data);
        }
    }

    #[test]
    fn truncated_and_mutated_fixtures_do_not_panic() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/multi-ecosystem/"
        );
        let mut rng = Rng(42);
        let tokens: &[&[u8]] = &[
            b"{", b"}", b"[", b"]", b"\"", b":", b",", b"%{", b"=>", b"(", b")", b"\n", b"    ",
            b"${", b"<", b"/>", b"//", b"#", b"@", b"\xff", b"\\", b"=",
        ];
        for name in FIXTURES {
            let data = std::fs::read(format!("{dir}{name}")).expect("fixture");
            // Every truncation point (coarse steps for big files).
            let step = (data.len() / 200).max(1);
            for cut in (0..data.len()).step_by(step) {
                parse_all(&data[..cut]);
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
                parse_all(&d);
            }
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = |open: &str, n: usize| open.repeat(n).into_bytes();
        parse_all(&deep("[", 100_000));
        parse_all(&deep("{\"a\":", 100_000));
        parse_all(&deep("%{\"a\": ", 100_000));
        parse_all(&deep("<a>", 100_000));
    }
}
