//! Test support: what the BPF side will capture for a user stack, taken from a live process with
//! ptrace instead (registers, the top bytes of the stack, the kernel-style frame-pointer walk,
//! `/proc/PID/maps`). Used by the unwind tests and by the `unwind_depth` example, which includes
//! this file by path, so it depends on nothing but std and libc.

use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;

/// One stopped thread's stack, as the kernel would see it at an event.
pub(crate) struct Capture {
    pub(crate) ip: u64,
    pub(crate) sp: u64,
    pub(crate) bp: u64,
    /// Up to the asked number of bytes from `sp`; fewer where the stack mapping ends.
    pub(crate) stack: Vec<u8>,
    /// The frame-pointer walk over live memory, as `perf_callchain_user` does it: the ip,
    /// then `ra = *(bp + 8)`, `bp = *bp` until a read fails, at most 127 entries.
    pub(crate) fp: Vec<u64>,
    /// `/proc/PID/maps` at the stop.
    pub(crate) maps: String,
}

/// Starts tracing `pid` without stopping it (PTRACE_SEIZE). The calling thread becomes the
/// tracer: every later call for `pid` must come from it.
pub(crate) fn seize(pid: i32) -> io::Result<()> {
    // SAFETY: PTRACE_SEIZE takes no pointers (addr and data are ignored/zero options).
    let res = unsafe { libc::ptrace(libc::PTRACE_SEIZE, pid, 0usize, 0usize) };
    match res {
        0 => Ok(()),
        _ => Err(io::Error::last_os_error()),
    }
}

/// Stops a seized `pid` (PTRACE_INTERRUPT) and waits until it is stopped. A thread blocked in
/// a system call stops at the call's return point with its registers intact.
pub(crate) fn stop(pid: i32) -> io::Result<()> {
    // SAFETY: PTRACE_INTERRUPT takes no pointers.
    if unsafe { libc::ptrace(libc::PTRACE_INTERRUPT, pid, 0usize, 0usize) } != 0 {
        return Err(io::Error::last_os_error());
    }
    let mut status = 0;
    // SAFETY: `status` is a valid out-pointer for the call's duration.
    let res = unsafe { libc::waitpid(pid, &mut status, libc::__WALL) };
    if res != pid {
        return Err(io::Error::last_os_error());
    }
    match libc::WIFSTOPPED(status) {
        true => Ok(()),
        false => Err(io::Error::other(format!(
            "process {pid} did not stop (wait status {status:#x})"
        ))),
    }
}

/// Lets a stopped `pid` run again.
pub(crate) fn resume(pid: i32) -> io::Result<()> {
    // SAFETY: PTRACE_CONT with signal 0 takes no pointers.
    match unsafe { libc::ptrace(libc::PTRACE_CONT, pid, 0usize, 0usize) } {
        0 => Ok(()),
        _ => Err(io::Error::last_os_error()),
    }
}

/// What the kernel would capture for stopped `pid`, with `stack_bytes` of stack copy.
pub(crate) fn capture(pid: i32, stack_bytes: usize) -> io::Result<Capture> {
    // SAFETY: an all-zero user_regs_struct is a valid value (plain integers).
    let mut regs: libc::user_regs_struct = unsafe { std::mem::zeroed() };
    // SAFETY: PTRACE_GETREGS writes one user_regs_struct to `data`, which points to one.
    let res = unsafe {
        libc::ptrace(
            libc::PTRACE_GETREGS,
            pid,
            0usize,
            &mut regs as *mut libc::user_regs_struct,
        )
    };
    if res != 0 {
        return Err(io::Error::last_os_error());
    }
    let mem = File::open(format!("/proc/{pid}/mem"))?;
    let stack = read_mem(&mem, regs.rsp, stack_bytes);
    let mut fp = vec![regs.rip];
    let mut bp = regs.rbp;
    while fp.len() < 127 {
        let frame = read_mem(&mem, bp, 16);
        if frame.len() < 16 {
            break;
        }
        let word = |i: usize| u64::from_le_bytes(frame[i..i + 8].try_into().expect("8 bytes"));
        fp.push(word(8));
        bp = word(0);
    }
    Ok(Capture {
        ip: regs.rip,
        sp: regs.rsp,
        bp: regs.rbp,
        stack,
        fp,
        maps: std::fs::read_to_string(format!("/proc/{pid}/maps"))?,
    })
}

/// Up to `len` bytes of the process's memory at `addr`: fewer where the mapping ends, none if
/// `addr` is not mapped (as the kernel's copy would fail there).
fn read_mem(mem: &File, addr: u64, len: usize) -> Vec<u8> {
    let mut buf = vec![0; len];
    let mut got = 0;
    while got < len {
        // A garbage frame pointer near the top of the address space must not overflow.
        let Some(at) = addr.checked_add(got as u64) else {
            break;
        };
        match mem.read_at(&mut buf[got..], at) {
            Ok(0) | Err(_) => break,
            Ok(n) => got += n,
        }
    }
    buf.truncate(got);
    buf
}
