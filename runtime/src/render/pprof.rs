//! pprof's protobuf profile (gzip-compressed), for `go tool pprof`, Pyroscope and Parca.
//!
//! The message structs are written by hand with prost's derive (no protoc, no build script),
//! following `perftools.profiles` (profile.proto) field by field; only the fields we fill or
//! test are declared, and protobuf readers skip the rest. Values are written in the metric's
//! base unit (`nanoseconds`, `bytes`, `count`) so tools scale them themselves. A function with
//! frames inlined into it becomes one location with several lines, innermost first, as pprof
//! expects. The loss report travels in the profile's comments.
//!
//! As profile stores read it (issue 20): frames named from addresses carry their site
//! (`fold::Site`), so each mapped file is a mapping of its own (path as the process saw it,
//! build id, address range, file offset), each location sits at its address with a line per
//! frame (source file and line from DWARF), and a stack sampled at several addresses is that
//! many samples ([`Profile::sites`]), though the flame graph merges them. Kernel frames are in
//! `[kernel.kallsyms]`; frames known by name only (folded input) in `[user]`, at address 0.
//! Functions have their source file and start line (`Site::start_line`).
//! A sampled probe's period (`PprofConfig::sampling`) becomes `period_type`/`period`, and
//! counts of its samples are also written as the time they stand for (Go's `cpu` beside
//! `samples`). Only the mappings some location uses are listed, the program first (pprof
//! heads its report with the first one).
//!
//! pprof's values are integers: fractional weights (folded input, [`Decimals`]) are written
//! exactly as counts of a fraction, the unit saying which (`count/10`: tenths), and read back.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use compiler::types::Unit;
use flate2::Compression;
use flate2::write::GzEncoder;

use crate::fold::{Frame, FrameKind, Profile, Site};
use crate::hash::Fast;
use crate::render::svg::subtitle_exact;
use crate::symbolize::Mapping;
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
    /// What one sample stands for (`cpu nanoseconds`), and how much of it.
    #[prost(message, optional, tag = "11")]
    pub period_type: Option<PbValueType>,
    #[prost(int64, tag = "12")]
    pub period: i64,
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
    #[prost(uint64, tag = "2")]
    pub memory_start: u64,
    #[prost(uint64, tag = "3")]
    pub memory_limit: u64,
    #[prost(uint64, tag = "4")]
    pub file_offset: u64,
    #[prost(int64, tag = "5")]
    pub filename: i64,
    /// The GNU build id, hex, as perf and profile stores write it.
    #[prost(int64, tag = "6")]
    pub build_id: i64,
    #[prost(bool, tag = "7")]
    pub has_functions: bool,
    #[prost(bool, tag = "8")]
    pub has_filenames: bool,
    #[prost(bool, tag = "9")]
    pub has_line_numbers: bool,
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
    /// The address in the process (or kernel); 0 when unknown.
    #[prost(uint64, tag = "3")]
    pub address: u64,
    /// Innermost (inlined) function first, the function it was inlined into last.
    #[prost(message, repeated, tag = "4")]
    pub line: Vec<PbLine>,
}

#[derive(Clone, PartialEq, prost::Message)]
pub struct PbLine {
    #[prost(uint64, tag = "1")]
    pub function_id: u64,
    /// 0 when unknown.
    #[prost(int64, tag = "2")]
    pub line: i64,
}

#[derive(Clone, PartialEq, prost::Message)]
pub struct PbFunction {
    #[prost(uint64, tag = "1")]
    pub id: u64,
    #[prost(int64, tag = "2")]
    pub name: i64,
    #[prost(int64, tag = "3")]
    pub system_name: i64,
    /// The source file, from DWARF.
    #[prost(int64, tag = "4")]
    pub filename: i64,
    /// The line the function starts at (its definition), from DWARF; 0 when unknown.
    #[prost(int64, tag = "5")]
    pub start_line: i64,
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
    /// The sampled probe's period, when the weights are its samples.
    pub sampling: Option<Sampling>,
}

/// What a sample of a sampled probe stands for: pprof's `period_type` and `period`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sampling {
    /// The measure and its unit: `cpu`, `nanoseconds` for `profile`.
    pub kind: String,
    pub unit: String,
    /// How much of it one sample stands for (1e9 / hz ns for `profile hz`).
    pub period: i64,
    /// Whether the profile's weights count samples: then each is also written as that many
    /// periods, a second sample type (`cpu/nanoseconds` beside `samples/count`, as Go's CPU
    /// profiles have), which pprof shows by default and scales (`-unit ms`).
    pub weigh: bool,
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

