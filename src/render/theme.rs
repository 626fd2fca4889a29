//! The theme: Tera templates, static files and UI translations under `themes/NAME/`, each
//! overridable by the site's own `templates/`, `static/` and `translations/`.
//!
//! The default theme is compiled into the binary, so a site without a `themes/` folder builds;
//! a `themes/default/` folder in the site replaces it. A site template can override one block
//! of a theme template by extending it under its prefixed name (`default/trek.html`).
//!
//! Another theme ships its own templates, all of them, but may leave out static files and UI
//! strings: those it lacks come from the built-in default theme (its `map.js`, `search.js`,
//! vendored Leaflet, and the translations of every key). The branding of `[extra]` adds one
//! generated static file, [`BRANDING_CSS`].

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use tera::Tera;

use super::hashed_assets::{self, Assets};
use super::{filters, RenderError};
use crate::branding::{Branding, Reference};
use crate::fingerprint::Fingerprint;
use crate::fs;

#[derive(rust_embed::Embed)]
#[folder = "themes/default/"]
struct EmbeddedDefault;

/// The stylesheet of the branding's custom properties, written when `[extra]` sets colours or
/// fonts; templates link it after the theme's own.
pub const BRANDING_CSS: &str = "branding.css";

/// Where a theme or site file's bytes are.
#[derive(Debug, Clone)]
pub enum FileSource {
    Disk(PathBuf),
    Embedded(String),
    /// Written by sentier (the branding stylesheet).
    Generated(Arc<[u8]>),
}

/// URLs of the branding's files, for templates.
#[derive(Debug, Clone, Default)]
pub struct BrandingFiles {
    pub logo: Option<String>,
    pub favicon: Option<String>,
    pub stylesheet: Option<String>,
}

/// `theme.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeInfo {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub license: String,
    #[serde(default)]
    pub homepage: String,
    #[serde(default)]
    pub min_sentier_version: Option<String>,
}

pub struct Theme {
    pub info: ThemeInfo,
    /// The theme's folder, when it is not the built-in one.
    pub directory: Option<PathBuf>,
    pub tera: Tera,
    /// `(source, path in the output)` for every static file, site files overriding the theme's.
    pub static_files: Vec<(FileSource, PathBuf)>,
    /// The hashed copies of the static CSS and JavaScript, and the URL `asset()` gives each file.
    pub assets: Arc<Assets>,
    /// The logo, favicon and custom-property stylesheet of `[extra]`.
    pub branding: BrandingFiles,
    /// Language → UI string key → text.
    translations: BTreeMap<String, BTreeMap<String, String>>,
    /// Of every template, translation and static file: a build with the same one, the same
    /// config and data has nothing to do.
    pub fingerprint: String,
    /// Of the translations and static files, which every page may show.
    pub files_fingerprint: String,
    /// Template name → fingerprint of its text and of every template it extends, imports or
    /// includes: saving one template renders again only the pages that use it.
    template_fingerprints: BTreeMap<String, String>,
}

/// One layer of files: the theme (on disk or embedded), then the site.
enum Layer {
    Disk(PathBuf),
    Embedded,
}

impl Layer {
    fn describe(&self, relative: &str) -> String {
        match self {
            Layer::Disk(dir) => dir.join(relative).display().to_string(),
            Layer::Embedded => format!("(built-in default theme) {relative}"),
        }
    }

    /// Files under `sub/`, as (path relative to `sub/`, source).
    fn files(&self, sub: &str) -> Result<Vec<(String, FileSource)>, RenderError> {
        Ok(match self {
            Layer::Disk(dir) => fs::files_under(&dir.join(sub))?
                .into_iter()
                .map(|relative| {
                    let name = relative.to_string_lossy().replace('\\', "/");
                    (name, FileSource::Disk(dir.join(sub).join(&relative)))
                })
                .collect(),
            Layer::Embedded => EmbeddedDefault::iter()
                .filter_map(|path| {
                    let name = path.strip_prefix(&format!("{sub}/"))?.to_string();
                    Some((name, FileSource::Embedded(path.to_string())))
                })
                .collect(),
        })
    }

