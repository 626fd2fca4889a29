//! What search engines and link previews read: title, description, canonical URL, hreflang
//! alternates with `x-default`, OpenGraph/Twitter image, and schema.org JSON-LD (`TouristTrip`
//! for treks, `Place`/`LocalBusiness` for touristic contents, `Event` for events).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::{json, Value};

use super::jobs::{Page, PageJob};
use crate::config::Config;
use crate::select::{Card, LanguageSite};

#[derive(Debug, Serialize)]
pub struct Head {
    /// Site-relative URL of this page.
    pub url: String,
    pub canonical: String,
    /// The page's own title; templates add the site's.
    pub title: String,
    /// Set when the title is in another language than the page.
    pub title_lang: Option<String>,
    pub description: String,
    pub image: Option<String>,
    pub image_alt: String,
    /// OpenGraph type: `website` for the home page, `article` for the rest.
    pub og_type: &'static str,
    /// This page in every language where it exists, this one included.
    pub alternates: Vec<Alternate>,
    pub x_default: Option<String>,
    pub lastmod: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub lang: String,
    /// Site-relative, for the language switcher.
    pub url: String,
    /// Absolute, for `hreflang`.
    pub href: String,
}

/// Page key → its versions, `(language index, URL)`, in site-language order.
pub type AlternateIndex<'a> = HashMap<&'a str, Vec<(usize, &'a str)>>;

pub fn alternate_index<'a>(pages: &[&'a PageJob]) -> AlternateIndex<'a> {
    let mut index: AlternateIndex = HashMap::new();
    for page in pages {
        index
            .entry(page.key.as_str())
            .or_default()
            .push((page.site, page.url.as_str()));
    }
    index.values_mut().for_each(|v| v.sort());
    index
}

pub fn head(
    config: &Config,
    sites: &[LanguageSite],
    job: &PageJob,
    strings: &BTreeMap<String, String>,
    alternates: &AlternateIndex,
) -> Head {
    let absolute = |url: &str| format!("{}{url}", config.base_url);
    let t = |key: &str| strings.get(key).cloned().unwrap_or_default();
    let card = card_of(&job.page);
    let (title, title_lang) = match (&job.page, card) {
        (Page::Home { .. }, _) => (config.title.clone(), None),
        (_, Some(card)) => (card.name.text.clone(), card.name.lang.clone()),
        (Page::List(list), None) => {
            let base = match list.title {
                Some(practice) => practice.text.clone(),
                None => t(&format!("list_{}", list.kind.replace('-', "_"))),
            };
            let title = if list.number > 1 {
                format!(
                    "{base} – {}",
                    t("page_n").replace("{n}", &list.number.to_string())
                )
            } else {
                base
            };
            (title, None)
        }
        (Page::Markdown(page), None) => (page.title.clone(), page.text_lang.clone()),
        (Page::NotFound, _) => (t("not_found_title"), None),
        (Page::Map, _) => (t("map_title"), None),
        (Page::Search, _) => (t("search_title"), None),
        _ => (config.title.clone(), None),
    };
    let description = match (&job.page, card) {
        (_, Some(card)) => card.summary.clone(),
        (Page::Home { intro }, _) => intro
            .and_then(|p| p.description.clone())
            .or_else(|| config.description.clone()),
        (Page::Markdown(page), _) => page.description.clone(),
        _ => None,
    }
    .or_else(|| config.description.clone())
    .unwrap_or_else(|| config.title.clone());
    let picture = card.and_then(|c| c.picture.get());
    let versions: Vec<Alternate> = alternates
        .get(job.key.as_str())
        .into_iter()
        .flatten()
        .map(|(site, url)| Alternate {
            lang: sites[*site].lang.clone(),
            url: url.to_string(),
            href: absolute(url),
        })
        .collect();
    let x_default = versions
        .iter()
        .find(|a| a.lang == config.default_language)
        .or(versions.first())
        .map(|a| a.href.clone());
    Head {
        canonical: absolute(&job.url),
        url: job.url.clone(),
        title,
        title_lang,
        description,
        image: picture.map(|p| p.url.clone()),
        image_alt: picture.map(|p| p.alt.clone()).unwrap_or_default(),
        og_type: if matches!(job.page, Page::Home { .. }) {
            "website"
        } else {
            "article"
        },
        alternates: versions,
        x_default,
        lastmod: job.lastmod.clone(),
    }
}

fn card_of<'a>(page: &'a Page) -> Option<&'a Card> {
    Some(match page {
        Page::Trek(v) => &v.card,
        Page::Content(v) => &v.card,
        Page::Event(v) => &v.card,
        Page::Site(v) => &v.card,
        Page::Course(v) => &v.card,
        Page::Information(v) => &v.card,
        _ => return None,
    })
}

fn geo(point: Option<[f64; 2]>) -> Value {
    match point {
        Some([lon, lat]) => json!({"@type": "GeoCoordinates", "latitude": lat, "longitude": lon}),
        None => Value::Null,
    }
}

