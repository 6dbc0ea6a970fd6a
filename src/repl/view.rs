//! The REPL's text views of a result: the live top view redrawn while a clause runs, `:top`
//! (functions by self and total weight, pprof's flat and cum), `:top stacks` (the heaviest
//! folded paths with their share and weight in human units) and `:tree` (a top-down call tree
//! with percentages, in the spirit of `perf report --stdio`).
//!
//! Pure: results in, lines out. Fitting lines to the terminal is done here too (a line that
//! wraps would break the live view's redraw, which moves the cursor up by the lines it drew).

use compiler::types::Unit;
use runtime::fold::{Frame, FrameKind, Profile};
use runtime::render::diff::{DiffFrame, DiffResult, Presence};
use runtime::results::Results;
use runtime::units::{format_value, thousands};

use crate::output::{counted, more};

/// A weight in human units: "12.3 ms", "4.0 KiB", "1,234 samples", "1 sample".
pub(crate) fn weight_text(n: u64, profile: &Profile) -> String {
    match profile.unit {
        Unit::Plain => counted(n, &profile.value_name),
        unit => format_value(n, unit),
    }
}

fn share(n: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        100.0 * n as f64 / total as f64
    }
}

/// A folded path, root first: `comm;main;read;vfs_read_[k]`.
fn folded_path(frames: &[Frame]) -> String {
    let names: Vec<_> = frames.iter().map(|f| f.folded_name()).collect();
    names.join(";")
}

/// Shortens a folded path to `max` characters by cutting its middle: the root frame (often
/// the process) says whose stack it is, and the leaf end is where the time goes.
fn elide_middle(path: &str, max: usize) -> String {
    let n = path.chars().count();
    if n <= max {
        return path.to_string();
    }
    let root = path.split(';').next().unwrap_or_default();
    let root_len = root.chars().count() + 2;
    // Keep the root only when it leaves room for a real part of the leaf end.
    let (head, room) = if root_len + 12 <= max {
        (format!("{root};…"), max - root_len)
    } else {
        ("…".to_string(), max.saturating_sub(1))
    };
    let tail: String = path.chars().skip(n - room.min(n)).collect();
    format!("{head}{tail}")
}

/// Cuts a line to `width` characters at its end (tables, headers).
fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The heaviest stacks of one profile, one line each: share, weight, folded path. `width`
/// bounds each line (paths are cut at the root end); `None` leaves them whole.
pub(crate) fn top_lines(
    name: &str,
    profile: &Profile,
    n: usize,
    width: Option<usize>,
) -> Vec<String> {
    let total = profile.total();
    let mut out = vec![format!(
        "{name}: {} in {}",
        weight_text(total, profile),
        counted(profile.stacks.len() as u64, "stacks")
    )];
    let mut order: Vec<&(Vec<Frame>, u64)> = profile.stacks.iter().collect();
    // Heaviest first; equal weights keep the profile's sorted order, so the view is stable.
    order.sort_by_key(|it| std::cmp::Reverse(it.1));
    let weights: Vec<String> = order
        .iter()
        .take(n)
        .map(|(_, w)| weight_text(*w, profile))
        .collect();
    let w_width = weights.iter().map(|w| w.chars().count()).max().unwrap_or(0);
    for ((frames, w), weight) in order.iter().zip(&weights) {
        let lead = format!(
            "{:>6.1}%  {weight:>w_width$}  ",
            share(*w, total),
            w_width = w_width
        );
        let path = folded_path(frames);
        let path = match width {
            Some(width) => elide_middle(&path, width.saturating_sub(lead.chars().count())),
            None => path,
        };
        out.push(format!("{lead}{path}"));
    }
    if order.len() > n {
        out.push(format!("  … {}", more((order.len() - n) as u64, "stacks")));
    }
    out
}

