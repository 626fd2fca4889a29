//! The offline copy of an instance: one JSON array per endpoint, holding the objects exactly as
//! the API served them in its all-languages form, and a `manifest.json` saying where and when
//! they came from.
//!
//! Objects are kept as raw JSON text, not decoded: a snapshot outlives the model that reads it,
//! and raw text costs no more memory than the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use thiserror::Error;

use crate::{fs, json, output};

pub const FORMAT_VERSION: u32 = 1;
pub const MANIFEST: &str = "manifest.json";

#[derive(Debug, Error)]
pub enum SnapshotError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error(
        "{path} is not a sentier snapshot (no {MANIFEST}); create one with `sentier pull --snapshot DIR`"
    )]
    NotASnapshot { path: PathBuf },
    #[error("{path}: invalid JSON: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{path}: snapshot format {found} is newer than this sentier understands ({FORMAT_VERSION}); upgrade sentier or pull again")]
    Format { path: PathBuf, found: u32 },
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub format: u32,
    pub sentier_version: String,
    /// The API root the objects came from, e.g. `https://host/api/v2/`.
    pub api: String,
    /// `None` for instances older than 2.63, which have no `/version` route.
    pub api_version: Option<String>,
    /// Languages found in the translated fields, in the instance's order.
    pub languages: Vec<String>,
    pub fetched_at: chrono::DateTime<chrono::Utc>,
    /// Objects per endpoint.
    pub counts: BTreeMap<String, usize>,
    /// Endpoints this instance does not serve (404).
    #[serde(default)]
    pub missing_endpoints: Vec<String>,
    /// The instance's spatial extent from `/config/`, west, south, east, north.
    #[serde(default)]
    pub bbox: Option<[f64; 4]>,
    pub requests: usize,
    /// A fingerprint of the lists' query (endpoints, filters): an incremental pull needs the
    /// same one.
    #[serde(default)]
    pub query_key: Option<String>,
}

#[derive(Debug)]
pub struct Snapshot {
    pub manifest: Manifest,
    /// Endpoint name → its objects as served.
    pub objects: BTreeMap<String, Vec<Box<RawValue>>>,
}

impl Snapshot {
    pub fn objects(&self, endpoint: &str) -> &[Box<RawValue>] {
        self.objects.get(endpoint).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn read(dir: &Path) -> Result<Snapshot, SnapshotError> {
        Snapshot::read_files(SnapshotFiles::open(dir)?)
    }

    /// Every endpoint's objects of an opened snapshot directory.
    pub fn read_files(files: SnapshotFiles) -> Result<Snapshot, SnapshotError> {
        let mut objects = BTreeMap::new();
        for name in files.manifest.counts.keys() {
            if let Some((path, _, text)) = files.read(name)? {
                objects.insert(name.clone(), parse_objects(&path, &text)?);
            }
        }
        Ok(Snapshot {
            manifest: files.manifest,
            objects,
        })
    }

    /// Writes the snapshot to `dir` atomically: into a sibling temporary directory first,
    /// swapped in only once complete.
    pub fn write(&self, dir: &Path) -> Result<(), SnapshotError> {
        let staging = output::Staging::beside(dir)?;
        for (name, objects) in &self.objects {
            fs::write(
                &staging.path().join(format!("{name}.json")),
                &to_json_array(objects),
            )?;
        }
        let manifest = serde_json::to_vec_pretty(&self.manifest).expect("a manifest serializes");
        fs::write(&staging.path().join(MANIFEST), &manifest)?;
        staging.commit()?;
        Ok(())
    }
}

/// A snapshot directory with its manifest checked, each endpoint's file read only when asked
/// for: a build decodes a file's objects straight from its text, then frees it, and never
/// holds a second copy of the raw objects.
pub struct SnapshotFiles {
    pub manifest: Manifest,
    dir: PathBuf,
}

impl SnapshotFiles {
    pub fn open(dir: &Path) -> Result<SnapshotFiles, SnapshotError> {
        let manifest_path = dir.join(MANIFEST);
        if !manifest_path.is_file() {
            return Err(SnapshotError::NotASnapshot {
                path: dir.to_path_buf(),
            });
        }
        let manifest: Manifest = parse(&manifest_path)?;
        if manifest.format > FORMAT_VERSION {
            return Err(SnapshotError::Format {
                path: manifest_path,
                found: manifest.format,
            });
        }
        Ok(SnapshotFiles {
            manifest,
            dir: dir.to_path_buf(),
        })
    }

