//! The REPL (`flamescript` with no script): explore a live system one clause at a time.
//!
//! Each clause typed is compiled at once (errors are the usual diagnostics, from a source named
//! `<repl:N>`, and the REPL goes on), then run with a live top view until Enter, Ctrl-C or a
//! `:run` duration. The last result stays in memory for `:top`, `:tree` and the writers; `:`
//! commands are parsed in `command`, completion and hints live in `complete`, the half-typed
//! input scanner in `input`, the text views in `view` and the running in `live`.
//!
//! Ctrl-C stops a probe, never the REPL: SIGINT only sets a flag for the whole session, and at
//! the prompt rustyline reads Ctrl-C as a key. History persists in the user's data directory.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the binary is the only printer"
)]

mod command;
mod complete;
mod input;
mod live;
mod view;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use compiler::Compiled;
use compiler::catalog::Env;
use compiler::diag::Sources;
use compiler::lower::{Options, Target};
use compiler::tracefs::TracefsEnv;
use runtime::results::Results;
use runtime::target::HeldCommand;
use rustyline::error::ReadlineError;
use rustyline::history::{DefaultHistory, History};
use rustyline::{CompletionType, Config, Editor};

use self::command::Command;
use self::complete::{ReplHelper, World};

/// Which processes clauses look at: set by `-p`/`-c` or `:pid`/`:cmd`.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Aim {
    All,
    Pid(u32),
    /// Started held at every run; it and its descendants are the target.
    Cmd(String),
}

/// The session: what was typed, compiled and measured so far.
struct Repl {
    sources: Sources,
    env: TracefsEnv,
    /// Clauses entered so far, for `<repl:N>`.
    n_clauses: usize,
    /// Clauses that compiled, in order: what `:save` writes.
    accepted: Vec<String>,
    /// The last clause that compiled (`:run` with no clause runs it again), and its result.
    last: Option<(String, Compiled)>,
    result: Option<Results>,
    /// The result before `result`, for `:diff`.
    previous: Option<Results>,
    aim: Aim,
    /// Set by SIGINT: stops the running probe.
    stop: Arc<AtomicBool>,
}

/// Where history is kept: `$XDG_DATA_HOME/flamescript/history`, else
/// `~/.local/share/flamescript/history`.
fn history_path() -> Option<PathBuf> {
    history_path_from(|name| std::env::var_os(name).map(PathBuf::from))
}

/// [`history_path`] over any environment lookup (tests pass their own). Empty values count as
/// unset, as the XDG spec says.
fn history_path_from(var: impl Fn(&str) -> Option<PathBuf>) -> Option<PathBuf> {
    let var = |name: &str| var(name).filter(|v| !v.as_os_str().is_empty());
    let data = var("XDG_DATA_HOME").or_else(|| var("HOME").map(|h| h.join(".local/share")))?;
    Some(data.join("flamescript").join("history"))
}

/// Starts the REPL; `pid` and `cmd` come from `-p` and `-c`.
pub(crate) fn start(pid: Option<u32>, cmd: Option<String>) -> Result<(), u8> {
    if let Some(p) = pid
        && (p == 0 || !Path::new(&format!("/proc/{p}")).exists())
    {
        return Err(crate::refuse(
            &format!("no process with pid {p}"),
            "check the pid with `ps -p PID`",
        ));
    }
    // Tracepoint layouts come from tracefs; mount it when we may (root).
    let _ = runtime::tracefs::ensure_mounted();
    let stop = Arc::new(AtomicBool::new(false));
    // Ctrl-C outside the prompt (while a probe runs) only sets the flag: the REPL lives on.
    signal_hook::flag::register(signal_hook::consts::SIGINT, Arc::clone(&stop))
        .map_err(|e| crate::refuse(&format!("cannot handle Ctrl-C: {e}"), ""))?;
    let env = TracefsEnv::live();
    let world = World {
        catalog: stdlib::catalog(),
        tracepoints: env.tracepoints(),
        env: Box::new(TracefsEnv::live()),
        maps: Vec::new(),
    };
    let config = Config::builder()
        .auto_add_history(false)
        .history_ignore_space(true)
        .max_history_size(1000)
        .map_err(|e| crate::refuse(&format!("cannot set up line editing: {e}"), ""))?
        .completion_type(CompletionType::List)
        .build();
    let mut rl: Editor<ReplHelper, DefaultHistory> = Editor::with_config(config)
        .map_err(|e| crate::refuse(&format!("cannot set up line editing: {e}"), ""))?;
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    rl.set_helper(Some(ReplHelper::new(world, color)));
    let history = history_path();
    if let Some(path) = &history {
        // A first run has no history yet: nothing to report.
        let _ = rl.load_history(path);
    }
    let mut repl = Repl {
        sources: Sources::new(),
        env,
        n_clauses: 0,
        accepted: Vec::new(),
        last: None,
        result: None,
        previous: None,
        aim: match (pid, cmd) {
            (Some(p), _) => Aim::Pid(p),
            (None, Some(c)) => Aim::Cmd(c),
            (None, None) => Aim::All,
        },
        stop,
    };
    println!(
        "flamescript {}: type a clause (`profile < @[kstack] = count() >`) or `:help`.",
        env!("CARGO_PKG_VERSION")
    );
    let interactive = std::io::stdin().is_terminal();
    let mut history_warned = false;
    loop {
        let line = match rl.readline("fs> ") {
            Ok(line) => line,
            // Ctrl-C at the prompt drops the line being typed, as in a shell.
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("error: reading input: {e}");
                break;
            }
        };
        let mut text = line;
        // Without a terminal rustyline does not validate: read on while a block is open.
        while !interactive && input::scan(&text).is_open() {
            match rl.readline("") {
                Ok(more) if !more.trim().is_empty() => {
                    text.push('\n');
                    text.push_str(&more);
                }
                _ => break,
            }
        }
        if text.trim().is_empty() {
            continue;
        }
        let _ = rl.add_history_entry(text.as_str());
        if let Some(path) = &history
            && let Err(e) = save_history(&mut rl, path)
            && !history_warned
        {
            history_warned = true;
            eprintln!("warning: history not saved to `{}`: {e}", path.display());
        }
        // The previous Ctrl-C is spent: only one pressed from here on stops the next run.
        repl.stop.store(false, Ordering::Relaxed);
        let quit = repl.line(text.trim());
        if let Some(helper) = rl.helper_mut() {
            helper.world.maps = repl
                .accepted
                .iter()
                .flat_map(|c| input::map_names(c))
                .collect();
        }
        if quit {
            break;
        }
    }
    Ok(())
}

