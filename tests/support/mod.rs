//! The end-to-end harness: a site in a temporary directory, the real `sentier` binary run in
//! it, and the mock Geotrek API serving this repository's fixtures.

#![allow(dead_code)]

pub mod hostile;
pub mod mock_api;
pub mod synth;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    repo().join("tests/fixtures")
}

/// The fixture instance (Écrins treks + Geotrek-admin captures), as the mock serves it.
pub fn fixture_data() -> mock_api::MockData {
    mock_api::fixture_instance(&fixtures())
}

pub struct Run {
    pub success: bool,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn assert_success(&self) -> &Self {
        assert!(self.success, "sentier failed ({:?}):\n{}", self.code, self.stderr);
        self
    }

    /// The warnings printed, except retried requests: a connection the mock API closes as
    /// the client reuses it is retried, as it would be with a real server, when the machine is
    /// busy.
    pub fn warnings_besides_retries(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|line| line.contains("warning") && !line.contains("retr"))
            .collect()
    }

    #[track_caller]
    pub fn assert_failure(&self) -> &Self {
        assert!(
            !self.success,
            "sentier succeeded but should have failed:\n{}",
            self.stderr
        );
        assert_eq!(
            self.code,
            Some(1),
            "a clean error exits with 1, not a panic:\n{}",
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }

    /// The `error:` line, for assertions on its wording.
    pub fn error(&self) -> String {
        self.stderr
            .lines()
            .filter(|l| l.starts_with("error:"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Every theme under the repository's `themes/`, `default` first: the tests of what pages show
/// run once per theme, so a theme added there is tested with the same assertions.
pub fn themes() -> Vec<String> {
    let mut themes: Vec<String> = std::fs::read_dir(repo().join("themes"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.join("templates").is_dir())
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    themes.sort_by_key(|name| (name != "default", name.clone()));
    assert!(themes.len() >= 2, "{themes:?}");
    themes
}

/// `config` using `theme` (a top-level key, so written first).
pub fn with_theme(config: &str, theme: &str) -> String {
    format!("theme = {theme:?}\n{config}")
}

/// Every branding key of `[extra]`, as a tourism office's config sets them.
pub const BRANDING: &str = r##"
[extra]
logo = "logo.svg"
favicon = "favicon.png"
footer_links = [ { title = "Mentions légales", url = "https://example.org/legal" }, { title = { fr = "Accès", en = "Access" }, url = "/information/3/" } ]
[extra.colors]
primary = "#6a2c70"
secondary = "rgb(224, 122, 31)"
background = "#ffffff"
text = "#1b1b1b"
[extra.fonts]
body = "\"Source Sans 3\", system-ui, sans-serif"
heading = "Georgia, serif"
"##;

/// A site directory: `config.toml` and the repository's themes.
pub struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    pub fn new(config: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), config).unwrap();
        std::os::unix::fs::symlink(repo().join("themes"), dir.path().join("themes")).unwrap();
        Site { dir }
    }

    /// Adds [`BRANDING`] to the config, and the logo and favicon it names to `static/`.
    pub fn brand(&self) {
        self.write("config.toml", &(self.read("config.toml") + BRANDING));
        self.write(
            "static/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"4\"/></svg>\n",
        );
        std::fs::write(self.path().join("static/favicon.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, relative: &str, contents: &str) {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    pub fn sentier(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_sentier"))
            .args(args)
            .current_dir(self.path())
            .output()
            .expect("run sentier");
        Run {
            success: output.status.success(),
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Names in the site directory, to check that nothing was written beside the output.
    pub fn entries(&self) -> BTreeSet<String> {
        std::fs::read_dir(self.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    pub fn exists(&self, relative: &str) -> bool {
        self.path().join(relative).exists()
    }

    pub fn json(&self, relative: &str) -> Value {
        serde_json::from_str(&self.read(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    /// Ids of the objects in a snapshot file.
    pub fn snapshot_ids(&self, snapshot: &str, endpoint: &str) -> BTreeSet<u64> {
        self.json(&format!("{snapshot}/{endpoint}.json"))
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|o| o["id"].as_u64())
            .collect()
    }
}

/// A config for `api` with these languages; `source` adds lines to `[source]`. Requests wait
/// 30 s: on two cores, the suite's parallel builds once delayed the mock's answer past 5 s, and
/// the retry's warning failed a test.
pub fn config(api: &str, languages: &[&str], source: &str) -> String {
    let languages: Vec<String> = languages.iter().map(|l| format!("{l:?}")).collect();
    format!(
        "title = \"Test site\"\nbase_url = \"https://rando.example.org\"\ndefault_language = \"fr\"\nlanguages = [{}]\n[source]\napi = \"{api}\"\nretries = 2\ntimeout_s = 30\n{source}\n",
        languages.join(", ")
    )
}

/// A config building from a snapshot directory.
pub fn snapshot_config(snapshot: &str, languages: &[&str], top: &str) -> String {
    let languages: Vec<String> = languages.iter().map(|l| format!("{l:?}")).collect();
    format!(
        "title = \"Test site\"\nbase_url = \"https://rando.example.org\"\ndefault_language = \"fr\"\nlanguages = [{}]\n{top}\n[source]\nsnapshot = \"{snapshot}\"\n",
        languages.join(", ")
    )
}

/// A port on 127.0.0.1 where nothing listens.
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Serves `dir` over HTTP on 127.0.0.1, as a static host would (`/x/` serves `/x/index.html`),
/// for as long as the test runs. Each connection answers one request and closes: no keep-alive
/// state for a browser to wait on.
pub fn static_server(dir: &Path) -> u16 {
    static_server_with_headers(dir, |_| Vec::new())
}

/// Response headers for a request path, as a host's configuration gives them.
pub type Headers = std::sync::Arc<dyn Fn(&str) -> Vec<(String, String)> + Send + Sync>;

/// [`static_server`], adding `headers(path)` to every response.
pub fn static_server_with_headers(
    dir: &Path,
    headers: impl Fn(&str) -> Vec<(String, String)> + Send + Sync + 'static,
) -> u16 {
    let headers: Headers = std::sync::Arc::new(headers);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let root = dir.to_path_buf();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            let headers = headers.clone();
            std::thread::spawn(move || serve_file(stream, &root, &*headers));
        }
    });
    port
}

fn serve_file(
    mut stream: std::net::TcpStream,
    root: &Path,
    headers: &(dyn Fn(&str) -> Vec<(String, String)> + Send + Sync),
) {
    use std::io::{BufRead, BufReader, Write};
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Read the headers to their end so the client sees its request consumed.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target
        .split('?')
        .next()
        .unwrap_or("/")
        .trim_start_matches('/')
        .to_string();
    let mut file = root.join(&path);
    if path.is_empty() || path.ends_with('/') {
        file = file.join("index.html");
    }
    let (status, kind, body) = match std::fs::read(&file) {
        Ok(bytes) if !path.contains("..") => {
            let kind = match file.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript",
                Some("css") => "text/css",
                Some("json") => "application/json",
                Some("svg") => "image/svg+xml",
                Some("png") => "image/png",
                _ => "application/octet-stream",
            };
            ("200 OK", kind, bytes)
        }
        _ => ("404 Not Found", "text/plain", b"not found".to_vec()),
    };
    let extra: String = headers(&format!("/{path}"))
        .iter()
        .map(|(name, value)| format!("{name}: {value}\r\n"))
        .collect();
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n",
        body.len()
    );
    let _ = stream
        .write_all(head.as_bytes())
        .and_then(|_| stream.write_all(&body));
}

/// Serves `public` and runs the browser script `tests/browser/SCRIPT` on it with the base URL
/// and `args`; returns the JSON it prints. Browser tests need playwright-core (`npm ci`) and
/// Chromium: without them they fail saying how to install them, never skip.
pub fn browser_script(script: &str, public: &Path, args: &[&std::ffi::OsStr]) -> Value {
    browser_script_with_headers(script, public, args, |_| Vec::new())
}

/// [`browser_script`], the server adding `headers(path)` to its responses.
pub fn browser_script_with_headers(
    script: &str,
    public: &Path,
    args: &[&std::ffi::OsStr],
    headers: impl Fn(&str) -> Vec<(String, String)> + Send + Sync + 'static,
) -> Value {
    let port = static_server_with_headers(public, headers);
    run_browser_script(script, &format!("http://127.0.0.1:{port}"), args)
}

/// Runs the browser script `tests/browser/SCRIPT` with `base` and `args`; returns the JSON it
/// prints. Fails, saying how to install them, when playwright-core or Chromium is missing.
pub fn run_browser_script(script: &str, base: &str, args: &[&std::ffi::OsStr]) -> Value {
    // One browser at a time in a test binary: on a loaded two-core machine, Chromiums started
    // by tests running in parallel starve each other past the scripts' timeouts.
    static BROWSER: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one_at_a_time = BROWSER.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let repo = repo();
    assert!(
        repo.join("node_modules/playwright-core").is_dir(),
        "playwright-core is missing: run `npm ci` at the repository root (see package.json)"
    );
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).is_file(),
        "Chromium is missing at {chromium}: install Debian's chromium package (apt-get install chromium), or set CHROMIUM"
    );
    let output = Command::new("node")
        .arg(repo.join("tests/browser").join(script))
        .arg(base)
        .args(args)
        .current_dir(&repo)
        .output()
        .expect("run node");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}
