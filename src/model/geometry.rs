//! Geometries as Geotrek serves them: GeoJSON, WGS84, 2D or 3D, of any type (treks are usually
//! LineStrings but MultiLineStrings and Points exist; outdoor sites are GeometryCollections).
//!
//! Decoded by [`super::positions`] for plain-decimal LineStrings and by the `geojson` crate
//! otherwise, then kept in a compact form: one `Coord` (lon, lat, optional z) per vertex, which
//! matters with thousands of 3,000-point treks.

use crate::fingerprint::Fingerprint;
use serde::{Deserialize, Deserializer};

/// One vertex, at the precision Geotrek serves: longitude and latitude in units of 1e-7 degree
/// (about a centimetre), the altitude in millimetres. Three `f64` took 24 bytes a vertex, and
/// routes are most of a large build's memory (0.8 GB of 2.5 at 20,000 treks).
///
/// Converting back divides two integers that doubles hold exactly, which IEEE rounds
/// correctly: the result is the double nearest the decimal, the one parsing it gave. So a
/// coordinate with at most 7 decimals (the API writes 5 to 7) and an altitude with at most 3 come
/// back bit for bit; finer ones are rounded to a centimetre and a millimetre.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coord {
    lon_e7: i32,
    lat_e7: i32,
    /// [`NO_ALTITUDE`] when absent (decoding turns non-finite numbers into absent ones).
    altitude_mm: i32,
}

const NO_ALTITUDE: i32 = i32::MIN;
const PER_DEGREE: f64 = 1e7;
const PER_METRE: f64 = 1e3;

impl Coord {
    /// From the units a vertex is held in (see [`Coord`]), for readers that parse decimals
    /// into them directly; `None` outside WGS84's range.
    pub(super) fn from_units(lon_e7: i64, lat_e7: i64, altitude_mm: Option<i64>) -> Option<Coord> {
        let altitude_mm = match altitude_mm {
            Some(mm) if mm.abs() < i32::MAX as i64 => mm as i32,
            Some(_) => return None,
            None => NO_ALTITUDE,
        };
        (lon_e7.abs() <= 180 * PER_DEGREE as i64 && lat_e7.abs() <= 90 * PER_DEGREE as i64).then_some(Coord {
            lon_e7: lon_e7 as i32,
            lat_e7: lat_e7 as i32,
            altitude_mm,
        })
    }

    /// Longitude and latitude within ±180° and ±90° (not checked: see [`Coord::checked`]).
    pub fn new(lon: f64, lat: f64, z: Option<f64>) -> Coord {
        let altitude_mm = z
            .map(|z| (z * PER_METRE).round())
            .filter(|mm| mm.is_finite() && mm.abs() < i32::MAX as f64)
            .map_or(NO_ALTITUDE, |mm| mm as i32);
        Coord {
            lon_e7: (lon * PER_DEGREE).round() as i32,
            lat_e7: (lat * PER_DEGREE).round() as i32,
            altitude_mm,
        }
    }

    /// A vertex read from the API: an error for a longitude or latitude outside WGS84's range.
    pub fn checked(lon: f64, lat: f64, z: Option<f64>) -> Result<Coord, String> {
        if !(lon.abs() <= 180.0 && lat.abs() <= 90.0) {
            return Err(format!("[{lon}, {lat}] is not a WGS84 longitude and latitude"));
        }
        Ok(Coord::new(lon, lat, z))
    }

    pub fn lon(&self) -> f64 {
        self.lon_e7 as f64 / PER_DEGREE
    }

    pub fn lat(&self) -> f64 {
        self.lat_e7 as f64 / PER_DEGREE
    }

    /// Altitude in metres, when known.
    pub fn z(&self) -> Option<f64> {
        (self.altitude_mm != NO_ALTITUDE).then(|| self.altitude_mm as f64 / PER_METRE)
    }

    /// Writes [`Coord::lon`] as `Display` writes it (see [`write_decimal`]).
    pub fn write_lon(&self, out: &mut Vec<u8>) {
        write_decimal::<7>(out, self.lon_e7);
    }

    /// Writes [`Coord::lat`] as `Display` writes it.
    pub fn write_lat(&self, out: &mut Vec<u8>) {
        write_decimal::<7>(out, self.lat_e7);
    }

    /// Writes [`Coord::z`] as `Display` writes it, when there is one.
    pub fn write_z(&self, out: &mut Vec<u8>) {
        if self.altitude_mm != NO_ALTITUDE {
            write_decimal::<3>(out, self.altitude_mm);
        }
    }

