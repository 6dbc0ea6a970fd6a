//! The `flamescript` binary: command line, REPL and output. The only code that prints.
//!
//! It reads the script (from `-e`, a file or the stdlib by name), hands it to the compiler with
//! the stdlib's catalog and the kernel's tracepoint layouts, and prints diagnostics. Exit codes:
//! 0 success, 2 for anything the user can fix (a refused script, a bad option, a dead pid, a
//! missing privilege, an output file that could not be written because the disk is full: the
//! results are printed to the terminal first), 1 for failures of the machine.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the binary is the only printer"
)]

mod cli;
mod list;
mod output;
mod render_cmd;
mod repl;
mod replay_cmd;
mod run;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use compiler::diag::{Diagnostic, Sources};

use compiler::lower::Target;

use crate::cli::{Cli, Command, Emit};
use crate::run::RunConfig;

/// Colours only on a terminal (termcolor's `Auto` looks at TERM, not at where stderr goes).
fn color() -> ColorChoice {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    }
}

/// A problem the user can fix: exit code 2.
pub(crate) const EXIT_USER: u8 = 2;
/// A failure of the machine (an attach the kernel refused, a map that cannot be read): exit 1.
pub(crate) const EXIT_MACHINE: u8 = 1;

/// When the process started, for the launch → attached time printed at every run.
pub(crate) static LAUNCH: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

fn main() -> ExitCode {
    // The user waits from here: "launch → attached" is measured from this instant.
    let _ = LAUNCH.set(std::time::Instant::now());
    // A run holds a descriptor per map, program and perf event (per CPU): take what we may.
    let _ = runtime::limits::raise_open_files();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USER } else { 0 };
            let _ = e.print();
            if e.use_stderr() && script_looks_like_an_option(std::env::args()) {
                eprintln!(
                    "  = help: a script that starts with `-` is written `-e=-…` or `--expr=-…` \
                     (otherwise it reads as an option)"
                );
            }
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => ExitCode::from(code),
    }
}

/// Whether `-e` (or `--expr`) is followed by a word starting with `-`: clap took it for an
/// option, and the script went missing.
fn script_looks_like_an_option(args: impl Iterator<Item = String>) -> bool {
    let args: Vec<String> = args.collect();
    args.windows(2)
        .any(|w| matches!(w[0].as_str(), "-e" | "--expr") && w[1].starts_with('-'))
}

/// Writes `text` to stdout. A reader that went away (`flamescript -l | head -1`) ends the
/// process quietly with success, as it would `cat`: nothing is left to say, and nobody to say
/// it to. (Everything of ours in the kernel is held by descriptors, which the exit closes.)
pub(crate) fn print_out(text: &str) {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        // Any other failure (a full disk behind a redirection) is not worth a panic either;
        // the exit code of the run still says how it went.
        _ => {}
    }
}

/// A refusal with no source span (bad option, missing file): `error: …` plus a help line.
/// An error that comes from running out of open files says so, whatever failed with it.
pub(crate) fn refuse(message: &str, help: &str) -> u8 {
    let mut err = StandardStream::stderr(color());
    let _ = writeln!(err, "error: {message}");
    let files = out_of_files(message);
    if let Some((note, _)) = &files {
        let _ = writeln!(err, "  = note: {note}");
    }
    let help = files.as_ref().map_or(help, |(_, help)| help.as_str());
    if !help.is_empty() {
        let _ = writeln!(err, "  = help: {help}");
    }
    EXIT_USER
}

/// When `message` reports running out of open files (EMFILE for us, ENFILE for the whole
/// system), what ran out and what to do: a note and a help line.
pub(crate) fn out_of_files(message: &str) -> Option<(String, String)> {
    let (soft, hard) = runtime::limits::open_files();
    if message.contains("(os error 24)") {
        let note = format!(
            "flamescript ran out of open files: its limit is {soft}, the hard limit; every \
             map, program and perf event (one per CPU) takes one"
        );
        let help = format!(
            "raise the hard limit (e.g. `ulimit -Hn {}` as root, or LimitNOFILE= in a \
             systemd unit), or trace fewer events",
            (hard.max(1024)).saturating_mul(4)
        );
        return Some((note, help));
    }
    if message.contains("(os error 23)") {
        return Some((
            "the system ran out of open files (every process's together: fs.file-max)".into(),
            "close other programs, or raise fs.file-max with sysctl".into(),
        ));
    }
    None
}

