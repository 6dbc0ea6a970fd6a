//! `-c CMD`: the command is started *held* — forked, but blocked before `exec` — so that the
//! probes can be attached with its pid known, and only then released. Its first event is seen,
//! as with `perf record -- CMD`. The command runs through `sh -c` (bpftrace takes one string
//! too); the shell and every descendant are the target, tracked in the kernel at fork. A simple
//! command (no `;`, `&`, `|`, no compound keyword) runs as `sh -c 'exec CMD'`: the shell becomes
//! the command instead of waiting for it, so the graph is not a third shell waiting in `wait4`.
//!
//! The command dies with us: it is started with `PR_SET_PDEATHSIG` = SIGKILL, so a flamescript
//! killed outright (SIGKILL, a crash) never leaves it running under init. (The signal reaches
//! the shell or the command it became; what a compound command forked is not ours to follow.)
//! A command never released (the run failed before it could be traced) never runs. One still
//! running when the run ends is ended as a terminal ends a job: SIGTERM to it and what it
//! started, then SIGKILL to what is left after a grace period (`terminate`).

use std::ffi::CString;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

/// How a reaped command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exited {
    /// The `wait` status word.
    pub status: i32,
}

impl Exited {
    /// Whether it exited with status 0.
    pub fn success(&self) -> bool {
        libc::WIFEXITED(self.status) && libc::WEXITSTATUS(self.status) == 0
    }

    /// How it ended, in words that follow "the command": `exited with status 127: not found`,
    /// `was killed by signal 9 (SIGKILL)`. 126 and 127 are the shell's own codes.
    pub fn describe(&self) -> String {
        if libc::WIFSIGNALED(self.status) {
            let sig = libc::WTERMSIG(self.status);
            let core = if libc::WCOREDUMP(self.status) {
                ", core dumped"
            } else {
                ""
            };
            return match signal_name(sig) {
                Some(name) => format!("was killed by signal {sig} ({name}{core})"),
                None => format!("was killed by signal {sig}{}", core.replace(',', "")),
            };
        }
        let code = libc::WEXITSTATUS(self.status);
        match code {
            126 => format!("exited with status {code}: found but not executable"),
            127 => format!("exited with status {code}: not found"),
            _ => format!("exited with status {code}"),
        }
    }
}

/// The name of the common signals (`SIGKILL`).
fn signal_name(sig: i32) -> Option<&'static str> {
    Some(match sig {
        libc::SIGHUP => "SIGHUP",
        libc::SIGINT => "SIGINT",
        libc::SIGQUIT => "SIGQUIT",
        libc::SIGILL => "SIGILL",
        libc::SIGTRAP => "SIGTRAP",
        libc::SIGABRT => "SIGABRT",
        libc::SIGBUS => "SIGBUS",
        libc::SIGFPE => "SIGFPE",
        libc::SIGKILL => "SIGKILL",
        libc::SIGUSR1 => "SIGUSR1",
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGUSR2 => "SIGUSR2",
        libc::SIGPIPE => "SIGPIPE",
        libc::SIGALRM => "SIGALRM",
        libc::SIGTERM => "SIGTERM",
        libc::SIGXCPU => "SIGXCPU",
        libc::SIGXFSZ => "SIGXFSZ",
        libc::SIGSYS => "SIGSYS",
        _ => return None,
    })
}

pub struct HeldCommand {
    pid: libc::pid_t,
    /// Writing one byte (or closing) releases the child into `exec`.
    release: Option<OwnedFd>,
    exited: Option<Exited>,
}

