//! The `[source]` filters, applied locally to every family whatever the API already applied:
//! an API may ignore a parameter (older versions), and a snapshot may have been pulled with
//! other filters than the site now has.

use crate::config::{CityFilter, Filters};
use crate::model::geometry::Geometry;
use crate::model::trek_route::TrekRoute;
use crate::model::values::{CityRef, Published, Ref, Refs};
use crate::model::{Dataset, OutdoorCourse, OutdoorSite, TouristicContent, TouristicEvent, Trek};

/// What the filters look at. A family without a field (a course has no portal) passes the
/// filter on that field.
pub trait Filterable {
    fn published(&self) -> &Published;
    fn portals(&self) -> Option<&Refs> {
        None
    }
    fn structure(&self) -> Option<&Ref> {
        None
    }
    /// Only treks: `[source] practices` are trek practices.
    fn practice(&self) -> Option<&Ref> {
        None
    }
    fn cities(&self) -> &[CityRef];
    fn city_codes(&self) -> &[String] {
        &[]
    }
    fn districts(&self) -> &Refs;
    fn geometry(&self) -> Option<&Geometry>;
}

pub fn passes(object: &impl Filterable, filters: &Filters, dataset: &Dataset) -> bool {
    let any = |wanted: &[u64], refs: Option<&Refs>| {
        wanted.is_empty() || refs.is_none_or(|refs| refs.ids.iter().any(|id| wanted.contains(&id.0)))
    };
    let one = |wanted: &[u64], reference: Option<&Ref>| {
        wanted.is_empty() || reference.is_none_or(|r| r.id.is_some_and(|id| wanted.contains(&id.0)))
    };
    any(&filters.portals, object.portals())
        && one(&filters.structures, object.structure())
        && one(&filters.practices, object.practice())
        && any(&filters.districts, Some(object.districts()))
        && (filters.cities.is_empty() || filters.cities.iter().any(|f| in_city(object, f, dataset)))
        && filters
            .bbox
            .is_none_or(|bbox| object.geometry().is_some_and(|g| g.intersects_bbox(bbox)))
}

fn in_city(object: &impl Filterable, filter: &CityFilter, dataset: &Dataset) -> bool {
    match filter {
        CityFilter::Id(id) => object.cities().contains(&CityRef::Id(*id)),
        CityFilter::Code(code) => {
            object.city_codes().contains(code)
                || object.cities().iter().any(|c| match c {
                    CityRef::Code(c) => c == code,
                    CityRef::Id(_) => dataset.city(c).is_some_and(|city| &city.code == code),
                })
        }
    }
}

/// The fields every filtered family has.
macro_rules! common_fields {
    () => {
        fn published(&self) -> &Published {
            &self.published
        }
        fn cities(&self) -> &[CityRef] {
            &self.cities
        }
        fn districts(&self) -> &Refs {
            &self.districts
        }
    };
}

/// For the families whose geometry is decoded with them.
macro_rules! decoded_geometry {
    () => {
        fn geometry(&self) -> Option<&Geometry> {
            self.geometry.as_ref()
        }
    };
}

impl Filterable for Trek {
    common_fields!();
    fn geometry(&self) -> Option<&Geometry> {
        self.geometry.as_deref().map(TrekRoute::geometry)
    }
    fn portals(&self) -> Option<&Refs> {
        Some(&self.portal)
    }
    fn structure(&self) -> Option<&Ref> {
        Some(&self.structure)
    }
    fn practice(&self) -> Option<&Ref> {
        Some(&self.practice)
    }
    fn city_codes(&self) -> &[String] {
        &self.city_codes
    }
}

impl Filterable for TouristicContent {
    common_fields!();
    decoded_geometry!();
    fn portals(&self) -> Option<&Refs> {
        Some(&self.portal)
    }
    fn structure(&self) -> Option<&Ref> {
        Some(&self.structure)
    }
    fn city_codes(&self) -> &[String] {
        &self.city_codes
    }
}

impl Filterable for TouristicEvent {
    common_fields!();
    decoded_geometry!();
    fn portals(&self) -> Option<&Refs> {
        Some(&self.portal)
    }
    fn structure(&self) -> Option<&Ref> {
        Some(&self.structure)
    }
    fn city_codes(&self) -> &[String] {
        &self.city_codes
    }
}

impl Filterable for OutdoorSite {
    common_fields!();
    decoded_geometry!();
    fn portals(&self) -> Option<&Refs> {
        Some(&self.portal)
    }
    fn structure(&self) -> Option<&Ref> {
        Some(&self.structure)
    }
}

impl Filterable for OutdoorCourse {
    common_fields!();
    decoded_geometry!();
    fn structure(&self) -> Option<&Ref> {
        Some(&self.structure)
    }
}

/// Objects of a family shown in `lang`: published in it and passing the filters.
pub fn shown<'a, T: Filterable>(
    objects: &'a [T],
    lang: &str,
    filters: &Filters,
    dataset: &Dataset,
) -> Vec<&'a T> {
    objects
        .iter()
        .filter(|o| o.published().in_language(lang) && passes(*o, filters, dataset))
        .collect()
}
