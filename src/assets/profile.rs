//! An elevation profile and a route thumbnail as drawing data (coordinates already scaled to
//! an SVG viewBox): the theme writes the `<svg>`, with its labels in the page's language, so a
//! trek page shows both with no JavaScript.

use std::fmt::Write;

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

use crate::model::geometry::{Coord, Geometry, Walk};

/// The profile's viewBox.
const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 200.0;
/// Vertices drawn at most: enough for a smooth line, little enough to inline.
const MAX_POINTS: usize = 300;

/// Templates also receive `area`, the line closed along the bottom for a filled `<polygon>`:
/// written when serialized, not held (a large instance's profiles would hold it twice).
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub width: f64,
    pub height: f64,
    /// `x,y x,y …` for a `<polyline>`: distance along the route against altitude.
    pub line: String,
    pub length_m: f64,
    pub min_m: f64,
    pub max_m: f64,
    /// Altitude gridlines: `y` in the viewBox, `value` in metres.
    pub altitude_ticks: Vec<Tick>,
    /// Distance gridlines: `x` in the viewBox, `value` in `distance_unit`.
    pub distance_ticks: Vec<Tick>,
    /// `km`, or `m` for a route shorter than 2 km.
    pub distance_unit: &'static str,
    /// Number of vertices drawn.
    pub points: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Tick {
    pub position: f64,
    pub value: f64,
}

/// `None` for a geometry without lines or without altitudes (2D, or all zeros: no DEM).
pub fn profile(geometry: &Geometry) -> Option<Profile> {
    if !geometry.has_elevation() {
        return None;
    }
    // (metres along, altitude), lines joined in order.
    let mut samples: Vec<(f64, f64)> = Vec::new();
    let mut walked = 0.0;
    for line in geometry.lines() {
        let mut walk = Walk::default();
        for c in line {
            walked += walk.to(*c);
            if let Some(z) = c.z() {
                samples.push((walked, z));
            }
        }
    }
    if samples.len() < 2 || walked <= 0.0 {
        return None;
    }
    let min = samples.iter().map(|s| s.1).fold(f64::INFINITY, f64::min);
    let max = samples.iter().map(|s| s.1).fold(f64::NEG_INFINITY, f64::max);
    // Some room above and below, and at least 100 m of scale so a flat walk looks flat.
    let span = (max - min).max(100.0);
    let (floor, ceil) = (min - span * 0.1, min + span * 1.1);
    let x = |d: f64| d / walked * WIDTH;
    let y = |z: f64| HEIGHT - (z - floor) / (ceil - floor) * HEIGHT;
    // Every n-th sample, plus the last, the lowest and the highest: the line reaches the
    // altitudes written beside it.
    let step = samples.len().div_ceil(MAX_POINTS).max(1);
    let extreme = |better: fn(f64, f64) -> bool| {
        (0..samples.len())
            .reduce(|a, b| if better(samples[b].1, samples[a].1) { b } else { a })
            .unwrap_or(0)
    };
    let (lowest, highest) = (extreme(|a, b| a < b), extreme(|a, b| a > b));
    let drawn: Vec<(f64, f64)> = (0..samples.len())
        .filter(|i| i % step == 0 || *i == samples.len() - 1 || *i == lowest || *i == highest)
        .map(|i| samples[i])
        .collect();
    let mut line = String::with_capacity(drawn.len() * 12);
    for (i, (d, z)) in drawn.iter().enumerate() {
        if i > 0 {
            line.push(' ');
        }
        push_tenths(&mut line, x(*d));
        line.push(',');
        push_tenths(&mut line, y(*z));
    }
    let unit_m = if walked < 2000.0 { 1.0 } else { 1000.0 };
    Some(Profile {
        width: WIDTH,
        height: HEIGHT,
        line,
        length_m: walked,
        min_m: min,
        max_m: max,
        altitude_ticks: nice_ticks(floor, ceil, 4)
            .into_iter()
            .map(|v| Tick {
                position: round1(y(v)),
                value: v,
            })
            .collect(),
        distance_ticks: nice_ticks(0.0, walked / unit_m, 5)
            .into_iter()
            .filter(|v| *v > 0.0)
            .map(|v| Tick {
                position: round1(x(v * unit_m)),
                value: v,
            })
            .collect(),
        distance_unit: if unit_m == 1.0 { "m" } else { "km" },
        points: drawn.len(),
    })
}

