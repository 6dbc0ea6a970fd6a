//! Flame graph SVG through inferno. We own only our parts: title (the script), subtitle (the
//! total and the loss report line), the count name and scale (the metric's unit), and colors by
//! frame kind. Drawing is inferno's job, and tests do not golden whole SVGs.
//!
//! inferno draws the subtitle as one line, which a real loss report makes wider than the image
//! (clipped at both ends, the total with it): [`render`] wraps it onto as many centred lines as
//! it needs, measured as inferno measures text (characters × font size × font width), and moves
//! everything below it down. Fractional weights ([`Decimals`]) are stored as integers and their
//! tooltips rewritten as the decimals they were, since inferno rounds what it scales.
//!
//! Colors: inferno's `java` palette already colors FlameGraph's annotations, `_[k]` orange for
//! kernel frames and `_[i]` aqua for inlined ones (and strips the suffix from the label); other
//! user frames get its yellow (C++/Rust `::`) or red (C). Frames that are not functions are
//! pinned through a palette map so they never pass for code: `[unknown]` grey, markers
//! (`[truncated]`, `[lost: …]`) purple, root frames (comm, pid) blue.

use std::collections::HashMap;

use compiler::types::Unit;
use inferno::flamegraph::color::{Color, MultiPalette, PaletteMap};
use inferno::flamegraph::{self, Direction, Options, Palette};

use crate::fold::{FoldedTexts, FrameKind, Profile};
use crate::hash::Fast;
use crate::units::{Decimals, display_scale, format_value};

/// What the caller decides about a flame graph.
#[derive(Clone, Debug)]
pub struct SvgConfig {
    /// The graph's title: the script's text.
    pub title: String,
    /// Image width in pixels; `None` for inferno's default (1200).
    pub width: Option<usize>,
    /// Frames narrower than this percentage of the total are not drawn, which keeps huge
    /// profiles quick to render and to open; 0.1 is inferno's default.
    pub min_width: f64,
    /// An icicle graph: roots at the top, leaves hanging below (inferno's `--inverted`).
    pub inverted: bool,
    /// Decimal places of the profile's weights (fractional folded input).
    pub decimals: Decimals,
}

