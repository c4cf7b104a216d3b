//! The one allocator setting the server changes, called by the binary
//! (`src/main.rs`) before it serves, and by `examples/rss_probe.rs`, which
//! measures what the server's analysis thread keeps resident.
//!
//! The library sets no allocator itself: this only writes an option into
//! mimalloc's table, which matters where mimalloc is the global allocator.

/// How long mimalloc keeps freed memory resident before it returns it to
/// the system, in the server (milliseconds; mimalloc's own default is
/// 1,000).
///
/// Each version of a book-length document allocates and frees tens of
/// megabytes, some of it on other threads; memory freed that way is reused
/// only in part, and what is not stays resident for the whole delay. With
/// mimalloc's second, a 3 MB book's server peaked at 149–155 MB over 100
/// keystrokes; with 100 ms, at 129–138 MB, for 3–7 ms more per keystroke
/// (BENCHMARKS.md, "Session 9: the server's memory"). The batch commands
/// keep mimalloc's default: there speed matters more than resident memory.
const PURGE_DELAY_MS: std::ffi::c_long = 100;

/// mimalloc's option number for the purge delay (`mi_option_purge_delay`
/// in its `mimalloc.h`; libmimalloc-sys names no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Set the purge delay for the server, unless `MIMALLOC_PURGE_DELAY` in
/// the environment already says otherwise.
#[allow(unsafe_code)]
pub fn return_memory_sooner() {
    // SAFETY: `mi_option_set_default` stores one integer in mimalloc's
    // option table (and does nothing when the environment set it); it reads
    // and writes no memory of ours, and any value is valid for this option.
    unsafe { libmimalloc_sys::mi_option_set_default(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
}

#[cfg(test)]
mod tests {
    /// Option 15 is the purge delay: mimalloc v3's default for it (1,000 ms,
    /// unlike any neighbour's) until the server sets its own, unless the
    /// environment set it.
    #[test]
    #[allow(unsafe_code)]
    fn the_server_sets_mimallocs_purge_delay() {
        // SAFETY: reads one integer from mimalloc's option table.
        let get = || unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        assert_eq!(get(), 1000);
        super::return_memory_sooner();
        assert_eq!(get(), super::PURGE_DELAY_MS);
    }
}
