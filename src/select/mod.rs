//! Dataset + config → one [`LanguageSite`] per site language: the objects the site shows,
//! filtered (the `[source]` filters again, whatever the API already applied, and per-language
//! publication), localized with the fallback rule, references resolved, rich text sanitized,
//! and what the API does not link computed from geometry.
//!
//! The views are plain serializable structs: templates receive them as they are and never look
//! anything up.

pub mod cache;
pub mod drawings;
pub mod filter;
pub mod localize;
pub mod outdoor;
pub mod pages;
pub mod proximity;
pub mod search;
pub mod tourism;
pub mod trek;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::fingerprint;
use crate::html::{self, Sanitizer};
use crate::model::values::{Id, Text};
use crate::model::{Attachment, Dataset, Trek};
pub use cache::{Caches, CACHE_DIR};
use drawings::Drawings;
pub use localize::{FirstPicture, Local, Localizer, Named, Picture};
pub use outdoor::{CourseView, SiteView};
pub use pages::{FlatPageView, MenuEntry};
use proximity::Proximity;
pub use tourism::{ContentView, EventView};
use trek::Surroundings;
pub use trek::TrekView;

/// The same object in another language.
#[derive(Debug, Clone, Serialize)]
pub struct Translation {
    pub lang: String,
    pub url: String,
}

/// A link to another object of the site.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub id: u64,
    pub url: String,
    pub name: Local,
    /// An itinerary's steps, to place a step in it.
    #[serde(skip)]
    pub children: Vec<u64>,
}

/// What lists, cards and the head of every object page show.
#[derive(Debug, Clone, Default, Serialize)]
// Serialized by the impl below, which takes this derived one for page values.
#[serde(remote = "Self")]
pub struct Card {
    /// URL segment of the family: `trek`, `service`, `event`, `outdoor-site`,
    /// `outdoor-course`, `information`.
    pub kind: &'static str,
    pub id: u64,
    pub slug: String,
    /// Site-relative URL, or an absolute one for a flat page that links elsewhere.
    pub url: String,
    pub external: bool,
    pub name: Local,
    pub picture: FirstPicture,
    /// A trek's route as an SVG path in a 100 × 100 box.
    pub thumbnail: Option<Arc<str>>,
    /// Practice, category or type.
    pub subtitle: Option<Local>,
    /// The teaser (or description) as plain text, cut for cards and meta descriptions.
    pub summary: Option<String>,
    pub practice: Option<Named>,
    pub difficulty: Option<Named>,
    pub duration_hours: Option<f64>,
    pub length_m: Option<f64>,
    pub ascent_m: Option<f64>,
    pub city: Option<String>,
    pub begin_date: Option<String>,
    pub end_date: Option<String>,
    /// `update_datetime`, for the sitemap.
    pub lastmod: String,
    /// Computed the first time a page showing the card is fingerprinted.
    #[serde(skip)]
    pub fingerprint: fingerprint::Once,
}

impl fingerprint::Values for Card {
    fn serialize_values<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Card::serialize(self, serializer)
    }
}

/// A card is in many pages (its own, lists, the pages of what is near it, the search
/// entries): their fingerprints take the card's, computed once, instead of its values, which
/// were a thirtieth of a one-trek rebuild.
impl Serialize for Card {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        fingerprint::serialize_once(self, &self.fingerprint, serializer)
    }
}

impl LanguageSite {
    /// The card of every object shown in this language, all families.
    pub fn cards(&self) -> impl Iterator<Item = &Card> {
        self.treks
            .iter()
            .map(|v| &*v.card)
            .chain(self.contents.iter().map(|v| &*v.card))
            .chain(self.events.iter().map(|v| &*v.card))
            .chain(self.sites.iter().map(|v| &v.card))
            .chain(self.courses.iter().map(|v| &v.card))
            .chain(self.flat_pages.iter().map(|v| &v.card))
    }
}

