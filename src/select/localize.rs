//! Text, references and media of one language: the fallback rule, sanitizing, resolving ids
//! into named values, and making media URLs absolute.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use serde::{Serialize, Serializer};

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

/// A rich field (the API's HTML) of one language, sanitized when a page first needs it. A
/// rebuild fingerprints the pages it may reuse from the API's text (see
/// [`fingerprint::hashing`](crate::fingerprint::hashing)), so only the pages rendered again
/// pay for sanitizing: it was a tenth of a one-trek rebuild.
///
/// Serialized as a [`Local`] with the sanitized text, or as nothing when no visible text is
/// left, as if the field were absent.
#[derive(Clone)]
pub struct Rich {
    html: Box<str>,
    lang: Option<String>,
    sanitizer: Arc<html::Sanitizer>,
    /// The sanitized HTML, kept once made for a text that several pages show (a POI's, a
    /// desk's). A text only its own page shows is sanitized when that page is rendered and not
    /// kept: a full build held them all until its end, a twentieth of its peak memory.
    kept: Option<OnceLock<String>>,
}

impl Rich {
    /// The sanitized HTML; empty when nothing visible is left.
    pub fn text(&self) -> Cow<'_, str> {
        match &self.kept {
            Some(kept) => Cow::Borrowed(kept.get_or_init(|| self.sanitizer.clean(&self.html))),
            None => Cow::Owned(self.sanitizer.clean(&self.html)),
        }
    }

    /// The language of the text, when it is not the page's (see [`Local`]).
    pub fn lang(&self) -> Option<&str> {
        self.lang.as_deref()
    }
}

impl Serialize for Rich {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if crate::fingerprint::hashing() {
            return (&self.html, &self.lang).serialize(serializer);
        }
        let text = self.text();
        if text.is_empty() {
            return serializer.serialize_none();
        }
        LocalRef {
            text: &text,
            lang: &self.lang,
        }
        .serialize(serializer)
    }
}

impl std::fmt::Debug for Rich {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rich")
            .field("html", &self.html)
            .field("lang", &self.lang)
            .finish()
    }
}

/// A [`Local`]'s serialization, borrowed.
#[derive(Serialize)]
#[serde(rename = "Local")]
struct LocalRef<'a> {
    text: &'a str,
    lang: &'a Option<String>,
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
    pub sanitizer: &'a Arc<html::Sanitizer>,
    /// Simplification of shapes drawn on object maps, in degrees.
    pub map_tolerance: f64,
    /// Treks' profiles and thumbnails, drawn once for every language.
    pub drawings: &'a super::drawings::Drawings,
    /// Objects' pictures, made once for every language.
    pub pictures: &'a SharedPictures,
}

/// An object's first picture, for its cards: shared with its page's gallery, where a copy in
/// every card took a fiftieth of a large build's memory. Serialized as an `Option<Picture>`.
#[derive(Debug, Clone, Default)]
pub struct FirstPicture(Option<Arc<[Picture]>>);

impl FirstPicture {
    pub fn of(pictures: Arc<[Picture]>) -> FirstPicture {
        FirstPicture((!pictures.is_empty()).then_some(pictures))
    }

    pub fn get(&self) -> Option<&Picture> {
        self.0.as_ref().and_then(|pictures| pictures.first())
    }
}

impl Serialize for FirstPicture {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.get().serialize(serializer)
    }
}

/// Every object's pictures, made when a language first needs them and shared by the others:
/// attachments are not translated, and copies for each language were a tenth of a large
/// build's memory (URLs, legends, authors).
#[derive(Default)]
pub struct SharedPictures {
    made: std::sync::Mutex<PicturesByObject>,
    none: Arc<[Picture]>,
}

