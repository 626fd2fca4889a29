//! The static search index of one language, queried in the browser by `search.js`:
//!
//! - `index.json`, loaded first: per object its family, map position and facet values (as
//!   indexes into each facet's value list), the facets with their localized values, event
//!   dates, and the list of text shards that exist. Enough to filter, count every facet value
//!   and draw the map without any other request.
//! - `cards/N.json`: the cards of objects `N × CARDS_PER_CHUNK ..`, loaded for the results on
//!   screen only.
//! - `text/SHARD.json`: word → postings for every word starting with the shard's letters
//!   (see [`text`]); a query loads one shard per typed word.
//!
//! A posting is one integer, `(doc − previous doc) × 8 + field`, fields numbered by weight
//! ([`Field`]), so that lists compress to almost nothing.

pub mod text;

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashMap;
use serde::Serialize;
use serde_json::json;

use crate::config::Search as SearchConfig;
use crate::format::Format;
use crate::select::search::{Family, Field, SearchData, SearchDoc};

pub const CARDS_PER_CHUNK: usize = 32;

/// Score of a word found in each field, in [`Field`] order.
const FIELD_WEIGHTS: [u32; Field::COUNT] = [10, 5, 3, 2, 1];

/// Words the index needs from the theme to write durations.
pub struct Words<'a> {
    pub day: &'a str,
    pub days: &'a str,
}

/// The filters in the order the page shows them, with the families each applies to. An
/// active filter leaves out the families it does not apply to (Geotrek-rando's behaviour),
/// except the exclusion of labels, which only ever removes.
fn facet_families(key: &str) -> &'static [Family] {
    use Family::*;
    match key {
        "practices" | "difficulty" | "duration" | "length" | "ascent" | "routes" | "accessibilities"
        | "labels" | "labels_exclude" | "networks" => &[Trek],
        "categories" => &[Service],
        k if k.starts_with("type-services-") => &[Service],
        "outdoorPractice" => &[OutdoorSite],
        "event" => &[Event],
        _ => &[Trek, Service, OutdoorSite, Event],
    }
}

/// Every filter with a fixed name, in the order the page shows them.
pub const FACET_ORDER: &[&str] = crate::config::SEARCH_FILTERS;

fn facet_rank(key: &str) -> usize {
    FACET_ORDER
        .iter()
        .position(|k| *k == key)
        .unwrap_or(FACET_ORDER.len())
}

#[derive(Serialize)]
struct Facet<'a> {
    key: &'a str,
    /// A content type group's name; the theme names the others.
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    families: Vec<usize>,
    /// Left out of the page's filters (`[search] hidden_filters`) unless the URL selects one
    /// of its values; it filters all the same.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    hidden: bool,
    /// `[id, name]`: the id is what the URL carries.
    values: Vec<[&'a str; 2]>,
    /// Per object, the indexes of its values.
    docs: Vec<Vec<u32>>,
}

/// A bucket filter (duration, length, ascent): its values are ranges of a number of the card.
struct Buckets<'a> {
    key: &'static str,
    /// `[from, to)` in the URL's unit (hours, metres, metres).
    ranges: Vec<[f64; 2]>,
    value: fn(&SearchDoc) -> Option<f64>,
    label: Box<dyn Fn(f64) -> String + 'a>,
}