/// A practice and the treks of it, for the home bar and the per-practice lists.
#[derive(Debug, Clone, Serialize)]
pub struct PracticeGroup {
    pub practice: Named,
    pub slug: String,
    /// The crawlable list of this practice's treks.
    pub url: String,
    /// Indexes into [`LanguageSite::treks`].
    pub treks: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LanguageSite {
    pub lang: String,
    pub is_default: bool,
    /// `/` for the default language, `/<lang>/` otherwise.
    pub root: String,
    pub treks: Vec<TrekView>,
    pub contents: Vec<ContentView>,
    pub events: Vec<EventView>,
    pub sites: Vec<SiteView>,
    pub courses: Vec<CourseView>,
    pub flat_pages: Vec<FlatPageView>,
    pub menu: Vec<MenuEntry>,
    pub practices: Vec<PracticeGroup>,
    /// Indexes into `treks`, in the configured order.
    pub highlighted: Vec<usize>,
    /// Indexes into `events`: not over on `today`, soonest first.
    pub upcoming: Vec<usize>,
    /// What the search page indexes; empty when search is off.
    #[serde(skip)]
    pub search: search::SearchData,
}

/// What selection needs besides the data and the config.
pub struct Context<'a> {
    /// "Today" for upcoming events: the snapshot's date, so a build is a function of its inputs.
    pub today: NaiveDate,
    /// The API root, against which relative media URLs are resolved.
    pub api: Option<&'a url::Url>,
}

/// Builds every language's site, computing from the routes only what `caches` does not hold
/// yet (and leaving them holding this dataset's).
/// `caches` are handed to `keep` once used (drawings and what lies near each route), before the
/// views are built: at 20,000 treks, they held with every language's views made the peak
/// memory of a rebuild.
pub fn select(
    dataset: &Dataset,
    config: &Config,
    context: &Context,
    mut caches: Caches,
    keep: impl FnOnce(Caches),
) -> Vec<LanguageSite> {
    let sanitizer = std::sync::Arc::new(Sanitizer::new(context.api));
    let routes = route_digests(&dataset.treks);
    let proximity = Proximity::new(
        dataset,
        &routes,
        config.pages.poi_distance_m,
        config.pages.nearby_distance_m,
        &mut caches.proximity,
    );
    let drawings = Drawings::new(&dataset.treks, &routes, &config.maps, &mut caches.drawings);
    keep(caches);
    let pictures = localize::SharedPictures::default();
    let mut sites: Vec<LanguageSite> = config
        .languages
        .par_iter()
        .map(|lang| {
            let localizer = Localizer {
                lang,
                default: &config.default_language,
                fallback: config.translation_fallback,
                dataset,
                api: context.api,
                sanitizer: &sanitizer,
                map_tolerance: config.maps.trek_tolerance,
                drawings: &drawings,
                pictures: &pictures,
            };
            language_site(&localizer, config, context, &proximity)
        })
        .collect();
    link_translations(&mut sites);
    sites
}

/// Each trek's route fingerprint, by which what is computed from the route is cached and
/// pages are fingerprinted; `None` without a route.
fn route_digests(treks: &[Trek]) -> Vec<Option<fingerprint::Digest>> {
    treks
        .par_iter()
        .map(|trek| Some(trek.geometry.as_deref()?.digest().clone()))
        .collect()
}

