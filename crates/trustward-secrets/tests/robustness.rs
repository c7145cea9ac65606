//! Hostile input never panics: arbitrary bytes through the engine, the archive reader and
//! the gitleaks parser (the fuzz targets' bodies, exercised on stable).

use proptest::prelude::*;
use std::sync::OnceLock;
use trustward_secrets::engine::Engine;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new(Engine::builtin(|_| false), vec![]))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn engine_never_panics(data in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let e = engine();
        let (ms, _) = e.scan("x", &data, None);
        for m in ms {
            prop_assert!(m.line >= 1 && m.column >= 1);
        }
    }

    #[test]
    fn engine_finds_a_token_anywhere(prefix in "[ -~\n]{0,200}", suffix in "[ -~\n]{0,200}") {
        let token = concat!("gh", "p_Zq8Lm3Kd9Xv2Tr7Wp4Ny6Hb1Jc5Gf0Sa8Ed3");
        let text = format!("{prefix}\n{token}\n{suffix}");
        let e = engine();
        let (ms, _) = e.scan("x", text.as_bytes(), None);
        prop_assert!(ms.iter().any(|m| m.secret == token.as_bytes()));
    }

    #[test]
    fn parsers_never_panic(data in proptest::collection::vec(any::<u8>(), 0..2048)) {
        trustward_secrets::archive::fuzz_archive(&data);
        trustward_secrets::gitleaks::fuzz_gitleaks_config(&data);
    }
}
