//! Tab completion, greyed hints and multi-line input for the REPL: rustyline's `Helper`.
//!
//! What is offered depends on where the cursor is in the clause ([`input::scan`]): probe names
//! and `tracepoint:` categories and names at the start, the probe's modifiers after it, and in
//! a filter or block its builtins, `args.` fields of the tracepoint, the maps and locals used
//! so far and the aggregations; after `:`, the commands. The candidate lists are pure
//! functions of the text and a [`World`], tested without a terminal.

use std::borrow::Cow;

use compiler::catalog::{COMMON_BUILTINS, Catalog, Env};
use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Helper};

use super::command;
use super::input::{self, Place};

/// Aggregations: values on the right of a map assignment.
const AGGREGATIONS: &[&str] = &["count()", "sum(", "min(", "max(", "avg(", "hist("];
/// Statement words, offered only where a statement may start.
const STATEMENTS: &[&str] = &["if", "else", "delete(", "print(", "clear(", "exit()"];

/// What completion knows: the catalog, the kernel's tracepoints, what the session typed.
pub(crate) struct World {
    pub(crate) catalog: Catalog<'static>,
    /// Every `(category, name)`, read once at start (thousands: too many to read per key).
    pub(crate) tracepoints: Vec<(String, String)>,
    /// Where `args.` fields come from (the live tracefs in the REPL, a fixture in tests).
    pub(crate) env: Box<dyn Env>,
    /// Maps used by the session's accepted clauses (`@name`).
    pub(crate) maps: Vec<String>,
}

/// Completion candidates for the end of `text`: the byte where the replaced word starts and
/// the full replacements, sorted and unique. File names (`:load`, `:svg`) are the helper's.
pub(crate) fn candidates(text: &str, world: &World) -> (usize, Vec<String>) {
    if let Some(rest) = command_line(text) {
        return command_candidates(text, rest, world);
    }
    let start = input::word_start(text);
    let word = &text[start..];
    let mut out = clause_candidates(text, word, world);
    out.retain(|c| c.starts_with(word) && c != word);
    out.sort();
    out.dedup();
    (start, out)
}

/// The text after `:` when the input is a command line.
fn command_line(text: &str) -> Option<&str> {
    text.trim_start().strip_prefix(':')
}

fn command_candidates(text: &str, rest: &str, world: &World) -> (usize, Vec<String>) {
    let start = input::word_start(text);
    let word = &text[start..];
    match rest.split_once(char::is_whitespace) {
        // The command name itself.
        None => {
            let mut out: Vec<String> = command::names()
                .filter(|n| n.starts_with(rest) && *n != rest)
                .map(str::to_string)
                .collect();
            out.sort();
            (text.len() - rest.len(), out)
        }
        // `:run 5s CLAUSE`: complete the clause part as a clause.
        Some(("run" | "r", args)) => {
            let clause_at = text.len() - args.len();
            let clause = match args.split_once(char::is_whitespace) {
                Some((first, tail)) if first.starts_with(|c: char| c.is_ascii_digit()) => {
                    &text[text.len() - tail.len()..]
                }
                _ => &text[clause_at..],
            };
            let (s, c) = candidates(clause.trim_start(), world);
            (text.len() - clause.trim_start().len() + s, c)
        }
        Some(("help" | "h" | "?", _)) => {
            let mut out: Vec<String> = command::names()
                .chain(world.catalog.probes.iter().map(|p| p.name()))
                .filter(|n| n.starts_with(word) && *n != word)
                .map(str::to_string)
                .collect();
            out.sort();
            (start, out)
        }
        Some(("probes", _)) => {
            let mut out: Vec<String> = world
                .catalog
                .names()
                .filter(|n| n.starts_with(word))
                .map(str::to_string)
                .collect();
            out.sort();
            (start, out)
        }
        Some(_) => (start, Vec::new()),
    }
}

fn clause_candidates(text: &str, word: &str, world: &World) -> Vec<String> {
    match input::scan(text).place {
        Place::Nothing => Vec::new(),
        Place::Probe => probe_candidates(word, world),
        Place::Head { probe, used } => match world.catalog.find(&probe_word(&probe)) {
            Some(p) => p
                .modifiers()
                .iter()
                .filter(|m| !used.iter().any(|u| u == m.name))
                .map(|m| m.name.to_string())
                .collect(),
            None => Vec::new(),
        },
        Place::Expr { probe, value } => expr_candidates(text, word, &probe, value, world),
    }
}

/// The probe's own name from `tracepoint:CAT:NAME`.
fn probe_word(probe: &str) -> String {
    probe.split(':').next().unwrap_or_default().to_string()
}