fn language_site(l: &Localizer, config: &Config, context: &Context, proximity: &Proximity) -> LanguageSite {
    let dataset = l.dataset;
    let filters = &config.filters;
    let is_default = l.lang == config.default_language;
    let root = if is_default {
        "/".to_string()
    } else {
        format!("/{}/", l.lang)
    };
    let include = &config.include;

    let treks = if include.treks {
        shown_treks(dataset, filters, l.lang)
    } else {
        Vec::new()
    };
    let contents = if include.touristic_contents {
        filter::shown(&dataset.touristic_contents, l.lang, filters, dataset)
    } else {
        Vec::new()
    };
    let events = if include.touristic_events {
        filter::shown(&dataset.touristic_events, l.lang, filters, dataset)
    } else {
        Vec::new()
    };
    let (outdoor_sites, outdoor_courses) = if include.outdoor {
        (
            filter::shown(&dataset.outdoor_sites, l.lang, filters, dataset),
            filter::shown(&dataset.outdoor_courses, l.lang, filters, dataset),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let flat_pages: Vec<_> = if include.flat_pages {
        dataset
            .flat_pages
            .iter()
            .filter(|p| p.published.in_language(l.lang))
            .filter(|p| {
                filters.portals.is_empty()
                    || p.portals.ids.is_empty()
                    || p.portals.ids.iter().any(|id| filters.portals.contains(&id.0))
            })
            .collect()
    } else {
        Vec::new()
    };

    // Cards first: every view links to others through them.
    // Shared by the object's page, the pages listing it nearby and its search entry.
    let trek_cards: Vec<(&Trek, Arc<Card>)> = treks
        .iter()
        .filter_map(|t| Some((*t, Arc::new(l.trek_card(t, &root)?))))
        .collect();
    let trek_links = links(
        trek_cards
            .iter()
            .map(|(t, c)| (c.as_ref(), t.children.ids.iter().map(|id| id.0).collect())),
    );
    let content_cards: Vec<_> = contents
        .iter()
        .filter_map(|c| {
            let category = c
                .category
                .id
                .and_then(|id| dataset.touristic_content_categories.get(&id))
                .and_then(|cat| l.plain(&cat.label));
            Some((
                *c,
                Arc::new(l.card(
                    "service",
                    c.id,
                    &c.name,
                    &root,
                    &c.attachments,
                    category,
                    &[&c.description_teaser, &c.description],
                    &c.update_datetime,
                )?),
            ))
        })
        .collect();
    let event_cards: Vec<_> = events
        .iter()
        .filter_map(|e| {
            let kind = l.one("touristicevent_type", &e.kind).map(|n| n.name);
            let mut card = l.card(
                "event",
                e.id,
                &e.name,
                &root,
                &e.attachments,
                kind,
                &[&e.description_teaser, &e.description],
                &e.update_datetime,
            )?;
            card.begin_date = Some(e.begin_date.clone()).filter(|d| !d.is_empty());
            card.end_date = Some(if e.end_date.is_empty() {
                e.begin_date.clone()
            } else {
                e.end_date.clone()
            })
            .filter(|d| !d.is_empty());
            card.city = l.city_names(&e.cities).into_iter().next();
            Some((*e, Arc::new(card)))
        })
        .collect();
    let site_cards: Vec<_> = outdoor_sites
        .iter()
        .filter_map(|s| {
            let subtitle = l
                .one("outdoor_practice", &s.practice)
                .or_else(|| l.one("outdoor_sitetype", &s.kind))
                .map(|n| n.name);
            Some((
                *s,
                l.card(
                    "outdoor-site",
                    s.id,
                    &s.name,
                    &root,
                    &s.attachments,
                    subtitle,
                    &[&s.description_teaser, &s.description],
                    &s.update_datetime,
                )?,
            ))
        })
        .collect();
    let course_cards: Vec<_> = outdoor_courses
        .iter()
        .filter_map(|c| {
            let subtitle = l.one("outdoor_coursetype", &c.kind).map(|n| n.name);
            let mut card = l.card(
                "outdoor-course",
                c.id,
                &c.name,
                &root,
                &c.attachments,
                subtitle,
                &[&c.description],
                &c.update_datetime,
            )?;
            card.duration_hours = c.duration.filter(|d| *d > 0.0);
            card.length_m = c.length.filter(|d| *d > 0.0);
            Some((*c, card))
        })
        .collect();
    let page_cards: Vec<_> = flat_pages
        .iter()
        .filter_map(|p| {
            let mut card = l.card(
                "information",
                p.id,
                &p.title,
                &root,
                &p.attachments,
                None,
                &[&p.content],
                &p.update_datetime,
            )?;
            if let Some(external) = l
                .text(&p.external_url)
                .map(|u| l.media_url(&u.text))
                .filter(|u| !u.is_empty())
            {
                card.url = external;
                card.external = true;
            }
            Some((*p, card))
        })
        .collect();

    let site_links = links(site_cards.iter().map(|(_, c)| (c, Vec::new())));
    let course_links = links(course_cards.iter().map(|(_, c)| (c, Vec::new())));
    let page_links = links(
        page_cards
            .iter()
            .filter(|(_, c)| !c.external)
            .map(|(_, c)| (c, Vec::new())),
    );

    let around = Surroundings {
        proximity,
        pois: dataset.pois.iter().map(|_| std::sync::OnceLock::new()).collect(),
        desks: dataset
            .information_desks
            .keys()
            .map(|id| (*id, std::sync::OnceLock::new()))
            .collect(),
        contents: content_cards
            .iter()
            .map(|(c, card)| (c.id, Arc::clone(card)))
            .collect(),
        events: event_cards
            .iter()
            .map(|(e, card)| (e.id, Arc::clone(card)))
            .collect(),
        treks: &trek_links,
        emergency_number: config.pages.emergency_number.as_deref(),
    };
    let trek_views: Vec<TrekView> = trek_cards
        .par_iter()
        .map(|(t, card)| l.trek(t, Arc::clone(card), &around))
        .collect();
    let shown_treks: HashMap<Id, Arc<Card>> = trek_cards
        .iter()
        .map(|(t, card)| (t.id, Arc::clone(card)))
        .collect();
    let search = if config.search.enabled {
        l.search_data(search::Shown {
            treks: trek_cards
                .iter()
                .zip(&trek_views)
                .map(|((t, card), view)| (*t, card, view.pois.iter().map(|p| p.name.text.clone()).collect()))
                .collect(),
            contents: content_cards.iter().map(|(c, card)| (*c, card)).collect(),
            events: event_cards.iter().map(|(e, card)| (*e, card)).collect(),
            sites: site_cards.iter().map(|(s, card)| (*s, card)).collect(),
        })
    } else {
        search::SearchData::default()
    };
    let content_views = content_cards
        .into_par_iter()
        .map(|(c, card)| {
            let near = trek::nearest(proximity.content_treks(c.id), &shown_treks);
            l.content(c, card, near)
        })
        .collect();
    let event_views: Vec<EventView> = event_cards
        .into_par_iter()
        .map(|(e, card)| {
            let near = trek::nearest(proximity.event_treks(e.id), &shown_treks);
            l.event(e, card, near)
        })
        .collect();
    let site_views = site_cards
        .into_iter()
        .map(|(s, card)| l.site(s, card, &site_links, &course_links))
        .collect();
    let course_views = course_cards
        .into_iter()
        .map(|(c, card)| {
            let parents: Vec<Link> = outdoor_sites
                .iter()
                .filter(|s| s.courses.ids.contains(&c.id))
                .filter_map(|s| site_links.get(&s.id).cloned())
                .collect();
            l.course(c, card, parents, &course_links)
        })
        .collect();
    let page_views = page_cards
        .into_iter()
        .filter(|(_, c)| !c.external)
        .map(|(p, card)| l.flat_page(p, card, &page_links))
        .collect();

    LanguageSite {
        practices: practice_groups(l, &trek_views, &root),
        highlighted: config
            .pages
            .highlighted_treks
            .iter()
            .filter_map(|id| trek_views.iter().position(|t| t.card.id == *id))
            .collect(),
        upcoming: upcoming(&event_views, context.today),
        menu: l.menu(&dataset.menu_items, &page_links),
        lang: l.lang.to_string(),
        is_default,
        root,
        treks: trek_views,
        contents: content_views,
        events: event_views,
        sites: site_views,
        courses: course_views,
        flat_pages: page_views,
        search,
    }
}

/// Treks shown in `lang`: those passing the filters and published in it, then the steps of
/// those itineraries (a step may be unpublished itself; the API serves it through its parent).
fn shown_treks<'a>(dataset: &'a Dataset, filters: &crate::config::Filters, lang: &str) -> Vec<&'a Trek> {
    let by_id: HashMap<Id, &Trek> = dataset.treks.iter().map(|t| (t.id, t)).collect();
    let mut shown = filter::shown(&dataset.treks, lang, filters, dataset);
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

fn links<'a>(cards: impl Iterator<Item = (&'a Card, Vec<u64>)>) -> BTreeMap<Id, Link> {
    cards
        .map(|(card, children)| {
            (
                Id(card.id),
                Link {
                    id: card.id,
                    url: card.url.clone(),
                    name: card.name.clone(),
                    children,
                },
            )
        })
        .collect()
}

