//! Known orderings and equalities per scheme, taken from each ecosystem's specification
//! or reference test suite (cited per table). Expected values come from those documents,
//! never from this crate's output.

use std::cmp::Ordering;

use trustward_versions::{Scheme, Version};

fn parse(scheme: Scheme, s: &str) -> Version {
    Version::parse(scheme, s).unwrap_or_else(|e| panic!("{e}"))
}

/// Every earlier entry sorts strictly below every later one (both directions checked),
/// like Maven's `checkVersionsOrder(String[])`.
fn assert_chain(scheme: Scheme, chain: &[&str]) {
    let vs: Vec<Version> = chain.iter().map(|s| parse(scheme, s)).collect();
    for i in 0..vs.len() {
        for j in i + 1..vs.len() {
            assert_eq!(
                vs[i].cmp(&vs[j]),
                Ordering::Less,
                "{scheme}: expected {} < {}",
                chain[i],
                chain[j]
            );
            assert_eq!(
                vs[j].cmp(&vs[i]),
                Ordering::Greater,
                "{scheme}: expected {} > {}",
                chain[j],
                chain[i]
            );
        }
    }
}

fn assert_eq_versions(scheme: Scheme, pairs: &[(&str, &str)]) {
    for (a, b) in pairs {
        let (x, y) = (parse(scheme, a), parse(scheme, b));
        assert_eq!(x.cmp(&y), Ordering::Equal, "{scheme}: expected {a} == {b}");
        assert_eq!(y.cmp(&x), Ordering::Equal, "{scheme}: expected {b} == {a}");
        assert_eq!(x, y);
    }
}

fn assert_invalid(scheme: Scheme, inputs: &[&str]) {
    for s in inputs {
        assert!(
            Version::parse(scheme, s).is_err(),
            "{scheme}: {s:?} should be invalid"
        );
    }
}

// ---------------------------------------------------------------- SemVer

#[test]
fn semver_spec_section_11() {
    // semver.org 2.0.0 §11.2 and §11.4 examples.
    assert_chain(Scheme::SemVer, &["1.0.0", "2.0.0", "2.1.0", "2.1.1"]);
    assert_chain(
        Scheme::SemVer,
        &[
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
        ],
    );
    // §11.3: "1.0.0-alpha < 1.0.0"; §11.4.1 numeric identifiers numerically; §11.4.3
    // numeric below alphanumeric; §11.4.2 ASCII order (uppercase before lowercase).
    assert_chain(
        Scheme::SemVer,
        &[
            "1.0.0-2",
            "1.0.0-10",
            "1.0.0-Z",
            "1.0.0-a",
            "1.0.0-a.0",
            "1.0.0",
        ],
    );
    // §10: build metadata MUST be ignored when determining precedence.
    assert_eq_versions(
        Scheme::SemVer,
        &[
            ("1.0.0-alpha+001", "1.0.0-alpha"),
            ("1.0.0+20130313144700", "1.0.0"),
            ("1.0.0-beta+exp.sha.5114f85", "1.0.0-beta+other"),
            ("1.0.0+21AF26D3----117B344092BD", "1.0.0"),
        ],
    );
}

#[test]
fn semver_invalid() {
    // semver.org §2, §9, §10: non-empty identifiers of [0-9A-Za-z-].
    assert_invalid(
        Scheme::SemVer,
        &[
            "",
            " ",
            "1.2.3-",
            "1.2.3+",
            "1.2.3-+",
            "1.2.3-a..b",
            "1.2.3+a..b",
            "1.2.3-a$",
            "1.2.3.4",
            "1.2.-3",
            "a.b.c",
            "1.2.3 beta",
            "v",
            "=",
            "vv1.2.3",
            "1.2.3-β",
        ],
    );
}

// -------------------------------------------------------------------- Go

