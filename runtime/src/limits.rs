//! Process limits: flamescript lifts its soft limit of open files to the hard limit at start
//! (a BPF run holds one descriptor per map, program, perf event and link, per CPU for some),
//! and gives the command it starts (`-c`) the limit it would have had without us.
//!
//! Only the soft limit moves: raising the hard limit needs privilege and is the user's choice.

use std::sync::atomic::{AtomicU64, Ordering};

/// The soft limit of open files before `raise_open_files`, or `u64::MAX` while unchanged.
static ORIGINAL_SOFT: AtomicU64 = AtomicU64::new(u64::MAX);

/// The limits of open files now: `(soft, hard)`.
pub fn open_files() -> (u64, u64) {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes one rlimit into a valid out-pointer.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) } != 0 {
        return (0, 0);
    }
    (lim.rlim_cur, lim.rlim_max)
}

/// Raises the soft limit of open files to the hard limit. Returns the limit before, when it
/// was raised.
pub fn raise_open_files() -> Option<u64> {
    let (soft, hard) = open_files();
    if soft >= hard {
        return None;
    }
    let lim = libc::rlimit {
        rlim_cur: hard,
        rlim_max: hard,
    };
    // SAFETY: setrlimit reads one rlimit from a valid pointer.
    if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &lim) } != 0 {
        return None;
    }
    ORIGINAL_SOFT.store(soft, Ordering::Relaxed);
    Some(soft)
}

/// The soft limit to give a command we start: the one before `raise_open_files`, if raised.
pub fn original_open_files() -> Option<u64> {
    match ORIGINAL_SOFT.load(Ordering::Relaxed) {
        u64::MAX => None,
        soft => Some(soft),
    }
}