    /// Writes the vertex as a GeoJSON position, `[lon,lat]` or `[lon,lat,z]`, byte for byte as
    /// serde_json writes the doubles.
    pub fn write_json_position(&self, out: &mut Vec<u8>) {
        out.push(b'[');
        write_json_decimal::<7>(out, self.lon_e7);
        out.push(b',');
        write_json_decimal::<7>(out, self.lat_e7);
        if self.altitude_mm != NO_ALTITUDE {
            out.push(b',');
            write_json_decimal::<3>(out, self.altitude_mm);
        }
        out.push(b']');
    }

    /// The vertex's exact value, for fingerprints.
    fn bytes(&self) -> [u8; 12] {
        let mut bytes = [0; 12];
        bytes[..4].copy_from_slice(&self.lon_e7.to_le_bytes());
        bytes[4..8].copy_from_slice(&self.lat_e7.to_le_bytes());
        bytes[8..].copy_from_slice(&self.altitude_mm.to_le_bytes());
        bytes
    }
}

/// `units / 10^DECIMALS` as `Display` writes the double nearest it, without formatting a
/// double: downloads write tens of millions of coordinates, and formatting them was most of
/// writing GPX and KML. `Display` writes the shortest decimal that reads back as the same
/// double; two decimals of at most 15 significant digits never read as the same double, so that
/// is this decimal itself, without trailing zeros (a test compares them).
///
/// `DECIMALS` is a constant so that the power of ten is too, and dividing by it a
/// multiplication: computing it and dividing by it were a fifth of the numbers' instructions
/// (2.2% of a full build).
fn write_decimal<const DECIMALS: u32>(out: &mut Vec<u8>, units: i32) {
    let scale = 10u32.pow(DECIMALS);
    let magnitude = units.unsigned_abs();
    if units < 0 {
        out.push(b'-');
    }
    let (whole, mut fraction) = (magnitude / scale, magnitude % scale);
    // `itoa` writes two digits at a time from a table: a digit at a time was a twentieth of a
    // full build's instructions.
    let mut buffer = itoa::Buffer::new();
    out.extend_from_slice(buffer.format(whole).as_bytes());
    if fraction == 0 {
        return;
    }
    let mut width = DECIMALS as usize;
    while fraction % 10 == 0 {
        fraction /= 10;
        width -= 1;
    }
    out.push(b'.');
    let digits = buffer.format(fraction).as_bytes();
    out.extend(std::iter::repeat_n(b'0', width - digits.len()));
    out.extend_from_slice(digits);
}

