//! The bytes a value is fingerprinted from: its serialization in a compact form that is only
//! ever hashed, never read back, fed to the hash in blocks.
//!
//! Every value starts with a tag naming its kind, and strings and lists carry their length, so
//! two different values of one type never give the same bytes. A struct's fields are told apart
//! by their place: a field skipped when empty leaves a tag in it.

use std::fmt::Display;

use serde::ser::{self, Serialize};
use xxhash_rust::xxh3::Xxh3;

/// Bytes gathered before the hash is fed: the serializer writes a byte or a word at a time,
/// and a call to the hash per piece cost more than the hashing. Small, as it is zeroed for
/// each value fingerprinted, and the hash takes blocks of 256 bytes anyway.
const BLOCK: usize = 1024;

/// Pieces at least this long are hashed where they are.
const DIRECT: usize = 256;

mod tag {
    pub const FALSE: u8 = 0;
    pub const TRUE: u8 = 1;
    pub const SIGNED: u8 = 2;
    pub const UNSIGNED: u8 = 3;
    pub const SIGNED_128: u8 = 4;
    pub const UNSIGNED_128: u8 = 5;
    pub const F32: u8 = 6;
    pub const F64: u8 = 7;
    pub const CHAR: u8 = 8;
    pub const STR: u8 = 9;
    pub const BYTES: u8 = 10;
    pub const NONE: u8 = 11;
    pub const SOME: u8 = 12;
    pub const UNIT: u8 = 13;
    pub const VARIANT: u8 = 14;
    pub const SEQ: u8 = 15;
    pub const MAP: u8 = 16;
    pub const STRUCT: u8 = 17;
    /// A list or map whose length was not known in advance ([`OPEN`] … [`END`]).
    pub const OPEN: u8 = 18;
    pub const END: u8 = 19;
    /// A struct field left out (`skip_serializing_if`).
    pub const SKIPPED: u8 = 20;
}

/// Where the bytes go: the hash, or a test's list of them.
pub trait Sink {
    fn update(&mut self, bytes: &[u8]);
}

impl Sink for Xxh3 {
    fn update(&mut self, bytes: &[u8]) {
        Xxh3::update(self, bytes);
    }
}

#[cfg(test)]
impl Sink for Vec<u8> {
    fn update(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// Serializes values into `state`.
pub struct Encoder<'a, H: Sink = Xxh3> {
    state: &'a mut H,
    block: [u8; BLOCK],
    filled: usize,
    written: u64,
}

impl<'a, H: Sink> Encoder<'a, H> {
    pub fn new(state: &'a mut H) -> Self {
        Self {
            state,
            block: [0; BLOCK],
            filled: 0,
            written: 0,
        }
    }

    /// Feeds the hash what is still in the block, and tells how many bytes were written.
    pub fn finish(mut self) -> u64 {
        self.flush();
        self.written
    }

    fn flush(&mut self) {
        self.state.update(&self.block[..self.filled]);
        self.filled = 0;
    }

    #[inline]
    fn push(&mut self, bytes: &[u8]) {
        self.written += bytes.len() as u64;
        // A long text goes to the hash as it is: copying descriptions into the block was a
        // third of fingerprinting.
        if bytes.len() >= DIRECT {
            self.flush();
            self.state.update(bytes);
            return;
        }
        if self.filled + bytes.len() > BLOCK {
            self.flush();
        }
        self.block[self.filled..self.filled + bytes.len()].copy_from_slice(bytes);
        self.filled += bytes.len();
    }

    /// A tag and a fixed-size value: written in place, where `push` calls `memcpy`, which for
    /// a few bytes cost more than the hashing.
    #[inline]
    fn tagged<const N: usize>(&mut self, tag: u8, bytes: [u8; N]) {
        self.written += 1 + N as u64;
        if self.filled + 1 + N > BLOCK {
            self.flush();
        }
        self.block[self.filled] = tag;
        self.block[self.filled + 1..self.filled + 1 + N].copy_from_slice(&bytes);
        self.filled += 1 + N;
    }

    #[inline]
    fn tag(&mut self, tag: u8) {
        self.tagged(tag, []);
    }

    #[inline]
    fn length(&mut self, tag: u8, len: usize) {
        self.tagged(tag, (len as u64).to_le_bytes());
    }

    fn open(&mut self, tag: u8, len: Option<usize>) -> Compound<'_, 'a, H> {
        match len {
            Some(len) => self.length(tag, len),
            None => self.tagged(tag::OPEN, [tag]),
        }
        Compound {
            encoder: self,
            open: len.is_none(),
        }
    }

