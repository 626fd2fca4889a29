//! Geometries as Geotrek serves them: GeoJSON, WGS84, 2D or 3D, of any type (treks are usually
//! LineStrings but MultiLineStrings and Points exist; outdoor sites are GeometryCollections).
//!
//! Decoded with the `geojson` crate, then kept in a compact form: one `Coord` (lon, lat,
//! optional z) per vertex, which matters with thousands of 3,000-point treks.

use serde::{Deserialize, Deserializer};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coord {
    pub lon: f64,
    pub lat: f64,
    pub z: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Geometry {
    Point(Coord),
    MultiPoint(Vec<Coord>),
    LineString(Vec<Coord>),
    MultiLineString(Vec<Vec<Coord>>),
    Polygon(Vec<Vec<Coord>>),
    MultiPolygon(Vec<Vec<Vec<Coord>>>),
    Collection(Vec<Geometry>),
}

impl Geometry {
    /// Every vertex, in order.
    pub fn coords(&self) -> Box<dyn Iterator<Item = &Coord> + '_> {
        match self {
            Geometry::Point(c) => Box::new(std::iter::once(c)),
            Geometry::MultiPoint(cs) | Geometry::LineString(cs) => Box::new(cs.iter()),
            Geometry::MultiLineString(parts) | Geometry::Polygon(parts) => Box::new(parts.iter().flatten()),
            Geometry::MultiPolygon(polygons) => Box::new(polygons.iter().flatten().flatten()),
            Geometry::Collection(geometries) => Box::new(geometries.iter().flat_map(|g| g.coords())),
        }
    }

    /// The lines a route is drawn with: one per LineString part, none for points and areas.
    pub fn lines(&self) -> Vec<&[Coord]> {
        match self {
            Geometry::LineString(line) => vec![line.as_slice()],
            Geometry::MultiLineString(parts) => parts.iter().map(Vec::as_slice).collect(),
            Geometry::Collection(geometries) => geometries.iter().flat_map(|g| g.lines()).collect(),
            _ => Vec::new(),
        }
    }

    /// The first vertex: where a trek starts, where a point is.
    pub fn start(&self) -> Option<Coord> {
        self.coords().next().copied()
    }

    /// True when vertices carry a non-zero altitude: a 2D geometry, or a 3D one from an
    /// instance without elevation model (all zeros), has none.
    pub fn has_elevation(&self) -> bool {
        self.coords().any(|c| c.z.is_some_and(|z| z != 0.0))
    }

    /// West, south, east, north.
    pub fn bbox(&self) -> Option<[f64; 4]> {
        self.coords().fold(None, |acc, c| {
            Some(match acc {
                None => [c.lon, c.lat, c.lon, c.lat],
                Some([w, s, e, n]) => [w.min(c.lon), s.min(c.lat), e.max(c.lon), n.max(c.lat)],
            })
        })
    }

    /// Whether the geometry touches the box `[west, south, east, north]`: a vertex inside it,
    /// a line segment crossing it, or an area containing it.
    pub fn intersects_bbox(&self, bbox: [f64; 4]) -> bool {
        let inside = |c: &Coord| c.lon >= bbox[0] && c.lon <= bbox[2] && c.lat >= bbox[1] && c.lat <= bbox[3];
        if self.coords().any(inside) {
            return true;
        }
        let crosses = |line: &[Coord]| line.windows(2).any(|w| segment_crosses_bbox(w[0], w[1], bbox));
        match self {
            Geometry::Polygon(rings) => {
                rings.iter().any(|r| crosses(r))
                    || rings.first().is_some_and(|r| ring_contains(r, bbox[0], bbox[1]))
            }
            Geometry::MultiPolygon(polygons) => polygons.iter().any(|rings| {
                rings.iter().any(|r| crosses(r))
                    || rings.first().is_some_and(|r| ring_contains(r, bbox[0], bbox[1]))
            }),
            Geometry::Collection(geometries) => geometries.iter().any(|g| g.intersects_bbox(bbox)),
            _ => self.lines().into_iter().any(crosses),
        }
    }
}

/// Liang–Barsky clipping: does segment a→b pass through the box?
fn segment_crosses_bbox(a: Coord, b: Coord, [w, s, e, n]: [f64; 4]) -> bool {
    let (dx, dy) = (b.lon - a.lon, b.lat - a.lat);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.lon - w),
        (dx, e - a.lon),
        (-dy, a.lat - s),
        (dy, n - a.lat),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

fn ring_contains(ring: &[Coord], x: f64, y: f64) -> bool {
    let mut inside = false;
    for w in ring.windows(2) {
        let (a, b) = (w[0], w[1]);
        if (a.lat > y) != (b.lat > y) && x < (b.lon - a.lon) * (y - a.lat) / (b.lat - a.lat) + a.lon {
            inside = !inside;
        }
    }
    inside
}