/// `(path, contents)` of every file of the index, paths relative to the language's `search/`.
pub fn build(data: &SearchData, lang: &str, config: &SearchConfig, words: &Words) -> Vec<(String, String)> {
    let format = Format::new(lang);
    let docs = &data.docs;
    let families: Vec<usize> = docs
        .iter()
        .map(|d| Family::ALL.iter().position(|f| *f == d.family).unwrap_or(0))
        .collect();

    let mut facets: Vec<Facet> = data
        .values
        .iter()
        .map(|(key, values)| {
            let position: HashMap<&str, u32> = values
                .iter()
                .enumerate()
                .map(|(i, v)| (v.id.as_str(), i as u32))
                .collect();
            let source = if key == "labels_exclude" {
                "labels"
            } else {
                key.as_str()
            };
            Facet {
                key,
                title: data.titles.get(key).map(String::as_str),
                families: family_indexes(facet_families(key)),
                hidden: config.hidden_filters.contains(key),
                values: values.iter().map(|v| [v.id.as_str(), v.name.as_str()]).collect(),
                docs: docs
                    .iter()
                    .map(|d| {
                        d.facets
                            .get(source)
                            .map(|ids| ids.iter().filter_map(|id| position.get(&**id).copied()).collect())
                            .unwrap_or_default()
                    })
                    .collect(),
            }
        })
        .collect();

    let hours = |h: f64| format.duration(h, words.day, words.days);
    let buckets = [
        Buckets {
            key: "duration",
            ranges: config.duration_hours.clone(),
            value: |d| d.card.duration_hours,
            label: Box::new(hours),
        },
        Buckets {
            key: "length",
            ranges: config
                .length_km
                .iter()
                .map(|[a, b]| [a * 1000.0, b * 1000.0])
                .collect(),
            value: |d| d.card.length_m,
            label: Box::new(|m| format.length(m)),
        },
        Buckets {
            key: "ascent",
            ranges: config.ascent_m.clone(),
            value: |d| d.card.ascent_m,
            label: Box::new(|m| format.metres(m)),
        },
    ];
    let bucket_names: Vec<(Vec<String>, Vec<String>)> = buckets
        .iter()
        .map(|b| {
            let ids = b.ranges.iter().map(|[from, _]| number_id(*from)).collect();
            let names = b
                .ranges
                .iter()
                .map(|[from, to]| {
                    if *from == 0.0 {
                        format!("< {}", (b.label)(*to))
                    } else {
                        format!("{} – {}", (b.label)(*from), (b.label)(*to))
                    }
                })
                .collect();
            (ids, names)
        })
        .collect();
    for (bucket, (ids, names)) in buckets.iter().zip(&bucket_names) {
        let docs: Vec<Vec<u32>> = docs
            .iter()
            .map(|d| {
                let value = (d.family == Family::Trek).then(|| (bucket.value)(d)).flatten();
                value
                    .and_then(|v| bucket.ranges.iter().position(|[from, to]| *from <= v && v < *to))
                    .map(|i| vec![i as u32])
                    .unwrap_or_default()
            })
            .collect();
        if docs.iter().all(Vec::is_empty) {
            continue;
        }
        facets.push(Facet {
            key: bucket.key,
            title: None,
            families: family_indexes(facet_families(bucket.key)),
            hidden: config.hidden_filters.iter().any(|f| f == bucket.key),
            values: ids
                .iter()
                .zip(names)
                .map(|(id, name)| [id.as_str(), name.as_str()])
                .collect(),
            docs,
        });
    }
    facets.sort_by(|a, b| facet_rank(a.key).cmp(&facet_rank(b.key)).then(a.key.cmp(b.key)));

    let shards = text_shards(docs);
    let mut files = Vec::with_capacity(shards.len() + docs.len() / CARDS_PER_CHUNK + 2);
    let index = json!({
        "version": 1,
        "lang": lang,
        "page_size": config.page_size,
        "chunk": CARDS_PER_CHUNK,
        "families": Family::ALL.iter().map(|f| f.kind()).collect::<Vec<_>>(),
        "activity": Family::ALL.iter().map(|f| f.activity_facet()).collect::<Vec<_>>(),
        "family": families,
        "at": docs.iter().map(|d| match d.at {
            Some([lat, lng]) => json!([round5(lat), round5(lng)]),
            None => json!(0),
        }).collect::<Vec<_>>(),
        "ids": docs.iter().map(|d| d.card.id).collect::<Vec<_>>(),
        "dates": docs.iter().map(|d| match (&d.card.begin_date, &d.card.end_date) {
            (Some(begin), end) if d.family == Family::Event => {
                let begin = day(begin);
                json!([begin, end.as_deref().map(day).unwrap_or(begin)])
            }
            _ => json!(0),
        }).collect::<Vec<_>>(),
        "weights": FIELD_WEIGHTS,
        "facets": facets,
        "shards": shards.keys().collect::<Vec<_>>(),
    });
    files.push(("index.json".to_string(), index.to_string()));
    for (n, chunk) in docs.chunks(CARDS_PER_CHUNK).enumerate() {
        let cards: Vec<_> = chunk.iter().map(|d| card(d, &format, words)).collect();
        files.push((
            format!("cards/{n}.json"),
            serde_json::Value::Array(cards).to_string(),
        ));
    }
    for (name, entries) in shards {
        files.push((
            format!("text/{name}.json"),
            serde_json::to_string(&entries).unwrap_or_default(),
        ));
    }
    files
}

