//! Property tests: every scheme's ordering is a total order consistent with equality,
//! canonical forms round-trip, and no input makes parsing or comparing panic.

use std::cmp::Ordering;

use proptest::prelude::*;
use trustward_versions::{Scheme, Version, fuzz_parse};

/// A generator of version-like strings per scheme: small alphabets so that equal and
/// nearly-equal versions (the interesting cases) come up often.
fn pattern(scheme: Scheme) -> &'static str {
    match scheme {
        Scheme::SemVer => {
            "[=]?v?0?[0-2](\\.0?[0-2]){0,2}(-([0-2]|0[1-2]|a|b|A|al|a-|-)(\\.([0-2]|a|b|-)){0,2})?(\\+[a-z0-9]{1,2})?"
        }
        Scheme::Go => {
            "v?[0-2]\\.[0-2]\\.[0-2](-((0|pre|pre\\.0)\\.2020010[1-2]00000[0-9]-abc|[a-c0-2]{1,2}))?(\\+incompatible)?"
        }
        Scheme::Pep440 => {
            "[vV]?([0-2]!)?0?[0-2](\\.[0-2]){0,3}([-_.]?(a|b|c|rc|alpha|beta|pre|preview|A|RC)[-_.]?[0-2]?)?(\\.post[0-2]?|-[0-2]|[-_.]?(r|rev)[0-2]?)?([-_.]?dev[0-2]?)?(\\+([a-c0-2]|0[0-2]|ab)([-_.]([a-c0-2]|0[0-2])){0,2})?"
        }
        Scheme::Maven => {
            "[0-2]{1,2}([.-]?(alpha|beta|milestone|rc|cr|snapshot|ga|final|release|sp|a|b|m|x|RC|[0-2]{1,2})){0,4}"
        }
        Scheme::RubyGems => {
            "0?[0-2](\\.([0-2]|[a-c]|[a-c][0-2]|0[0-2])){0,3}(-[a-c0-2]{1,2}(\\.[a-c0-2]){0,1})?"
        }
        Scheme::NuGet => {
            "0?[0-2](\\.0?[0-2]){0,3}(-([0-2]|a|A|b|B|0[1-2])(\\.([0-2]|a|b)){0,2})?(\\+[a-z]{1,2})?"
        }
        Scheme::Composer => {
            "v?[0-2](\\.[0-2]){0,3}([-._]?(alpha|a|beta|b|RC|rc|patch|pl|p|stable)([.-]?[0-2])?)?([.-]?dev)?"
        }
        Scheme::Debian => "([0-2]:)?[0-2][0-2a-b~+.]{0,4}(-[0-2a-b~+.]{1,3})?",
        Scheme::Pub => {
            "[0-2]\\.[0-2]\\.[0-2](-([0-2]|a|b)(\\.([0-2]|a)){0,1})?(\\+([0-2]|a|b|0[1-2])(\\.([0-2]|a)){0,1})?"
        }
    }
}

/// Strings for `scheme` that parse.
fn versions(scheme: Scheme) -> impl Strategy<Value = Version> {
    pattern(scheme).prop_filter_map("parses", move |s| Version::parse(scheme, &s).ok())
}

fn any_scheme() -> impl Strategy<Value = Scheme> {
    prop::sample::select(Scheme::ALL.to_vec())
}

/// A scheme with three of its versions.
fn triples() -> impl Strategy<Value = (Version, Version, Version)> {
    any_scheme().prop_flat_map(|s| (versions(s), versions(s), versions(s)))
}

/// A scheme with a list of its versions.
fn lists() -> impl Strategy<Value = Vec<Version>> {
    any_scheme().prop_flat_map(|s| prop::collection::vec(versions(s), 2..24))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    /// Antisymmetry, transitivity on triples, and `==` agreeing with `cmp`.
    #[test]
    fn total_order((a, b, c) in triples()) {
        prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
        prop_assert_eq!(a.cmp(&a), Ordering::Equal);
        prop_assert_eq!(a == b, a.cmp(&b) == Ordering::Equal);
        if a <= b && b <= c {
            prop_assert!(a <= c, "{} <= {} <= {} but {} > {}", a, b, c, a, c);
        }
        if a == b {
            prop_assert_eq!(a.cmp(&c), b.cmp(&c), "{} == {} disagree on {}", a, b, c);
        }
    }

    /// Sorting agrees with every pairwise comparison (a transitivity check over longer
    /// chains than triples).
    #[test]
    fn sort_is_consistent(mut vs in lists()) {
        vs.sort();
        for i in 0..vs.len() {
            for j in i + 1..vs.len() {
                prop_assert!(vs[i] <= vs[j], "{} > {} after sort", vs[i], vs[j]);
            }
        }
    }

    /// The canonical form parses to an equal version and is a fixed point.
    #[test]
    fn normalized_round_trip(v in any_scheme().prop_flat_map(versions)) {
        let n = v.normalized();
        let w = Version::parse(v.scheme(), &n);
        prop_assert!(w.is_ok(), "{} normalised to unparseable {:?}", v, n);
        let w = w.unwrap();
        prop_assert_eq!(v.cmp(&w), Ordering::Equal, "{} vs normalised {}", v, n);
        prop_assert_eq!(w.normalized(), n);
        // Display is the original text.
        prop_assert_eq!(Version::parse(v.scheme(), &v.to_string()).map(|x| x == v), Ok(true));
    }

    /// No panic on arbitrary text, under every scheme.
    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,40}") {
        fuzz_parse(s.as_bytes());
    }

    /// No panic on version-ish noise (the characters every grammar uses).
    #[test]
    fn versionish_noise_never_panics(s in "[0-9a-zA-Z.+~:_!@ *-]{0,40}") {
        fuzz_parse(s.as_bytes());
        for scheme in Scheme::ALL {
            if let Ok(v) = Version::parse(scheme, &s) {
                prop_assert_eq!(v.cmp(&v), Ordering::Equal);
            }
        }
    }

    /// No panic on arbitrary bytes.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        fuzz_parse(&bytes);
    }
}

/// Mutations of real-looking versions (the fuzz corpus idea, on stable): every
/// single-byte deletion, duplication and substitution of a seed set.
#[test]
fn mutated_seeds_never_panic() {
    let seeds = [
        "1.2.3-alpha.1+build.5",
        "v0.0.0-20191109021931-daa7c04131f5+incompatible",
        "1!2.0.post3.dev4+local.7",
        "1.0-alpha-1-SNAPSHOT",
        "1.0.0.pre.rc1",
        "1.0.0.0-beta.2+meta",
        "v1.0.0-RC1-dev",
        "2:1.0~rc1+dfsg-3ubuntu1",
    ];
    let subs = [
        b'.', b'-', b'+', b'~', b':', b'!', b'0', b'9', b'a', b'z', b'_', 0xff,
    ];
    for seed in seeds {
        let b = seed.as_bytes();
        for i in 0..b.len() {
            let mut del = b.to_vec();
            del.remove(i);
            fuzz_parse(&del);
            let mut dup = b.to_vec();
            dup.insert(i, b[i]);
            fuzz_parse(&dup);
            for s in subs {
                let mut m = b.to_vec();
                m[i] = s;
                fuzz_parse(&m);
            }
        }
    }
    // Size caps: long inputs are rejected, not slow.
    let long = "1.".repeat(200) + "1";
    for scheme in Scheme::ALL {
        assert!(Version::parse(scheme, &long).is_err());
    }
    let deep = "a1".repeat(60);
    let _ = Version::parse(Scheme::Maven, &deep);
}
