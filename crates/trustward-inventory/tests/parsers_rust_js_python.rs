//! Per-format behaviour tests. Every expected package list below was written by hand from
//! the fixture file (name, version, scope, direct, line), not from the parser's output.

use std::path::Path;
use trustward_inventory::model::{IssueKind, Package, Scope};
use trustward_inventory::parsers::{self, ParseInput, Parsed};

const FIX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn parse_as(fixture: &str, as_name: &str) -> Parsed {
    let text = std::fs::read_to_string(Path::new(FIX).join(fixture)).unwrap();
    let entry = parsers::find(as_name).expect("a parser for the name");
    (entry.parse)(&ParseInput {
        path: as_name,
        text: &text,
        read: None,
    })
    .unwrap_or_else(|e| panic!("{fixture}: {e:?}"))
}

type Row = (&'static str, &'static str, Scope, Option<bool>, u32);

fn rows(p: &Parsed) -> Vec<(String, String, Scope, Option<bool>, u32)> {
    let mut v: Vec<_> = p
        .packages
        .iter()
        .map(|p| {
            (
                p.name.clone(),
                p.version.clone(),
                p.scope,
                p.direct,
                p.source.line.unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn expect(p: &Parsed, want: &[Row]) {
    let mut w: Vec<_> = want
        .iter()
        .map(|(n, v, s, d, l)| (n.to_string(), v.to_string(), *s, *d, *l))
        .collect();
    w.sort();
    assert_eq!(rows(p), w);
}

fn pkg<'a>(p: &'a Parsed, name: &str, version: &str) -> &'a Package {
    p.packages
        .iter()
        .find(|x| x.name == name && x.version == version)
        .unwrap_or_else(|| panic!("{name}@{version} missing"))
}

fn issues(p: &Parsed) -> Vec<(IssueKind, String, u32)> {
    let mut v: Vec<_> = p
        .issues
        .iter()
        .map(|i| (i.kind.clone(), i.name.clone(), i.source.line.unwrap_or(0)))
        .collect();
    v.sort();
    v
}

use Scope::*;

#[test]
fn cargo_lock_v1_metadata_checksums_and_git() {
    let p = parse_as("cargo/v1.lock", "Cargo.lock");
    assert_eq!(p.format, "Cargo.lock v1");
    expect(
        &p,
        &[
            ("itoa", "1.0.0", Unknown, Some(true), 10),
            ("mylib", "0.2.0", Unknown, Some(true), 15),
        ],
    );
    let itoa = pkg(&p, "itoa", "1.0.0");
    assert_eq!(itoa.purl, "pkg:cargo/itoa@1.0.0");
    assert_eq!(itoa.hashes[0].alg, "SHA-256");
    assert_eq!(itoa.hashes[0].value, "a".repeat(64));
    let mylib = pkg(&p, "mylib", "0.2.0");
    assert!(mylib.purl.starts_with("pkg:cargo/mylib@0.2.0?vcs_url="));
    assert_eq!(mylib.dependencies, vec!["pkg:cargo/itoa@1.0.0".to_string()]);
    assert_eq!(
        issues(&p),
        vec![(IssueKind::GitSource, "mylib".to_string(), 15)]
    );
}

#[test]
fn cargo_lock_v2_v3_v4() {
    let p = parse_as("cargo/v2.lock", "Cargo.lock");
    assert_eq!(p.format, "Cargo.lock v2");
    expect(&p, &[("y", "0.3.0", Unknown, Some(true), 9)]);

    let p = parse_as("cargo/v3.lock", "Cargo.lock");
    assert_eq!(p.format, "Cargo.lock v3");
    expect(
        &p,
        &[
            ("rand", "0.7.3", Unknown, Some(true), 15),
            ("rand", "0.8.5", Unknown, Some(true), 21),
            ("serde", "1.0.200", Unknown, Some(true), 27),
            ("insecure", "0.1.0", Unknown, Some(false), 40),
        ],
    );
    // Uppercase checksums are normalised to lowercase hex.
    assert_eq!(pkg(&p, "serde", "1.0.200").hashes[0].value, "d".repeat(64));
    assert!(pkg(&p, "insecure", "0.1.0").hashes.is_empty());
    assert_eq!(
        issues(&p),
        vec![(IssueKind::InsecureHttp, "insecure".to_string(), 40)]
    );

    let p = parse_as("cargo/v4.lock", "Cargo.lock");
    assert_eq!(p.format, "Cargo.lock v4");
    expect(
        &p,
        &[
            ("a", "1.0.0", Unknown, Some(false), 4),
            ("b", "2.0.0-rc.1", Unknown, Some(false), 13),
        ],
    );
    assert_eq!(
        pkg(&p, "a", "1.0.0").dependencies,
        vec!["pkg:cargo/b@2.0.0-rc.1".to_string()]
    );
}

#[test]
fn package_lock_v3_workspaces_aliases_links_flags() {
    let p = parse_as("npm/v3.json", "package-lock.json");
    assert_eq!(p.format, "package-lock.json v3");
    expect(
        &p,
        &[
            ("express", "4.18.2", Runtime, Some(true), 19),
            ("ms", "2.1.3", Runtime, Some(false), 27),
            ("ms", "2.0.0", Runtime, Some(false), 30),
            ("lodash", "4.17.21", Runtime, Some(true), 33),
            ("jest", "29.7.0", Dev, Some(true), 37),
            ("@types/node", "20.1.0", Dev, Some(false), 44),
            ("fsevents", "2.3.3", Optional, Some(false), 48),
            ("react", "18.2.0", Peer, Some(false), 52),
            ("chalk", "5.3.0", Runtime, Some(true), 68),
            ("gitdep", "1.0.0", Runtime, Some(true), 72),
            ("bundled-inner", "0.1.0", Runtime, Some(false), 76),
        ],
    );
    let express = pkg(&p, "express", "4.18.2");
    assert_eq!(
        express.hashes[0].value,
        "da39a3ee5e6b4b0d3255bfef95601890afd80709"
    );
    // Nested node_modules copy wins over the hoisted one.
    assert_eq!(express.dependencies, vec!["pkg:npm/ms@2.0.0".to_string()]);
    assert_eq!(
        pkg(&p, "jest", "29.7.0").dependencies,
        vec!["pkg:npm/ms@2.1.3".to_string()]
    );
    assert_eq!(
        pkg(&p, "@types/node", "20.1.0").purl,
        "pkg:npm/%40types/node@20.1.0"
    );
    assert_eq!(
        issues(&p),
        vec![
            (IssueKind::GitSource, "gitdep".to_string(), 72),
            (IssueKind::InsecureHttp, "chalk".to_string(), 68),
        ]
    );
}

#[test]
fn package_lock_v1_and_shrinkwrap() {
    let p = parse_as("npm/v1.json", "npm-shrinkwrap.json");
    assert_eq!(p.format, "npm-shrinkwrap.json v1");
    expect(
        &p,
        &[
            ("left-pad", "1.3.0", Dev, None, 7),
            ("@scope/real", "2.0.0", Runtime, None, 13),
            ("left-pad", "1.1.0", Optional, None, 19),
            ("from-git", "abcdef0", Runtime, None, 25),
        ],
    );
    assert_eq!(
        pkg(&p, "@scope/real", "2.0.0").dependencies,
        vec!["pkg:npm/left-pad@1.1.0".to_string()]
    );
    assert_eq!(
        issues(&p),
        vec![(IssueKind::GitSource, "from-git".to_string(), 25)]
    );
}

#[test]
fn yarn_classic() {
    let p = parse_as("yarn/classic.lock", "yarn.lock");
    assert_eq!(p.format, "yarn.lock v1");
    expect(
        &p,
        &[
            ("@babel/code-frame", "7.12.13", Unknown, None, 5),
            ("js-tokens", "4.0.0", Unknown, None, 12),
            ("js-tokens", "3.0.2", Unknown, None, 16),
            ("gitpkg", "1.0.0", Unknown, None, 20),
        ],
    );
    let b = pkg(&p, "@babel/code-frame", "7.12.13");
    assert_eq!(b.dependencies, vec!["pkg:npm/js-tokens@4.0.0".to_string()]);
    assert_eq!(b.hashes.len(), 1);
    assert_eq!(
        issues(&p),
        vec![
            (IssueKind::GitSource, "gitpkg".to_string(), 20),
            (IssueKind::InsecureHttp, "js-tokens".to_string(), 16),
        ]
    );
}

#[test]
fn yarn_berry() {
    let p = parse_as("yarn/berry.lock", "yarn.lock");
    assert_eq!(p.format, "yarn.lock berry v8");
    expect(
        &p,
        &[
            ("@babel/code-frame", "7.12.13", Unknown, None, 8),
            ("js-tokens", "4.0.0", Unknown, None, 17),
            ("resolve", "1.22.8", Unknown, None, 37),
            ("gitdep", "2.0.0", Unknown, None, 43),
        ],
    );
    assert_eq!(
        pkg(&p, "@babel/code-frame", "7.12.13").dependencies,
        vec!["pkg:npm/js-tokens@4.0.0".to_string()]
    );
    assert_eq!(
        issues(&p),
        vec![(IssueKind::GitSource, "gitdep".to_string(), 43)]
    );
}

#[test]
fn pnpm_v5() {
    let p = parse_as("pnpm/v5.yaml", "pnpm-lock.yaml");
    assert_eq!(p.format, "pnpm-lock.yaml v5.4");
    expect(
        &p,
        &[
            ("loose-envify", "1.4.0", Runtime, Some(false), 15),
            ("react", "18.2.0", Runtime, Some(true), 20),
            ("typescript", "5.0.4", Dev, Some(true), 27),
            ("@scope/peer-user", "1.0.0", Optional, Some(false), 31),
        ],
    );
    assert_eq!(
        pkg(&p, "react", "18.2.0").dependencies,
        vec!["pkg:npm/loose-envify@1.4.0".to_string()]
    );
}

#[test]
fn pnpm_v6_importers_and_peer_suffixes() {
    let p = parse_as("pnpm/v6.yaml", "pnpm-lock.yaml");
    assert_eq!(p.format, "pnpm-lock.yaml v6.0");
    expect(
        &p,
        &[
            ("@types/ms", "0.7.31", Dev, Some(true), 26),
            ("debug", "4.3.4", Runtime, Some(true), 30),
            ("ms", "2.1.2", Runtime, Some(false), 37),
            ("ms", "2.1.3", Runtime, Some(true), 41),
            ("supports-color", "8.1.1", Runtime, Some(false), 45),
            ("gitpkg", "1.0.0", Runtime, Some(false), 49),
        ],
    );
    assert_eq!(
        pkg(&p, "debug", "4.3.4").dependencies,
        vec![
            "pkg:npm/ms@2.1.2".to_string(),
            "pkg:npm/supports-color@8.1.1".to_string()
        ]
    );
    assert_eq!(
        issues(&p),
        vec![(IssueKind::GitSource, "gitpkg".to_string(), 49)]
    );
}

#[test]
fn pnpm_v9_snapshots() {
    let p = parse_as("pnpm/v9.yaml", "pnpm-lock.yaml");
    assert_eq!(p.format, "pnpm-lock.yaml v9.0");
    expect(
        &p,
        &[
            ("react-dom", "18.2.0", Runtime, Some(true), 21),
            ("react", "18.2.0", Dev, Some(true), 26),
            ("scheduler", "0.23.0", Unknown, Some(false), 29),
            ("insecure", "1.0.0", Unknown, Some(false), 32),
        ],
    );
    assert_eq!(
        pkg(&p, "react-dom", "18.2.0").dependencies,
        vec![
            "pkg:npm/react@18.2.0".to_string(),
            "pkg:npm/scheduler@0.23.0".to_string()
        ]
    );
    assert_eq!(
        issues(&p),
        vec![(IssueKind::InsecureHttp, "insecure".to_string(), 32)]
    );
}

#[test]
fn bun_lock_jsonc() {
    let p = parse_as("bun/bun.lock", "bun.lock");
    assert_eq!(p.format, "bun.lock v1");
    expect(
        &p,
        &[
            ("@types/bun", "1.1.0", Dev, Some(true), 22),
            ("bun-types", "1.1.0", Unknown, Some(false), 24),
            ("chalk", "5.3.0", Runtime, Some(true), 26),
            ("gitpkg", "0123456", Runtime, Some(true), 28),
            ("chalk", "4.1.2", Unknown, Some(false), 32),
        ],
    );
    assert_eq!(
        pkg(&p, "@types/bun", "1.1.0").dependencies,
        vec!["pkg:npm/bun-types@1.1.0".to_string()]
    );
    assert_eq!(
        issues(&p),
        vec![
            (IssueKind::GitSource, "gitpkg".to_string(), 28),
            (IssueKind::InsecureHttp, "chalk".to_string(), 32),
        ]
    );
}

#[test]
fn requirements_with_includes() {
    let root = Path::new(FIX).join("pip");
    let text = std::fs::read_to_string(root.join("requirements.txt")).unwrap();
    let read = |rel: &str| std::fs::read_to_string(root.join(rel)).map_err(|e| e.to_string());
    let p = (parsers::find("requirements.txt").unwrap().parse)(&ParseInput {
        path: "requirements.txt",
        text: &text,
        read: Some(&read),
    })
    .unwrap();
    let mut got: Vec<_> = p
        .packages
        .iter()
        .map(|x| {
            (
                x.name.as_str(),
                x.version.as_str(),
                x.direct,
                x.source.path.as_str(),
                x.source.line.unwrap(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            ("django-allauth", "0.61.1", None, "requirements.txt", 6),
            ("idna", "3.6", None, "sub/deeper.txt", 1),
            ("numpy", "1.26.4", None, "requirements.txt", 9),
            ("six", "1.16.0", None, "sub/requirements-base.txt", 1),
            ("urllib3", "2.2.1", Some(false), "constraints.txt", 1),
            ("zope-interface", "6.1", None, "requirements.txt", 15),
        ]
    );
    let numpy = pkg(&p, "numpy", "1.26.4");
    assert_eq!(numpy.hashes.len(), 2);
    assert_eq!(
        numpy.hashes[1].value,
        "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
    );
    assert_eq!(
        pkg(&p, "django-allauth", "0.61.1").purl,
        "pkg:pypi/django-allauth@0.61.1"
    );
    assert_eq!(
        issues(&p),
        vec![
            (IssueKind::Unpinned, "flask".to_string(), 8),
            (IssueKind::Unpinned, "requests".to_string(), 7),
            (IssueKind::GitSource, "editable".to_string(), 12),
            (IssueKind::InsecureHttp, String::new(), 2),
            (IssueKind::DirectReference, "attrs".to_string(), 14),
            (IssueKind::DirectReference, "editable".to_string(), 12),
            (IssueKind::DirectReference, "pkg".to_string(), 13),
        ]
    );
    assert!(p.errors.is_empty(), "{:?}", p.errors);
}

#[test]
fn requirements_dev_scope() {
    let p = (parsers::find("requirements-dev.txt").unwrap().parse)(&ParseInput {
        path: "requirements-dev.txt",
        text: "pytest==8.0.0\n",
        read: None,
    })
    .unwrap();
    expect(&p, &[("pytest", "8.0.0", Dev, None, 1)]);
}

#[test]
fn poetry_lock() {
    let p = parse_as("python/poetry.lock", "poetry.lock");
    assert_eq!(p.format, "poetry.lock v2.0");
    expect(
        &p,
        &[
            ("certifi", "2024.2.2", Unknown, None, 4),
            ("requests", "2.31.0", Unknown, None, 15),
            ("pytest", "8.0.0", Optional, None, 26),
            ("mylib", "0.1.0", Unknown, None, 34),
        ],
    );
    assert_eq!(pkg(&p, "certifi", "2024.2.2").hashes.len(), 2);
    assert_eq!(
        pkg(&p, "requests", "2.31.0").dependencies,
        vec!["pkg:pypi/certifi@2024.2.2".to_string()]
    );
    assert_eq!(
        issues(&p),
        vec![(IssueKind::GitSource, "mylib".to_string(), 34)]
    );
}

#[test]
fn pipfile_lock() {
    let p = parse_as("python/Pipfile.lock", "Pipfile.lock");
    assert_eq!(p.format, "Pipfile.lock spec 6");
    expect(
        &p,
        &[
            ("requests", "2.31.0", Runtime, None, 11),
            ("gitpkg", "0123456789abcdef", Runtime, None, 19),
            ("pytest-cov", "4.1.0", Dev, None, 29),
        ],
    );
    assert_eq!(pkg(&p, "requests", "2.31.0").hashes.len(), 1);
    assert_eq!(
        issues(&p),
        vec![
            (IssueKind::GitSource, "gitpkg".to_string(), 19),
            (IssueKind::DirectReference, "myproject".to_string(), 23),
        ]
    );
}

#[test]
fn uv_lock() {
    let p = parse_as("python/uv.lock", "uv.lock");
    assert_eq!(p.format, "uv.lock v1");
    expect(
        &p,
        &[
            ("anyio", "4.3.0", Runtime, Some(true), 6),
            ("idna", "3.6", Unknown, Some(false), 18),
            ("ruff", "0.3.0", Dev, Some(true), 37),
            ("gitdep", "1.0.0", Runtime, Some(true), 42),
        ],
    );
    let anyio = pkg(&p, "anyio", "4.3.0");
    assert_eq!(anyio.hashes.len(), 2);
    assert_eq!(anyio.dependencies, vec!["pkg:pypi/idna@3.6".to_string()]);
    assert_eq!(
        issues(&p),
        vec![(IssueKind::GitSource, "gitdep".to_string(), 42)]
    );
}

#[test]
fn pdm_lock() {
    let p = parse_as("python/pdm.lock", "pdm.lock");
    assert_eq!(p.format, "pdm.lock v4.4.1");
    expect(
        &p,
        &[
            ("click", "8.1.7", Runtime, None, 11),
            ("colorama", "0.4.6", Runtime, None, 24),
            ("pytest", "8.0.0", Dev, None, 30),
            ("vcsdep", "0.2.0", Runtime, None, 36),
        ],
    );
    assert_eq!(
        pkg(&p, "click", "8.1.7").dependencies,
        vec!["pkg:pypi/colorama@0.4.6".to_string()]
    );
    assert_eq!(
        issues(&p),
        vec![(IssueKind::GitSource, "vcsdep".to_string(), 36)]
    );
}

#[test]
fn pylock_toml() {
    let p = parse_as("python/pylock.toml", "pylock.toml");
    assert_eq!(p.format, "pylock.toml v1.0");
    expect(
        &p,
        &[
            ("attrs", "25.1.0", Unknown, None, 7),
            ("cattrs", "24.1.2", Unknown, None, 18),
            ("vcspkg", "0123456789abcdef", Unknown, None, 24),
        ],
    );
    let c = pkg(&p, "cattrs", "24.1.2");
    assert_eq!(c.hashes[0].value, "2".repeat(64));
    assert_eq!(c.dependencies, vec!["pkg:pypi/attrs@25.1.0".to_string()]);
    assert_eq!(
        issues(&p),
        vec![
            (IssueKind::GitSource, "vcspkg".to_string(), 24),
            (IssueKind::InsecureHttp, "Cattrs".to_string(), 18),
        ]
    );
}

#[test]
fn malformed_files_are_errors_with_lines() {
    let cases: &[(&str, &str, u32)] = &[
        (
            "Cargo.lock",
            "version = 3\n\n[[package]]\nname = \"a\"\nversion = \"1\"\n\n[[package\n",
            7,
        ),
        (
            "package-lock.json",
            "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"node_modules/a\": {\n",
            5,
        ),
        (
            "pnpm-lock.yaml",
            "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {resolution: [\n",
            4,
        ),
        (
            "bun.lock",
            "{\n  \"lockfileVersion\": 1,\n  \"packages\": {\n    \"a\": [\"a@1\", \n",
            5,
        ),
        ("poetry.lock", "[[package]]\nname = \"x\"\nversion = \n", 3),
        (
            "yarn.lock",
            "# yarn lockfile v1\n\n  version \"1.0.0\"\n",
            3,
        ),
    ];
    for (name, text, line) in cases {
        let e = (parsers::find(name).unwrap().parse)(&ParseInput {
            path: name,
            text,
            read: None,
        })
        .expect_err(name);
        assert!(e.line.is_some(), "{name}: {e:?}");
        assert!(
            e.line.unwrap().abs_diff(*line) <= 1,
            "{name}: got line {:?}, want about {line}: {}",
            e.line,
            e.message
        );
    }
}
