//! What lies near each trek, found once for all languages: the points of interest along its
//! route, the touristic contents and events within the nearby distance, the sensitive areas it
//! meets. Each language then keeps what it shows. Asking per language tripled the largest cost
//! of a build, and asking every object about every trek made it grow with the square of the
//! instance; here candidates come from a grid of bounding boxes and each route is read in runs
//! (see [`Route`]).

use std::collections::HashMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::cache::RouteCache;
use crate::fingerprint::{Digest, Fingerprint};
use crate::model::geometry::{bboxes_overlap, expand_bbox, fingerprint_geometry, Coord, Geometry};
use crate::model::route::Route;
use crate::model::values::Id;
use crate::model::Dataset;

/// A point of interest near a route.
#[derive(Debug, Clone, Copy)]
pub struct PoiAlong {
    /// Index into [`Dataset::pois`].
    pub index: usize,
    /// Metres from the route's start to the place nearest the point.
    pub along_m: f64,
    pub at: Coord,
}

/// Another object within the nearby distance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Near {
    pub id: Id,
    pub distance_m: f64,
}

/// What lies near one trek.
#[derive(Debug, Default)]
pub struct Around {
    /// Ordered along the route (then by id).
    pub pois: Vec<PoiAlong>,
    /// Nearest first (then by id).
    pub contents: Vec<Near>,
    pub events: Vec<Near>,
    /// Indexes into [`Dataset::sensitive_areas`], in the instance's order.
    pub sensitive_areas: Vec<usize>,
}

#[derive(Debug, Default)]
pub struct Proximity {
    treks: HashMap<Id, Around>,
    /// Per content, then per event: the treks near it, nearest first (then by id).
    content_treks: HashMap<Id, Vec<Near>>,
    event_treks: HashMap<Id, Vec<Near>>,
}

static NOTHING: Around = Around {
    pois: Vec::new(),
    contents: Vec::new(),
    events: Vec::new(),
    sensitive_areas: Vec::new(),
};

fn places<'a>(objects: impl Iterator<Item = (Id, Option<&'a Geometry>)>) -> BoxIndex<(Id, &'a Geometry)> {
    BoxIndex::new(
        objects
            .filter_map(|(id, g)| Some((g?.bbox()?, (id, g?))))
            .collect(),
    )
}

/// What earlier builds found near each route, by route fingerprint, valid while the objects
/// compared with the routes and the distances are the same: comparing every route with them
/// was a tenth of a one-trek rebuild.
pub type ProximityCache = RouteCache<CachedAround>;

pub(super) const CACHE_FILE: &str = "proximity.msgpack";

/// An [`Around`] as kept: the POIs' positions are read again from the dataset.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedAround {
    /// `(index into the POIs, along_m)`.
    pois: Vec<(usize, f64)>,
    contents: Vec<(u64, f64)>,
    events: Vec<(u64, f64)>,
    sensitive_areas: Vec<usize>,
}

impl CachedAround {
    fn of(around: &Around) -> Self {
        let near = |list: &[Near]| list.iter().map(|n| (n.id.0, n.distance_m)).collect();
        CachedAround {
            pois: around.pois.iter().map(|p| (p.index, p.along_m)).collect(),
            contents: near(&around.contents),
            events: near(&around.events),
            sensitive_areas: around.sensitive_areas.clone(),
        }
    }

    /// `None` when a POI it names is not where the key said (never, unless the file lies).
    fn around(&self, dataset: &Dataset) -> Option<Around> {
        let near = |list: &[(u64, f64)]| {
            list.iter()
                .map(|&(id, distance_m)| Near {
                    id: Id(id),
                    distance_m,
                })
                .collect()
        };
        Some(Around {
            pois: self
                .pois
                .iter()
                .map(|&(index, along_m)| {
                    let at = dataset.pois.get(index)?.geometry.as_ref()?.start()?;
                    Some(PoiAlong { index, along_m, at })
                })
                .collect::<Option<_>>()?,
            contents: near(&self.contents),
            events: near(&self.events),
            sensitive_areas: self.sensitive_areas.clone(),
        })
    }
}

