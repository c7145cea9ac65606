#![no_main]
//! Fuzz target: see `trustward_posture::fuzz::security_txt`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    trustward_posture::fuzz::security_txt(data);
});
