//! Views → files. Every output is a [`Job`] in one flat list over frozen data; the list runs in
//! one parallel loop and every job writes through [`write_output`]. Rendering never fetches and
//! never looks anything up by id: the views already hold what a page shows.

pub mod theme;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use thiserror::Error;

use crate::config::{extra_as_json, Config};
use crate::fs;
use crate::select::{LanguageSite, TrekView};
pub use theme::Theme;

#[derive(Debug, Error)]
pub enum RenderError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Theme(String),
    #[error("template {template}: {message}")]
    Template { template: String, message: String },
}

/// One output file to produce.
pub enum Job<'a> {
    Home {
        site: &'a LanguageSite,
    },
    Trek {
        site: &'a LanguageSite,
        trek: &'a TrekView,
    },
    Static {
        from: &'a Path,
        to: &'a Path,
    },
}

impl Job<'_> {
    /// Where the job's file goes, relative to the output root.
    fn output_path(&self) -> PathBuf {
        match self {
            Job::Home { site } => url_to_file(&site.root),
            Job::Trek { trek, .. } => url_to_file(&trek.url),
            Job::Static { to, .. } => to.to_path_buf(),
        }
    }
}

/// `/en/trek/2-boucle/` → `en/trek/2-boucle/index.html`.
fn url_to_file(url: &str) -> PathBuf {
    Path::new(url.trim_start_matches('/')).join("index.html")
}

pub fn jobs<'a>(sites: &'a [LanguageSite], theme: &'a Theme) -> Vec<Job<'a>> {
    let mut jobs = Vec::new();
    for site in sites {
        jobs.push(Job::Home { site });
        jobs.extend(site.treks.iter().map(|trek| Job::Trek { site, trek }));
    }
    jobs.extend(
        theme
            .static_files
            .iter()
            .map(|(from, to)| Job::Static { from, to }),
    );
    jobs
}

/// What every template receives as `site`.
#[derive(Serialize)]
struct SiteContext<'a> {
    title: &'a str,
    base_url: &'a str,
    lang: &'a str,
    root: &'a str,
    default_language: &'a str,
    languages: Vec<LanguageLink<'a>>,
    extra: std::collections::BTreeMap<String, serde_json::Value>,
}

#[derive(Serialize)]
struct LanguageLink<'a> {
    lang: &'a str,
    root: &'a str,
}

pub struct Renderer<'a> {
    config: &'a Config,
    theme: &'a Theme,
    sites: &'a [LanguageSite],
    /// Per language, the `site` and `t` context values, built once.
    shared: Vec<(String, tera::Context)>,
}

impl<'a> Renderer<'a> {
    pub fn new(config: &'a Config, theme: &'a Theme, sites: &'a [LanguageSite]) -> Self {
        let mut renderer = Renderer {
            config,
            theme,
            sites,
            shared: Vec::new(),
        };
        renderer.shared = sites
            .iter()
            .map(|site| {
                let mut context = tera::Context::new();
                context.insert("site", &renderer.site_context(site));
                context.insert("t", &theme.strings(&site.lang, &config.default_language));
                context.insert("lang", &site.lang);
                (site.lang.clone(), context)
            })
            .collect();
        renderer
    }

    /// Runs every job in parallel, writing under `out`. Returns the number of files written.
    pub fn run(&self, jobs: &[Job], out: &Path) -> Result<usize, RenderError> {
        jobs.par_iter()
            .map(|job| {
                let path = out.join(job.output_path());
                match job {
                    Job::Static { from, .. } => fs::copy(from, &path).map_err(RenderError::from),
                    _ => write_output(&path, self.render(job)?.as_bytes()),
                }
            })
            .collect::<Result<Vec<()>, RenderError>>()
            .map(|written| written.len())
    }

    fn render(&self, job: &Job) -> Result<String, RenderError> {
        let (template, site, page_key, page) = match job {
            Job::Home { site } => ("index.html", *site, "treks", tera::to_value(&site.treks)),
            Job::Trek { site, trek } => ("trek.html", *site, "trek", tera::to_value(trek)),
            Job::Static { .. } => unreachable!("static files are copied, not rendered"),
        };
        let mut context = self
            .shared
            .iter()
            .find(|(lang, _)| *lang == site.lang)
            .map(|(_, context)| context.clone())
            .unwrap_or_default();
        context.insert(page_key, &page.map_err(|e| RenderError::Theme(e.to_string()))?);
        self.theme
            .tera
            .render(template, &context)
            .map_err(|e| RenderError::Template {
                template: template.to_string(),
                message: theme::error_chain(&e),
            })
    }

    fn site_context<'s>(&'s self, site: &'s LanguageSite) -> SiteContext<'s> {
        SiteContext {
            title: &self.config.title,
            base_url: &self.config.base_url,
            lang: &site.lang,
            root: &site.root,
            default_language: &self.config.default_language,
            languages: self
                .sites
                .iter()
                .map(|s| LanguageLink {
                    lang: &s.lang,
                    root: &s.root,
                })
                .collect(),
            extra: extra_as_json(&self.config.extra),
        }
    }
}

/// The one function every rendered output goes through.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), RenderError> {
    fs::write(path, bytes).map_err(RenderError::from)
}
