//! Content fingerprints: 128-bit XXH3 hashes of bytes, written as 32 hex digits. They decide
//! what an incremental build may reuse, so they are computed over exact bytes and never over
//! anything that varies between runs (times, addresses, hash-map order).

use std::io;
use std::path::Path;

use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

use crate::fs;

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

    /// A value's JSON serialization, streamed into the hash without building the text.
    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> &mut Self {
        // serde_json writes a byte or a word at a time: the hash is fed in blocks instead.
        let mut writer = io::BufWriter::with_capacity(8192, HashWriter(&mut self.state, 0));
        serde_json::to_writer(&mut writer, value).expect("values serialize to JSON");
        let Ok(HashWriter(state, written)) = writer.into_inner() else {
            unreachable!("writing into a hash does not fail")
        };
        state.update(&written.to_le_bytes());
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

struct HashWriter<'a>(&'a mut Xxh3, u64);

impl io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.update(buf);
        self.1 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
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
    fn json_hashes_the_serialization() {
        let a = Fingerprint::new()
            .json(&serde_json::json!({"x": [1, 2]}))
            .finish();
        let b = Fingerprint::new()
            .json(&serde_json::json!({"x": [1, 3]}))
            .finish();
        assert_ne!(a, b);
    }

    /// Buffering feeds the hash the same bytes: digests recorded before it still match.
    #[test]
    fn json_is_hashed_as_its_serialized_bytes() {
        let value = serde_json::json!({"text": "x".repeat(20_000), "n": [1.5, 2.0]});
        let bytes = serde_json::to_vec(&value).unwrap();
        let mut expected = Fingerprint::new();
        expected.state.update(&bytes);
        expected.state.update(&(bytes.len() as u64).to_le_bytes());
        assert_eq!(Fingerprint::new().json(&value).finish(), expected.finish());
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
