//! What the interactive maps load: a trek page's own small map data (inlined in the page), and
//! per language the global map's files, `treks.json` (one marker per trek) and `lines.json`
//! (every trek's line, simplified harder, loaded only when zoomed in).
//!
//! Coordinates are `[latitude, longitude]` as Leaflet takes them, rounded to 5 decimals (1 m).

use serde::{Deserialize, Serialize};

use crate::config::TileLayer;
use crate::model::geometry::{Coord, Geometry};

pub type LatLng = [f64; 2];

fn round5(v: f64) -> f64 {
    (v * 100_000.0).round() / 100_000.0
}

pub fn latlng(c: Coord) -> LatLng {
    [round5(c.lat()), round5(c.lon())]
}

/// `[lon, lat]` as the views hold points → `[lat, lng]`.
pub fn from_lonlat([lon, lat]: [f64; 2]) -> LatLng {
    [round5(lat), round5(lon)]
}

/// The route's lines, simplified at `tolerance` degrees.
pub fn lines(geometry: &Geometry, tolerance: f64) -> Vec<Vec<LatLng>> {
    geometry
        .lines()
        .into_iter()
        .map(|line| {
            let mut points: Vec<LatLng> = super::simplify(line, tolerance).into_iter().map(latlng).collect();
            points.dedup();
            points
        })
        .filter(|line| !line.is_empty())
        .collect()
}

/// A trek's route as the maps draw it: simplified once, for every language's pages and files.
/// Points are held as integers at the maps' precision (see [`E5`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MapLines {
    /// At the trek page's tolerance.
    #[serde(with = "packed")]
    page: Vec<Vec<E5>>,
    /// At the global map's, coarser.
    #[serde(with = "packed")]
    overview: Vec<Vec<E5>>,
}

/// Lines kept in the drawings cache as one byte string each, eight bytes a point (latitude
/// then longitude, little-endian): as integers one by one, reading them back was most of
/// reading the cache, and the cache is read whole by every rebuild.
mod packed {
    use serde::de::{Error, Visitor};
    use serde::ser::SerializeSeq;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::E5;

    pub fn serialize<S: Serializer>(lines: &[Vec<E5>], serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(lines.len()))?;
        for line in lines {
            seq.serialize_element(&Packed(line))?;
        }
        seq.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Vec<E5>>, D::Error> {
        let lines = Vec::<Unpacked>::deserialize(deserializer)?;
        Ok(lines.into_iter().map(|Unpacked(line)| line).collect())
    }

    struct Packed<'a>(&'a [E5]);

    impl Serialize for Packed<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let bytes: Vec<u8> = self
                .0
                .iter()
                .flat_map(|[lat, lng]| [lat.to_le_bytes(), lng.to_le_bytes()])
                .flatten()
                .collect();
            serializer.serialize_bytes(&bytes)
        }
    }

    struct Unpacked(Vec<E5>);

    impl<'de> Deserialize<'de> for Unpacked {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_bytes(UnpackedVisitor)
        }
    }

    struct UnpackedVisitor;

    impl Visitor<'_> for UnpackedVisitor {
        type Value = Unpacked;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a line's points, eight bytes each")
        }

        fn visit_bytes<E: Error>(self, bytes: &[u8]) -> Result<Unpacked, E> {
            if bytes.len() % 8 != 0 {
                return Err(E::invalid_length(bytes.len(), &self));
            }
            let number = |b: &[u8]| i32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            let points = bytes.chunks_exact(8).map(|p| [number(&p[..4]), number(&p[4..])]);
            Ok(Unpacked(points.collect()))
        }
    }
}

/// `[latitude, longitude]` in hundred-thousandths of a degree: what [`latlng`] rounds to, in
/// half the memory (a large instance's map lines were a tenth of a build's peak).
pub type E5 = [i32; 2];

fn e5(c: Coord) -> E5 {
    // Within ±180 × 10⁵: far inside i32.
    [
        (c.lat() * 100_000.0).round() as i32,
        (c.lon() * 100_000.0).round() as i32,
    ]
}

pub fn from_e5(lines: &[Vec<E5>]) -> Vec<Vec<LatLng>> {
    lines
        .iter()
        .map(|line| {
            line.iter()
                .map(|[lat, lng]| [f64::from(*lat) / 100_000.0, f64::from(*lng) / 100_000.0])
                .collect()
        })
        .collect()
}

