//! Views → files. Every output is a [`Job`] in one flat list over frozen data; the list runs in
//! one parallel loop and every job writes through [`write_output`]. Rendering never fetches and
//! never looks anything up by id: the views already hold what a page shows.
//!
//! Output paths come from ids, slugs and fixed names only, never from raw API text.

mod filters;
pub mod fingerprint;
mod jobs;
mod maps;
pub mod redirects;
mod seo;
mod sitemap;
pub mod theme;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use thiserror::Error;

use crate::assets::search;
use crate::config::{extra_as_json, Config};
use crate::content::Content;
use crate::fs;
use crate::select::LanguageSite;
pub use jobs::{jobs, Job, Page, PageJob};
pub use theme::Theme;

#[derive(Debug, Error)]
pub enum RenderError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Theme(String),
    #[error("template {template}: {message}")]
    Template { template: String, message: String },
    #[error("{0}")]
    Conflict(String),
}

/// Everything the jobs read, frozen before the parallel loop.
pub struct Inputs<'a> {
    pub config: &'a Config,
    pub theme: &'a Theme,
    pub sites: &'a [LanguageSite],
    pub content: &'a Content,
    /// Redirects carried over from the previous build (old slugs).
    pub previous_redirects: &'a [redirects::Redirect],
}

/// What every template receives as `site`.
#[derive(Serialize)]
struct SiteContext<'a> {
    title: &'a str,
    base_url: &'a str,
    lang: &'a str,
    root: &'a str,
    default_language: &'a str,
    languages: Vec<&'a str>,
    menu: &'a [crate::select::MenuEntry],
    practices: Vec<PracticeLink<'a>>,
    /// Whether the lists of each family have any entry in this language.
    has: Families,
    /// The search page, when search is on.
    search: Option<String>,
    /// The site's Markdown pages in this language, by weight.
    pages: Vec<PageLinkContext<'a>>,
    extra: std::collections::BTreeMap<String, serde_json::Value>,
}

#[derive(Serialize)]
struct PracticeLink<'a> {
    id: u64,
    name: &'a crate::select::Local,
    pictogram: &'a str,
    url: &'a str,
    /// The search page showing this practice's treks, when search is on.
    search_url: Option<String>,
    count: usize,
}

#[derive(Serialize)]
struct PageLinkContext<'a> {
    title: &'a str,
    url: &'a str,
    /// Set when the title is the default language's (the translation fallback).
    lang: Option<&'a str>,
}

#[derive(Serialize)]
struct Families {
    treks: bool,
    contents: bool,
    events: bool,
    sites: bool,
    courses: bool,
    flat_pages: bool,
}

pub struct Renderer<'a> {
    inputs: &'a Inputs<'a>,
    /// Per language (same order as `sites`): the context every page of it starts from.
    shared: Vec<tera::Context>,
    /// Per language: the theme's UI strings.
    strings: Vec<std::collections::BTreeMap<String, String>>,
    /// Per language: the map controls' labels.
    map_labels: Vec<serde_json::Value>,
    /// Per language: trek id → index in `treks`.
    trek_index: Vec<std::collections::HashMap<u64, usize>>,
}

