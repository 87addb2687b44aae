//! Judges' signing keys and signed scoresheets. Each laptop a judge scores on has its own Ed25519 key
//! pair, made the first time it is needed and kept in the app's data folder; the private half never
//! leaves it. A scoresheet handed in carries the public key and a signature over the sheet and the
//! judge's own log, so that the organizers can tell a sheet from that laptop from one anybody wrote.
//!
//! What is signed (docs/trust.md, "Signed scoresheets"): the canonical JSON (object keys sorted, no
//! whitespace, UTF-8) of `{"audit_digest": A, "format": "giamkhao-sheet-1", "public_key": HEX,
//! "sheet_digest": S}`, where S and A are the SHA-256 (lowercase hex) of the canonical JSON of the
//! file's `sheet` and `audit` (`giamkhao convert` writes them as JSON). Signing the digests lets the
//! session keep, for each merged sheet, all that is needed to check the signature again (the sheet's
//! digest is already its receipt's `handed_in`). Anyone can rebuild those bytes and check the
//! signature with any Ed25519 library.
//!
//! A paper sheet typed twice and confirmed is signed the same way by the secretariat's laptop (the
//! organizer's key), with `"format": "giamkhao-paper-1"` and the digest of an empty log: the
//! signature itself says it vouches for a typing of paper, not for a judge's laptop.

use std::path::{Path, PathBuf};

use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use rand::TryRngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::{AuditEntry, Scoresheet, ScoresheetFile, SheetSignature};

use super::seal::{canonical_json, digest_of, hex};

/// The name of what is signed, inside the signed bytes: a new form gets a new name.
const FORMAT: &str = "giamkhao-sheet-1";

/// The name of what the secretariat signs: a paper sheet typed twice and confirmed.
const PAPER_FORMAT: &str = "giamkhao-paper-1";

/// Who signed: a judge's laptop (a sheet it scored) or the secretariat's (a paper sheet it typed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signer {
    Judge,
    Secretariat,
}

impl Signer {
    fn format(self) -> &'static str {
        match self {
            Signer::Judge => FORMAT,
            Signer::Secretariat => PAPER_FORMAT,
        }
    }
}

/// The file, in the app's data folder, that holds this laptop's private key (64 hex digits).
pub const KEY_FILE: &str = "khoa-ky-phieu.key";

/// Why this laptop's key could not be read or made.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("{path}: {cause}")]
    Io { path: PathBuf, cause: std::io::Error },
    /// The key file is there but does not hold a key (edited, or damaged): never replaced silently,
    /// since sheets already signed with it would no longer match this laptop.
    #[error("{path}: not a signing key")]
    Damaged { path: PathBuf },
    #[error("the system gave no random numbers: {0}")]
    Random(String),
}

/// This laptop's key, from `dir` (the app's data folder); made and saved there the first time.
pub fn load_or_create(dir: &Path) -> Result<SigningKey, KeyError> {
    let path = dir.join(KEY_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => parse_hex::<32>(text.trim())
            .map(|seed| SigningKey::from_bytes(&seed))
            .ok_or(KeyError::Damaged { path }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut seed = [0u8; 32];
            rand::rngs::OsRng
                .try_fill_bytes(&mut seed)
                .map_err(|e| KeyError::Random(e.to_string()))?;
            let io = |cause| KeyError::Io {
                path: path.clone(),
                cause,
            };
            std::fs::create_dir_all(dir).map_err(io)?;
            super::atomic::write_atomic(&path, format!("{}\n", hex(&seed)).as_bytes()).map_err(io)?;
            restrict(&path).map_err(io)?;
            Ok(SigningKey::from_bytes(&seed))
        }
        Err(cause) => Err(KeyError::Io { path, cause }),
    }
}

/// Only the person's own account may read the key file (on Windows the data folder is already theirs).
fn restrict(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    let _ = path;
    Ok(())
}

/// The short fingerprint of a public key that a judge reads out or writes on paper: the first 8
/// bytes of its SHA-256, as four groups of four capital hex digits ("3F9A-07C2-B41E-9D55").
pub fn fingerprint(public_key: &[u8; 32]) -> String {
    let digest = Sha256::digest(public_key);
    let digits: String = digest[..8].iter().map(|b| format!("{b:02X}")).collect();
    digits
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// A fingerprint as a person types it — any case, with or without dashes or spaces — written as
/// [`fingerprint`] writes it; None unless it is 16 hex digits.
pub fn parse_fingerprint(typed: &str) -> Option<String> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if digits.len() != 16 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    Some(
        digits
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-"),
    )
}

/// The fingerprint of a public key written as hex (as in a signature); None if it is not one.
pub fn fingerprint_of_hex(public_key: &str) -> Option<String> {
    parse_hex::<32>(public_key).map(|public| fingerprint(&public))
}

/// Whether `fingerprint` (as a checked signature gives it) is the key `bound` to a judge (as stored:
/// any case, with or without dashes).
pub fn is_bound_key(bound: &str, fingerprint: &str) -> bool {
    parse_fingerprint(bound).is_some_and(|b| b == fingerprint)
}

