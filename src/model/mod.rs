//! Snapshot → [`Dataset`]: every endpoint's raw JSON decoded into typed objects, in parallel.
//!
//! Decoding is tolerant field by field (see [`values`]); an object that still cannot be read
//! (no id, a malformed geometry, a field of the wrong shape) is reported as a [`DecodeIssue`]
//! naming the endpoint and id, and skipped. The caller decides whether issues are warnings or,
//! with `--strict`, errors.

pub mod geometry;
pub mod objects;
mod positions;
pub mod route;
pub mod trek_route;
pub mod values;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::fingerprint::Digest;
use crate::snapshot::{self, Snapshot, SnapshotError, SnapshotFiles};
use crate::{endpoint, json};
pub use objects::*;
use trek_route::{Known, LineAt, RouteFile, TrekRoute};
pub use values::{CityRef, Id, Published, Text};

#[derive(Debug, Clone, PartialEq)]
pub enum IssueKind {
    /// The object was skipped.
    Skipped,
    /// A reference field held something that is not an id; that value was ignored.
    BadReference,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DecodeIssue {
    pub kind: IssueKind,
    pub endpoint: String,
    pub id: Option<String>,
    pub message: String,
}

impl std::fmt::Display for DecodeIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let id = self.id.as_deref().unwrap_or("without id");
        match self.kind {
            IssueKind::Skipped => write!(
                f,
                "{} {id}: skipped, cannot decode it: {}",
                self.endpoint, self.message
            ),
            IssueKind::BadReference => write!(f, "{} {id}: {}", self.endpoint, self.message),
        }
    }
}

/// Everything a site is built from, decoded. References are ids into the maps.
#[derive(Debug, Default)]
pub struct Dataset {
    /// Languages found in the instance's data, in its order.
    pub languages: Vec<String>,
    pub treks: Vec<Trek>,
    pub pois: Vec<Poi>,
    pub touristic_contents: Vec<TouristicContent>,
    pub touristic_events: Vec<TouristicEvent>,
    pub outdoor_sites: Vec<OutdoorSite>,
    pub outdoor_courses: Vec<OutdoorCourse>,
    pub sensitive_areas: Vec<SensitiveArea>,
    pub flat_pages: Vec<FlatPage>,
    pub menu_items: Vec<MenuItem>,
    pub information_desks: HashMap<Id, InformationDesk>,
    pub touristic_content_categories: HashMap<Id, TouristicContentCategory>,
    pub cities: Vec<City>,
    pub districts: HashMap<Id, District>,
    /// Endpoint name (`trek_difficulty`, `theme`...) → its values by id.
    pub nomenclatures: BTreeMap<&'static str, HashMap<Id, Nomenclature>>,
    /// The file routes left undecoded are read from ([`trek_route`]).
    pub route_file: Option<Arc<RouteFile>>,
}

impl Dataset {
    /// Frees the dataset on every core: its objects freed one by one took the main thread a
    /// tenth of a second at 5,000 treks.
    pub fn free(self) {
        let Dataset {
            treks,
            pois,
            touristic_contents,
            touristic_events,
            ..
        } = self;
        treks.into_par_iter().for_each(drop);
        pois.into_par_iter().for_each(drop);
        touristic_contents.into_par_iter().for_each(drop);
        touristic_events.into_par_iter().for_each(drop);
    }

    pub fn nomenclature(&self, endpoint: &str, id: Id) -> Option<&Nomenclature> {
        self.nomenclatures.get(endpoint)?.get(&id)
    }

    pub fn city(&self, reference: &CityRef) -> Option<&City> {
        self.cities
            .iter()
            .find(|c| &c.id == reference || matches!(reference, CityRef::Code(code) if &c.code == code))
    }
}

pub struct Decoded {
    pub dataset: Dataset,
    pub issues: Vec<DecodeIssue>,
}

/// Endpoints decoded as [`Nomenclature`]s.
const NOMENCLATURES: &[&str] = &[
    "trek_difficulty",
    "trek_practice",
    "trek_route",
    "trek_network",
    "trek_accessibility",
    "trek_accessibility_level",
    "trek_rating",
    "trek_ratingscale",
    "poi_type",
    "theme",
    "label",
    "source",
    "structure",
    "portal",
    "weblink_category",
    "reservationsystem",
    "label_accessibility",
    "informationdesk_type",
    "touristicevent_type",
    "outdoor_practice",
    "outdoor_sitetype",
    "outdoor_coursetype",
    "outdoor_sector",
    "outdoor_rating",
    "outdoor_ratingscale",
    "organism",
    "sensitivearea_practice",
];

