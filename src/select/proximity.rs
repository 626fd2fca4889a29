//! What lies near each trek, found once for all languages: the points of interest along its
//! route, the touristic contents and events within the nearby distance, the sensitive areas it
//! meets. Each language then keeps what it shows. Asking per language tripled the largest cost
//! of a build, and asking every object about every trek made it grow with the square of the
//! instance; here candidates come from a grid of bounding boxes and each route is read in runs
//! (see [`Route`]).

use std::collections::HashMap;

use rayon::prelude::*;

use crate::model::geometry::{bboxes_overlap, expand_bbox, Coord, Geometry};
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

impl Proximity {
    pub fn new(dataset: &Dataset, poi_distance_m: f64, nearby_distance_m: f64) -> Proximity {
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

        let treks: HashMap<Id, Around> = dataset
            .treks
            .par_iter()
            .filter_map(|trek| {
                let geometry = trek.geometry.as_deref()?;
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
                    Around {
                        pois: along,
                        contents: near(&contents),
                        events: near(&events),
                        sensitive_areas: crossed,
                    },
                ))
            })
            .collect();

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
