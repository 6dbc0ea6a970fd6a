//! Differential flame graphs: two profiles of the same program (a baseline `a` and a second
//! run `b`) drawn as one graph whose colours say what changed, honestly.
//!
//! This module owns the comparison ([`diff`]: one [`DiffFrame`] per frame path of the union of
//! both trees) and the drawing of it ([`render_svg`]: inferno lays the graph out, and we set each
//! frame's colour and tooltip ourselves). It does not read files or parse folded text (the
//! caller does, with `render::folded::parse`), and it never prints.
//!
//! Where the usual differential graphs mislead, and what this one does instead:
//! - **Totals differ.** FlameGraph's `difffolded.pl` and inferno's differential mode compare raw
//!   counts unless told to normalize, so a longer second run turns everything red. Here the
//!   default compares each frame's *share* of its own profile's total (`raw: true` compares
//!   weights).
//! - **Self versus inclusive.** Those tools colour a frame by the change of its *self* weight
//!   (only leaves carry a delta), so a function whose callees all grew a little is drawn
//!   neutral. Here every frame is coloured by the change of its *inclusive* share: a parent that
//!   grew is red even if no single leaf did.
//! - **Vanished code.** Drawing only the second profile hides frames that disappeared. Here the
//!   graph is the union of both trees: a frame only in the baseline is drawn at its baseline
//!   share (scaled to the second total), labelled `[gone]`, and coloured by its shrinkage; a
//!   frame only in the second run is coloured by its growth and its tooltip says `new`.
//! - **Moved code.** A frame is a path, and a path only one profile has is new (or gone) even
//!   when its function is in both, called from elsewhere. Such a frame is never called new:
//!   functions are matched across the profiles by name, and its tooltip gives the function's
//!   share of each total wherever it was called ([`DiffFrame::function_shares`]).
//! - **Stacks cut at different depths.** A stack longer than the kernel's limit keeps its leaf
//!   end and loses its root end, so a profile cut at fewer frames has its deep stacks rooted
//!   elsewhere, and every one of their frames would be painted new or gone. When the
//!   shallower profile's deepest stacks pile up at one depth ([`DiffResult::cut`]), only the
//!   stacks both could record whole (shorter than that depth) are compared; the rest are drawn
//!   purple, [`Presence::Cut`], and the subtitle says so.
//! - **Noise.** A few samples more or less are not a change. Each frame's change is compared
//!   with its standard error under a Poisson model (see [`Noise`] and `change_and_sigma`), and
//!   a change within `sigmas` standard errors is drawn grey.
//!
//! Widths: the drawing is the second profile, plus the stacks that exist only in the baseline
//! (at their baseline share of the second total, so they are visible at the size they had). A
//! frame's width is therefore its second-run weight, plus any of its baseline-only stacks; the
//! tooltip gives both exact shares.
//!
//! Frames are matched between the profiles by the names they are drawn with: their folded names
//! (`foo_[k]` and `foo` differ, a root frame and a user frame with the same name do not), made
//! safe for inferno's line format, which is what a reader of either graph sees.

use std::collections::{BTreeMap, HashMap};

use compiler::types::Unit;
use inferno::flamegraph::color::{BackgroundColor, BasicPalette, Color};
use inferno::flamegraph::{self, Options, Palette};

use crate::fold::{Frame, Profile};
use crate::render::svg::SvgError;
use crate::units::{Decimals, format_value};

/// How to compare and how to draw.
#[derive(Clone, Debug)]
pub struct DiffOptions {
    /// Compare raw weights instead of shares of each profile's total.
    pub raw: bool,
    /// The size of one event, in the profiles' unit, for the noise test on sums (ns, bytes):
    /// e.g. the sampling period of a `sum(period)` profile, or a typical block size for `bio`.
    /// Err large: events bigger than `q` make the true variance (Σx² ≥ q·Σx) larger than the
    /// model's, so a `q` that is too small (an off-CPU script's `min`, say) colours noise.
    /// `None` means 1 for counts and "untested" for sums; see [`Noise`].
    pub quantum: Option<u64>,
    /// How many standard errors a change must exceed to be drawn in colour.
    pub sigmas: f64,
    /// What the baseline and the second profile are called in the title (e.g. file names).
    pub name_a: String,
    pub name_b: String,
    /// Image width in pixels; `None` for inferno's default (1200).
    pub width: Option<usize>,
    /// Frames narrower than this many pixels are not drawn (FlameGraph's default is 0.1).
    pub min_width: f64,
    /// Decimal places of both profiles' plain weights (fractional folded input).
    pub decimals: Decimals,
}

impl Default for DiffOptions {
    fn default() -> DiffOptions {
        DiffOptions {
            raw: false,
            quantum: None,
            sigmas: 3.0,
            name_a: "baseline".into(),
            name_b: "second".into(),
            width: None,
            min_width: 0.1,
            decimals: Decimals::default(),
        }
    }
}

/// Which noise test the comparison used, decided from the unit and `DiffOptions::quantum`.
///
/// Weights are modelled as `q × Poisson(w / q)`: a count (q = 1) is Poisson, and a sum of
/// events of size about `q` has variance `q × w` (the compound-Poisson variance Σx² with every
/// x = q). For a sum whose event size is unknown no error can be derived from the folded data
/// (a 1 ms block and a thousand 1 µs blocks weigh the same), so only frames whose share did
/// not move at all are grey, and the subtitle says the changes were not tested.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Noise {
    /// Poisson on counts (q = 1): plain profiles.
    Counts,
    /// Compound Poisson with events of this size, in the profiles' unit.
    Quantum(u64),
    /// No test: a sum without a quantum. Every non-zero change counts as significant.
    Untested,
}

/// Whether a frame exists in both profiles or only one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    Both,
    /// Only in the baseline: it vanished.
    Gone,
    /// Only in the second profile.
    New,
    /// Only in stacks cut at different depths ([`DiffResult::cut`]): not compared.
    Cut,
}