/// Decodes a snapshot that is still needed afterwards (a pull writes it).
pub fn decode(snapshot: &Snapshot) -> Decoded {
    let languages = snapshot.manifest.languages.clone();
    let decoded = decode_lists(languages, &HashSet::new(), &mut |name| {
        Ok(Raws::Borrowed(snapshot.objects(name)))
    });
    decoded.expect("raw objects in memory decode without reading")
}

/// Decodes a snapshot and frees each raw object as soon as it is decoded: the raw text and
/// the decoded objects of a large instance never both sit whole in memory.
pub fn decode_owned(snapshot: Snapshot) -> Decoded {
    let Snapshot {
        manifest,
        mut objects,
    } = snapshot;
    let decoded = decode_lists(manifest.languages, &HashSet::new(), &mut |name| {
        Ok(Raws::Owned(objects.remove(name).unwrap_or_default()))
    });
    decoded.expect("raw objects in memory decode without reading")
}

/// Decodes a snapshot directory one file at a time, each object straight from its line of
/// the file's text: copying every object out of its file first doubled the memory of reading,
/// and the kernel zeroing those pages was a tenth of a one-trek rebuild. The routes whose text
/// is in `known_routes` are left in the file until something needs them ([`trek_route`]).
pub fn decode_files(files: &SnapshotFiles, known_routes: &HashSet<Digest>) -> Result<Decoded, SnapshotError> {
    decode_lists(files.manifest.languages.clone(), known_routes, &mut |name| {
        Ok(match files.read(name)? {
            Some((path, file, text)) => Raws::Text {
                path,
                file: Some(file),
                text,
            },
            None => Raws::Borrowed(&[]),
        })
    })
}

/// One endpoint's raw objects: borrowed, given, or the text of its snapshot file.
enum Raws<'a> {
    Borrowed(&'a [Box<RawValue>]),
    Owned(Vec<Box<RawValue>>),
    Text {
        path: std::path::PathBuf,
        /// The file open, to read its routes again from it.
        file: Option<std::fs::File>,
        text: String,
    },
}

/// Gives an endpoint's raw objects by its name.
type List<'a, 'b> = &'b mut dyn FnMut(&str) -> Result<Raws<'a>, SnapshotError>;

fn decode_lists<'a>(
    languages: Vec<String>,
    known_routes: &HashSet<Digest>,
    list: List<'a, '_>,
) -> Result<Decoded, SnapshotError> {
    let mut issues = Vec::new();
    let (treks, route_file) = decode_treks(list("trek")?, known_routes, &mut issues)?;
    let pois = decode_all("poi", list("poi")?, &mut issues)?;
    let touristic_contents = decode_all("touristiccontent", list("touristiccontent")?, &mut issues)?;
    let touristic_events = decode_all("touristicevent", list("touristicevent")?, &mut issues)?;
    let outdoor_sites = decode_all("outdoor_site", list("outdoor_site")?, &mut issues)?;
    let outdoor_courses = decode_all("outdoor_course", list("outdoor_course")?, &mut issues)?;
    let sensitive_areas = decode_all("sensitivearea", list("sensitivearea")?, &mut issues)?;
    let flat_pages = decode_all("flatpage", list("flatpage")?, &mut issues)?;
    let menu_items = decode_all("menu_item", list("menu_item")?, &mut issues)?;
    let cities = decode_all("city", list("city")?, &mut issues)?;
    let information_desks = by_id(
        decode_all::<InformationDesk>("informationdesk", list("informationdesk")?, &mut issues)?,
        |d| d.id,
    );
    let touristic_content_categories = by_id(
        decode_all::<TouristicContentCategory>(
            "touristiccontent_category",
            list("touristiccontent_category")?,
            &mut issues,
        )?,
        |c| c.id,
    );
    let districts = by_id(
        decode_all::<District>("district", list("district")?, &mut issues)?,
        |d| d.id,
    );
    let nomenclatures = NOMENCLATURES
        .iter()
        .map(|&name| {
            let values = decode_all::<Nomenclature>(name, list(name)?, &mut issues)?;
            Ok((name, by_id(values, |n| n.id)))
        })
        .collect::<Result<_, SnapshotError>>()?;

    Ok(Decoded {
        dataset: Dataset {
            languages,
            treks,
            pois,
            touristic_contents,
            touristic_events,
            outdoor_sites,
            outdoor_courses,
            sensitive_areas,
            flat_pages,
            menu_items,
            information_desks,
            touristic_content_categories,
            cities,
            districts,
            nomenclatures,
            route_file,
        },
        issues,
    })
}

