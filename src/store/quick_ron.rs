//! A fast reader for the RON that giamkhao itself writes. The `ron` crate reads a 10,000-project
//! session about four times slower than `serde_json` reads the same data as JSON (it tries a dozen
//! keywords before each number and compares every character as a string); this reader takes the
//! plain subset giamkhao writes — structs without names, lists, maps, `Some`/`None`, enum variants,
//! strings with the escapes `char::escape_debug` writes, decimal numbers — and gives up on anything
//! else: comments, raw strings, struct names, extensions, other number forms, and every error. A
//! large session is read on two cores ([`session_from_str`]).
//!
//! Giving up is never an answer: [`from_str`] returns `None` and the caller reads the text with the
//! `ron` crate, which either reads it (a hand-edited file with a comment) or says exactly what is
//! wrong, where. So the subset read here must give the very value `ron` gives, which the tests
//! check on every file kind, and a number that points cannot hold exactly (more than 4 decimal
//! places, an exponent) is also left to the slow path, which refuses it at its line and column.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

/// Reads `text` as a `T` when it is in the subset this reader takes; `None` otherwise (then read it
/// with the `ron` crate).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    let mut reader = Reader {
        src: text.as_bytes(),
        text,
        pos: 0,
        hole: None,
    };
    let value = T::deserialize(&mut reader).ok()?;
    reader.ws().ok()?;
    (reader.pos == reader.src.len()).then_some(value)
}

/// Reads a session as [`from_str`] does, on two cores when it is large (`threshold` bytes or more):
/// its scoresheets — most of a large file — are read from a point near the middle of the file by a
/// second thread while this one reads the rest.
///
/// The point is found by the layout giamkhao writes (a sheet starting on a line of its own, indented
/// as the list's first sheet), which could also appear inside a hand-edited string; so it is only
/// taken on trust once this thread, reading from the beginning, reaches that very byte as the start
/// of an element of the session's list of scoresheets. It then takes the second thread's sheets
/// (or gives up with it) and goes on after them; if it never does, it reads every sheet itself and
/// the second thread's work is dropped. The value is the one [`from_str`] gives, in either case.
pub fn session_from_str(text: &str, threshold: usize) -> Option<crate::model::Session> {
    let parted = (text.len() >= threshold && cores() >= 2)
        .then(|| sheets_part(text))
        .flatten();
    match parted {
        Some(part) => from_parts(text, part),
        None => from_str(text),
    }
}

/// A session read as [`session_from_str`] reads it, the second thread starting at `part.tail`.
fn from_parts(text: &str, part: Part) -> Option<crate::model::Session> {
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || {
            // The receiver is gone when the first thread gave up or finished without the sheets.
            let _ = sender.send(sheets_from(text, part.tail));
        });
        let mut reader = Reader {
            src: text.as_bytes(),
            text,
            pos: 0,
            hole: Some(Hole {
                part,
                receiver,
                sheets: None,
            }),
        };
        let mut session = crate::model::Session::deserialize(&mut reader).ok()?;
        reader.ws().ok()?;
        if reader.pos != reader.src.len() {
            return None;
        }
        if let Some(hole) = reader.hole
            && let Some(sheets) = hole.sheets
        {
            session.scoresheets.extend(sheets);
        }
        Some(session)
    })
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Where the second thread starts: the session's list of scoresheets opens at `list` (its `[`), and
/// an element of it is taken to start at `tail`, near the middle of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Part {
    list: usize,
    tail: usize,
}