/// The heaviest functions of one profile, pprof's `-top`: each function's self weight (the
/// stacks it is the leaf of: flat) and total weight (the stacks it is in, counted once
/// however deep it recurses: cum), heaviest self first. Root frames (comm, pid: key parts,
/// not code) are left out. `width` bounds each line (names are cut in the middle).
pub(crate) fn function_lines(
    name: &str,
    profile: &Profile,
    n: usize,
    width: Option<usize>,
) -> Vec<String> {
    let total = profile.total();
    let mut weights: std::collections::HashMap<String, (u64, u64)> =
        std::collections::HashMap::new();
    let mut seen: Vec<String> = Vec::new();
    for (frames, w) in &profile.stacks {
        seen.clear();
        let code: Vec<&Frame> = frames
            .iter()
            .filter(|f| f.kind != FrameKind::Root)
            .collect();
        for frame in &code {
            let name = frame.folded_name().into_owned();
            if !seen.contains(&name) {
                weights.entry(name.clone()).or_default().1 += w;
                seen.push(name);
            }
        }
        if let Some(leaf) = code.last() {
            weights
                .entry(leaf.folded_name().into_owned())
                .or_default()
                .0 += w;
        }
    }
    let mut order: Vec<(String, (u64, u64))> = weights.into_iter().collect();
    // Heaviest self first, then heaviest total, then by name: a stable view.
    order.sort_by(|a, b| {
        (b.1.0, b.1.1)
            .cmp(&(a.1.0, a.1.1))
            .then_with(|| a.0.cmp(&b.0))
    });
    let mut out = vec![format!(
        "{name}: {} in {}",
        weight_text(total, profile),
        counted(order.len() as u64, "functions")
    )];
    let rows: Vec<(String, String, &str)> = order
        .iter()
        .take(n)
        .map(|(f, (own, all))| {
            (
                weight_text(*own, profile),
                weight_text(*all, profile),
                f.as_str(),
            )
        })
        .collect();
    let w_self = rows
        .iter()
        .map(|r| r.0.chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    let w_total = rows
        .iter()
        .map(|r| r.1.chars().count())
        .max()
        .unwrap_or(0)
        .max(5);
    out.push(format!(
        "{:>w_self$}  {:>6}  {:>w_total$}  {:>6}  function",
        "self", "self%", "total", "total%"
    ));
    for ((own_text, all_text, f), (_, (own, all))) in rows.iter().zip(&order) {
        let lead = format!(
            "{own_text:>w_self$}  {:>5.1}%  {all_text:>w_total$}  {:>5.1}%  ",
            share(*own, total),
            share(*all, total),
        );
        let f = match width {
            Some(width) => elide_middle(f, width.saturating_sub(lead.chars().count())),
            None => f.to_string(),
        };
        out.push(format!("{lead}{f}"));
    }
    if order.len() > n {
        out.push(format!(
            "  … {}",
            more((order.len() - n) as u64, "functions")
        ));
    }
    out
}

/// What `:top N` shows for a whole result: each flame-graph map's heaviest functions, then
/// the loss report line; `:top stacks` is [`result_lines`].
pub(crate) fn function_result_lines(results: &Results, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    for (name, profile) in &results.profiles {
        out.extend(function_lines(name, profile, n, None));
    }
    if results.profiles.is_empty() {
        out.push("(no flame-graph map: `:top stacks` shows the other maps)".to_string());
    }
    out.push(format!("losses: {}", results.losses.summary_line()));
    out
}

/// What `:top N` and the live view show for a whole result: each flame-graph map's heaviest
/// paths, the other maps' tables, and the loss report line.
pub(crate) fn result_lines(results: &Results, n: usize, width: Option<usize>) -> Vec<String> {
    let mut out = Vec::new();
    for (name, profile) in &results.profiles {
        out.extend(top_lines(name, profile, n, width));
    }
    for (_, table) in &results.tables {
        let lines: Vec<&str> = table.lines().collect();
        for line in lines.iter().take(n + 1) {
            out.push(match width {
                Some(w) => clip(line, w),
                None => line.to_string(),
            });
        }
        if lines.len() > n + 1 {
            out.push(format!(
                "  … {}",
                more((lines.len() - n - 1) as u64, "lines")
            ));
        }
    }
    let empty = results.profiles.iter().all(|(_, p)| p.stacks.is_empty())
        && results.tables.iter().all(|(_, t)| t.trim().is_empty());
    if empty {
        out.push("(no map holds anything yet)".to_string());
    }
    let losses = format!("losses: {}", results.losses.summary_line());
    out.push(match width {
        Some(w) => clip(&losses, w),
        None => losses,
    });
    out
}

/// One frame of the live view, fitted to a `width` × `height` terminal: a header line, then as
/// many of the heaviest paths as fit, then the loss line (always shown: it is the honesty line).
pub(crate) fn live_lines(
    header: &str,
    results: &Results,
    width: usize,
    height: usize,
) -> Vec<String> {
    // Header, map header, "… more", losses, and one spare line for the cursor.
    let rows = height.saturating_sub(5).max(1);
    let mut lines = vec![clip(header, width)];
    lines.extend(result_lines(results, rows, Some(width)));
    if lines.len() > height.saturating_sub(1).max(2) {
        let losses = lines.pop().unwrap_or_default();
        lines.truncate(height.saturating_sub(2).max(1));
        lines.push(losses);
    }
    lines
}

/// The biggest significant changes of a comparison, one line each: the change of the frame's
/// inclusive share in percentage points (or of its weight, compared raw), both shares, and its
/// path (`[new]` / `[gone]` when it exists on one side only). Changes within the noise are left
/// out and counted.
pub(crate) fn diff_lines(res: &DiffResult, n: usize, width: Option<usize>) -> Vec<String> {
    let mut order: Vec<&DiffFrame> = res.frames.iter().filter(|f| f.significant).collect();
    // Biggest change first; ties keep the comparison's depth-first order, so output is stable.
    order.sort_by(|x, y| y.change.abs().total_cmp(&x.change.abs()));
    let mut out = Vec::new();
    if order.is_empty() {
        out.push("no change beyond the noise".to_string());
    }
    for f in order.iter().take(n) {
        let change = if res.raw {
            let sign = if f.change < 0.0 { "-" } else { "+" };
            let w = f.weight_b.abs_diff(f.weight_a);
            match res.unit {
                Unit::Plain => format!("{sign}{} {}", thousands(w), res.value_name),
                unit => format!("{sign}{}", format_value(w, unit)),
            }
        } else {
            format!("{:+.1} pts", f.change * 100.0)
        };
        // A function in both profiles is never new: only its call path may be.
        let tag = match (f.presence, f.function_shares) {
            (Presence::Both, _) => "",
            (Presence::New, Some(_)) => " [new call path]",
            (Presence::Gone, Some(_)) => " [call path gone]",
            (Presence::New, None) => " [new]",
            (Presence::Gone, None) => " [gone]",
            (Presence::Cut, _) => " [cut: not compared]",
        };
        let lead = format!(
            "{change:>12}  {:>5.1}% → {:>5.1}%  ",
            f.share_a * 100.0,
            f.share_b * 100.0
        );
        let path = format!("{}{tag}", folded_path(&f.path));
        let path = match width {
            Some(w) => elide_middle(&path, w.saturating_sub(lead.chars().count())),
            None => path,
        };
        out.push(format!("{lead}{path}"));
    }
    let quiet = res.frames.iter().filter(|f| !f.significant).count();
    if order.len() > n || quiet > 0 {
        out.push(format!(
            "  ({} more changed, {} within the noise)",
            order.len().saturating_sub(n),
            quiet
        ));
    }
    out
}

/// One node of the call tree: a frame and the weight of every stack through it.
#[derive(Debug, Default)]
struct Node {
    name: String,
    weight: u64,
    children: Vec<Node>,
}

impl Node {
    fn insert(&mut self, frames: &[Frame], w: u64) {
        self.weight += w;
        let Some((first, rest)) = frames.split_first() else {
            return;
        };
        let name = first.folded_name();
        let idx = match self.children.iter().position(|c| c.name == name) {
            Some(i) => i,
            None => {
                self.children.push(Node {
                    name: name.into_owned(),
                    ..Node::default()
                });
                self.children.len() - 1
            }
        };
        self.children[idx].insert(rest, w);
    }
}

/// A profile as a top-down call tree: each line the share of the total through that frame, its
/// weight and the frame, children heaviest first. Branches under `min_percent` are summarised
/// in one "… N more" line so the tree stays readable.
pub(crate) fn tree_lines(name: &str, profile: &Profile, min_percent: f64) -> Vec<String> {
    let mut root = Node::default();
    for (frames, w) in &profile.stacks {
        root.insert(frames, *w);
    }
    let total = root.weight;
    let mut out = vec![format!("{name}: {} total", weight_text(total, profile))];
    let mut children: Vec<&Node> = root.children.iter().collect();
    children.sort_by_key(|c| std::cmp::Reverse(c.weight));
    let mut ctx = TreeCtx {
        profile,
        total,
        min_percent,
        out: &mut out,
    };
    walk(&mut ctx, &children, "");
    out
}

struct TreeCtx<'a> {
    profile: &'a Profile,
    total: u64,
    min_percent: f64,
    out: &'a mut Vec<String>,
}

