//! API → [`Snapshot`]: every endpoint the site needs, each listed once in the all-languages form
//! (no `language=`: the number of requests does not depend on the site's languages), page by
//! page along the API's absolute `next` links with the largest page size it allows. Objects that
//! are referenced but absent from the lists (itinerary steps, nomenclature values the lists
//! filter out) are then fetched by their detail route.

pub mod client;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use futures::future::join_all;
use serde::Deserialize;
use serde_json::value::RawValue;
use thiserror::Error;
use url::Url;

use crate::config::{CityFilter, Config};
use crate::endpoint::{self, Endpoint, FilterParam};
use crate::model::values::Id;
use crate::printer::{Printer, Progress, WarningKind};
use crate::snapshot::{Manifest, Snapshot, FORMAT_VERSION};
pub use client::{Client, FetchError};

/// Geotrek clamps larger page sizes to this.
const MAX_PAGE_SIZE: &str = "1000";
/// Rounds of detail fetches: a fetched step may reference nomenclature values not yet seen.
const MAX_REFERENCE_ROUNDS: usize = 5;

#[derive(Debug, Error)]
pub enum PullError {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error("GET {url}: {message}")]
    Shape { url: String, message: String },
}

/// `https://host`, `https://host/api/v2` and `https://host/api/v2/` all mean the API root
/// `https://host/api/v2/` (an instance may live under a prefix: `https://host/geotrek/api/v2/`).
pub fn api_root(api: &str) -> Result<Url, FetchError> {
    let bad = |reason: String| FetchError::BadUrl {
        url: api.to_string(),
        reason,
    };
    let mut url = Url::parse(api.trim()).map_err(|e| bad(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("only http and https are supported".into()));
    }
    if url.host_str().is_none() {
        return Err(bad("no host".into()));
    }
    url.set_query(None);
    url.set_fragment(None);
    let path = url.path().trim_end_matches('/').to_string();
    let path = if path.ends_with("/api/v2") {
        format!("{path}/")
    } else {
        format!("{path}/api/v2/")
    };
    url.set_path(&path);
    Ok(url)
}

struct Puller<'a> {
    client: Client,
    root: Url,
    config: &'a Config,
    printer: &'a Printer,
    progress: Progress<'a>,
    version: Option<String>,
}

/// Pulls the instance. With the `previous` snapshot of the same API, version and query, lists
/// that track updates ask only for objects updated since the day before that pull, and their
/// ids to find deletions; the result is the snapshot a full pull would write.
pub async fn pull(
    config: &Config,
    api: &str,
    printer: &Printer,
    previous: Option<&Snapshot>,
) -> Result<Snapshot, PullError> {
    let root = api_root(api)?;
    let started = std::time::Instant::now();
    let mut puller = Puller {
        client: Client::new(&config.fetch),
        root,
        config,
        printer,
        progress: printer.progress("pull", "requests", None),
        version: None,
    };
    let (version, bbox) = tokio::join!(puller.version(), puller.instance_bbox());
    puller.version = version?;
    match &puller.version {
        Some(version) => printer.info(format!("Geotrek-admin {version} at {}", puller.root)),
        None => printer.info(format!(
            "Geotrek-admin older than 2.63 at {} (no /version route)",
            puller.root
        )),
    }

    let endpoints: Vec<&Endpoint> = endpoint::selected(&config.include).collect();
    let query_key = puller.query_key(&endpoints);
    let since = previous.and_then(|previous| puller.incremental_since(previous, &query_key));
    if let Some(since) = since {
        printer.info(format!(
            "incremental pull: objects updated since {since}, and the ids of every list"
        ));
    }
    let puller = &puller;
    let lists = join_all(endpoints.iter().map(|e| async move {
        let previous = previous.and_then(|p| p.objects.get(e.name));
        match (since, previous) {
            (Some(since), Some(previous)) if endpoint::tracks_updates(e) => {
                puller.list_updates(e, since, previous).await
            }
            _ => puller.list(e).await,
        }
    }))
    .await;
    let mut objects = BTreeMap::new();
    let mut missing_endpoints = Vec::new();
    for (endpoint, list) in endpoints.iter().zip(lists) {
        match list? {
            Some(list) => {
                objects.insert(endpoint.name.to_string(), list);
            }
            None => missing_endpoints.push(endpoint.name.to_string()),
        }
    }
    puller.complete_references(&mut objects).await?;

    let languages = languages_found(&objects);
    let counts = objects
        .iter()
        .map(|(name, list)| (name.clone(), list.len()))
        .collect();
    let requests = puller.client.request_count();
    printer.info(format!(
        "pulled {} objects from {} endpoints in {requests} requests, {:.1} s; languages: {}",
        objects.values().map(Vec::len).sum::<usize>(),
        objects.len(),
        started.elapsed().as_secs_f64(),
        if languages.is_empty() {
            "none found".to_string()
        } else {
            languages.join(", ")
        },
    ));
    Ok(Snapshot {
        manifest: Manifest {
            format: FORMAT_VERSION,
            sentier_version: env!("CARGO_PKG_VERSION").to_string(),
            api: puller.root.to_string(),
            api_version: puller.version.clone(),
            languages,
            fetched_at: chrono::Utc::now(),
            counts,
            missing_endpoints,
            bbox,
            requests,
            query_key: Some(query_key),
        },
        objects,
    })
}

