//! Folded stacks, Brendan Gregg's text format: one `root;a;b 42` line per distinct stack.
//!
//! The writer sorts lines by text, so the same profile always gives the same bytes (goldens,
//! diffs). The parser reads any folded file (ours, FlameGraph's, bpftrace's via stackcollapse)
//! back into a profile for `flamescript render` and `diff`. Frame kinds survive the round trip
//! through the `_[k]`/`_[i]` suffixes and the `[…]` markers; the root kind does not (a folded
//! line does not say which frames were key parts), so roots come back as user frames.

use std::collections::HashMap;
use std::fmt::Write;

use compiler::types::Unit;

use crate::fold::{FoldedTexts, Frame, FrameKind, Profile};
use crate::hash::Fast;
use crate::losses::LossReport;

/// The profile as folded text, lines sorted, each ending in `\n`.
pub fn write(profile: &Profile) -> String {
    // Each distinct frame's text is made once; the lines are built in one buffer (no String per
    // line) and sorted as slices of it.
    let mut texts = FoldedTexts::default();
    let mut buf = String::new();
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(profile.stacks.len());
    let mut ids: Vec<u32> = Vec::new();
    for (frames, n) in &profile.stacks {
        if frames.is_empty() {
            continue;
        }
        let start = buf.len();
        texts.stack_ids(frames, &mut ids);
        for (idx, id) in ids.iter().enumerate() {
            if idx > 0 {
                buf.push(';');
            }
            buf.push_str(&texts.texts[*id as usize]);
        }
        // Writing to a String cannot fail.
        let _ = write!(buf, " {n}");
        spans.push((start, buf.len()));
    }
    let line = |(start, end): &(usize, usize)| &buf[*start..*end];
    // The profile's order is often the text's order already; checking costs one pass.
    if !spans.is_sorted_by(|a, b| line(a) <= line(b)) {
        spans.sort_unstable_by(|a, b| line(a).cmp(line(b)));
    }
    let mut res = String::with_capacity(buf.len() + spans.len());
    for span in &spans {
        res.push_str(line(span));
        res.push('\n');
    }
    res
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("line {line}: expected `frame;frame;… COUNT`, found `{text}`")]
    Malformed { line: usize, text: String },
}

/// Reads folded text. Blank lines are skipped; repeated stacks add up. The unit is unknown to
/// folded text, so the profile is plain ("samples") unless the caller says otherwise.
pub fn parse(text: &str) -> Result<Profile, ParseError> {
    let mut stacks = Vec::new();
    // Each distinct frame text is parsed once and its name shared by every stack holding it.
    let mut seen: HashMap<&str, Frame, Fast> = HashMap::default();
    for (idx, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        if line.is_empty() {
            continue;
        }
        let malformed = || ParseError::Malformed {
            line: idx + 1,
            text: line.to_string(),
        };
        let (path, count) = line.rsplit_once(' ').ok_or_else(malformed)?;
        // FlameGraph accepts fractional counts; they are rounded, as its own tools do.
        let n = match count.parse::<u64>() {
            Ok(n) => n,
            Err(_) => match count.parse::<f64>() {
                Ok(x) if x >= 0.0 && x.is_finite() => x.round() as u64,
                _ => return Err(malformed()),
            },
        };
        let frames: Vec<Frame> = path
            .split(';')
            .map(|text| {
                seen.entry(text)
                    .or_insert_with(|| parse_frame(text))
                    .clone()
            })
            .collect();
        stacks.push((frames, n));
    }
    let mut losses = LossReport::default();
    for (frames, n) in &stacks {
        let n_unknown = frames
            .iter()
            .filter(|f| f.kind == FrameKind::Unknown)
            .count() as u64;
        losses.unresolved_frames += n_unknown;
        losses.unresolved_weight += if n_unknown > 0 { *n } else { 0 };
        losses.total_weight += n;
    }
    // A folded file has frames and counts, not what was lost while recording them.
    losses.from_input = Some(if losses.unresolved_frames > 0 {
        format!(
            "losses not recorded in the folded input; unresolved: {} frames, {:.1}% of weight",
            crate::units::thousands(losses.unresolved_frames),
            100.0 * losses.unresolved_share()
        )
    } else {
        "losses not recorded in the folded input".to_string()
    });
    Ok(Profile::from_stacks(stacks, Unit::Plain, "samples", losses))
}

fn parse_frame(text: &str) -> Frame {
    if let Some(name) = text.strip_suffix("_[k]") {
        return Frame::new(name, FrameKind::Kernel);
    }
    if let Some(name) = text.strip_suffix("_[i]") {
        return Frame::new(name, FrameKind::Inlined);
    }
    if text.starts_with("[unknown]") {
        return Frame::new(text, FrameKind::Unknown);
    }
    if text.starts_with('[') && text.ends_with(']') {
        return Frame::new(text, FrameKind::Marker);
    }
    Frame::new(text, FrameKind::User)
}
