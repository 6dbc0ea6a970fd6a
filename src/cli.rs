//! The command line: what the user typed, parsed by clap and validated before anything runs.
//!
//! Options follow bpftrace where one exists (`-e`, `-p`, `-c`, `-l`, `-d`, `-o`). Validation
//! that needs no kernel (durations, output formats, pids that do not exist, `-p` with `-c`)
//! happens here, so a bad command line never attaches anything or creates a file.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use runtime::fold::{FoldOptions, Side};

#[derive(Parser, Debug)]
#[command(
    name = "flamescript",
    version,
    about = "flame graphs of any additive metric, from bpftrace-like one-liners",
    long_about = "flame graphs of any additive metric, from bpftrace-like one-liners.\n\n\
        Examples:\n  \
        flamescript -e 'offcpu min 1ms < @[kstack,ustack] = sum(delta) >' -d 10s -o off.svg\n  \
        flamescript -e 'profile hz 99 < @[kstack,ustack] = count() >' -p 1234\n  \
        flamescript script.fs -c ./my_app -o cpu.folded\n  \
        flamescript -l 'sched:*'",
    args_conflicts_with_subcommands = true
)]
pub(crate) struct Cli {
    /// The script, inline (a one-liner). One that starts with `-` is written `-e=-…` or
    /// `--expr=-…`.
    #[arg(
        short = 'e',
        long = "expr",
        value_name = "SCRIPT",
        conflicts_with = "file"
    )]
    pub(crate) expr: Option<String>,

    /// A script file (`.fs`).
    #[arg(value_name = "FILE")]
    pub(crate) file: Option<PathBuf>,

    /// Parse, check and compile: report what a run would refuse; load nothing.
    #[arg(long)]
    pub(crate) check: bool,

    /// Print an intermediate stage instead of running.
    #[arg(long, value_enum, value_name = "STAGE")]
    pub(crate) emit: Option<Emit>,

    /// List probes and kernel tracepoints matching a pattern (`sched:*`, `offcpu`).
    #[arg(short = 'l', value_name = "PATTERN", num_args = 0..=1, default_missing_value = "*")]
    pub(crate) list: Option<String>,

    /// With -l, show each probe's builtins and each tracepoint's fields.
    #[arg(short = 'v', long)]
    pub(crate) verbose: bool,

    #[command(flatten)]
    pub(crate) run: RunFlags,

    #[command(subcommand)]
    pub(crate) command: Option<Command>,
}

/// The options of a run, the same for a script (`-e`, a file) and for `run NAME`.
#[derive(Args, Clone, Debug)]
pub(crate) struct RunFlags {
    /// Trace this process and its threads.
    #[arg(short = 'p', value_name = "PID", conflicts_with = "cmd")]
    pub(crate) pid: Option<u32>,

    /// Run this command (one string, as bpftrace takes it) and trace it and its descendants.
    #[arg(short = 'c', value_name = "CMD")]
    pub(crate) cmd: Option<String>,

    /// Stop after this long (`10s`, `500ms`, `2m`; a bare number is seconds).
    #[arg(short = 'd', long = "duration", value_name = "DURATION", value_parser = parse_duration, allow_hyphen_values = true)]
    pub(crate) duration: Option<u64>,

    /// Write the result here; the format follows the extension (.svg .folded .pb.gz .pprof
    /// .json, and .html: the FlameScope heatmap of every event's time, whose selected cells
    /// draw their own flame graph). May be given several times.
    #[arg(short = 'o', value_name = "FILE")]
    pub(crate) output: Vec<PathBuf>,

    /// Draw .svg, .json and .folded outputs as flame charts: frames in time order per thread
    /// (speedscope's JSON as an evented profile). Like .html, it keeps each event with its
    /// time (a ring buffer beside the in-kernel maps).
    #[arg(long)]
    pub(crate) flamechart: bool,