    fn read(&self, relative: &str) -> Result<Option<String>, RenderError> {
        match self {
            Layer::Disk(dir) => {
                let path = dir.join(relative);
                Ok(if path.is_file() {
                    Some(fs::read_to_string(&path)?)
                } else {
                    None
                })
            }
            Layer::Embedded => {
                Ok(EmbeddedDefault::get(relative).map(|f| String::from_utf8_lossy(&f.data).into_owned()))
            }
        }
    }
}

fn read_source(source: &FileSource) -> Result<Cow<'static, [u8]>, RenderError> {
    match source {
        FileSource::Disk(path) => Ok(Cow::Owned(fs::read(path)?)),
        FileSource::Generated(bytes) => Ok(Cow::Owned(bytes.to_vec())),
        FileSource::Embedded(path) => EmbeddedDefault::get(path)
            .map(|f| f.data)
            .ok_or_else(|| RenderError::Theme(format!("built-in theme file {path} is missing"))),
    }
}

fn source_text(source: &FileSource) -> Result<String, RenderError> {
    let bytes = read_source(source)?;
    String::from_utf8(bytes.into_owned())
        .map_err(|_| RenderError::Theme(format!("{} is not UTF-8 text", describe_source(source))))
}

fn describe_source(source: &FileSource) -> String {
    match source {
        FileSource::Disk(path) => path.display().to_string(),
        FileSource::Embedded(path) => format!("(built-in default theme) {path}"),
        FileSource::Generated(_) => format!("static/{BRANDING_CSS} (written from config.toml [extra])"),
    }
}

/// Adds a layer's `translations/*.toml` to `translations`, over what is there.
fn add_translations(
    layer: &Layer,
    translations: &mut BTreeMap<String, BTreeMap<String, String>>,
) -> Result<(), RenderError> {
    for (relative, source) in layer.files("translations")? {
        let Some(lang) = relative.strip_suffix(".toml") else {
            continue;
        };
        let strings: BTreeMap<String, String> = toml::from_str(&source_text(&source)?)
            .map_err(|e| RenderError::Theme(format!("{}: {}", describe_source(&source), e.message())))?;
        translations.entry(lang.to_string()).or_default().extend(strings);
    }
    Ok(())
}

