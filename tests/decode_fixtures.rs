//! Every real API response in tests/fixtures decodes with no object skipped, in both language
//! forms (all languages, and `language=fr`), old and new field shapes alike.

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use sentier::model::{self, values::CityRef, Id};
use sentier::snapshot::{Manifest, Snapshot};
use serde_json::value::RawValue;

fn raw_list(path: &Path) -> Vec<Box<RawValue>> {
    let text = std::fs::read_to_string(path).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let items = match value {
        serde_json::Value::Object(mut o) if o.contains_key("results") => o.remove("results").unwrap(),
        serde_json::Value::Array(items) => serde_json::Value::Array(items),
        object => serde_json::Value::Array(vec![object]),
    };
    serde_json::from_value(items).unwrap()
}

fn snapshot(objects: BTreeMap<String, Vec<Box<RawValue>>>) -> Snapshot {
    Snapshot {
        manifest: Manifest {
            format: 1,
            sentier_version: "test".into(),
            api: "http://test/api/v2/".into(),
            api_version: None,
            languages: vec!["fr".into(), "en".into()],
            fetched_at: chrono::Utc::now(),
            counts: objects.iter().map(|(k, v)| (k.clone(), v.len())).collect(),
            missing_endpoints: vec![],
            bbox: None,
            requests: 0,
            query_key: None,
        },
        objects,
    }
}

/// File name → endpoint, for the captured responses that are lists or details of one endpoint.
fn endpoint_of(file: &str) -> Option<String> {
    let stem = file.trim_end_matches(".json");
    let stem = stem
        .strip_prefix("admin_")
        .or_else(|| stem.strip_prefix("rando-v3_"))?;
    let (endpoint, _) = stem.split_once("_list").or_else(|| stem.split_once("_detail"))?;
    (!stem.ends_with("404") && !stem.contains("_fields")).then(|| endpoint.to_string())
}

#[test]
fn every_captured_response_decodes_without_skipping_an_object() {
    let dir = support::fixtures().join("geotrek-api-v2");
    let mut decoded_files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(endpoint) = endpoint_of(&file) else {
            continue;
        };
        let objects = raw_list(&dir.join(&file));
        let count = objects.len();
        let decoded = model::decode(&snapshot(BTreeMap::from([(endpoint.clone(), objects)])));
        let skipped: Vec<_> = decoded
            .issues
            .iter()
            .filter(|i| i.kind == model::IssueKind::Skipped)
            .collect();
        assert!(skipped.is_empty(), "{file}: {skipped:?}");
        let d = &decoded.dataset;
        let total = d.treks.len()
            + d.pois.len()
            + d.touristic_contents.len()
            + d.touristic_events.len()
            + d.outdoor_sites.len()
            + d.outdoor_courses.len()
            + d.information_desks.len()
            + d.touristic_content_categories.len()
            + d.nomenclatures.values().map(|m| m.len()).sum::<usize>();
        // Endpoints a portal does not use (signage, infrastructure, services) are not modelled.
        if !["signage", "infrastructure", "service", "service_type"].contains(&endpoint.as_str()) {
            assert_eq!(total, count, "{file}: every object decoded");
        }
        decoded_files += 1;
    }
    assert!(decoded_files >= 35, "{decoded_files}");
}

#[test]
fn both_language_forms_and_both_city_shapes_decode_to_the_same_model() {
    let dir = support::fixtures().join("geotrek-api-v2");
    let all = model::decode(&snapshot(BTreeMap::from([(
        "trek".to_string(),
        raw_list(&dir.join("admin_trek_list_alllang.json")),
    )])));
    let trek = all.dataset.treks.iter().find(|t| t.id == Id(2)).unwrap();
    assert_eq!(trek.name.get("en"), Some("Loop of the pic of 3 lords"));
    assert_eq!(trek.name.get("it"), Some("Foo bar"));
    assert!(trek.published.in_language("en") && !trek.published.in_language("it"));
    assert_eq!(
        trek.cities,
        [CityRef::Code("09231".into()), CityRef::Code("09302".into())]
    );
    assert_eq!(trek.descent, Some(-777.0));
    assert!(trek.geometry.as_ref().unwrap().geometry().has_elevation());
    assert_eq!(trek.previous, []);

    let fr = model::decode(&snapshot(BTreeMap::from([(
        "trek".to_string(),
        raw_list(&dir.join("rando-v3_trek_detail_fr_handedited.json")),
    )])));
    let trek = &fr.dataset.treks[0];
    assert_eq!(
        trek.name.get("fr"),
        trek.name.get("en"),
        "a plain string is valid in every language"
    );
    assert!(trek.name.get("fr").is_some());

    let step = model::decode(&snapshot(BTreeMap::from([(
        "trek".to_string(),
        raw_list(&dir.join("admin_trek_detail_step_alllang.json")),
    )])));
    let step = &step.dataset.treks[0];
    assert_eq!(step.parents.ids, [Id(2), Id(10445)]);
    assert!(
        !step.next.is_empty() || !step.previous.is_empty(),
        "a step knows its neighbours"
    );
}