/// Finds a [`Part`] in the layout giamkhao writes, or `None` (then one thread reads it all).
fn sheets_part(text: &str) -> Option<Part> {
    const KEY: &str = "\n  scoresheets: [";
    let list = text.find(KEY)? + KEY.len() - 1;
    // The first sheet's indentation: the spaces between the line end after `[` and its `(`.
    let after = &text[list + 1..];
    let first_line = after.strip_prefix('\n')?;
    let indent = first_line.len() - first_line.trim_start_matches(' ').len();
    if !first_line[indent..].starts_with('(') {
        return None;
    }
    let mut marker = String::with_capacity(indent + 3);
    marker.push_str(",\n");
    marker.extend(std::iter::repeat_n(' ', indent));
    marker.push('(');
    let from = (text.len() / 32 * 17).max(list + 1);
    let at = text.get(from..)?.find(&marker)? + from;
    Some(Part {
        list,
        tail: at + marker.len() - 1,
    })
}

/// The sheets from `tail` to the end of their list, and where the list's `]` is.
fn sheets_from(text: &str, tail: usize) -> Option<(Vec<crate::model::Scoresheet>, usize)> {
    let mut reader = Reader {
        src: text.as_bytes(),
        text,
        pos: tail,
        hole: None,
    };
    let mut sheets = Vec::new();
    // As `Elements` reads a list: an element, a comma or the end, and again unless the end is next.
    loop {
        sheets.push(crate::model::Scoresheet::deserialize(&mut reader).ok()?);
        reader.separator(b']').ok()?;
        if reader.peek().ok()? == b']' {
            return Some((sheets, reader.pos));
        }
    }
}

/// The sheets the second thread reads, for the first to take when it reaches them.
struct Hole {
    part: Part,
    receiver: std::sync::mpsc::Receiver<Option<(Vec<crate::model::Scoresheet>, usize)>>,
    /// Taken: the second thread's sheets.
    sheets: Option<Vec<crate::model::Scoresheet>>,
}

/// Why the fast path gave up; never shown (the `ron` crate says what is wrong).
#[derive(Debug)]
pub struct GiveUp;

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not in the subset the fast reader takes")
    }
}

impl std::error::Error for GiveUp {}

impl de::Error for GiveUp {
    fn custom<T: fmt::Display>(_: T) -> Self {
        GiveUp
    }
}

type Result<T> = std::result::Result<T, GiveUp>;

struct Reader<'de> {
    src: &'de [u8],
    text: &'de str,
    pos: usize,
    /// Sheets another thread reads ([`session_from_str`]).
    hole: Option<Hole>,
}

/// A number as written: its text, and whether it has a fraction.
struct Number<'de> {
    text: &'de str,
    fraction: bool,
}

impl<'de> Reader<'de> {
    /// Skips spaces and line ends; a comment gives up.
    fn ws(&mut self) -> Result<()> {
        while let Some(&c) = self.src.get(self.pos) {
            match c {
                b' ' | b'\n' | b'\r' | b'\t' => self.pos += 1,
                b'/' => return Err(GiveUp),
                _ => break,
            }
        }
        Ok(())
    }

    fn peek(&mut self) -> Result<u8> {
        self.ws()?;
        self.src.get(self.pos).copied().ok_or(GiveUp)
    }

    fn eat(&mut self, byte: u8) -> Result<()> {
        if self.peek()? == byte {
            self.pos += 1;
            Ok(())
        } else {
            Err(GiveUp)
        }
    }

    /// Whether the next character is `byte` (taken if so).
    fn take(&mut self, byte: u8) -> Result<bool> {
        let here = self.peek()? == byte;
        if here {
            self.pos += 1;
        }
        Ok(here)
    }