fn probe_candidates(word: &str, world: &World) -> Vec<String> {
    let parts: Vec<&str> = word.split(':').collect();
    match parts.as_slice() {
        [_] => {
            let mut out: Vec<String> = world.catalog.names().map(str::to_string).collect();
            // Probes that take `:` parts are offered with their colon, to go on typing.
            for p in world
                .catalog
                .probes
                .iter()
                .filter(|p| !p.parts().is_empty())
            {
                out.push(format!("{}:", p.name()));
            }
            out
        }
        [head, _] if is_tracepoint(world, head) => {
            let mut cats: Vec<String> = world
                .tracepoints
                .iter()
                .map(|(c, _)| format!("{head}:{c}:"))
                .collect();
            cats.dedup();
            cats
        }
        [head, cat, _] if is_tracepoint(world, head) => world
            .tracepoints
            .iter()
            .filter(|(c, _)| c == cat)
            .map(|(c, n)| format!("{head}:{c}:{n}"))
            .collect(),
        _ => Vec::new(),
    }
}

fn is_tracepoint(world: &World, name: &str) -> bool {
    world
        .catalog
        .find(name)
        .is_some_and(|p| p.parts() == ["category", "name"])
}

fn expr_candidates(text: &str, word: &str, probe: &str, value: bool, world: &World) -> Vec<String> {
    let Some(p) = world.catalog.find(&probe_word(probe)) else {
        return Vec::new();
    };
    if word.starts_with("args.") {
        let parts: Vec<&str> = probe.split(':').collect();
        let [_, cat, name] = parts.as_slice() else {
            return Vec::new();
        };
        return match world.env.tracepoint(cat, name) {
            Ok(layout) => layout
                .fields
                .iter()
                .filter(|f| f.ty().is_some())
                .map(|f| format!("args.{}", f.name))
                .collect(),
            Err(_) => Vec::new(),
        };
    }
    if word.starts_with('@') {
        let mut maps = world.maps.clone();
        maps.extend(input::map_names(text));
        return maps;
    }
    if word.starts_with('$') {
        return input::local_names(text);
    }
    let mut out: Vec<String> = p.builtins().iter().map(|b| b.name.to_string()).collect();
    if p.has_task_context() {
        out.extend(COMMON_BUILTINS.iter().map(|b| b.name.to_string()));
    }
    if p.parts() == ["category", "name"] {
        out.push("args.".to_string());
    }
    out.extend(AGGREGATIONS.iter().map(|s| s.to_string()));
    if !value {
        out.extend(STATEMENTS.iter().map(|s| s.to_string()));
    }
    out
}

/// The greyed hint at the cursor: the rest of a probe's example one-liner, or of a command's
/// name and synopsis.
pub(crate) fn hint(text: &str, world: &World) -> Option<String> {
    if text.is_empty() || text.contains('\n') {
        return None;
    }
    if let Some(rest) = command_line(text) {
        if rest.contains(char::is_whitespace) {
            return None;
        }
        return command::COMMANDS
            .iter()
            .find(|(n, _, _)| n.starts_with(rest))
            .map(|(n, args, _)| {
                let tail = &n[rest.len()..];
                if args.is_empty() {
                    tail.to_string()
                } else {
                    format!("{tail} {args}")
                }
            })
            .filter(|h| !h.trim().is_empty());
    }
    world
        .catalog
        .probes
        .iter()
        .map(|p| p.example())
        .find(|ex| ex.starts_with(text) && ex.len() > text.len())
        .map(|ex| ex[text.len()..].to_string())
}

/// Whether Enter submits: not while a block, bracket, filter, string or comment is open — then
/// it asks for the next line. An empty line submits anyway, so a bracket typed by mistake
/// cannot trap the user (the compiler then says what is unclosed).
pub(crate) fn needs_more(text: &str) -> bool {
    if command_line(text).is_some() && !text.trim_start().starts_with(":run") {
        return false;
    }
    if text.ends_with('\n') || text.trim().is_empty() {
        return false;
    }
    let body = command_line(text).map_or(text, |rest| rest);
    input::scan(body).is_open()
}

/// rustyline's helper: completion, hints, multi-line validation, the hint's grey.
pub(crate) struct ReplHelper {
    pub(crate) world: World,
    files: FilenameCompleter,
    /// Whether to colour hints (not when `NO_COLOR` is set or the terminal is dumb).
    color: bool,
}

impl ReplHelper {
    pub(crate) fn new(world: World, color: bool) -> ReplHelper {
        ReplHelper {
            world,
            files: FilenameCompleter::new(),
            color,
        }
    }
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let text = &line[..pos];
        let takes_file = ["load", "save", "svg", "folded", "pprof"]
            .iter()
            .any(|c| text.trim_start().starts_with(&format!(":{c} ")));
        if takes_file {
            return self.files.complete(line, pos, ctx);
        }
        let (start, words) = candidates(text, &self.world);
        let pairs = words
            .into_iter()
            .map(|w| Pair {
                display: w.clone(),
                replacement: w,
            })
            .collect();
        Ok((start, pairs))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, _: &Context<'_>) -> Option<String> {
        // Only at the end of the line: a hint in the middle would hide what follows.
        if pos < line.len() {
            return None;
        }
        hint(line, &self.world)
    }
}