/// One frame path of the union tree and how it changed. All weights are inclusive.
#[derive(Clone, Debug, PartialEq)]
pub struct DiffFrame {
    /// Frames root→leaf; the last one is this frame.
    pub path: Vec<Frame>,
    pub weight_a: u64,
    pub weight_b: u64,
    /// `weight / total` of each profile (0 when that total is 0).
    pub share_a: f64,
    pub share_b: f64,
    /// `share_b - share_a`, or `weight_b - weight_a` with `raw`.
    pub change: f64,
    /// The standard error of `change`; `None` when untested ([`Noise::Untested`]).
    pub sigma: Option<f64>,
    /// `|change| > sigmas × sigma` (or `change != 0` when untested).
    pub significant: bool,
    pub presence: Presence,
    /// When this path is only in one profile but its function (the last frame, by folded name)
    /// is in both: the function's inclusive share of each total, wherever it was called.
    pub function_shares: Option<(f64, f64)>,
}

/// The comparison of two profiles: every frame path of either, root→leaf in depth-first order
/// (children sorted by folded name).
#[derive(Clone, Debug, PartialEq)]
pub struct DiffResult {
    pub frames: Vec<DiffFrame>,
    pub total_a: u64,
    pub total_b: u64,
    /// The baseline's unit, used for both; `unit_b` is kept so drawing can refuse a mismatch.
    pub unit: Unit,
    pub unit_b: Unit,
    pub value_name: String,
    pub raw: bool,
    pub sigmas: f64,
    pub noise: Noise,
    /// The profiles' stacks were cut at different depths: the deepest stack of each (in
    /// frames). Then only stacks shorter than the smaller were compared.
    pub cut: Option<(usize, usize)>,
    /// Decimal places of the plain weights, as [`DiffOptions::decimals`].
    pub decimals: Decimals,
    // Invariant: self weights of each frame, parallel to `frames`, for drawing.
    self_weights: Vec<(u64, u64)>,
}

impl DiffResult {
    /// The frame at this path of folded names (`["main", "foo_[k]"]`), if either profile has it.
    pub fn find(&self, path: &[&str]) -> Option<&DiffFrame> {
        self.frames.iter().find(|f| {
            f.path.len() == path.len()
                && f.path
                    .iter()
                    .zip(path)
                    .all(|(fr, p)| fr.folded_name() == *p)
        })
    }
}

/// One node of the union tree while building it. Index 0 is the virtual root ("all").
struct Node {
    frame: Option<Frame>,
    children: BTreeMap<String, usize>,
    incl: [u64; 2],
    own: [u64; 2],
    /// The inclusive weight of the stacks compared (all of them unless cut).
    compared: [u64; 2],
}

/// The deepest stack of a profile, in frames, and whether its stacks look cut there: at least
/// two distinct stacks of that exact depth, with 2% of the weight or more. An uncut profile's
/// deepest stack is one chain of calls; a cut profile piles every deeper stack at its limit.
fn depth_cap(p: &Profile) -> (usize, bool) {
    let depth = p.stacks.iter().map(|(f, _)| f.len()).max().unwrap_or(0);
    let at_cap = p.stacks.iter().filter(|(f, n)| f.len() == depth && *n > 0);
    let (n_stacks, weight) = at_cap.fold((0u64, 0u64), |(c, w), (_, n)| (c + 1, w + n));
    (depth, n_stacks >= 2 && weight * 50 >= p.total())
}

/// `Some((depth of a, depth of b))` when the two profiles were cut at different depths.
fn cut_depths(a: &Profile, b: &Profile) -> Option<(usize, usize)> {
    let ((da, cut_a), (db, cut_b)) = (depth_cap(a), depth_cap(b));
    let shallower_cut = if da < db { cut_a } else { cut_b };
    (da != db && shallower_cut).then_some((da, db))
}

fn build_tree(a: &Profile, b: &Profile, compared_below: usize) -> Vec<Node> {
    let mut nodes = vec![Node {
        frame: None,
        children: BTreeMap::new(),
        incl: [0; 2],
        own: [0; 2],
        compared: [0; 2],
    }];
    for (side, profile) in [a, b].into_iter().enumerate() {
        for (frames, weight) in &profile.stacks {
            let mut cur = 0;
            let compared = if frames.len() < compared_below {
                *weight
            } else {
                0
            };
            nodes[0].incl[side] += weight;
            nodes[0].compared[side] += compared;
            for (depth, frame) in frames.iter().enumerate() {
                // Keyed by the drawn name, so two frames inferno would draw as one are one.
                let key = inferno_safe(&frame.folded_name(), depth == 0);
                let next = match nodes[cur].children.get(&key) {
                    Some(&idx) => idx,
                    None => {
                        let idx = nodes.len();
                        nodes.push(Node {
                            frame: Some(frame.clone()),
                            children: BTreeMap::new(),
                            incl: [0; 2],
                            own: [0; 2],
                            compared: [0; 2],
                        });
                        nodes[cur].children.insert(key, idx);
                        idx
                    }
                };
                nodes[next].incl[side] += weight;
                nodes[next].compared[side] += compared;
                cur = next;
            }
            nodes[cur].own[side] += weight;
        }
    }
    nodes
}

/// The change of one frame and its standard error, the noise model stated once.
///
/// Weights `w_a`, `w_b` out of totals `N_a`, `N_b`, events of size `q` (1 for counts), every
/// frame's weight and the rest of its profile independent (compound) Poisson, so
/// `Var(w) = q × w`. Observed weights stand in for the means, floored at one event (`max(w, q)`)
/// so that a frame absent from one profile still carries the uncertainty of a Poisson mean near
/// one (the plug-in estimate, 0, would claim its absence is exact).
/// - normalized: `Δ = p_b − p_a` with `p = w / N`. A share `w / (w + rest)` of two independent
///   Poisson weights has, by the delta method, `Var(p) = q × p (1 − p) / N` (the multinomial
///   variance: a frame at 100% has an exact share). So
///   `σ = sqrt(q·p_a(1 − p_a)/N_a + q·p_b(1 − p_b)/N_b)`, `p = min(max(w, q) / N, 1)`;
/// - raw: `Δ = w_b − w_a`, `σ = sqrt(q·max(w_a, q) + q·max(w_b, q))`.
///
/// A change is significant when `|Δ| > sigmas × σ`.
fn change_and_sigma(w: [u64; 2], n: [u64; 2], raw: bool, q: Option<u64>) -> (f64, Option<f64>) {
    let share = |w: u64, n: u64| if n == 0 { 0.0 } else { w as f64 / n as f64 };
    if raw {
        let change = w[1] as f64 - w[0] as f64;
        let var = |w: u64, q: u64| q as f64 * w.max(q) as f64;
        return (change, q.map(|q| (var(w[0], q) + var(w[1], q)).sqrt()));
    }
    let change = share(w[1], n[1]) - share(w[0], n[0]);
    // An empty profile contributes no sampling error of its own (its shares are all 0).
    let var = |w: u64, n: u64, q: u64| {
        if n == 0 {
            return 0.0;
        }
        let p = (w.max(q) as f64 / n as f64).min(1.0);
        q as f64 * p * (1.0 - p) / n as f64
    };
    let sigma = q.map(|q| (var(w[0], n[0], q) + var(w[1], n[1], q)).sqrt());
    (change, sigma)
}

