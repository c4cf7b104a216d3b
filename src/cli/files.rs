//! Which files a `check` covers: files named on the command line, folders
//! walked recursively (respecting `.gitignore`, `.ignore` and hidden files,
//! via the `ignore` crate), and `-` for standard input.
//!
//! Inside folders, a file is checked when its path relative to the folder
//! matches an include glob (default: `*.md`, `*.markdown`, `*.txt`) and no
//! exclude glob. `*` also matches `/`, so `*.md` matches at any depth and
//! `drafts/*` excludes a whole subfolder. Files named explicitly are always
//! checked. The order is stable: arguments in the order given, each folder's
//! files sorted by path.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::cli::input::is_stdin;

/// The file types checked inside folders unless `--include` says otherwise.
pub const DEFAULT_INCLUDE: &[&str] = &["*.md", "*.markdown", "*.txt"];

/// One thing to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Stdin,
    File(PathBuf),
}

/// The include and exclude globs for files found in folders.
pub struct Filter {
    include: GlobSet,
    exclude: GlobSet,
}

fn glob_set(globs: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        let glob = Glob::new(glob).map_err(|error| format!("`{glob}` is not a valid glob: {error}"))?;
        builder.add(glob);
    }
    builder.build().map_err(|error| error.to_string())
}

impl Filter {
    /// A filter from `--include` (empty: the defaults) and `--exclude`.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Filter, String> {
        let include = if include.is_empty() {
            glob_set(&DEFAULT_INCLUDE.iter().map(|glob| glob.to_string()).collect::<Vec<_>>())?
        } else {
            glob_set(include)?
        };
        Ok(Filter { include, exclude: glob_set(exclude)? })
    }

    /// Whether a file found at `relative` (to the folder walked) is checked.
    pub fn accepts(&self, relative: &Path) -> bool {
        self.include.is_match(relative) && !self.exclude.is_match(relative)
    }
}

/// Expand the command-line paths into targets (or messages naming what
/// could not be walked), in a stable order.
pub fn collect(paths: &[PathBuf], filter: &Filter) -> Vec<Result<Target, String>> {
    let mut targets = Vec::new();
    for path in paths {
        if is_stdin(path) {
            targets.push(Ok(Target::Stdin));
        } else if path.is_dir() {
            walk(path, filter, &mut targets);
        } else {
            // Missing or unreadable files are reported when read.
            targets.push(Ok(Target::File(path.clone())));
        }
    }
    targets
}

fn walk(folder: &Path, filter: &Filter, targets: &mut Vec<Result<Target, String>>) {
    let walker = ignore::WalkBuilder::new(folder)
        // Honour .gitignore even in a folder that is not (yet) a Git checkout.
        .require_git(false)
        // By file name: siblings share their folder's path, so their whole
        // paths compare as their names do, and comparing the paths' bytes
        // spares finding each name (`sort_by_file_name` splits both paths
        // into components for every comparison).
        .sort_by_file_path(|a, b| a.as_os_str().cmp(b.as_os_str()))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                if !entry.file_type().is_some_and(|kind| kind.is_file()) {
                    continue;
                }
                let relative = entry.path().strip_prefix(folder).unwrap_or(entry.path());
                if filter.accepts(relative) {
                    targets.push(Ok(Target::File(entry.into_path())));
                }
            }
            Err(error) => targets.push(Err(format!("{}: {error}", folder.display()))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_by_include_and_exclude() {
        let cases: &[(&[&str], &[&str], &str, bool)] = &[
            (&[], &[], "a.md", true),
            (&[], &[], "2023/04/a.markdown", true),
            (&[], &[], "wire/a.txt", true),
            (&[], &[], "a.html", false),
            (&[], &["drafts/*"], "drafts/2023/a.md", false),
            (&[], &["drafts/*"], "final/a.md", true),
            (&["*.mdx"], &[], "a.mdx", true),
            (&["*.mdx"], &[], "a.md", false),
        ];
        for &(include, exclude, path, expected) in cases {
            let to_strings = |globs: &[&str]| globs.iter().map(|glob| glob.to_string()).collect::<Vec<_>>();
            let filter = Filter::new(&to_strings(include), &to_strings(exclude)).unwrap();
            assert_eq!(filter.accepts(Path::new(path)), expected, "{include:?} {exclude:?} {path}");
        }
    }

    #[test]
    fn a_bad_glob_is_named() {
        let message = Filter::new(&["[".to_owned()], &[]).err().unwrap();
        assert!(message.starts_with("`[` is not a valid glob"), "{message}");
    }

    #[test]
    fn walks_folders_in_order_respecting_gitignore() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let files = [
            "b.md",
            "a.txt",
            "sub/c.md",
            "sub/skip.html",
            "ignored/d.md",
            ".hidden/e.md",
            "notes.md",
            "B.md",
            "sub-a.md",
        ];
        for file in files {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "text").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "ignored/\nnotes.md\n").unwrap();
        let filter = Filter::new(&[], &[]).unwrap();
        let explicit = root.join("notes.md");
        let targets = collect(&[root.to_owned(), PathBuf::from("-"), explicit.clone()], &filter);
        // By name, byte by byte: capitals first; a folder's files right
        // after its name, before a longer name it begins.
        let expected = vec![
            Ok(Target::File(root.join("B.md"))),
            Ok(Target::File(root.join("a.txt"))),
            Ok(Target::File(root.join("b.md"))),
            Ok(Target::File(root.join("sub/c.md"))),
            Ok(Target::File(root.join("sub-a.md"))),
            Ok(Target::Stdin),
            // Named explicitly: checked although .gitignore lists it.
            Ok(Target::File(explicit)),
        ];
        assert_eq!(targets, expected);
    }
}
