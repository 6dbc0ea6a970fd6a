//! `LossReport`: everything a result lost on the way, so that no graph is silently wrong.
//!
//! The report is filled from two sides: the session copies the kernel's per-CPU losses counters
//! in ([`LossReport::add_counter`]), and `fold` adds what it sees in the map entries (capture
//! errors, collisions, truncated stacks, unresolved frames). This module only keeps and words
//! the numbers; it reads no map and touches no kernel.

use std::collections::BTreeMap;

use crate::units::thousands;

/// What was lost. Every field starts at zero; `None` means "not measured", never "zero".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LossReport {
    /// Events the probes fired for (before filters), when the session counts them.
    pub events_seen: Option<u64>,
    /// Events that reached a map.
    pub events_kept: Option<u64>,
    /// Stack capture failures by negative errno (`-EFAULT` …), counted in map entries.
    /// `-EEXIST` is not here: it is a collision.
    pub stack_errors: BTreeMap<i64, u64>,
    /// Map entries whose stack was dropped because two stacks hashed to one STACK_TRACE bucket
    /// (`-EEXIST` from `bpf_get_stackid`).
    pub collisions: u64,
    /// Weight (in the profile's unit) of entries that lost a stack to an error or a collision
    /// (once per entry, however many of its stacks it lost).
    pub lost_stack_weight: u64,
    /// Stacks cut at the depth limit.
    pub truncated_stacks: u64,
    /// The weight of the entries with a cut stack (once per entry), in the profile's unit.
    pub truncated_weight: u64,
    /// User stacks whose walk did not reach a thread's entry point (`[incomplete stack]`):
    /// frame pointers through code built without them.
    pub unrooted_stacks: u64,
    /// Their weight, in the profile's unit (one stack may carry most of a profile).
    pub unrooted_weight: u64,
    /// The same, by cause ("ends in unknown code", "walk stopped short"): stacks and weight.
    pub unrooted_by_cause: BTreeMap<String, (u64, u64)>,
    /// How user stacks were unwound (`fp`, `auto`, `dwarf`), for the subtitle.
    pub unwind: Option<String>,
    /// How `offcpu` took its user stacks on this kernel (which design ran), for the subtitle.
    pub offcpu: Option<String>,
    /// Frames symbolized to a name, and frames left `[unknown]`, over distinct stacks.
    pub resolved_frames: u64,
    pub unresolved_frames: u64,
    /// Weight of the stacks with at least one unknown frame, and the profile's total weight.
    pub unresolved_weight: u64,
    pub total_weight: u64,
    /// Updates dropped because a map was full.
    pub map_full: u64,
    /// The weight those updates carried (counts or sums, in the map's unit).
    pub map_full_weight: u64,
    /// Events that lost at least one of those updates (an event updating two full maps is
    /// one event lost).
    pub map_full_events: u64,
    /// Additions left out of a sum (a signed 64-bit number) because the total would have
    /// overflowed: in the programs (`sums_overflowed`) or when adding the CPUs' parts.
    pub sums_overflowed: u64,
    /// Events whose time record found the ring buffer full (a live run's time views): in the
    /// graph, missing from the heatmap and the flame chart; and the weight they carried.
    pub time_records_dropped: u64,
    pub time_records_dropped_weight: u64,
    /// Under `-c`/`-p`: events a kernel worker raised (`bio`: requests the block layer
    /// dispatched from kblockd or writeback), outside the target and not in the graph, since
    /// the worker cannot say for whom; and their bytes.
    pub worker_events: u64,
    pub worker_bytes: u64,
    /// Kernel counters this report has no field for, by name, kept rather than dropped.
    pub other: BTreeMap<String, u64>,
    /// Numbers that say how the graph was made, not what it lost (spans summed below `min`,
    /// spans begun before the probes were attached, stacks recovered by unwind info): shown
    /// with the report, never counted as losses.
    pub notes: BTreeMap<String, u64>,
    /// `(thread time, elapsed)` in ns for a wall-clock graph: its total against the run's
    /// elapsed time (their ratio is the number of threads traced, on average).
    pub wallclock: Option<(u64, u64)>,
    /// A profile read from a file (`flamescript render`) knows only what the file says: the
    /// loss line a pprof file of ours carries, or that a folded file carries none. Shown
    /// instead of a "no losses" that nothing measured.
    pub from_input: Option<String>,
}

