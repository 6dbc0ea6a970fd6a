//! Running one compiled clause from the REPL: load, attach, redraw a live top view about once a
//! second from the maps as they fill, stop on Enter, Ctrl-C, the duration or the `:cmd`
//! command exiting, then collect and detach.
//!
//! The terminal is the delicate part. While a clause runs, rustyline is not reading, so the
//! terminal is put in a non-canonical, no-echo mode (keeping `ISIG`, so Ctrl-C still raises
//! SIGINT, which the REPL turned into a flag): Enter is seen at once and typed keys do not
//! scroll the view. The mode is restored by a guard's `Drop` on every path. The view is redrawn
//! in place by moving the cursor up over the lines drawn last time, which is why
//! [`view::live_lines`] fits every line to the terminal's width and height.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the binary is the only printer"
)]

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use compiler::artifact::Artifact;
use compiler::diag::Sources;
use runtime::results::Results;
use runtime::session::Session;
use runtime::symbolize::Symbolizer;
use runtime::target::HeldCommand;

use super::view;
use crate::run::{Tracker, runtime_error};

/// How often the view is redrawn from the maps.
const REFRESH: Duration = Duration::from_secs(1);

/// One run's settings.
pub(crate) struct LiveRun<'a> {
    pub(crate) sources: &'a Sources,
    pub(crate) artifact: &'a Artifact,
    /// The clause on one line, for the view's header.
    pub(crate) label: String,
    /// Stop after this many nanoseconds.
    pub(crate) duration: Option<u64>,
    /// Set by SIGINT (Ctrl-C); the caller clears it before the run.
    pub(crate) stop: &'a AtomicBool,
    /// Which processes are traced, for symbol snapshots.
    pub(crate) scope: crate::run::Scope,
}

/// Runs the clause and returns what its maps held at the end. Errors are already printed.
pub(crate) fn run(cfg: &LiveRun<'_>, mut held: Option<&mut HeldCommand>) -> Result<Results, u8> {
    let mut session = Session::load(cfg.artifact).map_err(|e| runtime_error(cfg.sources, e))?;
    let started = Instant::now();
    session
        .attach()
        .map_err(|e| runtime_error(cfg.sources, e))?;
    let took = started.elapsed();
    if let Some(h) = held.as_deref_mut() {
        session
            .add_target(compiler::lower::TARGETS_MAP, h.pid())
            .map_err(|e| runtime_error(cfg.sources, e))?;
        h.release();
    }
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let keys_stop = if interactive {
        "Enter or Ctrl-C"
    } else {
        "Ctrl-C"
    };
    let how_to_stop = match cfg.duration {
        Some(d) => format!("for {:.1} s; {keys_stop} stops early", d as f64 / 1e9),
        None => format!("until {keys_stop}"),
    };
    eprintln!(
        "Attached {} probe(s) in {:.1} ms; tracing {how_to_stop}.",
        cfg.artifact.programs.len(),
        took.as_secs_f64() * 1e3
    );
    let mut symbolizer = Symbolizer::new();
    let mut tracker = Tracker::default();
    let keys = if interactive { Keys::new() } else { None };
    let deadline = cfg.duration.map(|ns| started + Duration::from_nanos(ns));
    let mut drawn = 0usize;
    let mut last_draw = Instant::now();
    loop {
        let enter = match &keys {
            Some(k) => k.enter_within(Duration::from_millis(50)),
            None => {
                std::thread::sleep(Duration::from_millis(50));
                false
            }
        };
        tracker.poll(&session, cfg.scope, &mut symbolizer);
        tracker.prune(&session, cfg.artifact, &mut symbolizer);
        let command_done = held
            .as_deref_mut()
            .is_some_and(|h| matches!(h.try_wait(), Ok(Some(_))));
        if enter
            || command_done
            || cfg.stop.load(Ordering::Relaxed)
            || deadline.is_some_and(|d| Instant::now() >= d)
        {
            break;
        }
        if interactive && last_draw.elapsed() >= REFRESH {
            last_draw = Instant::now();
            // A failed read mid-run is not fatal: the final collect reports it.
            if let Ok(results) = runtime::results::collect(&session, cfg.artifact, &mut symbolizer)
            {
                let header = format!(
                    "{} — {:.0} s (tracing {how_to_stop})",
                    cfg.label,
                    started.elapsed().as_secs_f64()
                );
                drawn = redraw(&header, &results, drawn);
            }
        }
    }
    let elapsed = started.elapsed();
    // Stop the probes, then read the maps once, in their final state.
    session.detach();
    tracker.refresh(&mut symbolizer);
    let results = runtime::results::collect(&session, cfg.artifact, &mut symbolizer)
        .map_err(|e| runtime_error(cfg.sources, e));
    // Detach before drawing anything more: the traced system pays nothing from here on.
    drop(session);
    drop(keys);
    if let Some(h) = held {
        crate::run::end_command(h);
    }
    let results = results?;
    let header = format!(
        "{} — stopped after {:.1} s",
        cfg.label,
        elapsed.as_secs_f64()
    );
    if interactive {
        redraw(&header, &results, drawn);
    } else {
        println!("{header}");
        for line in view::result_lines(&results, 10, None) {
            println!("{line}");
        }
    }
    Ok(results)
}

