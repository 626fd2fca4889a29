//! Text, references and media of one language: the fallback rule, sanitizing, resolving ids
//! into named values, and making media URLs absolute.

use serde::Serialize;

use crate::config::TranslationFallback;
use crate::html;
use crate::model::values::{Id, Ref, Refs, Text};
use crate::model::{Attachment, Dataset};

/// A localized string. `lang` is set when the text is in another language than the page
/// (the fallback rule showed the default language's text), so templates can mark it.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Local {
    pub text: String,
    pub lang: Option<String>,
}

/// A resolved reference to a nomenclature value.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub id: u64,
    pub name: Local,
    /// Absolute URL, or empty.
    pub pictogram: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Picture {
    pub url: String,
    /// A smaller rendition when the API has one, else the picture itself.
    pub thumbnail: String,
    /// Alternative text: the legend, else the title, else empty (decorative).
    pub alt: String,
    pub legend: String,
    pub author: String,
    pub license: String,
}

pub struct Localizer<'a> {
    pub lang: &'a str,
    pub default: &'a str,
    pub fallback: TranslationFallback,
    pub dataset: &'a Dataset,
    /// The API root, against which relative media URLs are resolved.
    pub api: Option<&'a url::Url>,
    pub sanitizer: &'a html::Sanitizer,
    /// Simplification of shapes drawn on object maps, in degrees.
    pub map_tolerance: f64,
    /// Treks' profiles and thumbnails, drawn once for every language.
    pub drawings: &'a super::drawings::Drawings,
}

impl Localizer<'_> {
    /// The text in this language, or by the fallback rule in the default one.
    pub fn text(&self, text: &Text) -> Option<Local> {
        if let Some(t) = text.get(self.lang) {
            return Some(Local {
                text: t.to_string(),
                lang: None,
            });
        }
        match self.fallback {
            TranslationFallback::DefaultLanguage => text.get(self.default).map(|t| Local {
                text: t.to_string(),
                lang: Some(self.default.to_string()),
            }),
            TranslationFallback::Omit => None,
        }
    }

    /// A plain-text field: entities decoded, tags dropped; templates escape it.
    pub fn plain(&self, text: &Text) -> Option<Local> {
        self.text(text)
            .map(|l| Local {
                text: html::plain_text(&l.text),
                ..l
            })
            .filter(|l| !l.text.is_empty())
    }

    /// A rich field: sanitized HTML with relative media made absolute.
    pub fn rich(&self, text: &Text) -> Option<Local> {
        self.text(text)
            .and_then(|l| self.rich_str(&l.text).map(|text| Local { text, ..l }))
    }

    /// Untranslated HTML (contacts, booking) sanitized the same way.
    pub fn rich_str(&self, html: &str) -> Option<String> {
        let clean = self.sanitizer.clean(html);
        (!clean.is_empty()).then_some(clean)
    }

    pub fn named(&self, endpoint: &str, id: Id) -> Option<Named> {
        let value = self.dataset.nomenclature(endpoint, id)?;
        Some(Named {
            id: id.0,
            name: self.plain(&value.label)?,
            pictogram: self.media_url(&value.pictogram),
        })
    }

    pub fn one(&self, endpoint: &str, reference: &Ref) -> Option<Named> {
        reference.id.and_then(|id| self.named(endpoint, id))
    }

    pub fn all(&self, endpoint: &str, refs: &Refs) -> Vec<Named> {
        refs.ids
            .iter()
            .filter_map(|id| self.named(endpoint, *id))
            .collect()
    }

    /// Absolute media URL: Geotrek serves some (pictograms in nested objects, older exports)
    /// relative to its host. Only http(s) URLs are kept.
    pub fn media_url(&self, url: &str) -> String {
        html::absolute_url(url, self.api).unwrap_or_default()
    }

    /// What an object's map draws of its geometry.
    pub fn shape(&self, geometry: Option<&crate::model::geometry::Geometry>) -> crate::assets::map::Shape {
        geometry
            .map(|g| crate::assets::map::shape(g, self.map_tolerance))
            .unwrap_or_default()
    }

    /// Image attachments, in the API's order (starred first).
    pub fn pictures(&self, attachments: &[Attachment]) -> Vec<Picture> {
        attachments
            .iter()
            .filter(|a| a.is_picture())
            .filter_map(|a| {
                let url = self.media_url(&a.url);
                if url.is_empty() {
                    return None;
                }
                let thumbnail = Some(self.media_url(&a.thumbnail))
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| url.clone());
                let legend = html::plain_text(&a.legend);
                let title = html::plain_text(&a.title);
                Some(Picture {
                    url,
                    thumbnail,
                    alt: if legend.is_empty() { title } else { legend.clone() },
                    legend,
                    author: html::plain_text(&a.author),
                    license: html::plain_text(&a.license),
                })
            })
            .collect()
    }
}