impl Highlighter for ReplHelper {
    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color {
            Cow::Owned(format!("\x1b[90m{hint}\x1b[0m"))
        } else {
            Cow::Borrowed(hint)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        false
    }
}

impl Validator for ReplHelper {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        if needs_more(ctx.input()) {
            Ok(ValidationResult::Incomplete)
        } else {
            Ok(ValidationResult::Valid(None))
        }
    }
}

impl Helper for ReplHelper {}

#[cfg(test)]
mod tests {
    use compiler::tracefs::TracefsEnv;

    use super::*;

    fn world() -> World {
        let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tracefs");
        let env = TracefsEnv::at(fixture);
        World {
            catalog: stdlib::catalog(),
            tracepoints: env.tracepoints(),
            env: Box::new(env),
            maps: vec!["@bytes".into()],
        }
    }

    fn complete(text: &str) -> Vec<String> {
        candidates(text, &world()).1
    }

    #[test]
    fn probes_modifiers_and_builtins() {
        assert_eq!(complete("off"), ["offcpu"]);
        assert!(complete("").contains(&"profile".to_string()));
        assert_eq!(complete("offcpu < @[kstack] = sum(de"), ["delta"]);
        assert_eq!(complete("offcpu "), ["max", "min"]);
        assert_eq!(complete("offcpu min 1ms "), ["max"]);
        assert_eq!(complete("profile "), ["hz"]);
        // At a statement's start, statements too; inside a call, values only.
        let stmt = complete("offcpu < de");
        assert!(stmt.contains(&"delete(".to_string()), "{stmt:?}");
        assert_eq!(complete("bio < @[comm] = sum(by"), ["bytes"]);
        assert_eq!(complete("bio < @[comm] = su"), ["sum("]);
        assert_eq!(complete("bio < @b"), ["@bytes"]);
        assert_eq!(complete("bio < @cnt = count(); @c"), ["@cnt"]);
        assert_eq!(complete("profile < $abc = 1; @[$a"), ["$abc"]);
    }

    #[test]
    fn tracepoints_and_their_fields() {
        let w = world();
        let (cat, name) = w
            .tracepoints
            .first()
            .cloned()
            .expect("the fixture has tracepoints");
        let cats = complete(&format!("tracepoint:{}", &cat[..1]));
        assert!(cats.contains(&format!("tracepoint:{cat}:")), "{cats:?}");
        let names = complete(&format!("tp:{cat}:"));
        assert!(names.contains(&format!("tp:{cat}:{name}")), "{names:?}");
        let fields = complete(&format!("tracepoint:{cat}:{name} < @[args."));
        assert!(!fields.is_empty(), "no args fields for {cat}:{name}");
        assert!(fields.iter().all(|f| f.starts_with("args.")), "{fields:?}");
    }

    #[test]
    fn commands_and_hints() {
        assert_eq!(complete(":to"), ["top"]);
        assert_eq!(complete(":s"), ["save", "svg"]);
        assert_eq!(complete(":run 5s off"), ["offcpu"]);
        assert_eq!(complete(":help bi"), ["bio"]);
        let w = world();
        assert_eq!(
            hint("offcpu min", &w).as_deref(),
            Some(" 1ms < @[kstack, ustack] = sum(delta) >")
        );
        assert_eq!(hint(":tr", &w).as_deref(), Some("ee [MIN%]"));
        assert_eq!(hint("zzz", &w), None);
    }

    #[test]
    fn no_prefix_of_odd_input_panics() {
        let w = world();
        let texts = [
            "tracepoint:sched:sched_switch /args.prev_pid > 0/ { @[args.next_comm] = count(); }",
            "profile < $é = \"ü\\\" > /* ∞ */ @[comm] = count() > # ß\nbio { @b = sum(bytes) }",
            ":run 5s offcpu min 1ms < @[kstack] = sum(delta) >",
            ":help ☃ :svg ü.svg @x",
            "@@@ $$ ... ::: tp:: tracepoint:::x < ( [ { / \" ",
        ];
        for text in texts {
            for (idx, _) in text.char_indices() {
                let prefix = &text[..idx];
                let _ = candidates(prefix, &w);
                let _ = hint(prefix, &w);
                let _ = needs_more(prefix);
                let _ = command::parse(prefix);
            }
        }
    }

    #[test]
    fn enter_asks_for_more_only_while_something_is_open() {
        assert!(needs_more("profile < @[comm] = count()"));
        assert!(!needs_more("profile < @[comm] = count() >"));
        assert!(!needs_more("profile < @[comm = count() >\n"));
        assert!(!needs_more(":top 5"));
        assert!(needs_more(":run 5s profile {"));
        assert!(!needs_more(""));
    }
}
