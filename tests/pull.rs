//! `sentier pull` against the mock Geotrek API: what it requests, what it writes, and how it
//! fails.

mod support;

use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::json;
use support::mock_api::{FaultResponse, MockApi};
use support::{closed_port, config, fixture_data, Site};

fn pull(site: &Site) -> support::Run {
    site.sentier(&["pull", "--snapshot", "snap"])
}

#[test]
fn pull_writes_one_file_per_endpoint_and_a_manifest() {
    let api = MockApi::start(fixture_data());
    let site = Site::new(&config(&api.url(), &["fr", "en"], ""));
    pull(&site).assert_success();

    let manifest = site.json("snap/manifest.json");
    assert_eq!(manifest["api"], api.url());
    assert_eq!(manifest["api_version"], "2.110.0");
    assert_eq!(manifest["languages"], json!(["fr", "en", "it", "es"]));
    assert_eq!(manifest["bbox"], json!([5.9, 44.5, 6.6, 45.1]));
    let data = fixture_data();
    let requests = api.requests();
    for (endpoint, count) in manifest["counts"].as_object().unwrap() {
        let listed = data.lists.get(endpoint).map_or(0, Vec::len);
        let details = requests
            .iter()
            .filter(|r| {
                r.strip_prefix(&format!("/api/v2/{endpoint}/"))
                    .is_some_and(|rest| rest.trim_end_matches('/').parse::<u64>().is_ok())
            })
            .count();
        let count = count.as_u64().unwrap() as usize;
        assert!(
            (listed..=listed + details).contains(&count),
            "{endpoint}: {count} objects, {listed} listed, {details} details asked"
        );
        assert_eq!(
            site.json(&format!("snap/{endpoint}.json"))
                .as_array()
                .unwrap()
                .len(),
            count
        );
    }
    assert_eq!(manifest["counts"]["trek"], 46);
    assert_eq!(
        manifest["requests"].as_u64().unwrap() as usize,
        requests.len(),
        "every request is counted once"
    );
    // Every endpoint a portal needs was asked for.
    let requested: BTreeSet<String> = api
        .requests()
        .iter()
        .filter_map(|r| r.strip_prefix("/api/v2/")?.split('/').next().map(str::to_string))
        .collect();
    for endpoint in [
        "trek",
        "poi",
        "touristiccontent",
        "touristicevent",
        "outdoor_site",
        "outdoor_course",
        "sensitivearea",
        "flatpage",
        "menu_item",
        "informationdesk",
        "trek_difficulty",
        "theme",
        "city",
        "district",
        "portal",
        "version",
        "config",
    ] {
        assert!(
            requested.contains(endpoint),
            "{endpoint} not requested: {requested:?}"
        );
    }
}

#[test]
fn requests_are_the_same_for_one_and_three_site_languages() {
    let mut logs = Vec::new();
    for languages in [&["fr"][..], &["fr", "en", "it"][..]] {
        let api = MockApi::start(fixture_data());
        let site = Site::new(&config(&api.url(), languages, ""));
        pull(&site).assert_success();
        let mut log = api.requests();
        log.sort();
        // Under a loaded test run a pooled connection may be dropped and its request sent
        // again: the same request, which this test does not count twice.
        log.dedup();
        logs.push(log);
    }
    assert_eq!(logs[0], logs[1]);
    for request in &logs[0] {
        assert!(!request.contains("language="), "{request}");
        if request.ends_with("/version") || request.contains("/config/") || request.split('/').count() > 5 {
            continue;
        }
        assert!(
            request.contains("page_size=1000"),
            "lists ask for the largest page: {request}"
        );
    }
    let city = logs[0].iter().find(|r| r.starts_with("/api/v2/city/")).unwrap();
    assert!(
        city.contains("fields=id%2Ccode%2Cname%2Cpublished"),
        "no city geometry: {city}"
    );
    let areas = logs[0]
        .iter()
        .find(|r| r.starts_with("/api/v2/sensitivearea/"))
        .unwrap();
    assert!(areas.contains("period=ignore"), "{areas}");
}

