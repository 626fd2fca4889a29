//! Every UI string a theme's templates and scripts use exists in each of its translations (the
//! default theme's, which every theme extends, and the theme's own), and there are at least
//! French, English, Italian, Spanish, German and Dutch.

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

/// A theme's `translations/LANG.toml` over the default theme's, as `Theme::load` layers them.
fn translation(theme: &Path, lang: &str) -> toml::Table {
    let mut table = toml::Table::new();
    for dir in [theme.with_file_name("default"), theme.to_path_buf()] {
        let path = dir.join(format!("translations/{lang}.toml"));
        if let Ok(text) = std::fs::read_to_string(&path) {
            let own: toml::Table = toml::from_str(&text).unwrap();
            table.extend(own);
        }
    }
    table
}

#[test]
fn every_translation_has_every_string_the_templates_use_in_every_theme() {
    let themes = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
    let english = translation(&themes.join("default"), "en");
    for name in ["default", "carnet"] {
        assert!(themes.join(name).join("templates").is_dir(), "{name}");
    }
    for entry in std::fs::read_dir(&themes).unwrap() {
        let theme = entry.unwrap().path();
        if !theme.join("templates").is_dir() {
            continue;
        }
        let mut used = keys_used(&theme.join("templates"));
        assert!(used.len() > 80, "{}: {}", theme.display(), used.len());
        // A theme without scripts of its own runs the default theme's.
        let statics = if theme.join("static/search.js").is_file() {
            theme.join("static")
        } else {
            themes.join("default/static")
        };
        let scripts = keys_used_by_scripts(&statics);
        assert!(scripts.contains("search_no_results") && scripts.contains("filter_labels_exclude"));
        used.extend(scripts);
        for lang in ["fr", "en", "it", "es", "de", "nl"] {
            let table = translation(&theme, lang);
            let missing: Vec<&String> = used.iter().filter(|k| !table.contains_key(*k)).collect();
            assert!(
                missing.is_empty(),
                "{}: {lang}.toml lacks {missing:?}",
                theme.display()
            );
            for (key, value) in &table {
                for placeholder in ["{n}", "{count}"] {
                    if english
                        .get(key)
                        .and_then(|v| v.as_str())
                        .is_some_and(|v| v.contains(placeholder))
                    {
                        assert!(
                            value.as_str().unwrap().contains(placeholder),
                            "{}: {lang}.toml {key} lacks {placeholder}",
                            theme.display()
                        );
                    }
                }
            }
        }
    }
}
