#![no_main]
//! Fuzz target: see `trustward_posture::fuzz::license`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    trustward_posture::fuzz::license(data);
});
