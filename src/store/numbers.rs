//! The numbers of a RON or JSON file, checked as they are written before the file is parsed. The
//! parsers read a decimal through binary floating point, where `14.4999999999` becomes 14.5 and
//! would be accepted as a score of 14.5; giamkhao keeps points exactly to 4 decimal places
//! ([`crate::model::Points`]), so a number whose text needs more places (or an exponent) is refused
//! here, at its line and column. Validation then refuses a score with more than 2.

/// A number whose text cannot be kept exactly: its 1-based line and column (in characters) and the
/// number as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inexact {
    pub line: usize,
    pub column: usize,
    pub text: String,
}

/// The first number of `text` (outside strings and comments) that points cannot hold exactly.
pub fn first_inexact(text: &str) -> Option<Inexact> {
    // Bytes, not characters: everything that matters here is ASCII, and a UTF-8 byte of a letter
    // never looks like one (a session of 12 MB is read without a copy).
    let chars = text.as_bytes();
    let (mut i, mut line, mut line_start) = (0usize, 1usize, 0usize);
    // Moves past `n` characters, counting lines.
    let advance = |i: &mut usize, line: &mut usize, line_start: &mut usize, to: usize| {
        while *i < to.min(chars.len()) {
            if chars[*i] == b'\n' {
                *line += 1;
                *line_start = *i + 1;
            }
            *i += 1;
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let end = match c {
            b'"' => quoted(chars, i, b'"'),
            b'\'' => quoted(chars, i, b'\''),
            b'/' if next == Some(b'/') => (i..chars.len())
                .find(|&k| chars[k] == b'\n')
                .unwrap_or(chars.len()),
            b'/' if next == Some(b'*') => block_comment(chars, i),
            b'r' | b'b' if raw_string_start(chars, i).is_some() => {
                raw_string_end(chars, raw_string_start(chars, i).unwrap_or(i))
            }
            c if word_byte(c) && !c.is_ascii_digit() => (i..chars.len())
                .find(|&k| !word_byte(chars[k]))
                .unwrap_or(chars.len()),
            c if starts_number(c, next, chars.get(i + 2).copied()) => {
                let end = number_end(chars, i);
                let token = String::from_utf8_lossy(&chars[i..end]).into_owned();
                if !exact(&token) {
                    return Some(Inexact {
                        line,
                        column: text.get(line_start..i).map_or(0, |t| t.chars().count()) + 1,
                        text: token,
                    });
                }
                end
            }
            _ => i + 1,
        };
        let to = end.max(i + 1);
        advance(&mut i, &mut line, &mut line_start, to);
    }
    None
}

/// A byte of a name: an ASCII letter, digit or `_`, or any byte of a non-ASCII character.
fn word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

fn starts_number(c: u8, next: Option<u8>, after: Option<u8>) -> bool {
    let digit = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_digit());
    c.is_ascii_digit()
        || (matches!(c, b'-' | b'+') && (digit(next) || (next == Some(b'.') && digit(after))))
        || (c == b'.' && digit(next))
}

/// Where a number that starts at `start` ends: digits, letters (exponents, `0x…`), `_`, `.`, and a
/// sign right after an exponent's `e`.
fn number_end(chars: &[u8], start: usize) -> usize {
    let mut k = start + 1;
    while k < chars.len() {
        let c = chars[k];
        let after_e = matches!(chars[k - 1], b'e' | b'E') && matches!(c, b'+' | b'-');
        if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || after_e {
            k += 1;
        } else {
            break;
        }
    }
    k
}

/// Whether a number's text is held exactly by points: an integer (any base), or a plain decimal
/// with at most 4 places once trailing zeros are dropped.
fn exact(token: &str) -> bool {
    let unsigned = token.trim_start_matches(['-', '+']);
    let lower = unsigned.to_ascii_lowercase();
    if lower.starts_with("0x") || lower.starts_with("0b") || lower.starts_with("0o") {
        return !lower.contains('.');
    }
    if lower.contains('e') {
        return false;
    }
    match lower.split_once('.') {
        None => true,
        Some((_, fraction)) => {
            let places = fraction.replace('_', "");
            places.trim_end_matches('0').len() <= crate::model::Points::MAX_DECIMALS as usize
        }
    }
}

/// The end of a string or character literal opened at `start` (escapes skipped).
fn quoted(chars: &[u8], start: usize, quote: u8) -> usize {
    let mut k = start + 1;
    while k < chars.len() {
        match chars[k] {
            b'\\' => k += 2,
            c if c == quote => return k + 1,
            _ => k += 1,
        }
    }
    chars.len()
}

/// The end of a (nested, as RON allows) block comment opened at `start`.
fn block_comment(chars: &[u8], start: usize) -> usize {
    let (mut depth, mut k) = (0usize, start);
    while k + 1 < chars.len() {
        match (chars[k], chars[k + 1]) {
            (b'/', b'*') => {
                depth += 1;
                k += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                k += 2;
                if depth == 0 {
                    return k;
                }
            }
            _ => k += 1,
        }
    }
    chars.len()
}

/// RON's raw strings, `r"…"`, `r#"…"#`, `br"…"`: the index of the `r` when one starts at `i`.
fn raw_string_start(chars: &[u8], i: usize) -> Option<usize> {
    let r = if chars[i] == b'b' && chars.get(i + 1) == Some(&b'r') {
        i + 1
    } else if chars[i] == b'r' {
        i
    } else {
        return None;
    };
    // Not inside an identifier such as `for`.
    if i > 0 && word_byte(chars[i - 1]) {
        return None;
    }
    let mut k = r + 1;
    while chars.get(k) == Some(&b'#') {
        k += 1;
    }
    (chars.get(k) == Some(&b'"')).then_some(r)
}

fn raw_string_end(chars: &[u8], r: usize) -> usize {
    let mut k = r + 1;
    let mut hashes = 0;
    while chars.get(k) == Some(&b'#') {
        hashes += 1;
        k += 1;
    }
    k += 1;
    while k < chars.len() {
        if chars[k] == b'"' && (1..=hashes).all(|h| chars.get(k + h) == Some(&b'#')) {
            return k + 1 + hashes;
        }
        k += 1;
    }
    chars.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_number_that_needs_more_than_four_places() {
        assert_eq!(first_inexact("(a: 14.5, b: -3, c: 0x1F, d: 1_000)"), None);
        assert_eq!(first_inexact("(a: 14.50000)"), None);
        let found = first_inexact("(\n  a: 1.0,\n  b: 14.4999999999,\n)").unwrap();
        assert_eq!(
            (found.line, found.column, found.text.as_str()),
            (3, 6, "14.4999999999")
        );
        assert_eq!(first_inexact("[1e3]").map(|f| f.text), Some("1e3".into()));
        // Columns count characters, not bytes.
        assert_eq!(
            first_inexact("(tên: \"Đà\", a: 1.123456)").map(|f| f.column),
            Some(16)
        );
        assert_eq!(first_inexact("[-.12345]").map(|f| f.text), Some("-.12345".into()));
    }

    #[test]
    fn numbers_in_strings_comments_and_names_are_not_numbers() {
        let text = "( // 1.234567\n  name: \"8.123456 \\\" 1.999999\", tc12345: r#\"0.111111\"#, /* 2.222222 /* 3.333333 */ */ x: 'a', tên2: 1)";
        assert_eq!(first_inexact(text), None);
        let after = format!("{text} 7.777777");
        assert_eq!(first_inexact(&after).map(|f| f.text), Some("7.777777".into()));
    }
}
