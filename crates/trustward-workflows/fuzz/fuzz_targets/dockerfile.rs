#![no_main]
//! Arbitrary bytes through the Dockerfile parser and every Dockerfile rule.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| trustward_workflows::fuzz::fuzz_dockerfile(data));
