//! pprof's protobuf profile (gzip-compressed), for `go tool pprof`, Pyroscope and Parca.
//!
//! The message structs are written by hand with prost's derive (no protoc, no build script),
//! following `perftools.profiles` (profile.proto) field by field; only the fields we fill or
//! test are declared, and protobuf readers skip the rest. Values are written in the metric's
//! base unit (`nanoseconds`, `bytes`, `count`) so tools scale them themselves. A function with
//! frames inlined into it becomes one location with several lines, innermost first, as pprof
//! expects. The loss report travels in the profile's comments. Only the mappings some location
//! uses are listed, user space first (pprof heads its report with the first one).
//!
//! pprof's values are integers: fractional weights (folded input, [`Decimals`]) are written
//! exactly as counts of a fraction, the unit saying which (`count/10`: tenths), and read back.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use compiler::types::Unit;
use flate2::Compression;
use flate2::write::GzEncoder;

use crate::fold::{Frame, FrameKind, Profile};
use crate::hash::Fast;
use crate::render::svg::subtitle_exact;
use crate::units::Decimals;

/// perftools.profiles.Profile.
#[derive(Clone, PartialEq, prost::Message)]
pub struct PbProfile {
    #[prost(message, repeated, tag = "1")]
    pub sample_type: Vec<PbValueType>,
    #[prost(message, repeated, tag = "2")]
    pub sample: Vec<PbSample>,
    #[prost(message, repeated, tag = "3")]
    pub mapping: Vec<PbMapping>,
    #[prost(message, repeated, tag = "4")]
    pub location: Vec<PbLocation>,
    #[prost(message, repeated, tag = "5")]
    pub function: Vec<PbFunction>,
    /// Index 0 must be "".
    #[prost(string, repeated, tag = "6")]
    pub string_table: Vec<String>,
    #[prost(int64, tag = "9")]
    pub time_nanos: i64,
    #[prost(int64, tag = "10")]
    pub duration_nanos: i64,
    /// String table indices.
    #[prost(int64, repeated, tag = "13")]
    pub comment: Vec<i64>,
}

#[derive(Clone, PartialEq, prost::Message)]
pub struct PbValueType {
    #[prost(int64, tag = "1")]
    pub r#type: i64,
    #[prost(int64, tag = "2")]
    pub unit: i64,
}

#[derive(Clone, PartialEq, prost::Message)]
pub struct PbSample {
    /// Leaf first.
    #[prost(uint64, repeated, tag = "1")]
    pub location_id: Vec<u64>,
    #[prost(int64, repeated, tag = "2")]
    pub value: Vec<i64>,
}

#[derive(Clone, PartialEq, prost::Message)]
pub struct PbMapping {
    #[prost(uint64, tag = "1")]
    pub id: u64,
    #[prost(int64, tag = "5")]
    pub filename: i64,
    #[prost(bool, tag = "7")]
    pub has_functions: bool,
    #[prost(bool, tag = "10")]
    pub has_inline_frames: bool,
}

#[derive(Clone, PartialEq, prost::Message)]
pub struct PbLocation {
    #[prost(uint64, tag = "1")]
    pub id: u64,
    /// 0: no mapping (root frames and markers).
    #[prost(uint64, tag = "2")]
    pub mapping_id: u64,
    /// Innermost (inlined) function first, the function it was inlined into last.
    #[prost(message, repeated, tag = "4")]
    pub line: Vec<PbLine>,
}

#[derive(Clone, PartialEq, prost::Message)]
pub struct PbLine {
    #[prost(uint64, tag = "1")]
    pub function_id: u64,
}

#[derive(Clone, PartialEq, prost::Message)]
pub struct PbFunction {
    #[prost(uint64, tag = "1")]
    pub id: u64,
    #[prost(int64, tag = "2")]
    pub name: i64,
    #[prost(int64, tag = "3")]
    pub system_name: i64,
}

/// What the caller knows that the profile does not.
#[derive(Clone, Debug, Default)]
pub struct PprofConfig {
    /// The sample type's name ("cpu", "off-cpu"); `None` uses the profile's value name.
    pub sample_type: Option<String>,
    /// The script, carried as the first comment.
    pub title: String,
    /// Wall-clock start of the run (ns since the epoch) and its length, when known.
    pub time_nanos: i64,
    pub duration_nanos: i64,
    /// Decimal places of the profile's plain weights (fractional folded input).
    pub decimals: Decimals,
}

