//! The record of a built site, kept in its marker file (`.sentier`): a fingerprint of every
//! input of the build, and for each output file the fingerprint of its bytes and of the inputs
//! it was rendered from. The next build reads it to decide what it can keep.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::fingerprint::Digest;

#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq)]
pub struct BuildRecord {
    /// The sentier that built the site: another version renders differently, so nothing of a
    /// site it built is reused.
    pub sentier: String,
    /// Every input together (config, theme, content, snapshot): equal means nothing to do.
    pub inputs: Option<Digest>,
    /// Output path (relative, `/`-separated) → what was written there.
    pub files: BTreeMap<String, FileRecord>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileRecord {
    /// Fingerprint of the file's bytes.
    #[serde(rename = "b")]
    pub bytes: Digest,
    /// Fingerprint of what the file was rendered from, for outputs a build may skip rendering.
    #[serde(rename = "i", default, skip_serializing_if = "Option::is_none")]
    pub inputs: Option<Digest>,
}

impl BuildRecord {
    pub fn new(inputs: Option<Digest>) -> Self {
        BuildRecord {
            sentier: env!("CARGO_PKG_VERSION").to_string(),
            inputs,
            files: BTreeMap::new(),
        }
    }

    /// The record of the site in `dir`, when it has one this sentier can trust: absent,
    /// unreadable, older-format or other-version records all mean "build everything".
    pub fn read(dir: &Path) -> Option<BuildRecord> {
        let text = std::fs::read(dir.join(super::SITE_MARKER)).ok()?;
        let record: BuildRecord = serde_json::from_slice(&text).ok()?;
        (record.sentier == env!("CARGO_PKG_VERSION")).then_some(record)
    }

    /// The paths this record lists and `current` does not, in order: both lists are sorted,
    /// so they are walked once side by side.
    pub fn removed_in<'a>(&'a self, current: &BuildRecord) -> Vec<&'a str> {
        let mut now = current.files.keys().peekable();
        let mut removed = Vec::new();
        for path in self.files.keys() {
            while now.next_if(|p| *p < path).is_some() {}
            if now.next_if_eq(&path).is_none() {
                removed.push(path.as_str());
            }
        }
        removed
    }

    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec(self).expect("a build record serializes");
        bytes.push(b'\n');
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removed_paths_are_the_previous_ones_no_longer_listed() {
        let record = |paths: &[&str]| {
            let mut record = BuildRecord::new(None);
            for path in paths {
                record.files.insert(
                    path.to_string(),
                    FileRecord {
                        bytes: String::new(),
                        inputs: None,
                    },
                );
            }
            record
        };
        let previous = record(&["a", "b/index.html", "c", "d.gpx", "e/f", "z"]);
        let current = record(&["0", "b/index.html", "bb", "d.gpx", "e/g", "y"]);
        assert_eq!(previous.removed_in(&current), ["a", "c", "e/f", "z"]);
        assert_eq!(previous.removed_in(&previous), Vec::<&str>::new());
        assert_eq!(previous.removed_in(&record(&[])).len(), 6);
    }

    #[test]
    fn a_record_round_trips_and_foreign_markers_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let mut record = BuildRecord::new(Some("ab".into()));
        record.files.insert(
            "index.html".into(),
            FileRecord {
                bytes: "cd".into(),
                inputs: Some("ef".into()),
            },
        );
        crate::fs::write(&dir.path().join(super::super::SITE_MARKER), &record.to_json()).unwrap();
        assert_eq!(BuildRecord::read(dir.path()), Some(record));
        crate::fs::write(
            &dir.path().join(super::super::SITE_MARKER),
            b"built by sentier 0.0.1\n",
        )
        .unwrap();
        assert_eq!(BuildRecord::read(dir.path()), None);
    }
}