/// `units / 10^decimals` as serde_json writes the double nearest it: as `Display` does, with
/// `.0` after a whole number. serde_json writes the smallest values with an exponent; anything
/// below a thousandth is left to it, since no route comes that close to zero more than a few
/// times.
fn write_json_decimal<const DECIMALS: u32>(out: &mut Vec<u8>, units: i32) {
    let scale = 10i32.pow(DECIMALS);
    if units != 0 && units.unsigned_abs() < (scale / 1000) as u32 {
        let value = f64::from(units) / f64::from(scale);
        serde_json::to_writer(out, &value).expect("a finite double is written");
        return;
    }
    write_decimal::<DECIMALS>(out, units);
    if units % scale == 0 {
        out.extend_from_slice(b".0");
    }
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
        self.coords().any(|c| c.z().is_some_and(|z| z != 0.0))
    }

    /// West, south, east, north.
    pub fn bbox(&self) -> Option<[f64; 4]> {
        bbox_of(self.coords())
    }

    /// Whether the geometry touches the box `[west, south, east, north]`: a vertex inside it,
    /// a line segment crossing it, or an area containing it.
    pub fn intersects_bbox(&self, bbox: [f64; 4]) -> bool {
        let inside =
            |c: &Coord| c.lon() >= bbox[0] && c.lon() <= bbox[2] && c.lat() >= bbox[1] && c.lat() <= bbox[3];
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

/// The exact value of each vertex, for fingerprints: equal bytes mean equal vertices.
fn vertex_bytes(coords: &[Coord]) -> Vec<u8> {
    coords.iter().flat_map(|c| c.bytes()).collect()
}

/// Every vertex's exact bits and the geometry's shape: what its drawings and downloads are
/// made from.
pub fn fingerprint_geometry(fingerprint: &mut Fingerprint, geometry: &Geometry) {
    let coords = |fingerprint: &mut Fingerprint, coords: &[Coord]| {
        fingerprint.bytes(&vertex_bytes(coords));
    };
    match geometry {
        Geometry::Point(c) => coords(fingerprint.text("point"), std::slice::from_ref(c)),
        Geometry::MultiPoint(cs) => coords(fingerprint.text("multipoint"), cs),
        Geometry::LineString(cs) => coords(fingerprint.text("line"), cs),
        Geometry::MultiLineString(parts) | Geometry::Polygon(parts) => {
            fingerprint.text(if matches!(geometry, Geometry::Polygon(_)) {
                "polygon"
            } else {
                "lines"
            });
            for part in parts {
                coords(fingerprint, part);
            }
        }
        Geometry::MultiPolygon(polygons) => {
            fingerprint.text("polygons");
            for part in polygons {
                fingerprint.text("polygon");
                for ring in part {
                    coords(fingerprint, ring);
                }
            }
        }
        Geometry::Collection(geometries) => {
            fingerprint.text("collection");
            for geometry in geometries {
                fingerprint_geometry(fingerprint, geometry);
            }
        }
    }
}

pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Great-circle distance in metres.
pub fn haversine_m(a: Coord, b: Coord) -> f64 {
    haversine_with_cos(a, b, a.lat().to_radians().cos(), b.lat().to_radians().cos())
}

/// [`haversine_m`] given the cosines of both latitudes.
fn haversine_with_cos(a: Coord, b: Coord, cos_a: f64, cos_b: f64) -> f64 {
    let (lat1, lat2) = (a.lat().to_radians(), b.lat().to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b.lon() - a.lon()).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + cos_a * cos_b * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().asin()
}

/// A walk along a line, vertex by vertex: each latitude's cosine is computed once, not for
/// both segments it ends (routes are walked for every length and profile).
#[derive(Default)]
pub struct Walk {
    previous: Option<(Coord, f64)>,
}

impl Walk {
    /// Metres from the previous vertex to `c` (0 for the first).
    pub fn to(&mut self, c: Coord) -> f64 {
        let cos = c.lat().to_radians().cos();
        let step = self
            .previous
            .map_or(0.0, |(p, cos_p)| haversine_with_cos(p, c, cos_p, cos));
        self.previous = Some((c, cos));
        step
    }
}

/// Where a point lies relative to a route.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Location {
    /// Metres from the point to the nearest place on the route.
    pub distance_m: f64,
    /// Metres along the route, from its start, to that place.
    pub along_m: f64,
}

impl Geometry {
    /// Length of the route's lines along the Earth's surface, in metres.
    pub fn length_m(&self) -> f64 {
        // One running sum over every line, as the segments were always added.
        let mut total = 0.0;
        for line in self.lines() {
            let mut walk = Walk::default();
            for c in line {
                total += walk.to(*c);
            }
        }
        total
    }

    /// Whether this geometry's lines or vertices meet the area of `area` (a Polygon or
    /// MultiPolygon; false for other shapes).
    pub fn meets_area(&self, area: &Geometry) -> bool {
        let polygons: Vec<&Vec<Vec<Coord>>> = match area {
            Geometry::Polygon(rings) => vec![rings],
            Geometry::MultiPolygon(polygons) => polygons.iter().collect(),
            Geometry::Collection(geometries) => return geometries.iter().any(|g| self.meets_area(g)),
            _ => return false,
        };
        let (Some(a), Some(b)) = (self.bbox(), area.bbox()) else {
            return false;
        };
        if !bboxes_overlap(a, b) {
            return false;
        }
        polygons.into_iter().any(|rings| {
            let Some(outer) = rings.first() else { return false };
            let inside = |c: &Coord| {
                ring_contains(outer, c.lon(), c.lat())
                    && !rings[1..]
                        .iter()
                        .any(|hole| ring_contains(hole, c.lon(), c.lat()))
            };
            self.coords().any(inside)
                || self.lines().iter().any(|line| {
                    line.windows(2).any(|s| {
                        rings
                            .iter()
                            .any(|ring| ring.windows(2).any(|e| segments_cross(s[0], s[1], e[0], e[1])))
                    })
                })
        })
    }
}

