//! The synthetic instance (`tests/support/synth.rs`): the same bytes for the same count and
//! seed, routes and figures that agree, partial translations, references that resolve, and a
//! snapshot that sentier decodes, builds without a warning and pulls identically from the mock.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;
use support::mock_api::MockApi;
use support::synth::{self, Instance};
use support::{config, snapshot_config, Site};

/// Two complete blocks of treks: at least one itinerary with this seed (checked below).
const TREKS: usize = 80;
const SEED: u64 = 7;
const BLOCK_TREKS: usize = synth::BLOCK as usize;

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

fn ids(instance: &Instance, endpoint: &str) -> BTreeSet<u64> {
    instance
        .objects(endpoint)
        .filter_map(|o| o["id"].as_u64())
        .collect()
}

fn id_list(value: &Value) -> Vec<u64> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect()
}

fn haversine(a: &[Value], b: &[Value]) -> f64 {
    let f = |v: &Value| v.as_f64().unwrap();
    let (lat1, lat2) = (f(&a[1]).to_radians(), f(&b[1]).to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((f(&b[0]) - f(&a[0])).to_radians() / 2.0).sin().powi(2);
    2.0 * 6_371_008.8 * h.sqrt().asin()
}

#[test]
fn the_same_count_and_seed_give_the_same_bytes_and_another_seed_other_ones() {
    let dir = tempfile::tempdir().unwrap();
    let snapshot = |name: &str, seed: u64| {
        let path = dir.path().join(name);
        synth::write_snapshot(TREKS, seed, &path).unwrap();
        files(&path)
    };
    let first = snapshot("a", SEED);
    assert_eq!(first, snapshot("b", SEED));
    // Written again over itself, and from the instance in memory: the same bytes.
    assert_eq!(first, snapshot("a", SEED));
    let in_memory = dir.path().join("c");
    synth::generate(TREKS, SEED).write_snapshot(&in_memory).unwrap();
    assert_eq!(first, files(&in_memory));

    let other = snapshot("d", SEED + 1);
    assert_ne!(first["trek.json"], other["trek.json"]);
    assert_ne!(first["manifest.json"], other["manifest.json"]);
}

#[test]
fn a_trek_depends_on_the_seed_and_its_id_not_on_the_number_of_treks() {
    let small = synth::generate(BLOCK_TREKS, SEED);
    let large = synth::generate(TREKS, SEED);
    for endpoint in [
        "trek",
        "poi",
        "touristiccontent",
        "touristicevent",
        "sensitivearea",
        "outdoor_site",
    ] {
        let in_small = ids(&small, endpoint);
        let of_small = |instance: &Instance| -> Vec<Value> {
            let mut objects: Vec<Value> = instance
                .objects(endpoint)
                .filter(|o| in_small.contains(&o["id"].as_u64().unwrap()))
                .cloned()
                .collect();
            objects.sort_by_key(|o| o["id"].as_u64());
            objects
        };
        assert!(!in_small.is_empty(), "{endpoint}");
        assert_eq!(of_small(&small), of_small(&large), "{endpoint}");
    }
}

#[test]
fn treks_are_3d_lines_of_300_to_3000_points_whose_figures_match_them() {
    let instance = synth::generate(TREKS, SEED);
    let treks: Vec<&Value> = instance.objects("trek").collect();
    assert_eq!(treks.len(), TREKS);
    assert_eq!(ids(&instance, "trek"), (1..=TREKS as u64).collect());
    for trek in treks {
        let id = &trek["id"];
        assert_eq!(trek["geometry"]["type"], "LineString", "trek {id}");
        let coords: Vec<&[Value]> = trek["geometry"]["coordinates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_array().unwrap().as_slice())
            .collect();
        assert!(
            (300..=3000).contains(&coords.len()),
            "trek {id}: {} points",
            coords.len()
        );
        let [west, south, east, north] = synth::BBOX;
        for c in &coords {
            assert_eq!(c.len(), 3, "trek {id}: {c:?}");
            let (lon, lat, z) = (
                c[0].as_f64().unwrap(),
                c[1].as_f64().unwrap(),
                c[2].as_f64().unwrap(),
            );
            assert!(
                (west..=east).contains(&lon) && (south..=north).contains(&lat),
                "trek {id}: {c:?}"
            );
            assert!((500.0..=3000.0).contains(&z), "trek {id}: {c:?}");
        }
        let length: f64 = coords.windows(2).map(|w| haversine(w[0], w[1])).sum();
        assert!(
            (length - trek["length_2d"].as_f64().unwrap()).abs() < 0.5,
            "trek {id}"
        );
        assert!(trek["length_3d"].as_f64().unwrap() >= trek["length_2d"].as_f64().unwrap());
        let z: Vec<f64> = coords.iter().map(|c| c[2].as_f64().unwrap()).collect();
        let ascent: f64 = z.windows(2).map(|w| (w[1] - w[0]).max(0.0)).sum();
        let descent: f64 = z.windows(2).map(|w| (w[1] - w[0]).min(0.0)).sum();
        assert_eq!(trek["ascent"].as_f64().unwrap(), ascent.round(), "trek {id}");
        assert_eq!(trek["descent"].as_f64().unwrap(), descent.round(), "trek {id}");
        assert_eq!(
            trek["min_elevation"].as_f64().unwrap(),
            z.iter().copied().fold(f64::MAX, f64::min)
        );
        assert_eq!(
            trek["max_elevation"].as_f64().unwrap(),
            z.iter().copied().fold(f64::MIN, f64::max)
        );
        // Altitudes vary smoothly: no cliff between vertices a few metres apart.
        for (w, c) in z.windows(2).zip(coords.windows(2)) {
            let run = haversine(c[0], c[1]).max(1.0);
            assert!(
                (w[1] - w[0]).abs() / run < 1.5,
                "trek {id}: {} m over {run} m",
                w[1] - w[0]
            );
        }
        assert!(trek["duration"].as_f64().unwrap() > 0.0);
        assert_eq!(trek["departure_geom"].as_array().unwrap()[..], coords[0][..2]);
    }
}

#[test]
fn translations_are_partial_and_publication_follows_them() {
    let instance = synth::generate(TREKS, SEED);
    let present = |v: &Value| v.as_str().is_some_and(|s| !s.is_empty());
    let treks: Vec<&Value> = instance.lists["trek"].iter().collect();
    let share =
        |lang: &str| treks.iter().filter(|t| present(&t["name"][lang])).count() as f64 / treks.len() as f64;
    assert!(treks.iter().all(|t| present(&t["name"]["fr"])));
    assert!((0.5..0.9).contains(&share("en")), "en: {}", share("en"));
    assert!((0.2..0.6).contains(&share("it")), "it: {}", share("it"));
    // Missing translations are "" or null, as both occur in real instances.
    let missing: BTreeSet<String> = treks
        .iter()
        .flat_map(|t| ["en", "it"].map(|l| t["description"][l].clone()))
        .filter(|v| !present(v))
        .map(|v| v.to_string())
        .collect();
    assert_eq!(missing, BTreeSet::from(["\"\"".to_string(), "null".to_string()]));
    for endpoint in ["trek", "poi", "touristiccontent", "touristicevent", "flatpage"] {
        for object in &instance.lists[endpoint] {
            let name = if endpoint == "flatpage" {
                &object["title"]
            } else {
                &object["name"]
            };
            assert!(object["published"]["fr"] == true, "{endpoint} {}", object["id"]);
            for lang in ["en", "it"] {
                if object["published"][lang] == true {
                    assert!(
                        present(&name[lang]),
                        "{endpoint} {} published in {lang}",
                        object["id"]
                    );
                }
            }
        }
    }
    let html = treks
        .iter()
        .filter(|t| {
            let d = t["description"]["fr"].as_str().unwrap();
            d.starts_with("<p>") && (d.contains("<strong>") || d.contains("<li>"))
        })
        .count();
    assert_eq!(html, treks.len());
}

#[test]
fn every_reference_resolves() {
    let instance = synth::generate(TREKS, SEED);
    // The references sentier follows, read as sentier reads them.
    for endpoint in sentier::endpoint::ENDPOINTS {
        for object in instance.objects(endpoint.name) {
            let raw = serde_json::value::to_raw_value(object).unwrap();
            assert!(sentier::endpoint::rejected_references(endpoint, raw.get()).is_empty());
            for (target, id) in sentier::endpoint::referenced_ids(endpoint, &raw) {
                assert!(
                    ids(&instance, target).contains(&id.0),
                    "{} {} references {target} {id}",
                    endpoint.name,
                    object["id"]
                );
            }
        }
    }
    // And the ones it resolves without a catalogue entry.
    let cities = ids(&instance, "city");
    let districts = ids(&instance, "district");
    let treks = ids(&instance, "trek");
    for endpoint in [
        "trek",
        "touristiccontent",
        "touristicevent",
        "outdoor_site",
        "outdoor_course",
    ] {
        for object in instance.objects(endpoint) {
            assert!(
                id_list(&object["cities"]).iter().all(|c| cities.contains(c)),
                "{endpoint} {}",
                object["id"]
            );
            assert!(!id_list(&object["cities"]).is_empty());
            assert!(id_list(&object["districts"])
                .iter()
                .all(|d| districts.contains(d)));
        }
    }
    for poi in instance.objects("poi") {
        assert!(ids(&instance, "poi_type").contains(&poi["type"].as_u64().unwrap()));
    }
    let mut type_values = BTreeSet::new();
    for category in instance.objects("touristiccontent_category") {
        for group in category["types"].as_array().unwrap() {
            type_values.extend(
                group["values"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v["id"].as_u64().unwrap()),
            );
        }
    }
    for content in instance.objects("touristiccontent") {
        for values in content["types"].as_object().unwrap().values() {
            assert!(
                id_list(values).iter().all(|v| type_values.contains(v)),
                "content {}",
                content["id"]
            );
        }
    }
    let mut steps = 0;
    for trek in instance.objects("trek") {
        for child in id_list(&trek["children"]) {
            steps += 1;
            let step = instance.objects("trek").find(|t| t["id"] == child).unwrap();
            assert_eq!(id_list(&step["parents"]), [trek["id"].as_u64().unwrap()]);
        }
        for parent in id_list(&trek["parents"]) {
            assert!(treks.contains(&parent));
            let key = parent.to_string();
            for neighbour in [&trek["previous"][&key], &trek["next"][&key]] {
                assert!(neighbour.is_null() || treks.contains(&neighbour.as_u64().unwrap()));
            }
        }
    }
    assert!(steps > 0, "seed {SEED} should give an itinerary in {TREKS} treks");
    for course in instance.objects("outdoor_course") {
        assert!(id_list(&course["sites"])
            .iter()
            .all(|s| ids(&instance, "outdoor_site").contains(s)));
    }
    for family in [
        "poi",
        "touristiccontent",
        "touristicevent",
        "sensitivearea",
        "outdoor_site",
    ] {
        assert!(!instance.lists[family].is_empty(), "no {family}");
    }
}

#[test]
fn sentier_decodes_the_snapshot_without_an_issue() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("snap");
    let written = synth::write_snapshot(TREKS, SEED, &path).unwrap();
    let snapshot = sentier::snapshot::Snapshot::read(&path).unwrap();
    assert_eq!(snapshot.manifest.languages, ["fr", "en", "it"]);
    assert_eq!(snapshot.manifest.api, synth::API);
    assert_eq!(snapshot.manifest.api_version.as_deref(), Some(synth::API_VERSION));
    assert_eq!(snapshot.manifest.bbox, Some(synth::BBOX));
    assert_eq!(
        snapshot
            .manifest
            .fetched_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        synth::generate(1, SEED).fetched_at
    );
    let names: BTreeSet<&str> = sentier::endpoint::ENDPOINTS.iter().map(|e| e.name).collect();
    assert_eq!(names, synth::SNAPSHOT_ENDPOINTS.iter().copied().collect());
    for (endpoint, count) in &written.counts {
        assert_eq!(snapshot.objects(endpoint).len(), *count, "{endpoint}");
    }
    let decoded = sentier::model::decode(&snapshot);
    assert!(decoded.issues.is_empty(), "{:?}", decoded.issues);
    assert_eq!(decoded.dataset.treks.len(), TREKS);
}

#[test]
fn a_site_builds_from_it_in_three_languages_without_a_warning() {
    let site = Site::new(&snapshot_config("snap", &["fr", "en", "it"], ""));
    synth::write_snapshot(BLOCK_TREKS, SEED, &site.path().join("snap")).unwrap();
    let run = site.sentier(&["build"]);
    run.assert_success();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let home = site.read("public/index.html");
    assert!(home.contains("/trek/1-"), "{home}");
    assert!(site.exists("public/en/index.html") && site.exists("public/it/index.html"));
}

#[test]
fn pulling_it_from_the_mock_api_gives_the_snapshot_it_writes() {
    let instance = synth::generate(BLOCK_TREKS, SEED);
    // An itinerary step published in no language: pulled by its detail route only.
    assert!(instance
        .details
        .get("trek")
        .is_some_and(|steps| !steps.is_empty()));
    let api = MockApi::start(instance.to_mock_data());
    let site = Site::new(&config(&api.url(), &["fr", "en", "it"], ""));
    let run = site.sentier(&["pull", "--snapshot", "pulled"]);
    run.assert_success();
    assert!(run.warnings_besides_retries().is_empty(), "{}", run.stderr);
    instance.write_snapshot(&site.path().join("written")).unwrap();
    for endpoint in synth::SNAPSHOT_ENDPOINTS {
        let file = |dir: &str| site.json(&format!("{dir}/{endpoint}.json"));
        assert_eq!(file("pulled"), file("written"), "{endpoint}");
    }
}
