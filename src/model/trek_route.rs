//! A trek's route, most of a snapshot's bytes: decoded as the snapshot is read, or, when an
//! earlier build decoded the very same text, only found in the snapshot file and decoded the
//! first time something needs its vertices. What a build computes from a route is kept by the
//! route's fingerprint (drawings, what lies near it), so a rebuild after one trek changed
//! decodes that trek's route, not every route, and holds only the routes it decoded.

use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use serde::Deserializer;

use super::geometry::{self, fingerprint_geometry, Coord, Geometry};
use crate::fingerprint::{Digest, Fingerprint};

pub struct TrekRoute {
    /// [`text_digest`] of its text when it was read in its usual form, the fingerprint of its
    /// vertices otherwise: what is computed from the route is cached by it.
    digest: Digest,
    start: Option<Coord>,
    geometry: OnceLock<Geometry>,
    located: Option<Located>,
}

/// Where a route's text is in a snapshot file.
struct Located {
    file: Arc<RouteFile>,
    offset: u64,
    len: usize,
}

/// A snapshot file routes are read again from, kept open: a pull replacing the file during
/// the build leaves this one readable. A route that cannot be read again is recorded here,
/// and the build fails rather than show it without vertices.
pub struct RouteFile {
    path: PathBuf,
    file: std::fs::File,
    failure: Mutex<Option<String>>,
}

impl fmt::Debug for RouteFile {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_struct("RouteFile").field("path", &self.path).finish()
    }
}

impl RouteFile {
    pub fn new(path: PathBuf, file: std::fs::File) -> Arc<RouteFile> {
        Arc::new(RouteFile {
            path,
            file,
            failure: Mutex::new(None),
        })
    }

    /// Why a route could not be read again, if one could not.
    pub fn failure(&self) -> Option<String> {
        self.failure
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    fn fail(&self, why: String) {
        self.failure
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get_or_insert(why);
    }
}

/// The routes of a snapshot file that may be left undecoded: `known` holds the digests of
/// the route texts an earlier build decoded, so their text needs no checking again.
pub struct Known<'a> {
    pub file: &'a Arc<RouteFile>,
    pub digests: &'a HashSet<Digest>,
}

/// A route's text in an object's line of a snapshot file.
#[derive(Clone, Copy)]
pub struct LineAt<'a> {
    pub known: &'a Known<'a>,
    /// Offset of the line in the file.
    pub offset: u64,
}

/// The fingerprint of a route's text as written in the snapshot.
pub fn text_digest(text: &[u8]) -> Digest {
    Fingerprint::new().text("route text").bytes(text).finish()
}

impl TrekRoute {
    /// A route decoded from its text, whose [`text_digest`] is `digest`.
    pub fn decoded(geometry: Geometry, digest: Digest) -> TrekRoute {
        TrekRoute {
            digest,
            start: geometry.start(),
            geometry: OnceLock::from(geometry),
            located: None,
        }
    }

    /// A route read in another form, fingerprinted by its vertices.
    pub fn from_geometry(geometry: Geometry) -> TrekRoute {
        let mut fingerprint = Fingerprint::new();
        fingerprint_geometry(&mut fingerprint, &geometry);
        Self::decoded(geometry, fingerprint.finish())
    }

    /// A route left in its file: `len` bytes at `at.offset + in_line`, starting at `start`.
    pub fn located(at: LineAt, in_line: usize, len: usize, digest: Digest, start: Coord) -> TrekRoute {
        TrekRoute {
            digest,
            start: Some(start),
            geometry: OnceLock::new(),
            located: Some(Located {
                file: Arc::clone(at.known.file),
                offset: at.offset + in_line as u64,
                len,
            }),
        }
    }

    pub fn digest(&self) -> &Digest {
        &self.digest
    }

    /// The first vertex, known without decoding the route.
    pub fn start(&self) -> Option<Coord> {
        self.start
    }

