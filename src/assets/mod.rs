//! Files and drawings made from geometry at build time: GPS downloads (`downloads`), the
//! elevation profile and route thumbnail drawn without JavaScript (`profile`), and the data the
//! interactive maps load (`map`). Pure functions of a geometry and a few texts: the render jobs
//! call them and write what they return.

pub mod downloads;
pub mod map;
pub mod profile;
pub mod search;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use geo::SimplifyIdx;

use crate::model::geometry::{vertex_bytes, Coord};

/// The vertices Ramer–Douglas–Peucker keeps at `tolerance` degrees, altitudes included.
///
/// A trek's line is simplified at the same tolerance for its page in every language, its
/// thumbnail and the global map, and again by every incremental build that fingerprints those
/// pages: results are remembered by the line's content.
pub fn simplify(line: &[Coord], tolerance: f64) -> Vec<Coord> {
    if line.len() <= 2 || tolerance <= 0.0 {
        return line.to_vec();
    }
    let key = simplify_key(line, tolerance);
    let cache = SIMPLIFIED.get_or_init(Mutex::default);
    if let Some(kept) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return kept.to_vec();
    }
    let planar: geo::LineString<f64> = line.iter().map(|c| geo::coord! { x: c.lon, y: c.lat }).collect();
    let kept: Arc<[Coord]> = planar
        .simplify_idx(tolerance)
        .into_iter()
        .map(|i| line[i])
        .collect();
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    // Bounded: a long-running process (a preview server) must not grow without end.
    if cache.len() >= SIMPLIFIED_MAX {
        cache.clear();
    }
    cache.insert(key, kept.clone());
    kept.to_vec()
}

const SIMPLIFIED_MAX: usize = 200_000;
static SIMPLIFIED: OnceLock<Mutex<HashMap<u128, Arc<[Coord]>>>> = OnceLock::new();

fn simplify_key(line: &[Coord], tolerance: f64) -> u128 {
    let mut bytes = vertex_bytes(line);
    bytes.extend_from_slice(&tolerance.to_bits().to_le_bytes());
    xxhash_rust::xxh3::xxh3_128(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplification_keeps_the_ends_and_drops_aligned_points() {
        let c = |lon: f64, lat: f64| Coord {
            lon,
            lat,
            z: Some(lat),
        };
        let line = [c(0.0, 0.0), c(1.0, 0.000_001), c(2.0, 0.0), c(3.0, 1.0)];
        let kept = simplify(&line, 0.001);
        assert_eq!(kept, [c(0.0, 0.0), c(2.0, 0.0), c(3.0, 1.0)]);
    }
}
