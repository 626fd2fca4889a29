//! A mock Geotrek API v2 served over real HTTP on 127.0.0.1, for the end-to-end tests, the
//! sample-snapshot script and the pull benchmark (`examples/mock_geotrek.rs`).
//!
//! It behaves as Geotrek-admin does where sentier depends on it: page-number pagination with
//! absolute `next` links (`page_size` default 50, clamped to 1000), `language=` collapsing each
//! translated field to a string and listing only objects published in that language, `fields=`,
//! `portals=`, `ids=` and `updated_after=` filters, detail routes that also serve objects absent from lists, JSON
//! 404 bodies, `/api/v2/version`, and `menu_item/` as a bare array. Faults (latency, HTTP errors
//! with `Retry-After`, HTML pages, raw bodies) can be injected per path.
//!
//! Not modelled: other filters, `format=geojson`, ordering, the "future events only" default.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Map, Value};

/// The objects an instance holds, in the all-languages form.
#[derive(Clone, Default)]
pub struct MockData {
    pub lists: BTreeMap<String, Vec<Value>>,
    /// Served by the detail route only (unpublished steps, unused nomenclature values).
    pub details: BTreeMap<String, Vec<Value>>,
    pub version: Option<String>,
    pub bbox: Option<[f64; 4]>,
    /// Endpoints the instance serves even when it holds no object for them (an empty list).
    pub served: BTreeSet<String>,
}

/// Every list endpoint of a Geotrek-admin 2.110 with all modules installed.
pub const GEOTREK_2_110_ENDPOINTS: &[&str] = &[
    "trek",
    "tour",
    "poi",
    "poi_type",
    "touristiccontent",
    "touristiccontent_category",
    "touristicevent",
    "touristicevent_type",
    "touristicevent_place",
    "informationdesk",
    "informationdesk_type",
    "sensitivearea",
    "sensitivearea_practice",
    "sensitivearea_species",
    "signage",
    "infrastructure",
    "service",
    "service_type",
    "outdoor_site",
    "outdoor_course",
    "outdoor_practice",
    "outdoor_sector",
    "outdoor_sitetype",
    "outdoor_coursetype",
    "outdoor_ratingscale",
    "outdoor_rating",
    "trek_difficulty",
    "trek_practice",
    "trek_route",
    "trek_network",
    "trek_accessibility",
    "trek_accessibility_level",
    "trek_ratingscale",
    "trek_rating",
    "theme",
    "label",
    "weblink_category",
    "city",
    "district",
    "structure",
    "source",
    "portal",
    "reservationsystem",
    "organism",
    "file_type",
    "label_accessibility",
    "flatpage",
    "menu_item",
];

