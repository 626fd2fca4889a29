//! `sentier serve`'s parts: the development server with live reload, and the watcher of the
//! site's sources that triggers rebuilds.

mod server;
mod watch;

pub use server::{router, LiveSite, PREFIX};
pub use watch::{SourceWatcher, Sources};
