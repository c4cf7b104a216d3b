//! The batch front end: `copydesk check` and `copydesk extract`.
//!
//! Placeholder until the CLI work lands.