#[derive(Serialize)]
struct Signed<'a> {
    audit_digest: &'a str,
    format: &'static str,
    public_key: &'a str,
    sheet_digest: &'a str,
}

/// The digest of a judge's log as signed: SHA-256 of its canonical JSON.
pub fn audit_digest(audit: &[AuditEntry]) -> String {
    digest_of(&audit)
}

/// The bytes a judge's signature on a sheet is over, from the digests of the sheet and of the log.
pub fn signed_bytes(sheet_digest: &str, audit_digest: &str, public_key: &str) -> Vec<u8> {
    signed_bytes_by(Signer::Judge, sheet_digest, audit_digest, public_key)
}

/// The bytes `signer`'s signature on a sheet is over.
pub fn signed_bytes_by(signer: Signer, sheet_digest: &str, audit_digest: &str, public_key: &str) -> Vec<u8> {
    canonical_json(&Signed {
        audit_digest,
        format: signer.format(),
        public_key,
        sheet_digest,
    })
}

/// The secretariat's signature on a paper sheet typed twice and confirmed, as its receipt keeps it.
pub fn sign_paper(sheet: &Scoresheet, key: &SigningKey) -> crate::model::SignedReceipt {
    let public_key = hex(key.verifying_key().as_bytes());
    let audit_digest = audit_digest(&[]);
    let bytes = signed_bytes_by(
        Signer::Secretariat,
        &super::seal::sheet_digest(sheet),
        &audit_digest,
        &public_key,
    );
    crate::model::SignedReceipt {
        audit_digest,
        public_key,
        signature: hex(&key.sign(&bytes).to_bytes()),
        secretariat: true,
    }
}

fn file_bytes(sheet: &Scoresheet, audit: &[AuditEntry], public_key: &str) -> Vec<u8> {
    signed_bytes(
        &super::seal::sheet_digest(sheet),
        &audit_digest(audit),
        public_key,
    )
}

/// Signs `file` (its sheet and log) with `key`, replacing any signature it had.
pub fn sign(file: &mut ScoresheetFile, key: &SigningKey) {
    let public_key = hex(key.verifying_key().as_bytes());
    let signature = key.sign(&file_bytes(&file.sheet, &file.audit, &public_key));
    file.signature = Some(SheetSignature {
        public_key,
        signature: hex(&signature.to_bytes()),
    });
}

/// What a sheet's signature says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// No signature (a sheet from before signatures, or written by hand).
    Unsigned,
    /// Signed, and the signature matches the sheet and log: made with the key of this fingerprint.
    Valid { fingerprint: String },
    /// A signature that does not match what the file holds (changed after signing, or forged), or
    /// that is not a signature at all.
    Invalid,
}

/// Checks `file`'s signature against its sheet and log.
pub fn check(file: &ScoresheetFile) -> Check {
    check_sheet(&file.sheet, &file.audit, file.signature.as_ref())
}

/// Checks a signature against a sheet and a log as handed in.
pub fn check_sheet(sheet: &Scoresheet, audit: &[AuditEntry], signature: Option<&SheetSignature>) -> Check {
    match signature {
        None => Check::Unsigned,
        Some(s) => check_digests(
            &super::seal::sheet_digest(sheet),
            &audit_digest(audit),
            &s.public_key,
            &s.signature,
        ),
    }
}

/// Checks a judge's signature against the digests it was made over (as a receipt keeps them).
pub fn check_digests(sheet_digest: &str, audit_digest: &str, public_key: &str, signature: &str) -> Check {
    check_digests_by(Signer::Judge, sheet_digest, audit_digest, public_key, signature)
}

/// Checks `signer`'s signature against the digests it was made over.
pub fn check_digests_by(
    signer: Signer,
    sheet_digest: &str,
    audit_digest: &str,
    public_key: &str,
    signature: &str,
) -> Check {
    let (Some(public), Some(signature)) = (parse_hex::<32>(public_key), parse_hex::<64>(signature)) else {
        return Check::Invalid;
    };
    let Ok(key) = VerifyingKey::from_bytes(&public) else {
        return Check::Invalid;
    };
    let bytes = signed_bytes_by(signer, sheet_digest, audit_digest, public_key);
    match key.verify_strict(&bytes, &Signature::from_bytes(&signature)) {
        Ok(()) => Check::Valid {
            fingerprint: fingerprint(&public),
        },
        Err(_) => Check::Invalid,
    }
}