/// The metric's pprof unit and the factor from the profile's unit to it.
fn base_unit(unit: Unit) -> (&'static str, u64) {
    match unit {
        Unit::Plain => ("count", 1),
        Unit::Time { scale } => ("nanoseconds", scale),
        Unit::Bytes { scale } => ("bytes", scale),
    }
}

/// Interns strings; index 0 is "" as the format requires.
struct Strings {
    table: Vec<String>,
    index: HashMap<String, i64>,
}

impl Strings {
    fn new() -> Strings {
        Strings {
            table: vec![String::new()],
            index: HashMap::from([(String::new(), 0)]),
        }
    }

    fn id(&mut self, s: &str) -> i64 {
        if let Some(&id) = self.index.get(s) {
            return id;
        }
        let id = self.table.len() as i64;
        self.table.push(s.to_string());
        self.index.insert(s.to_string(), id);
        id
    }
}

const KERNEL_MAPPING: u64 = 1;
const USER_MAPPING: u64 = 2;

/// The profile as a pprof message (not yet encoded).
pub fn to_message(profile: &Profile, config: &PprofConfig) -> PbProfile {
    let mut strings = Strings::new();
    let (unit_name, factor) = base_unit(profile.unit);
    let fraction_unit = format!("{unit_name}/{}", config.decimals.divisor());
    let unit_name = match (profile.unit, config.decimals) {
        (Unit::Plain, Decimals(1..)) => fraction_unit.as_str(),
        _ => unit_name,
    };
    let type_name = config.sample_type.as_deref().unwrap_or(&profile.value_name);
    let sample_type = vec![PbValueType {
        r#type: strings.id(type_name),
        unit: strings.id(unit_name),
    }];
    // Functions by (name, kind), found first by the address of the shared name: hashing a
    // pointer per frame, not its text, for millions of frames.
    let mut by_name: HashMap<(usize, FrameKind), u64, Fast> = HashMap::default();
    let mut functions: HashMap<(Arc<str>, FrameKind), u64> = HashMap::new();
    let mut function = Vec::new();
    // Locations by their lines; most have one, looked up without building a Vec.
    let mut single: HashMap<u64, u64, Fast> = HashMap::default();
    let mut locations: HashMap<Vec<u64>, u64, Fast> = HashMap::default();
    let mut location = Vec::new();
    let mut sample = Vec::with_capacity(profile.stacks.len());
    for (frames, n) in &profile.stacks {
        let mut ids = Vec::new();
        for group in inline_groups(frames) {
            // Lines innermost first: the group is outermost first.
            let lines: Vec<u64> = group
                .iter()
                .rev()
                .map(|f| {
                    let ptr = (Arc::as_ptr(&f.name) as *const u8 as usize, f.kind);
                    if let Some(&id) = by_name.get(&ptr) {
                        return id;
                    }
                    let key = (Arc::clone(&f.name), f.kind);
                    let id = *functions.entry(key).or_insert_with(|| {
                        let id = function.len() as u64 + 1;
                        let name = strings.id(&f.name);
                        function.push(PbFunction {
                            id,
                            name,
                            system_name: name,
                        });
                        id
                    });
                    by_name.insert(ptr, id);
                    id
                })
                .collect();
            let mapping_id = match group[0].kind {
                FrameKind::Kernel => KERNEL_MAPPING,
                FrameKind::User | FrameKind::Inlined | FrameKind::Unknown => USER_MAPPING,
                FrameKind::Root | FrameKind::Marker => 0,
            };
            let known = match lines.as_slice() {
                [one] => single.get(one),
                _ => locations.get(&lines),
            };
            let id = match known {
                Some(&id) => id,
                None => {
                    let id = location.len() as u64 + 1;
                    let line = lines
                        .iter()
                        .map(|&function_id| PbLine { function_id })
                        .collect();
                    location.push(PbLocation {
                        id,
                        mapping_id,
                        line,
                    });
                    match lines.as_slice() {
                        [one] => single.insert(*one, id),
                        _ => locations.insert(lines, id),
                    };
                    id
                }
            };
            ids.push(id);
        }
        ids.reverse();
        let value = n.saturating_mul(factor).min(i64::MAX as u64) as i64;
        sample.push(PbSample {
            location_id: ids,
            value: vec![value],
        });
    }
    // Only the mappings some location uses, the user one first: `go tool pprof` titles its
    // report `File:` after the first mapping, and a user-space profile headed
    // `[kernel.kallsyms]` would misstate what was profiled.
    let used = |id: u64| location.iter().any(|l| l.mapping_id == id);
    let mut mapping = Vec::new();
    if used(USER_MAPPING) {
        mapping.push(PbMapping {
            id: USER_MAPPING,
            filename: strings.id("[user]"),
            has_functions: true,
            has_inline_frames: true,
        });
    }
    if used(KERNEL_MAPPING) {
        mapping.push(PbMapping {
            id: KERNEL_MAPPING,
            filename: strings.id("[kernel.kallsyms]"),
            has_functions: true,
            has_inline_frames: false,
        });
    }
    let mut comment = Vec::new();
    if !config.title.is_empty() {
        comment.push(strings.id(&config.title));
    }
    comment.push(strings.id(&subtitle_exact(profile, config.decimals)));
    PbProfile {
        sample_type,
        sample,
        mapping,
        location,
        function,
        string_table: strings.table,
        time_nanos: config.time_nanos,
        duration_nanos: config.duration_nanos,
        comment,
    }
}

