//! What the search page knows of each object: its facet values by Geotrek-rando v3's filter
//! names (so its URLs keep working), its numbers and dates, and its text by field, plus the
//! localized name of every facet value. The index itself is built from this by
//! `assets::search`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Card, Localizer};
use crate::html;
use crate::model::values::{CityRef, Id, Ref, Refs};
use crate::model::{OutdoorSite, TouristicContent, TouristicEvent, Trek};

/// The families the search page covers, in the order of its counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Family {
    Trek,
    Service,
    OutdoorSite,
    Event,
}

impl Family {
    pub const ALL: [Family; 4] = [Family::Trek, Family::Service, Family::OutdoorSite, Family::Event];

    /// The card kind, also the family's name in the index.
    pub fn kind(self) -> &'static str {
        match self {
            Family::Trek => "trek",
            Family::Service => "service",
            Family::OutdoorSite => "outdoor-site",
            Family::Event => "event",
        }
    }

    /// The filter that picks this family in Geotrek-rando's activity bar.
    pub fn activity_facet(self) -> &'static str {
        match self {
            Family::Trek => "practices",
            Family::Service => "categories",
            Family::OutdoorSite => "outdoorPractice",
            Family::Event => "event",
        }
    }
}

/// Weighted text fields, highest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Field {
    Name,
    Places,
    Teaser,
    Pois,
    Description,
}

impl Field {
    pub const COUNT: usize = 5;
}

/// Serialized for the index's fingerprint only.
#[derive(Debug, Clone, Serialize)]
pub struct SearchDoc {
    pub family: Family,
    pub card: std::sync::Arc<Card>,
    /// Where its marker goes on the results map: `[lat, lng]`.
    pub at: Option<[f64; 2]>,
    pub facets: Facets,
    pub texts: Vec<(Field, String)>,
}

/// An object's values per filter (filter name → value ids, as Geotrek-rando writes them in its
/// URLs); filters it has no value for are left out. A list, not a map: a document has a dozen
/// filters at most, and a map for each was a fortieth of a large build's memory.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets(Vec<(Box<str>, ValueIds)>);

type ValueIds = Box<[Box<str>]>;

impl Facets {
    pub fn get(&self, key: &str) -> Option<&[Box<str>]> {
        self.0.iter().find(|(k, _)| &**k == key).map(|(_, ids)| &**ids)
    }

    pub fn put(&mut self, key: &str, ids: Vec<String>) {
        if !ids.is_empty() {
            self.0.retain(|(k, _)| &**k != key);
            self.0
                .push((key.into(), ids.into_iter().map(String::into_boxed_str).collect()));
        }
    }
}

/// One value of a facet, named in the page's language.
#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    pub id: String,
    pub name: String,
    /// Where the API gives an order (difficulty levels), else by name.
    #[serde(skip)]
    pub order: Option<f64>,
}

/// Serialized for the index's fingerprint only: a rebuild writes again only the languages
/// whose index changed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SearchData {
    pub docs: Vec<SearchDoc>,
    /// Filter name → its values in display order (a content type group's filter is
    /// `type-services-<group>`).
    pub values: BTreeMap<String, Vec<FacetValue>>,
    /// Names of the filters that have no fixed name: a content type group's.
    pub titles: BTreeMap<String, String>,
}

/// Collects facet values while documents are made, so that only values some shown object
/// uses are offered.
struct Values<'a, 'b> {
    l: &'b Localizer<'a>,
    values: BTreeMap<String, BTreeMap<String, FacetValue>>,
}

impl<'a, 'b> Values<'a, 'b> {
    fn add(&mut self, facet: &str, id: String, name: impl FnOnce() -> Option<(String, Option<f64>)>) -> bool {
        let entry = self.values.entry(facet.to_string()).or_default();
        if entry.contains_key(&id) {
            return true;
        }
        match name() {
            Some((name, order)) if !name.is_empty() => {
                entry.insert(id.clone(), FacetValue { id, name, order });
                true
            }
            _ => false,
        }
    }

    fn nomenclature(&mut self, facet: &str, endpoint: &str, ids: &[Id]) -> Vec<String> {
        let l = self.l;
        ids.iter()
            .filter(|id| {
                self.add(facet, id.0.to_string(), || {
                    let value = l.dataset.nomenclature(endpoint, **id)?;
                    if endpoint == "label" && !value.filter {
                        return None;
                    }
                    Some((l.plain(&value.label)?.text, value.order))
                })
            })
            .map(|id| id.0.to_string())
            .collect()
    }