/// `N` bytes from exactly 2N lowercase or capital hex digits.
fn parse_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    if text.len() != 2 * N || !text.is_ascii() {
        return None;
    }
    let mut out = [0u8; N];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FileKind, Points, Session};

    fn sheet_file() -> ScoresheetFile {
        let text = include_str!("../../assets/samples/hai-phong-2023.ron");
        let path = Path::new("hai-phong-2023.ron");
        let session: Session =
            crate::store::files::parse_kind(path, text, FileKind::Session).expect("the sample parses");
        ScoresheetFile::new(session.scoresheets[2].clone())
    }

    #[test]
    fn a_laptop_keeps_one_key_made_once_and_a_damaged_key_file_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let first = load_or_create(dir.path()).unwrap();
        let again = load_or_create(dir.path()).unwrap();
        assert_eq!(first.to_bytes(), again.to_bytes());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(KEY_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let other = tempfile::tempdir().unwrap();
        assert_ne!(load_or_create(other.path()).unwrap().to_bytes(), first.to_bytes());

        std::fs::write(dir.path().join(KEY_FILE), "not a key\n").unwrap();
        assert!(matches!(
            load_or_create(dir.path()),
            Err(KeyError::Damaged { .. })
        ));
        assert_eq!(
            std::fs::read_to_string(dir.path().join(KEY_FILE)).unwrap(),
            "not a key\n"
        );
    }

    /// The signed bytes are rebuilt from the file's JSON form alone, as docs/trust.md says: the
    /// digests of its sheet and log, with the format and the key, keys sorted and no whitespace.
    #[test]
    fn the_signed_bytes_are_rebuilt_from_the_files_json_alone() {
        let key = SigningKey::from_bytes(&[3u8; 32]);
        let mut file = sheet_file();
        sign(&mut file, &key);
        let json: serde_json::Value = serde_json::to_value(&file).unwrap();
        let sha = |v: &serde_json::Value| hex(&Sha256::digest(serde_json::to_vec(v).unwrap()));
        let rebuilt = serde_json::json!({
            "audit_digest": sha(&json["audit"]),
            "format": "giamkhao-sheet-1",
            "public_key": json["signature"]["public_key"],
            "sheet_digest": sha(&json["sheet"]),
        });
        let bytes = serde_json::to_vec(&rebuilt).unwrap();
        let s = file.signature.as_ref().unwrap();
        assert_eq!(bytes, file_bytes(&file.sheet, &file.audit, &s.public_key));
        let signature = Signature::from_bytes(&parse_hex::<64>(&s.signature).unwrap());
        assert!(key.verifying_key().verify_strict(&bytes, &signature).is_ok());
    }

    #[test]
    fn a_fingerprint_is_four_groups_of_four_hex_digits_from_the_keys_sha256() {
        let key = SigningKey::from_bytes(&[7u8; 32]);
        let public = key.verifying_key().to_bytes();
        let print = fingerprint(&public);
        let digest = Sha256::digest(public);
        let expected = format!(
            "{:02X}{:02X}-{:02X}{:02X}-{:02X}{:02X}-{:02X}{:02X}",
            digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7]
        );
        assert_eq!(print, expected);
    }

    /// Signed, the sheet checks and names its key's fingerprint; a score, a log entry or the key
    /// changed afterwards, or the signature of another judge's laptop, does not check; unsigned says so.
    #[test]
    fn a_signed_sheet_checks_and_any_change_after_signing_does_not() {
        let key = SigningKey::from_bytes(&[1u8; 32]);
        let mut file = sheet_file();
        assert_eq!(check(&file), Check::Unsigned);
        sign(&mut file, &key);
        let print = fingerprint(key.verifying_key().as_bytes());
        assert_eq!(check(&file), Check::Valid { fingerprint: print });
        // Back and forth through the file format, it still checks.
        let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default()).unwrap();
        let read: ScoresheetFile = ron::from_str(&text).unwrap();
        assert!(matches!(check(&read), Check::Valid { .. }));

        let mut changed = file.clone();
        let entry = &mut changed.sheet.entries[0];
        let (_, score) = entry.scores.iter_mut().next().unwrap();
        *score = Points::from_int(0);
        assert_eq!(check(&changed), Check::Invalid);

        let mut logged = file.clone();
        logged.audit.push(AuditEntry::new(
            jiff::Timestamp::UNIX_EPOCH,
            "Chủ tịch Hội đồng",
            crate::model::AuditKind::Decision,
            "forged".into(),
            None,
            None,
            "",
        ));
        assert_eq!(check(&logged), Check::Invalid);

        // Another laptop's public key put in: the signature is not its.
        let mut swapped = file.clone();
        let other = SigningKey::from_bytes(&[2u8; 32]);
        swapped.signature.as_mut().unwrap().public_key = hex(other.verifying_key().as_bytes());
        assert_eq!(check(&swapped), Check::Invalid);

        // Re-signed by another laptop: it checks, under that laptop's fingerprint, not the judge's.
        let mut resigned = changed.clone();
        sign(&mut resigned, &other);
        assert_eq!(
            check(&resigned),
            Check::Valid {
                fingerprint: fingerprint(other.verifying_key().as_bytes())
            }
        );

        let mut garbage = file.clone();
        garbage.signature.as_mut().unwrap().signature = "zz".into();
        assert_eq!(check(&garbage), Check::Invalid);
    }
}
