//! A hostile instance: every text and HTML field tries to inject script (tags, handlers,
//! `javascript:` and `data:` URLs, iframes, entity-encoded markup, headings), names are made of
//! `../` and unicode, translations are missing, an itinerary's child is missing.

use serde_json::json;

use super::mock_api::MockData;

/// Text that tries every way into a page.
pub const PAYLOAD: &str = r#"<h1>Titre</h1>&lt;script&gt;alert(0)&lt;/script&gt;<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a><iframe src="https://evil.example/"></iframe><p style="position:fixed" onclick="alert(4)">texte</p><svg onload="alert(5)"></svg><a href=" JaVaScRiPt:alert(6)">y</a><img src="data:text/html,<script>alert(7)</script>">"#;

pub fn instance() -> MockData {
    let t = |text: &str| json!({"fr": text, "en": text});
    let payload = |prefix: &str| t(&format!("{prefix} {PAYLOAD}"));
    let mut data = MockData::default();
    let line = json!({"type": "LineString", "coordinates": [[6.10, 44.80, 1000.0], [6.11, 44.81, 1100.0], [6.12, 44.82, 1050.0]]});
    let mut trek = json!({
        "id": 1, "published": {"fr": true, "en": true},
        "name": {"fr": "../../etc/passwd <script>alert(0)</script> &lt;!--&lt;script&gt; Lauzon < 2000 m", "en": null},
        "geometry": line, "children": [2, 404], "practice": 1, "themes": [1], "labels": [1], "source": [1],
        "information_desks": [1], "length_2d": 3000.0, "duration": 2.0, "ascent": 100, "descent": -100,
        "attachments": [{"type": "image", "url": "javascript:alert(8)", "thumbnail": "", "legend": "<script>x</script>", "author": "\"><script>alert(9)</script>", "title": ""},
                        {"type": "image", "url": "/media/ok.jpg", "thumbnail": "", "legend": "Vue <b onmouseover=alert(10)>", "author": "A", "title": ""}],
        "web_links": [{"name": t("lien"), "url": "javascript:alert(11)", "category": {"label": payload("cat"), "pictogram": "javascript:alert(12)"}},
                      {"name": payload("ok"), "url": "https://example.org/", "category": null}],
        "departure": payload("départ"), "arrival": payload("arrivée"), "advised_parking": payload("parking"),
    });
    for field in [
        "description_teaser",
        "description",
        "ambiance",
        "access",
        "advice",
        "gear",
        "public_transport",
        "accessibility_advice",
        "accessibility_slope",
        "disabled_infrastructure",
        "ratings_description",
    ] {
        trek[field] = payload(field);
    }
    let step = json!({"id": 2, "published": {"fr": false, "en": false}, "name": {"fr": "Ωμέγα ☃ 🥾 étape", "en": ""}, "geometry": line, "parents": [1], "previous": {}, "next": {}});
    data.lists.insert("trek".into(), vec![trek]);
    data.details.insert("trek".into(), vec![step]);
    data.lists.insert(
        "trek_practice".into(),
        vec![json!({"id": 1, "name": payload("pratique"), "pictogram": "javascript:alert(13)"})],
    );
    data.lists.insert("theme".into(), vec![json!({"id": 1, "label": payload("thème"), "pictogram": "data:image/svg+xml,<svg onload=alert(14)>"})]);
    data.lists.insert(
        "label".into(),
        vec![json!({"id": 1, "name": payload("label"), "advice": payload("conseil"), "pictogram": null})],
    );
    data.lists.insert("source".into(), vec![json!({"id": 1, "name": "<script>alert(15)</script>", "website": "javascript:alert(16)", "pictogram": null})]);
    data.lists.insert("informationdesk".into(), vec![json!({"id": 1, "name": payload("desk"), "description": payload("desc"), "email": "\"><script>alert(17)</script>", "phone": "<img src=x onerror=alert(18)>", "website": "javascript:alert(19)", "street": "<script>", "photo_url": "javascript:x"})]);
    data.lists.insert("poi".into(), vec![json!({"id": 5, "name": payload("poi"), "description": payload("poi"), "published": {"fr": true, "en": true}, "geometry": {"type": "Point", "coordinates": [6.11, 44.81, 1100.0]}, "type": 1, "type_label": payload("type"), "type_pictogram": "javascript:alert(20)"})]);
    data.lists.insert("sensitivearea".into(), vec![json!({"id": 7, "name": payload("zone"), "description": payload("zone"), "published": true, "period": [true, false, false, false, false, false, false, false, false, false, false, true], "practices": [], "contact": PAYLOAD, "info_url": "javascript:alert(21)", "rules": [{"name": payload("règle"), "description": payload("règle"), "pictogram": "javascript:x", "url": "javascript:x"}], "geometry": {"type": "Polygon", "coordinates": [[[6.0, 44.7], [6.2, 44.7], [6.2, 44.9], [6.0, 44.9], [6.0, 44.7]]]}})]);
    data.lists.insert("touristiccontent".into(), vec![json!({"id": 8, "name": payload("contenu"), "description": payload("c"), "description_teaser": payload("c"), "practical_info": payload("c"), "contact": PAYLOAD, "email": "a@b.c", "website": "javascript:alert(22)", "published": {"fr": true, "en": true}, "geometry": {"type": "Point", "coordinates": [6.11, 44.81]}, "category": 1, "types": {}})]);
    data.lists.insert("touristicevent".into(), vec![json!({"id": 9, "name": payload("événement"), "description": payload("e"), "booking": PAYLOAD, "contact": PAYLOAD, "meeting_point": PAYLOAD, "organizers": PAYLOAD, "published": true, "begin_date": "2026-12-01", "end_date": "2026-12-02", "start_time": "<script>", "geometry": {"type": "Point", "coordinates": [6.11, 44.81]}})]);
    data.lists.insert("flatpage".into(), vec![json!({"id": 3, "title": payload("page"), "content": payload("contenu"), "published": {"fr": true, "en": true}, "children": [], "parent": null})]);
    data.lists.insert("menu_item".into(), vec![json!({"id": 4, "title": payload("menu"), "target_type": "link", "link_url": t("javascript:alert(23)"), "published": {"fr": true, "en": true}, "children": [{"id": 5, "title": t("ok"), "target_type": "page", "page": 3, "published": {"fr": true}, "children": []}]})]);
    data.lists.insert("outdoor_site".into(), vec![json!({"id": 6, "name": payload("site"), "description": payload("s"), "advice": payload("s"), "period": payload("p"), "published": true, "geometry": {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [6.1, 44.8]}]}, "orientation": ["<script>"], "web_links": [{"name": t("w"), "url": "javascript:x"}]})]);
    data.served = super::mock_api::GEOTREK_2_110_ENDPOINTS
        .iter()
        .map(|e| e.to_string())
        .collect();
    data.version = Some("2.116.0".into());
    data
}