fn by_id<T>(items: Vec<T>, id: impl Fn(&T) -> Id) -> HashMap<Id, T> {
    let mut map = HashMap::with_capacity(items.len());
    for item in items {
        map.entry(id(&item)).or_insert(item);
    }
    map
}

/// Decodes every object of one endpoint in parallel, keeping order and skipping (with an
/// issue) the ones that cannot be read; reference fields holding something other than ids are
/// reported too.
fn decode_all<T: Decode + Send>(
    endpoint: &str,
    raws: Raws,
    issues: &mut Vec<DecodeIssue>,
) -> Result<Vec<T>, SnapshotError> {
    decode_with(endpoint, raws, None, issues)
}

/// The treks, and the file of the snapshot their routes `known` were left in.
fn decode_treks(
    raws: Raws,
    known: &HashSet<Digest>,
    issues: &mut Vec<DecodeIssue>,
) -> Result<(Vec<Trek>, Option<Arc<RouteFile>>), SnapshotError> {
    match raws {
        Raws::Text {
            path,
            file: Some(file),
            text,
        } if !known.is_empty() => {
            let route_file = RouteFile::new(path.clone(), file);
            let known = Known {
                file: &route_file,
                digests: known,
            };
            let raws = Raws::Text {
                path,
                file: None,
                text,
            };
            let treks = decode_with("trek", raws, Some(&known), issues)?;
            Ok((treks, Some(route_file)))
        }
        raws => Ok((decode_all("trek", raws, issues)?, None)),
    }
}

fn decode_with<T: Decode + Send>(
    endpoint: &str,
    raws: Raws,
    known: Option<&Known>,
    issues: &mut Vec<DecodeIssue>,
) -> Result<Vec<T>, SnapshotError> {
    let results: Vec<(Option<T>, Vec<DecodeIssue>)> = match raws {
        Raws::Borrowed(raws) => raws
            .par_iter()
            .map(|raw| decode_one(endpoint, raw.get()))
            .collect(),
        Raws::Owned(raws) => raws
            .into_par_iter()
            .map(|raw| decode_one(endpoint, raw.get()))
            .collect(),
        Raws::Text { path, text, .. } => {
            let from_lines = snapshot::object_lines(&text).and_then(|lines| {
                lines
                    .par_iter()
                    .map(|line| {
                        let at = known.map(|known| LineAt {
                            known,
                            offset: (line.as_ptr() as usize - text.as_ptr() as usize) as u64,
                        });
                        decode_line(endpoint, line, at)
                    })
                    .collect::<Option<Vec<_>>>()
            });
            match from_lines {
                Some(results) => results,
                // Not one object per line: parsed whole, which also places a syntax error.
                None => {
                    return decode_all(
                        endpoint,
                        Raws::Owned(snapshot::parse_array(&path, &text)?),
                        issues,
                    );
                }
            }
        }
    };
    let mut decoded = Vec::with_capacity(results.len());
    for (object, found) in results {
        issues.extend(found);
        decoded.extend(object);
    }
    Ok(decoded)
}

/// One line of a snapshot file decoded; `None` when the line is not JSON by itself. `at`:
/// where the line is in its file.
fn decode_line<T: Decode>(
    endpoint: &str,
    line: &str,
    at: Option<LineAt>,
) -> Option<(Option<T>, Vec<DecodeIssue>)> {
    let line = json::sanitize_non_finite(line);
    // A line rewritten is no longer the file's text.
    let at = at.filter(|_| matches!(line, std::borrow::Cow::Borrowed(_)));
    let parsed = T::from_line(&line, at);
    if parsed.as_ref().is_err_and(|e| e.is_syntax() || e.is_eof()) {
        return None;
    }
    Some(decoded_one(endpoint, &line, parsed))
}

fn decode_one<T: Decode>(endpoint: &str, raw: &str) -> (Option<T>, Vec<DecodeIssue>) {
    decoded_one(endpoint, raw, T::from_text(raw))
}