impl Theme {
    pub fn load(site_root: &Path, name: &str, branding: &Branding) -> Result<Theme, RenderError> {
        let theme_dir = site_root.join("themes").join(name);
        let theme_layer = if theme_dir.join("templates").is_dir() {
            Layer::Disk(theme_dir.clone())
        } else if name == "default" {
            Layer::Embedded
        } else {
            return Err(RenderError::Theme(format!(
                "theme {name:?} not found: {} has no templates/ directory (set `theme` in config.toml)",
                theme_dir.display()
            )));
        };
        let info = match theme_layer.read("theme.toml")? {
            Some(text) => toml::from_str(&text).map_err(|e| {
                RenderError::Theme(format!("{}: {}", theme_layer.describe("theme.toml"), e.message()))
            })?,
            None => ThemeInfo {
                name: name.to_string(),
                ..ThemeInfo::default()
            },
        };
        let site_layer = Layer::Disk(site_root.to_path_buf());

        let mut templates: BTreeMap<String, FileSource> = BTreeMap::new();
        let mut static_files: BTreeMap<String, FileSource> = BTreeMap::new();
        let mut translations: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        if name != "default" {
            let base = Layer::Embedded;
            static_files.extend(base.files("static")?);
            add_translations(&base, &mut translations)?;
        }
        let mut theme_templates = Vec::new();
        for (layer_index, layer) in [&theme_layer, &site_layer].into_iter().enumerate() {
            for (relative, source) in layer.files("templates")? {
                if layer_index == 0 {
                    theme_templates.push((format!("{name}/{relative}"), source.clone()));
                }
                templates.insert(relative, source);
            }
            for (relative, source) in layer.files("static")? {
                static_files.insert(relative, source);
            }
            add_translations(layer, &mut translations)?;
        }
        if let Some(css) = branding.stylesheet() {
            if let Some(source) = static_files.get(BRANDING_CSS) {
                return Err(RenderError::Theme(format!(
                    "{}: sentier writes static/{BRANDING_CSS} from config.toml's [extra.colors] and [extra.fonts]; rename this file",
                    describe_source(source)
                )));
            }
            static_files.insert(
                BRANDING_CSS.into(),
                FileSource::Generated(css.into_bytes().into()),
            );
        }

        if let Some((relative, source)) = static_files
            .iter()
            .find(|(relative, _)| relative.starts_with(&format!("{}/", hashed_assets::DIRECTORY)))
        {
            return Err(RenderError::Theme(format!(
                "{}: static/{}/ is where sentier writes the fingerprinted copies of CSS and JavaScript, \
                 which hosts cache for a year; move {relative} elsewhere",
                describe_source(source),
                hashed_assets::DIRECTORY
            )));
        }
        let mut hashed = Vec::new();
        for (relative, source) in &static_files {
            let bytes = hashed_assets::is_hashed(relative)
                .then(|| read_source(source).map(Cow::into_owned))
                .transpose()?;
            hashed.push((relative.as_str(), bytes));
        }
        let assets = Arc::new(Assets::new(hashed));
        let url_of = |key: &str, reference: &Option<Reference>| {
            match reference {
            None => Ok(None),
            Some(Reference::Url(url)) => Ok(Some(url.clone())),
            Some(Reference::Static(path)) => assets.url(path).map(|url| Some(url.to_string())).ok_or_else(|| {
                RenderError::Theme(format!(
                    "config.toml: extra.{key}: {path:?} is not a file of the site's static/ folder (nor of the theme's)"
                ))
            }),
        }
        };
        let branding = BrandingFiles {
            logo: url_of("logo", &branding.logo)?,
            favicon: url_of("favicon", &branding.favicon)?,
            stylesheet: assets
                .url(BRANDING_CSS)
                .filter(|_| branding.stylesheet().is_some())
                .map(str::to_string),
        };

        let mut texts = Vec::with_capacity(templates.len());
        for (template, source) in &templates {
            texts.push((template.clone(), source_text(source)?));
        }
        // The theme's templates under their prefixed names, for a site template to extend:
        // only when a template names one, since Tera parses every template it is given, and
        // parsing the theme twice was a tenth of a one-trek rebuild of 500 treks.
        let prefix = format!("{name}/");
        if texts.iter().any(|(_, text)| names_template_under(text, &prefix)) {
            for (template, source) in &theme_templates {
                texts.push((template.clone(), source_text(source)?));
            }
            texts.sort();
        }
        let mut fingerprint = Fingerprint::new();
        let mut sources = Vec::with_capacity(texts.len());
        for (template, text) in texts {
            fingerprint.text(&template).text(&text);
            sources.push((template, text));
        }
        let mut files_fingerprint = Fingerprint::new();
        files_fingerprint.value(&translations);
        for (path, source) in &static_files {
            files_fingerprint.text(path).bytes(&read_source(source)?);
        }
        let files_fingerprint = files_fingerprint.finish();
        fingerprint.text(&files_fingerprint);
        let mut tera = Tera::default();
        tera.set_escape_fn(escape_html);
        tera.autoescape_on(vec![".html", ".xml"]);
        filters::register(&mut tera, escape_html);
        tera.register_function("asset", asset_function(Arc::clone(&assets)));
        tera.add_raw_templates(sources.clone())
            .map_err(|e| RenderError::Template {
                template: template_in_error(&e).unwrap_or_else(|| "templates".into()),
                message: error_chain(&e),
            })?;
        let template_fingerprints = template_fingerprints(&tera, &sources);
        Ok(Theme {
            info,
            directory: match theme_layer {
                Layer::Disk(dir) => Some(dir),
                Layer::Embedded => None,
            },
            tera,
            static_files: static_files
                .into_iter()
                .map(|(to, from)| (from, PathBuf::from(to)))
                .collect(),
            assets,
            branding,
            translations,
            fingerprint: fingerprint.finish(),
            files_fingerprint,
            template_fingerprints,
        })
    }