impl Puller<'_> {
    fn url(&self, path: &str) -> Url {
        self.root
            .join(path)
            .expect("endpoint paths are valid relative URLs")
    }

    async fn get(&self, url: &Url) -> Result<String, FetchError> {
        let text = self.client.get_json_text(url.as_str(), self.printer).await;
        self.progress.inc(1);
        text
    }

    /// `/version` has no trailing slash; instances before 2.63 answer 404.
    async fn version(&self) -> Result<Option<String>, PullError> {
        #[derive(Deserialize)]
        struct Version {
            version: Option<String>,
        }
        let url = self.url("version");
        match self.get(&url).await {
            Ok(text) => Ok(parse::<Version>(&url, &text)?.version),
            Err(error) if error.status() == Some(404) => Ok(None),
            Err(error) => Err(error.into()),
        }
    }

    /// The instance's extent, a default view for maps; optional, so never an error.
    async fn instance_bbox(&self) -> Option<[f64; 4]> {
        #[derive(Deserialize)]
        struct InstanceConfig {
            bbox: Option<[f64; 4]>,
        }
        let url = self.url("config/");
        match self.get(&url).await {
            Ok(text) => parse::<InstanceConfig>(&url, &text).ok().and_then(|c| c.bbox),
            Err(error) if error.status() == Some(404) => None,
            // Only a default map view depends on it: not worth failing the pull.
            Err(error) => {
                self.printer.warn(
                    WarningKind::MissingEndpoint,
                    format!("{error}; going on without the instance's extent"),
                );
                None
            }
        }
    }

    fn list_url(&self, endpoint: &Endpoint) -> Url {
        let mut url = self.url(&format!("{}/", endpoint.name));
        {
            let mut query = url.query_pairs_mut();
            query.append_pair("page_size", MAX_PAGE_SIZE);
            for (key, value) in endpoint.query {
                query.append_pair(key, value);
            }
            for (key, value) in self.filter_params(endpoint) {
                query.append_pair(key, &value);
            }
        }
        url
    }

    /// The `[source]` filters this endpoint understands, as query parameters.
    fn filter_params(&self, endpoint: &Endpoint) -> Vec<(&'static str, String)> {
        let filters = &self.config.filters;
        let join = |ids: &[u64]| ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
        let mut params = Vec::new();
        for param in endpoint.filters {
            match param {
                FilterParam::Portals if !filters.portals.is_empty() => {
                    params.push(("portals", join(&filters.portals)))
                }
                FilterParam::Structures if !filters.structures.is_empty() => {
                    params.push(("structures", join(&filters.structures)))
                }
                FilterParam::Practices if !filters.practices.is_empty() => {
                    params.push(("practices", join(&filters.practices)))
                }
                FilterParam::Districts if !filters.districts.is_empty() => {
                    params.push(("districts", join(&filters.districts)))
                }
                FilterParam::Cities if !filters.cities.is_empty() && self.city_ids_supported() => {
                    let ids: Vec<u64> = filters
                        .cities
                        .iter()
                        .filter_map(|c| match c {
                            CityFilter::Id(id) => Some(*id),
                            CityFilter::Code(_) => None,
                        })
                        .collect();
                    if ids.len() == filters.cities.len() {
                        params.push(("cities", join(&ids)));
                    }
                }
                FilterParam::InBbox => {
                    if let Some([w, s, e, n]) = filters.bbox {
                        params.push(("in_bbox", format!("{w},{s},{e},{n}")));
                    }
                }
                _ => {}
            }
        }
        params
    }

    /// Before 2.116 city ids were INSEE codes; the `cities=` filter is only sent when ids are
    /// known to be integers, and always applied locally.
    fn city_ids_supported(&self) -> bool {
        let Some(version) = &self.version else {
            return false;
        };
        let mut parts = version
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|p| p.parse::<u32>().ok());
        let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
        (major, minor) >= (2, 116)
    }

    /// Every page of one endpoint's list; `None` when this instance does not serve it.
    async fn list(&self, endpoint: &Endpoint) -> Result<Option<Vec<Box<RawValue>>>, PullError> {
        self.list_from(endpoint, self.list_url(endpoint)).await
    }

    /// Every page from `url` on.
    async fn list_from(
        &self,
        endpoint: &Endpoint,
        mut url: Url,
    ) -> Result<Option<Vec<Box<RawValue>>>, PullError> {
        let mut objects: Vec<Box<RawValue>> = Vec::new();
        let mut seen_urls = HashSet::new();
        loop {
            let text = match self.get(&url).await {
                Ok(text) => text,
                Err(error) if error.status() == Some(404) && objects.is_empty() && !endpoint.required => {
                    self.printer.warn(
                        WarningKind::MissingEndpoint,
                        format!(
                            "{} is not served by this instance (404 at {url}); going on without it",
                            endpoint.name
                        ),
                    );
                    return Ok(None);
                }
                Err(error) => return Err(error.into()),
            };
            seen_urls.insert(url.to_string());
            let (page, next) = parse_page(&url, &text)?;
            objects.extend(page);
            let Some(next) = next else { break };
            let next = self.follow(&url, &next)?;
            if seen_urls.contains(next.as_str()) {
                return Err(PullError::Shape {
                    url: url.to_string(),
                    message: format!("`next` points back to an already fetched page ({next})"),
                });
            }
            url = next;
        }
        dedup_by_id(&mut objects);
        self.printer
            .detail(format!("{}: {} objects", endpoint.name, objects.len()));
        Ok(Some(objects))
    }

    /// The query every list is made with, as a fingerprint: a snapshot pulled with other
    /// filters or endpoints cannot be updated incrementally.
    fn query_key(&self, endpoints: &[&Endpoint]) -> String {
        let mut key = crate::fingerprint::Fingerprint::new();
        for endpoint in endpoints {
            key.text(self.list_url(endpoint).as_str());
        }
        key.finish()
    }

    /// The day to ask updates from, when `previous` was pulled from this API at this version
    /// with the same query: the day before that pull, since `updated_after` compares days
    /// (and the instance's time zone may not be UTC).
    fn incremental_since(&self, previous: &Snapshot, query_key: &str) -> Option<chrono::NaiveDate> {
        let manifest = &previous.manifest;
        let same = manifest.format == FORMAT_VERSION
            && manifest.api == self.root.as_str()
            && manifest.api_version == self.version
            && manifest.query_key.as_deref() == Some(query_key);
        // Before 2.63 there is no `updated_after` (nor `/version`).
        (same && self.version.is_some()).then(|| manifest.fetched_at.date_naive() - chrono::Days::new(1))
    }

    /// One endpoint's list made from the `previous` one: objects updated since `since` replace
    /// theirs, objects whose id is no longer listed are dropped, and the list keeps the API's
    /// order. An id listed but in neither (newly published without an update) is fetched by
    /// its detail route.
    async fn list_updates(
        &self,
        endpoint: &Endpoint,
        since: chrono::NaiveDate,
        previous: &[Box<RawValue>],
    ) -> Result<Option<Vec<Box<RawValue>>>, PullError> {
        let mut updated_url = self.list_url(endpoint);
        updated_url
            .query_pairs_mut()
            .append_pair("updated_after", &since.format("%Y-%m-%d").to_string());
        let mut ids_url = self.list_url(endpoint);
        ids_url.query_pairs_mut().append_pair("fields", "id");
        let (updated, listed) = tokio::join!(
            self.list_from(endpoint, updated_url),
            self.list_from(endpoint, ids_url)
        );
        let (Some(updated), Some(listed)) = (updated?, listed?) else {
            return Ok(None);
        };
        let mut known: HashMap<Id, &RawValue> = previous
            .iter()
            .filter_map(|raw| Some((raw_id(raw)?, raw.as_ref())))
            .collect();
        let changed = updated.len();
        let mut updated: HashMap<Id, Box<RawValue>> = updated
            .into_iter()
            .filter_map(|raw| Some((raw_id(&raw)?, raw)))
            .collect();
        let ids: Vec<Id> = listed.iter().filter_map(|raw| raw_id(raw)).collect();
        let unknown: Vec<Id> = ids
            .iter()
            .copied()
            .filter(|id| !updated.contains_key(id) && !known.contains_key(id))
            .collect();
        let fetched = join_all(unknown.iter().map(|id| self.detail(endpoint.name, *id))).await;
        for (id, raw) in unknown.iter().zip(fetched) {
            if let Some(raw) = raw? {
                updated.insert(*id, raw);
            }
        }
        let mut objects = Vec::with_capacity(ids.len());
        for id in &ids {
            if let Some(raw) = updated.remove(id) {
                objects.push(raw);
            } else if let Some(raw) = known.remove(id) {
                objects.push(raw.to_owned());
            }
        }
        let listed: HashSet<Id> = ids.iter().copied().collect();
        let unlisted = previous
            .iter()
            .filter(|raw| raw_id(raw).is_some_and(|id| !listed.contains(&id)))
            .count();
        self.printer.detail(format!(
            "{}: {changed} updated since {since}, {} listed, {} fetched by id, {unlisted} no longer listed",
            endpoint.name,
            ids.len(),
            unknown.len(),
        ));
        Ok(Some(objects))
    }

    /// The API's `next` link, on the API's own scheme and host: behind a misconfigured proxy
    /// Geotrek builds links with `http://` or an internal host name.
    fn follow(&self, current: &Url, next: &str) -> Result<Url, PullError> {
        let mut next = current.join(next).map_err(|e| PullError::Shape {
            url: current.to_string(),
            message: format!("`next` is not a URL ({next:?}): {e}"),
        })?;
        if next.host_str() != self.root.host_str()
            || next.scheme() != self.root.scheme()
            || next.port() != self.root.port()
        {
            let _ = next.set_scheme(self.root.scheme());
            let _ = next.set_host(self.root.host_str());
            let _ = next.set_port(self.root.port());
        }
        Ok(next)
    }

    /// Fetches, by detail route, every referenced object missing from the lists, until no
    /// reference is left unresolved. A 404 is a warning; the reference is then dropped by the
    /// model (the object simply is not there).
    async fn complete_references(
        &self,
        objects: &mut BTreeMap<String, Vec<Box<RawValue>>>,
    ) -> Result<(), PullError> {
        let mut tried: HashSet<(&'static str, Id)> = HashSet::new();
        for _ in 0..MAX_REFERENCE_ROUNDS {
            let wanted = missing_references(objects, &tried);
            if wanted.is_empty() {
                return Ok(());
            }
            tried.extend(wanted.iter().map(|(target, id, _)| (*target, *id)));
            let fetched = join_all(wanted.iter().map(|(target, id, _)| self.detail(target, *id))).await;
            let mut added: BTreeMap<&str, Vec<(Id, Box<RawValue>)>> = BTreeMap::new();
            for ((target, id, referrer), result) in wanted.into_iter().zip(fetched) {
                match result? {
                    Some(raw) => added.entry(target).or_default().push((id, raw)),
                    None => self.printer.warn(
                        WarningKind::MissingReference,
                        format!("{referrer} references {target} {id}, which the API does not have (404); reference dropped"),
                    ),
                }
            }
            for (target, mut found) in added {
                found.sort_by_key(|(id, _)| *id);
                let list = objects.entry(target.to_string()).or_default();
                list.extend(found.into_iter().map(|(_, raw)| raw));
            }
        }
        Ok(())
    }

    async fn detail(&self, endpoint: &str, id: Id) -> Result<Option<Box<RawValue>>, PullError> {
        let url = self.url(&format!("{endpoint}/{id}/"));
        match self.get(&url).await {
            Ok(text) => {
                let raw: Box<RawValue> = parse(&url, &text)?;
                if !raw.get().trim_start().starts_with('{') {
                    return Err(PullError::Shape {
                        url: url.to_string(),
                        message: "expected one object".into(),
                    });
                }
                Ok(Some(raw))
            }
            Err(error) if error.status() == Some(404) => Ok(None),
            Err(error) => Err(error.into()),
        }
    }
}

