//! The REPL driven in a real pseudo-terminal: tmux runs the binary, the tests type keys and
//! read the screen back (`capture-pane`), as a user would see it.
//!
//! Each test has its own tmux server (`-L`), so tests run in parallel and never touch a tmux
//! the developer is using. A test that waits for text fails with the screen it saw.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// One tmux server with one session running the binary; killed on drop.
struct Term {
    socket: String,
}

impl Term {
    /// Starts `flamescript` (no script: the REPL) in a 120 × 40 terminal, with `env` set.
    fn start(test: &str, env: &[(&str, String)]) -> Term {
        Term::start_sized(test, env, 40)
    }

    /// The same, `rows` high.
    fn start_sized(test: &str, env: &[(&str, String)], rows: u16) -> Term {
        let socket = format!("flamescript-{}-{test}", std::process::id());
        let mut cmd = vec!["env".to_string()];
        cmd.extend(env.iter().map(|(k, v)| format!("{k}={v}")));
        cmd.push(env!("CARGO_BIN_EXE_flamescript").to_string());
        let term = Term { socket };
        let status = Command::new("tmux")
            .args(["-L", &term.socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-s", "repl", "-x", "120", "-y", &rows.to_string()])
            .args(&cmd)
            .status()
            .expect("running tmux (install it: apt-get install tmux)");
        assert!(status.success(), "tmux could not start a session");
        term.wait_for("the prompt", |s| s.contains("fs>"));
        term
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("running tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Types text literally (no key names), without Enter.
    fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "repl", "-l", text]);
    }

    /// Presses keys by tmux name: `Enter`, `Tab`, `C-c`, `Up`.
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "repl"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// The screen and its scrollback as text.
    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "repl", "-S", "-200"])
    }

    /// The visible screen with its colours as escape sequences.
    fn screen_with_colors(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-e", "-t", "repl"])
    }

    /// Waits up to 20 s until `ok(screen)`; fails showing the screen otherwise.
    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait_with(what, Self::screen, ok)
    }

    fn wait_with(
        &self,
        what: &str,
        read: impl Fn(&Term) -> String,
        ok: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = read(self);
            if ok(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Whether the session (the binary) is still running.
    fn alive(&self) -> bool {
        Command::new("tmux")
            .args(["-L", &self.socket, "has-session", "-t", "repl"])
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

/// A fresh directory for one test (history, outputs).
fn scratch(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("repl")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("creating the scratch directory");
    dir
}

fn data_home(dir: &std::path::Path) -> Vec<(&'static str, String)> {
    vec![("XDG_DATA_HOME", dir.display().to_string())]
}

#[test]
fn a_clause_runs_live_stops_on_ctrl_c_and_its_result_writes_an_svg() {
    if !crate::check::kernel_tests_enabled("repl: live run") {
        return;
    }
    let _kernel = crate::kernel::lock();
    let dir = scratch("live");
    // A short terminal, so the live view fills it: redrawing a full screen is where a
    // whole-screen clear would push every old frame into the scrollback.
    let term = Term::start_sized("live", &data_home(&dir), 8);
    term.type_text("profile hz 99 < @[comm, kstack] = count() >");
    term.keys(&["Enter"]);
    // The live view: a header naming the clause and how to stop, the hottest paths with their
    // share and weight, and the loss line, redrawn while the probe runs.
    let live = term.wait_for("the live top view", |s| {
        s.contains("(tracing until Enter or Ctrl-C)")
            && s.contains("samples in")
            && s.contains("losses: events:")
    });
    let path_line = live
        .lines()
        .find(|l| l.contains('%') && l.contains(" samples  "))
        .unwrap_or_else(|| panic!("no path line with a share and a weight:\n{live}"));
    assert!(
        path_line.trim_start().starts_with(char::is_numeric),
        "{path_line}"
    );
    // It refreshes in place: a later frame replaces the first, the screen holds one header.
    let later = term.wait_for("a second refresh", |s| s.contains(" — 2 s (tracing"));
    assert_eq!(later.matches("(tracing until").count(), 1, "{later}");
    term.keys(&["C-c"]);
    let stopped = term.wait_for("the run to stop", |s| s.contains("stopped after"));
    assert!(stopped.contains("losses: events:"), "{stopped}");
    // Ctrl-C stopped the probe, not the REPL.
    assert!(term.alive(), "Ctrl-C ended the REPL");
    let svg = dir.join("cpu.svg");
    term.type_text(&format!(":svg {}", svg.display()));
    term.keys(&["Enter"]);
    term.wait_for("the SVG to be written", |s| s.contains("written to"));
    let text = std::fs::read_to_string(&svg).expect("the SVG was written");
    assert!(
        text.contains("<svg"),
        "not an SVG:\n{}",
        &text[..text.len().min(300)]
    );
    let frames = text.matches("<g><title>").count();
    assert!(frames >= 2, "an SVG with {frames} frames");
    assert!(text.contains("samples"), "the SVG does not name its unit");
    // The same result as a tree, still in memory.
    term.type_text(":tree");
    term.keys(&["Enter"]);
    term.wait_for("the call tree", |s| {
        s.contains("samples total") && (s.contains("├─") || s.contains("└─"))
    });
    // Run it again: `:diff` compares the two results.
    term.type_text(":run 1s");
    term.keys(&["Enter"]);
    term.wait_for("the second run", |s| {
        s.matches("stopped after").count() == 2
    });
    term.type_text(":diff");
    term.keys(&["Enter"]);
    term.wait_for("the comparison", |s| {
        s.contains("the last run vs baseline the run before") && s.contains(" pts ")
            || s.contains("no change beyond the noise")
    });
    let diff = dir.join("diff.svg");
    term.type_text(&format!(":diff {}", diff.display()));
    term.keys(&["Enter"]);
    term.wait_for("the differential SVG", |s| {
        s.contains("differential flame graph written to")
    });
    let text = std::fs::read_to_string(&diff).expect("the differential SVG was written");
    assert!(
        text.contains("<svg") && text.contains("baseline"),
        "not a differential SVG"
    );
    term.type_text(":quit");
    term.keys(&["Enter"]);
    term.wait_with(
        "the REPL to quit",
        |t| t.alive().to_string(),
        |s| s == "false",
    );
    crate::kernel::assert_nothing_of_ours_loaded();
}

#[test]
fn a_bad_line_shows_a_diagnostic_and_the_repl_goes_on() {
    let dir = scratch("bad_line");
    let term = Term::start("bad_line", &data_home(&dir));
    term.type_text("offcpu < @[kstack] = sum(dleta) >");
    term.keys(&["Enter"]);
    let screen = term.wait_for("the diagnostic", |s| s.contains("did you mean `delta`?"));
    assert!(screen.contains("unknown builtin `dleta`"), "{screen}");
    assert!(screen.contains("<repl:1>:1:26"), "{screen}");
    // A command typo is refused with a suggestion too, and the REPL still answers after both.
    term.type_text(":tpo 3");
    term.keys(&["Enter"]);
    term.wait_for("the command refusal", |s| {
        s.contains("did you mean `:top`?")
    });
    term.type_text(":help");
    term.keys(&["Enter"]);
    term.wait_for("the help", |s| s.contains(":tree [MIN%]"));
    assert!(term.alive());
}

#[test]
fn tab_completes_probes_and_the_probes_builtins() {
    let dir = scratch("complete");
    let term = Term::start("complete", &data_home(&dir));
    term.type_text("off");
    term.keys(&["Tab"]);
    // Read with colours: the greyed hint would show `offcpu` on screen even before Tab, but
    // only completion puts `offcpu` in the typed (uncoloured) text.
    term.wait_with(
        "`off` completed to `offcpu`",
        Term::screen_with_colors,
        |s| s.contains("fs> offcpu"),
    );
    term.keys(&["C-u"]);
    term.type_text("offcpu < @[kstack] = sum(de");
    term.keys(&["Tab"]);
    term.wait_for("`de` completed to `delta`", |s| {
        s.contains("fs> offcpu < @[kstack] = sum(delta")
    });
    term.keys(&["C-u"]);
    term.type_text(":tr");
    term.keys(&["Tab"]);
    term.wait_with(
        "`:tr` completed to `:tree`",
        Term::screen_with_colors,
        |s| s.contains("fs> :tree"),
    );
}

#[test]
fn history_survives_a_restart() {
    let dir = scratch("history");
    {
        let term = Term::start("history1", &data_home(&dir));
        term.type_text(":help top");
        term.keys(&["Enter"]);
        term.wait_for("the help line", |s| s.contains("heaviest stacks"));
        term.keys(&["C-d"]);
        term.wait_with(
            "the REPL to quit",
            |t| t.alive().to_string(),
            |s| s == "false",
        );
    }
    let saved = std::fs::read_to_string(dir.join("flamescript/history")).expect("a history file");
    assert!(saved.contains(":help top"), "{saved}");
    let term = Term::start("history2", &data_home(&dir));
    term.keys(&["Up"]);
    term.wait_for("the previous session's line", |s| {
        s.contains("fs> :help top")
    });
}

#[test]
fn cmd_aims_runs_at_a_started_command_and_save_keeps_accepted_clauses() {
    if !crate::check::kernel_tests_enabled("repl: :cmd") {
        return;
    }
    let _kernel = crate::kernel::lock();
    let dir = scratch("cmd");
    let term = Term::start("cmd", &data_home(&dir));
    // A shell busy for a moment: the run ends by itself when it exits.
    term.type_text(":cmd i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done");
    term.keys(&["Enter"]);
    term.wait_for("the new aim", |s| s.contains("each run starts"));
    term.type_text("profile hz 999 < @[comm] = count() >");
    term.keys(&["Enter"]);
    let screen = term.wait_for("the run to end with the command", |s| {
        s.contains("stopped after")
    });
    // Only the command was traced: its shell is the one process in the result.
    assert!(screen.contains("@[sh]: "), "{screen}");
    assert!(!screen.contains("@[swapper"), "{screen}");
    // A refused clause is not saved; the accepted one is.
    term.type_text("profile < @[comm] = sum(nope) >");
    term.keys(&["Enter"]);
    term.wait_for("the diagnostic", |s| s.contains("unknown builtin `nope`"));
    let saved = dir.join("session.fs");
    term.type_text(&format!(":save {}", saved.display()));
    term.keys(&["Enter"]);
    term.wait_for("the save", |s| s.contains("1 clause(s) saved"));
    let text = std::fs::read_to_string(&saved).expect("the session file");
    assert!(
        text.contains("profile hz 999 < @[comm] = count() >"),
        "{text}"
    );
    assert!(!text.contains("nope"), "{text}");
    // The BPF of the last clause that compiled.
    term.type_text(":asm");
    term.keys(&["Enter"]);
    term.wait_for("the BPF listing", |s| {
        s.contains("call bpf_get_current_comm")
    });
    // The saved session runs again from its file, at the same command.
    term.type_text(&format!(":load {}", saved.display()));
    term.keys(&["Enter"]);
    let header = format!("{} — stopped after", saved.display());
    term.wait_for("the loaded script's run", |s| s.contains(&header));
    term.keys(&["C-d"]);
    term.wait_with(
        "the REPL to quit",
        |t| t.alive().to_string(),
        |s| s == "false",
    );
    crate::kernel::assert_nothing_of_ours_loaded();
}

// See: #20
#[test]
fn issue_20_top_by_function_top_stacks_and_json() {
    if !crate::check::kernel_tests_enabled("repl: top and json") {
        return;
    }
    let _kernel = crate::kernel::lock();
    let dir = scratch("top_json");
    let term = Term::start_sized("top_json", &data_home(&dir), 40);
    term.type_text(":run 1s profile hz 999 < @[kstack] = count() >");
    term.keys(&["Enter"]);
    term.wait_for("the run to stop", |s| s.contains("stopped after"));
    // What the screen shows after the command typed last.
    let after = |s: &str, typed: &str| s.rfind(typed).map(|at| s[at + typed.len()..].to_string());
    // `:top`: functions, self and total side by side (pprof's flat and cum).
    term.type_text(":top 3");
    term.keys(&["Enter"]);
    let top = term.wait_for("the function view", |s| {
        after(s, ":top 3").is_some_and(|s| s.contains("self   self%") && s.contains("fs>"))
    });
    let top = after(&top, ":top 3").unwrap_or_default();
    assert!(top.contains("total%  function"), "{top}");
    let header = top
        .lines()
        .find(|l| l.contains(" functions") && l.starts_with("@: "))
        .unwrap_or_else(|| panic!("no header naming the functions:\n{top}"));
    assert!(header.contains("sample"), "{header}");
    assert!(!top.contains(" 1 samples"), "a wrong plural:\n{top}");
    // `:top stacks`: today's view, whole stacks by weight.
    term.type_text(":top stacks 3");
    term.keys(&["Enter"]);
    let stacks = term.wait_for("the stack view", |s| {
        after(s, ":top stacks 3").is_some_and(|s| s.contains("fs>"))
    });
    let stacks = after(&stacks, ":top stacks 3").unwrap_or_default();
    assert!(
        stacks
            .lines()
            .any(|l| l.starts_with("@: ") && l.contains(" in ") && l.contains(" stack")),
        "{stacks}"
    );
    assert!(!stacks.contains("self%"), "{stacks}");
    // `:json FILE`: speedscope's format.
    let json = dir.join("cpu.json");
    term.type_text(&format!(":json {}", dir.join("cpu").display()));
    term.keys(&["Enter"]);
    term.wait_for("the JSON to be written", |s| s.contains("written to"));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("cpu.json written"))
            .expect("valid JSON");
    assert_eq!(doc["profiles"][0]["type"], "sampled");
    assert!(
        doc["profiles"][0]["endValue"].as_u64().unwrap_or(0) > 0,
        "{doc}"
    );
}
