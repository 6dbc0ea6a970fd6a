//! Time views and symbolized replay (issue 21), end to end: `perf record` a workload, replay it
//! with `flamescript replay … -o`, and check the graphs against `perf report` and what the
//! workload does when: the sample count and top function of a CPU burn, the execs a tracepoint
//! recording holds, the band of a once-a-second burst in the FlameScope heatmap (and the flame
//! graph of that band as headless Chromium draws it), three phases in time order in a flame
//! chart, and the evented speedscope file in speedscope itself.
//!
//! `perf record -a` needs root: these tests skip without it unless FLAMESCRIPT_REQUIRE_KERNEL
//! is set. They load the CPUs (a recorded workload, Chromium), so each takes the kernel lock.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::check;
use crate::e2e::{flamescript, folded, text};
use crate::workloads::workload;

/// A fresh scratch directory under the target's temporary directory (kept for a person to
/// look at, e.g. the screenshots).
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("timeview")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("creating the scratch directory");
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// `perf record ARGS -o OUT -- WORKLOAD WARGS…`, asserted to succeed.
fn record(out: &Path, args: &[&str], name: &str, wargs: &[&str]) {
    let res = Command::new("perf")
        .arg("record")
        .arg("-q")
        .args(args)
        .arg("-o")
        .arg(out)
        .arg("--")
        .arg(workload(name))
        .args(wargs)
        .output()
        .expect("perf record runs");
    assert!(res.status.success(), "perf record: {res:?}");
}

