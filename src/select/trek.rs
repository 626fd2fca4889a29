//! The trek view: every section Geotrek-rando shows, localized and resolved, with what the API
//! does not link itself computed from geometry (points of interest along the route, sensitive
//! areas crossed, touristic contents and events nearby).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use super::drawings::LazyProfile;
use super::localize::{Local, Localizer, Named, Picture, Rich};
use super::proximity::{Around, Near, Proximity};
use super::{Card, Link, Translation};
use crate::fingerprint;
use crate::html;
use crate::model::geometry::Geometry;
use crate::model::trek_route::TrekRoute;
use crate::model::values::Id;
use crate::model::{InformationDesk, Poi, Trek, WebLink};

#[derive(Debug, Clone, Serialize)]
pub struct TrekView {
    #[serde(flatten)]
    pub card: Arc<Card>,
    /// The full-resolution route, shared with the dataset: downloads and maps read it.
    #[serde(skip)]
    pub geometry: Option<Arc<TrekRoute>>,
    /// The route as the maps draw it.
    #[serde(skip)]
    pub map_lines: Arc<crate::assets::map::MapLines>,
    /// Distance against altitude, when the route has altitudes.
    pub profile: Option<Arc<LazyProfile>>,
    /// GPX, KML and GeoJSON files beside the page.
    pub downloads: Vec<Download>,
    /// Plain text for downloads: the teaser, else the description.
    #[serde(skip)]
    pub plain_description: String,
    pub pictures: Arc<[Picture]>,
    pub themes: Vec<Named>,
    pub route: Option<Named>,
    pub networks: Vec<Named>,
    pub ratings: Vec<Rating>,
    pub ratings_description: Option<Rich>,
    pub descent_m: Option<f64>,
    pub min_elevation_m: Option<f64>,
    pub max_elevation_m: Option<f64>,
    pub departure: Option<Local>,
    pub arrival: Option<Local>,
    pub cities: Vec<String>,
    pub teaser: Option<Rich>,
    pub ambiance: Option<Rich>,
    pub description: Option<Rich>,
    /// Numbered reference points the description refers to, `[lon, lat]`.
    pub points_reference: Vec<[f64; 2]>,
    pub departure_point: Option<[f64; 2]>,
    pub pois: Vec<PoiView>,
    /// For an itinerary: its steps shown in this language, in order.
    pub steps: Vec<Link>,
    /// For a step: each itinerary it belongs to, with the steps around it.
    pub step_of: Vec<StepContext>,
    pub advice: Option<Rich>,
    pub gear: Option<Rich>,
    pub labels: Vec<Label>,
    pub information_desks: Vec<Arc<Desk>>,
    pub access: Option<Rich>,
    pub advised_parking: Option<Local>,
    pub parking_location: Option<[f64; 2]>,
    pub public_transport: Option<Rich>,
    pub accessibility: Option<Accessibility>,
    pub sensitive_areas: Vec<Area>,
    pub web_links: Vec<LinkGroup>,
    pub sources: Vec<Source>,
    /// Shared with every other page listing them: a dozen cards per trek and language, copied,
    /// were most of a large build's memory.
    pub nearby_contents: Vec<Arc<Card>>,
    pub nearby_events: Vec<Arc<Card>>,
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
    pub description: Option<Rich>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PoiView {
    /// 1-based position along the route, as the map numbers it.
    pub number: usize,
    pub location: Option<[f64; 2]>,
    /// Metres from the trek's start to the point nearest this one.
    pub along_m: f64,
    /// What the point shows, the same on every trek it is near.
    #[serde(flatten)]
    pub poi: Arc<PoiInfo>,
}

impl std::ops::Deref for PoiView {
    type Target = PoiInfo;

    fn deref(&self) -> &PoiInfo {
        &self.poi
    }
}

#[derive(Debug, Serialize)]
// Serialized by the impl below, which takes this derived one for page values.
#[serde(remote = "Self")]
pub struct PoiInfo {
    pub id: u64,
    pub name: Local,
    pub kind: Option<Named>,
    pub description: Option<Rich>,
    pub pictures: Arc<[Picture]>,
    #[serde(skip)]
    pub fingerprint: fingerprint::Once,
}

impl fingerprint::Values for PoiInfo {
    fn serialize_values<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        PoiInfo::serialize(self, serializer)
    }
}