    fn one(&mut self, facet: &str, endpoint: &str, reference: &Ref) -> Vec<String> {
        let ids: Vec<Id> = reference.id.into_iter().collect();
        self.nomenclature(facet, endpoint, &ids)
    }

    fn many(&mut self, facet: &str, endpoint: &str, refs: &Refs) -> Vec<String> {
        self.nomenclature(facet, endpoint, &refs.ids)
    }

    fn cities(&mut self, cities: &[CityRef]) -> Vec<String> {
        let dataset = self.l.dataset;
        let mut ids = Vec::new();
        for city in cities.iter().filter_map(|c| dataset.city(c)) {
            let id = match &city.id {
                CityRef::Code(code) => code.clone(),
                CityRef::Id(id) if city.code.is_empty() => id.to_string(),
                CityRef::Id(_) => city.code.clone(),
            };
            if !ids.contains(&id)
                && self.add("cities", id.clone(), || {
                    Some((html::plain_text(&city.name), None))
                })
            {
                ids.push(id);
            }
        }
        ids
    }

    fn districts(&mut self, refs: &Refs) -> Vec<String> {
        let dataset = self.l.dataset;
        refs.ids
            .iter()
            .filter(|id| {
                self.add("districts", id.0.to_string(), || {
                    Some((html::plain_text(&dataset.districts.get(id)?.name), None))
                })
            })
            .map(|id| id.0.to_string())
            .collect()
    }

    fn finish(self) -> BTreeMap<String, Vec<FacetValue>> {
        self.values
            .into_iter()
            .filter(|(_, values)| !values.is_empty())
            .map(|(facet, values)| {
                let mut values: Vec<FacetValue> = values.into_values().collect();
                values.sort_by(|a, b| {
                    let key = |v: &FacetValue| v.order.unwrap_or(f64::INFINITY);
                    key(a)
                        .total_cmp(&key(b))
                        .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
                        .then_with(|| a.id.cmp(&b.id))
                });
                (facet, values)
            })
            .collect()
    }
}

/// The objects of each family, as selection kept them, with their cards.
pub struct Shown<'m> {
    pub treks: Vec<(&'m Trek, &'m std::sync::Arc<Card>, Vec<String>)>,
    pub contents: Vec<(&'m TouristicContent, &'m std::sync::Arc<Card>)>,
    pub events: Vec<(&'m TouristicEvent, &'m std::sync::Arc<Card>)>,
    pub sites: Vec<(&'m OutdoorSite, &'m Card)>,
}

