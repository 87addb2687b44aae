//! Fuzz target: `giamkhao::fuzz::registrations` on arbitrary bytes (see src/fuzz.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| giamkhao::fuzz::registrations(data));