/// Counters that are notes, not losses (see `LossReport::notes`).
fn is_note(name: &str) -> bool {
    matches!(
        name,
        "spans_unmatched" | "spans_above_max" | "stacks_not_stored"
    ) || name.starts_with("spans below")
        || name.starts_with("user stacks with frames recovered")
}

/// `EEXIST`: what `bpf_get_stackid` returns when a bucket already holds another stack.
const EEXIST: i64 = 17;

impl LossReport {
    /// Records one kernel losses counter by the name `LossesSpec::counters` gives it.
    pub fn add_counter(&mut self, name: &str, value: u64) {
        let add = |slot: &mut Option<u64>| *slot = Some(slot.unwrap_or(0) + value);
        match name {
            "events_seen" => add(&mut self.events_seen),
            "events_kept" => add(&mut self.events_kept),
            "map_full" => self.map_full += value,
            "map_full_weight" => self.map_full_weight += value,
            "map_full_events" => self.map_full_events += value,
            "sums_overflowed" => self.sums_overflowed += value,
            "time_records_dropped" => self.time_records_dropped += value,
            "time_records_dropped_weight" => self.time_records_dropped_weight += value,
            "worker_events" => self.worker_events += value,
            "worker_bytes" => self.worker_bytes += value,
            "stack_collision" | "collisions" => self.collisions += value,
            "truncated" | "truncated_stacks" => self.truncated_stacks += value,
            _ if is_note(name) => *self.notes.entry(name.to_string()).or_default() += value,
            _ => *self.other.entry(name.to_string()).or_default() += value,
        }
    }