#[test]
fn pages_are_followed_along_absolute_next_links_even_on_a_wrong_host() {
    let api = MockApi::start(fixture_data());
    api.set_max_page_size(10);
    // Behind a misconfigured proxy Geotrek writes its internal origin into `next`.
    api.set_next_origin("http://geotrek-internal:8000");
    let site = Site::new(&config(&api.url(), &["fr"], ""));
    pull(&site).assert_success();
    let trek_pages: Vec<String> = api
        .requests()
        .into_iter()
        .filter(|r| r.starts_with("/api/v2/trek/?"))
        .collect();
    assert_eq!(trek_pages.len(), 5, "46 treks in pages of 10: {trek_pages:?}");
    assert!(trek_pages.iter().any(|r| r.contains("page=5")));
    let expected: BTreeSet<u64> = fixture_data().lists["trek"]
        .iter()
        .filter_map(|t| t["id"].as_u64())
        .collect();
    assert_eq!(site.snapshot_ids("snap", "trek"), expected);
}

#[test]
fn referenced_objects_missing_from_lists_are_fetched_by_their_detail_route() {
    let mut data = fixture_data();
    // An itinerary whose steps are: one listed, one unpublished (served by its detail route
    // only, as Geotrek does for steps of a published parent), one deleted.
    data.object_mut("trek", 2).unwrap()["children"] = json!([10439, 10442, 99999]);
    // A practice the usage-filtered list omits (fixture admin_trek_practice_detail_alllang.json).
    data.object_mut("trek", 2849).unwrap()["practice"] = json!(5);
    let api = MockApi::start(data);
    let site = Site::new(&config(&api.url(), &["fr"], ""));
    let run = pull(&site);
    run.assert_success();

    assert!(site.snapshot_ids("snap", "trek").contains(&10442));
    assert!(site.snapshot_ids("snap", "trek_practice").contains(&5));
    assert!(api.requests().iter().any(|r| r == "/api/v2/trek/10442/"));
    assert!(
        run.stderr.contains(
            "warning: trek 2 references trek 99999, which the API does not have (404); reference dropped"
        ),
        "{}",
        run.stderr
    );
    // Each missing object is asked for once.
    assert_eq!(
        api.requests()
            .iter()
            .filter(|r| *r == "/api/v2/trek/99999/")
            .count(),
        1
    );
}

#[test]
fn filters_the_api_supports_are_sent_to_it() {
    let api = MockApi::start(fixture_data());
    let site = Site::new(&config(
        &api.url(),
        &["fr"],
        "portals = [1]\npractices = [4]\nbbox = [6.0, 44.6, 6.6, 45.1]\ncities = [\"05006\"]",
    ));
    pull(&site).assert_success();
    let trek = api
        .requests()
        .into_iter()
        .find(|r| r.starts_with("/api/v2/trek/?"))
        .unwrap();
    for param in ["portals=1", "practices=4", "in_bbox=6%2C44.6%2C6.6%2C45.1"] {
        assert!(trek.contains(param), "{param} in {trek}");
    }
    assert!(
        !trek.contains("cities="),
        "INSEE codes are filtered locally only: {trek}"
    );
    let content = api
        .requests()
        .into_iter()
        .find(|r| r.starts_with("/api/v2/touristiccontent/?"))
        .unwrap();
    assert!(
        content.contains("portals=1") && !content.contains("practices="),
        "{content}"
    );
}

#[test]
fn an_instance_older_than_2_63_has_no_version_route_and_is_pulled_anyway() {
    let mut data = fixture_data();
    data.version = None;
    let api = MockApi::start(data);
    let site = Site::new(&config(&api.url(), &["fr"], ""));
    let run = pull(&site);
    run.assert_success();
    assert!(run.stderr.contains("older than 2.63"), "{}", run.stderr);
    assert_eq!(site.json("snap/manifest.json")["api_version"], json!(null));
}

#[test]
fn an_endpoint_the_instance_lacks_is_a_warning() {
    let mut data = fixture_data();
    data.served.remove("flatpage");
    data.served.remove("menu_item");
    let api = MockApi::start(data);
    let site = Site::new(&config(&api.url(), &["fr"], ""));
    let run = pull(&site);
    run.assert_success();
    assert!(
        run.stderr
            .contains("warning: flatpage is not served by this instance"),
        "{}",
        run.stderr
    );
    assert!(site.json("snap/manifest.json")["missing_endpoints"]
        .as_array()
        .unwrap()
        .contains(&json!("menu_item")));
}

