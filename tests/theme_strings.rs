//! Every UI string the default theme's templates use exists in each of its translations, and
//! the theme ships at least French, English, Italian, Spanish, German and Dutch.

use std::collections::BTreeSet;
use std::path::Path;

fn keys_used(templates: &Path) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for entry in std::fs::read_dir(templates).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let bytes = text.as_bytes();
        for (i, _) in text.match_indices("t.") {
            let before = i.checked_sub(1).map(|j| bytes[j]);
            if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
                continue;
            }
            let key: String = text[i + 2..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !key.is_empty() {
                keys.insert(key);
            }
        }
    }
    // Keys the code asks for (list titles, page numbers, the 404 title).
    for key in [
        "page_n",
        "not_found_title",
        "list_trek",
        "list_service",
        "list_event",
        "list_outdoor_site",
        "list_outdoor_course",
        "list_information",
        "language_name",
    ] {
        keys.insert(key.to_string());
    }
    keys
}

/// Keys `search.js` asks for: literal `t("key")` calls, and one `filter_` title per facet.
fn keys_used_by_scripts(statics: &Path) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for entry in std::fs::read_dir(statics).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "js") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        for (i, _) in text.match_indices("t(\"") {
            let before = i.checked_sub(1).map(|j| text.as_bytes()[j]);
            if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
                continue;
            }
            let key: String = text[i + 3..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if text[i + 3 + key.len()..].starts_with('"') && !key.ends_with('_') {
                keys.insert(key);
            }
        }
    }
    for facet in sentier::assets::search::FACET_ORDER {
        let mut key = String::from("filter_");
        for c in facet.chars() {
            if c.is_ascii_uppercase() {
                key.push('_');
            }
            key.push(c.to_ascii_lowercase());
        }
        keys.insert(key);
    }
    keys.insert("filter_dates".into());
    keys
}

#[test]
fn every_translation_has_every_string_the_templates_use() {
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let mut used = keys_used(&theme.join("templates"));
    assert!(used.len() > 80, "{}", used.len());
    let scripts = keys_used_by_scripts(&theme.join("static"));
    assert!(scripts.contains("search_no_results") && scripts.contains("filter_labels_exclude"));
    used.extend(scripts);
    for lang in ["fr", "en", "it", "es", "de", "nl"] {
        let path = theme.join(format!("translations/{lang}.toml"));
        let table: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let missing: Vec<&String> = used.iter().filter(|k| !table.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang}.toml lacks {missing:?}");
        for (key, value) in &table {
            let english: toml::Table =
                toml::from_str(&std::fs::read_to_string(theme.join("translations/en.toml")).unwrap())
                    .unwrap();
            for placeholder in ["{n}", "{count}"] {
                if english
                    .get(key)
                    .and_then(|v| v.as_str())
                    .is_some_and(|v| v.contains(placeholder))
                {
                    assert!(
                        value.as_str().unwrap().contains(placeholder),
                        "{lang}.toml {key} lacks {placeholder}"
                    );
                }
            }
        }
    }
}