fn walk(ctx: &mut TreeCtx<'_>, nodes: &[&Node], indent: &str) {
    let (shown, hidden): (Vec<&Node>, Vec<&Node>) = nodes
        .iter()
        .partition(|n| share(n.weight, ctx.total) >= ctx.min_percent);
    for (i, node) in shown.iter().enumerate() {
        let last = i + 1 == shown.len() && hidden.is_empty();
        let (branch, next) = if last {
            ("└─ ", "   ")
        } else {
            ("├─ ", "│  ")
        };
        ctx.out.push(format!(
            "{:>6.1}%  {:>12}  {indent}{branch}{}",
            share(node.weight, ctx.total),
            weight_text(node.weight, ctx.profile),
            node.name
        ));
        // A chain of frames through which all the weight passes reads as one branch, as in
        // `perf report`: one frame per line, no new percentage, no deeper indent.
        let mut node = *node;
        while let [only] = node.children.as_slice()
            && only.weight == node.weight
        {
            node = only;
            ctx.out
                .push(format!("{:23}{indent}{next}{}", "", node.name));
        }
        let mut children: Vec<&Node> = node.children.iter().collect();
        children.sort_by_key(|c| std::cmp::Reverse(c.weight));
        walk(ctx, &children, &format!("{indent}{next}"));
    }
    if !hidden.is_empty() {
        let w: u64 = hidden.iter().map(|n| n.weight).sum();
        ctx.out.push(format!(
            "{:>6.1}%  {:>12}  {indent}└─ … {} more under {}%",
            share(w, ctx.total),
            weight_text(w, ctx.profile),
            hidden.len(),
            ctx.min_percent
        ));
    }
}