impl SvgConfig {
    pub fn new(title: impl Into<String>) -> SvgConfig {
        SvgConfig {
            title: title.into(),
            width: None,
            min_width: 0.1,
            inverted: false,
            decimals: Decimals::default(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SvgError {
    #[error("nothing to draw: the profile has no weight")]
    Empty,
    #[error("drawing the flame graph: {0}")]
    Inferno(#[from] std::io::Error),
}

const GREY: Color = Color {
    r: 160,
    g: 160,
    b: 160,
};
const PURPLE: Color = Color {
    r: 190,
    g: 150,
    b: 220,
};
const BLUE: Color = Color {
    r: 130,
    g: 170,
    b: 230,
};

/// The subtitle: total weight in human units ("total 5.00 ms", "total 1,234 samples"), then
/// the loss report line.
pub fn subtitle(profile: &Profile) -> String {
    subtitle_exact(profile, Decimals::default())
}

/// [`subtitle`] of a profile whose plain weights carry `decimals` places.
pub fn subtitle_exact(profile: &Profile, decimals: Decimals) -> String {
    let total = match profile.unit {
        Unit::Plain => format!("{} {}", decimals.human(profile.total()), profile.value_name),
        Unit::Time { .. } | Unit::Bytes { .. } => format_value(profile.total(), profile.unit),
    };
    format!("total {total}; {}", profile.losses.summary_line())
}

pub fn render(profile: &Profile, config: &SvgConfig) -> Result<Vec<u8>, SvgError> {
    if profile.total() == 0 {
        return Err(SvgError::Empty);
    }
    let (lines, texts, kinds) = drawable_lines(profile, config.min_width);
    let mut palette_map = PaletteMap::default();
    for (text, kind) in texts.iter().zip(&kinds) {
        let color = match kind {
            FrameKind::Unknown => GREY,
            FrameKind::Marker => PURPLE,
            FrameKind::Root => BLUE,
            FrameKind::User | FrameKind::Kernel | FrameKind::Inlined => continue,
        };
        palette_map.insert(text, color);
    }
    let mut opts = options(profile, config, &mut palette_map);
    let mut out = Vec::new();
    flamegraph::from_lines(&mut opts, lines.iter().map(String::as_str), &mut out)?;
    Ok(finish(out, &opts, config))
}

/// A flame chart (FlameGraph's `--flamechart`): `lines` are folded stacks in time order,
/// drawn left to right as given, neighbours with equal prefixes merged, never sorted.
/// `profile` gives the subtitle (its total and losses) and the weights' unit; `roots` are the
/// texts of the frames drawn as roots (threads), in blue.
pub(crate) fn render_chart(
    profile: &Profile,
    lines: &[String],
    roots: &[String],
    config: &SvgConfig,
) -> Result<Vec<u8>, SvgError> {
    if profile.total() == 0 || lines.is_empty() {
        return Err(SvgError::Empty);
    }
    let mut palette_map = PaletteMap::default();
    for root in roots {
        palette_map.insert(root, BLUE);
    }
    let mut opts = options(profile, config, &mut palette_map);
    opts.flame_chart = true;
    let mut out = Vec::new();
    // inferno's flame chart mode reverses its input (FlameGraph's stackcollapse scripts write
    // the newest sample first): reversed here, the first line is drawn leftmost.
    flamegraph::from_lines(&mut opts, lines.iter().rev().map(String::as_str), &mut out)?;
    Ok(finish(out, &opts, config))
}

/// inferno's image width when none is given.
pub const DEFAULT_WIDTH: usize = 1200;

/// Pixels between two lines of the wrapped subtitle (inferno's font is 12 px).
fn line_step(opts: &Options<'_>) -> usize {
    opts.font_size + 4
}

/// How many characters fit on a line across the image, as inferno measures text (each is
/// `font_size × font_width` pixels wide), within the frames' 10 px margins, and 5% narrower:
/// the fonts browsers substitute for inferno's Verdana run wider than its 0.59 em (DejaVu
/// Sans Mono is 0.60 em), and a line that touches the image's edge reads as clipped.
pub fn chars_per_line(image_width: usize, font_size: usize, font_width: f64) -> usize {
    let usable = image_width.saturating_sub(2 * 10) as f64;
    ((usable / (font_size as f64 * font_width * 1.05)).floor() as usize).max(8)
}

/// `text` broken into lines of at most `max` characters: between the report's `; `-separated
/// parts where possible, else between words, else inside a word too long for any line.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    // Pieces that end in "; " or " " (kept with the piece before the break).
    let mut pieces: Vec<&str> = Vec::new();
    for part in text.split_inclusive("; ") {
        let n_chars = part.chars().count();
        if n_chars <= max {
            pieces.push(part);
        } else {
            pieces.extend(part.split_inclusive(' '));
        }
    }
    for piece in pieces {
        let fits = line.chars().count() + piece.trim_end().chars().count() <= max;
        if !fits && !line.is_empty() {
            lines.push(line.trim_end().to_string());
            line.clear();
        }
        let mut rest = piece;
        // A word longer than a line: cut it.
        while rest.trim_end().chars().count() > max {
            let cut = rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i);
            lines.push(rest[..cut].to_string());
            rest = &rest[cut..];
        }
        line.push_str(rest);
    }
    if !line.trim_end().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// What inferno cannot do itself: the subtitle wrapped onto lines no wider than the image (and
/// everything below it moved down by the lines added), tooltips of fractional weights.
fn finish(svg: Vec<u8>, opts: &Options<'_>, config: &SvgConfig) -> Vec<u8> {
    let Ok(mut svg) = String::from_utf8(svg) else {
        return Vec::new();
    };
    svg = wrapped(svg, opts);
    if config.decimals.0 > 0 {
        svg = exact_tooltips(&svg, config.decimals);
    }
    svg.into_bytes()
}

/// The most lines a title is given: a whole script as a title is cut there, with `…`.
const TITLE_LINES: usize = 3;

/// Pixels a wrapped title keeps clear on each side, for inferno's "Reset Zoom" and "Search".
const TITLE_MARGIN: usize = 90;

/// inferno's SVG with its title and subtitle wrapped onto lines no wider than the image (a
/// title on at most [`TITLE_LINES`]), and everything below them moved down.
pub(crate) fn wrapped(mut svg: String, opts: &Options<'_>) -> String {
    let width = opts.image_width.unwrap_or(DEFAULT_WIDTH);
    // inferno draws the title 5 px larger than other text, between "Reset Zoom" on the left
    // and "Search" on the right: it keeps clear of both.
    let title_size = opts.font_size + 5;
    let title_width = width.saturating_sub(2 * TITLE_MARGIN);
    let max = chars_per_line(title_width, title_size, opts.font_width);
    let mut title = wrap(&opts.title, max);
    if title.len() > TITLE_LINES {
        title.truncate(TITLE_LINES);
        let last = &mut title[TITLE_LINES - 1];
        let kept: String = last.chars().take(max.saturating_sub(1)).collect();
        *last = format!("{kept}…");
    }
    let mut down = 0.0;
    if title.len() > 1 {
        let step = title_size + 4;
        if relayout_text(&mut svg, "title", &title, step, 0.0).is_some() {
            down += ((title.len() - 1) * step) as f64;
        }
    }
    if let Some(subtitle) = &opts.subtitle {
        let lines = wrap(
            subtitle,
            chars_per_line(width, opts.font_size, opts.font_width),
        );
        if lines.len() > 1 || down > 0.0 {
            let step = line_step(opts);
            if relayout_text(&mut svg, "subtitle", &lines, step, down).is_some() {
                down += ((lines.len() - 1) * step) as f64;
            }
        }
    }
    if down > 0.0 {
        grow(&mut svg, down);
    }
    svg
}

/// Escapes text for an SVG text node or attribute.
fn xml_escape(text: &str) -> String {
    let mut res = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => res.push_str("&amp;"),
            '<' => res.push_str("&lt;"),
            '>' => res.push_str("&gt;"),
            '"' => res.push_str("&quot;"),
            '\'' => res.push_str("&apos;"),
            c => res.push(c),
        }
    }
    res
}

/// The number in `attr="N"` (the first occurrence at or after `from`) plus `add`, rewritten.
fn shift_attr(svg: &mut String, from: usize, attr: &str, add: f64) {
    let needle = format!(" {attr}=\"");
    let Some(at) = svg[from..].find(&needle) else {
        return;
    };
    let start = from + at + needle.len();
    let Some(len) = svg[start..].find('"') else {
        return;
    };
    let Ok(value) = svg[start..start + len].parse::<f64>() else {
        return;
    };
    let text = if svg[start..start + len].contains('.') {
        format!("{:.2}", value + add)
    } else {
        format!("{}", value + add)
    };
    svg.replace_range(start..start + len, &text);
}

/// The text of inferno's `<text id="ID" …>` replaced by `lines`, as `tspan`s `step` px apart
/// and centred like it, the element moved `down`; `None` when there is no such element.
fn relayout_text(
    svg: &mut String,
    id: &str,
    lines: &[String],
    step: usize,
    down: f64,
) -> Option<()> {
    let start = svg.find(&format!("<text id=\"{id}\""))?;
    let open_end = start + svg[start..].find('>')? + 1;
    let end = open_end + svg[open_end..].find("</text>")? + "</text>".len();
    let mut text = String::new();
    for (idx, line) in lines.iter().enumerate() {
        let dy = if idx == 0 { 0 } else { step };
        text.push_str(&format!(
            "<tspan x=\"50.0000%\" dy=\"{dy}\">{}</tspan>",
            xml_escape(line)
        ));
    }
    text.push_str("</text>");
    svg.replace_range(open_end..end, &text);
    if down > 0.0 {
        shift_attr(svg, start, "y", down);
    }
    Some(())
}

/// The image made `extra` px taller (its size and background), with what lies below the
/// subtitle (the details and matched lines, and the frames: a nested svg placed lower) moved
/// down by as much.
fn grow(svg: &mut String, extra: f64) {
    shift_attr(svg, 0, "height", extra);
    if let Some(at) = svg.find(" viewBox=\"") {
        let start = at + " viewBox=\"".len();
        if let Some(len) = svg[start..].find('"') {
            let mut parts: Vec<String> = svg[start..start + len]
                .split(' ')
                .map(str::to_string)
                .collect();
            if let Some(h) = parts.get(3).and_then(|h| h.parse::<f64>().ok()) {
                parts[3] = format!("{}", h + extra);
            }
            svg.replace_range(start..start + len, &parts.join(" "));
        }
    }
    if let Some(at) = svg.find("fill=\"url(#background)\"") {
        let rect = svg[..at].rfind("<rect").unwrap_or(at);
        shift_attr(svg, rect, "height", extra);
    }
    // Each of these is unique (text in titles is escaped, so never mistaken for one).
    for id in ["details", "matched"] {
        if let Some(at) = svg.find(&format!("<text id=\"{id}\"")) {
            shift_attr(svg, at, "y", extra);
        }
    }
    if let Some(at) = svg.find("<svg id=\"frames\"") {
        let at = at + "<svg id=\"frames\"".len();
        svg.insert_str(at, &format!(" y=\"{extra}\""));
    }
}

/// Every tooltip's weight, which inferno writes as the stored integer ("15 samples"), written
/// as the decimal it stands for ("1.5 samples").
fn exact_tooltips(svg: &str, decimals: Decimals) -> String {
    let mut res = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(at) = rest.find("<title>") {
        let open = at + "<title>".len();
        let Some(close) = rest[open..].find("</title>").map(|i| open + i) else {
            break;
        };
        res.push_str(&rest[..open]);
        let title = &rest[open..close];
        // `{function} ({weight} {count name}, {percent}%)`: the weight follows the last " (".
        let rewritten = title.rfind(" (").and_then(|paren| {
            let from = paren + 2;
            let len = title[from..].find(' ')?;
            let n: u64 = title[from..from + len].replace(',', "").parse().ok()?;
            Some(format!(
                "{}{}{}",
                &title[..from],
                decimals.human(n),
                &title[from + len..]
            ))
        });
        res.push_str(rewritten.as_deref().unwrap_or(title));
        rest = &rest[close..];
    }
    res.push_str(rest);
    res
}

fn options<'a>(
    profile: &Profile,
    config: &SvgConfig,
    palette_map: &'a mut PaletteMap,
) -> Options<'a> {
    let scale = display_scale(profile.unit, &profile.value_name);
    let mut opts = Options::default();
    opts.title = config.title.clone();
    opts.subtitle = Some(subtitle_exact(profile, config.decimals));
    opts.count_name = scale.count_name;
    opts.factor = scale.factor;
    opts.colors = Palette::Multi(MultiPalette::Java);
    opts.palette_map = Some(palette_map);
    opts.deterministic = true;
    opts.min_width = config.min_width;
    opts.image_width = config.width;
    opts.name_type = "Function:".into();
    if config.inverted {
        opts.direction = Direction::Inverted;
    }
    opts
}

