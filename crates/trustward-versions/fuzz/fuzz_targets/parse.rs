//! Parses arbitrary bytes under every scheme and checks self-comparison and the
//! `normalized()` round trip (`cargo +nightly fuzz run parse`). The same body runs on
//! stable in `tests/properties.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    trustward_versions::fuzz_parse(data);
});