impl Localizer<'_> {
    /// `None` when the object has no name to show in this language.
    #[allow(clippy::too_many_arguments)]
    fn card(
        &self,
        kind: &'static str,
        id: Id,
        name: &Text,
        root: &str,
        attachments: &[Attachment],
        subtitle: Option<Local>,
        summaries: &[&Text],
        lastmod: &str,
    ) -> Option<Card> {
        let name = self.plain(name)?;
        let slug = slug_of(&name.text, kind);
        let summary = summaries
            .iter()
            .find_map(|t| self.text(t))
            .map(|l| html::truncate(&html::plain_text(&l.text), 200))
            .filter(|s| !s.is_empty());
        Some(Card {
            kind,
            id: id.0,
            url: format!("{root}{kind}/{id}-{slug}/"),
            external: false,
            slug,
            name,
            picture: FirstPicture::of(self.pictures(kind, id, attachments)),
            thumbnail: None,
            subtitle,
            summary,
            practice: None,
            difficulty: None,
            duration_hours: None,
            length_m: None,
            ascent_m: None,
            city: None,
            begin_date: None,
            end_date: None,
            lastmod: lastmod.to_string(),
            fingerprint: fingerprint::Once::default(),
        })
    }

    fn trek_card(&self, trek: &Trek, root: &str) -> Option<Card> {
        let practice = self.one("trek_practice", &trek.practice);
        let mut card = self.card(
            "trek",
            trek.id,
            &trek.name,
            root,
            &trek.attachments,
            practice.as_ref().map(|p| p.name.clone()),
            &[&trek.description_teaser, &trek.ambiance, &trek.description],
            &trek.update_datetime,
        )?;
        card.practice = practice;
        let drawn = self.drawings.trek(trek.id);
        card.thumbnail = drawn.thumbnail.clone();
        card.difficulty = self.one("trek_difficulty", &trek.difficulty);
        card.duration_hours = trek.duration.filter(|d| *d > 0.0);
        card.length_m = trek
            .length_2d
            .or(trek.length_3d)
            .filter(|l| *l > 0.0)
            .or(drawn.length_m);
        card.ascent_m = trek.ascent.filter(|a| *a > 0.0);
        card.city = trek
            .departure_city
            .as_ref()
            .or(trek.cities.first())
            .and_then(|c| self.city_names(std::slice::from_ref(c)).into_iter().next());
        Some(card)
    }
}