/// `perf report --stdio` lines (comments dropped) with the given extra options.
fn perf_report(data: &Path, args: &[&str]) -> Vec<String> {
    let out = Command::new("perf")
        .args(["report", "--stdio", "-n", "-g", "none"])
        .args(args)
        .arg("-i")
        .arg(data)
        .output()
        .expect("perf report runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// (a) A 999 Hz recording of a 2 s burner, replayed to a folded file: the samples `perf
/// report` counts (± 2 %), and the same top function, named (symbolized from the recording's
/// mmap records), with main → spin_outer → burn_cpu as its stack.
#[test]
fn timeview_replay_of_burner_matches_perf_report_symbolized() {
    let test = "timeview_replay_of_burner_matches_perf_report_symbolized";
    if !check::kernel_tests_enabled(test) {
        return;
    }
    let _k = crate::kernel::lock();
    let dir = scratch(test);
    let data = dir.join("perf.data");
    record(&data, &["-F", "999", "-g"], "burner", &["2"]);
    let by_comm = perf_report(&data, &["--sort", "comm"]);
    let perf_samples: u64 = by_comm
        .iter()
        .filter_map(|l| l.split_whitespace().find_map(|w| w.parse::<u64>().ok()))
        .sum();
    assert!(perf_samples > 500, "burner ran 2 s at 999 Hz: {by_comm:?}");
    // `  99.60%  1985  [.] burn_cpu`: the heaviest symbol first.
    let by_sym = perf_report(&data, &["--no-children", "--sort", "sym"]);
    let perf_top = by_sym
        .first()
        .and_then(|l| l.split_whitespace().last())
        .expect("perf report names a symbol")
        .to_string();

    let out_folded = dir.join("cpu.folded");
    let svg = dir.join("cpu.svg");
    let pb = dir.join("cpu.pb.gz");
    let out = flamescript(&[
        "replay",
        s(&data),
        "-e",
        "profile < @[ustack] = count() >",
        "-o",
        s(&out_folded),
        "-o",
        s(&svg),
        "-o",
        s(&pb),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let stacks = folded(&out_folded);
    let total: u64 = stacks.iter().map(|(_, n)| n).sum();
    let diff = total.abs_diff(perf_samples) as f64 / perf_samples as f64;
    assert!(
        diff <= 0.02,
        "replayed {total} samples, perf report {perf_samples}"
    );
    let mut leaves: std::collections::HashMap<&str, u64> = Default::default();
    for (stack, n) in &stacks {
        *leaves
            .entry(stack.rsplit(';').next().unwrap_or(""))
            .or_default() += n;
    }
    let (top, top_n) = leaves.iter().max_by_key(|(_, n)| **n).expect("stacks");
    assert_eq!(
        *top, perf_top,
        "our top function vs perf report's: {stacks:?}"
    );
    assert_eq!(*top, "burn_cpu");
    assert!(*top_n * 10 >= total * 9, "burn_cpu is {top_n} of {total}");
    let chain = crate::e2e::weight(&stacks, |s| s.ends_with("main;spin_outer;burn_cpu"));
    assert!(chain * 10 >= total * 9, "{stacks:?}");
    let svg_text = std::fs::read_to_string(&svg).expect("the svg");
    assert!(svg_text.contains("burn_cpu"), "the SVG names burn_cpu");
    assert!(std::fs::metadata(&pb).expect("the pprof file").len() > 100);
}

/// (b) A system-wide `sched:sched_process_exec` recording during N execs: the tracepoint
/// clause, run over the recorded raw records, counts N execs of `true`; a probe the recording
/// cannot provide is refused (exit 2, a hint) and writes no file.
#[test]
fn timeview_tracepoint_replay_counts_the_execs() {
    let test = "timeview_tracepoint_replay_counts_the_execs";
    if !check::kernel_tests_enabled(test) {
        return;
    }
    let _k = crate::kernel::lock();
    let dir = scratch(test);
    let data = dir.join("exec.data");
    const N: u64 = 9;
    record(
        &data,
        &["-e", "sched:sched_process_exec", "-a"],
        "execer",
        &[&N.to_string()],
    );
    let out = flamescript(&[
        "replay",
        s(&data),
        "-e",
        "tracepoint:sched:sched_process_exec / comm == \"true\" / < @execs = count() >",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("@execs\ttotal {N}\t")),
        "{N} execs of `true`:\n{stdout}"
    );
    // By comm: the execer itself and its N children.
    let out = flamescript(&[
        "replay",
        s(&data),
        "-e",
        "tracepoint:sched:sched_process_exec < @[comm] = count() >",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));

    let svg = dir.join("never.svg");
    for script in [
        "offcpu < @[kstack] = sum(delta) >",
        "profile < @[ustack] = count() >",
        "tracepoint:sched:sched_switch < @[kstack] = count() >",
    ] {
        let out = flamescript(&["replay", s(&data), "-e", script, "-o", s(&svg)]);
        assert_eq!(out.status.code(), Some(2), "{script}: {}", text(&out));
        let all = String::from_utf8_lossy(&out.stdout);
        assert!(
            all.contains("a recording cannot provide") && all.contains("help:"),
            "{script}: {all}"
        );
        assert!(!svg.exists(), "{script}: a refused replay wrote a file");
    }
}

/// The heatmap page's embedded data (`<script id="data">`).
fn heat_data(page: &str) -> serde_json::Value {
    let start = page.find("id=\"data\">").expect("the data element") + "id=\"data\">".len();
    let end = start + page[start..].find("</script>").expect("its end");
    serde_json::from_str(&page[start..end]).expect("the data is JSON")
}

/// `(name, weight)` of each drawn frame of the selection's flame graph in a dumped DOM, and
/// the graph's total.
fn drawn_frames(dom: &str) -> (u64, Vec<(String, u64, Option<f64>)>) {
    let total = dom
        .split("data-total=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no flame graph drawn:\n{dom}"));
    let attr = |g: &str, name: &str| -> Option<String> {
        let key = format!("{name}=\"");
        let at = g.find(&key)? + key.len();
        Some(g[at..at + g[at..].find('"')?].to_string())
    };
    let frames = dom
        .split("<g class=\"frame\"")
        .skip(1)
        .filter_map(|g| {
            let head = &g[..g.find('>')?];
            Some((
                attr(head, "data-name")?,
                attr(head, "data-w")?.parse().ok()?,
                attr(head, "data-delta").and_then(|d| d.parse().ok()),
            ))
        })
        .collect();
    (total, frames)
}

/// (c) A workload that burns the first 200 ms of every second for 4 s: the heatmap's data has
/// its weight at offsets 0-200 ms; Chromium, given the band as a selection in the URL, draws a
/// flame graph dominated by `burst`, and "compare to the rest" draws it against the rest of
/// the time (where burst is most of the few samples too). A screenshot is kept for a person to look at.
#[test]
fn timeview_heatmap_shows_the_burst_band_and_its_flame_graph() {
    let test = "timeview_heatmap_shows_the_burst_band_and_its_flame_graph";
    if !check::kernel_tests_enabled(test) {
        return;
    }
    let Some(browser) = crate::cli::chromium(test) else {
        return;
    };
    let _k = crate::kernel::lock();
    let dir = scratch(test);
    let data = dir.join("bursty.data");
    record(&data, &["-F", "999", "-g"], "bursty", &["4"]);
    let html = dir.join("heat.html");
    let out = flamescript(&[
        "replay",
        s(&data),
        "-e",
        "profile < @[ustack] = count() >",
        "-o",
        s(&html),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    burst_band_checks(&html, &dir, &browser);
}

/// The heatmap page `html` of `bursty 4` (200 ms bursts at the start of every second, sampled
/// at 999 Hz): its weight in the band, the band's flame graph in Chromium dominated by `burst`,
/// the comparison and range selections, and a screenshot. Returns the page's total weight.
fn burst_band_checks(html: &Path, dir: &Path, browser: &Path) -> u64 {
    let page = std::fs::read_to_string(html).expect("the page");
    assert!(
        !page.contains(" src=") && !page.contains("href="),
        "self-contained"
    );

    // The data: weight per 20 ms row of offsets within each second.
    let d = heat_data(&page);
    let rows = d["rows"].as_u64().expect("rows") as usize;
    assert_eq!(rows, 50);
    let events = d["events"].as_array().expect("events");
    let mut per_row = vec![0u64; rows];
    let mut last_us = 0;
    for e in events.chunks(3) {
        let us = e[0].as_u64().expect("time");
        last_us = last_us.max(us);
        per_row[((us % 1_000_000) / 20_000) as usize] += e[2].as_u64().expect("weight");
    }
    let total: u64 = per_row.iter().sum();
    // The band: 0-200 ms, and the row before the next second's burst (the first sample, which
    // defines offset 0, comes a moment after the workload's own start).
    let band: u64 = per_row[..10].iter().sum::<u64>() + per_row[rows - 1];
    assert!(total > 400, "4 bursts of 200 ms at 999 Hz: {total} samples");
    assert!(
        band * 100 >= total * 95,
        "weight per 20 ms row: {per_row:?} (band {band} of {total})"
    );
    assert!(per_row[..10].iter().all(|&w| w > 0), "{per_row:?}");
    let cols = last_us / 1_000_000 + 1;
    assert!((4..=5).contains(&cols), "{cols} seconds");

    // The browser: select the band (every column, rows 0-9) from the URL; read the graph.
    let url = format!("file://{}#rect=0,0,{},9", s(html), cols - 1);
    let out = crate::cli::headless(
        browser,
        dir,
        &["--virtual-time-budget=5000", "--dump-dom", &url],
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("data-ready=\"1\""),
        "the page's script ran:\n{dom}"
    );
    let (drawn, frames) = drawn_frames(&dom);
    let burst: u64 = frames
        .iter()
        .filter(|(n, _, _)| n == "burst")
        .map(|(_, w, _)| w)
        .sum();
    assert!(
        drawn * 100 >= total * 90,
        "the band holds {drawn} of {total}"
    );
    assert!(
        burst * 100 >= drawn * 90,
        "burst is {burst} of the selection's {drawn}: {frames:?}"
    );
    assert!(
        dom.contains("no losses") || dom.contains("events:"),
        "the loss line"
    );

    // Compared to the rest (the 800 ms of rest and its wake-ups), burst's share is larger.
    let url = format!("file://{}#rect=0,0,{},9&compare", s(html), cols - 1);
    let out = crate::cli::headless(
        browser,
        dir,
        &["--virtual-time-budget=5000", "--dump-dom", &url],
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(dom.contains("data-mode=\"compare\""), "{dom}");
    let (_, frames) = drawn_frames(&dom);
    assert!(frames.iter().all(|(_, _, d)| d.is_some()), "{frames:?}");
    // The root is all of both; burst is most of both (the rest of the time is asleep, and the
    // next burst's first samples fall in the last row), so its share barely differs.
    let delta = |name: &str| {
        frames
            .iter()
            .find(|(n, _, _)| n == name)
            .and_then(|(_, _, d)| *d)
            .unwrap_or_else(|| panic!("{name} compared: {frames:?}"))
    };
    assert!(delta("all").abs() < 1e-9, "{frames:?}");
    // (A share of a handful of samples is noise: the rest holds only the workload's start and
    // what spilled past a burst's 200 ms, a few samples on a loaded machine.)
    if total - drawn >= 20 {
        assert!(delta("burst").abs() < 0.2, "{frames:?}");
    }

    // A time range (what a shift-click selects): from second 0's first row to second 1's
    // tenth, in time order: all 50 rows of second 0 and 10 of second 1.
    let url = format!("file://{}#range=0,0,1,9", s(html));
    let out = crate::cli::headless(
        browser,
        dir,
        &["--virtual-time-budget=5000", "--dump-dom", &url],
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(dom.contains("selection: 60 cells"), "{dom}");

    let png = dir.join("heat.png");
    let url = format!("file://{}#rect=0,0,{},9", s(html), cols - 1);
    crate::cli::headless(
        browser,
        dir,
        &[
            "--virtual-time-budget=5000",
            "--hide-scrollbars",
            "--window-size=1400,650",
            &format!("--screenshot={}", s(&png)),
            &url,
        ],
    );
    assert!(
        std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0) > 5000,
        "a screenshot"
    );
    total
}

/// A live run keeps each event's time too (issue 21: "events with their time, when asked"):
/// `-o heat.html` on a run of `bursty 4` gives the same band and band graph as a replay, and
/// the page's events add up exactly to the flame graph the same run wrote, which no record
/// was dropped from.
#[test]
fn timeview_live_run_heatmap_shows_the_burst_band() {
    let test = "timeview_live_run_heatmap_shows_the_burst_band";
    if !check::kernel_tests_enabled(test) {
        return;
    }
    let Some(browser) = crate::cli::chromium(test) else {
        return;
    };
    let _k = crate::kernel::lock();
    let dir = scratch(test);
    let html = dir.join("heat.html");
    let graph = dir.join("graph.folded");
    let cmd = format!("{} 4", workload("bursty").display());
    let out = flamescript(&[
        "-e",
        "profile hz 999 < @[ustack] = count() >",
        "-c",
        &cmd,
        "-o",
        s(&html),
        "-o",
        s(&graph),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let total = burst_band_checks(&html, &dir, &browser);
    let drawn: u64 = folded(&graph).iter().map(|(_, n)| n).sum();
    assert_eq!(total, drawn, "every sample has its time record");
    let page = std::fs::read_to_string(&html).expect("the page");
    assert!(!page.contains("time records dropped"), "{}", text(&out));
}

/// `--flamechart` on a live run: `phases 0.3`'s three phases in time order in the SVG and the
/// folded chart, each about a third.
#[test]
fn timeview_live_run_flame_chart_shows_three_phases_in_order() {
    let test = "timeview_live_run_flame_chart_shows_three_phases_in_order";
    if !check::kernel_tests_enabled(test) {
        return;
    }
    let _k = crate::kernel::lock();
    let dir = scratch(test);
    let svg = dir.join("chart.svg");
    let chart = dir.join("chart.folded");
    let cmd = format!("{} 0.3", workload("phases").display());
    let out = flamescript(&[
        "-e",
        "profile hz 999 < @[ustack] = count() >",
        "-c",
        &cmd,
        "--flamechart",
        "-o",
        s(&svg),
        "-o",
        s(&chart),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_three_phases(&svg, &chart);
}

/// Off-CPU time by time: `sleepy 5 100`'s five 100 ms sleeps are five events of ≈ 100 ms
/// each, in one thread, 100 ms apart; what has no time record (blocks below `min`, summed
/// per thread in the kernel) is said on the page, so the page's events and that note add up
/// to the graph's total exactly.
#[test]
fn timeview_live_run_offcpu_blocks_have_their_times() {
    let test = "timeview_live_run_offcpu_blocks_have_their_times";
    if !check::kernel_tests_enabled(test) {
        return;
    }
    let _k = crate::kernel::lock();
    let dir = scratch(test);
    let html = dir.join("heat.html");
    let graph = dir.join("graph.folded");
    let cmd = format!("{} 5 100", workload("sleepy").display());
    let out = flamescript(&[
        "-e",
        "offcpu min 1ms < @[ustack] = sum(delta) >",
        "-c",
        &cmd,
        "-o",
        s(&html),
        "-o",
        s(&graph),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let page = std::fs::read_to_string(&html).expect("the page");
    let d = heat_data(&page);
    let events = d["events"].as_array().expect("events");
    let long: Vec<(u64, u64)> = events
        .chunks(3)
        .map(|e| (e[0].as_u64().expect("time"), e[2].as_u64().expect("weight")))
        .filter(|(_, w)| (90_000_000..=150_000_000).contains(w))
        .collect();
    // (The main thread's join of the sleeper is one block of ≈ 500 ms, ending last.)
    assert_eq!(long.len(), 5, "five sleeps: {long:?}");
    for pair in long.windows(2) {
        let gap = pair[1].0 - pair[0].0;
        assert!(
            (90_000..=150_000).contains(&gap),
            "sleeps end ≈ 100 ms apart (µs): {long:?}"
        );
    }
    for (_, w) in &long {
        assert!((*w as f64 - 1e8).abs() < 1e7, "a sleep of {w} ns");
    }
    let on_page: u64 = events.chunks(3).map(|e| e[2].as_u64().unwrap_or(0)).sum();
    let drawn: u64 = folded(&graph).iter().map(|(_, n)| n).sum();
    let losses = d["losses"].as_str().expect("the loss line");
    let without: u64 = losses
        .split("weight without a time record (spans below min, summed per thread): ")
        .nth(1)
        .and_then(|r| r.split(';').next())
        .map_or(0, |n| n.replace(',', "").trim().parse().expect("a number"));
    assert_eq!(on_page + without, drawn, "{losses}");
}

/// A ring buffer too small for the event rate: every record it could not take is counted
/// with its weight, and the page's events plus those are exactly the graph's total.
#[test]
fn timeview_live_run_counts_every_dropped_time_record() {
    let test = "timeview_live_run_counts_every_dropped_time_record";
    if !check::kernel_tests_enabled(test) {
        return;
    }
    let _k = crate::kernel::lock();
    let dir = scratch(test);
    let html = dir.join("heat.html");
    let graph = dir.join("graph.folded");
    let cmd = format!("{} 20000", workload("touch").display());
    let out = flamescript(&[
        "-e",
        "pagefault user < @[ustack] = count() >",
        "-c",
        &cmd,
        "--time-buffer",
        "4096",
        "-o",
        s(&html),
        "-o",
        s(&graph),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let page = std::fs::read_to_string(&html).expect("the page");
    let d = heat_data(&page);
    let on_page: u64 = d["events"]
        .as_array()
        .expect("events")
        .chunks(3)
        .map(|e| e[2].as_u64().unwrap_or(0))
        .sum();
    let losses = d["losses"].as_str().expect("the loss line");
    let dropped: u64 = losses
        .split("time records dropped (ring buffer full): ")
        .nth(1)
        .and_then(|r| r.split(" carrying ").nth(1))
        .and_then(|r| {
            r.split(',')
                .collect::<String>()
                .split(' ')
                .next()
                .map(str::to_string)
        })
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no dropped records said: {losses}"));
    let drawn: u64 = folded(&graph).iter().map(|(_, n)| n).sum();
    assert!(drawn >= 20_000, "20 000 first touches: {drawn}");
    assert!(dropped > 0 && on_page > 0, "{losses}");
    assert_eq!(on_page + dropped, drawn, "{losses}");
    // The terminal's report says it too.
    assert!(
        text(&out).contains("time records dropped"),
        "{}",
        text(&out)
    );
}

/// `phases`' flame chart: the SVG draws phase_a, phase_b, phase_c left to right, each about a
/// third, and the folded chart keeps time order too (the phases' first lines come in order).
fn assert_three_phases(svg: &Path, folded_chart: &Path) {
    let chart = std::fs::read_to_string(svg).expect("the chart");
    let (a, b, c) = (
        frame_x(&chart, "phase_a"),
        frame_x(&chart, "phase_b"),
        frame_x(&chart, "phase_c"),
    );
    assert!(
        a < b && b < c,
        "phase_a at {a}%, phase_b at {b}%, phase_c at {c}%"
    );
    assert!(
        b > 20.0 && c > 50.0,
        "each phase about a third: {a} {b} {c}"
    );
    let lines = std::fs::read_to_string(folded_chart).expect("the folded chart");
    let first = |p: &str| lines.find(p).unwrap_or_else(|| panic!("{p} in {lines}"));
    assert!(first("phase_a") < first("phase_b") && first("phase_b") < first("phase_c"));
}

/// The x position (percent) of the first frame named `name` in an inferno SVG.
fn frame_x(svg: &str, name: &str) -> f64 {
    let at = svg
        .find(&format!("<title>{name} ("))
        .unwrap_or_else(|| panic!("no frame {name}"));
    let rest = &svg[at..];
    let x = rest.find("x=\"").expect("a rect") + 3;
    let v = &rest[x..x + rest[x..].find('"').expect("quote")];
    v.trim_end_matches('%').parse().expect("a number")
}

/// (d) and (e) A program with three phases in sequence: its flame chart draws phase_a, then
/// phase_b, then phase_c from left to right (a flame graph sorts them by name, which hides the
/// order); the speedscope JSON is an evented profile that speedscope loads, with each phase
/// a third of the time.
#[test]
fn timeview_flame_chart_shows_three_phases_in_order() {
    let test = "timeview_flame_chart_shows_three_phases_in_order";
    if !check::kernel_tests_enabled(test) {
        return;
    }
    let _k = crate::kernel::lock();
    let dir = scratch(test);
    let data = dir.join("phases.data");
    record(&data, &["-F", "999", "-g"], "phases", &["0.3"]);
    let svg = dir.join("chart.svg");
    let json = dir.join("chart.json");
    let chart_folded = dir.join("chart.folded");
    let out = flamescript(&[
        "replay",
        s(&data),
        "-e",
        "profile < @[ustack] = count() >",
        "--flamechart",
        "--title",
        "three phases",
        "-o",
        s(&svg),
        "-o",
        s(&json),
        "-o",
        s(&chart_folded),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_three_phases(&svg, &chart_folded);

    // The evented file: balanced, ordered events per thread.
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("the json")).expect("JSON");
    let profile = &doc["profiles"][0];
    assert_eq!(profile["type"], "evented");
    assert_eq!(profile["unit"], "nanoseconds");
    let mut open = Vec::new();
    let mut at = 0u64;
    for e in profile["events"].as_array().expect("events") {
        let t = e["at"].as_u64().expect("at");
        assert!(t >= at, "events in time order");
        at = t;
        match e["type"].as_str() {
            Some("O") => open.push(e["frame"].clone()),
            Some("C") => assert_eq!(open.pop(), Some(e["frame"].clone()), "closed in order"),
            other => panic!("event type {other:?}"),
        }
    }
    assert!(open.is_empty(), "every frame closed");

    // speedscope itself loads it; its sandwich table gives each phase about a third.
    let (Some(browser), Some(app)) = (crate::cli::chromium(test), crate::cli::speedscope_app(test))
    else {
        return;
    };
    let port = crate::cli::serve(vec![app, dir.clone()]);
    let url = format!(
        "http://127.0.0.1:{port}/index.html#profileURL=http://127.0.0.1:{port}/chart.json\
         &view=sandwich"
    );
    let dom = crate::cli::speedscope_dom(&browser, &dir, &url);
    assert!(
        dom.contains("<title>three phases - speedscope</title>"),
        "speedscope did not load the evented profile:\n{dom}"
    );
    // Each table row as its text (tags dropped): `300.31ms (33%) 0.00ns (<0.01%) phase_a`.
    let rows: Vec<String> = dom
        .split("<tr")
        .skip(1)
        .map(|row| {
            let mut text = String::new();
            let mut in_tag = false;
            for ch in row.chars() {
                match ch {
                    '<' => in_tag = true,
                    '>' => {
                        in_tag = false;
                        text.push(' ');
                    }
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text
        })
        .collect();
    for phase in ["phase_a", "phase_b", "phase_c"] {
        let row = rows
            .iter()
            .find(|r| r.split_whitespace().any(|w| w == phase))
            .unwrap_or_else(|| panic!("no {phase} in speedscope's table: {rows:?}"));
        // The first cell: the total time, `300.31ms (33%)`.
        let share: f64 = row
            .split('(')
            .nth(1)
            .and_then(|p| p.split('%').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("{phase}'s share in {row}"));
        assert!(
            (25.0..=42.0).contains(&share),
            "{phase}: {share}% of the time"
        );
    }
}

/// Time views need times: `render` refuses `.html` before anything runs, and `--flamechart`
/// refuses pprof and wants a file; each exits 2 with a hint and writes nothing.
#[test]
fn timeview_outputs_are_refused_where_there_are_no_times() {
    let dir = scratch("timeview_refusals");
    let html = dir.join("h.html");
    let folded_in = dir.join("in.folded");
    std::fs::write(&folded_in, "main;work 3\n").expect("input");
    let out = flamescript(&["render", s(&folded_in), "-o", s(&html)]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let all = String::from_utf8_lossy(&out.stdout);
    assert!(all.contains("keeps none"), "{all}");
    assert!(all.contains("flamescript replay"), "the hint: {all}");
    assert!(!html.exists());
    // A live run's --flamechart needs a file, and not pprof.
    let out = flamescript(&["-e", "profile < @[ustack] = count() >", "--flamechart"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("none was given"));
    let pb = dir.join("c.pb.gz");
    let out = flamescript(&[
        "replay",
        "/nonexistent/perf.data",
        "-e",
        "profile < @[ustack] = count() >",
        "--flamechart",
        "-o",
        s(&pb),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("keeps no order"));
    let out = flamescript(&[
        "replay",
        "/nonexistent/perf.data",
        "-e",
        "profile < @[ustack] = count() >",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(!pb.exists());
}