    /// Adds another report's numbers to this one (the session's kernel counters and the fold's
    /// findings, or several maps of one run).
    pub fn merge(&mut self, other: &LossReport) {
        let add = |a: Option<u64>, b: Option<u64>| match (a, b) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
        };
        self.events_seen = add(self.events_seen, other.events_seen);
        self.events_kept = add(self.events_kept, other.events_kept);
        for (errno, n) in &other.stack_errors {
            *self.stack_errors.entry(*errno).or_default() += n;
        }
        self.collisions += other.collisions;
        self.lost_stack_weight += other.lost_stack_weight;
        self.truncated_stacks += other.truncated_stacks;
        self.truncated_weight += other.truncated_weight;
        self.unrooted_stacks += other.unrooted_stacks;
        self.unrooted_weight += other.unrooted_weight;
        for (cause, (n, w)) in &other.unrooted_by_cause {
            let e = self.unrooted_by_cause.entry(cause.clone()).or_default();
            e.0 += n;
            e.1 += w;
        }
        self.unwind = self.unwind.clone().or_else(|| other.unwind.clone());
        self.offcpu = self.offcpu.clone().or_else(|| other.offcpu.clone());
        self.resolved_frames += other.resolved_frames;
        self.unresolved_frames += other.unresolved_frames;
        self.unresolved_weight += other.unresolved_weight;
        self.total_weight += other.total_weight;
        self.map_full += other.map_full;
        self.map_full_weight += other.map_full_weight;
        self.map_full_events += other.map_full_events;
        self.sums_overflowed += other.sums_overflowed;
        self.time_records_dropped += other.time_records_dropped;
        self.time_records_dropped_weight += other.time_records_dropped_weight;
        self.worker_events += other.worker_events;
        self.worker_bytes += other.worker_bytes;
        for (name, n) in &other.other {
            *self.other.entry(name.clone()).or_default() += n;
        }
        for (name, n) in &other.notes {
            *self.notes.entry(name.clone()).or_default() += n;
        }
        self.wallclock = self.wallclock.or(other.wallclock);
    }

    /// Records an entry whose stack capture failed with `errno` (negative), carrying `weight`.
    pub fn add_stack_error(&mut self, errno: i64, weight: u64) {
        if errno == -EEXIST {
            self.collisions += 1;
        } else {
            *self.stack_errors.entry(errno).or_default() += 1;
        }
        self.lost_stack_weight += weight;
    }

    /// Events that were seen but not kept (filtered events are not losses: the session reports
    /// them as kept-or-filtered; this is only the difference the counters show).
    pub fn events_dropped(&self) -> u64 {
        match (self.events_seen, self.events_kept) {
            (Some(seen), Some(kept)) => seen.saturating_sub(kept),
            _ => 0,
        }
    }

    /// Share of the total weight on stacks with an unknown frame, in [0, 1].
    pub fn unresolved_share(&self) -> f64 {
        if self.total_weight == 0 {
            return 0.0;
        }
        self.unresolved_weight as f64 / self.total_weight as f64
    }

    /// A user stack that did not reach a thread's entry point, and why.
    pub fn add_unrooted(&mut self, cause: &str, weight: u64) {
        self.unrooted_stacks += 1;
        self.unrooted_weight += weight;
        let e = self.unrooted_by_cause.entry(cause.to_string()).or_default();
        e.0 += 1;
        e.1 += weight;
    }

    /// Whether nothing at all was lost: the graph is the whole truth.
    pub fn is_clean(&self) -> bool {
        self.events_dropped() == 0
            && self.stack_errors.is_empty()
            && self.collisions == 0
            && self.truncated_stacks == 0
            && self.unrooted_stacks == 0
            && self.unresolved_frames == 0
            && self.map_full == 0
            && self.sums_overflowed == 0
            && self.time_records_dropped == 0
            && self.worker_events == 0
            && self.other.values().all(|&n| n == 0)
    }

    /// One line for the SVG subtitle and the terminal, e.g.
    /// `events: 12,345 seen, 12,300 kept; lost stacks: 3 (-EFAULT x2, collisions 1); 2 truncated`.
    pub fn summary_line(&self) -> String {
        if let Some(line) = &self.from_input {
            return line.clone();
        }
        let mut parts = Vec::new();
        if let Some(seen) = self.events_seen {
            let kept = self.events_kept.map(|k| format!(", {} kept", thousands(k)));
            parts.push(format!(
                "events: {} seen{}",
                thousands(seen),
                kept.unwrap_or_default()
            ));
        }
        let n_errors: u64 = self.stack_errors.values().sum::<u64>() + self.collisions;
        if n_errors > 0 {
            let mut kinds: Vec<String> = self
                .stack_errors
                .iter()
                .map(|(errno, n)| format!("{} x{}", errno_name(*errno), thousands(*n)))
                .collect();
            if self.collisions > 0 {
                kinds.push(format!("collisions {}", thousands(self.collisions)));
            }
            // The weight those stacks carry, drawn as `[lost: …]` (an entry may hold many
            // events: counted by entry, weighed by event).
            let carrying = match self.lost_stack_weight {
                0 => String::new(),
                w => format!(" carrying {}", thousands(w)),
            };
            parts.push(format!(
                "lost stacks: {} ({}){carrying}",
                thousands(n_errors),
                kinds.join(", ")
            ));
        }
        if self.unrooted_stacks > 0 {
            let share = if self.total_weight > 0 {
                format!(
                    " ({:.1}% of weight)",
                    100.0 * self.unrooted_weight as f64 / self.total_weight as f64
                )
            } else {
                String::new()
            };
            let causes: Vec<String> = self
                .unrooted_by_cause
                .iter()
                .map(|(cause, (n, _))| format!("{cause} x{}", thousands(*n)))
                .collect();
            let causes = if causes.is_empty() {
                String::new()
            } else {
                format!(": {}", causes.join(", "))
            };
            parts.push(format!(
                "{} user stacks{share} not walked to their root{causes}",
                thousands(self.unrooted_stacks)
            ));
            // Most of the graph without its callers: say what would give them.
            // The advice follows the cause that carried the most weight.
            if self.total_weight > 0 && self.unrooted_weight * 2 > self.total_weight {
                let cause = self
                    .unrooted_by_cause
                    .iter()
                    .max_by_key(|(_, (_, w))| *w)
                    .map(|(c, _)| c.as_str())
                    .unwrap_or("");
                parts.push(match cause {
                    "stack copy too short" => "most user stacks are incomplete: the stack copy \
                                               ends before their root; try --stack-copy 8192"
                        .into(),
                    "rule not followed" => "most user stacks are incomplete: their code keeps \
                                            its frame where the unwinder does not follow \
                                            (hand-written assembly, a trampoline)"
                        .into(),
                    "ends in unknown code" | "walk stopped short" | "" => {
                        "most user stacks are incomplete: the program has no frame pointers; \
                         try --unwind dwarf --stack-copy 4096, or rebuild it with \
                         -fno-omit-frame-pointer"
                            .into()
                    }
                    other => format!("most user stacks are incomplete ({other})"),
                });
            }
        }
        if self.truncated_stacks > 0 {
            // With the weight when it is known (the kernel's own count, from a replay, has
            // none).
            let share = if self.truncated_weight > 0 && self.total_weight > 0 {
                format!(
                    " ({:.1}% of weight)",
                    100.0 * self.truncated_weight as f64 / self.total_weight as f64
                )
            } else {
                String::new()
            };
            parts.push(format!(
                "{} truncated{share}",
                thousands(self.truncated_stacks)
            ));
        }
        if self.unresolved_frames > 0 {
            parts.push(format!(
                "unresolved: {} frames, {:.1}% of weight",
                thousands(self.unresolved_frames),
                100.0 * self.unresolved_share()
            ));
        }
        if self.map_full > 0 {
            // Those events were seen and kept by the filter, but are not in the graph.
            // The weight in the map's own unit (a count, or ns for `sum(delta)`), and its share
            // where the map is a graph whose total is known.
            let share = match (self.map_full_weight, self.total_weight) {
                (0, _) => String::new(),
                (w, 0) => format!(" (carrying {})", thousands(w)),
                (w, t) => format!(
                    " (carrying {}, {:.1}% of the weight)",
                    thousands(w),
                    100.0 * w as f64 / (t + w) as f64
                ),
            };
            // Events first where they differ from updates: an event whose two maps were full
            // is one event lost, two updates dropped.
            let events = if self.map_full_events > 0 && self.map_full_events != self.map_full {
                format!("{} events lost, ", thousands(self.map_full_events))
            } else {
                String::new()
            };
            parts.push(format!(
                "map full: {events}{} updates dropped{share}, not in the graph (raise \
                 --map-entries)",
                thousands(self.map_full)
            ));
        }
        if self.sums_overflowed > 0 {
            parts.push(format!(
                "sums that overflowed: {} (additions left out, never wrapped)",
                thousands(self.sums_overflowed)
            ));
        }
        if self.time_records_dropped > 0 {
            parts.push(format!(
                "time records dropped (ring buffer full): {} carrying {}, in the graph but not \
                 in the heatmap or flame chart",
                thousands(self.time_records_dropped),
                thousands(self.time_records_dropped_weight)
            ));
        }
        if self.worker_events > 0 {
            parts.push(format!(
                "issued by kernel workers, outside the traced processes: {} requests carrying \
                 {} bytes, not in the graph (a worker cannot say for whom; run without -c/-p \
                 to see them)",
                thousands(self.worker_events),
                thousands(self.worker_bytes)
            ));
        }
        for (name, n) in self.other.iter().filter(|(_, n)| **n > 0) {
            parts.push(format!("{name}: {}", thousands(*n)));
        }
        if self.is_clean() {
            parts.push("no losses".into());
        }
        for (name, n) in self.notes.iter().filter(|(_, n)| **n > 0) {
            parts.push(format!("{name}: {}", thousands(*n)));
        }
        if let Some(unwind) = &self.unwind {
            parts.push(format!("unwind: {unwind}"));
        }
        if let Some(offcpu) = &self.offcpu {
            parts.push(format!("off-CPU: {offcpu}"));
        }
        if let Some((total, elapsed)) = self.wallclock {
            parts.push(format!(
                "wall-clock: {:.3} s of thread time in {:.3} s elapsed ({:.2} threads on average)",
                total as f64 / 1e9,
                elapsed as f64 / 1e9,
                total as f64 / elapsed.max(1) as f64
            ));
        }
        parts.join("; ")
    }
}

