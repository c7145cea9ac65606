#![no_main]
//! Arbitrary bytes through the YAML layer, the models and every workflow rule.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| trustward_workflows::fuzz::fuzz_yaml(data));
