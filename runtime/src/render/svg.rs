//! Flame graph SVG through inferno. We own only our parts: title (the script), subtitle (the
//! total and the loss report line), the count name and scale (the metric's unit), and colors by
//! frame kind. Drawing is inferno's job, and tests do not golden whole SVGs.
//!
//! Colors: inferno's `java` palette already colors FlameGraph's annotations, `_[k]` orange for
//! kernel frames and `_[i]` aqua for inlined ones (and strips the suffix from the label); other
//! user frames get its yellow (C++/Rust `::`) or red (C). Frames that are not functions are
//! pinned through a palette map so they never pass for code: `[unknown]` grey, markers
//! (`[truncated]`, `[lost: …]`) purple, root frames (comm, pid) blue.

use std::collections::HashMap;

use compiler::types::Unit;
use inferno::flamegraph::color::{Color, MultiPalette, PaletteMap};
use inferno::flamegraph::{self, Options, Palette};

use crate::fold::{FoldedTexts, FrameKind, Profile};
use crate::hash::Fast;
use crate::units::{display_scale, format_value};

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
}

impl SvgConfig {
    pub fn new(title: impl Into<String>) -> SvgConfig {
        SvgConfig {
            title: title.into(),
            width: None,
            min_width: 0.1,
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
    let total = format_value(profile.total(), profile.unit);
    let total = match profile.unit {
        Unit::Plain => format!("{total} {}", profile.value_name),
        Unit::Time { .. } | Unit::Bytes { .. } => total,
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
    Ok(out)
}

fn options<'a>(
    profile: &Profile,
    config: &SvgConfig,
    palette_map: &'a mut PaletteMap,
) -> Options<'a> {
    let scale = display_scale(profile.unit, &profile.value_name);
    let mut opts = Options::default();
    opts.title = config.title.clone();
    opts.subtitle = Some(subtitle(profile));
    opts.count_name = scale.count_name;
    opts.factor = scale.factor;
    opts.colors = Palette::Multi(MultiPalette::Java);
    opts.palette_map = Some(palette_map);
    opts.deterministic = true;
    opts.min_width = config.min_width;
    opts.image_width = config.width;
    opts.name_type = "Function:".into();
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
        out
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
}