impl HeldCommand {
    /// Forks a child that waits on a pipe, then execs `/bin/sh -c CMD`.
    ///
    /// Not `std::process::Command`: its `spawn` waits until the child has exec'd, and ours must
    /// not exec before the probes are attached.
    pub fn spawn(cmd: &str) -> io::Result<HeldCommand> {
        let bad = |_| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "the command contains a NUL byte",
            )
        };
        // Everything the child needs is allocated before fork: between fork and exec only
        // async-signal-safe calls are allowed in a multi-threaded process.
        let sh = CString::new("/bin/sh").map_err(bad)?;
        let dash_c = CString::new("-c").map_err(bad)?;
        let script = CString::new(if is_simple(cmd) {
            format!("exec {cmd}")
        } else {
            cmd.to_string()
        })
        .map_err(bad)?;
        let argv = [
            sh.as_ptr(),
            dash_c.as_ptr(),
            script.as_ptr(),
            std::ptr::null(),
        ];
        // The command gets the limit of open files it would have had without us.
        let (_, hard) = crate::limits::open_files();
        let files = crate::limits::original_open_files().map(|soft| libc::rlimit {
            rlim_cur: soft,
            rlim_max: hard,
        });
        // SAFETY: getpid has no preconditions.
        let parent = unsafe { libc::getpid() };
        let mut fds = [0i32; 2];
        // SAFETY: `fds` has room for the two descriptors pipe2 writes.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: pipe2 succeeded, so both descriptors are open and owned by nobody else.
        let (read_end, write_end) =
            unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
        // SAFETY: fork has no preconditions; the child branch below only calls prctl, getppid,
        // setrlimit, close, read, execv and _exit, all async-signal-safe system calls, on memory
        // allocated before the fork.
        let pid = unsafe { libc::fork() };
        if pid < 0 {
            return Err(io::Error::last_os_error());
        }
        if pid == 0 {
            // SAFETY: see above; the child never returns from this block.
            unsafe {
                // Killed when we die, however we die; kept across exec (sh is not set-uid).
                libc::prctl(
                    libc::PR_SET_PDEATHSIG,
                    libc::SIGKILL as libc::c_ulong,
                    0,
                    0,
                    0,
                );
                // We may have died before that took effect: then our parent is someone else.
                if libc::getppid() != parent {
                    libc::_exit(1);
                }
                if let Some(files) = &files {
                    libc::setrlimit(libc::RLIMIT_NOFILE, files);
                }
                libc::close(write_end.as_raw_fd());
                let mut byte = 0u8;
                // Blocks until the parent writes a byte (release) or its end closes without one
                // (it died, or gave up on the run): then the command must not run untraced.
                let n = libc::read(read_end.as_raw_fd(), (&mut byte as *mut u8).cast(), 1);
                if n != 1 {
                    libc::_exit(1);
                }
                libc::execv(sh.as_ptr(), argv.as_ptr());
                libc::_exit(127);
            }
        }
        drop(read_end);
        Ok(HeldCommand {
            pid,
            release: Some(write_end),
            exited: None,
        })
    }

    pub fn pid(&self) -> u32 {
        self.pid as u32
    }

    /// Lets the command run.
    pub fn release(&mut self) {
        if let Some(fd) = self.release.take() {
            let byte = 1u8;
            // SAFETY: fd is an open pipe write end; one byte from a valid buffer.
            let _ = unsafe { libc::write(fd.as_raw_fd(), (&byte as *const u8).cast(), 1) };
        }
    }

    /// How it ended once it has exited (reaping it), without blocking.
    pub fn try_wait(&mut self) -> io::Result<Option<Exited>> {
        if self.exited.is_some() {
            return Ok(self.exited);
        }
        let mut status = 0;
        // SAFETY: waits only for our own child, without blocking; `status` is a valid out-pointer.
        let rc = unsafe { libc::waitpid(self.pid, &mut status, libc::WNOHANG) };
        match rc {
            0 => Ok(None),
            rc if rc < 0 => Err(io::Error::last_os_error()),
            _ => {
                self.exited = Some(Exited { status });
                Ok(self.exited)
            }
        }
    }

    /// Ends a released command whose run ended first (`-d`, Ctrl-C) as a terminal would end a
    /// job: SIGTERM to the command and what it started, `grace` to go, then SIGKILL to
    /// whatever is left of that tree (a command that ignores SIGTERM, or a shell's child that
    /// inherited the ignoring). Reaps the command; says which it took.
    ///
    /// What it started is found through `/proc` (each process's parent) while the command
    /// lives: once it has died, its children belong to init and cannot be told from anyone's
    /// (what a command leaves behind after exiting by itself is not ours to follow).
    pub fn terminate(&mut self, grace: std::time::Duration) -> Termination {
        if self.release.is_some() || self.exited.is_some() {
            self.kill();
            return Termination::Ended;
        }
        if let Ok(Some(_)) = self.try_wait() {
            return Termination::Ended;
        }
        for pid in std::iter::once(self.pid).chain(descendants(self.pid)) {
            // SAFETY: sends a signal; no memory is involved.
            unsafe { libc::kill(pid, libc::SIGTERM) };
        }
        let start = std::time::Instant::now();
        while start.elapsed() < grace {
            if let Ok(Some(_)) = self.try_wait() {
                return Termination::Ended;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        // Read again, now: only processes below our (unreaped) child, so no pid reused by
        // someone else's process is signalled. The command goes first, so that a shell does
        // not run its next line when its child dies.
        let tree = descendants(self.pid);
        // SAFETY: sends a signal to our own, unreaped child.
        unsafe { libc::kill(self.pid, libc::SIGKILL) };
        for &pid in &tree {
            // SAFETY: sends a signal; no memory is involved.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        self.kill();
        Termination::Killed { others: tree.len() }
    }

    /// Ends the command (the run stopped before it finished, or failed before it began) and
    /// reaps it.
    pub fn kill(&mut self) {
        // Not released on the way: a command never released exits before its exec when its
        // pipe closes, and never runs at all.
        self.release.take();
        if self.exited.is_none() {
            let mut status = 0;
            // SAFETY: signals and reaps our own child only.
            unsafe {
                libc::kill(self.pid, libc::SIGKILL);
                libc::waitpid(self.pid, &mut status, 0);
            }
            self.exited = Some(Exited { status });
        }
    }
}

/// How [`HeldCommand::terminate`] ended a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Termination {
    /// It had exited already, or ended within the grace period after SIGTERM.
    Ended,
    /// It was still running after the grace period: SIGKILL, to it and to the `others`
    /// processes it had started.
    Killed { others: usize },
}

/// Every process below `root` (its children, theirs, …), read from `/proc`'s parent links.
fn descendants(root: i32) -> Vec<i32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let parents: Vec<(i32, i32)> = dir
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // `pid (comm) S ppid …`: the parent follows the state, after the last `)`.
            let ppid = stat.rsplit_once(')')?.1.split_whitespace().nth(1)?;
            Some((pid, ppid.parse().ok()?))
        })
        .collect();
    let mut res = Vec::new();
    let mut frontier = vec![root];
    while let Some(parent) = frontier.pop() {
        for &(pid, ppid) in &parents {
            if ppid == parent && !res.contains(&pid) {
                res.push(pid);
                frontier.push(pid);
            }
        }
    }
    res
}