/// `-14` → `"-EFAULT"`; the errnos `bpf_get_stack(id)` returns, numeric for the rest.
pub fn errno_name(errno: i64) -> String {
    let name = match -errno {
        1 => "EPERM",
        2 => "ENOENT",
        3 => "ESRCH",
        7 => "E2BIG",
        12 => "ENOMEM",
        14 => "EFAULT",
        17 => "EEXIST",
        22 => "EINVAL",
        62 => "ETIME",
        95 => "EOPNOTSUPP",
        _ => return errno.to_string(),
    };
    format!("-{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_report_says_so() {
        let mut r = LossReport::default();
        r.add_counter("events_seen", 10);
        r.add_counter("events_kept", 10);
        assert!(r.is_clean());
        assert_eq!(r.summary_line(), "events: 10 seen, 10 kept; no losses");
    }

    #[test]
    fn kernel_workers_outside_the_target_are_a_loss() {
        let mut r = LossReport::default();
        r.add_counter("events_seen", 10);
        r.add_counter("events_kept", 10);
        r.add_counter("worker_events", 3);
        r.add_counter("worker_bytes", 12_288);
        let mut other = LossReport::default();
        other.add_counter("worker_events", 1);
        other.add_counter("worker_bytes", 4_096);
        r.merge(&other);
        assert!(!r.is_clean());
        let line = r.summary_line();
        assert!(
            line.contains(
                "issued by kernel workers, outside the traced processes: 4 requests carrying \
                 16,384 bytes, not in the graph"
            ),
            "{line}"
        );
    }

    #[test]
    fn every_loss_is_worded() {
        let mut r = LossReport::default();
        r.add_counter("events_seen", 12_345);
        r.add_counter("events_kept", 12_300);
        r.add_stack_error(-14, 5);
        r.add_stack_error(-14, 5);
        r.add_stack_error(-17, 1);
        r.truncated_stacks = 2;
        r.unresolved_frames = 4;
        r.unresolved_weight = 25;
        r.total_weight = 100;
        r.add_counter("map_full", 7);
        r.add_counter("map_full_weight", 25);
        r.add_counter("time_records_dropped", 3);
        r.add_counter("time_records_dropped_weight", 3_000);
        r.add_counter("weird", 1);
        assert!(!r.is_clean());
        assert_eq!(r.events_dropped(), 45);
        assert_eq!(r.lost_stack_weight, 11);
        assert_eq!(
            r.summary_line(),
            "events: 12,345 seen, 12,300 kept; lost stacks: 3 (-EFAULT x2, collisions 1) carrying \
             11; \
             2 truncated; unresolved: 4 frames, 25.0% of weight; map full: 7 updates dropped \
             (carrying 25, 20.0% of the weight), not in the graph (raise --map-entries); \
             time records dropped (ring buffer full): 3 carrying 3,000, in the graph but not in \
             the heatmap or flame chart; weird: 1"
        );
        assert_eq!(errno_name(-99), "-99");

        let mut both = LossReport::default();
        both.merge(&r);
        both.merge(&r);
        assert_eq!(both.events_seen, Some(24_690));
        assert_eq!(both.collisions, 2);
        assert_eq!(both.stack_errors.get(&-14), Some(&4));
        assert_eq!(both.other.get("weird"), Some(&2));
        assert_eq!(both.time_records_dropped_weight, 6_000);
        assert_eq!(both.unresolved_share(), 0.25);
        let mut none = LossReport::default();
        none.merge(&LossReport::default());
        assert_eq!(none.events_seen, None, "unmeasured stays unmeasured");
    }
}
