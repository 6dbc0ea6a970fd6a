//! The REPL's `:` commands: their names and synopses (for `:help`, completion and hints), and
//! parsing a `:` line into a [`Command`]. Pure: running a command is `repl`'s business.

use std::path::{Path, PathBuf};

use crate::cli::{Format, parse_duration};

/// One `:` command, parsed.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Command {
    /// Run `clause` (or the last one again) for `duration` ns, or until Enter / Ctrl-C.
    Run {
        duration: Option<u64>,
        clause: Option<String>,
    },
    /// The last result's heaviest functions (self and total), or with `stacks` its heaviest
    /// stacks.
    Top {
        n: usize,
        stacks: bool,
    },
    /// The last result as a top-down call tree; branches under `min_percent` are folded away.
    Tree {
        min_percent: f64,
    },
    /// Writes the last result's flame graph (its first one, or the map named) to a file.
    Write {
        format: Format,
        path: PathBuf,
        map: Option<String>,
    },
    /// Compares the last result with the one before it; with a path, draws the differential
    /// flame graph there (`.svg`).
    Diff(Option<PathBuf>),
    Asm,
    Probes(Option<String>),
    Help(Option<String>),
    Load(PathBuf),
    Save(PathBuf),
    /// Trace one process from now on; `None` traces every process again.
    Pid(Option<u32>),
    /// Start this command (held until attached) at every run; `None` stops doing so.
    Cmd(Option<String>),
    Quit,
}

/// Every command: name, arguments, what it does. `:help` prints this table.
pub(crate) const COMMANDS: &[(&str, &str, &str)] = &[
    (
        "run",
        "[DURATION] [CLAUSE]",
        "run CLAUSE (default: the last one) for DURATION (`5s`), or until Enter / Ctrl-C",
    ),
    (
        "top",
        "[stacks] [N]",
        "the last result's N heaviest functions, self and total (default 10); `stacks`: its heaviest stacks",
    ),
    (
        "tree",
        "[MIN%]",
        "the last result as a top-down call tree, hiding branches under MIN% (default 1)",
    ),
    (
        "svg",
        "FILE [@MAP]",
        "write the last result as an SVG flame graph",
    ),
    (
        "folded",
        "FILE [@MAP]",
        "write the last result as folded stacks",
    ),
    (
        "pprof",
        "FILE [@MAP]",
        "write the last result as pprof (.pb.gz)",
    ),
    (
        "json",
        "FILE [@MAP]",
        "write the last result as speedscope JSON (.json)",
    ),
    (
        "diff",
        "[FILE.svg]",
        "what changed since the result before: the biggest changes, or a differential SVG",
    ),
    ("asm", "", "the BPF instructions of the last clause"),
    (
        "probes",
        "[PATTERN]",
        "list probes (with a pattern: tracepoints too)",
    ),
    (
        "help",
        "[TOPIC]",
        "this list, or help on a command or a probe",
    ),
    ("load", "FILE.fs", "run a script file"),
    (
        "save",
        "FILE.fs",
        "save this session's accepted clauses as a script",
    ),
    (
        "pid",
        "[PID]",
        "trace only this process (no PID: every process)",
    ),
    (
        "cmd",
        "[COMMAND]",
        "start COMMAND at each run and trace it and its children",
    ),
    ("quit", "", "leave (Ctrl-D too)"),
];

/// The names, for completion.
pub(crate) fn names() -> impl Iterator<Item = &'static str> {
    COMMANDS.iter().map(|c| c.0)
}

/// Why a `:` line was refused: what is wrong, and what to type instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CommandError {
    pub(crate) message: String,
    pub(crate) help: String,
}

fn refused(message: impl Into<String>, help: impl Into<String>) -> CommandError {
    CommandError {
        message: message.into(),
        help: help.into(),
    }
}

fn usage(name: &str) -> String {
    match COMMANDS.iter().find(|c| c.0 == name) {
        Some((n, "", _)) => format!("write `:{n}`"),
        Some((n, args, _)) => format!("write `:{n} {args}`"),
        None => String::new(),
    }
}

