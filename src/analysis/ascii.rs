//! Byte classes for the tokenizers of the actors and of attribution: one
//! table, so a "letter" or "digit" is the same byte for both; and the
//! eight-bytes-at-a-time word helpers of the dates' scanner and the
//! language vote ([`load8`], [`ascii_letters`], [`lower_prefix`]).

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

/// The eight bytes at `at` as a little-endian number, zero-padded past the
/// end of `bytes`.
#[inline]
pub(crate) fn load8(bytes: &[u8], at: usize) -> u64 {
    let mut buffer = [0_u8; 8];
    match bytes.get(at..at + 8) {
        Some(chunk) => buffer.copy_from_slice(chunk),
        None => {
            for (slot, byte) in buffer.iter_mut().zip(bytes.get(at..).unwrap_or_default()) {
                *slot = *byte;
            }
        }
    }
    u64::from_le_bytes(buffer)
}

/// How many of the eight bytes in `chunk` (from the lowest) are ASCII
/// letters before the first that is not: each byte, with its case bit set,
/// is tested for `a..=z` at once (no byte's subtraction borrows from the
/// next, every byte being at least 0x80 before it).
#[inline]
pub(crate) fn ascii_letters(chunk: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    let lower = chunk | (ONES * 0x20) | HIGH;
    let from_a = lower.wrapping_sub(ONES * u64::from(b'a')) & HIGH;
    let past_z = lower.wrapping_sub(ONES * (u64::from(b'z') + 1)) & HIGH;
    let letters = from_a & !past_z & !chunk & HIGH;
    ((!letters & HIGH).trailing_zeros() / 8) as usize
}

/// The first `count` bytes of `chunk` (ASCII letters) in lower case, the
/// rest zero.
#[inline]
pub(crate) fn lower_prefix(chunk: u64, count: usize) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let keep = if count >= 8 { u64::MAX } else { (1_u64 << (8 * count)) - 1 };
    (chunk | (ONES * 0x20)) & keep
}

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
