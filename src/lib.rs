//! copydesk: a copy editor for news articles, as a library.
//!
//! - [`analysis`] is the pure core: text and settings in, plain data out.
//! - [`server`] is the language server (tower-lsp) over the core.
//! - [`cli`] is the batch front end (`copydesk check`, `copydesk extract`).
//! - [`config`] finds and reads `copydesk.toml` (the only file I/O besides
//!   the CLI's own reading of articles).

pub mod analysis;
pub mod cli;
pub mod config;
pub mod server;

pub use analysis::memo::Memo;
pub use analysis::settings::Settings;
pub use analysis::{analyze, analyze_with, Analysis};
