//! What an attachment of a submission may open. Attachments come from a contestant's registration
//! spreadsheet, so they are not trusted: only a web link (http or https, with a host) or a file
//! inside the session's own folder (after following `..` and links), that is not a program, is
//! ever handed to the system's opener — and the app asks first, showing where it goes.

use std::path::{Path, PathBuf};

/// Where an attachment leads, once allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A web link, as written.
    Link(String),
    /// A file inside the session's folder, its full path.
    File(PathBuf),
}

impl Target {
    /// What the system's opener is given.
    pub fn url(&self) -> String {
        match self {
            Target::Link(url) => url.clone(),
            Target::File(path) => {
                // Windows' full paths (`\\?\C:\…`) as a file URL: `file:///C:/…`.
                let shown = path.display().to_string();
                let plain = shown.strip_prefix(r"\\?\").unwrap_or(&shown);
                if cfg!(windows) {
                    format!("file:///{}", plain.replace('\\', "/"))
                } else {
                    format!("file://{plain}")
                }
            }
        }
    }
}

/// Why an attachment is not opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A link of another kind than http/https (`file:`, `smb:`, `javascript:`…), named.
    Scheme(String),
    /// An http(s) link without a host, or with spaces or control characters in it.
    BadLink,
    /// A file outside the session's folder (`../../etc/passwd`, `/etc/passwd`, `C:\…`), resolved.
    OutsideFolder(PathBuf),
    /// A program or script (by its extension), which is never started from here.
    Program(String),
    /// Not there (or not a file), where it was looked for.
    Missing(PathBuf),
    /// The session has never been saved, so it has no folder to look in.
    NoFolder,
}

/// Extensions of files that run rather than open (Windows, macOS and Linux).
const PROGRAMS: [&str; 24] = [
    "exe", "com", "bat", "cmd", "ps1", "psm1", "vbs", "vbe", "js", "jse", "wsf", "wsh", "msi", "msp", "scr",
    "pif", "lnk", "hta", "cpl", "jar", "app", "command", "sh", "desktop",
];

/// Decides what `attachment` may open for a session saved in `folder` (None: never saved).
pub fn resolve(attachment: &str, folder: Option<&Path>) -> Result<Target, Refusal> {
    let text = attachment.trim();
    if let Some((scheme, rest)) = scheme_of(text) {
        if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
            return Err(Refusal::Scheme(scheme.to_ascii_lowercase()));
        }
        let host = rest
            .strip_prefix("//")
            .map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
        let clean = !text.chars().any(|c| c.is_control() || c.is_whitespace());
        return match host {
            Some(h) if !h.is_empty() && clean => Ok(Target::Link(text.to_string())),
            _ => Err(Refusal::BadLink),
        };
    }
    let folder = folder.ok_or(Refusal::NoFolder)?;
    let folder = folder.canonicalize().map_err(|_| Refusal::NoFolder)?;
    let joined = folder.join(text);
    let Ok(path) = joined.canonicalize() else {
        // Not there: said with where it was looked for, unless that is outside the folder anyway.
        let lexical = normalize(&joined);
        return Err(if lexical.starts_with(&folder) {
            Refusal::Missing(lexical)
        } else {
            Refusal::OutsideFolder(lexical)
        });
    };
    if !path.starts_with(&folder) {
        return Err(Refusal::OutsideFolder(path));
    }
    if !path.is_file() {
        return Err(Refusal::Missing(path));
    }
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if PROGRAMS.contains(&extension.as_str()) {
        return Err(Refusal::Program(extension));
    }
    Ok(Target::File(path))
}

/// The scheme of a URL-like text (`https` in `https://…`, `javascript` in `javascript:…`), and
/// what follows its colon. A Windows drive (`C:\…`) is a path, not a scheme.
fn scheme_of(text: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = text.split_once(':')?;
    let valid = scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some((scheme, rest))
}

/// `a/b/../c` → `a/c`, without touching the disk (for a path that does not exist).
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_and_files_in_the_folder_open() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("cuoc-thi");
        std::fs::create_dir_all(folder.join("ho-so")).unwrap();
        std::fs::write(folder.join("ho-so/DA01.pdf"), b"%PDF").unwrap();
        std::fs::write(folder.join("ho-so/cai-dat.EXE"), b"MZ").unwrap();
        std::fs::write(dir.path().join("bi-mat.txt"), b"x").unwrap();
        let at = Some(folder.as_path());
        let inside = folder.canonicalize().unwrap().join("ho-so/DA01.pdf");
        assert_eq!(resolve("ho-so/DA01.pdf", at), Ok(Target::File(inside.clone())));
        assert_eq!(resolve("ho-so/../ho-so/DA01.pdf", at), Ok(Target::File(inside)));
        assert_eq!(
            resolve("https://drive.example.vn/hs?id=1", at),
            Ok(Target::Link("https://drive.example.vn/hs?id=1".into()))
        );
        assert_eq!(
            resolve("HTTP://example.vn", at).map(|t| t.url()),
            Ok("HTTP://example.vn".into())
        );
        assert!(matches!(
            resolve("../bi-mat.txt", at),
            Err(Refusal::OutsideFolder(_))
        ));
        assert!(matches!(
            resolve("../../../../etc/passwd", at),
            Err(Refusal::OutsideFolder(_))
        ));
        assert!(matches!(
            resolve("/etc/passwd", at),
            Err(Refusal::OutsideFolder(_))
        ));
        assert_eq!(
            resolve("file:///etc/passwd", at),
            Err(Refusal::Scheme("file".into()))
        );
        assert_eq!(
            resolve("smb://may-chu/x.exe", at),
            Err(Refusal::Scheme("smb".into()))
        );
        assert_eq!(
            resolve("javascript:alert(1)", at),
            Err(Refusal::Scheme("javascript".into()))
        );
        assert_eq!(resolve("https:///x", at), Err(Refusal::BadLink));
        assert_eq!(resolve("https://a.vn/x y", at), Err(Refusal::BadLink));
        assert_eq!(
            resolve("ho-so/cai-dat.EXE", at),
            Err(Refusal::Program("exe".into()))
        );
        assert!(matches!(resolve("ho-so/DA02.pdf", at), Err(Refusal::Missing(_))));
        assert_eq!(resolve("ho-so/DA01.pdf", None), Err(Refusal::NoFolder));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_inside_the_folder_that_leads_out_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("cuoc-thi");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(dir.path().join("bi-mat.txt"), b"x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("bi-mat.txt"), folder.join("ho-so.pdf")).unwrap();
        assert!(matches!(
            resolve("ho-so.pdf", Some(&folder)),
            Err(Refusal::OutsideFolder(_))
        ));
    }
}
