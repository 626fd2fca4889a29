//! The theme: Tera templates, static files and UI translations under `themes/NAME/`, each
//! overridable by the site's own `templates/`, `static/` and `translations/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::Tera;

use super::RenderError;
use crate::fs;

pub struct Theme {
    pub tera: Tera,
    /// `(source file, path in the output)` for every static file, site files overriding the theme's.
    pub static_files: Vec<(PathBuf, PathBuf)>,
    /// Language → UI string key → text.
    translations: BTreeMap<String, BTreeMap<String, String>>,
}

impl Theme {
    pub fn load(site_root: &Path, name: &str) -> Result<Theme, RenderError> {
        let theme_dir = site_root.join("themes").join(name);
        if !theme_dir.join("templates").is_dir() {
            return Err(RenderError::Theme(format!(
                "theme {name:?} not found: {} has no templates/ directory (set `theme` in config.toml)",
                theme_dir.display()
            )));
        }
        let layers = [theme_dir.clone(), site_root.to_path_buf()];

        let mut templates: BTreeMap<String, PathBuf> = BTreeMap::new();
        let mut static_files: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
        let mut translations: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for layer in &layers {
            for relative in fs::files_under(&layer.join("templates"))? {
                let name = relative.to_string_lossy().replace('\\', "/");
                templates.insert(name, layer.join("templates").join(&relative));
            }
            for relative in fs::files_under(&layer.join("static"))? {
                static_files.insert(relative.clone(), layer.join("static").join(&relative));
            }
            for relative in fs::files_under(&layer.join("translations"))? {
                let path = layer.join("translations").join(&relative);
                if path.extension().is_some_and(|e| e == "toml") {
                    let lang = relative.with_extension("").to_string_lossy().into_owned();
                    let text = fs::read_to_string(&path)?;
                    let strings: BTreeMap<String, String> = toml::from_str(&text)
                        .map_err(|e| RenderError::Theme(format!("{}: {}", path.display(), e.message())))?;
                    translations.entry(lang).or_default().extend(strings);
                }
            }
        }

        let mut sources = Vec::with_capacity(templates.len());
        for (name, path) in &templates {
            sources.push((name.clone(), fs::read_to_string(path)?));
        }
        let mut tera = Tera::default();
        tera.set_escape_fn(escape_html);
        tera.add_raw_templates(sources)
            .map_err(|e| RenderError::Template {
                template: template_in_error(&e).unwrap_or_else(|| "templates".into()),
                message: error_chain(&e),
            })?;
        Ok(Theme {
            tera,
            static_files: static_files.into_iter().map(|(to, from)| (from, to)).collect(),
            translations,
        })
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
}

/// Escapes `& < > " '` and nothing more: Tera's default also escapes `/`, which makes every
/// URL in a page unreadable (`https:&#x2F;&#x2F;`).
fn escape_html(input: &str) -> String {
    html_escape::encode_quoted_attribute(input).into_owned()
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
    parts.join(": ")
}

fn template_in_error(error: &tera::Error) -> Option<String> {
    let message = error.to_string();
    let start = message.find('\'')? + 1;
    let end = start + message[start..].find('\'')?;
    Some(message[start..end].to_string())
}
