//! The generated HTML, checked by the W3C Nu HTML checker (npm `vnu-jar`, Java), as browsers
//! and accessibility tools will read it.

mod support;

use std::path::PathBuf;
use std::process::Command;

use support::mock_api::MockApi;
use support::{config, fixture_data, with_theme, Site};

fn vnu_jar() -> PathBuf {
    let jar = support::repo().join("node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        jar.is_file(),
        "the W3C Nu checker is missing: run `npm ci` at the repository root (it installs vnu-jar, see package.json); Java must be installed too"
    );
    jar
}

fn check(public: &std::path::Path, jar: &std::path::Path) {
    let pages: Vec<PathBuf> = sentier::fs::files_under(public)
        .unwrap()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| public.join(p))
        .collect();
    assert!(pages.len() > 10, "{} pages", pages.len());
    let output = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--format", "text"])
        .args(&pages)
        .output()
        .expect("run java: is a Java runtime installed?");
    let report =
        String::from_utf8_lossy(&output.stderr).into_owned() + &String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "the Nu checker found errors:\n{report}");
}

#[test]
fn every_page_of_a_hostile_instance_is_valid_html_in_every_theme() {
    let jar = vnu_jar();
    let api = MockApi::start(support::hostile::instance());
    for theme in support::themes() {
        let site = Site::new(&with_theme(&config(&api.url(), &["fr", "en"], ""), &theme));
        site.sentier(&["build"]).assert_success();
        check(&site.path().join("public"), &jar);
    }
}

#[test]
fn every_page_of_the_fixture_site_is_valid_html_in_every_theme() {
    let jar = vnu_jar();
    let api = MockApi::start(fixture_data());
    for theme in support::themes() {
        // Points of interest and nearby contents on the page too, and every branding key.
        let config = config(&api.url(), &["fr", "en"], "").replace(
            "[source]",
            "[pages]\npoi_distance_m = 5000\nnearby_distance_m = 10000\n[source]",
        );
        let site = Site::new(&with_theme(&config, &theme));
        site.brand();
        site.write(
            "content/about.md",
            "+++\ntitle = \"À propos\"\n+++\n## Qui\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        site.sentier(&["build"]).assert_success();
        check(&site.path().join("public"), &jar);
    }
}