fn family_indexes(families: &[Family]) -> Vec<usize> {
    families
        .iter()
        .filter_map(|f| Family::ALL.iter().position(|a| a == f))
        .collect()
}

/// A range bound as Geotrek-rando writes it in URLs: `5000`, `1`, `0.5`.
fn number_id(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{}", value as i64)
    } else {
        value.to_string()
    }
}

fn round5(value: f64) -> f64 {
    (value * 1e5).round() / 1e5
}

fn day(date: &str) -> &str {
    date.get(..10).unwrap_or(date)
}

/// What a result shows, with short keys: this is most of what a results page downloads.
fn card(doc: &SearchDoc, format: &Format, words: &Words) -> serde_json::Value {
    let card = &doc.card;
    let mut object = serde_json::Map::new();
    let mut put = |key: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            object.insert(key.to_string(), v.into());
        }
    };
    put("u", Some(card.url.clone()));
    put("n", Some(card.name.text.clone()));
    put("nl", card.name.lang.clone());
    put("i", card.picture.get().map(|p| p.thumbnail.clone()));
    put("r", card.thumbnail.as_deref().map(str::to_string));
    put("s", card.subtitle.as_ref().map(|s| s.text.clone()));
    put(
        "d",
        card.duration_hours
            .map(|h| format.duration(h, words.day, words.days)),
    );
    put("l", card.length_m.map(|m| format.length(m)));
    put("a", card.ascent_m.map(|m| format!("+{}", format.metres(m))));
    put("x", card.difficulty.as_ref().map(|d| d.name.text.clone()));
    put(
        "t",
        card.begin_date.as_ref().map(|begin| match &card.end_date {
            Some(end) if end != begin => format!("{} – {}", format.date(begin), format.date(end)),
            _ => format.date(begin),
        }),
    );
    put("c", card.city.clone());
    serde_json::Value::Object(object)
}

