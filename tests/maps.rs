//! Maps, profiles, thumbnails and downloads of the built site: downloads parsed back and
//! compared with the source geometry (with the crates and with gpsbabel and GDAL's ogrinfo),
//! SVG checked for its points and labels, and the Leaflet maps run in headless Chromium.

mod support;

use std::process::Command;

use scraper::{Html, Selector};
use serde_json::Value;
use support::mock_api::MockApi;
use support::{config, fixture_data, with_theme, Site};

fn built() -> Site {
    built_from(fixture_data(), "")
}

fn built_from(data: support::mock_api::MockData, source: &str) -> Site {
    built_with_theme("default", data, source)
}

fn built_with_theme(theme: &str, data: support::mock_api::MockData, source: &str) -> Site {
    let api = MockApi::start(data);
    let site = Site::new(&with_theme(&config(&api.url(), &["fr", "en"], source), theme));
    site.sentier(&["build"]).assert_success();
    site
}

/// The fixtures with one trek made a MultiLineString and one a Point: both occur in the wild.
fn with_multiline_and_point() -> support::mock_api::MockData {
    let mut data = fixture_data();
    let trek = data.object_mut("trek", 903486).unwrap();
    let coordinates = trek["geometry"]["coordinates"].as_array().unwrap().clone();
    let (first, second) = coordinates.split_at(coordinates.len() / 2);
    trek["geometry"] = serde_json::json!({"type": "MultiLineString", "coordinates": [first, second]});
    let point = data.object_mut("trek", 905611).unwrap();
    let start = point["geometry"]["coordinates"][0].clone();
    point["geometry"] = serde_json::json!({"type": "Point", "coordinates": start});
    data
}

/// Vertices of each line of a snapshot geometry (one "line" for a point).
fn source_lines(trek: &Value) -> Vec<usize> {
    let geometry = &trek["geometry"];
    match geometry["type"].as_str().unwrap() {
        "LineString" => vec![geometry["coordinates"].as_array().unwrap().len()],
        "MultiLineString" => geometry["coordinates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_array().unwrap().len())
            .collect(),
        "Point" => vec![1],
        other => panic!("{other}"),
    }
}

/// Coordinates in every geometry of a KML document.
fn kml_coords(kml: &kml::Kml) -> usize {
    fn geometry(g: &kml::types::Geometry) -> usize {
        match g {
            kml::types::Geometry::Point(_) => 1,
            kml::types::Geometry::LineString(l) => l.coords.len(),
            kml::types::Geometry::MultiGeometry(m) => m.geometries.iter().map(geometry).sum(),
            _ => 0,
        }
    }
    match kml {
        kml::Kml::KmlDocument(d) => d.elements.iter().map(kml_coords).sum(),
        kml::Kml::Document { elements, .. } => elements.iter().map(kml_coords).sum(),
        kml::Kml::Placemark(p) => p.geometry.as_ref().map_or(0, geometry),
        _ => 0,
    }
}

fn require(tool: &str, package: &str) {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "{tool} is missing: install Debian's `{package}` package (apt-get install {package}); .ci/run does"
    );
}

