#![no_main]
//! Fuzzes the JSON lockfile parsers: no input may panic.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    trustward_inventory::fuzzing::json_lockfiles(data);
});