/// Kernel frames, and user frames known by name only (folded input): mappings of their own.
const KERNEL_MAPPING: u64 = 1;
const USER_MAPPING: u64 = 2;

/// A file mapping's identity: the same file mapped at the same place (a process and its
/// forks) is one pprof mapping.
type MappingKey = (std::path::PathBuf, u64, u64, u64);

/// The mappings of a profile as they are met, with how much weight passed through each.
#[derive(Default)]
struct Mappings {
    /// By the address of the shared [`Mapping`] first, then by what it maps.
    by_ptr: HashMap<usize, u64, Fast>,
    by_key: HashMap<MappingKey, u64>,
    /// Index `id - 1`; the first two are the kernel and the name-only user mapping.
    files: Vec<Option<Arc<Mapping>>>,
    /// Per id − 1: weight of the samples with a frame in it, and with their leaf in it.
    cum: Vec<u64>,
    flat: Vec<u64>,
    /// Lowest and highest kernel address seen (the kernel mapping's range).
    kernel_range: Option<(u64, u64)>,
}

impl Mappings {
    fn new() -> Mappings {
        Mappings {
            files: vec![None, None],
            cum: vec![0, 0],
            flat: vec![0, 0],
            ..Default::default()
        }
    }

    /// The mapping id of `frame` at `site`; 0 for frames of no code.
    fn id(&mut self, frame: &Frame, site: Option<&Arc<Site>>) -> u64 {
        let Some(site) = site else {
            // Known by name only (folded input): by kind, and an unknown kernel address by
            // the name the symbolizer gives it.
            return match frame.kind {
                FrameKind::Kernel => KERNEL_MAPPING,
                FrameKind::Unknown if frame.name.contains("(kernel)") => KERNEL_MAPPING,
                FrameKind::User | FrameKind::Inlined | FrameKind::Unknown => USER_MAPPING,
                FrameKind::Root | FrameKind::Marker => 0,
            };
        };
        let Some(m) = &site.mapping else {
            let (lo, hi) = self.kernel_range.unwrap_or((site.addr, site.addr));
            self.kernel_range = Some((lo.min(site.addr), hi.max(site.addr)));
            return KERNEL_MAPPING;
        };
        let ptr = Arc::as_ptr(m) as usize;
        if let Some(&id) = self.by_ptr.get(&ptr) {
            return id;
        }
        let key = (m.open_path.clone(), m.start, m.end, m.offset);
        let id = *self.by_key.entry(key).or_insert_with(|| {
            self.files.push(Some(Arc::clone(m)));
            self.cum.push(0);
            self.flat.push(0);
            self.files.len() as u64
        });
        self.by_ptr.insert(ptr, id);
        id
    }
}

/// The file name a mapping is known by: the path the process mapped, never our way in to it
/// (`/proc/PID/root/…` for another mount namespace; a deleted file only by its name).
fn mapping_filename(m: &Mapping) -> String {
    let open = m.open_path.to_string_lossy();
    if m.module == "[vdso]" || open.contains("/map_files/") {
        return m.module.clone();
    }
    if let Some(rest) = open.strip_prefix("/proc/")
        && let Some((pid, inner)) = rest.split_once("/root/")
        && pid.bytes().all(|b| b.is_ascii_digit())
    {
        return format!("/{inner}");
    }
    open.into_owned()
}

/// A function's identity: name, kind, source file.
type FunctionKey = (Arc<str>, FrameKind, Option<Arc<str>>);

/// Functions by (name, kind, source file), found first by the addresses of the shared name
/// and file: hashing pointers per frame, not text, for millions of frames.
#[derive(Default)]
struct Functions {
    by_ptr: HashMap<(usize, FrameKind, usize), u64, Fast>,
    by_text: HashMap<FunctionKey, u64>,
    list: Vec<PbFunction>,
}

