//! Build script: gives the Windows program its icon and version resource (assets/packaging/windows/
//! giamkhao.rc, compiled with mingw's windres). Other targets need nothing from it.

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=assets/packaging/windows/giamkhao.rc");
    println!("cargo:rerun-if-changed=assets/icon/giamkhao.ico");
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let target_env = env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os != "windows" {
        return;
    }
    if target_env != "gnu" {
        println!("cargo:warning=giamkhao.exe gets no icon: only the GNU target's windres is wired up");
        return;
    }
    let windres = env::var("WINDRES").unwrap_or_else(|_| {
        let arch = env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_else(|_| "x86_64".into());
        if cfg!(windows) {
            "windres".into()
        } else {
            format!("{arch}-w64-mingw32-windres")
        }
    });
    let version = env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let number = |name: &str| env::var(name).unwrap_or_else(|_| "0".into());
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let res = out.join("giamkhao-res.o");
    let status = Command::new(&windres)
        .args(["--input", "assets/packaging/windows/giamkhao.rc"])
        .args(["--include-dir", "assets/icon"])
        .arg(format!("-DGK_MAJOR={}", number("CARGO_PKG_VERSION_MAJOR")))
        .arg(format!("-DGK_MINOR={}", number("CARGO_PKG_VERSION_MINOR")))
        .arg(format!("-DGK_PATCH={}", number("CARGO_PKG_VERSION_PATCH")))
        .arg(format!("-DGK_VERSION=\\\"{version}\\\""))
        .args(["--output-format", "coff", "--output"])
        .arg(&res)
        .status();
    match status {
        Ok(s) if s.success() => {
            // Linked into the program only (a library has no icon).
            println!("cargo:rustc-link-arg-bins={}", res.display());
        }
        Ok(s) => panic!("{windres} failed ({s}) on assets/packaging/windows/giamkhao.rc"),
        Err(e) => panic!(
            "{windres} not found ({e}): install mingw (Debian: gcc-mingw-w64-x86-64) to build for Windows"
        ),
    }
}
