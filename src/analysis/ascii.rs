//! Byte classes for the tokenizers of the actors and of attribution: one
//! table, so a "letter" or "digit" is the same byte for both.

/// An ASCII lower-case letter.
pub(crate) const LOWER: u8 = 1;
/// An ASCII upper-case letter.
pub(crate) const UPPER: u8 = 2;
/// An ASCII digit.
pub(crate) const DIGIT: u8 = 4;
/// Any of the three: a byte of a plain-ASCII word.
pub(crate) const WORD: u8 = LOWER | UPPER | DIGIT;

/// Each byte's class ([`LOWER`], [`UPPER`] or [`DIGIT`]); zero for every
/// other byte, those of 0x80 and above included (they belong to characters
/// that are not ASCII, which the tokenizers decode on their own path).
pub(crate) static CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_lowercase() {
            LOWER
        } else if byte.is_ascii_uppercase() {
            UPPER
        } else if byte.is_ascii_digit() {
            DIGIT
        } else {
            0
        };
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    /// (byte, its class): letters of both cases at the ends of the
    /// alphabet, digits, the marks next to them in ASCII, and bytes of
    /// characters that are not ASCII.
    const CASES: &[(u8, u8)] = &[
        (b'a', LOWER),
        (b'z', LOWER),
        (b'A', UPPER),
        (b'Z', UPPER),
        (b'0', DIGIT),
        (b'9', DIGIT),
        (b'`', 0),
        (b'{', 0),
        (b'@', 0),
        (b'[', 0),
        (b'/', 0),
        (b':', 0),
        (b' ', 0),
        (b'-', 0),
        (b'\'', 0),
        (0xC3, 0),
        (0xE2, 0),
        (0xFF, 0),
    ];

    #[test]
    fn bytes_have_their_classes() {
        for &(byte, class) in CASES {
            assert_eq!(CLASS[usize::from(byte)], class, "{byte:#04x}");
            assert_eq!(CLASS[usize::from(byte)] & WORD != 0, class != 0, "{byte:#04x}");
        }
    }
}
