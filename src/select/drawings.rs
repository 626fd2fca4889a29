//! What is drawn from a trek's route, the same in every language: its elevation profile, its
//! thumbnail, its lines on the maps and its length when the API gives none. Drawn once per
//! trek, before the languages, and shared by their pages: per language it was a tenth of a
//! build.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::assets::map::MapLines;
use crate::assets::profile::{self, Profile};
use crate::assets::simplify;
use crate::config::Maps;
use crate::model::geometry::{Coord, Geometry};
use crate::model::values::Id;
use crate::model::Trek;

#[derive(Debug, Default)]
pub struct Drawn {
    pub profile: Option<Arc<Profile>>,
    /// SVG path in a 100 × 100 box.
    pub thumbnail: Option<Arc<str>>,
    /// Geodesic length of the lines, in metres, when positive.
    pub length_m: Option<f64>,
    pub map_lines: Arc<MapLines>,
}

#[derive(Debug, Default)]
pub struct Drawings(HashMap<Id, Drawn>);

impl Drawings {
    pub fn new(treks: &[Trek], maps: &Maps) -> Drawings {
        Drawings(
            treks
                .par_iter()
                .filter_map(|trek| {
                    let geometry = trek.geometry.as_deref()?;
                    // Simplified once for the page's map; the global map and the thumbnail,
                    // coarser, start from that.
                    let page_lines: Vec<Vec<Coord>> = geometry
                        .lines()
                        .into_iter()
                        .map(|line| simplify(line, maps.trek_tolerance))
                        .collect();
                    let thumbnail = geometry.bbox().and_then(|bbox| {
                        let lines: Vec<&[Coord]> = page_lines.iter().map(Vec::as_slice).collect();
                        profile::thumbnail_of(bbox, &lines)
                    });
                    let profile = profile::profile(geometry);
                    // The profile walked the route already.
                    let length_m = profile
                        .as_ref()
                        .map_or_else(|| Geometry::length_m(geometry), |p| p.length_m);
                    Some((
                        trek.id,
                        Drawn {
                            profile: profile.map(Arc::new),
                            thumbnail: thumbnail.map(Arc::from),
                            length_m: Some(length_m).filter(|l| *l > 0.0),
                            map_lines: Arc::new(MapLines::new(&page_lines, maps.overview_tolerance)),
                        },
                    ))
                })
                .collect(),
        )
    }

    pub fn trek(&self, id: Id) -> &Drawn {
        static NOTHING: std::sync::OnceLock<Drawn> = std::sync::OnceLock::new();
        self.0
            .get(&id)
            .unwrap_or_else(|| NOTHING.get_or_init(Drawn::default))
    }
}