/// `parsed` (from `raw`) with the issues to report: the references that are not ids, and the
/// object itself when it could not be decoded.
fn decoded_one<T: KeptReferences>(
    endpoint: &str,
    raw: &str,
    parsed: serde_json::Result<T>,
) -> (Option<T>, Vec<DecodeIssue>) {
    let mut issues = Vec::new();
    if let Some(known) = endpoint::find(endpoint) {
        let kept = parsed.as_ref().ok().and_then(|object| {
            known
                .references
                .iter()
                .map(|(field, _)| Some(object.rejected_in(field)?.iter().map(|r| (*field, r.clone()))))
                .collect::<Option<Vec<_>>>()
        });
        let rejected = match kept {
            Some(fields) => fields.into_iter().flatten().collect(),
            None => endpoint::rejected_references(known, raw),
        };
        for (field, found) in rejected {
            issues.push(DecodeIssue {
                kind: IssueKind::BadReference,
                endpoint: endpoint.to_string(),
                id: object_id(raw),
                message: format!("`{field}` holds {found}, which is not an id; ignored"),
            });
        }
    }
    match parsed {
        Ok(object) => (Some(object), issues),
        Err(error) => {
            issues.push(DecodeIssue {
                kind: IssueKind::Skipped,
                endpoint: endpoint.to_string(),
                id: object_id(raw),
                message: error.to_string(),
            });
            (None, issues)
        }
    }
}

/// An object read from its text.
pub trait Decode: KeptReferences + DeserializeOwned {
    fn from_text(text: &str) -> serde_json::Result<Self> {
        serde_json::from_str(text)
    }

    /// From the text of a line of a snapshot file, found `at` in it.
    fn from_line(text: &str, _at: Option<LineAt>) -> serde_json::Result<Self> {
        Self::from_text(text)
    }
}

/// A trek's route is read apart from the rest (see [`positions::route_apart`]), when it has
/// the usual form, or left in its file when an earlier build read the same text; the whole
/// text goes through serde otherwise, and for its errors.
impl Decode for Trek {
    fn from_text(text: &str) -> serde_json::Result<Trek> {
        Self::from_line(text, None)
    }

    fn from_line(text: &str, at: Option<LineAt>) -> serde_json::Result<Trek> {
        if let Some(apart) = positions::route_apart(text, at.map(|at| at.known.digests)) {
            let route = match (apart.route, at) {
                (positions::Read::Decoded(geometry), _) => Some(TrekRoute::decoded(geometry, apart.digest)),
                (positions::Read::Known { start }, Some(at)) => {
                    Some(TrekRoute::located(at, apart.at, apart.len, apart.digest, start))
                }
                (positions::Read::Known { .. }, None) => None,
            };
            if let (Some(route), Ok(mut trek)) = (route, serde_json::from_str::<Trek>(&apart.rest)) {
                trek.geometry = Some(Arc::new(route));
                return Ok(trek);
            }
        }
        serde_json::from_str(text)
    }
}

impl Decode for Poi {}
impl Decode for TouristicContent {}
impl Decode for TouristicEvent {}
impl Decode for OutdoorSite {}
impl Decode for OutdoorCourse {}
impl Decode for SensitiveArea {}
impl Decode for FlatPage {}
impl Decode for MenuItem {}
impl Decode for City {}
impl Decode for InformationDesk {}
impl Decode for TouristicContentCategory {}
impl Decode for District {}
impl Decode for Nomenclature {}

/// An object that keeps what its reference fields held besides ids ([`Ref`], [`Refs`]), so
/// that finding them does not read the object's text again: for treks, that second reading
/// went through their whole routes and was a sixteenth of a one-trek rebuild, and POIs and
/// contents are many.
pub trait KeptReferences {
    /// The values of reference `field` that are not ids; `None` when this type does not keep
    /// them, and the object's text is read again for them.
    fn rejected_in(&self, _field: &str) -> Option<&[String]> {
        None
    }
}

