//! GPS downloads of a trek at full resolution: GPX 1.1 (the `gpx` crate), KML 2.2 (the `kml`
//! crate) and GeoJSON (the `geojson` crate). A LineString is one track segment, a
//! MultiLineString one segment per line, a Point a waypoint.

use geo::Point;

use crate::model::geometry::{Coord, Geometry};

/// What a download says about its trek besides the geometry.
pub struct Described<'a> {
    pub name: &'a str,
    /// Plain text: GPS devices and apps show markup as is.
    pub description: &'a str,
    /// Absolute URL of the trek's page.
    pub url: &'a str,
}

#[derive(Debug, thiserror::Error)]
#[error("cannot write the {format} file: {message}")]
pub struct DownloadError {
    format: &'static str,
    message: String,
}

fn waypoint(c: &Coord) -> gpx::Waypoint {
    let mut point = gpx::Waypoint::new(Point::new(c.lon(), c.lat()));
    point.elevation = c.z();
    point
}

fn points(geometry: &Geometry) -> Vec<&Coord> {
    match geometry {
        Geometry::Point(c) => vec![c],
        Geometry::MultiPoint(cs) => cs.iter().collect(),
        _ => Vec::new(),
    }
}

pub fn gpx(trek: &Described, geometry: &Geometry) -> Result<Vec<u8>, DownloadError> {
    let link = gpx::Link {
        href: trek.url.to_string(),
        text: Some(trek.name.to_string()),
        ..Default::default()
    };
    let mut file = gpx::Gpx {
        version: gpx::GpxVersion::Gpx11,
        creator: Some(concat!("sentier ", env!("CARGO_PKG_VERSION")).to_string()),
        metadata: Some(gpx::Metadata {
            name: Some(trek.name.to_string()),
            description: Some(trek.description.to_string()).filter(|d| !d.is_empty()),
            links: vec![link.clone()],
            ..Default::default()
        }),
        ..Default::default()
    };
    let lines = geometry.lines();
    if lines.is_empty() {
        file.waypoints = points(geometry)
            .into_iter()
            .map(|c| {
                let mut w = waypoint(c);
                w.name = Some(trek.name.to_string());
                w
            })
            .collect();
    } else {
        let mut track = gpx::Track::new();
        track.name = Some(trek.name.to_string());
        track.description = Some(trek.description.to_string()).filter(|d| !d.is_empty());
        track.links = vec![link];
        track.segments = lines
            .into_iter()
            .map(|line| gpx::TrackSegment {
                points: line.iter().map(waypoint).collect(),
            })
            .collect();
        file.tracks = vec![track];
    }
    let mut bytes = Vec::new();
    // Not indented: `gpx::write` indents, and its files were a third whitespace (a gigabyte
    // at 5,000 treks in three languages).
    let mut writer = xml::EmitterConfig::new()
        .perform_indent(false)
        .create_writer(&mut bytes);
    gpx::write_with_event_writer(&file, &mut writer).map_err(|e| DownloadError {
        format: "GPX",
        message: e.to_string(),
    })?;
    Ok(bytes)
}

fn kml_coord(c: &Coord) -> kml::types::Coord {
    kml::types::Coord::new(c.lon(), c.lat(), c.z())
}

fn kml_line(line: &[Coord]) -> kml::types::Geometry {
    kml::types::Geometry::LineString(kml::types::LineString {
        coords: line.iter().map(kml_coord).collect(),
        tessellate: true,
        altitude_mode: kml::types::AltitudeMode::ClampToGround,
        ..Default::default()
    })
}