impl Drop for HeldCommand {
    fn drop(&mut self) {
        // A command never released is ended: the run it was held for failed, and it must not
        // run untraced. One released and still running is reaped if it has exited; else it
        // runs until we exit, when PR_SET_PDEATHSIG ends it.
        if self.release.take().is_some() {
            self.kill();
        }
        let _ = self.try_wait();
    }
}

/// Whether `cmd` is one simple command that `exec` can run in the shell's place: no list,
/// pipeline or background operator, no compound command, no leading variable assignment.
fn is_simple(cmd: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
        "function", "{", "}", "!", "exec", "time",
    ];
    let Some(first) = cmd.split_whitespace().next() else {
        return false;
    };
    !cmd.contains([';', '&', '|', '\n', '(', ')'])
        && !KEYWORDS.contains(&first)
        && !first.contains('=')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_simple_commands_are_exec_d() {
        for simple in [
            "./app --flag x",
            "sleep 1",
            "cat < in > out",
            "env FOO=1 ./app",
        ] {
            assert!(is_simple(simple), "{simple}");
        }
        for compound in [
            "sleep 1; ./app",
            "./a && ./b",
            "./a | ./b",
            "./a &",
            "FOO=1 ./app",
            "for i in 1 2; do ./a; done",
            "(./a)",
            "echo $(date)",
            "",
        ] {
            assert!(!is_simple(compound), "{compound}");
        }
    }
    use std::time::{Duration, Instant};

    // See: issue 19 — the command's fate in words: a missing command, a failure, a signal.
    #[test]
    fn issue_19_exits_described() {
        let exit = |code: i32| Exited { status: code << 8 };
        assert!(exit(0).success());
        assert!(!exit(1).success());
        assert_eq!(exit(127).describe(), "exited with status 127: not found");
        assert_eq!(
            exit(126).describe(),
            "exited with status 126: found but not executable"
        );
        assert_eq!(exit(3).describe(), "exited with status 3");
        let killed = Exited { status: 9 };
        assert!(!killed.success());
        assert_eq!(killed.describe(), "was killed by signal 9 (SIGKILL)");
        let core = Exited { status: 11 | 0x80 };
        assert_eq!(
            core.describe(),
            "was killed by signal 11 (SIGSEGV, core dumped)"
        );
        assert_eq!(Exited { status: 40 }.describe(), "was killed by signal 40");
    }

    #[test]
    fn held_until_released() {
        let dir = std::env::temp_dir().join(format!("fs_held_{}", std::process::id()));
        let _ = std::fs::remove_file(&dir);
        let mut held = HeldCommand::spawn(&format!("touch {}", dir.display())).expect("spawn sh");
        std::thread::sleep(Duration::from_millis(150));
        assert!(!dir.exists(), "the command ran before it was released");
        held.release();
        let t = Instant::now();
        while held.try_wait().expect("wait").is_none() && t.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(dir.exists(), "the command did not run after release");
        let _ = std::fs::remove_file(&dir);
    }
}
