//! `config.toml` → [`Config`]: what the user wrote, checked once, then resolved (paths made
//! absolute, command-line overrides applied) into the settings every later stage reads.
//!
//! Unknown keys are an error that names the key, so a typo never silently falls back to a default.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::fs;

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// The file as written. Every field a user may leave out has a default.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    title: String,
    description: Option<String>,
    base_url: String,
    #[serde(default = "default_language")]
    default_language: String,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    translation_fallback: TranslationFallback,
    source: SourceFile,
    #[serde(default)]
    pages: Pages,
    #[serde(default)]
    maps: Maps,
    #[serde(default)]
    search: Search,
    #[serde(default)]
    extra: toml::Table,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceFile {
    api: Option<String>,
    snapshot: Option<PathBuf>,
    #[serde(default)]
    portals: Vec<u64>,
    #[serde(default)]
    structures: Vec<u64>,
    #[serde(default)]
    practices: Vec<u64>,
    #[serde(default)]
    cities: Vec<CityFilter>,
    #[serde(default)]
    districts: Vec<u64>,
    bbox: Option<[f64; 4]>,
    #[serde(default)]
    include: Include,
    #[serde(default = "default_concurrency")]
    concurrency: usize,
    #[serde(default = "default_timeout")]
    timeout_s: u64,
    #[serde(default = "default_retries")]
    retries: u32,
}

fn default_language() -> String {
    "fr".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_concurrency() -> usize {
    4
}
fn default_timeout() -> u64 {
    60
}
fn default_retries() -> u32 {
    3
}

/// What to show in a language when an object's text is missing in it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TranslationFallback {
    /// Show the default language's text, marked with its `lang`.
    #[default]
    DefaultLanguage,
    /// Leave the object out of that language.
    Omit,
}

/// A city in `[source] cities`: an integer id (Geotrek ≥ 2.116) or an INSEE code string
/// (older instances, and codes with leading zeros or letters such as `"2A004"`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum CityFilter {
    Id(u64),
    Code(String),
}

/// Content families a site can include; all on by default.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Include {
    pub treks: bool,
    pub touristic_contents: bool,
    pub touristic_events: bool,
    pub outdoor: bool,
    pub sensitive_areas: bool,
    pub flat_pages: bool,
}

impl Default for Include {
    fn default() -> Self {
        Self {
            treks: true,
            touristic_contents: true,
            touristic_events: true,
            outdoor: true,
            sensitive_areas: true,
            flat_pages: true,
        }
    }
}

/// Sections of a trek page, in the order the default theme shows them.
pub const TREK_SECTIONS: &[&str] = &[
    "gallery",
    "map",
    "facts",
    "profile",
    "places",
    "teaser",
    "description",
    "pois",
    "steps",
    "practical",
    "access",
    "accessibility",
    "sensitive_areas",
    "links",
    "sources",
    "nearby",
    "downloads",
];

/// What the pages show, beyond the data itself.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Pages {
    /// Items per page of the crawlable lists.
    pub list_page_size: usize,
    /// Trek ids shown on the home page, in this order.
    pub highlighted_treks: Vec<u64>,
    /// Upcoming events shown on the home page.
    pub upcoming_events: usize,
    /// Trek page sections, in order; leave one out to hide it.
    pub trek_sections: Vec<String>,
    /// Points of interest at most this far from a trek's line are listed on its page.
    pub poi_distance_m: f64,
    /// Touristic contents and events at most this far from a trek are listed as nearby.
    pub nearby_distance_m: f64,
    /// Shown in a trek's accessibility section.
    pub emergency_number: Option<String>,
}

impl Default for Pages {
    fn default() -> Self {
        Pages {
            list_page_size: 24,
            highlighted_treks: Vec::new(),
            upcoming_events: 6,
            trek_sections: TREK_SECTIONS.iter().map(|s| s.to_string()).collect(),
            poi_distance_m: 300.0,
            nearby_distance_m: 1000.0,
            emergency_number: None,
        }
    }
}

/// A background layer of the maps: an XYZ tile URL template with its attribution.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct TileLayer {
    pub name: String,
    /// `https://…/{z}/{x}/{y}.png`; `{s}` subdomains are not used (HTTP/2 needs none).
    pub url: String,
    pub attribution: String,
    #[serde(default = "default_max_zoom")]
    pub max_zoom: u8,
}

fn default_max_zoom() -> u8 {
    18
}