#[test]
fn go_pseudo_versions() {
    // go.dev/ref/mod#pseudo-versions: the three pseudo-version forms sort after the base
    // version they derive from and before the next tag; +incompatible is build metadata.
    assert_chain(
        Scheme::Go,
        &[
            "v0.0.0-20191109021931-daa7c04131f5",
            "v0.0.0",
            "v1.0.0-rc.1",
            "v1.0.0-rc.1.0.20200101000000-abcdefabcdef",
            "v1.0.0-rc.2",
            "v1.0.0",
            "v1.0.1-0.20200101000000-abcdefabcdef",
            "v1.0.1-0.20200202000000-abcdefabcdef",
            "v1.0.1",
            "v2.0.0+incompatible",
            "v2.0.1",
        ],
    );
    assert_eq_versions(
        Scheme::Go,
        &[
            ("v2.3.4+incompatible", "v2.3.4"),
            ("1.2.3", "v1.2.3"),
            (
                "0.0.0-20191109021931-daa7c04131f5",
                "v0.0.0-20191109021931-daa7c04131f5",
            ),
        ],
    );
    assert_invalid(
        Scheme::Go,
        &["", "x1.0.0", "=v1.0.0", "v1.0.0-", "v1.0.0.0"],
    );
}

// --------------------------------------------------------------- PEP 440

#[test]
fn pep440_summary_ordering() {
    // PEP 440 "Summary of permitted suffixes and relative ordering" example list.
    assert_chain(
        Scheme::Pep440,
        &[
            "1.dev0",
            "1.0.dev456",
            "1.0a1",
            "1.0a2.dev456",
            "1.0a12.dev456",
            "1.0a12",
            "1.0b1.dev456",
            "1.0b2",
            "1.0b2.post345.dev456",
            "1.0b2.post345",
            "1.0rc1.dev456",
            "1.0rc1",
            "1.0",
            "1.0+abc.5",
            "1.0+abc.7",
            "1.0+5",
            "1.0.post456.dev34",
            "1.0.post456",
            "1.0.15",
            "1.1.dev1",
        ],
    );
    // The ordering from the issue, which follows the same rules.
    assert_chain(
        Scheme::Pep440,
        &[
            "1.0.dev0",
            "1.0a1.dev0",
            "1.0a1",
            "1.0a1.post1.dev0",
            "1.0a1.post1",
            "1.0b1",
            "1.0rc1",
            "1.0",
            "1.0.post1.dev0",
            "1.0.post1",
        ],
    );
}

#[test]
fn pep440_epochs_and_local() {
    // PEP 440 "Version epochs": 2013.10 < 2014.04 < 1!1.0 < 1!1.1 < 1!2.0.
    assert_chain(
        Scheme::Pep440,
        &["2013.10", "2014.04", "1!1.0", "1!1.1", "1!2.0"],
    );
    // PEP 440 "Local version identifiers": alphanumeric segments sort before numeric
    // ones, numeric ones compare numerically, a longer local label with a matching
    // prefix sorts after the shorter.
    assert_chain(
        Scheme::Pep440,
        &[
            "1.0", "1.0+a", "1.0+a.b", "1.0+a.1", "1.0+b", "1.0+1", "1.0+2", "1.0+10", "1.0+10.a",
        ],
    );
}

#[test]
fn pep440_normalisation_equalities() {
    // PEP 440 "Normalization": case, separators, spelling of pre/post/dev, implicit
    // numbers, leading v, release zero padding ("Final releases": 1.0 == 1.0.0).
    assert_eq_versions(
        Scheme::Pep440,
        &[
            ("1.0", "1.0.0"),
            ("1.0", "1.0.0.0.0"),
            ("1.0a1", "1.0alpha1"),
            ("1.0a1", "1.0-a-1"),
            ("1.0a1", "1.0.A.1"),
            ("1.0b2", "1.0beta2"),
            ("1.0rc1", "1.0c1"),
            ("1.0rc1", "1.0pre1"),
            ("1.0rc1", "1.0preview1"),
            ("1.0a0", "1.0a"),
            ("1.0.post1", "1.0-1"),
            ("1.0.post1", "1.0post1"),
            ("1.0.post1", "1.0.rev1"),
            ("1.0.post1", "1.0-r1"),
            ("1.0.post0", "1.0.post"),
            ("1.0.dev0", "1.0-dev"),
            ("1.0.dev1", "1.0_dev_1"),
            ("1.0", "v1.0"),
            ("1.0", "0!1.0"),
            ("1.0+ubuntu.1", "1.0+ubuntu-1"),
            ("1.0+ubuntu.1", "1.0+Ubuntu_1"),
            ("1.0+1", "1.0+01"),
            ("1.01", "1.1"),
        ],
    );
}

