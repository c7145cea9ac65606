//! Behaviour tests for the Go, Ruby, PHP, JVM, .NET, Dart, Elixir, Swift and Conan parsers.
//! Every expected list is written by hand from the fixture file, not from parser output.

use trustward_inventory::model::{IssueKind, Scope};
use trustward_inventory::parsers::support::Collected;
use trustward_inventory::parsers::{self, ParseInput};
use trustward_inventory::parsers::{
    composer_lock, conan_lock, gemfile_lock, gomod, gosum, gradle_lock, mix_lock, nuget_lock, pom,
    pubspec_lock, swift_resolved,
};

fn fixture(name: &str) -> String {
    let p = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/multi-ecosystem/"
    );
    std::fs::read_to_string(format!("{p}{name}")).expect("fixture")
}

type Row = (
    &'static str,
    &'static str,
    &'static str,
    Scope,
    Option<bool>,
    u32,
);

/// name, version, purl, scope, direct, line.
type OwnedRow = (String, String, String, Scope, Option<bool>, Option<u32>);

fn check(got: &Collected, want: &[Row]) {
    let got_rows: Vec<OwnedRow> = got
        .packages
        .iter()
        .map(|p| {
            (
                p.name.clone(),
                p.version.clone(),
                p.purl.clone(),
                p.scope,
                p.direct,
                p.source.line,
            )
        })
        .collect();
    let want_rows: Vec<OwnedRow> = want
        .iter()
        .map(|(n, v, u, s, d, l)| {
            (
                n.to_string(),
                v.to_string(),
                u.to_string(),
                *s,
                *d,
                Some(*l),
            )
        })
        .collect();
    assert_eq!(got_rows, want_rows);
}

fn deps_of<'a>(got: &'a Collected, name: &str) -> Vec<&'a str> {
    got.packages
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.dependencies.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn go_mod() {
    let got = gomod::parse("go.mod", &fixture("go.mod"));
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    check(
        &got,
        &[
            // `go 1.22` (line 3): the standard library, at Go's release name 1.22.0.
            (
                "stdlib",
                "1.22.0",
                "pkg:golang/stdlib@1.22.0",
                Scope::Runtime,
                Some(true),
                3,
            ),
            (
                "github.com/fork/mux",
                "v1.8.2",
                "pkg:golang/github.com/fork/mux@v1.8.2",
                Scope::Runtime,
                Some(true),
                6,
            ),
            (
                "golang.org/x/text",
                "v0.14.0",
                "pkg:golang/golang.org/x/text@v0.14.0",
                Scope::Runtime,
                Some(false),
                7,
            ),
            (
                "github.com/quoted/mod",
                "v0.1.0",
                "pkg:golang/github.com/quoted/mod@v0.1.0",
                Scope::Runtime,
                Some(true),
                8,
            ),
            (
                "github.com/single/line",
                "v2.0.0+incompatible",
                "pkg:golang/github.com/single/line@v2.0.0%2Bincompatible",
                Scope::Runtime,
                Some(true),
                11,
            ),
        ],
    );
    assert_eq!(got.project, Some(("example.com/app".into(), String::new())));
    assert_eq!(got.issues.len(), 1);
    assert_eq!(got.issues[0].kind, IssueKind::DirectReference);
    assert_eq!(got.issues[0].source.line, Some(15));
    assert!(
        got.notes
            .iter()
            .any(|(l, m)| *l == Some(17) && m.contains("exclude golang.org/x/text v0.13.0"))
    );
}

#[test]
fn go_toolchain_wins_over_go_directive() {
    let got = gomod::parse("go.mod", "module m\n\ntoolchain go1.22.4\ngo 1.21\n");
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    assert_eq!(got.packages.len(), 1);
    assert_eq!(got.packages[0].name, "stdlib");
    assert_eq!(got.packages[0].version, "1.22.4");
    assert_eq!(got.packages[0].source.line, Some(3));
    let got = gomod::parse("go.mod", "module m\ngo 1.20.3\n");
    assert_eq!(got.packages[0].version, "1.20.3");
}

#[test]
fn go_mod_errors() {
    let got = gomod::parse("go.mod", "module x\nrequire (\n  a.b/c v1.0.0\n");
    assert_eq!(got.errors.len(), 1);
    assert_eq!(got.errors[0].0, Some(2));
    let got = gomod::parse("go.mod", "require a.b/c\nbogus x\n");
    assert_eq!(
        got.errors.iter().map(|e| e.0).collect::<Vec<_>>(),
        vec![Some(1), Some(2)]
    );
}