/// Practices of the shown treks, in the API's order (then by name), each with its treks.
fn practice_groups(l: &Localizer, treks: &[TrekView], root: &str) -> Vec<PracticeGroup> {
    let mut groups: BTreeMap<u64, PracticeGroup> = BTreeMap::new();
    for (index, trek) in treks.iter().enumerate() {
        if let Some(practice) = &trek.card.practice {
            groups
                .entry(practice.id)
                .or_insert_with(|| {
                    let slug = slug_of(&practice.name.text, "practice");
                    PracticeGroup {
                        url: format!("{root}practice/{}-{slug}/", practice.id),
                        slug,
                        practice: practice.clone(),
                        treks: Vec::new(),
                    }
                })
                .treks
                .push(index);
        }
    }
    let order = |g: &PracticeGroup| {
        l.dataset
            .nomenclature("trek_practice", Id(g.practice.id))
            .and_then(|p| p.order)
            .unwrap_or(f64::MAX)
    };
    let mut groups: Vec<PracticeGroup> = groups.into_values().collect();
    groups.sort_by(|a, b| {
        order(a)
            .total_cmp(&order(b))
            .then_with(|| a.practice.name.text.cmp(&b.practice.name.text))
    });
    groups
}

fn upcoming(events: &[EventView], today: NaiveDate) -> Vec<usize> {
    let date = |d: &str| NaiveDate::parse_from_str(d.get(..10).unwrap_or(d), "%Y-%m-%d").ok();
    let mut upcoming: Vec<(NaiveDate, usize)> = events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let begin = date(&e.begin_date)?;
            let end = date(&e.end_date).unwrap_or(begin);
            (end >= today).then_some((begin, i))
        })
        .collect();
    upcoming.sort();
    upcoming.into_iter().map(|(_, i)| i).collect()
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