    /// The fingerprint of `template` and of the templates it uses.
    pub fn template_fingerprint(&self, template: &str) -> &str {
        self.template_fingerprints
            .get(template)
            .map(String::as_str)
            .unwrap_or_default()
    }

    pub fn read_static(&self, source: &FileSource) -> Result<Cow<'static, [u8]>, RenderError> {
        read_source(source)
    }

    /// UI strings for `lang`: the default language's, then English, fill missing keys.
    pub fn strings(&self, lang: &str, default: &str) -> BTreeMap<String, String> {
        let mut strings = BTreeMap::new();
        for source in ["en", default, lang] {
            if let Some(found) = self.translations.get(source) {
                strings.extend(found.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }
        strings
    }

    /// Languages the theme has UI strings for.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.translations.keys().map(String::as_str)
    }
}

/// `asset(path="style.css")`: the URL of a file of the theme's or the site's `static/`, hashed
/// for CSS and JavaScript. An unknown path fails the build rather than a page's link.
fn asset_function(assets: Arc<Assets>) -> impl tera::Function {
    move |args: &std::collections::HashMap<String, tera::Value>| {
        let path = args
            .get("path")
            .and_then(tera::Value::as_str)
            .ok_or_else(|| tera::Error::msg("asset() takes path=\"FILE\", a file under static/"))?;
        assets
            .url(path)
            .map(|url| tera::Value::String(url.to_string()))
            .ok_or_else(|| {
                tera::Error::msg(format!(
                    "asset(path={path:?}): no static/{} in the theme or the site",
                    path.trim_start_matches('/')
                ))
            })
    }
}

/// Escapes `& < > " '` and nothing more: Tera's default also escapes `/`, which makes every
/// URL in a page unreadable (`https:&#x2F;&#x2F;`).
///
/// Every value a page prints goes through here, and most have nothing to escape: those are
/// copied whole rather than character by character (a tenth of Tera's time in a full build).
fn escape_html(input: &str) -> String {
    let special = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    if !input.as_bytes().iter().any(special) {
        return input.to_owned();
    }
    html_escape::encode_quoted_attribute(input).into_owned()
}

/// Whether `text` names a template under `prefix` (`"default/`) in a string, as
/// `{% extends "default/trek.html" %}` does.
fn names_template_under(text: &str, prefix: &str) -> bool {
    ['"', '\'']
        .iter()
        .any(|quote| text.contains(&format!("{quote}{prefix}")))
}

/// Tera reports the template in its top message and the cause below it: keep both.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = error.source();
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    parts.dedup();
    parts.join(": ").replace('\n', " ")
}

fn template_in_error(error: &tera::Error) -> Option<String> {
    let message = error.to_string();
    let start = message.find('\'')? + 1;
    let end = start + message[start..].find('\'')?;
    Some(message[start..end].to_string())
}

/// Each template's fingerprint over its own text and that of every template it depends on:
/// those it extends (Tera's parents), imports macros from, or includes.
fn template_fingerprints(tera: &Tera, sources: &[(String, String)]) -> BTreeMap<String, String> {
    let texts: BTreeMap<&str, &str> = sources.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let direct = |name: &str| -> Vec<String> {
        let mut uses = included(texts.get(name).copied().unwrap_or_default());
        if let Some(template) = tera.templates.get(name) {
            uses.extend(template.parents.iter().cloned());
            uses.extend(template.imported_macro_files.iter().map(|(file, _)| file.clone()));
        }
        uses
    };
    texts
        .keys()
        .map(|name| {
            let mut closure = std::collections::BTreeSet::from([name.to_string()]);
            let mut pending = vec![name.to_string()];
            while let Some(next) = pending.pop() {
                for used in direct(&next) {
                    if closure.insert(used.clone()) {
                        pending.push(used);
                    }
                }
            }
            let mut fingerprint = Fingerprint::new();
            for used in &closure {
                fingerprint
                    .text(used)
                    .text(texts.get(used.as_str()).copied().unwrap_or_default());
            }
            (name.to_string(), fingerprint.finish())
        })
        .collect()
}

