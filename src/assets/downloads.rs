//! GPS downloads of a trek at full resolution: GPX 1.1 and KML 2.2 (written with `quick-xml` as
//! the `gpx` and `kml` crates write them) and GeoJSON (the `geojson` crate). A LineString is one track segment, a
//! MultiLineString one segment per line, a Point a waypoint.

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

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

/// The part of a download written from the geometry alone, the same bytes in every language:
/// written for a trek's first language and copied into the others. Formatting the coordinates
/// is most of the cost of a download, and a trek has one in each language it is shown in.
pub struct Part {
    kept: Option<(&'static str, Vec<u8>)>,
    /// False for a trek shown in one language: nothing would copy the part.
    keep: bool,
}

impl Default for Part {
    fn default() -> Self {
        Part::new(true)
    }
}

impl Part {
    pub fn new(keep: bool) -> Part {
        Part { kept: None, keep }
    }

    /// Appends the `format` file's part to `out`, written by `write` unless it is kept.
    fn write_into(
        &mut self,
        out: &mut Vec<u8>,
        format: &'static str,
        write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        match &self.kept {
            Some((kept, bytes)) if *kept == format => out.extend_from_slice(bytes),
            _ => {
                let start = out.len();
                write(out)?;
                if self.keep {
                    self.kept = Some((format, out[start..].to_vec()));
                }
            }
        }
        Ok(())
    }
}

fn points(geometry: &Geometry) -> Vec<&Coord> {
    match geometry {
        Geometry::Point(c) => vec![c],
        Geometry::MultiPoint(cs) => cs.iter().collect(),
        _ => Vec::new(),
    }
}

type Xml<'a> = quick_xml::Writer<&'a mut Vec<u8>>;

fn start(xml: &mut Xml, name: &str) -> std::io::Result<()> {
    xml.write_event(Event::Start(BytesStart::new(name)))
}

fn end(xml: &mut Xml, name: &str) -> std::io::Result<()> {
    xml.write_event(Event::End(BytesEnd::new(name)))
}

/// An element holding `escaped`, text already escaped: the two crates escape differently.
fn text_element(xml: &mut Xml, name: &str, escaped: std::borrow::Cow<str>) -> std::io::Result<()> {
    start(xml, name)?;
    xml.write_event(Event::Text(BytesText::from_escaped(escaped)))?;
    end(xml, name)
}

/// The total count of points of a geometry's lines, to size a file's buffer.
fn line_points(lines: &[&[Coord]]) -> usize {
    lines.iter().map(|l| l.len()).sum()
}

/// GPX 1.1, as the `gpx` crate writes it (a test checks they agree byte for byte), through
/// `quick-xml`: the crate writes through `xml-rs`, whose work for every point's element made
/// GPX a sixth of a full build.
pub fn gpx(trek: &Described, geometry: &Geometry, part: &mut Part) -> Result<Vec<u8>, DownloadError> {
    let lines = geometry.lines();
    // About 60 bytes a point.
    let mut bytes = Vec::with_capacity(1024 + line_points(&lines) * 64);
    let mut xml = quick_xml::Writer::new(&mut bytes);
    let description = Some(trek.description).filter(|d| !d.is_empty());
    let result = (|| -> std::io::Result<()> {
        // Only `<`, `>` and `&`, as the crate: quotes stay as they are in text.
        let text = |xml: &mut Xml, name: &str, value: &str| {
            text_element(xml, name, quick_xml::escape::partial_escape(value))
        };
        let link = |xml: &mut Xml| {
            xml.write_event(Event::Start(
                BytesStart::new("link").with_attributes([("href", trek.url)]),
            ))?;
            text(xml, "text", trek.name)?;
            end(xml, "link")
        };
        // Numbers only, which need no escaping: written straight. `empty` closes the element
        // when it holds nothing, as `<trkpt lat=".." lon=".." />`.
        let point = |out: &mut Vec<u8>, tag: &str, c: &Coord, empty: &str| {
            out.push(b'<');
            out.extend_from_slice(tag.as_bytes());
            out.extend_from_slice(br#" lat=""#);
            c.write_lat(out);
            out.extend_from_slice(br#"" lon=""#);
            c.write_lon(out);
            out.push(b'"');
            match c.z() {
                Some(_) => {
                    out.extend_from_slice(b"><ele>");
                    c.write_z(out);
                    out.extend_from_slice(b"</ele>");
                    out.extend_from_slice(empty.as_bytes());
                }
                None if !empty.is_empty() => out.extend_from_slice(b" />"),
                None => out.push(b'>'),
            }
        };
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        xml.write_event(Event::Start(BytesStart::new("gpx").with_attributes([
            ("version", "1.1"),
            ("xmlns", "http://www.topografix.com/GPX/1/1"),
            ("creator", concat!("sentier ", env!("CARGO_PKG_VERSION"))),
        ])))?;
        start(&mut xml, "metadata")?;
        text(&mut xml, "name", trek.name)?;
        if let Some(description) = description {
            text(&mut xml, "desc", description)?;
        }
        link(&mut xml)?;
        end(&mut xml, "metadata")?;
        if lines.is_empty() {
            for c in points(geometry) {
                point(xml.get_mut(), "wpt", c, "");
                text(&mut xml, "name", trek.name)?;
                end(&mut xml, "wpt")?;
            }
        } else {
            start(&mut xml, "trk")?;
            text(&mut xml, "name", trek.name)?;
            if let Some(description) = description {
                text(&mut xml, "desc", description)?;
            }
            link(&mut xml)?;
            part.write_into(xml.get_mut(), "gpx", |out| {
                for line in &lines {
                    if line.is_empty() {
                        out.extend_from_slice(b"<trkseg />");
                        continue;
                    }
                    out.extend_from_slice(b"<trkseg>");
                    for c in *line {
                        point(out, "trkpt", c, "</trkpt>");
                    }
                    out.extend_from_slice(b"</trkseg>");
                }
                Ok(())
            })?;
            end(&mut xml, "trk")?;
        }
        end(&mut xml, "gpx")
    })();
    result.map_err(|e| DownloadError {
        format: "GPX",
        message: e.to_string(),
    })?;
    Ok(bytes)
}

/// KML 2.2, as the `kml` crate writes it (a test checks they agree byte for byte), with
/// `quick-xml` as the crate does but the coordinates formatted straight into the file: the
/// crate copies a line's points and makes a string of each, a fifteenth of a full build.
pub fn kml(trek: &Described, geometry: &Geometry, part: &mut Part) -> Result<Vec<u8>, DownloadError> {
    let text =
        |xml: &mut Xml, name: &str, value: &str| text_element(xml, name, quick_xml::escape::escape(value));
    let coordinates = |xml: &mut Xml, coords: &mut dyn Iterator<Item = &Coord>| {
        start(xml, "coordinates")?;
        for (i, c) in coords.enumerate() {
            let out = xml.get_mut();
            if i > 0 {
                out.push(b'\n');
            }
            c.write_lon(out);
            out.push(b',');
            c.write_lat(out);
            if c.z().is_some() {
                out.push(b',');
                c.write_z(out);
            }
        }
        end(xml, "coordinates")
    };
    let line = |xml: &mut Xml, line: &[Coord]| {
        start(xml, "LineString")?;
        text(xml, "extrude", "0")?;
        text(xml, "tessellate", "1")?;
        text(xml, "altitudeMode", "clampToGround")?;
        if !line.is_empty() {
            coordinates(xml, &mut line.iter())?;
        }
        end(xml, "LineString")
    };
    let point = |xml: &mut Xml, c: &Coord| {
        start(xml, "Point")?;
        text(xml, "extrude", "0")?;
        text(xml, "altitudeMode", "clampToGround")?;
        coordinates(xml, &mut std::iter::once(c))?;
        end(xml, "Point")
    };
    let lines = geometry.lines();
    // About 30 bytes a point.
    let mut bytes = Vec::with_capacity(1024 + line_points(&lines) * 32);
    bytes.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let mut xml = quick_xml::Writer::new(&mut bytes);
    let result = (|| -> std::io::Result<()> {
        xml.write_event(Event::Start(
            BytesStart::new("kml").with_attributes([("xmlns", "http://www.opengis.net/kml/2.2")]),
        ))?;
        start(&mut xml, "Document")?;
        start(&mut xml, "Placemark")?;
        text(&mut xml, "name", trek.name)?;
        let description = format!("{}\n{}", trek.description, trek.url);
        text(&mut xml, "description", description.trim())?;
        part.write_into(xml.get_mut(), "kml", |out| {
            let mut xml = quick_xml::Writer::new(out);
            match (lines.len(), points(geometry).as_slice()) {
                (1, _) => line(&mut xml, lines[0]),
                (0, [one]) => point(&mut xml, one),
                (0, many) => {
                    start(&mut xml, "MultiGeometry")?;
                    for c in many {
                        point(&mut xml, c)?;
                    }
                    end(&mut xml, "MultiGeometry")
                }
                _ => {
                    start(&mut xml, "MultiGeometry")?;
                    for part in &lines {
                        line(&mut xml, part)?;
                    }
                    end(&mut xml, "MultiGeometry")
                }
            }
        })?;
        end(&mut xml, "Placemark")?;
        end(&mut xml, "Document")?;
        end(&mut xml, "kml")
    })();
    result.map_err(|e| DownloadError {
        format: "KML",
        message: e.to_string(),
    })?;
    Ok(bytes)
}

/// The geometry as the geojson crate's `Geometry` serializes, written straight from the
/// fixed-point vertices: going through the crate's types and serde_json was a twentieth of a
/// full build. A test compares the bytes with the crate's.
fn write_geojson_geometry(out: &mut Vec<u8>, geometry: &Geometry) {
    fn list<T>(out: &mut Vec<u8>, items: &[T], mut write: impl FnMut(&mut Vec<u8>, &T)) {
        out.push(b'[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write(out, item);
        }
        out.push(b']');
    }
    let line = |out: &mut Vec<u8>, line: &Vec<Coord>| list(out, line, |out, c| c.write_json_position(out));
    let rings = |out: &mut Vec<u8>, rings: &Vec<Vec<Coord>>| list(out, rings, line);
    let (kind, member) = match geometry {
        Geometry::Point(_) => ("Point", "coordinates"),
        Geometry::MultiPoint(_) => ("MultiPoint", "coordinates"),
        Geometry::LineString(_) => ("LineString", "coordinates"),
        Geometry::MultiLineString(_) => ("MultiLineString", "coordinates"),
        Geometry::Polygon(_) => ("Polygon", "coordinates"),
        Geometry::MultiPolygon(_) => ("MultiPolygon", "coordinates"),
        Geometry::Collection(_) => ("GeometryCollection", "geometries"),
    };
    out.extend_from_slice(format!(r#"{{"type":"{kind}","{member}":"#).as_bytes());
    match geometry {
        Geometry::Point(c) => c.write_json_position(out),
        Geometry::MultiPoint(cs) | Geometry::LineString(cs) => line(out, cs),
        Geometry::MultiLineString(ls) | Geometry::Polygon(ls) => rings(out, ls),
        Geometry::MultiPolygon(ps) => list(out, ps, rings),
        Geometry::Collection(gs) => list(out, gs, write_geojson_geometry),
    }
    out.push(b'}');
}

/// A feature collection of the trek alone, as the geojson crate writes it.
pub fn geojson(
    trek: &Described,
    geometry: &Geometry,
    properties: serde_json::Map<String, serde_json::Value>,
    part: &mut Part,
) -> Vec<u8> {
    let mut properties = properties;
    properties.insert("name".into(), trek.name.into());
    properties.insert("description".into(), trek.description.into());
    properties.insert("url".into(), trek.url.into());
    let positions = geometry.coords().count();
    let mut out = Vec::with_capacity(512 + 40 * positions);
    out.extend_from_slice(br#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":"#);
    part.write_into(&mut out, "geojson", |out| {
        write_geojson_geometry(out, geometry);
        Ok(())
    })
    .expect("writing into memory does not fail");
    out.extend_from_slice(br#","properties":"#);
    serde_json::to_writer(&mut out, &properties).expect("JSON values serialize");
    out.extend_from_slice(b"}]}");
    out
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

    /// The `gpx` crate's writing of the same file.
    fn gpx_by_the_crate(trek: &Described, geometry: &Geometry) -> Vec<u8> {
        use geo::Point;
        let waypoint = |c: &Coord| {
            let mut point = gpx::Waypoint::new(Point::new(c.lon(), c.lat()));
            point.elevation = c.z();
            point
        };
        let link = gpx::Link {
            href: trek.url.to_string(),
            text: Some(trek.name.to_string()),
            ..Default::default()
        };
        let description = Some(trek.description.to_string()).filter(|d| !d.is_empty());
        let mut file = gpx::Gpx {
            version: gpx::GpxVersion::Gpx11,
            creator: Some(concat!("sentier ", env!("CARGO_PKG_VERSION")).to_string()),
            metadata: Some(gpx::Metadata {
                name: Some(trek.name.to_string()),
                description: description.clone(),
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
                    let mut point = waypoint(c);
                    point.name = Some(trek.name.to_string());
                    point
                })
                .collect();
        } else {
            let mut track = gpx::Track::new();
            track.name = Some(trek.name.to_string());
            track.description = description;
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
        let mut writer = xml::EmitterConfig::new()
            .perform_indent(false)
            .create_writer(&mut bytes);
        gpx::write_with_event_writer(&file, &mut writer).unwrap();
        bytes
    }

    /// The `kml` crate's writing of the same file.
    fn kml_by_the_crate(trek: &Described, geometry: &Geometry) -> Vec<u8> {
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
        let point = |c: &Coord| {
            kml::types::Geometry::Point(kml::types::Point {
                coord: kml_coord(c),
                ..Default::default()
            })
        };
        let lines = geometry.lines();
        let shape = match (lines.len(), points(geometry).as_slice()) {
            (1, _) => kml_line(lines[0]),
            (0, [one]) => point(one),
            (0, many) => kml::types::Geometry::MultiGeometry(kml::types::MultiGeometry::new(
                many.iter().map(|c| point(c)).collect(),
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
        kml::KmlWriter::from_writer(&mut bytes).write(&document).unwrap();
        bytes
    }

    #[test]
    fn gpx_and_kml_are_written_as_their_crates_write_them() {
        let treks = [
            TREK,
            Described {
                name: "L'étang \"bleu\" > 2 000 m",
                description: "",
                url: "https://x.org/trek/2-etang/?a=1&b='2'<\">",
            },
        ];
        let geometries = [
            Geometry::LineString(vec![c(6.1, 44.8, Some(1000.5)), c(-0.0000001, -44.9, None)]),
            Geometry::MultiLineString(vec![
                vec![c(6.1234567, 44.8, Some(-12.0))],
                vec![c(180.0, -90.0, Some(4807.25)), c(6.0, 45.0, None)],
            ]),
            Geometry::Point(c(6.1, 44.8, None)),
            Geometry::MultiPoint(vec![c(6.1, 44.8, Some(1.0)), c(6.2, 44.9, None)]),
            Geometry::LineString(vec![]),
            Geometry::MultiLineString(vec![vec![], vec![c(6.0, 45.0, None)]]),
            Geometry::MultiPoint(vec![]),
        ];
        for geometry in &geometries {
            // The two treks stand for one trek in two languages: the second copies the
            // geometry's part written for the first.
            let (mut gpx_part, mut kml_part) = (Part::default(), Part::default());
            for trek in &treks {
                let ours = String::from_utf8(gpx(trek, geometry, &mut gpx_part).unwrap()).unwrap();
                let crate_s = String::from_utf8(gpx_by_the_crate(trek, geometry)).unwrap();
                assert_eq!(ours, crate_s);
                let ours = String::from_utf8(kml(trek, geometry, &mut kml_part).unwrap()).unwrap();
                let crate_s = String::from_utf8(kml_by_the_crate(trek, geometry)).unwrap();
                assert_eq!(ours, crate_s);
            }
        }
    }

    #[test]
    fn a_part_kept_for_one_format_is_not_copied_into_another() {
        let line = Geometry::LineString(vec![c(6.1, 44.8, Some(1000.5)), c(6.2, 44.9, None)]);
        let mut part = Part::default();
        let first_gpx = gpx(&TREK, &line, &mut part).unwrap();
        let kml_bytes = kml(&TREK, &line, &mut part).unwrap();
        assert_eq!(kml_bytes, kml(&TREK, &line, &mut Part::default()).unwrap());
        let geojson_bytes = geojson(&TREK, &line, Default::default(), &mut part);
        assert_eq!(
            geojson_bytes,
            geojson(&TREK, &line, Default::default(), &mut Part::default())
        );
        assert_eq!(first_gpx, gpx(&TREK, &line, &mut part).unwrap());
        let mut unkept = Part::new(false);
        for _ in 0..2 {
            assert_eq!(first_gpx, gpx(&TREK, &line, &mut unkept).unwrap());
        }
        assert!(unkept.kept.is_none());
    }

    /// The geojson crate's writing of the same file, through its types and serde_json.
    fn geojson_by_the_crate(
        trek: &Described,
        geometry: &Geometry,
        mut properties: serde_json::Map<String, serde_json::Value>,
    ) -> Vec<u8> {
        fn value(geometry: &Geometry) -> geojson::GeometryValue {
            use geojson::GeometryValue as G;
            let position = |c: &Coord| -> geojson::Position {
                match c.z() {
                    Some(z) => vec![c.lon(), c.lat(), z].into(),
                    None => [c.lon(), c.lat()].into(),
                }
            };
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
                    geometries: gs.iter().map(|g| geojson::Geometry::new(value(g))).collect(),
                },
            }
        }
        properties.insert("name".into(), trek.name.into());
        properties.insert("description".into(), trek.description.into());
        properties.insert("url".into(), trek.url.into());
        let collection = geojson::FeatureCollection {
            features: vec![geojson::Feature {
                geometry: Some(geojson::Geometry::new(value(geometry))),
                properties: Some(properties),
                ..Default::default()
            }],
            bbox: None,
            foreign_members: None,
        };
        serde_json::to_vec(&collection).unwrap()
    }

    #[test]
    fn geojson_is_written_as_the_crate_writes_it() {
        let ring = vec![
            c(6.0, 45.0, None),
            c(6.1, 45.0, None),
            c(6.0, 45.1, None),
            c(6.0, 45.0, None),
        ];
        let geometries = [
            Geometry::LineString(vec![c(6.1, 44.8, Some(1000.5)), c(-0.0000001, -44.9, None)]),
            Geometry::MultiLineString(vec![
                vec![c(6.1234567, 44.8, Some(-12.0))],
                vec![c(180.0, -90.0, Some(4807.25)), c(0.0, 0.00001, Some(0.0))],
            ]),
            Geometry::Point(c(6.1, 44.8, None)),
            Geometry::MultiPoint(vec![c(6.1, 44.8, Some(1.0)), c(6.2, 44.9, None)]),
            Geometry::LineString(vec![]),
            Geometry::MultiLineString(vec![vec![], vec![c(6.0, 45.0, None)]]),
            Geometry::Polygon(vec![ring.clone()]),
            Geometry::MultiPolygon(vec![vec![ring.clone()], vec![]]),
            Geometry::Collection(vec![
                Geometry::Point(c(6.0, 45.0, Some(3.0))),
                Geometry::Collection(vec![Geometry::Polygon(vec![ring])]),
            ]),
        ];
        let properties: serde_json::Map<_, _> = serde_json::from_str(
            r#"{"id": 2, "length_m": 1200.0, "practice": "Pédestre \"VTT\"", "ratio": 0.000001, "none": null}"#,
        )
        .unwrap();
        for geometry in &geometries {
            // As in two languages: the second copies the geometry written for the first.
            let mut part = Part::default();
            for properties in [Default::default(), properties.clone()] {
                let ours =
                    String::from_utf8(geojson(&TREK, geometry, properties.clone(), &mut part)).unwrap();
                let crate_s = String::from_utf8(geojson_by_the_crate(&TREK, geometry, properties)).unwrap();
                assert_eq!(ours, crate_s);
            }
        }
    }

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
        let bytes = gpx(&TREK, &line, &mut Part::default()).unwrap();
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
            gpx(&TREK, &Geometry::Point(c(6.1, 44.8, None)), &mut Part::default())
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
        let text = String::from_utf8(kml(&TREK, &line, &mut Part::default()).unwrap()).unwrap();
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
        let text = String::from_utf8(kml(&TREK, &multi, &mut Part::default()).unwrap()).unwrap();
        assert_eq!(text.matches("<LineString>").count(), 2, "{text}");
        assert!(text.contains("<MultiGeometry>"));
        let text = String::from_utf8(kml(&TREK, &point, &mut Part::default()).unwrap()).unwrap();
        assert!(
            text.contains("<Point>") && text.contains("6.1,44.8,1200"),
            "{text}"
        );
        let parsed: geojson::FeatureCollection =
            serde_json::from_slice(&geojson(&TREK, &multi, Default::default(), &mut Part::default()))
                .unwrap();
        let geojson::GeometryValue::MultiLineString { coordinates } =
            &parsed.features[0].geometry.as_ref().unwrap().value
        else {
            panic!()
        };
        assert_eq!(coordinates.iter().map(Vec::len).collect::<Vec<_>>(), [2, 3]);
        let parsed: geojson::FeatureCollection =
            serde_json::from_slice(&geojson(&TREK, &point, Default::default(), &mut Part::default()))
                .unwrap();
        assert!(matches!(
            parsed.features[0].geometry.as_ref().unwrap().value,
            geojson::GeometryValue::Point { .. }
        ));
    }

    #[test]
    fn geojson_keeps_every_position() {
        let line = Geometry::LineString(vec![c(6.1, 44.8, Some(1000.0)), c(6.2, 44.9, None)]);
        let bytes = geojson(&TREK, &line, Default::default(), &mut Part::default());
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
