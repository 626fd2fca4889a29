//! All messages to the user go through one [`Printer`], chosen once from `-q`/`-v`.
//!
//! Warnings are counted by kind so a command can summarise them and decide its exit code;
//! the printer is shared by reference across threads and async tasks.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// What a warning is about, for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WarningKind {
    /// An object that could not be decoded and was skipped.
    Decode,
    /// A referenced object that the API does not have.
    MissingReference,
    /// An endpoint this instance does not serve.
    MissingEndpoint,
    /// A request that was retried.
    Retry,
    /// A site setting that does not match the data (e.g. a language the instance lacks).
    Data,
}

impl WarningKind {
    /// The name of the kind in `--report` files.
    pub fn key(self) -> &'static str {
        match self {
            WarningKind::Decode => "decode",
            WarningKind::MissingReference => "missing_reference",
            WarningKind::MissingEndpoint => "missing_endpoint",
            WarningKind::Retry => "retry",
            WarningKind::Data => "data",
        }
    }

    fn label(self) -> &'static str {
        match self {
            WarningKind::Decode => "undecodable objects skipped",
            WarningKind::MissingReference => "missing references dropped",
            WarningKind::MissingEndpoint => "endpoints not served",
            WarningKind::Retry => "requests retried",
            WarningKind::Data => "data warnings",
        }
    }
}

#[derive(Debug)]
pub struct Printer {
    verbosity: Verbosity,
    warnings: Mutex<BTreeMap<WarningKind, usize>>,
    /// Whether stderr is a terminal: progress bars there, plain lines otherwise (CI logs).
    terminal: bool,
    /// The bar on screen, which messages are printed above.
    bar: Mutex<Option<ProgressBar>>,
}

impl Printer {
    pub fn new(verbosity: Verbosity) -> Self {
        Self {
            verbosity,
            warnings: Mutex::new(BTreeMap::new()),
            terminal: std::io::stderr().is_terminal(),
            bar: Mutex::new(None),
        }
    }

    fn print(&self, line: String) {
        match &*self.bar.lock().unwrap_or_else(|e| e.into_inner()) {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// Progress and results, hidden by `-q`.
    pub fn info(&self, message: impl std::fmt::Display) {
        if self.verbosity >= Verbosity::Normal {
            self.print(message.to_string());
        }
    }

    /// Detail shown with `-v` only.
    pub fn detail(&self, message: impl std::fmt::Display) {
        if self.verbosity >= Verbosity::Verbose {
            self.print(message.to_string());
        }
    }

    /// Progress of a long step of `total` units (`None` when unknown): a bar on a terminal,
    /// a line every tenth (or every 100 units) otherwise, nothing with `-q`.
    pub fn progress(&self, label: &'static str, unit: &'static str, total: Option<u64>) -> Progress<'_> {
        let shown = self.verbosity >= Verbosity::Normal;
        if shown && self.terminal {
            let bar = match total {
                Some(total) => ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
                    .with_style(
                        ProgressStyle::with_template("{prefix:>8} [{bar:30}] {pos}/{len} {msg} ({elapsed})")
                            .expect("a valid template")
                            .progress_chars("=> "),
                    ),
                None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
                    ProgressStyle::with_template("{prefix:>8} {spinner} {pos} {msg} ({elapsed})")
                        .expect("a valid template"),
                ),
            };
            bar.set_prefix(label);
            bar.set_message(unit);
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            *self.bar.lock().unwrap_or_else(|e| e.into_inner()) = Some(bar);
        }
        Progress {
            printer: self,
            label,
            unit,
            total,
            plain: shown && !self.terminal,
            done: AtomicU64::new(0),
        }
    }

    pub fn warn(&self, kind: WarningKind, message: impl std::fmt::Display) {
        *self
            .warnings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(kind)
            .or_default() += 1;
        if self.verbosity >= Verbosity::Normal {
            self.print(format!("warning: {message}"));
        }
    }

    pub fn warning_count(&self, kind: WarningKind) -> usize {
        self.counts().get(&kind).copied().unwrap_or(0)
    }

    pub fn counts(&self) -> BTreeMap<WarningKind, usize> {
        self.warnings.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// One line summing warnings up by kind, or nothing when there were none.
    pub fn summary(&self) -> Option<String> {
        let counts = self.counts();
        if counts.is_empty() {
            return None;
        }
        let parts: Vec<String> = counts
            .iter()
            .map(|(kind, n)| format!("{n} {}", kind.label()))
            .collect();
        Some(format!("warnings: {}", parts.join(", ")))
    }
}

/// A step being counted; see [`Printer::progress`]. Shared across threads.
pub struct Progress<'a> {
    printer: &'a Printer,
    label: &'static str,
    unit: &'static str,
    total: Option<u64>,
    plain: bool,
    done: AtomicU64,
}

impl Progress<'_> {
    pub fn inc(&self, n: u64) {
        let before = self.done.fetch_add(n, Ordering::Relaxed);
        let now = before + n;
        if let Some(bar) = &*self.printer.bar.lock().unwrap_or_else(|e| e.into_inner()) {
            bar.set_position(now);
            return;
        }
        if !self.plain {
            return;
        }
        let line = match self.total {
            Some(total) if total > 0 => {
                let (was, is) = (before * 10 / total, now * 10 / total);
                (is > was && now < total)
                    .then(|| format!("{}: {}% ({now}/{total} {})", self.label, is * 10, self.unit))
            }
            _ => (now / 100 > before / 100).then(|| format!("{}: {now} {}", self.label, self.unit)),
        };
        if let Some(line) = line {
            eprintln!("{line}");
        }
    }
}

impl Drop for Progress<'_> {
    fn drop(&mut self) {
        if let Some(bar) = self.printer.bar.lock().unwrap_or_else(|e| e.into_inner()).take() {
            bar.finish_and_clear();
        }
    }
}