    /// The time records' ring buffer in bytes (a power of two, 4096 or more): tests of a
    /// buffer that fills.
    #[arg(long, hide = true, value_name = "BYTES",
          value_parser = parse_ring_bytes)]
    pub(crate) time_buffer: Option<u32>,

    /// Compile and load but do not attach (checks the kernel verifier accepts the programs).
    #[arg(long)]
    pub(crate) dry_run: bool,

    /// Entries of each map (distinct keys it can hold); a full map's drops are reported.
    /// Default: 262 144, allocated as keys arrive (10 240, made whole, before Linux 6.1).
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=4_194_304))]
    pub(crate) map_entries: Option<u32>,

    /// Entries of the stacks map (1 KiB each, one per distinct stack): when it is full, an
    /// event's stack is drawn as `[lost: …]` and counted, its weight kept.
    /// Default: 131 072, allocated as stacks arrive (16 384 before Linux 6.1).
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u32).range(64..=1_048_576))]
    pub(crate) stack_entries: Option<u32>,

    /// Aggregate count/sum/avg in one shared map with atomic adds instead of per-CPU values
    /// (for measuring the two designs; see docs/PERFORMANCE.md).
    #[arg(long, hide = true)]
    pub(crate) atomic_values: bool,

    /// How user stacks are unwound: `auto` walked in the kernel from each program's unwind
    /// tables (.eh_frame: complete stacks without frame pointers), loaded when a process is
    /// first seen (its first milliseconds: a stack copy, unwound at the end); `fp` frame
    /// pointers only (cheapest); `dwarf` a copy of every event's stack, unwound in user space.
    #[arg(long, value_enum, default_value_t = UnwindArg::Auto)]
    pub(crate) unwind: UnwindArg,

    /// Bytes of user stack copied per unwound stack (`--unwind auto|dwarf`). Default: 8192
    /// under `auto` (only a process's first stacks, before its tables are loaded: as perf's
    /// default, deep enough for an interpreter's stack), 1024 under `dwarf` (every event's).
    #[arg(long, value_name = "BYTES",
          value_parser = clap::value_parser!(u32).range(64..=8192))]
    pub(crate) stack_copy: Option<u32>,

    /// How `offcpu` takes user stacks: `auto` the best this kernel offers; `exit-tp` at the
    /// end of __schedule with that one hook (sched_exit_tp, 6.17+; not with `state`);
    /// `switch-in` the same, with the span timed in sched_switch; `task-work` on the thread's next return to
    /// user space (kernels that accept BPF task work); `switch-out` at every switch-out (any
    /// kernel, costliest). The loss report names the one that ran.
    #[arg(long, value_enum, default_value_t = OffcpuArg::Auto)]
    pub(crate) offcpu_design: OffcpuArg,

    #[command(flatten)]
    pub(crate) fold: FoldFlags,

    #[command(flatten)]
    pub(crate) graph: GraphFlags,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnwindArg {
    Fp,
    Auto,
    Dwarf,
}

impl UnwindArg {
    pub(crate) fn mode(self) -> compiler::lower::Unwind {
        match self {
            UnwindArg::Fp => compiler::lower::Unwind::Fp,
            UnwindArg::Auto => compiler::lower::Unwind::Auto,
            UnwindArg::Dwarf => compiler::lower::Unwind::Dwarf,
        }
    }
}

/// `replay --engine`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EngineArg {
    Jit,
    Interp,
}