    fn variant(&mut self, index: u32) {
        self.tagged(tag::VARIANT, index.to_le_bytes());
    }
}

#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

type Result<T = ()> = std::result::Result<T, Error>;

impl<'b, 'a, H: Sink> ser::Serializer for &'b mut Encoder<'a, H> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'b, 'a, H>;
    type SerializeTuple = Compound<'b, 'a, H>;
    type SerializeTupleStruct = Compound<'b, 'a, H>;
    type SerializeTupleVariant = Compound<'b, 'a, H>;
    type SerializeMap = Compound<'b, 'a, H>;
    type SerializeStruct = Compound<'b, 'a, H>;
    type SerializeStructVariant = Compound<'b, 'a, H>;

    // Compact bytes, not text, as MessagePack's were: a type that serializes differently for
    // people (a date as text) takes its compact form here.
    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, v: bool) -> Result {
        self.tag(if v { tag::TRUE } else { tag::FALSE });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result {
        self.serialize_i64(v.into())
    }

    fn serialize_i16(self, v: i16) -> Result {
        self.serialize_i64(v.into())
    }

    fn serialize_i32(self, v: i32) -> Result {
        self.serialize_i64(v.into())
    }

    fn serialize_i64(self, v: i64) -> Result {
        self.tagged(tag::SIGNED, v.to_le_bytes());
        Ok(())
    }

    fn serialize_i128(self, v: i128) -> Result {
        self.tagged(tag::SIGNED_128, v.to_le_bytes());
        Ok(())
    }

    fn serialize_u8(self, v: u8) -> Result {
        self.serialize_u64(v.into())
    }

    fn serialize_u16(self, v: u16) -> Result {
        self.serialize_u64(v.into())
    }

    fn serialize_u32(self, v: u32) -> Result {
        self.serialize_u64(v.into())
    }

    fn serialize_u64(self, v: u64) -> Result {
        self.tagged(tag::UNSIGNED, v.to_le_bytes());
        Ok(())
    }

    fn serialize_u128(self, v: u128) -> Result {
        self.tagged(tag::UNSIGNED_128, v.to_le_bytes());
        Ok(())
    }

    fn serialize_f32(self, v: f32) -> Result {
        self.tagged(tag::F32, v.to_bits().to_le_bytes());
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> Result {
        self.tagged(tag::F64, v.to_bits().to_le_bytes());
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result {
        self.tagged(tag::CHAR, u32::from(v).to_le_bytes());
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result {
        self.length(tag::STR, v.len());
        self.push(v.as_bytes());
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result {
        self.length(tag::BYTES, v.len());
        self.push(v);
        Ok(())
    }

    fn serialize_none(self) -> Result {
        self.tag(tag::NONE);
        Ok(())
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        self.tag(tag::SOME);
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result {
        self.tag(tag::UNIT);
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }

    fn serialize_unit_variant(self, _name: &'static str, index: u32, _variant: &'static str) -> Result {
        self.variant(index);
        Ok(())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _name: &'static str, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        value: &T,
    ) -> Result {
        self.variant(index);
        value.serialize(self)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq> {
        Ok(self.open(tag::SEQ, len))
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple> {
        Ok(self.open(tag::SEQ, Some(len)))
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Self::SerializeTupleStruct> {
        Ok(self.open(tag::SEQ, Some(len)))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        self.variant(index);
        Ok(self.open(tag::SEQ, Some(len)))
    }

    /// Of unknown length when a struct flattens another into it: the entries are written as
    /// they come, and an end tag closes them (MessagePack, which writes the length first,
    /// serialized them into a buffer to count them).
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap> {
        Ok(self.open(tag::MAP, len))
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Self::SerializeStruct> {
        Ok(self.open(tag::STRUCT, Some(len)))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        self.variant(index);
        Ok(self.open(tag::STRUCT, Some(len)))
    }
}

/// A list, map or struct being serialized.
pub struct Compound<'b, 'a, H: Sink> {
    encoder: &'b mut Encoder<'a, H>,
    /// Whether its length was not given, and an end tag closes it.
    open: bool,
}

impl<H: Sink> Compound<'_, '_, H> {
    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        value.serialize(&mut *self.encoder)
    }

    fn skipped(&mut self) -> Result {
        self.encoder.tag(tag::SKIPPED);
        Ok(())
    }

    fn close(self) -> Result {
        if self.open {
            self.encoder.tag(tag::END);
        }
        Ok(())
    }
}

impl<H: Sink> ser::SerializeSeq for Compound<'_, '_, H> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.element(value)
    }

    fn end(self) -> Result {
        self.close()
    }
}

impl<H: Sink> ser::SerializeTuple for Compound<'_, '_, H> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.element(value)
    }

    fn end(self) -> Result {
        self.close()
    }
}

impl<H: Sink> ser::SerializeTupleStruct for Compound<'_, '_, H> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.element(value)
    }

    fn end(self) -> Result {
        self.close()
    }
}

impl<H: Sink> ser::SerializeTupleVariant for Compound<'_, '_, H> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.element(value)
    }

    fn end(self) -> Result {
        self.close()
    }
}

