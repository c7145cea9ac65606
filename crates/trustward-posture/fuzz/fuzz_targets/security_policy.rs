#![no_main]
//! Fuzz target: see `trustward_posture::fuzz::security_policy`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    trustward_posture::fuzz::security_policy(data);
});