impl Localizer<'_> {
    /// `pois` of a trek are the names of the points of interest along it.
    pub fn search_data(&self, shown: Shown) -> SearchData {
        let mut values = Values {
            l: self,
            values: BTreeMap::new(),
        };
        let mut docs = Vec::new();
        let mut titles = BTreeMap::new();
        for (trek, card, pois) in shown.treks {
            let mut facets = Facets::default();
            facets.put(
                "practices",
                values.one("practices", "trek_practice", &trek.practice),
            );
            facets.put(
                "difficulty",
                values.one("difficulty", "trek_difficulty", &trek.difficulty),
            );
            facets.put("routes", values.one("routes", "trek_route", &trek.route));
            facets.put("themes", values.many("themes", "theme", &trek.themes));
            facets.put(
                "networks",
                values.many("networks", "trek_network", &trek.networks),
            );
            facets.put(
                "accessibilities",
                values.many("accessibilities", "trek_accessibility", &trek.accessibilities),
            );
            facets.put("labels", values.many("labels", "label", &trek.labels));
            facets.put(
                "structures",
                values.one("structures", "structure", &trek.structure),
            );
            facets.put("cities", values.cities(&trek.cities));
            facets.put("districts", values.districts(&trek.districts));
            let mut texts = self.common_texts(
                card,
                &trek.description_teaser,
                &[&trek.description, &trek.ambiance],
            );
            for place in [&trek.departure, &trek.arrival] {
                if let Some(p) = self.plain(place) {
                    texts.push((Field::Places, p.text));
                }
            }
            texts.push((Field::Places, self.city_names(&trek.cities).join(" ")));
            texts.push((Field::Pois, pois.join(" ")));
            docs.push(SearchDoc {
                family: Family::Trek,
                card: card.clone(),
                at: trek.geometry.as_deref().and_then(|g| g.start()).map(latlng),
                facets,
                texts,
            });
        }
        for (content, card) in shown.contents {
            let mut facets = Facets::default();
            let category = content.category.id;
            facets.put("categories", {
                let ids: Vec<String> = category
                    .filter(|id| {
                        values.add("categories", id.0.to_string(), || {
                            let c = self.dataset.touristic_content_categories.get(id)?;
                            Some((self.plain(&c.label)?.text, c.order))
                        })
                    })
                    .map(|id| id.0.to_string())
                    .into_iter()
                    .collect();
                ids
            });
            for (group, refs) in &content.types {
                let key = format!("type-services-{group}");
                let Some(group) = category
                    .and_then(|id| self.dataset.touristic_content_categories.get(&id))
                    .and_then(|c| {
                        c.types
                            .iter()
                            .find(|g| g.id.id.is_some_and(|g| g.0.to_string() == *group))
                    })
                else {
                    continue;
                };
                let ids: Vec<String> = refs
                    .ids
                    .iter()
                    .filter(|id| {
                        values.add(&key, id.0.to_string(), || {
                            let value = group.values.iter().find(|v| v.id.id == Some(**id))?;
                            Some((self.plain(&value.label)?.text, None))
                        })
                    })
                    .map(|id| id.0.to_string())
                    .collect();
                if !ids.is_empty() {
                    if let Some(title) = self.plain(&group.label) {
                        titles.insert(key.clone(), title.text);
                    }
                }
                facets.put(&key, ids);
            }
            facets.put("themes", values.many("themes", "theme", &content.themes));
            facets.put(
                "structures",
                values.one("structures", "structure", &content.structure),
            );
            facets.put("cities", values.cities(&content.cities));
            facets.put("districts", values.districts(&content.districts));
            let mut texts = self.common_texts(card, &content.description_teaser, &[&content.description]);
            texts.push((Field::Places, self.city_names(&content.cities).join(" ")));
            docs.push(SearchDoc {
                family: Family::Service,
                card: card.clone(),
                at: content.geometry.as_ref().and_then(|g| g.start()).map(latlng),
                facets,
                texts,
            });
        }
        for (site, card) in shown.sites {
            let mut facets = Facets::default();
            facets.put(
                "outdoorPractice",
                values.one("outdoorPractice", "outdoor_practice", &site.practice),
            );
            facets.put("themes", values.many("themes", "theme", &site.themes));
            facets.put(
                "structures",
                values.one("structures", "structure", &site.structure),
            );
            facets.put("cities", values.cities(&site.cities));
            facets.put("districts", values.districts(&site.districts));
            let mut texts = self.common_texts(
                card,
                &site.description_teaser,
                &[&site.description, &site.ambiance],
            );
            texts.push((Field::Places, self.city_names(&site.cities).join(" ")));
            docs.push(SearchDoc {
                family: Family::OutdoorSite,
                card: std::sync::Arc::new(card.clone()),
                at: site.geometry.as_ref().and_then(|g| g.start()).map(latlng),
                facets,
                texts,
            });
        }
        for (event, card) in shown.events {
            let mut facets = Facets::default();
            facets.put("event", values.one("event", "touristicevent_type", &event.kind));
            facets.put("themes", values.many("themes", "theme", &event.themes));
            facets.put(
                "structures",
                values.one("structures", "structure", &event.structure),
            );
            facets.put("cities", values.cities(&event.cities));
            facets.put("districts", values.districts(&event.districts));
            let mut texts = self.common_texts(card, &event.description_teaser, &[&event.description]);
            texts.push((Field::Places, self.city_names(&event.cities).join(" ")));
            docs.push(SearchDoc {
                family: Family::Event,
                card: card.clone(),
                at: event.geometry.as_ref().and_then(|g| g.start()).map(latlng),
                facets,
                texts,
            });
        }
        let mut values = values.finish();
        // Excluding a label offers the same values as including one.
        if let Some(labels) = values.get("labels").cloned() {
            values.insert("labels_exclude".to_string(), labels);
        }
        SearchData { docs, values, titles }
    }

    fn common_texts(
        &self,
        card: &Card,
        teaser: &crate::model::values::Text,
        long: &[&crate::model::values::Text],
    ) -> Vec<(Field, String)> {
        let mut texts = vec![(Field::Name, card.name.text.clone())];
        if let Some(t) = self.plain(teaser) {
            texts.push((Field::Teaser, t.text));
        }
        for text in long {
            if let Some(t) = self.plain(text) {
                texts.push((Field::Description, t.text));
            }
        }
        texts
    }
}

fn latlng(c: crate::model::geometry::Coord) -> [f64; 2] {
    [c.lat(), c.lon()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_map_to_geotrek_rando_activity_filters() {
        let names: Vec<_> = Family::ALL.iter().map(|f| f.activity_facet()).collect();
        assert_eq!(names, ["practices", "categories", "outdoorPractice", "event"]);
    }
}
