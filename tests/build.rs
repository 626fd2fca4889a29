//! `sentier build` from the mock API and from snapshots: which pages it writes in which
//! language, and that a failed build never touches the previous site.

mod support;

use std::collections::BTreeSet;

use sentier::select::slug_of;
use serde_json::{json, Value};
use support::mock_api::MockApi;
use support::{closed_port, config, fixture_data, snapshot_config, Site};

/// A site holding a snapshot of the fixture instance pulled from the mock, which is gone by the
/// time the caller builds: any network access would fail.
fn site_with_snapshot(languages: &[&str], top: &str) -> Site {
    let api = MockApi::start(fixture_data());
    let site = Site::new(&config(&api.url(), languages, ""));
    site.sentier(&["pull", "--snapshot", "snap"]).assert_success();
    drop(api);
    site.write("config.toml", &snapshot_config("snap", languages, top));
    site
}

fn published_in(trek: &Value, lang: &str) -> bool {
    match &trek["published"] {
        Value::Object(per) => per.get(lang) == Some(&json!(true)),
        Value::Bool(b) => *b,
        _ => true,
    }
}

fn name_in(trek: &Value, lang: &str) -> Option<String> {
    trek["name"][lang]
        .as_str()
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// The pages a language must have: treks published in it, then the steps of those itineraries.
fn expected_pages(
    lang: &str,
    root: &str,
    fallback: Option<&str>,
    keep: impl Fn(&Value) -> bool,
) -> BTreeSet<String> {
    let data = fixture_data();
    let treks = &data.lists["trek"];
    let mut shown: Vec<&Value> = treks
        .iter()
        .filter(|t| published_in(t, lang) && keep(t))
        .collect();
    let mut i = 0;
    while i < shown.len() {
        for child in shown[i]["children"].as_array().cloned().unwrap_or_default() {
            if let Some(step) = treks.iter().find(|t| t["id"] == child) {
                if !shown.iter().any(|s| s["id"] == step["id"]) {
                    shown.push(step);
                }
            }
        }
        i += 1;
    }
    shown
        .into_iter()
        .filter_map(|t| {
            let name = name_in(t, lang).or_else(|| fallback.and_then(|f| name_in(t, f)))?;
            let name = html_escape::decode_html_entities(&name).into_owned();
            Some(format!(
                "{root}trek/{}-{}/index.html",
                t["id"],
                slug_of(&name, "trek")
            ))
        })
        .collect()
}

fn built_pages(site: &Site, dir: &str) -> BTreeSet<String> {
    let mut pages = BTreeSet::new();
    let base = site.path().join(dir);
    let mut stack = vec![base.clone()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                // Trek pages only: `trek/<id>-<slug>/index.html`, not the lists beside them.
                let relative = path.strip_prefix(&base).unwrap().to_string_lossy().into_owned();
                let segments: Vec<&str> = relative.split('/').collect();
                let object = segments.len() >= 3
                    && segments[segments.len() - 3] == "trek"
                    && relative.ends_with("/index.html");
                if object
                    && segments[segments.len() - 2]
                        .split('-')
                        .next()
                        .unwrap()
                        .parse::<u64>()
                        .is_ok()
                {
                    pages.insert(relative);
                }
            }
        }
    }
    pages
}

#[test]
fn each_language_gets_the_treks_published_in_it_and_the_steps_of_its_itineraries() {
    let site = site_with_snapshot(&["fr", "en"], "");
    let closed = format!("http://127.0.0.1:{}/api/v2/", closed_port());
    site.write("config.toml", &config(&closed, &["fr", "en"], ""));
    let run = site.sentier(&["build", "--snapshot", "snap"]);
    run.assert_success();

    let pages = built_pages(&site, "public");
    let mut expected = expected_pages("fr", "", None, |_| true);
    expected.extend(expected_pages("en", "en/", Some("fr"), |_| true));
    assert_eq!(pages, expected);
    assert_eq!(pages.iter().filter(|p| p.starts_with("trek/")).count(), 46);
    // Known by hand: the itinerary, its step 10439 (unpublished in English, shown through its
    // parent), and a trek published in English without an English name.
    for page in [
        "en/trek/2-loop-of-the-pic-of-3-lords/index.html",
        "en/trek/10439-bar/index.html",
        "en/trek/2849-decouverte-de-la-cascade-d-ars/index.html",
        "trek/903512-le-lac-de-combeynot/index.html",
    ] {
        assert!(pages.contains(page), "{page}");
    }
    assert!(
        !pages.iter().any(|p| p.starts_with("en/trek/10443-")),
        "10443 is published in French only"
    );
    assert!(!site.exists("public/it"), "Italian is not a site language");
}