/// The search page's filters, under Geotrek-rando v3's names (its URL parameters), in the
/// order the page shows them; content type filters (`type-services-N`) follow.
pub const SEARCH_FILTERS: &[&str] = &[
    "practices",
    "categories",
    "outdoorPractice",
    "event",
    "difficulty",
    "duration",
    "length",
    "ascent",
    "routes",
    "themes",
    "cities",
    "districts",
    "structures",
    "accessibilities",
    "labels",
    "labels_exclude",
    "networks",
];

/// The search page: its page size, the ranges its duration, length and ascent filters
/// offer, and the filters it hides. Each range is `[from, to]`, `from` included, `to`
/// excluded; the defaults are Geotrek-rando v3's.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Search {
    pub enabled: bool,
    pub page_size: usize,
    pub duration_hours: Vec<[f64; 2]>,
    pub length_km: Vec<[f64; 2]>,
    pub ascent_m: Vec<[f64; 2]>,
    /// Filters not shown (names of [`SEARCH_FILTERS`], or `type-services-N`). A URL that
    /// selects one of their values still filters by it, and shows the filter to clear it.
    pub hidden_filters: Vec<String>,
}

impl Default for Search {
    fn default() -> Self {
        Search {
            enabled: true,
            page_size: 24,
            duration_hours: vec![[0.0, 1.0], [1.0, 2.0], [2.0, 5.0], [5.0, 10.0]],
            length_km: vec![[0.0, 5.0], [5.0, 10.0], [10.0, 15.0], [15.0, 50.0]],
            ascent_m: vec![[0.0, 500.0], [500.0, 1000.0]],
            hidden_filters: Vec::new(),
        }
    }
}

/// The maps: layers, and how much lines are simplified for display (downloads keep every point).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Maps {
    /// The first is shown first; a second (satellite...) adds a layer switch.
    pub tiles: Vec<TileLayer>,
    /// The global map draws every trek's line from this zoom level on.
    pub lines_min_zoom: u8,
    /// Simplification of a trek page's lines, in degrees (0.00002 ≈ 2 m).
    pub trek_tolerance: f64,
    /// Simplification of the global map's lines, in degrees (0.0002 ≈ 20 m).
    pub overview_tolerance: f64,
}

impl Default for Maps {
    fn default() -> Self {
        Maps {
            tiles: vec![TileLayer {
                name: "OpenStreetMap".into(),
                url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into(),
                attribution:
                    "© <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors"
                        .into(),
                max_zoom: 19,
            }],
            lines_min_zoom: 11,
            trek_tolerance: 0.00002,
            overview_tolerance: 0.0002,
        }
    }
}

/// Where the data comes from, after command-line overrides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Api(String),
    Snapshot(PathBuf),
}

/// Filters of `[source]`, sent to the API where it supports them and applied again locally.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub portals: Vec<u64>,
    pub structures: Vec<u64>,
    pub practices: Vec<u64>,
    pub cities: Vec<CityFilter>,
    pub districts: Vec<u64>,
    /// West, south, east, north in WGS84 degrees.
    pub bbox: Option<[f64; 4]>,
}

/// How to talk to an API.
#[derive(Debug, Clone)]
pub struct FetchSettings {
    pub concurrency: usize,
    pub timeout: std::time::Duration,
    pub retries: u32,
}

/// Resolved settings: what every stage after this one reads.
#[derive(Debug, Clone)]
pub struct Config {
    pub path: PathBuf,
    /// Directory holding `config.toml`; site `content/`, `templates/`, `static/` live here.
    pub root: PathBuf,
    pub title: String,
    /// The site's description: the home page's meta description, and any page's without one.
    pub description: Option<String>,
    pub base_url: String,
    pub default_language: String,
    /// Site languages, the default first.
    pub languages: Vec<String>,
    pub theme: String,
    pub translation_fallback: TranslationFallback,
    pub source: Option<Source>,
    pub filters: Filters,
    pub include: Include,
    pub fetch: FetchSettings,
    pub pages: Pages,
    pub maps: Maps,
    pub search: Search,
    pub extra: toml::Table,
    /// Logo, favicon, footer links, colours and fonts from `[extra]`, checked.
    pub branding: crate::branding::Branding,
}

/// Command-line values that override the file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub api: Option<String>,
    pub snapshot: Option<PathBuf>,
    pub base_url: Option<String>,
}

impl Config {
    /// The settings as text, for fingerprints, without where the site lies on disk: a site
    /// built with another spelling of its config's path (`-c config.toml` or an absolute one),
    /// or moved (a CI runner's workspace), keeps its pages. Paths inside the site are kept
    /// relative to it.
    pub fn fingerprint_text(&self) -> String {
        let relative = |path: &Path| path.strip_prefix(&self.root).unwrap_or(path).to_path_buf();
        let mut config = self.clone();
        config.path = PathBuf::new();
        config.root = PathBuf::new();
        if let Some(Source::Snapshot(dir)) = &mut config.source {
            *dir = relative(dir);
        }
        format!("{config:?}")
    }

