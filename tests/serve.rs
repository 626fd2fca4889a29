//! `sentier serve` in a child process: the pages over HTTP, the reload messages on the WebSocket,
//! rebuilds after a template and a content change, and a build error shown over the pages.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use support::mock_api::MockApi;
use support::{config, fixture_data, repo, run_browser_script, snapshot_config, Site};

/// Long enough for a debug build of the sample site on a busy CI machine.
const PATIENCE: Duration = Duration::from_secs(120);

/// A running `sentier serve`; interrupted (Ctrl-C) when dropped.
struct Server {
    child: Child,
    port: u16,
    stderr: mpsc::Receiver<String>,
    /// Every stderr line so far.
    log: Vec<String>,
}

impl Server {
    fn start(site: &Site) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sentier"))
            .args(["serve", "--port", "0"])
            .current_dir(site.path())
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start sentier serve");
        let (lines, stderr) = mpsc::channel();
        let pipe = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    return;
                }
            }
        });
        let mut server = Server {
            child,
            port: 0,
            stderr,
            log: Vec::new(),
        };
        let serving = server.wait_for_line(|l| l.starts_with("serving http://127.0.0.1:"));
        let address = serving.split_whitespace().nth(1).unwrap();
        server.port = address
            .trim_start_matches("http://127.0.0.1:")
            .trim_end_matches('/')
            .parse()
            .unwrap();
        server
    }

    fn wait_for_line(&mut self, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stderr.recv_timeout(left) {
                Ok(line) => {
                    self.log.push(line.clone());
                    if wanted(&line) {
                        return line;
                    }
                }
                Err(_) => panic!(
                    "sentier serve did not print the line awaited; it printed:\n{}",
                    self.log.join("\n")
                ),
            }
        }
    }

    /// Forgets the lines printed so far: `log` then holds the next build's.
    fn drain(&mut self) {
        while self.stderr.recv_timeout(Duration::from_millis(200)).is_ok() {}
        self.log.clear();
    }

    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response[9..12].parse().unwrap();
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    fn live_reload(&self) -> tungstenite::WebSocket<TcpStream> {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        let url = format!("ws://127.0.0.1:{}/__sentier/live-reload", self.port);
        tungstenite::client(url, stream).expect("WebSocket handshake").0
    }

    /// Waits for reloads until `path` shows what `expected` wants, as a page would.
    fn reloaded(
        &self,
        socket: &mut tungstenite::WebSocket<TcpStream>,
        path: &str,
        expected: impl Fn(u16, &str) -> bool,
    ) -> String {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            match socket.read().expect("a message on the live-reload socket") {
                tungstenite::Message::Text(text) if text.as_str() == "reload" => {
                    let (status, body) = self.get(path);
                    if expected(status, &body) {
                        return body;
                    }
                }
                _ => {}
            }
        }
        panic!("{path} never showed what was expected");
    }

    /// The directory it builds into, from its `built … into DIR` line.
    fn build_dir(&self) -> std::path::PathBuf {
        let line = self
            .log
            .iter()
            .find(|l| l.starts_with("built "))
            .expect("a `built` line");
        std::path::PathBuf::from(line.rsplit(" into ").next().unwrap())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn interrupt(server: &mut Server) {
    let status = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        if let Some(status) = server.child.try_wait().unwrap() {
            assert!(
                status.success(),
                "sentier serve exited with {status} after Ctrl-C"
            );
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("sentier serve did not stop on Ctrl-C");
}

/// The sample site, with its own copy of the sample snapshot to edit.
fn sample_site() -> Site {
    let site = Site::new(&snapshot_config("snap", &["fr", "en"], ""));
    for entry in std::fs::read_dir(repo().join("sample/snapshot")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        site.write(&format!("snap/{name}"), &std::fs::read_to_string(&path).unwrap());
    }
    site.write(
        "content/_index.md",
        "+++\ntitle = \"Accueil\"\n+++\nBienvenue sur les sentiers.\n",
    );
    site
}

const TEMPLATE: &str = "{% extends \"default/index.html\" %}{% block content %}<p id=\"marker\">VERSION</p>{{ super() }}{% endblock content %}";

#[test]
fn a_saved_template_or_page_is_rebuilt_and_open_pages_reload() {
    let site = sample_site();
    let mut server = Server::start(&site);
    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("Bienvenue sur les sentiers."), "{home}");
    assert!(home.contains("<script src=\"/__sentier/live-reload.js\"></script></body>"));
    let (status, script) = server.get("/__sentier/live-reload.js");
    assert_eq!(status, 200);
    assert!(script.contains("/__sentier/live-reload"));
    let (status, _) = server.get("/en/no-such-page/");
    assert_eq!(status, 404);
    assert_eq!(server.get("/../config.toml").0, 400);

    let mut socket = server.live_reload();
    server.drain();
    site.write(
        "templates/index.html",
        &TEMPLATE.replace("VERSION", "Template one"),
    );
    let home = server.reloaded(&mut socket, "/", |s, b| s == 200 && b.contains("Template one"));
    assert!(home.contains("Bienvenue sur les sentiers."));
    // The other language's home uses the same template.
    assert!(server.get("/en/").1.contains("Template one"));
    let build = server.wait_for_line(|l| l.starts_with("time:"));
    assert!(
        !server.log.iter().any(|l| l.starts_with("snapshot ")),
        "a template change does not read the snapshot again: {build}"
    );
    let summary = server.log.iter().find(|l| l.starts_with("pages:")).unwrap();
    assert!(
        summary.contains("2 changed"),
        "only the two home pages: {summary}"
    );

    // A change of the data is read.
    server.drain();
    let treks = std::fs::read_to_string(site.path().join("snap/trek.json")).unwrap();
    let mut treks: serde_json::Value = serde_json::from_str(&treks).unwrap();
    treks[0]["name"]["fr"] = "Boucle renommée pendant l'aperçu".into();
    site.write("snap/trek.json", &treks.to_string());
    server.reloaded(&mut socket, "/trek/", |_, b| {
        b.contains("Boucle renommée pendant")
    });
    server.wait_for_line(|l| l.starts_with("time:"));
    assert!(server.log.iter().any(|l| l.starts_with("snapshot ")));

    site.write(
        "content/_index.md",
        "+++\ntitle = \"Accueil\"\n+++\nLes sentiers, mis à jour.\n",
    );
    let home = server.reloaded(&mut socket, "/", |_, b| b.contains("Les sentiers, mis à jour."));
    assert!(home.contains("Template one"));

    // A broken template: the error over the last good pages, and in the terminal.
    site.write(
        "templates/index.html",
        "{% extends \"default/index.html\" %}{% block content %}{{ broken(",
    );
    let home = server.reloaded(&mut socket, "/", |_, b| b.contains("sentier-build-error"));
    assert!(home.contains("the build failed"));
    assert!(
        home.contains("index.html"),
        "the error names the template: {home}"
    );
    assert!(
        home.contains("Template one"),
        "the last good page stays under the error"
    );
    server.wait_for_line(|l| l.starts_with("error:") && l.contains("index.html"));

    site.write(
        "templates/index.html",
        &TEMPLATE.replace("VERSION", "Template two"),
    );
    let home = server.reloaded(&mut socket, "/", |_, b| b.contains("Template two"));
    assert!(!home.contains("sentier-build-error"));

    let build_dir = server.build_dir();
    assert!(build_dir.is_dir());
    interrupt(&mut server);
    assert!(!build_dir.exists(), "Ctrl-C removes {}", build_dir.display());
}

#[test]
fn a_broken_first_build_still_serves_the_error_then_the_site() {
    let site = sample_site();
    site.write("templates/index.html", "{% block content %}{{ broken(");
    let mut server = Server::start(&site);
    let (status, page) = server.get("/");
    assert_eq!(status, 500);
    assert!(
        page.contains("sentier-build-error") && page.contains("live-reload.js"),
        "{page}"
    );

    let mut socket = server.live_reload();
    site.write("templates/index.html", &TEMPLATE.replace("VERSION", "Fixed"));
    server.reloaded(&mut socket, "/", |s, b| s == 200 && b.contains("Fixed"));
    interrupt(&mut server);
}

#[test]
fn an_api_site_is_pulled_once_then_rebuilt_from_what_was_pulled() {
    let api = MockApi::start(fixture_data());
    let site = Site::new(&config(&api.url(), &["fr", "en"], ""));
    let mut server = Server::start(&site);
    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("live-reload.js"));
    let requests = api.requests().len();
    assert!(requests > 0);

    let mut socket = server.live_reload();
    site.write("content/about.md", "+++\ntitle = \"À propos\"\n+++\nUn texte.\n");
    server.reloaded(&mut socket, "/about/", |s, b| s == 200 && b.contains("Un texte."));
    assert_eq!(
        api.requests().len(),
        requests,
        "a rebuild does not ask the API again"
    );
    interrupt(&mut server);
}

#[test]
fn an_open_page_in_chromium_reloads_by_itself_after_a_save() {
    let site = sample_site();
    let mut server = Server::start(&site);
    let template = site.path().join("templates/index.html");
    std::fs::create_dir_all(template.parent().unwrap()).unwrap();
    let outcome = run_browser_script(
        "live-reload.mjs",
        &format!("http://127.0.0.1:{}", server.port),
        &[
            "/".as_ref(),
            template.as_os_str(),
            TEMPLATE.replace("VERSION", "Saved in the browser test").as_ref(),
            "Saved in the browser test".as_ref(),
        ],
    );
    assert_eq!(outcome["reloaded"], true, "{outcome}");
    assert_eq!(outcome["errors"], serde_json::json!([]), "{outcome}");
    interrupt(&mut server);
}
