//! Typed Geotrek objects, one struct per endpoint, with the fields a portal shows.
//!
//! Every field is optional in practice (older instances lack newer fields; hand-edited data
//! nulls anything), so structs default field by field and unknown fields are ignored.
//! References stay ids here; `select` resolves them for each language.

use std::sync::Arc;

use serde::Deserialize;

use super::geometry::{self, Coord, Geometry};
use super::trek_route::TrekRoute;
use super::values::{nullable, number, string, CityRef, Id, Published, Ref, Refs, Scalar, Text};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Attachment {
    #[serde(deserialize_with = "string", rename = "type")]
    pub kind: String,
    #[serde(deserialize_with = "string")]
    pub url: String,
    #[serde(deserialize_with = "string")]
    pub thumbnail: String,
    #[serde(deserialize_with = "string")]
    pub title: String,
    #[serde(deserialize_with = "string")]
    pub legend: String,
    #[serde(deserialize_with = "string")]
    pub author: String,
    #[serde(deserialize_with = "string")]
    pub license: String,
    #[serde(deserialize_with = "string")]
    pub backend: String,
}

impl Attachment {
    /// A picture that can be shown: images with a file URL (external links are also `image`).
    pub fn is_picture(&self) -> bool {
        self.kind == "image" && !self.url.is_empty()
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct WebLinkCategory {
    pub id: Ref,
    pub label: Text,
    #[serde(deserialize_with = "string")]
    pub pictogram: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct WebLink {
    pub name: Text,
    #[serde(deserialize_with = "string")]
    pub url: String,
    pub category: Option<WebLinkCategory>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Trek {
    pub id: Id,
    #[serde(default, deserialize_with = "string")]
    pub uuid: String,
    #[serde(default)]
    pub name: Text,
    #[serde(default)]
    pub published: Published,
    #[serde(default)]
    pub description_teaser: Text,
    #[serde(default)]
    pub description: Text,
    #[serde(default)]
    pub ambiance: Text,
    #[serde(default)]
    pub access: Text,
    #[serde(default)]
    pub advice: Text,
    #[serde(default)]
    pub gear: Text,
    #[serde(default)]
    pub public_transport: Text,
    #[serde(default)]
    pub advised_parking: Text,
    #[serde(default)]
    pub departure: Text,
    #[serde(default)]
    pub arrival: Text,
    #[serde(default)]
    pub ratings_description: Text,
    #[serde(default)]
    pub disabled_infrastructure: Text,
    #[serde(default)]
    pub accessibility_advice: Text,
    #[serde(default)]
    pub accessibility_covering: Text,
    #[serde(default)]
    pub accessibility_exposure: Text,
    #[serde(default)]
    pub accessibility_signage: Text,
    #[serde(default)]
    pub accessibility_slope: Text,
    #[serde(default)]
    pub accessibility_width: Text,
    /// Shared: every language's view and the download and map jobs read the same route.
    #[serde(default, deserialize_with = "super::trek_route::optional")]
    pub geometry: Option<Arc<TrekRoute>>,
    #[serde(default, deserialize_with = "geometry::optional_point")]
    pub parking_location: Option<Coord>,
    #[serde(default, deserialize_with = "geometry::optional")]
    pub points_reference: Option<Geometry>,
    #[serde(default, deserialize_with = "number")]
    pub length_2d: Option<f64>,
    #[serde(default, deserialize_with = "number")]
    pub length_3d: Option<f64>,
    #[serde(default, deserialize_with = "number")]
    pub ascent: Option<f64>,
    #[serde(default, deserialize_with = "number")]
    pub descent: Option<f64>,
    #[serde(default, deserialize_with = "number")]
    pub min_elevation: Option<f64>,
    #[serde(default, deserialize_with = "number")]
    pub max_elevation: Option<f64>,
    /// Hours: 1.5 is 1 h 30, 24 one day.
    #[serde(default, deserialize_with = "number")]
    pub duration: Option<f64>,
    #[serde(default)]
    pub difficulty: Ref,
    #[serde(default)]
    pub practice: Ref,
    #[serde(default)]
    pub route: Ref,
    #[serde(default)]
    pub accessibility_level: Ref,
    #[serde(default)]
    pub themes: Refs,
    #[serde(default)]
    pub networks: Refs,
    #[serde(default)]
    pub accessibilities: Refs,
    #[serde(default)]
    pub labels: Refs,
    #[serde(default)]
    pub ratings: Refs,
    #[serde(default)]
    pub information_desks: Refs,
    #[serde(default)]
    pub source: Refs,
    #[serde(default)]
    pub portal: Refs,
    #[serde(default)]
    pub structure: Ref,
    #[serde(default)]
    pub reservation_system: Ref,
    #[serde(default, deserialize_with = "string")]
    pub reservation_id: String,
    #[serde(default, deserialize_with = "nullable")]
    pub cities: Vec<CityRef>,
    #[serde(default, deserialize_with = "nullable")]
    pub city_codes: Vec<String>,
    #[serde(default)]
    pub departure_city: Option<CityRef>,
    #[serde(default)]
    pub districts: Refs,
    #[serde(default)]
    pub children: Refs,
    #[serde(default)]
    pub parents: Refs,
    /// Parent id → previous step in that parent (`{}` when not a step).
    #[serde(default, deserialize_with = "step_neighbours")]
    pub previous: Vec<(Id, Id)>,
    #[serde(default, deserialize_with = "step_neighbours")]
    pub next: Vec<(Id, Id)>,
    #[serde(default, deserialize_with = "nullable")]
    pub attachments: Vec<Attachment>,
    #[serde(default, deserialize_with = "nullable")]
    pub web_links: Vec<WebLink>,
    #[serde(default, deserialize_with = "string")]
    pub gpx: String,
    #[serde(default, deserialize_with = "string")]
    pub kml: String,
    #[serde(default)]
    pub pdf: Text,
    #[serde(default, deserialize_with = "string")]
    pub create_datetime: String,
    #[serde(default, deserialize_with = "string")]
    pub update_datetime: String,
}

/// `previous`/`next`: `{"<parent id>": <id or null>}`.
fn step_neighbours<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<(Id, Id)>, D::Error> {
    let map =
        Option::<std::collections::BTreeMap<String, Ref>>::deserialize(deserializer)?.unwrap_or_default();
    Ok(map
        .into_iter()
        .filter_map(|(parent, step)| Some((Id(parent.trim().parse().ok()?), step.id?)))
        .collect())
}

#[derive(Debug, Clone, Deserialize)]
pub struct Poi {
    pub id: Id,
    #[serde(default)]
    pub name: Text,
    #[serde(default)]
    pub description: Text,
    #[serde(default)]
    pub published: Published,
    #[serde(default, deserialize_with = "geometry::optional")]
    pub geometry: Option<Geometry>,
    #[serde(default, rename = "type")]
    pub kind: Ref,
    #[serde(default)]
    pub type_label: Text,
    #[serde(default, deserialize_with = "string")]
    pub type_pictogram: String,
    #[serde(default)]
    pub structure: Ref,
    #[serde(default, deserialize_with = "nullable")]
    pub attachments: Vec<Attachment>,
    #[serde(default, deserialize_with = "string")]
    pub update_datetime: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TouristicContent {
    pub id: Id,
    #[serde(default)]
    pub name: Text,
    #[serde(default)]
    pub published: Published,
    #[serde(default)]
    pub description_teaser: Text,
    #[serde(default)]
    pub description: Text,
    #[serde(default)]
    pub practical_info: Text,
    #[serde(default)]
    pub accessibility: Text,
    #[serde(default, deserialize_with = "geometry::optional")]
    pub geometry: Option<Geometry>,
    #[serde(default)]
    pub category: Ref,
    /// `{"<category id × 100 + n>": [type ids]}`.
    #[serde(default, deserialize_with = "nullable")]
    pub types: std::collections::BTreeMap<String, Refs>,
    #[serde(default)]
    pub themes: Refs,
    #[serde(default)]
    pub source: Refs,
    #[serde(default)]
    pub portal: Refs,
    #[serde(default)]
    pub structure: Ref,
    #[serde(default)]
    pub label_accessibility: Ref,
    #[serde(default)]
    pub reservation_system: Ref,
    #[serde(default, deserialize_with = "string")]
    pub reservation_id: String,
    #[serde(default, deserialize_with = "nullable")]
    pub cities: Vec<CityRef>,
    #[serde(default, deserialize_with = "nullable")]
    pub city_codes: Vec<String>,
    #[serde(default)]
    pub districts: Refs,
    #[serde(default, deserialize_with = "string")]
    pub contact: String,
    #[serde(default, deserialize_with = "string")]
    pub email: String,
    #[serde(default, deserialize_with = "string")]
    pub website: String,
    #[serde(default, deserialize_with = "nullable")]
    pub approved: bool,
    #[serde(default, deserialize_with = "nullable")]
    pub attachments: Vec<Attachment>,
    #[serde(default, deserialize_with = "string")]
    pub update_datetime: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TouristicEvent {
    pub id: Id,
    #[serde(default)]
    pub name: Text,
    #[serde(default)]
    pub published: Published,
    #[serde(default)]
    pub description_teaser: Text,
    #[serde(default)]
    pub description: Text,
    #[serde(default)]
    pub practical_info: Text,
    #[serde(default)]
    pub accessibility: Text,
    #[serde(default, deserialize_with = "geometry::optional")]
    pub geometry: Option<Geometry>,
    #[serde(default, rename = "type")]
    pub kind: Ref,
    #[serde(default)]
    pub themes: Refs,
    #[serde(default)]
    pub source: Refs,
    #[serde(default)]
    pub portal: Refs,
    #[serde(default)]
    pub structure: Ref,
    #[serde(default, deserialize_with = "nullable")]
    pub cities: Vec<CityRef>,
    #[serde(default, deserialize_with = "nullable")]
    pub city_codes: Vec<String>,
    #[serde(default)]
    pub districts: Refs,
    #[serde(default, deserialize_with = "string")]
    pub begin_date: String,
    #[serde(default, deserialize_with = "string")]
    pub end_date: String,
    #[serde(default, deserialize_with = "string")]
    pub start_time: String,
    #[serde(default, deserialize_with = "string")]
    pub end_time: String,
    #[serde(default, deserialize_with = "string")]
    pub duration: String,
    #[serde(default, deserialize_with = "string")]
    pub meeting_point: String,
    #[serde(default, deserialize_with = "string")]
    pub place: String,
    #[serde(default, deserialize_with = "string")]
    pub organizers: String,
    /// The same before Geotrek 2.88 (still sent, deprecated, by newer versions).
    #[serde(default, deserialize_with = "string")]
    pub organizer: String,
    #[serde(default, deserialize_with = "string")]
    pub speaker: String,
    #[serde(default, deserialize_with = "string")]
    pub target_audience: String,
    #[serde(default, deserialize_with = "number")]
    pub capacity: Option<f64>,
    #[serde(default, deserialize_with = "number")]
    pub price: Option<f64>,
    #[serde(default, deserialize_with = "string")]
    pub booking: String,
    #[serde(default, deserialize_with = "nullable")]
    pub bookable: bool,
    #[serde(default, deserialize_with = "nullable")]
    pub cancelled: bool,
    #[serde(default)]
    pub cancellation_reason: Text,
    #[serde(default, deserialize_with = "string")]
    pub contact: String,
    #[serde(default, deserialize_with = "string")]
    pub email: String,
    #[serde(default, deserialize_with = "string")]
    pub website: String,
    #[serde(default, deserialize_with = "nullable")]
    pub attachments: Vec<Attachment>,
    #[serde(default, deserialize_with = "string")]
    pub update_datetime: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct OutdoorSite {
    pub id: Id,
    #[serde(default)]
    pub name: Text,
    #[serde(default)]
    pub published: Published,
    #[serde(default)]
    pub description_teaser: Text,
    #[serde(default)]
    pub description: Text,
    #[serde(default)]
    pub ambiance: Text,
    #[serde(default)]
    pub advice: Text,
    #[serde(default)]
    pub accessibility: Text,
    #[serde(default)]
    pub period: Text,
    #[serde(default, deserialize_with = "geometry::optional")]
    pub geometry: Option<Geometry>,
    #[serde(default)]
    pub practice: Ref,
    #[serde(default, rename = "type")]
    pub kind: Ref,
    #[serde(default)]
    pub sector: Ref,
    #[serde(default)]
    pub parent: Ref,
    #[serde(default)]
    pub children: Refs,
    #[serde(default)]
    pub courses: Refs,
    #[serde(default)]
    pub ratings: Refs,
    #[serde(default)]
    pub labels: Refs,
    #[serde(default)]
    pub themes: Refs,
    #[serde(default)]
    pub information_desks: Refs,
    #[serde(default)]
    pub managers: Refs,
    #[serde(default)]
    pub source: Refs,
    #[serde(default)]
    pub portal: Refs,
    #[serde(default)]
    pub structure: Ref,
    #[serde(default, deserialize_with = "nullable")]
    pub cities: Vec<CityRef>,
    #[serde(default)]
    pub districts: Refs,
    #[serde(default, deserialize_with = "nullable")]
    pub orientation: Vec<Scalar>,
    #[serde(default, deserialize_with = "nullable")]
    pub wind: Vec<Scalar>,
    #[serde(default, deserialize_with = "nullable")]
    pub web_links: Vec<WebLink>,
    #[serde(default, deserialize_with = "nullable")]
    pub attachments: Vec<Attachment>,
    #[serde(default, deserialize_with = "string")]
    pub update_datetime: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct OutdoorCourse {
    pub id: Id,
    #[serde(default)]
    pub name: Text,
    #[serde(default)]
    pub published: Published,
    #[serde(default)]
    pub description: Text,
    #[serde(default)]
    pub advice: Text,
    #[serde(default)]
    pub equipment: Text,
    #[serde(default)]
    pub gear: Text,
    #[serde(default)]
    pub accessibility: Text,
    #[serde(default, deserialize_with = "geometry::optional")]
    pub geometry: Option<Geometry>,
    #[serde(default, rename = "type")]
    pub kind: Ref,
    #[serde(default)]
    pub ratings: Refs,
    #[serde(default)]
    pub sites: Refs,
    #[serde(default)]
    pub children: Refs,
    #[serde(default)]
    pub parents: Refs,
    #[serde(default)]
    pub structure: Ref,
    #[serde(default, deserialize_with = "nullable")]
    pub cities: Vec<CityRef>,
    #[serde(default)]
    pub districts: Refs,
    #[serde(default, deserialize_with = "number")]
    pub duration: Option<f64>,
    #[serde(default, deserialize_with = "number")]
    pub length: Option<f64>,
    #[serde(default, deserialize_with = "number")]
    pub height: Option<f64>,
    #[serde(default, deserialize_with = "number")]
    pub max_elevation: Option<f64>,
    #[serde(default, deserialize_with = "number")]
    pub min_elevation: Option<f64>,
    #[serde(default, deserialize_with = "nullable")]
    pub attachments: Vec<Attachment>,
    #[serde(default, deserialize_with = "string")]
    pub update_datetime: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SensitiveAreaRule {
    pub id: Ref,
    #[serde(deserialize_with = "string")]
    pub code: String,
    pub name: Text,
    pub description: Text,
    #[serde(deserialize_with = "string")]
    pub pictogram: String,
    #[serde(deserialize_with = "string")]
    pub url: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SensitiveArea {
    pub id: Id,
    #[serde(default)]
    pub name: Text,
    #[serde(default)]
    pub description: Text,
    #[serde(default)]
    pub published: Published,
    #[serde(default, deserialize_with = "geometry::optional_shared")]
    pub geometry: Option<Arc<Geometry>>,
    /// Twelve flags, January first.
    #[serde(default, deserialize_with = "nullable")]
    pub period: Vec<Option<bool>>,
    #[serde(default)]
    pub practices: Refs,
    #[serde(default, deserialize_with = "nullable")]
    pub rules: Vec<SensitiveAreaRule>,
    #[serde(default, deserialize_with = "string")]
    pub contact: String,
    #[serde(default, deserialize_with = "string")]
    pub info_url: String,
    #[serde(default)]
    pub structure: Ref,
    #[serde(default, deserialize_with = "string")]
    pub update_datetime: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FlatPage {
    pub id: Id,
    #[serde(default)]
    pub title: Text,
    #[serde(default)]
    pub content: Text,
    #[serde(default)]
    pub published: Published,
    /// Before Geotrek 2.104 a flat page could be a link elsewhere.
    #[serde(default)]
    pub external_url: Text,
    #[serde(default)]
    pub portals: Refs,
    #[serde(default)]
    pub source: Refs,
    #[serde(default)]
    pub parent: Ref,
    #[serde(default)]
    pub children: Refs,
    #[serde(default, deserialize_with = "nullable")]
    pub attachments: Vec<Attachment>,
    #[serde(default, deserialize_with = "string")]
    pub update_datetime: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MenuItem {
    pub id: Id,
    #[serde(default)]
    pub title: Text,
    #[serde(default)]
    pub published: Published,
    /// `page` or `link`.
    #[serde(default, deserialize_with = "string")]
    pub target_type: String,
    #[serde(default)]
    pub link_url: Text,
    #[serde(default)]
    pub page: Ref,
    #[serde(default, deserialize_with = "nullable")]
    pub open_in_new_tab: bool,
    #[serde(default, deserialize_with = "string")]
    pub pictogram: String,
    #[serde(default)]
    pub portals: Refs,
    /// Nested items in the list; the detail route gives ids instead, which are dropped here.
    #[serde(default, deserialize_with = "menu_children")]
    pub children: Vec<MenuItem>,
}

fn menu_children<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<MenuItem>, D::Error> {
    let values = Option::<Vec<serde_json::Value>>::deserialize(deserializer)?.unwrap_or_default();
    Ok(values
        .into_iter()
        .filter(serde_json::Value::is_object)
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect())
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct InformationDeskType {
    pub id: Ref,
    pub label: Text,
    #[serde(deserialize_with = "string")]
    pub pictogram: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct InformationDesk {
    pub id: Id,
    #[serde(default)]
    pub name: Text,
    #[serde(default)]
    pub description: Text,
    #[serde(default)]
    pub accessibility: Text,
    #[serde(default)]
    #[serde(rename = "type")]
    pub kind: Option<InformationDeskType>,
    #[serde(default, deserialize_with = "string")]
    pub email: String,
    #[serde(default, deserialize_with = "string")]
    pub phone: String,
    #[serde(default, deserialize_with = "string")]
    pub website: String,
    #[serde(default, deserialize_with = "string")]
    pub street: String,
    #[serde(default, deserialize_with = "string")]
    pub postal_code: String,
    #[serde(default, deserialize_with = "string")]
    pub municipality: String,
    #[serde(default, deserialize_with = "number")]
    pub latitude: Option<f64>,
    #[serde(default, deserialize_with = "number")]
    pub longitude: Option<f64>,
    #[serde(default, deserialize_with = "string")]
    pub photo_url: String,
}

/// Any nomenclature: an id, a translated label, maybe a pictogram. Geotrek names the label
/// field differently per endpoint (`label`, `name`, `route`, `type`, `title`); the first
/// non-empty one is kept.
#[derive(Debug, Clone, Default)]
pub struct Nomenclature {
    pub id: Id,
    pub label: Text,
    pub pictogram: String,
    /// Sort key where the API gives one (`order`, `cirkwi_level`); `None` otherwise.
    pub order: Option<f64>,
    /// Further fields some nomenclatures carry (a label's `advice`, a rating's `description`).
    pub description: Text,
    /// A source's or portal's website.
    pub website: String,
    /// A rating's scale, a rating scale's practice.
    pub parent: Option<Id>,
    /// A label usable as a search filter.
    pub filter: bool,
    /// A rating's colour.
    pub color: String,
}

impl<'de> Deserialize<'de> for Nomenclature {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            id: Id,
            #[serde(default)]
            label: Text,
            #[serde(default)]
            name: Text,
            #[serde(default)]
            title: Text,
            #[serde(default)]
            route: Text,
            #[serde(default, rename = "type")]
            kind: Option<serde_json::Value>,
            #[serde(default, deserialize_with = "string")]
            pictogram: String,
            #[serde(default, deserialize_with = "number")]
            order: Option<f64>,
            #[serde(default, deserialize_with = "number")]
            cirkwi_level: Option<f64>,
            #[serde(default)]
            description: Text,
            #[serde(default)]
            advice: Text,
            #[serde(default, deserialize_with = "string")]
            website: String,
            #[serde(default)]
            scale: Ref,
            #[serde(default)]
            practice: Ref,
            #[serde(default, deserialize_with = "nullable")]
            filter: bool,
            #[serde(default, deserialize_with = "string")]
            color: String,
        }
        let raw = Raw::deserialize(deserializer)?;
        // `type` is the label of an event type, but a nested object or id elsewhere.
        let kind_label = raw
            .kind
            .filter(|v| v.is_string() || v.as_object().is_some_and(|o| o.keys().all(|k| k.len() <= 5)))
            .and_then(|v| serde_json::from_value::<Text>(v).ok())
            .unwrap_or_default();
        // A portal's `title` is its public name; its `name` is technical.
        let label = [raw.title, raw.label, raw.name, raw.route, kind_label]
            .into_iter()
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        Ok(Nomenclature {
            id: raw.id,
            label,
            pictogram: raw.pictogram,
            order: raw.order.or(raw.cirkwi_level),
            description: if raw.description.is_empty() {
                raw.advice
            } else {
                raw.description
            },
            website: raw.website,
            parent: raw.scale.id.or(raw.practice.id),
            filter: raw.filter,
            color: raw.color,
        })
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct City {
    pub id: CityRef,
    #[serde(default, deserialize_with = "string")]
    pub code: String,
    #[serde(default, deserialize_with = "string")]
    pub name: String,
    #[serde(default)]
    pub published: Published,
}

#[derive(Debug, Clone, Deserialize)]
pub struct District {
    pub id: Id,
    #[serde(default, deserialize_with = "string")]
    pub name: String,
    #[serde(default)]
    pub published: Published,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ContentTypeValue {
    pub id: Ref,
    pub label: Text,
    #[serde(deserialize_with = "string")]
    pub pictogram: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ContentTypeGroup {
    pub id: Ref,
    pub label: Text,
    #[serde(deserialize_with = "nullable")]
    pub values: Vec<ContentTypeValue>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TouristicContentCategory {
    pub id: Id,
    #[serde(default)]
    pub label: Text,
    #[serde(default, deserialize_with = "number")]
    pub order: Option<f64>,
    #[serde(default, deserialize_with = "string")]
    pub pictogram: String,
    #[serde(default, deserialize_with = "nullable")]
    pub types: Vec<ContentTypeGroup>,
}
