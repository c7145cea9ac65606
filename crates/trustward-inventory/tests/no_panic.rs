//! The fuzz targets' bodies on stable: random bytes and mutated fixtures must never panic.

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
