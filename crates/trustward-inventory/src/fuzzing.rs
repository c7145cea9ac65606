//! Entry points for the fuzz targets in `fuzz/` (also driven by a stable proptest so the
//! no-panic property is checked without nightly). Each feeds arbitrary bytes to the parsers
//! of one document family; errors are fine, panics are bugs.

use crate::parsers::{
    self, ParseInput, composer_lock, conan_lock, gemfile_lock, gomod, gosum, gradle_lock,
    gradle_verification, mix_lock, nuget_lock, os_packages, pom, pubspec_lock, renv_lock,
    swift_resolved,
};

fn run(names: &[&str], data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for name in names {
        if let Some(entry) = parsers::find(name) {
            let _ = (entry.parse)(&ParseInput {
                path: name,
                text: &text,
                read: None,
            });
        }
    }
}

/// JSON and JSONC lockfiles: package-lock.json, Pipfile.lock, bun.lock.
pub fn json_lockfiles(data: &[u8]) {
    run(&["package-lock.json", "Pipfile.lock", "bun.lock"], data);
}

/// YAML lockfiles: pnpm-lock.yaml, yarn.lock (Berry and classic).
pub fn yaml_lockfiles(data: &[u8]) {
    run(&["pnpm-lock.yaml", "yarn.lock"], data);
}

/// TOML lockfiles: Cargo.lock, poetry.lock, uv.lock, pdm.lock, pylock.toml.
pub fn toml_lockfiles(data: &[u8]) {
    run(
        &[
            "Cargo.lock",
            "poetry.lock",
            "uv.lock",
            "pdm.lock",
            "pylock.toml",
        ],
        data,
    );
}

/// Line formats: requirements.txt.
pub fn text_lockfiles(data: &[u8]) {
    run(&["requirements.txt"], data);
}

/// go.mod, go.sum, Gemfile.lock, composer.lock, pom.xml, gradle.lockfile, NuGet
/// packages.lock.json, pubspec.lock, mix.lock, Package.resolved, conan.lock and the SBOM
/// readers; Gradle verification metadata, renv.lock, dpkg status and apk installed.
pub fn other_lockfiles_and_sboms(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let parsers: [fn(&str, &str) -> parsers::support::Collected; 15] = [
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
        gradle_verification::parse,
        renv_lock::parse,
        os_packages::parse_dpkg,
        os_packages::parse_apk,
    ];
    for parse in parsers {
        let _ = parse("fuzz", &text);
    }
    let _ = crate::sbom::read("fuzz", &text);
}
