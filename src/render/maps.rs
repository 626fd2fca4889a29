//! Map data for the pages, from the views: a trek's route, markers and areas inlined in its
//! page, a marker for the other objects, and the global map's files per language.

use std::collections::HashMap;

use serde_json::json;

use crate::assets::map::{self, Area, LatLng, Marker, PageLines, Step, TrekMap, TrekMarker};
use crate::config::Config;
use crate::fingerprint::Fingerprint;
use crate::select::{LanguageSite, TrekView};

/// Departure and arrival closer than this are one place (a loop): no arrival marker.
const SAME_PLACE_M: f64 = 30.0;

pub fn labels(strings: &std::collections::BTreeMap<String, String>) -> serde_json::Value {
    let get = |key: &str| strings.get(key).cloned().unwrap_or_default();
    json!({
        "reset": get("map_reset"),
        "fullscreen": get("map_fullscreen"),
        "departure": get("departure"),
        "arrival": get("arrival"),
        "parking": get("advised_parking"),
        "here": get("map_here"),
    })
}

/// A trek page's map, for [`map::inline_json`].
pub fn trek<'a>(
    config: &'a Config,
    site: &'a LanguageSite,
    by_id: &HashMap<u64, usize>,
    trek: &'a TrekView,
    labels: &'a serde_json::Value,
) -> TrekMap<'a> {
    let tolerance = config.maps.trek_tolerance;
    let geometry = trek.geometry.as_deref();
    let ends = trek.map_lines.page_ends();
    let departure = ends.map(|(first, _)| first);
    let arrival = ends.map(|(_, last)| last).filter(|a| {
        departure.is_none_or(|d| {
            let to = |p: LatLng| crate::model::geometry::Coord::new(p[1], p[0], None);
            crate::model::geometry::haversine_m(to(d), to(*a)) > SAME_PLACE_M
        })
    });
    let point = if trek.map_lines.page_is_empty() {
        geometry.and_then(|g| g.start()).map(map::latlng)
    } else {
        None
    };
    TrekMap {
        point,
        departure,
        arrival,
        parking: trek.parking_location.map(map::from_lonlat),
        pois: trek
            .pois
            .iter()
            .filter_map(|poi| {
                Some(Marker {
                    name: poi.name.text.clone(),
                    at: map::from_lonlat(poi.location?),
                    number: Some(poi.number),
                    url: None,
                })
            })
            .collect(),
        references: trek
            .points_reference
            .iter()
            .copied()
            .map(map::from_lonlat)
            .collect(),
        desks: trek
            .information_desks
            .iter()
            .filter_map(|d| {
                Some(Marker {
                    name: d.name.text.clone(),
                    at: map::from_lonlat(d.location?),
                    number: None,
                    url: None,
                })
            })
            .collect(),
        areas: trek
            .sensitive_areas
            .iter()
            .filter_map(|a| {
                Some(Area {
                    name: a.name.text.clone(),
                    rings: map::rings(a.geometry.as_deref()?, tolerance),
                })
            })
            .collect(),
        steps: trek
            .steps
            .iter()
            .filter_map(|step| {
                let view = &site.treks[*by_id.get(&step.id)?];
                Some(Step {
                    name: step.name.text.clone(),
                    url: step.url.clone(),
                    lines: PageLines(&view.map_lines),
                })
            })
            .collect(),
        lines: PageLines(&trek.map_lines),
        tiles: &config.maps.tiles,
        labels,
    }
}

/// The map of a touristic content, event, outdoor site or course: its lines and areas, or a
/// marker where it has neither.
pub fn place(
    config: &Config,
    name: &str,
    at: Option<[f64; 2]>,
    shape: &map::Shape,
    labels: &serde_json::Value,
) -> Option<String> {
    if shape.lines.is_empty() && shape.areas.is_empty() {
        let at = map::from_lonlat(at?);
        return Some(map::inline_json(
            &json!({ "point": at, "tiles": config.maps.tiles, "labels": labels }),
        ));
    }
    let areas: Vec<Area> = shape
        .areas
        .iter()
        .map(|rings| Area {
            name: name.to_string(),
            rings: rings.clone(),
        })
        .collect();
    Some(map::inline_json(
        &json!({ "lines": shape.lines, "areas": areas, "tiles": config.maps.tiles, "labels": labels }),
    ))
}