#[test]
fn go_sum() {
    let got = gosum::parse("go.sum", &fixture("go.sum"));
    assert!(got.errors.is_empty());
    check(
        &got,
        &[
            (
                "github.com/gorilla/mux",
                "v1.8.1",
                "pkg:golang/github.com/gorilla/mux@v1.8.1",
                Scope::Unknown,
                None,
                1,
            ),
            (
                "golang.org/x/text",
                "v0.14.0",
                "pkg:golang/golang.org/x/text@v0.14.0",
                Scope::Unknown,
                None,
                4,
            ),
        ],
    );
    // h1 is base64 of 32 bytes of 0x01.
    assert_eq!(got.packages[0].hashes[0].alg, "SHA-256");
    assert_eq!(got.packages[0].hashes[0].value, "01".repeat(32));
    let bad = gosum::parse("go.sum", "a v1 h1:xyz\nb v1\n");
    assert_eq!(
        bad.errors.iter().map(|e| e.0).collect::<Vec<_>>(),
        vec![Some(1), Some(2)]
    );
}

#[test]
fn gemfile_lock() {
    let got = gemfile_lock::parse("Gemfile.lock", &fixture("Gemfile.lock"));
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    check(
        &got,
        &[
            (
                "rails",
                "7.1.0",
                "pkg:gem/rails@7.1.0",
                Scope::Unknown,
                Some(true),
                6,
            ),
            (
                "local_engine",
                "0.1.0",
                "pkg:gem/local_engine@0.1.0",
                Scope::Unknown,
                Some(true),
                12,
            ),
            (
                "activesupport",
                "7.1.0",
                "pkg:gem/activesupport@7.1.0",
                Scope::Unknown,
                Some(false),
                17,
            ),
            (
                "concurrent-ruby",
                "1.2.2",
                "pkg:gem/concurrent-ruby@1.2.2",
                Scope::Unknown,
                Some(false),
                19,
            ),
            (
                "nokogiri",
                "1.15.4",
                "pkg:gem/nokogiri@1.15.4?platform=x86_64-linux",
                Scope::Unknown,
                Some(true),
                20,
            ),
            (
                "racc",
                "1.7.1",
                "pkg:gem/racc@1.7.1",
                Scope::Unknown,
                Some(false),
                22,
            ),
        ],
    );
    assert_eq!(deps_of(&got, "rails"), vec!["pkg:gem/activesupport@7.1.0"]);
    assert_eq!(deps_of(&got, "nokogiri"), vec!["pkg:gem/racc@1.7.1"]);
    let racc = got.packages.iter().find(|p| p.name == "racc").unwrap();
    assert_eq!(racc.hashes[0].value, "ab".repeat(32));
    let kinds: Vec<_> = got
        .issues
        .iter()
        .map(|i| (i.kind.clone(), i.name.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (IssueKind::GitSource, "rails"),
            (IssueKind::DirectReference, "local_engine")
        ]
    );
}

#[test]
fn composer_lock() {
    let got = composer_lock::parse("composer.lock", &fixture("composer.lock"));
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    check(
        &got,
        &[
            (
                "monolog/monolog",
                "3.5.0",
                "pkg:composer/monolog/monolog@3.5.0",
                Scope::Runtime,
                None,
                6,
            ),
            (
                "psr/log",
                "3.0.0",
                "pkg:composer/psr/log@3.0.0",
                Scope::Runtime,
                None,
                19,
            ),
            (
                "phpunit/phpunit",
                "10.5.0",
                "pkg:composer/phpunit/phpunit@10.5.0",
                Scope::Dev,
                None,
                26,
            ),
        ],
    );
    assert_eq!(got.packages[0].hashes[0].alg, "SHA-1");
    assert!(got.packages[1].hashes.is_empty());
    assert_eq!(
        deps_of(&got, "monolog/monolog"),
        vec!["pkg:composer/psr/log@3.0.0"]
    );
    let bad = composer_lock::parse("composer.lock", "{\n  \"packages\": [\n");
    assert_eq!(bad.fatal.map(|f| f.line), Some(Some(3)));
}

