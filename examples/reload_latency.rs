//! Time from saving a template to the reloaded page under `sentier serve`, as a designer sees
//! it: write a site override of a theme template, wait for the WebSocket's `reload`, fetch the
//! page until it shows the change. Used by `bench/reload.sh`.
//!
//!   reload_latency --sentier BIN --site DIR --template trek.html --page PATH|first-trek [--runs 10]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
            .unwrap_or_else(|| panic!("missing {flag}"))
    };
    let sentier = value("--sentier");
    let site = PathBuf::from(value("--site"));
    let template = value("--template");
    let page = value("--page");
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .map(|i| args[i + 1].parse().expect("--runs N"))
        .unwrap_or(10);

    let mut child = Command::new(&sentier)
        .args(["serve", "--port", "0"])
        .current_dir(&site)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start sentier serve");
    let mut lines = BufReader::new(child.stderr.take().unwrap())
        .lines()
        .map_while(Result::ok);
    let mut build_dir = None;
    let port: u16 = loop {
        let line = lines.next().expect("sentier serve stopped before serving");
        if let Some(dir) = line
            .strip_prefix("built ")
            .and_then(|l| l.rsplit(" into ").next())
        {
            build_dir = Some(PathBuf::from(dir));
        }
        if let Some(address) = line.strip_prefix("serving http://127.0.0.1:") {
            break address.split('/').next().unwrap().parse().unwrap();
        }
    };
    // Keep draining stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    let page = match page.as_str() {
        "first-trek" => first_trek(&build_dir.expect("a `built` line")),
        _ => page,
    };

    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(600))).unwrap();
    let mut socket = tungstenite::client(format!("ws://127.0.0.1:{port}/__sentier/live-reload"), stream)
        .expect("WebSocket handshake")
        .0;
    let override_path = site.join("templates").join(&template);
    std::fs::create_dir_all(override_path.parent().unwrap()).unwrap();
    let mut times = Vec::new();
    for run in 0..runs {
        let marker = format!("reload-bench-{run}");
        let text = format!(
            "{{% extends \"default/{template}\" %}}{{% block content %}}<p>{marker}</p>{{{{ super() }}}}{{% endblock content %}}"
        );
        let saved = Instant::now();
        std::fs::write(&override_path, text).unwrap();
        loop {
            let message = socket.read().expect("a live-reload message");
            if message.to_text().ok() == Some("reload") && get(port, &page).contains(&marker) {
                break;
            }
        }
        times.push(saved.elapsed().as_secs_f64());
        // Let the watcher settle so each run measures one save.
        std::thread::sleep(Duration::from_millis(500));
    }
    let _ = std::fs::remove_file(&override_path);
    let _ = child.kill();
    let _ = child.wait();
    times.sort_by(f64::total_cmp);
    println!(
        "{template} → {page}: median {:.3} s, min {:.3} s, max {:.3} s over {runs} saves",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}

fn get(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

fn first_trek(build_dir: &Path) -> String {
    let mut slugs: Vec<String> = std::fs::read_dir(build_dir.join("trek"))
        .expect("a trek/ folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("index.html").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    slugs.sort();
    format!("/trek/{}/", slugs.first().expect("a trek page"))
}