/// `(target endpoint, id, "who references it")` for references not satisfied by `objects`,
/// restricted to endpoints that were fetched (an endpoint the instance lacks has no details).
fn missing_references(
    objects: &BTreeMap<String, Vec<Box<RawValue>>>,
    tried: &HashSet<(&'static str, Id)>,
) -> Vec<(&'static str, Id, String)> {
    let present: HashSet<(&str, Id)> = objects
        .iter()
        .flat_map(|(name, list)| {
            list.iter()
                .filter_map(move |raw| Some((name.as_str(), raw_id(raw)?)))
        })
        .collect();
    let mut wanted = BTreeMap::new();
    for (name, list) in objects {
        let Some(endpoint) = endpoint::find(name) else {
            continue;
        };
        for raw in list {
            for (target, id) in endpoint::referenced_ids(endpoint, raw) {
                if objects.contains_key(target)
                    && !present.contains(&(target, id))
                    && !tried.contains(&(target, id))
                {
                    let referrer = raw_id(raw).map_or_else(|| name.clone(), |own| format!("{name} {own}"));
                    wanted.entry((target, id)).or_insert(referrer);
                }
            }
        }
    }
    wanted
        .into_iter()
        .map(|((target, id), referrer)| (target, id, referrer))
        .collect()
}

fn raw_id(raw: &RawValue) -> Option<Id> {
    #[derive(Deserialize)]
    struct IdOnly {
        id: Option<Id>,
    }
    serde_json::from_str::<IdOnly>(raw.get()).ok()?.id
}

/// Keeps the first of objects sharing an id: page boundaries can shift while paging.
fn dedup_by_id(objects: &mut Vec<Box<RawValue>>) {
    let mut seen = HashSet::new();
    objects.retain(|raw| raw_id(raw).is_none_or(|id| seen.insert(id)));
}

fn parse<'a, T: Deserialize<'a>>(url: &Url, text: &'a str) -> Result<T, FetchError> {
    serde_json::from_str(text).map_err(|source| FetchError::BadJson {
        url: url.to_string(),
        source,
    })
}

/// A list response: the paginated envelope `{count, next, previous, results}`, or a bare
/// array (`menu_item/`, or any list with `no_page`).
fn parse_page(url: &Url, text: &str) -> Result<(Vec<Box<RawValue>>, Option<String>), PullError> {
    if text.trim_start().starts_with('[') {
        return Ok((parse(url, text)?, None));
    }
    #[derive(Deserialize)]
    struct Page {
        results: Option<Vec<Box<RawValue>>>,
        next: Option<String>,
    }
    let page: Page = parse(url, text)?;
    let results = page.results.ok_or_else(|| PullError::Shape {
        url: url.to_string(),
        message: "not a Geotrek list (no `results`); is this a Geotrek API v2?".into(),
    })?;
    Ok((results, page.next.filter(|n| !n.is_empty())))
}

/// Languages in translated fields, in the order the instance lists them.
fn languages_found(objects: &BTreeMap<String, Vec<Box<RawValue>>>) -> Vec<String> {
    #[derive(Deserialize)]
    struct Translated {
        #[serde(default)]
        name: KeysInOrder,
        #[serde(default)]
        label: KeysInOrder,
        #[serde(default)]
        title: KeysInOrder,
        #[serde(default)]
        published: KeysInOrder,
    }
    let mut found: Vec<String> = Vec::new();
    let sources = [
        "trek",
        "poi",
        "touristiccontent",
        "flatpage",
        "theme",
        "trek_practice",
    ];
    for name in sources {
        for raw in objects
            .get(name)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .take(200)
        {
            let Ok(t) = serde_json::from_str::<Translated>(raw.get()) else {
                continue;
            };
            for key in [t.name, t.label, t.title, t.published]
                .into_iter()
                .flat_map(|k| k.0)
            {
                if !found.contains(&key) {
                    found.push(key);
                }
            }
        }
    }
    found
}

/// The keys of a JSON object in document order; nothing for any other value.
#[derive(Default)]
struct KeysInOrder(Vec<String>);

impl<'de> Deserialize<'de> for KeysInOrder {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> serde::de::Visitor<'de> for Keys {
            type Value = KeysInOrder;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any value")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<KeysInOrder, A::Error> {
                let mut keys = Vec::new();
                while let Some((key, _)) = map.next_entry::<String, serde::de::IgnoredAny>()? {
                    keys.push(key);
                }
                Ok(KeysInOrder(keys))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<KeysInOrder, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(KeysInOrder::default())
            }
            fn visit_unit<E>(self) -> Result<KeysInOrder, E> {
                Ok(KeysInOrder::default())
            }
            fn visit_bool<E>(self, _: bool) -> Result<KeysInOrder, E> {
                Ok(KeysInOrder::default())
            }
            fn visit_str<E>(self, _: &str) -> Result<KeysInOrder, E> {
                Ok(KeysInOrder::default())
            }
            fn visit_u64<E>(self, _: u64) -> Result<KeysInOrder, E> {
                Ok(KeysInOrder::default())
            }
            fn visit_i64<E>(self, _: i64) -> Result<KeysInOrder, E> {
                Ok(KeysInOrder::default())
            }
            fn visit_f64<E>(self, _: f64) -> Result<KeysInOrder, E> {
                Ok(KeysInOrder::default())
            }
        }
        deserializer.deserialize_any(Keys)
    }
}