/// Compares two profiles frame by frame; see the module doc for what is compared and how.
pub fn diff(a: &Profile, b: &Profile, opts: &DiffOptions) -> DiffResult {
    let noise = match (a.unit, opts.quantum) {
        (_, Some(q)) if q > 0 => Noise::Quantum(q),
        (Unit::Plain, _) => Noise::Counts,
        _ => Noise::Untested,
    };
    let q = match noise {
        // One sample, in the stored units of fractional weights.
        Noise::Counts => Some(opts.decimals.divisor()),
        Noise::Quantum(q) => Some(q),
        Noise::Untested => None,
    };
    let cut = cut_depths(a, b);
    let compared_below = cut.map_or(usize::MAX, |(da, db)| da.min(db));
    let nodes = build_tree(a, b, compared_below);
    let totals = nodes[0].incl;
    let compared_totals = nodes[0].compared;
    let functions = [function_weights(a), function_weights(b)];
    let mut frames = Vec::with_capacity(nodes.len());
    let mut self_weights = Vec::with_capacity(nodes.len());
    // Depth-first, children in name order, carrying each node's path.
    let mut todo: Vec<(usize, Vec<Frame>)> = nodes[0]
        .children
        .values()
        .rev()
        .map(|&idx| (idx, Vec::new()))
        .collect();
    while let Some((idx, mut path)) = todo.pop() {
        let node = &nodes[idx];
        path.push(node.frame.clone().expect("only the root has no frame"));
        let (change, sigma) = change_and_sigma(node.compared, compared_totals, opts.raw, q);
        let presence = match (node.compared, node.incl) {
            ([0, 0], _) => Presence::Cut,
            (_, [0, _]) => Presence::New,
            (_, [_, 0]) => Presence::Gone,
            _ => Presence::Both,
        };
        let significant = match sigma {
            _ if presence == Presence::Cut => false,
            Some(sigma) => change.abs() > opts.sigmas * sigma,
            None => change != 0.0,
        };
        let name = path.last().map(|f| f.folded_name().into_owned());
        let name = name.unwrap_or_default();
        let function_shares = match (functions[0].get(&name), functions[1].get(&name)) {
            (Some(&wa), Some(&wb)) if matches!(presence, Presence::New | Presence::Gone) => {
                let share = |w: u64, n: u64| if n == 0 { 0.0 } else { w as f64 / n as f64 };
                Some((share(wa, totals[0]), share(wb, totals[1])))
            }
            _ => None,
        };
        let share = |side: usize| {
            if totals[side] == 0 {
                0.0
            } else {
                node.incl[side] as f64 / totals[side] as f64
            }
        };
        for &child in node.children.values().rev() {
            todo.push((child, path.clone()));
        }
        frames.push(DiffFrame {
            share_a: share(0),
            share_b: share(1),
            weight_a: node.incl[0],
            weight_b: node.incl[1],
            path,
            change,
            sigma,
            significant,
            presence,
            function_shares,
        });
        self_weights.push((node.own[0], node.own[1]));
    }
    DiffResult {
        frames,
        total_a: totals[0],
        total_b: totals[1],
        unit: a.unit,
        unit_b: b.unit,
        value_name: a.value_name.clone(),
        raw: opts.raw,
        sigmas: opts.sigmas,
        noise,
        cut,
        decimals: opts.decimals,
        self_weights,
    }
}

/// Each function's inclusive weight, by folded name: the weight of the stacks it is in
/// (counted once per stack, however often it recurses).
fn function_weights(p: &Profile) -> HashMap<String, u64> {
    let mut res: HashMap<String, u64> = HashMap::new();
    let mut seen: Vec<String> = Vec::new();
    for (frames, n) in &p.stacks {
        seen.clear();
        for frame in frames {
            let name = frame.folded_name().into_owned();
            if !seen.contains(&name) {
                *res.entry(name.clone()).or_default() += n;
                seen.push(name);
            }
        }
    }
    res
}

