//! `docs/themes.md` documents everything a theme may use, and this test keeps it true:
//! - the variables each template receives, as the renderer gives them: the fixture instance is
//!   built with every page template replaced by a probe that prints Tera's whole context, and
//!   every variable and field seen (two levels: `trek`, `trek.name`) must be documented under
//!   its template or under "Every page", and every documented one seen;
//! - the translation keys: exactly the default theme's `translations/en.toml`;
//! - the blocks of each theme under `themes/`: exactly those its templates define;
//! - the `[extra]` keys: every `site.extra.KEY` a theme's template reads, and the branding keys
//!   sentier itself reads (`branding::KEYS`), and no other.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;
use support::mock_api::MockApi;
use support::{config, fixture_data, repo, Site};

/// Values whose fields are not the renderer's but the user's (front matter and `[extra]`) or
/// listed elsewhere (`t`, the UI strings).
const OPEN_MAPS: &[&str] = &["t", "site.extra", "intro.extra", "content_page.extra"];

/// `docs/themes.md`: section heading → names in the first column of its tables.
fn documented() -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(repo().join("docs/themes.md")).unwrap();
    let mut sections: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current = String::new();
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("### ").or_else(|| line.strip_prefix("## ")) {
            current = heading.trim().to_string();
            sections.entry(current.clone()).or_default();
        } else if let Some(cell) = line.strip_prefix("| `") {
            let name = cell.split('`').next().unwrap().to_string();
            sections.entry(current.clone()).or_default().insert(name);
        }
    }
    sections
}

fn section<'a>(docs: &'a BTreeMap<String, BTreeSet<String>>, heading: &str) -> &'a BTreeSet<String> {
    docs.get(heading)
        .unwrap_or_else(|| panic!("docs/themes.md has no section `{heading}`"))
}

/// Variables and their fields, two levels down, seen in a rendered context.
fn paths(context: &Value) -> BTreeSet<String> {
    let mut paths = BTreeSet::new();
    for (name, value) in context.as_object().unwrap() {
        paths.insert(name.clone());
        if OPEN_MAPS.contains(&name.as_str()) {
            continue;
        }
        if let Some(fields) = value.as_object() {
            for field in fields.keys() {
                paths.insert(format!("{name}.{field}"));
            }
        }
    }
    paths.retain(|p| !OPEN_MAPS.iter().any(|open| p.starts_with(&format!("{open}."))));
    paths
}

fn page_templates() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo().join("themes/default/templates"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "base.html" && name != "macros.html")
        .collect();
    names.sort();
    names
}

