//! Bounded, typed CBOR decoding (RFC 8949) shared by the App Attest parsers.
//!
//! Every object is decoded with `ciborium` straight into a typed struct; nothing is read from a
//! generic value tree. The limits are enforced while decoding:
//!
//! - size: the caller's bytes are refused above [`MAX_CBOR_BYTES`] before decoding starts;
//! - depth: `ciborium` counts nesting and stops at [`MAX_CBOR_DEPTH`], also inside values that
//!   are skipped (unknown keys), so hostile nesting never reaches the stack limit;
//! - entries: each map and array visitor counts entries against [`MAX_CBOR_ITEMS`].
//!
//! Schema problems (a missing, unknown or repeated key, too many entries) cannot travel through
//! `ciborium`'s error type without being flattened to text, so the visitors never fail on them:
//! they record the first [`Problem`] in the decoded value, keep consuming the input so that the
//! stream stays in step, and the typed conversion afterwards turns it into an exact [`Error`].

use core::fmt;

use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::error::Error;
use crate::limits::{MAX_CBOR_BYTES, MAX_CBOR_DEPTH, MAX_CBOR_ITEMS};

/// A schema problem found while decoding a map, reported after decoding ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// A key the schema does not define.
    Unknown,
    /// A key seen twice.
    Duplicate(&'static str),
    /// More than [`MAX_CBOR_ITEMS`] entries.
    TooManyItems,
}

impl Problem {
    pub(crate) fn into_error(self, object: &'static str) -> Error {
        match self {
            Self::Unknown => Error::CborUnknownField { object },
            Self::Duplicate(field) => Error::CborDuplicateField { object, field },
            Self::TooManyItems => Error::CborTooManyItems {
                object,
                limit: MAX_CBOR_ITEMS,
            },
        }
    }
}

/// A raw decoded object that still has to be checked against its schema.
pub(crate) trait Schema: DeserializeOwned {
    /// The typed value.
    type Output;
    /// Checks the recorded problems and required fields.
    fn finish(self) -> Result<Self::Output, Error>;
}

/// Maps a `ciborium` failure to the crate error for `object`.
fn cbor_error(err: ciborium::de::Error<std::io::Error>, object: &'static str) -> Error {
    match err {
        ciborium::de::Error::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Error::CborTruncated { object }
        }
        ciborium::de::Error::RecursionLimitExceeded => Error::CborTooDeep {
            object,
            limit: MAX_CBOR_DEPTH,
        },
        _ => Error::CborMalformed { object },
    }
}

/// Decodes one CBOR item from the front of `input`, advancing it past the item.
pub(crate) fn decode_prefix<S: Schema>(
    input: &mut &[u8],
    object: &'static str,
) -> Result<S::Output, Error> {
    if input.len() > MAX_CBOR_BYTES {
        return Err(Error::InputTooLarge {
            what: "CBOR object",
            len: input.len(),
            limit: MAX_CBOR_BYTES,
        });
    }
    let raw: S = ciborium::de::from_reader_with_recursion_limit(&mut *input, MAX_CBOR_DEPTH)
        .map_err(|e| cbor_error(e, object))?;
    raw.finish()
}

/// Decodes `bytes` as exactly one CBOR item.
pub(crate) fn decode_exact<S: Schema>(
    bytes: &[u8],
    object: &'static str,
) -> Result<S::Output, Error> {
    let mut rest = bytes;
    let value = decode_prefix::<S>(&mut rest, object)?;
    if !rest.is_empty() {
        return Err(Error::CborTrailingData { object });
    }
    Ok(value)
}

/// Bookkeeping for one map being visited: entry count and the first problem.
#[derive(Debug, Default)]
pub(crate) struct MapState {
    count: usize,
    pub(crate) problem: Option<Problem>,
}

impl MapState {
    /// Counts one entry; false (and the problem recorded) once the limit is passed, in which
    /// case the caller skips the entry's value.
    pub(crate) fn admit(&mut self) -> bool {
        self.count = self.count.saturating_add(1);
        if self.count > MAX_CBOR_ITEMS {
            // The limit outranks any schema problem found among the admitted entries.
            self.problem = Some(Problem::TooManyItems);
            return false;
        }
        true
    }

    /// Records `problem` unless an earlier one is already recorded.
    pub(crate) fn record(&mut self, problem: Problem) {
        if self.problem.is_none() {
            self.problem = Some(problem);
        }
    }

