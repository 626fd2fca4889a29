//! Geotrek-rando v3's `customization/` folder → a sentier site.
//!
//! The folder (documented in Geotrek-rando v3's `docs/customization/`) holds `config/*.json`
//! (global, header, home, footer, filter, details, map...), `theme/colors.json` and
//! `theme/style.css`, `html/*.html` blocks, `translations/LANG.json` UI strings and `medias/`.
//! Geotrek-rando merges each file over its own defaults, so a missing key means its default.
//!
//! Three steps: [`read`] loads the folder (the only I/O besides [`write`]; a file that is not
//! JSON is an error naming it), [`convert`] maps it into a [`Plan`] and a [`Report`] of what
//! was not carried over (pure functions, in `mapping`), and [`Plan::files`] renders the site's
//! files: `config.toml` (in `config_text`), `content/_index*.md`, `translations/LANG.toml`,
//! `static/medias/` and the report itself.

mod config_text;
mod mapping;
mod strings;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;
use thiserror::Error;

use crate::config::TileLayer;
use crate::fs;

pub use mapping::convert;

/// The name of the report written beside the imported `config.toml`.
pub const REPORT_FILE: &str = "rando-import-report.txt";

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{path}: not valid JSON: {message}")]
    Json { path: PathBuf, message: String },
    #[error("{0}: not a Geotrek-rando customization folder (no config/, theme/, html/, translations/ or medias/ in it)")]
    NotCustomization(PathBuf),
    #[error("{0}: no such directory")]
    Missing(PathBuf),
    #[error("{0} already exists; import-rando never overwrites a file (choose another --out directory)")]
    Exists(PathBuf),
}

/// The folder as read: parsed JSON, HTML and CSS text, media file names.
#[derive(Debug, Clone, Default)]
pub struct Customization {
    /// The folder read (the given directory, or its `customization/`).
    pub dir: PathBuf,
    /// `config/NAME.json` by `NAME`.
    pub config: BTreeMap<String, Value>,
    /// `theme/colors.json`.
    pub colors: Option<Value>,
    /// `theme/style.css` (or `theme/custom.css`, the name an older page of the docs gives).
    pub style: Option<(String, String)>,
    /// Files under `html/`, by path relative to it (`homeTop-en.html`, `details/meteo.html`).
    pub html: BTreeMap<String, String>,
    /// `translations/LANG.json` by `LANG`.
    pub translations: BTreeMap<String, Value>,
    /// Files under `medias/`, relative to it, with `/` separators.
    pub medias: Vec<String>,
    /// Anything else, relative to the folder: reported as not carried over.
    pub others: Vec<String>,
}

/// One setting that has no place in the imported site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotCarried {
    /// Relative to the customization folder: `config/global.json`.
    pub file: String,
    /// The key in that file (`googleAnalyticsId`, `sections.trek[report]`); `None` for the
    /// whole file.
    pub key: Option<String>,
    pub reason: String,
}

impl fmt::Display for NotCarried {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.key {
            Some(key) => write!(f, "{}: {}: {}", self.file, key, self.reason),
            None => write!(f, "{}: {}", self.file, self.reason),
        }
    }
}

/// What was not carried over, in the order the files were mapped.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub not_carried: Vec<NotCarried>,
}

impl Report {
    pub fn skip(&mut self, file: &str, key: Option<&str>, reason: impl Into<String>) {
        self.not_carried.push(NotCarried {
            file: file.to_string(),
            key: key.map(str::to_string),
            reason: reason.into(),
        });
    }

    /// The report file's text.
    pub fn text(&self, source: &Path) -> String {
        let mut text = format!("Imported by `sentier import-rando` from {}.\n", source.display());
        if self.not_carried.is_empty() {
            text.push_str("Every setting was carried over.\n");
        } else {
            text.push_str(&format!(
                "{} setting(s) not carried over, one a line (file: key: why):\n\n",
                self.not_carried.len()
            ));
            for line in &self.not_carried {
                text.push_str(&format!("{line}\n"));
            }
        }
        text
    }
}

/// A footer link's title: one text, or one per language.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTitle {
    Same(String),
    PerLanguage(BTreeMap<String, String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct FooterLink {
    pub title: LinkTitle,
    pub url: String,
}

/// The home page's introduction in one language (`content/_index[.LANG].md`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HomeIntro {
    pub title: Option<String>,
    pub description: Option<String>,
    /// Markdown (the welcome text, escaped) followed by sanitized HTML blocks.
    pub body: String,
}

