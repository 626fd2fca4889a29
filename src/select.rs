//! Dataset + config → one [`LanguageSite`] per site language: the objects the site shows,
//! filtered (the `[source]` filters again, whatever the API already applied, and per-language
//! publication), localized with the fallback rule, references resolved, rich text sanitized.
//!
//! The views are plain serializable structs: templates receive them as they are and never look
//! anything up.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::config::{CityFilter, Config, Filters, TranslationFallback};
use crate::html;
use crate::model::values::{CityRef, Id, Ref, Refs, Text};
use crate::model::{Dataset, Trek};

/// A localized string. `lang` is set when the text is in another language than the page
/// (the fallback rule showed the default language's text), so templates can mark it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Local {
    pub text: String,
    pub lang: Option<String>,
}

/// A resolved reference to a nomenclature value.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub id: u64,
    pub name: Local,
    pub pictogram: String,
}

/// The same object in another language.
#[derive(Debug, Clone, Serialize)]
pub struct Translation {
    pub lang: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrekView {
    pub id: u64,
    pub slug: String,
    /// Site-relative URL, `/trek/<id>-<slug>/` or `/<lang>/trek/<id>-<slug>/`.
    pub url: String,
    pub name: Local,
    pub teaser: Option<Local>,
    pub description: Option<Local>,
    pub ambiance: Option<Local>,
    pub departure: Option<Local>,
    pub arrival: Option<Local>,
    pub practice: Option<Named>,
    pub difficulty: Option<Named>,
    pub route: Option<Named>,
    pub themes: Vec<Named>,
    pub networks: Vec<Named>,
    pub cities: Vec<String>,
    pub duration_hours: Option<f64>,
    pub length_m: Option<f64>,
    pub ascent_m: Option<f64>,
    /// Positive: the API's `descent` is negative.
    pub descent_m: Option<f64>,
    pub min_elevation_m: Option<f64>,
    pub max_elevation_m: Option<f64>,
    pub update_datetime: String,
    /// This trek in every site language where it is shown, this one included.
    pub translations: Vec<Translation>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LanguageSite {
    pub lang: String,
    pub is_default: bool,
    /// `/` for the default language, `/<lang>/` otherwise.
    pub root: String,
    pub treks: Vec<TrekView>,
}

/// Builds every language's site.
pub fn select(dataset: &Dataset, config: &Config) -> Vec<LanguageSite> {
    let localizer = |lang: &str| Localizer {
        lang: lang.to_string(),
        default: config.default_language.clone(),
        fallback: config.translation_fallback,
        dataset,
    };
    let mut sites: Vec<LanguageSite> = config
        .languages
        .iter()
        .map(|lang| {
            let is_default = *lang == config.default_language;
            let root = if is_default {
                "/".to_string()
            } else {
                format!("/{lang}/")
            };
            let localizer = localizer(lang);
            let treks = shown_treks(dataset, &config.filters, lang)
                .into_iter()
                .filter_map(|trek| localizer.trek(trek, &root))
                .collect();
            LanguageSite {
                lang: lang.clone(),
                is_default,
                root,
                treks,
            }
        })
        .collect();
    link_translations(&mut sites);
    sites
}

/// Treks shown in `lang`: those passing the filters and published in it, then the steps of
/// those itineraries (a step may be unpublished itself; the API serves it through its parent).
fn shown_treks<'a>(dataset: &'a Dataset, filters: &Filters, lang: &str) -> Vec<&'a Trek> {
    let by_id: HashMap<Id, &Trek> = dataset.treks.iter().map(|t| (t.id, t)).collect();
    let mut shown: Vec<&Trek> = dataset
        .treks
        .iter()
        .filter(|t| t.published.in_language(lang) && passes(t, filters, dataset))
        .collect();
    let mut included: HashSet<Id> = shown.iter().map(|t| t.id).collect();
    let mut index = 0;
    while index < shown.len() {
        for child in &shown[index].children.ids {
            if let Some(step) = by_id.get(child) {
                if included.insert(step.id) {
                    shown.push(step);
                }
            }
        }
        index += 1;
    }
    shown
}

fn passes(trek: &Trek, filters: &Filters, dataset: &Dataset) -> bool {
    let any =
        |wanted: &[u64], refs: &Refs| wanted.is_empty() || refs.ids.iter().any(|id| wanted.contains(&id.0));
    let one = |wanted: &[u64], reference: &Ref| {
        wanted.is_empty() || reference.id.is_some_and(|id| wanted.contains(&id.0))
    };
    any(&filters.portals, &trek.portal)
        && one(&filters.structures, &trek.structure)
        && one(&filters.practices, &trek.practice)
        && any(&filters.districts, &trek.districts)
        && (filters.cities.is_empty() || filters.cities.iter().any(|f| in_city(trek, f, dataset)))
        && filters
            .bbox
            .is_none_or(|bbox| trek.geometry.as_ref().is_some_and(|g| g.intersects_bbox(bbox)))
}