impl EngineArg {
    pub(crate) fn engine(self) -> runtime::replay::vm::Engine {
        match self {
            EngineArg::Jit => runtime::replay::vm::Engine::Jit,
            EngineArg::Interp => runtime::replay::vm::Engine::Interp,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OffcpuArg {
    Auto,
    ExitTp,
    SwitchIn,
    TaskWork,
    SwitchOut,
}

impl OffcpuArg {
    pub(crate) fn design(self) -> Option<compiler::lower::span::OffcpuDesign> {
        use compiler::lower::span::OffcpuDesign;
        match self {
            OffcpuArg::Auto => None,
            OffcpuArg::ExitTp => Some(OffcpuDesign::ExitTp),
            OffcpuArg::SwitchIn => Some(OffcpuDesign::SwitchIn),
            OffcpuArg::TaskWork => Some(OffcpuDesign::TaskWork),
            OffcpuArg::SwitchOut => Some(OffcpuDesign::SwitchOut),
        }
    }
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Run a ready-made script by name (cpu, offcpu, futex, bio, pagefault, wallclock).
    Run {
        /// The ready-made script's name.
        name: String,
        #[command(flatten)]
        run: Box<RunFlags>,
    },
    /// Render folded stacks (ours, FlameGraph's stackcollapse output) or our pprof files to .svg,
    /// .folded, .pb.gz or .json. (bpftrace's map output goes through stackcollapse-bpftrace.pl first.)
    Render {
        /// The folded input, `-` for standard input.
        input: PathBuf,
        /// Where to write; the format follows the extension. May be given several times.
        #[arg(short = 'o', value_name = "FILE", required = true)]
        output: Vec<PathBuf>,
        #[command(flatten)]
        fold: FoldFlags,
        #[command(flatten)]
        graph: GraphFlags,
    },
    /// Run a script over a `perf record -g` recording instead of the live kernel: its `profile`
    /// clauses see every sample (thread, CPU, time, period, callchain).
    Replay {
        /// The recording (`perf.data`).
        recording: PathBuf,
        /// The script's text.
        #[arg(short = 'e', value_name = "SCRIPT")]
        expr: Option<String>,
        /// The script's file, when not given with -e.
        file: Option<PathBuf>,
        /// Write the script's first flame-graph map here, symbolized from the recording's
        /// mmap records and build ids; the format follows the extension (.svg .folded .pb.gz
        /// .json, and .html: the FlameScope heatmap of every event's time, whose selected
        /// cells draw their own flame graph). May be given several times.
        #[arg(short = 'o', value_name = "FILE")]
        output: Vec<PathBuf>,
        /// Draw .svg, .json and .folded outputs as flame charts: frames in time order per
        /// thread (speedscope's JSON as an evented profile, for its time-order view).
        #[arg(long)]
        flamechart: bool,
        /// What runs the bytecode: `jit` compiles it to native code (cranelift), `interp` is
        /// the reference interpreter; both give the same results.
        #[arg(long, value_enum, default_value_t = EngineArg::Jit)]
        engine: EngineArg,
        #[command(flatten)]
        fold: FoldFlags,
        #[command(flatten)]
        graph: GraphFlags,
    },
    /// A differential flame graph of two folded profiles: B against baseline A, by share of
    /// each total (normalized), changes within sampling noise greyed, vanished frames shown.
    Diff {
        /// The baseline.
        a: PathBuf,
        /// The profile compared with it.
        b: PathBuf,
        /// Where to write; the format follows the extension: .svg the differential flame
        /// graph, .folded FlameGraph's two-column differential format (`stack A B`), .json
        /// every frame's comparison. May be given several times.
        #[arg(short = 'o', value_name = "FILE", required = true)]
        output: Vec<PathBuf>,
        /// The SVG's width in pixels (default 1200).
        #[arg(long, value_name = "PIXELS",
              value_parser = clap::value_parser!(u32).range(200..=100_000))]
        width: Option<u32>,
        /// Compare raw weights instead of shares of each total.
        #[arg(long)]
        raw: bool,
        /// The size of one event in the profiles' unit, for the noise test on sums (e.g. the
        /// sampling period); counts need none.
        #[arg(long, value_name = "N")]
        quantum: Option<u64>,
    },
}

/// How the flame graph is drawn and named, for a run and for `render` alike.
#[derive(Args, Clone, Debug, Default)]
pub(crate) struct GraphFlags {
    /// The graph's title (default: the script's text, or `render`'s input name).
    #[arg(long, value_name = "TITLE")]
    pub(crate) title: Option<String>,
    /// The SVG's width in pixels (default 1200).
    #[arg(long, value_name = "PIXELS",
          value_parser = clap::value_parser!(u32).range(200..=100_000))]
    pub(crate) width: Option<u32>,
    /// Draw an icicle graph: roots at the top, hot leaves hanging below (a deep shared base,
    /// such as a framework's, stays out of the way).
    #[arg(long)]
    pub(crate) inverted: bool,
}

impl GraphFlags {
    /// The look of the graphs written, with `title` unless `--title` replaces it.
    pub(crate) fn look(&self, title: &str) -> crate::output::Look {
        crate::output::Look {
            title: self.title.clone().unwrap_or_else(|| title.to_string()),
            width: self.width.map(|w| w as usize),
            inverted: self.inverted,
            decimals: runtime::units::Decimals::default(),
        }
    }
}

/// Which frames the flame graphs keep (`runtime::fold::FoldOptions`), for a run and for
/// `render` alike.
#[derive(Args, Clone, Copy, Debug, Default)]
pub(crate) struct FoldFlags {
    /// Drop inlined frames (`_[i]`): samples go to the function the code was inlined into.
    #[arg(long)]
    pub(crate) no_inline: bool,
    /// Keep only kernel frames (and key parts such as comm); stacks without any show as
    /// `[no kernel frames]`.
    #[arg(long, conflicts_with = "user_only")]
    pub(crate) kernel_only: bool,
    /// Keep only user-space frames (and key parts such as comm); stacks without any show as
    /// `[no user frames]`.
    #[arg(long)]
    pub(crate) user_only: bool,
    /// Collapse direct recursion: a frame repeated right above itself is drawn once.
    #[arg(long)]
    pub(crate) fold_recursion: bool,
}