/// Frames root→leaf cut into groups: a function followed by the frames inlined into it.
fn inline_groups(frames: &[Frame]) -> Vec<&[Frame]> {
    let mut res = Vec::new();
    let mut start = 0;
    for idx in 1..=frames.len() {
        let next_inlined = frames
            .get(idx)
            .is_some_and(|f| f.kind == FrameKind::Inlined);
        if !next_inlined {
            res.push(&frames[start..idx]);
            start = idx;
        }
    }
    res.retain(|g| !g.is_empty());
    res
}

/// The profile as gzip-compressed pprof bytes (`.pb.gz`).
pub fn render(profile: &Profile, config: &PprofConfig) -> std::io::Result<Vec<u8>> {
    let bytes = prost::Message::encode_to_vec(&to_message(profile, config));
    // Fastest compression, as Go's runtime/pprof writes its profiles: level 6 took most of the
    // time for 100 000 stacks, for a file a few tens of percent smaller.
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(&bytes)?;
    gz.finish()
}

/// Reads a pprof profile (gzipped or not, ours or another tool's) back into a [`Profile`]:
/// each sample's locations, innermost first, become frames root → leaf; the first value is
/// the weight, in the unit its sample type names (nanoseconds, bytes, or a plain count).
/// Frames of the kernel mapping (`[kernel.kallsyms]`, as ours and perf's are named) are
/// marked kernel frames again.
pub fn parse(bytes: &[u8]) -> Result<Profile, String> {
    let (profile, decimals) = parse_exact(bytes)?;
    if decimals.0 == 0 {
        return Ok(profile);
    }
    let d = decimals.divisor();
    let stacks = profile
        .stacks
        .into_iter()
        .map(|(frames, n)| (frames, n / d + u64::from(n % d >= d.div_ceil(2))));
    Ok(Profile::from_stacks(
        stacks,
        profile.unit,
        profile.value_name,
        profile.losses,
    ))
}

