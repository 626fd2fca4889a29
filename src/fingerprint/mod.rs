//! Content fingerprints: 128-bit XXH3 hashes of bytes, written as 32 hex digits. They decide
//! what an incremental build may reuse, so they are computed over exact bytes and never over
//! anything that varies between runs (times, addresses, hash-map order).

use std::cell::Cell;
use std::io;
use std::path::Path;

use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

use crate::fs;
use encoder::Encoder;

mod encoder;

thread_local! {
    static HASHING: Cell<bool> = const { Cell::new(false) };
}

/// Whether the value being serialized on this thread is being fingerprinted rather than
/// turned into page values. A value that is costly to derive from its inputs (sanitized HTML)
/// serializes its inputs instead: the same inputs give the same value, and pages that are
/// reused never pay for deriving it.
pub fn hashing() -> bool {
    HASHING.get()
}

/// A value shown in many pages, whose fingerprint is computed once: see [`serialize_once`].
/// A clone starts without one, as it may then be changed.
#[derive(Debug, Default)]
pub struct Once(std::sync::OnceLock<Digest>);

impl Clone for Once {
    fn clone(&self) -> Self {
        Once::default()
    }
}

impl Once {
    #[cfg(test)]
    pub fn is_set(&self) -> bool {
        self.0.get().is_some()
    }
}

/// A value's serialization for pages, which [`serialize_once`] takes when not fingerprinting.
pub trait Values {
    fn serialize_values<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
}

/// Serializes `value` as its values for pages, and as its fingerprint, computed once into
/// `once`, for a page's fingerprint: a card or a point of interest is in many pages (its own,
/// lists, the pages of what is near it), and serializing its values for each was a tenth of
/// fingerprinting them.
pub fn serialize_once<T: Values, S: serde::Serializer>(
    value: &T,
    once: &Once,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    struct ValuesOf<'a, T>(&'a T);
    impl<T: Values> Serialize for ValuesOf<'_, T> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.0.serialize_values(serializer)
        }
    }
    if !hashing() {
        return value.serialize_values(serializer);
    }
    let digest = once
        .0
        .get_or_init(|| Fingerprint::new().value(&ValuesOf(value)).finish());
    // A struct, not a string: views flatten their card.
    let mut fingerprinted = serializer.serialize_struct("Fingerprinted", 1)?;
    fingerprinted.serialize_field("fingerprint", digest)?;
    fingerprinted.end()
}

/// A fingerprint as stored in a build record.
pub type Digest = String;

pub fn of_bytes(bytes: &[u8]) -> Digest {
    hex(xxhash_rust::xxh3::xxh3_128(bytes))
}

fn hex(value: u128) -> Digest {
    format!("{value:032x}")
}

/// Accumulates several inputs into one fingerprint. Every piece is length-prefixed, so
/// `("ab", "c")` and `("a", "bc")` differ.
#[derive(Default, Clone)]
pub struct Fingerprint {
    state: Xxh3,
}

impl Fingerprint {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.state.update(&(bytes.len() as u64).to_le_bytes());
        self.state.update(bytes);
        self
    }

    /// Everything `reader` yields, streamed: a snapshot's files are hundreds of megabytes.
    pub fn reader(&mut self, mut reader: impl std::io::Read) -> std::io::Result<&mut Self> {
        let mut buffer = vec![0; 1 << 20];
        let mut total = 0u64;
        loop {
            match reader.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => {
                    self.state.update(&buffer[..n]);
                    total += n as u64;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        // The length last, as `bytes` puts it first: two files cannot run into each other.
        self.state.update(&total.to_le_bytes());
        Ok(self)
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        self.bytes(text.as_bytes())
    }

    /// A value's serialization, streamed into the hash without building it ([`encoder`]): not
    /// JSON, as escaping strings and formatting floats were most of the time an incremental
    /// rebuild spent fingerprinting pages.
    pub fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> &mut Self {
        let mut encoder = Encoder::new(&mut self.state);
        let outer = HASHING.replace(true);
        let encoded = value.serialize(&mut encoder);
        HASHING.set(outer);
        if let Err(error) = encoded {
            panic!("page values serialize: {error}");
        }
        let written = encoder.finish();
        self.state.update(&written.to_le_bytes());
        self
    }

    /// Every file under `dir` (relative path and bytes), in sorted order; an absent directory
    /// hashes as empty.
    pub fn directory(&mut self, dir: &Path) -> io::Result<&mut Self> {
        for relative in fs::files_under(dir)? {
            self.text(&relative.to_string_lossy());
            self.bytes(&fs::read(&dir.join(&relative))?);
        }
        Ok(self)
    }

    pub fn finish(&self) -> Digest {
        hex(self.state.digest128())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_delimited_and_order_matters() {
        let one = Fingerprint::new().text("ab").text("c").finish();
        let two = Fingerprint::new().text("a").text("bc").finish();
        assert_ne!(one, two);
        assert_eq!(one, Fingerprint::new().text("ab").text("c").finish());
        assert_eq!(one.len(), 32);
    }

    #[test]
    fn a_value_hashes_its_serialization() {
        let a = Fingerprint::new()
            .value(&serde_json::json!({"x": [1, 2]}))
            .finish();
        let b = Fingerprint::new()
            .value(&serde_json::json!({"x": [1, 3]}))
            .finish();
        assert_ne!(a, b);
        let a = Fingerprint::new().value(&("ab", "c")).finish();
        let b = Fingerprint::new().value(&("a", "bc")).finish();
        assert_ne!(a, b);
    }

    /// Views flatten their card into them: serialized with no length known in advance.
    #[test]
    fn flattened_structs_are_hashed() {
        #[derive(Serialize)]
        struct Inner {
            name: &'static str,
        }
        #[derive(Serialize)]
        struct Outer {
            #[serde(flatten)]
            inner: Inner,
            n: f64,
        }
        let one = Fingerprint::new()
            .value(&Outer {
                inner: Inner { name: "a" },
                n: 1.0,
            })
            .finish();
        let two = Fingerprint::new()
            .value(&Outer {
                inner: Inner { name: "b" },
                n: 1.0,
            })
            .finish();
        assert_ne!(one, two);
    }

    #[test]
    fn a_directory_hash_follows_names_and_bytes() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(&dir.path().join("a/b.md"), b"one").unwrap();
        let first = Fingerprint::new().directory(dir.path()).unwrap().finish();
        fs::write(&dir.path().join("a/b.md"), b"two").unwrap();
        let second = Fingerprint::new().directory(dir.path()).unwrap().finish();
        assert_ne!(first, second);
        let absent = Fingerprint::new()
            .directory(&dir.path().join("none"))
            .unwrap()
            .finish();
        assert_eq!(absent, Fingerprint::new().finish());
    }
}