    /// An ASCII identifier; `r#…` and non-ASCII names give up.
    fn ident(&mut self) -> Result<&'de str> {
        self.ws()?;
        let start = self.pos;
        match self.src.get(start) {
            Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {}
            _ => return Err(GiveUp),
        }
        let mut end = start + 1;
        while let Some(&c) = self.src.get(end) {
            if c.is_ascii_alphanumeric() || c == b'_' {
                end += 1;
            } else if c == b'#' || c >= 0x80 {
                return Err(GiveUp);
            } else {
                break;
            }
        }
        self.pos = end;
        Ok(&self.text[start..end])
    }

    /// Whether the identifier `word` comes next, whole (taken if so).
    fn keyword(&mut self, word: &str) -> Result<bool> {
        self.ws()?;
        let end = self.pos + word.len();
        let whole = self.src.get(self.pos..end) == Some(word.as_bytes())
            && !self
                .src
                .get(end)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c >= 0x80);
        if whole {
            self.pos = end;
        }
        Ok(whole)
    }

    /// A string in double quotes, borrowed when it has no escape.
    fn string(&mut self) -> Result<Cow<'de, str>> {
        self.eat(b'"')?;
        let start = self.pos;
        let rest = &self.src[start..];
        let stop = rest.iter().position(|&c| c == b'"' || c == b'\\').ok_or(GiveUp)?;
        if rest[stop] == b'"' {
            self.pos = start + stop + 1;
            return Ok(Cow::Borrowed(&self.text[start..start + stop]));
        }
        let mut out = String::with_capacity(stop + 16);
        let mut from = start;
        let mut i = start + stop;
        loop {
            match self.src.get(i) {
                None => return Err(GiveUp),
                Some(b'"') => {
                    out.push_str(&self.text[from..i]);
                    self.pos = i + 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    out.push_str(&self.text[from..i]);
                    let (c, len) = self.escape(i)?;
                    out.push(c);
                    i += len;
                    from = i;
                }
                Some(_) => i += 1,
            }
        }
    }

    /// The escape at `at` (its backslash): the character and the escape's length in bytes.
    fn escape(&self, at: usize) -> Result<(char, usize)> {
        let simple = |c| Ok((c, 2));
        match self.src.get(at + 1) {
            Some(b'\\') => simple('\\'),
            Some(b'"') => simple('"'),
            Some(b'\'') => simple('\''),
            Some(b'n') => simple('\n'),
            Some(b'r') => simple('\r'),
            Some(b't') => simple('\t'),
            Some(b'0') => simple('\0'),
            Some(b'u') if self.src.get(at + 2) == Some(&b'{') => {
                let digits = at + 3;
                let close = self.src[digits..]
                    .iter()
                    .take(7)
                    .position(|&c| c == b'}')
                    .ok_or(GiveUp)?;
                let hex = &self.text[digits..digits + close];
                if hex.is_empty() || !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
                    return Err(GiveUp);
                }
                let code = u32::from_str_radix(hex, 16).map_err(|_| GiveUp)?;
                let c = char::from_u32(code).ok_or(GiveUp)?;
                Ok((c, 3 + close + 1))
            }
            _ => Err(GiveUp),
        }
    }

    /// A decimal number: `-`, digits, and optionally `.` and digits. Other forms (`+`, `_`, hex,
    /// exponents, suffixes, `.5`, `5.`) and fractions of more than 4 places (after trailing zeros)
    /// give up.
    fn number(&mut self) -> Result<Number<'de>> {
        self.ws()?;
        let start = self.pos;
        let mut i = start;
        if self.src.get(i) == Some(&b'-') {
            i += 1;
        }
        let digits = |from: usize| {
            self.src[from..]
                .iter()
                .position(|c| !c.is_ascii_digit())
                .unwrap_or(self.src.len() - from)
        };
        let whole = digits(i);
        if whole == 0 {
            return Err(GiveUp);
        }
        i += whole;
        let mut fraction = false;
        if self.src.get(i) == Some(&b'.') {
            let places = digits(i + 1);
            if places == 0 {
                return Err(GiveUp);
            }
            let kept = self.src[i + 1..i + 1 + places]
                .iter()
                .rposition(|&c| c != b'0')
                .map_or(0, |p| p + 1);
            if kept > crate::model::Points::MAX_DECIMALS as usize {
                return Err(GiveUp);
            }
            fraction = true;
            i += 1 + places;
        }
        if self
            .src
            .get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'#') || *c >= 0x80)
        {
            return Err(GiveUp);
        }
        self.pos = i;
        Ok(Number {
            text: &self.text[start..i],
            fraction,
        })
    }

    fn integer<T: std::str::FromStr>(&mut self) -> Result<T> {
        let n = self.number()?;
        if n.fraction {
            return Err(GiveUp);
        }
        n.text.parse().map_err(|_| GiveUp)
    }

    /// Skips one value of any shape (a field this version does not know).
    fn skip(&mut self) -> Result<()> {
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'(' | b'[' | b'{' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'(' | b'[' | b'{' => {
                            depth += 1;
                            self.pos += 1;
                        }
                        b')' | b']' | b'}' => {
                            depth -= 1;
                            self.pos += 1;
                            if depth == 0 {
                                return Ok(());
                            }
                        }
                        b'"' => self.string().map(drop)?,
                        b'\'' => return Err(GiveUp),
                        c if c == b'-' || c.is_ascii_digit() => self.number().map(drop)?,
                        c if c.is_ascii_alphabetic() || c == b'_' => self.ident().map(drop)?,
                        b',' | b':' => self.pos += 1,
                        _ => return Err(GiveUp),
                    }
                }
            }
            c if c == b'-' || c.is_ascii_digit() => self.number().map(drop),
            _ => {
                self.ident()?;
                if self.peek()? == b'(' {
                    self.skip()?;
                }
                Ok(())
            }
        }
    }

    /// After an element: a comma, or the closing `close` next.
    fn separator(&mut self, close: u8) -> Result<()> {
        match self.peek()? {
            b',' => {
                self.pos += 1;
                Ok(())
            }
            c if c == close => Ok(()),
            _ => Err(GiveUp),
        }
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = GiveUp;

    /// Only what giamkhao's own types ask for this way (points): numbers, strings, `None`/`Some`,
    /// booleans, lists and maps. A bare `(…)` or a variant gives up: `ron` reads those by rules of
    /// its own.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek()? {
            b'"' => self.deserialize_str(visitor),
            b'[' => self.deserialize_seq(visitor),
            b'{' => self.deserialize_map(visitor),
            c if c == b'-' || c.is_ascii_digit() => {
                let n = self.number()?;
                if n.fraction {
                    visitor.visit_f64(n.text.parse().map_err(|_| GiveUp)?)
                } else if n.text.starts_with('-') {
                    visitor.visit_i64(n.text.parse().map_err(|_| GiveUp)?)
                } else {
                    visitor.visit_u64(n.text.parse().map_err(|_| GiveUp)?)
                }
            }
            _ if self.keyword("true")? => visitor.visit_bool(true),
            _ if self.keyword("false")? => visitor.visit_bool(false),
            b'N' | b'S' => self.deserialize_option(visitor),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.keyword("true")? {
            visitor.visit_bool(true)
        } else if self.keyword("false")? {
            visitor.visit_bool(false)
        } else {
            Err(GiveUp)
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i8(self.integer()?)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i16(self.integer()?)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i32(self.integer()?)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i64(self.integer()?)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u8(self.integer()?)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u16(self.integer()?)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u32(self.integer()?)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(self.integer()?)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.number()?;
        visitor.visit_f64(n.text.parse().map_err(|_| GiveUp)?)
    }

    fn deserialize_char<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.string()? {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.keyword("None")? {
            visitor.visit_none()
        } else if self.keyword("Some")? {
            self.eat(b'(')?;
            let value = visitor.visit_some(&mut *self)?;
            self.take(b',')?;
            self.eat(b')')?;
            Ok(value)
        } else {
            Err(GiveUp)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.eat(b'(')?;
        self.eat(b')')?;
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.ws()?;
        let open = self.pos;
        self.eat(b'[')?;
        let value = visitor.visit_seq(Elements {
            reader: &mut *self,
            close: b']',
            open,
        })?;
        self.eat(b']')?;
        Ok(value)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.ws()?;
        let open = self.pos;
        self.eat(b'(')?;
        let value = visitor.visit_seq(Elements {
            reader: &mut *self,
            close: b')',
            open,
        })?;
        self.eat(b')')?;
        Ok(value)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_tuple(len, visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.eat(b'{')?;
        let value = visitor.visit_map(Entries {
            reader: &mut *self,
            close: b'}',
        })?;
        self.eat(b'}')?;
        Ok(value)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.eat(b'(')?;
        let value = visitor.visit_map(Entries {
            reader: &mut *self,
            close: b')',
        })?;
        self.eat(b')')?;
        Ok(value)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(Variant { reader: self })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.ident()?)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip()?;
        visitor.visit_unit()
    }
}

/// The elements of a list or tuple.
struct Elements<'a, 'de> {
    reader: &'a mut Reader<'de>,
    close: u8,
    /// Where the list opens (its `[` or `(`).
    open: usize,
}

impl<'de> SeqAccess<'de> for Elements<'_, 'de> {
    type Error = GiveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.reader.peek()? == self.close {
            return Ok(None);
        }
        // The sheets another thread read start here: take them, and go on at the list's end. Only
        // the list of scoresheets opens at `part.list` (no other field of a session is named so),
        // and the byte at `part.tail` starts one of its elements, so they are the sheets this
        // thread would have read.
        let pos = self.reader.pos;
        if let Some(hole) = &mut self.reader.hole
            && hole.sheets.is_none()
            && hole.part.list == self.open
            && hole.part.tail == pos
        {
            let (sheets, end) = hole.receiver.recv().ok().flatten().ok_or(GiveUp)?;
            hole.sheets = Some(sheets);
            self.reader.pos = end;
            return Ok(None);
        }
        let value = seed.deserialize(&mut *self.reader)?;
        self.reader.separator(self.close)?;
        Ok(Some(value))
    }
}