/// One node of the merged tree of stacks: a frame under its parent path.
struct Node {
    parent: u32,
    text: u32,
    /// Weight of stacks ending here.
    own: u64,
    /// Weight of every stack through here.
    total: u64,
}

/// How [`tree`] finds a frame's node under its parent.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Merge {
    /// The profile is sorted, so stacks sharing a prefix are neighbours: a stack shares nodes
    /// with the one before it for as long as their frames agree. No table of millions of
    /// (parent, frame) keys. Exact while each text belongs to one frame.
    Neighbours,
    /// Through a (parent, text) table: exact even when unequal frames share a folded text
    /// (a user function named `f_[k]` and a kernel `f`), which sorting does not keep together.
    Hashed,
}

/// The stacks merged into a tree by folded text. Node 0 is the root above every stack; every
/// node comes after its parent.
fn tree(
    profile: &Profile,
    texts: &mut FoldedTexts,
    kinds: &mut Vec<FrameKind>,
    merge: Merge,
) -> Vec<Node> {
    let mut nodes = vec![Node {
        parent: 0,
        text: u32::MAX,
        own: 0,
        total: 0,
    }];
    let mut children: HashMap<(u32, u32), u32, Fast> = HashMap::default();
    // Neighbours: the previous stack's texts and nodes, root first.
    let mut prev_texts: Vec<u32> = Vec::new();
    let mut path: Vec<u32> = Vec::new();
    let mut ids: Vec<u32> = Vec::new();
    for (frames, n) in &profile.stacks {
        if frames.is_empty() || *n == 0 {
            continue;
        }
        texts.stack_ids(frames, &mut ids);
        let mut at = 0u32;
        for (depth, (frame, &text)) in frames.iter().zip(&ids).enumerate() {
            if text as usize == kinds.len() {
                kinds.push(frame.kind);
            } else if is_not_code(frame.kind) {
                // Text shared by frames of several kinds: colored as not code, as before.
                kinds[text as usize] = frame.kind;
            }
            let parent = at;
            at = match merge {
                Merge::Neighbours if prev_texts.get(depth) == Some(&text) => path[depth],
                Merge::Neighbours => {
                    prev_texts.truncate(depth);
                    path.truncate(depth);
                    prev_texts.push(text);
                    nodes.push(Node {
                        parent,
                        text,
                        own: 0,
                        total: 0,
                    });
                    path.push(nodes.len() as u32 - 1);
                    nodes.len() as u32 - 1
                }
                Merge::Hashed => {
                    let next = nodes.len() as u32;
                    let at = *children.entry((parent, text)).or_insert(next);
                    if at == next {
                        nodes.push(Node {
                            parent,
                            text,
                            own: 0,
                            total: 0,
                        });
                    }
                    at
                }
            };
        }
        if merge == Merge::Neighbours {
            // The next stack shares at most this one's frames.
            prev_texts.truncate(frames.len());
            path.truncate(frames.len());
        }
        nodes[at as usize].own += n;
    }
    nodes
}