fn save_history(rl: &mut Editor<ReplHelper, DefaultHistory>, path: &Path) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    // Saved after every entry, so a killed session keeps what was typed.
    rl.history_mut().save(path).map_err(|e| e.to_string())
}

impl Repl {
    /// Handles one submitted entry; true to leave.
    fn line(&mut self, text: &str) -> bool {
        if !text.starts_with(':') {
            self.clause(text, None);
            return false;
        }
        match command::parse(text) {
            Ok(Command::Quit) => return true,
            Ok(cmd) => self.command(cmd),
            Err(e) => {
                crate::refuse(&e.message, &e.help);
            }
        }
        false
    }

    fn command(&mut self, cmd: Command) {
        match cmd {
            Command::Run { duration, clause } => match clause {
                Some(text) => self.clause(&text, duration),
                None => match self.last.clone() {
                    Some((text, _)) => self.clause(&text, duration),
                    None => {
                        crate::refuse("no clause to run again yet", "type a clause first");
                    }
                },
            },
            Command::Top { n, stacks } => {
                if let Some(res) = self.need_result() {
                    let lines = match stacks {
                        true => view::result_lines(res, n, None),
                        false => view::function_result_lines(res, n),
                    };
                    for line in lines {
                        println!("{line}");
                    }
                }
            }
            Command::Tree { min_percent } => {
                if let Some(res) = self.need_result() {
                    if res.profiles.is_empty() {
                        crate::refuse(
                            "the last result has no flame-graph map to draw as a tree",
                            "key a count() or sum() by kstack or ustack",
                        );
                    }
                    for (name, profile) in &res.profiles {
                        for line in view::tree_lines(name, profile, min_percent) {
                            println!("{line}");
                        }
                    }
                }
            }
            Command::Write { path, map, .. } => self.write(&path, map.as_deref()),
            Command::Diff(path) => self.diff(path.as_deref()),
            Command::Asm => match &self.last {
                Some((_, compiled)) => print!("{}", compiled.asm),
                None => {
                    crate::refuse("no clause compiled yet", "type a clause first");
                }
            },
            Command::Probes(pattern) => self.probes(pattern.as_deref()),
            Command::Help(topic) => self.help(topic.as_deref()),
            Command::Load(path) => self.load(&path),
            Command::Save(path) => self.save(&path),
            Command::Pid(pid) => self.set_pid(pid),
            Command::Cmd(cmd) => {
                self.aim = match cmd {
                    Some(c) => {
                        println!("each run starts `{c}` and traces it and its children");
                        Aim::Cmd(c)
                    }
                    None => {
                        println!("tracing every process");
                        Aim::All
                    }
                };
            }
            Command::Quit => {}
        }
    }

    fn need_result(&self) -> Option<&Results> {
        if self.result.is_none() {
            crate::refuse(
                "no result yet",
                "run a clause first; Enter or Ctrl-C stops it",
            );
        }
        self.result.as_ref()
    }