#[cfg(test)]
mod tests {
    use runtime::losses::LossReport;

    use super::*;

    fn profile() -> Profile {
        let f = |name: &str, kind| Frame::new(name, kind);
        Profile::from_stacks(
            [
                (
                    vec![
                        f("main", FrameKind::User),
                        f("read", FrameKind::User),
                        f("vfs_read", FrameKind::Kernel),
                    ],
                    3_000_000,
                ),
                (vec![f("main", FrameKind::User)], 1_000_000),
                (vec![f("idle", FrameKind::User)], 5_000),
            ],
            Unit::NS,
            "time",
            LossReport::default(),
        )
    }

    // See: #20
    #[test]
    fn issue_20_top_ranks_functions_by_self_with_total_beside() {
        let f = |name: &str, kind| Frame::new(name, kind);
        // A recursive function counts once in its total; the comm (a root) is no function.
        let p = Profile::from_stacks(
            [
                (
                    vec![
                        f("app", FrameKind::Root),
                        f("main", FrameKind::User),
                        f("walk", FrameKind::User),
                        f("walk", FrameKind::User),
                    ],
                    6,
                ),
                (
                    vec![
                        f("app", FrameKind::Root),
                        f("main", FrameKind::User),
                        f("write", FrameKind::Kernel),
                    ],
                    3,
                ),
                (
                    vec![f("app", FrameKind::Root), f("main", FrameKind::User)],
                    1,
                ),
            ],
            Unit::Plain,
            "samples",
            LossReport::default(),
        );
        assert_eq!(
            function_lines("@", &p, 2, None),
            [
                "@: 10 samples in 3 functions",
                "     self   self%      total  total%  function",
                "6 samples   60.0%  6 samples   60.0%  walk",
                "3 samples   30.0%  3 samples   30.0%  write_[k]",
                "  … 1 more function",
            ]
        );
        let all = function_lines("@", &p, 10, None);
        assert_eq!(all[4], " 1 sample   10.0%  10 samples  100.0%  main");
    }

