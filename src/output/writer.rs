//! The one function every output of a build goes through, and how a build's files reach the
//! output directory.
//!
//! Without a previous site, everything is written into a staging directory that replaces the
//! output at once. With one (its record says what each file was rendered from), only outputs
//! whose bytes differ are written to the staging directory; once the whole build succeeded
//! they are moved into the output, removed outputs are deleted, and the record is replaced
//! last. Unchanged files are never touched, so their mtime stays and deploy tools upload only
//! the difference; a failed build leaves the output as it was. A journal file marks the short
//! moving phase: if it is interrupted, the next build starts from nothing.

use std::io;
use std::path::{Path, PathBuf};

use super::record::{BuildRecord, FileRecord};
use super::Staging;
use crate::fingerprint::{self, Digest};
use crate::fs;

/// Present in the output only while an update is being moved in.
pub const JOURNAL: &str = ".sentier-updating";

/// A site built before, updated in place by the new build.
#[derive(Debug)]
pub struct PreviousSite {
    pub dir: PathBuf,
    pub record: BuildRecord,
}

impl PreviousSite {
    /// The site in `dir` with its record, unless an update of it was interrupted.
    pub fn read(dir: &Path) -> Option<PreviousSite> {
        if dir.join(JOURNAL).exists() {
            return None;
        }
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
    /// The same bytes as before: the previous file is kept.
    Unchanged,
}

/// One output file of this build.
#[derive(Debug)]
pub struct Written {
    pub path: String,
    pub record: FileRecord,
    pub outcome: Outcome,
    pub size: u64,
    /// Whether it was rendered, or kept without rendering because its inputs were unchanged.
    pub rendered: bool,
}

pub struct SiteWriter<'a> {
    staging: &'a Path,
    previous: Option<&'a PreviousSite>,
    /// Render every output (`build --full`): unchanged bytes are still not rewritten.
    render_all: bool,
}

impl<'a> SiteWriter<'a> {
    pub fn new(staging: &'a Path, previous: Option<&'a PreviousSite>, render_all: bool) -> Self {
        SiteWriter {
            staging,
            previous,
            render_all,
        }
    }

    /// Writes `bytes` at `path` (relative, `/`-separated) unless the previous site holds
    /// exactly these bytes there.
    pub fn write(&self, path: &str, bytes: &[u8], inputs: Option<Digest>) -> io::Result<Written> {
        let digest = fingerprint::of_bytes(bytes);
        let outcome = match self.previous_file(path) {
            // A file deleted by hand since is written again.
            Some((previous, record)) if record.bytes == digest && previous.exists() => Outcome::Unchanged,
            Some(_) => Outcome::Changed,
            None => Outcome::Added,
        };
        if outcome != Outcome::Unchanged {
            fs::write(&self.staging.join(path), bytes)?;
        }
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

    /// Whether [`SiteWriter::reuse`] may keep a file at `path`: false in a full build, and for
    /// a path the previous build did not write.
    pub fn may_reuse(&self, path: &str) -> bool {
        !self.render_all && self.previous_file(path).is_some()
    }

    /// Keeps the previous site's file at `path` when it was rendered from the same `inputs`;
    /// `None` means the output must be rendered.
    pub fn reuse(&self, path: &str, inputs: &Digest) -> Option<Written> {
        if self.render_all {
            return None;
        }
        let (previous, record) = self.previous_file(path)?;
        if record.inputs.as_ref() != Some(inputs) {
            return None;
        }
        kept(&previous, path, record)
    }

    /// Keeps every file under `dir` that the previous build rendered from `inputs`: the
    /// outputs of one job that writes several files. `None` when there was none, or one of them
    /// is gone.
    pub fn reuse_all(&self, dir: &str, inputs: &Digest) -> Option<Vec<Written>> {
        if self.render_all {
            return None;
        }
        let previous = self.previous?;
        let kept: Vec<Written> = previous
            .record
            .files
            .range(dir.to_string()..)
            .take_while(|(path, _)| path.starts_with(dir))
            .filter(|(_, record)| record.inputs.as_ref() == Some(inputs))
            .map(|(path, record)| kept(&previous.dir.join(path), path, record))
            .collect::<Option<_>>()?;
        (!kept.is_empty()).then_some(kept)
    }

    fn previous_file(&self, path: &str) -> Option<(PathBuf, &'a FileRecord)> {
        let previous = self.previous?;
        let record = previous.record.files.get(path)?;
        Some((previous.dir.join(path), record))
    }
}

/// The previous site's file at `file` (`path` in the output), kept without rendering; `None`
/// when it is gone.
fn kept(file: &Path, path: &str, record: &FileRecord) -> Option<Written> {
    Some(Written {
        path: path.to_string(),
        record: record.clone(),
        outcome: Outcome::Unchanged,
        size: std::fs::metadata(file).ok()?.len(),
        rendered: false,
    })
}

/// Puts a finished build in place: the staging directory replaces the output, or, when the
/// output is the `previous` site, only what changed is moved into it and the `removed` files
/// ([`BuildRecord::removed_in`]) are deleted from it.
pub fn commit(
    staging: Staging,
    previous: Option<&PreviousSite>,
    written: &[Written],
    removed: &[&str],
    record: &BuildRecord,
) -> io::Result<()> {
    let marker = super::SITE_MARKER;
    let Some(previous) = previous else {
        fs::write(&staging.path().join(marker), &record.to_json())?;
        return staging.commit();
    };
    let output = &previous.dir;
    fs::write(
        &output.join(JOURNAL),
        b"an update of this site was interrupted; the next build rebuilds it\n",
    )?;
    for file in written.iter().filter(|w| w.outcome != Outcome::Unchanged) {
        let target = output.join(&file.path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::rename(&staging.path().join(&file.path), &target)?;
    }
    for path in removed {
        let target = output.join(path);
        match std::fs::remove_file(&target) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => {
                return Err(io::Error::new(
                    error.kind(),
                    format!("cannot remove {}: {error}", target.display()),
                ))
            }
            _ => remove_empty_parents(output, &target),
        }
    }
    fs::write(&staging.path().join(marker), &record.to_json())?;
    fs::rename(&staging.path().join(marker), &output.join(marker))?;
    fs::remove_file(&output.join(JOURNAL))?;
    drop(staging);
    Ok(())
}

/// Removes the directories a removed page leaves empty, up to (not including) the root.
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(current) = dir {
        if current == root || !current.starts_with(root) || std::fs::remove_dir(current).is_err() {
            break;
        }
        dir = current.parent();
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
        fs::write(&dir.join(super::super::SITE_MARKER), &record.to_json()).unwrap();
        PreviousSite::read(dir).unwrap()
    }