fn run(mut cli: Cli) -> Result<(), u8> {
    if let Some(pattern) = &cli.list {
        // `-l -v PATTERN`: `-v` left `-l` without its value, and the pattern came in as the
        // script file.
        let pattern = match (&cli.file, pattern.as_str()) {
            (Some(file), "*") => file.to_string_lossy().into_owned(),
            _ => pattern.clone(),
        };
        return list::list(&pattern, cli.verbose).map_err(|e| refuse(&e.message, &e.help));
    }

    let mut sources = Sources::new();
    let file = match cli.command.take() {
        Some(Command::Run { name, run }) => {
            let Some(text) = stdlib::scripts::script(&name) else {
                let names = stdlib::scripts::names().collect::<Vec<_>>().join(", ");
                return Err(refuse(
                    &format!("no ready-made script `{name}`"),
                    &format!("choose one of: {names}"),
                ));
            };
            cli.run = *run;
            sources.add(format!("{name}.fs"), text)
        }
        Some(Command::Render {
            input,
            output,
            fold,
            graph,
        }) => return render_cmd::render(&input, &output, &graph, &fold.options()),
        Some(Command::Replay {
            recording,
            expr,
            file,
            output,
            flamechart,
            engine,
            fold,
            graph,
        }) => {
            let args = replay_cmd::ReplayArgs {
                recording,
                expr,
                file,
                outputs: output,
                flamechart,
                engine: engine.engine(),
                fold: fold.options(),
                graph,
            };
            return replay_cmd::replay(&args);
        }
        Some(Command::Diff {
            a,
            b,
            output,
            width,
            raw,
            quantum,
        }) => {
            let graph = cli::GraphFlags {
                width,
                ..Default::default()
            };
            return render_cmd::diff(&a, &b, &output, &graph, raw, quantum);
        }
        None => match (&cli.expr, &cli.file) {
            (Some(text), _) => sources.add("-e", text.clone()),
            (None, Some(path)) => match std::fs::read(path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => sources.add(path.display().to_string(), text),
                    Err(_) => {
                        return Err(refuse(
                            &format!("`{}` is not UTF-8 text", path.display()),
                            "a flamescript file is plain text",
                        ));
                    }
                },
                Err(e) => {
                    return Err(refuse(
                        &format!("cannot read `{}`: {e}", path.display()),
                        "check the path",
                    ));
                }
            },
            // No script: the REPL, aimed at -p or -c when given.
            (None, None) => return repl::start(cli.run.pid, cli.run.cmd.clone()),
        },
    };

    validate_target_and_outputs(&cli)?;

    let text = sources.text(file).to_string();
    if cli.emit == Some(Emit::Ast) {
        let script =
            compiler::parse(file, &text, stdlib::catalog()).map_err(|d| report(&sources, &[d]))?;
        print_out(&compiler::syntax::print::print(&script));
        return Ok(());
    }
    // Tracepoint layouts come from tracefs; mount it when we may (root), else sema says what to do.
    let _ = runtime::tracefs::ensure_mounted();
    let env = compiler::tracefs::TracefsEnv::live();
    if cli.check {
        let script =
            compiler::parse(file, &text, stdlib::catalog()).map_err(|d| report(&sources, &[d]))?;
        let (checked, diags) = compiler::sema::check(&script, stdlib::catalog(), &env);
        if diags.iter().any(Diagnostic::is_error) || checked.is_none() {
            return Err(report(&sources, &diags));
        }
        // The whole compile, as a run would do it: what the checker cannot see (a program's
        // stack, a construct the code generator does not handle yet) is refused here too, so
        // `--check` accepts exactly what a run compiles. Nothing is loaded.
        let target = match (cli.run.pid, &cli.run.cmd) {
            (Some(pid), _) => Target::Pid(pid),
            (None, Some(_)) => Target::Tree,
            (None, None) => Target::All,
        };
        compiler::compile(
            file,
            &text,
            stdlib::catalog(),
            &env,
            &lower_options(&cli, target),
        )
        .map_err(|diags| report(&sources, &diags))?;
        emit(&sources, &diags);
        return Ok(());
    }

    // `-c`: start the command held at exec, so its pid is known before the probes are built.
    let mut held = match &cli.run.cmd {
        Some(cmd) => Some(
            runtime::target::HeldCommand::spawn(cmd)
                .map_err(|e| refuse(&format!("cannot start `{cmd}`: {e}"), "check the command"))?,
        ),
        None => None,
    };
    let target = match (cli.run.pid, &held) {
        (Some(pid), _) => Target::Pid(pid),
        (None, Some(_)) => Target::Tree,
        (None, None) => Target::All,
    };
    let options = lower_options(&cli, target);
    let compiled = compiler::compile(file, &text, stdlib::catalog(), &env, &options)
        .map_err(|diags| report(&sources, &diags))?;
    let compiled = prefer_task_work(compiled, file, &text, &env, &options);
    match cli.emit {
        Some(Emit::Ir) => {
            print_out(&compiled.ir);
            return Ok(());
        }
        Some(Emit::Asm) => {
            print_out(&compiled.asm);
            return Ok(());
        }
        Some(Emit::Elf) => {
            let Some(path) = cli.run.output.first() else {
                return Err(refuse(
                    "--emit elf needs -o FILE.o",
                    "write e.g. --emit elf -o script.o",
                ));
            };
            return output::write_atomic(path, &compiled.artifact.elf)
                .map_err(|e| refuse(&e.message, e.help));
        }
        Some(Emit::Ast) | None => {}
    }
    let run = RunConfig {
        duration: cli.run.duration,
        dry_run: cli.run.dry_run,
        outputs: cli.run.output.clone(),
        fold: cli.run.fold.options(),
        pid: cli.run.pid,
        look: cli.run.graph.look(&compiled.artifact.title),
        flamechart: cli.run.flamechart,
    };
    run::run(&sources, &compiled.artifact, held.as_mut(), &run)
}

