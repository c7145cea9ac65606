#![no_main]
//! Fuzzes the YAML lockfile parsers: no input may panic.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    trustward_inventory::fuzzing::yaml_lockfiles(data);
});