/// The global map page's data: where its files are and how to draw them.
pub fn overview(config: &Config, site: &LanguageSite, labels: &serde_json::Value) -> String {
    map::inline_json(&json!({
        "kind": "overview",
        "markers": format!("{}map/treks.json", site.root),
        "lines": format!("{}map/lines.json", site.root),
        "lines_min_zoom": config.maps.lines_min_zoom,
        "tiles": config.maps.tiles,
        "labels": labels,
    }))
}

/// UI strings `search.js` uses besides the `search_`, `filter_` and `list_` ones.
pub const SEARCH_STRINGS: &[&str] = &[
    "results",
    "result_one",
    "duration",
    "length",
    "ascent",
    "difficulty",
    "previous_page",
    "next_page",
    "page_n",
];

/// The search page's data: where the index and the map files are, how to draw the map.
pub fn search(
    config: &Config,
    site: &LanguageSite,
    labels: &serde_json::Value,
    strings: &std::collections::BTreeMap<String, String>,
) -> String {
    let strings: std::collections::BTreeMap<&str, &str> = strings
        .iter()
        .filter(|(key, _)| {
            key.starts_with("search_")
                || key.starts_with("filter_")
                || key.starts_with("list_")
                || SEARCH_STRINGS.contains(&key.as_str())
        })
        .map(|(key, value)| (key.as_str(), value.as_str()))
        .collect();
    map::inline_json(&json!({
        "strings": strings,
        "kind": "search",
        "index": format!("{}search/", site.root),
        "lines": (!site.treks.is_empty()).then(|| format!("{}map/lines.json", site.root)),
        "lines_min_zoom": config.maps.lines_min_zoom,
        "tiles": config.maps.tiles,
        "labels": labels,
    }))
}

/// The global map of one language: each trek's marker and its lines at the map's tolerance.
pub struct GlobalMap<'a> {
    root: &'a str,
    markers: Vec<TrekMarker<'a>>,
    lines: Vec<(u64, &'a [Vec<map::E5>])>,
}

pub fn global_map(site: &LanguageSite) -> GlobalMap<'_> {
    let markers = site
        .treks
        .iter()
        .filter_map(|t| {
            Some(TrekMarker {
                id: t.card.id,
                name: &t.card.name.text,
                url: &t.card.url,
                picture: t.card.picture.get().map(|p| p.thumbnail.as_str()),
                at: map::latlng(t.geometry.as_deref()?.start()?),
            })
        })
        .collect();
    let lines = site
        .treks
        .iter()
        .map(|t| (t.card.id, t.map_lines.overview_points()))
        .filter(|(_, lines)| !lines.is_empty())
        .collect();
    GlobalMap {
        root: site.root.trim_start_matches('/'),
        markers,
        lines,
    }
}

impl GlobalMap<'_> {
    /// Where its files go, beside the map page.
    pub fn dir(&self) -> String {
        format!("{}map/", self.root)
    }

    /// Everything its files are written from: a rebuild keeps them when this is unchanged,
    /// as writing every trek's lines again for each language was a thirtieth of a one-trek
    /// rebuild.
    pub fn fingerprint(&self, fingerprint: &mut Fingerprint) {
        let lines: Vec<(u64, map::PackedLines)> = self
            .lines
            .iter()
            .map(|(id, lines)| (*id, map::PackedLines(lines)))
            .collect();
        fingerprint.value(&self.markers).value(&lines);
    }

    /// `(path, contents)` of its files.
    pub fn files(&self) -> Vec<(String, String)> {
        let lines: Vec<(u64, Vec<Vec<LatLng>>)> = self
            .lines
            .iter()
            .map(|(id, lines)| (*id, map::from_e5(lines)))
            .collect();
        let dir = self.dir();
        vec![
            (format!("{dir}treks.json"), map::markers_json(&self.markers)),
            (format!("{dir}lines.json"), map::lines_json(&lines)),
        ]
    }
}
