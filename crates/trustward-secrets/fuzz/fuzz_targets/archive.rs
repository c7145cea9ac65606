//! Fuzzes the in-memory archive reader (`cargo +nightly fuzz run archive`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    trustward_secrets::archive::fuzz_archive(data);
});