/// The names in a template's `{% include "…" %}` and `{% include ["…", "…"] %}` tags.
fn included(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (start, _) in text.match_indices("{%") {
        let tag = text[start + 2..].trim_start_matches('-').trim_start();
        let Some(rest) = tag.strip_prefix("include") else {
            continue;
        };
        let end = rest.find("%}").unwrap_or(rest.len());
        names.extend(rest[..end].split('"').skip(1).step_by(2).map(str::to_string));
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_as_quoted_attributes() {
        for text in [
            "",
            "plain text, é à",
            "a & b",
            "<p class=\"x\">l'été</p>",
            "https://x.org/a?b=1&c=2",
        ] {
            assert_eq!(
                escape_html(text),
                html_escape::encode_quoted_attribute(text),
                "{text}"
            );
        }
        assert_eq!(escape_html("l'<a>&\""), "l&#x27;&lt;a&gt;&amp;&quot;");
    }

    #[test]
    fn the_themes_prefixed_templates_are_there_when_a_template_names_one() {
        let site = tempfile::tempdir().unwrap();
        let names = |site: &Path| {
            let theme = Theme::load(site, "default", &Branding::default()).unwrap();
            let mut names: Vec<String> = theme.tera.get_template_names().map(str::to_string).collect();
            names.sort();
            names
        };
        let alone = names(site.path());
        assert!(alone.contains(&"trek.html".to_string()), "{alone:?}");
        assert!(!alone.iter().any(|n| n.starts_with("default/")), "{alone:?}");

        std::fs::create_dir(site.path().join("templates")).unwrap();
        std::fs::write(
            site.path().join("templates/404.html"),
            "{% extends 'default/404.html' %}{% block content %}Perdu{% endblock content %}",
        )
        .unwrap();
        let extending = names(site.path());
        assert!(
            extending.contains(&"default/trek.html".to_string()),
            "{extending:?}"
        );
        assert_eq!(extending.len(), 2 * alone.len());
    }

    #[test]
    fn a_prefixed_name_is_found_between_either_quote() {
        assert!(names_template_under(
            "{% extends \"default/trek.html\" %}",
            "default/"
        ));
        assert!(names_template_under(
            "{% import 'default/macros.html' as m %}",
            "default/"
        ));
        assert!(!names_template_under(
            "{% extends \"base.html\" %}<a href=\"/default/\">",
            "default/"
        ));
    }

    fn fingerprints(sources: &[(&str, &str)]) -> BTreeMap<String, String> {
        let sources: Vec<(String, String)> = sources
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let mut tera = Tera::default();
        tera.add_raw_templates(sources.clone()).unwrap();
        template_fingerprints(&tera, &sources)
    }

    #[test]
    fn a_template_fingerprint_covers_what_it_extends_imports_and_includes_and_nothing_else() {
        let site = |macros: &str, part: &str| {
            fingerprints(&[
                ("macros.html", macros),
                (
                    "base.html",
                    "{% import \"macros.html\" as m %}{% block content %}{% endblock content %}",
                ),
                (
                    "trek.html",
                    "{% extends \"base.html\" %}{% block content %}trek{% endblock content %}",
                ),
                ("part.html", part),
                (
                    "list.html",
                    "{%- include [\"missing.html\", \"part.html\"] ignore missing -%}",
                ),
            ])
        };
        let before = site("{% macro a() %}a{% endmacro a %}", "part");
        let macros_changed = site("{% macro a() %}b{% endmacro a %}", "part");
        let part_changed = site("{% macro a() %}a{% endmacro a %}", "another part");
        assert_ne!(
            before["trek.html"], macros_changed["trek.html"],
            "through base.html's import"
        );
        assert_eq!(before["trek.html"], part_changed["trek.html"]);
        assert_ne!(
            before["list.html"], part_changed["list.html"],
            "through the include"
        );
        assert_eq!(before["list.html"], macros_changed["list.html"]);
    }
}
