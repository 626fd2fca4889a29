//! Serves this repository's fixtures as a Geotrek API v2 on 127.0.0.1, for the sample-snapshot
//! script and the pull benchmark. Not part of the `sentier` command.
//!
//! cargo run --release --example mock_geotrek -- [--port N] [--latency-ms N] [--fixtures DIR]

#[path = "../tests/support/mock_api.rs"]
mod mock_api;

use std::path::PathBuf;
use std::time::Duration;

fn main() {
    let mut port = 8765u16;
    let mut latency_ms = 0u64;
    let mut fixtures = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"));
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--port" => port = value().parse().expect("--port N"),
            "--latency-ms" => latency_ms = value().parse().expect("--latency-ms N"),
            "--fixtures" => fixtures = PathBuf::from(value()),
            other => panic!("unknown argument {other}"),
        }
    }
    let api = mock_api::MockApi::start_on(mock_api::fixture_instance(&fixtures), port);
    api.set_latency(Duration::from_millis(latency_ms));
    eprintln!(
        "mock Geotrek API at {} ({latency_ms} ms latency); Ctrl-C to stop",
        api.url()
    );
    loop {
        std::thread::sleep(Duration::from_secs(3600));
    }
}