    /// The path, open file and text of an endpoint's file; `None` when the manifest does not
    /// list it.
    pub fn read(&self, endpoint: &str) -> Result<Option<(PathBuf, std::fs::File, String)>, SnapshotError> {
        // Only endpoints sentier knows: a manifest naming `../x` reads nothing outside DIR.
        if !self.manifest.counts.contains_key(endpoint) || crate::endpoint::find(endpoint).is_none() {
            return Ok(None);
        }
        let path = self.dir.join(format!("{endpoint}.json"));
        let (file, text) = fs::read_large_to_string(&path)?;
        Ok(Some((path, file, text)))
    }
}

fn parse<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, SnapshotError> {
    let text = fs::read_to_string(path)?;
    serde_json::from_str(&json::sanitize_non_finite(&text)).map_err(|source| SnapshotError::Json {
        path: path.to_path_buf(),
        source,
    })
}

/// An endpoint's objects. A file as [`to_json_array`] writes it, one object per line, is read
/// line by line in parallel (a large instance's treks are most of a build's reading time);
/// anything else, a file edited by hand for instance, is parsed whole by [`parse_array`].
fn parse_objects(path: &Path, text: &str) -> Result<Vec<Box<RawValue>>, SnapshotError> {
    match one_per_line(text) {
        Some(objects) => Ok(objects),
        None => parse_array(path, text),
    }
}

/// A file's objects parsed as one JSON array, which also gives an error its line and column.
pub fn parse_array(path: &Path, text: &str) -> Result<Vec<Box<RawValue>>, SnapshotError> {
    serde_json::from_str(&json::sanitize_non_finite(text)).map_err(|source| SnapshotError::Json {
        path: path.to_path_buf(),
        source,
    })
}

/// The objects' texts when the file is laid out as [`to_json_array`] writes it, one object
/// per line; `None` otherwise. The lines are not checked to be JSON.
pub fn object_lines(text: &str) -> Option<Vec<&str>> {
    let body = text.strip_prefix("[\n")?.strip_suffix("\n]\n")?;
    if body.is_empty() {
        return Some(Vec::new());
    }
    // A large instance's treks file is hundreds of megabytes of long lines: the `memchr`
    // crate finds their ends faster on one thread than `str::split` did on two.
    let mut lines = Vec::new();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', body.as_bytes()) {
        lines.push(&body[start..end]);
        start = end + 1;
    }
    lines.push(&body[start..]);
    let last = lines.len() - 1;
    // Every line but the last ends with the comma that separates it from the next.
    for line in &mut lines[..last] {
        *line = line.strip_suffix(',')?;
    }
    Some(lines)
}

fn one_per_line(text: &str) -> Option<Vec<Box<RawValue>>> {
    use rayon::prelude::*;
    object_lines(text)?
        .par_iter()
        .map(|line| serde_json::from_str::<Box<RawValue>>(&json::sanitize_non_finite(line)).ok())
        .collect()
}

/// One object per line: diffs between two pulls stay readable.
fn to_json_array(objects: &[Box<RawValue>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(objects.iter().map(|o| o.get().len() + 2).sum::<usize>() + 4);
    out.extend_from_slice(b"[\n");
    for (i, object) in objects.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(object.get().as_bytes());
    }
    out.extend_from_slice(b"\n]\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn files_of_one_object_per_line_read_as_the_whole_array_does() {
        let objects: Vec<Box<super::RawValue>> =
            serde_json::from_str(r#"[{"id":1,"n":"a,\\n"},{"id":2,"x":null},{"id":3}]"#).unwrap();
        let written = String::from_utf8(super::to_json_array(&objects)).unwrap();
        let read = super::one_per_line(&written).unwrap();
        assert_eq!(
            read.iter().map(|o| o.get()).collect::<Vec<_>>(),
            objects.iter().map(|o| o.get()).collect::<Vec<_>>()
        );
        // A bare NaN (as Geotrek serves it) is read as null on this path too.
        let with_nan = written.replace(r#""x":null"#, r#""x":NaN"#);
        assert_eq!(
            super::one_per_line(&with_nan).unwrap()[1].get(),
            r#"{"id":2,"x":null}"#
        );
        assert!(super::one_per_line("[\n\n]\n").unwrap().is_empty());
        // Not one object per line: the whole-file parser decides.
        assert!(super::one_per_line("[\n{\"id\":\n1}\n]\n").is_none());
        assert!(super::one_per_line("[{\"id\": 1}]").is_none());
    }
}