/// Languages a site asks for that the instance's data does not have.
pub fn languages_missing<'a>(site: &'a [String], found: &[String]) -> BTreeSet<&'a str> {
    if found.is_empty() {
        return BTreeSet::new();
    }
    site.iter()
        .filter(|l| !found.contains(l))
        .map(String::as_str)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_root_accepts_a_host_or_the_api_root() {
        for input in [
            "https://geo.example.org",
            "https://geo.example.org/api/v2",
            "https://geo.example.org/api/v2/",
        ] {
            assert_eq!(
                api_root(input).unwrap().as_str(),
                "https://geo.example.org/api/v2/",
                "{input}"
            );
        }
        assert_eq!(
            api_root("http://h:8000/geotrek/").unwrap().as_str(),
            "http://h:8000/geotrek/api/v2/"
        );
        assert!(api_root("geo.example.org").is_err());
        assert!(api_root("ftp://geo.example.org").is_err());
    }

    #[test]
    fn languages_are_found_in_instance_order() {
        let mut objects = BTreeMap::new();
        objects.insert(
            "trek".to_string(),
            serde_json::from_str::<Vec<Box<RawValue>>>(r#"[{"name": {"fr": "a", "en": null, "it": ""}, "published": {"fr": true, "en": false, "it": false}}]"#).unwrap(),
        );
        assert_eq!(languages_found(&objects), ["fr", "en", "it"]);
    }

    #[test]
    fn a_list_is_an_envelope_or_a_bare_array() {
        let url = Url::parse("http://x/api/v2/menu_item/").unwrap();
        let (items, next) = parse_page(&url, r#"[{"id": 1}]"#).unwrap();
        assert_eq!((items.len(), next), (1, None));
        let (items, next) = parse_page(
            &url,
            r#"{"count": 3, "next": "http://x/?page=2", "results": [{"id": 1}]}"#,
        )
        .unwrap();
        assert_eq!((items.len(), next.as_deref()), (1, Some("http://x/?page=2")));
        assert!(parse_page(&url, r#"{"detail": "x"}"#)
            .unwrap_err()
            .to_string()
            .contains("no `results`"));
    }
}
