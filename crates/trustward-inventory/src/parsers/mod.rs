//! One parser per lockfile/manifest format. Each `parse(path, text)` turns a file's text
//! into a [`support::Parsed`]: packages with lines, errors with `path:line`, notes.

pub mod composer_lock;
pub mod conan_lock;
pub mod elixir_term;
pub mod gemfile_lock;
pub mod gomod;
pub mod gosum;
pub mod gradle_lock;
pub mod mix_lock;
pub mod nuget_lock;
pub mod pom;
pub mod pubspec_lock;
pub mod support;
pub mod swift_resolved;

/// A parser entry point: `(path relative to the root, file text)`.
pub type ParseFn = fn(&str, &str) -> support::Parsed;

/// The parser for a file name among the formats of this group (Go, Ruby, PHP, JVM, .NET,
/// Dart, Elixir, Swift, C/C++), or `None`.
pub fn parser_for_b(file_name: &str) -> Option<ParseFn> {
    let lower = file_name.to_ascii_lowercase();
    Some(match file_name {
        "go.mod" => gomod::parse,
        "go.sum" => gosum::parse,
        "Gemfile.lock" | "gems.locked" => gemfile_lock::parse,
        "composer.lock" => composer_lock::parse,
        "pom.xml" => pom::parse,
        "gradle.lockfile" | "buildscript-gradle.lockfile" => gradle_lock::parse,
        "packages.lock.json" => nuget_lock::parse,
        "pubspec.lock" => pubspec_lock::parse,
        "mix.lock" => mix_lock::parse,
        "Package.resolved" => swift_resolved::parse,
        "conan.lock" => conan_lock::parse,
        _ if lower.ends_with(".pom") => pom::parse,
        _ => return None,
    })
}