    /// Reads the value of `field` into `slot`, or records a duplicate and skips it.
    pub(crate) fn take<'de, A, T>(
        &mut self,
        map: &mut A,
        slot: &mut Option<T>,
        field: &'static str,
    ) -> Result<(), A::Error>
    where
        A: MapAccess<'de>,
        T: Deserialize<'de>,
    {
        if slot.is_some() {
            self.record(Problem::Duplicate(field));
            map.next_value::<IgnoredAny>()?;
        } else {
            *slot = Some(map.next_value()?);
        }
        Ok(())
    }

    /// Skips the value of a key the schema does not define.
    pub(crate) fn skip_unknown<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
    ) -> Result<(), A::Error> {
        self.record(Problem::Unknown);
        map.next_value::<IgnoredAny>()?;
        Ok(())
    }
}

/// A CBOR map schema whose defined keys fill typed slots; [`deserialize_fields`] drives it.
pub(crate) trait MapFields: Default {
    /// What the map is, for `ciborium`'s messages.
    const EXPECTING: &'static str;
    /// Whether keys the schema does not define are skipped (true) or refused (false).
    const SKIP_UNDEFINED: bool = false;

    /// Reads the value of `key` into its slot and returns true when the schema defines `key`;
    /// returns false, reading nothing, when it does not.
    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &Key,
        map: &mut A,
        state: &mut MapState,
    ) -> Result<bool, A::Error>;

    /// Keeps the first problem found, for [`Schema::finish`].
    fn set_problem(&mut self, problem: Option<Problem>);
}

/// Deserialises a map into `T`: counts entries against [`MAX_CBOR_ITEMS`], lets `T` read its
/// defined keys, and records (or skips) the rest, consuming every value so the stream stays in
/// step.
pub(crate) fn deserialize_fields<'de, D: Deserializer<'de>, T: MapFields>(
    deserializer: D,
) -> Result<T, D::Error> {
    struct FieldsVisitor<T>(core::marker::PhantomData<T>);
    impl<'de, T: MapFields> Visitor<'de> for FieldsVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(T::EXPECTING)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut raw = T::default();
            let mut state = MapState::default();
            while let Some(key) = map.next_key::<Key>()? {
                if !state.admit() {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
                if raw.read_field(&key, &mut map, &mut state)? {
                    continue;
                }
                if T::SKIP_UNDEFINED {
                    map.next_value::<IgnoredAny>()?;
                } else {
                    state.skip_unknown(&mut map)?;
                }
            }
            raw.set_problem(state.problem);
            Ok(raw)
        }
    }
    deserializer.deserialize_map(FieldsVisitor(core::marker::PhantomData))
}