/// Replaces the `drawn` lines printed last time with a new frame; returns its line count.
fn redraw(header: &str, results: &Results, drawn: usize) -> usize {
    let (width, height) = terminal_size();
    let lines = view::live_lines(header, results, width, height);
    let mut out = String::new();
    if drawn > 0 {
        // Up to the first line of the previous frame.
        out.push_str(&format!("\x1b[{drawn}A\r"));
    }
    // Each line overwrites the old one and clears what is left of it; the rest of the old
    // frame is cleared after. Not one "clear to end of screen" from the top: when the frame
    // fills the screen that is a whole-screen clear, which tmux and VTE push into the
    // scrollback, leaving a copy of every frame there.
    for line in &lines {
        out.push_str(line);
        out.push_str("\x1b[K\n");
    }
    out.push_str("\x1b[J");
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out.as_bytes());
    let _ = stdout.flush();
    lines.len()
}

/// The terminal's columns and rows (80 × 24 when it will not say).
fn terminal_size() -> (usize, usize) {
    // SAFETY: TIOCGWINSZ writes one `winsize` into the struct we pass; a zeroed winsize is valid.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: ioctl on stdout's fd with a valid pointer to a winsize, as TIOCGWINSZ expects.
    let rc = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut ws) };
    if rc != 0 || ws.ws_col == 0 || ws.ws_row == 0 {
        return (80, 24);
    }
    (usize::from(ws.ws_col), usize::from(ws.ws_row))
}

/// The terminal in "keys, no echo" mode for the length of a run; restores it on drop.
struct Keys {
    saved: libc::termios,
}

impl Keys {
    fn new() -> Option<Keys> {
        // SAFETY: a zeroed termios is a valid buffer for tcgetattr to fill.
        let mut saved: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: stdin's fd and a valid termios pointer.
        if unsafe { libc::tcgetattr(libc::STDIN_FILENO, &mut saved) } != 0 {
            return None;
        }
        let mut raw = saved;
        // Keys arrive one by one and are not echoed; ISIG stays, so Ctrl-C is still SIGINT.
        raw.c_lflag &= !(libc::ICANON | libc::ECHO);
        raw.c_cc[libc::VMIN] = 0;
        raw.c_cc[libc::VTIME] = 0;
        // SAFETY: stdin's fd and a valid termios derived from the current one.
        if unsafe { libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &raw) } != 0 {
            return None;
        }
        Some(Keys { saved })
    }

    /// Waits up to `timeout` for input; true when Enter was among the keys read.
    fn enter_within(&self, timeout: Duration) -> bool {
        let mut fds = libc::pollfd {
            fd: libc::STDIN_FILENO,
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
        // SAFETY: one valid pollfd, count 1.
        let n = unsafe { libc::poll(&mut fds, 1, ms) };
        if n <= 0 || fds.revents & libc::POLLIN == 0 {
            return false;
        }
        let mut buf = [0u8; 64];
        // SAFETY: reads at most buf.len() bytes into buf from stdin (non-blocking: VMIN 0).
        let got = unsafe { libc::read(libc::STDIN_FILENO, buf.as_mut_ptr().cast(), buf.len()) };
        let got = usize::try_from(got).unwrap_or(0);
        buf[..got].iter().any(|&b| b == b'\n' || b == b'\r')
    }
}

impl Drop for Keys {
    fn drop(&mut self) {
        // SAFETY: restores the attributes read in `new` on the same fd; drops keys typed
        // during the run so they do not land in the next prompt.
        unsafe {
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &self.saved);
            libc::tcflush(libc::STDIN_FILENO, libc::TCIFLUSH);
        }
    }
}
