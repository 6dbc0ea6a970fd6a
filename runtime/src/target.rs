//! `-c CMD`: the command is started *held* — forked, but blocked before `exec` — so that the
//! probes can be attached with its pid known, and only then released. Its first event is seen,
//! as with `perf record -- CMD`. The command runs through `sh -c` (bpftrace takes one string
//! too); the shell and every descendant are the target, tracked in the kernel at fork.

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus};

pub struct HeldCommand {
    child: Child,
    /// Writing one byte (or closing) releases the child into `exec`.
    release: Option<OwnedFd>,
}

impl HeldCommand {
    pub fn spawn(cmd: &str) -> io::Result<HeldCommand> {
        let mut fds = [0i32; 2];
        // SAFETY: `fds` has room for the two descriptors pipe2 writes.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: pipe2 succeeded, so both descriptors are open and owned by nobody else.
        let (read_end, write_end) =
            unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
        let gate = read_end.as_raw_fd();
        let mut command = Command::new("/bin/sh");
        command.arg("-c").arg(cmd);
        // SAFETY: the closure only calls async-signal-safe functions (read, close) between fork
        // and exec, as pre_exec requires.
        unsafe {
            command.pre_exec(move || {
                let mut byte = 0u8;
                // Blocks until the parent writes a byte or closes its end (on its exit too, so
                // a crashed flamescript never leaves the child held forever).
                let _ = libc::read(gate, (&mut byte as *mut u8).cast(), 1);
                Ok(())
            });
        }
        let child = command.spawn()?;
        drop(read_end);
        Ok(HeldCommand {
            child,
            release: Some(write_end),
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Lets the command run.
    pub fn release(&mut self) {
        if let Some(fd) = self.release.take() {
            let byte = 1u8;
            // SAFETY: fd is an open pipe write end; one byte from a valid buffer.
            let _ = unsafe { libc::write(fd.as_raw_fd(), (&byte as *const u8).cast(), 1) };
        }
    }

    /// The exit status once it has exited, without blocking.
    pub fn try_wait(&mut self) -> io::Result<Option<ExitStatus>> {
        self.child.try_wait()
    }

    /// Ends the command (the run stopped before it finished) and reaps it.
    pub fn kill(&mut self) {
        self.release();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for HeldCommand {
    fn drop(&mut self) {
        // Releasing a never-released child lets it run to its end rather than hang; a child that
        // is still running when the session ends keeps running, as with perf.
        self.release();
        let _ = self.child.try_wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

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
