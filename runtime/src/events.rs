//! Time records of a live run (issue 21): the events of a flame-graph map, each with its time,
//! thread, weight and key, as the programs send them into the `fs_events` ring buffer when the
//! run writes a time view (`compiler::lower::Options::events`). A thread drains the buffer
//! while the run goes on; what it gathers is what [`crate::timeline::build`] turns into the
//! heatmap's and the flame chart's events, exactly as a replay's kept events are.
//!
//! Records the kernel could not place (the buffer was full) are counted by the programs
//! themselves (`time_records_dropped`, with their weight) and reach the loss report with the
//! other counters; this side counts records it could not read (`malformed`).

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use aya::maps::{Map, MapData, RingBuf};

use crate::error::RuntimeError;
use crate::session::Session;
use crate::timeline::KeyedEvent;

/// What the reader gathered for one map.
#[derive(Debug, Default)]
pub struct KeptEvents {
    /// The map's index in `Artifact::maps` whose events these are.
    pub map: usize,
    /// Distinct keys, in the order first seen; `KeyedEvent::key` indexes this.
    pub keys: Vec<Vec<u8>>,
    pub events: Vec<KeyedEvent>,
    /// Records too short for their header or key (never expected; counted, not guessed at).
    pub malformed: u64,
}

/// The reading thread; [`EventReader::finish`] drains what is left and returns the events.
pub struct EventReader {
    stop: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<KeptEvents>,
}

impl EventReader {
    /// Starts reading the session's ring buffer, keeping the records of map `map`. `None`
    /// when the object has no ring buffer (the run keeps no times).
    pub fn start(session: &Session, map: usize) -> Result<Option<EventReader>, RuntimeError> {
        let name = compiler::lower::EVENTS_MAP;
        if !session.artifact().maps.iter().any(|m| m.name == name) {
            return Ok(None);
        }
        let fd = session.handle(name)?.into_fd();
        let failed = |reason: String| RuntimeError::ReadMap {
            map: name.to_string(),
            reason,
        };
        let data = MapData::from_fd(fd).map_err(|e| failed(e.to_string()))?;
        let mut ring = RingBuf::try_from(Map::RingBuf(data)).map_err(|e| failed(e.to_string()))?;
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("fs-events".into())
            .spawn(move || {
                let mut kept = Gather::new(map);
                loop {
                    // Read the flag first: after it is set, one more drain takes every record
                    // the (detached) programs wrote.
                    let last = stopping.load(Ordering::Acquire);
                    while let Some(item) = ring.next() {
                        kept.record(&item);
                    }
                    if last {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
                kept.finish()
            })
            .map_err(|e| failed(format!("cannot start its reader: {e}")))?;
        Ok(Some(EventReader { stop, thread }))
    }

    /// Call after the programs are detached: the last records are read, then the thread ends.
    /// A reader that panicked is an error, not a run with no times.
    pub fn finish(self) -> Result<KeptEvents, RuntimeError> {
        self.stop.store(true, Ordering::Release);
        self.thread.join().map_err(|panic| {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".into());
            RuntimeError::ReadMap {
                map: compiler::lower::EVENTS_MAP.to_string(),
                reason: format!("its reader thread failed ({why}); the run's times are lost"),
            }
        })
    }
}

/// Parses records into events with their keys numbered.
struct Gather {
    kept: KeptEvents,
    index: HashMap<Vec<u8>, u32>,
}

impl Gather {
    fn new(map: usize) -> Gather {
        Gather {
            kept: KeptEvents {
                map,
                ..KeptEvents::default()
            },
            index: HashMap::new(),
        }
    }

    /// One record (`compiler::lower::EVENT_HEADER`'s layout).
    fn record(&mut self, rec: &[u8]) {
        let header = compiler::lower::EVENT_HEADER as usize;
        let word = |at: usize| u64::from_le_bytes(rec[at..at + 8].try_into().unwrap_or([0; 8]));
        if rec.len() < header {
            self.kept.malformed += 1;
            return;
        }
        let tag = word(48);
        let (map, key_size) = ((tag & 0xffff_ffff) as usize, (tag >> 32) as usize);
        if map != self.kept.map {
            return;
        }
        let Some(key) = rec.get(header..header + key_size) else {
            self.kept.malformed += 1;
            return;
        };
        let next = self.kept.keys.len() as u32;
        let key = *self.index.entry(key.to_vec()).or_insert_with(|| {
            self.kept.keys.push(key.to_vec());
            next
        });
        let thread = word(8);
        let mut comm = [0u8; 16];
        comm.copy_from_slice(&rec[16..32]);
        self.kept.events.push(KeyedEvent {
            time_ns: word(0),
            pid: (thread >> 32) as u32,
            tid: thread as u32,
            comm,
            key,
            weight: word(32),
            span_ns: word(40),
        });
    }

    fn finish(self) -> KeptEvents {
        self.kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(time: u64, pid: u32, tid: u32, map: u32, key: &[u8], weight: u64) -> Vec<u8> {
        let mut r = Vec::new();
        r.extend_from_slice(&time.to_le_bytes());
        r.extend_from_slice(&(u64::from(pid) << 32 | u64::from(tid)).to_le_bytes());
        let mut comm = [0u8; 16];
        comm[..4].copy_from_slice(b"burn");
        r.extend_from_slice(&comm);
        r.extend_from_slice(&weight.to_le_bytes());
        r.extend_from_slice(&1_000_000u64.to_le_bytes());
        r.extend_from_slice(&(u64::from(map) | (key.len() as u64) << 32).to_le_bytes());
        r.extend_from_slice(key);
        r.resize(r.len().next_multiple_of(8), 0);
        r
    }

    #[test]
    fn records_become_events_with_numbered_keys() {
        let mut g = Gather::new(2);
        g.record(&rec(
            10,
            7,
            8,
            2,
            &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
            1,
        ));
        g.record(&rec(20, 7, 9, 2, &[9; 12], 5));
        g.record(&rec(
            30,
            7,
            8,
            2,
            &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
            1,
        ));
        // Another map's record, and a truncated one.
        g.record(&rec(40, 7, 8, 3, &[0; 8], 1));
        g.record(&[0u8; 20]);
        let kept = g.finish();
        assert_eq!(kept.keys.len(), 2);
        assert_eq!(
            kept.keys[0].len(),
            12,
            "the key's own size, not its padding"
        );
        let keys: Vec<u32> = kept.events.iter().map(|e| e.key).collect();
        assert_eq!(keys, [0, 1, 0]);
        let e = &kept.events[1];
        assert_eq!((e.time_ns, e.pid, e.tid, e.weight), (20, 7, 9, 5));
        assert_eq!(e.span_ns, 1_000_000);
        assert_eq!(&e.comm[..5], b"burn\0");
        assert_eq!(kept.malformed, 1);
    }
}