/// What the results depend on besides the route: sentier, the distances, and every object a
/// route is compared with, in order (a POI is named by its index).
fn cache_key(dataset: &Dataset, poi_distance_m: f64, nearby_distance_m: f64) -> String {
    let mut key = Fingerprint::new();
    let mut place = |id: u64, geometry: Option<&Geometry>| {
        key.bytes(&id.to_le_bytes());
        match geometry {
            Some(g) => fingerprint_geometry(&mut key, g),
            None => {
                key.bytes(b"none");
            }
        }
    };
    for poi in &dataset.pois {
        place(poi.id.0, poi.geometry.as_ref());
    }
    for content in &dataset.touristic_contents {
        place(content.id.0, content.geometry.as_ref());
    }
    for event in &dataset.touristic_events {
        place(event.id.0, event.geometry.as_ref());
    }
    for area in &dataset.sensitive_areas {
        place(area.id.0, area.geometry.as_deref());
    }
    format!(
        "sentier {} distances {poi_distance_m} {nearby_distance_m} objects {} {} {} {} {}",
        env!("CARGO_PKG_VERSION"),
        dataset.pois.len(),
        dataset.touristic_contents.len(),
        dataset.touristic_events.len(),
        dataset.sensitive_areas.len(),
        key.finish()
    )
}

impl Proximity {
    /// What lies near each trek: from `cache` when its route and everything it is compared
    /// with are unchanged since an earlier build, searched otherwise. `routes` holds each
    /// trek's route fingerprint ([`super::route_digests`]); `cache` is left holding this
    /// dataset's routes only.
    pub fn new(
        dataset: &Dataset,
        routes: &[Option<Digest>],
        poi_distance_m: f64,
        nearby_distance_m: f64,
        cache: &mut ProximityCache,
    ) -> Proximity {
        cache.valid_for(cache_key(dataset, poi_distance_m, nearby_distance_m));
        let pois = BoxIndex::new(
            dataset
                .pois
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    let at = p.geometry.as_ref()?.start()?;
                    Some(([at.lon(), at.lat(), at.lon(), at.lat()], (i, at)))
                })
                .collect(),
        );
        let contents = places(
            dataset
                .touristic_contents
                .iter()
                .map(|c| (c.id, c.geometry.as_ref())),
        );
        let events = places(
            dataset
                .touristic_events
                .iter()
                .map(|e| (e.id, e.geometry.as_ref())),
        );
        let areas = BoxIndex::new(
            dataset
                .sensitive_areas
                .iter()
                .enumerate()
                .filter_map(|(i, a)| {
                    let g = a.geometry.as_ref()?;
                    Some((g.bbox()?, (i, g)))
                })
                .collect(),
        );

        let found: Vec<(Id, Digest, Around, bool)> = dataset
            .treks
            .par_iter()
            .zip(routes)
            .filter_map(|(trek, digest)| {
                let trek_route = trek.geometry.as_deref()?;
                let digest = digest.clone()?;
                if let Some(around) = cache.get(&digest).and_then(|c| c.around(dataset)) {
                    return Some((trek.id, digest, around, false));
                }
                let geometry = trek_route.geometry();
                let route = Route::new(geometry)?;
                let bbox = geometry.bbox()?;
                let near = |index: &BoxIndex<(Id, &Geometry)>| {
                    let reach = expand_bbox(bbox, nearby_distance_m);
                    let mut found: Vec<Near> = index
                        .within(reach)
                        .filter(|(_, g)| g.intersects_bbox(reach))
                        .filter_map(|&(id, g)| {
                            let distance_m = route.distance_within(g, nearby_distance_m)?;
                            Some(Near { id, distance_m })
                        })
                        .collect();
                    found.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m).then(a.id.cmp(&b.id)));
                    found
                };
                let mut along: Vec<PoiAlong> = pois
                    .within(expand_bbox(bbox, poi_distance_m))
                    .filter_map(|&(index, at)| {
                        let location = route.locate_within(at, poi_distance_m)?;
                        Some(PoiAlong {
                            index,
                            along_m: location.along_m,
                            at,
                        })
                    })
                    .collect();
                along.sort_by(|a, b| {
                    a.along_m
                        .total_cmp(&b.along_m)
                        .then(dataset.pois[a.index].id.cmp(&dataset.pois[b.index].id))
                });
                // The exact test walks every vertex of the route and of the area: boxes first.
                let mut crossed: Vec<usize> = areas
                    .within(bbox)
                    .filter(|(_, area)| geometry.meets_area(area))
                    .map(|&(i, _)| i)
                    .collect();
                crossed.sort_unstable();
                Some((
                    trek.id,
                    digest,
                    Around {
                        pois: along,
                        contents: near(&contents),
                        events: near(&events),
                        sensitive_areas: crossed,
                    },
                    true,
                ))
            })
            .collect();
        let mut entries = HashMap::with_capacity(found.len());
        let mut treks = HashMap::with_capacity(found.len());
        let mut fresh = false;
        for (id, digest, around, searched) in found {
            fresh |= searched;
            entries.insert(digest, CachedAround::of(&around));
            treks.insert(id, around);
        }
        cache.replace(entries, fresh);

        let invert = |pick: fn(&Around) -> &Vec<Near>| {
            let mut by_object: HashMap<Id, Vec<Near>> = HashMap::new();
            for (trek, around) in &treks {
                for near in pick(around) {
                    by_object.entry(near.id).or_default().push(Near {
                        id: *trek,
                        distance_m: near.distance_m,
                    });
                }
            }
            for list in by_object.values_mut() {
                list.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m).then(a.id.cmp(&b.id)));
            }
            by_object
        };
        let content_treks = invert(|a| &a.contents);
        let event_treks = invert(|a| &a.events);
        Proximity {
            treks,
            content_treks,
            event_treks,
        }
    }

    pub fn trek(&self, id: Id) -> &Around {
        self.treks.get(&id).unwrap_or(&NOTHING)
    }

    /// The treks near a touristic content, nearest first.
    pub fn content_treks(&self, id: Id) -> &[Near] {
        self.content_treks.get(&id).map_or(&[], Vec::as_slice)
    }

    pub fn event_treks(&self, id: Id) -> &[Near] {
        self.event_treks.get(&id).map_or(&[], Vec::as_slice)
    }
}