/// The entries of a map (`{key: value}`) or the fields of a struct (`(name: value)`).
struct Entries<'a, 'de> {
    reader: &'a mut Reader<'de>,
    close: u8,
}

impl<'de> MapAccess<'de> for Entries<'_, 'de> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.reader.peek()? == self.close {
            return Ok(None);
        }
        let key = seed.deserialize(&mut *self.reader)?;
        self.reader.eat(b':')?;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let value = seed.deserialize(&mut *self.reader)?;
        self.reader.separator(self.close)?;
        Ok(value)
    }
}

/// An enum value: the variant's name, then its content in parentheses unless it is a unit variant.
struct Variant<'a, 'de> {
    reader: &'a mut Reader<'de>,
}

impl<'de> EnumAccess<'de> for Variant<'_, 'de> {
    type Error = GiveUp;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let name = self.reader.ident()?;
        let value = seed.deserialize(de::value::BorrowedStrDeserializer::<GiveUp>::new(name))?;
        Ok((value, self))
    }
}

impl<'de> VariantAccess<'de> for Variant<'_, 'de> {
    type Error = GiveUp;

    fn unit_variant(self) -> Result<()> {
        // `Variant()` and `Variant(…)` for a unit variant are left to `ron`.
        match self.reader.src.get(self.reader.pos) {
            Some(b'(') => Err(GiveUp),
            _ => Ok(()),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        // Straight after the name, as `ron` writes it.
        if self.reader.src.get(self.reader.pos) != Some(&b'(') {
            return Err(GiveUp);
        }
        self.reader.pos += 1;
        let value = seed.deserialize(&mut *self.reader)?;
        self.reader.take(b',')?;
        self.reader.eat(b')')?;
        Ok(value)
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value> {
        if self.reader.src.get(self.reader.pos) != Some(&b'(') {
            return Err(GiveUp);
        }
        de::Deserializer::deserialize_tuple(self.reader, len, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        if self.reader.src.get(self.reader.pos) != Some(&b'(') {
            return Err(GiveUp);
        }
        de::Deserializer::deserialize_struct(self.reader, "", fields, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{GenerateOptions, generate};
    use crate::model::Session;
    use crate::store::files::{Format, to_text};

    fn session_text(submissions: usize, judges: usize) -> String {
        let session = generate(GenerateOptions {
            submissions,
            judges,
            per_submission: 3.min(judges),
            criteria: 3,
            seed: 7,
        });
        to_text(&session, Format::Ron).expect("written")
    }

    /// Where every element of the list of scoresheets starts, found by reading the text whole.
    fn sheet_starts(text: &str) -> Vec<usize> {
        let session: Session = from_str(text).expect("read");
        let list = text.find("\n  scoresheets: [").expect("list") + 17;
        let mut starts = Vec::new();
        let mut at = list + 1;
        for _ in &session.scoresheets {
            let start = at + text[at..].find('(').expect("a sheet");
            starts.push(start);
            let mut reader = Reader {
                src: text.as_bytes(),
                text,
                pos: start,
                hole: None,
            };
            crate::model::Scoresheet::deserialize(&mut reader).expect("a sheet");
            at = reader.pos;
        }
        starts
    }

    #[test]
    fn the_second_thread_starts_at_a_sheet_near_the_middle() {
        let text = session_text(60, 9);
        let part = sheets_part(&text).expect("found");
        assert_eq!(&text[part.list - 16..=part.list], "\n  scoresheets: [");
        assert!(sheet_starts(&text).contains(&part.tail), "{part:?}");
        assert!(part.tail >= text.len() / 2, "{} of {}", part.tail, text.len());
        let whole = from_str::<Session>(&text).expect("read");
        assert_eq!(session_from_str(&text, 0).as_ref(), Some(&whole));
        // Under the threshold, or on one core, one thread reads it all: the same session.
        assert_eq!(session_from_str(&text, usize::MAX).as_ref(), Some(&whole));
    }

    #[test]
    fn wherever_the_second_thread_starts_the_session_is_the_one_read_whole() {
        let mut text = session_text(12, 5);
        // A hand-edited comment holding what looks like the start of a sheet, line end and all.
        let fake = "comment: \"x,\n    (\n      contest_id: \\\"y\\\",\"";
        let at = text.rfind("comment: \"\"").expect("a comment");
        text.replace_range(at..at + 11, fake);
        let whole = from_str::<Session>(&text).expect("read");
        assert!(
            whole
                .scoresheets
                .iter()
                .any(|s| s.entries.iter().any(|e| e.comment.contains("contest_id")))
        );
        let list = text.find("\n  scoresheets: [").expect("list") + 17;
        let starts = sheet_starts(&text);
        assert!(starts.len() > 2);
        let mut taken = 0;
        for tail in list + 1..text.len() {
            let parted = from_parts(&text, Part { list, tail });
            assert!(parted.as_ref() == Some(&whole), "second thread from byte {tail}");
            taken += usize::from(starts.contains(&tail));
        }
        assert_eq!(taken, starts.len());
        // The list's `[` elsewhere (not the session's list): never taken, the same session.
        for list in [0, list - 1, list + 1] {
            for &tail in &starts {
                let parted = from_parts(&text, Part { list, tail });
                assert!(parted.as_ref() == Some(&whole), "list at {list}, tail at {tail}");
            }
        }
    }

    #[test]
    fn a_bad_sheet_after_the_split_gives_up_as_a_whole_reading_does() {
        let text = session_text(60, 9);
        let part = sheets_part(&text).expect("found");
        let mut bad = text.clone();
        let at = part.tail + text[part.tail..].find("revision: ").expect("an entry");
        bad.replace_range(at..at + 10, "revision: x");
        assert!(from_str::<Session>(&bad).is_none());
        assert!(from_parts(&bad, part).is_none());
        assert!(session_from_str(&bad, 0).is_none());
    }
}
