//! The site's own Markdown pages under `content/`: `about.md` is `/about/` in the default
//! language, `about.en.md` its English translation at `/en/about/`; `_index.md` is the home
//! page's introduction. TOML front matter between `+++` lines sets the title, description,
//! weight, draft flag and template; unknown keys are an error naming the file.
//!
//! Markdown is written by the site's editors, not by the API: its HTML is kept as written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::config::{Config, TranslationFallback};
use crate::fs;

#[derive(Debug, Error)]
pub enum ContentError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Option<String>,
    description: Option<String>,
    #[serde(default)]
    weight: i64,
    #[serde(default)]
    draft: bool,
    template: Option<String>,
    #[serde(default)]
    extra: toml::Table,
}

/// One Markdown page in one language.
#[derive(Debug, Clone, Serialize)]
pub struct ContentPage {
    pub lang: String,
    /// Set when the page shows the default language's text (the translation fallback).
    pub text_lang: Option<String>,
    /// Site-relative URL: `/about/`, `/en/about/`.
    pub url: String,
    pub title: String,
    pub description: Option<String>,
    pub weight: i64,
    pub template: String,
    pub html: String,
    pub extra: BTreeMap<String, serde_json::Value>,
    /// `about` for `about.md` and `about.en.md`: what ties translations together.
    pub key: String,
    pub source: PathBuf,
}

#[derive(Debug, Default)]
pub struct Content {
    /// Home introductions by language (`_index.md`, `_index.en.md`).
    pub home: BTreeMap<String, ContentPage>,
    pub pages: Vec<ContentPage>,
}

/// Reads every page; drafts are left out.
pub fn load(config: &Config) -> Result<Content, ContentError> {
    let dir = config.root.join("content");
    let mut parsed: BTreeMap<String, BTreeMap<String, ContentPage>> = BTreeMap::new();
    for relative in fs::files_under(&dir)? {
        if relative.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let path = dir.join(&relative);
        let (key, lang) = key_and_language(&relative, config);
        let Some(lang) = lang else {
            return Err(ContentError::Invalid {
                path,
                message: format!(
                    "not a site language; the file name's language must be one of {}",
                    config.languages.join(", ")
                ),
            });
        };
        let page = parse(&path, &key, &lang, config)?;
        if let Some(page) = page {
            parsed.entry(key).or_default().insert(lang, page);
        }
    }

    let mut content = Content::default();
    for (key, by_lang) in parsed {
        for lang in &config.languages {
            let page = match (by_lang.get(lang), config.translation_fallback) {
                (Some(page), _) => page.clone(),
                (None, TranslationFallback::DefaultLanguage) => match by_lang.get(&config.default_language) {
                    Some(default) => ContentPage {
                        lang: lang.clone(),
                        text_lang: Some(config.default_language.clone()),
                        url: url_of(&key, lang, config),
                        ..default.clone()
                    },
                    None => continue,
                },
                (None, TranslationFallback::Omit) => continue,
            };
            if key == "_index" {
                content.home.insert(lang.clone(), page);
            } else {
                content.pages.push(page);
            }
        }
    }
    content
        .pages
        .sort_by(|a, b| (a.weight, &a.title).cmp(&(b.weight, &b.title)));
    Ok(content)
}

/// `about.en.md` → (`about`, `en`); `guides/winter.md` → (`guides/winter`, default language).
fn key_and_language(relative: &Path, config: &Config) -> (String, Option<String>) {
    let stem = relative.with_extension("");
    let stem = stem.to_string_lossy().replace('\\', "/");
    match stem.rsplit_once('.') {
        Some((key, lang)) => (
            key.to_string(),
            config.languages.iter().find(|l| *l == lang).cloned(),
        ),
        None => (stem, Some(config.default_language.clone())),
    }
}

/// Each path segment slugified: file names never reach the output as written.
fn url_of(key: &str, lang: &str, config: &Config) -> String {
    let root = if lang == config.default_language {
        "/".to_string()
    } else {
        format!("/{lang}/")
    };
    let segments: Vec<String> = key
        .split('/')
        .filter(|s| *s != "_index")
        .map(|s| crate::select::slug_of(s, "page"))
        .collect();
    if segments.is_empty() {
        root
    } else {
        format!("{root}{}/", segments.join("/"))
    }
}

fn parse(path: &Path, key: &str, lang: &str, config: &Config) -> Result<Option<ContentPage>, ContentError> {
    let text = fs::read_to_string(path)?;
    let invalid = |message: String| ContentError::Invalid {
        path: path.to_path_buf(),
        message,
    };
    let (front, body) = split_front_matter(&text).map_err(invalid)?;
    let front: FrontMatter = match front {
        Some(front) => {
            toml::from_str(front).map_err(|e| invalid(format!("front matter: {}", e.message())))?
        }
        None => FrontMatter::default(),
    };
    if front.draft {
        return Ok(None);
    }
    let mut html = String::new();
    let options = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_FOOTNOTES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION
        | pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES;
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(body, options));
    let title = front.title.unwrap_or_else(|| {
        first_heading(body).unwrap_or_else(|| key.rsplit('/').next().unwrap_or(key).to_string())
    });
    Ok(Some(ContentPage {
        lang: lang.to_string(),
        text_lang: None,
        url: url_of(key, lang, config),
        title,
        description: front.description,
        weight: front.weight,
        template: front.template.unwrap_or_else(|| "page.html".into()),
        html,
        extra: crate::config::extra_as_json(&front.extra),
        key: key.to_string(),
        source: path.to_path_buf(),
    }))
}

/// `+++\n<toml>\n+++\n<markdown>`; a file without the opening line has no front matter.
fn split_front_matter(text: &str) -> Result<(Option<&str>, &str), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("+++")
        .and_then(|r| r.strip_prefix('\n').or_else(|| r.strip_prefix("\r\n")))
    else {
        return Ok((None, text));
    };
    let end = rest
        .match_indices("+++")
        .find(|(i, _)| *i == 0 || rest[..*i].ends_with('\n'))
        .map(|(i, _)| i)
        .ok_or("the front matter opened with +++ is never closed")?;
    let body = rest[end + 3..].trim_start_matches(['\r', '\n']);
    Ok((Some(&rest[..end]), body))
}

fn first_heading(markdown: &str) -> Option<String> {
    markdown
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(|h| h.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_from_the_body() {
        let (front, body) = split_front_matter("+++\ntitle = \"À propos\"\n+++\n\n# Hello\n").unwrap();
        assert_eq!(front, Some("title = \"À propos\"\n"));
        assert_eq!(body, "# Hello\n");
        assert_eq!(
            split_front_matter("# No front matter").unwrap(),
            (None, "# No front matter")
        );
        assert!(split_front_matter("+++\ntitle = 1\n").is_err());
    }
}
