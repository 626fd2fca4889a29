//! Importers: another portal's settings → a sentier site directory (config, content, overrides).
//!
//! An importer reads its input once, maps it with pure functions into the files of a site, and
//! lists every setting it could not carry over. It **never overwrites** a file: the whole list
//! of outputs is checked before the first one is written. It has nothing to do with building:
//! the site it writes is then built like any other.

pub mod rando;