/// In the page of every trek it is near, and fingerprinted once for them all.
impl Serialize for PoiInfo {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        fingerprint::serialize_once(self, &self.fingerprint, serializer)
    }
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
    pub advice: Option<Rich>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Desk {
    pub id: u64,
    pub name: Local,
    pub kind: Option<Local>,
    pub description: Option<Rich>,
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
    pub slope: Option<Rich>,
    pub width: Option<Rich>,
    pub covering: Option<Rich>,
    pub exposure: Option<Rich>,
    pub signage: Option<Rich>,
    pub advice: Option<Rich>,
    pub infrastructure: Option<Rich>,
    pub emergency_number: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Area {
    pub id: u64,
    #[serde(skip)]
    pub geometry: Option<Arc<Geometry>>,
    pub name: Local,
    pub description: Option<Rich>,
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
    pub description: Option<Rich>,
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
    /// What lies near every trek, for all languages.
    pub proximity: &'a Proximity,
    /// Per POI of the dataset, as this language shows it: made once, for the first trek it is
    /// along, and shared by the others.
    pub pois: Vec<OnceLock<Option<Arc<PoiInfo>>>>,
    /// Per information desk of the dataset, the same way: a few desks serve many treks.
    pub desks: HashMap<Id, OnceLock<Option<Arc<Desk>>>>,
    /// Cards of touristic contents and events shown in this language, by id.
    pub contents: HashMap<Id, Arc<Card>>,
    pub events: HashMap<Id, Arc<Card>>,
    /// Links to treks shown in this language, by id.
    pub treks: &'a BTreeMap<Id, Link>,
    pub emergency_number: Option<&'a str>,
}

impl Localizer<'_> {
    pub fn trek(&self, trek: &Trek, card: Arc<Card>, around: &Surroundings) -> TrekView {
        let pictures = self.pictures("trek", trek.id, &trek.attachments);
        let point = |c: crate::model::geometry::Coord| [c.lon(), c.lat()];
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
            profile: self.drawings.trek(trek.id).profile.clone(),
            map_lines: self.drawings.trek(trek.id).map_lines.clone(),
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
            departure_point: trek.geometry.as_deref().and_then(TrekRoute::start).map(point),
            pois: self.pois_along(around.proximity.trek(trek.id), &around.pois),
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
                .filter_map(|id| {
                    let shown = around.desks.get(id)?.get_or_init(|| {
                        let desk = self.dataset.information_desks.get(id)?;
                        self.desk(desk).map(Arc::new)
                    });
                    shown.clone()
                })
                .collect(),
            access: self.rich(&trek.access),
            advised_parking: self.plain(&trek.advised_parking),
            parking_location: trek.parking_location.map(point),
            public_transport: self.rich(&trek.public_transport),
            accessibility: self.accessibility(trek, around.emergency_number),
            sensitive_areas: self.areas_crossed(&around.proximity.trek(trek.id).sensitive_areas),
            web_links: self.web_links(&trek.web_links),
            sources: self.sources(&trek.source),
            nearby_contents: nearest(&around.proximity.trek(trek.id).contents, &around.contents),
            nearby_events: nearest(&around.proximity.trek(trek.id).events, &around.events),
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

    /// POIs near the line published in this language, ordered along it and numbered as the map
    /// numbers them.
    fn pois_along(&self, along: &Around, shown: &[OnceLock<Option<Arc<PoiInfo>>>]) -> Vec<PoiView> {
        along
            .pois
            .iter()
            .filter_map(|p| {
                let info = shown[p.index].get_or_init(|| self.poi(&self.dataset.pois[p.index]).map(Arc::new));
                Some((p, info.clone()?))
            })
            .enumerate()
            .map(|(i, (p, poi))| PoiView {
                number: i + 1,
                location: Some([p.at.lon(), p.at.lat()]),
                along_m: p.along_m,
                poi,
            })
            .collect()
    }

    /// A point of interest as pages show it, when it is published in this language.
    fn poi(&self, poi: &Poi) -> Option<PoiInfo> {
        if !poi.published.in_language(self.lang) {
            return None;
        }
        Some(PoiInfo {
            id: poi.id.0,
            name: self.plain(&poi.name)?,
            kind: self.one("poi_type", &poi.kind).or_else(|| {
                Some(Named {
                    id: poi.kind.id?.0,
                    name: self.plain(&poi.type_label)?,
                    pictogram: self.media_url(&poi.type_pictogram),
                })
            }),
            description: self.rich_shared(&poi.description),
            pictures: self.pictures("poi", poi.id, &poi.attachments),
            fingerprint: fingerprint::Once::default(),
        })
    }

    pub fn desk(&self, desk: &InformationDesk) -> Option<Desk> {
        Some(Desk {
            id: desk.id.0,
            name: self.plain(&desk.name)?,
            kind: desk.kind.as_ref().and_then(|k| self.plain(&k.label)),
            description: self.rich_shared(&desk.description),
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
            .any(|t| t.as_ref().is_some_and(|t| !t.text().is_empty()));
        // The emergency number belongs to accessibility information, not on its own.
        has_content.then(|| Accessibility {
            emergency_number: emergency_number.map(str::to_string),
            ..section
        })
    }

    /// The sensitive areas a route meets (indexes into the dataset's), published in this language.
    fn areas_crossed(&self, crossed: &[usize]) -> Vec<Area> {
        crossed
            .iter()
            .map(|i| &self.dataset.sensitive_areas[*i])
            .filter(|a| a.published.in_language(self.lang))
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

/// The cards of the objects near something that are shown in this language, nearest first,
/// at most [`NEARBY_MAX`].
pub fn nearest(near: &[Near], shown: &HashMap<Id, Arc<Card>>) -> Vec<Arc<Card>> {
    near.iter()
        .filter_map(|n| shown.get(&n.id))
        .take(NEARBY_MAX)
        .cloned()
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
    fn nearby_lists_the_nearest_shown_and_at_most_a_dozen() {
        let near: Vec<Near> = (0..20)
            .map(|i| Near {
                id: Id(i),
                distance_m: i as f64 * 10.0,
            })
            .collect();
        let cards: Vec<Card> = (0..20)
            .map(|i| Card {
                id: i,
                ..Card::default()
            })
            .collect();
        // Odd ids are not shown in this language.
        let shown: HashMap<Id, Arc<Card>> = cards
            .iter()
            .filter(|c| c.id % 2 == 0)
            .map(|c| (Id(c.id), Arc::new(c.clone())))
            .collect();
        let found: Vec<u64> = nearest(&near, &shown).iter().map(|c| c.id).collect();
        assert_eq!(found, [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
        let all: HashMap<Id, Arc<Card>> = cards.iter().map(|c| (Id(c.id), Arc::new(c.clone()))).collect();
        assert_eq!(nearest(&near, &all).len(), NEARBY_MAX);
    }
}
