//! A synthetic Geotrek instance of any size, for benchmarks and tests: the objects a
//! Geotrek-admin 2.116 with the fr, en and it languages serves under `/api/v2/`, in the
//! all-languages form sentier fetches, with routes, translations and references shaped like a
//! real instance's. Real instances cannot be redistributed, and the sample has 40 treks.
//!
//! The instance is a function of (number of treks, seed), byte for byte: the random numbers
//! come from SplitMix64 (a fixed algorithm, not a crate whose streams may change), and a trek's
//! data from a generator seeded by (seed, trek id) alone, so 1,000 treks are the first 1,000 of
//! 5,000. Only itineraries depend on the count: the treks are made in blocks of 40 ids, and a
//! block holds an itinerary (a parent and its steps, at its end) only when it is complete.
//! Geometry goes through the platform's `sin`/`cos`, which another libm could round
//! differently in a last bit; coordinates are rounded to 7 decimals and altitudes to the metre,
//! which absorbs that in all but rare cases.
//!
//! Three outputs: [`Instance`], every object as a `serde_json::Value`; a sentier snapshot
//! directory ([`write_snapshot`] streams it block by block, so 20,000 treks never sit in memory);
//! and the mock API's [`MockData`], to serve it over HTTP.
//!
//! It does not depend on sentier: it describes what an instance serves, not what sentier reads.

#![allow(dead_code)]

#[path = "synth_text.rs"]
mod text;

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{json, Map, Value};

use super::mock_api::MockData;
use text::Tr;

pub const HOST: &str = "https://synthetic.example.org";
pub const API: &str = "https://synthetic.example.org/api/v2/";
pub const API_VERSION: &str = "2.116.0";
pub const LANGUAGES: [&str; 3] = ["fr", "en", "it"];
/// The instance's extent, west, south, east, north: the southern French Alps.
pub const BBOX: [f64; 4] = [5.8, 44.5, 7.0, 45.5];
/// Trek ids are made in blocks of this many; the last ids of a complete block may form an
/// itinerary.
pub const BLOCK: u64 = 40;

/// The endpoints a snapshot holds: sentier's catalogue (`src/endpoint.rs`), which pulls each of
/// them whatever its content.
pub const SNAPSHOT_ENDPOINTS: &[&str] = &[
    "city",
    "district",
    "flatpage",
    "informationdesk",
    "informationdesk_type",
    "label",
    "label_accessibility",
    "menu_item",
    "organism",
    "outdoor_course",
    "outdoor_coursetype",
    "outdoor_practice",
    "outdoor_rating",
    "outdoor_ratingscale",
    "outdoor_sector",
    "outdoor_site",
    "outdoor_sitetype",
    "poi",
    "poi_type",
    "portal",
    "reservationsystem",
    "sensitivearea",
    "sensitivearea_practice",
    "source",
    "structure",
    "theme",
    "touristiccontent",
    "touristiccontent_category",
    "touristicevent",
    "touristicevent_type",
    "trek",
    "trek_accessibility",
    "trek_accessibility_level",
    "trek_difficulty",
    "trek_network",
    "trek_practice",
    "trek_rating",
    "trek_ratingscale",
    "trek_route",
    "weblink_category",
];
/// Served by the instance but not pulled by sentier.
const OTHER_ENDPOINTS: &[&str] = &["touristicevent_organizer"];
/// The `fields=` sentier sends (city geometries are heavy), applied to what a snapshot keeps.
const SNAPSHOT_FIELDS: &[(&str, &[&str])] = &[
    ("city", &["id", "code", "name", "published"]),
    ("district", &["id", "name", "published"]),
];

/// Most objects made with one trek (POIs, contents; events are one at most) or one block
/// (sensitive areas, outdoor courses): their ids derive from the trek's or block's, whatever
/// the number of treks.
const POI_SLOTS: u64 = 8;
const CONTENT_SLOTS: u64 = 2;
const AREA_SLOTS: u64 = 2;
const COURSE_SLOTS: u64 = 3;

const CITY_COLUMNS: usize = 12;
const CITY_ROWS: usize = 10;
const DISTRICT_COLUMNS: usize = 4;
const DISTRICT_ROWS: usize = 3;
const DESKS_PER_DISTRICT: usize = 2;

/// Mean Earth radius, as sentier's haversine uses it.
const EARTH_RADIUS_M: f64 = 6_371_008.8;
const METRES_PER_DEGREE: f64 = EARTH_RADIUS_M * std::f64::consts::PI / 180.0;

// ---------------------------------------------------------------------------------------------
// Random numbers

/// SplitMix64: tiny, fast, statistically sound for this use, and fixed forever.
#[derive(Clone)]
pub struct Rng(u64);