/// A map key: text (App Attest objects, extensions), an integer (COSE labels), or anything else.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Key {
    Text(String),
    Int(i64),
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a text or integer map key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(Key::Text(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key, E> {
                Ok(Key::Text(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Key, E> {
                Ok(Key::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Key, E> {
                Ok(i64::try_from(v).map(Key::Int).unwrap_or(Key::Other))
            }
            fn visit_i128<E: de::Error>(self, _: i128) -> Result<Key, E> {
                Ok(Key::Other)
            }
            fn visit_u128<E: de::Error>(self, _: u128) -> Result<Key, E> {
                Ok(Key::Other)
            }
            fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Key, E> {
                Ok(Key::Other)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Key, E> {
                Ok(Key::Other)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Key, E> {
                Ok(Key::Other)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Key, E> {
                Ok(Key::Other)
            }
            fn visit_none<E: de::Error>(self) -> Result<Key, E> {
                Ok(Key::Other)
            }
        }
        deserializer.deserialize_any(KeyVisitor)
    }
}

/// A CBOR byte string (major type 2), definite or indefinite length; nothing else.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Bytes(pub(crate) Vec<u8>);

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BytesVisitor;
        impl Visitor<'_> for BytesVisitor {
            type Value = Bytes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a byte string")
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(v.to_vec()))
            }
            fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Bytes, E> {
                Ok(Bytes(v))
            }
        }
        deserializer.deserialize_byte_buf(BytesVisitor)
    }
}

/// An array of byte strings with at most [`MAX_CBOR_ITEMS`] members (`too_many` otherwise).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct BytesList {
    pub(crate) items: Vec<Vec<u8>>,
    pub(crate) too_many: bool,
}

impl<'de> Deserialize<'de> for BytesList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor;
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = BytesList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of byte strings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<BytesList, A::Error> {
                let mut list = BytesList::default();
                loop {
                    if list.items.len() >= MAX_CBOR_ITEMS {
                        // Drain the rest so the stream stays in step; the input size bounds it.
                        if seq.next_element::<IgnoredAny>()?.is_none() {
                            break;
                        }
                        list.too_many = true;
                        continue;
                    }
                    match seq.next_element::<Bytes>()? {
                        Some(Bytes(item)) => list.items.push(item),
                        None => break,
                    }
                }
                Ok(list)
            }
        }
        deserializer.deserialize_seq(ListVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default)]
    struct OneField(Option<Bytes>, Option<Problem>);

    impl MapFields for OneField {
        const EXPECTING: &'static str = "a map";
        fn read_field<'de, A: MapAccess<'de>>(
            &mut self,
            key: &Key,
            map: &mut A,
            state: &mut MapState,
        ) -> Result<bool, A::Error> {
            match key {
                Key::Text(t) if t == "a" => state.take(map, &mut self.0, "a")?,
                _ => return Ok(false),
            }
            Ok(true)
        }
        fn set_problem(&mut self, problem: Option<Problem>) {
            self.1 = problem;
        }
    }

    impl<'de> Deserialize<'de> for OneField {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_fields(deserializer)
        }
    }

    impl Schema for OneField {
        type Output = Vec<u8>;
        fn finish(self) -> Result<Vec<u8>, Error> {
            if let Some(p) = self.1 {
                return Err(p.into_error("test"));
            }
            self.0.map(|Bytes(b)| b).ok_or(Error::CborMissingField {
                object: "test",
                field: "a",
            })
        }
    }

    fn decode(bytes: &[u8]) -> Result<Vec<u8>, Error> {
        decode_exact::<OneField>(bytes, "test")
    }

    #[test]
    fn typed_map_decodes() {
        // {"a": h'0102'}
        assert_eq!(decode(&[0xa1, 0x61, b'a', 0x42, 1, 2]).unwrap(), [1, 2]);
        // Indefinite-length map and byte string.
        let indefinite = [0xbf, 0x61, b'a', 0x5f, 0x41, 1, 0x41, 2, 0xff, 0xff];
        assert_eq!(decode(&indefinite).unwrap(), [1, 2]);
    }

    #[test]
    fn schema_problems_are_exact() {
        let object = "test";
        assert_eq!(
            decode(&[0xa0]),
            Err(Error::CborMissingField { object, field: "a" })
        );
        assert_eq!(
            decode(&[0xa2, 0x61, b'a', 0x40, 0x61, b'b', 0x40]),
            Err(Error::CborUnknownField { object })
        );
        assert_eq!(
            decode(&[0xa2, 0x61, b'a', 0x40, 0x61, b'a', 0x40]),
            Err(Error::CborDuplicateField { object, field: "a" })
        );
        assert_eq!(
            decode(&[0xa1, 0x61, b'a', 0x42, 1]),
            Err(Error::CborTruncated { object })
        );
        assert_eq!(
            decode(&[0xa1, 0x61, b'a', 0x40, 0x00]),
            Err(Error::CborTrailingData { object })
        );
        assert_eq!(
            decode(&[0xa1, 0x61, b'a', 0x61, b'x']),
            Err(Error::CborMalformed { object })
        );
    }

    #[test]
    fn limits_are_enforced() {
        let object = "test";
        // {"b": [[[[...]]]]}, nested past the depth limit inside a skipped value.
        let mut deep = vec![0xa1, 0x61, b'b'];
        deep.extend(std::iter::repeat_n(0x81, MAX_CBOR_DEPTH + 1));
        deep.push(0x00);
        assert_eq!(
            decode(&deep),
            Err(Error::CborTooDeep {
                object,
                limit: MAX_CBOR_DEPTH
            })
        );
        // An indefinite map with one more entry than allowed, all integer keys.
        let mut many = vec![0xbf];
        for i in 0..=MAX_CBOR_ITEMS {
            many.extend([0x18, u8::try_from(i).unwrap(), 0x00]);
        }
        many.push(0xff);
        assert_eq!(
            decode(&many),
            Err(Error::CborTooManyItems {
                object,
                limit: MAX_CBOR_ITEMS
            })
        );
        // Ten thousand nested tags inside a skipped value: bounded, no stack overflow.
        let mut tags = vec![0xa1, 0x61, b'b'];
        tags.extend(std::iter::repeat_n(0xc6, 10_000));
        tags.push(0x00);
        assert!(decode(&tags).is_err());
        let big = vec![0u8; MAX_CBOR_BYTES + 1];
        assert_eq!(
            decode(&big),
            Err(Error::InputTooLarge {
                what: "CBOR object",
                len: MAX_CBOR_BYTES + 1,
                limit: MAX_CBOR_BYTES
            })
        );
    }
}