fn in_city(trek: &Trek, filter: &CityFilter, dataset: &Dataset) -> bool {
    match filter {
        CityFilter::Id(id) => trek.cities.contains(&CityRef::Id(*id)),
        CityFilter::Code(code) => {
            trek.city_codes.contains(code)
                || trek.cities.iter().any(|c| match c {
                    CityRef::Code(c) => c == code,
                    CityRef::Id(_) => dataset.city(c).is_some_and(|city| &city.code == code),
                })
        }
    }
}

struct Localizer<'a> {
    lang: String,
    default: String,
    fallback: TranslationFallback,
    dataset: &'a Dataset,
}

impl Localizer<'_> {
    /// The text in this language, or by the fallback rule in the default one.
    fn text(&self, text: &Text) -> Option<Local> {
        if let Some(t) = text.get(&self.lang) {
            return Some(Local {
                text: t.to_string(),
                lang: None,
            });
        }
        match self.fallback {
            TranslationFallback::DefaultLanguage => text.get(&self.default).map(|t| Local {
                text: t.to_string(),
                lang: Some(self.default.clone()),
            }),
            TranslationFallback::Omit => None,
        }
    }

    fn plain(&self, text: &Text) -> Option<Local> {
        self.text(text)
            .map(|l| Local {
                text: html::plain_text(&l.text),
                ..l
            })
            .filter(|l| !l.text.is_empty())
    }

    fn rich(&self, text: &Text) -> Option<Local> {
        self.text(text)
            .map(|l| Local {
                text: html::sanitize(&l.text),
                ..l
            })
            .filter(|l| !l.text.is_empty())
    }

    fn named(&self, endpoint: &str, id: Id) -> Option<Named> {
        let value = self.dataset.nomenclature(endpoint, id)?;
        Some(Named {
            id: id.0,
            name: self.plain(&value.label)?,
            pictogram: value.pictogram.clone(),
        })
    }

    fn all_named(&self, endpoint: &str, refs: &Refs) -> Vec<Named> {
        refs.ids
            .iter()
            .filter_map(|id| self.named(endpoint, *id))
            .collect()
    }

    /// `None` when the trek has no name to show in this language.
    fn trek(&self, trek: &Trek, root: &str) -> Option<TrekView> {
        let name = self.plain(&trek.name)?;
        let slug = slug_of(&name.text, "trek");
        let one = |endpoint: &str, r: &Ref| r.id.and_then(|id| self.named(endpoint, id));
        let cities = trek
            .cities
            .iter()
            .filter_map(|c| self.dataset.city(c))
            .map(|c| html::plain_text(&c.name))
            .filter(|n| !n.is_empty())
            .collect();
        Some(TrekView {
            id: trek.id.0,
            url: format!("{root}trek/{}-{slug}/", trek.id),
            slug,
            name,
            teaser: self.rich(&trek.description_teaser),
            description: self.rich(&trek.description),
            ambiance: self.rich(&trek.ambiance),
            departure: self.plain(&trek.departure),
            arrival: self.plain(&trek.arrival),
            practice: one("trek_practice", &trek.practice),
            difficulty: one("trek_difficulty", &trek.difficulty),
            route: one("trek_route", &trek.route),
            themes: self.all_named("theme", &trek.themes),
            networks: self.all_named("trek_network", &trek.networks),
            cities,
            duration_hours: trek.duration.filter(|d| *d > 0.0),
            length_m: trek.length_2d.or(trek.length_3d).filter(|l| *l > 0.0),
            ascent_m: trek.ascent,
            descent_m: trek.descent.map(f64::abs),
            min_elevation_m: trek.min_elevation,
            max_elevation_m: trek.max_elevation,
            update_datetime: trek.update_datetime.clone(),
            translations: Vec::new(),
        })
    }
}

/// Lower-case ASCII, diacritics removed, words joined by `-`; `fallback` when nothing is left.
pub fn slug_of(name: &str, fallback: &str) -> String {
    let slug = slug::slugify(name);
    if slug.is_empty() {
        fallback.to_string()
    } else {
        slug
    }
}

fn link_translations(sites: &mut [LanguageSite]) {
    let mut urls: BTreeMap<u64, Vec<Translation>> = BTreeMap::new();
    for site in sites.iter() {
        for trek in &site.treks {
            urls.entry(trek.id).or_default().push(Translation {
                lang: site.lang.clone(),
                url: trek.url.clone(),
            });
        }
    }
    for site in sites.iter_mut() {
        for trek in &mut site.treks {
            trek.translations = urls.get(&trek.id).cloned().unwrap_or_default();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_lower_case_without_diacritics() {
        assert_eq!(
            slug_of("Lac de l'Ascension — Étang d'Œuf", "trek"),
            "lac-de-l-ascension-etang-d-oeuf"
        );
        assert_eq!(slug_of("  ", "trek"), "trek");
    }
}