#[test]
fn the_documented_variables_are_those_each_template_receives() {
    let mut data = fixture_data();
    // The captured fixtures hold no flat page (tests/fixtures/README); these follow the
    // serializer's fields, a page with a sub-page, so that information.html is rendered.
    data.lists.insert(
        "flatpage".into(),
        serde_json::from_str(
            r#"[{"id": 1, "title": {"fr": "Réglementation", "en": "Rules"}, "content": {"fr": "<p>Texte</p>", "en": "<p>Text</p>"},
                 "source": [], "portals": [], "published": {"fr": true, "en": true}, "attachments": [], "children": [2], "parent": null},
                {"id": 2, "title": {"fr": "Sous-page", "en": "Sub-page"}, "content": {"fr": "<p>Détail</p>", "en": "<p>Detail</p>"},
                 "source": [], "portals": [], "published": {"fr": true, "en": true}, "attachments": [], "children": [], "parent": 1}]"#,
        )
        .unwrap(),
    );
    let api = MockApi::start(data);
    let site = Site::new(&config(&api.url(), &["fr", "en"], ""));
    site.write("content/_index.md", "+++\ntitle = \"Accueil\"\n+++\nBonjour.\n");
    site.write("content/about.md", "+++\ntitle = \"À propos\"\n+++\nUn texte.\n");
    for template in page_templates() {
        site.write(
            &format!("templates/{template}"),
            &format!("{{\"template\": \"{template}\", \"context\": {{{{ __tera_context | safe }}}}}}"),
        );
    }
    site.sentier(&["build"]).assert_success();

    let mut seen: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files_under(&site.path().join("public")) {
        if file.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let probe: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        seen.entry(probe["template"].as_str().unwrap().to_string())
            .or_default()
            .extend(paths(&probe["context"]));
    }
    assert_eq!(
        seen.keys().cloned().collect::<Vec<_>>(),
        page_templates(),
        "every page template is rendered by the fixture instance"
    );

    let docs = documented();
    let common = section(&docs, "Every page");
    let everywhere: BTreeSet<String> = seen
        .values()
        .skip(1)
        .fold(seen.values().next().unwrap().clone(), |all, s| {
            all.intersection(s).cloned().collect()
        });
    let mut problems = Vec::new();
    for name in common.difference(&everywhere) {
        problems.push(format!(
            "`{name}` is documented for every page, but some template does not receive it"
        ));
    }
    for (template, paths) in &seen {
        let own = section(&docs, &format!("`{template}`"));
        for path in paths.difference(common) {
            if !own.contains(path) {
                problems.push(format!("`{path}`, which {template} receives, is not documented"));
            }
        }
        for path in own.difference(paths) {
            problems.push(format!(
                "`{path}` is documented for {template}, which does not receive it"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "docs/themes.md is out of date:\n{}",
        problems.join("\n")
    );
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn the_documented_translation_keys_are_the_default_themes() {
    let en: toml::Table =
        toml::from_str(&std::fs::read_to_string(repo().join("themes/default/translations/en.toml")).unwrap())
            .unwrap();
    let keys: BTreeSet<String> = en.keys().cloned().collect();
    let docs = documented();
    let documented = section(&docs, "Translation keys");
    assert_eq!(
        documented.difference(&keys).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "documented keys the theme does not have"
    );
    assert_eq!(
        keys.difference(documented).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "keys of themes/default/translations/en.toml missing from docs/themes.md"
    );
}

fn themes() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo().join("themes"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().join("templates").is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `template: block` for every `{% block NAME %}` of a theme.
fn blocks(theme: &str) -> BTreeSet<String> {
    let mut blocks = BTreeSet::new();
    for file in files_under(&repo().join("themes").join(theme).join("templates")) {
        let text = std::fs::read_to_string(&file).unwrap();
        let template = file.file_name().unwrap().to_string_lossy().into_owned();
        for (i, _) in text.match_indices("block ") {
            let before = text[..i].trim_end_matches([' ', '-']);
            if !before.ends_with("{%") {
                continue;
            }
            let name: String = text[i + 6..]
                .trim_start()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            blocks.insert(format!("{template}: {name}"));
        }
    }
    blocks
}

#[test]
fn the_documented_blocks_are_those_of_each_theme() {
    let docs = documented();
    for theme in themes() {
        let actual = blocks(&theme);
        let documented = section(&docs, &format!("Blocks of `{theme}`"));
        assert_eq!(
            documented, &actual,
            "docs/themes.md's blocks of `{theme}` (as `template: block`) differ from its templates"
        );
    }
}

#[test]
fn every_extra_key_a_theme_reads_is_documented() {
    let docs = documented();
    let documented = section(&docs, "Settings under `[extra]`");
    let mut read = BTreeSet::new();
    for theme in themes() {
        for file in files_under(&repo().join("themes").join(&theme).join("templates")) {
            let text = std::fs::read_to_string(&file).unwrap();
            for (i, _) in text.match_indices("site.extra.") {
                let key: String = text[i + 11..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                read.insert(format!("extra.{key}"));
            }
        }
    }
    let missing: Vec<_> = read.iter().filter(|k| !documented.contains(*k)).collect();
    assert!(
        missing.is_empty(),
        "[extra] keys read by a theme but not documented: {missing:?}"
    );
    for key in sentier::branding::KEYS {
        assert!(
            documented
                .iter()
                .any(|d| d == &format!("extra.{key}") || d.starts_with(&format!("extra.{key}."))),
            "the branding key extra.{key} is not documented"
        );
    }
    for entry in documented {
        let top = entry.trim_start_matches("extra.").split('.').next().unwrap();
        assert!(
            sentier::branding::KEYS.contains(&top) || read.contains(entry),
            "{entry} is documented, but neither sentier nor a theme reads it"
        );
    }
}
