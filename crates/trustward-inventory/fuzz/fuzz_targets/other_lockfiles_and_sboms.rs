#![no_main]
//! Fuzzes go.mod/go.sum, Gemfile.lock, composer.lock, pom.xml, gradle.lockfile, NuGet,
//! pubspec.lock, mix.lock, Package.resolved, conan.lock and the SBOM readers.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    trustward_inventory::fuzzing::other_lockfiles_and_sboms(data);
});