/// Parses a line that starts with `:`.
pub(crate) fn parse(line: &str) -> Result<Command, CommandError> {
    let line = line.trim();
    let body = line.strip_prefix(':').unwrap_or(line);
    let (name, rest) = match body.find(char::is_whitespace) {
        Some(n) => (&body[..n], body[n..].trim()),
        None => (body, ""),
    };
    let no_args = |cmd: Command| {
        if rest.is_empty() {
            Ok(cmd)
        } else {
            Err(refused(
                format!("`:{name}` takes no arguments"),
                usage(name),
            ))
        }
    };
    let path = |what: &str| {
        if rest.is_empty() {
            Err(refused(format!("`:{name}` needs {what}"), usage(name)))
        } else {
            Ok(PathBuf::from(rest))
        }
    };
    match name {
        "run" | "r" => parse_run(rest),
        "top" => {
            let (stacks, count) = match rest.strip_prefix("stacks") {
                Some(count) if count.is_empty() || count.starts_with(' ') => (true, count.trim()),
                _ => (false, rest),
            };
            match count {
                "" => Ok(Command::Top { n: 10, stacks }),
                n => match n.parse::<usize>() {
                    Ok(n) if n > 0 => Ok(Command::Top { n, stacks }),
                    _ => Err(refused(
                        format!("`{n}` is not a number of lines"),
                        "write e.g. `:top 20` (functions) or `:top stacks 20`",
                    )),
                },
            }
        }
        "tree" => {
            let text = rest.trim_end_matches('%');
            match text {
                "" => Ok(Command::Tree { min_percent: 1.0 }),
                t => match t.parse::<f64>() {
                    Ok(p) if (0.0..=100.0).contains(&p) => Ok(Command::Tree { min_percent: p }),
                    _ => Err(refused(
                        format!("`{rest}` is not a percentage"),
                        "write e.g. `:tree 5%` to hide branches under 5%",
                    )),
                },
            }
        }
        "svg" | "folded" | "pprof" | "json" => parse_write(name, rest),
        "diff" => match rest {
            "" => Ok(Command::Diff(None)),
            file => match Format::from_path(Path::new(file)) {
                Some(Format::Svg) => Ok(Command::Diff(Some(PathBuf::from(file)))),
                None => Ok(Command::Diff(Some(PathBuf::from(format!("{file}.svg"))))),
                Some(_) => Err(refused(
                    format!("`:diff` draws .svg files, not `{file}`"),
                    "name the file `….svg`",
                )),
            },
        },
        "asm" => no_args(Command::Asm),
        "probes" => Ok(Command::Probes(non_empty(rest))),
        "help" | "h" | "?" => Ok(Command::Help(non_empty(rest))),
        "load" => path("a script file").map(Command::Load),
        "save" => path("a file name").map(Command::Save),
        "pid" => match rest {
            "" => Ok(Command::Pid(None)),
            n => match n.parse::<u32>() {
                Ok(pid) if pid > 0 => Ok(Command::Pid(Some(pid))),
                _ => Err(refused(
                    format!("`{n}` is not a pid"),
                    "write e.g. `:pid 1234`, or `:pid` alone to trace every process",
                )),
            },
        },
        "cmd" => Ok(Command::Cmd(non_empty(rest))),
        "quit" | "q" | "exit" => no_args(Command::Quit),
        _ => {
            let help = match compiler::diag::did_you_mean(name, names()) {
                Some(s) => format!("did you mean `:{s}`? `:help` lists every command"),
                None => "`:help` lists every command".to_string(),
            };
            Err(refused(format!("unknown command `:{name}`"), help))
        }
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// `:run [DURATION] [CLAUSE]`: a first word that reads as a duration is one.
fn parse_run(rest: &str) -> Result<Command, CommandError> {
    let (first, tail) = match rest.find(char::is_whitespace) {
        Some(n) => (&rest[..n], rest[n..].trim()),
        None => (rest, ""),
    };
    let looks_like_duration = first.starts_with(|c: char| c.is_ascii_digit());
    if !looks_like_duration {
        return Ok(Command::Run {
            duration: None,
            clause: non_empty(rest),
        });
    }
    let duration =
        parse_duration(first).map_err(|e| refused(e, "write e.g. `:run 5s` or `:run 500ms`"))?;
    Ok(Command::Run {
        duration: Some(duration),
        clause: non_empty(tail),
    })
}

/// `:svg FILE [@MAP]`: the extension must agree with the command, or be absent (then added).
fn parse_write(name: &str, rest: &str) -> Result<Command, CommandError> {
    let mut words = rest.split_whitespace();
    let Some(file) = words.next() else {
        return Err(refused(format!("`:{name}` needs a file name"), usage(name)));
    };
    let map = words.next().map(str::to_string);
    if let Some(extra) = words.next() {
        return Err(refused(
            format!("unexpected `{extra}` after the map name"),
            usage(name),
        ));
    }
    if let Some(m) = &map
        && !m.starts_with('@')
    {
        return Err(refused(
            format!("`{m}` is not a map name"),
            "map names start with `@`: `@`, `@cpu`",
        ));
    }
    let (format, ext) = match name {
        "svg" => (Format::Svg, "svg"),
        "folded" => (Format::Folded, "folded"),
        "json" => (Format::Speedscope, "json"),
        _ => (Format::Pprof, "pb.gz"),
    };
    let mut path = PathBuf::from(file);
    match Format::from_path(&path) {
        Some(f) if f == format => {}
        Some(_) => {
            return Err(refused(
                format!("`:{name}` writes .{ext} files, not `{file}`"),
                format!("name the file `….{ext}`, or use the command for that format"),
            ));
        }
        None => path = PathBuf::from(format!("{file}.{ext}")),
    }
    Ok(Command::Write { format, path, map })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_commands() {
        assert_eq!(
            parse(":run 5s profile < @[kstack] = count() >"),
            Ok(Command::Run {
                duration: Some(5_000_000_000),
                clause: Some("profile < @[kstack] = count() >".into())
            })
        );
        assert_eq!(
            parse(":run 500ms"),
            Ok(Command::Run {
                duration: Some(500_000_000),
                clause: None
            })
        );
        assert_eq!(
            parse(":run bio < @[kstack] = sum(bytes) >"),
            Ok(Command::Run {
                duration: None,
                clause: Some("bio < @[kstack] = sum(bytes) >".into())
            })
        );
        assert_eq!(
            parse(":top"),
            Ok(Command::Top {
                n: 10,
                stacks: false
            })
        );
        assert_eq!(
            parse(" :top 3 "),
            Ok(Command::Top {
                n: 3,
                stacks: false
            })
        );
        assert_eq!(
            parse(":top stacks"),
            Ok(Command::Top {
                n: 10,
                stacks: true
            })
        );
        assert_eq!(
            parse(":top stacks 4"),
            Ok(Command::Top { n: 4, stacks: true })
        );
        assert!(parse(":top stackz").is_err());
        assert_eq!(
            parse(":json out"),
            Ok(Command::Write {
                format: Format::Speedscope,
                path: PathBuf::from("out.json"),
                map: None
            })
        );
        assert!(parse(":json out.svg").is_err());
        assert_eq!(parse(":tree 5%"), Ok(Command::Tree { min_percent: 5.0 }));
        assert_eq!(
            parse(":svg /tmp/x.svg"),
            Ok(Command::Write {
                format: Format::Svg,
                path: "/tmp/x.svg".into(),
                map: None
            })
        );
        assert_eq!(
            parse(":pprof out @cpu"),
            Ok(Command::Write {
                format: Format::Pprof,
                path: "out.pb.gz".into(),
                map: Some("@cpu".into())
            })
        );
        assert_eq!(parse(":pid 42"), Ok(Command::Pid(Some(42))));
        assert_eq!(parse(":pid"), Ok(Command::Pid(None)));
        assert_eq!(
            parse(":cmd sleep 1"),
            Ok(Command::Cmd(Some("sleep 1".into())))
        );
        assert_eq!(parse(":help tree"), Ok(Command::Help(Some("tree".into()))));
        assert_eq!(parse(":q"), Ok(Command::Quit));
        assert_eq!(parse(":diff"), Ok(Command::Diff(None)));
        assert_eq!(parse(":diff d"), Ok(Command::Diff(Some("d.svg".into()))));
        assert!(parse(":diff d.folded").is_err());
    }

    #[test]
    fn refuses_with_a_way_out() {
        let e = parse(":tpo 3").unwrap_err();
        assert_eq!(e.message, "unknown command `:tpo`");
        assert!(e.help.contains("`:top`"), "{e:?}");
        assert!(parse(":svg x.folded").unwrap_err().help.contains(".svg"));
        assert!(parse(":svg").is_err());
        assert!(parse(":top many").is_err());
        assert!(parse(":tree 200").is_err());
        assert!(parse(":pid 0").is_err());
        assert!(parse(":run 5parsecs").is_err());
        assert!(parse(":asm now").is_err());
        assert!(parse(":load").is_err());
        assert!(parse(":svg a.svg cpu").is_err());
    }
}
