//! Field types that read Geotrek's messy JSON tolerantly: translated text that is a string or a
//! per-language map, per-language publication, ids that are integers or digit strings, city
//! references that are INSEE codes or ids, and `null` wherever a value may be.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// A translated field. Empty translations (`null` or `""`, both occur) are not stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Text {
    #[default]
    Empty,
    /// A plain string: the `language=xx` form, or an untranslated field. Valid in every language.
    Same(String),
    /// `(language, text)` in the instance's order.
    PerLanguage(Vec<(String, String)>),
}

impl Text {
    pub fn get(&self, lang: &str) -> Option<&str> {
        match self {
            Text::Empty => None,
            Text::Same(text) => Some(text),
            Text::PerLanguage(entries) => entries.iter().find(|(l, _)| l == lang).map(|(_, t)| t.as_str()),
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Text::Empty)
    }

    /// Languages that have a non-empty translation (none for [`Text::Same`]).
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        let entries = match self {
            Text::PerLanguage(entries) => entries.as_slice(),
            _ => &[],
        };
        entries.iter().map(|(l, _)| l.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, null, or a map of language to string")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text::Empty)
            }
            fn visit_none<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text::Empty)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Text, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text::Same(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text::Same(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text::Same(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(if v.trim().is_empty() {
                    Text::Empty
                } else {
                    Text::Same(v.to_string())
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut entries = Vec::new();
                while let Some((lang, value)) = map.next_entry::<String, Option<Scalar>>()? {
                    if let Some(Scalar(text)) = value {
                        if !text.trim().is_empty() {
                            entries.push((lang, text));
                        }
                    }
                }
                Ok(if entries.is_empty() {
                    Text::Empty
                } else {
                    Text::PerLanguage(entries)
                })
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// A string, or a number or boolean written as one (seen in hand-edited data).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl Visitor<'_> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

/// Publication: a bool (older instances, or `PUBLISHED_BY_LANG = False`) or a per-language map.
/// A missing or `null` value means published: lists only hold published objects.
#[derive(Debug, Clone, PartialEq)]
pub enum Published {
    Everywhere(bool),
    PerLanguage(Vec<(String, bool)>),
}

impl Default for Published {
    fn default() -> Self {
        Published::Everywhere(true)
    }
}

impl Published {
    pub fn in_language(&self, lang: &str) -> bool {
        match self {
            Published::Everywhere(published) => *published,
            Published::PerLanguage(entries) => entries.iter().any(|(l, p)| l == lang && *p),
        }
    }
}

impl<'de> Deserialize<'de> for Published {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape {
            Bool(bool),
            Map(std::collections::BTreeMap<String, Option<bool>>),
            Other(serde::de::IgnoredAny),
        }
        Ok(match Shape::deserialize(deserializer)? {
            Shape::Bool(b) => Published::Everywhere(b),
            Shape::Map(map) => {
                Published::PerLanguage(map.into_iter().map(|(l, p)| (l, p.unwrap_or(false))).collect())
            }
            Shape::Other(_) => Published::default(),
        })
    }
}

/// An object id: an integer, or a string of digits (hand-edited data and old mocks).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Id(pub u64);

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Reads one id-like JSON value; `Err` holds what was found instead, for the warning.
fn id_from_json(value: &serde_json::Value) -> Result<Option<Id>, String> {
    match value {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::Number(n) => match (n.as_u64(), n.as_f64()) {
            (Some(id), _) => Ok(Some(Id(id))),
            (None, Some(f)) if f >= 0.0 && f.fract() == 0.0 && f < u64::MAX as f64 => Ok(Some(Id(f as u64))),
            _ => Err(n.to_string()),
        },
        serde_json::Value::String(s) if s.is_empty() => Ok(None),
        serde_json::Value::String(s) => s
            .trim()
            .parse()
            .map(|id| Some(Id(id)))
            .map_err(|_| format!("{s:?}")),
        other => Err(other.to_string()),
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        match id_from_json(&value) {
            Ok(Some(id)) => Ok(id),
            Ok(None) => Err(de::Error::custom("missing id")),
            Err(found) => Err(de::Error::custom(format!("{found} is not an id"))),
        }
    }
}

/// A single optional reference: an id, or `null`. A value that is not an id is kept aside so
/// the decoder can warn about it instead of rejecting the whole object.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ref {
    pub id: Option<Id>,
    pub rejected: Option<String>,
}

impl<'de> Deserialize<'de> for Ref {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Ok(match id_from_json(&value) {
            Ok(id) => Ref { id, rejected: None },
            Err(found) => Ref {
                id: None,
                rejected: Some(found),
            },
        })
    }
}

/// A list of references (`themes`, `children`...). `null` is an empty list; elements that are
/// not ids (e.g. UUIDs in hand-edited data) are kept aside for a warning.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Refs {
    pub ids: Vec<Id>,
    pub rejected: Vec<String>,
}

impl<'de> Deserialize<'de> for Refs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RefsVisitor;
        impl<'de> Visitor<'de> for RefsVisitor {
            type Value = Refs;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of ids, one id, or null")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Refs, E> {
                Ok(Refs::default())
            }
            fn visit_none<E: de::Error>(self) -> Result<Refs, E> {
                Ok(Refs::default())
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Refs, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Refs, E> {
                Ok(Refs {
                    ids: vec![Id(v)],
                    rejected: vec![],
                })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Refs, E> {
                let mut refs = Refs::default();
                match id_from_json(&serde_json::Value::String(v.to_string())) {
                    Ok(Some(id)) => refs.ids.push(id),
                    Ok(None) => {}
                    Err(found) => refs.rejected.push(found),
                }
                Ok(refs)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Refs, A::Error> {
                let mut refs = Refs::default();
                while let Some(value) = seq.next_element::<serde_json::Value>()? {
                    match id_from_json(&value) {
                        Ok(Some(id)) => refs.ids.push(id),
                        Ok(None) => {}
                        Err(found) => refs.rejected.push(found),
                    }
                }
                Ok(refs)
            }
        }
        deserializer.deserialize_any(RefsVisitor)
    }
}

/// A city reference: an integer id since Geotrek 2.116, an INSEE code string before
/// (`"09231"`: leading zeros matter, and Corsica's codes hold letters).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CityRef {
    Id(u64),
    Code(String),
}

