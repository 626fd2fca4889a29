//! Files and drawings made from geometry at build time: GPS downloads (`downloads`), the
//! elevation profile and route thumbnail drawn without JavaScript (`profile`), and the data the
//! interactive maps load (`map`). Pure functions of a geometry and a few texts: the render jobs
//! call them and write what they return.

pub mod downloads;
pub mod map;
pub mod profile;
pub mod search;

use simplify_polyline::Point;

use crate::model::geometry::Coord;

/// The vertices Ramer–Douglas–Peucker keeps at `tolerance` degrees, altitudes included.
///
/// Distances are compared squared: `geo`'s simplification takes a `hypot` per vertex and
/// level, and was a tenth of an incremental build's time.
///
/// Not remembered: a cache of every simplified route was a tenth of a large build's memory,
/// and recomputing costs less than that memory did.
pub fn simplify(line: &[Coord], tolerance: f64) -> Vec<Coord> {
    if line.len() <= 2 || tolerance <= 0.0 {
        return line.to_vec();
    }
    let planar: Vec<Point<2, f64>> = line
        .iter()
        .map(|c| Point {
            vec: [c.lon(), c.lat()],
        })
        .collect();
    // `true`: Douglas–Peucker only; the radial pre-pass trades the result for speed.
    let kept = simplify_polyline::simplify(&planar, tolerance, true);
    // The kept points are a subsequence of the line's: walk both to recover the altitudes.
    let mut vertices = line.iter().zip(&planar);
    kept.iter()
        .filter_map(|point| vertices.find(|(_, p)| *p == point).map(|(c, _)| *c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplification_keeps_the_ends_and_drops_aligned_points() {
        let c = |lon: f64, lat: f64| Coord::new(lon, lat, Some(lat));
        let line = [c(0.0, 0.0), c(1.0, 0.000_001), c(2.0, 0.0), c(3.0, 1.0)];
        let kept = simplify(&line, 0.001);
        assert_eq!(kept, [c(0.0, 0.0), c(2.0, 0.0), c(3.0, 1.0)]);
    }

    /// On the sample's real routes, at both maps' default tolerances: the ends are kept, the
    /// kept vertices are the route's in order, every dropped vertex lies within the tolerance
    /// of the kept segment spanning it, and about as many vertices are kept as `geo`'s
    /// simplification keeps (ties at the tolerance may differ).
    #[test]
    fn simplification_is_douglas_peucker_on_real_routes() {
        use geo::SimplifyIdx;
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/sample/snapshot/trek.json");
        let treks: Vec<serde_json::Value> =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let segment_distance = |p: Coord, a: Coord, b: Coord| {
            let (dx, dy) = (b.lon() - a.lon(), b.lat() - a.lat());
            let length = dx * dx + dy * dy;
            let t = if length > 0.0 {
                (((p.lon() - a.lon()) * dx + (p.lat() - a.lat()) * dy) / length).clamp(0.0, 1.0)
            } else {
                0.0
            };
            (p.lon() - a.lon() - t * dx).hypot(p.lat() - a.lat() - t * dy)
        };
        let mut compared = 0;
        for trek in &treks {
            let Some(coordinates) = trek["geometry"]["coordinates"].as_array() else {
                continue;
            };
            let line: Vec<Coord> = coordinates
                .iter()
                .map(|p| Coord::new(p[0].as_f64().unwrap(), p[1].as_f64().unwrap(), p[2].as_f64()))
                .collect();
            let planar: geo::LineString<f64> = line
                .iter()
                .map(|c| geo::coord! { x: c.lon(), y: c.lat() })
                .collect();
            for tolerance in [0.00002, 0.0002] {
                let kept = simplify(&line, tolerance);
                assert_eq!((kept[0], kept[kept.len() - 1]), (line[0], line[line.len() - 1]));
                let mut at = 0;
                for pair in kept.windows(2) {
                    let start = at
                        + line[at..]
                            .iter()
                            .position(|c| *c == pair[0])
                            .expect("a route vertex");
                    let end = start
                        + 1
                        + line[start + 1..]
                            .iter()
                            .position(|c| *c == pair[1])
                            .expect("in order");
                    for dropped in &line[start + 1..end] {
                        assert!(segment_distance(*dropped, pair[0], pair[1]) <= tolerance * (1.0 + 1e-9));
                    }
                    at = end;
                }
                let by_geo = planar.simplify_idx(tolerance).len();
                assert!(
                    kept.len().abs_diff(by_geo) * 50 <= by_geo,
                    "trek {}: {} against {by_geo}",
                    trek["id"],
                    kept.len()
                );
                compared += 1;
            }
        }
        assert!(compared >= 40, "{compared} routes compared");
    }
}
