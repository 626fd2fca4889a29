//! The catalogue of Geotrek API v2 endpoints a portal needs: their names, the content family
//! each belongs to, the fixed query each is fetched with, which `[source]` filters the API
//! understands on it, and which fields reference objects of other endpoints.
//!
//! It is plain data shared by `fetch` (what to request, which references to complete) and
//! `model` (what to decode), so neither has to know the other.

use std::collections::BTreeMap;

use serde_json::value::RawValue;

use crate::config::Include;
use crate::model::values::{Id, Refs};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Treks,
    TouristicContents,
    TouristicEvents,
    Outdoor,
    SensitiveAreas,
    FlatPages,
    /// Used by several families (themes, structures, sources, cities...).
    Shared,
}

impl Family {
    pub fn included(self, include: &Include) -> bool {
        match self {
            Family::Treks => include.treks,
            Family::TouristicContents => include.touristic_contents,
            Family::TouristicEvents => include.touristic_events,
            Family::Outdoor => include.outdoor,
            Family::SensitiveAreas => include.sensitive_areas,
            Family::FlatPages => include.flat_pages,
            Family::Shared => true,
        }
    }
}

/// `[source]` filters, by the query parameter the API knows them as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterParam {
    Portals,
    Structures,
    Practices,
    Cities,
    Districts,
    InBbox,
}

#[derive(Debug)]
pub struct Endpoint {
    /// Path segment under `/api/v2/`, also the snapshot file name.
    pub name: &'static str,
    pub family: Family,
    /// Only `trek/` is required: Geotrek 3 may disable any other module.
    pub required: bool,
    /// Parameters always sent: the API's defaults would hide data a portal needs.
    pub query: &'static [(&'static str, &'static str)],
    pub filters: &'static [FilterParam],
    /// `(field, endpoint)`: ids in `field` name objects of `endpoint`.
    pub references: &'static [(&'static str, &'static str)],
}

use FilterParam::*;

const CONTENT_FILTERS: &[FilterParam] = &[Portals, Structures, Cities, Districts, InBbox];
const PORTALS: &[FilterParam] = &[Portals];

const fn nomenclature(name: &'static str, family: Family) -> Endpoint {
    Endpoint {
        name,
        family,
        required: false,
        query: &[],
        filters: &[],
        references: &[],
    }
}