#[test]
fn pom_xml() {
    let got = pom::parse("pom.xml", &fixture("pom.xml"));
    check(
        &got,
        &[
            (
                "com.fasterxml.jackson.core:jackson-databind",
                "2.15.2",
                "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.2",
                Scope::Runtime,
                Some(true),
                33,
            ),
            (
                "org.junit.jupiter:junit-jupiter",
                "5.10.0",
                "pkg:maven/org.junit.jupiter/junit-jupiter@5.10.0",
                Scope::Dev,
                Some(true),
                38,
            ),
            (
                "org.slf4j:slf4j-api",
                "2.0.9",
                "pkg:maven/org.slf4j/slf4j-api@2.0.9",
                Scope::Runtime,
                Some(true),
                44,
            ),
            (
                "com.example:sibling",
                "2.0.0",
                "pkg:maven/com.example/sibling@2.0.0",
                Scope::Optional,
                Some(true),
                48,
            ),
            (
                "org.springframework.boot:spring-boot-starter-web",
                "",
                "pkg:maven/org.springframework.boot/spring-boot-starter-web",
                Scope::Runtime,
                Some(true),
                55,
            ),
            (
                "com.example:native",
                "1.0",
                "pkg:maven/com.example/native@1.0?classifier=linux-x86_64",
                Scope::Runtime,
                Some(true),
                59,
            ),
        ],
    );
    assert_eq!(got.errors.len(), 1);
    assert_eq!(got.errors[0].0, Some(55));
    assert!(got.errors[0].1.contains("parent POM"));
    assert_eq!(
        got.project,
        Some(("com.example:app".into(), "2.0.0".into()))
    );
    assert!(
        got.notes
            .iter()
            .any(|(l, m)| *l == Some(23) && m.contains("spring-boot-dependencies"))
    );
    let bad = pom::parse("pom.xml", "<project>\n<dependencies>\n<dependency>\n");
    assert!(bad.fatal.is_some());
    let dtd = pom::parse(
        "pom.xml",
        "<!DOCTYPE lolz [<!ENTITY lol \"lol\">]>\n<project>&lol;</project>",
    );
    assert!(dtd.fatal.is_some());
}

#[test]
fn gradle_lockfile() {
    let got = gradle_lock::parse("gradle.lockfile", &fixture("gradle.lockfile"));
    assert!(got.errors.is_empty());
    check(
        &got,
        &[
            (
                "com.google.guava:guava",
                "32.1.2-jre",
                "pkg:maven/com.google.guava/guava@32.1.2-jre",
                Scope::Runtime,
                None,
                4,
            ),
            (
                "junit:junit",
                "4.13.2",
                "pkg:maven/junit/junit@4.13.2",
                Scope::Dev,
                None,
                5,
            ),
            (
                "com.google.auto.value:auto-value",
                "1.10.2",
                "pkg:maven/com.google.auto.value/auto-value@1.10.2",
                Scope::Build,
                None,
                6,
            ),
        ],
    );
    let bad = gradle_lock::parse("gradle.lockfile", "a:b=x\n");
    assert_eq!(bad.errors[0].0, Some(1));
}

#[test]
fn nuget_lock() {
    let got = nuget_lock::parse("packages.lock.json", &fixture("packages.lock.json"));
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    check(
        &got,
        &[
            (
                "Newtonsoft.Json",
                "13.0.3",
                "pkg:nuget/Newtonsoft.Json@13.0.3",
                Scope::Runtime,
                Some(true),
                5,
            ),
            (
                "Serilog",
                "3.1.1",
                "pkg:nuget/Serilog@3.1.1",
                Scope::Runtime,
                Some(false),
                11,
            ),
            (
                "System.Text.Json",
                "8.0.0",
                "pkg:nuget/System.Text.Json@8.0.0",
                Scope::Runtime,
                Some(false),
                33,
            ),
        ],
    );
    assert_eq!(got.format, "packages.lock.json v1");
    assert_eq!(got.packages[0].hashes[0].alg, "SHA-512");
    assert_eq!(got.packages[0].hashes[0].value, "01".repeat(64));
    assert_eq!(
        deps_of(&got, "Serilog"),
        vec!["pkg:nuget/Newtonsoft.Json@13.0.3"]
    );
}

