//! The flat list of everything a build writes: one job per page, per static file, and the
//! site-wide files (sitemaps, robots.txt, `_redirects`).

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;

use super::{url_to_file, RenderError, Theme};
use crate::config::Config;
use crate::content::{Content, ContentPage};
use crate::select::{
    Card, ContentView, CourseView, EventView, FlatPageView, LanguageSite, Local, SiteView, TrekView,
};

// Pages are the bulk of the list: boxing them would add an allocation per page for nothing.
#[allow(clippy::large_enum_variant)]
pub enum Job<'a> {
    Page(PageJob<'a>),
    /// A trek's GPX, KML or GeoJSON file, in every language that shows the trek: (site, view).
    /// The geometry's part of the file, most of it, is written once for all of them.
    Download {
        format: &'static str,
        treks: Vec<(usize, &'a TrekView)>,
    },
    /// The global map's `treks.json` and `lines.json` of one language.
    MapFiles {
        site: usize,
    },
    /// The search index of one language.
    SearchIndex {
        site: usize,
    },
    Static {
        source: &'a super::theme::FileSource,
        to: &'a PathBuf,
    },
    /// The hashed copy of a static CSS or JavaScript file.
    Fingerprinted {
        to: &'a PathBuf,
        bytes: &'a [u8],
    },
    Sitemaps,
    Robots,
    Redirects,
}

pub struct PageJob<'a> {
    /// Index of the language in the site list.
    pub site: usize,
    pub page: Page<'a>,
    /// Site-relative URL.
    pub url: String,
    /// The same page in every language shares this key (`trek:2`, `list:trek:1`, `home`).
    pub key: String,
    /// ISO date-time of the last change of what the page shows, when known.
    pub lastmod: String,
}