pub const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        name: "trek",
        family: Family::Treks,
        required: true,
        query: &[],
        filters: &[Portals, Structures, Practices, Cities, Districts, InBbox],
        references: &[
            ("difficulty", "trek_difficulty"),
            ("practice", "trek_practice"),
            ("route", "trek_route"),
            ("accessibility_level", "trek_accessibility_level"),
            ("themes", "theme"),
            ("networks", "trek_network"),
            ("accessibilities", "trek_accessibility"),
            ("labels", "label"),
            ("ratings", "trek_rating"),
            ("information_desks", "informationdesk"),
            ("source", "source"),
            ("portal", "portal"),
            ("structure", "structure"),
            ("reservation_system", "reservationsystem"),
            ("children", "trek"),
        ],
    },
    Endpoint {
        name: "poi",
        family: Family::Treks,
        required: false,
        query: &[],
        filters: &[],
        references: &[("type", "poi_type"), ("structure", "structure")],
    },
    Endpoint {
        name: "touristiccontent",
        family: Family::TouristicContents,
        required: false,
        query: &[],
        filters: CONTENT_FILTERS,
        references: &[
            ("category", "touristiccontent_category"),
            ("themes", "theme"),
            ("source", "source"),
            ("portal", "portal"),
            ("structure", "structure"),
            ("label_accessibility", "label_accessibility"),
            ("reservation_system", "reservationsystem"),
        ],
    },
    Endpoint {
        name: "touristicevent",
        family: Family::TouristicEvents,
        required: false,
        query: &[],
        filters: CONTENT_FILTERS,
        references: &[
            ("type", "touristicevent_type"),
            ("themes", "theme"),
            ("source", "source"),
            ("portal", "portal"),
            ("structure", "structure"),
        ],
    },
    Endpoint {
        name: "outdoor_site",
        family: Family::Outdoor,
        required: false,
        query: &[],
        filters: CONTENT_FILTERS,
        references: &[
            ("practice", "outdoor_practice"),
            ("type", "outdoor_sitetype"),
            ("sector", "outdoor_sector"),
            ("ratings", "outdoor_rating"),
            ("labels", "label"),
            ("themes", "theme"),
            ("information_desks", "informationdesk"),
            ("managers", "organism"),
            ("source", "source"),
            ("portal", "portal"),
            ("structure", "structure"),
            ("children", "outdoor_site"),
            ("courses", "outdoor_course"),
        ],
    },
    Endpoint {
        name: "outdoor_course",
        family: Family::Outdoor,
        required: false,
        query: &[],
        filters: CONTENT_FILTERS,
        references: &[
            ("type", "outdoor_coursetype"),
            ("ratings", "outdoor_rating"),
            ("structure", "structure"),
        ],
    },
    Endpoint {
        name: "sensitivearea",
        family: Family::SensitiveAreas,
        required: false,
        // The API's default is the current month only.
        query: &[("period", "ignore")],
        filters: &[Structures, InBbox],
        references: &[("practices", "sensitivearea_practice")],
    },
    Endpoint {
        name: "flatpage",
        family: Family::FlatPages,
        required: false,
        query: &[],
        filters: PORTALS,
        references: &[("children", "flatpage"), ("source", "source")],
    },
    Endpoint {
        name: "menu_item",
        family: Family::FlatPages,
        required: false,
        query: &[],
        filters: PORTALS,
        references: &[("page", "flatpage")],
    },
    Endpoint {
        name: "informationdesk",
        family: Family::Shared,
        required: false,
        query: &[],
        filters: PORTALS,
        references: &[],
    },
    Endpoint {
        // City geometries are multipolygons of several hundred kB each: never fetch them.
        name: "city",
        family: Family::Shared,
        required: false,
        query: &[("fields", "id,code,name,published")],
        filters: &[],
        references: &[],
    },
    Endpoint {
        name: "district",
        family: Family::Shared,
        required: false,
        query: &[("fields", "id,name,published")],
        filters: &[],
        references: &[],
    },
    Endpoint {
        name: "trek_rating",
        family: Family::Treks,
        required: false,
        query: &[],
        filters: &[],
        references: &[("scale", "trek_ratingscale")],
    },
    Endpoint {
        name: "outdoor_rating",
        family: Family::Outdoor,
        required: false,
        query: &[],
        filters: &[],
        references: &[("scale", "outdoor_ratingscale")],
    },
    nomenclature("trek_difficulty", Family::Treks),
    nomenclature("trek_practice", Family::Treks),
    nomenclature("trek_route", Family::Treks),
    nomenclature("trek_network", Family::Treks),
    nomenclature("trek_accessibility", Family::Treks),
    nomenclature("trek_accessibility_level", Family::Treks),
    nomenclature("trek_ratingscale", Family::Treks),
    nomenclature("poi_type", Family::Treks),
    nomenclature("theme", Family::Shared),
    nomenclature("label", Family::Shared),
    nomenclature("source", Family::Shared),
    nomenclature("structure", Family::Shared),
    nomenclature("portal", Family::Shared),
    nomenclature("weblink_category", Family::Shared),
    nomenclature("reservationsystem", Family::Shared),
    nomenclature("label_accessibility", Family::Shared),
    nomenclature("informationdesk_type", Family::Shared),
    nomenclature("touristiccontent_category", Family::TouristicContents),
    nomenclature("touristicevent_type", Family::TouristicEvents),
    nomenclature("outdoor_practice", Family::Outdoor),
    nomenclature("outdoor_sitetype", Family::Outdoor),
    nomenclature("outdoor_coursetype", Family::Outdoor),
    nomenclature("outdoor_sector", Family::Outdoor),
    nomenclature("outdoor_ratingscale", Family::Outdoor),
    nomenclature("organism", Family::Outdoor),
    nomenclature("sensitivearea_practice", Family::SensitiveAreas),
];