impl MockData {
    /// A directory of `<endpoint>.json` files, each a JSON array (fixtures/geotrek-real).
    pub fn from_dataset_dir(dir: &Path) -> MockData {
        let mut data = MockData::default();
        for entry in std::fs::read_dir(dir).expect("dataset directory") {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                let name = path.file_stem().unwrap().to_string_lossy().into_owned();
                data.lists.insert(name, read_list(&path));
            }
        }
        data
    }

    /// Geotrek-admin's captured responses (fixtures/geotrek-api-v2): `admin_<endpoint>_list*.json`
    /// are lists, `admin_trek_detail_*` and `admin_trek_practice_detail_*` detail-only objects.
    pub fn from_admin_fixtures(dir: &Path) -> MockData {
        let mut data = MockData::default();
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .expect("fixture directory")
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("admin_") && n.ends_with(".json"))
            .collect();
        names.sort();
        for name in names {
            let path = dir.join(&name);
            let stem = name.trim_start_matches("admin_").trim_end_matches(".json");
            if let Some((endpoint, rest)) = stem.split_once("_list") {
                // `fields=` extracts are partial views of the same treks.
                if rest.starts_with("_fields") {
                    continue;
                }
                let list = data.lists.entry(endpoint.to_string()).or_default();
                merge_by_id(list, read_list(&path));
            } else if let Some((endpoint, rest)) = stem.split_once("_detail") {
                if rest.ends_with("404") {
                    continue;
                }
                let object: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                data.details.entry(endpoint.to_string()).or_default().push(object);
            }
        }
        data
    }

    /// Adds `other`'s objects; where both hold an id, this one's object is kept.
    pub fn merge(mut self, other: MockData) -> MockData {
        for (endpoint, list) in other.lists {
            merge_by_id(self.lists.entry(endpoint).or_default(), list);
        }
        for (endpoint, list) in other.details {
            merge_by_id(self.details.entry(endpoint).or_default(), list);
        }
        self.version = self.version.or(other.version);
        self.served.extend(other.served);
        self.bbox = self.bbox.or(other.bbox);
        self
    }

    /// Corrections that fixtures/geotrek-api-v2/README.md documents as hand edits the real
    /// serializer cannot produce: trek 2's `children` holds a UUID where the API gives the id
    /// of its step, 10439.
    pub fn fix_documented_deviations(&mut self) {
        if let Some(trek) = self.object_mut("trek", 2) {
            trek["children"] = json!([10439]);
        }
    }

    pub fn object_mut(&mut self, endpoint: &str, id: u64) -> Option<&mut Value> {
        self.lists
            .get_mut(endpoint)?
            .iter_mut()
            .find(|o| o.get("id").and_then(Value::as_u64) == Some(id))
    }

    /// Languages of translated fields, as the instance would configure them.
    pub fn languages(&self) -> BTreeSet<String> {
        let mut languages = BTreeSet::new();
        for list in self.lists.values().chain(self.details.values()) {
            for object in list {
                if let Some(Value::Object(published)) = object.get("published") {
                    languages.extend(published.keys().cloned());
                }
            }
        }
        languages
    }
}

fn read_list(path: &Path) -> Vec<Value> {
    let value: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    match value {
        Value::Array(items) => items,
        Value::Object(mut envelope) => match envelope.remove("results") {
            Some(Value::Array(items)) => items,
            _ => panic!("{}: not a list", path.display()),
        },
        _ => panic!("{}: not a list", path.display()),
    }
}

fn merge_by_id(list: &mut Vec<Value>, more: Vec<Value>) {
    for object in more {
        let id = object.get("id").cloned();
        if id.is_none() || !list.iter().any(|o| o.get("id") == id.as_ref()) {
            list.push(object);
        }
    }
}

/// What to answer instead of the normal response.
#[derive(Clone)]
pub enum FaultResponse {
    Status {
        code: u16,
        retry_after: Option<String>,
        body: String,
    },
    /// A 200 HTML page, as an instance with a private API serves its login form.
    LoginPage,
    /// A 200 body served as is (e.g. JSON with a bare NaN).
    Body(String),
    /// The normal response, after this delay.
    Delay(Duration),
    /// The normal response's headers and first bytes, then a pause before the rest.
    StallBody(Duration),
}

struct Fault {
    /// Matches when the request's path and query contain this.
    pattern: String,
    remaining: AtomicUsize,
    response: FaultResponse,
}

#[derive(Default)]
struct State {
    data: MockData,
    languages: BTreeSet<String>,
    latency: Duration,
    faults: Vec<Fault>,
    log: Vec<String>,
    /// Origin written into `next` links instead of the server's own (a misconfigured proxy).
    next_origin: Option<String>,
    /// Geotrek clamps `page_size` to 1000; tests lower it to exercise pagination.
    max_page_size: usize,
}

pub struct MockApi {
    server: Arc<tiny_http::Server>,
    state: Arc<Mutex<State>>,
    pub port: u16,
}

impl MockApi {
    pub fn start(data: MockData) -> MockApi {
        MockApi::start_on(data, 0)
    }