#[test]
fn newer_instances_integer_city_ids_decode() {
    let raw: Vec<Box<RawValue>> = serde_json::from_str(
        r#"[{"id": 1, "name": {"fr": "A"}, "cities": [12, 13], "city_codes": ["05006", "05032"], "departure_city": 12, "departure_city_code": "05006", "districts": [2]}]"#,
    )
    .unwrap();
    let decoded = model::decode(&snapshot(BTreeMap::from([("trek".to_string(), raw)])));
    let trek = &decoded.dataset.treks[0];
    assert_eq!(trek.cities, [CityRef::Id(12), CityRef::Id(13)]);
    assert_eq!(trek.city_codes, ["05006", "05032"]);
    assert_eq!(trek.departure_city, Some(CityRef::Id(12)));
}

/// No captured flat page or menu item exists (fixtures README); these follow the serializer
/// fields listed in the API reference §2.3, in both the pre-2.104 and current shapes.
#[test]
fn flat_pages_and_menu_items_decode_in_their_old_and_new_shapes() {
    let pages: Vec<Box<RawValue>> = serde_json::from_str(
        r#"[{"id": 1, "title": {"fr": "Réglementation", "en": "Rules"}, "content": {"fr": "<p>Texte</p>", "en": null},
             "source": [], "portals": [1], "published": {"fr": true, "en": true}, "attachments": [], "children": [2], "parent": null},
            {"id": 2, "title": {"fr": "Sous-page"}, "content": {"fr": ""}, "published": {"fr": true}, "children": [], "parent": 1},
            {"id": 3, "title": {"fr": "Ancien lien"}, "external_url": {"fr": "https://example.org"}, "target": "all", "portal": [], "order": 1}]"#,
    )
    .unwrap();
    let menu: Vec<Box<RawValue>> = serde_json::from_str(
        r#"[{"id": 10, "title": {"fr": "Infos"}, "target_type": "page", "page": 1, "page_title": {"fr": "Réglementation"}, "link_url": {"fr": ""},
             "portals": [], "published": {"fr": true}, "open_in_new_tab": false, "pictogram": null, "attachments": [],
             "children": [{"id": 11, "title": {"fr": "Site du parc"}, "target_type": "link", "link_url": {"fr": "https://parc.example.org"}, "open_in_new_tab": true, "children": []}]}]"#,
    )
    .unwrap();
    let decoded = model::decode(&snapshot(BTreeMap::from([
        ("flatpage".to_string(), pages),
        ("menu_item".to_string(), menu),
    ])));
    assert!(decoded.issues.is_empty(), "{:?}", decoded.issues);
    let pages = &decoded.dataset.flat_pages;
    assert_eq!(pages.len(), 3);
    assert_eq!(pages[0].children.ids, [Id(2)]);
    assert_eq!(pages[1].parent.id, Some(Id(1)));
    assert_eq!(pages[2].external_url.get("fr"), Some("https://example.org"));
    let menu = &decoded.dataset.menu_items[0];
    assert_eq!(menu.page.id, Some(Id(1)));
    assert_eq!(
        menu.children[0].link_url.get("fr"),
        Some("https://parc.example.org")
    );
    assert!(menu.children[0].open_in_new_tab);
}

#[test]
fn the_real_ecrins_treks_decode_with_their_full_geometries() {
    let dir = support::fixtures().join("geotrek-real");
    let decoded = model::decode(&snapshot(BTreeMap::from([(
        "trek".to_string(),
        raw_list(&dir.join("trek.json")),
    )])));
    assert!(decoded.issues.is_empty(), "{:?}", decoded.issues);
    assert_eq!(decoded.dataset.treks.len(), 40);
    let points: Vec<usize> = decoded
        .dataset
        .treks
        .iter()
        .map(|t| t.geometry.as_ref().unwrap().geometry().coords().count())
        .collect();
    assert!(points.iter().all(|n| (186..=2854).contains(n)), "{points:?}");
    assert!(
        decoded
            .dataset
            .treks
            .iter()
            .all(|t| !t.geometry.as_ref().unwrap().geometry().has_elevation()),
        "2D geometries"
    );
}