impl MapLines {
    /// From a route's lines simplified at the page's tolerance; the global map's lines are
    /// simplified from those: the second pass reads a few hundred vertices instead of
    /// thousands, and its result stays within both tolerances of the route.
    pub fn new(page_lines: &[Vec<Coord>], overview_tolerance: f64) -> MapLines {
        let mut drawn = MapLines::default();
        for page in page_lines {
            let overview = super::simplify(page, overview_tolerance);
            for (kept, to) in [
                (page.as_slice(), &mut drawn.page),
                (&overview, &mut drawn.overview),
            ] {
                let mut points: Vec<E5> = kept.iter().copied().map(e5).collect();
                points.dedup();
                if !points.is_empty() {
                    to.push(points);
                }
            }
        }
        drawn
    }

    /// The page's lines, as [`lines`] gives them.
    pub fn page(&self) -> Vec<Vec<LatLng>> {
        from_e5(&self.page)
    }

    /// The first and the last point of the page's lines.
    pub fn page_ends(&self) -> Option<(LatLng, LatLng)> {
        let first = *self.page.first()?.first()?;
        let last = *self.page.last()?.last()?;
        let latlng = |[lat, lng]: E5| [f64::from(lat) / 100_000.0, f64::from(lng) / 100_000.0];
        Some((latlng(first), latlng(last)))
    }

    pub fn page_is_empty(&self) -> bool {
        self.page.is_empty()
    }

    /// The global map's lines, as points at the maps' precision ([`from_e5`]).
    pub fn overview_points(&self) -> &[Vec<E5>] {
        &self.overview
    }
}

/// Rings of an area, simplified.
pub fn rings(geometry: &Geometry, tolerance: f64) -> Vec<Vec<LatLng>> {
    let polygons: Vec<&Vec<Vec<Coord>>> = match geometry {
        Geometry::Polygon(rings) => vec![rings],
        Geometry::MultiPolygon(polygons) => polygons.iter().collect(),
        _ => Vec::new(),
    };
    polygons
        .into_iter()
        .flatten()
        .map(|ring| super::simplify(ring, tolerance).into_iter().map(latlng).collect())
        .collect()
}

/// What a map draws of an object that is not a trek: its lines and its areas, simplified.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shape {
    pub lines: Vec<Vec<LatLng>>,
    pub areas: Vec<Vec<Vec<LatLng>>>,
}

/// The lines and areas of any geometry, collections included.
pub fn shape(geometry: &Geometry, tolerance: f64) -> Shape {
    let mut shape = Shape {
        lines: lines(geometry, tolerance),
        areas: Vec::new(),
    };
    let mut stack = vec![geometry];
    while let Some(g) = stack.pop() {
        match g {
            Geometry::Polygon(_) | Geometry::MultiPolygon(_) => {
                let rings = rings(g, tolerance);
                if !rings.is_empty() {
                    shape.areas.push(rings);
                }
            }
            Geometry::Collection(parts) => stack.extend(parts.iter()),
            _ => {}
        }
    }
    shape
}

#[derive(Debug, Serialize)]
pub struct Marker {
    pub name: String,
    pub at: LatLng,
    /// The number shown on the marker and beside the list on the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Area {
    pub name: String,
    pub rings: Vec<Vec<LatLng>>,
}

#[derive(Debug, Serialize)]
pub struct Step<'a> {
    pub name: String,
    pub url: String,
    pub lines: PageLines<'a>,
}

/// A route's lines on its page's map: `[latitude, longitude]` arrays in the page, the bytes of
/// the integers they are made from in a fingerprint. Every trek page's map is fingerprinted in a rebuild,
/// and writing its lines as decimals was a twentieth of a one-trek rebuild.
#[derive(Debug)]
pub struct PageLines<'a>(pub &'a MapLines);

/// Lines serialized as their points' bytes, as the drawings cache holds them: what a
/// fingerprint takes of the global map's lines.
pub struct PackedLines<'a>(pub &'a [Vec<E5>]);

impl Serialize for PackedLines<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        packed::serialize(self.0, serializer)
    }
}

impl Serialize for PageLines<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if crate::fingerprint::hashing() {
            return packed::serialize(&self.0.page, serializer);
        }
        self.0.page().serialize(serializer)
    }
}

/// A trek page's map.
#[derive(Debug, Serialize)]
pub struct TrekMap<'a> {
    pub lines: PageLines<'a>,
    /// Marker for a trek whose geometry is a point.
    pub point: Option<LatLng>,
    pub departure: Option<LatLng>,
    pub arrival: Option<LatLng>,
    pub parking: Option<LatLng>,
    pub pois: Vec<Marker>,
    pub references: Vec<LatLng>,
    pub desks: Vec<Marker>,
    pub areas: Vec<Area>,
    pub steps: Vec<Step<'a>>,
    pub tiles: &'a [TileLayer],
    /// UI strings the script shows (control titles).
    pub labels: &'a serde_json::Value,
}

