//! Same report, same bytes — in every format, and whatever order the analyzers returned
//! their findings in (once the engine has sorted them).

mod common;

use trustward_report::{Format, RenderOptions, render};

const FORMATS: [Format; 4] = [Format::Text, Format::Json, Format::Sarif, Format::Markdown];

#[test]
fn rendering_twice_gives_the_same_bytes() {
    let reg = common::registry();
    for verbose in [false, true] {
        let opts = RenderOptions {
            color: false,
            verbose,
        };
        for format in FORMATS {
            let a = render(&common::sample(), &reg, format, &opts);
            let b = render(&common::sample(), &reg, format, &opts);
            assert_eq!(a, b, "{format:?}");
            assert!(a.ends_with('\n'), "{format:?} ends with a newline");
        }
    }
}

#[test]
fn input_order_does_not_matter_after_sorting() {
    let reg = common::registry();
    let opts = RenderOptions::default();
    let build = |reverse: bool| {
        let mut findings = common::sample_findings();
        if reverse {
            findings.reverse();
        }
        findings.rotate_left(2);
        let mut analyzers = common::sample_analyzers();
        analyzers.sort_by(|a, b| a.name.cmp(&b.name));
        common::assemble(
            findings,
            vec![],
            vec![],
            analyzers,
            Default::default(),
            vec![],
            None,
        )
    };
    for format in FORMATS {
        assert_eq!(
            render(&build(false), &reg, format, &opts),
            render(&build(true), &reg, format, &opts),
            "{format:?}"
        );
    }
}

#[test]
fn rules_come_from_the_finding_when_the_registry_lacks_them() {
    // A registry without the rules (e.g. a partial one) must not change the output.
    let opts = RenderOptions::default();
    let empty = trustward_core::rule::RuleRegistry::new();
    assert_eq!(
        render(&common::sample(), &empty, Format::Sarif, &opts),
        render(&common::sample(), &common::registry(), Format::Sarif, &opts)
    );
}
