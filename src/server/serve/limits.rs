//! The defaults of [`Serve`](super::Serve) that depend on the process: its open-file limit.

/// The fewest connections a default cap allows, whatever the file limit says.
const MIN_CONNECTIONS: usize = 16;
/// The most connections a default cap allows: past this, raise it on purpose.
const MAX_CONNECTIONS: usize = 16_384;

/// The default cap on concurrently held connections: three quarters of the process's soft
/// open-file limit, so that the listener, the database, logs and the blocking pool keep a
/// quarter; between 16 and 16,384. 768 under the common limit of 1,024.
pub(super) fn default_max_connections() -> usize {
    open_file_limit().map_or(1_024, |limit| {
        let three_quarters = limit / 4 * 3;
        usize::try_from(three_quarters)
            .unwrap_or(MAX_CONNECTIONS)
            .clamp(MIN_CONNECTIONS, MAX_CONNECTIONS)
    })
}

/// The soft `RLIMIT_NOFILE`, when the platform has one and tells it.
#[cfg(unix)]
fn open_file_limit() -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `getrlimit` writes only into the `rlimit` it is given, which lives on this stack
    // frame for the whole call; it has no other effect.
    let status = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &raw mut limit) };
    // `RLIM_INFINITY` reads as the largest value, which the cap's upper bound then clamps.
    // `rlim_t` is `u64` on Linux but not on every Unix: the conversion is for those.
    #[allow(clippy::useless_conversion)]
    (status == 0).then(|| u64::try_from(limit.rlim_cur).unwrap_or(u64::MAX))
}

#[cfg(not(unix))]
fn open_file_limit() -> Option<u64> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_cap_stays_below_the_file_limit() {
        let cap = default_max_connections();
        assert!((MIN_CONNECTIONS..=MAX_CONNECTIONS).contains(&cap));
        if let Some(limit) = open_file_limit() {
            assert!((cap as u64) < limit.max(MIN_CONNECTIONS as u64 + 1));
        }
    }
}