    #[test]
    fn a_jobs_files_are_kept_together_when_its_inputs_are_the_same() {
        let root = tempfile::tempdir().unwrap();
        let site = root.path().join("public");
        let previous = previous_site(
            &site,
            &[
                ("search/index.html", b"page", Some("p")),
                ("search/index.json", b"{}", Some("s")),
                ("search/text/a.json", b"[]", Some("s")),
                ("en/search/index.json", b"{}", Some("s")),
                ("searching/x.json", b"{}", Some("s")),
            ],
        );
        let staging = Staging::beside(&site).unwrap();
        let writer = SiteWriter::new(staging.path(), Some(&previous), false);
        let kept = writer.reuse_all("search/", &"s".to_string()).unwrap();
        let paths: Vec<&str> = kept.iter().map(|w| w.path.as_str()).collect();
        assert_eq!(paths, ["search/index.json", "search/text/a.json"]);
        assert!(kept
            .iter()
            .all(|w| w.outcome == Outcome::Unchanged && !w.rendered));
        assert!(writer.reuse_all("search/", &"other".to_string()).is_none());
        // One of them gone: the job is run again.
        std::fs::remove_file(site.join("search/text/a.json")).unwrap();
        assert!(writer.reuse_all("search/", &"s".to_string()).is_none());
        // A full build keeps nothing.
        let full = SiteWriter::new(staging.path(), Some(&previous), true);
        assert!(full.reuse_all("en/search/", &"s".to_string()).is_none());
    }

    #[test]
    fn only_what_changed_is_moved_in_and_what_is_gone_is_removed() {
        let root = tempfile::tempdir().unwrap();
        let site = root.path().join("public");
        let previous = previous_site(
            &site,
            &[
                ("a/index.html", b"same", None),
                ("b.txt", b"old", None),
                ("gone/deep/index.html", b"x", None),
            ],
        );
        let inode = |p: &Path| std::fs::metadata(p).unwrap().ino();
        let kept = inode(&site.join("a/index.html"));
        let staging = Staging::beside(&site).unwrap();
        let writer = SiteWriter::new(staging.path(), Some(&previous), false);
        let written = vec![
            writer.write("a/index.html", b"same", None).unwrap(),
            writer.write("b.txt", b"new", None).unwrap(),
            writer.write("c/index.html", b"c", None).unwrap(),
        ];
        assert_eq!(
            written.iter().map(|w| w.outcome).collect::<Vec<_>>(),
            [Outcome::Unchanged, Outcome::Changed, Outcome::Added]
        );
        assert!(
            !staging.path().join("a/index.html").exists(),
            "unchanged bytes are not written"
        );
        let mut record = BuildRecord::new(None);
        record.files = written
            .iter()
            .map(|w| (w.path.clone(), w.record.clone()))
            .collect();
        let removed = previous.record.removed_in(&record);
        commit(staging, Some(&previous), &written, &removed, &record).unwrap();

        assert_eq!(inode(&site.join("a/index.html")), kept);
        assert_eq!(std::fs::read(site.join("b.txt")).unwrap(), b"new");
        assert_eq!(std::fs::read(site.join("c/index.html")).unwrap(), b"c");
        assert!(!site.join("gone").exists(), "emptied directories are removed");
        assert!(!site.join(JOURNAL).exists());
        assert_eq!(BuildRecord::read(&site), Some(record));
        assert_eq!(
            std::fs::read_dir(root.path()).unwrap().count(),
            1,
            "no staging left"
        );
    }

    #[test]
    fn an_output_is_kept_only_for_the_same_inputs() {
        let root = tempfile::tempdir().unwrap();
        let previous = previous_site(&root.path().join("old"), &[("p.html", b"page", Some("k1"))]);
        let writer = SiteWriter::new(root.path(), Some(&previous), false);
        assert!(writer.reuse("p.html", &"k2".to_string()).is_none());
        let reused = writer.reuse("p.html", &"k1".to_string()).unwrap();
        assert!(!reused.rendered);
        assert_eq!(reused.size, 4);
        assert!(writer.reuse("absent.html", &"k1".to_string()).is_none());
        let all = SiteWriter::new(root.path(), Some(&previous), true);
        assert!(
            all.reuse("p.html", &"k1".to_string()).is_none(),
            "--full renders everything"
        );
    }

    #[test]
    fn an_interrupted_update_means_no_previous_site() {
        let root = tempfile::tempdir().unwrap();
        previous_site(root.path(), &[("a.html", b"a", None)]);
        fs::write(&root.path().join(JOURNAL), b"").unwrap();
        assert!(PreviousSite::read(root.path()).is_none());
    }
}
