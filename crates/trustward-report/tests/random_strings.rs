//! Renders reports whose strings are random mixtures of Markdown, HTML, control,
//! bidirectional and non-ASCII characters, and checks the invariants each format promises:
//! nothing panics, JSON round-trips, SARIF stays schema-valid, text carries no raw control
//! characters, Markdown carries no raw HTML or line a string could have started.

mod common;

use serde_json::Value;
use trustward_core::finding::{Location, SuppressionKind};
use trustward_core::{FailOn, Finding, Report, ScanError};
use trustward_report::{Format, RenderOptions, render};

/// xorshift64*: a fixed-seed generator, so every run checks the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const POOL: &[&str] = &[
    "a",
    "Z",
    "0",
    " ",
    "\n",
    "\r",
    "\t",
    "\u{0}",
    "\u{7}",
    "\u{1b}[31m",
    "\u{1b}]8;;",
    "\u{7f}",
    "\u{9b}",
    "\u{202e}",
    "\u{2066}",
    "\u{200b}",
    "\u{feff}",
    "<",
    ">",
    "&",
    "\"",
    "'",
    "`",
    "*",
    "_",
    "[",
    "]",
    "(",
    ")",
    "!",
    "|",
    "#",
    "@",
    "~",
    "$",
    "\\",
    "-",
    "+",
    ".",
    "=",
    "^",
    ":",
    "/",
    "https://",
    "www.",
    "</details>",
    "<summary>",
    "<!--",
    "-->",
    "é",
    "漢",
    "😀",
    "%",
    "?",
];

fn random_string(rng: &mut Rng, max: usize) -> String {
    let len = rng.below(max + 1);
    (0..len).map(|_| POOL[rng.below(POOL.len())]).collect()
}

fn random_report(rng: &mut Rng) -> Report {
    let rules = [
        &common::TOKEN,
        &common::POLICY,
        &common::UNPINNED,
        &common::CHANGELOG,
        &common::NOTE,
    ];
    let n = rng.below(12);
    let findings = (0..n)
        .map(|i| {
            let rule = rules[rng.below(rules.len())];
            let mut loc = match rng.below(3) {
                0 => Location::none(),
                _ => Location::file(random_string(rng, 8)),
            };
            if rng.below(2) == 0 {
                loc = loc.with_position(rng.below(5) as u32, rng.below(5) as u32);
            }
            if rng.below(3) == 0 {
                loc = loc.with_end(rng.below(5) as u32, rng.below(5) as u32);
            }
            if rng.below(4) == 0 {
                loc = loc.with_commit(random_string(rng, 4));
            }
            let mut f = Finding::new(rule, random_string(rng, 12), loc).with_key(format!("{i}"));
            if rng.below(3) == 0 {
                f = f.with_remediation(random_string(rng, 10));
            }
            if rng.below(3) == 0 {
                let kind = [
                    SuppressionKind::Inline,
                    SuppressionKind::Config,
                    SuppressionKind::Baseline,
                ][rng.below(3)];
                let reason = random_string(rng, 8);
                f = common::suppressed(f, kind, &reason, None);
            }
            f
        })
        .collect();
    let errors = (0..rng.below(3))
        .map(|_| ScanError::new(random_string(rng, 6), random_string(rng, 8)))
        .collect();
    let warnings = (0..rng.below(3)).map(|_| random_string(rng, 8)).collect();
    let mut analyzers = common::sample_analyzers();
    analyzers.sort_by(|a, b| a.name.cmp(&b.name));
    common::assemble(
        findings,
        errors,
        warnings,
        analyzers,
        FailOn::default(),
        vec![],
        None,
    )
}

fn check_markdown(md: &str) {
    let mut rest = md.to_string();
    for tag in ["<details>", "</details>", "<summary>", "</summary>", "<br>"] {
        rest = rest.replace(tag, "");
    }
    assert!(
        !rest.contains('<') && !rest.contains('>'),
        "raw HTML in\n{md}"
    );
    assert!(!md.contains('\u{1b}') && !md.contains('\r') && !md.contains('\u{202e}'));
    for line in md.lines() {
        let ours = line.is_empty()
            || [
                "### ",
                "| ",
                "|---",
                "- ",
                "<details>",
                "</details>",
                "**Not checked**",
            ]
            .iter()
            .any(|p| line.starts_with(p))
            || line.starts_with(|c: char| c.is_ascii_digit());
        assert!(ours, "line not produced by the renderer: {line:?}");
    }
    assert_eq!(
        md.matches("<details>").count(),
        md.matches("</details>").count()
    );
}

#[test]
fn random_strings_keep_every_format_well_formed() {
    let schema_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|d| d.join("shared/data/schemas/sarif/sarif-schema-2.1.0.json"))
        .find(|p| p.is_file())
        .unwrap();
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let reg = common::registry();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..300 {
        let report = random_report(&mut rng);
        let opts = RenderOptions {
            color: false,
            verbose: true,
        };

        let text = render(&report, &reg, Format::Text, &opts);
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "raw control character in\n{text}"
        );
        assert!(text.lines().last().unwrap().starts_with("policy: "));

        check_markdown(&render(&report, &reg, Format::Markdown, &opts));

        let json: Value =
            serde_json::from_str(&render(&report, &reg, Format::Json, &opts)).unwrap();
        for (f, j) in report
            .findings
            .iter()
            .zip(json["findings"].as_array().unwrap())
        {
            assert_eq!(j["message"], f.message.as_str());
            assert_eq!(j["location"]["path"].as_str(), f.location.path.as_deref());
        }

        let sarif: Value =
            serde_json::from_str(&render(&report, &reg, Format::Sarif, &opts)).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}\n{sarif:#}");
        for r in sarif["runs"][0]["results"].as_array().unwrap() {
            let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap();
            assert!(!uri.is_empty() && !uri.starts_with('/'));
            assert!(!r["message"]["text"].as_str().unwrap().trim().is_empty());
        }
    }
}