fn segments_cross(a: Coord, b: Coord, c: Coord, d: Coord) -> bool {
    let orient = |p: Coord, q: Coord, r: Coord| {
        (q.lon() - p.lon()) * (r.lat() - p.lat()) - (q.lat() - p.lat()) * (r.lon() - p.lon())
    };
    let (d1, d2) = (orient(c, d, a), orient(c, d, b));
    let (d3, d4) = (orient(a, b, c), orient(a, b, d));
    (d1 > 0.0) != (d2 > 0.0) && (d3 > 0.0) != (d4 > 0.0)
}

/// `[west, south, east, north]` grown by `metres` on every side.
pub fn expand_bbox([w, s, e, n]: [f64; 4], metres: f64) -> [f64; 4] {
    let dlat = metres / EARTH_RADIUS_M.to_radians();
    let k = ((s + n) / 2.0).to_radians().cos().max(0.01);
    let dlon = dlat / k;
    [w - dlon, s - dlat, e + dlon, n + dlat]
}

/// West, south, east, north of some vertices; `None` without any.
pub fn bbox_of<'a>(coords: impl IntoIterator<Item = &'a Coord>) -> Option<[f64; 4]> {
    coords.into_iter().fold(None, |acc, c| {
        Some(match acc {
            None => [c.lon(), c.lat(), c.lon(), c.lat()],
            Some([w, s, e, n]) => [w.min(c.lon()), s.min(c.lat()), e.max(c.lon()), n.max(c.lat())],
        })
    })
}

/// Whether two `[west, south, east, north]` boxes share a point.
pub fn bboxes_overlap(a: [f64; 4], b: [f64; 4]) -> bool {
    a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}

/// Liang–Barsky clipping: does segment a→b pass through the box?
fn segment_crosses_bbox(a: Coord, b: Coord, [w, s, e, n]: [f64; 4]) -> bool {
    let (dx, dy) = (b.lon() - a.lon(), b.lat() - a.lat());
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.lon() - w),
        (dx, e - a.lon()),
        (-dy, a.lat() - s),
        (dy, n - a.lat()),
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
        if (a.lat() > y) != (b.lat() > y)
            && x < (b.lon() - a.lon()) * (y - a.lat()) / (b.lat() - a.lat()) + a.lon()
        {
            inside = !inside;
        }
    }
    inside
}

fn coord(position: &geojson::Position) -> Result<Coord, String> {
    match position.as_slice() {
        [lon, lat] => Coord::checked(*lon, *lat, None),
        [lon, lat, z, ..] => Coord::checked(*lon, *lat, Some(*z).filter(|z| z.is_finite())),
        other => Err(format!("a position needs 2 or 3 numbers, found {}", other.len())),
    }
}