/// The code generator's options from the command line, for `target`.
fn lower_options(cli: &Cli, target: Target) -> compiler::lower::Options {
    compiler::lower::Options {
        target,
        map_entries: cli.run.map_entries,
        stack_entries: cli.run.stack_entries,
        atomic_values: cli.run.atomic_values,
        unwind: cli.run.unwind.mode(),
        copy_bytes: cli
            .run
            .stack_copy
            .unwrap_or(match cli.run.unwind {
                crate::cli::UnwindArg::Dwarf => 1024,
                _ => 8192,
            })
            .next_multiple_of(8),
        offcpu: cli.run.offcpu_design.design(),
        events: crate::output::wants_times(&cli.run.output, cli.run.flamechart),
        events_bytes: cli.run.time_buffer.unwrap_or(0),
        ..Default::default()
    }
}

/// `offcpu` on a kernel without `sched_exit_tp` falls back to taking user stacks at every
/// switch-out. If the kernel has the task-work kfunc, a trial load says whether its verifier
/// accepts it from `sched_switch` (some builds refuse it: ../shared/KERNEL.md); if so, that
/// cheaper design runs instead. Nothing is attached by the trial.
pub(crate) fn prefer_task_work(
    compiled: compiler::Compiled,
    file: compiler::diag::FileId,
    text: &str,
    env: &dyn compiler::catalog::Env,
    options: &compiler::lower::Options,
) -> compiler::Compiled {
    use compiler::lower::span::OffcpuDesign;
    let fallback = OffcpuDesign::SwitchOut.describe();
    if options.offcpu.is_some() || compiled.artifact.offcpu != fallback {
        return compiled;
    }
    let with_task_work = compiler::lower::Options {
        offcpu: Some(OffcpuDesign::TaskWork),
        ..*options
    };
    match compiler::compile(file, text, stdlib::catalog(), env, &with_task_work) {
        Ok(c) if runtime::session::Session::load(&c.artifact).is_ok() => c,
        _ => compiled,
    }
}

/// Prints diagnostics to stderr (colours when it is a terminal) and returns exit code 2.
pub(crate) fn report(sources: &Sources, diags: &[Diagnostic]) -> u8 {
    emit(sources, diags);
    EXIT_USER
}

pub(crate) fn emit(sources: &Sources, diags: &[Diagnostic]) {
    let mut err = StandardStream::stderr(color());
    sources.emit(&mut err, diags);
}

/// Checks -p, -c and -o before anything is compiled, loaded or created.
fn validate_target_and_outputs(cli: &Cli) -> Result<(), u8> {
    if let Some(pid) = cli.run.pid
        && (pid == 0 || !std::path::Path::new(&format!("/proc/{pid}")).exists())
    {
        return Err(refuse(
            &format!("no process with pid {pid}"),
            "check the pid with `ps -p PID`",
        ));
    }
    if let Some(pid) = cli.run.pid
        && matches!(run::process_state(pid), Some('Z' | 'X'))
    {
        return Err(refuse(
            &format!(
                "process {pid} has already exited: it is a zombie, waiting for its parent to \
                 collect its exit status, and runs no more code"
            ),
            "trace a process that is running (`ps -p PID` shows `Z` for a zombie)",
        ));
    }
    if let Some(cmd) = &cli.run.cmd
        && cmd.trim().is_empty()
    {
        return Err(refuse(
            "-c was given an empty command",
            "write e.g. -c './my_app --arg'",
        ));
    }
    if cli.emit != Some(Emit::Elf) {
        output::check_paths(&cli.run.output).map_err(|e| refuse(&e.message, e.help))?;
        output::check_flamechart(&cli.run.output, cli.run.flamechart)
            .map_err(|e| refuse(&e.message, e.help))?;
    }
    Ok(())
}
