//! Files and drawings made from geometry at build time: GPS downloads (`downloads`), the
//! elevation profile and route thumbnail drawn without JavaScript (`profile`), and the data the
//! interactive maps load (`map`). Pure functions of a geometry and a few texts: the render jobs
//! call them and write what they return.

pub mod downloads;
pub mod map;
pub mod profile;
pub mod search;

use geo::SimplifyIdx;

use crate::model::geometry::Coord;

/// The vertices Ramer–Douglas–Peucker keeps at `tolerance` degrees, altitudes included.
///
/// Not remembered: a cache of every simplified route was a tenth of a large build's memory,
/// and recomputing costs less than that memory did.
pub fn simplify(line: &[Coord], tolerance: f64) -> Vec<Coord> {
    if line.len() <= 2 || tolerance <= 0.0 {
        return line.to_vec();
    }
    let planar: geo::LineString<f64> = line.iter().map(|c| geo::coord! { x: c.lon, y: c.lat }).collect();
    planar
        .simplify_idx(tolerance)
        .into_iter()
        .map(|i| line[i])
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
}
