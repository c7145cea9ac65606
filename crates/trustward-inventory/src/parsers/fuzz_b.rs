//! Fuzz-target bodies for the Go, Ruby, PHP, JVM, .NET, Dart, Elixir, Swift and Conan
//! parsers and the SBOM readers: public so that `fuzz/` (cargo-fuzz, nightly) and a
//! stable no-panic test run the same code.

use super::{
    composer_lock, conan_lock, gemfile_lock, gomod, gosum, gradle_lock, mix_lock, nuget_lock, pom,
    pubspec_lock, swift_resolved,
};

/// Feeds `data` (as lossy UTF-8) to every parser of this group and to the SBOM reader.
/// Must never panic.
pub fn parse_all_b(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let parsers: [fn(&str, &str) -> super::support::Collected; 11] = [
        gomod::parse,
        gosum::parse,
        gemfile_lock::parse,
        composer_lock::parse,
        pom::parse,
        gradle_lock::parse,
        nuget_lock::parse,
        pubspec_lock::parse,
        mix_lock::parse,
        swift_resolved::parse,
        conan_lock::parse,
    ];
    for parse in parsers {
        let _ = parse("fuzz", &text);
    }
    let _ = crate::sbom::read("fuzz", &text);
}
