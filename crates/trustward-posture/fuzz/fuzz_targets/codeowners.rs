#![no_main]
//! Fuzz target: see `trustward_posture::fuzz::codeowners`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    trustward_posture::fuzz::codeowners(data);
});
