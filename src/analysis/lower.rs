//! Lower-casing a word for a look-up without allocating.

/// A word lower-cased: the word itself when it is plain ASCII with no
/// capital (most words), on the stack when it is plain ASCII of up to 32
/// bytes (nearly every other word): the word lists and scanners lower-case
/// most words they look up, and a heap copy each time costs more than the
/// look-up. Reading the word itself needs no check of its bytes.
pub(crate) enum Lower<'a> {
    Same(&'a str),
    Stack([u8; 32], usize),
    Heap(String),
}

impl<'a> Lower<'a> {
    pub(crate) fn of(word: &'a str) -> Lower<'a> {
        if !word.is_ascii() {
            return Lower::Heap(word.to_lowercase());
        }
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return Lower::Same(word);
        }
        let mut buffer = [0_u8; 32];
        match buffer.get_mut(..word.len()) {
            Some(slot) => {
                slot.copy_from_slice(word.as_bytes());
                slot.make_ascii_lowercase();
                Lower::Stack(buffer, word.len())
            }
            None => Lower::Heap(word.to_ascii_lowercase()),
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        match self {
            Lower::Same(word) => word,
            Lower::Stack(buffer, len) => {
                std::str::from_utf8(buffer.get(..*len).unwrap_or_default()).unwrap_or_default()
            }
            Lower::Heap(word) => word,
        }
    }
}

impl AsRef<str> for Lower<'_> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::ops::Deref for Lower<'_> {
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