#[test]
fn http_503_and_429_are_retried_after_the_servers_retry_after() {
    let api = MockApi::start(fixture_data());
    let busy = |retry_after: &str, code| FaultResponse::Status {
        code,
        retry_after: Some(retry_after.to_string()),
        body: "<h1>busy</h1>".into(),
    };
    api.inject("/api/v2/trek/?", 1, busy("1", 503));
    api.inject("/api/v2/theme/", 2, busy("0", 429));
    let site = Site::new(&config(&api.url(), &["fr"], ""));
    let started = std::time::Instant::now();
    let run = pull(&site);
    run.assert_success();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After: 1 was honoured"
    );
    assert!(
        run.stderr.contains("HTTP 503; retrying in 1.0 s (attempt 2/3)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("HTTP 429; retrying in 0.0 s (attempt 3/3)"),
        "{}",
        run.stderr
    );
    assert_eq!(site.json("snap/manifest.json")["counts"]["trek"], 46);
}

#[test]
fn after_the_last_retry_the_error_names_the_url_and_the_status() {
    let api = MockApi::start(fixture_data());
    api.inject(
        "/api/v2/trek/?",
        usize::MAX,
        FaultResponse::Status {
            code: 502,
            retry_after: Some("0".into()),
            body: "bad gateway".into(),
        },
    );
    let site = Site::new(&config(&api.url(), &["fr"], ""));
    let before = site.entries();
    let run = pull(&site);
    run.assert_failure();
    let error = run.error();
    assert!(
        error.contains(&format!("GET {}trek/?page_size=1000", api.url())),
        "{error}"
    );
    assert!(error.contains("HTTP 502 (after 3 attempts)"), "{error}");
    assert_eq!(site.entries(), before, "nothing written");
}

#[test]
fn a_body_that_stalls_past_the_timeout_is_retried() {
    let api = MockApi::start(fixture_data());
    api.inject(
        "/api/v2/trek/?",
        1,
        FaultResponse::StallBody(Duration::from_millis(2500)),
    );
    let site = Site::new(&config(&api.url(), &["fr"], "").replace("timeout_s = 30", "timeout_s = 1"));
    let run = pull(&site);
    run.assert_success();
    assert!(
        run.stderr
            .contains("trek/?page_size=1000: reading the body failed"),
        "{}",
        run.stderr
    );
    assert_eq!(site.json("snap/manifest.json")["counts"]["trek"], 46);
}

