//! The settings each document is analysed with.
//!
//! Order of precedence, lowest first: the defaults < the nearest
//! `copydesk.toml` (from the document's folder upward, stopping at the
//! workspace folder that holds it) < the editor's settings
//! (`workspace/configuration`, section `copydesk`, or the `copydesk` key of
//! `didChangeConfiguration`). The file is the newsroom's shared policy; the
//! editor settings are one journalist's choice and win, key by key. Only the
//! keys the editor actually sets override (a `null` counts as unset), so an
//! editor that sends `{"dates": {"style": "iso"}}` keeps the file's rules.
//!
//! A malformed file makes its folder fall back to the defaults (plus editor
//! settings) and is reported once per change as a diagnostic on the file.
//! Malformed editor settings are rejected as a whole with a message.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;
use tower_lsp::lsp_types::Url;

use crate::analysis::settings::{Settings, SettingsError};
use crate::config;

/// The outcome of reading one `copydesk.toml`, to publish on that file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileReport {
    pub path: PathBuf,
    pub error: Option<SettingsError>,
}

/// Resolves and caches settings per folder.
#[derive(Debug, Default)]
pub struct SettingsResolver {
    /// The editor's settings, validated, with `null`s removed.
    editor: Option<Value>,
    /// Workspace folders, the upper bound of the file search.
    roots: Vec<PathBuf>,
    /// Merged settings per document folder.
    cache: HashMap<PathBuf, Arc<Settings>>,
    /// The last outcome published for each settings file.
    reported: HashMap<PathBuf, Option<SettingsError>>,
}

impl SettingsResolver {
    pub fn new(roots: Vec<PathBuf>) -> SettingsResolver {
        SettingsResolver { roots, ..SettingsResolver::default() }
    }

    /// Replace the editor's settings. An invalid value is rejected (the
    /// previous one is dropped too) and its message returned.
    pub fn set_editor(&mut self, value: Option<Value>) -> Result<(), String> {
        self.cache.clear();
        let value = value.map(strip_nulls).filter(|value| !value.is_null());
        if let Some(value) = &value {
            if let Err(message) = Settings::from_json(value.clone()) {
                self.editor = None;
                return Err(message);
            }
        }
        self.editor = value;
        Ok(())
    }

    /// Forget cached files (one changed on disk).
    pub fn clear_files(&mut self) {
        self.cache.clear();
    }

    /// The settings for `uri`, and a report when a settings file was read
    /// with a different outcome than last published.
    pub fn resolve(&mut self, uri: &Url) -> (Arc<Settings>, Option<FileReport>) {
        let Some(folder) = uri.to_file_path().ok().and_then(|path| path.parent().map(Path::to_path_buf))
        else {
            // `untitled:` and other non-file documents: defaults and editor.
            return (Arc::new(self.merge(Settings::default())), None);
        };
        if let Some(settings) = self.cache.get(&folder) {
            return (settings.clone(), None);
        }
        let root = self
            .roots
            .iter()
            .filter(|root| folder.starts_with(root))
            .max_by_key(|root| root.as_os_str().len());
        let loaded = config::load(&folder, root.map(PathBuf::as_path));
        let report = loaded.path.clone().and_then(|path| {
            let changed = self.reported.get(&path) != Some(&loaded.error);
            changed.then(|| {
                self.reported.insert(path.clone(), loaded.error.clone());
                FileReport { path, error: loaded.error.clone() }
            })
        });
        let settings = Arc::new(self.merge(loaded.settings));
        self.cache.insert(folder, settings.clone());
        (settings, report)
    }

    /// Lay the editor's settings over `base`, key by key.
    fn merge(&self, base: Settings) -> Settings {
        let Some(editor) = &self.editor else {
            return base;
        };
        let mut merged = serde_json::to_value(&base).unwrap_or(Value::Null);
        merge_into(&mut merged, editor);
        Settings::from_json(merged).unwrap_or(base)
    }
}

/// Overwrite `base` with `overlay`, recursing into objects.
fn merge_into(base: &mut Value, overlay: &Value) {
    match (base, overlay) {
        (Value::Object(base), Value::Object(overlay)) => {
            for (key, value) in overlay {
                match base.get_mut(key) {
                    Some(slot) if slot.is_object() && value.is_object() => merge_into(slot, value),
                    _ => {
                        base.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (base, overlay) => *base = overlay.clone(),
    }
}

/// Remove `null` members: an editor's "not set".
fn strip_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, strip_nulls(v))).collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn editor_settings_override_key_by_key() {
        let cases = [
            // file settings, editor settings, expected date style, expected rules count
            (json!({}), json!({"dates": {"style": "iso"}}), "iso", "month-first"),
            (
                json!({"dates": {"numeric_order": "day-first"}}),
                json!({"dates": {"style": "iso"}}),
                "iso",
                "day-first",
            ),
            (
                json!({"dates": {"style": "chicago"}}),
                json!({"dates": {"style": null}}),
                "chicago",
                "month-first",
            ),
        ];
        for (file, editor, style, order) in cases {
            let mut resolver = SettingsResolver::default();
            resolver.set_editor(Some(editor.clone())).unwrap();
            let base = Settings::from_json(file.clone()).unwrap();
            let merged = resolver.merge(base);
            assert_eq!(
                (merged.dates.style.as_str(), merged.dates.numeric_order.as_str()),
                (style, order),
                "{file} {editor}"
            );
        }
    }

    #[test]
    fn invalid_editor_settings_are_rejected() {
        let mut resolver = SettingsResolver::default();
        assert!(resolver.set_editor(Some(json!({"no_such_key": 1}))).is_err());
        assert_eq!(resolver.merge(Settings::default()), Settings::default());
    }
}
