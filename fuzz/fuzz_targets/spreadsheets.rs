//! Fuzz target: `giamkhao::fuzz::spreadsheets` on arbitrary bytes (see src/fuzz.rs).
//!
//! libfuzzer-sys makes every panic a crash, even one that is caught. The importer catches panics
//! from the spreadsheet readers on purpose (calamine's .xls reader panics on some malformed files:
//! fuzz/known-issues/), so this target keeps panics quiet: a caught one is handled, and one that is
//! not caught still aborts at the fuzzer's boundary and is reported as a crash.
#![no_main]

libfuzzer_sys::fuzz_target!(
    init: std::panic::set_hook(Box::new(|_| {})),
    |data: &[u8]| giamkhao::fuzz::spreadsheets(data)
);
