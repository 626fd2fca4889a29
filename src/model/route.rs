//! A route prepared for many "where is this point along it" questions: a trek page asks it for
//! every point of interest, content and event around, and a 3,000-vertex line walked whole for
//! each made that the largest cost of a build. The vertices are cut into runs of
//! [`RUN_VERTICES`], each with its bounding box and the distance walked to its first vertex, so
//! a question about a point within some distance reads only the runs whose box is that close.

use super::geometry::{bbox_of, bboxes_overlap, expand_bbox, Coord, Geometry, Location, EARTH_RADIUS_M};

const RUN_VERTICES: usize = 32;

/// The lines of a geometry (or its vertices, each alone, when it has no lines) with the
/// distance walked to every vertex.
pub struct Route<'a> {
    lines: Vec<&'a [Coord]>,
    /// Per line, metres from the route's start to each vertex.
    walked: Vec<Vec<f64>>,
    runs: Vec<Run>,
}

/// Segments `first..last` of one line (vertex indexes, `last` included).
struct Run {
    line: usize,
    first: usize,
    last: usize,
    bbox: [f64; 4],
}

impl<'a> Route<'a> {
    pub fn new(geometry: &'a Geometry) -> Option<Route<'a>> {
        let mut lines = geometry.lines();
        // Points have no length: each is a line of one vertex, reached after 0 m.
        let points_only = lines.is_empty();
        if points_only {
            lines = geometry.coords().map(std::slice::from_ref).collect();
        }
        if lines.iter().all(|line| line.is_empty()) {
            return None;
        }
        let mut walked = Vec::with_capacity(lines.len());
        let mut runs = Vec::new();
        let mut total = 0.0;
        // Distances along the route in one planar frame at its middle latitude: a walk spans a
        // few kilometres, where that is within a thousandth of the great circle, and it saves
        // two sines and cosines per vertex.
        let [_, south, _, north] = geometry.bbox()?;
        let k = ((south + north) / 2.0).to_radians().cos();
        let per_degree = EARTH_RADIUS_M.to_radians();
        let step = |a: Coord, b: Coord| {
            let (dx, dy) = ((b.lon() - a.lon()) * k, b.lat() - a.lat());
            (dx * dx + dy * dy).sqrt() * per_degree
        };
        for (index, line) in lines.iter().enumerate() {
            let mut at = Vec::with_capacity(line.len());
            for (i, c) in line.iter().enumerate() {
                if i > 0 && !points_only {
                    total += step(line[i - 1], *c);
                }
                at.push(total);
            }
            walked.push(at);
            let mut first = 0;
            while first < line.len() {
                // Runs share their boundary vertex, so every segment is in one run.
                let last = (first + RUN_VERTICES).min(line.len() - 1);
                runs.push(Run {
                    line: index,
                    first,
                    last,
                    bbox: bbox_of(&line[first..=last])?,
                });
                if last == line.len() - 1 {
                    break;
                }
                first = last;
            }
        }
        Some(Route { lines, walked, runs })
    }

    /// The nearest place on the route to `point`, when it is at most `max_m` away.
    pub fn locate_within(&self, point: Coord, max_m: f64) -> Option<Location> {
        let reach = expand_bbox([point.lon(), point.lat(), point.lon(), point.lat()], max_m);
        // One local planar frame per question: exact enough over a few kilometres.
        let k = point.lat().to_radians().cos();
        let per_degree = EARTH_RADIUS_M.to_radians();
        let planar = |c: Coord| {
            (
                (c.lon() - point.lon()) * k * per_degree,
                (c.lat() - point.lat()) * per_degree,
            )
        };
        // Squared distances until the end: a square root per segment is most of the cost.
        let mut best: Option<Location> = None;
        for run in self.runs.iter().filter(|r| bboxes_overlap(r.bbox, reach)) {
            let line = self.lines[run.line];
            let walked = &self.walked[run.line];
            if run.first == run.last {
                let (x, y) = planar(line[run.first]);
                consider(&mut best, x * x + y * y, walked[run.first]);
                continue;
            }
            let mut a = planar(line[run.first]);
            for i in run.first..run.last {
                let b = planar(line[i + 1]);
                let (dx, dy) = (b.0 - a.0, b.1 - a.1);
                let squared = dx * dx + dy * dy;
                let t = if squared == 0.0 {
                    0.0
                } else {
                    (-(a.0 * dx + a.1 * dy) / squared).clamp(0.0, 1.0)
                };
                let (px, py) = (a.0 + t * dx, a.1 + t * dy);
                let along = walked[i] + t * (walked[i + 1] - walked[i]);
                consider(&mut best, px * px + py * py, along);
                a = b;
            }
        }
        best.map(|b| Location {
            distance_m: b.distance_m.sqrt(),
            ..b
        })
        .filter(|b| b.distance_m <= max_m)
    }

    /// The smallest distance from any vertex of `other` to this route, when at most `max_m`.
    pub fn distance_within(&self, other: &Geometry, max_m: f64) -> Option<f64> {
        other
            .coords()
            .filter_map(|c| self.locate_within(*c, max_m))
            .map(|l| l.distance_m)
            .min_by(f64::total_cmp)
    }
}

/// Keeps the nearer place; `distance_m` holds squared metres here.
fn consider(best: &mut Option<Location>, squared: f64, along_m: f64) {
    // Ties keep the first place along the route.
    if best.is_none_or(|b| squared < b.distance_m) {
        *best = Some(Location {
            distance_m: squared,
            along_m,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(lon: f64, lat: f64) -> Coord {
        Coord::new(lon, lat, None)
    }

    /// Metres east, as degrees of longitude at `lat`.
    fn east(metres: f64, lat: f64) -> f64 {
        metres / (EARTH_RADIUS_M.to_radians() * lat.to_radians().cos())
    }

    #[test]
    fn a_point_is_located_along_a_route() {
        let line = Geometry::LineString(vec![c(6.0, 45.0), c(6.0, 45.01), c(6.01, 45.01)]);
        let route = Route::new(&line).unwrap();
        // 100 m east of the first segment's middle.
        let location = route
            .locate_within(c(6.0 + east(100.0, 45.005), 45.005), 500.0)
            .unwrap();
        assert!((location.distance_m - 100.0).abs() < 1.0, "{location:?}");
        assert!((location.along_m - 556.0).abs() < 2.0, "{location:?}");
        assert_eq!(
            route.locate_within(c(6.0 + east(600.0, 45.005), 45.005), 500.0),
            None
        );
    }

    #[test]
    fn a_long_route_is_read_in_runs_that_agree_with_walking_it_whole() {
        // A zigzag of 1,000 vertices: the answer must not depend on where runs are cut.
        let line: Vec<Coord> = (0..1000)
            .map(|i| {
                c(
                    6.0 + i as f64 * 0.0005,
                    45.0 + if i % 2 == 0 { 0.0 } else { 0.0003 },
                )
            })
            .collect();
        let geometry = Geometry::LineString(line.clone());
        let route = Route::new(&geometry).unwrap();
        for probe in [
            c(6.0123, 45.0011),
            c(6.2, 44.9995),
            c(6.49, 45.0002),
            c(5.9995, 45.0),
        ] {
            let brute = line
                .windows(2)
                .enumerate()
                .map(|(i, w)| {
                    let single = Geometry::LineString(w.to_vec());
                    let local = Route::new(&single).unwrap().locate_within(probe, 1e6).unwrap();
                    (local.distance_m, route.walked[0][i] + local.along_m)
                })
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .unwrap();
            let found = route.locate_within(probe, 1_000.0).unwrap();
            assert!(
                (found.distance_m - brute.0).abs() < 1e-6,
                "{probe:?}: {found:?} vs {brute:?}"
            );
            assert!(
                (found.along_m - brute.1).abs() < 0.5,
                "{probe:?}: {found:?} vs {brute:?}"
            );
        }
    }

    #[test]
    fn points_are_their_own_runs_at_the_start() {
        let points = Geometry::MultiPoint(vec![c(6.0, 45.0), c(6.1, 45.0)]);
        let route = Route::new(&points).unwrap();
        let location = route.locate_within(c(6.1, 45.0), 10.0).unwrap();
        assert_eq!(location.along_m, 0.0);
        assert!(location.distance_m < 1e-6);
        assert!(Route::new(&Geometry::MultiPoint(Vec::new())).is_none());
    }

    #[test]
    fn the_distance_to_another_geometry_is_from_its_nearest_vertex() {
        let line = Geometry::LineString(vec![c(6.0, 45.0), c(6.0, 45.01)]);
        let route = Route::new(&line).unwrap();
        let square = Geometry::Polygon(vec![vec![
            c(6.0 + east(300.0, 45.005), 45.004),
            c(6.0 + east(50.0, 45.005), 45.005),
            c(6.0 + east(300.0, 45.006), 45.006),
        ]]);
        let distance = route.distance_within(&square, 1_000.0).unwrap();
        assert!((distance - 50.0).abs() < 1.0, "{distance}");
        assert_eq!(route.distance_within(&square, 10.0), None);
    }
}