    pub fn start_on(data: MockData, port: u16) -> MockApi {
        let server = Arc::new(tiny_http::Server::http(("127.0.0.1", port)).expect("bind 127.0.0.1"));
        let port = server.server_addr().to_ip().unwrap().port();
        let state = Arc::new(Mutex::new(State {
            languages: data.languages(),
            data,
            max_page_size: 1000,
            ..State::default()
        }));
        let (accept_server, accept_state) = (server.clone(), state.clone());
        std::thread::spawn(move || {
            for request in accept_server.incoming_requests() {
                let state = accept_state.clone();
                std::thread::spawn(move || handle(request, &state, port));
            }
        });
        MockApi { server, state, port }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/api/v2/", self.port)
    }

    pub fn set_latency(&self, latency: Duration) {
        self.state.lock().unwrap().latency = latency;
    }

    pub fn set_max_page_size(&self, size: usize) {
        self.state.lock().unwrap().max_page_size = size;
    }

    pub fn set_next_origin(&self, origin: &str) {
        self.state.lock().unwrap().next_origin = Some(origin.to_string());
    }

    /// Answers `response` to the next `times` requests whose path and query contain `pattern`.
    pub fn inject(&self, pattern: &str, times: usize, response: FaultResponse) {
        self.state.lock().unwrap().faults.push(Fault {
            pattern: pattern.to_string(),
            remaining: AtomicUsize::new(times),
            response,
        });
    }

    /// Changes the instance while it serves, as editors do between two pulls.
    pub fn edit(&self, edit: impl FnOnce(&mut MockData)) {
        let mut state = self.state.lock().unwrap();
        edit(&mut state.data);
        state.languages = state.data.languages();
    }

    /// Every request received so far, as path and query.
    pub fn requests(&self) -> Vec<String> {
        self.state.lock().unwrap().log.clone()
    }

    pub fn clear_log(&self) {
        self.state.lock().unwrap().log.clear();
    }
}

impl Drop for MockApi {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

struct Reply {
    status: u16,
    content_type: &'static str,
    body: String,
    retry_after: Option<String>,
}

fn json_reply(status: u16, body: Value) -> Reply {
    Reply {
        status,
        content_type: "application/json",
        body: body.to_string(),
        retry_after: None,
    }
}

fn handle(request: tiny_http::Request, state: &Mutex<State>, port: u16) {
    let target = request.url().to_string();
    let (latency, fault) = {
        let mut state = state.lock().unwrap();
        state.log.push(target.clone());
        let fault = state
            .faults
            .iter()
            .find(|f| {
                target.contains(&f.pattern)
                    && f.remaining
                        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                        .is_ok()
            })
            .map(|f| f.response.clone());
        (state.latency, fault)
    };
    std::thread::sleep(latency);
    if let Some(FaultResponse::StallBody(pause)) = fault {
        let reply = route(&target, state, port);
        let length = reply.body.len();
        let reader = StallingReader {
            body: reply.body.into_bytes(),
            position: 0,
            pause: Some(pause),
        };
        let headers = vec![tiny_http::Header::from_bytes("Content-Type", reply.content_type).unwrap()];
        let response = tiny_http::Response::new(reply.status.into(), headers, reader, Some(length), None);
        let _ = request.respond(response);
        return;
    }
    let reply = match fault {
        Some(FaultResponse::Status {
            code,
            retry_after,
            body,
        }) => Reply {
            status: code,
            content_type: "text/html",
            body,
            retry_after,
        },
        Some(FaultResponse::LoginPage) => Reply {
            status: 200,
            content_type: "text/html; charset=utf-8",
            body: "<!DOCTYPE html><html><head><title>Log in | Geotrek</title></head><body><form method=\"post\"></form></body></html>".into(),
            retry_after: None,
        },
        Some(FaultResponse::Body(body)) => Reply {
            status: 200,
            content_type: "application/json",
            body,
            retry_after: None,
        },
        Some(FaultResponse::Delay(delay)) => {
            std::thread::sleep(delay);
            route(&target, state, port)
        }
        Some(FaultResponse::StallBody(_)) | None => route(&target, state, port),
    };
    let mut response = tiny_http::Response::from_string(reply.body)
        .with_status_code(reply.status)
        .with_header(tiny_http::Header::from_bytes("Content-Type", reply.content_type).unwrap());
    if let Some(retry_after) = reply.retry_after {
        response.add_header(tiny_http::Header::from_bytes("Retry-After", retry_after).unwrap());
    }
    let _ = request.respond(response);
}

/// Sends the first 64 KiB (more than the server's write buffer, so they leave with the
/// headers), then pauses once.
struct StallingReader {
    body: Vec<u8>,
    position: usize,
    pause: Option<Duration>,
}

impl std::io::Read for StallingReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        const FIRST: usize = 64 * 1024;
        if self.position >= FIRST {
            if let Some(pause) = self.pause.take() {
                std::thread::sleep(pause);
            }
        }
        let limit = if self.position < FIRST {
            FIRST
        } else {
            self.body.len()
        };
        let end = limit.min(self.body.len()).min(self.position + buf.len());
        let n = end - self.position;
        buf[..n].copy_from_slice(&self.body[self.position..end]);
        self.position = end;
        Ok(n)
    }
}

