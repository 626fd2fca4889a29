//! What is drawn from a trek's route, the same in every language: its elevation profile, its
//! thumbnail and its length when the API gives none. Drawn once per trek, before the languages,
//! and shared by their pages: per language it was a tenth of a build.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::assets::profile::{self, Profile};
use crate::model::geometry::Geometry;
use crate::model::values::Id;
use crate::model::Trek;

#[derive(Debug, Default)]
pub struct Drawn {
    pub profile: Option<Arc<Profile>>,
    /// SVG path in a 100 × 100 box.
    pub thumbnail: Option<Arc<str>>,
    /// Geodesic length of the lines, in metres, when positive.
    pub length_m: Option<f64>,
}

#[derive(Debug, Default)]
pub struct Drawings(HashMap<Id, Drawn>);

static NOTHING: Drawn = Drawn {
    profile: None,
    thumbnail: None,
    length_m: None,
};

impl Drawings {
    pub fn new(treks: &[Trek]) -> Drawings {
        Drawings(
            treks
                .par_iter()
                .filter_map(|trek| {
                    let geometry = trek.geometry.as_deref()?;
                    Some((
                        trek.id,
                        Drawn {
                            profile: profile::profile(geometry).map(Arc::new),
                            thumbnail: profile::thumbnail(geometry).map(Arc::from),
                            length_m: Some(Geometry::length_m(geometry)).filter(|l| *l > 0.0),
                        },
                    ))
                })
                .collect(),
        )
    }

    pub fn trek(&self, id: Id) -> &Drawn {
        self.0.get(&id).unwrap_or(&NOTHING)
    }
}
