//! Lower-casing a word for a look-up without allocating.

/// A word lower-cased, on the stack when it is plain ASCII of up to 32
/// bytes (nearly every word): the word lists and scanners lower-case most words
/// they look up, and a heap copy each time costs more than the look-up.
pub(crate) struct Lower {
    buffer: [u8; 32],
    len: usize,
    heap: Option<String>,
}

impl Lower {
    pub(crate) fn of(word: &str) -> Lower {
        let mut buffer = [0_u8; 32];
        match buffer.get_mut(..word.len()).filter(|_| word.is_ascii()) {
            Some(slot) => {
                slot.copy_from_slice(word.as_bytes());
                slot.make_ascii_lowercase();
                Lower { buffer, len: word.len(), heap: None }
            }
            None => Lower { buffer, len: 0, heap: Some(word.to_lowercase()) },
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        match &self.heap {
            Some(word) => word,
            None => std::str::from_utf8(self.buffer.get(..self.len).unwrap_or_default()).unwrap_or_default(),
        }
    }
}

impl AsRef<str> for Lower {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for Lower {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::ops::Deref for Lower {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::Lower;

    #[test]
    fn lowers_like_to_lowercase_on_the_stack_or_not() {
        // (word, lower-cased): short ASCII, longer than the stack buffer, non-ASCII.
        let cases = [
            ("President", "president"),
            ("", ""),
            ("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ", "abcdefghijklmnopqrstuvwxyzabcdefghij"),
            ("MÄRZ", "märz"),
            ("İstanbul", "i̇stanbul"),
        ];
        for (word, lower) in cases {
            assert_eq!(Lower::of(word).as_str(), lower, "{word}");
            assert_eq!(&*Lower::of(word), word.to_lowercase(), "{word}");
        }
    }
}
