//! Fuzz-style tests of the two input shapes that once took quadratic time (issue 9): a
//! Dockerfile heredoc of many `curl | bash` lines and a `pull_request_target` workflow of
//! many checkout + run pairs. Random sizes, spacing and line mixes; each case checks that
//! nothing panics and that every finding points at the right line and column. Timing is
//! measured by `benches/scaling.rs`, never here.

use proptest::prelude::*;
use trustward_workflows::Settings;
use trustward_workflows::analyzer::scan_text;
use trustward_workflows::discover::Kind;

/// Builds a heredoc Dockerfile from line kinds (0 = `curl | bash`, 1 = `wget | sh`,
/// 2 = a harmless command, 3 = several pipes on one long line) and returns it with the
/// expected (line, column) of every pipe-to-shell finding.
fn heredoc(kinds: &[u8], indent: usize) -> (String, Vec<(u32, u32)>) {
    let mut s = String::from(
        "FROM alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000\nRUN <<EOF\n",
    );
    let mut want = Vec::new();
    let pad = " ".repeat(indent);
    for (i, k) in kinds.iter().enumerate() {
        let line = u32::try_from(i + 3).unwrap();
        let col = u32::try_from(indent + 1).unwrap();
        match k % 4 {
            0 => {
                s.push_str(&format!(
                    "{pad}curl -fsSL https://e.example/{i}.sh | bash\n"
                ));
                want.push((line, col));
            }
            1 => {
                s.push_str(&format!("{pad}wget -qO- https://e.example/{i} | sh\n"));
                want.push((line, col));
            }
            2 => s.push_str(&format!("{pad}echo step {i}\n")),
            _ => {
                // three pipes on one line, separated by `;`
                let one = "curl -s https://e.example/x | sh";
                s.push_str(&format!("{pad}{one}; {one}; {one}\n"));
                for j in 0..3 {
                    want.push((line, col + u32::try_from(j * (one.len() + 2)).unwrap()));
                }
            }
        }
    }
    s.push_str("EOF\n");
    (s, want)
}

/// Expected (line, column) pairs.
type Positions = Vec<(u32, u32)>;

/// A `pull_request_target` workflow with `n` pairs of a head checkout and a `run:` that
/// expands the pull request title; returns it with the expected (line, column) of each
/// dangerous-trigger and template-injection finding.
fn prt(n: usize, quoted: bool) -> (String, Positions, Positions) {
    let mut s = String::from(
        "on: pull_request_target\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n",
    );
    let (mut checkouts, mut injections) = (Vec::new(), Vec::new());
    for i in 0..n {
        let base = u32::try_from(7 + i * 5).unwrap();
        s.push_str("      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n");
        s.push_str("          ref: ${{ github.event.pull_request.head.sha }}\n");
        checkouts.push((base + 3, 16));
        if quoted {
            s.push_str(&format!(
                "      - run: \"make t{i} ${{{{ github.event.pull_request.title }}}}\"\n"
            ));
        } else {
            s.push_str(&format!(
                "      - run: make t{i} ${{{{ github.event.pull_request.title }}}}\n"
            ));
        }
        let col = 14 + u32::from(quoted) + 7 + u32::try_from(i.to_string().len()).unwrap();
        injections.push((base + 4, col));
    }
    (s, checkouts, injections)
}

fn positions(findings: &[trustward_core::Finding], rule: &str) -> Vec<(u32, u32)> {
    let mut v: Vec<_> = findings
        .iter()
        .filter(|f| f.rule.id == rule)
        .map(|f| (f.location.line.unwrap(), f.location.column.unwrap()))
        .collect();
    v.sort_unstable();
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn dockerfile_heredoc_of_pipes(kinds in proptest::collection::vec(0u8..4, 0..400), indent in 0usize..3) {
        let (text, want) = heredoc(&kinds, indent);
        let f = scan_text("Dockerfile", &text, Kind::Dockerfile, &Settings::default()).unwrap();
        prop_assert_eq!(positions(&f, "workflows/dockerfile-curl-pipe-shell"), want);
    }

    #[test]
    fn prt_checkout_run_pairs(n in 0usize..300, quoted: bool) {
        let (text, checkouts, injections) = prt(n, quoted);
        let f = scan_text("w.yml", &text, Kind::Workflow, &Settings::default()).unwrap();
        prop_assert_eq!(positions(&f, "workflows/dangerous-trigger"), checkouts);
        prop_assert_eq!(positions(&f, "workflows/template-injection"), injections);
    }
}

/// The largest shapes the caps allow still finish and report every line (a debug-build
/// smoke test, no timing).
#[test]
fn large_shapes_complete() {
    let (text, want) = heredoc(&vec![0; 40_000], 0);
    let f = scan_text("Dockerfile", &text, Kind::Dockerfile, &Settings::default()).unwrap();
    assert_eq!(
        positions(&f, "workflows/dockerfile-curl-pipe-shell").len(),
        want.len()
    );
    let (text, checkouts, _) = prt(8_000, false);
    let f = scan_text("w.yml", &text, Kind::Workflow, &Settings::default()).unwrap();
    assert_eq!(
        positions(&f, "workflows/dangerous-trigger").len(),
        checkouts.len()
    );
}