impl Functions {
    /// The id of `frame`'s function, whose source file is `file`, listed with the start line
    /// `site` gives it when first met.
    fn id(&mut self, frame: &Frame, site: Option<&Arc<Site>>, strings: &mut Strings) -> u64 {
        let file = site.and_then(|s| s.file.as_ref());
        let file_ptr = file.map_or(0, |f| Arc::as_ptr(f) as *const u8 as usize);
        let ptr = (
            Arc::as_ptr(&frame.name) as *const u8 as usize,
            frame.kind,
            file_ptr,
        );
        if let Some(&id) = self.by_ptr.get(&ptr) {
            return id;
        }
        let key = (Arc::clone(&frame.name), frame.kind, file.cloned());
        let list = &mut self.list;
        let id = *self.by_text.entry(key).or_insert_with(|| {
            let id = list.len() as u64 + 1;
            let name = strings.id(&frame.name);
            list.push(PbFunction {
                id,
                name,
                system_name: name,
                filename: file.map_or(0, |f| strings.id(f)),
                start_line: site.map_or(0, |s| i64::from(s.start_line)),
            });
            id
        });
        self.by_ptr.insert(ptr, id);
        id
    }
}

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
    let mut sample_type = vec![PbValueType {
        r#type: strings.id(type_name),
        unit: strings.id(unit_name),
    }];
    let period_type = config.sampling.as_ref().map(|s| PbValueType {
        r#type: strings.id(&s.kind),
        unit: strings.id(&s.unit),
    });
    // Counts of samples are also written as what they stand for (Go's `cpu` beside `samples`).
    let weigh = config
        .sampling
        .as_ref()
        .filter(|s| s.weigh && profile.unit == Unit::Plain && config.decimals == Decimals(0))
        .map(|s| s.period.max(0) as u64);
    if let (Some(_), Some(t)) = (weigh, &period_type) {
        sample_type.push(t.clone());
    }
    let mut functions = Functions::default();
    let mut mappings = Mappings::new();
    // Locations of code by (mapping, address), found first by the address of the shared site;
    // locations of no address by their lines (most have one, looked up without a Vec).
    let mut by_site: HashMap<usize, u64, Fast> = HashMap::default();
    let mut by_addr: HashMap<(u64, u64), u64, Fast> = HashMap::default();
    let mut single: HashMap<u64, u64, Fast> = HashMap::default();
    let mut locations: HashMap<Vec<u64>, u64, Fast> = HashMap::default();
    let mut location: Vec<PbLocation> = Vec::new();
    let mut sample = Vec::with_capacity(profile.stacks.len());
    let mut seen_mappings: Vec<u64> = Vec::new();
    for stack in profile.site_stacks() {
        let frames = stack.frames;
        let mut ids = Vec::new();
        seen_mappings.clear();
        let mut leaf_mapping = 0;
        let mut start = 0;
        for group in inline_groups(frames) {
            let first = start;
            start += group.len();
            let site = stack.site(first);
            let mapping_id = mappings.id(&group[0], site);
            leaf_mapping = mapping_id;
            if mapping_id != 0 && !seen_mappings.contains(&mapping_id) {
                seen_mappings.push(mapping_id);
            }
            if let Some(site) = site
                && let Some(&id) = by_site.get(&(Arc::as_ptr(site) as usize))
            {
                ids.push(id);
                continue;
            }
            if let Some(site) = site
                && let Some(&id) = by_addr.get(&(mapping_id, site.addr))
            {
                by_site.insert(Arc::as_ptr(site) as usize, id);
                ids.push(id);
                continue;
            }
            // Lines innermost first: the group is outermost first.
            let lines: Vec<PbLine> = group
                .iter()
                .enumerate()
                .rev()
                .map(|(idx, f)| {
                    let at = stack.site(first + idx);
                    PbLine {
                        function_id: functions.id(f, at, &mut strings),
                        line: at.map_or(0, |s| i64::from(s.line)),
                    }
                })
                .collect();
            let id = match site {
                Some(site) => {
                    let id = location.len() as u64 + 1;
                    by_site.insert(Arc::as_ptr(site) as usize, id);
                    by_addr.insert((mapping_id, site.addr), id);
                    location.push(PbLocation {
                        id,
                        mapping_id,
                        address: site.addr,
                        line: lines,
                    });
                    id
                }
                None => {
                    let function_ids: Vec<u64> = lines.iter().map(|l| l.function_id).collect();
                    let known = match function_ids.as_slice() {
                        [one] => single.get(one),
                        _ => locations.get(&function_ids),
                    };
                    match known {
                        Some(&id) => id,
                        None => {
                            let id = location.len() as u64 + 1;
                            location.push(PbLocation {
                                id,
                                mapping_id,
                                address: 0,
                                line: lines,
                            });
                            match function_ids.as_slice() {
                                [one] => single.insert(*one, id),
                                _ => locations.insert(function_ids, id),
                            };
                            id
                        }
                    }
                }
            };
            ids.push(id);
        }
        ids.reverse();
        let n = stack.weight;
        for &m in &seen_mappings {
            mappings.cum[m as usize - 1] += n;
        }
        if leaf_mapping != 0 {
            mappings.flat[leaf_mapping as usize - 1] += n;
        }
        let clamp = |v: u64| v.min(i64::MAX as u64) as i64;
        let mut value = vec![clamp(n.saturating_mul(factor))];
        if let Some(period) = weigh {
            value.push(clamp(n.saturating_mul(period)));
        }
        sample.push(PbSample {
            location_id: ids,
            value,
        });
    }
    let mapping = pb_mappings(&mappings, &location, &functions.list, &mut strings);
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
        function: functions.list,
        string_table: strings.table,
        time_nanos: config.time_nanos,
        duration_nanos: config.duration_nanos,
        period_type,
        period: config.sampling.as_ref().map_or(0, |s| s.period),
        comment,
    }
}