impl<'a> Renderer<'a> {
    pub fn new(inputs: &'a Inputs<'a>) -> Self {
        let strings: Vec<_> = inputs
            .sites
            .iter()
            .map(|site| inputs.theme.strings(&site.lang, &inputs.config.default_language))
            .collect();
        let shared = inputs
            .sites
            .iter()
            .zip(&strings)
            .map(|(site, strings)| {
                let mut context = tera::Context::new();
                context.insert("site", &site_context(inputs, site));
                context.insert("t", strings);
                context.insert("lang", &site.lang);
                context.insert("trek_sections", &inputs.config.pages.trek_sections);
                context
            })
            .collect();
        let map_labels = strings.iter().map(maps::labels).collect();
        let trek_index = inputs
            .sites
            .iter()
            .map(|site| {
                site.treks
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (t.card.id, i))
                    .collect()
            })
            .collect();
        Renderer {
            inputs,
            shared,
            strings,
            map_labels,
            trek_index,
        }
    }

    /// Runs every job in parallel, writing under `out`. Returns the number of files written.
    pub fn run(&self, jobs: &[Job], out: &Path) -> Result<usize, RenderError> {
        let pages: Vec<&PageJob> = jobs
            .iter()
            .filter_map(|j| match j {
                Job::Page(page) => Some(page),
                _ => None,
            })
            .collect();
        let alternates = seo::alternate_index(&pages);
        let languages: Vec<&str> = self.inputs.sites.iter().map(|s| s.lang.as_str()).collect();
        let written: Vec<usize> = jobs
            .par_iter()
            .map(|job| -> Result<usize, RenderError> {
                match job {
                    Job::Page(page) => {
                        let html = self.render_page(page, &alternates)?;
                        write_output(&out.join(page.output_path()), html.as_bytes())?;
                        Ok(1)
                    }
                    Job::Static { source, to } => {
                        write_output(&out.join(to), &self.inputs.theme.read_static(source)?)?;
                        Ok(1)
                    }
                    Job::Fingerprinted { to, bytes } => {
                        write_output(&out.join(to), bytes)?;
                        Ok(1)
                    }
                    Job::Sitemaps => {
                        let files = sitemap::sitemaps(&self.inputs.config.base_url, &pages, &languages);
                        for (name, xml) in &files {
                            write_output(&out.join(name), xml.as_bytes())?;
                        }
                        Ok(files.len())
                    }
                    Job::Download { site, trek, format } => {
                        let bytes = self.download(&self.inputs.sites[*site], trek, format)?;
                        let path = format!(
                            "{}{}.{format}",
                            trek.card.url.trim_start_matches('/'),
                            trek.card.slug
                        );
                        write_output(&out.join(path), &bytes)?;
                        Ok(1)
                    }
                    Job::MapFiles { site } => {
                        let files = maps::overview_files(self.inputs.config, &self.inputs.sites[*site]);
                        for (path, json) in &files {
                            write_output(&out.join(path), json.as_bytes())?;
                        }
                        Ok(files.len())
                    }
                    Job::SearchIndex { site } => {
                        let strings = &self.strings[*site];
                        let site = &self.inputs.sites[*site];
                        let word = |key: &str| strings.get(key).map(String::as_str).unwrap_or_default();
                        let words = search::Words {
                            day: word("duration_day"),
                            days: word("duration_days"),
                        };
                        let files =
                            search::build(&site.search, &site.lang, &self.inputs.config.search, &words);
                        let dir = out.join(site.root.trim_start_matches('/')).join("search");
                        for (path, json) in &files {
                            write_output(&dir.join(path), json.as_bytes())?;
                        }
                        Ok(files.len())
                    }
                    Job::Robots => {
                        write_output(
                            &out.join("robots.txt"),
                            sitemap::robots(&self.inputs.config.base_url).as_bytes(),
                        )?;
                        Ok(1)
                    }
                    Job::Redirects => {
                        let text = redirects::netlify_file(self.inputs.sites, self.inputs.previous_redirects);
                        write_output(&out.join("_redirects"), text.as_bytes())?;
                        Ok(1)
                    }
                }
            })
            .collect::<Result<_, _>>()?;
        Ok(written.into_iter().sum())
    }

    fn render_page(&self, job: &PageJob, alternates: &seo::AlternateIndex) -> Result<String, RenderError> {
        let site = &self.inputs.sites[job.site];
        let mut context = self.shared[job.site].clone();
        let head = seo::head(
            self.inputs.config,
            self.inputs.sites,
            job,
            &self.strings[job.site],
            alternates,
        );
        context.insert("page", &head);
        context.insert("jsonld", &seo::json_ld(self.inputs.config, site, job, &head));
        match &job.page {
            Page::Home { intro } => {
                context.insert("intro", intro);
                context.insert(
                    "highlighted",
                    &site
                        .highlighted
                        .iter()
                        .map(|i| &site.treks[*i].card)
                        .collect::<Vec<_>>(),
                );
                let upcoming: Vec<_> = site
                    .upcoming
                    .iter()
                    .take(self.inputs.config.pages.upcoming_events)
                    .map(|i| &site.events[*i].card)
                    .collect();
                context.insert("upcoming_events", &upcoming);
                context.insert(
                    "treks",
                    &site
                        .treks
                        .iter()
                        .take(self.inputs.config.pages.list_page_size)
                        .map(|t| &t.card)
                        .collect::<Vec<_>>(),
                );
                context.insert(
                    "flat_pages",
                    &site.flat_pages.iter().map(|p| &p.card).collect::<Vec<_>>(),
                );
            }
            Page::Trek(view) => {
                context.insert("trek", view);
                // No route, no map: the page then loads no map script either.
                if view.geometry.is_some() {
                    let labels = &self.map_labels[job.site];
                    let index = &self.trek_index[job.site];
                    context.insert(
                        "map_data",
                        &maps::trek(self.inputs.config, site, index, view, labels),
                    );
                }
            }
            Page::Content(view) => {
                context.insert("content", view);
                self.insert_place_map(&mut context, job.site, &view.card, view.location, &view.shape);
            }
            Page::Event(view) => {
                context.insert("event", view);
                self.insert_place_map(&mut context, job.site, &view.card, view.location, &view.shape);
            }
            Page::Site(view) => {
                context.insert("outdoor_site", view);
                self.insert_place_map(&mut context, job.site, &view.card, view.location, &view.shape);
            }
            Page::Course(view) => {
                context.insert("course", view);
                self.insert_place_map(&mut context, job.site, &view.card, view.location, &view.shape);
            }
            Page::Map => context.insert(
                "map_data",
                &maps::overview(self.inputs.config, site, &self.map_labels[job.site]),
            ),
            Page::Search => {
                let labels = &self.map_labels[job.site];
                let strings = &self.strings[job.site];
                context.insert(
                    "map_data",
                    &maps::search(self.inputs.config, site, labels, strings),
                );
            }
            Page::Information(view) => context.insert("flat_page", view),
            Page::List(list) => context.insert("list", list),
            Page::Markdown(page) => context.insert("content_page", page),
            Page::NotFound => {}
        }
        let template = job.template();
        self.inputs
            .theme
            .tera
            .render(template, &context)
            .map_err(|e| RenderError::Template {
                template: template.to_string(),
                message: theme::error_chain(&e),
            })
    }
}