#[test]
fn a_timeout_is_retried() {
    let api = MockApi::start(fixture_data());
    api.inject(
        "/api/v2/trek/?",
        1,
        FaultResponse::Delay(Duration::from_millis(2500)),
    );
    let site = Site::new(&config(&api.url(), &["fr"], "").replace("timeout_s = 30", "timeout_s = 1"));
    let run = pull(&site);
    run.assert_success();
    assert!(
        run.stderr.contains("trek/?page_size=1000: timed out; retrying"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_closed_port_is_a_clear_error() {
    let site = Site::new(
        &config(
            &format!("http://127.0.0.1:{}/api/v2/", closed_port()),
            &["fr"],
            "retries = 0",
        )
        .replace("retries = 2\n", ""),
    );
    let run = pull(&site);
    run.assert_failure();
    assert!(
        run.error().contains("/api/v2/version: cannot connect"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_html_login_page_is_a_clear_error() {
    let api = MockApi::start(fixture_data());
    api.inject("/api/v2/", usize::MAX, FaultResponse::LoginPage);
    let site = Site::new(&config(&api.url(), &["fr"], ""));
    let run = pull(&site);
    run.assert_failure();
    let error = run.error();
    assert!(
        error.contains("/api/v2/version: the response is not JSON (text/html"),
        "{error}"
    );
    assert!(error.contains("login page"), "{error}");
}

#[test]
fn a_wrong_api_url_is_a_clear_error() {
    let api = MockApi::start(fixture_data());
    let site = Site::new(&config(
        &format!("http://127.0.0.1:{}/geotrek/", api.port),
        &["fr"],
        "",
    ));
    let run = pull(&site);
    run.assert_failure();
    assert!(
        run.error()
            .contains("/geotrek/api/v2/trek/?page_size=1000: HTTP 404: does not exist"),
        "{}",
        run.stderr
    );
    let site = Site::new(&config("geotrek.example.org", &["fr"], ""));
    let run = pull(&site);
    run.assert_failure();
    assert!(
        run.error().contains("geotrek.example.org is not a valid API URL"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_body_that_is_not_json_is_a_clear_error() {
    let api = MockApi::start(fixture_data());
    api.inject(
        "/api/v2/theme/",
        usize::MAX,
        FaultResponse::Body("{\"count\": 1, \"results\": [".into()),
    );
    let site = Site::new(&config(&api.url(), &["fr"], ""));
    let run = pull(&site);
    run.assert_failure();
    assert!(
        run.error().contains("theme/?page_size=1000: invalid JSON"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bare_nan_is_read_as_absent() {
    let api = MockApi::start(fixture_data());
    let trek = r#"{"id": 77, "name": {"fr": "Boucle NaN"}, "published": {"fr": true}, "length_2d": NaN, "ascent": Infinity, "geometry": {"type": "LineString", "coordinates": [[6.1, 44.8, NaN], [6.15, 44.85, 1050.0], [6.2, 44.9, 1100.0]]}}"#;
    api.inject(
        "/api/v2/trek/?",
        1,
        FaultResponse::Body(format!(
            r#"{{"count": 1, "next": null, "previous": null, "results": [{trek}]}}"#
        )),
    );
    let site = Site::new(&config(&api.url(), &["fr"], ""));
    pull(&site).assert_success();
    let treks = site.json("snap/trek.json");
    assert_eq!(treks[0]["length_2d"], json!(null));
    assert_eq!(treks[0]["ascent"], json!(null));
    assert_eq!(treks[0]["name"]["fr"], "Boucle NaN");
    let build = site.sentier(&["build", "--snapshot", "snap"]);
    build.assert_success();
    assert!(!build.stderr.contains("skipped"), "{}", build.stderr);
    let page = site.read("public/trek/77-boucle-nan/index.html");
    assert!(page.contains("Boucle NaN"));
    assert!(
        !page.contains("NaN km") && !page.contains("inf"),
        "absent numbers are not shown"
    );
}

#[test]
fn pull_refuses_a_target_it_would_destroy() {
    let api = MockApi::start(fixture_data());
    let site = Site::new(&config(&api.url(), &["fr"], ""));
    site.write("notes/todo.txt", "mine");
    for target in [".", "notes", "themes/.."] {
        let run = site.sentier(&["pull", "--snapshot", target]);
        run.assert_failure();
        assert!(
            run.error().contains("refusing to replace"),
            "{target}: {}",
            run.stderr
        );
    }
    assert_eq!(site.read("notes/todo.txt"), "mine");
    assert!(site.exists("config.toml"));
    assert!(api.requests().is_empty(), "refused before any request");
}

#[test]
fn an_undecodable_object_is_a_warning_naming_endpoint_and_id_and_strict_makes_it_an_error() {
    let mut data = fixture_data();
    data.object_mut("trek", 8700).unwrap()["geometry"] =
        json!({"type": "LineString", "coordinates": "6.1 44.8"});
    let api = MockApi::start(data);
    let site = Site::new(&config(&api.url(), &["fr"], ""));
    let run = pull(&site);
    run.assert_success();
    assert!(
        run.stderr
            .contains("warning: trek 8700: skipped, cannot decode it:"),
        "{}",
        run.stderr
    );

    let strict = site.sentier(&["pull", "--strict", "--snapshot", "strict-snap"]);
    strict.assert_failure();
    assert!(strict.error().contains("trek 8700: skipped"), "{}", strict.stderr);
    assert!(!site.exists("strict-snap"));
}

#[test]
fn a_failed_pull_leaves_the_previous_snapshot_untouched() {
    let api = MockApi::start(fixture_data());
    let site = Site::new(&config(&api.url(), &["fr"], ""));
    pull(&site).assert_success();
    let before = site.read("snap/manifest.json");
    api.inject(
        "/api/v2/poi/",
        usize::MAX,
        FaultResponse::Status {
            code: 500,
            retry_after: None,
            body: "oops".into(),
        },
    );
    pull(&site).assert_failure();
    assert_eq!(site.read("snap/manifest.json"), before);
    assert_eq!(
        site.entries(),
        BTreeSet::from(["config.toml".to_string(), "snap".into(), "themes".into()])
    );
}

#[test]
fn pull_without_an_api_names_the_config_key() {
    let site = Site::new(&support::snapshot_config("snap", &["fr"], ""));
    let run = pull(&site);
    run.assert_failure();
    assert!(
        run.error()
            .contains("config.toml: no API to pull from: set `api` in [source] or pass --api URL"),
        "{}",
        run.stderr
    );
}

/// Treks that are neither itineraries nor steps: editing or deleting one touches nothing else.
fn standalone_treks(data: &support::mock_api::MockData) -> Vec<u64> {
    data.lists["trek"]
        .iter()
        .filter(|t| {
            t["children"].as_array().is_none_or(Vec::is_empty)
                && t["parents"].as_array().is_none_or(Vec::is_empty)
        })
        .filter_map(|t| t["id"].as_u64())
        .collect()
}

#[test]
fn an_incremental_pull_asks_only_for_changes_and_equals_a_full_pull() {
    let api = MockApi::start(fixture_data());
    let site = Site::new(&config(&api.url(), &["fr", "en"], ""));
    pull(&site).assert_success();

    let treks = standalone_treks(&fixture_data());
    let (edited, deleted, copied, added) = (treks[0], treks[1], treks[2], 987_654u64);
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
    let mut removed_poi = 0;
    api.edit(|data| {
        let list = data.lists.get_mut("trek").unwrap();
        let mut copy = list.iter().find(|t| t["id"] == copied).unwrap().clone();
        copy["id"] = added.into();
        copy["name"]["fr"] = "Ajoutée depuis".into();
        copy["update_datetime"] = now.clone().into();
        list.retain(|t| t["id"] != deleted);
        let trek = list.iter_mut().find(|t| t["id"] == edited).unwrap();
        trek["name"]["fr"] = "Renommée depuis".into();
        trek["update_datetime"] = now.clone().into();
        list.push(copy);
        // Nomenclatures carry no date: they are listed whole.
        let theme = &mut data.lists.get_mut("theme").unwrap()[0];
        theme["label"]["fr"] = "Thème renommé".into();
        let pois = data.lists.get_mut("poi").unwrap();
        removed_poi = pois.pop().unwrap()["id"].as_u64().unwrap();
    });
    api.clear_log();
    let run = site.sentier(&["-v", "pull", "--snapshot", "snap"]);
    run.assert_success();
    assert!(run.stderr.contains("incremental pull"), "{}", run.stderr);
    let requests = api.requests();
    let trek_lists: Vec<&String> = requests
        .iter()
        .filter(|r| r.starts_with("/api/v2/trek/?"))
        .collect();
    assert!(
        trek_lists
            .iter()
            .all(|r| r.contains("updated_after=") || r.contains("fields=id")),
        "{trek_lists:?}"
    );
    assert!(
        trek_lists.iter().any(|r| r.contains("updated_after=")),
        "{trek_lists:?}"
    );
    assert!(
        requests.iter().any(|r| r.starts_with("/api/v2/theme/?")),
        "nomenclatures are listed whole"
    );

    let ids = site.snapshot_ids("snap", "trek");
    assert!(ids.contains(&added) && !ids.contains(&deleted));
    assert!(!site.snapshot_ids("snap", "poi").contains(&removed_poi));
    assert!(site.read("snap/trek.json").contains("Renommée depuis"));
    assert!(site.read("snap/theme.json").contains("Thème renommé"));

    site.sentier(&["pull", "--snapshot", "full", "--full"])
        .assert_success();
    let names: BTreeSet<String> = std::fs::read_dir(site.path().join("full"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for name in names.iter().filter(|n| *n != "manifest.json") {
        assert!(
            site.read(&format!("snap/{name}")) == site.read(&format!("full/{name}")),
            "{name} differs between the incremental and the full pull"
        );
    }
    let (incremental, full) = (site.json("snap/manifest.json"), site.json("full/manifest.json"));
    for key in [
        "counts",
        "languages",
        "missing_endpoints",
        "bbox",
        "query_key",
        "api_version",
    ] {
        assert_eq!(incremental[key], full[key], "{key}");
    }
}

#[test]
fn a_snapshot_of_another_query_is_pulled_whole() {
    let api = MockApi::start(fixture_data());
    let site = Site::new(&config(&api.url(), &["fr"], ""));
    pull(&site).assert_success();
    site.write("config.toml", &config(&api.url(), &["fr"], "portals = [1]"));
    api.clear_log();
    let run = site.sentier(&["pull", "--snapshot", "snap"]);
    run.assert_success();
    assert!(!run.stderr.contains("incremental pull"), "{}", run.stderr);
    assert!(!api.requests().iter().any(|r| r.contains("updated_after=")));
}
