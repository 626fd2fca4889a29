//! The search page in headless Chromium, against the fixture instance built from a snapshot.
//! Every expected result is computed here from the snapshot's JSON (and the set of object
//! pages the build wrote), never typed in: text queries with accents and case, each facet
//! alone, combinations, the counts of every facet value, the URL round trip with back and
//! forward, paging, the map's markers and each language.

mod support;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};
use support::mock_api::MockApi;
use support::{config, fixture_data, snapshot_config, Site};

type Doc = (String, u64);

const FAMILIES: [&str; 4] = ["trek", "service", "outdoor-site", "event"];

fn endpoint(kind: &str) -> &'static str {
    match kind {
        "trek" => "trek",
        "service" => "touristiccontent",
        "outdoor-site" => "outdoor_site",
        _ => "touristicevent",
    }
}

struct Fixture {
    site: Site,
    snapshot: BTreeMap<Doc, Value>,
    cities: BTreeMap<String, String>,
    filter_labels: BTreeSet<String>,
}

fn fixture(top: &str) -> Fixture {
    fixture_in("default", top)
}

/// [`fixture`] built with `theme`.
fn fixture_in(theme: &str, top: &str) -> Fixture {
    let api = MockApi::start(fixture_data());
    let site = Site::new(&config(&api.url(), &["fr", "en", "it"], ""));
    site.sentier(&["pull", "--snapshot", "snap"]).assert_success();
    drop(api);
    let config = snapshot_config("snap", &["fr", "en", "it"], top);
    site.write("config.toml", &support::with_theme(&config, theme));
    site.sentier(&["build"]).assert_success();
    let mut snapshot = BTreeMap::new();
    for kind in FAMILIES {
        for object in site
            .json(&format!("snap/{}.json", endpoint(kind)))
            .as_array()
            .unwrap()
        {
            snapshot.insert((kind.to_string(), object["id"].as_u64().unwrap()), object.clone());
        }
    }
    // A city is referred to by its code, or on old instances by an id with a code beside it.
    let cities = site
        .json("snap/city.json")
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let id = scalar(&c["id"]);
            let code = c["code"].as_str().filter(|s| !s.is_empty()).map(str::to_string);
            (id.clone(), code.unwrap_or(id))
        })
        .collect();
    let filter_labels = site
        .json("snap/label.json")
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["filter"] == json!(true))
        .map(|l| scalar(&l["id"]))
        .collect();
    Fixture {
        site,
        snapshot,
        cities,
        filter_labels,
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Ids in a reference field: a number, a list of numbers or strings, objects with an id.
fn ids(value: &Value) -> Vec<String> {
    match value {
        Value::Null => vec![],
        Value::Array(items) => items.iter().flat_map(ids).collect(),
        Value::Object(o) => o.get("id").map(ids).unwrap_or_default(),
        Value::String(s) if s.is_empty() => vec![],
        other => vec![scalar(other)],
    }
}

impl Fixture {
    /// The objects with a page in `lang`: what the build chose to show.
    fn shown(&self, lang: &str) -> BTreeSet<Doc> {
        let root = if lang == "fr" {
            String::new()
        } else {
            format!("{lang}/")
        };
        let mut docs = BTreeSet::new();
        for kind in FAMILIES {
            let dir = self.site.path().join(format!("public/{root}{kind}"));
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries {
                let name = entry.unwrap().file_name().to_string_lossy().to_string();
                if let Some(id) = name.split('-').next().and_then(|n| n.parse().ok()) {
                    docs.insert((kind.to_string(), id));
                }
            }
        }
        docs
    }

    /// Value ids of an object for a filter, as the URL writes them.
    fn values(&self, doc: &Doc, key: &str) -> Vec<String> {
        let object = &self.snapshot[doc];
        let trek = doc.0 == "trek";
        let bucket = |field: &str, ranges: &[f64], scale: f64| -> Vec<String> {
            let Some(v) = object[field].as_f64().filter(|v| *v > 0.0 && trek) else {
                return vec![];
            };
            ranges
                .windows(2)
                .find(|r| r[0] * scale <= v && v < r[1] * scale)
                .map(|r| vec![format!("{}", r[0] * scale)])
                .unwrap_or_default()
        };
        match (doc.0.as_str(), key) {
            ("trek", "practices") => ids(&object["practice"]),
            ("trek", "difficulty") => ids(&object["difficulty"]),
            ("trek", "routes") => ids(&object["route"]),
            ("trek", "networks") => ids(&object["networks"]),
            ("trek", "accessibilities") => ids(&object["accessibilities"]),
            ("trek", "labels" | "labels_exclude") => ids(&object["labels"])
                .into_iter()
                .filter(|l| self.filter_labels.contains(l))
                .collect(),
            ("trek", "duration") => bucket("duration", &[0.0, 1.0, 2.0, 5.0, 10.0], 1.0),
            ("trek", "length") => {
                let length = if object["length_2d"].is_number() {
                    "length_2d"
                } else {
                    "length_3d"
                };
                bucket(length, &[0.0, 5.0, 10.0, 15.0, 50.0], 1000.0)
            }
            ("trek", "ascent") => bucket("ascent", &[0.0, 500.0, 1000.0], 1.0),
            ("service", "categories") => ids(&object["category"]),
            ("service", k) if k.starts_with("type-services-") => {
                ids(&object["types"][k.trim_start_matches("type-services-")])
            }
            ("event", "event") => ids(&object["type"]),
            ("outdoor-site", "outdoorPractice") => ids(&object["practice"]),
            (_, "themes") => ids(&object["themes"]),
            (_, "structures") => ids(&object["structure"]),
            (_, "districts") => ids(&object["districts"]),
            (_, "cities") => ids(&object["cities"])
                .into_iter()
                .map(|c| self.cities.get(&c).cloned().unwrap_or(c))
                .collect(),
            _ => vec![],
        }
    }

    /// Docs among `docs` passing the filter `key` = any of `chosen`.
    fn matching(&self, docs: &BTreeSet<Doc>, key: &str, chosen: &[&str]) -> BTreeSet<Doc> {
        docs.iter()
            .filter(|d| {
                let has = self.values(d, key).iter().any(|v| chosen.contains(&v.as_str()));
                if key == "labels_exclude" {
                    !has
                } else {
                    has
                }
            })
            .cloned()
            .collect()
    }

    /// The fold of a language's name of an object, for text expectations.
    fn name(&self, doc: &Doc, lang: &str) -> String {
        let name = &self.snapshot[doc]["name"];
        let text = name.get(lang).or(name.get("fr")).unwrap_or(name);
        text.as_str().unwrap_or_default().to_string()
    }
}

fn doc_of(href: &str) -> Doc {
    let parts: Vec<&str> = href.trim_matches('/').split('/').collect();
    let (kind, slug) = match parts.as_slice() {
        [kind, slug] => (kind, slug),
        [_, kind, slug] => (kind, slug),
        _ => panic!("unexpected result link {href}"),
    };
    let id = slug.split('-').next().unwrap().parse().unwrap();
    (kind.to_string(), id)
}

fn run_steps(site: &Site, steps: &Value) -> Vec<Value> {
    site.write("steps.json", &steps.to_string());
    let steps_file = site.path().join("steps.json");
    let result = support::browser_script(
        "search.mjs",
        &site.path().join("public"),
        &[steps_file.as_os_str()],
    );
    assert_eq!(result["errors"], json!([]), "JavaScript errors: {result}");
    let report = result["report"].as_array().unwrap().clone();
    for state in &report {
        assert_eq!(state["failed"], Value::Null, "{state}");
        let shown = state["results"].as_array().unwrap().len();
        let count: usize = state["count"].as_str().unwrap().parse().unwrap();
        assert!(shown <= count, "{state}");
        let markers = state["markers"].as_u64().unwrap() as usize;
        assert!(markers <= count, "at most one marker per result: {state}");
    }
    report
}

fn results(state: &Value) -> BTreeSet<Doc> {
    let docs: BTreeSet<Doc> = state["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| doc_of(h.as_str().unwrap()))
        .collect();
    assert_eq!(
        state["count"].as_str().unwrap(),
        docs.len().to_string(),
        "every result on one page here: {state}"
    );
    docs
}

fn fold(text: &str) -> String {
    sentier::assets::search::text::fold(text)
}

#[test]
fn facets_alone_and_their_counts_match_the_snapshot() {
    let f = fixture("[search]\npage_size = 200");
    let shown = f.shown("fr");
    let first = run_steps(&f.site, &json!([{"goto": "/search/"}]));
    let all = &first[0];
    assert_eq!(results(all), shown, "no filter: every object with a page");
    let facets = all["counts"].as_object().unwrap();
    for key in [
        "practices",
        "difficulty",
        "duration",
        "length",
        "ascent",
        "routes",
        "themes",
        "cities",
        "districts",
        "labels",
        "categories",
        "event",
        "outdoorPractice",
    ] {
        assert!(facets.contains_key(key), "the fixtures have {key} values: {all}");
    }
    // Counts per value with nothing chosen: the shown objects having that value.
    for (key, counts) in facets {
        for (value, count) in counts.as_object().unwrap() {
            // Excluding a label is offered with the count of objects bearing it.
            let source = if key == "labels_exclude" {
                "labels"
            } else {
                key.as_str()
            };
            let expected = f.matching(&shown, source, &[value.as_str()]).len();
            assert_eq!(
                count.as_u64().unwrap() as usize,
                expected,
                "count of {key}={value}"
            );
        }
    }
    let located = shown
        .iter()
        .filter(|d| !f.snapshot[*d]["geometry"].is_null())
        .count();
    assert_eq!(
        all["markers"],
        json!(located),
        "a marker for every result with a place"
    );
    // Each filter alone, on its first value.
    let mut steps = Vec::new();
    let mut expected = Vec::new();
    for (key, counts) in facets {
        let value = counts.as_object().unwrap().keys().next().unwrap().clone();
        steps.push(json!({"goto": format!("/search/?{key}={value}")}));
        expected.push((
            key.clone(),
            value.clone(),
            f.matching(&shown, key, &[value.as_str()]),
        ));
    }
    let report = run_steps(&f.site, &Value::Array(steps));
    for (state, (key, value, docs)) in report.iter().zip(&expected) {
        assert_eq!(&results(state), docs, "{key}={value}");
        if key != "difficulty" {
            assert_eq!(state["checked"][key], json!([value]), "{key}={value} is ticked");
        }
        // The chosen filter's own values count as if it were not chosen (choosing another
        // adds to the results); any other filter counts within the results.
        let source = |k: &str| {
            if k == "labels_exclude" {
                "labels".to_string()
            } else {
                k.to_string()
            }
        };
        for (v, count) in state["counts"][key].as_object().unwrap() {
            let expected = f.matching(&shown, &source(key), &[v.as_str()]).len();
            assert_eq!(count, &json!(expected), "under {key}={value}, count of {key}={v}");
        }
        let other = if key == "themes" { "cities" } else { "themes" };
        for (v, count) in state["counts"][other].as_object().unwrap() {
            let expected = f.matching(docs, other, &[v.as_str()]).len();
            assert_eq!(
                count,
                &json!(expected),
                "under {key}={value}, count of {other}={v}"
            );
        }
    }
    let families = &all["families"];
    for kind in FAMILIES {
        let n = shown.iter().filter(|d| d.0 == kind).count();
        assert_eq!(families[kind], json!(n), "counter of {kind}");
    }
}

/// Results of the first words arriving while the rest is typed used to reset the field to the
/// words searched, dropping the keystrokes in between (seen as a flaky test on a loaded machine).
#[test]
fn keystrokes_typed_while_results_arrive_are_kept() {
    let f = fixture("[search]\npage_size = 200");
    let steps = json!([
        {"goto": "/search/"},
        {"typeWhileLoading": ["la", "c des cimes"]},
        {"type": "lac"},
    ]);
    let report = run_steps(&f.site, &steps);
    assert_eq!(report[1]["text"], "lac des cimes", "{}", report[1]);
    assert_eq!(
        report[1]["url"], "/search/?text=lac%20des%20cimes",
        "{}",
        report[1]
    );
    // The text filter still works after it.
    assert_eq!(report[2]["url"], "/search/?text=lac");
    assert!(!results(&report[2]).is_empty());
}

#[test]
fn text_filters_combine_and_the_url_round_trips() {
    let f = fixture("[search]\npage_size = 200");
    let shown = f.shown("fr");
    let steps = json!([
        {"goto": "/search/?text=%C3%89TANG"},
        {"goto": "/search/?text=etang"},
        {"type": "Étang"},
        {"type": "éta"},
        {"goto": "/search/?practices=4&text=lac"},
        {"select": ["[data-difficulty=max]", "2"]},
        {"check": ["themes", "6"]},
        {"back": true},
        {"back": true},
        {"forward": true},
        {"uncheck": ["practices", "4"]},
        {"goto": "/search/?text=lac"},
        {"goto": "/search/?text=etangs"},
        {"goto": "/search/?beginDate=2025-03-01&endDate=2025-05-01"},
        {"goto": "/search/?event=EVENT_TYPE&beginDate=2025-08-01"},
    ]);
    let event_type = f
        .snapshot
        .iter()
        .find(|(d, _)| d.0 == "event" && shown.contains(*d))
        .map(|(_, e)| ids(&e["type"])[0].clone())
        .unwrap();
    let steps: Value = serde_json::from_str(&steps.to_string().replace("EVENT_TYPE", &event_type)).unwrap();
    let report = run_steps(&f.site, &steps);

    // Accents and case do not matter.
    let etang = results(&report[0]);
    assert!(!etang.is_empty());
    assert_eq!(results(&report[1]), etang);
    assert_eq!(results(&report[2]), etang);
    assert_eq!(report[2]["url"], "/search/?text=%C3%89tang", "{}", report[2]);
    // Every object named with the word is found; every result has it on its page.
    let named: BTreeSet<Doc> = shown
        .iter()
        .filter(|d| {
            fold(&f.name(d, "fr"))
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.starts_with("etang"))
        })
        .cloned()
        .collect();
    assert!(
        !named.is_empty() && named.is_subset(&etang),
        "{named:?} ⊄ {etang:?}"
    );
    for doc in &etang {
        let page = page_text(&f.site, doc);
        assert!(fold(&page).contains("etang"), "{doc:?} has no étang on its page");
    }
    // A prefix while typing finds at least as much.
    assert!(results(&report[3]).is_superset(&etang));

    // practices=4 and text=lac, then difficulty up to level 2, then a theme.
    let lac: BTreeSet<Doc> = results(&report[4]);
    assert!(!lac.is_empty());
    assert!(lac.iter().all(|d| f.values(d, "practices") == ["4"]), "{lac:?}");
    let difficulty_ids: Vec<String> = {
        let counts = report[4]["counts"]["difficulty"].as_object().unwrap();
        let ids: Vec<String> = counts.keys().cloned().collect();
        // The page lists levels in their order; the range up to "2" is what comes before it.
        let order = page_difficulty_order(&f.site);
        let end = order.iter().position(|i| i == "2").unwrap();
        assert!(ids.iter().all(|i| order.contains(i)));
        order[..=end].to_vec()
    };
    let mut url = String::from("/search/?practices=4&difficulty=");
    url.push_str(&difficulty_ids.join(","));
    url.push_str("&text=lac");
    assert_eq!(report[5]["url"], json!(url), "{}", report[5]);
    let chosen: Vec<&str> = difficulty_ids.iter().map(String::as_str).collect();
    let with_difficulty = f.matching(&lac, "difficulty", &chosen);
    assert_eq!(results(&report[5]), with_difficulty);
    // Counts of practices under the other filters: text and difficulty apply, practices not.
    let lac_alone = results(&report[11]);
    assert!(lac_alone.is_superset(&lac));
    for (value, count) in report[5]["counts"]["practices"].as_object().unwrap() {
        let expected = f.matching(
            &f.matching(&lac_alone, "difficulty", &chosen),
            "practices",
            &[value.as_str()],
        );
        assert_eq!(
            count.as_u64().unwrap() as usize,
            expected.len(),
            "practices={value} count"
        );
    }
    assert_eq!(
        results(&report[6]),
        f.matching(&with_difficulty, "themes", &["6"]),
        "{}",
        report[6]
    );
    assert!(report[6]["url"].as_str().unwrap().contains("&themes=6&text=lac"));
    // A plural finds what its singular finds.
    assert!(results(&report[12]).is_superset(&etang));
    // Dates pick the events overlapping the range; other families are not dated.
    let overlapping = |begin: &str, end: &str| -> BTreeSet<Doc> {
        shown
            .iter()
            .filter(|d| {
                if d.0 != "event" {
                    return true;
                }
                let e = &f.snapshot[*d];
                let from = e["begin_date"].as_str().unwrap_or_default();
                let to = e["end_date"].as_str().filter(|s| !s.is_empty()).unwrap_or(from);
                (begin.is_empty() || &to[..10] >= begin) && (end.is_empty() || &from[..10] <= end)
            })
            .cloned()
            .collect()
    };
    let dated = results(&report[13]);
    assert_eq!(dated, overlapping("2025-03-01", "2025-05-01"));
    assert!(
        dated.iter().any(|d| d.0 == "event") && dated.len() < shown.len(),
        "{dated:?}"
    );
    let typed = f.matching(&overlapping("2025-08-01", ""), "event", &[event_type.as_str()]);
    assert_eq!(results(&report[14]), typed);
    // Back twice: the theme, then the difficulty, are undone; forward redoes the difficulty.
    assert_eq!(report[7]["url"], report[5]["url"]);
    assert_eq!(results(&report[7]), results(&report[5]));
    assert_eq!(report[8]["url"], json!("/search/?practices=4&text=lac"));
    assert_eq!(results(&report[8]), lac);
    assert_eq!(report[8]["text"], "lac", "the text box follows the URL");
    assert_eq!(report[9]["url"], report[5]["url"]);
    // Unticking the practice leaves the difficulty, which applies to treks only.
    assert!(results(&report[10]).iter().all(|d| d.0 == "trek"));
    assert!(results(&report[10]).is_superset(&with_difficulty));
}

fn page_difficulty_order(site: &Site) -> Vec<String> {
    let index = site.json("public/search/index.json");
    let facet = index["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "difficulty")
        .unwrap()
        .clone();
    facet["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v[0].as_str().unwrap().to_string())
        .collect()
}

fn page_text(site: &Site, doc: &Doc) -> String {
    let dir = site.path().join(format!("public/{}", doc.0));
    let entry = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("{}-", doc.1))
        })
        .unwrap();
    let html = std::fs::read_to_string(entry.join("index.html")).unwrap();
    let document = scraper::Html::parse_document(&html);
    let main = scraper::Selector::parse("main").unwrap();
    document
        .select(&main)
        .flat_map(|m| m.text())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn each_language_searches_its_own_objects_and_pages_through_results_in_every_theme() {
    for theme in support::themes() {
        eprintln!("theme {theme}");
        let f = fixture_in(&theme, "[search]\npage_size = 10");
        let mut steps = Vec::new();
        let mut words = Vec::new();
        for lang in ["en", "it"] {
            let shown = f.shown(lang);
            assert!(!shown.is_empty(), "{lang} has objects");
            // The longest word of the first name in this language.
            let word = shown
                .iter()
                .flat_map(|d| {
                    f.name(d, lang)
                        .split(|c: char| !c.is_alphanumeric())
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .max_by_key(|w| w.chars().count())
                .unwrap();
            steps.push(json!({"goto": format!("/{lang}/search/")}));
            steps.push(json!({"goto": format!("/{lang}/search/?text={}", urlencode(&word.to_uppercase()))}));
            words.push((lang, shown, word));
        }
        steps.push(json!({"goto": "/search/?page=2"}));
        steps.push(json!({"page": 3}));
        let report = run_steps(&f.site, &Value::Array(steps));
        for (i, (lang, shown, word)) in words.iter().enumerate() {
            let all = &report[i * 2];
            assert_eq!(all["count"], json!(shown.len().to_string()), "{lang}: {all}");
            let found: BTreeSet<Doc> = report[i * 2 + 1]["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| {
                    let href = h.as_str().unwrap();
                    assert!(href.starts_with(&format!("/{lang}/")), "{href} is a {lang} page");
                    doc_of(href)
                })
                .collect();
            let named: BTreeSet<Doc> = shown
                .iter()
                .filter(|d| {
                    fold(&f.name(d, lang))
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w.starts_with(&fold(word)))
                })
                .cloned()
                .collect();
            // Names weigh most: the first page holds every object named so, or only such.
            if named.len() <= 10 {
                assert!(named.is_subset(&found), "{lang} {word}: {named:?} ⊄ {found:?}");
            } else {
                assert!(found.is_subset(&named), "{lang} {word}: {found:?} ⊄ {named:?}");
            }
            assert!(!found.is_empty(), "{lang}: {word}");
        }
        let shown = f.shown("fr");
        let page2 = &report[words.len() * 2];
        assert_eq!(page2["count"], json!(shown.len().to_string()));
        assert_eq!(page2["results"].as_array().unwrap().len(), 10);
        let page3 = &report[words.len() * 2 + 1];
        assert_eq!(page3["url"], "/search/?page=3");
        let (two, three): (BTreeSet<Doc>, BTreeSet<Doc>) = (
            page2["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| doc_of(h.as_str().unwrap()))
                .collect(),
            page3["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| doc_of(h.as_str().unwrap()))
                .collect(),
        );
        assert!(two.is_disjoint(&three) && three.len() == 10);
        assert!(page3["pages"].as_array().unwrap().len() >= 4, "{page3}");
    }
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn without_javascript_the_search_page_links_to_the_lists_in_every_theme() {
    for theme in support::themes() {
        eprintln!("theme {theme}");
        let f = fixture_in(&theme, "");
        let html = f.site.read("public/search/index.html");
        let document = scraper::Html::parse_document(&html);
        let links = scraper::Selector::parse("[data-search-fallback] a").unwrap();
        let hrefs: Vec<String> = document
            .select(&links)
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        for list in ["/trek/", "/service/", "/event/", "/outdoor-site/"] {
            assert!(hrefs.iter().any(|h| h == list), "{list} in {hrefs:?}");
        }
        assert!(f.site.exists("public/en/search/index.json"));
        let home = f.site.read("public/index.html");
        assert!(
            home.contains("href=\"/search/?practices=4\""),
            "the practice bar opens the search"
        );
        let off = fixture_in(&theme, "[search]\nenabled = false");
        assert!(!off.site.exists("public/search/index.html"));
        assert!(!off.site.read("public/index.html").contains("/search/"));
    }
}

#[test]
fn hidden_filters_are_left_out_of_the_page_but_a_link_still_filters_by_them() {
    let f = fixture("[search]\npage_size = 200\nhidden_filters = [\"practices\", \"themes\"]");
    let index = f.site.json("public/search/index.json");
    let hidden: Vec<&str> = index["facets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|facet| facet["hidden"] == json!(true))
        .map(|facet| facet["key"].as_str().unwrap())
        .collect();
    assert_eq!(hidden, ["practices", "themes"]);
    let report = run_steps(
        &f.site,
        &json!([{"goto": "/search/"}, {"goto": "/search/?practices=4"}]),
    );
    assert_eq!(report[0]["hidden"], json!(["practices", "themes"]));
    assert_eq!(
        report[1]["hidden"],
        json!(["themes"]),
        "a filter the URL selects shows, so that it can be cleared"
    );
    let all = results(&report[0]);
    let walking = results(&report[1]);
    assert!(!walking.is_empty() && walking.len() < all.len(), "{walking:?}");
}