    pub fn load(path: &Path, overrides: &Overrides) -> Result<Config, ConfigError> {
        let text = fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let root = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let root = std::path::absolute(&root).unwrap_or(root);
        Self::parse(&text, path, &root, overrides)
    }

    pub fn parse(text: &str, path: &Path, root: &Path, overrides: &Overrides) -> Result<Config, ConfigError> {
        let invalid = |message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let file: ConfigFile = toml::from_str(text).map_err(|e| invalid(describe_toml_error(&e, text)))?;
        let source = &file.source;

        if file.title.trim().is_empty() {
            return Err(invalid("`title` must not be empty".into()));
        }
        let base_url = overrides.base_url.clone().unwrap_or(file.base_url);
        url::Url::parse(&base_url)
            .map_err(|e| invalid(format!("`base_url` = {base_url:?} is not a URL: {e}")))?;
        let base_url = base_url.trim_end_matches('/').to_string();

        let default_language = file.default_language;
        check_language(&default_language).map_err(|m| invalid(format!("`default_language`: {m}")))?;
        let mut languages = vec![default_language.clone()];
        for lang in file.languages {
            check_language(&lang).map_err(|m| invalid(format!("`languages`: {m}")))?;
            if !languages.contains(&lang) {
                languages.push(lang);
            }
        }

        if source.api.is_some() && source.snapshot.is_some() {
            return Err(invalid(
                "[source]: set `api` or `snapshot`, not both (use `sentier build --snapshot DIR` to build a pulled snapshot)".into(),
            ));
        }
        if source.concurrency == 0 {
            return Err(invalid("`source.concurrency` must be at least 1".into()));
        }
        if source.timeout_s == 0 {
            return Err(invalid("`source.timeout_s` must be at least 1".into()));
        }
        if let Some([w, s, e, n]) = source.bbox {
            let valid = (-180.0..=180.0).contains(&w)
                && (-180.0..=180.0).contains(&e)
                && (-90.0..=90.0).contains(&s)
                && (-90.0..=90.0).contains(&n)
                && w < e
                && s < n;
            if !valid {
                return Err(invalid(format!(
                    "`source.bbox` = [{w}, {s}, {e}, {n}] is not [west, south, east, north] in degrees"
                )));
            }
        }

        let pages = &file.pages;
        if pages.list_page_size == 0 {
            return Err(invalid("`pages.list_page_size` must be at least 1".into()));
        }
        for section in &pages.trek_sections {
            if !TREK_SECTIONS.contains(&section.as_str()) {
                return Err(invalid(format!(
                    "`pages.trek_sections`: unknown section {section:?}; known sections: {}",
                    TREK_SECTIONS.join(", ")
                )));
            }
        }
        for (key, value) in [
            ("poi_distance_m", pages.poi_distance_m),
            ("nearby_distance_m", pages.nearby_distance_m),
        ] {
            if !(0.0..=100_000.0).contains(&value) {
                return Err(invalid(format!(
                    "`pages.{key}` = {value} must be between 0 and 100000 metres"
                )));
            }
        }

        if !(1..=200).contains(&file.search.page_size) {
            return Err(invalid(format!(
                "`search.page_size` = {} must be between 1 and 200",
                file.search.page_size
            )));
        }
        for (key, ranges) in [
            ("duration_hours", &file.search.duration_hours),
            ("length_km", &file.search.length_km),
            ("ascent_m", &file.search.ascent_m),
        ] {
            if let Some([from, to]) = ranges.iter().find(|[from, to]| !(0.0 <= *from && from < to)) {
                return Err(invalid(format!(
                    "`search.{key}`: the range [{from}, {to}] must go from a number ≥ 0 to a larger one"
                )));
            }
        }

        for name in &file.search.hidden_filters {
            let dynamic = name
                .strip_prefix("type-services-")
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            if !SEARCH_FILTERS.contains(&name.as_str()) && !dynamic {
                return Err(invalid(format!(
                    "`search.hidden_filters`: unknown filter {name:?}; known filters: {}, type-services-N",
                    SEARCH_FILTERS.join(", ")
                )));
            }
        }

        if file.maps.tiles.is_empty() {
            return Err(invalid("`maps.tiles` needs at least one layer".into()));
        }
        for tiles in &file.maps.tiles {
            let ok = tiles.url.starts_with("https://")
                && ["{z}", "{x}", "{y}"].iter().all(|p| tiles.url.contains(p));
            if !ok {
                return Err(invalid(format!(
                    "`maps.tiles` {:?}: `url` must be an https URL template with {{z}}, {{x}} and {{y}}",
                    tiles.name
                )));
            }
        }

        let branding = crate::branding::Branding::from_extra(&file.extra).map_err(invalid)?;

        let resolve = |p: &Path| {
            if p.is_absolute() {
                p.to_path_buf()
            } else {
                root.join(p)
            }
        };
        let source_choice = match (&overrides.snapshot, &overrides.api) {
            (Some(dir), _) => Some(Source::Snapshot(dir.clone())),
            (None, Some(api)) => Some(Source::Api(api.clone())),
            (None, None) => match (&source.api, &source.snapshot) {
                (Some(api), _) => Some(Source::Api(api.clone())),
                (None, Some(dir)) => Some(Source::Snapshot(resolve(dir))),
                (None, None) => None,
            },
        };

        Ok(Config {
            path: path.to_path_buf(),
            root: root.to_path_buf(),
            title: file.title,
            description: file.description.filter(|d| !d.trim().is_empty()),
            base_url,
            default_language,
            languages,
            theme: file.theme,
            translation_fallback: file.translation_fallback,
            source: source_choice,
            filters: Filters {
                portals: source.portals.clone(),
                structures: source.structures.clone(),
                practices: source.practices.clone(),
                cities: source.cities.clone(),
                districts: source.districts.clone(),
                bbox: source.bbox,
            },
            include: source.include.clone(),
            fetch: FetchSettings {
                concurrency: source.concurrency,
                timeout: std::time::Duration::from_secs(source.timeout_s),
                retries: source.retries,
            },
            pages: file.pages,
            maps: file.maps,
            search: file.search,
            extra: file.extra,
            branding,
        })
    }

