//! Netlify's `_redirects`: `/trek/<id>` (the short form other sites link to) and every older
//! slug of an object send a 301 to its canonical URL. Older slugs are learnt from the previous
//! build's output: its page directories and its own `_redirects`, so history accumulates.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::select::LanguageSite;

/// Families with object pages, by URL segment.
const KINDS: &[&str] = &[
    "trek",
    "service",
    "event",
    "outdoor-site",
    "outdoor-course",
    "information",
];

/// An old URL of an object: `(language root, kind, id)` and the path that was served.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Redirect {
    pub root: String,
    pub kind: String,
    pub id: u64,
    pub from: String,
}

/// `/en/trek/2-old-slug/` → (`/en/`, `trek`, 2).
fn object_of(url: &str) -> Option<(String, String, u64)> {
    let trimmed = url.trim_matches('/');
    let mut parts: Vec<&str> = trimmed.split('/').collect();
    let last = parts.pop()?;
    let kind = parts.pop()?;
    if !KINDS.contains(&kind) || parts.len() > 1 {
        return None;
    }
    let id = last.split('-').next()?.parse().ok()?;
    let root = match parts.first() {
        Some(lang) => format!("/{lang}/"),
        None => "/".to_string(),
    };
    Some((root, kind.to_string(), id))
}

/// Old object URLs found in a previous build at `dir` (nothing when there is none). `files`,
/// the paths its record lists, saves listing its directories: that was a thirtieth of a
/// one-trek rebuild at 5,000 treks.
pub fn previous<'a>(dir: &Path, files: Option<impl Iterator<Item = &'a str>>) -> Vec<Redirect> {
    let mut found = BTreeSet::new();
    if let Ok(text) = std::fs::read_to_string(dir.join("_redirects")) {
        for line in text.lines() {
            let mut fields = line.split_whitespace();
            if let (Some(from), Some(_to)) = (fields.next(), fields.next()) {
                // Only former slugs: `/outdoor-site/7` is a short form, though it holds a dash.
                let slugged = from
                    .trim_matches('/')
                    .rsplit('/')
                    .next()
                    .is_some_and(|last| last.contains('-'));
                if slugged {
                    if let Some((root, kind, id)) = object_of(from) {
                        found.insert(Redirect {
                            root,
                            kind,
                            id,
                            from: from.to_string(),
                        });
                    }
                }
            }
        }
    }
    let mut page = |prefix: &str, kind: &str, name: &str| {
        if !name.contains('-') {
            return;
        }
        let from = format!("{prefix}{kind}/{name}/");
        if let Some((root, kind, id)) = object_of(&from) {
            found.insert(Redirect { root, kind, id, from });
        }
    };
    if let Some(files) = files {
        for path in files {
            let parts: Vec<&str> = path.split('/').collect();
            match parts.as_slice() {
                [kind, name, "index.html"] if KINDS.contains(kind) => page("/", kind, name),
                [lang, kind, name, "index.html"] if KINDS.contains(kind) && !KINDS.contains(lang) => {
                    page(&format!("/{lang}/"), kind, name)
                }
                _ => {}
            }
        }
        return found.into_iter().collect();
    }
    let mut roots = vec![dir.to_path_buf()];
    if let Ok(entries) = std::fs::read_dir(dir) {
        roots.extend(
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir() && !KINDS.iter().any(|k| p.ends_with(k))),
        );
    }
    for root in roots {
        for kind in KINDS {
            let Ok(entries) = std::fs::read_dir(root.join(kind)) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !entry.path().join("index.html").is_file() {
                    continue;
                }
                let prefix = match root.strip_prefix(dir).ok().and_then(|p| p.to_str()) {
                    Some("") | None => "/".to_string(),
                    Some(lang) => format!("/{lang}/"),
                };
                page(&prefix, kind, &name);
            }
        }
    }
    found.into_iter().collect()
}

/// The `_redirects` file for this build.
pub fn netlify_file(sites: &[LanguageSite], previous: &[Redirect]) -> String {
    let mut current: BTreeMap<(String, &str, u64), &str> = BTreeMap::new();
    for site in sites {
        let cards = site.cards();
        for card in cards.filter(|c| !c.external) {
            current.insert((site.root.clone(), card.kind, card.id), &card.url);
        }
    }
    let mut lines =
        vec!["# Written by sentier: short and former URLs of each page, to its canonical URL.".to_string()];
    for ((root, kind, id), url) in &current {
        lines.push(format!("{root}{kind}/{id} {url} 301"));
        lines.push(format!("{root}{kind}/{id}/ {url} 301"));
    }
    let mut old: BTreeSet<(&str, &str)> = BTreeSet::new();
    for redirect in previous {
        if let Some(url) = current.get(&(redirect.root.clone(), redirect.kind.as_str(), redirect.id)) {
            if redirect.from != *url {
                old.insert((redirect.from.as_str(), url));
            }
        }
    }
    for (from, to) in old {
        lines.push(format!("{from} {to} 301"));
    }
    for site in sites.iter().filter(|s| !s.is_default) {
        lines.push(format!("{}* {}404.html 404", site.root, site.root));
    }
    lines.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_urls_are_recognized() {
        assert_eq!(
            object_of("/en/trek/2-old/"),
            Some(("/en/".into(), "trek".into(), 2))
        );
        assert_eq!(object_of("/trek/2-old/"), Some(("/".into(), "trek".into(), 2)));
        assert_eq!(
            object_of("/outdoor-site/7-x"),
            Some(("/".into(), "outdoor-site".into(), 7))
        );
        assert_eq!(object_of("/trek/page/2/"), None);
        assert_eq!(object_of("/a/b/trek/2-x/"), None);
    }

    #[test]
    fn short_forms_of_the_previous_build_are_not_taken_for_old_slugs() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("_redirects"),
            "/outdoor-site/7 /outdoor-site/7-x/ 301\n/outdoor-site/7-old/ /outdoor-site/7-x/ 301\n",
        )
        .unwrap();
        let found: Vec<String> = previous(dir.path(), None::<std::iter::Empty<&str>>)
            .into_iter()
            .map(|r| r.from)
            .collect();
        assert_eq!(found, ["/outdoor-site/7-old/"]);
    }

    #[test]
    fn old_pages_are_the_same_listed_by_the_record_or_read_from_disk() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            "trek/2-old/index.html",
            "trek/2-old/2-old.gpx",
            "trek/page/2/index.html",
            "trek/9/index.html",
            "en/trek/2-old-en/index.html",
            "en/service/5-x/index.html",
            "en/trek/page/2/index.html",
            "index.html",
        ];
        for file in files {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let from_disk = previous(dir.path(), None::<std::iter::Empty<&str>>);
        let from_record = previous(dir.path(), Some(files.into_iter()));
        let urls: Vec<&str> = from_record.iter().map(|r| r.from.as_str()).collect();
        assert_eq!(urls, ["/trek/2-old/", "/en/service/5-x/", "/en/trek/2-old-en/"]);
        assert_eq!(from_record, from_disk);
    }
}