/// Drops `null` members, which schema.org validators flag.
fn compact(mut value: Value) -> Value {
    if let Value::Object(map) = &mut value {
        map.retain(|_, v| !v.is_null() && v != &json!([]) && v != &json!(""));
        for v in map.values_mut() {
            *v = compact(v.take());
        }
    }
    value
}

/// The page's JSON-LD, ready for a `<script type="application/ld+json">`: `<`, `>` and `&` are
/// written as JSON escapes, so no text from the API can end the element or open a comment in it.
pub fn json_ld(config: &Config, site: &LanguageSite, job: &PageJob, head: &Head) -> String {
    let card = card_of(&job.page);
    let image = head.image.clone().map(Value::String).unwrap_or(Value::Null);
    let value = match &job.page {
        Page::Home { .. } => json!({
            "@type": "WebSite", "name": config.title, "url": head.canonical, "inLanguage": site.lang,
            "description": head.description,
        }),
        Page::Trek(trek) => {
            let mut places = Vec::new();
            if let Some(departure) = &trek.departure {
                places.push(
                    json!({"@type": "Place", "name": departure.text, "geo": geo(trek.departure_point)}),
                );
            }
            for step in &trek.steps {
                places.push(json!({"@type": "TouristTrip", "name": step.name.text, "url": format!("{}{}", config.base_url, step.url)}));
            }
            if let Some(arrival) = &trek.arrival {
                places.push(json!({"@type": "Place", "name": arrival.text}));
            }
            let items: Vec<Value> = places
                .into_iter()
                .enumerate()
                .map(|(i, item)| json!({"@type": "ListItem", "position": i + 1, "item": item}))
                .collect();
            json!({
                "@type": "TouristTrip", "name": head.title, "description": head.description, "url": head.canonical,
                "image": image, "inLanguage": site.lang,
                "touristType": trek.card.practice.as_ref().map(|p| p.name.text.clone()),
                "itinerary": if items.is_empty() { Value::Null } else { json!({"@type": "ItemList", "itemListElement": items}) },
                "additionalProperty": trek.card.length_m.map(|m| json!({
                    "@type": "PropertyValue", "name": "distance", "value": (m / 100.0).round() / 10.0, "unitCode": "KMT", "unitText": "km"
                })),
                "timeRequired": trek.card.duration_hours.map(|h| format!("PT{}M", (h * 60.0).round() as u64)),
                "dateModified": Some(trek.update_datetime.clone()).filter(|d| !d.is_empty()),
            })
        }
        Page::Content(content) => {
            let business =
                !content.email.is_empty() || !content.website.is_empty() || content.contact.is_some();
            json!({
                "@type": if business { "LocalBusiness" } else { "Place" },
                "name": head.title, "description": head.description, "url": head.canonical, "image": image,
                "geo": geo(content.location), "email": content.email,
                "sameAs": content.website,
                "address": content.cities.first().map(|city| json!({"@type": "PostalAddress", "addressLocality": city})),
            })
        }
        Page::Event(event) => {
            let place = [&event.place, &event.meeting_point]
                .into_iter()
                .find(|s| !s.is_empty())
                .cloned()
                .or_else(|| event.cities.first().cloned())
                .unwrap_or_else(|| head.title.clone());
            json!({
            "@type": "Event", "name": head.title, "description": head.description, "url": head.canonical, "image": image,
            "startDate": join_date_time(&event.begin_date, &event.start_time),
            "endDate": join_date_time(&event.end_date, &event.end_time),
            "eventStatus": if event.cancelled { "https://schema.org/EventCancelled" } else { "https://schema.org/EventScheduled" },
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": json!({
                "@type": "Place",
                "name": place,
                "geo": geo(event.location),
                "address": event.cities.first().map(|city| json!({"@type": "PostalAddress", "addressLocality": city})),
            }),
            "organizer": (!event.organizers.is_empty()).then(|| json!({"@type": "Organization", "name": event.organizers})),
            "maximumAttendeeCapacity": event.capacity.map(|c| c as u64),
            })
        }
        Page::Site(view) => json!({
            "@type": "SportsActivityLocation", "name": head.title, "description": head.description, "url": head.canonical,
            "image": image, "geo": geo(view.location),
        }),
        Page::Course(view) => json!({
            "@type": "SportsActivityLocation", "name": head.title, "description": head.description, "url": head.canonical,
            "image": image, "geo": geo(view.location),
        }),
        _ => json!({
            "@type": if card.is_some() || matches!(job.page, Page::Markdown(_)) { "WebPage" } else { "CollectionPage" },
            "name": head.title, "url": head.canonical, "inLanguage": site.lang,
        }),
    };
    let mut value = compact(value);
    if let Value::Object(map) = &mut value {
        map.insert("@context".into(), json!("https://schema.org"));
    }
    serde_json::to_string(&value)
        .expect("JSON values serialize")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// `2026-06-03` and `09:30` → `2026-06-03T09:30`; the date alone when there is no time.
fn join_date_time(date: &str, time: &str) -> Option<String> {
    let date = date.get(..10).filter(|d| !d.is_empty())?;
    Some(if time.is_empty() {
        date.to_string()
    } else {
        format!("{date}T{time}")
    })
}