impl KeptReferences for Trek {
    fn rejected_in(&self, field: &str) -> Option<&[String]> {
        Some(match field {
            "difficulty" => self.difficulty.rejected.as_slice(),
            "practice" => self.practice.rejected.as_slice(),
            "route" => self.route.rejected.as_slice(),
            "accessibility_level" => self.accessibility_level.rejected.as_slice(),
            "structure" => self.structure.rejected.as_slice(),
            "reservation_system" => self.reservation_system.rejected.as_slice(),
            "themes" => &self.themes.rejected,
            "networks" => &self.networks.rejected,
            "accessibilities" => &self.accessibilities.rejected,
            "labels" => &self.labels.rejected,
            "ratings" => &self.ratings.rejected,
            "information_desks" => &self.information_desks.rejected,
            "source" => &self.source.rejected,
            "portal" => &self.portal.rejected,
            "children" => &self.children.rejected,
            _ => return None,
        })
    }
}

impl KeptReferences for Poi {
    fn rejected_in(&self, field: &str) -> Option<&[String]> {
        Some(match field {
            "type" => self.kind.rejected.as_slice(),
            "structure" => self.structure.rejected.as_slice(),
            _ => return None,
        })
    }
}

impl KeptReferences for TouristicContent {
    fn rejected_in(&self, field: &str) -> Option<&[String]> {
        Some(match field {
            "category" => self.category.rejected.as_slice(),
            "structure" => self.structure.rejected.as_slice(),
            "label_accessibility" => self.label_accessibility.rejected.as_slice(),
            "reservation_system" => self.reservation_system.rejected.as_slice(),
            "themes" => &self.themes.rejected,
            "source" => &self.source.rejected,
            "portal" => &self.portal.rejected,
            _ => return None,
        })
    }
}

impl KeptReferences for TouristicEvent {
    fn rejected_in(&self, field: &str) -> Option<&[String]> {
        Some(match field {
            "type" => self.kind.rejected.as_slice(),
            "structure" => self.structure.rejected.as_slice(),
            "themes" => &self.themes.rejected,
            "source" => &self.source.rejected,
            "portal" => &self.portal.rejected,
            _ => return None,
        })
    }
}

// Fewer and smaller: their texts are read again.
impl KeptReferences for OutdoorSite {}
impl KeptReferences for OutdoorCourse {}
impl KeptReferences for SensitiveArea {}
impl KeptReferences for FlatPage {}
impl KeptReferences for MenuItem {}
impl KeptReferences for City {}
impl KeptReferences for InformationDesk {}
impl KeptReferences for TouristicContentCategory {}
impl KeptReferences for District {}
impl KeptReferences for Nomenclature {}

