//! `sentier init`: a new site builds at once, from the sample data or from an API, and existing
//! files are never overwritten.

mod support;

use support::mock_api::MockApi;
use support::{fixture_data, Site};

/// A directory to run `sentier init` in; its own config.toml is not used.
fn workspace() -> Site {
    Site::new("unused = true\n")
}

#[test]
fn a_new_site_builds_at_once_from_the_sample_data() {
    let work = workspace();
    let init = work.sentier(&["init", "portal"]);
    init.assert_success();
    assert!(
        init.stderr.contains("created a site in portal"),
        "{}",
        init.stderr
    );
    for folder in ["templates", "static"] {
        let entries = std::fs::read_dir(work.path().join("portal").join(folder)).unwrap();
        assert_eq!(entries.count(), 0, "{folder}/ is empty, ready for overrides");
    }
    assert!(work.exists("portal/snapshot/manifest.json"));

    work.sentier(&["build", "-c", "portal/config.toml", "-o", "portal/public"])
        .assert_success();
    let home = work.read("portal/public/index.html");
    assert!(
        home.contains("content/_index.md"),
        "the home page shows the new introduction"
    );
    assert!(work.exists("portal/public/en/index.html"));
    let treks = std::fs::read_dir(work.path().join("portal/public/trek"))
        .unwrap()
        .count();
    assert!(treks > 10, "the sample treks are built ({treks})");
}

#[test]
fn a_new_site_can_read_an_api() {
    let api = MockApi::start(fixture_data());
    let work = workspace();
    work.sentier(&["init", "portal", "--api", &api.url()])
        .assert_success();
    let config = work.read("portal/config.toml");
    assert!(config.contains(&format!("api = \"{}\"", api.url())));
    assert!(!work.exists("portal/snapshot"));
    work.sentier(&["build", "-c", "portal/config.toml", "-o", "portal/public"])
        .assert_success();
    assert!(work.exists("portal/public/trek/index.html"));
    assert!(!api.requests().is_empty());
}

#[test]
fn init_never_overwrites_a_file() {
    let work = workspace();
    work.write("portal/config.toml", "mine");
    let run = work.sentier(&["init", "portal"]);
    run.assert_failure();
    assert!(
        run.error().contains("portal/config.toml already exists"),
        "{}",
        run.error()
    );
    assert_eq!(work.read("portal/config.toml"), "mine");
    assert!(!work.exists("portal/content") && !work.exists("portal/snapshot"));

    let run = work.sentier(&["init", "other", "--api", "not a url"]);
    run.assert_failure();
    assert!(
        run.error().contains("--api \"not a url\" is not a URL"),
        "{}",
        run.error()
    );
    assert!(!work.exists("other"));
}
