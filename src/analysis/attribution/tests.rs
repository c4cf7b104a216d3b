//! Unit tests of the attributor on hand-built quotations.

use super::*;

#[test]
fn term_markers_fit_the_tail_is_term_lowercases() {
    for marker in TERM_MARKERS {
        assert!(marker.chars().count() <= LONGEST_TERM_MARKER, "{marker}");
        assert_eq!(*marker, marker.to_lowercase(), "{marker}");
    }
}