pub fn kml(trek: &Described, geometry: &Geometry) -> Result<Vec<u8>, DownloadError> {
    let lines = geometry.lines();
    let shape = match (lines.len(), points(geometry).as_slice()) {
        (1, _) => kml_line(lines[0]),
        (0, [point]) => kml::types::Geometry::Point(kml::types::Point {
            coord: kml_coord(point),
            ..Default::default()
        }),
        (0, many) => kml::types::Geometry::MultiGeometry(kml::types::MultiGeometry::new(
            many.iter()
                .map(|c| {
                    kml::types::Geometry::Point(kml::types::Point {
                        coord: kml_coord(c),
                        ..Default::default()
                    })
                })
                .collect(),
        )),
        _ => kml::types::Geometry::MultiGeometry(kml::types::MultiGeometry::new(
            lines.into_iter().map(kml_line).collect(),
        )),
    };
    let placemark = kml::types::Placemark {
        name: Some(trek.name.to_string()),
        description: Some(format!("{}\n{}", trek.description, trek.url).trim().to_string()),
        geometry: Some(shape),
        ..Default::default()
    };
    let document = kml::Kml::KmlDocument(kml::types::KmlDocument {
        version: kml::types::KmlVersion::V22,
        attrs: [("xmlns".to_string(), "http://www.opengis.net/kml/2.2".to_string())].into(),
        elements: vec![kml::Kml::Document {
            attrs: Default::default(),
            elements: vec![kml::Kml::Placemark(placemark)],
        }],
    });
    let mut bytes = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".to_vec();
    kml::KmlWriter::from_writer(&mut bytes)
        .write(&document)
        .map_err(|e| DownloadError {
            format: "KML",
            message: e.to_string(),
        })?;
    Ok(bytes)
}

fn position(c: &Coord) -> geojson::Position {
    match c.z() {
        Some(z) => vec![c.lon(), c.lat(), z].into(),
        None => [c.lon(), c.lat()].into(),
    }
}

fn geojson_value(geometry: &Geometry) -> geojson::GeometryValue {
    use geojson::GeometryValue as G;
    let line = |cs: &[Coord]| cs.iter().map(position).collect::<Vec<_>>();
    let rings = |rs: &[Vec<Coord>]| rs.iter().map(|r| line(r)).collect::<Vec<_>>();
    match geometry {
        Geometry::Point(c) => G::Point {
            coordinates: position(c),
        },
        Geometry::MultiPoint(cs) => G::MultiPoint {
            coordinates: line(cs),
        },
        Geometry::LineString(cs) => G::LineString {
            coordinates: line(cs),
        },
        Geometry::MultiLineString(ls) => G::MultiLineString {
            coordinates: rings(ls),
        },
        Geometry::Polygon(rs) => G::Polygon {
            coordinates: rings(rs),
        },
        Geometry::MultiPolygon(ps) => G::MultiPolygon {
            coordinates: ps.iter().map(|p| rings(p)).collect(),
        },
        Geometry::Collection(gs) => G::GeometryCollection {
            geometries: gs
                .iter()
                .map(|g| geojson::Geometry::new(geojson_value(g)))
                .collect(),
        },
    }
}

