//! The one function every output of a build goes through. It writes into the staging
//! directory, and keeps what the previous build already wrote: an output whose bytes are the
//! same as before, or whose inputs are the same as before, is hard-linked from the previous
//! site instead of being written again. The file then keeps its inode and mtime, so deploy
//! tools that compare times see only what changed, and the atomic swap still holds.

use std::io;
use std::path::{Path, PathBuf};

use super::record::{BuildRecord, FileRecord};
use crate::fingerprint::{self, Digest};
use crate::fs;

/// A site built before, whose files the new build may link to.
#[derive(Debug)]
pub struct PreviousSite {
    pub dir: PathBuf,
    pub record: BuildRecord,
}

impl PreviousSite {
    pub fn read(dir: &Path) -> Option<PreviousSite> {
        Some(PreviousSite {
            dir: dir.to_path_buf(),
            record: BuildRecord::read(dir)?,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// No file at this path before.
    Added,
    /// Different bytes than before.
    Changed,
    /// The same bytes as before, linked from the previous site.
    Unchanged,
}

/// One output file of this build.
#[derive(Debug)]
pub struct Written {
    pub path: String,
    pub record: FileRecord,
    pub outcome: Outcome,
    pub size: u64,
    /// Whether it was rendered, or reused without rendering because its inputs were unchanged.
    pub rendered: bool,
}

pub struct SiteWriter<'a> {
    root: &'a Path,
    previous: Option<&'a PreviousSite>,
    /// Render every output (`build --full`): files are still linked when their bytes match.
    render_all: bool,
}

impl<'a> SiteWriter<'a> {
    pub fn new(root: &'a Path, previous: Option<&'a PreviousSite>, render_all: bool) -> Self {
        SiteWriter {
            root,
            previous,
            render_all,
        }
    }

    /// Writes `bytes` at `path` (relative, `/`-separated), or links the previous site's file
    /// when it holds exactly these bytes.
    pub fn write(&self, path: &str, bytes: &[u8], inputs: Option<Digest>) -> io::Result<Written> {
        let digest = fingerprint::of_bytes(bytes);
        let target = self.root.join(path);
        let before = self.previous_file(path);
        let outcome = match before {
            Some((_, record)) if record.bytes == digest => {
                if self.link(path, &target).is_ok() {
                    Outcome::Unchanged
                } else {
                    fs::write(&target, bytes)?;
                    Outcome::Unchanged
                }
            }
            Some(_) => {
                fs::write(&target, bytes)?;
                Outcome::Changed
            }
            None => {
                fs::write(&target, bytes)?;
                Outcome::Added
            }
        };
        Ok(Written {
            path: path.to_string(),
            record: FileRecord {
                bytes: digest,
                inputs,
            },
            outcome,
            size: bytes.len() as u64,
            rendered: true,
        })
    }

    /// The previous site's file at `path`, linked into place, when it was rendered from the same
    /// `inputs`; `None` means the output must be rendered.
    pub fn reuse(&self, path: &str, inputs: &Digest) -> Option<Written> {
        if self.render_all {
            return None;
        }
        let (previous, record) = self.previous_file(path)?;
        if record.inputs.as_ref() != Some(inputs) {
            return None;
        }
        let size = std::fs::metadata(&previous).ok()?.len();
        self.link(path, &self.root.join(path)).ok()?;
        Some(Written {
            path: path.to_string(),
            record: record.clone(),
            outcome: Outcome::Unchanged,
            size,
            rendered: false,
        })
    }

    fn previous_file(&self, path: &str) -> Option<(PathBuf, &'a FileRecord)> {
        let previous = self.previous?;
        let record = previous.record.files.get(path)?;
        Some((previous.dir.join(path), record))
    }

    fn link(&self, path: &str, target: &Path) -> io::Result<()> {
        let previous = self
            .previous
            .expect("only called for previous files")
            .dir
            .join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        std::fs::hard_link(&previous, target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    fn previous_site(dir: &Path, files: &[(&str, &[u8], Option<&str>)]) -> PreviousSite {
        let mut record = BuildRecord::new(None);
        for (path, bytes, inputs) in files {
            fs::write(&dir.join(path), bytes).unwrap();
            record.files.insert(
                path.to_string(),
                FileRecord {
                    bytes: fingerprint::of_bytes(bytes),
                    inputs: inputs.map(str::to_string),
                },
            );
        }
        PreviousSite {
            dir: dir.to_path_buf(),
            record,
        }
    }

    #[test]
    fn same_bytes_are_linked_and_others_written() {
        let root = tempfile::tempdir().unwrap();
        let previous = previous_site(
            &root.path().join("old"),
            &[("a/index.html", b"same", None), ("b.txt", b"old", None)],
        );
        let new = root.path().join("new");
        let writer = SiteWriter::new(&new, Some(&previous), false);
        let same = writer.write("a/index.html", b"same", None).unwrap();
        let changed = writer.write("b.txt", b"new", None).unwrap();
        let added = writer.write("c.txt", b"c", None).unwrap();
        assert_eq!(
            [same.outcome, changed.outcome, added.outcome],
            [Outcome::Unchanged, Outcome::Changed, Outcome::Added]
        );
        let inode = |p: &Path| std::fs::metadata(p).unwrap().ino();
        assert_eq!(
            inode(&new.join("a/index.html")),
            inode(&root.path().join("old/a/index.html"))
        );
        assert_eq!(std::fs::read(new.join("b.txt")).unwrap(), b"new");
    }

    #[test]
    fn an_output_is_reused_only_for_the_same_inputs() {
        let root = tempfile::tempdir().unwrap();
        let previous = previous_site(&root.path().join("old"), &[("p.html", b"page", Some("k1"))]);
        let new = root.path().join("new");
        let writer = SiteWriter::new(&new, Some(&previous), false);
        assert!(writer.reuse("p.html", &"k2".to_string()).is_none());
        assert!(!new.join("p.html").exists());
        let reused = writer.reuse("p.html", &"k1".to_string()).unwrap();
        assert!(!reused.rendered);
        assert_eq!(reused.size, 4);
        assert_eq!(std::fs::read(new.join("p.html")).unwrap(), b"page");
        assert!(writer.reuse("absent.html", &"k1".to_string()).is_none());
    }
}
