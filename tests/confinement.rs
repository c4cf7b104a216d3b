//! Paths written in `copydesk.toml` (the actors registry) stay inside the
//! workspace: `config::confine` refuses `..` climbing out, absolute paths
//! and symbolic links that lead out.

use std::path::{Path, PathBuf};

use copydesk::config::confine;

/// A fresh workspace with a registry inside it, a secret outside it, and
/// symbolic links both ways.
fn workspace(name: &str) -> (PathBuf, PathBuf) {
    let base = std::env::temp_dir().join(format!("copydesk-confine-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let root = base.join("workspace");
    std::fs::create_dir_all(root.join("data/sub")).unwrap();
    std::fs::write(root.join("data/actors.toml"), "").unwrap();
    std::fs::write(base.join("secret.toml"), "").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(base.join("secret.toml"), root.join("data/link-out.toml")).unwrap();
        symlink(&base, root.join("escape")).unwrap();
        symlink(root.join("data/actors.toml"), root.join("link-in.toml")).unwrap();
        symlink(base.join("missing.toml"), root.join("dangling.toml")).unwrap();
    }
    (base, root)
}

#[test]
fn paths_in_settings_cannot_leave_the_workspace() {
    let (base, root) = workspace("paths");
    let real = root.canonicalize().unwrap();
    // Path, Ok(the path it resolves to, under the root) or Err(what the
    // message says).
    let mut cases: Vec<(&str, Result<&str, &str>)> = vec![
        ("data/actors.toml", Ok("data/actors.toml")),
        ("./data/../data/actors.toml", Ok("data/actors.toml")),
        ("data/not-yet.toml", Ok("data/not-yet.toml")),
        ("data/sub/../../data/actors.toml", Ok("data/actors.toml")),
        ("../secret.toml", Err("climbs out")),
        ("data/../../secret.toml", Err("climbs out")),
        ("/etc/passwd", Err("absolute")),
        ("", Err("empty")),
        ("data/\0.toml", Err("NUL")),
    ];
    if cfg!(unix) {
        cases.extend([
            ("data/link-out.toml", Err("symbolic link")),
            ("escape/secret.toml", Err("symbolic link")),
            ("escape/not-there.toml", Err("symbolic link")),
            ("link-in.toml", Ok("data/actors.toml")),
            ("dangling.toml", Err("symbolic link")),
        ]);
    }
    for (path, expected) in cases {
        match (confine(&root, path), expected) {
            (Ok(resolved), Ok(inside)) => assert_eq!(resolved, real.join(inside), "{path:?}"),
            (Err(message), Err(says)) => {
                assert!(message.contains(says), "{path:?}: {message}");
                assert!(message.contains("editor's settings"), "{path:?}: says how to use an outside file");
            }
            (outcome, expected) => panic!("{path:?}: got {outcome:?}, expected {expected:?}"),
        }
    }
    let _ = std::fs::remove_dir_all(base);
}

#[test]
fn a_missing_workspace_refuses_everything() {
    let message = confine(Path::new("/copydesk-no-such-workspace"), "actors.toml").unwrap_err();
    assert!(message.contains("workspace folder cannot be found"), "{message}");
}