pub fn geojson(
    trek: &Described,
    geometry: &Geometry,
    properties: serde_json::Map<String, serde_json::Value>,
) -> Vec<u8> {
    let mut properties = properties;
    properties.insert("name".into(), trek.name.into());
    properties.insert("description".into(), trek.description.into());
    properties.insert("url".into(), trek.url.into());
    let feature = geojson::Feature {
        geometry: Some(geojson::Geometry::new(geojson_value(geometry))),
        properties: Some(properties),
        ..Default::default()
    };
    let collection = geojson::FeatureCollection {
        features: vec![feature],
        bbox: None,
        foreign_members: None,
    };
    serde_json::to_vec(&collection).expect("GeoJSON serializes")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(lon: f64, lat: f64, z: Option<f64>) -> Coord {
        Coord::new(lon, lat, z)
    }

    const TREK: Described = Described {
        name: "Boucle & lac",
        description: "Un <joli> tour",
        url: "https://x.org/trek/1-boucle/",
    };

    #[test]
    fn gpx_reads_back_with_the_same_points_and_elevations() {
        let line = Geometry::MultiLineString(vec![
            vec![c(6.1, 44.8, Some(1000.0)), c(6.2, 44.9, Some(1100.0))],
            vec![
                c(6.3, 45.0, Some(1200.0)),
                c(6.4, 45.1, None),
                c(6.5, 45.2, Some(900.0)),
            ],
        ]);
        let bytes = gpx(&TREK, &line).unwrap();
        let parsed = gpx::read(bytes.as_slice()).unwrap();
        assert_eq!(parsed.version, gpx::GpxVersion::Gpx11);
        let track = &parsed.tracks[0];
        assert_eq!(track.name.as_deref(), Some("Boucle & lac"));
        assert_eq!(track.description.as_deref(), Some("Un <joli> tour"));
        assert_eq!(track.segments.len(), 2);
        assert_eq!(track.segments[1].points.len(), 3);
        assert_eq!(track.segments[0].points[1].elevation, Some(1100.0));
        assert_eq!(track.segments[1].points[1].elevation, None);
        let point = gpx::read(
            gpx(&TREK, &Geometry::Point(c(6.1, 44.8, None)))
                .unwrap()
                .as_slice(),
        )
        .unwrap();
        assert_eq!(point.waypoints.len(), 1);
    }

    #[test]
    fn kml_reads_back_with_the_same_points() {
        let line = Geometry::LineString(vec![
            c(6.1, 44.8, Some(1000.0)),
            c(6.2, 44.9, Some(1100.0)),
            c(6.3, 45.0, Some(1050.0)),
        ]);
        let text = String::from_utf8(kml(&TREK, &line).unwrap()).unwrap();
        let parsed: kml::Kml = text.parse().unwrap();
        let text_again = parsed.to_string();
        assert!(text_again.contains("6.3,45,1050"), "{text_again}");
        assert!(text.contains("<name>Boucle &amp; lac</name>"), "{text}");
    }

    #[test]
    fn kml_and_geojson_keep_every_part_of_multilines_and_points() {
        let multi = Geometry::MultiLineString(vec![
            vec![c(1.0, 2.0, None), c(3.0, 4.0, None)],
            vec![c(5.0, 6.0, None), c(7.0, 8.0, None), c(9.0, 10.0, None)],
        ]);
        let point = Geometry::Point(c(6.1, 44.8, Some(1200.0)));
        let text = String::from_utf8(kml(&TREK, &multi).unwrap()).unwrap();
        assert_eq!(text.matches("<LineString>").count(), 2, "{text}");
        assert!(text.contains("<MultiGeometry>"));
        let text = String::from_utf8(kml(&TREK, &point).unwrap()).unwrap();
        assert!(
            text.contains("<Point>") && text.contains("6.1,44.8,1200"),
            "{text}"
        );
        let parsed: geojson::FeatureCollection =
            serde_json::from_slice(&geojson(&TREK, &multi, Default::default())).unwrap();
        let geojson::GeometryValue::MultiLineString { coordinates } =
            &parsed.features[0].geometry.as_ref().unwrap().value
        else {
            panic!()
        };
        assert_eq!(coordinates.iter().map(Vec::len).collect::<Vec<_>>(), [2, 3]);
        let parsed: geojson::FeatureCollection =
            serde_json::from_slice(&geojson(&TREK, &point, Default::default())).unwrap();
        assert!(matches!(
            parsed.features[0].geometry.as_ref().unwrap().value,
            geojson::GeometryValue::Point { .. }
        ));
    }

    #[test]
    fn geojson_keeps_every_position() {
        let line = Geometry::LineString(vec![c(6.1, 44.8, Some(1000.0)), c(6.2, 44.9, None)]);
        let bytes = geojson(&TREK, &line, Default::default());
        let parsed: geojson::FeatureCollection = serde_json::from_slice(&bytes).unwrap();
        let geojson::GeometryValue::LineString { coordinates } =
            &parsed.features[0].geometry.as_ref().unwrap().value
        else {
            panic!()
        };
        assert_eq!(coordinates.len(), 2);
        assert_eq!(coordinates[0].as_slice(), [6.1, 44.8, 1000.0]);
    }
}
