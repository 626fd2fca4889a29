//! The trek view: every section Geotrek-rando shows, localized and resolved, with what the API
//! does not link itself computed from geometry (points of interest along the route, sensitive
//! areas crossed, touristic contents and events nearby).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;

use super::localize::{Local, Localizer, Named, Picture};
use super::{Card, Link, Translation};
use crate::assets::profile::{self, Profile};
use crate::html;
use crate::model::geometry::{expand_bbox, Coord, Geometry};
use crate::model::values::Id;
use crate::model::{InformationDesk, Poi, SensitiveArea, Trek, WebLink};

#[derive(Debug, Clone, Serialize)]
pub struct TrekView {
    #[serde(flatten)]
    pub card: Card,
    /// The full-resolution route, shared with the dataset: downloads and maps read it.
    #[serde(skip)]
    pub geometry: Option<Arc<Geometry>>,
    /// Distance against altitude, when the route has altitudes.
    pub profile: Option<Profile>,
    /// GPX, KML and GeoJSON files beside the page.
    pub downloads: Vec<Download>,
    /// Plain text for downloads: the teaser, else the description.
    #[serde(skip)]
    pub plain_description: String,
    pub pictures: Vec<Picture>,
    pub themes: Vec<Named>,
    pub route: Option<Named>,
    pub networks: Vec<Named>,
    pub ratings: Vec<Rating>,
    pub ratings_description: Option<Local>,
    pub descent_m: Option<f64>,
    pub min_elevation_m: Option<f64>,
    pub max_elevation_m: Option<f64>,
    pub departure: Option<Local>,
    pub arrival: Option<Local>,
    pub cities: Vec<String>,
    pub teaser: Option<Local>,
    pub ambiance: Option<Local>,
    pub description: Option<Local>,
    /// Numbered reference points the description refers to, `[lon, lat]`.
    pub points_reference: Vec<[f64; 2]>,
    pub departure_point: Option<[f64; 2]>,
    pub pois: Vec<PoiView>,
    /// For an itinerary: its steps shown in this language, in order.
    pub steps: Vec<Link>,
    /// For a step: each itinerary it belongs to, with the steps around it.
    pub step_of: Vec<StepContext>,
    pub advice: Option<Local>,
    pub gear: Option<Local>,
    pub labels: Vec<Label>,
    pub information_desks: Vec<Desk>,
    pub access: Option<Local>,
    pub advised_parking: Option<Local>,
    pub parking_location: Option<[f64; 2]>,
    pub public_transport: Option<Local>,
    pub accessibility: Option<Accessibility>,
    pub sensitive_areas: Vec<Area>,
    pub web_links: Vec<LinkGroup>,
    pub sources: Vec<Source>,
    pub nearby_contents: Vec<Card>,
    pub nearby_events: Vec<Card>,
    pub create_datetime: String,
    pub update_datetime: String,
    /// This trek in every site language where it is shown, this one included.
    pub translations: Vec<Translation>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Download {
    /// `gpx`, `kml` or `geojson`: the file extension.
    pub format: &'static str,
    /// Site-relative URL of the file.
    pub url: String,
}

/// The download formats, in the order pages list them.
pub const DOWNLOAD_FORMATS: &[&str] = &["gpx", "kml", "geojson"];

#[derive(Debug, Clone, Serialize)]
pub struct Rating {
    pub name: Local,
    pub scale: Option<Local>,
    pub description: Option<Local>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PoiView {
    pub id: u64,
    /// 1-based position along the route, as the map numbers it.
    pub number: usize,
    pub name: Local,
    pub kind: Option<Named>,
    pub description: Option<Local>,
    pub pictures: Vec<Picture>,
    pub location: Option<[f64; 2]>,
    /// Metres from the trek's start to the point nearest this one.
    pub along_m: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepContext {
    pub parent: Link,
    pub previous: Option<Link>,
    pub next: Option<Link>,
    /// 1-based position in the itinerary, and its number of steps.
    pub position: usize,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Label {
    pub name: Local,
    pub pictogram: String,
    pub advice: Option<Local>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Desk {
    pub id: u64,
    pub name: Local,
    pub kind: Option<Local>,
    pub description: Option<Local>,
    pub street: String,
    pub postal_code: String,
    pub municipality: String,
    pub phone: String,
    /// `tel:` link, when the number is one.
    pub phone_uri: Option<String>,
    pub email: String,
    /// `mailto:` link, when the address is one.
    pub email_uri: Option<String>,
    pub website: String,
    pub photo: String,
    pub location: Option<[f64; 2]>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Accessibility {
    pub types: Vec<Named>,
    pub level: Option<Named>,
    pub slope: Option<Local>,
    pub width: Option<Local>,
    pub covering: Option<Local>,
    pub exposure: Option<Local>,
    pub signage: Option<Local>,
    pub advice: Option<Local>,
    pub infrastructure: Option<Local>,
    pub emergency_number: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Area {
    pub id: u64,
    #[serde(skip)]
    pub geometry: Option<Arc<Geometry>>,
    pub name: Local,
    pub description: Option<Local>,
    /// Months (1–12) when the area is sensitive.
    pub months: Vec<u32>,
    pub practices: Vec<Named>,
    pub rules: Vec<AreaRule>,
    pub contact: Option<String>,
    pub info_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaRule {
    pub name: Local,
    pub description: Option<Local>,
    pub pictogram: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkGroup {
    pub category: Option<Local>,
    pub pictogram: String,
    pub links: Vec<WebLinkView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WebLinkView {
    pub name: Local,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub name: Local,
    pub website: String,
    pub pictogram: String,
}

/// What a trek page needs besides the trek: the other objects shown in this language.
pub struct Surroundings<'a> {
    pub pois: PoiIndex<'a>,
    pub sensitive_areas: &'a [SensitiveArea],
    /// Cards of touristic contents and events shown in this language, with their geometry.
    pub contents: Vec<Place<'a>>,
    pub events: Vec<Place<'a>>,
    /// Links to treks shown in this language, by id.
    pub treks: &'a BTreeMap<Id, Link>,
    pub poi_distance_m: f64,
    pub nearby_distance_m: f64,
    pub emergency_number: Option<&'a str>,
}

impl Localizer<'_> {
    pub fn trek(&self, trek: &Trek, card: Card, around: &Surroundings) -> TrekView {
        let pictures = self.pictures(&trek.attachments);
        let point = |c: crate::model::geometry::Coord| [c.lon, c.lat];
        let downloads = match &trek.geometry {
            Some(_) => DOWNLOAD_FORMATS
                .iter()
                .map(|format| Download {
                    format,
                    url: format!("{}{}.{format}", card.url, card.slug),
                })
                .collect(),
            None => Vec::new(),
        };
        let plain_description = [&trek.description_teaser, &trek.description]
            .into_iter()
            .find_map(|t| self.text(t))
            .map(|l| html::plain_text(&l.text))
            .unwrap_or_default();
        TrekView {
            geometry: trek.geometry.clone(),
            profile: trek.geometry.as_deref().and_then(profile::profile),
            downloads,
            plain_description,
            pictures,
            themes: self.all("theme", &trek.themes),
            route: self.one("trek_route", &trek.route),
            networks: self.all("trek_network", &trek.networks),
            ratings: self.ratings(&trek.ratings.ids),
            ratings_description: self.rich(&trek.ratings_description),
            descent_m: trek.descent.map(f64::abs),
            min_elevation_m: trek.min_elevation,
            max_elevation_m: trek.max_elevation,
            departure: self.plain(&trek.departure),
            arrival: self.plain(&trek.arrival),
            cities: self.city_names(&trek.cities),
            teaser: self.rich(&trek.description_teaser),
            ambiance: self.rich(&trek.ambiance),
            description: self.rich(&trek.description),
            points_reference: trek
                .points_reference
                .as_ref()
                .map(|g| g.coords().map(|c| point(*c)).collect())
                .unwrap_or_default(),
            departure_point: trek.geometry.as_deref().and_then(Geometry::start).map(point),
            pois: self.pois_along(trek, around),
            steps: trek
                .children
                .ids
                .iter()
                .filter_map(|id| around.treks.get(id).cloned())
                .collect(),
            step_of: step_contexts(trek, around.treks),
            advice: self.rich(&trek.advice),
            gear: self.rich(&trek.gear),
            labels: trek
                .labels
                .ids
                .iter()
                .filter_map(|id| {
                    let label = self.dataset.nomenclature("label", *id)?;
                    Some(Label {
                        name: self.plain(&label.label)?,
                        pictogram: self.media_url(&label.pictogram),
                        advice: self.rich(&label.description),
                    })
                })
                .collect(),
            information_desks: trek
                .information_desks
                .ids
                .iter()
                .filter_map(|id| self.desk(self.dataset.information_desks.get(id)?))
                .collect(),
            access: self.rich(&trek.access),
            advised_parking: self.plain(&trek.advised_parking),
            parking_location: trek.parking_location.map(point),
            public_transport: self.rich(&trek.public_transport),
            accessibility: self.accessibility(trek, around.emergency_number),
            sensitive_areas: self.areas_crossed(trek, around.sensitive_areas),
            web_links: self.web_links(&trek.web_links),
            sources: self.sources(&trek.source),
            nearby_contents: nearby(
                trek.geometry.as_deref(),
                &around.contents,
                around.nearby_distance_m,
            ),
            nearby_events: nearby(trek.geometry.as_deref(), &around.events, around.nearby_distance_m),
            create_datetime: trek.create_datetime.clone(),
            update_datetime: trek.update_datetime.clone(),
            translations: Vec::new(),
            card,
        }
    }

    pub fn sources(&self, refs: &crate::model::values::Refs) -> Vec<Source> {
        refs.ids
            .iter()
            .filter_map(|id| {
                let source = self.dataset.nomenclature("source", *id)?;
                Some(Source {
                    name: self.plain(&source.label)?,
                    website: self.media_url(&source.website),
                    pictogram: self.media_url(&source.pictogram),
                })
            })
            .collect()
    }

    pub fn city_names(&self, cities: &[crate::model::CityRef]) -> Vec<String> {
        let mut names: Vec<String> = cities
            .iter()
            .filter_map(|c| self.dataset.city(c))
            .map(|c| html::plain_text(&c.name))
            .filter(|n| !n.is_empty())
            .collect();
        names.dedup();
        names
    }

    fn ratings(&self, ids: &[Id]) -> Vec<Rating> {
        ids.iter()
            .filter_map(|id| {
                let rating = self.dataset.nomenclature("trek_rating", *id)?;
                Some(Rating {
                    name: self.plain(&rating.label)?,
                    scale: rating
                        .parent
                        .and_then(|scale| self.dataset.nomenclature("trek_ratingscale", scale))
                        .and_then(|scale| self.plain(&scale.label)),
                    description: self.rich(&rating.description),
                })
            })
            .collect()
    }

    /// POIs near the line, ordered along it and numbered as the map numbers them.
    fn pois_along(&self, trek: &Trek, around: &Surroundings) -> Vec<PoiView> {
        let Some(geometry) = &trek.geometry else {
            return Vec::new();
        };
        let Some(bbox) = geometry.bbox().map(|b| expand_bbox(b, around.poi_distance_m)) else {
            return Vec::new();
        };
        let mut found: Vec<(f64, &Poi, crate::model::geometry::Coord)> = around
            .pois
            .within(bbox)
            .into_iter()
            .filter_map(|(poi, at)| {
                let location = geometry.locate(at)?;
                (location.distance_m <= around.poi_distance_m).then_some((location.along_m, poi, at))
            })
            .collect();
        found.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
        found
            .into_iter()
            .filter_map(|(along_m, poi, at)| {
                Some(PoiView {
                    id: poi.id.0,
                    number: 0,
                    name: self.plain(&poi.name)?,
                    kind: self.one("poi_type", &poi.kind).or_else(|| {
                        Some(Named {
                            id: poi.kind.id?.0,
                            name: self.plain(&poi.type_label)?,
                            pictogram: self.media_url(&poi.type_pictogram),
                        })
                    }),
                    description: self.rich(&poi.description),
                    pictures: self.pictures(&poi.attachments),
                    location: Some([at.lon, at.lat]),
                    along_m,
                })
            })
            .enumerate()
            .map(|(i, poi)| PoiView { number: i + 1, ..poi })
            .collect()
    }

    pub fn desk(&self, desk: &InformationDesk) -> Option<Desk> {
        Some(Desk {
            id: desk.id.0,
            name: self.plain(&desk.name)?,
            kind: desk.kind.as_ref().and_then(|k| self.plain(&k.label)),
            description: self.rich(&desk.description),
            street: html::plain_text(&desk.street),
            postal_code: html::plain_text(&desk.postal_code),
            municipality: html::plain_text(&desk.municipality),
            phone: html::plain_text(&desk.phone),
            phone_uri: html::phone_uri(&desk.phone),
            email: html::plain_text(&desk.email),
            email_uri: html::mailto_uri(&desk.email),
            website: self.media_url(&desk.website),
            photo: self.media_url(&desk.photo_url),
            location: desk.longitude.zip(desk.latitude).map(|(lon, lat)| [lon, lat]),
        })
    }

    fn accessibility(&self, trek: &Trek, emergency_number: Option<&str>) -> Option<Accessibility> {
        let section = Accessibility {
            types: self.all("trek_accessibility", &trek.accessibilities),
            level: self.one("trek_accessibility_level", &trek.accessibility_level),
            slope: self.rich(&trek.accessibility_slope),
            width: self.rich(&trek.accessibility_width),
            covering: self.rich(&trek.accessibility_covering),
            exposure: self.rich(&trek.accessibility_exposure),
            signage: self.rich(&trek.accessibility_signage),
            advice: self.rich(&trek.accessibility_advice),
            infrastructure: self.rich(&trek.disabled_infrastructure),
            emergency_number: None,
        };
        let has_content = !section.types.is_empty()
            || section.level.is_some()
            || [
                &section.slope,
                &section.width,
                &section.covering,
                &section.exposure,
                &section.signage,
                &section.advice,
                &section.infrastructure,
            ]
            .iter()
            .any(|t| t.is_some());
        // The emergency number belongs to accessibility information, not on its own.
        has_content.then(|| Accessibility {
            emergency_number: emergency_number.map(str::to_string),
            ..section
        })
    }

    fn areas_crossed(&self, trek: &Trek, areas: &[SensitiveArea]) -> Vec<Area> {
        let Some(geometry) = &trek.geometry else {
            return Vec::new();
        };
        let Some(route_box) = geometry.bbox() else {
            return Vec::new();
        };
        // Boxes first: the exact test walks every vertex of the route and of the area.
        areas
            .iter()
            .filter(|a| a.published.in_language(self.lang))
            .filter(|a| {
                a.geometry.as_ref().is_some_and(|area| {
                    area.bbox().is_some_and(|b| boxes_overlap(b, route_box)) && geometry.meets_area(area)
                })
            })
            .filter_map(|a| {
                Some(Area {
                    id: a.id.0,
                    geometry: a.geometry.clone(),
                    name: self.plain(&a.name)?,
                    description: self.rich(&a.description),
                    months: a
                        .period
                        .iter()
                        .enumerate()
                        .filter(|(_, on)| **on == Some(true))
                        .map(|(i, _)| i as u32 + 1)
                        .collect(),
                    practices: self.all("sensitivearea_practice", &a.practices),
                    rules: a
                        .rules
                        .iter()
                        .filter_map(|r| {
                            Some(AreaRule {
                                name: self.plain(&r.name)?,
                                description: self.rich(&r.description),
                                pictogram: self.media_url(&r.pictogram),
                                url: self.media_url(&r.url),
                            })
                        })
                        .collect(),
                    contact: self.rich_str(&a.contact),
                    info_url: self.media_url(&a.info_url),
                })
            })
            .collect()
    }

    /// Web links grouped by category, in the order categories first appear.
    pub fn web_links(&self, links: &[WebLink]) -> Vec<LinkGroup> {
        let mut groups: Vec<LinkGroup> = Vec::new();
        for link in links {
            let url = self.media_url(&link.url);
            if url.is_empty() {
                continue;
            }
            let name = self.plain(&link.name).unwrap_or_else(|| Local {
                text: url.clone(),
                lang: None,
            });
            let category = link.category.as_ref().and_then(|c| self.plain(&c.label));
            let pictogram = link
                .category
                .as_ref()
                .map(|c| self.media_url(&c.pictogram))
                .unwrap_or_default();
            let view = WebLinkView { name, url };
            match groups.iter_mut().find(|g| g.category == category) {
                Some(group) => group.links.push(view),
                None => groups.push(LinkGroup {
                    category,
                    pictogram,
                    links: vec![view],
                }),
            }
        }
        groups
    }
}

fn step_contexts(trek: &Trek, treks: &BTreeMap<Id, Link>) -> Vec<StepContext> {
    let lookup = |pairs: &[(Id, Id)], parent: Id| {
        pairs
            .iter()
            .find(|(p, _)| *p == parent)
            .and_then(|(_, id)| treks.get(id).cloned())
    };
    trek.parents
        .ids
        .iter()
        .filter_map(|parent_id| {
            let parent = treks.get(parent_id)?.clone();
            // Steps shown in this language only: a missing step is not counted.
            let siblings: Vec<u64> = parent
                .children
                .iter()
                .copied()
                .filter(|id| treks.contains_key(&Id(*id)))
                .collect();
            let position = siblings
                .iter()
                .position(|id| *id == trek.id.0)
                .map_or(0, |p| p + 1);
            Some(StepContext {
                previous: lookup(&trek.previous, *parent_id),
                next: lookup(&trek.next, *parent_id),
                position,
                count: siblings.len(),
                parent,
            })
        })
        .collect()
}

/// The POIs published in one language, located once and bucketed on a grid of
/// [`POI_CELL_DEG`]: a trek looks only at the cells its line's box covers, not at every POI of
/// the instance (20,000 treks with 80,000 POIs made that a quadratic cost).
pub struct PoiIndex<'a> {
    located: Vec<(&'a Poi, Coord)>,
    cells: HashMap<(i64, i64), Vec<usize>>,
}

const POI_CELL_DEG: f64 = 0.02;

fn poi_cell(degrees: f64) -> i64 {
    (degrees / POI_CELL_DEG).floor() as i64
}

impl<'a> PoiIndex<'a> {
    pub fn new(pois: &'a [Poi], lang: &str) -> Self {
        let located: Vec<(&Poi, Coord)> = pois
            .iter()
            .filter(|poi| poi.published.in_language(lang))
            .filter_map(|poi| Some((poi, poi.geometry.as_ref()?.start()?)))
            .collect();
        let mut cells: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        for (i, (_, at)) in located.iter().enumerate() {
            cells
                .entry((poi_cell(at.lon), poi_cell(at.lat)))
                .or_default()
                .push(i);
        }
        PoiIndex { located, cells }
    }

    /// The POIs located inside `[west, south, east, north]`, in the instance's order.
    pub fn within(&self, [w, s, e, n]: [f64; 4]) -> Vec<(&'a Poi, Coord)> {
        let inside = |at: &Coord| at.lon >= w && at.lon <= e && at.lat >= s && at.lat <= n;
        let (x0, x1, y0, y1) = (poi_cell(w), poi_cell(e), poi_cell(s), poi_cell(n));
        let cell_count = (x1 - x0 + 1).saturating_mul(y1 - y0 + 1);
        // A box wider than the data (a route drawn around the world) is read in one pass.
        if cell_count > self.cells.len() as i64 {
            return self
                .located
                .iter()
                .filter(|(_, at)| inside(at))
                .copied()
                .collect();
        }
        let mut found: Vec<usize> = (x0..=x1)
            .flat_map(|x| (y0..=y1).map(move |y| (x, y)))
            .filter_map(|cell| self.cells.get(&cell))
            .flatten()
            .copied()
            .filter(|&i| inside(&self.located[i].1))
            .collect();
        found.sort_unstable();
        found.into_iter().map(|i| self.located[i]).collect()
    }
}

/// An object that may be near another, with its bounding box computed once: contents and
/// events are each compared with every trek, whose lines have thousands of vertices.
pub struct Place<'a> {
    pub geometry: &'a Geometry,
    pub bbox: [f64; 4],
    pub card: Card,
}

impl<'a> Place<'a> {
    pub fn new(geometry: &'a Geometry, card: Card) -> Option<Place<'a>> {
        Some(Place {
            bbox: geometry.bbox()?,
            geometry,
            card,
        })
    }
}

fn boxes_overlap(a: [f64; 4], b: [f64; 4]) -> bool {
    a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}

/// Cards of objects at most `distance_m` from `route`, nearest first.
pub fn nearby(route: Option<&Geometry>, candidates: &[Place], distance_m: f64) -> Vec<Card> {
    let Some(route) = route else { return Vec::new() };
    let Some(bbox) = route.bbox().map(|b| expand_bbox(b, distance_m)) else {
        return Vec::new();
    };
    let mut found: Vec<(f64, &Card)> = candidates
        .iter()
        .filter(|place| boxes_overlap(place.bbox, bbox) && place.geometry.intersects_bbox(bbox))
        .map(|place| (place.geometry, &place.card))
        .filter_map(|(geometry, card)| {
            let distance = geometry
                .coords()
                .filter_map(|c| route.locate(*c))
                .map(|l| l.distance_m)
                .fold(f64::INFINITY, f64::min);
            (distance <= distance_m).then_some((distance, card))
        })
        .collect();
    found.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
    found
        .into_iter()
        .take(NEARBY_MAX)
        .map(|(_, card)| card.clone())
        .collect()
}

/// The nearest objects a page lists: in a dense area a content has hundreds of treks within a
/// kilometre, and a card (with its route drawing) for each made pages long and the build's
/// memory grow with the square of the instance.
pub const NEARBY_MAX: usize = 12;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearby_lists_the_nearest_within_the_distance_and_at_most_a_dozen() {
        let point = |lon: f64| {
            Geometry::Point(Coord {
                lon,
                lat: 45.0,
                z: None,
            })
        };
        let route = Geometry::LineString(vec![
            Coord {
                lon: 6.0,
                lat: 45.0,
                z: None,
            },
            Coord {
                lon: 6.001,
                lat: 45.0,
                z: None,
            },
        ]);
        // 20 points 0 to 950 m east of the route's end, then one 5 km away.
        let geometries: Vec<Geometry> = (0..20)
            .map(|i| point(6.001 + i as f64 * 0.000_635))
            .chain([point(6.07)])
            .collect();
        let places: Vec<Place> = geometries
            .iter()
            .enumerate()
            .rev()
            .map(|(i, g)| {
                let card = Card {
                    id: i as u64,
                    ..Card::default()
                };
                Place::new(g, card).unwrap()
            })
            .collect();
        let found: Vec<u64> = nearby(Some(&route), &places, 1000.0)
            .iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(found, (0..NEARBY_MAX as u64).collect::<Vec<_>>());
    }
}