#[test]
fn pages_are_localized_and_mark_fallback_text_with_its_language() {
    let site = site_with_snapshot(&["fr", "en"], "");
    site.sentier(&["build"]).assert_success();
    let home_en = site.read("public/en/index.html");
    assert!(home_en.contains("<html lang=\"en\">"), "{home_en}");
    assert!(home_en.contains("Loop of the pic of 3 lords"));
    let page = site.read("public/en/trek/2849-decouverte-de-la-cascade-d-ars/index.html");
    assert!(
        page.contains("<h1><span lang=\"fr\">Découverte de la Cascade d&#x27;Ars</span></h1>"),
        "{page}"
    );
    let page = site.read("public/trek/2-boucle-du-pic-des-trois-seigneurs/index.html");
    assert!(page.contains("<html lang=\"fr\">"));
    assert!(page.contains(r#"<link rel="alternate" hreflang="en" href="https://rando.example.org/en/trek/2-loop-of-the-pic-of-3-lords/">"#), "{page}");
    assert!(
        page.contains(r#"<a href="/en/trek/2-loop-of-the-pic-of-3-lords/" hreflang="en" lang="en">EN</a>"#),
        "{page}"
    );
    // HTML from the API arrives sanitized: entities decoded, links made safe.
    assert!(page.contains("Un très joli point de vue"), "{page}");
    assert!(
        !page.contains("target=\"_blank\""),
        "links from the API open in place"
    );
}

#[test]
fn the_omit_rule_leaves_untranslated_objects_out() {
    let site = site_with_snapshot(&["fr", "en"], "translation_fallback = \"omit\"");
    site.sentier(&["build"]).assert_success();
    let pages = built_pages(&site, "public");
    let expected_en = expected_pages("en", "en/", None, |_| true);
    assert_eq!(
        pages
            .iter()
            .filter(|p| p.starts_with("en/"))
            .cloned()
            .collect::<BTreeSet<_>>(),
        expected_en
    );
    assert!(!pages.iter().any(|p| p.starts_with("en/trek/2849-")));
}

#[test]
fn config_filters_are_applied_again_locally() {
    let site = site_with_snapshot(&["fr"], "");
    let bbox = [6.2, 44.7, 6.5, 45.0];
    let text = snapshot_config("snap", &["fr"], "").replace(
        "snapshot = \"snap\"",
        &format!(
            "snapshot = \"snap\"\npractices = [4]\nbbox = [{}, {}, {}, {}]",
            bbox[0], bbox[1], bbox[2], bbox[3]
        ),
    );
    site.write("config.toml", &text);
    site.sentier(&["build"]).assert_success();
    let in_bbox = |t: &Value| {
        t["geometry"]["coordinates"].as_array().is_some_and(|cs| {
            cs.iter().any(|c| {
                let (x, y) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
                x >= bbox[0] && x <= bbox[2] && y >= bbox[1] && y <= bbox[3]
            })
        })
    };
    let expected = expected_pages("fr", "", None, |t| t["practice"] == json!(4) && in_bbox(t));
    let built = built_pages(&site, "public");
    assert!(
        !expected.is_empty() && expected.len() < 40,
        "the filter keeps some treks: {}",
        expected.len()
    );
    assert_eq!(built, expected);
}

#[test]
fn build_from_the_api_writes_only_the_output_directory() {
    let api = MockApi::start(fixture_data());
    let site = Site::new(&config(&api.url(), &["fr", "en"], ""));
    site.sentier(&["build", "--base-url", "https://other.example.org/"])
        .assert_success();
    // No snapshot, no staging left behind: the site, and what was computed from the routes
    // kept for the next build.
    assert_eq!(
        site.entries(),
        BTreeSet::from([
            ".sentier-cache".to_string(),
            "config.toml".into(),
            "public".into(),
            "themes".into()
        ])
    );
    let cached: BTreeSet<_> = std::fs::read_dir(site.path().join(".sentier-cache"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        cached,
        BTreeSet::from([
            "drawings.msgpack".to_string(),
            "known-routes.msgpack".into(),
            "proximity.msgpack".into()
        ])
    );
    let page = site.read("public/trek/903512-le-lac-de-combeynot/index.html");
    assert!(
        page.contains(
            r#"<link rel="canonical" href="https://other.example.org/trek/903512-le-lac-de-combeynot/">"#
        ),
        "{page}"
    );
    assert!(site.exists("public/style.css"));
}

#[test]
fn a_broken_template_fails_naming_it_and_leaves_the_previous_site_untouched() {
    let site = site_with_snapshot(&["fr"], "");
    site.sentier(&["build"]).assert_success();
    let before = site.read("public/index.html");
    let entries = site.entries();

    site.write("templates/trek.html", "{% extends \"base.html\" %}{% block content %}{{ trek.name.text | no_such_filter }}{% endblock content %}");
    let run = site.sentier(&["build"]);
    run.assert_failure();
    assert!(run.error().contains("template trek.html"), "{}", run.stderr);
    assert_eq!(site.read("public/index.html"), before);
    assert_eq!(
        site.entries(),
        BTreeSet::from_iter(entries.iter().cloned().chain(["templates".to_string()]))
    );

    site.write(
        "templates/trek.html",
        "{% extends \"base.html\" %}{% block content %}{{ trek.no_such_field.text }}{% endblock content %}",
    );
    let run = site.sentier(&["build"]);
    run.assert_failure();
    assert!(
        run.error().contains("template trek.html") && run.error().contains("no_such_field"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("public/index.html"), before);

    site.write(
        "templates/trek.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n{% endblock content %}",
    );
    let run = site.sentier(&["build"]);
    run.assert_failure();
    assert!(
        run.error().contains("trek.html") && run.error().contains("3:"),
        "names the line: {}",
        run.stderr
    );
    assert_eq!(site.read("public/index.html"), before);
}

#[test]
fn a_site_template_overrides_the_themes() {
    let site = site_with_snapshot(&["fr"], "");
    site.write("templates/index.html", "{% extends \"base.html\" %}{% block content %}<p id=\"mine\">{{ site.practices | length }}</p>{% endblock content %}");
    site.sentier(&["build"]).assert_success();
    let practices: BTreeSet<String> = fixture_data().lists["trek"]
        .iter()
        .filter(|t| published_in(t, "fr") && t["practice"].is_u64())
        .map(|t| t["practice"].to_string())
        .collect();
    let home = site.read("public/index.html");
    assert!(
        home.contains(&format!("<p id=\"mine\">{}</p>", practices.len())),
        "{home}"
    );
    assert!(
        home.contains("<a class=\"skip-link\""),
        "the theme's base.html is still used: {home}"
    );
}

#[test]
fn bad_config_fails_naming_the_file_and_key_and_writes_nothing() {
    let site = site_with_snapshot(&["fr"], "");
    let entries = site.entries();
    for (text, wanted) in [
        (
            snapshot_config("snap", &["fr"], "colour = \"red\""),
            "config.toml: line 5: unknown field `colour`",
        ),
        (
            snapshot_config("snap", &["fr"], "theme = \"nope\""),
            "theme \"nope\" not found",
        ),
        (
            snapshot_config("missing", &["fr"], ""),
            "missing is not a sentier snapshot",
        ),
        (
            snapshot_config("snap", &["fr"], "").replace("[source]", "[source]\nconcurrency = \"four\""),
            "config.toml: line 7: invalid type",
        ),
    ] {
        site.write("config.toml", &text);
        let run = site.sentier(&["build"]);
        run.assert_failure();
        assert!(run.error().contains(wanted), "{wanted}\n{}", run.stderr);
        assert_eq!(site.entries(), entries);
    }
    let run = site.sentier(&["build", "--config", "elsewhere.toml"]);
    run.assert_failure();
    assert!(
        run.error().contains("cannot read elsewhere.toml"),
        "{}",
        run.stderr
    );
}

#[test]
fn build_refuses_an_output_directory_it_would_destroy() {
    let site = site_with_snapshot(&["fr"], "");
    site.write("content/about.md", "# About");
    site.write("notes/todo.txt", "mine");
    let entries = site.entries();
    for target in [".", "snap", "content", "notes", "snap/.."] {
        let run = site.sentier(&["build", "-o", target]);
        run.assert_failure();
        assert!(
            run.error().contains("refusing to replace"),
            "{target}: {}",
            run.stderr
        );
    }
    assert_eq!(site.entries(), entries);
    assert!(site.exists("snap/manifest.json") && site.exists("content/about.md"));
    assert_eq!(site.read("notes/todo.txt"), "mine");
    // Its own previous output is replaced without fuss.
    site.sentier(&["build"]).assert_success();
    site.sentier(&["build"]).assert_success();
    assert!(site.exists("public/.sentier"));
}

#[test]
fn a_snapshot_from_a_newer_sentier_is_refused() {
    let site = site_with_snapshot(&["fr"], "");
    let mut manifest = site.json("snap/manifest.json");
    manifest["format"] = json!(99);
    site.write("snap/manifest.json", &manifest.to_string());
    let run = site.sentier(&["build"]);
    run.assert_failure();
    assert!(
        run.error().contains("snapshot format 99 is newer"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_example_site_builds_offline_from_the_sample_snapshot() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_sentier"))
        .args(["build", "--config"])
        .arg(support::repo().join("config.toml"))
        .arg("--output-dir")
        .arg(&public)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(home.contains("Sentiers des Écrins"));
    assert!(public
        .join("trek/903512-le-lac-de-combeynot/index.html")
        .is_file());
    assert!(public
        .join("en/trek/2-loop-of-the-pic-of-3-lords/index.html")
        .is_file());
    let treks = std::fs::read_dir(public.join("trek"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(|c: char| c.is_ascii_digit())
        })
        .count();
    assert_eq!(treks, 46);
}

#[test]
fn a_build_from_a_snapshot_equals_the_build_from_the_api_it_was_pulled_from() {
    let api = MockApi::start(fixture_data());
    let site = Site::new(&config(&api.url(), &["fr", "en"], ""));
    site.sentier(&["build", "-o", "from-api"]).assert_success();
    site.sentier(&["pull", "--snapshot", "snap"]).assert_success();
    drop(api);
    site.sentier(&["build", "--snapshot", "snap", "-o", "from-snapshot"])
        .assert_success();
    let files = |dir: &str| -> Vec<(String, Vec<u8>)> {
        sentier::fs::files_under(&site.path().join(dir))
            .unwrap()
            .into_iter()
            // The build record says where the data came from; the site is what must be equal.
            .filter(|f| f.as_os_str() != ".sentier")
            .map(|f| {
                (
                    f.to_string_lossy().into_owned(),
                    std::fs::read(site.path().join(dir).join(&f)).unwrap(),
                )
            })
            .collect()
    };
    let (a, b) = (files("from-api"), files("from-snapshot"));
    assert!(a.len() > 50);
    assert!(a == b, "the two builds differ");
}

#[test]
fn a_build_whose_api_fails_writes_nothing() {
    let api = MockApi::start(fixture_data());
    api.inject(
        "/api/v2/trek/?",
        usize::MAX,
        support::mock_api::FaultResponse::Status {
            code: 500,
            retry_after: None,
            body: "Server Error (500)".into(),
        },
    );
    let site = Site::new(&config(&api.url(), &["fr"], ""));
    let entries = site.entries();
    let run = site.sentier(&["build"]);
    run.assert_failure();
    assert!(
        run.error().contains("trek/?page_size=1000: HTTP 500"),
        "{}",
        run.stderr
    );
    assert_eq!(site.entries(), entries);
}