fn coords(positions: &[geojson::Position]) -> Result<Vec<Coord>, String> {
    // Exactly sized: collecting into a `Result` loses the length, and the doubling growth left
    // up to half of every route's memory unused (a quarter of a large build's peak).
    let mut coords = Vec::with_capacity(positions.len());
    for position in positions {
        coords.push(coord(position)?);
    }
    Ok(coords)
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

/// A nullable geometry field. `""` is absent too; a position with a `null` (a bare `NaN` in
/// the API's output) altitude keeps its longitude and latitude, one with a `null` longitude or
/// latitude is dropped.
///
/// Read from the field's text: the `geojson` crate reads well-formed positions straight from
/// it, and only a geometry it rejects (absent numbers) goes through a JSON tree to be cleaned.
/// Going through the tree every time was a sixth of a rebuild's time.
pub fn optional<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Geometry>, D::Error> {
    let raw = <&serde_json::value::RawValue>::deserialize(deserializer)?.get();
    if matches!(raw, "null" | "\"\"") {
        return Ok(None);
    }
    if let Some(line) = super::positions::plain_line(raw) {
        return Ok(Some(line));
    }
    let geometry = match serde_json::from_str::<geojson::Geometry>(raw) {
        Ok(geometry) => geometry,
        Err(_) => {
            let value = serde_json::from_str(raw).map_err(serde::de::Error::custom)?;
            serde_json::from_value::<geojson::Geometry>(drop_absent_numbers(value))
                .map_err(serde::de::Error::custom)?
        }
    };
    Geometry::try_from(&geometry.value)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

/// A nullable geometry field read once and shared.
pub fn optional_shared<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<std::sync::Arc<Geometry>>, D::Error> {
    Ok(optional(deserializer)?.map(std::sync::Arc::new))
}

/// Cleans every `coordinates` array: `[x, y, null]` → `[x, y]`; `[null, y]` → removed.
fn drop_absent_numbers(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    fn clean(value: Value) -> Option<Value> {
        match value {
            Value::Array(items) if items.first().is_some_and(|v| v.is_number() || v.is_null()) => {
                let mut numbers = items;
                while numbers.len() > 2 && numbers.last().is_some_and(Value::is_null) {
                    numbers.pop();
                }
                (numbers.len() >= 2 && numbers[..2].iter().all(Value::is_number))
                    .then_some(Value::Array(numbers))
            }
            Value::Array(items) => Some(Value::Array(items.into_iter().filter_map(clean).collect())),
            other => Some(other),
        }
    }
    match value {
        Value::Object(mut map) => {
            if let Some(coordinates) = map.remove("coordinates") {
                map.insert(
                    "coordinates".into(),
                    clean(coordinates).unwrap_or(Value::Array(vec![])),
                );
            }
            if let Some(Value::Array(geometries)) = map.remove("geometries") {
                map.insert(
                    "geometries".into(),
                    Value::Array(geometries.into_iter().map(drop_absent_numbers).collect()),
                );
            }
            Value::Object(map)
        }
        other => other,
    }
}

/// A bare `[lng, lat]` array (`parking_location`, `departure_geom`), or `null`.
pub fn optional_point<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Coord>, D::Error> {
    let Some(values) = Option::<Vec<Option<f64>>>::deserialize(deserializer)? else {
        return Ok(None);
    };
    Ok(match values.as_slice() {
        [Some(lon), Some(lat), ..] => Some(Coord::new(*lon, *lat, None)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fixed-point values of every size: random, round, and near zero.
    fn sample_units() -> Vec<i32> {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut random = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut units: Vec<i32> = vec![
            0,
            1,
            -1,
            9,
            10,
            -10,
            1_000,
            10_000_000,
            -10_000_000,
            1_800_000_000,
            -1_800_000_000,
        ];
        units.extend((0..200_000).map(|_| random() as i32));
        // Rounder values: few significant digits, trailing zeros.
        units.extend((0..50_000).map(|_| {
            (random() % 200_000) as i32 * [1, 10, 100, 1000, 10_000][random() as usize % 5] - 900_000_000
        }));
        units.extend((0..20_000).map(|_| (random() % 40_000) as i32 - 20_000));
        units
    }

    #[test]
    fn json_coordinates_are_written_as_serde_json_writes_them() {
        for u in sample_units() {
            for decimals in [7, 3] {
                let mut written = Vec::new();
                match decimals {
                    7 => write_json_decimal::<7>(&mut written, u),
                    _ => write_json_decimal::<3>(&mut written, u),
                }
                let value = f64::from(u) / 10f64.powi(decimals);
                assert_eq!(
                    String::from_utf8(written).unwrap(),
                    serde_json::to_string(&value).unwrap(),
                    "{u}e-{decimals}"
                );
            }
        }
        let mut written = Vec::new();
        Coord::new(6.0, -44.7592951, Some(-12.5)).write_json_position(&mut written);
        assert_eq!(written, b"[6.0,-44.7592951,-12.5]");
        let mut written = Vec::new();
        Coord::new(0.0000012, 0.0, None).write_json_position(&mut written);
        assert_eq!(
            String::from_utf8(written).unwrap(),
            serde_json::to_string(&[0.0000012, 0.0]).unwrap()
        );
    }

    /// Coordinates are written as `Display` writes the doubles they stand for.
    #[test]
    fn coordinates_are_written_as_display_writes_them() {
        for u in sample_units() {
            for (decimals, scale) in [(7, 1e7), (3, 1e3)] {
                let mut written = Vec::new();
                match decimals {
                    7 => write_decimal::<7>(&mut written, u),
                    _ => write_decimal::<3>(&mut written, u),
                }
                assert_eq!(
                    String::from_utf8(written).unwrap(),
                    format!("{}", u as f64 / scale),
                    "{u}e-{decimals}"
                );
            }
        }
        let c = Coord::new(6.4004546, -44.7592951, Some(-12.5));
        let mut written = Vec::new();
        c.write_lon(&mut written);
        written.push(b' ');
        c.write_lat(&mut written);
        written.push(b' ');
        c.write_z(&mut written);
        Coord::new(6.0, 45.0, None).write_z(&mut written);
        assert_eq!(String::from_utf8(written).unwrap(), "6.4004546 -44.7592951 -12.5");
    }

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
        assert_eq!(point.start().unwrap().z(), Some(1200.0));
        let collection = geometry(
            r#"{"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1, 2]}]}"#,
        )
        .unwrap();
        assert_eq!(collection.coords().count(), 1);
        assert_eq!(geometry("null"), None);
    }

    #[test]
    fn absent_numbers_in_positions_are_tolerated() {
        let line = geometry(r#"{"type": "LineString", "coordinates": [[6.1, 44.8, null], [null, 44.9, 1.0], [6.2, 44.9, 1520.0]]}"#).unwrap();
        assert_eq!(line.lines()[0].len(), 2);
        assert_eq!(line.lines()[0][0].z(), None);
        assert_eq!(geometry(r#""""#), None);
    }

    #[test]
    fn vertices_come_back_as_the_decimals_served() {
        let decimals = [
            "6.4004546",
            "-1.999995",
            "0.0000001",
            "6.3688",
            "-179.9999999",
            "89.9999999",
        ];
        for text in decimals {
            let value: f64 = text.parse().unwrap();
            let c = Coord::new(value, value / 2.0, Some(value * 10.0));
            assert_eq!(c.lon(), value, "{text}");
            assert_eq!(c.lat(), (value / 2.0 * 1e7).round() / 1e7, "{text}");
        }
        for text in ["2421.0", "-12.345", "8848.86", "0"] {
            let value: f64 = text.parse().unwrap();
            assert_eq!(Coord::new(6.0, 45.0, Some(value)).z(), Some(value), "{text}");
        }
        assert_eq!(Coord::new(6.0, 45.0, None).z(), None);
        assert_eq!(Coord::new(6.0, 45.0, Some(f64::NAN)).z(), None);
    }

    /// Every vertex of the sample's real routes reads back as the API wrote it.
    #[test]
    fn real_routes_are_held_exactly() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/sample/snapshot/trek.json");
        let treks: Vec<serde_json::Value> =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut compared = 0;
        for trek in &treks {
            let served = &trek["geometry"];
            let Some(decoded) = geometry(&served.to_string()) else {
                continue;
            };
            let positions: Vec<&serde_json::Value> = match decoded {
                Geometry::LineString(_) => served["coordinates"].as_array().unwrap().iter().collect(),
                Geometry::MultiLineString(_) => served["coordinates"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|line| line.as_array().unwrap())
                    .collect(),
                _ => continue,
            };
            for (c, position) in decoded.coords().zip(positions) {
                assert_eq!(c.lon(), position[0].as_f64().unwrap());
                assert_eq!(c.lat(), position[1].as_f64().unwrap());
                assert_eq!(c.z(), position.get(2).and_then(serde_json::Value::as_f64));
                compared += 1;
            }
        }
        assert!(compared > 1000, "{compared} vertices compared");
    }

    #[test]
    fn a_position_outside_wgs84_is_an_error() {
        let projected = r#"{"geometry": {"type": "Point", "coordinates": [925000.0, 6450000.0]}}"#;
        let error = serde_json::from_str::<Holder>(projected).err().unwrap();
        assert!(
            error.to_string().contains("not a WGS84 longitude and latitude"),
            "{error}"
        );
    }

    #[test]
    fn a_malformed_position_is_an_error() {
        let result =
            serde_json::from_str::<Holder>(r#"{"geometry": {"type": "Point", "coordinates": [6.1]}}"#);
        assert!(result.is_err());
    }

    fn c(lon: f64, lat: f64) -> Coord {
        Coord::new(lon, lat, None)
    }

    #[test]
    fn lengths_are_geodesic() {
        // One degree of latitude is about 111.2 km.
        let line = Geometry::LineString(vec![c(6.0, 45.0), c(6.0, 46.0)]);
        assert!((line.length_m() - 111_195.0).abs() < 100.0, "{}", line.length_m());
    }

    #[test]
    fn a_route_meets_an_area_it_crosses() {
        let square = Geometry::Polygon(vec![vec![
            c(0.0, 0.0),
            c(1.0, 0.0),
            c(1.0, 1.0),
            c(0.0, 1.0),
            c(0.0, 0.0),
        ]]);
        let crossing = Geometry::LineString(vec![c(-1.0, 0.5), c(2.0, 0.5)]);
        let outside = Geometry::LineString(vec![c(-1.0, 2.0), c(2.0, 2.0)]);
        let inside = Geometry::LineString(vec![c(0.2, 0.2), c(0.3, 0.3)]);
        assert!(crossing.meets_area(&square) && inside.meets_area(&square));
        assert!(!outside.meets_area(&square));
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
