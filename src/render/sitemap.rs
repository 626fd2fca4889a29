//! `sitemap.xml` (every indexable page, `lastmod`, hreflang alternates), split into numbered
//! files under a sitemap index past the protocol's 50,000 URLs, and `robots.txt` pointing at it.

use super::jobs::PageJob;
use super::seo::alternate_index;

/// The sitemap protocol's limit per file.
const MAX_URLS: usize = 50_000;

fn escape(text: &str) -> String {
    html_escape::encode_quoted_attribute(text).into_owned()
}

/// `(file name, XML)`: one `sitemap.xml`, or an index and its parts.
/// `languages[i]` is the language of the pages with `site == i`.
pub fn sitemaps(base_url: &str, pages: &[&PageJob], languages: &[&str]) -> Vec<(String, String)> {
    sitemaps_with_limit(base_url, pages, languages, MAX_URLS)
}

fn sitemaps_with_limit(
    base_url: &str,
    pages: &[&PageJob],
    languages: &[&str],
    limit: usize,
) -> Vec<(String, String)> {
    let alternates = alternate_index(pages);
    let mut entries: Vec<String> = Vec::new();
    let mut sorted: Vec<&&PageJob> = pages.iter().filter(|p| p.indexable()).collect();
    sorted.sort_by(|a, b| a.url.cmp(&b.url));
    for page in sorted {
        let mut entry = format!("<url><loc>{}</loc>", escape(&format!("{base_url}{}", page.url)));
        if let Some(day) = page.lastmod.get(..10).filter(|d| d.len() == 10) {
            entry.push_str(&format!("<lastmod>{day}</lastmod>"));
        }
        let versions = alternates
            .get(page.key.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        if versions.len() > 1 {
            for (site, url) in versions {
                let lang = languages[*site];
                entry.push_str(&format!(
                    r#"<xhtml:link rel="alternate" hreflang="{}" href="{}"/>"#,
                    escape(lang),
                    escape(&format!("{base_url}{url}"))
                ));
            }
        }
        entry.push_str("</url>");
        entries.push(entry);
    }
    let urlset = |entries: &[String]| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n{}\n</urlset>\n",
            entries.join("\n")
        )
    };
    if entries.len() <= limit {
        return vec![("sitemap.xml".into(), urlset(&entries))];
    }
    let mut files = Vec::new();
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (i, chunk) in entries.chunks(limit).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        index.push_str(&format!(
            "<sitemap><loc>{}</loc></sitemap>\n",
            escape(&format!("{base_url}/{name}"))
        ));
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".into(), index));
    files
}

pub fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}/sitemap.xml\n")
}

#[cfg(test)]
mod tests {
    use super::super::jobs::{Page, PageJob};
    use super::*;
    use crate::content::ContentPage;

    #[test]
    fn past_the_limit_the_sitemap_becomes_an_index_of_parts() {
        let markdown = ContentPage {
            lang: "fr".into(),
            text_lang: None,
            url: String::new(),
            title: "x".into(),
            description: None,
            weight: 0,
            template: "page.html".into(),
            html: String::new(),
            extra: Default::default(),
            key: "x".into(),
            source: Default::default(),
        };
        let pages: Vec<PageJob> = (0..5)
            .map(|i| PageJob {
                site: 0,
                page: Page::Markdown(&markdown),
                url: format!("/p{i}/"),
                key: format!("md:{i}"),
                lastmod: "2024-05-16T12:10:59Z".into(),
            })
            .collect();
        let refs: Vec<&PageJob> = pages.iter().collect();
        let single = sitemaps_with_limit("https://x.org", &refs, &["fr"], 10);
        assert_eq!(single.len(), 1);
        assert_eq!(single[0].1.matches("<url>").count(), 5);
        assert!(single[0]
            .1
            .contains("<loc>https://x.org/p0/</loc><lastmod>2024-05-16</lastmod>"));
        let split = sitemaps_with_limit("https://x.org", &refs, &["fr"], 2);
        let names: Vec<&str> = split.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
        );
        assert_eq!(split[0].1.matches("<sitemap>").count(), 3);
        assert_eq!(split[3].1.matches("<url>").count(), 1);
    }
}
