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

/// Resolve `relative` (a path written in `copydesk.toml`, such as
/// `actors.registry`) against `workspace_root`, refusing any path that would
/// leave the workspace: an absolute path, `..` climbing above the root, or a
/// symbolic link (anywhere along the path) that points outside it. Paths set
/// in the editor's own settings are trusted and do not go through here.
///
/// Returns the resolved path (symbolic links followed) when it stays inside,
/// else a message for the journalist naming the path and what to do.
pub fn confine(workspace_root: &Path, relative: &str) -> Result<PathBuf, String> {
    use std::path::Component;

    let refuse = |why: &str| {
        Err(format!(
            "copydesk did not read \"{relative}\": {why}. Paths in copydesk.toml must name a file inside the workspace ({}); to use a file elsewhere, set the path in your editor's settings instead.",
            workspace_root.display()
        ))
    };
    if relative.trim().is_empty() {
        return refuse("the path is empty");
    }
    if relative.contains('\0') {
        return refuse("the path contains a NUL character");
    }
    let path = Path::new(relative);
    // `has_root` catches `/etc/passwd` and `\\server\share` alike; a Windows
    // drive prefix (`C:`) shows up as a prefix component.
    if path.is_absolute() || path.has_root() {
        return refuse("it is an absolute path");
    }
    let mut inside = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => inside.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                if !inside.pop() {
                    return refuse("it climbs out of the workspace with ..");
                }
            }
            Component::Prefix(_) | Component::RootDir => return refuse("it is an absolute path"),
        }
    }
    let Ok(root) = workspace_root.canonicalize() else {
        return refuse("the workspace folder cannot be found");
    };
    let joined = root.join(&inside);
    // Follow symbolic links as far as the path exists: the deepest existing
    // ancestor must resolve inside the root.
    let mut existing = joined.as_path();
    let mut rest = Vec::new();
    let resolved = loop {
        match existing.canonicalize() {
            Ok(real) => break real,
            // Something is there (a dangling link) but cannot be followed.
            Err(_) if existing.symlink_metadata().is_ok() => {
                return refuse("a symbolic link on the way points to nothing");
            }
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_owned());
                    existing = parent;
                }
                _ => return refuse("the path cannot be resolved"),
            },
        }
    };
    if !resolved.starts_with(&root) {
        return refuse("a symbolic link on the way points outside the workspace");
    }
    let mut result = resolved;
    for name in rest.into_iter().rev() {
        result.push(name);
    }
    Ok(result)
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
    let fail = |message: String| SettingsError { message, span: None, line: 1, column: 1 };
    // A path written in copydesk.toml stays inside the folder that holds it.
    let folder = settings_path.parent().unwrap_or(Path::new("."));
    let path = match confine(folder, &name) {
        Ok(path) => path,
        Err(message) => return Some(fail(message)),
    };
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