    /// The route's vertices, decoded on first use when it was left in its file.
    pub fn geometry(&self) -> &Geometry {
        self.geometry.get_or_init(|| {
            let Some(located) = &self.located else {
                unreachable!("a route not left in its file is decoded when made")
            };
            read_again(located, &self.digest).unwrap_or_else(|why| {
                located.file.fail(why);
                Geometry::LineString(Vec::new())
            })
        })
    }

    #[cfg(test)]
    pub fn is_decoded(&self) -> bool {
        self.geometry.get().is_some()
    }
}

fn read_again(located: &Located, digest: &Digest) -> Result<Geometry, String> {
    let path = &located.file.path;
    let mut text = vec![0; located.len];
    crate::fs::read_exact_at(&located.file.file, &mut text, located.offset, path)
        .map_err(|e| e.to_string())?;
    let changed = || format!("{} changed while the site was built", path.display());
    if text_digest(&text) != *digest {
        return Err(changed());
    }
    std::str::from_utf8(&text)
        .ok()
        .and_then(super::positions::plain_line)
        .ok_or_else(changed)
}

impl fmt::Debug for TrekRoute {
    /// Its vertices: a route is the same whether it was decoded at once or later.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_tuple("TrekRoute").field(self.geometry()).finish()
    }
}

/// A trek's `geometry` field read by serde: the forms [`super::positions::route_apart`] does not
/// take.
pub fn optional<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Arc<TrekRoute>>, D::Error> {
    Ok(geometry::optional(deserializer)?.map(|g| Arc::new(TrekRoute::from_geometry(g))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_route_left_in_its_file_is_read_again_and_a_changed_file_fails_the_build() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("trek.json");
        let route = r#"{"type":"LineString","coordinates":[[6.1,44.8,1516.0],[6.2,44.9,1520.5]]}"#;
        let line = format!("{{\"id\": 1, \"geometry\": {route}}}");
        let text = format!("[\n{line}\n]\n");
        std::fs::write(&path, &text).unwrap();
        let file = RouteFile::new(path.clone(), std::fs::File::open(&path).unwrap());
        let digests = HashSet::from([text_digest(route.as_bytes())]);
        let known = Known {
            file: &file,
            digests: &digests,
        };
        let at = LineAt {
            known: &known,
            offset: 2,
        };
        let in_line = line.find('{').unwrap() + line[1..].find('{').unwrap() + 1;
        let start = Coord::new(6.1, 44.8, Some(1516.0));
        let left = TrekRoute::located(at, in_line, route.len(), text_digest(route.as_bytes()), start);
        assert!(!left.is_decoded());
        assert_eq!(left.start(), Some(start));
        let decoded = super::super::positions::plain_line(route).unwrap();
        assert_eq!(left.geometry(), &decoded);
        assert_eq!(file.failure(), None);

        // The file edited in place: the route read again is not the one fingerprinted.
        std::fs::write(&path, text.replace("1520.5", "1520.6")).unwrap();
        let left = TrekRoute::located(at, in_line, route.len(), text_digest(route.as_bytes()), start);
        assert_eq!(left.geometry(), &Geometry::LineString(Vec::new()));
        let failure = file.failure().unwrap();
        assert!(
            failure.contains("trek.json changed while the site was built"),
            "{failure}"
        );
    }

    #[test]
    fn a_route_decoded_at_once_is_fingerprinted_by_its_text_or_its_vertices() {
        let line = Geometry::LineString(vec![Coord::new(6.1, 44.8, None), Coord::new(6.2, 44.9, None)]);
        let by_text = TrekRoute::decoded(line.clone(), text_digest(b"[[6.1,44.8],[6.2,44.9]]"));
        let by_vertices = TrekRoute::from_geometry(line.clone());
        assert_ne!(by_text.digest(), by_vertices.digest());
        assert_eq!(by_text.start(), line.start());
        assert_eq!(format!("{by_text:?}"), format!("{by_vertices:?}"));
    }
}