impl FoldFlags {
    pub(crate) fn options(&self) -> FoldOptions {
        let only = match (self.kernel_only, self.user_only) {
            (true, _) => Some(Side::Kernel),
            (false, true) => Some(Side::User),
            (false, false) => None,
        };
        FoldOptions {
            no_inline: self.no_inline,
            only,
            fold_recursion: self.fold_recursion,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Emit {
    /// The parsed syntax tree.
    Ast,
    /// The IR: BPF with virtual registers.
    Ir,
    /// The BPF instructions, with `;;` source comments.
    Asm,
    /// The BPF ELF object (to the file given with -o).
    Elf,
}

/// The output formats, by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Svg,
    Folded,
    Pprof,
    Speedscope,
    /// FlameScope's heatmap page (`.html`): needs each event's time (a replay, or a run that
    /// keeps them).
    Heatmap,
}

impl Format {
    pub(crate) const HELP: &'static str = "use one of .svg, .folded, .pb.gz (or .pprof), .json (speedscope) and .html (the \
         heatmap of every event's time)";

    pub(crate) fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?;
        if name.ends_with(".pb.gz") || name.ends_with(".pprof") {
            return Some(Format::Pprof);
        }
        match path.extension()?.to_str()? {
            "svg" => Some(Format::Svg),
            "folded" => Some(Format::Folded),
            "json" => Some(Format::Speedscope),
            "html" => Some(Format::Heatmap),
            _ => None,
        }
    }
}

/// A ring buffer size: a power of two, at least a page.
fn parse_ring_bytes(text: &str) -> Result<u32, String> {
    match text.parse::<u32>() {
        Ok(n) if n >= 4096 && n.is_power_of_two() => Ok(n),
        _ => Err(format!("`{text}` is not a power of two of 4096 or more")),
    }
}

