//! Flame graph SVG through inferno. We own only our parts: title (the script), subtitle (the
//! total and the loss report line), the count name and scale (the metric's unit), and colors by
//! frame kind. Drawing is inferno's job, and tests do not golden whole SVGs.
//!
//! Colors: inferno's `java` palette already colors FlameGraph's annotations, `_[k]` orange for
//! kernel frames and `_[i]` aqua for inlined ones (and strips the suffix from the label); other
//! user frames get its yellow (C++/Rust `::`) or red (C). Frames that are not functions are
//! pinned through a palette map so they never pass for code: `[unknown]` grey, markers
//! (`[truncated]`, `[lost: …]`) purple, root frames (comm, pid) blue.

use compiler::types::Unit;
use inferno::flamegraph::color::{Color, MultiPalette, PaletteMap};
use inferno::flamegraph::{self, Options, Palette};

use crate::fold::{Frame, FrameKind, Profile};
use crate::units::{display_scale, format_value};

/// What the caller decides about a flame graph.
#[derive(Clone, Debug)]
pub struct SvgConfig {
    /// The graph's title: the script's text.
    pub title: String,
    /// Image width in pixels; `None` for inferno's default (1200).
    pub width: Option<usize>,
    /// Frames narrower than this many pixels are not drawn, which keeps huge profiles quick to
    /// render and to open; 0.1 px is FlameGraph's default.
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
    let mut palette_map = PaletteMap::default();
    for frame in profile.stacks.iter().flat_map(|(frames, _)| frames) {
        let color = match frame.kind {
            FrameKind::Unknown => GREY,
            FrameKind::Marker => PURPLE,
            FrameKind::Root => BLUE,
            FrameKind::User | FrameKind::Kernel | FrameKind::Inlined => continue,
        };
        palette_map.insert(frame.folded_name(), color);
    }
    let scale = display_scale(profile.unit, &profile.value_name);
    let mut opts = Options::default();
    opts.title = config.title.clone();
    opts.subtitle = Some(subtitle(profile));
    opts.count_name = scale.count_name;
    opts.factor = scale.factor;
    opts.colors = Palette::Multi(MultiPalette::Java);
    opts.palette_map = Some(&mut palette_map);
    opts.deterministic = true;
    opts.min_width = config.min_width;
    opts.image_width = config.width;
    opts.name_type = "Function:".into();

    let lines = folded_lines(profile);
    let mut out = Vec::new();
    flamegraph::from_lines(&mut opts, lines.iter().map(String::as_str), &mut out)?;
    Ok(out)
}

fn folded_lines(profile: &Profile) -> Vec<String> {
    profile
        .stacks
        .iter()
        .filter(|(frames, n)| !frames.is_empty() && *n > 0)
        .map(|(frames, n)| {
            let path: Vec<_> = frames.iter().map(Frame::folded_name).collect();
            format!("{} {n}", path.join(";"))
        })
        .collect()
}