    #[test]
    fn plurals_are_right() {
        assert_eq!(counted(1, "samples"), "1 sample");
        assert_eq!(counted(0, "samples"), "0 samples");
        assert_eq!(counted(2_000, "samples"), "2,000 samples");
        assert_eq!(counted(1, "bytes"), "1 byte");
        assert_eq!(counted(1, "ss"), "1 ss");
        assert_eq!(more(1, "stacks"), "1 more stack");
        let one = Profile::from_stacks(
            [(vec![Frame::new("main", FrameKind::User)], 1)],
            Unit::Plain,
            "samples",
            LossReport::default(),
        );
        assert_eq!(top_lines("@", &one, 5, None)[0], "@: 1 sample in 1 stack");
    }

    #[test]
    fn top_is_heaviest_first_with_share_and_human_weight() {
        let lines = top_lines("@", &profile(), 2, None);
        assert_eq!(
            lines,
            [
                "@: 4.00 ms in 3 stacks",
                "  74.9%  3.00 ms  main;read;vfs_read_[k]",
                "  25.0%  1.00 ms  main",
                "  … 1 more stack",
            ]
        );
        // A narrow terminal keeps the leaf end of the path, and the root when there is room.
        let narrow = top_lines("@", &profile(), 1, Some(30));
        assert_eq!(narrow[1], "  74.9%  3.00 ms  …fs_read_[k]");
        let wide = top_lines("@", &profile(), 1, Some(36));
        assert_eq!(wide[1], "  74.9%  3.00 ms  main;…vfs_read_[k]");
        assert!(narrow.iter().all(|l| l.chars().count() <= 30), "{narrow:?}");
    }

    #[test]
    fn tree_nests_children_and_folds_small_branches() {
        let lines = tree_lines("@", &profile(), 1.0);
        assert_eq!(
            lines,
            [
                "@: 4.00 ms total",
                "  99.9%       4.00 ms  ├─ main",
                "  74.9%       3.00 ms  │  └─ read",
                "                       │     vfs_read_[k]",
                "   0.1%       5.00 us  └─ … 1 more under 1%",
            ]
        );
        let all = tree_lines("@", &profile(), 0.0);
        assert!(
            all.last().is_some_and(|l| l.ends_with("└─ idle")),
            "{all:?}"
        );
    }

    #[test]
    fn diff_lists_the_biggest_changes_first() {
        let f = |name: &str| Frame::new(name, FrameKind::User);
        let before = Profile::from_stacks(
            [
                (vec![f("main"), f("a")], 500),
                (vec![f("main"), f("b")], 500),
                (vec![f("old")], 1000),
            ],
            Unit::Plain,
            "samples",
            LossReport::default(),
        );
        let after = Profile::from_stacks(
            [
                (vec![f("main"), f("a")], 1500),
                (vec![f("main"), f("b")], 500),
            ],
            Unit::Plain,
            "samples",
            LossReport::default(),
        );
        let res = runtime::render::diff::diff(&before, &after, &Default::default());
        let lines = diff_lines(&res, 2, None);
        assert_eq!(
            lines,
            [
                "   +50.0 pts   50.0% → 100.0%  main",
                "   +50.0 pts   25.0% →  75.0%  main;a",
                "  (1 more changed, 1 within the noise)",
            ]
        );
        let all = diff_lines(&res, 10, None);
        assert!(all.iter().any(|l| l.ends_with("old [gone]")), "{all:?}");
    }

    #[test]
    fn live_view_fits_the_terminal_and_keeps_the_loss_line() {
        let results = Results {
            profiles: vec![("@".into(), profile())],
            tables: vec![],
            losses: LossReport::default(),
        };
        let lines = live_lines("profile — 1.0 s", &results, 40, 6);
        assert!(lines.len() < 6, "{lines:?}");
        assert_eq!(lines.last().map(String::as_str), Some("losses: no losses"));
        assert!(lines.iter().all(|l| l.chars().count() <= 40), "{lines:?}");
        let roomy = live_lines("h", &results, 100, 30);
        assert_eq!(roomy.len(), 1 + 1 + 3 + 1, "{roomy:?}");
    }
}