#[derive(Debug, thiserror::Error)]
pub enum DiffSvgError {
    #[error("the profiles have different units ({a} and {b}): they cannot be compared")]
    UnitMismatch { a: String, b: String },
    #[error(
        "the {which} profile is empty: shares of an empty profile mean nothing (compare raw weights instead)"
    )]
    EmptyProfile { which: &'static str },
    #[error(transparent)]
    Svg(#[from] SvgError),
    /// Our reading of inferno's layout disagreed with what it drew; a bug, reported rather than
    /// drawn with colours on the wrong frames.
    #[error("internal error: differential colouring lost track of frame `{0}`")]
    Layout(String),
}

/// Frames that did not change significantly (or at all).
pub const NEUTRAL: Color = Color {
    r: 215,
    g: 215,
    b: 215,
};

/// Both profiles as FlameGraph's differential folded text (`difffolded.pl`, `inferno-diff-folded`):
/// one `stack WEIGHT_A WEIGHT_B` line per stack of either, sorted, weights as they were written.
pub fn write_folded(a: &Profile, b: &Profile, decimals: Decimals) -> String {
    let mut lines: BTreeMap<String, [u64; 2]> = BTreeMap::new();
    for (side, profile) in [a, b].into_iter().enumerate() {
        for (frames, n) in &profile.stacks {
            if frames.is_empty() {
                continue;
            }
            let path: Vec<String> = frames
                .iter()
                .enumerate()
                .map(|(depth, f)| inferno_safe(&f.folded_name(), depth == 0))
                .collect();
            lines.entry(path.join(";")).or_default()[side] += n;
        }
    }
    let mut res = String::new();
    for (path, [wa, wb]) in lines {
        res.push_str(&format!(
            "{path} {} {}\n",
            decimals.plain(wa),
            decimals.plain(wb)
        ));
    }
    res
}

/// Frames only in stacks cut at different depths: not compared.
pub const CUT: Color = Color {
    r: 190,
    g: 150,
    b: 220,
};

/// The colour of one frame: grey unless significant; then red (growth) or blue (shrinkage),
/// deeper with the size of the change relative to the largest significant change in the graph.
/// The lightest significant colour (rgb(255,160,160)) stays well apart from grey, and the
/// largest change is pure red or blue.
pub fn frame_color(frame: &DiffFrame, max_change: f64) -> Color {
    if !frame.significant || frame.change == 0.0 || max_change <= 0.0 {
        return NEUTRAL;
    }
    let t = (frame.change.abs() / max_change).min(1.0);
    let light = (200.0 * (1.0 - (0.2 + 0.8 * t))).round() as u8;
    if frame.change > 0.0 {
        Color {
            r: 255,
            g: light,
            b: light,
        }
    } else {
        Color {
            r: light,
            g: light,
            b: 255,
        }
    }
}

fn unit_name(unit: Unit) -> String {
    match unit {
        Unit::Plain => "plain".into(),
        _ => unit.name(),
    }
}

fn total_text(result: &DiffResult, n: u64) -> String {
    match result.unit {
        Unit::Plain => format!("{} {}", result.decimals.human(n), result.value_name),
        unit => format_value(n, unit),
    }
}

/// The title: the baseline, both totals in the unit, and the normalization.
pub fn title(result: &DiffResult, opts: &DiffOptions) -> String {
    let how = if result.raw {
        "raw weights compared"
    } else {
        "shares of each total compared"
    };
    format!(
        "{} vs baseline {}: totals {} → {}; {how}",
        opts.name_b,
        opts.name_a,
        total_text(result, result.total_a),
        total_text(result, result.total_b),
    )
}

/// The subtitle: the legend and the noise test.
pub fn subtitle(result: &DiffResult) -> String {
    let noise = match result.noise {
        Noise::Counts => format!(
            "grey: within {} standard errors (Poisson counts)",
            result.sigmas
        ),
        Noise::Quantum(q) => format!(
            "grey: within {} standard errors (Poisson events of {})",
            result.sigmas,
            format_value(q, result.unit)
        ),
        Noise::Untested => {
            "noise not tested (a sum without an event size): any change is coloured".into()
        }
    };
    let cut = match result.cut {
        Some((da, db)) => format!(
            "; stacks cut at different depths (baseline {da} frames deep at most, second {db}): \
             only stacks shorter than {} frames compared, the rest drawn purple",
            da.min(db)
        ),
        None => String::new(),
    };
    format!(
        "inclusive change: red grew, blue shrank; {noise}; [gone] frames drawn at their baseline size{cut}"
    )
}

fn percent(share: f64) -> String {
    format!("{:.2}%", share * 100.0)
}

/// A frame's tooltip, after its name. It holds no `(`: inferno's script strips the last
/// parenthesised group to fit labels, and this must be all of it.
fn details(result: &DiffResult, frame: &DiffFrame) -> String {
    let weight = |n: u64| total_text(result, n);
    let change = if result.raw {
        let sign = if frame.change < 0.0 { "-" } else { "+" };
        format!("{sign}{}", weight(frame.weight_b.abs_diff(frame.weight_a)))
    } else {
        format!("{:+.2} pts", frame.change * 100.0)
    };
    let verdict = match (frame.sigma, frame.significant) {
        (None, _) => "noise not tested".to_string(),
        (Some(s), sig) if s > 0.0 => format!(
            "{:.1} sigma, {}",
            frame.change.abs() / s,
            if sig { "significant" } else { "within noise" }
        ),
        (Some(_), _) => "no change".to_string(),
    };
    let presence = match (frame.presence, frame.function_shares) {
        (Presence::Both, _) => String::new(),
        (Presence::Cut, _) => {
            return format!(
                "{} → {}; in stacks cut at different depths: not compared",
                weight(frame.weight_a),
                weight(frame.weight_b),
            );
        }
        (Presence::Gone | Presence::New, Some((fa, fb))) => format!(
            "; this call path only in the {}; the function is in both, {} → {} wherever called",
            if frame.presence == Presence::Gone {
                "baseline"
            } else {
                "second profile"
            },
            percent(fa),
            percent(fb),
        ),
        (Presence::Gone, None) => {
            "; gone: only in the baseline, drawn at its baseline share".into()
        }
        (Presence::New, None) => "; new: only in the second profile".into(),
    };
    format!(
        "{} → {}, {change}; {} → {}; {verdict}{presence}",
        percent(frame.share_a),
        percent(frame.share_b),
        weight(frame.weight_a),
        weight(frame.weight_b),
    )
}

fn xml_escape(text: &str) -> String {
    // All five, as inferno's XML writer does, so escaped labels compare equal.
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// The name a frame is drawn with, which is also its key in the union tree: its folded name,
/// with `[gone]` before the `_[k]` suffix of a vanished frame (so inferno still strips the
/// annotation), and rewritten where inferno would read the line differently from what we
/// mean (see [`inferno_safe`]).
fn drawn_name(frame: &Frame, gone: bool, root: bool) -> String {
    if !gone {
        return inferno_safe(&frame.folded_name(), root);
    }
    let mut frame = frame.clone();
    frame.name = format!("{} [gone]", frame.name).into();
    inferno_safe(&frame.folded_name(), root)
}

/// inferno trims each line, drops lines starting with `# ` as comments, and reads a trailing
/// ` 123` as a second count column (its differential mode). A name that would trip one of these
/// is rewritten so the drawing stays faithful: surrounding whitespace trimmed, an empty name
/// shown as `[empty]`, the comment `#` of a root frame written as the look-alike `＃`, and the
/// space before a trailing number made a no-break space (it looks the same).
fn inferno_safe(name: &str, root: bool) -> String {
    let mut name = name.trim().to_string();
    if name.is_empty() {
        return "[empty]".into();
    }
    if root && (name == "#" || name.starts_with("# ")) {
        name.replace_range(0..1, "\u{FF03}");
    }
    if let Some(space) = name.rfind(' ')
        && rfind_count(&name[space + 1..])
    {
        name.replace_range(space..space + 1, "\u{A0}");
    }
    name
}

/// Whether inferno would take this word for a count: digits, optionally with a fraction.
fn rfind_count(word: &str) -> bool {
    let (int, frac) = word.split_once('.').unwrap_or((word, ""));
    (int.chars().chain(frac.chars())).all(|c| c.is_ascii_digit())
}

/// inferno's label for a drawn name: the annotation suffix stripped (its `deannotate`).
fn deannotate(name: &str) -> &str {
    for suffix in ["_[k]", "_[i]", "_[j]", "_[w]"] {
        if let Some(stripped) = name.strip_suffix(suffix) {
            return stripped;
        }
    }
    name
}

/// Draws the comparison: inferno lays out the union tree, then each frame gets our colour and
/// tooltip. inferno colours by function name, not by frame path, so the colours are set after
/// drawing: each drawn frame is found again by its depth and its start (`fg:x`), which we
/// compute the way inferno does (lines sorted as text, frames opened where a line stops sharing
/// the previous line's prefix).
pub fn render_svg(result: &DiffResult, opts: &DiffOptions) -> Result<String, DiffSvgError> {
    if result.unit != result.unit_b {
        return Err(DiffSvgError::UnitMismatch {
            a: unit_name(result.unit),
            b: unit_name(result.unit_b),
        });
    }
    if !result.raw {
        for (which, n) in [("baseline", result.total_a), ("second", result.total_b)] {
            if n == 0 {
                return Err(DiffSvgError::EmptyProfile { which });
            }
        }
    }
    // Drawing units: the second profile's weights times `k`, so that baseline-only stacks scaled
    // to the second total keep their precision even when the second total is small. Raw
    // baseline weights are drawn unscaled, so there `k` must also keep them from overflowing.
    let largest = if result.raw {
        result.total_a.max(result.total_b)
    } else {
        result.total_b
    };
    let k = (1_000_000 / largest.max(1)).max(1);
    let ghost_scale = if result.raw || result.total_a == 0 {
        k as f64
    } else {
        k as f64 * result.total_b as f64 / result.total_a as f64
    };
    // Lines: (text as inferno reads it, node indices root→leaf, drawn weight).
    let mut lines: Vec<(String, Vec<usize>, u64)> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for (idx, frame) in result.frames.iter().enumerate() {
        let depth = frame.path.len();
        stack.truncate(depth - 1);
        names.truncate(depth - 1);
        stack.push(idx);
        names.push(drawn_name(
            frame.path.last().expect("a frame path is never empty"),
            frame.presence == Presence::Gone,
            depth == 1,
        ));
        let (own_a, own_b) = result.self_weights[idx];
        let drawn = if own_b > 0 {
            own_b * k
        } else if own_a > 0 {
            ((own_a as f64 * ghost_scale).round() as u64).max(1)
        } else {
            continue;
        };
        lines.push((
            format!("{} {drawn}", names.join(";")).trim().to_string(),
            stack.clone(),
            drawn,
        ));
    }
    if lines.is_empty() {
        return Err(SvgError::Empty.into());
    }
    lines.sort_by(|x, y| x.0.cmp(&y.0));
    // inferno's flow: (depth, start) of every frame it will draw → our frame index.
    let mut at: HashMap<(usize, u64), usize> = HashMap::new();
    let mut prev: &[usize] = &[];
    let mut time = 0u64;
    for (_, path, drawn) in &lines {
        let shared = prev.iter().zip(path).take_while(|(x, y)| x == y).count();
        for (i, &idx) in path.iter().enumerate().skip(shared) {
            at.insert((i + 1, time), idx);
        }
        time = time.saturating_add(*drawn);
        prev = path;
    }

    let mut inferno_opts = Options::default();
    inferno_opts.title = title(result, opts);
    inferno_opts.subtitle = Some(subtitle(result));
    inferno_opts.colors = Palette::Basic(BasicPalette::Hot);
    inferno_opts.bgcolors = Some(BackgroundColor::Grey);
    inferno_opts.deterministic = true;
    inferno_opts.min_width = opts.min_width;
    inferno_opts.image_width = opts.width;
    inferno_opts.name_type = "Function:".into();
    inferno_opts.count_name = "drawn units".into();
    let frame_height = inferno_opts.frame_height;
    let mut svg = Vec::new();
    flamegraph::from_lines(
        &mut inferno_opts,
        lines.iter().map(|(text, _, _)| text.as_str()),
        &mut svg,
    )
    .map_err(SvgError::from)?;
    let svg = String::from_utf8(svg).map_err(|_| DiffSvgError::Layout("<non-UTF-8 SVG>".into()))?;

    let max_change = result
        .frames
        .iter()
        .filter(|f| f.significant)
        .map(|f| f.change.abs())
        .fold(0.0, f64::max);
    recolor(&svg, frame_height, |depth, start, label| {
        if depth == 0 {
            let all = format!(
                "all ({} → {}; {})",
                total_text(result, result.total_a),
                total_text(result, result.total_b),
                if result.raw { "raw" } else { "normalized" }
            );
            return Ok((all, NEUTRAL));
        }
        let idx = *at
            .get(&(depth, start))
            .ok_or_else(|| DiffSvgError::Layout(label.to_string()))?;
        let frame = &result.frames[idx];
        let last = frame.path.last().expect("a frame path is never empty");
        let name = drawn_name(last, frame.presence == Presence::Gone, depth == 1);
        // The check that we found the frame inferno drew: same depth, start and name.
        if xml_escape(deannotate(&name)) != label {
            return Err(DiffSvgError::Layout(label.to_string()));
        }
        let tooltip = format!("{} ({})", deannotate(&name), details(result, frame));
        let color = match frame.presence {
            Presence::Cut => CUT,
            _ => frame_color(frame, max_change),
        };
        Ok((tooltip, color))
    })
    .map(|svg| crate::render::svg::wrapped(svg, &inferno_opts))
}

/// Rewrites every frame group (`<g><title>…</title><rect … fill="…" fg:x="…"/>…</g>`) of
/// inferno's SVG with the tooltip and colour `pick(depth, fg:x, escaped label)` returns.
fn recolor(
    svg: &str,
    frame_height: usize,
    mut pick: impl FnMut(usize, u64, &str) -> Result<(String, Color), DiffSvgError>,
) -> Result<String, DiffSvgError> {
    let start = svg
        .find("<svg id=\"frames\"")
        .ok_or_else(|| DiffSvgError::Layout("<frames container>".into()))?;
    // First pass: every frame's title, fill, y and fg:x. A frame is a `<title>` followed by its
    // `<rect>` (inside a `<g>`, whose attributes we do not depend on).
    struct Group {
        title: (usize, usize),
        fill: (usize, usize),
        y: i64,
        x: u64,
    }
    let bad = |what: &str| DiffSvgError::Layout(what.to_string());
    let mut groups = Vec::new();
    let mut pos = start;
    while let Some(off) = svg[pos..].find("<title>") {
        let t_start = pos + off + "<title>".len();
        let t_end = t_start
            + svg[t_start..]
                .find("</title>")
                .ok_or_else(|| bad("<title>"))?;
        let g_end = t_end + svg[t_end..].find("</g>").ok_or_else(|| bad("</g>"))?;
        // Attributes are read after the title, so a tooltip can never be mistaken for one.
        let rest = &svg[t_end..g_end];
        let attr = |name: &str| -> Result<(usize, usize), DiffSvgError> {
            let key = format!(" {name}=\"");
            let at = rest.find(&key).ok_or_else(|| bad(name))? + key.len();
            let len = rest[at..].find('"').ok_or_else(|| bad(name))?;
            Ok((t_end + at, t_end + at + len))
        };
        let (ys, ye) = attr("y")?;
        let (xs, xe) = attr("fg:x")?;
        groups.push(Group {
            title: (t_start, t_end),
            fill: attr("fill")?,
            y: svg[ys..ye].parse().map_err(|_| bad("y"))?,
            x: svg[xs..xe].parse().map_err(|_| bad("fg:x"))?,
        });
        pos = g_end;
    }
    // The "all" frame is the lowest one; every other depth is counted up from it.
    let y_all = groups
        .iter()
        .map(|g| g.y)
        .max()
        .ok_or_else(|| bad("<no frames>"))?;
    let mut out = String::with_capacity(svg.len() + svg.len() / 4);
    let mut copied = 0;
    for g in &groups {
        let depth = usize::try_from(y_all - g.y).map_err(|_| bad("y"))? / frame_height;
        let label = &svg[g.title.0..g.title.1];
        let label = label.rfind(" (").map_or(label, |cut| &label[..cut]);
        let (tooltip, color) = pick(depth, g.x, label)?;
        out.push_str(&svg[copied..g.title.0]);
        out.push_str(&xml_escape(&tooltip));
        out.push_str(&svg[g.title.1..g.fill.0]);
        out.push_str(&format!("rgb({},{},{})", color.r, color.g, color.b));
        copied = g.fill.1;
    }
    out.push_str(&svg[copied..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::folded::parse;

    fn profile(text: &str) -> Profile {
        parse(text).unwrap()
    }

    fn diffed(a: &str, b: &str, opts: &DiffOptions) -> (DiffResult, String) {
        let res = diff(&profile(a), &profile(b), opts);
        let svg = render_svg(&res, opts).unwrap();
        assert_well_formed(&svg);
        (res, svg)
    }

    fn assert_well_formed(svg: &str) {
        let mut reader = quick_xml::Reader::from_str(svg);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("SVG is not well-formed XML: {e}"),
            }
        }
    }

    /// (tooltip, fill) of every drawn frame.
    fn frames_of(svg: &str) -> Vec<(String, String)> {
        svg.split("<g><title>")
            .skip(1)
            .map(|g| {
                let title = g[..g.find("</title>").unwrap()].to_string();
                let fill = &g[g.find("fill=\"").unwrap() + 6..];
                (title, fill[..fill.find('"').unwrap()].to_string())
            })
            .collect()
    }

    /// The fills of the frames whose tooltip starts with `name (` (one per drawn frame).
    fn fills(svg: &str, name: &str) -> Vec<String> {
        let prefix = format!("{name} (");
        frames_of(svg)
            .into_iter()
            .filter(|(t, _)| t.starts_with(&prefix))
            .map(|(_, f)| f)
            .collect()
    }

    const GREY: &str = "rgb(215,215,215)";
    const RED: &str = "rgb(255,0,0)";
    const BLUE: &str = "rgb(0,0,255)";

    #[test]
    fn diff_equal_shares_at_different_totals_are_neutral() {
        let a = "main;x 100\nmain;y 300\nidle 100\n";
        let b = "main;x 1000\nmain;y 3000\nidle 1000\n";
        let (res, svg) = diffed(a, b, &DiffOptions::default());
        assert_eq!((res.total_a, res.total_b), (500, 5000));
        for f in &res.frames {
            assert!(f.change.abs() < 1e-12, "{f:?}");
            assert!(!f.significant, "{f:?}");
        }
        let drawn = frames_of(&svg);
        assert_eq!(drawn.len(), 5, "all, main, x, y, idle: {drawn:?}");
        for (title, fill) in &drawn {
            assert_eq!(fill, GREY, "{title}");
        }
        assert!(svg.contains("totals 500 samples → 5,000 samples; shares of each total compared"));

        // Raw weights: everything grew tenfold, so everything is red.
        let raw = DiffOptions {
            raw: true,
            ..DiffOptions::default()
        };
        let (res, svg) = diffed(a, b, &raw);
        assert!(res.frames.iter().all(|f| f.significant && f.change > 0.0));
        assert_eq!(fills(&svg, "main"), [RED]);
        assert!(svg.contains("raw weights compared"));
    }

    #[test]
    fn diff_inclusive_growth_colours_the_parents() {
        // x doubles its share (10% → 20%); its parents grow with it although only x changed
        // below them; idle shrinks; z keeps its share.
        let a = "main;mid;x 100\nmain;mid;z 100\nidle 800\n";
        let b = "main;mid;x 200\nmain;mid;z 100\nidle 700\n";
        let (res, svg) = diffed(a, b, &DiffOptions::default());
        let x = res.find(&["main", "mid", "x"]).unwrap();
        assert!((x.share_a - 0.1).abs() < 1e-12 && (x.share_b - 0.2).abs() < 1e-12);
        assert!(x.significant);
        assert!(res.find(&["main", "mid"]).unwrap().significant);
        assert!(!res.find(&["main", "mid", "z"]).unwrap().significant);
        // All three grew by 10 points, the largest change: full red. idle shrank as much.
        for name in ["main", "mid", "x"] {
            assert_eq!(fills(&svg, name), [RED], "{name}");
        }
        assert_eq!(fills(&svg, "idle"), [BLUE]);
        assert_eq!(fills(&svg, "z"), [GREY]);
        assert!(svg.contains("x (10.00% → 20.00%, +10.00 pts; 100 samples → 200 samples;"));
    }

    #[test]
    fn diff_gone_frames_are_drawn_and_new_frames_are_red() {
        let a = "main;old 500\nmain;keep 500\n";
        let b = "main;keep 900\nmain;new 100\n";
        let (res, svg) = diffed(a, b, &DiffOptions::default());
        let old = res.find(&["main", "old"]).unwrap();
        assert_eq!(old.presence, Presence::Gone);
        assert_eq!((old.weight_a, old.weight_b), (500, 0));
        assert_eq!(res.find(&["main", "new"]).unwrap().presence, Presence::New);
        // old shrank by 50 points, the largest change: full blue, labelled and explained.
        assert_eq!(fills(&svg, "old [gone]"), [BLUE]);
        assert!(svg.contains("gone: only in the baseline"));
        assert!(svg.contains(">old [gone]</text>"), "label drawn");
        // keep grew 50% → 90% (+40 pts), new 0 → 10% (+10 pts): both red, keep deeper.
        let keep = &fills(&svg, "keep")[0];
        let new = &fills(&svg, "new")[0];
        assert!(keep.starts_with("rgb(255,") && new.starts_with("rgb(255,"));
        assert_ne!(keep, new);
        assert_eq!(
            new, "rgb(255,128,128)",
            "0.2 + 0.8 × 10/50 of the way to red"
        );
        // The drawing: b's 1000 plus old at its baseline share of b's total (500 of 1000).
        let old_w = svg.split("old [gone] (").nth(1).unwrap();
        let w = old_w[old_w.find("fg:w=\"").unwrap() + 6..]
            .split('"')
            .next()
            .unwrap();
        let total = svg
            .split("total_samples=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert_eq!(w.parse::<u64>().unwrap() * 3, total.parse::<u64>().unwrap());
    }

    #[test]
    fn diff_a_few_samples_out_of_thousands_is_noise() {
        let a = "a;x 10\na;y 4990\n";
        let b = "a;x 14\na;y 4986\n";
        let (res, svg) = diffed(a, b, &DiffOptions::default());
        let x = res.find(&["a", "x"]).unwrap();
        // Δ = 0.0008; σ = sqrt((0.002 × 0.998 + 0.0028 × 0.9972) / 5000) ≈ 0.00098: under one
        // sigma.
        assert!((x.change - 0.0008).abs() < 1e-12);
        let sigma = ((0.002 * 0.998 + 0.0028 * 0.9972) / 5000f64).sqrt();
        assert!((x.sigma.unwrap() - sigma).abs() < 1e-12);
        assert!(!x.significant);
        assert_eq!(fills(&svg, "x"), [GREY]);
        assert!(svg.contains("within noise"));
        // Forty times the change is not noise.
        let b = "a;x 330\na;y 4670\n";
        let (res, svg) = diffed(a, b, &DiffOptions::default());
        assert!(res.find(&["a", "x"]).unwrap().significant);
        assert_eq!(fills(&svg, "x"), [RED]);
    }

    #[test]
    fn diff_zero_count_keeps_one_event_of_uncertainty() {
        // A frame absent from the baseline with 5 samples in 1000: σ from p_a = max(0, 1)/1000
        // and p_b = 5/1000 is 0.00244, Δ = 5/1000, 2.0 sigma: not significant. 12 samples:
        // 3.3 sigma, is.
        let a = "main 1000\n";
        let res = diff(
            &profile(a),
            &profile("main 995\nmain;new 5\n"),
            &DiffOptions::default(),
        );
        let new = res.find(&["main", "new"]).unwrap();
        let sigma = ((0.001 * 0.999 + 0.005 * 0.995) / 1000f64).sqrt();
        assert!((new.sigma.unwrap() - sigma).abs() < 1e-12);
        assert!(!new.significant);
        let res = diff(
            &profile(a),
            &profile("main 988\nmain;new 12\n"),
            &DiffOptions::default(),
        );
        assert!(res.find(&["main", "new"]).unwrap().significant);
    }

    #[test]
    fn diff_sums_are_untested_without_a_quantum() {
        let mut a = profile("main;x 1000000\nmain;y 1000000\n");
        let mut b = profile("main;x 1001000\nmain;y 999000\n");
        a.unit = Unit::NS;
        b.unit = Unit::NS;
        let res = diff(&a, &b, &DiffOptions::default());
        assert_eq!(res.noise, Noise::Untested);
        let x = res.find(&["main", "x"]).unwrap();
        assert!(x.sigma.is_none() && x.significant);
        let svg = render_svg(&res, &DiffOptions::default()).unwrap();
        assert!(svg.contains("noise not tested"));
        assert!(svg.contains("totals 2.00 ms → 2.00 ms"));
        // Events of 100 us: x is 10 → 10.01 events' worth, no change worth colour.
        let opts = DiffOptions {
            quantum: Some(100_000),
            ..DiffOptions::default()
        };
        let res = diff(&a, &b, &opts);
        assert_eq!(res.noise, Noise::Quantum(100_000));
        assert!(!res.find(&["main", "x"]).unwrap().significant);
    }

    #[test]
    fn diff_refuses_mismatched_units_and_empty_shares() {
        let a = profile("main 10\n");
        let mut b = profile("main 10\n");
        b.unit = Unit::BYTES;
        let res = diff(&a, &b, &DiffOptions::default());
        assert!(matches!(
            render_svg(&res, &DiffOptions::default()),
            Err(DiffSvgError::UnitMismatch { .. })
        ));
        let res = diff(&a, &profile(""), &DiffOptions::default());
        assert!(matches!(
            render_svg(&res, &DiffOptions::default()),
            Err(DiffSvgError::EmptyProfile { which: "second" })
        ));
        // Raw weights can say "everything is gone".
        let raw = DiffOptions {
            raw: true,
            ..DiffOptions::default()
        };
        let res = diff(&a, &profile(""), &raw);
        let svg = render_svg(&res, &raw).unwrap();
        assert_eq!(fills(&svg, "main [gone]"), [BLUE]);
        // A huge raw baseline against a tiny second profile draws without overflow.
        let res = diff(
            &profile("big 10000000000000\n"),
            &profile("small 1\n"),
            &raw,
        );
        let svg = render_svg(&res, &raw).unwrap();
        assert_eq!(fills(&svg, "big [gone]"), [BLUE]);
        assert_eq!(
            fills(&svg, "small").len(),
            0,
            "1 in 10^13 is narrower than a pixel"
        );
    }

    #[test]
    fn diff_colours_follow_the_path_not_the_name() {
        // The same function under two parents: one copy grows, the other shrinks. inferno's
        // sort splits `b` around `b.cold` (`.` sorts before `;`), so b is drawn twice; both
        // pieces get b's colour. Kernel frames keep their suffix apart from user frames.
        let a = "p;f 100\nq;f 300\nb;c 100\nb.cold 100\nb 100\nk;f_[k] 100\nk;f 100\n";
        let b = "p;f 300\nq;f 100\nb;c 100\nb.cold 100\nb 100\nk;f_[k] 100\nk;f 100\n";
        let (res, svg) = diffed(a, b, &DiffOptions::default());
        let drawn = frames_of(&svg);
        let p_f = drawn
            .iter()
            .position(|(t, _)| t.starts_with("f (11.11% → 33.33%"));
        let q_f = drawn
            .iter()
            .position(|(t, _)| t.starts_with("f (33.33% → 11.11%"));
        assert_eq!(drawn[p_f.unwrap()].1, RED);
        assert_eq!(drawn[q_f.unwrap()].1, BLUE);
        assert_eq!(fills(&svg, "b"), [GREY, GREY]);
        assert!(res.find(&["k", "f_[k]"]).is_some() && res.find(&["k", "f"]).is_some());
        assert_eq!(fills(&svg, "f").len(), 4, "p;f, q;f, k;f and k;f_[k]");
    }

    #[test]
    fn diff_finds_every_drawn_frame_among_awkward_names() {
        // Thousands of stacks over names that sort around `;` and ` ` and need XML escaping:
        // any disagreement between our layout and inferno's is a `Layout` error, not a
        // silently wrong colour.
        const NAMES: &[&str] = &[
            "b",
            "b.cold",
            "b2",
            "a b",
            "x::y<T>",
            "&amp",
            "it's",
            "q\"uote",
            "#",
            "[unknown]",
            "f_[k]",
            "f_[i]",
            "f",
            "-",
            "zz",
            "x 7",
            " sp ",
            "",
            "1.5",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut folded = [String::new(), String::new()];
        for side in &mut folded {
            for _ in 0..3000 {
                let depth = 1 + next() % 6;
                let path: Vec<&str> = (0..depth)
                    .map(|_| NAMES[(next() % NAMES.len() as u64) as usize])
                    .collect();
                side.push_str(&format!("{} {}\n", path.join(";"), 1 + next() % 50));
            }
        }
        let opts = DiffOptions {
            min_width: 0.0,
            ..DiffOptions::default()
        };
        let (res, svg) = diffed(&folded[0], &folded[1], &opts);
        let drawn = frames_of(&svg);
        // Every frame of the union is drawn (at least once: inferno may split one around a
        // sibling that sorts inside it), plus "all".
        assert!(
            drawn.len() > res.frames.len(),
            "{} ≤ {}",
            drawn.len(),
            res.frames.len()
        );
        assert!(drawn.iter().any(|(_, f)| f.starts_with("rgb(255,")));
        assert!(drawn.iter().any(|(_, f)| f == GREY));
    }

    // See: #20
    #[test]
    fn issue_20_a_function_in_both_profiles_is_never_new() {
        let a = "main;a;foo 50\nmain;b 50\n";
        let b = "main;c;foo 50\nmain;b 50\n";
        let (res, svg) = diffed(a, b, &DiffOptions::default());
        let moved = res.find(&["main", "c", "foo"]).unwrap();
        assert_eq!(moved.presence, Presence::New, "the path is new");
        assert_eq!(moved.function_shares, Some((0.5, 0.5)));
        let (title, _) = frames_of(&svg)
            .into_iter()
            .find(|(t, _)| t.starts_with("foo (") && t.contains("second profile"))
            .unwrap();
        assert!(
            title.contains("the function is in both, 50.00% → 50.00%"),
            "{title}"
        );
        assert!(!title.contains("new"), "{title}");
        // A function only in one profile is still new.
        let c = res.find(&["main", "c"]).unwrap();
        assert_eq!(c.function_shares, None);
        assert!(
            frames_of(&svg)
                .iter()
                .any(|(t, _)| t.starts_with("c (") && t.contains("new:"))
        );
    }

    // See: #20
    #[test]
    fn issue_20_stacks_cut_at_different_depths_are_said_to_be_not_painted() {
        // The baseline kept 3 frames of each stack (its roots lost); the second kept all 5.
        let a = "b;c;leaf 40\nb;c;leaf2 30\nmain;x 30\n";
        let b = "main;a;b;c;leaf 40\nmain;a;b;c;leaf2 30\nmain;x 30\n";
        let (res, svg) = diffed(a, b, &DiffOptions::default());
        assert_eq!(res.cut, Some((3, 5)));
        for path in [
            &["b"][..],
            &["b", "c", "leaf"],
            &["main", "a"],
            &["main", "a", "b"],
        ] {
            let f = res.find(path).unwrap();
            assert_eq!(f.presence, Presence::Cut, "{path:?}");
            assert!(!f.significant);
        }
        // What both recorded whole is compared: main;x is 100% of it in each.
        let x = res.find(&["main", "x"]).unwrap();
        assert_eq!((x.presence, x.significant), (Presence::Both, false));
        for name in ["b", "leaf", "a"] {
            assert!(
                fills(&svg, name).iter().all(|f| f == "rgb(190,150,220)"),
                "{name}"
            );
        }
        assert!(!svg.contains(RED) && !svg.contains(BLUE), "nothing painted");
        assert!(svg.contains("stacks cut at different depths"));
        // Profiles of one depth, or an uncut shallower one, are compared whole.
        let whole = diff(&profile(a), &profile(a), &DiffOptions::default());
        assert_eq!(whole.cut, None);
        let short = diff(
            &profile("main;x 30\n"),
            &profile(b),
            &DiffOptions::default(),
        );
        assert_eq!(short.cut, None);
    }
}