/// Items by bounding box on a grid of [`CELL_DEG`] cells: a query reads the cells its box
/// covers. An item covering many cells (a park-wide area) is kept aside and always checked.
struct BoxIndex<T> {
    items: Vec<([f64; 4], T)>,
    cells: HashMap<(i64, i64), Vec<usize>>,
    wide: Vec<usize>,
}

const CELL_DEG: f64 = 0.02;
const MAX_CELLS_PER_ITEM: i64 = 64;

fn cell(degrees: f64) -> i64 {
    (degrees / CELL_DEG).floor() as i64
}

fn cell_span([w, s, e, n]: [f64; 4]) -> (i64, i64, i64, i64) {
    (cell(w), cell(e), cell(s), cell(n))
}

impl<T> BoxIndex<T> {
    fn new(items: Vec<([f64; 4], T)>) -> Self {
        let mut cells: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        let mut wide = Vec::new();
        for (i, (bbox, _)) in items.iter().enumerate() {
            let (x0, x1, y0, y1) = cell_span(*bbox);
            if (x1 - x0 + 1).saturating_mul(y1 - y0 + 1) > MAX_CELLS_PER_ITEM {
                wide.push(i);
                continue;
            }
            for x in x0..=x1 {
                for y in y0..=y1 {
                    cells.entry((x, y)).or_default().push(i);
                }
            }
        }
        BoxIndex { items, cells, wide }
    }

