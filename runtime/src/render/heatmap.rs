//! FlameScope's view of a [`Timeline`]: one self-contained HTML page (`-o heat.html`), no
//! network, the data embedded as JSON and the script (`heatmap.js`) and style inline.
//!
//! The page draws a subsecond-offset heatmap: a column per second since the first event, 50
//! rows of 20 ms (offset 0 at the top), each cell coloured by the weight of its events.
//! Selecting cells (a drag selects a rectangle, so a band of offsets across seconds; a
//! shift-click selects the time range from the last cell clicked, in time order) draws beside
//! it the flame graph of just those events, with their total and the map's loss line; "compare
//! to the rest" colours that graph by how much larger (red) or smaller (blue) each frame's share
//! is in the selection than in the unselected time (both normalized to their totals). The URL's
//! hash can apply a selection (`#rect=S0,R0,S1,R1`, `#range=…`, `&compare`), which is how the
//! tests drive it in headless Chromium; the drawn graph's frames carry `data-name`/`data-w`.

use compiler::types::Unit;

use crate::frame::FrameKind;
use crate::timeline::Timeline;

#[derive(Debug, thiserror::Error)]
pub enum HeatmapError {
    #[error("nothing to draw: no event added to the map")]
    Empty,
}

/// Rows of a column: 50 rows of 20 ms.
pub const ROWS: u64 = 50;
/// Each row's share of a second, in nanoseconds.
pub const ROW_NS: u64 = 1_000_000_000 / ROWS;

const SCRIPT: &str = include_str!("heatmap.js");

/// The page.
pub fn render(timeline: &Timeline, title: &str) -> Result<Vec<u8>, HeatmapError> {
    if timeline.events.is_empty() {
        return Err(HeatmapError::Empty);
    }
    let data = data_json(timeline, title);
    let title = xml_escape(title);
    let page = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>{title}</title>\n\
         <style>{STYLE}</style></head>\n<body>\n<h1>{title}</h1>\n\
         <p id=\"help\">Drag over cells to select a rectangle (a band of offsets across \
         seconds); shift-click to select the time range from the last cell clicked. \
         Columns are seconds, rows 20 ms offsets within each second.</p>\n\
         <div id=\"views\"><div id=\"left\"><svg id=\"heat\"></svg><div id=\"scale\"></div></div>\
         <div id=\"right\"><div id=\"controls\"><button id=\"compare\" disabled>compare to the rest\
         </button> <button id=\"clear\">clear</button></div>\
         <div id=\"summary\">select cells to draw their flame graph</div>\
         <div id=\"losses\"></div><svg id=\"flame\"></svg></div></div>\n\
         <script type=\"application/json\" id=\"data\">{data}</script>\n\
         <script>{SCRIPT}</script>\n</body></html>\n"
    );
    Ok(page.into_bytes())
}

const STYLE: &str = "body{font-family:Verdana,sans-serif;font-size:12px;margin:10px;color:#222}\
h1{font-size:16px;margin:0 0 4px}#help{color:#666;margin:0 0 8px}\
#views{display:flex;gap:16px;align-items:flex-start}#heat{user-select:none}\
#heat rect.cell{stroke:#fff;stroke-width:0.5}#heat rect.sel{stroke:#1a56db;stroke-width:2}\
#flame text{font-size:11px;pointer-events:none}#flame g.frame:hover rect{stroke:#000}\
#summary{font-weight:bold;margin:6px 0 2px}#losses{color:#666;margin-bottom:6px;max-width:900px}\
button{font-size:12px}";

