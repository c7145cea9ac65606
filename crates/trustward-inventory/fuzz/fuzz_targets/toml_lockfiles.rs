#![no_main]
//! Fuzzes the TOML lockfile parsers: no input may panic.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    trustward_inventory::fuzzing::toml_lockfiles(data);
});
