//! The mock API behaves as Geotrek-admin does where the other tests rely on it.

mod support;

use std::io::{Read, Write};

use serde_json::Value;
use support::mock_api::MockApi;

fn get(api: &MockApi, path: &str) -> (u16, Value) {
    // HTTP/1.0: the body arrives whole, not chunked.
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", api.port)).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = &response[response.find("\r\n\r\n").unwrap() + 4..];
    (status, serde_json::from_str(body).unwrap())
}

#[test]
fn language_collapses_translated_fields_and_lists_only_what_is_published_in_it() {
    let api = MockApi::start(support::fixture_data());
    let (_, all) = get(&api, "/api/v2/trek/?page_size=1000");
    let (_, en) = get(&api, "/api/v2/trek/?page_size=1000&language=en");
    let published_en = all["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["published"]["en"] == Value::Bool(true))
        .count();
    assert_eq!(en["count"].as_u64().unwrap() as usize, published_en);
    let trek = en["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == 2)
        .unwrap();
    assert_eq!(trek["name"], "Loop of the pic of 3 lords");
    assert_eq!(trek["published"], true);
    assert_eq!(trek["web_links"][0]["name"], "Camping");
}

#[test]
fn lists_are_paginated_with_absolute_next_links_and_details_404_in_json() {
    let api = MockApi::start(support::fixture_data());
    let (_, page) = get(&api, "/api/v2/trek/?page_size=20&fields=id");
    assert_eq!(page["count"], 46);
    assert_eq!(page["results"].as_array().unwrap().len(), 20);
    assert_eq!(page["results"][0].as_object().unwrap().len(), 1, "fields=id");
    assert_eq!(
        page["next"],
        format!(
            "http://127.0.0.1:{}/api/v2/trek/?fields=id&page_size=20&page=2",
            api.port
        )
    );
    let (status, _) = get(&api, "/api/v2/trek/?page_size=20&page=4");
    assert_eq!(status, 404);
    let (status, body) = get(&api, "/api/v2/trek/424242/");
    assert_eq!(
        (status, body["detail"].as_str().unwrap()),
        (404, "No Trek matches the given query.")
    );
    let (status, body) = get(&api, "/api/v2/nothing/");
    assert_eq!(
        (status, body),
        (404, serde_json::json!({"page": "does not exist"}))
    );
    let (status, step) = get(&api, "/api/v2/trek/10442/");
    assert_eq!(
        (status, step["id"].as_u64()),
        (200, Some(10442)),
        "detail-only objects are served"
    );
    let (_, menu) = get(&api, "/api/v2/menu_item/");
    assert!(menu.is_array(), "menu items are not paginated");
}