/// Fields of one raw object, parsed no further than needed. Their names are borrowed from
/// the text (copying them was most of the cost), unless one is written with an escape.
enum Fields<'a> {
    Borrowed(BTreeMap<&'a str, &'a RawValue>),
    Owned(BTreeMap<String, &'a RawValue>),
}

impl<'a> Fields<'a> {
    fn get(&self, name: &str) -> Option<&'a RawValue> {
        match self {
            Fields::Borrowed(fields) => fields.get(name).copied(),
            Fields::Owned(fields) => fields.get(name).copied(),
        }
    }
}

fn fields(raw: &str) -> Fields<'_> {
    match serde_json::from_str(raw) {
        Ok(fields) => Fields::Borrowed(fields),
        Err(_) => Fields::Owned(serde_json::from_str(raw).unwrap_or_default()),
    }
}

/// `(target endpoint, id)` for every reference a raw object of `endpoint` holds.
pub fn referenced_ids(endpoint: &Endpoint, raw: &RawValue) -> Vec<(&'static str, Id)> {
    let fields = fields(raw.get());
    let mut found = Vec::new();
    for (field, target) in endpoint.references {
        if let Some(value) = fields.get(field) {
            if let Ok(refs) = serde_json::from_str::<Refs>(value.get()) {
                found.extend(refs.ids.into_iter().map(|id| (*target, id)));
            }
        }
    }
    found
}

/// `(field, value)` for every value in a reference field that is not an id.
pub fn rejected_references(endpoint: &Endpoint, raw: &str) -> Vec<(&'static str, String)> {
    if endpoint.references.is_empty() {
        return Vec::new();
    }
    let fields = fields(raw);
    let mut rejected = Vec::new();
    for (field, _) in endpoint.references {
        if let Some(value) = fields.get(field) {
            match serde_json::from_str::<Refs>(value.get()) {
                Ok(refs) => rejected.extend(refs.rejected.into_iter().map(|r| (*field, r))),
                Err(_) => rejected.push((*field, value.get().to_string())),
            }
        }
    }
    rejected
}

/// Endpoints with Geotrek's `updated_after=` filter (2.63+): filtered on the object's own
/// `date_update`, by day. The others are nomenclatures, small enough to list whole every time.
const TRACKS_UPDATES: &[&str] = &[
    "trek",
    "poi",
    "touristiccontent",
    "touristicevent",
    "outdoor_site",
    "outdoor_course",
    "sensitivearea",
    "flatpage",
];

pub fn tracks_updates(endpoint: &Endpoint) -> bool {
    TRACKS_UPDATES.contains(&endpoint.name)
}

pub fn find(name: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.name == name)
}

/// The endpoints a site with these families needs, in catalogue order.
pub fn selected(include: &Include) -> impl Iterator<Item = &'static Endpoint> + '_ {
    ENDPOINTS.iter().filter(|e| e.family.included(include))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reference_points_to_a_catalogued_endpoint() {
        for endpoint in ENDPOINTS {
            for (field, target) in endpoint.references {
                assert!(find(target).is_some(), "{}.{field} → {target}", endpoint.name);
            }
        }
    }

    #[test]
    fn references_are_read_from_raw_objects() {
        let raw: Box<RawValue> = serde_json::from_str(
            r#"{"id": 2, "difficulty": 1, "themes": [8, "4"], "children": ["c9567576"], "practice": null}"#,
        )
        .unwrap();
        let trek = find("trek").unwrap();
        assert_eq!(
            referenced_ids(trek, &raw),
            [("trek_difficulty", Id(1)), ("theme", Id(8)), ("theme", Id(4))]
        );
        assert_eq!(
            rejected_references(trek, raw.get()),
            [("children", "\"c9567576\"".to_string())]
        );
    }

    #[test]
    fn endpoint_names_are_unique() {
        let mut names: Vec<_> = ENDPOINTS.iter().map(|e| e.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), ENDPOINTS.len());
    }
}