#[test]
fn pep440_invalid() {
    assert_invalid(
        Scheme::Pep440,
        &[
            "",
            "1.0+",
            "1.0+.",
            "1.0+a..b",
            "1.0 1",
            "1.0-final",
            "0.1-bulbasaur",
            "1.0x",
            "1.0a1b1",
            "1.0.post1-2",
            "1!2!3",
            "!1.0",
            "1.0.",
            ".1.0",
            "1.0.dev1.post1",
        ],
    );
}

// ----------------------------------------------------------------- Maven

#[test]
fn maven_comparable_version_test_orders() {
    // apache/maven ComparableVersionTest: VERSIONS_QUALIFIER and VERSIONS_NUMBER, checked
    // pairwise like checkVersionsOrder(String[]).
    assert_chain(
        Scheme::Maven,
        &[
            "1-alpha2snapshot",
            "1-alpha2",
            "1-alpha-123",
            "1-beta-2",
            "1-beta123",
            "1-m2",
            "1-m11",
            "1-rc",
            "1-cr2",
            "1-rc123",
            "1-SNAPSHOT",
            "1",
            "1-sp",
            "1-sp2",
            "1-sp123",
            "1-abc",
            "1-def",
            "1-pom-1",
            "1-1-snapshot",
            "1-1",
            "1-2",
            "1-123",
        ],
    );
    assert_chain(
        Scheme::Maven,
        &[
            "2.0", "2.0.a", "2-1", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b", "2.1-c", "2.1-1",
            "2.1.0.1", "2.2", "2.123", "11.a2", "11.a11", "11.b2", "11.b11", "11.m2", "11.m11",
            "11", "11.a", "11b", "11c", "11m",
        ],
    );
}

#[test]
fn maven_comparable_version_test_pairs() {
    // ComparableVersionTest.testVersionComparing, testLeadingZeroes, MNG-5568, MNG-6572,
    // MNG-6964, MNG-7714.
    let pairs = [
        ("1", "2"),
        ("1.5", "2"),
        ("1", "2.5"),
        ("1.0", "1.1"),
        ("1.1", "1.2"),
        ("1.0.0", "1.1"),
        ("1.0.1", "1.1"),
        ("1.1", "1.2.0"),
        ("1.0-alpha-1", "1.0"),
        ("1.0-alpha-1", "1.0-alpha-2"),
        ("1.0-alpha-1", "1.0-beta-1"),
        ("1.0-beta-1", "1.0-SNAPSHOT"),
        ("1.0-SNAPSHOT", "1.0"),
        ("1.0-alpha-1-SNAPSHOT", "1.0-alpha-1"),
        ("1.0", "1.0-1"),
        ("1.0-1", "1.0-2"),
        ("1.0.0", "1.0-1"),
        ("2.0-1", "2.0.1"),
        ("2.0.1-klm", "2.0.1-lmn"),
        ("2.0.1", "2.0.1-xyz"),
        ("2.0.1", "2.0.1-123"),
        ("2.0.1-xyz", "2.0.1-123"),
        ("0.7", "2"),
        ("0.2", "1.0.7"),
        ("6.1.0rc3", "6.1.0"),
        ("6.1.0rc3", "6.1H.5-beta"),
        ("6.1.0", "6.1H.5-beta"),
        ("20190126.230843", "1234567890.12345"),
        ("1234567890.12345", "123456789012345.1H.5-beta"),
        (
            "123456789012345.1H.5-beta",
            "12345678901234567890.1H.5-beta",
        ),
        ("1-0.alpha", "1"),
        ("1-0.beta", "1"),
        ("1-0.alpha", "1-0.beta"),
        ("1.0.final-redhat", "1.0-sp1-redhat"),
        ("1.0.final-redhat", "1.0-sp-1-redhat"),
        ("1.0.final-redhat", "1.0-sp.1-redhat"),
        ("J", "7"),
        ("aardvark", "zebra"),
    ];
    for (a, b) in pairs {
        assert_chain(Scheme::Maven, &[a, b]);
    }
    // MNG-7644: 1.0.0.X1 < 1.0.0-X2, and 2-X == 2.0.X == 2.0.0.X, for any string X.
    for x in [
        "abc",
        "alpha",
        "a",
        "beta",
        "b",
        "def",
        "milestone",
        "m",
        "RC",
    ] {
        assert_chain(
            Scheme::Maven,
            &[&format!("1.0.0.{x}1"), &format!("1.0.0-{x}2")],
        );
        assert_eq_versions(
            Scheme::Maven,
            &[
                (&format!("2-{x}"), &format!("2.0.{x}")),
                (&format!("2-{x}"), &format!("2.0.0.{x}")),
                (&format!("2.0.{x}"), &format!("2.0.0.{x}")),
            ],
        );
    }
}