/// Shard name → word → postings.
fn text_shards(docs: &[SearchDoc]) -> BTreeMap<String, BTreeMap<String, Vec<u32>>> {
    // Word → (doc, best field) in doc order. Hashed with FxHash: SipHash, which resists
    // chosen keys, was a sixth of the index's time, and the output does not depend on the
    // maps' order.
    let mut postings: FxHashMap<String, Vec<(u32, u8)>> = FxHashMap::default();
    let mut best: FxHashMap<String, u8> = FxHashMap::default();
    for (index, doc) in docs.iter().enumerate() {
        best.clear();
        for (field, text) in &doc.texts {
            for word in text::words(text) {
                let field = *field as u8;
                best.entry(word)
                    .and_modify(|f| *f = (*f).min(field))
                    .or_insert(field);
            }
        }
        for (word, field) in best.drain() {
            postings.entry(word).or_default().push((index as u32, field));
        }
    }
    let mut shards: BTreeMap<String, BTreeMap<String, Vec<u32>>> = BTreeMap::new();
    for (word, list) in postings {
        let mut previous = 0;
        let encoded = list
            .iter()
            .map(|(doc, field)| {
                let delta = doc - previous;
                previous = *doc;
                delta * 8 + u32::from(*field)
            })
            .collect();
        shards
            .entry(text::shard(&word))
            .or_default()
            .insert(word, encoded);
    }
    shards
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::select::search::{FacetValue, Facets};
    use crate::select::{Card, Local};

    fn doc(id: u64, name: &str, family: Family, facets: &[(&str, &[&str])], hours: Option<f64>) -> SearchDoc {
        SearchDoc {
            family,
            card: std::sync::Arc::new(Card {
                kind: family.kind(),
                id,
                slug: String::new(),
                url: format!("/{}/{id}/", family.kind()),
                external: false,
                name: Local {
                    text: name.into(),
                    lang: None,
                },
                picture: Default::default(),
                thumbnail: None,
                subtitle: None,
                summary: None,
                practice: None,
                difficulty: None,
                duration_hours: hours,
                length_m: None,
                ascent_m: None,
                city: None,
                begin_date: None,
                end_date: None,
                lastmod: String::new(),
                fingerprint: Default::default(),
            }),
            at: Some([45.123456789, 6.5]),
            facets: {
                let mut all = Facets::default();
                for (key, ids) in facets {
                    all.put(key, ids.iter().map(|s| s.to_string()).collect());
                }
                all
            },
            texts: vec![
                (Field::Name, name.into()),
                (Field::Description, "au bord de l'étang".into()),
            ],
        }
    }

    fn data() -> SearchData {
        let value = |id: &str, name: &str| FacetValue {
            id: id.into(),
            name: name.into(),
            order: None,
        };
        SearchData {
            docs: vec![
                doc(7, "Lac Noir", Family::Trek, &[("practices", &["4"])], Some(1.5)),
                doc(
                    9,
                    "Étang Bleu",
                    Family::Trek,
                    &[("practices", &["4", "5"])],
                    Some(24.0),
                ),
                doc(3, "Gîte du lac", Family::Service, &[("categories", &["2"])], None),
            ],
            values: [
                (
                    "practices".to_string(),
                    vec![value("4", "Pédestre"), value("5", "Vélo")],
                ),
                ("categories".to_string(), vec![value("2", "Hébergement")]),
            ]
            .into_iter()
            .collect(),
            titles: BTreeMap::new(),
        }
    }

    fn files() -> BTreeMap<String, serde_json::Value> {
        let words = Words {
            day: "1 jour",
            days: "{n} jours",
        };
        build(&data(), "fr", &SearchConfig::default(), &words)
            .into_iter()
            .map(|(path, json)| (path, serde_json::from_str(&json).unwrap()))
            .collect()
    }

    #[test]
    fn facets_index_their_values_per_document() {
        let files = files();
        let index = &files["index.json"];
        let facets = index["facets"].as_array().unwrap();
        let keys: Vec<&str> = facets.iter().map(|f| f["key"].as_str().unwrap()).collect();
        assert_eq!(keys, ["practices", "categories", "duration"]);
        assert_eq!(facets[0]["docs"], json!([[0], [0, 1], []]));
        assert_eq!(facets[0]["families"], json!([0]));
        assert_eq!(facets[1]["docs"], json!([[], [], [0]]));
        // 1.5 h is in 1–2 h; a day is beyond the last range.
        assert_eq!(facets[2]["values"][1], json!(["1", "1\u{a0}h – 2\u{a0}h"]));
        assert_eq!(facets[2]["docs"], json!([[1], [], []]));
        assert_eq!(index["family"], json!([0, 0, 1]));
        assert_eq!(index["at"][0], json!([45.12346, 6.5]));
    }

    #[test]
    fn hidden_filters_are_marked_and_still_indexed() {
        let words = Words {
            day: "1 jour",
            days: "{n} jours",
        };
        let config = SearchConfig {
            hidden_filters: vec!["categories".into(), "duration".into()],
            ..SearchConfig::default()
        };
        let files = build(&data(), "fr", &config, &words);
        let index: serde_json::Value =
            serde_json::from_str(&files.iter().find(|(p, _)| p == "index.json").unwrap().1).unwrap();
        let facets = index["facets"].as_array().unwrap();
        let hidden: Vec<(&str, bool)> = facets
            .iter()
            .map(|f| (f["key"].as_str().unwrap(), f.get("hidden") == Some(&json!(true))))
            .collect();
        assert_eq!(
            hidden,
            [("practices", false), ("categories", true), ("duration", true)]
        );
        assert_eq!(
            facets[1]["docs"],
            json!([[], [], [0]]),
            "a hidden filter still filters"
        );
    }

    #[test]
    fn words_are_folded_and_posted_with_their_best_field() {
        let files = files();
        let lac = &files["text/lac.json"];
        // "lac" is in the names of docs 0 and 2 (field 0): deltas 0 and 2.
        assert_eq!(lac["lac"], json!([0, 16]));
        let etang = &files["text/eta.json"];
        // In every description (field 4), and the name of doc 1 (field 0).
        assert_eq!(etang["etang"], json!([4, 8, 8 + 4]));
        assert!(files["index.json"]["shards"]
            .as_array()
            .unwrap()
            .contains(&json!("eta")));
    }

    #[test]
    fn cards_are_chunked_and_keep_only_what_they_have() {
        let files = files();
        let cards = &files["cards/0.json"];
        assert_eq!(
            cards[0],
            json!({"u": "/trek/7/", "n": "Lac Noir", "d": "1\u{a0}h\u{a0}30"})
        );
        assert_eq!(cards[1]["d"], json!("1 jour"), "the theme's word for a day");
        assert_eq!(cards.as_array().unwrap().len(), 3);
    }
}