impl<'de> Deserialize<'de> for CityRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Id(u64),
            Code(String),
        }
        Ok(match Raw::deserialize(deserializer)? {
            Raw::Id(id) => CityRef::Id(id),
            Raw::Code(code) => CityRef::Code(code),
        })
    }
}

/// `null` or `""` read as the type's default: for lists, maps and flags an instance may null.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + serde::de::DeserializeOwned,
{
    let value = serde_json::Value::deserialize(deserializer)?;
    if value.is_null() || value.as_str().is_some_and(|s| s.trim().is_empty()) {
        return Ok(T::default());
    }
    T::deserialize(value).map_err(de::Error::custom)
}

/// A plain string field that may be `null`, a number, or missing.
pub fn string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<Scalar>::deserialize(deserializer)?
        .map(|s| s.0)
        .unwrap_or_default())
}

/// A number that may be `null` (also what a bare `NaN` becomes), or a numeric string.
pub fn number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Number(f64),
        Text(String),
        Other(serde::de::IgnoredAny),
    }
    Ok(match Option::<Raw>::deserialize(deserializer)? {
        Some(Raw::Number(n)) if n.is_finite() => Some(n),
        Some(Raw::Text(s)) => s.trim().parse().ok().filter(|n: &f64| n.is_finite()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_reads_every_shape() {
        let text: Text = serde_json::from_str(r#"{"fr": "Boucle", "en": "", "it": null}"#).unwrap();
        assert_eq!(text.get("fr"), Some("Boucle"));
        assert_eq!(text.get("en"), None);
        assert_eq!(text.languages().collect::<Vec<_>>(), ["fr"]);
        let same: Text = serde_json::from_str(r#""Boucle""#).unwrap();
        assert_eq!(same.get("it"), Some("Boucle"));
        assert!(serde_json::from_str::<Text>("null").unwrap().is_empty());
        assert!(serde_json::from_str::<Text>(r#"{"fr": null}"#)
            .unwrap()
            .is_empty());
    }

    #[test]
    fn published_is_a_bool_or_per_language() {
        let per: Published = serde_json::from_str(r#"{"fr": true, "en": false}"#).unwrap();
        assert!(per.in_language("fr"));
        assert!(!per.in_language("en"));
        assert!(!per.in_language("it"));
        let all: Published = serde_json::from_str("true").unwrap();
        assert!(all.in_language("it"));
        let null: Published = serde_json::from_str("null").unwrap();
        assert!(null.in_language("fr"));
    }

    #[test]
    fn ids_accept_digit_strings_and_refs_keep_what_is_not_an_id() {
        assert_eq!(serde_json::from_str::<Id>(r#""257""#).unwrap(), Id(257));
        let refs: Refs = serde_json::from_str(r#"[1, "2", "c9567576-2934", null]"#).unwrap();
        assert_eq!(refs.ids, [Id(1), Id(2)]);
        assert_eq!(refs.rejected, ["\"c9567576-2934\""]);
        assert_eq!(serde_json::from_str::<Refs>("null").unwrap(), Refs::default());
    }

    #[test]
    fn city_references_are_codes_or_ids() {
        let refs: Vec<CityRef> = serde_json::from_str(r#"["09231", 12]"#).unwrap();
        assert_eq!(refs, [CityRef::Code("09231".into()), CityRef::Id(12)]);
    }
}