pub enum Page<'a> {
    Home {
        intro: Option<&'a ContentPage>,
    },
    Trek(&'a TrekView),
    Content(&'a ContentView),
    Event(&'a EventView),
    Site(&'a SiteView),
    Course(&'a CourseView),
    Information(&'a FlatPageView),
    List(ListPage<'a>),
    Markdown(&'a ContentPage),
    /// The global map.
    Map,
    /// The search page, filled in the browser from the search index.
    Search,
    NotFound,
}

/// One page of a crawlable list.
#[derive(Serialize)]
pub struct ListPage<'a> {
    /// The family listed: `trek`, `service`, `event`, `outdoor-site`, `outdoor-course`, `information`.
    pub kind: &'static str,
    /// For a practice's list, the practice's name.
    pub title: Option<&'a Local>,
    pub cards: Vec<&'a Card>,
    pub number: usize,
    pub count: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

#[derive(Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
}

impl PageJob<'_> {
    pub fn output_path(&self) -> PathBuf {
        match self.page {
            Page::NotFound => PathBuf::from(self.url.trim_start_matches('/')),
            _ => url_to_file(&self.url),
        }
    }

    pub fn template(&self) -> &str {
        match &self.page {
            Page::Home { .. } => "index.html",
            Page::Trek(_) => "trek.html",
            Page::Content(_) => "service.html",
            Page::Event(_) => "event.html",
            Page::Site(_) => "outdoor-site.html",
            Page::Course(_) => "outdoor-course.html",
            Page::Information(_) => "information.html",
            Page::List(_) => "list.html",
            Page::Markdown(page) => &page.template,
            Page::Map => "map.html",
            Page::Search => "search.html",
            Page::NotFound => "404.html",
        }
    }

    /// Whether the page belongs in the sitemap.
    pub fn indexable(&self) -> bool {
        !matches!(self.page, Page::NotFound)
    }
}

pub fn jobs<'a>(
    config: &Config,
    sites: &'a [LanguageSite],
    content: &'a Content,
    theme: &'a Theme,
) -> Result<Vec<Job<'a>>, RenderError> {
    let mut jobs = Vec::new();
    let per_page = config.pages.list_page_size;
    for (index, site) in sites.iter().enumerate() {
        let mut push = |page: Page<'a>, url: String, key: String, lastmod: &str| {
            jobs.push(Job::Page(PageJob {
                site: index,
                page,
                url,
                key,
                lastmod: lastmod.to_string(),
            }))
        };
        let newest = |cards: &mut dyn Iterator<Item = &'a Card>| {
            cards.map(|c| c.lastmod.as_str()).max().unwrap_or("").to_string()
        };
        push(
            Page::Home {
                intro: content.home.get(&site.lang),
            },
            site.root.clone(),
            "home".into(),
            &newest(&mut site.treks.iter().map(|t| &*t.card)),
        );
        push(Page::NotFound, format!("{}404.html", site.root), "404".into(), "");
        if !site.treks.is_empty() {
            let lastmod = newest(&mut site.treks.iter().map(|t| &*t.card));
            push(Page::Map, format!("{}map/", site.root), "map".into(), &lastmod);
        }
        if config.search.enabled {
            let lastmod = newest(&mut site.search.docs.iter().map(|d| &*d.card));
            push(
                Page::Search,
                format!("{}search/", site.root),
                "search".into(),
                &lastmod,
            );
        }
        // An object page: its key is its family and id, the same in every language.
        let objects = site
            .treks
            .iter()
            .map(|v| (Page::Trek(v), &*v.card))
            .chain(site.contents.iter().map(|v| (Page::Content(v), &*v.card)))
            .chain(site.events.iter().map(|v| (Page::Event(v), &*v.card)))
            .chain(site.sites.iter().map(|v| (Page::Site(v), &v.card)))
            .chain(site.courses.iter().map(|v| (Page::Course(v), &v.card)))
            .chain(site.flat_pages.iter().map(|v| (Page::Information(v), &v.card)))
            .filter(|(_, card)| !card.external);
        for (page, card) in objects {
            push(
                page,
                card.url.clone(),
                format!("{}:{}", card.kind, card.id),
                &card.lastmod,
            );
        }
        for page in content.pages.iter().filter(|p| p.lang == site.lang) {
            push(
                Page::Markdown(page),
                page.url.clone(),
                format!("md:{}", page.key),
                "",
            );
        }

        let families: [(&'static str, Vec<&'a Card>); 6] = [
            ("trek", site.treks.iter().map(|v| &*v.card).collect()),
            ("service", site.contents.iter().map(|v| &*v.card).collect()),
            ("event", site.events.iter().map(|v| &*v.card).collect()),
            ("outdoor-site", site.sites.iter().map(|v| &v.card).collect()),
            ("outdoor-course", site.courses.iter().map(|v| &v.card).collect()),
            ("information", site.flat_pages.iter().map(|v| &v.card).collect()),
        ];
        for (kind, cards) in families {
            if kind != "trek" && cards.is_empty() {
                continue;
            }
            let base = format!("{}{kind}/", site.root);
            let lastmod = newest(&mut cards.iter().copied());
            for list in paginate(kind, None, cards, &base, per_page) {
                let key = format!("list:{kind}:{}", list.number);
                let url = list_url(&base, list.number);
                push(Page::List(list), url, key, &lastmod);
            }
        }
        for group in &site.practices {
            let cards: Vec<&Card> = group.treks.iter().map(|i| &*site.treks[*i].card).collect();
            let lastmod = newest(&mut cards.iter().copied());
            for list in paginate("trek", Some(&group.practice.name), cards, &group.url, per_page) {
                let key = format!("practice:{}:{}", group.practice.id, list.number);
                let url = list_url(&group.url, list.number);
                push(Page::List(list), url, key, &lastmod);
            }
        }
    }
    check_unique_urls(&jobs, sites)?;
    let mut downloads: Vec<(&'static str, Vec<(usize, &TrekView)>)> = Vec::new();
    let mut download_of: HashMap<(u64, &'static str), usize> = HashMap::new();
    for (index, site) in sites.iter().enumerate() {
        for trek in site.treks.iter().filter(|t| t.geometry.is_some()) {
            for download in &trek.downloads {
                let at = *download_of
                    .entry((trek.card.id, download.format))
                    .or_insert_with(|| {
                        downloads.push((download.format, Vec::new()));
                        downloads.len() - 1
                    });
                downloads[at].1.push((index, trek));
            }
        }
        if !site.treks.is_empty() {
            jobs.push(Job::MapFiles { site: index });
        }
        if config.search.enabled {
            jobs.push(Job::SearchIndex { site: index });
        }
    }
    jobs.extend(
        downloads
            .into_iter()
            .map(|(format, treks)| Job::Download { format, treks }),
    );
    jobs.extend(
        theme
            .static_files
            .iter()
            .map(|(source, to)| Job::Static { source, to }),
    );
    jobs.extend(
        theme
            .assets
            .copies
            .iter()
            .map(|(to, bytes)| Job::Fingerprinted { to, bytes }),
    );
    jobs.extend([Job::Sitemaps, Job::Robots, Job::Redirects]);
    // The site-wide files first (a stable sort keeps the others' order): started last, they
    // kept one core busy after the other had finished everything else. Not the languages'
    // search indexes and map files, whose memory would then add to the views' at 20,000 treks.
    jobs.sort_by_key(|job| !job.is_site_wide());
    Ok(jobs)
}

impl Job<'_> {
    /// One job over every page of every language: the sitemaps and the redirects.
    fn is_site_wide(&self) -> bool {
        matches!(self, Job::Sitemaps | Job::Redirects)
    }
}

fn list_url(base: &str, number: usize) -> String {
    if number == 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

fn paginate<'a>(
    kind: &'static str,
    title: Option<&'a Local>,
    cards: Vec<&'a Card>,
    base: &str,
    per_page: usize,
) -> Vec<ListPage<'a>> {
    let total = cards.len();
    let count = total.div_ceil(per_page).max(1);
    let pages: Vec<PageLink> = (1..=count)
        .map(|number| PageLink {
            number,
            url: list_url(base, number),
        })
        .collect();
    (1..=count)
        .map(|number| ListPage {
            kind,
            title,
            cards: cards
                .iter()
                .skip((number - 1) * per_page)
                .take(per_page)
                .copied()
                .collect(),
            number,
            count,
            total,
            previous: (number > 1).then(|| list_url(base, number - 1)),
            next: (number < count).then(|| list_url(base, number + 1)),
            pages: pages
                .iter()
                .map(|p| PageLink {
                    number: p.number,
                    url: p.url.clone(),
                })
                .collect(),
        })
        .collect()
}

/// Two pages at one URL would overwrite each other: a Markdown page named like a list, or two
/// flat pages slugified alike, is an error naming both. So is a page under the fingerprinted
/// files' folder.
fn check_unique_urls(jobs: &[Job], sites: &[LanguageSite]) -> Result<(), RenderError> {
    let describe = |key: &str| match key.strip_prefix("md:") {
        Some(file) => format!("content/{file}.md"),
        None => key.to_string(),
    };
    let reserved = format!("/{}/", super::hashed_assets::DIRECTORY);
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for job in jobs {
        let Job::Page(page) = job else { continue };
        // Hosts cache that folder for a year: a page there would never be seen to change.
        if page.url.starts_with(&reserved) {
            return Err(RenderError::Conflict(format!(
                "{} wants the URL {}, but {reserved} holds the fingerprinted CSS and JavaScript",
                describe(&page.key),
                page.url
            )));
        }
        if let Some(other) = seen.insert(&page.url, &page.key) {
            return Err(RenderError::Conflict(format!(
                "two pages want the URL {} ({} and {}) in language {}",
                page.url,
                describe(other),
                describe(&page.key),
                sites[page.site].lang
            )));
        }
    }
    Ok(())
}