impl Serialize for Profile {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut fields = serializer.serialize_struct("Profile", 12)?;
        fields.serialize_field("width", &self.width)?;
        fields.serialize_field("height", &self.height)?;
        fields.serialize_field("line", &self.line)?;
        let (width, height, line) = (self.width, self.height, &self.line);
        fields.serialize_field("area", &format_args!("0,{height} {line} {width},{height}"))?;
        fields.serialize_field("length_m", &self.length_m)?;
        fields.serialize_field("min_m", &self.min_m)?;
        fields.serialize_field("max_m", &self.max_m)?;
        fields.serialize_field("altitude_ticks", &self.altitude_ticks)?;
        fields.serialize_field("distance_ticks", &self.distance_ticks)?;
        fields.serialize_field("distance_unit", &self.distance_unit)?;
        fields.serialize_field("points", &self.points)?;
        fields.end()
    }
}

/// `v` with one decimal, as `{:.1}` writes it but for exact ties (rounded away from zero) and
/// negative zero (written `0.0`). Drawings hold hundreds of thousands of such numbers, and the
/// standard formatter's exact decimal expansion was a tenth of drawing them.
fn push_tenths(out: &mut String, v: f64) {
    let tenths = (v * 10.0).round();
    if tenths.is_nan() || tenths.abs() >= 1e15 {
        let _ = write!(out, "{v:.1}");
        return;
    }
    let tenths = tenths as i64;
    if tenths < 0 {
        out.push('-');
    }
    let tenths = tenths.unsigned_abs();
    let _ = write!(out, "{}.{}", tenths / 10, tenths % 10);
}