    /// The API URL to pull from, or an error naming the config key to set.
    pub fn api_url(&self) -> Result<&str, ConfigError> {
        match &self.source {
            Some(Source::Api(url)) => Ok(url),
            _ => Err(ConfigError::Invalid {
                path: self.path.clone(),
                message: "no API to pull from: set `api` in [source] or pass --api URL".into(),
            }),
        }
    }
}

/// A language code as Geotrek uses them (`fr`, `en`, `pt-br`...): also a URL path segment.
fn check_language(lang: &str) -> Result<(), String> {
    let ok = !lang.is_empty()
        && lang.len() <= 10
        && lang
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{lang:?} is not a language code such as \"fr\" or \"en\""
        ))
    }
}

/// toml's own rendering quotes the file over several lines; one line naming the fault and
/// where it is reads better in a terminal and a CI log.
fn describe_toml_error(error: &toml::de::Error, text: &str) -> String {
    let message = error.message().trim().to_string();
    match error.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {message}")
        }
        None => message,
    }
}

/// Keys of `[extra]` as a JSON-like map for templates.
pub fn extra_as_json(extra: &toml::Table) -> BTreeMap<String, serde_json::Value> {
    extra
        .iter()
        .filter_map(|(k, v)| serde_json::to_value(v).ok().map(|v| (k.clone(), v)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(
            text,
            Path::new("config.toml"),
            Path::new("/site"),
            &Overrides::default(),
        )
    }

    const MINIMAL: &str = r#"
title = "Rando"
base_url = "https://rando.example.org/"
languages = ["fr", "en"]
[source]
api = "https://geotrek.example.org/api/v2/"
"#;

    #[test]
    fn minimal_config_gets_defaults() {
        let config = parse(MINIMAL).unwrap();
        assert_eq!(config.languages, ["fr", "en"]);
        assert_eq!(config.base_url, "https://rando.example.org");
        assert_eq!(config.fetch.concurrency, 4);
        assert_eq!(config.theme, "default");
        assert!(config.include.treks && config.include.flat_pages);
        assert_eq!(
            config.source,
            Some(Source::Api("https://geotrek.example.org/api/v2/".into()))
        );
    }

    #[test]
    fn where_the_site_lies_is_not_fingerprinted() {
        let text = MINIMAL.replace(
            "api = \"https://geotrek.example.org/api/v2/\"",
            "snapshot = \"snap\"",
        );
        let at = |path: &str, root: &str| {
            Config::parse(&text, Path::new(path), Path::new(root), &Overrides::default()).unwrap()
        };
        let here = at("config.toml", "/site");
        assert_eq!(here.source, Some(Source::Snapshot("/site/snap".into())));
        assert_eq!(
            here.fingerprint_text(),
            at("/site/config.toml", "/site").fingerprint_text()
        );
        assert_eq!(
            here.fingerprint_text(),
            at("/ci/run-2/config.toml", "/ci/run-2").fingerprint_text()
        );
        // What the site shows is.
        let other = Config::parse(
            &text.replace("Rando", "Randos"),
            Path::new("config.toml"),
            Path::new("/site"),
            &Overrides::default(),
        )
        .unwrap();
        assert_ne!(here.fingerprint_text(), other.fingerprint_text());
    }

    #[test]
    fn unknown_key_is_an_error_naming_the_key() {
        let text = MINIMAL.replace("[source]", "[source]\nportal = [1]");
        let message = parse(&text).unwrap_err().to_string();
        assert!(message.contains("unknown field `portal`"), "{message}");
        assert!(message.starts_with("config.toml: line 6:"), "{message}");
    }

    #[test]
    fn unknown_top_level_key_is_an_error_naming_the_key() {
        let text = format!("titel = \"x\"\n{MINIMAL}");
        let message = parse(&text).unwrap_err().to_string();
        assert!(message.contains("titel"), "{message}");
    }

    #[test]
    fn default_language_comes_first_and_is_not_repeated() {
        let text = MINIMAL.replace(
            "languages = [\"fr\", \"en\"]",
            "default_language = \"en\"\nlanguages = [\"fr\", \"en\", \"it\"]",
        );
        assert_eq!(parse(&text).unwrap().languages, ["en", "fr", "it"]);
    }

    #[test]
    fn command_line_snapshot_overrides_configured_api() {
        let overrides = Overrides {
            snapshot: Some("/tmp/snap".into()),
            ..Default::default()
        };
        let config = Config::parse(MINIMAL, Path::new("c.toml"), Path::new("/site"), &overrides).unwrap();
        assert_eq!(config.source, Some(Source::Snapshot("/tmp/snap".into())));
    }

    #[test]
    fn relative_snapshot_is_resolved_from_the_config_directory() {
        let text = MINIMAL.replace(
            "api = \"https://geotrek.example.org/api/v2/\"",
            "snapshot = \"data\"",
        );
        assert_eq!(
            parse(&text).unwrap().source,
            Some(Source::Snapshot("/site/data".into()))
        );
    }

    #[test]
    fn cities_accept_ids_and_insee_codes() {
        let text = MINIMAL.replace("[source]", "[source]\ncities = [12, \"05006\"]");
        let config = parse(&text).unwrap();
        assert_eq!(
            config.filters.cities,
            [CityFilter::Id(12), CityFilter::Code("05006".into())]
        );
    }

    #[test]
    fn bad_values_name_their_key() {
        for (from, to, key) in [
            ("[source]", "[source]\nbbox = [7, 45, 6, 44]", "source.bbox"),
            ("[source]", "[source]\nconcurrency = 0", "source.concurrency"),
            (
                "languages = [\"fr\", \"en\"]",
                "languages = [\"FR\"]",
                "languages",
            ),
            ("https://rando.example.org/", "not a url", "base_url"),
            (
                "[source]",
                "[pages]\ntrek_sections = [\"gallery\", \"photos\"]\n[source]",
                "pages.trek_sections",
            ),
            (
                "[source]",
                "[pages]\nlist_page_size = 0\n[source]",
                "pages.list_page_size",
            ),
            (
                "[source]",
                "[search]\nhidden_filters = [\"city\"]\n[source]",
                "search.hidden_filters",
            ),
        ] {
            let message = parse(&MINIMAL.replace(from, to)).unwrap_err().to_string();
            assert!(message.contains(key), "{key}: {message}");
        }
    }

    #[test]
    fn a_bad_branding_value_is_an_error_naming_its_key_and_other_extra_keys_are_free() {
        let bad = format!("{MINIMAL}[extra]\nhero = {{ any = 1 }}\n[extra.colors]\nprimary = \"red;}}\"\n");
        let message = parse(&bad).unwrap_err().to_string();
        assert_eq!(
            message,
            "config.toml: extra.colors.primary: \"red;}\" is not a CSS colour (#rrggbb, rgb(), hsl() or a colour name)"
        );
        let good = bad.replace("red;}", "#1f5130");
        let config = parse(&good).unwrap();
        assert_eq!(config.branding.theme_color(), Some("#1f5130"));
        assert!(config.extra.contains_key("hero"));
    }

    #[test]
    fn api_and_snapshot_together_are_refused() {
        let text = MINIMAL.replace("[source]", "[source]\nsnapshot = \"data\"");
        assert!(parse(&text).unwrap_err().to_string().contains("not both"));
    }
}