/// The embedded data: frames (name, kind), stacks (frame ids root first), events flattened
/// as `[µs since the first event's second, stack, weight]`, the unit and the loss line.
fn data_json(t: &Timeline, title: &str) -> String {
    use std::fmt::Write;
    let mut frames: Vec<(String, &'static str)> = Vec::new();
    let mut ids: std::collections::HashMap<(String, &'static str), usize> = Default::default();
    let mut stacks = String::from("[");
    for (i, stack) in t.stacks.iter().enumerate() {
        if i > 0 {
            stacks.push(',');
        }
        stacks.push('[');
        for (j, f) in stack.iter().enumerate() {
            let key = (f.folded_name().into_owned(), kind_name(f.kind));
            let id = *ids.entry(key.clone()).or_insert_with(|| {
                frames.push(key);
                frames.len() - 1
            });
            if j > 0 {
                stacks.push(',');
            }
            let _ = write!(stacks, "{id}");
        }
        stacks.push(']');
    }
    stacks.push(']');
    let mut frames_json = String::from("[");
    for (i, (name, kind)) in frames.iter().enumerate() {
        if i > 0 {
            frames_json.push(',');
        }
        let _ = write!(frames_json, "[{},\"{kind}\"]", json_str(name));
    }
    frames_json.push(']');
    // Seconds count from the first event's time: its second is column 0 and its offset row
    // 0 is its own time (a recording starts when its command does, so a workload's phases
    // line up with rows).
    let t0 = t.start_ns();
    let mut events = String::from("[");
    for (i, e) in t.events.iter().enumerate() {
        if i > 0 {
            events.push(',');
        }
        let us = (e.time_ns - t0) / 1_000;
        let _ = write!(events, "{us},{},{}", e.stack, e.weight);
    }
    events.push(']');
    let (kind, scale) = match t.unit {
        Unit::Plain => ("plain", 1),
        Unit::Time { scale } => ("time", scale),
        Unit::Bytes { scale } => ("bytes", scale),
    };
    format!(
        "{{\"title\":{},\"unit\":{{\"kind\":\"{kind}\",\"scale\":{scale},\"name\":{}}},\
         \"losses\":{},\"rows\":{ROWS},\"frames\":{frames_json},\"stacks\":{stacks},\
         \"events\":{events}}}",
        json_str(title),
        json_str(&t.value_name),
        json_str(&t.losses.summary_line()),
    )
}

fn kind_name(kind: FrameKind) -> &'static str {
    match kind {
        FrameKind::Root => "root",
        FrameKind::User => "user",
        FrameKind::Kernel => "kernel",
        FrameKind::Inlined => "inlined",
        FrameKind::Unknown => "unknown",
        FrameKind::Marker => "marker",
    }
}

/// A JSON string that is also safe inside a `<script>` element (no `<`, `>` or `&` as such).
fn json_str(text: &str) -> String {
    let mut res = String::with_capacity(text.len() + 2);
    res.push('"');
    for c in text.chars() {
        match c {
            '"' => res.push_str("\\\""),
            '\\' => res.push_str("\\\\"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                res.push_str(&format!("\\u{:04x}", c as u32));
            }
            c if (c as u32) < 0x20 => res.push_str(&format!("\\u{:04x}", c as u32)),
            c => res.push(c),
        }
    }
    res.push('"');
    res
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::Frame;
    use crate::losses::LossReport;
    use crate::timeline::{Thread, TimedEvent};

    #[test]
    fn page_embeds_the_data_safely_and_needs_no_network() {
        let t = Timeline {
            stacks: vec![vec![
                Frame::new("main", FrameKind::User),
                Frame::new("</script><b>", FrameKind::User),
            ]],
            threads: vec![Thread {
                pid: 1,
                tid: 1,
                comm: "x".into(),
            }],
            events: vec![TimedEvent {
                time_ns: 5_000_000_000,
                thread: 0,
                stack: 0,
                weight: 3,
                span_ns: 0,
            }],
            unit: Unit::Plain,
            value_name: "samples".into(),
            losses: LossReport::default(),
        };
        let page = String::from_utf8(render(&t, "a <title>").unwrap()).unwrap();
        assert_eq!(page.matches("</script>").count(), 2, "{page}");
        assert!(page.contains("\\u003c/script\\u003e\\u003cb\\u003e"));
        assert!(page.contains("\"events\":[0,0,3]"));
        // Nothing fetched: no element loads a resource (the SVG namespace is only a name).
        assert!(!page.contains(" src=") && !page.contains("href=") && !page.contains("@import"));
        assert!(page.contains("<title>a &lt;title&gt;</title>"));
        let empty = Timeline {
            events: Vec::new(),
            ..t
        };
        assert!(render(&empty, "x").is_err());
    }
}