#[test]
fn every_trek_has_gpx_kml_and_geojson_with_all_its_points() {
    require("gpsbabel", "gpsbabel");
    require("ogrinfo", "gdal-bin");
    let data = with_multiline_and_point();
    let site = built_from(data.clone(), "");
    let mut checked = 0;
    for trek in data.lists["trek"].iter().filter(|t| t["published"]["fr"] == true) {
        let id = trek["id"].as_u64().unwrap();
        let Some(dir) = std::fs::read_dir(site.path().join("public/trek"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&format!("{id}-"))
            })
        else {
            panic!("no page for trek {id}")
        };
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let slug = name.split_once('-').unwrap().1.to_string();
        let lines = source_lines(trek);
        let total: usize = lines.iter().sum();

        let gpx_path = dir.join(format!("{slug}.gpx"));
        let gpx = gpx::read(std::fs::File::open(&gpx_path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", gpx_path.display()));
        let is_point = trek["geometry"]["type"] == "Point";
        let first = if is_point {
            &trek["geometry"]["coordinates"]
        } else if trek["geometry"]["type"] == "MultiLineString" {
            &trek["geometry"]["coordinates"][0][0]
        } else {
            &trek["geometry"]["coordinates"][0]
        };
        let written = if is_point {
            assert_eq!(gpx.waypoints.len(), 1, "trek {id}: a point is a waypoint");
            gpx.waypoints[0].clone()
        } else {
            let track = &gpx.tracks[0];
            assert_eq!(
                track.segments.iter().map(|s| s.points.len()).collect::<Vec<_>>(),
                lines,
                "trek {id}: one segment per line"
            );
            assert!(track.name.as_deref().is_some_and(|n| !n.is_empty()));
            assert!(
                !track.description.as_deref().unwrap_or("").contains('<'),
                "trek {id}: description is plain text"
            );
            track.segments[0].points[0].clone()
        };
        let point = written.point();
        assert!(
            (point.x() - first[0].as_f64().unwrap()).abs() < 1e-9
                && (point.y() - first[1].as_f64().unwrap()).abs() < 1e-9
        );
        if first.as_array().unwrap().len() == 3 {
            assert_eq!(written.elevation, first[2].as_f64(), "trek {id}: elevation kept");
        }

        let kml_path = dir.join(format!("{slug}.kml"));
        let kml: kml::Kml = std::fs::read_to_string(&kml_path)
            .unwrap()
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e:?}", kml_path.display()));
        assert_eq!(kml_coords(&kml), total, "trek {id}: KML coordinates");

        let geojson_path = dir.join(format!("{slug}.geojson"));
        let collection: geojson::FeatureCollection =
            serde_json::from_str(&std::fs::read_to_string(&geojson_path).unwrap()).unwrap();
        let value = &collection.features[0].geometry.as_ref().unwrap().value;
        let count = match value {
            geojson::GeometryValue::LineString { coordinates } => coordinates.len(),
            geojson::GeometryValue::MultiLineString { coordinates } => coordinates.iter().map(Vec::len).sum(),
            geojson::GeometryValue::Point { .. } => 1,
            other => panic!("{other:?}"),
        };
        assert_eq!(count, total, "trek {id}: GeoJSON positions");

        // The clients people use read them too.
        let babel = Command::new("gpsbabel")
            .args([if is_point { "-w" } else { "-t" }, "-i", "gpx", "-f"])
            .arg(&gpx_path)
            .args(["-o", "unicsv", "-F", "-"])
            .output()
            .unwrap();
        assert!(
            babel.status.success(),
            "gpsbabel on {}: {}",
            gpx_path.display(),
            String::from_utf8_lossy(&babel.stderr)
        );
        let rows = String::from_utf8_lossy(&babel.stdout)
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .count();
        assert_eq!(rows, total, "gpsbabel reads every point of trek {id}");
        let gpx_layer = if is_point { "waypoints" } else { "tracks" };
        for (file, layer) in [
            (&geojson_path, None),
            (&kml_path, None),
            (&gpx_path, Some(gpx_layer)),
        ] {
            let mut command = Command::new("ogrinfo");
            command.args(["-ro", "-al", "-so"]).arg(file);
            if let Some(layer) = layer {
                command.arg(layer);
            }
            let info = command.output().unwrap();
            assert!(
                info.status.success(),
                "ogrinfo on {}: {}",
                file.display(),
                String::from_utf8_lossy(&info.stderr)
            );
            assert!(
                String::from_utf8_lossy(&info.stdout).contains("Feature Count: 1"),
                "{}",
                String::from_utf8_lossy(&info.stdout)
            );
        }
        checked += 1;
    }
    let expected = data.lists["trek"]
        .iter()
        .filter(|t| t["published"]["fr"] == true)
        .count();
    assert_eq!(checked, expected, "every trek published in French");
}