#[test]
fn pubspec_lock() {
    let got = pubspec_lock::parse("pubspec.lock", &fixture("pubspec.lock"));
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    check(
        &got,
        &[
            (
                "async",
                "2.11.0",
                "pkg:pub/async@2.11.0",
                Scope::Unknown,
                Some(false),
                4,
            ),
            (
                "http",
                "1.1.0",
                "pkg:pub/http@1.1.0",
                Scope::Runtime,
                Some(true),
                17,
            ),
            (
                "my_git_dep",
                "0.2.0",
                "pkg:pub/my_git_dep@0.2.0",
                Scope::Runtime,
                Some(true),
                25,
            ),
            (
                "local_pkg",
                "1.0.0",
                "pkg:pub/local_pkg@1.0.0",
                Scope::Dev,
                Some(true),
                34,
            ),
            (
                "lints",
                "3.0.0",
                "pkg:pub/lints@3.0.0",
                Scope::Dev,
                Some(true),
                41,
            ),
        ],
    );
    assert_eq!(got.packages[0].hashes[0].value, "cd".repeat(32));
    assert!(
        got.notes
            .iter()
            .any(|(l, m)| *l == Some(12) && m.contains("flutter"))
    );
    let kinds: Vec<_> = got
        .issues
        .iter()
        .map(|i| (i.kind.clone(), i.name.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (IssueKind::GitSource, "my_git_dep"),
            (IssueKind::DirectReference, "local_pkg")
        ]
    );
    assert!(
        pubspec_lock::parse("pubspec.lock", "sdks:\n  dart: x\n")
            .fatal
            .is_some()
    );
}

#[test]
fn mix_lock() {
    let got = mix_lock::parse("mix.lock", &fixture("mix.lock"));
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    check(
        &got,
        &[
            (
                "decimal",
                "2.1.1",
                "pkg:hex/decimal@2.1.1",
                Scope::Unknown,
                None,
                2,
            ),
            (
                "jason",
                "1.4.1",
                "pkg:hex/jason@1.4.1",
                Scope::Unknown,
                None,
                3,
            ),
            (
                "my_fork",
                "0123456789abcdef0123456789abcdef01234567",
                "pkg:hex/my_fork@0123456789abcdef0123456789abcdef01234567?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fexample%2Fmy_fork.git",
                Scope::Unknown,
                None,
                4,
            ),
            (
                "plug_crypto",
                "2.0.0",
                "pkg:hex/plug_crypto@2.0.0",
                Scope::Unknown,
                None,
                6,
            ),
        ],
    );
    assert_eq!(got.packages[0].hashes[0].value, "22".repeat(32));
    assert_eq!(deps_of(&got, "jason"), vec!["pkg:hex/decimal@2.1.1"]);
    assert_eq!(got.issues[0].kind, IssueKind::GitSource);
    let truncated = mix_lock::parse("mix.lock", "%{\n  \"a\": {:hex, :a, \"1\",\n");
    assert_eq!(truncated.fatal.map(|f| f.line), Some(Some(3)));
    let code = mix_lock::parse("mix.lock", "File.rm!(\"/\")");
    assert!(code.fatal.is_some());
}

#[test]
fn package_resolved_versions() {
    let v1 = swift_resolved::parse("Package.resolved", &fixture("Package.resolved.v1"));
    assert!(v1.errors.is_empty());
    assert_eq!(v1.format, "Package.resolved v1");
    check(
        &v1,
        &[
            (
                "github.com/apple/swift-nio",
                "2.58.0",
                "pkg:swift/github.com/apple/swift-nio@2.58.0",
                Scope::Runtime,
                None,
                6,
            ),
            (
                "github.com/Alamofire/Alamofire",
                "89abcdef0123456789abcdef0123456789abcdef",
                "pkg:swift/github.com/Alamofire/Alamofire@89abcdef0123456789abcdef0123456789abcdef",
                Scope::Runtime,
                None,
                15,
            ),
        ],
    );
    let v2 = swift_resolved::parse("Package.resolved", &fixture("Package.resolved.v2"));
    check(
        &v2,
        &[(
            "github.com/apple/swift-argument-parser",
            "1.2.3",
            "pkg:swift/github.com/apple/swift-argument-parser@1.2.3",
            Scope::Runtime,
            None,
            6,
        )],
    );
    assert_eq!(v2.issues.len(), 1);
    let v3 = swift_resolved::parse("Package.resolved", &fixture("Package.resolved.v3"));
    check(
        &v3,
        &[(
            "github.com/apple/swift-log",
            "1.5.3",
            "pkg:swift/github.com/apple/swift-log@1.5.3",
            Scope::Runtime,
            None,
            7,
        )],
    );
    let v9 = swift_resolved::parse("Package.resolved", "{\"version\": 9, \"pins\": []}");
    assert!(v9.fatal.is_some());
}