/// `(kind, id)` → pictures.
type PicturesByObject = std::collections::HashMap<(&'static str, Id), Arc<[Picture]>>;

impl Localizer<'_> {
    /// The text in this language, or by the fallback rule in the default one.
    pub fn text(&self, text: &Text) -> Option<Local> {
        self.pick(text).map(|(text, lang)| Local {
            text: text.to_string(),
            lang,
        })
    }

    /// The fallback rule: the text to show, and its language when it is not the page's.
    fn pick<'t>(&self, text: &'t Text) -> Option<(&'t str, Option<String>)> {
        if let Some(t) = text.get(self.lang) {
            return Some((t, None));
        }
        match self.fallback {
            TranslationFallback::DefaultLanguage => text
                .get(self.default)
                .map(|t| (t, Some(self.default.to_string()))),
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

    /// A rich field: sanitized HTML with relative media made absolute, when a page needs it.
    pub fn rich(&self, text: &Text) -> Option<Rich> {
        self.rich_kept(text, false)
    }

    /// A rich field that several pages show: sanitized once.
    pub fn rich_shared(&self, text: &Text) -> Option<Rich> {
        self.rich_kept(text, true)
    }

    fn rich_kept(&self, text: &Text, keep: bool) -> Option<Rich> {
        let (html, lang) = self.pick(text)?;
        Some(Rich {
            html: html.into(),
            lang,
            sanitizer: Arc::clone(self.sanitizer),
            kept: keep.then(OnceLock::new),
        })
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

    /// The image attachments of an object (`kind` as in its URL, `poi` for a POI), in the API's
    /// order (starred first).
    pub fn pictures(&self, kind: &'static str, id: Id, attachments: &[Attachment]) -> Arc<[Picture]> {
        let shared = self.pictures;
        if !attachments.iter().any(Attachment::is_picture) {
            return Arc::clone(&shared.none);
        }
        let made = || {
            shared
                .made
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some(pictures) = made().get(&(kind, id)) {
            return Arc::clone(pictures);
        }
        // Made outside the lock: the other language waits for nothing but the map.
        let pictures: Arc<[Picture]> = self.make_pictures(attachments).into();
        Arc::clone(made().entry((kind, id)).or_insert(pictures))
    }

    fn make_pictures(&self, attachments: &[Attachment]) -> Vec<Picture> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::Fingerprint;

    fn rich(html: &str, lang: Option<&str>) -> Rich {
        Rich {
            html: html.into(),
            lang: lang.map(str::to_string),
            sanitizer: Arc::new(html::Sanitizer::new(None)),
            kept: Some(OnceLock::new()),
        }
    }

    #[test]
    fn rich_text_reaches_pages_sanitized_and_empty_text_as_absent() {
        let page_value = serde_json::to_value(rich(
            r#"<p onclick="x()">Hi<script>bad()</script></p>"#,
            Some("fr"),
        ));
        let expected = Local {
            text: "<p>Hi</p>".to_string(),
            lang: Some("fr".to_string()),
        };
        assert_eq!(page_value.unwrap(), serde_json::to_value(expected).unwrap());
        let empty = serde_json::to_value(Some(rich("<p> </p><script>x</script>", None))).unwrap();
        assert_eq!(empty, serde_json::Value::Null);
    }

    #[test]
    fn pictures_are_made_once_for_every_language() {
        let dataset = Dataset::default();
        let drawings = super::super::drawings::Drawings::default();
        let shared = SharedPictures::default();
        let sanitizer = Arc::new(html::Sanitizer::new(None));
        let localizer = |lang| Localizer {
            lang,
            default: "fr",
            fallback: TranslationFallback::DefaultLanguage,
            dataset: &dataset,
            api: None,
            sanitizer: &sanitizer,
            map_tolerance: 0.0,
            drawings: &drawings,
            pictures: &shared,
        };
        let attachment = |url: &str| Attachment {
            kind: "image".into(),
            url: url.into(),
            legend: "Le lac".into(),
            ..Attachment::default()
        };
        let lake = [attachment("https://example.org/lake.jpg")];
        let french = localizer("fr").pictures("trek", Id(1), &lake);
        let english = localizer("en").pictures("trek", Id(1), &lake);
        assert!(Arc::ptr_eq(&french, &english));
        assert_eq!(french[0].alt, "Le lac");
        assert_eq!(french[0].thumbnail, "https://example.org/lake.jpg");
        let other = localizer("en").pictures("poi", Id(1), &[attachment("https://example.org/hut.jpg")]);
        assert_eq!(
            other[0].url, "https://example.org/hut.jpg",
            "keyed by kind and id"
        );
        assert!(localizer("fr").pictures("trek", Id(2), &[]).is_empty());
    }

    #[test]
    fn fingerprinting_rich_text_does_not_sanitize_it() {
        let text = rich("<p>Hi</p>", None);
        let digest = Fingerprint::new().value(&text).finish();
        assert!(
            text.kept.as_ref().unwrap().get().is_none(),
            "sanitized to be fingerprinted"
        );
        assert_ne!(
            digest,
            Fingerprint::new().value(&rich("<p>Ho</p>", None)).finish()
        );
        assert_ne!(
            digest,
            Fingerprint::new().value(&rich("<p>Hi</p>", Some("fr"))).finish()
        );
        assert_eq!(
            digest,
            Fingerprint::new().value(&rich("<p>Hi</p>", None)).finish()
        );
        assert_eq!(text.text(), "<p>Hi</p>");
    }
}
