//! Reading articles: files and standard input, as exact text (no newline
//! normalisation), with messages that name the file when that fails.

use std::io::Read;
use std::path::{Path, PathBuf};

/// One article to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The name to report: the path as given, or `-` for standard input.
    pub name: String,
    /// The file, or `None` for standard input.
    pub path: Option<PathBuf>,
    pub text: String,
}

/// Whether a command-line argument means standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Read `path` (or standard input for `-`) as UTF-8 text.
pub fn read(path: &Path, stdin: &mut dyn Read) -> Result<Document, String> {
    if is_stdin(path) {
        let mut bytes = Vec::new();
        stdin
            .read_to_end(&mut bytes)
            .map_err(|error| format!("standard input could not be read: {error}"))?;
        let text = decode(bytes, "standard input")?;
        return Ok(Document { name: "-".to_owned(), path: None, text });
    }
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => format!("{name}: no such file"),
        std::io::ErrorKind::PermissionDenied => {
            format!("{name}: permission denied; copydesk cannot read this file")
        }
        _ if path.is_dir() => format!("{name}: is a folder, not an article file"),
        _ => format!("{name}: could not be read ({error})"),
    })?;
    let text = decode(bytes, &name)?;
    Ok(Document { name, path: Some(path.to_owned()), text })
}

/// UTF-8 or a message saying where the first bad byte is.
fn decode(bytes: Vec<u8>, name: &str) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|error| {
        let good = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&byte| byte == b'\n').count() + 1;
        format!(
            "{name}: is not UTF-8 text (the first invalid byte is on line {line}, byte {}). \
             copydesk reads UTF-8 only: save the file as UTF-8 and check it again",
            good.len()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stdin_exactly_as_given() {
        let mut stdin: &[u8] = b"line one\r\nline two\n";
        let document = read(Path::new("-"), &mut stdin).unwrap();
        assert_eq!(document.name, "-");
        assert_eq!(document.text, "line one\r\nline two\n");
    }

    #[test]
    fn names_the_bad_byte_in_non_utf8_input() {
        let mut stdin: &[u8] = b"ok\nbad \xff here";
        let message = read(Path::new("-"), &mut stdin).unwrap_err();
        assert!(message.contains("standard input: is not UTF-8"), "{message}");
        assert!(message.contains("line 2, byte 7"), "{message}");
    }

    #[test]
    fn names_a_missing_file() {
        let message = read(Path::new("no/such/article.txt"), &mut std::io::empty()).unwrap_err();
        assert_eq!(message, "no/such/article.txt: no such file");
    }
}
