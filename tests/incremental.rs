//! Incremental builds: a second build of the same inputs does nothing; after the snapshot
//! changed, outputs whose inputs are unchanged are kept (same inode and mtime), removed objects
//! disappear, the report counts what happened, and the result equals a full build byte for byte.

mod support;

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use serde_json::Value;
use support::mock_api::MockApi;
use support::{config, fixture_data, snapshot_config, Site};

const LANGUAGES: &[&str] = &["fr", "en"];

fn site_with_snapshot() -> Site {
    let api = MockApi::start(fixture_data());
    let site = Site::new(&config(&api.url(), LANGUAGES, ""));
    site.sentier(&["pull", "--snapshot", "snap"]).assert_success();
    drop(api);
    site.write("config.toml", &snapshot_config("snap", LANGUAGES, ""));
    site
}

#[derive(Debug, Clone, PartialEq)]
struct File {
    bytes: Vec<u8>,
    inode: u64,
    mtime: (i64, i64),
}

/// Every file of a built site by relative path, the build record aside.
fn files(dir: &Path) -> BTreeMap<String, File> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            if relative == ".sentier" {
                continue;
            }
            let meta = std::fs::metadata(&path).unwrap();
            found.insert(
                relative,
                File {
                    bytes: std::fs::read(&path).unwrap(),
                    inode: meta.ino(),
                    mtime: (meta.mtime(), meta.mtime_nsec()),
                },
            );
        }
    }
    found
}

/// Edits a snapshot file as a pull would write it: one object per line, the objects that did
/// not change written as they were, so a build finds their routes' texts unchanged.
fn edit_snapshot(site: &Site, endpoint: &str, edit: impl FnOnce(&mut Vec<Value>)) {
    let path = format!("snap/{endpoint}.json");
    let text = std::fs::read_to_string(site.path().join(&path)).unwrap();
    let body = text.strip_prefix("[\n").unwrap().strip_suffix("\n]\n").unwrap();
    let lines: Vec<&str> = body.split(",\n").collect();
    let before: Vec<Value> = lines.iter().map(|l| serde_json::from_str(l).unwrap()).collect();
    let mut objects = before.clone();
    edit(&mut objects);
    let written: Vec<String> = objects
        .iter()
        .map(|object| match before.iter().position(|b| b == object) {
            Some(same) => lines[same].to_string(),
            None => object.to_string(),
        })
        .collect();
    site.write(&path, &format!("[\n{}\n]\n", written.join(",\n")));
}

/// What the report must say for the change from `before` to `after`:
/// (added, changed, removed, unchanged), for pages and for all files.
fn diff(before: &BTreeMap<String, File>, after: &BTreeMap<String, File>, pages_only: bool) -> [u64; 4] {
    let keep = |path: &String| !pages_only || path.ends_with(".html");
    let mut counts = [0; 4];
    for (path, file) in after.iter().filter(|(p, _)| keep(p)) {
        match before.get(path) {
            None => counts[0] += 1,
            Some(old) if old.bytes != file.bytes => counts[1] += 1,
            Some(_) => counts[3] += 1,
        }
    }
    counts[2] = before
        .keys()
        .filter(|p| keep(p) && !after.contains_key(*p))
        .count() as u64;
    counts
}

fn report_counts(report: &Value, key: &str) -> [u64; 4] {
    ["added", "changed", "removed", "unchanged"].map(|k| report[key][k].as_u64().unwrap())
}

fn trek_page_dir(files: &BTreeMap<String, File>, id: u64) -> Vec<String> {
    files
        .keys()
        .filter(|p| p.starts_with(&format!("trek/{id}-")) || p.starts_with(&format!("en/trek/{id}-")))
        .cloned()
        .collect()
}

