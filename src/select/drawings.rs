//! What is drawn from a trek's route, the same in every language: its elevation profile, its
//! thumbnail, its lines on the maps and its length when the API gives none. Drawn once per
//! trek, before the languages, and shared by their pages: per language it was a tenth of a
//! build.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::{Deserialize, Serialize, Serializer};

use super::cache::RouteCache;
use crate::assets::map::MapLines;
use crate::assets::profile::{self, Profile};
use crate::assets::simplify;
use crate::config::Maps;
use crate::fingerprint::{self, Digest};
use crate::model::geometry::{Coord, Geometry};
use crate::model::trek_route::TrekRoute;
use crate::model::values::Id;
use crate::model::Trek;

#[derive(Debug, Default)]
pub struct Drawn {
    pub profile: Option<Arc<LazyProfile>>,
    /// SVG path in a 100 × 100 box.
    pub thumbnail: Option<Arc<str>>,
    /// Geodesic length of the lines, in metres, when positive.
    pub length_m: Option<f64>,
    pub map_lines: Arc<MapLines>,
}

/// What is drawn from a route, simplified and walked once, and kept between builds.
fn draw(geometry: &Geometry, maps: &Maps) -> Cached {
    // Simplified once for the page's map; the global map and the thumbnail, coarser, start
    // from that.
    let page_lines: Vec<Vec<Coord>> = geometry
        .lines()
        .into_iter()
        .map(|line| simplify(line, maps.trek_tolerance))
        .collect();
    let thumbnail = geometry.bbox().and_then(|bbox| {
        let lines: Vec<&[Coord]> = page_lines.iter().map(Vec::as_slice).collect();
        profile::thumbnail_of(bbox, &lines)
    });
    let length_m = geometry.length_m();
    Cached {
        thumbnail: thumbnail.map(Arc::from),
        length_m: Some(length_m).filter(|l| *l > 0.0),
        map_lines: Arc::new(MapLines::new(&page_lines, maps.overview_tolerance)),
    }
}

/// The drawings of earlier builds by route fingerprint: a rebuild after a text changed draws
/// no route again. Simplifying and walking every route was a sixth of a one-trek rebuild's
/// time.
pub type DrawingCache = RouteCache<Cached>;

pub(super) const CACHE_FILE: &str = "drawings.msgpack";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cached {
    thumbnail: Option<Arc<str>>,
    length_m: Option<f64>,
    map_lines: Arc<MapLines>,
}

/// How drawings are made, to be raised when that changes between two releases: a cache
/// written by the same version drawing differently would otherwise be taken as valid.
const DRAWING_REVISION: u32 = 3;

/// What the drawings depend on besides the route: another sentier or other tolerances draw
/// differently.
fn cache_key(maps: &Maps) -> String {
    format!(
        "sentier {} drawings {DRAWING_REVISION} tolerances {} {}",
        env!("CARGO_PKG_VERSION"),
        maps.trek_tolerance,
        maps.overview_tolerance
    )
}

/// A trek's elevation profile, drawn when a page that shows it is rendered and then kept for
/// the other languages' pages. A page that may be reused is fingerprinted from the route it
/// would be drawn from: drawing every profile for those fingerprints was a twentieth of a
/// one-trek rebuild.
#[derive(Debug)]
pub struct LazyProfile {
    route: Arc<TrekRoute>,
    route_digest: Digest,
    drawn: OnceLock<Option<Profile>>,
}

impl LazyProfile {
    /// `None` for a route without altitudes.
    pub fn get(&self) -> Option<&Profile> {
        self.drawn
            .get_or_init(|| profile::profile(self.route.geometry()))
            .as_ref()
    }

    /// The fingerprint of the route, which the downloads are made from too.
    pub fn route_digest(&self) -> &str {
        &self.route_digest
    }
}

/// As an `Option<Profile>`: `null` for a route without altitudes.
impl Serialize for LazyProfile {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if fingerprint::hashing() {
            return serializer.serialize_str(&self.route_digest);
        }
        self.get().serialize(serializer)
    }
}

#[derive(Debug, Default)]
pub struct Drawings(HashMap<Id, Drawn>);