/// The folded lines inferno needs to draw exactly what it would draw from all the stacks, and
/// every frame text with the kind it is colored as.
///
/// inferno drops every frame narrower than `min_width` percent of the total and, with it, all
/// that stands on it; yet it first parses and merges every line, millions of frames for
/// 100 000 stacks. So the stacks are merged into a tree here, by frame ids (no text is
/// formatted twice), and the tree is cut below each frame inferno would drop: that frame's line
/// carries its subtree's whole weight, so every frame inferno draws keeps its width and its
/// place. inferno sorts the lines by text and puts a frame's own weight before its children:
/// a cut frame sorts like the full lines it stands for, except against a sibling whose name
/// extends its own with a character below `;` (`f` and `f x`), where the two may swap; the
/// cut one is too narrow to see, so a visible neighbour moves by less than `min_width`.
fn drawable_lines(profile: &Profile, min_width: f64) -> (Vec<String>, Vec<String>, Vec<FrameKind>) {
    let mut texts = FoldedTexts::default();
    let mut kinds: Vec<FrameKind> = Vec::new();
    // `Profile` promises sorted stacks, but its fields are public: check rather than trust,
    // since merging by neighbours on unsorted stacks would split frames and mis-cut them.
    let sorted = profile.stacks.is_sorted_by(|a, b| a.0 <= b.0);
    let merge = if sorted {
        Merge::Neighbours
    } else {
        Merge::Hashed
    };
    let mut nodes = tree(profile, &mut texts, &mut kinds, merge);
    if merge == Merge::Neighbours && texts.aliased {
        nodes = tree(profile, &mut texts, &mut kinds, Merge::Hashed);
    }
    // Every child was created after its parent: one backward pass sums the subtrees.
    for idx in (0..nodes.len()).rev() {
        nodes[idx].total += nodes[idx].own;
        if idx > 0 {
            let (total, parent) = (nodes[idx].total, nodes[idx].parent as usize);
            nodes[parent].total += total;
        }
    }
    // inferno's own test, the same floating-point operations, so both agree on every frame.
    let widthpertime_pct = 100.0 / nodes[0].total as f64;
    let minwidth_time = min_width / widthpertime_pct;
    let visible = |node: &Node| node.total as f64 >= minwidth_time;

    // A node is reached when inferno keeps its parent: the root always, else a reached,
    // visible node. Parents come before their children, so one forward pass decides.
    let mut reached = vec![false; nodes.len()];
    reached[0] = true;
    let mut lines = Vec::new();
    for idx in 1..nodes.len() {
        let node = &nodes[idx];
        let parent = node.parent as usize;
        let parent_kept = reached[parent] && (parent == 0 || visible(&nodes[parent]));
        if !parent_kept {
            continue;
        }
        reached[idx] = true;
        let weight = if visible(node) { node.own } else { node.total };
        if weight == 0 {
            continue;
        }
        let mut path = vec![node.text];
        let mut up = node.parent;
        while up != 0 {
            path.push(nodes[up as usize].text);
            up = nodes[up as usize].parent;
        }
        let mut line = String::new();
        for (i, text) in path.iter().rev().enumerate() {
            if i > 0 {
                line.push(';');
            }
            line.push_str(&texts.texts[*text as usize]);
        }
        line.push_str(&format!(" {weight}"));
        lines.push(line);
    }
    (lines, texts.texts, kinds)
}

