//! User stacks recovered from unwind info (`--unwind auto|dwarf`): the kernel kept, per
//! distinct user stack, the thread's registers and the top of its stack (`fs_ucopy`, see
//! `compiler::lower::Unwind`); here each is unwound once with its process's modules
//! ([`crate::unwind`]) and replaces the frame-pointer stack of the same key.
//!
//! A stack whose unwinding stopped before its root keeps what was recovered and ends (at its
//! root side) in a sentinel address that `fold` draws as a marked frame, `[unwind: …]`, and
//! counts by cause; nothing is dropped.

use std::collections::HashMap;

use compiler::artifact::Artifact;

use crate::error::MapDump;
use crate::losses::LossReport;
use crate::symbolize::Symbolizer;
use crate::unwind::{Stop, Unwinder, UserCopy};

/// Sentinel addresses, above any user address, that end a stack whose unwind stopped early
/// (here, or in the kernel's walk from tables: `compiler::lower::uwalk`, the same codes).
pub const STOP_BASE: u64 = compiler::lower::uwalk::STOP_BASE;
/// The last word of a stack the kernel walked from tables to its outermost frame: complete.
pub const WALKED_TO_ROOT: u64 = STOP_BASE | compiler::lower::uwalk::WALKED_TO_ROOT;

fn stop_code(stop: &Stop) -> Option<u64> {
    match stop {
        // Reached the root, or joined the kernel's frame-pointer walk for the rest.
        Stop::Root | Stop::FpChain => None,
        Stop::CopyTooShort => Some(1),
        Stop::NoUnwindInfo => Some(2),
        Stop::DepthLimit => Some(3),
        Stop::BadFrame => Some(4),
        Stop::Unfollowed => Some(compiler::lower::uwalk::STOP_UNFOLLOWED),
    }
}

/// The label of a sentinel, or `None` for an ordinary address.
pub fn stop_label(ip: u64) -> Option<&'static str> {
    if ip < STOP_BASE || ip == WALKED_TO_ROOT {
        return None;
    }
    Some(match ip - STOP_BASE {
        1 => "[unwind: stack copy too short]",
        2 => "[unwind: no unwind info]",
        3 => "[unwind: depth limit]",
        5 => "[unwind: stack unreadable]",
        6 => "[unwind: no stack copy]",
        7 => "[unwind: rule not followed]",
        _ => "[unwind: bad frame]",
    })
}

/// Unwinds every copied user stack; returns stack key → frames (leaf first, a sentinel last
/// when the unwind stopped early). `fp` reads a key's frame-pointer frames from the stacks map.
pub fn unwind_copies(
    dumps: &[MapDump],
    artifact: &Artifact,
    fp: &dyn Fn(u64) -> Option<Vec<u64>>,
    symbolizer: &mut Symbolizer,
    unwinder: &mut Unwinder,
    losses: &mut LossReport,
) -> HashMap<u64, Vec<u64>> {
    let mut out = HashMap::new();
    let Some(dump) = dumps
        .iter()
        .find(|d| d.spec.name == compiler::lower::UCOPY_MAP)
    else {
        return out;
    };
    let header = compiler::lower::UCOPY_HEADER as usize;
    let word = |b: &[u8], at: usize| u64::from_ne_bytes(b[at..at + 8].try_into().unwrap());
    let mut stopped: HashMap<&'static str, u64> = HashMap::new();
    let mut recovered = 0u64;
    for (key, value) in &dump.entries {
        if key.len() < 8 || value.len() < header {
            continue;
        }
        let id = word(key, 0);
        let len = u32::from_ne_bytes(value[24..28].try_into().unwrap()) as usize;
        let tgid = u32::from_ne_bytes(value[28..32].try_into().unwrap());
        let copy = UserCopy {
            ip: word(value, 0),
            sp: word(value, 8),
            bp: word(value, 16),
            stack: value[header..(header + len).min(value.len())].to_vec(),
        };
        let frames = fp(id).unwrap_or_default();
        if copy.stack.is_empty() {
            // Nothing to unwind or to check the frame-pointer walk against: its next frame is
            // the caller's only if the leaf keeps a frame pointer, and libc's syscall wrappers
            // do not (the walk then skips their caller and may still reach `main`, looking
            // complete). Only the leaf is known; the rest is a marked, counted stop.
            let code = compiler::lower::uwalk::STOP_NO_COPY;
            *stopped
                .entry(stop_label(STOP_BASE + code).unwrap())
                .or_default() += 1;
            let leaf = frames.first().copied().unwrap_or(copy.ip);
            out.insert(id, vec![leaf, STOP_BASE + code]);
            continue;
        }
        if symbolizer.mappings(tgid).is_none() {
            // A process still alive that was not tracked while it ran: read its maps now.
            let _ = symbolizer.track(tgid);
        }
        let Some(maps) = symbolizer.mappings(tgid) else {
            continue;
        };
        let maps = maps.to_vec();
        let u = unwinder.unwind(tgid, &maps, &copy, &frames);
        if u.recovered > 0 {
            recovered += 1;
        }
        let mut ips = u.ips;
        // Unwound to the outermost frame of a mapped file's code: complete, as a walk from
        // tables that got there. (A frame in no file ends the unwind by a frame-pointer guess
        // that is no proof of a root.)
        let outer_mapped = ips
            .last()
            .is_some_and(|&ip| maps.iter().any(|m| m.start <= ip && ip < m.end));
        if u.stop == Stop::Root && outer_mapped {
            ips.push(WALKED_TO_ROOT);
        }
        if let Some(code) = stop_code(&u.stop) {
            ips.push(STOP_BASE + code);
            if let Some(label) = stop_label(STOP_BASE + code) {
                *stopped.entry(label).or_default() += 1;
            }
        }
        out.insert(id, ips);
    }
    if recovered > 0 {
        losses.add_counter(
            "user stacks with frames recovered by unwind info",
            recovered,
        );
    }
    for (label, n) in stopped {
        losses.add_counter(&format!("user stacks ending {label}"), n);
    }
    let _ = artifact;
    out
}