/// The mappings some location uses, user space first and the heaviest first: `go tool pprof`
/// titles its report `File:` after the first one, which should be the program the time went
/// to, not the kernel or libc (ranked by the weight with a frame in the file, then with the
/// leaf in it, then in the order met). A profile of user and kernel stacks is still headed
/// by the program: `[kernel.kallsyms]` would misstate what was profiled.
fn pb_mappings(
    mappings: &Mappings,
    location: &[PbLocation],
    function: &[PbFunction],
    strings: &mut Strings,
) -> Vec<PbMapping> {
    let n = mappings.files.len();
    let mut used = vec![false; n];
    let mut files_known = vec![false; n];
    let mut lines_known = vec![false; n];
    for l in location.iter().filter(|l| l.mapping_id != 0) {
        let idx = l.mapping_id as usize - 1;
        used[idx] = true;
        for line in &l.line {
            lines_known[idx] |= line.line != 0;
            let f = &function[line.function_id as usize - 1];
            files_known[idx] |= f.filename != 0;
        }
    }
    let mut order: Vec<usize> = (0..n).filter(|&i| used[i]).collect();
    order.sort_by_key(|&i| {
        let kernel = i + 1 == KERNEL_MAPPING as usize;
        let named = mappings.files[i].is_some();
        (
            kernel,
            !named,
            std::cmp::Reverse(mappings.cum[i]),
            std::cmp::Reverse(mappings.flat[i]),
            i,
        )
    });
    order
        .into_iter()
        .map(|i| {
            let id = i as u64 + 1;
            let common = PbMapping {
                id,
                has_functions: true,
                has_filenames: files_known[i],
                has_line_numbers: lines_known[i],
                ..Default::default()
            };
            match (&mappings.files[i], id) {
                (Some(m), _) => PbMapping {
                    memory_start: m.start,
                    memory_limit: m.end,
                    file_offset: m.offset,
                    filename: strings.id(&mapping_filename(m)),
                    build_id: m.build_id.as_deref().map_or(0, |b| strings.id(b)),
                    has_inline_frames: true,
                    ..common
                },
                (None, KERNEL_MAPPING) => {
                    let (lo, hi) = mappings.kernel_range.unwrap_or((0, 0));
                    PbMapping {
                        memory_start: lo,
                        memory_limit: if hi > 0 { hi + 1 } else { 0 },
                        filename: strings.id("[kernel.kallsyms]"),
                        ..common
                    }
                }
                (None, _) => PbMapping {
                    filename: strings.id("[user]"),
                    has_inline_frames: true,
                    ..common
                },
            }
        })
        .collect()
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

    fn mapping(path: &str, start: u64, build_id: &str) -> Arc<Mapping> {
        Arc::new(Mapping {
            start,
            end: start + 0x1000,
            offset: 0x1000,
            open_path: path.into(),
            module: path.rsplit('/').next().unwrap_or(path).to_string(),
            build_id: Some(build_id.to_string()),
        })
    }

    fn at(name: &str, kind: FrameKind, addr: u64, m: Option<&Arc<Mapping>>, line: u32) -> Frame {
        let site = Site {
            addr,
            mapping: m.cloned(),
            file: Some(Arc::from("/src/app.c")),
            line,
            start_line: 0,
        };
        Frame::new(name, kind).at(Arc::new(site))
    }

    // See: #20 — a function has the start line its frames' sites give (the symbolizer's DWARF
    // line of the function's first instruction); an inlined function has none, and keeps 0.
    #[test]
    fn issue_20_functions_have_their_start_line() {
        let app = mapping("/usr/bin/app", 0x5000, "aa11");
        let started = |frame: Frame, start_line: u32| {
            let site = frame
                .site
                .as_deref()
                .cloned()
                .map(|s| Site { start_line, ..s });
            Frame {
                site: site.map(Arc::new),
                ..frame
            }
        };
        let stacks = vec![(
            vec![
                started(at("main", FrameKind::User, 0x5010, Some(&app), 12), 10),
                started(at("work", FrameKind::User, 0x5100, Some(&app), 30), 27),
                at("step", FrameKind::Inlined, 0x5100, Some(&app), 40),
            ],
            3,
        )];
        let profile = Profile::from_stacks(stacks, Unit::Plain, "samples", LossReport::default());
        let msg = to_message(&profile, &PprofConfig::default());
        let decoded: PbProfile =
            prost::Message::decode(prost::Message::encode_to_vec(&msg).as_slice()).unwrap();
        let mut starts: Vec<(&str, i64)> = decoded
            .function
            .iter()
            .map(|f| (decoded.string_table[f.name as usize].as_str(), f.start_line))
            .collect();
        starts.sort();
        assert_eq!(starts, [("main", 10), ("step", 0), ("work", 27)]);
    }

    // See: #20 — one mapping per mapped file with its path, build id, range and offset; every
    // location at its address, with its lines; one stack of names sampled at two addresses is
    // two samples.
    #[test]
    fn issue_20_mappings_addresses_and_lines() {
        let app = mapping("/usr/bin/app", 0x5000, "aa11");
        let libc = mapping("/proc/7/root/lib/libc.so.6", 0x7000, "bb22");
        let main = |line| at("main", FrameKind::User, 0x5010, Some(&app), line);
        let stacks = vec![
            (
                vec![
                    at("__libc_start_main", FrameKind::User, 0x7100, Some(&libc), 0),
                    main(12),
                    at("work", FrameKind::User, 0x5100, Some(&app), 30),
                    at("step", FrameKind::Inlined, 0x5100, Some(&app), 40),
                ],
                5,
            ),
            (
                vec![
                    at("__libc_start_main", FrameKind::User, 0x7100, Some(&libc), 0),
                    main(12),
                    at("work", FrameKind::User, 0x5180, Some(&app), 33),
                    at("step", FrameKind::Inlined, 0x5180, Some(&app), 44),
                ],
                2,
            ),
            (
                vec![
                    main(12),
                    at("schedule", FrameKind::Kernel, 0xffff_8000, None, 0),
                ],
                1,
            ),
        ];
        let profile = Profile::from_stacks(stacks, Unit::Plain, "samples", LossReport::default());
        assert_eq!(profile.stacks.len(), 2, "names merge for the flame graph");
        let msg = to_message(&profile, &PprofConfig::default());
        let s = |i: i64| msg.string_table[i as usize].as_str();
        let files: Vec<(&str, &str, u64, u64, u64)> = msg
            .mapping
            .iter()
            .map(|m| {
                let range = (m.memory_start, m.memory_limit, m.file_offset);
                (s(m.filename), s(m.build_id), range.0, range.1, range.2)
            })
            .collect();
        assert_eq!(
            files,
            [
                ("/usr/bin/app", "aa11", 0x5000, 0x6000, 0x1000),
                // Another mount namespace's file is named as its process saw it.
                ("/lib/libc.so.6", "bb22", 0x7000, 0x8000, 0x1000),
                ("[kernel.kallsyms]", "", 0xffff_8000, 0xffff_8001, 0),
            ]
        );
        assert_eq!(
            msg.sample.len(),
            3,
            "two addresses of one stack, and the kernel one"
        );
        assert_eq!(msg.sample.iter().map(|x| x.value[0]).sum::<i64>(), 8);
        let loc = |id: u64| msg.location.iter().find(|l| l.id == id).unwrap();
        let mapping_of = |id: u64| {
            let m = msg
                .mapping
                .iter()
                .find(|m| m.id == loc(id).mapping_id)
                .unwrap();
            s(m.filename)
        };
        let five = msg.sample.iter().find(|x| x.value == [5]).unwrap();
        let leaf = loc(five.location_id[0]);
        assert_eq!(leaf.address, 0x5100);
        assert_eq!(mapping_of(leaf.id), "/usr/bin/app");
        let function = |id: u64| msg.function.iter().find(|f| f.id == id).unwrap();
        let lines: Vec<(&str, &str, i64)> = leaf
            .line
            .iter()
            .map(|l| {
                let f = function(l.function_id);
                (s(f.name), s(f.filename), l.line)
            })
            .collect();
        assert_eq!(
            lines,
            [("step", "/src/app.c", 40), ("work", "/src/app.c", 30)],
            "innermost first, each at its own line"
        );
        let two = msg.sample.iter().find(|x| x.value == [2]).unwrap();
        assert_eq!(loc(two.location_id[0]).address, 0x5180);
        assert_eq!(
            two.location_id[1..],
            five.location_id[1..],
            "a shared address is one location"
        );
        assert_eq!(
            mapping_of(*five.location_id.last().unwrap()),
            "/lib/libc.so.6"
        );
        let kernel = msg.sample.iter().find(|x| x.value == [1]).unwrap();
        assert_eq!(mapping_of(kernel.location_id[0]), "[kernel.kallsyms]");
        assert!(msg.location.iter().all(|l| l.address != 0));
        assert_eq!(msg.period_type, None);
    }

    // See: #20 — `profile hz 99`: each sample is 1e9/99 ns of CPU, a second sample type.
    #[test]
    fn issue_20_sampled_counts_carry_their_period() {
        let stacks = vec![(vec![Frame::new("main", FrameKind::User)], 3)];
        let profile = Profile::from_stacks(stacks, Unit::Plain, "samples", LossReport::default());
        let config = PprofConfig {
            time_nanos: 1_700_000_000_000_000_000,
            duration_nanos: 2_000_000_000,
            sampling: Some(Sampling {
                kind: "cpu".into(),
                unit: "nanoseconds".into(),
                period: 10_101_010,
                weigh: true,
            }),
            ..Default::default()
        };
        let msg = to_message(&profile, &config);
        let s = |i: i64| msg.string_table[i as usize].as_str();
        let types: Vec<(&str, &str)> = msg
            .sample_type
            .iter()
            .map(|t| (s(t.r#type), s(t.unit)))
            .collect();
        assert_eq!(types, [("samples", "count"), ("cpu", "nanoseconds")]);
        let period_type = msg.period_type.as_ref().expect("a period type");
        assert_eq!(
            (s(period_type.r#type), s(period_type.unit)),
            ("cpu", "nanoseconds")
        );
        assert_eq!(msg.period, 10_101_010);
        assert_eq!(msg.sample[0].value, [3, 30_303_030]);
        assert_eq!((msg.time_nanos, msg.duration_nanos), config_times(&config));
        // Read back, the weights are the counts.
        let bytes = render(&profile, &config).expect("renders");
        assert_eq!(parse(&bytes).expect("parses").total(), 3);
        // Time sums are not counts of periods: no second type.
        let time = Profile::from_stacks(
            [(vec![Frame::new("main", FrameKind::User)], 3)],
            Unit::NS,
            "time",
            LossReport::default(),
        );
        assert_eq!(to_message(&time, &config).sample_type.len(), 1);
    }

    fn config_times(config: &PprofConfig) -> (i64, i64) {
        (config.time_nanos, config.duration_nanos)
    }

    #[test]
    fn mapping_filenames_are_the_paths_the_process_saw() {
        let named = |open: &str, module: &str| {
            mapping_filename(&Mapping {
                start: 0,
                end: 1,
                offset: 0,
                open_path: open.into(),
                module: module.into(),
                build_id: None,
            })
        };
        assert_eq!(named("/usr/bin/x", "x"), "/usr/bin/x");
        assert_eq!(named("/proc/42/root/usr/bin/x", "x"), "/usr/bin/x");
        assert_eq!(named("/proc/42/map_files/1-2", "gone.so"), "gone.so");
        assert_eq!(named("/proc/self/fd/3", "[vdso]"), "[vdso]");
    }
}