/// The imported site, before it is written.
#[derive(Debug, Clone)]
pub struct Plan {
    pub title: String,
    pub description: Option<String>,
    pub base_url: Option<String>,
    pub default_language: String,
    /// The default first.
    pub languages: Vec<String>,
    pub api: Option<String>,
    pub portals: Vec<u64>,
    pub outdoor: bool,
    pub touristic_events: bool,
    pub sensitive_areas: bool,
    pub highlighted_treks: Vec<u64>,
    pub upcoming_events: Option<usize>,
    /// `None`: the theme's default sections.
    pub trek_sections: Option<Vec<String>>,
    pub emergency_number: Option<String>,
    /// Empty: sentier's default layer.
    pub tiles: Vec<TileLayer>,
    pub search_page_size: Option<usize>,
    /// `[search] hidden_filters`.
    pub hidden_filters: Vec<String>,
    pub duration_hours: Option<Vec<[f64; 2]>>,
    pub length_km: Option<Vec<[f64; 2]>>,
    pub ascent_m: Option<Vec<[f64; 2]>>,
    /// `[extra] logo` and `favicon`: a file under `static/` or an https URL.
    pub logo: Option<String>,
    pub favicon: Option<String>,
    pub footer_links: Vec<FooterLink>,
    /// `[extra.colors]`: `primary`, `secondary`, `background`, `text`.
    pub colors: BTreeMap<String, String>,
    /// `[extra.fonts]`: `body`, `heading`.
    pub fonts: BTreeMap<String, String>,
    pub home: BTreeMap<String, HomeIntro>,
    /// UI strings by language, sentier keys.
    pub strings: BTreeMap<String, BTreeMap<String, String>>,
    /// Media files to copy into `static/medias/`, as named under `medias/`.
    pub medias: Vec<String>,
    /// Where each written setting came from, for the comments of `config.toml`.
    pub origins: BTreeMap<&'static str, String>,
}

/// A file of the imported site: its path relative to the site and where its bytes come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Contents {
    Text(String),
    /// A file of the customization folder, copied.
    Copy(PathBuf),
}

impl Plan {
    /// Every file of the site, paths relative to the site directory.
    pub fn files(&self, source: &Path, report: &Report) -> Vec<(PathBuf, Contents)> {
        let mut files = vec![(
            PathBuf::from("config.toml"),
            Contents::Text(config_text::render(self, source)),
        )];
        for (lang, intro) in &self.home {
            let name = if *lang == self.default_language {
                "_index.md".to_string()
            } else {
                format!("_index.{lang}.md")
            };
            files.push((
                Path::new("content").join(name),
                Contents::Text(config_text::home_page(intro)),
            ));
        }
        for (lang, strings) in &self.strings {
            files.push((
                Path::new("translations").join(format!("{lang}.toml")),
                Contents::Text(config_text::strings(lang, strings)),
            ));
        }
        for media in &self.medias {
            files.push((
                Path::new("static/medias").join(media),
                Contents::Copy(source.join("medias").join(media)),
            ));
        }
        files.push((PathBuf::from(REPORT_FILE), Contents::Text(report.text(source))));
        files
    }
}

/// Loads the folder. `dir` may also be a Geotrek-rando checkout or deployment holding
/// `customization/`.
pub fn read(dir: &Path) -> Result<Customization, ImportError> {
    if !dir.is_dir() {
        return Err(ImportError::Missing(dir.to_path_buf()));
    }
    let known = ["config", "theme", "html", "translations", "medias"];
    let has_any = |d: &Path| known.iter().any(|k| d.join(k).is_dir());
    let dir = if !has_any(dir) && has_any(&dir.join("customization")) {
        dir.join("customization")
    } else {
        dir.to_path_buf()
    };
    if !has_any(&dir) {
        return Err(ImportError::NotCustomization(dir));
    }

    let mut found = Customization {
        dir: dir.clone(),
        ..Customization::default()
    };
    for relative in fs::files_under(&dir)? {
        let path = dir.join(&relative);
        let name = relative.to_string_lossy().replace('\\', "/");
        let (top, rest) = name.split_once('/').unwrap_or(("", name.as_str()));
        let json_stem = rest.strip_suffix(".json").filter(|s| !s.contains('/'));
        match (top, json_stem) {
            ("config", Some(stem)) => {
                found.config.insert(stem.to_string(), read_json(&path)?);
            }
            ("translations", Some(stem)) => {
                found
                    .translations
                    .insert(stem.to_ascii_lowercase(), read_json(&path)?);
            }
            ("theme", Some("colors")) => found.colors = Some(read_json(&path)?),
            ("theme", _) if rest == "style.css" || rest == "custom.css" => {
                found.style = Some((name.clone(), fs::read_to_string(&path)?));
            }
            ("html", _) if rest.ends_with(".html") => {
                found.html.insert(rest.to_string(), fs::read_to_string(&path)?);
            }
            ("medias", _) => found.medias.push(rest.to_string()),
            _ => found.others.push(name),
        }
    }
    Ok(found)
}

fn read_json(path: &Path) -> Result<Value, ImportError> {
    let text = fs::read_to_string(path)?;
    // Editors on Windows may start the file with a byte order mark, which JSON does not allow.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    serde_json::from_str(text).map_err(|e| ImportError::Json {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// Writes the files into `out`, refusing (before writing anything) when one exists.
pub fn write(out: &Path, files: &[(PathBuf, Contents)]) -> Result<(), ImportError> {
    if let Some((existing, _)) = files.iter().find(|(path, _)| out.join(path).exists()) {
        return Err(ImportError::Exists(out.join(existing)));
    }
    for (path, contents) in files {
        let target = out.join(path);
        match contents {
            Contents::Text(text) => fs::write(&target, text.as_bytes())?,
            Contents::Copy(from) => fs::copy(from, &target)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_not_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("config")).unwrap();
        std::fs::write(
            dir.path().join("config/global.json"),
            "\u{feff}{\"portalIds\": [4]}",
        )
        .unwrap();
        let read = read(dir.path()).unwrap();
        assert_eq!(read.config["global"]["portalIds"][0], 4);
    }
}