impl Drawings {
    /// Every trek's drawings: from `cache` when its route was drawn by an earlier build, drawn
    /// otherwise. `routes` holds each trek's route fingerprint ([`super::route_digests`]).
    /// `cache` is left holding this dataset's routes only.
    pub fn new(treks: &[Trek], routes: &[Option<Digest>], maps: &Maps, cache: &mut DrawingCache) -> Drawings {
        cache.valid_for(cache_key(maps));
        let drawn: Vec<(Id, Drawn, Digest, Cached, bool)> = treks
            .par_iter()
            .zip(routes)
            .filter_map(|(trek, route)| {
                let trek_route = trek.geometry.as_ref()?;
                let route = route.clone()?;
                let (cached, fresh) = match cache.get(&route) {
                    Some(cached) => (cached.clone(), false),
                    None => (draw(trek_route.geometry(), maps), true),
                };
                let drawn = Drawn {
                    profile: Some(Arc::new(LazyProfile {
                        route: Arc::clone(trek_route),
                        route_digest: route.clone(),
                        drawn: OnceLock::new(),
                    })),
                    thumbnail: cached.thumbnail.clone(),
                    length_m: cached.length_m,
                    map_lines: Arc::clone(&cached.map_lines),
                };
                Some((trek.id, drawn, route, cached, fresh))
            })
            .collect();
        let mut entries = HashMap::with_capacity(drawn.len());
        let mut fresh = false;
        let drawings = drawn
            .into_iter()
            .map(|(id, drawn, route, cached, drawn_now)| {
                fresh |= drawn_now;
                entries.insert(route, cached);
                (id, drawn)
            })
            .collect();
        cache.replace(entries, fresh);
        Drawings(drawings)
    }

