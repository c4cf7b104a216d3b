//! Finding and reading `copydesk.toml`: from the document's folder upward,
//! stopping at the workspace root. This is I/O, so it lives outside the core.

use std::path::{Path, PathBuf};

use crate::analysis::settings::{Settings, SettingsError};

/// The name of the settings file.
pub const FILE_NAME: &str = "copydesk.toml";

/// Settings read from a file, or the error that made the defaults apply.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The file that was read, when one was found.
    pub path: Option<PathBuf>,
    pub settings: Settings,
    pub error: Option<SettingsError>,
}

/// Find `copydesk.toml` from `start` (a file or folder) upward. The search
/// stops after `root` when given (the workspace root), else at the file
/// system root.
pub fn discover(start: &Path, root: Option<&Path>) -> Option<PathBuf> {
    let mut folder = if start.is_dir() { Some(start) } else { start.parent() };
    while let Some(dir) = folder {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if root.is_some_and(|root| dir == root) {
            return None;
        }
        folder = dir.parent();
    }
    None
}

/// Read the settings that apply to `start`, falling back to the defaults.
pub fn load(start: &Path, root: Option<&Path>) -> Loaded {
    match discover(start, root) {
        None => Loaded { path: None, settings: Settings::default(), error: None },
        Some(path) => load_file(&path),
    }
}

/// Read one settings file, falling back to the defaults on any error.
pub fn load_file(path: &Path) -> Loaded {
    match std::fs::read_to_string(path) {
        Ok(source) => match Settings::from_toml_str(&source) {
            Ok(mut settings) => {
                let error = merge_actor_registry(path, &mut settings);
                Loaded { path: Some(path.to_owned()), settings, error }
            }
            Err(error) => {
                Loaded { path: Some(path.to_owned()), settings: Settings::default(), error: Some(error) }
            }
        },
        Err(error) => Loaded {
            path: Some(path.to_owned()),
            settings: Settings::default(),
            error: Some(SettingsError {
                message: format!(
                    "{} could not be read ({error}). The default settings are used.",
                    path.display()
                ),
                span: None,
                line: 1,
                column: 1,
            }),
        },
    }
}

/// Read the actor registry file `actors.registry` names (relative to the
/// settings file) and append its `people` and `organizations` to the
/// settings. On error the inline settings stay and the error is returned.
fn merge_actor_registry(settings_path: &Path, settings: &mut Settings) -> Option<SettingsError> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RegistryFile {
        #[serde(default)]
        people: Vec<crate::analysis::settings::RegistryEntry>,
        #[serde(default)]
        organizations: Vec<crate::analysis::settings::RegistryEntry>,
    }
    let name = settings.actors.registry.clone()?;
    let path = settings_path.parent().unwrap_or(Path::new(".")).join(&name);
    let fail = |message: String| SettingsError { message, span: None, line: 1, column: 1 };
    let source = match std::fs::read_to_string(&path) {
        Ok(source) => source,
        Err(error) => {
            return Some(fail(format!("The actor registry {} could not be read ({error}).", path.display())))
        }
    };
    match toml::from_str::<RegistryFile>(&source) {
        Ok(file) => {
            settings.actors.people.extend(file.people);
            settings.actors.organizations.extend(file.organizations);
            None
        }
        Err(error) => Some(fail(format!(
            "The actor registry {} could not be read: {}. Its entries are ignored until it is fixed.",
            path.display(),
            error.message().trim_end_matches('.')
        ))),
    }
}
