//! What a build computed from each trek's route, kept for the next build in the site's cache
//! directory ([`CACHE_DIR`], beside `config.toml`): the drawings and what lies near the route.
//! A nightly rebuild after a text changed then computes nothing again for the routes that did
//! not change. Not in the output directory, which is published whole; only ever a shortcut,
//! so a cache that is absent, unreadable or made for other inputs is ignored.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::drawings::DrawingCache;
use super::proximity::ProximityCache;
use crate::fingerprint::Digest;

pub const CACHE_DIR: &str = ".sentier-cache";

/// Results by route fingerprint, valid for one key: what they depend on besides the route
/// (sentier's version, tolerances, distances, the objects compared with the route).
#[derive(Debug)]
pub struct RouteCache<V> {
    file: &'static str,
    key: String,
    entries: HashMap<Digest, V>,
    /// Whether the entries differ from the file's.
    changed: bool,
}

#[derive(Deserialize)]
struct CacheFile<V> {
    key: String,
    entries: HashMap<Digest, V>,
}

#[derive(Serialize)]
struct CacheFileRef<'a, V> {
    key: &'a str,
    entries: &'a HashMap<Digest, V>,
}

impl<V: Serialize + DeserializeOwned> RouteCache<V> {
    pub fn empty(file: &'static str) -> Self {
        RouteCache {
            file,
            key: String::new(),
            entries: HashMap::new(),
            changed: false,
        }
    }

    /// The cache `file` in `dir`; empty when it is absent or unreadable.
    pub fn load(dir: &Path, file: &'static str) -> Self {
        match std::fs::read(dir.join(file))
            .ok()
            .and_then(|bytes| rmp_serde::from_slice::<CacheFile<V>>(&bytes).ok())
        {
            Some(CacheFile { key, entries }) => RouteCache {
                file,
                key,
                entries,
                changed: false,
            },
            None => Self::empty(file),
        }
    }

    /// Keeps the entries only if they were computed for `key`.
    pub(super) fn valid_for(&mut self, key: String) {
        if self.key != key {
            self.entries.clear();
            self.key = key;
            self.changed = true;
        }
    }

    pub(super) fn get(&self, route: &Digest) -> Option<&V> {
        self.entries.get(route)
    }

    /// Replaces the entries with this dataset's: `fresh` when any was computed by this build.
    pub(super) fn replace(&mut self, entries: HashMap<Digest, V>, fresh: bool) {
        self.changed |= fresh || entries.len() != self.entries.len();
        self.entries = entries;
    }

    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    #[cfg(test)]
    pub(super) fn changed(&self) -> bool {
        self.changed
    }

    /// Writes the cache into `dir` when it changed.
    pub fn save(&self, dir: &Path) -> io::Result<()> {
        if !self.changed {
            return Ok(());
        }
        let cache = CacheFileRef {
            key: &self.key,
            entries: &self.entries,
        };
        write_file(dir, self.file, &cache)
    }
}

/// Writes `value` as file `name` in `dir`, replacing the file at once: a build interrupted
/// while writing leaves the previous one.
fn write_file(dir: &Path, name: &str, value: &impl Serialize) -> io::Result<()> {
    crate::fs::create_dir_all(dir)?;
    let partial = dir.join(format!(".{name}.{}", std::process::id()));
    let write = || -> io::Result<()> {
        let file = std::fs::File::create(&partial)?;
        // Streamed: a large instance's drawings are a hundred megabytes, written while the
        // build's views are still held.
        let mut writer = io::BufWriter::new(file);
        rmp_serde::encode::write(&mut writer, value).map_err(io::Error::other)?;
        writer.into_inner().map_err(|e| e.into_error())?;
        Ok(())
    };
    if let Err(e) = write() {
        let _ = std::fs::remove_file(&partial);
        return Err(io::Error::new(e.kind(), format!("{}: {e}", partial.display())));
    }
    crate::fs::rename(&partial, &dir.join(name))
}

/// The digests of the route texts the last build read (see
/// [`crate::model::trek_route`]): the routes its drawings were kept for.
const KNOWN_ROUTES_FILE: &str = "known-routes.msgpack";

/// The route texts an earlier build of this sentier read, which a build need not decode unless
/// it uses them; none when the file is absent, unreadable or another sentier's (whose reader may
/// have accepted other texts).
pub fn known_routes(dir: &Path) -> HashSet<Digest> {
    std::fs::read(dir.join(KNOWN_ROUTES_FILE))
        .ok()
        .and_then(|bytes| rmp_serde::from_slice::<(String, HashSet<Digest>)>(&bytes).ok())
        .filter(|(version, _)| version == env!("CARGO_PKG_VERSION"))
        .map(|(_, routes)| routes)
        .unwrap_or_default()
}

/// Every cache a build reads and updates.
#[derive(Debug)]
pub struct Caches {
    pub drawings: DrawingCache,
    pub proximity: ProximityCache,
    /// The routes known when the build started ([`known_routes`], read before the others).
    pub known_routes: HashSet<Digest>,
}

impl Default for Caches {
    fn default() -> Self {
        Caches {
            drawings: DrawingCache::empty(super::drawings::CACHE_FILE),
            proximity: ProximityCache::empty(super::proximity::CACHE_FILE),
            known_routes: HashSet::new(),
        }
    }
}

impl Caches {
    /// The caches in `dir`, with the `known_routes` read from it earlier.
    pub fn load(dir: &Path, known_routes: HashSet<Digest>) -> Caches {
        Caches {
            drawings: DrawingCache::load(dir, super::drawings::CACHE_FILE),
            proximity: ProximityCache::load(dir, super::proximity::CACHE_FILE),
            known_routes,
        }
    }

    pub fn save(&self, dir: &Path) -> io::Result<()> {
        self.drawings.save(dir)?;
        // The drawings are kept for every route this build read: those are the routes known.
        let routes = &self.drawings.entries;
        if routes.len() != self.known_routes.len() || !routes.keys().all(|r| self.known_routes.contains(r)) {
            // Sorted: the same routes, the same file.
            let mut routes: Vec<&Digest> = routes.keys().collect();
            routes.sort_unstable();
            write_file(dir, KNOWN_ROUTES_FILE, &(env!("CARGO_PKG_VERSION"), routes))?;
        }
        self.proximity.save(dir)
    }
}