fn route(target: &str, state: &Mutex<State>, port: u16) -> Reply {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let params: BTreeMap<String, String> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let state = state.lock().unwrap();
    let not_found = || json_reply(404, json!({"page": "does not exist"}));
    let Some(rest) = path.strip_prefix("/api/v2/") else {
        return not_found();
    };
    let segments: Vec<&str> = rest.split('/').collect();
    match segments.as_slice() {
        ["version"] => match &state.data.version {
            Some(version) => json_reply(200, json!({ "version": version })),
            None => not_found(),
        },
        ["config", ""] => json_reply(200, json!({ "bbox": state.data.bbox })),
        [endpoint, ""] => match state.data.lists.get(*endpoint) {
            Some(objects) => list(&state, endpoint, objects, &params, path, port),
            None if state.data.served.contains(*endpoint) => list(&state, endpoint, &[], &params, path, port),
            None => not_found(),
        },
        [endpoint, id, ""] if id.parse::<u64>().is_ok() => {
            if !state.data.lists.contains_key(*endpoint) && !state.data.details.contains_key(*endpoint) {
                return not_found();
            }
            let id: u64 = id.parse().unwrap();
            let found = [state.data.lists.get(*endpoint), state.data.details.get(*endpoint)]
                .into_iter()
                .flatten()
                .flatten()
                .find(|o| o.get("id").and_then(Value::as_u64) == Some(id));
            match found {
                Some(object) => json_reply(200, localize(object, params.get("language"), &state.languages)),
                None => json_reply(
                    404,
                    json!({"detail": format!("No {} matches the given query.", model_name(endpoint))}),
                ),
            }
        }
        _ => not_found(),
    }
}