/// One marker of the global map.
#[derive(Debug, Serialize)]
pub struct TrekMarker<'a> {
    pub id: u64,
    pub name: &'a str,
    pub url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub picture: Option<&'a str>,
    pub at: LatLng,
}

/// The global map's marker file.
pub fn markers_json(markers: &[TrekMarker]) -> String {
    serde_json::to_string(markers).expect("markers serialize")
}

/// The global map's line file: `{"<trek id>": [[[lat, lng], …], …], …}`.
pub fn lines_json(lines: &[(u64, Vec<Vec<LatLng>>)]) -> String {
    // Ids as keys in their text's order, as a JSON object of the API's would be; written
    // straight from the lines: a JSON tree of every trek's lines first was 4% of a one-trek
    // rebuild.
    let map: std::collections::BTreeMap<String, &Vec<Vec<LatLng>>> =
        lines.iter().map(|(id, lines)| (id.to_string(), lines)).collect();
    serde_json::to_string(&map).expect("lines serialize")
}

/// JSON for a `<script type="application/json">`: markup characters escaped, so no text can
/// end the element.
pub fn inline_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .expect("map data serializes")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_global_maps_lines_are_keyed_by_id_in_text_order() {
        let line = |lat: f64| vec![vec![[lat, 6.5], [45.0, 6.51234]]];
        let json = lines_json(&[(10, line(44.1)), (9, line(44.2)), (100, line(44.3))]);
        assert_eq!(
            json,
            r#"{"10":[[[44.1,6.5],[45.0,6.51234]]],"100":[[[44.3,6.5],[45.0,6.51234]]],"9":[[[44.2,6.5],[45.0,6.51234]]]}"#
        );
    }

    #[test]
    fn lines_are_lat_lng_rounded_and_simplified() {
        let c = |lon: f64, lat: f64| Coord::new(lon, lat, Some(1.0));
        let geometry = Geometry::LineString(vec![
            c(6.123456789, 44.1),
            c(6.2, 44.1000001),
            c(6.3, 44.1),
            c(6.3, 44.2),
        ]);
        assert_eq!(
            lines(&geometry, 0.001),
            [vec![[44.1, 6.12346], [44.1, 6.3], [44.2, 6.3]]]
        );
        assert_eq!(inline_json(&"</script>"), r#""\u003c/script\u003e""#);
    }

    /// Held as integers, the lines come back exactly as rounding them gives, on both sides of
    /// the equator and of Greenwich.
    #[test]
    fn map_lines_keep_the_rounded_points() {
        let c = |lon: f64, lat: f64| Coord::new(lon, lat, None);
        let line = vec![
            c(6.123456789, 44.1),
            c(-1.999995, -33.000004),
            c(179.999999, -89.99999),
        ];
        let drawn = MapLines::new(std::slice::from_ref(&line), 0.0);
        let rounded: Vec<LatLng> = line.iter().copied().map(latlng).collect();
        assert_eq!(drawn.page(), std::slice::from_ref(&rounded));
        assert_eq!(from_e5(drawn.overview_points()), [rounded]);
    }

    #[test]
    fn map_lines_read_back_from_the_cache_as_they_were() {
        let drawn = MapLines {
            page: vec![
                vec![[4_412_345, 612_345], [-8_999_999, -17_999_999]],
                vec![],
                vec![[0, i32::MAX]],
            ],
            overview: vec![vec![[i32::MIN, -1]]],
        };
        let bytes = rmp_serde::to_vec(&drawn).unwrap();
        assert_eq!(rmp_serde::from_slice::<MapLines>(&bytes).unwrap(), drawn);
        assert_eq!(
            rmp_serde::from_slice::<MapLines>(&rmp_serde::to_vec(&MapLines::default()).unwrap()).unwrap(),
            MapLines::default()
        );
        // Seven bytes cannot be a point.
        let bad = rmp_serde::to_vec(&(vec![serde_bytes_of(&[0; 7])], Vec::<()>::new())).unwrap();
        assert!(rmp_serde::from_slice::<MapLines>(&bad).is_err());
    }

    /// A byte string as MessagePack's bin type.
    fn serde_bytes_of(bytes: &[u8]) -> impl Serialize + '_ {
        struct Bin<'a>(&'a [u8]);
        impl Serialize for Bin<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_bytes(self.0)
            }
        }
        Bin(bytes)
    }
}
