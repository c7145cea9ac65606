//! Scaling benchmark for the two shapes that were quadratic (issue 9): a Dockerfile
//! heredoc with N `curl | bash` lines, and a `pull_request_target` workflow with N
//! checkout + run step pairs. Each input is doubled; the run fails when doubling the
//! input more than triples the time (quadratic growth would quadruple it).
//!
//! Run: `cargo bench -p trustward-workflows --bench scaling` (optionally `-- quick`).

use std::time::{Duration, Instant};
use trustward_workflows::Settings;
use trustward_workflows::analyzer::scan_text;
use trustward_workflows::discover::Kind;

/// A Dockerfile whose one `RUN <<EOF` heredoc has `n` `curl | bash` lines.
fn dockerfile(n: usize) -> String {
    let mut s = String::from("FROM alpine:3.20\nRUN <<EOF\n");
    for i in 0..n {
        s.push_str(&format!("curl -fsSL https://example.com/{i}.sh | bash\n"));
    }
    s.push_str("EOF\n");
    s
}

/// A `pull_request_target` workflow whose one job has `n` checkout-the-head + run pairs.
fn workflow(n: usize) -> String {
    let mut s = String::from(
        "on: pull_request_target\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "      - uses: actions/checkout@v4\n        with:\n          ref: ${{{{ github.event.pull_request.head.sha }}}}\n      - run: make test-{i} \"${{{{ github.event.pull_request.title }}}}\"\n"
        ));
    }
    s
}

/// Fastest of `runs` timings of one scan (the minimum is the least disturbed by other
/// load on a shared machine).
fn time(text: &str, kind: Kind, runs: usize) -> (Duration, usize) {
    let settings = Settings::default();
    let mut times = Vec::new();
    let mut findings = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let f = scan_text("bench", text, kind, &settings).expect("scans");
        times.push(t.elapsed());
        findings = f.len();
    }
    times.sort();
    (times[0], findings)
}

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    let (steps, runs) = if quick { (3, 3) } else { (4, 5) };
    let mut failed = false;
    // the workflow sizes stop below the 4 MiB YAML cap
    for (name, kind, base, make) in [
        (
            "dockerfile-heredoc",
            Kind::Dockerfile,
            10_000,
            dockerfile as fn(usize) -> String,
        ),
        ("prt-checkout-run", Kind::Workflow, 2_500, workflow),
    ] {
        let mut prev: Option<Duration> = None;
        let mut n = base;
        for _ in 0..steps {
            let text = make(n);
            let (t, f) = time(&text, kind, runs);
            let ratio = prev.map(|p| t.as_secs_f64() / p.as_secs_f64().max(1e-9));
            println!(
                "{name:20} n={n:7} bytes={:9} findings={f:7} fastest={:8.2} ms{}",
                text.len(),
                t.as_secs_f64() * 1e3,
                ratio.map(|r| format!(" x{r:.2}")).unwrap_or_default()
            );
            // doubling the input must not quadruple the time; 3x leaves room for noise
            // on a shared machine while still catching quadratic growth
            if ratio.is_some_and(|r| r > 3.0) && t > Duration::from_millis(20) {
                println!("  {name}: time grew more than 3x when the input doubled");
                failed = true;
            }
            prev = Some(t);
            n *= 2;
        }
    }
    if failed {
        std::process::exit(1);
    }
}
