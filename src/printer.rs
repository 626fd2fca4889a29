//! All messages to the user go through one [`Printer`], chosen once from `-q`/`-v`.
//!
//! Warnings are counted by kind so a command can summarise them and decide its exit code;
//! the printer is shared by reference across threads and async tasks.

use std::collections::BTreeMap;
use std::sync::Mutex;

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
}

impl Printer {
    pub fn new(verbosity: Verbosity) -> Self {
        Self {
            verbosity,
            warnings: Mutex::new(BTreeMap::new()),
        }
    }

    /// Progress and results, hidden by `-q`.
    pub fn info(&self, message: impl std::fmt::Display) {
        if self.verbosity >= Verbosity::Normal {
            eprintln!("{message}");
        }
    }

    /// Detail shown with `-v` only.
    pub fn detail(&self, message: impl std::fmt::Display) {
        if self.verbosity >= Verbosity::Verbose {
            eprintln!("{message}");
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
            eprintln!("warning: {message}");
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