    /// Compiles one clause (or script) and, when it is accepted, runs it.
    fn clause(&mut self, text: &str, duration: Option<u64>) {
        self.n_clauses += 1;
        let name = format!("<repl:{}>", self.n_clauses);
        self.compile_and_run(name, text, one_line(text), duration);
    }

    /// Compiles `text` as source `name`; when it is accepted, runs it under `label`.
    fn compile_and_run(&mut self, name: String, text: &str, label: String, duration: Option<u64>) {
        let file = self.sources.add(name, text.to_string());
        let options = Options {
            target: match self.aim {
                Aim::All => Target::All,
                Aim::Pid(p) => Target::Pid(p),
                Aim::Cmd(_) => Target::Tree,
            },
            // As the command line's default: frames hidden by code without frame pointers
            // recovered from unwind info.
            unwind: compiler::lower::Unwind::Auto,
            ..Options::default()
        };
        let compiled = match compiler::compile(file, text, stdlib::catalog(), &self.env, &options) {
            Ok(c) => c,
            Err(diags) => {
                crate::emit(&self.sources, &diags);
                return;
            }
        };
        let compiled = crate::prefer_task_work(compiled, file, text, &self.env, &options);
        if !self.accepted.iter().any(|c| c == text) {
            self.accepted.push(text.to_string());
        }
        self.last = Some((text.to_string(), compiled.clone()));
        let mut held = match &self.aim {
            Aim::Cmd(cmd) => match HeldCommand::spawn(cmd) {
                Ok(h) => Some(h),
                Err(e) => {
                    crate::refuse(&format!("cannot start `{cmd}`: {e}"), "check the command");
                    return;
                }
            },
            _ => None,
        };
        let cfg = live::LiveRun {
            sources: &self.sources,
            artifact: &compiled.artifact,
            label,
            duration,
            stop: &self.stop,
            scope: match self.aim {
                Aim::All => crate::run::Scope::All,
                Aim::Pid(p) => crate::run::Scope::Pid(p),
                Aim::Cmd(_) => crate::run::Scope::Tree,
            },
        };
        let res = live::run(&cfg, held.as_mut());
        if let Some(h) = held.as_mut()
            && matches!(h.try_wait(), Ok(None))
        {
            // The run failed before the command was released: do not leave it waiting.
            h.kill();
        }
        if let Ok(results) = res {
            self.previous = self.result.replace(results);
        }
    }

    fn write(&self, path: &Path, map: Option<&str>) {
        let Some(res) = self.need_result() else {
            return;
        };
        let profile = match map {
            None => res.profiles.first(),
            Some(m) => res.profiles.iter().find(|(name, _)| name == m),
        };
        let Some((name, profile)) = profile else {
            let names: Vec<&str> = res.profiles.iter().map(|(n, _)| n.as_str()).collect();
            let help = if names.is_empty() {
                "key a count() or sum() by kstack or ustack to get a flame graph".to_string()
            } else {
                format!("flame-graph maps: {}", names.join(", "))
            };
            crate::refuse(
                &match map {
                    Some(m) => format!("the last result has no flame-graph map `{m}`"),
                    None => "the last result has no flame-graph map".to_string(),
                },
                &help,
            );
            return;
        };
        let title = self
            .last
            .as_ref()
            .map_or_else(|| name.clone(), |(_, c)| c.artifact.title.clone());
        let paths = [path.to_path_buf()];
        if let Err(e) = crate::output::check_paths(&paths) {
            crate::refuse(&e.message, e.help);
            return;
        }
        match crate::output::write_profile(profile, &crate::output::Look::titled(&title), &paths) {
            Ok(()) => println!("{name}: written to {}", path.display()),
            Err(e) => {
                crate::refuse(&e.message, e.help);
            }
        }
    }

    /// Compares the last result's first flame graph with the same map in the result before.
    fn diff(&self, path: Option<&Path>) {
        let Some(after) = self.need_result() else {
            return;
        };
        let Some(before) = &self.previous else {
            crate::refuse(
                "only one result so far: nothing to compare it with",
                "run a clause again (`:run 5s`) and `:diff` compares the two runs",
            );
            return;
        };
        let Some((name, b)) = after.profiles.first() else {
            crate::refuse(
                "the last result has no flame graph to compare",
                "key a count() or sum() by kstack or ustack",
            );
            return;
        };
        let Some((_, a)) = before.profiles.iter().find(|(n, _)| n == name) else {
            crate::refuse(
                &format!("the result before has no flame-graph map `{name}`"),
                "compare two runs of clauses that fill the same map",
            );
            return;
        };
        let opts = runtime::render::diff::DiffOptions {
            name_a: "the run before".into(),
            name_b: "the last run".into(),
            ..Default::default()
        };
        let res = runtime::render::diff::diff(a, b, &opts);
        let Some(path) = path else {
            println!("{name}: {}", runtime::render::diff::title(&res, &opts));
            for line in view::diff_lines(&res, 15, None) {
                println!("{line}");
            }
            return;
        };
        let paths = [path.to_path_buf()];
        if let Err(e) = crate::output::check_paths(&paths) {
            crate::refuse(&e.message, e.help);
            return;
        }
        let svg = match runtime::render::diff::render_svg(&res, &opts) {
            Ok(svg) => svg,
            Err(e) => {
                crate::refuse(&format!("cannot draw the difference: {e}"), "");
                return;
            }
        };
        match crate::output::write_atomic(path, svg.as_bytes()) {
            Ok(()) => println!(
                "{name}: differential flame graph written to {}",
                path.display()
            ),
            Err(e) => {
                crate::refuse(&e.message, e.help);
            }
        }
    }

