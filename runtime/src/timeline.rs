//! Events with their times (issue 21): what a time view draws. A [`Timeline`] holds every
//! event that added to a flame-graph map, each with its time, thread and weight, and its stack
//! named exactly as the map's fold names it (so the heatmap's selected graph and the flame
//! chart show the frames the flame graph shows). Replays build one from the keyed events the
//! interpreter kept ([`build`]); the renderers `render::heatmap` and `render::flamechart` draw
//! it. Pure data: no kernel, no files.

use std::collections::HashMap;

use compiler::types::Unit;

use crate::error::MapDump;
use crate::fold::{self, FoldOptions, Frame, Profile};
use crate::losses::LossReport;
use crate::maps;
use crate::symbolize::Symbolize;

/// One event that added to the kept map, as the replay saw it: its key is an index into the
/// keys it lists beside the events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyedEvent {
    pub time_ns: u64,
    pub pid: u32,
    pub tid: u32,
    /// NUL-padded, as `task->comm`.
    pub comm: [u8; 16],
    pub key: u32,
    /// What the event added to the key's value (count: 1; sum: the amount).
    pub weight: u64,
    /// The time the event stands for (a clock sample's period), else 0.
    pub span_ns: u64,
}

/// A thread that had events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Thread {
    pub pid: u32,
    pub tid: u32,
    pub comm: String,
}

/// One event, its stack and thread as indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimedEvent {
    pub time_ns: u64,
    /// Index into [`Timeline::threads`].
    pub thread: u32,
    /// Index into [`Timeline::stacks`].
    pub stack: u32,
    pub weight: u64,
    pub span_ns: u64,
}

/// Every event of one flame-graph map, in time order.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    /// Distinct stacks, root first, named as the map's flame graph names them.
    pub stacks: Vec<Vec<Frame>>,
    pub threads: Vec<Thread>,
    /// Sorted by time.
    pub events: Vec<TimedEvent>,
    pub unit: Unit,
    pub value_name: String,
    /// The map's loss report (the flame graph's).
    pub losses: LossReport,
}

impl Timeline {
    pub fn total(&self) -> u64 {
        self.events.iter().map(|e| e.weight).sum()
    }

    /// The time of the first event.
    pub fn start_ns(&self) -> u64 {
        self.events.first().map_or(0, |e| e.time_ns)
    }
}

/// The timeline of the events `events` that added to the map dumped in `dump` (its final
/// contents), whose keys are `keys`: each key named once, as a one-entry fold of that key
/// (through `sym`, then `options`' reshaping, as the run's profiles are). `profile` is the
/// map's folded profile, whose unit, weight name and losses the timeline takes.
pub fn build(
    dump: &MapDump,
    keys: &[Vec<u8>],
    events: &[KeyedEvent],
    stacks: &dyn Fn(&str, u64) -> Option<Vec<u64>>,
    sym: &mut dyn Symbolize,
    options: &FoldOptions,
    profile: &Profile,
) -> Timeline {
    let unknown = || vec![Frame::new("[unknown]", crate::frame::FrameKind::Unknown)];
    let mut named: Vec<Vec<Frame>> = Vec::with_capacity(keys.len());
    let mut decoded = LossReport::default();
    // A live run's dump comes in the kernel's hash order, a replay's sorted: find keys by hash.
    let at: HashMap<&[u8], usize> = dump
        .entries
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (k.as_slice(), i))
        .collect();
    for key in keys {
        let Some(&at) = at.get(key.as_slice()) else {
            named.push(unknown());
            continue;
        };
        // The key's own value may add up to nothing; a value of 1 always folds to one stack.
        let mut value = vec![0u8; dump.entries[at].1.len()];
        if value.len() >= 8 {
            value[..8].copy_from_slice(&1u64.to_le_bytes());
        }
        let one = MapDump {
            spec: dump.spec.clone(),
            entries: vec![(key.clone(), value)],
        };
        let entries = maps::decode(&one, stacks, &mut decoded);
        let frames = fold::fold(&entries, &dump.spec, sym)
            .ok()
            .map(|p| fold::reshape(p, options))
            .and_then(|p| p.stacks.into_iter().next())
            .map(|(frames, _)| frames);
        named.push(frames.unwrap_or_else(unknown));
    }
    // Equal names (two keys, one stack once named) share one stack.
    let mut index: HashMap<Vec<String>, u32> = HashMap::new();
    let mut distinct: Vec<Vec<Frame>> = Vec::new();
    let ids: Vec<u32> = named
        .into_iter()
        .map(|frames| {
            let text: Vec<String> = frames
                .iter()
                .map(|f| f.folded_name().into_owned())
                .collect();
            *index.entry(text).or_insert_with(|| {
                distinct.push(frames);
                distinct.len() as u32 - 1
            })
        })
        .collect();
    let mut threads: Vec<Thread> = Vec::new();
    let mut thread_ids: HashMap<(u32, u32), u32> = HashMap::new();
    let mut timed: Vec<TimedEvent> = events
        .iter()
        .filter(|e| (e.key as usize) < ids.len())
        .map(|e| {
            let thread = *thread_ids.entry((e.pid, e.tid)).or_insert_with(|| {
                let end = e.comm.iter().position(|&b| b == 0).unwrap_or(16);
                threads.push(Thread {
                    pid: e.pid,
                    tid: e.tid,
                    comm: String::from_utf8_lossy(&e.comm[..end]).into_owned(),
                });
                threads.len() as u32 - 1
            });
            TimedEvent {
                time_ns: e.time_ns,
                thread,
                stack: ids[e.key as usize],
                weight: e.weight,
                span_ns: e.span_ns,
            }
        })
        .collect();
    timed.sort_by_key(|e| e.time_ns);
    Timeline {
        stacks: distinct,
        threads,
        events: timed,
        unit: profile.unit,
        value_name: profile.value_name.clone(),
        losses: profile.losses.clone(),
    }
}

