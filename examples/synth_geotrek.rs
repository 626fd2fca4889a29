//! A synthetic Geotrek instance of any size (tests/support/synth.rs), written as a sentier
//! snapshot or served as a Geotrek API v2 on 127.0.0.1, for benchmarks. Not part of the
//! `sentier` command.
//!
//! cargo run --release --example synth_geotrek -- --treks N [--seed S] \
//!     (--out DIR | --serve PORT [--latency-ms MS])

#[path = "../tests/support/mock_api.rs"]
mod mock_api;
#[path = "../tests/support/synth.rs"]
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

const USAGE: &str = "usage: synth_geotrek --treks N [--seed S] (--out DIR | --serve PORT [--latency-ms MS])";

enum Output {
    Snapshot(PathBuf),
    Serve { port: u16, latency: Duration },
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}\n\nThe seed defaults to 1; the same treks and seed give the same bytes.");
        return ExitCode::SUCCESS;
    }
    match parse(args.into_iter()) {
        Ok((treks, seed, output)) => run(treks, seed, output),
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<(usize, u64, Output), String> {
    let (mut treks, mut seed, mut out, mut port, mut latency_ms) = (None, 1u64, None, None, 0u64);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        let number = |text: String| {
            text.parse::<u64>()
                .map_err(|_| format!("{arg}: {text:?} is not a number"))
        };
        match arg.as_str() {
            "--treks" => treks = Some(number(value()?)? as usize),
            "--seed" => seed = number(value()?)?,
            "--out" => out = Some(PathBuf::from(value()?)),
            "--serve" => {
                port = Some(u16::try_from(number(value()?)?).map_err(|_| "--serve: not a port".to_string())?)
            }
            "--latency-ms" => latency_ms = number(value()?)?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let treks = treks.ok_or("--treks N is required")?;
    let output = match (out, port) {
        (Some(dir), None) => Output::Snapshot(dir),
        (None, Some(port)) => Output::Serve {
            port,
            latency: Duration::from_millis(latency_ms),
        },
        _ => return Err("give exactly one of --out DIR and --serve PORT".into()),
    };
    Ok((treks, seed, output))
}

fn run(treks: usize, seed: u64, output: Output) -> ExitCode {
    let started = Instant::now();
    match output {
        Output::Snapshot(dir) => match synth::write_snapshot(treks, seed, &dir) {
            Ok(written) => {
                let objects: usize = written.counts.values().sum();
                eprintln!(
                    "wrote {} ({} treks, seed {seed}): {objects} objects, {:.1} MB in {:.1} s",
                    written.dir.display(),
                    written.counts["trek"],
                    written.bytes as f64 / 1e6,
                    started.elapsed().as_secs_f64()
                );
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::FAILURE
            }
        },
        Output::Serve { port, latency } => {
            let api = mock_api::MockApi::start_on(synth::generate(treks, seed).into_mock_data(), port);
            api.set_latency(latency);
            eprintln!(
                "synthetic Geotrek API ({treks} treks, seed {seed}) at {}, {} ms latency, ready in {:.1} s; Ctrl-C to stop",
                api.url(),
                latency.as_millis(),
                started.elapsed().as_secs_f64()
            );
            loop {
                std::thread::sleep(Duration::from_secs(3600));
            }
        }
    }
}