#[test]
fn maven_comparable_version_test_equal() {
    // ComparableVersionTest.testVersionsEqual / testVersionsHaveSameOrder /
    // testLocaleIndependent / leading zeroes.
    assert_eq_versions(
        Scheme::Maven,
        &[
            ("1", "1"),
            ("1", "1.0"),
            ("1", "1.0.0"),
            ("1.0", "1.0.0"),
            ("1", "1-0"),
            ("1", "1.0-0"),
            ("1.0", "1.0-0"),
            ("1a", "1-a"),
            ("1a", "1.0-a"),
            ("1a", "1.0.0-a"),
            ("1.0a", "1-a"),
            ("1.0.0a", "1-a"),
            ("1x", "1-x"),
            ("1x", "1.0-x"),
            ("1x", "1.0.0-x"),
            ("1.0x", "1-x"),
            ("1.0.0x", "1-x"),
            ("1cr", "1rc"),
            ("1a1", "1-alpha-1"),
            ("1b2", "1-beta-2"),
            ("1m3", "1-milestone-3"),
            ("1X", "1x"),
            ("1A", "1a"),
            ("1B", "1b"),
            ("1M", "1m"),
            ("1Cr", "1Rc"),
            ("1cR", "1rC"),
            ("1m3", "1Milestone3"),
            ("1m3", "1MileStone3"),
            ("1m3", "1MILESTONE3"),
            ("1ga", "1"),
            ("1release", "1"),
            ("1final", "1"),
            ("1GA", "1"),
            ("1RELeaSE", "1"),
            ("1FINAL", "1"),
            (
                "1-abcdefghijklmnopqrstuvwxyz",
                "1-ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            ),
            ("0000000000000000001", "1"),
            ("01", "1"),
            ("0000000000000000000", "0"),
            ("00", "0"),
        ],
    );
}

#[test]
fn maven_invalid() {
    // Maven accepts nearly any string; only what cannot be a version token list is
    // rejected here (empty, whitespace, control characters).
    assert_invalid(Scheme::Maven, &["", " ", "1.0 beta", "1.0\tbeta", "1\u{0}"]);
}

// -------------------------------------------------------------- RubyGems

#[test]
fn rubygems_gem_version_docs() {
    // Gem::Version documentation ("How Software Changes" / prerelease rules):
    // 1.0.a.2 < 1.0.b1 < 1.0.rc1 < 1.0, and the policy example ordering.
    assert_chain(
        Scheme::RubyGems,
        &[
            "1.0.a.1",
            "1.0.a.2",
            "1.0.a.10",
            "1.0.b1",
            "1.0.rc1",
            "1.0",
            "1.0.1",
            "1.1",
            "2.0.0.pre1",
            "2.0.0",
        ],
    );
    // Gem::Version#<=> : trailing zeros do not matter; `-` is `.pre.`.
    assert_eq_versions(
        Scheme::RubyGems,
        &[
            ("1.0", "1"),
            ("1.0.0", "1.0"),
            ("1.0.a2", "1.0.a.2"),
            ("1.0.0-rc1", "1.0.0.pre.rc1"),
            ("1.a", "1.0.a"),
            ("1.0.b.0", "1.b"),
            ("01.002", "1.2"),
        ],
    );
    // Strings sort below numbers in the same position; string segments compare
    // bytewise (RubyGems is case-sensitive).
    assert_chain(
        Scheme::RubyGems,
        &["1.0.A", "1.0.a", "1.0.b", "1.0", "1.0.0.1"],
    );
}

#[test]
fn rubygems_invalid() {
    // Gem::Version::ANCHORED_VERSION_PATTERN rejects these.
    assert_invalid(
        Scheme::RubyGems,
        &[
            "", "a1", "1..0", "1.0.", ".1", "1.0-", "1.0-a..b", "1.0 1", "1.0_1", "v1.0",
        ],
    );
}

// ----------------------------------------------------------------- NuGet

#[test]
fn nuget_versioning_docs() {
    // learn.microsoft.com/nuget/concepts/package-versioning: pre-release precedence as in
    // SemVer 2, the legacy fourth number, "1.0.0.0" normalises to "1.0.0", leading zeros
    // "1.01.1" -> "1.1.1", labels case-insensitive, metadata ignored.
    assert_chain(
        Scheme::NuGet,
        &[
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.0.1",
            "1.0.1-alpha",
            "1.0.1",
            "1.1",
        ],
    );
    assert_eq_versions(
        Scheme::NuGet,
        &[
            ("1.0.0.0", "1.0.0"),
            ("1.0", "1.0.0"),
            ("1", "1.0.0"),
            ("1.01.1", "1.1.1"),
            ("1.0.0-Beta", "1.0.0-beta"),
            ("1.0.0-RC.1", "1.0.0-rc.1"),
            ("1.0.0+build.1", "1.0.0+build.2"),
        ],
    );
    assert_invalid(
        Scheme::NuGet,
        &[
            "",
            "1.0.0.0.0",
            "1.0.0-",
            "1.0.0+",
            "a.b",
            "1.0.0-a..b",
            "v1.0.0",
            "1.0 .0",
        ],
    );
}

// -------------------------------------------------------------- Composer

#[test]
fn composer_versions_docs() {
    // getcomposer.org/doc/articles/versions.md "Stabilities" (dev < alpha < beta < RC <
    // stable) and Composer's version_compare semantics (patch after stable).
    assert_chain(
        Scheme::Composer,
        &[
            "1.0.0-dev",
            "1.0.0-alpha",
            "1.0.0-alpha2",
            "1.0.0-beta1",
            "1.0.0-RC1",
            "1.0.0-RC2",
            "1.0.0",
            "1.0.0-p1",
            "1.0.0.1",
            "1.0.1",
            "1.1.0",
            "2.0.0",
        ],
    );
    assert_eq_versions(
        Scheme::Composer,
        &[
            ("1.0.0", "v1.0.0"),
            ("1.0", "1.0.0.0"),
            ("1.0.0-b1", "1.0.0-beta1"),
            ("1.0.0-a1", "1.0.0-alpha1"),
            ("1.0.0-rc1", "1.0.0-RC1"),
            ("1.0.0-pl1", "1.0.0-patch1"),
            ("1.0.0+build", "1.0.0"),
            ("1.0.0@stable", "1.0.0"),
        ],
    );
    assert_invalid(
        Scheme::Composer,
        &[
            "",
            "dev-master",
            "dev-feature-x",
            "master",
            "1.0.0-foo",
            "1.0.0.0.0",
            "foo",
        ],
    );
}

// ---------------------------------------------------------------- Debian

#[test]
fn debian_policy_ordering() {
    // Debian Policy §5.6.12: "~~, ~~a, ~, the empty part, a" and epochs; dpkg's
    // verrevcmp: letters before non-letters, digits numerically.
    assert_chain(
        Scheme::Debian,
        &[
            "1.0~~", "1.0~~a", "1.0~", "1.0", "1.0a", "1.0+", "1.0.1", "1.0.10", "1.1", "1:0.1",
            "2:0.0",
        ],
    );
    assert_chain(
        Scheme::Debian,
        &[
            "2.30-1",
            "2.30-1ubuntu1",
            "2.30-1ubuntu2",
            "2.30-2",
            "2.30-10",
        ],
    );
    assert_eq_versions(
        Scheme::Debian,
        &[
            ("1.0", "1.0-0"),
            ("0:1.0", "1.0"),
            ("1.01", "1.1"),
            ("1.0-01", "1.0-1"),
        ],
    );
    assert_invalid(
        Scheme::Debian,
        &[
            "", ":1.0", "a:1.0", "1.0-", "1.0 1", "1.0-a_b", "-1", "1.0_1",
        ],
    );
}