#[test]
fn pages_link_their_downloads_and_draw_profile_and_thumbnail_in_svg_in_every_theme() {
    for theme in support::themes() {
        eprintln!("theme {theme}");
        let site = built_with_theme(&theme, fixture_data(), "");
        let html =
            Html::parse_document(&site.read("public/trek/2-boucle-du-pic-des-trois-seigneurs/index.html"));
        let links: Vec<&str> = html
            .select(&Selector::parse(".downloads a").unwrap())
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(
            links,
            [
                "/trek/2-boucle-du-pic-des-trois-seigneurs/boucle-du-pic-des-trois-seigneurs.gpx",
                "/trek/2-boucle-du-pic-des-trois-seigneurs/boucle-du-pic-des-trois-seigneurs.kml",
                "/trek/2-boucle-du-pic-des-trois-seigneurs/boucle-du-pic-des-trois-seigneurs.geojson"
            ]
        );
        for link in &links {
            assert!(site.exists(&format!("public{link}")), "{link}");
        }
        // Trek 2 is 3D: its profile has one vertex per position, a title and a description.
        let svg = html
            .select(&Selector::parse("svg.profile-chart").unwrap())
            .next()
            .expect("a profile");
        let title = svg
            .select(&Selector::parse("title").unwrap())
            .next()
            .unwrap()
            .text()
            .collect::<String>();
        assert_eq!(title, "Profil altimétrique: Boucle du Pic des Trois Seigneurs");
        let desc = svg
            .select(&Selector::parse("desc").unwrap())
            .next()
            .unwrap()
            .text()
            .collect::<String>();
        assert!(
            desc.contains("1\u{202f}516") && desc.contains("+666") && desc.contains("−777"),
            "{desc}"
        );
        let points = svg
            .select(&Selector::parse("polyline").unwrap())
            .next()
            .unwrap()
            .value()
            .attr("points")
            .unwrap();
        assert_eq!(points.split(' ').count(), 2, "{points}");
        // The Écrins treks are 2D: no profile, but a thumbnail on their cards.
        let ecrins = Html::parse_document(&site.read("public/trek/903512-le-lac-de-combeynot/index.html"));
        assert!(ecrins
            .select(&Selector::parse("svg.profile-chart").unwrap())
            .next()
            .is_none());
        let list = Html::parse_document(&site.read("public/trek/index.html"));
        let paths: Vec<&str> = list
            .select(&Selector::parse(".card-route path").unwrap())
            .filter_map(|p| p.value().attr("d"))
            .collect();
        assert_eq!(paths.len(), 24, "one thumbnail per card");
        // A move, then lines relative to it.
        assert!(paths
            .iter()
            .all(|d| d.starts_with('M') && d.matches('l').count() >= 1 && !d.contains('L')));
    }
}

#[test]
fn the_global_map_files_hold_every_trek_within_their_budget() {
    let site = built();
    let markers: Vec<Value> = serde_json::from_str(&site.read("public/map/treks.json")).unwrap();
    assert_eq!(markers.len(), 46);
    assert!(markers
        .iter()
        .all(|m| m["url"].as_str().unwrap().starts_with("/trek/") && m["at"].as_array().unwrap().len() == 2));
    let lines: serde_json::Map<String, Value> =
        serde_json::from_str(&site.read("public/map/lines.json")).unwrap();
    assert_eq!(lines.len(), 46);
    let size = std::fs::metadata(site.path().join("public/map/lines.json"))
        .unwrap()
        .len();
    assert!(size < 200_000, "lines.json is {size} bytes for 46 treks");
    let en: Vec<Value> = serde_json::from_str(&site.read("public/en/map/treks.json")).unwrap();
    assert_eq!(en.len(), 3);
}

#[test]
fn maps_draw_in_headless_chromium_without_javascript_errors_in_every_theme() {
    for theme in support::themes() {
        eprintln!("theme {theme}");
        let site = built_with_theme(&theme, fixture_data(), "[pages]\npoi_distance_m = 5000");
        let pages = [
            "/trek/2-boucle-du-pic-des-trois-seigneurs/",
            "/map/",
            "/outdoor-site/1-racine/",
        ];
        let args: Vec<&std::ffi::OsStr> = pages.iter().map(std::ffi::OsStr::new).collect();
        let result = support::browser_script("check-maps.mjs", &site.path().join("public"), &args);
        let trek = &result["trek"];
        assert_eq!(trek["errors"], serde_json::json!([]), "{result}");
        assert_eq!(trek["routes"], 1);
        assert_eq!(
            trek["routePoints"],
            serde_json::json!([2]),
            "the route's two vertices"
        );
        assert_eq!(trek["departure"], 1);
        assert_eq!(trek["references"], 6, "trek 2's six reference points");
        assert_eq!(
            trek["pois"], 2,
            "the two points of interest within 5 km, numbered"
        );
        assert_eq!(trek["fullscreen"], 2, "reset and full screen buttons");
        assert!(
            trek["controls"].as_u64().unwrap() >= 3,
            "zoom, reset and full screen"
        );
        let overview = &result["overview"];
        assert_eq!(overview["errors"], serde_json::json!([]), "{result}");
        assert_eq!(overview["markersLoaded"], 46);
        assert!(overview["clusters"].as_u64().unwrap() >= 1, "{result}");
        assert_eq!(
            overview["linesBefore"],
            Value::Null,
            "lines load only when zoomed in"
        );
        assert_eq!(overview["linesLoaded"], 46);
        assert_eq!(overview["canvas"], 1, "lines drawn on one canvas");
        let place = &result["place"];
        assert_eq!(place["errors"], serde_json::json!([]), "{result}");
        assert!(
            place["areas"].as_u64().unwrap() >= 1,
            "an outdoor site's area is drawn: {result}"
        );
    }
}