    pub fn trek(&self, id: Id) -> &Drawn {
        static NOTHING: std::sync::OnceLock<Drawn> = std::sync::OnceLock::new();
        self.0
            .get(&id)
            .unwrap_or_else(|| NOTHING.get_or_init(Drawn::default))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::Fingerprint;
    use std::collections::HashSet;

    fn routes(treks: &[Trek]) -> Vec<Option<Digest>> {
        super::super::route_digests(treks)
    }

    fn drawings(treks: &[Trek], maps: &Maps, cache: &mut DrawingCache) -> Drawings {
        Drawings::new(treks, &routes(treks), maps, cache)
    }

    fn fresh_cache() -> DrawingCache {
        DrawingCache::empty(CACHE_FILE)
    }

    fn lazy(z: f64) -> LazyProfile {
        let geometry = Geometry::LineString(vec![
            Coord::new(6.0, 45.0, Some(1000.0)),
            Coord::new(6.01, 45.0, Some(z)),
        ]);
        let route = TrekRoute::from_geometry(geometry);
        LazyProfile {
            route_digest: route.digest().clone(),
            route: Arc::new(route),
            drawn: OnceLock::new(),
        }
    }

    fn trek(id: u64, shift: f64) -> Trek {
        let coordinates: Vec<[f64; 3]> = (0..200)
            .map(|i| {
                let i = i as f64;
                [6.0 + i * 1e-4, 45.0 + (i / 7.0).sin() * 1e-3 + shift, 1000.0 + i]
            })
            .collect();
        // Geometries are read from the text of their field.
        let json = serde_json::json!({
            "id": id,
            "geometry": {"type": "LineString", "coordinates": coordinates},
        });
        serde_json::from_str(&json.to_string()).unwrap()
    }

    fn same(a: &Drawn, b: &Drawn) {
        assert_eq!(a.thumbnail, b.thumbnail);
        assert_eq!(a.length_m, b.length_m);
        assert_eq!(a.map_lines, b.map_lines);
        assert!(a.thumbnail.is_some() && a.length_m.is_some());
    }

    #[test]
    fn drawings_kept_in_the_cache_are_the_ones_drawn() {
        let dir = tempfile::tempdir().unwrap();
        let maps = Maps::default();
        let treks = [trek(1, 0.0), trek(2, 0.01)];
        let mut cache = DrawingCache::load(dir.path(), CACHE_FILE);
        let drawn = drawings(&treks, &maps, &mut cache);
        assert!(cache.changed());
        cache.save(dir.path()).unwrap();

        let mut cache = DrawingCache::load(dir.path(), CACHE_FILE);
        assert_eq!(cache.len(), 2);
        let again = drawings(&treks, &maps, &mut cache);
        assert!(!cache.changed(), "nothing new was drawn");
        for id in [Id(1), Id(2)] {
            same(drawn.trek(id), again.trek(id));
        }

        // A route that changed is drawn again; one no longer there leaves the cache.
        let moved = [trek(1, 0.02)];
        let redrawn = drawings(&moved, &maps, &mut cache);
        assert!(cache.changed());
        assert_eq!(cache.len(), 1);
        assert_ne!(redrawn.trek(Id(1)).map_lines, drawn.trek(Id(1)).map_lines);
        same(
            redrawn.trek(Id(1)),
            drawings(&moved, &maps, &mut fresh_cache()).trek(Id(1)),
        );
    }

    /// The routes known are those drawn, written again whenever they are not what the build
    /// started with, even when no drawing changed.
    #[test]
    fn the_routes_known_are_the_routes_drawn() {
        use super::super::cache::{known_routes, Caches};
        let dir = tempfile::tempdir().unwrap();
        let maps = Maps::default();
        let treks = [trek(1, 0.0), trek(2, 0.01)];
        let digests: HashSet<Digest> = routes(&treks).into_iter().flatten().collect();
        let build = |treks: &[Trek]| {
            let mut caches = Caches::load(dir.path(), known_routes(dir.path()));
            drawings(treks, &maps, &mut caches.drawings);
            caches.save(dir.path()).unwrap();
        };
        build(&treks);
        assert_eq!(known_routes(dir.path()), digests);
        std::fs::remove_file(dir.path().join("known-routes.msgpack")).unwrap();
        build(&treks);
        assert_eq!(known_routes(dir.path()), digests);
        build(&treks[..1]);
        assert_eq!(known_routes(dir.path()).len(), 1);
        // Another sentier's routes are not known: its reader may have accepted other texts.
        let other = rmp_serde::to_vec(&("0.0.0-other", &digests)).unwrap();
        std::fs::write(dir.path().join("known-routes.msgpack"), other).unwrap();
        assert!(known_routes(dir.path()).is_empty());
    }

    #[test]
    fn a_cache_for_other_tolerances_or_unreadable_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let maps = Maps::default();
        let mut cache = fresh_cache();
        drawings(&[trek(1, 0.0)], &maps, &mut cache);
        cache.save(dir.path()).unwrap();
        let mut same_maps = DrawingCache::load(dir.path(), CACHE_FILE);
        same_maps.valid_for(cache_key(&maps));
        assert_eq!(same_maps.len(), 1);
        let coarser = Maps {
            trek_tolerance: maps.trek_tolerance * 2.0,
            ..Maps::default()
        };
        let mut other_maps = DrawingCache::load(dir.path(), CACHE_FILE);
        other_maps.valid_for(cache_key(&coarser));
        assert_eq!(other_maps.len(), 0);
        crate::fs::write(&dir.path().join(CACHE_FILE), b"not msgpack").unwrap();
        assert_eq!(DrawingCache::load(dir.path(), CACHE_FILE).len(), 0);

        // A cache that cannot be written is an error naming where, and leaves nothing behind.
        let blocked = dir.path().join("blocked");
        crate::fs::create_dir_all(
            &blocked
                .join(format!(".{CACHE_FILE}.{}", std::process::id()))
                .join("x"),
        )
        .unwrap();
        let error = cache.save(&blocked).unwrap_err().to_string();
        assert!(error.contains("blocked"), "{error}");
        assert!(!blocked.join(CACHE_FILE).exists());
    }

    #[test]
    fn a_profile_is_fingerprinted_by_its_route_and_drawn_for_pages() {
        let profile = lazy(1100.0);
        let digest = Fingerprint::new().value(&profile).finish();
        assert!(profile.drawn.get().is_none(), "drawn to be fingerprinted");
        assert_ne!(digest, Fingerprint::new().value(&lazy(1101.0)).finish());
        let json = serde_json::to_value(&profile).unwrap();
        assert_eq!(json["max_m"], 1100.0);
        assert_eq!(
            json,
            serde_json::to_value(profile::profile(profile.route.geometry())).unwrap()
        );
        let flat = lazy(0.0);
        let flat = LazyProfile {
            route: Arc::new(TrekRoute::from_geometry(Geometry::LineString(vec![
                Coord::new(6.0, 45.0, None),
                Coord::new(6.01, 45.0, None),
            ]))),
            ..flat
        };
        assert_eq!(serde_json::to_value(&flat).unwrap(), serde_json::Value::Null);
    }
}