#[test]
fn conan_locks() {
    let old = conan_lock::parse("conan.lock", &fixture("conan.lock.v04"));
    assert!(old.errors.is_empty(), "{:?}", old.errors);
    check(
        &old,
        &[
            (
                "zlib",
                "1.2.13",
                "pkg:conan/zlib@1.2.13?rrev=abcdef0123",
                Scope::Runtime,
                Some(true),
                10,
            ),
            (
                "openssl",
                "3.1.2",
                "pkg:conan/openssl@3.1.2?channel=stable&rrev=fedcba&user=mycorp",
                Scope::Runtime,
                Some(true),
                17,
            ),
            (
                "cmake",
                "3.27.0",
                "pkg:conan/cmake@3.27.0",
                Scope::Build,
                Some(true),
                23,
            ),
        ],
    );
    assert_eq!(
        deps_of(&old, "openssl"),
        vec!["pkg:conan/zlib@1.2.13?rrev=abcdef0123"]
    );
    let new = conan_lock::parse("conan.lock", &fixture("conan.lock.v2"));
    check(
        &new,
        &[
            (
                "zlib",
                "1.3",
                "pkg:conan/zlib@1.3?rrev=b3b71bfe8dd07abc7b82ff2bd0eac021",
                Scope::Runtime,
                None,
                4,
            ),
            (
                "fmt",
                "10.1.1",
                "pkg:conan/fmt@10.1.1?rrev=4f5a2b8e9e1b1b1b1b1b1b1b1b1b1b1b",
                Scope::Runtime,
                None,
                5,
            ),
            (
                "cmake",
                "3.27.6",
                "pkg:conan/cmake@3.27.6?rrev=aaaa",
                Scope::Build,
                None,
                8,
            ),
        ],
    );
    assert_eq!(new.format, "conan.lock v0.5");
}

#[test]
fn registry_routes_b_formats() {
    for (file, format) in [
        ("go.mod", "go.mod"),
        ("go.sum", "go.sum"),
        ("Gemfile.lock", "Gemfile.lock"),
        ("composer.lock", "composer.lock"),
        ("pom.xml", "pom.xml"),
        ("gradle.lockfile", "gradle.lockfile"),
        ("packages.lock.json", "packages.lock.json"),
        ("pubspec.lock", "pubspec.lock"),
        ("mix.lock", "mix.lock"),
        ("Package.resolved", "Package.resolved"),
        ("conan.lock", "conan.lock"),
    ] {
        let entry = parsers::find(file).unwrap_or_else(|| panic!("{file} not routed"));
        assert_eq!(entry.format, format);
    }
    // Through the registry a truncated file is an error with its line.
    let input = ParseInput {
        path: "composer.lock",
        text: "{\n\"packages\": [\n{\"name\": ",
        read: None,
    };
    let err = (parsers::find("composer.lock").unwrap().parse)(&input).unwrap_err();
    assert_eq!(err.line, Some(3));
}

#[test]
fn go_sum_beside_go_mod_only_adds_hashes() {
    use trustward_core::files::FileIndex;
    use trustward_inventory::{DiscoverOptions, discover};
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("go.mod"), fixture("go.mod")).unwrap();
    std::fs::write(dir.path().join("go.sum"), fixture("go.sum")).unwrap();
    let inv = discover(&FileIndex::new(dir.path()), &DiscoverOptions::default());
    assert!(inv.errors.is_empty(), "{:?}", inv.errors);
    // stdlib and the four go.mod modules, none from go.sum.
    assert_eq!(inv.packages.len(), 5);
    assert!(inv.packages.iter().all(|p| p.source.path == "go.mod"));
    // golang.org/x/text v0.14.0 is in go.sum with an h1 hash (32 bytes of 0x01).
    let text = inv
        .packages
        .iter()
        .find(|p| p.name == "golang.org/x/text")
        .unwrap();
    assert_eq!(text.hashes[0].value, "01".repeat(32));
    // Alone, go.sum lists its modules.
    let alone = tempfile::tempdir().unwrap();
    std::fs::write(alone.path().join("go.sum"), fixture("go.sum")).unwrap();
    let inv = discover(&FileIndex::new(alone.path()), &DiscoverOptions::default());
    assert_eq!(inv.packages.len(), 2);
}