/// Consecutive events of one thread with one stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    pub stack: u32,
    pub weight: u64,
    /// The first event's time.
    pub start_ns: u64,
    /// The last event's time plus its span.
    pub end_ns: u64,
}

/// One thread's runs, in time order.
pub type ThreadRuns = (u32, Vec<Run>);

/// Each thread's events in time order, with runs of one stack merged (FlameGraph's
/// `--flamechart`: consecutive samples with identical stacks are one frame): per thread
/// (index into [`Timeline::threads`]), in the order threads first appear.
pub fn runs(timeline: &Timeline) -> Vec<ThreadRuns> {
    let mut per: Vec<ThreadRuns> = Vec::new();
    let mut slot: HashMap<u32, usize> = HashMap::new();
    for e in &timeline.events {
        let at = *slot.entry(e.thread).or_insert_with(|| {
            per.push((e.thread, Vec::new()));
            per.len() - 1
        });
        let list = &mut per[at].1;
        let end = e.time_ns.saturating_add(e.span_ns);
        match list.last_mut() {
            Some(last) if last.stack == e.stack => {
                last.weight += e.weight;
                last.end_ns = last.end_ns.max(end);
            }
            _ => list.push(Run {
                stack: e.stack,
                weight: e.weight,
                start_ns: e.time_ns,
                end_ns: end,
            }),
        }
    }
    per
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timeline(events: &[(u64, u32, u32)]) -> Timeline {
        Timeline {
            stacks: vec![
                vec![Frame::new("a", crate::frame::FrameKind::User)],
                vec![Frame::new("b", crate::frame::FrameKind::User)],
            ],
            threads: vec![
                Thread {
                    pid: 1,
                    tid: 1,
                    comm: "x".into(),
                },
                Thread {
                    pid: 1,
                    tid: 2,
                    comm: "x".into(),
                },
            ],
            events: events
                .iter()
                .map(|&(t, thread, stack)| TimedEvent {
                    time_ns: t,
                    thread,
                    stack,
                    weight: 1,
                    span_ns: 10,
                })
                .collect(),
            unit: Unit::Plain,
            value_name: "samples".into(),
            losses: LossReport::default(),
        }
    }

    #[test]
    fn runs_merge_consecutive_equal_stacks_per_thread() {
        let t = timeline(&[(0, 0, 0), (10, 1, 1), (10, 0, 0), (20, 0, 1), (30, 0, 0)]);
        // Per thread: (stack, weight, start, end) of each run.
        type Runs = Vec<(u32, Vec<(u32, u64, u64, u64)>)>;
        let runs: Runs = runs(&t)
            .into_iter()
            .map(|(th, list)| {
                let list = list
                    .iter()
                    .map(|r| (r.stack, r.weight, r.start_ns, r.end_ns))
                    .collect();
                (th, list)
            })
            .collect();
        assert_eq!(
            runs,
            vec![
                (0, vec![(0, 2, 0, 20), (1, 1, 20, 30), (0, 1, 30, 40)]),
                (1, vec![(1, 1, 10, 20)]),
            ]
        );
    }
}