    /// The items whose box overlaps `bbox`, each once, in their original order.
    fn within(&self, bbox: [f64; 4]) -> impl Iterator<Item = &T> {
        let (x0, x1, y0, y1) = cell_span(bbox);
        let cell_count = (x1 - x0 + 1).saturating_mul(y1 - y0 + 1);
        let mut found: Vec<usize> = if cell_count > self.cells.len() as i64 {
            // A box wider than the data (a route drawn around the world): read everything.
            (0..self.items.len()).collect()
        } else {
            (x0..=x1)
                .flat_map(|x| (y0..=y1).map(move |y| (x, y)))
                .filter_map(|c| self.cells.get(&c))
                .flatten()
                .chain(&self.wide)
                .copied()
                .collect()
        };
        found.sort_unstable();
        found.dedup();
        found
            .into_iter()
            .filter(move |&i| bboxes_overlap(self.items[i].0, bbox))
            .map(|i| &self.items[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Poi, TouristicContent};

    fn object<T: serde::de::DeserializeOwned>(json: serde_json::Value) -> T {
        // Geometries are read from the text of their field.
        serde_json::from_str(&json.to_string()).unwrap()
    }

    fn dataset(poi_shift: f64) -> Dataset {
        let line =
            |lat: f64| -> Vec<[f64; 3]> { (0..100).map(|i| [6.0 + i as f64 * 1e-3, lat, 1000.0]).collect() };
        let point = |lon: f64, lat: f64| serde_json::json!({"type": "Point", "coordinates": [lon, lat]});
        Dataset {
            treks: vec![
                object(
                    serde_json::json!({"id": 1, "geometry": {"type": "LineString", "coordinates": line(45.0)}}),
                ),
                object(
                    serde_json::json!({"id": 2, "geometry": {"type": "LineString", "coordinates": line(45.2)}}),
                ),
            ],
            pois: vec![
                object::<Poi>(serde_json::json!({"id": 10, "geometry": point(6.05, 45.0005 + poi_shift)})),
                object(serde_json::json!({"id": 11, "geometry": point(6.02, 45.2001)})),
                object(serde_json::json!({"id": 12, "geometry": point(7.0, 46.0)})),
            ],
            touristic_contents: vec![object::<TouristicContent>(
                serde_json::json!({"id": 20, "geometry": point(6.03, 45.01)}),
            )],
            ..Dataset::default()
        }
    }

    fn search(dataset: &Dataset, cache: &mut ProximityCache) -> String {
        let routes = super::super::route_digests(&dataset.treks);
        let proximity = Proximity::new(dataset, &routes, 300.0, 5000.0, cache);
        format!(
            "{:?} {:?} {:?}",
            proximity.trek(Id(1)),
            proximity.trek(Id(2)),
            proximity.content_treks(Id(20))
        )
    }

    #[test]
    fn what_lies_near_a_route_is_kept_until_a_compared_object_moves() {
        let fresh = || ProximityCache::empty(CACHE_FILE);
        let here = dataset(0.0);
        let found = search(&here, &mut fresh());
        assert!(
            found.contains("index: 0") && found.contains("index: 1"),
            "{found}"
        );
        assert!(!found.contains("index: 2"), "{found}");

        let mut cache = fresh();
        assert_eq!(search(&here, &mut cache), found);
        assert!(cache.changed());
        assert_eq!(cache.len(), 2);
        let dir = tempfile::tempdir().unwrap();
        cache.save(dir.path()).unwrap();
        let mut cache = ProximityCache::load(dir.path(), CACHE_FILE);
        assert_eq!(search(&here, &mut cache), found);
        assert!(!cache.changed(), "nothing was searched again");

        // A POI moved away: every route is compared again.
        let moved = dataset(0.01);
        let found_moved = search(&moved, &mut cache);
        assert!(cache.changed());
        assert_ne!(found_moved, found);
        assert_eq!(found_moved, search(&moved, &mut fresh()));
    }

    #[test]
    fn a_box_index_finds_each_overlapping_item_once_in_order() {
        let index = BoxIndex::new(vec![
            ([6.0, 45.0, 6.0, 45.0], "point"),
            ([6.01, 45.01, 6.09, 45.05], "small area"),
            ([0.0, 40.0, 10.0, 50.0], "wide area"),
            ([7.0, 46.0, 7.0, 46.0], "far point"),
        ]);
        let found: Vec<&str> = index.within([5.99, 44.99, 6.02, 45.02]).copied().collect();
        assert_eq!(found, ["point", "small area", "wide area"]);
        let around_the_world: Vec<&str> = index.within([-180.0, -90.0, 180.0, 90.0]).copied().collect();
        assert_eq!(around_the_world.len(), 4);
    }
}