/// Frames that are not functions get pinned colors, so they never pass for code.
fn is_not_code(kind: FrameKind) -> bool {
    matches!(
        kind,
        FrameKind::Unknown | FrameKind::Marker | FrameKind::Root
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::Frame;
    use crate::losses::LossReport;

    /// What `render` drew before it cut the tree: every stack's full line, straight to inferno.
    fn render_every_line(profile: &Profile, config: &SvgConfig) -> Vec<u8> {
        let mut palette_map = PaletteMap::default();
        for frame in profile.stacks.iter().flat_map(|(frames, _)| frames) {
            if is_not_code(frame.kind) {
                let color = match frame.kind {
                    FrameKind::Unknown => GREY,
                    FrameKind::Marker => PURPLE,
                    _ => BLUE,
                };
                palette_map.insert(frame.folded_name(), color);
            }
        }
        let lines: Vec<String> = profile
            .stacks
            .iter()
            .filter(|(frames, n)| !frames.is_empty() && *n > 0)
            .map(|(frames, n)| {
                let path: Vec<_> = frames.iter().map(Frame::folded_name).collect();
                format!("{} {n}", path.join(";"))
            })
            .collect();
        let mut opts = options(profile, config, &mut palette_map);
        let mut out = Vec::new();
        flamegraph::from_lines(&mut opts, lines.iter().map(String::as_str), &mut out).unwrap();
        finish(out, &opts, config)
    }

    /// A tree of fan-out 3, five levels deep, weights spread over four orders of magnitude, so
    /// that the 0.1% cut falls at several depths; plus kernel, inlined, unknown and marker
    /// frames, a stack that is a prefix of others, and a zero-weight stack.
    fn wide_profile() -> Profile {
        let mut stacks = Vec::new();
        let mut seed = 7u64;
        for path in 0..243u32 {
            let mut frames = vec![Frame::new("main", FrameKind::Root)];
            let mut rest = path;
            for depth in 0..5 {
                frames.push(Frame::new(
                    format!("f{depth}_{}", rest % 3),
                    FrameKind::User,
                ));
                rest /= 3;
            }
            frames.push(Frame::new("leaf_inl", FrameKind::Inlined));
            frames.push(Frame::new("do_syscall_64", FrameKind::Kernel));
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let weight = 1 + (seed >> 33) % 10_000 / (1 + u64::from(path % 7) * 300);
            stacks.push((frames, weight));
        }
        let f = |name: &str, kind| Frame::new(name, kind);
        stacks.push((vec![f("main", FrameKind::Root)], 50));
        stacks.push((
            vec![
                f("main", FrameKind::Root),
                f("[unknown] (x+0x1)", FrameKind::Unknown),
            ],
            3,
        ));
        stacks.push((
            vec![
                f("main", FrameKind::Root),
                f("[truncated]", FrameKind::Marker),
            ],
            1,
        ));
        stacks.push((vec![f("idle", FrameKind::User)], 0));
        Profile::from_stacks(stacks, Unit::Plain, "samples", LossReport::default())
    }

    #[test]
    fn cutting_the_tree_draws_the_same_svg_as_every_line() {
        let profile = wide_profile();
        let config = SvgConfig::new("t");
        let (lines, _, _) = drawable_lines(&profile, config.min_width);
        assert!(
            lines.len() < profile.stacks.len() * 2 / 3,
            "the cut must remove lines for this test to mean anything: {} of {}",
            lines.len(),
            profile.stacks.len()
        );
        let cut = String::from_utf8(render(&profile, &config).unwrap()).unwrap();
        let full = String::from_utf8(render_every_line(&profile, &config)).unwrap();
        assert!(cut == full, "the SVGs differ:\n{cut}\n---\n{full}");
        // Two unequal frames with one folded text (a user `f_[k]`, a kernel `f`), kept apart
        // by the sort (`fA` sorts between them), each with a child `x`: each half is too
        // narrow to draw, together they are not, and inferno draws one `f` with one `x`.
        let f = |name: &str, kind| Frame::new(name, kind);
        let mut stacks = profile.stacks.clone();
        for (name, kind, leaf) in [
            ("f", FrameKind::Kernel, "x"),
            ("fA", FrameKind::User, "z"),
            ("f_[k]", FrameKind::User, "x"),
        ] {
            let frames = vec![
                f("main", FrameKind::Root),
                f(name, kind),
                f(leaf, FrameKind::User),
            ];
            stacks.push((frames, profile.total() / 1500));
        }
        let aliased = Profile::from_stacks(stacks, Unit::Plain, "samples", LossReport::default());
        let cut = String::from_utf8(render(&aliased, &config).unwrap()).unwrap();
        let full = String::from_utf8(render_every_line(&aliased, &config)).unwrap();
        assert!(
            cut.contains(">x (") && cut == full,
            "the SVGs differ:\n{cut}\n---\n{full}"
        );

        // Stacks out of order (the fields are public) are merged by table, not by neighbour.
        let mut unsorted = profile.clone();
        unsorted.stacks.sort_by_key(|(_, n)| *n);
        let cut = String::from_utf8(render(&unsorted, &config).unwrap()).unwrap();
        let full = String::from_utf8(render_every_line(&profile, &config)).unwrap();
        assert!(cut == full, "the SVGs differ:\n{cut}\n---\n{full}");

        // And with no cut at all, every stack is a line of its own.
        let (all, _, _) = drawable_lines(&profile, 0.0);
        assert_eq!(
            all.len(),
            profile.stacks.len() - 1,
            "the zero-weight stack is not drawn"
        );
    }

    /// A loss report as long as a real run's: every kind of loss at once.
    fn long_losses() -> LossReport {
        let mut losses = LossReport {
            events_seen: Some(1_234_567),
            events_kept: Some(1_200_000),
            collisions: 12,
            truncated_stacks: 3_456,
            unwind: Some("auto: frame pointers, then .eh_frame over 1024 copied bytes".into()),
            offcpu: Some("switch-in (sched_exit_tp)".into()),
            resolved_frames: 99_000,
            unresolved_frames: 1_000,
            unresolved_weight: 500,
            total_weight: 10_000,
            map_full: 77,
            ..Default::default()
        };
        losses.add_stack_error(-14, 40);
        losses.add_unrooted("no frame pointer at __libc_start_call_main", 6_000);
        losses
    }

    /// The lines of the subtitle as drawn: each `tspan`'s text, or the element's own.
    fn subtitle_lines(svg: &str) -> Vec<String> {
        let start = svg.find("<text id=\"subtitle\"").expect("a subtitle");
        let end = start + svg[start..].find("</text>").unwrap();
        let element = &svg[start..end];
        let unescape = |t: &str| {
            t.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
        };
        if !element.contains("<tspan") {
            return vec![unescape(&element[element.find('>').unwrap() + 1..])];
        }
        element
            .split("<tspan")
            .skip(1)
            .map(|t| unescape(&t[t.find('>').unwrap() + 1..t.find("</tspan>").unwrap()]))
            .collect()
    }

    fn y_of(svg: &str, marker: &str) -> f64 {
        let at = svg.find(marker).expect(marker);
        let rest = &svg[at..];
        let y = &rest[rest.find(" y=\"").unwrap() + 4..];
        y[..y.find('"').unwrap()].parse().unwrap()
    }

    fn well_formed(svg: &str) {
        let mut reader = quick_xml::Reader::from_str(svg);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("not well-formed XML at {}: {e}", reader.buffer_position()),
            }
        }
    }

    // See: #20
    #[test]
    fn issue_20_a_long_subtitle_wraps_onto_lines_no_wider_than_the_image() {
        let mut profile = wide_profile();
        profile.losses = long_losses();
        let whole = subtitle(&profile);
        for width in [1200, 600] {
            let mut config = SvgConfig::new("t");
            config.width = Some(width);
            let svg = String::from_utf8(render(&profile, &config).unwrap()).unwrap();
            well_formed(&svg);
            let lines = subtitle_lines(&svg);
            let char_px = 12.0 * 0.59;
            assert!(
                whole.chars().count() as f64 * char_px > width as f64,
                "the test needs a subtitle wider than the image: {whole}"
            );
            assert!(lines.len() >= 2, "{lines:?}");
            for line in &lines {
                let px = line.chars().count() as f64 * char_px;
                assert!(px <= (width - 20) as f64, "{px} px wide at {width}: {line}");
            }
            // Every word is there, in order: the lines put back together are the subtitle.
            let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>();
            assert_eq!(words(&lines.join(" ")), words(&whole));
            assert!(lines[0].starts_with("total "), "{lines:?}");
            // The image grew by the lines added, and the frames moved down with them.
            let one_line = {
                let mut short = profile.clone();
                short.losses = LossReport::default();
                String::from_utf8(render(&short, &config).unwrap()).unwrap()
            };
            let extra = ((lines.len() - 1) * 16) as f64;
            let height = |svg: &str| {
                let h = &svg[svg.find(" height=\"").unwrap() + 9..];
                h[..h.find('"').unwrap()].parse::<f64>().unwrap()
            };
            assert_eq!(height(&svg), height(&one_line) + extra);
            assert_eq!(y_of(&svg, "<svg id=\"frames\""), extra);
            assert_eq!(
                y_of(&svg, "<text id=\"details\""),
                y_of(&one_line, "<text id=\"details\"") + extra
            );
            assert!(svg.contains(&format!("viewBox=\"0 0 {width} {}\"", height(&svg))));
        }
    }

    #[test]
    fn wrap_breaks_between_parts_then_words_then_inside_words() {
        assert_eq!(wrap("total 5 ms; ok", 80), vec!["total 5 ms; ok"]);
        assert_eq!(
            wrap("total 5 ms; events: 1 seen; lost", 19),
            vec!["total 5 ms;", "events: 1 seen;", "lost"]
        );
        assert_eq!(wrap("aaaa bbbb cccc", 9), vec!["aaaa bbbb", "cccc"]);
        assert_eq!(wrap("abcdefghijkl", 5), vec!["abcde", "fghij", "kl"]);
    }

    // See: #20
    #[test]
    fn issue_20_inverted_puts_roots_on_top_and_width_sets_the_image() {
        let profile = wide_profile();
        let mut config = SvgConfig::new("t");
        config.width = Some(800);
        let flame = String::from_utf8(render(&profile, &config).unwrap()).unwrap();
        config.inverted = true;
        let icicle = String::from_utf8(render(&profile, &config).unwrap()).unwrap();
        well_formed(&icicle);
        assert!(icicle.contains("width=\"800\"") && icicle.contains("var inverted = true"));
        assert!(flame.contains("var inverted = false"));
        // The root frame (`all`) is the lowest rect of a flame graph, the highest of an icicle.
        let root_y = |svg: &str| y_of(svg, "<title>all (");
        let leaf_y = |svg: &str| y_of(svg, "<title>do_syscall_64 (");
        assert!(root_y(&flame) > leaf_y(&flame));
        assert!(root_y(&icicle) < leaf_y(&icicle));
    }

    // See: #20
    #[test]
    fn issue_20_fractional_weights_show_exactly_in_tooltips_and_subtitle() {
        let f = |name: &str| Frame::new(name, FrameKind::User);
        // 1.5 and 0.25 samples, stored in hundredths.
        let profile = Profile::from_stacks(
            vec![
                (vec![f("main"), f("foo")], 150),
                (vec![f("main"), f("bar")], 25),
            ],
            Unit::Plain,
            "samples",
            LossReport::default(),
        );
        let mut config = SvgConfig::new("t");
        config.decimals = Decimals(2);
        let svg = String::from_utf8(render(&profile, &config).unwrap()).unwrap();
        assert!(svg.contains("<title>foo (1.5 samples,"), "{svg}");
        assert!(svg.contains("<title>bar (0.25 samples,"), "{svg}");
        assert!(svg.contains("<title>all (1.75 samples, 100%)"), "{svg}");
        assert!(subtitle_lines(&svg)[0].starts_with("total 1.75 samples;"));
    }

    /// The lines of the element `<text id="ID">` as drawn.
    fn text_lines(svg: &str, id: &str) -> Vec<String> {
        let start = svg.find(&format!("<text id=\"{id}\"")).expect(id);
        let end = start + svg[start..].find("</text>").unwrap();
        svg[start..end]
            .split("<tspan")
            .skip(1)
            .map(|t| t[t.find('>').unwrap() + 1..t.find("</tspan>").unwrap()].to_string())
            .collect()
    }

    // See: #20
    #[test]
    fn issue_20_a_long_title_wraps_on_three_lines_at_most_and_pushes_the_rest_down() {
        let profile = wide_profile();
        let script =
            "// CPU. Waits shorter than 1 ms keep their time but not their stacks. ".repeat(8);
        let svg = String::from_utf8(render(&profile, &SvgConfig::new(&script)).unwrap()).unwrap();
        well_formed(&svg);
        let title = text_lines(&svg, "title");
        assert_eq!(title.len(), TITLE_LINES, "{title:?}");
        assert!(title[2].ends_with('…'), "{title:?}");
        for line in &title {
            let px = line.chars().count() as f64 * 17.0 * 0.59;
            assert!(px <= (1200 - 2 * TITLE_MARGIN) as f64, "{px} px: {line}");
        }
        // The subtitle and the frames moved down by the two lines added to the title.
        let short = String::from_utf8(render(&profile, &SvgConfig::new("t")).unwrap()).unwrap();
        let extra = 2.0 * 21.0;
        assert_eq!(
            y_of(&svg, "<text id=\"subtitle\""),
            y_of(&short, "<text id=\"subtitle\"") + extra
        );
        assert_eq!(y_of(&svg, "<svg id=\"frames\""), extra);
        // A title that fits stays as inferno drew it.
        assert!(!short.contains("<tspan"));
    }
}
