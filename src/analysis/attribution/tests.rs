//! Unit tests of the attributor on hand-built quotations.