/// What a generator is for, so that two kinds of objects with the same id draw different
/// numbers.
#[derive(Clone, Copy)]
enum Stream {
    World = 1,
    Block = 2,
    Trek = 3,
    Poi = 4,
    Content = 5,
    Event = 6,
    Area = 7,
    Outdoor = 8,
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    fn new(seed: u64, stream: Stream, id: u64) -> Rng {
        let mut state = mix(seed.wrapping_add(0x9E37_79B9_7F4A_7C15));
        state = mix(state ^ (stream as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
        Rng(mix(state ^ id.wrapping_mul(0x8CB9_2BA7_2F3D_8DD7)))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in [0, 1).
    fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn between(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.f64()
    }

    /// Uniform in `low..=high`.
    fn range(&mut self, low: u64, high: u64) -> u64 {
        low + ((u128::from(self.next_u64()) * u128::from(high - low + 1)) >> 64) as u64
    }

    fn index(&mut self, len: usize) -> usize {
        self.range(0, len as u64 - 1) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    /// An index drawn with these weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let mut left = self.range(1, weights.iter().map(|w| u64::from(*w)).sum());
        for (i, w) in weights.iter().enumerate() {
            if left <= u64::from(*w) {
                return i;
            }
            left -= u64::from(*w);
        }
        weights.len() - 1
    }

    /// Close to a standard normal (Irwin–Hall, four uniforms): plain arithmetic, so the same
    /// on every platform, unlike libm's logarithms and cosines.
    fn normal(&mut self) -> f64 {
        (self.f64() + self.f64() + self.f64() + self.f64() - 2.0) * 3f64.sqrt()
    }

    /// `count` distinct ids in `1..=max`, ascending.
    fn ids(&mut self, count: usize, max: usize) -> Vec<u64> {
        let mut ids = BTreeSet::new();
        while ids.len() < count.min(max) {
            ids.insert(self.range(1, max as u64));
        }
        ids.into_iter().collect()
    }

    fn uuid(&mut self) -> String {
        let (a, b) = (self.next_u64(), self.next_u64());
        format!(
            "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            8 + (b >> 62),
            (b >> 48) & 0xfff,
            b & 0xffff_ffff_ffff
        )
    }
}

// ---------------------------------------------------------------------------------------------
// The instance

/// Every object of the instance, as the API serves it without `language=`.
pub struct Instance {
    pub treks: usize,
    pub seed: u64,
    /// When the instance was "pulled": events are dated around it, objects edited before it.
    pub fetched_at: String,
    /// What each list route serves, by endpoint; every endpoint the instance serves is a key.
    pub lists: BTreeMap<String, Vec<Value>>,
    /// What only the detail routes serve: itinerary steps published in no language.
    pub details: BTreeMap<String, Vec<Value>>,
}

/// The instance of `treks` treks made from `seed`.
pub fn generate(treks: usize, seed: u64) -> Instance {
    let mut instance = Instance {
        treks,
        seed,
        fetched_at: rfc3339(fetched_at(seed)),
        lists: SNAPSHOT_ENDPOINTS
            .iter()
            .chain(OTHER_ENDPOINTS)
            .map(|e| (e.to_string(), Vec::new()))
            .collect(),
        details: BTreeMap::new(),
    };
    produce(treks, seed, &mut instance).expect("collecting in memory cannot fail");
    instance
}

/// Writes the instance of `treks` treks made from `seed` as a sentier snapshot in `dir`, one
/// block of treks at a time. The same bytes as `generate(treks, seed).write_snapshot(dir)`.
pub fn write_snapshot(treks: usize, seed: u64, dir: &Path) -> io::Result<Written> {
    let mut writer = SnapshotWriter::create(dir, seed, treks)?;
    produce(treks, seed, &mut writer)?;
    let details = std::mem::take(&mut writer.details);
    writer.finish(&details)
}

impl Instance {
    /// Writes this instance as a sentier snapshot in `dir`.
    pub fn write_snapshot(&self, dir: &Path) -> io::Result<Written> {
        let mut writer = SnapshotWriter::create(dir, self.seed, self.treks)?;
        for (endpoint, objects) in &self.lists {
            for object in objects {
                writer.write(endpoint, object)?;
            }
        }
        writer.finish(&self.details)
    }

    /// What the mock API needs to serve this instance.
    pub fn to_mock_data(&self) -> MockData {
        MockData {
            lists: self.lists.clone(),
            details: self.details.clone(),
            version: Some(API_VERSION.to_string()),
            bbox: Some(BBOX),
            served: self.lists.keys().cloned().collect(),
        }
    }

    /// The same, without copying: thousands of 3D routes weigh gigabytes as `Value`s.
    pub fn into_mock_data(self) -> MockData {
        MockData {
            served: self.lists.keys().cloned().collect(),
            lists: self.lists,
            details: self.details,
            version: Some(API_VERSION.to_string()),
            bbox: Some(BBOX),
        }
    }

    /// Every object of `endpoint`, listed or not.
    pub fn objects<'a>(&'a self, endpoint: &str) -> impl Iterator<Item = &'a Value> + 'a {
        let lists = self.lists.get(endpoint).into_iter().flatten();
        lists.chain(self.details.get(endpoint).into_iter().flatten())
    }
}

/// Where the objects go as they are made: an [`Instance`] or a snapshot being written.
trait Sink {
    fn list(&mut self, endpoint: &'static str, object: Value) -> io::Result<()>;
    fn detail(&mut self, endpoint: &'static str, object: Value) -> io::Result<()>;
}

impl Sink for Instance {
    fn list(&mut self, endpoint: &'static str, object: Value) -> io::Result<()> {
        self.lists.entry(endpoint.to_string()).or_default().push(object);
        Ok(())
    }

    fn detail(&mut self, endpoint: &'static str, object: Value) -> io::Result<()> {
        self.details.entry(endpoint.to_string()).or_default().push(object);
        Ok(())
    }
}

fn produce(treks: usize, seed: u64, sink: &mut impl Sink) -> io::Result<()> {
    let world = World::new(seed);
    world.shared(sink)?;
    let blocks = (treks as u64).div_ceil(BLOCK);
    for block in 0..blocks {
        world.block(block, treks as u64, sink)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Snapshot output

/// What [`write_snapshot`] wrote.
pub struct Written {
    pub dir: PathBuf,
    pub counts: BTreeMap<String, usize>,
    pub bytes: u64,
}

/// Writes one `<endpoint>.json` per endpoint, an object per line as `sentier pull` does, into
/// a directory beside the target that replaces it only once complete.
struct SnapshotWriter {
    target: PathBuf,
    staging: PathBuf,
    seed: u64,
    treks: usize,
    files: BTreeMap<&'static str, (BufWriter<File>, usize)>,
    details: BTreeMap<String, Vec<Value>>,
    bytes: u64,
    line: Vec<u8>,
}

fn context(path: &Path) -> impl Fn(io::Error) -> io::Error + '_ {
    move |e| io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

impl SnapshotWriter {
    fn create(dir: &Path, seed: u64, treks: usize) -> io::Result<SnapshotWriter> {
        if dir.exists() && !dir.join("manifest.json").is_file() {
            let empty = std::fs::read_dir(dir).map_err(context(dir))?.next().is_none();
            if !empty {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!(
                        "{} exists and is not a snapshot (no manifest.json): not replacing it",
                        dir.display()
                    ),
                ));
            }
        }
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let staging = dir.with_file_name(format!(".{name}.synth-staging"));
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(context(&staging))?;
        }
        std::fs::create_dir_all(&staging).map_err(context(&staging))?;
        let mut files = BTreeMap::new();
        for endpoint in SNAPSHOT_ENDPOINTS {
            let path = staging.join(format!("{endpoint}.json"));
            let mut file = BufWriter::with_capacity(1 << 20, File::create(&path).map_err(context(&path))?);
            file.write_all(b"[\n").map_err(context(&path))?;
            files.insert(*endpoint, (file, 0));
        }
        Ok(SnapshotWriter {
            target: dir.to_path_buf(),
            staging,
            seed,
            treks,
            files,
            details: BTreeMap::new(),
            bytes: 0,
            line: Vec::with_capacity(1 << 16),
        })
    }

    fn write(&mut self, endpoint: &str, object: &Value) -> io::Result<()> {
        let Some((file, count)) = self.files.get_mut(endpoint) else {
            return Ok(());
        };
        self.line.clear();
        if *count > 0 {
            self.line.extend_from_slice(b",\n");
        }
        match SNAPSHOT_FIELDS.iter().find(|(e, _)| *e == endpoint) {
            Some((_, fields)) => {
                let kept: Map<String, Value> = object
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter(|(k, _)| fields.contains(&k.as_str()))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                write_json(&mut self.line, &Value::Object(kept));
            }
            None => write_json(&mut self.line, object),
        }
        *count += 1;
        let path = self.staging.join(format!("{endpoint}.json"));
        file.write_all(&self.line).map_err(context(&path))
    }

    /// Closes the lists with the detail-only objects, as `sentier pull` appends them (by id),
    /// writes the manifest and swaps the directory in.
    fn finish(mut self, details: &BTreeMap<String, Vec<Value>>) -> io::Result<Written> {
        for (endpoint, objects) in details {
            let mut sorted: Vec<&Value> = objects.iter().collect();
            sorted.sort_by_key(|o| o["id"].as_u64());
            for object in sorted {
                self.write(endpoint, object)?;
            }
        }
        let mut counts = BTreeMap::new();
        for (endpoint, (mut file, count)) in std::mem::take(&mut self.files) {
            let path = self.staging.join(format!("{endpoint}.json"));
            file.write_all(b"\n]\n").map_err(context(&path))?;
            file.flush().map_err(context(&path))?;
            self.bytes += file.get_ref().metadata().map_err(context(&path))?.len();
            counts.insert(endpoint.to_string(), count);
        }
        let manifest = json!({
            "format": 1,
            "sentier_version": env!("CARGO_PKG_VERSION"),
            "api": API,
            "api_version": API_VERSION,
            "languages": LANGUAGES,
            "fetched_at": rfc3339(fetched_at(self.seed)),
            "counts": counts,
            "missing_endpoints": [],
            "bbox": BBOX,
            "requests": 0,
            "synthetic": {"treks": self.treks, "seed": self.seed},
        });
        let path = self.staging.join("manifest.json");
        let text = serde_json::to_vec_pretty(&manifest).expect("a manifest serializes");
        std::fs::write(&path, &text).map_err(context(&path))?;
        self.bytes += text.len() as u64;
        if self.target.exists() {
            std::fs::remove_dir_all(&self.target).map_err(context(&self.target))?;
        }
        std::fs::rename(&self.staging, &self.target).map_err(context(&self.target))?;
        Ok(Written {
            dir: self.target.clone(),
            counts,
            bytes: self.bytes,
        })
    }
}

impl Sink for SnapshotWriter {
    fn list(&mut self, endpoint: &'static str, object: Value) -> io::Result<()> {
        self.write(endpoint, &object)
    }

    fn detail(&mut self, endpoint: &'static str, object: Value) -> io::Result<()> {
        self.details.entry(endpoint.to_string()).or_default().push(object);
        Ok(())
    }
}

/// Compact JSON with one difference from serde_json's: a translated field's languages come in
/// the instance's order (fr, en, it), as Geotrek sends them, instead of sorted. Other keys are
/// sorted, which is how a `Value` holds them.
fn write_json(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Object(map) => {
            out.push(b'{');
            let per_language = !map.is_empty() && map.keys().all(|k| LANGUAGES.contains(&k.as_str()));
            let entries: Vec<(&String, &Value)> = if per_language {
                LANGUAGES.iter().filter_map(|l| map.get_key_value(*l)).collect()
            } else {
                map.iter().collect()
            };
            for (i, (key, value)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                serde_json::to_writer(&mut *out, key).expect("a string serializes");
                out.push(b':');
                write_json(out, value);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_json(out, item);
            }
            out.push(b']');
        }
        scalar => serde_json::to_writer(&mut *out, scalar).expect("a scalar serializes"),
    }
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/// An object from `key: value` pairs; values go through `Value::from`.
macro_rules! object {
    ($($key:literal : $value:expr),* $(,)?) => {{
        let mut map = Map::new();
        $(map.insert($key.to_string(), Value::from($value));)*
        Value::Object(map)
    }};
}

fn fetched_at(seed: u64) -> DateTime<Utc> {
    let base = Utc.with_ymd_and_hms(2025, 9, 1, 6, 0, 0).unwrap();
    base + Duration::days((mix(seed) % 365) as i64) + Duration::seconds((mix(seed ^ 1) % 36_000) as i64)
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Geotrek's `create_datetime`/`update_datetime`: microseconds, UTC.
fn timestamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

fn round7(x: f64) -> f64 {
    (x * 1e7).round() / 1e7
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn haversine(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (lat1, lat2) = (a[1].to_radians(), b[1].to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((b[0] - a[0]).to_radians() / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().asin()
}

/// The point `metres` away from `from` in direction `heading` (radians, 0 = east).
fn offset(from: [f64; 2], heading: f64, metres: f64) -> [f64; 2] {
    [
        from[0] + metres * heading.cos() / (METRES_PER_DEGREE * from[1].to_radians().cos()),
        from[1] + metres * heading.sin() / METRES_PER_DEGREE,
    ]
}

fn point2(p: [f64; 2]) -> Value {
    json!([round7(p[0]), round7(p[1])])
}

fn slug(text: &str) -> String {
    slug::slugify(text)
}

/// Fills a template's `{name}` placeholders; unknown ones stay as they are.
fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after
            .find('}')
            .and_then(|close| Some((close, vars.iter().find(|(k, _)| *k == &after[..close])?.1)));
        match value {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn fill3(template: &Tr, vars: &[(&str, &str)]) -> [String; 3] {
    [
        fill(template[0], vars),
        fill(template[1], vars),
        fill(template[2], vars),
    ]
}

fn media(path: &str) -> String {
    format!("{HOST}/media/{path}")
}

fn pictogram(file: &str) -> String {
    media(&format!("upload/{file}"))
}

/// Which languages an object is translated into: always French, English for about 70 %,
/// Italian for about 40 % (mostly where English is).
#[derive(Clone, Copy)]
struct Langs([bool; 3]);

impl Langs {
    fn draw(rng: &mut Rng) -> Langs {
        let en = rng.chance(0.7);
        let it = if en { rng.chance(0.5) } else { rng.chance(0.17) };
        Langs([true, en, it])
    }

    fn all() -> Langs {
        Langs([true; 3])
    }

    /// Per-language publication: where translated, now and then not yet published.
    fn published(self, rng: &mut Rng) -> Value {
        let mut map = Map::new();
        for (i, lang) in LANGUAGES.iter().enumerate() {
            map.insert(
                lang.to_string(),
                Value::Bool(self.0[i] && (i == 0 || !rng.chance(0.04))),
            );
        }
        Value::Object(map)
    }
}

/// How an object's rich text was typed: TinyMCE writes entities and CRLF on some instances.
#[derive(Clone, Copy)]
struct Style {
    entities: bool,
    separator: &'static str,
}

impl Style {
    fn draw(rng: &mut Rng) -> Style {
        let entities = rng.chance(0.3);
        let separator = *rng.pick(&["\r\n", "\r\n", "\n", ""]);
        Style { entities, separator }
    }

    fn html(self, text: String) -> String {
        if !self.entities {
            return text;
        }
        let mut out = String::with_capacity(text.len() + 32);
        for c in text.chars() {
            match c {
                'é' => out.push_str("&eacute;"),
                'è' => out.push_str("&egrave;"),
                'ê' => out.push_str("&ecirc;"),
                'à' => out.push_str("&agrave;"),
                'â' => out.push_str("&acirc;"),
                'ç' => out.push_str("&ccedil;"),
                'ô' => out.push_str("&ocirc;"),
                'î' => out.push_str("&icirc;"),
                'ù' => out.push_str("&ugrave;"),
                'û' => out.push_str("&ucirc;"),
                'ë' => out.push_str("&euml;"),
                'ï' => out.push_str("&iuml;"),
                'É' => out.push_str("&Eacute;"),
                'À' => out.push_str("&Agrave;"),
                'œ' => out.push_str("&oelig;"),
                '’' => out.push_str("&rsquo;"),
                '«' => out.push_str("&laquo;&nbsp;"),
                '»' => out.push_str("&nbsp;&raquo;"),
                _ => out.push(c),
            }
        }
        out
    }

    /// Paragraphs (already HTML) joined the way this object's editor did.
    fn join(self, paragraphs: &[String]) -> String {
        self.html(paragraphs.join(self.separator))
    }
}

/// A translated field: the languages of `langs` get their text, except that a secondary field
/// is left untranslated with probability `partial`; missing ones are `""` or `null`, both of
/// which real instances serve.
fn translated(rng: &mut Rng, langs: Langs, texts: [String; 3], partial: f64) -> Value {
    let mut map = Map::new();
    for (i, (lang, text)) in LANGUAGES.iter().zip(texts).enumerate() {
        let present = langs.0[i] && (i == 0 || !rng.chance(partial)) && !text.is_empty();
        let value = if present {
            Value::String(text)
        } else if rng.chance(0.5) {
            Value::String(String::new())
        } else {
            Value::Null
        };
        map.insert(lang.to_string(), value);
    }
    Value::Object(map)
}

/// A translated field nobody filled in.
fn untranslated(rng: &mut Rng) -> Value {
    translated(rng, Langs([false; 3]), Default::default(), 0.0)
}

/// A nomenclature label: complete in French, nearly so in English, often missing in Italian.
fn label(rng: &mut Rng, text: &Tr) -> Value {
    let langs = Langs([true, !rng.chance(0.08), !rng.chance(0.25)]);
    translated(rng, langs, text.map(str::to_string), 0.0)
}

fn toponym(rng: &mut Rng) -> String {
    let start = *rng.pick(text::SYLLABLES_START);
    let middle = *rng.pick(text::SYLLABLES_MIDDLE);
    let end = *rng.pick(text::SYLLABLES_END);
    let vowel = |c: Option<char>| c.is_some_and(|c| "aeiouéèy".contains(c));
    let glue = if middle.is_empty() && vowel(start.chars().last()) && vowel(end.chars().next()) {
        "r"
    } else {
        ""
    };
    format!("{start}{middle}{glue}{end}")
}

fn attachment(rng: &mut Rng, folder: &str, id: u64, name: &str, k: usize) -> Value {
    let file = format!("{}-{}.jpg", slug(name), k + 1);
    let url = media(&format!("paperclip/{folder}/{id}/{file}"));
    // Thumbnail generation fails now and then; the API then sends "".
    let thumbnail = if rng.chance(0.02) {
        String::new()
    } else {
        format!("{url}.400x0_q85.jpg")
    };
    let legend = match k {
        0 => name.to_string(),
        _ => format!("{name} ({})", k + 1),
    };
    object! {
        "author": if rng.chance(0.85) { rng.pick(text::PEOPLE).to_string() } else { String::new() },
        "backend": "",
        "filetype": json!({"id": 1, "structure": null, "type": "Photographie"}),
        "legend": if rng.chance(0.8) { legend } else { String::new() },
        "license": if rng.chance(0.5) { Value::from(*rng.pick(text::LICENSES)) } else { Value::Null },
        "thumbnail": thumbnail,
        "title": file.trim_end_matches(".jpg").to_string(),
        "type": "image",
        "url": url,
        "uuid": rng.uuid(),
    }
}

fn pictures(rng: &mut Rng, folder: &str, id: u64, name: &str, count: usize) -> Vec<Value> {
    (0..count).map(|k| attachment(rng, folder, id, name, k)).collect()
}

fn video(rng: &mut Rng) -> Value {
    object! {
        "author": "",
        "backend": "Attachment",
        "filetype": json!({"id": 2, "structure": null, "type": "Vidéo"}),
        "legend": "",
        "license": Value::Null,
        "thumbnail": "",
        "title": "",
        "type": "video",
        "url": format!("https://www.youtube.com/watch?v=synth{:06x}", rng.range(0, 0xff_ffff)),
        "uuid": rng.uuid(),
    }
}

fn times(rng: &mut Rng, now: DateTime<Utc>) -> (String, String) {
    let year = 365 * 86_400 * 1_000_000i64;
    let created = now - Duration::microseconds(rng.range(3_600_000_000, year as u64) as i64);
    let span = (now - created).num_microseconds().unwrap_or(0).max(1) as u64;
    let updated = created + Duration::microseconds(rng.range(0, span - 1) as i64);
    (timestamp(created), timestamp(updated))
}

// ---------------------------------------------------------------------------------------------
// The world: terrain, places and nomenclatures, the same for every trek count

struct Terrain {
    /// (wave vector x, y in radians per metre, phase, amplitude in metres)
    waves: Vec<(f64, f64, f64, f64)>,
}

impl Terrain {
    fn new(rng: &mut Rng) -> Terrain {
        let waves = [
            (28_000.0, 600.0),
            (11_000.0, 350.0),
            (4_500.0, 180.0),
            (1_600.0, 60.0),
            (700.0, 15.0),
        ]
        .iter()
        .map(|&(wavelength, amplitude)| {
            let direction = rng.between(0.0, std::f64::consts::TAU);
            let k = std::f64::consts::TAU / wavelength;
            (
                k * direction.cos(),
                k * direction.sin(),
                rng.between(0.0, std::f64::consts::TAU),
                amplitude,
            )
        })
        .collect();
        Terrain { waves }
    }

    /// Altitude in whole metres, 500–3,000, smooth at the scale of a path.
    fn z(&self, p: [f64; 2]) -> f64 {
        let x = (p[0] - BBOX[0]) * METRES_PER_DEGREE * 45f64.to_radians().cos();
        let y = (p[1] - BBOX[1]) * METRES_PER_DEGREE;
        let z: f64 = 1750.0
            + self
                .waves
                .iter()
                .map(|(kx, ky, phase, amplitude)| amplitude * (kx * x + ky * y + phase).sin())
                .sum::<f64>();
        z.clamp(500.0, 3000.0).round()
    }
}

struct City {
    id: u64,
    code: String,
    name: String,
    cell: [f64; 4],
}

struct District {
    id: u64,
    name: String,
    cell: [f64; 4],
}

struct Desk {
    id: u64,
    kind: usize,
    at: [f64; 2],
    city: usize,
}

struct World {
    seed: u64,
    now: DateTime<Utc>,
    terrain: Terrain,
    cities: Vec<City>,
    districts: Vec<District>,
    desks: Vec<Desk>,
}

fn grid_cell(columns: usize, rows: usize, index: usize) -> [f64; 4] {
    let (w, h) = (
        (BBOX[2] - BBOX[0]) / columns as f64,
        (BBOX[3] - BBOX[1]) / rows as f64,
    );
    let (col, row) = (index % columns, index / columns);
    let west = BBOX[0] + w * col as f64;
    let south = BBOX[1] + h * row as f64;
    [west, south, west + w, south + h]
}

fn grid_index(columns: usize, rows: usize, p: [f64; 2]) -> usize {
    let fx = ((p[0] - BBOX[0]) / (BBOX[2] - BBOX[0]) * columns as f64).floor();
    let fy = ((p[1] - BBOX[1]) / (BBOX[3] - BBOX[1]) * rows as f64).floor();
    let col = (fx.max(0.0) as usize).min(columns - 1);
    let row = (fy.max(0.0) as usize).min(rows - 1);
    row * columns + col
}

fn cell_polygon(cell: [f64; 4]) -> Value {
    let [w, s, e, n] = cell.map(round7);
    json!({"type": "MultiPolygon", "coordinates": [[[[w, s], [e, s], [e, n], [w, n], [w, s]]]]})
}

/// The département of a place, for INSEE-like commune codes.
fn department(p: [f64; 2]) -> &'static str {
    match (p[0], p[1]) {
        (_, lat) if lat > 45.15 => {
            if p[0] < 6.2 {
                "38"
            } else {
                "73"
            }
        }
        (lon, _) if lon < 5.95 => "38",
        (lon, lat) if lat < 44.75 && lon > 6.45 => "04",
        _ => "05",
    }
}

impl World {
    fn new(seed: u64) -> World {
        let mut rng = Rng::new(seed, Stream::World, 0);
        let terrain = Terrain::new(&mut rng);
        let mut per_department: BTreeMap<&str, u64> = BTreeMap::new();
        let cities = (0..CITY_COLUMNS * CITY_ROWS)
            .map(|i| {
                let cell = grid_cell(CITY_COLUMNS, CITY_ROWS, i);
                let department = department([(cell[0] + cell[2]) / 2.0, (cell[1] + cell[3]) / 2.0]);
                let number = per_department.entry(department).or_insert(0);
                *number += rng.range(1, 9);
                let (a, b) = (toponym(&mut rng), toponym(&mut rng));
                let saint = *rng.pick(text::SAINTS);
                let pattern = *rng.pick(text::CITY_PATTERNS);
                City {
                    id: i as u64 + 1,
                    code: format!("{department}{:03}", *number),
                    name: fill(pattern, &[("a", &a), ("b", &b), ("s", saint)]),
                    cell,
                }
            })
            .collect();
        let districts: Vec<District> = (0..DISTRICT_COLUMNS * DISTRICT_ROWS)
            .map(|i| {
                let a = toponym(&mut rng);
                let pattern = *rng.pick(text::DISTRICT_PATTERNS);
                District {
                    id: i as u64 + 1,
                    name: fill(pattern, &[("a", &a)]),
                    cell: grid_cell(DISTRICT_COLUMNS, DISTRICT_ROWS, i),
                }
            })
            .collect();
        let desks = districts
            .iter()
            .flat_map(|d| std::iter::repeat_n(d.cell, DESKS_PER_DISTRICT))
            .enumerate()
            .map(|(i, cell)| {
                let at = [rng.between(cell[0], cell[2]), rng.between(cell[1], cell[3])];
                Desk {
                    id: i as u64 + 1,
                    kind: if i % DESKS_PER_DISTRICT == 0 {
                        i / DESKS_PER_DISTRICT % 2
                    } else {
                        2
                    },
                    at,
                    city: grid_index(CITY_COLUMNS, CITY_ROWS, at),
                }
            })
            .collect();
        World {
            seed,
            now: fetched_at(seed),
            terrain,
            cities,
            districts,
            desks,
        }
    }

    fn city_at(&self, p: [f64; 2]) -> &City {
        &self.cities[grid_index(CITY_COLUMNS, CITY_ROWS, p)]
    }

    fn district_at(&self, p: [f64; 2]) -> &District {
        &self.districts[grid_index(DISTRICT_COLUMNS, DISTRICT_ROWS, p)]
    }

    /// Cities and districts a line crosses, in the order it enters them.
    fn zoning(&self, points: impl Iterator<Item = [f64; 2]>) -> (Vec<&City>, Vec<&District>) {
        let mut cities: Vec<&City> = Vec::new();
        let mut districts: Vec<&District> = Vec::new();
        for p in points {
            let city = self.city_at(p);
            if !cities.iter().any(|c| c.id == city.id) {
                cities.push(city);
            }
            let district = self.district_at(p);
            if !districts.iter().any(|d| d.id == district.id) {
                districts.push(district);
            }
        }
        (cities, districts)
    }

    /// The zoning fields of an object at these points (Geotrek ≥ 2.116: integer city ids).
    fn zoning_fields(&self, map: &mut Map<String, Value>, points: impl Iterator<Item = [f64; 2]>) {
        let (cities, districts) = self.zoning(points);
        map.insert(
            "cities".into(),
            json!(cities.iter().map(|c| c.id).collect::<Vec<_>>()),
        );
        map.insert(
            "city_codes".into(),
            json!(cities.iter().map(|c| c.code.clone()).collect::<Vec<_>>()),
        );
        map.insert("departure_city".into(), json!(cities.first().map(|c| c.id)));
        map.insert(
            "departure_city_code".into(),
            json!(cities.first().map(|c| c.code.clone())),
        );
        map.insert(
            "districts".into(),
            json!(districts.iter().map(|d| d.id).collect::<Vec<_>>()),
        );
    }

    fn z(&self, p: [f64; 2]) -> f64 {
        self.terrain.z(p)
    }

    /// The nomenclatures, places, information desks, flat pages and menu: the part of the
    /// instance that does not grow with the number of treks.
    fn shared(&self, sink: &mut impl Sink) -> io::Result<()> {
        let mut rng = Rng::new(self.seed, Stream::World, 1);
        let rng = &mut rng;
        for (i, (name, file)) in text::PRACTICES.iter().enumerate() {
            let object =
                object! {"id": i + 1, "name": label(rng, name), "order": i + 1, "pictogram": pictogram(file)};
            sink.list("trek_practice", object)?;
        }
        for (i, (name, file)) in text::DIFFICULTIES.iter().enumerate() {
            let object = object! {
                "cirkwi_level": i + 1,
                "id": i + 1,
                "label": label(rng, name),
                "pictogram": pictogram(file),
            };
            sink.list("trek_difficulty", object)?;
        }
        for (i, (name, file)) in text::ROUTES.iter().enumerate() {
            sink.list(
                "trek_route",
                object! {"id": i + 1, "pictogram": pictogram(file), "route": label(rng, name)},
            )?;
        }
        for (endpoint, values) in [
            ("trek_network", text::NETWORKS),
            ("theme", text::THEMES),
            ("weblink_category", text::WEBLINK_CATEGORIES),
            ("label_accessibility", text::LABELS_ACCESSIBILITY),
            ("informationdesk_type", text::DESK_TYPES),
        ] {
            for (i, (name, file)) in values.iter().enumerate() {
                sink.list(
                    endpoint,
                    object! {"id": i + 1, "label": label(rng, name), "pictogram": pictogram(file)},
                )?;
            }
        }
        for (i, (name, file)) in text::ACCESSIBILITIES.iter().enumerate() {
            sink.list(
                "trek_accessibility",
                object! {"id": i + 1, "name": label(rng, name), "pictogram": pictogram(file)},
            )?;
        }
        for (i, name) in text::ACCESSIBILITY_LEVELS.iter().enumerate() {
            sink.list(
                "trek_accessibility_level",
                object! {"id": i + 1, "name": label(rng, name)},
            )?;
        }
        for (i, (scale, ratings)) in text::RATING_SCALES.iter().enumerate() {
            sink.list(
                "trek_ratingscale",
                object! {"id": i + 1, "name": label(rng, scale), "practice": 1},
            )?;
            for (j, (name, color)) in ratings.iter().enumerate() {
                let rating = object! {
                    "color": *color,
                    "description": untranslated(rng),
                    "id": i * 3 + j + 1,
                    "name": label(rng, name),
                    "order": j + 1,
                    "scale": i + 1,
                };
                sink.list("trek_rating", rating)?;
            }
        }
        for (i, (name, file, _, _)) in text::POI_TYPES.iter().enumerate() {
            sink.list(
                "poi_type",
                object! {"id": i + 1, "label": label(rng, name), "pictogram": pictogram(file)},
            )?;
        }
        for (i, (name, advice, filter, file)) in text::LABELS.iter().enumerate() {
            let advice = advice.map(|a| {
                if a.is_empty() {
                    String::new()
                } else {
                    format!("<p>{a}</p>")
                }
            });
            let object = object! {
                "advice": {
                    let langs = Langs([true, true, rng.chance(0.7)]);
                    translated(rng, langs, advice, 0.0)
                },
                "filter": *filter,
                "id": i + 1,
                "name": label(rng, name),
                "pictogram": pictogram(file),
            };
            sink.list("label", object)?;
        }
        for (i, (name, file)) in text::SOURCES.iter().enumerate() {
            let object = object! {
                "id": i + 1,
                "name": *name,
                "pictogram": if i == 2 { Value::Null } else { Value::from(pictogram(file)) },
                "website": format!("{HOST}/sources/{}/", slug(name)),
            };
            sink.list("source", object)?;
        }
        for (i, name) in text::STRUCTURES.iter().enumerate() {
            sink.list("structure", object! {"id": i + 1, "name": *name})?;
        }
        for (i, (name, title, description)) in text::PORTALS.iter().enumerate() {
            let object = object! {
                "description": translated(rng, Langs::all(), description.map(str::to_string), 0.3),
                "id": i + 1,
                "name": *name,
                "title": label(rng, title),
                "website": format!("{HOST}/{name}/"),
            };
            sink.list("portal", object)?;
        }
        for (i, name) in text::RESERVATION_SYSTEMS.iter().enumerate() {
            sink.list("reservationsystem", object! {"id": i + 1, "name": *name})?;
        }
        for (i, name) in text::ORGANISMS.iter().enumerate() {
            sink.list("organism", object! {"id": i + 1, "name": *name})?;
        }
        for (i, name) in text::ORGANIZERS.iter().enumerate() {
            sink.list("touristicevent_organizer", object! {"id": i + 1, "label": *name})?;
        }
        for (i, (category, file, groups)) in text::CATEGORIES.iter().enumerate() {
            let id = i as u64 + 1;
            let types: Vec<Value> = groups
                .iter()
                .enumerate()
                .map(|(g, (group, values))| {
                    let values: Vec<Value> = values
                        .iter()
                        .enumerate()
                        .map(|(v, (name, _))| {
                            // Nested pictograms are relative, and often missing.
                            let pictogram = if rng.chance(0.5) {
                                Value::from(format!("/media/upload/type-{}.svg", slug(name[0])))
                            } else {
                                Value::Null
                            };
                            object! {
                                "id": content_type_id(id, g, v),
                                "label": label(rng, name),
                                "pictogram": pictogram,
                            }
                        })
                        .collect();
                    object! {"id": id * 100 + g as u64 + 1, "label": label(rng, group), "values": values}
                })
                .collect();
            let object = object! {
                "id": id,
                "label": label(rng, category),
                "order": (i + 1) * 10,
                "pictogram": pictogram(file),
                "types": types,
            };
            sink.list("touristiccontent_category", object)?;
        }
        for (i, (name, _)) in text::EVENT_TYPES.iter().enumerate() {
            let pictogram = if i % 2 == 0 {
                Value::from(pictogram(&format!("event-{}.svg", slug(name[1]))))
            } else {
                Value::Null
            };
            sink.list(
                "touristicevent_type",
                object! {"id": i + 1, "pictogram": pictogram, "type": label(rng, name)},
            )?;
        }
        for (i, name) in text::SENSITIVE_PRACTICES.iter().enumerate() {
            sink.list(
                "sensitivearea_practice",
                object! {"id": i + 1, "name": label(rng, name)},
            )?;
        }
        for (i, name) in text::OUTDOOR_SECTORS.iter().enumerate() {
            sink.list("outdoor_sector", object! {"id": i + 1, "name": label(rng, name)})?;
        }
        for (i, practice) in text::OUTDOOR_PRACTICES.iter().enumerate() {
            let (name, sector, file, site_type, course_type, scale, ratings, _, _) = practice;
            let id = i + 1;
            sink.list(
                "outdoor_practice",
                object! {"id": id, "name": label(rng, name), "pictogram": pictogram(file), "sector": *sector},
            )?;
            sink.list(
                "outdoor_sitetype",
                object! {"id": id, "name": label(rng, site_type), "practice": id},
            )?;
            sink.list(
                "outdoor_coursetype",
                object! {"id": id, "name": label(rng, course_type), "practice": id},
            )?;
            sink.list(
                "outdoor_ratingscale",
                object! {"id": id, "name": label(rng, scale), "practice": id},
            )?;
            for (j, grade) in ratings.iter().enumerate() {
                let rating = object! {
                    "color": ["#6BBE45", "#F5A623", "#D0021B", "#4A4A4A", "#000000"][j],
                    "description": untranslated(rng),
                    "id": outdoor_rating_id(id as u64, j),
                    "name": translated(rng, Langs::all(), [0, 1, 2].map(|_| grade.to_string()), 0.0),
                    "order": j + 1,
                    "scale": id,
                };
                sink.list("outdoor_rating", rating)?;
            }
        }
        for city in &self.cities {
            let object = object! {
                "code": city.code.clone(),
                "geometry": cell_polygon(city.cell),
                "id": city.id,
                "name": city.name.clone(),
                "published": true,
            };
            sink.list("city", object)?;
        }
        for district in &self.districts {
            let object = object! {
                "geometry": cell_polygon(district.cell),
                "id": district.id,
                "name": district.name.clone(),
                "published": true,
            };
            sink.list("district", object)?;
        }
        for desk in &self.desks {
            sink.list("informationdesk", self.desk(rng, desk))?;
        }
        for (i, page) in text::FLAT_PAGES.iter().enumerate() {
            sink.list("flatpage", flat_page(rng, i, page))?;
        }
        for item in menu(rng) {
            sink.list("menu_item", item)?;
        }
        Ok(())
    }

    fn desk(&self, rng: &mut Rng, desk: &Desk) -> Value {
        let city = &self.cities[desk.city];
        let (kind, file) = &text::DESK_TYPES[desk.kind];
        let name = fill3(&text::DESK_NAMES[desk.kind], &[("a", &city.name)]);
        let langs = Langs([true, rng.chance(0.8), rng.chance(0.4)]);
        let style = Style::draw(rng);
        let description = text::DESK_DESCRIPTION.map(|d| style.html(format!("<p>{d}</p>")));
        object! {
            "accessibility": untranslated(rng),
            "description": translated(rng, langs, description, 0.2),
            "email": if rng.chance(0.8) {
                Value::from(format!("accueil-{}@synthetic.example.org", slug(&city.name)))
            } else {
                Value::Null
            },
            "id": desk.id,
            "label_accessibility": if rng.chance(0.2) { Value::from(1) } else { Value::Null },
            "latitude": desk.at[1],
            "longitude": desk.at[0],
            "municipality": city.name.clone(),
            "name": translated(rng, langs, name, 0.0),
            "phone": phone(rng),
            "photo_url": if rng.chance(0.7) {
                media(&format!("upload/desk-{}.jpg.150x150_q85.jpg", desk.id))
            } else {
                String::new()
            },
            "postal_code": format!("{}{:03}", &city.code[..2], rng.range(0, 99) * 10),
            "provider": Value::Null,
            "street": format!("{} {}", rng.range(1, 40), rng.pick(text::STREETS)),
            "type": object! {"id": desk.kind + 1, "label": label(rng, kind), "pictogram": pictogram(file)},
            "uuid": rng.uuid(),
            "website": if rng.chance(0.7) {
                Value::from(format!("{HOST}/accueil/{}/", desk.id))
            } else {
                Value::Null
            },
        }
    }

    /// Desks nearest to a point, nearest first.
    fn nearest_desks(&self, p: [f64; 2], count: usize) -> Vec<u64> {
        let mut desks: Vec<(f64, u64)> = self.desks.iter().map(|d| (haversine(p, d.at), d.id)).collect();
        desks.sort_by(|a, b| a.0.total_cmp(&b.0));
        desks.into_iter().take(count).map(|(_, id)| id).collect()
    }
}

/// Type ids of touristic contents: unique across categories, as Geotrek's are.
fn content_type_id(category: u64, group: usize, value: usize) -> u64 {
    category * 10 + group as u64 * 5 + value as u64 + 1
}

fn outdoor_rating_id(practice: u64, index: usize) -> u64 {
    practice * 10 + index as u64 + 1
}

fn flat_page(rng: &mut Rng, index: usize, page: &(Tr, &[Tr], Option<usize>)) -> Value {
    let (title, paragraphs, parent) = page;
    // The "about" page is translated everywhere, the others less and less.
    let langs = Langs([true, index != 4, index == 0 || index == 5]);
    let style = Style::draw(rng);
    let content: [String; 3] = std::array::from_fn(|l| {
        style.join(
            &paragraphs
                .iter()
                .map(|p| format!("<p>{}</p>", p[l]))
                .collect::<Vec<_>>(),
        )
    });
    let children: Vec<u64> = text::FLAT_PAGES
        .iter()
        .enumerate()
        .filter(|(_, (_, _, p))| *p == Some(index))
        .map(|(i, _)| i as u64 + 1)
        .collect();
    let attachments = if index == 0 {
        pictures(rng, "flatpages_flatpage", 1, title[0], 1)
    } else {
        Vec::new()
    };
    object! {
        "attachments": attachments,
        "children": children,
        "content": translated(rng, langs, content, 0.0),
        "id": index + 1,
        "parent": parent.map(|p| p as u64 + 1),
        "portals": json!([1]),
        "published": langs.published(rng),
        "source": json!([]),
        "title": translated(rng, langs, title.map(str::to_string), 0.0),
    }
}

/// The menu's list form: root items with their children nested.
fn menu(rng: &mut Rng) -> Vec<Value> {
    let page = |rng: &mut Rng, id: u64, page: usize, children: Vec<Value>| {
        let (title, _, _) = &text::FLAT_PAGES[page];
        let langs = Langs([true, page != 4, page == 0 || page == 5]);
        object! {
            "attachments": json!([]),
            "children": children,
            "id": id,
            "link_url": untranslated(rng),
            "open_in_new_tab": false,
            "page": page + 1,
            "page_title": translated(rng, langs, title.map(str::to_string), 0.0),
            "pictogram": Value::Null,
            "portals": json!([1]),
            "published": langs.published(rng),
            "target_type": "page",
            "title": translated(rng, langs, title.map(str::to_string), 0.0),
        }
    };
    let children = vec![page(rng, 2, 1, Vec::new()), page(rng, 3, 2, Vec::new())];
    let link_title = ["Le parc", "The park", "Il parco"].map(str::to_string);
    let link = object! {
        "attachments": json!([]),
        "children": json!([]),
        "id": 6,
        "link_url": {
            let urls = [format!("{HOST}/"), format!("{HOST}/en/"), String::new()];
            translated(rng, Langs([true, true, false]), urls, 0.0)
        },
        "open_in_new_tab": true,
        "page": Value::Null,
        "page_title": Value::Null,
        "pictogram": Value::Null,
        "portals": json!([1]),
        "published": Langs::all().published(rng),
        "target_type": "link",
        "title": translated(rng, Langs::all(), link_title, 0.0),
    };
    vec![
        page(rng, 1, 0, children),
        page(rng, 4, 3, Vec::new()),
        page(rng, 5, 5, Vec::new()),
        link,
    ]
}

// ---------------------------------------------------------------------------------------------
// Routes

#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Loop,
    OutAndBack,
    OneWay,
}

impl Shape {
    /// `trek_route` id.
    fn route(self) -> u64 {
        match self {
            Shape::Loop => 1,
            Shape::OutAndBack => 2,
            Shape::OneWay => 3,
        }
    }
}

/// A path walked on the map: the heading drifts smoothly, hairpins come in series on climbs,
/// and the walker turns back before leaving the instance's extent.
struct Walker {
    at: [f64; 2],
    /// Altitude at `at`.
    z: f64,
    /// Metres per degree of longitude, taken at the start: a walk spans a few kilometres.
    metres_per_lon: f64,
    heading: f64,
    turn: f64,
    hairpins: u32,
    leg: u32,
}

const INNER: [f64; 4] = [BBOX[0] + 0.03, BBOX[1] + 0.03, BBOX[2] - 0.03, BBOX[3] - 0.03];

fn steer(heading: f64, toward: f64, weight: f64) -> f64 {
    let mut diff = toward - heading;
    while diff > std::f64::consts::PI {
        diff -= std::f64::consts::TAU;
    }
    while diff < -std::f64::consts::PI {
        diff += std::f64::consts::TAU;
    }
    heading + diff * weight
}

impl Walker {
    fn new(rng: &mut Rng, terrain: &Terrain, at: [f64; 2]) -> Walker {
        Walker {
            at,
            z: terrain.z(at),
            metres_per_lon: METRES_PER_DEGREE * at[1].to_radians().cos(),
            heading: rng.between(0.0, std::f64::consts::TAU),
            turn: 0.0,
            hairpins: 0,
            leg: 0,
        }
    }

    /// Metres east and north to `to`.
    fn to(&self, to: [f64; 2]) -> (f64, f64) {
        (
            (to[0] - self.at[0]) * self.metres_per_lon,
            (to[1] - self.at[1]) * METRES_PER_DEGREE,
        )
    }

    fn angle_to(&self, to: [f64; 2]) -> f64 {
        let (dx, dy) = self.to(to);
        dy.atan2(dx)
    }

    fn towards(&self, heading: f64, metres: f64) -> [f64; 2] {
        let (sin, cos) = heading.sin_cos();
        [
            self.at[0] + metres * cos / self.metres_per_lon,
            self.at[1] + metres * sin / METRES_PER_DEGREE,
        ]
    }

    /// One step of `spacing` metres; `home` pulls the walker back with this weight. With
    /// probability `gentle`, the walker takes the least steep of three headings, as paths
    /// follow the terrain (mountain-bike tracks more than footpaths).
    fn step(
        &mut self,
        rng: &mut Rng,
        terrain: &Terrain,
        spacing: f64,
        gentle: f64,
        home: Option<([f64; 2], f64)>,
    ) -> [f64; 3] {
        if self.hairpins > 0 {
            self.leg += 1;
            if self.leg >= 12 {
                self.leg = 0;
                self.hairpins -= 1;
                let side = if self.hairpins % 2 == 0 { 1.0 } else { -1.0 };
                self.heading += side * rng.between(2.4, 2.9);
            }
        } else if rng.chance(0.004) {
            self.hairpins = rng.range(3, 8) as u32;
            self.leg = 0;
        }
        self.turn = 0.92 * self.turn + 0.025 * rng.normal();
        self.heading += self.turn + 0.1 * rng.normal();
        let outside =
            self.at[0] < INNER[0] || self.at[0] > INNER[2] || self.at[1] < INNER[1] || self.at[1] > INNER[3];
        if outside {
            let centre = [(BBOX[0] + BBOX[2]) / 2.0, (BBOX[1] + BBOX[3]) / 2.0];
            self.heading = steer(self.heading, self.angle_to(centre), 0.5);
        }
        if let Some((target, weight)) = home {
            self.heading = steer(self.heading, self.angle_to(target), weight);
        }
        let length = spacing * rng.between(0.7, 1.3);
        let mut next = self.towards(self.heading, length);
        let mut z = terrain.z(next);
        if rng.chance(gentle) {
            let mut chosen = 0.0;
            for turn in [-0.35, 0.35] {
                let other = self.towards(self.heading + turn, length);
                let other_z = terrain.z(other);
                if (other_z - self.z).abs() < (z - self.z).abs() {
                    (next, z, chosen) = (other, other_z, turn);
                }
            }
            self.heading += chosen;
        }
        (self.at, self.z) = (next, z);
        [next[0], next[1], z]
    }
}

/// How a walk goes: its shape, its number of points and their spacing in metres, and how much
/// it avoids steep slopes (see [`Walker::step`]).
struct Way {
    shape: Shape,
    count: usize,
    spacing: f64,
    gentle: f64,
}

/// The points of a walk from `start`, with their altitude.
fn walk(rng: &mut Rng, terrain: &Terrain, start: [f64; 2], way: Way) -> Vec<[f64; 3]> {
    let Way {
        shape,
        count,
        spacing,
        gentle,
    } = way;
    let mut walker = Walker::new(rng, terrain, start);
    let first = [start[0], start[1], walker.z];
    let mut points = vec![first];
    match shape {
        Shape::OneWay => {
            while points.len() < count {
                points.push(walker.step(rng, terrain, spacing, gentle, None));
            }
        }
        Shape::OutAndBack => {
            let half = count.div_ceil(2);
            while points.len() < half {
                points.push(walker.step(rng, terrain, spacing, gentle, None));
            }
            let back: Vec<[f64; 3]> = points[..count - half].iter().rev().copied().collect();
            points.extend(back);
        }
        Shape::Loop => {
            while points.len() < count - 1 {
                let left = (count - 1 - points.len()) as f64;
                let progress = points.len() as f64 / count as f64;
                let (dx, dy) = walker.to(start);
                let distance = (dx * dx + dy * dy).sqrt();
                // Homeward from half-way, harder as the end nears, straight home when the steps
                // left would not otherwise get there.
                let weight = if distance > 0.85 * left * spacing {
                    1.0
                } else if progress > 0.45 {
                    ((progress - 0.45) / 0.55).powi(2) * 0.6
                } else {
                    0.0
                };
                points.push(walker.step(rng, terrain, spacing, gentle, Some((start, weight))));
            }
            points.push(first);
        }
    }
    points
}

/// What the API computes from a 3D line.
struct Profile {
    length_2d: f64,
    length_3d: f64,
    ascent: i64,
    descent: i64,
    min: i64,
    max: i64,
}

fn profile(coords: &[[f64; 3]]) -> Profile {
    let (mut length_2d, mut length_3d, mut ascent, mut descent) = (0.0, 0.0, 0.0, 0.0);
    for w in coords.windows(2) {
        let d = haversine([w[0][0], w[0][1]], [w[1][0], w[1][1]]);
        let dz = w[1][2] - w[0][2];
        length_2d += d;
        length_3d += (d * d + dz * dz).sqrt();
        if dz > 0.0 {
            ascent += dz;
        } else {
            descent += dz;
        }
    }
    let z = coords.iter().map(|c| c[2]);
    Profile {
        length_2d: round1(length_2d),
        length_3d: round1(length_3d),
        ascent: ascent.round() as i64,
        descent: descent.round() as i64,
        min: z.clone().fold(f64::MAX, f64::min) as i64,
        max: z.fold(f64::MIN, f64::max) as i64,
    }
}

/// Per practice: median length in km, its bounds, flat speed in km/h, climbing speed in m/h,
/// how much of a hike's effort a kilometre of it is, and how much its paths avoid steep
/// slopes.
const PRACTICE_PACE: [(f64, f64, f64, f64, f64, f64, f64); 5] = [
    (9.0, 2.5, 28.0, 4.0, 350.0, 1.0, 0.15),
    (16.0, 6.0, 40.0, 8.0, 700.0, 1.5, 0.05),
    (22.0, 8.0, 55.0, 12.0, 600.0, 2.5, 0.6),
    (18.0, 6.0, 40.0, 6.0, 500.0, 1.8, 0.45),
    (7.0, 2.5, 14.0, 3.0, 300.0, 0.8, 0.3),
];
const STEP_GENTLENESS: f64 = 0.25;
const PRACTICE_WEIGHTS: [u32; 5] = [64, 8, 14, 5, 9];

fn duration_hours(practice: usize, length_m: f64, ascent: i64) -> f64 {
    let (_, _, _, flat, climb, ..) = PRACTICE_PACE[practice];
    let hours = length_m / 1000.0 / flat + ascent as f64 / climb;
    ((hours * 4.0).round() / 4.0).max(0.5)
}

fn difficulty(practice: usize, length_m: f64, ascent: i64) -> u64 {
    let effort = (length_m / 1000.0 + ascent as f64 / 100.0) / PRACTICE_PACE[practice].5;
    match effort {
        e if e < 8.0 => 1,
        e if e < 14.0 => 2,
        e if e < 22.0 => 3,
        e if e < 32.0 => 4,
        _ => 5,
    }
}

/// Coordinates as the API serves them, to 7 decimals.
fn rounded(points: &[[f64; 3]]) -> Vec<[f64; 3]> {
    points
        .iter()
        .map(|p| [round7(p[0]), round7(p[1]), p[2]])
        .collect()
}

/// A trek before it becomes JSON.
struct Route {
    id: u64,
    rng: Rng,
    coords: Vec<[f64; 3]>,
    shape: Shape,
    practice: usize,
    langs: Langs,
    /// Published in no language: served by its detail route only, through its parent.
    hidden: bool,
    /// Start, a place on the way, end: the toponyms its texts speak of.
    places: [String; 3],
    names: [String; 3],
    parents: Vec<u64>,
    children: Vec<u64>,
    /// (parent, previous step, next step)
    neighbours: Option<(u64, Option<u64>, Option<u64>)>,
    itinerary: bool,
}

impl World {
    /// A trek on its own: a loop, an out-and-back or a one-way route.
    fn route(&self, id: u64) -> Route {
        let mut rng = Rng::new(self.seed, Stream::Trek, id);
        let practice = rng.weighted(&PRACTICE_WEIGHTS);
        let shape = match rng.weighted(&[50, 25, 25]) {
            0 => Shape::Loop,
            1 => Shape::OutAndBack,
            _ => Shape::OneWay,
        };
        let (median, low, high, _, _, _, gentle) = PRACTICE_PACE[practice];
        let length_m = (median * (0.45 * rng.normal()).exp()).clamp(low, high) * 1000.0;
        let spacing = rng.between(5.0, 20.0);
        let count = ((length_m / spacing).round() as usize + 1).clamp(300, 3000);
        let start = [rng.between(INNER[0], INNER[2]), rng.between(INNER[1], INNER[3])];
        let way = Way {
            shape,
            count,
            spacing: length_m / (count - 1) as f64,
            gentle,
        };
        let points = walk(&mut rng, &self.terrain, start, way);
        let places = [toponym(&mut rng), toponym(&mut rng), toponym(&mut rng)];
        let pattern = rng.pick(text::TREK_NAMES);
        let names = fill3(pattern, &[("a", &places[1]), ("b", &places[2])]);
        let langs = Langs::draw(&mut rng);
        Route {
            id,
            coords: rounded(&points),
            rng,
            shape,
            practice,
            langs,
            hidden: false,
            places,
            names,
            parents: Vec::new(),
            children: Vec::new(),
            neighbours: None,
            itinerary: false,
        }
    }

    /// An itinerary: its parent trek `id` and `steps` day stages `id + 1 ..= id + steps`, each
    /// starting where the previous one ended; the parent's line is theirs, thinned to 3,000
    /// points at most.
    fn itinerary(&self, id: u64, steps: u64) -> Vec<Route> {
        let mut rng = Rng::new(self.seed, Stream::Trek, id);
        let langs = Langs::draw(&mut rng);
        let mut at = [rng.between(INNER[0], INNER[2]), rng.between(INNER[1], INNER[3])];
        let towns: Vec<String> = (0..=steps).map(|_| toponym(&mut rng)).collect();
        let massif = toponym(&mut rng);
        let hidden_step = rng.chance(0.12).then(|| rng.range(2, steps));
        let ids: Vec<u64> = (id + 1..=id + steps).collect();
        let mut routes = Vec::new();
        let mut line: Vec<[f64; 3]> = Vec::new();
        for (k, &step_id) in ids.iter().enumerate() {
            let mut step_rng = Rng::new(self.seed, Stream::Trek, step_id);
            let length_m = step_rng.between(9_000.0, 17_000.0);
            let spacing = step_rng.between(8.0, 20.0);
            let count = ((length_m / spacing).round() as usize + 1).clamp(300, 3000);
            let way = Way {
                shape: Shape::OneWay,
                count,
                spacing: length_m / (count - 1) as f64,
                gentle: STEP_GENTLENESS,
            };
            let points = walk(&mut step_rng, &self.terrain, at, way);
            let last = points[points.len() - 1];
            at = [last[0], last[1]];
            line.extend(&points[usize::from(!line.is_empty())..]);
            let n = (k + 1).to_string();
            routes.push(Route {
                id: step_id,
                coords: rounded(&points),
                rng: step_rng,
                shape: Shape::OneWay,
                practice: 0,
                langs,
                hidden: hidden_step == Some(k as u64 + 1),
                places: [towns[k].clone(), massif.clone(), towns[k + 1].clone()],
                names: fill3(
                    &text::STEP_NAME,
                    &[("n", &n), ("a", &towns[k]), ("b", &towns[k + 1])],
                ),
                parents: vec![id],
                children: Vec::new(),
                neighbours: Some((id, k.checked_sub(1).map(|p| ids[p]), ids.get(k + 1).copied())),
                itinerary: false,
            });
        }
        // At most 3,000 points, the last one included.
        let stride = (line.len() - 1).div_ceil(2999);
        let mut thinned: Vec<[f64; 3]> = line.iter().step_by(stride).copied().collect();
        if (line.len() - 1) % stride != 0 {
            thinned.push(*line.last().unwrap());
        }
        let pattern = rng.pick(text::ITINERARY_NAMES);
        let parent = Route {
            id,
            coords: rounded(&thinned),
            rng,
            shape: Shape::OneWay,
            practice: 0,
            langs,
            hidden: false,
            places: [towns[0].clone(), massif.clone(), towns[steps as usize].clone()],
            names: fill3(pattern, &[("a", &massif)]),
            parents: Vec::new(),
            children: ids,
            neighbours: None,
            itinerary: true,
        };
        std::iter::once(parent).chain(routes).collect()
    }

    fn block(&self, index: u64, total: u64, sink: &mut impl Sink) -> io::Result<()> {
        let first = index * BLOCK + 1;
        let last = ((index + 1) * BLOCK).min(total);
        let mut rng = Rng::new(self.seed, Stream::Block, index);
        let steps = (last == (index + 1) * BLOCK && rng.chance(0.6)).then(|| rng.range(3, 5));
        let plain_last = last - steps.map_or(0, |s| s + 1);
        let mut routes: Vec<Route> = (first..=plain_last).map(|id| self.route(id)).collect();
        if let Some(steps) = steps {
            routes.extend(self.itinerary(plain_last + 1, steps));
        }
        for route in &mut routes {
            let trek = self.trek(route);
            if route.hidden {
                sink.detail("trek", trek)?;
            } else {
                sink.list("trek", trek)?;
            }
        }
        for route in routes.iter().filter(|r| !r.itinerary) {
            for poi in self.pois(route) {
                sink.list("poi", poi)?;
            }
        }
        for route in routes.iter().filter(|r| !r.itinerary) {
            for content in self.contents(route) {
                sink.list("touristiccontent", content)?;
            }
        }
        for route in routes.iter().filter(|r| !r.itinerary) {
            if let Some(event) = self.event(route) {
                sink.list("touristicevent", event)?;
            }
        }
        let walked: Vec<&Route> = routes.iter().filter(|r| !r.itinerary).collect();
        for area in self.sensitive_areas(index, &walked) {
            sink.list("sensitivearea", area)?;
        }
        if let Some((site, courses)) = self.outdoor(index, &walked) {
            sink.list("outdoor_site", site)?;
            for course in courses {
                sink.list("outdoor_course", course)?;
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Treks

impl World {
    fn trek(&self, route: &mut Route) -> Value {
        let id = route.id;
        let rng = &mut route.rng;
        let langs = route.langs;
        let style = Style::draw(rng);
        let profile = profile(&route.coords);
        let start = [route.coords[0][0], route.coords[0][1]];
        let [a, b, c] = &route.places;
        let vars = |alt: f64, min: u64, dist: u64, n: u64| -> Vec<(&'static str, String)> {
            vec![
                ("a", a.clone()),
                ("b", b.clone()),
                ("c", c.clone()),
                ("alt", alt.to_string()),
                ("min", min.to_string()),
                ("dist", dist.to_string()),
                ("n", n.to_string()),
                ("km", (n % 11 + 2).to_string()),
            ]
        };
        let text3 = |t: &Tr, v: &[(&'static str, String)]| -> [String; 3] {
            let refs: Vec<(&str, &str)> = v.iter().map(|(k, s)| (*k, s.as_str())).collect();
            fill3(t, &refs)
        };

        // Description: an introduction, then the way, in numbered paragraphs or a list.
        let intro_vars = vars(profile.max as f64, 0, 0, 0);
        let intro = text3(rng.pick(text::TEASERS), &intro_vars);
        let middle_count = rng.range(2, 5) as usize;
        let mut order = vec![rng.range(1, 2)];
        order.extend(
            rng.ids(middle_count, text::STEPS.len() - 2)
                .into_iter()
                .map(|i| i + 2),
        );
        let mut way: Vec<[String; 3]> = order
            .into_iter()
            .map(|i| {
                let v = vars(
                    profile.min as f64 + rng.range(0, (profile.max - profile.min).max(1) as u64) as f64,
                    rng.range(2, 12) * 5,
                    rng.range(2, 20) * 50,
                    0,
                );
                text3(&text::STEPS[i as usize - 1], &v)
            })
            .collect();
        if !route.itinerary && route.neighbours.is_none() {
            let ending = match route.shape {
                Shape::Loop => 0,
                Shape::OutAndBack => 1,
                Shape::OneWay => 2,
            };
            way.push(text3(&text::ENDINGS[ending], &intro_vars));
        }
        let list = rng.chance(0.4);
        let link = rng.chance(0.15).then(|| format!("{HOST}/decouvrir/{}/", slug(a)));
        let description: [String; 3] = std::array::from_fn(|l| {
            let mut paragraphs = vec![format!("<p>{}</p>", intro[l])];
            if list {
                let items: String = way.iter().map(|s| format!("<li>{}</li>", s[l])).collect();
                paragraphs.push(format!("<ol>{items}</ol>"));
            } else {
                paragraphs.extend(
                    way.iter()
                        .enumerate()
                        .map(|(i, s)| format!("<p><strong>{}.</strong> {}</p>", i + 1, s[l])),
                );
            }
            if let Some(url) = &link {
                paragraphs.push(format!("<p>{}</p>", fill(text::MORE_INFO[l], &[("url", url)])));
            }
            style.join(&paragraphs)
        });
        let teaser = intro.clone().map(|t| style.html(format!("<p>{t}</p>")));
        let ambiance: [String; 3] = {
            let count = rng.range(1, 2) as usize;
            let chosen: Vec<[String; 3]> = rng
                .ids(count, text::AMBIANCES.len())
                .into_iter()
                .map(|i| text3(&text::AMBIANCES[i as usize - 1], &intro_vars))
                .collect();
            std::array::from_fn(|l| {
                style.join(
                    &chosen
                        .iter()
                        .map(|p| format!("<p>{}</p>", p[l]))
                        .collect::<Vec<_>>(),
                )
            })
        };
        let advice = text3(rng.pick(text::ADVICES), &intro_vars).map(|t| style.html(format!("<p>{t}</p>")));
        let gear_count = rng.range(3, 5) as usize;
        let gear_items = rng.ids(gear_count, text::GEAR.len());
        let gear: [String; 3] = std::array::from_fn(|l| {
            let items: String = gear_items
                .iter()
                .map(|i| format!("<li>{}</li>", text::GEAR[*i as usize - 1][l]))
                .collect();
            style.html(format!("<ul>{items}</ul>"))
        });
        let access_vars = vars(0.0, 0, 0, rng.range(1, 999));
        let access = text3(rng.pick(text::ACCESS), &access_vars).map(|t| style.html(format!("<p>{t}</p>")));
        let transport_url = format!("{HOST}/transports/");
        let mut transport_vars = vars(0.0, 0, 0, rng.range(1, 40));
        transport_vars.push(("url", transport_url));
        let transport =
            text3(rng.pick(text::TRANSPORT), &transport_vars).map(|t| style.html(format!("<p>{t}</p>")));
        let parking = text3(&text::PARKING, &intro_vars);
        let departure = [a.clone(), a.clone(), a.clone()];
        let arrival = if route.shape == Shape::OneWay {
            [c.clone(), c.clone(), c.clone()]
        } else {
            departure.clone()
        };

        let accessible = route.practice == 0 && !route.itinerary && rng.chance(0.08);
        let rated = route.practice == 0 && !route.itinerary && rng.chance(0.4);
        let (created, updated) = times(rng, self.now);
        let slug_fr = slug(&route.names[0]);
        let mut map = Map::new();
        let mut put = |key: &str, value: Value| {
            map.insert(key.to_string(), value);
        };
        put("id", json!(id));
        put("uuid", json!(rng.uuid()));
        put("url", json!(format!("{API}trek/{id}/")));
        put("name", translated(rng, langs, route.names.clone(), 0.0));
        put(
            "published",
            if route.hidden {
                json!({"fr": false, "en": false, "it": false})
            } else {
                langs.published(rng)
            },
        );
        put("description_teaser", translated(rng, langs, teaser, 0.1));
        put("description", translated(rng, langs, description, 0.1));
        put(
            "ambiance",
            if rng.chance(0.8) {
                translated(rng, langs, ambiance, 0.3)
            } else {
                untranslated(rng)
            },
        );
        put(
            "access",
            if rng.chance(0.85) {
                translated(rng, langs, access, 0.3)
            } else {
                untranslated(rng)
            },
        );
        put(
            "advice",
            if rng.chance(0.6) {
                translated(rng, langs, advice, 0.3)
            } else {
                untranslated(rng)
            },
        );
        put(
            "gear",
            if rng.chance(0.5) {
                translated(rng, langs, gear, 0.3)
            } else {
                untranslated(rng)
            },
        );
        put(
            "public_transport",
            if rng.chance(0.4) {
                translated(rng, langs, transport, 0.3)
            } else {
                untranslated(rng)
            },
        );
        put(
            "advised_parking",
            if rng.chance(0.75) {
                translated(rng, langs, parking, 0.2)
            } else {
                untranslated(rng)
            },
        );
        put("departure", translated(rng, langs, departure, 0.0));
        put(
            "arrival",
            if rng.chance(0.9) {
                translated(rng, langs, arrival, 0.0)
            } else {
                untranslated(rng)
            },
        );
        let accessibility_fields = [
            "accessibility_advice",
            "accessibility_covering",
            "accessibility_exposure",
            "accessibility_signage",
            "accessibility_slope",
            "accessibility_width",
            "disabled_infrastructure",
        ];
        for (field, texts) in accessibility_fields.iter().zip(&text::ACCESSIBILITY) {
            let value = if accessible {
                translated(rng, langs, texts.map(|t| style.html(format!("<p>{t}</p>"))), 0.3)
            } else {
                untranslated(rng)
            };
            put(field, value);
        }
        let accessibilities = if accessible {
            let count = rng.range(1, 2) as usize;
            rng.ids(count, text::ACCESSIBILITIES.len())
        } else {
            Vec::new()
        };
        put("accessibilities", json!(accessibilities));
        put("accessibility_level", json!(accessible.then(|| rng.range(1, 2))));
        put(
            "ratings_description",
            if rated {
                let t = rng
                    .pick(text::RATINGS_DESCRIPTION)
                    .map(|t| style.html(format!("<p>{t}</p>")));
                translated(rng, langs, t, 0.3)
            } else {
                untranslated(rng)
            },
        );
        put(
            "ratings",
            json!(if rated {
                vec![rng.range(1, 3), rng.range(4, 6)]
            } else {
                Vec::new()
            }),
        );

        let coordinates: Vec<Value> = route
            .coords
            .iter()
            .map(|c| Value::Array(vec![c[0].into(), c[1].into(), c[2].into()]))
            .collect();
        put(
            "geometry",
            object! {"coordinates": coordinates, "type": "LineString"},
        );
        put("departure_geom", point2(start));
        put(
            "parking_location",
            if rng.chance(0.85) {
                point2(offset(
                    start,
                    rng.between(0.0, std::f64::consts::TAU),
                    rng.between(10.0, 120.0),
                ))
            } else {
                Value::Null
            },
        );
        put(
            "points_reference",
            if rng.chance(0.35) {
                let count = rng.range(2, 6) as usize;
                let points: Vec<Value> = (1..=count)
                    .map(|k| {
                        let c = route.coords[k * (route.coords.len() - 1) / (count + 1)];
                        point2([c[0], c[1]])
                    })
                    .collect();
                json!({"type": "MultiPoint", "coordinates": points})
            } else {
                Value::Null
            },
        );
        put("length_2d", json!(profile.length_2d));
        put("length_3d", json!(profile.length_3d));
        put("ascent", json!(profile.ascent));
        put("descent", json!(profile.descent));
        put("min_elevation", json!(profile.min));
        put("max_elevation", json!(profile.max));
        let duration = if route.itinerary {
            24.0 * route.children.len() as f64
        } else {
            duration_hours(route.practice, profile.length_2d, profile.ascent)
        };
        put("duration", json!(duration));
        // An itinerary is as difficult as its average day.
        let days = route.children.len().max(1);
        put(
            "difficulty",
            json!(difficulty(
                route.practice,
                profile.length_2d / days as f64,
                profile.ascent / days as i64
            )),
        );
        put("practice", json!(route.practice + 1));
        put(
            "route",
            json!(if route.itinerary { 4 } else { route.shape.route() }),
        );
        let themes = rng.range(1, 3) as usize;
        put("themes", json!(rng.ids(themes, text::THEMES.len())));
        let networks: Vec<u64> = match route.practice {
            0 if profile.length_2d > 15_000.0 || route.itinerary || route.neighbours.is_some() => vec![2],
            0 | 1 | 4 => vec![1],
            2 => vec![4],
            _ => vec![5],
        };
        put(
            "networks",
            json!(if rng.chance(0.85) { networks } else { Vec::new() }),
        );
        let labels = rng.weighted(&[55, 35, 10]);
        put("labels", json!(rng.ids(labels, text::LABELS.len())));
        let desks = rng.weighted(&[10, 70, 20]);
        put("information_desks", json!(self.nearest_desks(start, desks)));
        put(
            "source",
            json!(match rng.weighted(&[50, 20, 30]) {
                0 => vec![1],
                1 => vec![2],
                _ => Vec::new(),
            }),
        );
        put(
            "portal",
            json!(if route.practice == 2 { vec![1, 2] } else { vec![1] }),
        );
        put("structure", json!(rng.weighted(&[70, 20, 10]) + 1));
        put("reservation_system", Value::Null);
        put("reservation_id", json!(""));
        self.zoning_fields(&mut map, route.coords.iter().map(|c| [c[0], c[1]]));
        let mut put = |key: &str, value: Value| {
            map.insert(key.to_string(), value);
        };
        put("children", json!(route.children));
        put("parents", json!(route.parents));
        let (previous, next) = match route.neighbours {
            Some((parent, previous, next)) => (
                json!({ parent.to_string(): previous }),
                json!({ parent.to_string(): next }),
            ),
            None => (json!({}), json!({})),
        };
        put("previous", previous);
        put("next", next);

        let count = rng.weighted(&[8, 30, 30, 17, 10, 5]);
        let mut attachments = pictures(rng, "trekking_trek", id, &route.names[0], count);
        if rng.chance(0.08) {
            attachments.push(video(rng));
        }
        if rng.chance(0.05) {
            attachments.push(object! {
                "author": "",
                "backend": "",
                "filetype": json!({"id": 3, "structure": null, "type": "Topoguide"}),
                "legend": "",
                "license": Value::Null,
                "thumbnail": "",
                "title": format!("topo-{slug_fr}"),
                "type": "file",
                "url": media(&format!("paperclip/trekking_trek/{id}/topo-{slug_fr}.pdf")),
                "uuid": rng.uuid(),
            });
        }
        put("attachments", Value::from(attachments));
        put("attachments_accessibility", json!([]));
        let links: Vec<Value> = (0..rng.weighted(&[75, 18, 7]))
            .map(|k| {
                let category = rng.index(text::WEBLINK_CATEGORIES.len());
                let (label_text, file) = &text::WEBLINK_CATEGORIES[category];
                object! {
                    "category": if rng.chance(0.8) {
                        object! {
                            "id": category + 1,
                            "label": label(rng, label_text),
                            "pictogram": pictogram(file),
                        }
                    } else {
                        Value::Null
                    },
                    "name": {
                        let name = rng.pick(text::WEB_LINKS).map(str::to_string);
                        translated(rng, langs, name, 0.2)
                    },
                    "url": format!("{HOST}/liens/{id}-{k}/"),
                }
            })
            .collect();
        put("web_links", Value::from(links));
        put("view_points", json!([]));
        put("gpx", json!(format!("{HOST}/api/fr/treks/{id}/{slug_fr}.gpx")));
        put("kml", json!(format!("{HOST}/api/fr/treks/{id}/{slug_fr}.kml")));
        put(
            "pdf",
            json!({
                "fr": format!("{HOST}/api/fr/treks/{id}/{slug_fr}.pdf"),
                "en": format!("{HOST}/api/en/treks/{id}/{slug_fr}.pdf"),
                "it": format!("{HOST}/api/it/treks/{id}/{slug_fr}.pdf"),
            }),
        );
        put("altimetric_profile", json!(format!("{API}trek/{id}/profile/")));
        put(
            "elevation_svg_url",
            json!(format!("{API}trek/{id}/profile/?language=fr&format=svg")),
        );
        put("elevation_area_url", json!(format!("{API}trek/{id}/dem/")));
        put(
            "external_id",
            if rng.chance(0.3) {
                json!(format!("TRK{:05}", id + 4000))
            } else {
                Value::Null
            },
        );
        put("second_external_id", Value::Null);
        put("provider", Value::Null);
        put("create_datetime", json!(created));
        put("update_datetime", json!(updated));
        Value::Object(map)
    }
}

// ---------------------------------------------------------------------------------------------
// Points of interest, touristic contents and events, made with each trek

impl World {
    fn pois(&self, route: &Route) -> Vec<Value> {
        let mut rng = Rng::new(self.seed, Stream::Poi, route.id);
        let rng = &mut rng;
        let count = if route.neighbours.is_some() {
            rng.range(1, 4)
        } else {
            rng.range(2, 7)
        };
        let top = route
            .coords
            .iter()
            .enumerate()
            .max_by(|a, b| a.1[2].total_cmp(&b.1[2]))
            .map_or(0, |(i, _)| i);
        let climbs = route.coords[top][2] - route.coords[0][2] > 150.0;
        (0..count)
            .map(|k| {
                let id = (route.id - 1) * POI_SLOTS + k + 1;
                // The first is the high point of the route when it climbs to one.
                let (index, kind, distance) = if k == 0 && climbs {
                    (top, rng.range(0, 1) as usize, rng.between(0.0, 20.0))
                } else {
                    let n = route.coords.len();
                    (
                        rng.range(n as u64 / 20, n as u64 * 19 / 20) as usize,
                        rng.range(2, text::POI_TYPES.len() as u64 - 1) as usize,
                        rng.between(0.0, 90.0),
                    )
                };
                let c = route.coords[index];
                let at = offset([c[0], c[1]], rng.between(0.0, std::f64::consts::TAU), distance);
                let at = [round7(at[0]), round7(at[1])];
                let (type_label, file, name, description) = &text::POI_TYPES[kind];
                let place = toponym(rng);
                let names = fill3(name, &[("a", &place), ("s", *rng.pick(text::SAINTS))]);
                let langs = Langs([
                    true,
                    route.langs.0[1] && rng.chance(0.9),
                    route.langs.0[2] && rng.chance(0.9),
                ]);
                let style = Style::draw(rng);
                let more = rng.chance(0.6).then(|| rng.pick(text::POI_MORE));
                let description: [String; 3] = std::array::from_fn(|l| {
                    let mut paragraphs = vec![format!("<p>{}</p>", description[l])];
                    paragraphs.extend(more.map(|m| format!("<p>{}</p>", m[l])));
                    style.join(&paragraphs)
                });
                let (created, updated) = times(rng, self.now);
                let count = rng.weighted(&[40, 45, 15]);
                let attachments = pictures(rng, "trekking_poi", id, &names[0], count);
                object! {
                    "attachments": attachments,
                    "create_datetime": created,
                    "description": translated(rng, langs, description, 0.1),
                    "external_id": Value::Null,
                    "geometry": json!({"type": "Point", "coordinates": [at[0], at[1], self.z(at)]}),
                    "id": id,
                    "name": translated(rng, langs, names, 0.0),
                    "provider": Value::Null,
                    "published": langs.published(rng),
                    "structure": rng.weighted(&[80, 15, 5]) + 1,
                    "type": kind + 1,
                    "type_label": label(rng, type_label),
                    "type_pictogram": pictogram(file),
                    "update_datetime": updated,
                    "url": format!("{API}poi/{id}/"),
                    "uuid": rng.uuid(),
                    "view_points": json!([]),
                }
            })
            .collect()
    }

    /// Fields touristic contents and events share.
    #[allow(clippy::too_many_arguments)]
    fn tourism(
        &self,
        rng: &mut Rng,
        endpoint: &str,
        folder: &str,
        id: u64,
        at: [f64; 2],
        names: [String; 3],
        paragraphs: [[String; 3]; 2],
        pictures_count: usize,
    ) -> Map<String, Value> {
        let langs = Langs::draw(rng);
        let style = Style::draw(rng);
        let teaser = paragraphs[0].clone().map(|d| style.html(format!("<p>{d}</p>")));
        let description: [String; 3] = std::array::from_fn(|l| {
            style.join(
                &paragraphs
                    .iter()
                    .map(|p| format!("<p>{}</p>", p[l]))
                    .collect::<Vec<_>>(),
            )
        });
        let practical = rng
            .pick(text::PRACTICAL_INFO)
            .map(|t| style.html(format!("<p>{t}</p>")));
        let (created, updated) = times(rng, self.now);
        let slug_fr = slug(&names[0]);
        let plural = format!("{endpoint}s");
        let value = object! {
            "accessibility": untranslated(rng),
            "approved": rng.chance(0.2),
            "attachments": pictures(rng, folder, id, &names[0], pictures_count),
            "contact": {
                let street = format!("{} {}", rng.range(1, 40), rng.pick(text::STREETS));
                style.html(format!("<p>{}<br />{street}<br />{}</p>", names[0], phone(rng)))
            },
            "create_datetime": created,
            "description": translated(rng, langs, description, 0.1),
            "description_teaser": translated(rng, langs, teaser, 0.1),
            "email": if rng.chance(0.7) { format!("contact@{}.example.org", slug_fr) } else { String::new() },
            "external_id": if rng.chance(0.4) {
                Value::from(format!("APIDAE{}", 100_000 + id))
            } else {
                Value::Null
            },
            "geometry": json!({"type": "Point", "coordinates": [round7(at[0]), round7(at[1])]}),
            "id": id,
            "name": translated(rng, langs, names, 0.0),
            "pdf": json!({
                "fr": format!("{HOST}/api/fr/{plural}/{id}/{slug_fr}.pdf"),
                "en": format!("{HOST}/api/en/{plural}/{id}/{slug_fr}.pdf"),
                "it": format!("{HOST}/api/it/{plural}/{id}/{slug_fr}.pdf"),
            }),
            "portal": json!([1]),
            "practical_info": if rng.chance(0.6) {
                translated(rng, langs, practical, 0.3)
            } else {
                untranslated(rng)
            },
            "provider": Value::Null,
            "published": langs.published(rng),
            "source": json!(if rng.chance(0.6) { vec![rng.range(1, 3)] } else { Vec::new() }),
            "structure": rng.weighted(&[70, 20, 10]) + 1,
            "themes": {
                let count = rng.weighted(&[30, 50, 20]);
                json!(rng.ids(count, text::THEMES.len()))
            },
            "update_datetime": updated,
            "url": format!("{API}{endpoint}/{id}/"),
            "uuid": rng.uuid(),
            "website": if rng.chance(0.6) {
                format!("https://{slug_fr}.example.org/")
            } else {
                String::new()
            },
        };
        let Value::Object(mut map) = value else {
            unreachable!()
        };
        self.zoning_fields(&mut map, std::iter::once(at));
        map
    }

    fn contents(&self, route: &Route) -> Vec<Value> {
        let mut rng = Rng::new(self.seed, Stream::Content, route.id);
        let rng = &mut rng;
        let count = rng.weighted(&[45, 35, 20]) as u64;
        (0..count)
            .map(|k| {
                let id = (route.id - 1) * CONTENT_SLOTS + k + 1;
                let category = rng.weighted(&[30, 25, 15, 15, 15]);
                let (_, _, groups) = &text::CATEGORIES[category];
                let kind = rng.index(groups[0].1.len());
                let (_, pattern) = &groups[0].1[kind];
                // Lodging, food and produce are in the villages where routes start; the rest
                // along the way.
                let near_start = matches!(category, 0 | 1 | 4);
                let c = if near_start {
                    route.coords[0]
                } else {
                    route.coords[rng.index(route.coords.len())]
                };
                let at = offset(
                    [c[0], c[1]],
                    rng.between(0.0, std::f64::consts::TAU),
                    rng.between(50.0, 600.0),
                );
                let place = if near_start {
                    route.places[0].clone()
                } else {
                    toponym(rng)
                };
                let names = fill3(pattern, &[("a", &place), ("s", *rng.pick(text::SAINTS))]);
                let vars = [("a", place.as_str()), ("b", route.places[1].as_str())];
                let [first, second] = text::CONTENT_PARAGRAPHS[category];
                let description = [
                    fill3(&text::CONTENT_DESCRIPTIONS[first], &vars),
                    fill3(&text::CONTENT_DESCRIPTIONS[second], &vars),
                ];
                let pictures = rng.weighted(&[15, 45, 30, 10]);
                let mut map = self.tourism(
                    rng,
                    "touristiccontent",
                    "tourism_touristiccontent",
                    id,
                    at,
                    names,
                    description,
                    pictures,
                );
                let category_id = category as u64 + 1;
                let mut types = Map::new();
                types.insert(
                    (category_id * 100 + 1).to_string(),
                    json!([content_type_id(category_id, 0, kind)]),
                );
                let second = &groups[1].1;
                let extra: Vec<u64> = if !second.is_empty() && rng.chance(0.5) {
                    vec![content_type_id(category_id, 1, rng.index(second.len()))]
                } else {
                    Vec::new()
                };
                types.insert((category_id * 100 + 2).to_string(), json!(extra));
                let reservable = category == 0 && rng.chance(0.3);
                map.insert("category".into(), json!(category_id));
                map.insert("types".into(), Value::Object(types));
                map.insert(
                    "label_accessibility".into(),
                    json!(rng.chance(0.05).then(|| rng.range(1, 2))),
                );
                map.insert("reservation_system".into(), json!(reservable.then_some(1)));
                map.insert(
                    "reservation_id".into(),
                    json!(if reservable {
                        format!("HEB{id:06}")
                    } else {
                        String::new()
                    }),
                );
                Value::Object(map)
            })
            .collect()
    }

    /// One event with a trek in four, dated around the pull: the API lists only events not yet
    /// over, so none ends before it.
    fn event(&self, route: &Route) -> Option<Value> {
        let mut rng = Rng::new(self.seed, Stream::Event, route.id);
        let rng = &mut rng;
        if !rng.chance(0.25) {
            return None;
        }
        let id = route.id;
        let kind = rng.index(text::EVENT_TYPES.len());
        let (_, pattern) = &text::EVENT_TYPES[kind];
        let place = route.places[0].clone();
        let names = fill3(pattern, &[("a", &place)]);
        let description = [
            fill3(&text::EVENT_DESCRIPTIONS[kind], &[("a", &place)]),
            fill3(&text::EVENT_MORE, &[("a", &place)]),
        ];
        let c = route.coords[0];
        let at = offset(
            [c[0], c[1]],
            rng.between(0.0, std::f64::consts::TAU),
            rng.between(20.0, 400.0),
        );
        let pictures = rng.weighted(&[30, 60, 10]);
        let mut map = self.tourism(
            rng,
            "touristicevent",
            "tourism_touristicevent",
            id,
            at,
            names,
            description,
            pictures,
        );
        let today = self.now.date_naive();
        let begin = today + Duration::days(rng.range(0, 243) as i64 - 3);
        let days = [0, 0, 0, 1, 2, 6, 30][rng.index(7)];
        let end = (begin + Duration::days(days)).max(today);
        let start_time = rng
            .chance(0.7)
            .then(|| format!("{:02}:{:02}:00", rng.range(8, 20), [0, 30][rng.index(2)]));
        let end_time = start_time.as_ref().and_then(|s| {
            let hour: u64 = s[..2].parse().unwrap();
            rng.chance(0.6)
                .then(|| format!("{:02}:00:00", (hour + rng.range(1, 3)).min(23)))
        });
        let capacity = rng.chance(0.5).then(|| rng.range(1, 6) * 10);
        let organizer = rng.index(text::ORGANIZERS.len());
        let cancelled = rng.chance(0.05);
        let bookable = rng.chance(0.3);
        map.insert("approved".into(), json!(rng.chance(0.2)));
        map.insert("begin_date".into(), json!(begin.format("%Y-%m-%d").to_string()));
        map.insert("end_date".into(), json!(end.format("%Y-%m-%d").to_string()));
        map.insert("start_time".into(), json!(start_time));
        map.insert("meeting_time".into(), json!(start_time));
        map.insert("end_time".into(), json!(end_time));
        map.insert(
            "duration".into(),
            json!(if days > 0 {
                format!("{} jours", days + 1)
            } else {
                String::new()
            }),
        );
        map.insert(
            "meeting_point".into(),
            json!(format!("Place de l'église, {place}")),
        );
        map.insert("place".into(), json!(place));
        map.insert("type".into(), json!(kind + 1));
        map.insert("organizers".into(), json!(text::ORGANIZERS[organizer]));
        map.insert("organizer".into(), json!(text::ORGANIZERS[organizer]));
        map.insert("organizers_id".into(), json!([organizer + 1]));
        map.insert(
            "speaker".into(),
            json!(if kind == 2 {
                rng.pick(text::PEOPLE).to_string()
            } else {
                String::new()
            }),
        );
        map.insert(
            "target_audience".into(),
            json!(if rng.chance(0.3) { "Tout public" } else { "" }),
        );
        map.insert("capacity".into(), json!(capacity));
        map.insert(
            "participant_number".into(),
            json!(capacity.map_or_else(|| "None".to_string(), |c| c.to_string())),
        );
        map.insert(
            "price".into(),
            json!(rng.chance(0.4).then(|| rng.range(1, 30) as f64)),
        );
        map.insert(
            "booking".into(),
            json!(if bookable {
                format!("<p>Réservation au {}</p>", phone(rng))
            } else {
                String::new()
            }),
        );
        map.insert("bookable".into(), json!(bookable));
        map.insert("cancelled".into(), json!(cancelled));
        map.insert(
            "cancellation_reason".into(),
            if cancelled {
                translated(
                    rng,
                    Langs([true, true, false]),
                    ["Météo défavorable", "Bad weather", ""].map(str::to_string),
                    0.0,
                )
            } else {
                Value::Null
            },
        );
        Some(Value::Object(map))
    }
}

// ---------------------------------------------------------------------------------------------
// Sensitive areas and outdoor sites, a few per block

/// Outdoor sites and courses are GeometryCollections, even of one geometry.
fn collection(geometry: Value) -> Value {
    json!({"type": "GeometryCollection", "geometries": [geometry]})
}

fn phone(rng: &mut Rng) -> String {
    let mut number = "04 92".to_string();
    for _ in 0..3 {
        number.push_str(&format!(" {:02}", rng.range(10, 99)));
    }
    number
}

/// A closed ring of about `radius` metres around `centre`, irregular but not self-crossing.
fn ring(rng: &mut Rng, centre: [f64; 2], radius: f64, vertices: usize) -> Vec<Value> {
    let phases = [rng.between(0.0, 6.3), rng.between(0.0, 6.3)];
    let mut points: Vec<Value> = (0..vertices)
        .map(|i| {
            let angle = std::f64::consts::TAU * i as f64 / vertices as f64;
            let r = radius
                * (1.0 + 0.2 * (2.0 * angle + phases[0]).sin() + 0.1 * (3.0 * angle + phases[1]).sin());
            point2(offset(centre, angle, r))
        })
        .collect();
    points.push(points[0].clone());
    points
}

impl World {
    fn sensitive_areas(&self, block: u64, routes: &[&Route]) -> Vec<Value> {
        let mut rng = Rng::new(self.seed, Stream::Area, block);
        let rng = &mut rng;
        if routes.is_empty() {
            return Vec::new();
        }
        // The first block always has one, so that a small instance has every kind of page.
        let count = rng.weighted(&[if block == 0 { 0 } else { 20 }, 60, 20]) as u64;
        (0..count)
            .map(|k| {
                let id = block * AREA_SLOTS + k + 1;
                let route = routes[rng.index(routes.len())];
                let n = route.coords.len();
                let c = route.coords[rng.range(n as u64 / 5, n as u64 * 4 / 5) as usize];
                let centre = offset(
                    [c[0], c[1]],
                    rng.between(0.0, std::f64::consts::TAU),
                    rng.between(0.0, 100.0),
                );
                let species = rng.chance(0.7).then(|| rng.index(text::SPECIES.len()));
                let (name, period) = match species {
                    Some(s) => (text::SPECIES[s].0.map(str::to_string), text::SPECIES[s].1),
                    None => (fill3(&text::QUIET_ZONE, &[("a", &toponym(rng))]), [true; 12]),
                };
                let style = Style::draw(rng);
                let description = rng
                    .pick(text::AREA_DESCRIPTIONS)
                    .map(|t| style.html(format!("<p>{t}</p>")));
                let rule_count = rng.weighted(&[50, 30, 20]);
                let rules: Vec<Value> = rng
                    .ids(rule_count, text::AREA_RULES.len())
                    .into_iter()
                    .map(|r| {
                        let (code, name, description, file) = &text::AREA_RULES[r as usize - 1];
                        object! {
                            "code": *code,
                            "description": {
                                let description = description.map(str::to_string);
                                translated(rng, Langs::all(), description, 0.0)
                            },
                            "id": r,
                            "name": label(rng, name),
                            "pictogram": pictogram(file),
                            "url": format!("{HOST}/reglementation/{code}/"),
                        }
                    })
                    .collect();
                let aerial = species.is_some() && rng.chance(0.5);
                let (created, updated) = times(rng, self.now);
                let description_langs = Langs([true, rng.chance(0.8), rng.chance(0.5)]);
                let radius = rng.between(250.0, 1200.0);
                object! {
                    "attachments": json!([]),
                    "contact": style.html(format!("<p>{} – service scientifique</p>", text::SOURCES[0].0)),
                    "create_datetime": created,
                    "description": translated(rng, description_langs, description, 0.0),
                    "elevation": species.map(|_| self.z(centre) as i64),
                    "geometry": json!({"type": "Polygon", "coordinates": [ring(rng, centre, radius, 20)]}),
                    "id": id,
                    "info_url": format!("{HOST}/zones-sensibles/{id}/"),
                    "kml_url": format!("{HOST}/api/fr/sensitiveareas/{id}.kml"),
                    "name": translated(rng, Langs::all(), name, 0.0),
                    "openair_url": if aerial {
                        Value::from(format!("{HOST}/api/fr/sensitiveareas/{id}/openair"))
                    } else {
                        Value::Null
                    },
                    "period": json!(period),
                    "practices": json!(if aerial { vec![1, 2] } else { vec![1] }),
                    "provider": Value::Null,
                    "published": true,
                    "rules": rules,
                    "species_id": species.map(|s| s + 1),
                    "structure": 1,
                    "update_datetime": updated,
                    "url": format!("{API}sensitivearea/{id}/"),
                }
            })
            .collect()
    }

    fn outdoor(&self, block: u64, routes: &[&Route]) -> Option<(Value, Vec<Value>)> {
        let mut rng = Rng::new(self.seed, Stream::Outdoor, block);
        let rng = &mut rng;
        // As for sensitive areas, the first block always has one.
        if routes.is_empty() || !(rng.chance(0.5) || block == 0) {
            return None;
        }
        let site_id = block + 1;
        let practice = rng.index(text::OUTDOOR_PRACTICES.len());
        let (_, _, _, _, _, _, grades, site_name, course_name) = &text::OUTDOOR_PRACTICES[practice];
        let (hours_low, hours_high) = &[(1.0, 4.0), (2.0, 5.0), (0.3, 1.5), (2.0, 6.0)][practice];
        let practice_id = practice as u64 + 1;
        let route = routes[rng.index(routes.len())];
        let c = route.coords[rng.index(route.coords.len())];
        let centre = offset(
            [c[0], c[1]],
            rng.between(0.0, std::f64::consts::TAU),
            rng.between(200.0, 800.0),
        );
        let place = toponym(rng);
        let langs = Langs::draw(rng);
        let style = Style::draw(rng);
        let vars = [("a", place.as_str())];
        let html = |t: &Tr| fill3(t, &vars).map(|t| style.html(format!("<p>{t}</p>")));
        let course_count = rng.range(1, COURSE_SLOTS);
        let course_ids: Vec<u64> = (0..course_count).map(|k| block * COURSE_SLOTS + k + 1).collect();
        let course_uuids: Vec<String> = course_ids.iter().map(|_| rng.uuid()).collect();
        let site_uuid = rng.uuid();
        let (created, updated) = times(rng, self.now);
        let names = fill3(site_name, &vars);
        let picture_count = rng.range(0, 2) as usize;
        let description = html(rng.pick(text::OUTDOOR_DESCRIPTIONS));
        let radius = rng.between(120.0, 400.0);
        let slug_fr = slug(&names[0]);
        let pdf = |kind: &str, id: u64, slug: &str| {
            json!({
                "fr": format!("{HOST}/api/fr/{kind}/{id}/{slug}.pdf"),
                "en": format!("{HOST}/api/en/{kind}/{id}/{slug}.pdf"),
                "it": format!("{HOST}/api/it/{kind}/{id}/{slug}.pdf"),
            })
        };
        let site = object! {
            "accessibility": untranslated(rng),
            "advice": translated(rng, langs, html(&text::OUTDOOR_ADVICE), 0.2),
            "ambiance": untranslated(rng),
            "attachments": pictures(rng, "outdoor_site", site_id, &names[0], picture_count),
            "children": json!([]),
            "children_uuids": json!([]),
            "courses": json!(course_ids),
            "courses_uuids": json!(course_uuids),
            "create_datetime": created,
            "description": translated(rng, langs, description, 0.1),
            "description_teaser": untranslated(rng),
            "eid": Value::Null,
            "geometry": collection(json!({"type": "Polygon", "coordinates": [ring(rng, centre, radius, 6)]})),
            "id": site_id,
            "information_desks": json!(self.nearest_desks(centre, 1)),
            "labels": json!(if rng.chance(0.2) { vec![1] } else { Vec::new() }),
            "managers": json!([rng.range(1, text::ORGANISMS.len() as u64)]),
            "name": translated(rng, langs, names.clone(), 0.0),
            "orientation": json!([*rng.pick(&["N", "NE", "E", "SE", "S", "SW", "W", "NW"])]),
            "parent": Value::Null,
            "parent_uuid": Value::Null,
            "pdf": pdf("sites", site_id, &slug_fr),
            "period": translated(rng, langs, text::OUTDOOR_PERIOD.map(str::to_string), 0.2),
            "portal": json!([1]),
            "practice": practice_id,
            "provider": Value::Null,
            "published": langs.published(rng),
            "ratings": json!([outdoor_rating_id(practice_id, rng.index(grades.len()))]),
            "sector": text::OUTDOOR_PRACTICES[practice].1,
            "source": json!([1]),
            "structure": 1,
            "themes": json!(rng.ids(1, text::THEMES.len())),
            "type": practice_id,
            "update_datetime": updated,
            "url": format!("{API}outdoor_site/{site_id}/"),
            "uuid": site_uuid.clone(),
            "view_points": json!([]),
            "web_links": json!([]),
            "wind": json!(if practice == 2 { vec![*rng.pick(&["N", "S", "W", "E"])] } else { Vec::new() }),
        };
        let Value::Object(mut site) = site else {
            unreachable!()
        };
        self.zoning_fields(&mut site, std::iter::once(centre));
        site.remove("city_codes");
        site.remove("departure_city");
        site.remove("departure_city_code");

        let courses = course_ids
            .iter()
            .zip(course_uuids)
            .enumerate()
            .map(|(k, (&id, uuid))| {
                let course_place = toponym(rng);
                let grade = (k + rng.index(grades.len())) % grades.len();
                let names = fill3(course_name, &[("a", &course_place)]);
                let begin = offset(
                    centre,
                    rng.between(0.0, std::f64::consts::TAU),
                    rng.between(0.0, 100.0),
                );
                let (points, length): (Vec<[f64; 2]>, f64) = match practice {
                    2 => {
                        let landing = offset(
                            begin,
                            rng.between(0.0, std::f64::consts::TAU),
                            rng.between(2000.0, 4000.0),
                        );
                        (vec![begin, landing], haversine(begin, landing))
                    }
                    _ => {
                        let count = if practice == 0 {
                            2
                        } else {
                            rng.range(6, 14) as usize
                        };
                        let spacing = if practice == 0 {
                            rng.between(30.0, 150.0)
                        } else {
                            rng.between(60.0, 150.0)
                        };
                        let way = Way {
                            shape: Shape::OneWay,
                            count,
                            spacing,
                            gentle: 0.0,
                        };
                        let line: Vec<[f64; 2]> = walk(rng, &self.terrain, begin, way)
                            .iter()
                            .map(|p| [p[0], p[1]])
                            .collect();
                        let length = line.windows(2).map(|w| haversine(w[0], w[1])).sum();
                        (line, length)
                    }
                };
                // The terrain is smooth at this scale: a crag's or a canyon's height is the
                // practice's, not the terrain's.
                let z: Vec<f64> = points.iter().map(|p| self.z(*p)).collect();
                let min = z.iter().copied().fold(f64::MAX, f64::min);
                let height = match practice {
                    0 => 0.8 * length,
                    1 => 0.35 * length,
                    2 => rng.between(300.0, 900.0),
                    _ => 0.15 * length,
                }
                .round();
                let max = min + height;
                let (created, updated) = times(rng, self.now);
                let course_langs = Langs([true, langs.0[1], langs.0[2] && rng.chance(0.8)]);
                let slug_fr = slug(&names[0]);
                let coordinates: Vec<Value> = points.iter().map(|p| point2(*p)).collect();
                let picture_count = rng.range(0, 1) as usize;
                let description = html(rng.pick(text::OUTDOOR_DESCRIPTIONS));
                let mut course = object! {
                    "accessibility": untranslated(rng),
                    "advice": translated(rng, course_langs, html(&text::OUTDOOR_ADVICE), 0.3),
                    "attachments": pictures(rng, "outdoor_course", id, &names[0], picture_count),
                    "children": json!([]),
                    "children_uuids": json!([]),
                    "create_datetime": created,
                    "description": translated(rng, course_langs, description, 0.1),
                    "duration": json!(round1(rng.between(*hours_low, *hours_high))),
                    "eid": Value::Null,
                    "equipment": if practice == 0 {
                        translated(rng, course_langs, text::OUTDOOR_EQUIPMENT.map(str::to_string), 0.2)
                    } else {
                        untranslated(rng)
                    },
                    "gear": untranslated(rng),
                    "geometry": collection(json!({"type": "LineString", "coordinates": coordinates})),
                    "height": json!(height as i64),
                    "id": id,
                    "length": json!(round1(length)),
                    "max_elevation": json!(max as i64),
                    "min_elevation": json!(min as i64),
                    "name": translated(rng, course_langs, names.clone(), 0.0),
                    "parents": json!([]),
                    "parents_uuids": json!([]),
                    "pdf": pdf("courses", id, &slug_fr),
                    "points_reference": Value::Null,
                    "provider": Value::Null,
                    "published": course_langs.published(rng),
                    "ratings": json!([outdoor_rating_id(practice_id, grade)]),
                    "ratings_description": untranslated(rng),
                    "sites": json!([site_id]),
                    "sites_uuids": json!([site_uuid]),
                    "structure": 1,
                    "type": practice_id,
                    "update_datetime": updated,
                    "url": format!("{API}outdoor_course/{id}/"),
                    "uuid": uuid,
                };
                if let Value::Object(map) = &mut course {
                    self.zoning_fields(map, points.iter().copied());
                    map.remove("city_codes");
                    map.remove("departure_city");
                    map.remove("departure_city_code");
                }
                course
            })
            .collect();
        Some((Value::Object(site), courses))
    }
}