fn coord(position: &geojson::Position) -> Result<Coord, String> {
    match position.as_slice() {
        [lon, lat] => Ok(Coord {
            lon: *lon,
            lat: *lat,
            z: None,
        }),
        [lon, lat, z, ..] => Ok(Coord {
            lon: *lon,
            lat: *lat,
            z: Some(*z),
        }),
        other => Err(format!("a position needs 2 or 3 numbers, found {}", other.len())),
    }
}

fn coords(positions: &[geojson::Position]) -> Result<Vec<Coord>, String> {
    positions.iter().map(coord).collect()
}

fn rings(rings: &[Vec<geojson::Position>]) -> Result<Vec<Vec<Coord>>, String> {
    rings.iter().map(|r| coords(r)).collect()
}

impl TryFrom<&geojson::GeometryValue> for Geometry {
    type Error = String;
    fn try_from(value: &geojson::GeometryValue) -> Result<Self, String> {
        use geojson::GeometryValue as G;
        Ok(match value {
            G::Point { coordinates } => Geometry::Point(coord(coordinates)?),
            G::MultiPoint { coordinates } => Geometry::MultiPoint(coords(coordinates)?),
            G::LineString { coordinates } => Geometry::LineString(coords(coordinates)?),
            G::MultiLineString { coordinates } => Geometry::MultiLineString(rings(coordinates)?),
            G::Polygon { coordinates } => Geometry::Polygon(rings(coordinates)?),
            G::MultiPolygon { coordinates } => {
                Geometry::MultiPolygon(coordinates.iter().map(|p| rings(p)).collect::<Result<_, _>>()?)
            }
            G::GeometryCollection { geometries } => Geometry::Collection(
                geometries
                    .iter()
                    .map(|g| Geometry::try_from(&g.value))
                    .collect::<Result<_, _>>()?,
            ),
        })
    }
}

/// A nullable geometry field.
pub fn optional<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Geometry>, D::Error> {
    let Some(geometry) = Option::<geojson::Geometry>::deserialize(deserializer)? else {
        return Ok(None);
    };
    Geometry::try_from(&geometry.value)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

/// A bare `[lng, lat]` array (`parking_location`, `departure_geom`), or `null`.
pub fn optional_point<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Coord>, D::Error> {
    let Some(values) = Option::<Vec<Option<f64>>>::deserialize(deserializer)? else {
        return Ok(None);
    };
    Ok(match values.as_slice() {
        [Some(lon), Some(lat), ..] => Some(Coord {
            lon: *lon,
            lat: *lat,
            z: None,
        }),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Holder {
        #[serde(deserialize_with = "optional")]
        geometry: Option<Geometry>,
    }

    fn geometry(json: &str) -> Option<Geometry> {
        serde_json::from_str::<Holder>(&format!(r#"{{"geometry": {json}}}"#))
            .unwrap()
            .geometry
    }

    #[test]
    fn reads_2d_and_3d_lines() {
        let line3 =
            geometry(r#"{"type": "LineString", "coordinates": [[6.1, 44.8, 1516.0], [6.2, 44.9, 1520.0]]}"#)
                .unwrap();
        assert!(line3.has_elevation());
        assert_eq!(line3.lines()[0].len(), 2);
        let line2 = geometry(r#"{"type": "LineString", "coordinates": [[6.1, 44.8], [6.2, 44.9]]}"#).unwrap();
        assert!(!line2.has_elevation());
        let flat =
            geometry(r#"{"type": "LineString", "coordinates": [[6.1, 44.8, 0], [6.2, 44.9, 0]]}"#).unwrap();
        assert!(
            !flat.has_elevation(),
            "all-zero altitudes mean no elevation model"
        );
    }

    #[test]
    fn reads_multilines_points_and_collections() {
        let multi =
            geometry(r#"{"type": "MultiLineString", "coordinates": [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]}"#)
                .unwrap();
        assert_eq!(multi.lines().len(), 2);
        let point = geometry(r#"{"type": "Point", "coordinates": [6.1, 44.8, 1200]}"#).unwrap();
        assert!(point.lines().is_empty());
        assert_eq!(point.start().unwrap().z, Some(1200.0));
        let collection = geometry(
            r#"{"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1, 2]}]}"#,
        )
        .unwrap();
        assert_eq!(collection.coords().count(), 1);
        assert_eq!(geometry("null"), None);
    }

    #[test]
    fn a_malformed_position_is_an_error() {
        let result =
            serde_json::from_str::<Holder>(r#"{"geometry": {"type": "Point", "coordinates": [6.1]}}"#);
        assert!(result.is_err());
    }

    #[test]
    fn bbox_intersection_counts_crossing_segments() {
        let line = geometry(r#"{"type": "LineString", "coordinates": [[0, 0], [10, 10]]}"#).unwrap();
        assert!(
            line.intersects_bbox([4.0, 4.0, 6.0, 6.0]),
            "crosses without a vertex inside"
        );
        assert!(!line.intersects_bbox([6.0, 0.0, 9.0, 3.0]));
        let square =
            geometry(r#"{"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]}"#)
                .unwrap();
        assert!(
            square.intersects_bbox([4.0, 4.0, 5.0, 5.0]),
            "box inside the area"
        );
    }
}
