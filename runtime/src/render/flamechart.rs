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
