//! Fuzz target: `giamkhao::fuzz::legacy_xls` on arbitrary bytes (see src/fuzz.rs).
//!
//! libfuzzer-sys installs a panic hook that aborts before unwinding, so that every panic counts as a
//! crash. giamkhao, though, catches a panic inside calamine's spreadsheet readers on purpose (the
//! person is told the file is damaged); here the hook is replaced by a silent one so that such a panic
//! unwinds to that catch as it does in the app. A panic anywhere else still unwinds out of the
//! target, where libfuzzer-sys aborts: it is a crash, saved as an artifact.
#![no_main]

libfuzzer_sys::fuzz_target!(
    init: std::panic::set_hook(Box::new(|_| {})),
    |data: &[u8]| giamkhao::fuzz::legacy_xls(data)
);