/// The `id` of a raw object, for messages, whatever its shape.
pub fn object_id(raw: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct IdOnly {
        id: Option<serde_json::Value>,
    }
    let id = serde_json::from_str::<IdOnly>(raw).ok()?.id?;
    Some(match id {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real treks, on one line each as snapshots hold them and laid out as the API serves
    /// them, read with their routes apart are what serde reads from their whole text.
    #[test]
    fn treks_read_with_their_routes_apart_are_the_treks_read_whole() {
        let sample = include_str!("../../sample/snapshot/trek.json");
        let served = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/fixtures/geotrek-real/trek.json"
        ))
        .expect("../shared/fixtures beside the repository");
        let served = snapshot::parse_array(std::path::Path::new("trek.json"), &served).unwrap();
        let texts: Vec<&str> = snapshot::object_lines(sample)
            .unwrap()
            .into_iter()
            .map(|line| line.trim_end_matches(','))
            .chain(served.iter().map(|raw| raw.get()))
            .collect();
        assert!(texts.len() > 10);
        for text in texts {
            assert!(positions::route_apart(text, None).is_some(), "{text}");
            let apart = format!("{:?}", Trek::from_text(text).unwrap());
            let whole = format!("{:?}", serde_json::from_str::<Trek>(text).unwrap());
            assert_eq!(apart, whole);
        }
        // Not the usual form, or not valid: read whole, with serde's verdict.
        let point = r#"{"id": 1, "geometry": {"type": "Point", "coordinates": [6, 44]}}"#;
        assert!(Trek::from_text(point).unwrap().geometry.is_some());
        for invalid in [
            r#"{"id": 1, "geometry": {"type": "LineString", "coordinates": [[6, 44]]}"#,
            r#"{"id": 1, "geometry": {"type": "LineString", "coordinates": [[6, 44]]}, "name": }"#,
            r#"{"id": 1, "geometry": {"type": "LineString", "coordinates": [[06, 44]]}}"#,
            r#"{"id": "x", "geometry": {"type": "LineString", "coordinates": [[6, 44]]}}"#,
        ] {
            assert!(Trek::from_text(invalid).is_err(), "{invalid}");
        }
    }

    #[test]
    fn an_undecodable_object_is_reported_with_its_endpoint_and_id_and_the_rest_kept() {
        let raws: Vec<Box<RawValue>> = serde_json::from_str(
            r#"[{"id": 1, "name": {"fr": "Bon"}},
                {"id": 2, "geometry": {"type": "Point", "coordinates": [1]}},
                {"name": "sans id"}]"#,
        )
        .unwrap();
        let mut issues = Vec::new();
        let pois: Vec<Poi> = decode_all("poi", Raws::Borrowed(&raws), &mut issues).unwrap();
        assert_eq!(pois.len(), 1);
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[0].id.as_deref(), Some("2"));
        assert!(
            issues[0].to_string().starts_with("poi 2: skipped"),
            "{}",
            issues[0]
        );
        assert_eq!(issues[1].id, None);
    }

    /// The references that are not ids of an object of `endpoint` are found from the decoded
    /// object, in the order and with the words that reading its text again gives, for every
    /// reference field. `single` names the fields that hold one reference.
    fn rejected_references_are_kept<T: Decode>(endpoint: &str, single: &[&str]) {
        let known = endpoint::find(endpoint).unwrap();
        let mut object = serde_json::Map::new();
        object.insert("id".into(), 7.into());
        for (i, (field, _)) in known.references.iter().enumerate() {
            // A list of references takes one value or a list; a single one takes anything.
            let value = if i % 2 == 0 || single.contains(field) {
                serde_json::json!(format!("x-{field}"))
            } else {
                serde_json::json!([1, format!("uuid-{field}"), -3, 2.5, null, "4"])
            };
            object.insert(field.to_string(), value);
        }
        let raw = serde_json::Value::Object(object).to_string();
        let decoded: T = serde_json::from_str(&raw).unwrap();
        for (field, _) in known.references {
            assert!(
                decoded.rejected_in(field).is_some(),
                "{endpoint}: {field} is not kept"
            );
        }
        let (decoded, issues) = decode_one::<T>(endpoint, &raw);
        assert!(decoded.is_some());
        let expected: Vec<String> = endpoint::rejected_references(known, &raw)
            .into_iter()
            .map(|(field, found)| format!("`{field}` holds {found}, which is not an id; ignored"))
            .collect();
        let found: Vec<String> = issues.iter().map(|i| i.message.clone()).collect();
        assert_eq!(found, expected, "{endpoint}");
        assert!(found.len() >= known.references.len(), "{found:?}");
    }

    #[test]
    fn rejected_references_are_the_ones_the_text_holds() {
        rejected_references_are_kept::<Trek>(
            "trek",
            &[
                "difficulty",
                "practice",
                "route",
                "accessibility_level",
                "structure",
                "reservation_system",
            ],
        );
        rejected_references_are_kept::<Poi>("poi", &["type", "structure"]);
        rejected_references_are_kept::<TouristicContent>(
            "touristiccontent",
            &[
                "category",
                "structure",
                "label_accessibility",
                "reservation_system",
            ],
        );
        rejected_references_are_kept::<TouristicEvent>("touristicevent", &["type", "structure"]);

        // A list where one reference is expected is ignored whole, and said so (read again,
        // its elements were reported one by one, as if the ids among them were kept).
        let (_, issues) = decode_one::<Trek>("trek", r#"{"id": 7, "practice": [1, "x"]}"#);
        let found: Vec<&str> = issues.iter().map(|i| i.message.as_str()).collect();
        assert_eq!(found, ["`practice` holds [1,\"x\"], which is not an id; ignored"]);
    }

    /// A snapshot directory with these endpoints' files, written as they are given.
    fn snapshot_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let manifest = crate::snapshot::Manifest {
            format: crate::snapshot::FORMAT_VERSION,
            sentier_version: String::new(),
            api: "https://geotrek.example/api/v2/".into(),
            api_version: None,
            languages: vec!["fr".into()],
            fetched_at: chrono::DateTime::UNIX_EPOCH,
            counts: files.iter().map(|(name, _)| (name.to_string(), 0)).collect(),
            missing_endpoints: Vec::new(),
            bbox: None,
            requests: 0,
            query_key: None,
        };
        std::fs::write(
            dir.path().join("manifest.json"),
            serde_json::to_vec(&manifest).unwrap(),
        )
        .unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(format!("{name}.json")), text).unwrap();
        }
        dir
    }

    /// Decoding files line by line gives what decoding the snapshot read whole gives: objects,
    /// a bare NaN read as null, and each issue; a file laid out otherwise is parsed whole.
    #[test]
    fn snapshot_files_decode_as_the_read_snapshot_does() {
        let lines = "[\n{\"id\":1,\"name\":{\"fr\":\"Un\"},\"length_2d\":NaN},\n{\"id\":2,\"geometry\":{\"type\":\"Point\",\"coordinates\":[1]}},\n{\"id\":3,\"themes\":[4,\"x\"]}\n]\n";
        let pretty = "[\n  {\"id\": 5, \"label\": {\"fr\": \"Facile\"}},\n  {\"id\": 6}\n]\n";
        let dir = snapshot_dir(&[("trek", lines), ("trek_difficulty", pretty)]);
        let files = SnapshotFiles::open(dir.path()).unwrap();
        let from_files = decode_files(&files, &HashSet::new()).unwrap();
        let read = decode(&Snapshot::read(dir.path()).unwrap());
        let ids = |d: &Decoded| d.dataset.treks.iter().map(|t| t.id.0).collect::<Vec<_>>();
        assert_eq!(ids(&from_files), [1, 3]);
        assert_eq!(ids(&from_files), ids(&read));
        assert_eq!(from_files.issues, read.issues);
        assert_eq!(from_files.issues.len(), 2, "{:?}", from_files.issues);
        assert_eq!(from_files.dataset.nomenclatures["trek_difficulty"].len(), 2);
    }

    /// Routes an earlier build read are left in the file, and read from it, the same, when used;
    /// the others are decoded at once.
    #[test]
    fn known_routes_are_left_in_their_file_until_used() {
        let sample = include_str!("../../sample/snapshot/trek.json");
        let dir = snapshot_dir(&[("trek", sample)]);
        let files = SnapshotFiles::open(dir.path()).unwrap();
        let first = decode_files(&files, &HashSet::new()).unwrap().dataset;
        assert!(first.route_file.is_none());
        fn routes(d: &Dataset) -> Vec<&TrekRoute> {
            d.treks.iter().filter_map(|t| t.geometry.as_deref()).collect()
        }
        assert!(routes(&first).len() > 2);
        let mut known: HashSet<Digest> = routes(&first).iter().map(|r| r.digest().clone()).collect();
        let unknown = routes(&first)[0].digest().clone();
        known.remove(&unknown);
        let again = decode_files(&files, &known).unwrap().dataset;
        assert!(again.route_file.is_some());
        assert_eq!(routes(&again).len(), routes(&first).len());
        for (left, decoded) in routes(&again).into_iter().zip(routes(&first)) {
            assert_eq!(left.digest(), decoded.digest());
            assert_eq!(left.start(), decoded.start());
            assert_eq!(left.is_decoded(), *left.digest() == unknown);
            assert_eq!(left.geometry(), decoded.geometry());
        }
        assert_eq!(again.route_file.unwrap().failure(), None);
    }

    #[test]
    fn a_malformed_snapshot_file_is_an_error_naming_it_and_the_line() {
        let dir = snapshot_dir(&[("trek", "[\n{\"id\":1},\n{\"id\":2\n]\n")]);
        let files = SnapshotFiles::open(dir.path()).unwrap();
        let Err(error) = decode_files(&files, &HashSet::new()) else {
            panic!("a malformed file decoded");
        };
        let error = error.to_string();
        assert!(
            error.contains("trek.json: invalid JSON") && error.contains("line 4"),
            "{error}"
        );
    }

    #[test]
    fn nomenclatures_find_their_label_under_any_name() {
        for (json, label) in [
            (r#"{"id": 1, "label": {"fr": "Facile"}}"#, "Facile"),
            (r#"{"id": 1, "name": {"fr": "Pédestre"}}"#, "Pédestre"),
            (r#"{"id": 1, "route": {"fr": "Boucle"}}"#, "Boucle"),
            (r#"{"id": 1, "type": {"fr": "Fête"}, "pictogram": null}"#, "Fête"),
            (
                r#"{"id": 1, "name": "tech", "title": {"fr": "Portail"}}"#,
                "Portail",
            ),
        ] {
            let n: Nomenclature = serde_json::from_str(json).unwrap();
            assert_eq!(n.label.get("fr"), Some(label), "{json}");
        }
    }
}