impl<H: Sink> ser::SerializeMap for Compound<'_, '_, H> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result {
        self.element(key)
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.element(value)
    }

    fn end(self) -> Result {
        self.close()
    }
}

impl<H: Sink> ser::SerializeStruct for Compound<'_, '_, H> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, _key: &'static str, value: &T) -> Result {
        self.element(value)
    }

    fn skip_field(&mut self, _key: &'static str) -> Result {
        self.skipped()
    }

    fn end(self) -> Result {
        self.close()
    }
}

impl<H: Sink> ser::SerializeStructVariant for Compound<'_, '_, H> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, _key: &'static str, value: &T) -> Result {
        self.element(value)
    }

    fn skip_field(&mut self, _key: &'static str) -> Result {
        self.skipped()
    }

    fn end(self) -> Result {
        self.close()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    fn encoded<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut encoder = Encoder::new(&mut bytes);
        value.serialize(&mut encoder).unwrap();
        assert_eq!(encoder.finish(), bytes.len() as u64);
        bytes
    }

    /// The hash is fed the encoded bytes whatever their sizes and the blocks' boundaries.
    #[test]
    fn the_hash_takes_the_bytes_whole_across_blocks() {
        for prefix in [
            0,
            1,
            100,
            DIRECT - 1,
            DIRECT,
            BLOCK - 20,
            BLOCK - 9,
            BLOCK,
            BLOCK + 1,
            3 * BLOCK + 5,
        ] {
            let value = ("p".repeat(prefix), vec![1.5, 2.0], "x".repeat(2 * BLOCK + 3), 7u8);
            let bytes = encoded(&value);
            let mut whole = Xxh3::new();
            whole.update(&bytes);
            let mut blocks = Xxh3::new();
            let mut encoder = Encoder::new(&mut blocks);
            value.serialize(&mut encoder).unwrap();
            assert_eq!(encoder.finish(), bytes.len() as u64);
            assert_eq!(blocks.digest128(), whole.digest128(), "prefix of {prefix}");
        }
    }

    #[test]
    fn different_values_give_different_bytes() {
        #[derive(Serialize)]
        struct Sparse {
            #[serde(skip_serializing_if = "Option::is_none")]
            a: Option<u32>,
            #[serde(skip_serializing_if = "Option::is_none")]
            b: Option<u32>,
        }
        #[derive(Serialize)]
        enum Kind {
            One(u8),
            Two(u8),
        }
        let pairs: [(Vec<u8>, Vec<u8>); 8] = [
            (encoded(&("ab", "c")), encoded(&("a", "bc"))),
            (
                encoded(&Sparse { a: Some(1), b: None }),
                encoded(&Sparse { a: None, b: Some(1) }),
            ),
            (encoded(&None::<Option<u8>>), encoded(&Some(None::<u8>))),
            (encoded(&1u64), encoded(&1i64)),
            (encoded(&1.0f64), encoded(&1u64)),
            (
                encoded(&vec![vec![1u8], vec![]]),
                encoded(&vec![vec![], vec![1u8]]),
            ),
            (
                encoded(&serde_json::json!({"a": "b"})),
                encoded(&serde_json::json!(["a", "b"])),
            ),
            (encoded(&Kind::One(1)), encoded(&Kind::Two(1))),
        ];
        for (one, two) in pairs {
            assert_ne!(one, two);
        }
        assert_eq!(encoded(&("ab", 1.5)), encoded(&("ab", 1.5)));
    }

    /// A flattened struct is serialized as a map of unknown length, closed by its end tag, its
    /// fields named.
    #[test]
    fn a_map_of_unknown_length_is_closed() {
        #[derive(Serialize)]
        struct Inner {
            name: &'static str,
        }
        #[derive(Serialize)]
        struct Outer {
            #[serde(flatten)]
            inner: Inner,
        }
        let bytes = encoded(&Outer {
            inner: Inner { name: "a" },
        });
        assert_eq!(bytes[..2], [tag::OPEN, tag::MAP]);
        assert_eq!(bytes.last(), Some(&tag::END));
        assert_ne!(
            bytes,
            encoded(&Outer {
                inner: Inner { name: "b" }
            })
        );
    }
}