/// [`parse`], keeping weights in fractions of a count (`count/10`) as they were written.
pub fn parse_exact(bytes: &[u8]) -> Result<(Profile, Decimals), String> {
    use prost::Message;
    let raw = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(bytes), &mut out)
            .map_err(|e| format!("not gzip data: {e}"))?;
        out
    } else {
        bytes.to_vec()
    };
    let msg = PbProfile::decode(raw.as_slice()).map_err(|e| format!("not a pprof profile: {e}"))?;
    let text = |i: i64| {
        msg.string_table
            .get(usize::try_from(i).unwrap_or(0))
            .cloned()
            .unwrap_or_default()
    };
    let unit_text = msg.sample_type.first().map(|t| text(t.unit));
    let unit = match unit_text.as_deref() {
        Some("nanoseconds") => Unit::NS,
        Some("bytes") => Unit::BYTES,
        _ => Unit::Plain,
    };
    // `count/100`: weights in hundredths.
    let decimals = unit_text
        .as_deref()
        .and_then(|u| u.strip_prefix("count/"))
        .and_then(|d| (1..=Decimals::MAX).find(|&p| d == 10u64.pow(p).to_string()))
        .map_or(Decimals(0), Decimals);
    let value_name = msg
        .sample_type
        .first()
        .map(|t| text(t.r#type))
        .unwrap_or_default();
    let functions: HashMap<u64, String> =
        msg.function.iter().map(|f| (f.id, text(f.name))).collect();
    let kernel_mappings: Vec<u64> = msg
        .mapping
        .iter()
        .filter(|m| text(m.filename).contains("kernel"))
        .map(|m| m.id)
        .collect();
    let locations: HashMap<u64, &PbLocation> = msg.location.iter().map(|l| (l.id, l)).collect();
    let mut stacks = Vec::with_capacity(msg.sample.len());
    for s in &msg.sample {
        let weight = s.value.first().copied().unwrap_or(0).max(0) as u64;
        let mut frames = Vec::new();
        // pprof lists locations leaf first, and a location's lines innermost first.
        for id in s.location_id.iter().rev() {
            let Some(loc) = locations.get(id) else {
                continue;
            };
            let kernel = kernel_mappings.contains(&loc.mapping_id);
            for (i, line) in loc.line.iter().rev().enumerate() {
                let name = functions
                    .get(&line.function_id)
                    .cloned()
                    .unwrap_or_else(|| "[unknown]".into());
                // All but the outermost line of a location were inlined into it.
                let kind = match (kernel, i) {
                    (true, _) => FrameKind::Kernel,
                    (false, 0) => FrameKind::User,
                    (false, _) => FrameKind::Inlined,
                };
                frames.push(Frame::new(name, kind));
            }
        }
        stacks.push((frames, weight));
    }
    // Our pprof files carry their loss line as the comment `total …; LOSSES` (`subtitle`).
    let carried = msg.comment.iter().map(|&i| text(i)).find_map(|c| {
        c.strip_prefix("total ")?
            .split_once("; ")
            .map(|(_, l)| l.to_string())
    });
    let losses = crate::losses::LossReport {
        from_input: Some(
            carried.unwrap_or_else(|| "losses not recorded in the pprof input".into()),
        ),
        ..Default::default()
    };
    let profile = Profile::from_stacks(stacks, unit, value_name, losses);
    Ok((profile, decimals))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::losses::LossReport;

    /// `flamescript render` of a pprof file of ours shows the losses it was written with, and
    /// of anyone else's says none were recorded (never a "no losses" nothing measured).
    #[test]
    fn the_loss_line_travels_with_the_file() {
        let mut losses = LossReport::default();
        losses.add_counter("events_seen", 10);
        losses.add_counter("events_kept", 10);
        losses.unresolved_frames = 1;
        losses.unresolved_weight = 4;
        losses.total_weight = 10;
        let stacks = vec![(vec![Frame::new("main", FrameKind::User)], 10)];
        let profile = Profile::from_stacks(stacks, Unit::Plain, "samples", losses.clone());
        let bytes = render(&profile, &PprofConfig::default()).expect("renders");
        let back = parse(&bytes).expect("parses");
        assert_eq!(back.losses.summary_line(), losses.summary_line());
        let mut foreign = to_message(&profile, &PprofConfig::default());
        foreign.comment.clear();
        let back = parse(&prost::Message::encode_to_vec(&foreign)).expect("parses");
        assert_eq!(
            back.losses.summary_line(),
            "losses not recorded in the pprof input"
        );
    }

    fn mapping_names(stacks: Vec<(Vec<Frame>, u64)>) -> Vec<String> {
        let profile = Profile::from_stacks(stacks, Unit::Plain, "samples", LossReport::default());
        let msg = to_message(&profile, &PprofConfig::default());
        msg.mapping
            .iter()
            .map(|m| msg.string_table[m.filename as usize].clone())
            .collect()
    }

    #[test]
    fn only_used_mappings_user_first() {
        let user = || Frame::new("main", FrameKind::User);
        let kernel = || Frame::new("schedule", FrameKind::Kernel);
        assert_eq!(mapping_names(vec![(vec![user()], 1)]), ["[user]"]);
        assert_eq!(
            mapping_names(vec![(vec![kernel()], 1)]),
            ["[kernel.kallsyms]"]
        );
        assert_eq!(
            mapping_names(vec![(vec![kernel()], 1), (vec![user(), kernel()], 2)]),
            ["[user]", "[kernel.kallsyms]"]
        );
        let root = Frame::new("bash", FrameKind::Root);
        assert!(mapping_names(vec![(vec![root], 1)]).is_empty());
    }
}
