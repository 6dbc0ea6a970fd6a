//! Flame charts of a [`Timeline`] (`-o chart.svg --flamechart`): frames ordered by time per
//! thread, FlameGraph's `--flamechart` semantics (the x axis is time, not the alphabet;
//! consecutive samples whose stacks share a prefix merge into one frame), drawn by inferno
//! with our subtitle and colours (`svg::render_chart`). Each thread is a root frame
//! (`comm-tid`), threads side by side in the order they first ran; within a thread a run of
//! identical stacks is one line, so the chart stays as small as the stacks allow.

use crate::fold::Profile;
use crate::render::svg::{self, SvgConfig, SvgError};
use crate::timeline::{self, Timeline};

/// The chart's folded lines in time order, and the thread frames' texts.
pub fn lines(t: &Timeline) -> (Vec<String>, Vec<String>) {
    let mut lines = Vec::new();
    let mut roots = Vec::new();
    let texts: Vec<String> = t
        .stacks
        .iter()
        .map(|frames| {
            frames
                .iter()
                .map(|f| f.folded_name().into_owned())
                .collect::<Vec<_>>()
                .join(";")
        })
        .collect();
    for (thread, runs) in timeline::runs(t) {
        let th = &t.threads[thread as usize];
        let root = format!("{}-{}", th.comm.replace(';', ":"), th.tid);
        for run in runs {
            let (text, weight) = (&texts[run.stack as usize], run.weight);
            if text.is_empty() {
                lines.push(format!("{root} {weight}"));
            } else {
                lines.push(format!("{root};{text} {weight}"));
            }
        }
        roots.push(root);
    }
    (lines, roots)
}

/// The SVG.
pub fn render(t: &Timeline, config: &SvgConfig) -> Result<Vec<u8>, SvgError> {
    let (lines, roots) = lines(t);
    // The subtitle's total and losses: one stack of the whole weight stands for the profile.
    let profile = Profile {
        stacks: vec![(Vec::new(), t.total())],
        unit: t.unit,
        value_name: t.value_name.clone(),
        losses: t.losses.clone(),
        sites: Vec::new(),
    };
    svg::render_chart(&profile, &lines, &roots, config)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::{Frame, FrameKind};
    use crate::losses::LossReport;
    use crate::timeline::{Thread, TimedEvent};
    use compiler::types::Unit;

    #[test]
    fn lines_keep_time_order_per_thread_and_the_chart_draws_it_left_to_right() {
        let f = |n: &str| Frame::new(n, FrameKind::User);
        let ev = |t: u64, thread: u32, stack: u32| TimedEvent {
            time_ns: t,
            thread,
            stack,
            weight: 1,
            span_ns: 1,
        };
        let t = Timeline {
            stacks: vec![vec![f("main"), f("phase_b")], vec![f("main"), f("phase_a")]],
            threads: vec![Thread {
                pid: 7,
                tid: 7,
                comm: "app".into(),
            }],
            events: vec![ev(0, 0, 1), ev(1, 0, 1), ev(2, 0, 0)],
            unit: Unit::Plain,
            value_name: "samples".into(),
            losses: LossReport::default(),
        };
        let (lines, roots) = lines(&t);
        assert_eq!(lines, ["app-7;main;phase_a 2", "app-7;main;phase_b 1"]);
        assert_eq!(roots, ["app-7"]);
        let svg = String::from_utf8(render(&t, &SvgConfig::new("t")).unwrap()).unwrap();
        let x = |name: &str| {
            let at = svg.find(&format!("<title>{name} (")).unwrap();
            let rest = &svg[at..];
            let v = &rest[rest.find("x=\"").unwrap() + 3..];
            v[..v.find('%').unwrap()].parse::<f64>().unwrap()
        };
        assert!(x("phase_a") < x("phase_b"), "{svg}");
    }
}
