//! Folded stacks, Brendan Gregg's text format: one `root;a;b 42` line per distinct stack.
//!
//! The writer sorts lines by text, so the same profile always gives the same bytes (goldens,
//! diffs). The parser reads any folded file (ours, FlameGraph's, bpftrace's via stackcollapse)
//! back into a profile for `flamescript render` and `diff`. Frame kinds survive the round trip
//! through the `_[k]`/`_[i]` suffixes and the `[…]` markers; the root kind does not (a folded
//! line does not say which frames were key parts), so roots come back as user frames.
//!
//! Fractional counts (`main;foo 1.5`, which FlameGraph accepts) are kept exactly: [`parse_exact`]
//! stores them as integers in the finest decimal place any line uses, and says which
//! ([`Decimals`]); [`write_exact`] writes them back as they were.

use std::collections::HashMap;
use std::fmt::Write;

use compiler::types::Unit;

use crate::fold::{FoldedTexts, Frame, FrameKind, Profile};
use crate::hash::Fast;
use crate::losses::LossReport;
use crate::units::Decimals;

/// The profile as folded text, lines sorted, each ending in `\n`.
pub fn write(profile: &Profile) -> String {
    write_exact(profile, Decimals::default())
}

/// [`write`] of a profile whose weights carry `decimals` places: 15 with one place is `1.5`.
pub fn write_exact(profile: &Profile, decimals: Decimals) -> String {
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
        let _ = match decimals {
            Decimals(0) => write!(buf, " {n}"),
            _ => write!(buf, " {}", decimals.plain(*n)),
        };
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
    #[error("line {line}: the count `{text}` is too large (or has more than 9 decimal places)")]
    TooLarge { line: usize, text: String },
}

/// Reads folded text. Blank lines are skipped; repeated stacks add up. The unit is unknown to
/// folded text, so the profile is plain ("samples") unless the caller says otherwise.
/// Fractional counts are rounded to whole ones; [`parse_exact`] keeps them.
pub fn parse(text: &str) -> Result<Profile, ParseError> {
    let (mut profile, decimals) = parse_exact(text)?;
    if decimals.0 == 0 {
        return Ok(profile);
    }
    // Round half up, from the exact stored value.
    let d = decimals.divisor();
    let stacks: Vec<_> = std::mem::take(&mut profile.stacks)
        .into_iter()
        .map(|(frames, n)| (frames, n / d + u64::from(n % d >= d.div_ceil(2))))
        .collect();
    let losses = losses_of(&stacks);
    Ok(Profile::from_stacks(
        stacks,
        profile.unit,
        profile.value_name,
        losses,
    ))
}

/// A count as written: its digits before and after the point.
fn split_count(count: &str) -> Option<(&str, &str)> {
    let (int, frac) = count.split_once('.').unwrap_or((count, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let ok = digits(int) && digits(frac) && !(int.is_empty() && frac.is_empty());
    ok.then_some((int, frac))
}

/// Reads folded text keeping fractional counts exactly: the weights are integers in the finest
/// decimal place any count uses (`1.5` and `2.25` → 150 and 225, two places). Counts with more
/// than [`Decimals::MAX`] places are refused rather than rounded.
pub fn parse_exact(text: &str) -> Result<(Profile, Decimals), ParseError> {
    let mut lines: Vec<(Vec<Frame>, &str, &str, usize)> = Vec::new();
    let mut places = 0u32;
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
        // FlameGraph accepts fractional counts: kept exactly, in the finest place used.
        let (int, frac) = split_count(count).ok_or_else(malformed)?;
        let frac = frac.trim_end_matches('0');
        if frac.len() > Decimals::MAX as usize {
            return Err(ParseError::TooLarge {
                line: idx + 1,
                text: count.to_string(),
            });
        }
        places = places.max(frac.len() as u32);
        let frames: Vec<Frame> = path
            .split(';')
            .map(|text| {
                seen.entry(text)
                    .or_insert_with(|| parse_frame(text))
                    .clone()
            })
            .collect();
        lines.push((frames, int, frac, idx + 1));
    }
    let decimals = Decimals(places);
    let mut stacks = Vec::with_capacity(lines.len());
    for (frames, int, frac, line) in lines {
        let too_large = || ParseError::TooLarge {
            line,
            text: format!("{int}.{frac}"),
        };
        let whole: u64 = match int {
            "" => 0,
            int => int.parse().map_err(|_| too_large())?,
        };
        let part: u64 = match frac {
            "" => 0,
            frac => frac.parse::<u64>().map_err(|_| too_large())?,
        };
        let part = part * 10u64.pow(places - frac.len() as u32);
        let n = whole
            .checked_mul(decimals.divisor())
            .and_then(|w| w.checked_add(part))
            .ok_or_else(too_large)?;
        stacks.push((frames, n));
    }
    let losses = losses_of(&stacks);
    let profile = Profile::from_stacks(stacks, Unit::Plain, "samples", losses);
    Ok((profile, decimals))
}

/// What a folded file says of its losses: only its unresolved frames.
fn losses_of(stacks: &[(Vec<Frame>, u64)]) -> LossReport {
    let mut losses = LossReport::default();
    for (frames, n) in stacks {
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
    losses
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