fn model_name(endpoint: &str) -> String {
    let mut chars = endpoint.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn list(
    state: &State,
    endpoint: &str,
    objects: &[Value],
    params: &BTreeMap<String, String>,
    path: &str,
    port: u16,
) -> Reply {
    let language = params.get("language");
    let id_list = |key: &str| -> Option<Vec<u64>> {
        params
            .get(key)
            .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
    };
    let portals = id_list("portals");
    let ids = id_list("ids");
    // Geotrek compares the day of `date_update`, inclusive.
    let updated_after = params.get("updated_after");
    // Filtered by reference; only the page served is localized and copied (a list of 20,000
    // synthetic treks is hundreds of megabytes).
    let selected: Vec<&Value> = objects
        .iter()
        .filter(|o| match language {
            Some(lang) => match o.get("published") {
                Some(Value::Object(per)) => per.get(lang) == Some(&Value::Bool(true)),
                Some(Value::Bool(published)) => *published,
                _ => true,
            },
            None => true,
        })
        .filter(|o| match &portals {
            Some(wanted) => ["portal", "portals"].iter().any(|key| {
                o.get(*key)
                    .and_then(Value::as_array)
                    .is_some_and(|ps| ps.iter().any(|p| p.as_u64().is_some_and(|p| wanted.contains(&p))))
            }),
            None => true,
        })
        .filter(|o| match &ids {
            Some(wanted) => o
                .get("id")
                .and_then(Value::as_u64)
                .is_some_and(|id| wanted.contains(&id)),
            None => true,
        })
        .filter(
            |o| match (updated_after, o.get("update_datetime").and_then(Value::as_str)) {
                (Some(day), Some(updated)) => updated.get(..10).unwrap_or(updated) >= day.as_str(),
                _ => true,
            },
        )
        .collect();
    let serve = |objects: &[&Value]| -> Vec<Value> {
        objects
            .iter()
            .map(|o| select_fields(localize(o, language, &state.languages), params.get("fields")))
            .collect()
    };

    if endpoint == "menu_item" {
        return json_reply(200, Value::Array(serve(&selected)));
    }
    let page_size = params
        .get("page_size")
        .and_then(|s| s.parse::<usize>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(50)
        .min(state.max_page_size);
    let page = params
        .get("page")
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(1);
    let start = (page - 1) * page_size;
    if page == 0 || (start >= selected.len() && page > 1) {
        return json_reply(404, json!({"detail": "Invalid page."}));
    }
    let end = (start + page_size).min(selected.len());
    let origin = state
        .next_origin
        .clone()
        .unwrap_or_else(|| format!("http://127.0.0.1:{port}"));
    let page_link = |n: usize| -> Value {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for (key, value) in params.iter().filter(|(k, _)| *k != "page") {
            query.append_pair(key, value);
        }
        if n > 1 {
            query.append_pair("page", &n.to_string());
        }
        Value::String(format!("{origin}{path}?{}", query.finish()))
    };
    json_reply(
        200,
        json!({
            "count": selected.len(),
            "next": if end < selected.len() { page_link(page + 1) } else { Value::Null },
            "previous": if page > 1 { page_link(page - 1) } else { Value::Null },
            "results": serve(&selected[start..end]),
        }),
    )
}

/// The `language=xx` form: every per-language object becomes that language's value.
fn localize(value: &Value, language: Option<&String>, languages: &BTreeSet<String>) -> Value {
    let Some(lang) = language else {
        return value.clone();
    };
    match value {
        Value::Object(map) if !map.is_empty() && map.keys().all(|k| languages.contains(k)) => {
            map.get(lang).cloned().unwrap_or(Value::Null)
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), localize(v, language, languages)))
                .collect::<Map<_, _>>(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|v| localize(v, language, languages)).collect()),
        other => other.clone(),
    }
}

fn select_fields(value: Value, fields: Option<&String>) -> Value {
    let (Some(fields), Value::Object(map)) = (fields, &value) else {
        return value;
    };
    let keep: BTreeSet<&str> = fields.split(',').map(str::trim).collect();
    Value::Object(
        map.iter()
            .filter(|(k, _)| keep.contains(k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}

/// The fixtures of this repository, as one instance: the Écrins treks, then the multilingual
/// Geotrek-admin captures (on an id both define, the Écrins object is kept).
pub fn fixture_instance(fixtures: &Path) -> MockData {
    let real = MockData::from_dataset_dir(&fixtures.join("geotrek-real"));
    let mut admin = MockData::from_admin_fixtures(&fixtures.join("geotrek-api-v2"));
    admin.fix_documented_deviations();
    let mut data = real.merge(admin);
    data.version = Some("2.110.0".into());
    data.served = GEOTREK_2_110_ENDPOINTS.iter().map(|e| e.to_string()).collect();
    data.bbox = Some([5.9, 44.5, 6.6, 45.1]);
    data
}
