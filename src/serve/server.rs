//! The development server: the built site as files, each HTML page with the live-reload script,
//! and the WebSocket that tells open pages to reload after a build.

use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::sync::broadcast;

/// Where the server's own files are: no site output can be there.
pub const PREFIX: &str = "/__sentier/";
const LIVE_RELOAD_JS: &str = include_str!("live-reload.js");

/// What the server shares with the build loop.
pub struct LiveSite {
    /// The built site.
    pub root: PathBuf,
    /// The last build's error, shown over every page until a build succeeds.
    error: RwLock<Option<String>>,
    reload: broadcast::Sender<()>,
}

impl LiveSite {
    pub fn new(root: PathBuf) -> Arc<LiveSite> {
        Arc::new(LiveSite {
            root,
            error: RwLock::new(None),
            reload: broadcast::channel(16).0,
        })
    }

    /// Records a build's outcome and tells every open page to reload.
    pub fn built(&self, error: Option<String>) {
        *self.error.write().unwrap_or_else(|e| e.into_inner()) = error;
        // No open page is not an error.
        let _ = self.reload.send(());
    }

    fn error(&self) -> Option<String> {
        self.error.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

pub fn router(site: Arc<LiveSite>) -> Router {
    Router::new()
        .route(&format!("{PREFIX}live-reload"), get(live_reload))
        .route(&format!("{PREFIX}live-reload.js"), get(live_reload_script))
        .fallback(get(site_file))
        .with_state(site)
}

async fn live_reload(State(site): State<Arc<LiveSite>>, upgrade: WebSocketUpgrade) -> Response {
    let builds = site.reload.subscribe();
    upgrade.on_upgrade(move |socket| notify_builds(socket, builds))
}

/// Sends `reload` after each build until the page goes away.
async fn notify_builds(mut socket: WebSocket, mut builds: broadcast::Receiver<()>) {
    loop {
        tokio::select! {
            build = builds.recv() => {
                // A lagging receiver missed builds; one reload covers them all.
                if matches!(build, Err(broadcast::error::RecvError::Closed)) {
                    return;
                }
                if socket.send(Message::Text("reload".into())).await.is_err() {
                    return;
                }
            }
            incoming = socket.recv() => {
                if !matches!(incoming, Some(Ok(_))) {
                    return;
                }
            }
        }
    }
}

async fn live_reload_script() -> Response {
    with_type(
        LIVE_RELOAD_JS.into(),
        "text/javascript; charset=utf-8",
        StatusCode::OK,
    )
}

async fn site_file(State(site): State<Arc<LiveSite>>, uri: Uri) -> Response {
    let Some(relative) = relative_path(uri.path()) else {
        return (StatusCode::BAD_REQUEST, "bad path").into_response();
    };
    let mut path = site.root.join(&relative);
    if tokio::fs::metadata(&path).await.is_ok_and(|m| m.is_dir()) {
        if !uri.path().ends_with('/') {
            let location = format!("{}/", uri.path());
            return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, location)]).into_response();
        }
        path = path.join("index.html");
    }
    let error = site.error();
    let (bytes, status, path) = match tokio::fs::read(&path).await {
        Ok(bytes) => (bytes, StatusCode::OK, path),
        Err(_) => {
            let not_found = not_found_page(&site.root, &relative);
            match tokio::fs::read(&not_found).await {
                Ok(bytes) => (bytes, StatusCode::NOT_FOUND, not_found),
                Err(_) if error.is_some() => (
                    Vec::new(),
                    StatusCode::INTERNAL_SERVER_ERROR,
                    path.join("index.html"),
                ),
                Err(_) => return (StatusCode::NOT_FOUND, "not found").into_response(),
            }
        }
    };
    let mime = mime_guess::from_path(&path).first_or_octet_stream();
    if mime.essence_str() != "text/html" {
        return with_type(bytes.into(), mime.as_ref(), status);
    }
    let html = String::from_utf8_lossy(&bytes);
    let page = if html.is_empty() {
        standalone_page(error.as_deref().unwrap_or_default())
    } else {
        live_page(&html, error.as_deref())
    };
    with_type(page.into(), "text/html; charset=utf-8", status)
}

fn with_type(body: Body, content_type: &str, status: StatusCode) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    // Every response may change at the next save.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The request path as a path under the site, `None` when it would leave it.
fn relative_path(request: &str) -> Option<PathBuf> {
    let decoded = percent_decode(request.trim_start_matches('/'))?;
    let relative = PathBuf::from(decoded);
    relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then_some(relative)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

/// The 404 page of the language the path is in (`/en/…` → `en/404.html`), else the root one.
fn not_found_page(root: &Path, relative: &Path) -> PathBuf {
    if let Some(Component::Normal(first)) = relative.components().next() {
        let localized = root.join(first).join("404.html");
        if localized.is_file() {
            return localized;
        }
    }
    root.join("404.html")
}

fn reload_script() -> String {
    format!("<script src=\"{PREFIX}live-reload.js\"></script>")
}

/// The page with the live-reload script, and the build error over it when the last build failed.
fn live_page(html: &str, error: Option<&str>) -> String {
    let mut injected = reload_script();
    if let Some(error) = error {
        injected.push_str(&error_overlay(error));
    }
    match html.rfind("</body>") {
        Some(end) => format!("{}{injected}{}", &html[..end], &html[end..]),
        None => format!("{html}{injected}"),
    }
}

/// Shown when the failed build left no page to show the error over.
fn standalone_page(error: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build error · sentier</title></head><body>{}{}</body></html>",
        error_overlay(error),
        reload_script()
    )
}

fn error_overlay(error: &str) -> String {
    // Inline styles: the development server sends no Content-Security-Policy, and the overlay
    // must not depend on the theme it reports errors in.
    format!(
        "<div id=\"sentier-build-error\" role=\"alert\" style=\"position:fixed;inset:0;z-index:99999;overflow:auto;\
         background:rgba(20,20,20,.92);color:#fff;font:15px/1.5 system-ui,sans-serif;padding:2rem\">\
         <h1 style=\"color:#ff8a80;font-size:1.4rem;margin:0 0 1rem\">sentier: the build failed</h1>\
         <pre style=\"white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace\">{}</pre>\
         <p>The page reloads when a build succeeds. The site below is the last one that built.</p></div>",
        html_escape::encode_text(error)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_stay_under_the_site() {
        assert_eq!(relative_path("/en/trek/"), Some(PathBuf::from("en/trek/")));
        assert_eq!(relative_path("/"), Some(PathBuf::new()));
        assert_eq!(
            relative_path("/trek/l%C3%A9man/"),
            Some(PathBuf::from("trek/léman/"))
        );
        assert_eq!(relative_path("/../etc/passwd"), None);
        assert_eq!(relative_path("/trek/%2e%2e/%2e%2e/x"), None);
        assert_eq!(relative_path("/%zz"), None);
    }

    #[test]
    fn pages_get_the_script_and_the_error_before_the_body_ends() {
        let page = live_page(
            "<html><body><p>x</p></body></html>",
            Some("templates/a.html: <oops>"),
        );
        assert!(page.ends_with("</body></html>"));
        assert!(page.contains(
            "<p>x</p><script src=\"/__sentier/live-reload.js\"></script><div id=\"sentier-build-error\""
        ));
        assert!(page.contains("templates/a.html: &lt;oops&gt;"));
        assert!(!live_page("<p>x</p>", None).contains("sentier-build-error"));
    }
}