fn site_context<'a>(inputs: &'a Inputs, site: &'a LanguageSite) -> SiteContext<'a> {
    let (config, sites) = (inputs.config, inputs.sites);
    SiteContext {
        pages: inputs
            .content
            .pages
            .iter()
            .filter(|p| p.lang == site.lang)
            .map(|p| PageLinkContext {
                title: &p.title,
                url: &p.url,
                lang: p.text_lang.as_deref(),
            })
            .collect(),
        title: &config.title,
        base_url: &config.base_url,
        lang: &site.lang,
        root: &site.root,
        default_language: &config.default_language,
        languages: sites.iter().map(|s| s.lang.as_str()).collect(),
        menu: &site.menu,
        practices: site
            .practices
            .iter()
            .map(|p| PracticeLink {
                id: p.practice.id,
                name: &p.practice.name,
                pictogram: &p.practice.pictogram,
                url: &p.url,
                search_url: config
                    .search
                    .enabled
                    .then(|| format!("{}search/?practices={}", site.root, p.practice.id)),
                count: p.treks.len(),
            })
            .collect(),
        has: Families {
            treks: !site.treks.is_empty(),
            contents: !site.contents.is_empty(),
            events: !site.events.is_empty(),
            sites: !site.sites.is_empty(),
            courses: !site.courses.is_empty(),
            flat_pages: !site.flat_pages.is_empty(),
        },
        search: config.search.enabled.then(|| format!("{}search/", site.root)),
        extra: extra_as_json(&config.extra),
    }
}

impl Renderer<'_> {
    /// The map of a content, event, outdoor site or course page.
    fn insert_place_map(
        &self,
        context: &mut tera::Context,
        site: usize,
        card: &crate::select::Card,
        location: Option<[f64; 2]>,
        shape: &crate::assets::map::Shape,
    ) {
        let data = maps::place(
            self.inputs.config,
            &card.name.text,
            location,
            shape,
            &self.map_labels[site],
        );
        context.insert("map_data", &data);
    }

    /// A trek's download in one format.
    fn download(
        &self,
        site: &LanguageSite,
        trek: &crate::select::TrekView,
        format: &str,
    ) -> Result<Vec<u8>, RenderError> {
        use crate::assets::downloads;
        let Some(geometry) = trek.geometry.as_deref() else {
            return Ok(Vec::new());
        };
        let url = format!("{}{}", self.inputs.config.base_url, trek.card.url);
        let described = downloads::Described {
            name: &trek.card.name.text,
            description: &trek.plain_description,
            url: &url,
        };
        Ok(match format {
            "gpx" => downloads::gpx(&described, geometry)
                .map_err(|e| RenderError::Theme(format!("trek {}: {e}", trek.card.id)))?,
            "kml" => downloads::kml(&described, geometry)
                .map_err(|e| RenderError::Theme(format!("trek {}: {e}", trek.card.id)))?,
            _ => {
                let mut properties = serde_json::Map::new();
                properties.insert("id".into(), trek.card.id.into());
                properties.insert("language".into(), site.lang.clone().into());
                for (key, value) in [
                    ("length_m", trek.card.length_m),
                    ("duration_hours", trek.card.duration_hours),
                    ("ascent_m", trek.card.ascent_m),
                    ("descent_m", trek.descent_m),
                ] {
                    if let Some(value) = value {
                        properties.insert(key.into(), value.into());
                    }
                }
                if let Some(practice) = &trek.card.practice {
                    properties.insert("practice".into(), practice.name.text.clone().into());
                }
                downloads::geojson(&described, geometry, properties)
            }
        })
    }
}

/// The one function every output goes through.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), RenderError> {
    fs::write(path, bytes).map_err(RenderError::from)
}

/// `/en/trek/2-boucle/` → `en/trek/2-boucle/index.html`.
fn url_to_file(url: &str) -> PathBuf {
    Path::new(url.trim_start_matches('/')).join("index.html")
}
