//! One HTTP GET policy for the whole pull: at most `concurrency` requests in flight, a timeout
//! per request, and retries with exponential backoff on 429/502/503/504, timeouts and broken
//! connections, honouring `Retry-After`. Every retry is logged with its URL; the final error
//! names the URL and what went wrong, with a hint when the cause is a likely misconfiguration.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use reqwest::StatusCode;
use thiserror::Error;
use tokio::sync::Semaphore;

use crate::config::FetchSettings;
use crate::json;
use crate::printer::{Printer, WarningKind};

#[derive(Debug, Error)]
pub enum FetchError {
    #[error("GET {url}: HTTP {status}{detail}{hint}")]
    Status {
        url: String,
        status: u16,
        detail: String,
        hint: &'static str,
    },
    #[error("GET {url}: {reason} (after {attempts} attempts)")]
    Transport {
        url: String,
        reason: String,
        attempts: u32,
    },
    #[error("GET {url}: the response is not JSON ({content_type}, starting with {start:?}){hint}")]
    NotJson {
        url: String,
        content_type: String,
        start: String,
        hint: &'static str,
    },
    #[error("GET {url}: invalid JSON: {source}")]
    BadJson { url: String, source: serde_json::Error },
    #[error("{url} is not a valid API URL: {reason}")]
    BadUrl { url: String, reason: String },
}

impl FetchError {
    /// The HTTP status, for callers that treat some statuses (404) as an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            FetchError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}

pub struct Client {
    http: reqwest::Client,
    slots: Semaphore,
    retries: u32,
    requests: AtomicUsize,
    backoff_base: Duration,
}

impl Client {
    pub fn new(settings: &FetchSettings) -> Client {
        let http = reqwest::Client::builder()
            .user_agent(concat!("sentier/", env!("CARGO_PKG_VERSION")))
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout.min(Duration::from_secs(15)))
            .build()
            .expect("the HTTP client builds with static settings");
        Client {
            http,
            slots: Semaphore::new(settings.concurrency),
            retries: settings.retries,
            requests: AtomicUsize::new(0),
            backoff_base: Duration::from_millis(500),
        }
    }

    /// Requests sent so far, retries included.
    pub fn request_count(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }

    /// GETs `url` and returns its JSON body as text, with bare `NaN` tokens made `null`.
    pub async fn get_json_text(&self, url: &str, printer: &Printer) -> Result<String, FetchError> {
        let attempts = self.retries + 1;
        let mut attempt = 1;
        loop {
            // The permit covers the whole exchange, body included: `concurrency` bounds the
            // downloads in flight, not only the requests waiting for headers.
            let outcome = {
                let _slot = self.slots.acquire().await.expect("the semaphore is never closed");
                self.requests.fetch_add(1, Ordering::Relaxed);
                printer.detail(format!("GET {url}"));
                self.exchange(url).await
            };
            let (retry_after, reason) = match outcome {
                Exchange::Done(body) => return check_body(url, body),
                Exchange::Fatal(error) => return Err(error.into_error(url, attempt)),
                Exchange::Transient { retry_after, reason } => (retry_after, reason),
            };
            if attempt >= attempts {
                return Err(match reason.strip_prefix("HTTP ").and_then(|s| s.parse().ok()) {
                    Some(status) => FetchError::Status {
                        url: url.to_string(),
                        status,
                        detail: format!(" (after {attempts} attempts)"),
                        hint: "",
                    },
                    None => FetchError::Transport {
                        url: url.to_string(),
                        reason,
                        attempts,
                    },
                });
            }
            let wait = retry_after
                .unwrap_or_else(|| self.backoff_base * 2u32.pow(attempt - 1))
                .min(MAX_WAIT);
            printer.warn(
                WarningKind::Retry,
                format!(
                    "GET {url}: {reason}; retrying in {:.1} s (attempt {}/{attempts})",
                    wait.as_secs_f64(),
                    attempt + 1
                ),
            );
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// One request and its body. Timeouts and broken connections, while waiting for headers
    /// or while reading the body, are transient; so are 429/502/503/504.
    async fn exchange(&self, url: &str) -> Exchange {
        let response = match self
            .http
            .get(url)
            .header("Accept", "application/json")
            .send()
            .await
        {
            Ok(response) => response,
            Err(error) if error.is_timeout() || error.is_connect() || error.is_request() => {
                return Exchange::Transient {
                    retry_after: None,
                    reason: transport_reason(&error),
                }
            }
            Err(error) => return Exchange::Fatal(Fatal::Transport(transport_reason(&error))),
        };
        let status = response.status();
        if is_transient(status) {
            return Exchange::Transient {
                retry_after: retry_after(&response),
                reason: format!("HTTP {}", status.as_u16()),
            };
        }
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("no content type")
            .to_string();
        match response.text().await {
            Ok(text) => Exchange::Done(Body {
                status,
                content_type,
                text,
            }),
            Err(error) => Exchange::Transient {
                retry_after: None,
                reason: format!("reading the body failed: {}", transport_reason(&error)),
            },
        }
    }
}

struct Body {
    status: StatusCode,
    content_type: String,
    text: String,
}

enum Exchange {
    Done(Body),
    Transient {
        retry_after: Option<Duration>,
        reason: String,
    },
    Fatal(Fatal),
}

enum Fatal {
    Transport(String),
}

impl Fatal {
    fn into_error(self, url: &str, attempts: u32) -> FetchError {
        match self {
            Fatal::Transport(reason) => FetchError::Transport {
                url: url.to_string(),
                reason,
                attempts,
            },
        }
    }
}

/// A complete response: an API error, something that is not JSON, or the JSON text.
fn check_body(url: &str, body: Body) -> Result<String, FetchError> {
    let Body {
        status,
        content_type,
        text,
    } = body;
    let looks_like_json = matches!(text.trim_start().as_bytes().first(), Some(b'{' | b'['));
    if !status.is_success() {
        return Err(FetchError::Status {
            url: url.to_string(),
            status: status.as_u16(),
            detail: error_detail(&text, looks_like_json),
            hint: status_hint(status, looks_like_json),
        });
    }
    if !looks_like_json {
        let start: String = text.trim_start().chars().take(60).collect();
        let html = text.trim_start().starts_with('<');
        return Err(FetchError::NotJson {
            url: url.to_string(),
            content_type,
            start,
            hint: if html {
                "; an HTML page here is usually a login page (the instance sets API_IS_PUBLIC = False) or a URL that is not a Geotrek API v2 root"
            } else {
                ""
            },
        });
    }
    Ok(json::sanitize_non_finite(&text).into_owned())
}

/// No server's `Retry-After` makes a nightly build wait longer than this per attempt.
const MAX_WAIT: Duration = Duration::from_secs(120);

fn is_transient(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

/// `Retry-After` as seconds or an HTTP date.
fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    let value = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?;
    parse_retry_after(value, std::time::SystemTime::now())
}

fn parse_retry_after(value: &str, now: std::time::SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// reqwest's own message is "error sending request for url (...)"; the cause says more.
fn transport_reason(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        return "timed out".into();
    }
    let mut reason = String::new();
    let mut source: Option<&dyn std::error::Error> = Some(error);
    while let Some(cause) = source {
        reason = cause.to_string();
        source = cause.source();
    }
    if error.is_connect() {
        format!("cannot connect: {reason}")
    } else {
        reason
    }
}

/// The API's own words for an error: `{"detail": ...}` or `{"page": ...}`.
fn error_detail(body: &str, looks_like_json: bool) -> String {
    if !looks_like_json {
        return String::new();
    }
    let Ok(value) = serde_json::from_str::<serde_json::Value>(body) else {
        return String::new();
    };
    ["detail", "page"]
        .iter()
        .find_map(|key| value.get(key).and_then(|v| v.as_str()))
        .map(|text| format!(": {text}"))
        .unwrap_or_default()
}

fn status_hint(status: StatusCode, looks_like_json: bool) -> &'static str {
    match status.as_u16() {
        401 | 403 => "; this instance's API is not public (API_IS_PUBLIC = False)",
        404 if !looks_like_json => "; is this the root of a Geotrek API v2 (https://host/api/v2/)?",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(7));
        assert_eq!(parse_retry_after(&later, now), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn api_errors_keep_the_api_message() {
        assert_eq!(
            error_detail(r#"{"detail": "No Trek matches the given query."}"#, true),
            ": No Trek matches the given query."
        );
        assert_eq!(error_detail("<html>", false), "");
    }
}