#[test]
fn an_incremental_build_keeps_what_did_not_change_and_equals_a_full_build() {
    let site = site_with_snapshot();
    site.sentier(&["build", "--report", "first.json"])
        .assert_success();
    let first = files(&site.path().join("public"));
    assert_eq!(
        site.json("first.json")["pages"]["added"].as_u64().unwrap() as usize,
        first.keys().filter(|p| p.ends_with(".html")).count()
    );
    // What was computed from the routes is kept beside the config for the next build, not
    // published.
    for cache in ["drawings.msgpack", "proximity.msgpack", "known-routes.msgpack"] {
        let file = site.path().join(format!(".sentier-cache/{cache}"));
        assert!(file.is_file(), "no {cache} cache");
    }
    assert!(!first.keys().any(|p| p.contains("sentier-cache")));

    // Same inputs: nothing is done, nothing is touched.
    let run = site.sentier(&["build", "--report", "same.json"]);
    run.assert_success();
    assert!(run.stderr.contains("nothing changed"), "{}", run.stderr);
    let same = site.json("same.json");
    assert_eq!(same["nothing_changed"], true);
    assert_eq!(report_counts(&same, "files"), [0, 0, 0, first.len() as u64]);
    assert_eq!(files(&site.path().join("public")), first);
    // The same site named by absolute paths is the same site.
    let config = site.path().join("config.toml");
    let public = site.path().join("public");
    let run = site.sentier(&[
        "build",
        "-c",
        config.to_str().unwrap(),
        "-o",
        public.to_str().unwrap(),
    ]);
    run.assert_success();
    assert!(run.stderr.contains("nothing changed"), "{}", run.stderr);

    // One trek edited, one deleted, one added.
    let treks: Vec<Value> = serde_json::from_value(site.json("snap/trek.json")).unwrap();
    let standalone: Vec<u64> = treks
        .iter()
        .filter(|t| {
            t["children"].as_array().is_none_or(Vec::is_empty)
                && t["parents"].as_array().is_none_or(Vec::is_empty)
                && t["published"]["fr"] == true
        })
        .filter_map(|t| t["id"].as_u64())
        .collect();
    let (edited, deleted, copied) = (standalone[0], standalone[1], standalone[2]);
    assert!(
        !trek_page_dir(&first, deleted).is_empty(),
        "trek {deleted} has pages"
    );
    let added = 987_654;
    edit_snapshot(&site, "trek", |treks| {
        let mut copy = treks.iter().find(|t| t["id"] == copied).unwrap().clone();
        copy["id"] = added.into();
        copy["name"]["fr"] = "Une randonnée ajoutée".into();
        treks.retain(|t| t["id"] != deleted);
        let trek = treks.iter_mut().find(|t| t["id"] == edited).unwrap();
        trek["description"]["fr"] = "<p>Une description réécrite.</p>".into();
        treks.push(copy);
    });
    site.sentier(&["build", "--report", "second.json"])
        .assert_success();
    let second = files(&site.path().join("public"));
    let report = site.json("second.json");
    assert_eq!(report["incremental"], true);
    assert_eq!(report_counts(&report, "pages"), diff(&first, &second, true));
    assert_eq!(report_counts(&report, "files"), diff(&first, &second, false));
    assert!(report["reused"].as_u64().unwrap() > 0, "{report}");

    assert!(
        trek_page_dir(&second, deleted).is_empty(),
        "trek {deleted}'s pages and downloads are gone"
    );
    let added_files = trek_page_dir(&second, added);
    assert!(added_files.iter().any(|p| p.ends_with(".gpx")), "{added_files:?}");
    let edited_page = trek_page_dir(&second, edited)
        .into_iter()
        .find(|p| p.starts_with("trek/") && p.ends_with("index.html"))
        .unwrap();
    assert_ne!(first[&edited_page].bytes, second[&edited_page].bytes);
    assert!(String::from_utf8_lossy(&second[&edited_page].bytes).contains("Une description réécrite."));
    // Every file with the same bytes as before is the previous file itself: not rewritten.
    for (path, file) in &second {
        if let Some(old) = first.get(path).filter(|old| old.bytes == file.bytes) {
            assert_eq!(
                (old.inode, old.mtime),
                (file.inode, file.mtime),
                "{path} was rewritten"
            );
        }
    }
    let unchanged_trek = standalone[3];
    let kept = trek_page_dir(&second, unchanged_trek);
    assert!(kept.iter().any(|p| p.ends_with(".kml")), "{kept:?}");

    // A full build of the same snapshot from nothing writes the same bytes.
    site.sentier(&["build", "--output-dir", "full"]).assert_success();
    let full = files(&site.path().join("full"));
    assert_eq!(full.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (path, file) in &full {
        assert!(
            file.bytes == second[path].bytes,
            "{path} differs between the full and the incremental build"
        );
    }
    // And `--full` over the incremental site, drawing every route again instead of taking the
    // cache's drawings, renders everything to the same bytes.
    site.sentier(&["build", "--full", "--report", "full.json"])
        .assert_success();
    let report = site.json("full.json");
    assert_eq!(report["reused"], 0);
    assert_eq!(report_counts(&report, "files"), [0, 0, 0, second.len() as u64]);
}

/// The files under `dir` (relative to the site) in `files`, each as its inode and mtime: the
/// same for a file that was kept, not written again.
fn under(files: &BTreeMap<String, File>, dir: &str) -> BTreeMap<String, (u64, (i64, i64))> {
    files
        .iter()
        .filter(|(path, _)| path.starts_with(dir))
        .map(|(path, file)| (path.clone(), (file.inode, file.mtime)))
        .collect()
}

#[test]
fn a_text_edit_in_one_language_keeps_the_global_maps_and_the_other_languages_search_index() {
    let site = site_with_snapshot();
    site.sentier(&["build"]).assert_success();
    let first = files(&site.path().join("public"));
    let treks: Vec<Value> = serde_json::from_value(site.json("snap/trek.json")).unwrap();
    let edited = treks
        .iter()
        .find(|t| t["published"]["en"] == true && t["description"]["en"].as_str().is_some_and(str::is_empty))
        .and_then(|t| t["id"].as_u64())
        .expect("a trek published in English with no English description");
    edit_snapshot(&site, "trek", |treks| {
        let trek = treks.iter_mut().find(|t| t["id"] == edited).unwrap();
        trek["description"]["en"] = "<p>A chamois crosses the path.</p>".into();
    });
    site.sentier(&["build"]).assert_success();
    let second = files(&site.path().join("public"));

    let page = trek_page_dir(&second, edited)
        .into_iter()
        .find(|p| p.starts_with("en/trek/") && p.ends_with("index.html"))
        .unwrap();
    assert!(String::from_utf8_lossy(&second[&page].bytes).contains("A chamois crosses the path."));
    // A description is on no map, and the French pages do not show the English one: both
    // languages' map files and the French search index are the previous files, not files
    // written again with the same bytes.
    for dir in ["map/", "en/map/", "search/"] {
        let (before, after) = (under(&first, dir), under(&second, dir));
        assert!(after.keys().any(|p| p.ends_with(".json")), "no JSON under {dir}");
        assert!(before == after, "{dir} was written again");
    }
    // The English search index holds descriptions' words: it is written again, with the new
    // words in it.
    assert!(under(&first, "en/search/") != under(&second, "en/search/"));
    let chamois = "en/search/text/cha.json";
    assert!(String::from_utf8_lossy(&second[chamois].bytes).contains("chamois"));
}

#[test]
fn a_theme_change_renders_again_and_only_what_differs_is_rewritten() {
    let site = site_with_snapshot();
    let quiet = site.sentier(&["-q", "build"]);
    quiet.assert_success();
    assert_eq!(quiet.stderr, "", "-q prints only errors");
    let first = files(&site.path().join("public"));
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Perdu ?</h1>{% endblock content %}",
    );
    site.sentier(&["build", "--report", "report.json"])
        .assert_success();
    let report = site.json("report.json");
    // Pages and downloads are the outputs the record keeps inputs for.
    let record = site.json("public/.sentier");
    let with_inputs: Vec<&String> = record["files"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, file)| file.get("i").is_some())
        .map(|(path, _)| path)
        .collect();
    let pages = with_inputs.iter().filter(|p| p.ends_with(".html")).count() as u64;
    assert_eq!(
        report["reused"],
        with_inputs.len() as u64 - 2,
        "only the pages of the changed template, the two 404 pages, render again"
    );
    let second = files(&site.path().join("public"));
    assert_eq!(
        report_counts(&report, "pages"),
        [0, 2, 0, diff(&first, &second, true)[3]]
    );
    assert!(site.read("public/404.html").contains("Perdu ?"));

    // base.html is every page's: every page renders again, the downloads do not.
    site.write(
        "templates/base.html",
        "{% extends \"default/base.html\" %}{% block footer %}{{ super() }}<p>Nightly edition</p>{% endblock footer %}",
    );
    site.sentier(&["build", "--report", "report.json"])
        .assert_success();
    let report = site.json("report.json");
    assert_eq!(report["reused"], with_inputs.len() as u64 - pages);
    assert_eq!(report_counts(&report, "pages")[1], pages, "every page changed");
    assert!(site.read("public/404.html").contains("<p>Nightly edition</p>"));
}

#[test]
fn fail_on_warnings_exits_non_zero_and_leaves_the_site_alone() {
    let site = site_with_snapshot();
    site.sentier(&["build"]).assert_success();
    let before = files(&site.path().join("public"));
    edit_snapshot(&site, "trek", |treks| {
        treks[0]["practice"] = "not-an-id".into();
    });
    let run = site.sentier(&["build", "--fail-on-warnings"]);
    run.assert_failure();
    assert!(run.error().contains("--fail-on-warnings"), "{}", run.stderr);
    assert_eq!(files(&site.path().join("public")), before);

    site.sentier(&["build", "--report", "report.json"])
        .assert_success();
    let report = site.json("report.json");
    assert_eq!(report["warnings"]["by_kind"]["missing_reference"], 1, "{report}");
    assert_eq!(report["warnings"]["total"], 1);
}