    fn probes(&self, pattern: Option<&str>) {
        match pattern {
            Some(p) => {
                if let Err(e) = crate::list::list(p, true) {
                    crate::refuse(&e.message, &e.help);
                }
            }
            None => {
                for p in stdlib::catalog().probes {
                    println!("{:<12} {}", p.name(), p.summary());
                    println!("{:<12} e.g. {}", "", p.example());
                }
                println!(
                    "tracepoint:CAT:NAME for any kernel tracepoint: `:probes sched:*` lists them"
                );
            }
        }
    }

    fn help(&self, topic: Option<&str>) {
        let Some(topic) = topic else {
            println!(
                "Type a clause to compile and run it, e.g. `profile hz 99 < @[comm, kstack] = count() >`;\n\
                 a clause may span lines while a block is open (an empty line submits it).\n\
                 Enter or Ctrl-C stops a run; its result stays for the commands below.\n\
                 (Input piped in, not a terminal: a run lasts its `:run` duration, or until Ctrl-C.)\n"
            );
            for (name, args, what) in command::COMMANDS {
                let synopsis = format!(":{name} {args}");
                println!("  {synopsis:<28} {what}");
            }
            println!(
                "\n`:help PROBE` describes a probe; Tab completes probes, builtins and commands."
            );
            return;
        };
        let topic = topic.trim_start_matches(':');
        if let Some((name, args, what)) = command::COMMANDS.iter().find(|c| c.0 == topic) {
            println!(":{name} {args}\n    {what}");
            return;
        }
        if let Some(p) = stdlib::catalog().find(topic) {
            let _ = crate::list::list(p.name(), true);
            println!("  e.g. {}", p.example());
            return;
        }
        crate::refuse(
            &format!("no help on `{topic}`"),
            "`:help` lists the commands; `:probes` lists the probes",
        );
    }

    fn load(&mut self, path: &Path) {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                crate::refuse(
                    &format!("cannot read `{}`: {e}", path.display()),
                    "check the path",
                );
                return;
            }
        };
        let name = path.display().to_string();
        self.compile_and_run(name.clone(), &text, name, None);
    }

    fn save(&self, path: &Path) {
        if self.accepted.is_empty() {
            crate::refuse("nothing to save yet", "clauses that compile are saved");
            return;
        }
        let mut text = String::from("# flamescript REPL session\n");
        for clause in &self.accepted {
            text.push_str(clause);
            text.push('\n');
        }
        match crate::output::write_atomic(path, text.as_bytes()) {
            Ok(()) => println!(
                "{} clause(s) saved to {}",
                self.accepted.len(),
                path.display()
            ),
            Err(e) => {
                crate::refuse(&e.message, e.help);
            }
        }
    }

    fn set_pid(&mut self, pid: Option<u32>) {
        match pid {
            Some(p) if !Path::new(&format!("/proc/{p}")).exists() => {
                crate::refuse(
                    &format!("no process with pid {p}"),
                    "check the pid with `ps -p PID`",
                );
            }
            Some(p) => {
                println!("tracing process {p} from the next clause on");
                self.aim = Aim::Pid(p);
            }
            None => {
                println!("tracing every process");
                self.aim = Aim::All;
            }
        }
    }
}

/// A clause on one line, for headers: whitespace runs become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_goes_to_the_data_directory() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| PathBuf::from(v))
            }
        };
        assert_eq!(
            history_path_from(env(&[("XDG_DATA_HOME", "/x"), ("HOME", "/home/u")])),
            Some(PathBuf::from("/x/flamescript/history"))
        );
        assert_eq!(
            history_path_from(env(&[("XDG_DATA_HOME", ""), ("HOME", "/home/u")])),
            Some(PathBuf::from("/home/u/.local/share/flamescript/history"))
        );
        assert_eq!(history_path_from(env(&[])), None);
    }

    #[test]
    fn headers_show_a_clause_on_one_line() {
        assert_eq!(
            one_line("profile <\n  @ = count()\n>"),
            "profile < @ = count() >"
        );
    }
}