/// A number of tenths in a path as briefly as SVG reads it: `12`, `1.5`, `.5`, `-.5`, a space
/// before it unless it follows a command letter or starts with its minus sign.
fn push_path_number(path: &mut String, tenths: i64) {
    if tenths < 0 {
        path.push('-');
    } else if path.ends_with(|c: char| c.is_ascii_digit()) {
        path.push(' ');
    }
    let (whole, tenth) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
    if whole > 0 || tenth == 0 {
        let _ = write!(path, "{whole}");
    }
    if tenth > 0 {
        let _ = write!(path, ".{tenth}");
    }
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// Round values between `low` and `high`, about `count` of them: 1, 2 or 5 × 10ⁿ apart.
fn nice_ticks(low: f64, high: f64, count: usize) -> Vec<f64> {
    let raw = (high - low) / count.max(1) as f64;
    if raw <= 0.0 || !raw.is_finite() {
        return Vec::new();
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let mut value = (low / step).ceil() * step;
    let mut ticks = Vec::new();
    while value <= high + 1e-9 {
        ticks.push((value * 1000.0).round() / 1000.0);
        value += step;
    }
    ticks
}

/// A route's shape in a 100 × 100 viewBox, as an SVG path, north up, proportions kept.
pub fn thumbnail(geometry: &Geometry) -> Option<String> {
    thumbnail_of(geometry.bbox()?, &geometry.lines())
}

/// [`thumbnail`] of a route's lines, which may be simplified already (more finely than a
/// thumbnail needs), framed on the route's box.
pub fn thumbnail_of([w, s, e, n]: [f64; 4], lines: &[&[Coord]]) -> Option<String> {
    if lines.is_empty() {
        return None;
    }
    let k = ((s + n) / 2.0).to_radians().cos();
    let (width, height) = ((e - w) * k, n - s);
    let scale = 90.0 / width.max(height).max(1e-9);
    let (dx, dy) = ((100.0 - width * scale) / 2.0, (100.0 - height * scale) / 2.0);
    // Half a pixel where themes draw it largest (about 100 px for the 100 units of the box):
    // finer detail would not show, and the path is on every card that lists the trek.
    let tolerance = width.max(height) / 180.0 / k.max(0.01);
    let mut path = String::new();
    for line in lines {
        // Tenths of a unit; after the first vertex, each is written relative to the one
        // before, which takes about half the characters.
        let mut previous: Option<(i64, i64)> = None;
        let mut relative = false;
        for c in super::simplify(line, tolerance).iter() {
            let x = ((dx + (c.lon() - w) * k * scale) * 10.0).round() as i64;
            let y = ((dy + (n - c.lat()) * scale) * 10.0).round() as i64;
            match previous {
                None => {
                    path.push('M');
                    push_path_number(&mut path, x);
                    push_path_number(&mut path, y);
                }
                Some((px, py)) if (px, py) == (x, y) => continue,
                Some((px, py)) => {
                    // Pairs after the first `l` repeat it without the letter.
                    if !relative {
                        path.push('l');
                        relative = true;
                    }
                    push_path_number(&mut path, x - px);
                    push_path_number(&mut path, y - py);
                }
            }
            previous = Some((x, y));
        }
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::geometry::Coord;

    fn c(lon: f64, lat: f64, z: Option<f64>) -> Coord {
        Coord::new(lon, lat, z)
    }

    #[test]
    fn tenths_are_written_as_the_standard_formatter_writes_them_away_from_ties() {
        for v in [
            0.0,
            0.04,
            0.06,
            1.0,
            12.34,
            599.96,
            199.99,
            -3.21,
            1e14,
            123_456.789,
        ] {
            let mut out = String::new();
            push_tenths(&mut out, v);
            assert_eq!(out, format!("{v:.1}"), "{v}");
        }
        let mut out = String::new();
        push_tenths(&mut out, -0.04);
        assert_eq!(out, "0.0");
        let mut out = String::new();
        push_tenths(&mut out, f64::NAN);
        assert_eq!(out, "NaN");
    }

    /// Templates receive the fields in the order they always had, `area` included.
    #[test]
    fn a_profile_serializes_its_area_after_its_line() {
        let line = Geometry::LineString(vec![c(6.0, 45.0, Some(1000.0)), c(6.01, 45.0, Some(1100.0))]);
        let profile = profile(&line).unwrap();
        let text = serde_json::to_string(&profile).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut keys: Vec<(usize, &str)> = json
            .as_object()
            .unwrap()
            .keys()
            .map(|k| (text.find(&format!("\"{k}\":")).unwrap(), k.as_str()))
            .collect();
        keys.sort();
        assert_eq!(
            keys.into_iter().map(|(_, k)| k).collect::<Vec<_>>(),
            [
                "width",
                "height",
                "line",
                "area",
                "length_m",
                "min_m",
                "max_m",
                "altitude_ticks",
                "distance_ticks",
                "distance_unit",
                "points"
            ]
        );
        assert_eq!(json["area"], format!("0,200 {} 600,200", profile.line));
    }

    #[test]
    fn a_profile_spans_the_route_and_its_altitudes() {
        let line = Geometry::LineString(vec![
            c(6.0, 45.0, Some(1000.0)),
            c(6.0, 45.01, Some(1500.0)),
            c(6.0, 45.02, Some(1200.0)),
        ]);
        let p = profile(&line).unwrap();
        assert!((p.length_m - 2224.0).abs() < 5.0, "{}", p.length_m);
        assert_eq!((p.min_m, p.max_m), (1000.0, 1500.0));
        let xs: Vec<f64> = p
            .line
            .split(' ')
            .map(|pt| pt.split(',').next().unwrap().parse().unwrap())
            .collect();
        assert_eq!(xs.first(), Some(&0.0));
        assert_eq!(xs.last(), Some(&WIDTH));
        assert_eq!(p.points, 3);
        assert!(p.altitude_ticks.iter().any(|t| t.value == 1200.0));
        assert!(p
            .distance_ticks
            .iter()
            .all(|t| t.position > 0.0 && t.position <= WIDTH));
    }

    #[test]
    fn a_long_profile_keeps_its_summit_and_a_short_one_counts_in_metres() {
        let line: Vec<Coord> = (0..1000)
            .map(|i| {
                c(
                    6.0,
                    45.0 + i as f64 * 0.0001,
                    Some(if i == 501 { 3000.0 } else { 1000.0 + i as f64 }),
                )
            })
            .collect();
        let p = profile(&Geometry::LineString(line)).unwrap();
        assert!(p.points <= MAX_POINTS + 3, "{}", p.points);
        let top = 200.0 - (3000.0 - (1000.0 - 200.0)) / 2400.0 * 200.0;
        assert!(
            p.line.contains(&format!(",{top:.1}")),
            "the summit is drawn: {}",
            p.line
        );
        assert_eq!(p.distance_unit, "km");
        let short = profile(&Geometry::LineString(vec![
            c(6.0, 45.0, Some(1000.0)),
            c(6.0, 45.001, Some(1010.0)),
        ]))
        .unwrap();
        assert_eq!(short.distance_unit, "m");
        assert!(
            short.distance_ticks.iter().all(|t| t.value >= 10.0),
            "{:?}",
            short.distance_ticks
        );
    }

    #[test]
    fn no_profile_without_altitudes() {
        assert_eq!(
            profile(&Geometry::LineString(vec![
                c(6.0, 45.0, None),
                c(6.1, 45.1, None)
            ])),
            None
        );
        assert_eq!(
            profile(&Geometry::LineString(vec![
                c(6.0, 45.0, Some(0.0)),
                c(6.1, 45.1, Some(0.0))
            ])),
            None
        );
        assert_eq!(profile(&Geometry::Point(c(6.0, 45.0, Some(1000.0)))), None);
    }

    #[test]
    fn a_thumbnail_fits_its_box() {
        let path = thumbnail(&Geometry::LineString(vec![
            c(6.0, 45.0, None),
            c(6.1, 45.1, None),
            c(6.2, 45.0, None),
        ]))
        .unwrap();
        let points = path_points(&path);
        assert_eq!(points.len(), 3, "{path}");
        for (x, y) in &points {
            assert!((0.0..=100.0).contains(x) && (0.0..=100.0).contains(y), "{path}");
        }
        // The route is wider than high: it spans 90 units across, centred vertically.
        assert_eq!((points[0].0, points[2].0), (5.0, 95.0));
        assert_eq!(points[0].1, points[2].1);
        assert!((points[1].1 + points[0].1 - 100.0).abs() < 0.2, "{path}");
    }

    /// The absolute vertices of a path of `M` and `l` commands, read as SVG reads them.
    fn path_points(path: &str) -> Vec<(f64, f64)> {
        let mut numbers = Vec::new();
        let mut commands = Vec::new();
        let mut current = String::new();
        let flush = |current: &mut String, numbers: &mut Vec<f64>| {
            if !current.is_empty() {
                numbers.push(current.parse::<f64>().unwrap());
                current.clear();
            }
        };
        for ch in path.chars() {
            match ch {
                'M' | 'l' => {
                    flush(&mut current, &mut numbers);
                    commands.push((ch, numbers.len()));
                }
                ' ' => flush(&mut current, &mut numbers),
                '-' => {
                    flush(&mut current, &mut numbers);
                    current.push(ch);
                }
                '.' if current.contains('.') => {
                    flush(&mut current, &mut numbers);
                    current.push(ch);
                }
                _ => current.push(ch),
            }
        }
        flush(&mut current, &mut numbers);
        let mut points = Vec::new();
        let mut at = (0.0, 0.0);
        for (i, pair) in numbers.chunks(2).enumerate() {
            let command = commands
                .iter()
                .rev()
                .find(|(_, start)| *start <= 2 * i)
                .unwrap()
                .0;
            at = match command {
                'M' => (pair[0], pair[1]),
                _ => (at.0 + pair[0], at.1 + pair[1]),
            };
            points.push(((at.0 * 10.0_f64).round() / 10.0, (at.1 * 10.0_f64).round() / 10.0));
        }
        points
    }

    #[test]
    fn thumbnail_numbers_are_brief_and_read_back() {
        let mut path = String::from("M");
        for tenths in [0, 5, -5, 10, 15, -123, 7, 0] {
            push_path_number(&mut path, tenths);
        }
        assert_eq!(path, "M0 .5-.5 1 1.5-12.3 .7 0");
        // Pairs after `M` are absolute, as SVG reads them.
        assert_eq!(
            path_points(&path),
            [(0.0, 0.5), (-0.5, 1.0), (1.5, -12.3), (0.7, 0.0)]
        );
    }
}