/// Every object's translations: the same (family, id) in each language where it is shown.
fn link_translations(sites: &mut [LanguageSite]) {
    let mut urls: BTreeMap<(&'static str, u64), Vec<Translation>> = BTreeMap::new();
    for site in sites.iter() {
        let cards = site.cards();
        for card in cards {
            urls.entry((card.kind, card.id)).or_default().push(Translation {
                lang: site.lang.clone(),
                url: card.url.clone(),
            });
        }
    }
    let get = |card: &Card| urls.get(&(card.kind, card.id)).cloned().unwrap_or_default();
    for site in sites.iter_mut() {
        site.treks
            .par_iter_mut()
            .for_each(|v| v.translations = get(&v.card));
        site.contents
            .par_iter_mut()
            .for_each(|v| v.translations = get(&v.card));
        site.events
            .par_iter_mut()
            .for_each(|v| v.translations = get(&v.card));
        site.sites.iter_mut().for_each(|v| v.translations = get(&v.card));
        site.courses
            .iter_mut()
            .for_each(|v| v.translations = get(&v.card));
        site.flat_pages
            .iter_mut()
            .for_each(|v| v.translations = get(&v.card));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_is_fingerprinted_once_and_by_all_its_values() {
        let card = Card {
            id: 3,
            summary: Some("Un lac".into()),
            ..Card::default()
        };
        let of = |card: &Card| fingerprint::Fingerprint::new().value(&[card, card]).finish();
        let digest = of(&card);
        assert!(card.fingerprint.is_set(), "not kept");
        assert_eq!(of(&card), digest);
        let mut changed = card.clone();
        assert!(!changed.fingerprint.is_set(), "a clone keeps a fingerprint");
        changed.summary = Some("Un lac gelé".into());
        assert_ne!(of(&changed), digest);
        // Views flatten their card.
        #[derive(Serialize)]
        struct View<'a> {
            #[serde(flatten)]
            card: &'a Card,
            more: u8,
        }
        let view = |card| {
            fingerprint::Fingerprint::new()
                .value(&View { card, more: 1 })
                .finish()
        };
        assert_ne!(view(&card), view(&changed));
        // Page values are the card's values.
        let json = serde_json::to_value(&card).unwrap();
        assert_eq!(json["summary"], "Un lac");
        assert_eq!(json["id"], 3);
    }

    #[test]
    fn slugs_are_ascii_lower_case_without_diacritics() {
        assert_eq!(
            slug_of("Lac de l'Ascension — Étang d'Œuf", "trek"),
            "lac-de-l-ascension-etang-d-oeuf"
        );
        assert_eq!(slug_of("  ", "trek"), "trek");
        assert_eq!(slug_of("../../etc/passwd", "trek"), "etc-passwd");
    }
}
