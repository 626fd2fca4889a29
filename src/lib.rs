//! sentier builds a public hiking portal as a static website from a Geotrek API v2.
//!
//! The build is a one-way pipeline; each stage is a module (see `ARCHITECTURE.md`):
//! [`config`] → [`fetch`] (or [`snapshot`]) → [`model`] → [`select`] → [`render`] → [`output`].

pub mod assets;
pub mod branding;
pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod endpoint;
pub mod fetch;
pub mod fingerprint;
pub mod format;
pub mod fs;
pub mod html;
pub mod import;
pub mod json;
pub mod model;
pub mod output;
pub mod printer;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod select;
pub mod serve;
pub mod snapshot;