/// Parses `10s`, `500ms`, `1.5s`, `250us`, `2m`, `1h`, or a bare number of seconds, into
/// nanoseconds.
pub(crate) fn parse_duration(text: &str) -> Result<u64, String> {
    let text = text.trim();
    // `-d -1s` reaches here (`allow_hyphen_values`) rather than clap's tip to write `-- -1`,
    // which would make the duration a script.
    if text.starts_with('-') {
        return Err(format!(
            "`{text}` is not a duration: a run lasts a positive time, e.g. `-d 10s`"
        ));
    }
    // A decimal number, as `timeout(1)` takes (`1.5s`), then the unit.
    let digits = text
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(text.len());
    let (num, unit) = text.split_at(digits);
    let not_a_duration = || format!("`{text}` is not a duration (write e.g. `10s` or `500ms`)");
    let (whole, frac) = num.split_once('.').unwrap_or((num, ""));
    if whole.is_empty() && frac.is_empty() || frac.contains('.') {
        return Err(not_a_duration());
    }
    let n: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| not_a_duration())?
    };
    let scale: u64 = match unit {
        "" | "s" => 1_000_000_000,
        "ms" => 1_000_000,
        "us" => 1_000,
        "ns" => 1,
        "m" => 60_000_000_000,
        "h" => 3_600_000_000_000,
        _ => {
            return Err(format!(
                "unknown unit `{unit}` in `{text}` (use ns, us, ms, s, m or h)"
            ));
        }
    };
    let too_long = || format!("`{text}` is too long a duration");
    // The fraction in whole nanoseconds, exactly (no float rounding): `0.3s` is 300 000 000.
    let mut part: u64 = 0;
    let mut den: u64 = 1;
    for d in frac.bytes() {
        den = den.checked_mul(10).ok_or_else(not_a_duration)?;
        part = part * 10 + u64::from(d - b'0');
    }
    let frac_ns = u128::from(part) * u128::from(scale);
    if frac_ns % u128::from(den) != 0 {
        return Err(format!("`{text}` is finer than a nanosecond"));
    }
    let ns = n
        .checked_mul(scale)
        .and_then(|ns| ns.checked_add(u64::try_from(frac_ns / u128::from(den)).ok()?))
        .ok_or_else(too_long)?;
    if ns == 0 {
        return Err("a duration of zero would stop before starting".to_string());
    }
    Ok(ns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("10s"), Ok(10_000_000_000));
        assert_eq!(parse_duration("3"), Ok(3_000_000_000));
        assert_eq!(parse_duration("250ms"), Ok(250_000_000));
        assert_eq!(parse_duration("0.3s"), Ok(300_000_000));
        assert_eq!(parse_duration("1.5m"), Ok(90_000_000_000));
        assert_eq!(parse_duration(".5s"), Ok(500_000_000));
        assert_eq!(parse_duration("2.ms"), Ok(2_000_000));
        assert!(parse_duration("1.5ns").is_err_and(|e| e.contains("finer")));
        assert!(parse_duration("1.2.3s").is_err());
        assert!(parse_duration(".s").is_err());
        assert!(parse_duration("0.0s").is_err());
        assert!(parse_duration("10 parsecs").is_err());
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("-1s").is_err_and(|e| e.contains("positive")));
        assert!(parse_duration("99999999999999h").is_err());
    }

    #[test]
    fn fold_flags_reach_the_options_and_the_sides_conflict() {
        let cli = Cli::try_parse_from(["flamescript", "-e", "x", "--no-inline", "--user-only"])
            .expect("valid flags");
        let options = cli.run.fold.options();
        assert!(options.no_inline && !options.fold_recursion);
        assert_eq!(options.only, Some(Side::User));
        let render = Cli::try_parse_from([
            "flamescript",
            "render",
            "in.folded",
            "-o",
            "x.svg",
            "--kernel-only",
            "--fold-recursion",
        ])
        .expect("valid flags");
        let Some(Command::Render { fold, .. }) = render.command else {
            panic!("expected the render subcommand");
        };
        assert_eq!(fold.options().only, Some(Side::Kernel));
        assert!(fold.options().fold_recursion);
        let both = Cli::try_parse_from(["flamescript", "-e", "x", "--kernel-only", "--user-only"]);
        assert!(both.is_err(), "--kernel-only and --user-only conflict");
    }

    // See: #20
    #[test]
    fn issue_20_run_name_takes_every_run_option() {
        let cli = Cli::try_parse_from([
            "flamescript",
            "run",
            "offcpu",
            "-p",
            "1",
            "-d",
            "2s",
            "-o",
            "a.svg",
            "-o",
            "a.json",
            "--dry-run",
            "--map-entries",
            "128",
            "--stack-entries",
            "256",
            "--unwind",
            "dwarf",
            "--stack-copy",
            "4096",
            "--offcpu-design",
            "switch-out",
            "--no-inline",
            "--kernel-only",
            "--title",
            "t",
            "--width",
            "800",
            "--inverted",
        ])
        .expect("every run option is taken");
        let Some(Command::Run { name, run }) = cli.command else {
            panic!("expected the run subcommand");
        };
        assert_eq!(name, "offcpu");
        assert_eq!((run.pid, run.duration), (Some(1), Some(2_000_000_000)));
        assert_eq!(run.output.len(), 2);
        assert!(run.dry_run);
        assert_eq!((run.map_entries, run.stack_entries), (Some(128), Some(256)));
        assert_eq!((run.unwind, run.stack_copy), (UnwindArg::Dwarf, Some(4096)));
        assert_eq!(run.offcpu_design, OffcpuArg::SwitchOut);
        assert!(run.fold.no_inline && run.fold.kernel_only);
        assert_eq!(run.graph.title.as_deref(), Some("t"));
        assert_eq!((run.graph.width, run.graph.inverted), (Some(800), true));
        // And they are checked as on the top-level command.
        let bad = Cli::try_parse_from(["flamescript", "run", "cpu", "--map-entries", "0"]);
        assert!(bad.is_err(), "--map-entries 0 is refused");
        let both = Cli::try_parse_from(["flamescript", "run", "cpu", "-p", "1", "-c", "ls"]);
        assert!(both.is_err(), "-p and -c conflict");
    }

    #[test]
    fn formats() {
        assert_eq!(Format::from_path(Path::new("a/b.svg")), Some(Format::Svg));
        assert_eq!(Format::from_path(Path::new("x.pb.gz")), Some(Format::Pprof));
        assert_eq!(Format::from_path(Path::new("x.png")), None);
        assert_eq!(Format::from_path(Path::new("noext")), None);
    }
}
