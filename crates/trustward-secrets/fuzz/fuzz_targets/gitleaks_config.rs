//! Fuzzes the gitleaks configuration parser (`cargo +nightly fuzz run gitleaks_config`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    trustward_secrets::gitleaks::fuzz_gitleaks_config(data);
});
