//! End-to-end CLI: the built binary run with real arguments, checked by exit code, stderr and
//! the files it leaves. The error cases matter as much as the happy path: a refused command
//! exits 2 and creates no file. Nothing here needs root or the kernel.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use prost::Message;

const FOLDED: &str = "\
main;parse;lex 30
main;parse 10
main;render;svg_write 50
kworker;worker_thread_[k];schedule_[k] 10
";

/// A fresh, empty directory for one test under cargo's per-target scratch directory.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("creating the scratch directory");
    dir
}

fn flamescript(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flamescript"))
        .args(args)
        .output()
        .expect("running flamescript")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The names in a directory, sorted (hidden temporary files included).
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("reading the scratch directory")
        .map(|e| {
            e.expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("scratch paths are UTF-8")
}

#[test]
fn render_writes_every_format_at_once() {
    let dir = scratch("render_formats");
    let input = dir.join("in.folded");
    std::fs::write(&input, FOLDED).expect("writing the input");
    let outs = ["out.svg", "out.folded", "out.pb.gz", "out.json"].map(|n| dir.join(n));
    let mut args = vec!["render", path_str(&input), "--title", "parser & renderer"];
    for o in &outs {
        args.extend(["-o", path_str(o)]);
    }
    let out = flamescript(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // SVG: our title (XML-escaped), our frames, and the kernel suffix turned into colour.
    let svg = std::fs::read_to_string(&outs[0]).expect("the SVG");
    assert!(svg.starts_with("<?xml"), "{}", &svg[..80.min(svg.len())]);
    assert!(svg.contains("parser &amp; renderer"), "title missing");
    for frame in ["svg_write", "lex", "schedule", "kworker"] {
        assert!(svg.contains(frame), "frame `{frame}` missing from the SVG");
    }
    assert!(svg.contains("total 100 samples"), "subtitle missing");

    // Folded: the same stacks back, sorted.
    let folded = std::fs::read_to_string(&outs[1]).expect("the folded file");
    let mut expected: Vec<&str> = FOLDED.lines().collect();
    expected.sort();
    assert_eq!(folded.lines().collect::<Vec<_>>(), expected);

    // pprof: gzip, then a profile with our four samples and weights adding to 100.
    let gz = std::fs::read(&outs[2]).expect("the pprof file");
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut bytes)
        .expect("gzip");
    let pb = runtime::render::pprof::PbProfile::decode(&bytes[..]).expect("a pprof message");
    assert_eq!(pb.sample.len(), 4);
    let total: i64 = pb.sample.iter().map(|s| s.value[0]).sum();
    assert_eq!(total, 100);
    assert!(pb.string_table.iter().any(|s| s == "svg_write"));
    assert!(pb.string_table.iter().any(|s| s == "parser & renderer"));

    // speedscope: valid JSON, one sampled profile, frames root first.
    let json = std::fs::read_to_string(&outs[3]).expect("the JSON");
    let doc: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let profile = &doc["profiles"][0];
    assert_eq!(profile["type"], "sampled");
    assert_eq!(profile["unit"], "none");
    assert_eq!(profile["endValue"], 100);
    let frames = doc["shared"]["frames"].as_array().expect("frames");
    let samples = profile["samples"].as_array().expect("samples");
    let first_frame = |s: &serde_json::Value| {
        let idx = s[0].as_u64().expect("an index") as usize;
        frames[idx]["name"].as_str().expect("a name").to_string()
    };
    let roots: Vec<String> = samples.iter().map(first_frame).collect();
    assert!(
        roots.iter().all(|r| r == "main" || r == "kworker"),
        "{roots:?}"
    );

    // No temporary file left beside the outputs.
    assert_eq!(
        listing(&dir),
        [
            "in.folded",
            "out.folded",
            "out.json",
            "out.pb.gz",
            "out.svg"
        ]
    );
}

#[test]
fn render_reads_standard_input() {
    let dir = scratch("render_stdin");
    let out_path = dir.join("out.folded");
    let mut child = Command::new(env!("CARGO_BIN_EXE_flamescript"))
        .args(["render", "-", "-o", path_str(&out_path)])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("running flamescript");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), b"a;b 2\na;b 3\n")
        .expect("writing stdin");
    let out = child.wait_with_output().expect("waiting");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&out_path).expect("the output"),
        "a;b 5\n"
    );
}

#[test]
fn unknown_extension_exits_2_and_creates_nothing() {
    let dir = scratch("unknown_ext");
    let input = dir.join("in.folded");
    std::fs::write(&input, FOLDED).expect("writing the input");
    let good = dir.join("good.svg");
    let bad = dir.join("bad.png");
    let out = flamescript(&[
        "render",
        path_str(&input),
        "-o",
        path_str(&good),
        "-o",
        path_str(&bad),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad.png"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(".pb.gz"),
        "the help lists the formats"
    );
    assert_eq!(
        listing(&dir),
        ["in.folded"],
        "no output, not even the good one"
    );
}

#[test]
fn unwritable_output_exits_2_and_leaves_nothing() {
    let dir = scratch("unwritable");
    let input = dir.join("in.folded");
    std::fs::write(&input, FOLDED).expect("writing the input");

    // A directory nobody may create files in, root included.
    let out = flamescript(&[
        "render",
        path_str(&input),
        "-o",
        "/proc/flamescript-test.svg",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot create a file in `/proc`"),
        "{}",
        stderr(&out)
    );

    // The file can be created but not put in place (a directory has its name): the temporary
    // file must not be left behind.
    let target = dir.join("taken.svg");
    std::fs::create_dir(&target).expect("creating the obstacle");
    let out = flamescript(&["render", path_str(&input), "-o", path_str(&target)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("taken.svg"), "{}", stderr(&out));
    assert_eq!(listing(&dir), ["in.folded", "taken.svg"]);

    // A directory that does not exist is refused before anything is read or written.
    let missing = dir.join("no/such/dir/out.svg");
    let out = flamescript(&["render", path_str(&input), "-o", path_str(&missing)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("does not exist"), "{}", stderr(&out));
}

// An output path that cannot be written is refused before anything is traced: a run is never
// made only to be lost at the end.
#[test]
fn unwritable_output_is_refused_before_tracing() {
    let dir = scratch("refused_before_tracing");
    let taken = dir.join("taken.svg");
    std::fs::create_dir(&taken).expect("creating the obstacle");
    let script = "profile hz 99 < @[kstack] = count() >";
    for path in [path_str(&taken), "/proc/out.svg"] {
        let started = std::time::Instant::now();
        let out = flamescript(&["-e", script, "-d", "10s", "-o", path]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("cannot write"), "{}", stderr(&out));
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "refused only after tracing"
        );
    }
    assert_eq!(listing(&dir), ["taken.svg"]);
}

#[test]
fn malformed_folded_input_exits_2_naming_the_line() {
    let dir = scratch("malformed");
    let input = dir.join("in.folded");
    std::fs::write(&input, "a;b 1\nnot a count here\n").expect("writing the input");
    let svg = dir.join("out.svg");
    let out = flamescript(&["render", path_str(&input), "-o", path_str(&svg)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("line 2"), "{}", stderr(&out));
    assert!(!svg.exists());

    // Nothing to draw: the SVG cannot be made, so not even the folded file is written.
    std::fs::write(&input, "").expect("emptying the input");
    let folded = dir.join("out.folded");
    let out = flamescript(&[
        "render",
        path_str(&input),
        "-o",
        path_str(&folded),
        "-o",
        path_str(&svg),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nothing to draw"), "{}", stderr(&out));
    assert_eq!(listing(&dir), ["in.folded"]);
}

#[test]
fn check_names_the_span_and_the_suggestion() {
    let out = flamescript(&["--check", "-e", "offcpu < @[kstack] = sum(dleta) >"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("unknown builtin `dleta`"), "{err}");
    // The span: file, line and column of `dleta`, and the caret under it.
    assert!(err.contains("-e:1:26"), "{err}");
    assert!(err.contains("^^^^^"), "{err}");
    assert!(err.contains("did you mean `delta`?"), "{err}");
}

#[test]
fn a_pid_that_does_not_exist_exits_2() {
    let out = flamescript(&["-e", "profile < @[kstack] = count() >", "-p", "999999999"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no process with pid 999999999"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_missing_script_file_exits_2() {
    let dir = scratch("missing_script");
    let script = dir.join("nope.fs");
    let out = flamescript(&[path_str(&script)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope.fs"), "{}", stderr(&out));
    let svg = dir.join("x.svg");
    let missing_input = flamescript(&[
        "render",
        path_str(&dir.join("nope.folded")),
        "-o",
        path_str(&svg),
    ]);
    assert_eq!(missing_input.status.code(), Some(2));
    assert_eq!(
        listing(&dir),
        Vec::<String>::new(),
        "nothing written for a missing input"
    );
}

#[test]
fn outputs_go_to_the_sudo_user() {
    use std::os::unix::fs::MetadataExt;
    let dir = scratch("sudo_chown");
    let input = dir.join("in.folded");
    std::fs::write(&input, FOLDED).expect("writing the input");
    let svg = dir.join("out.svg");
    let out = Command::new(env!("CARGO_BIN_EXE_flamescript"))
        .args(["render", path_str(&input), "-o", path_str(&svg)])
        .env("SUDO_UID", "65534")
        .env("SUDO_GID", "65533")
        .output()
        .expect("running flamescript");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let meta = std::fs::metadata(&svg).expect("the SVG exists");
    // Only root may give a file away; anyone else keeps it (and the run still succeeds).
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let root = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|ids| ids.split_whitespace().nth(1))
        == Some("0");
    let mine = std::fs::metadata(&input).expect("the input").uid();
    let expected = if root {
        (65534, 65533)
    } else {
        (mine, meta.gid())
    };
    assert_eq!((meta.uid(), meta.gid()), expected);
}

// See: issue 11 — `flamescript diff`: a frame whose share tripled is red, with its parent; a
// vanished frame is still drawn; a wrong extension is refused with nothing written.
#[test]
fn diff_writes_an_honest_differential_svg() {
    let dir = scratch("diff");
    let (a, b, out) = (
        dir.join("a.folded"),
        dir.join("b.folded"),
        dir.join("d.svg"),
    );
    std::fs::write(&a, "main;a;b 100\nmain;a;c 100\nmain;gone 800\n").unwrap();
    std::fs::write(&b, "main;a;b 3000\nmain;a;c 1000\nmain;new 6000\n").unwrap();
    let res = flamescript(&["diff", path_str(&a), path_str(&b), "-o", path_str(&out)]);
    assert!(res.status.success(), "{}", stderr(&res));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains(">b<") || svg.contains("b ("), "frame b drawn");
    assert!(svg.contains("gone"), "the vanished frame is drawn");
    assert!(svg.contains("rgb(255,"), "growth is drawn red");
    let png = dir.join("d.png");
    let res = flamescript(&["diff", path_str(&a), path_str(&b), "-o", path_str(&png)]);
    assert_eq!(res.status.code(), Some(2), "{}", stderr(&res));
    assert!(!png.exists());
}

// See: issue 11 — our pprof files are inputs too: folded → pprof → folded is exact, and
// `diff` takes a pprof file as either side.
#[test]
fn pprof_files_are_inputs_to_render_and_diff() {
    let dir = scratch("pprof_in");
    let (folded_in, pb, back, d) = (
        dir.join("in.folded"),
        dir.join("p.pb.gz"),
        dir.join("back.folded"),
        dir.join("d.svg"),
    );
    let text = "k1_[k];k2_[k] 50\nmain;a;b 300\nmain;a;c 100\nmain;e 600\n";
    std::fs::write(&folded_in, text).unwrap();
    let res = flamescript(&["render", path_str(&folded_in), "-o", path_str(&pb)]);
    assert!(res.status.success(), "{}", stderr(&res));
    let res = flamescript(&["render", path_str(&pb), "-o", path_str(&back)]);
    assert!(res.status.success(), "{}", stderr(&res));
    assert_eq!(std::fs::read_to_string(&back).unwrap(), text);
    let res = flamescript(&[
        "diff",
        path_str(&folded_in),
        path_str(&pb),
        "-o",
        path_str(&d),
    ]);
    assert!(res.status.success(), "{}", stderr(&res));
    assert!(std::fs::read_to_string(&d).unwrap().contains("<svg"));
    std::fs::write(dir.join("junk.pb.gz"), b"not a profile").unwrap();
    let res = flamescript(&[
        "render",
        path_str(&dir.join("junk.pb.gz")),
        "-o",
        path_str(&dir.join("j.svg")),
    ]);
    assert_eq!(res.status.code(), Some(2), "{}", stderr(&res));
}

/// The decoded pprof message of a `.pb.gz` file.
fn pprof_message(path: &Path) -> runtime::render::pprof::PbProfile {
    let gz = std::fs::read(path).expect("the pprof file");
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut bytes)
        .expect("gzip");
    runtime::render::pprof::PbProfile::decode(&bytes[..]).expect("a pprof message")
}

// See: #20
#[test]
fn issue_20_render_keeps_fractional_weights_exactly_in_every_format() {
    let dir = scratch("render_fractions");
    let input = dir.join("in.folded");
    std::fs::write(&input, "main;foo 1.5\nmain;bar 0.25\nmain;baz 2\n").unwrap();
    let outs = ["o.svg", "o.folded", "o.pb.gz", "o.json"].map(|n| dir.join(n));
    let mut args = vec!["render", path_str(&input)];
    for o in &outs {
        args.extend(["-o", path_str(o)]);
    }
    let out = flamescript(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let svg = std::fs::read_to_string(&outs[0]).unwrap();
    assert!(svg.contains("<title>foo (1.5 samples,"), "SVG tooltip");
    assert!(svg.contains("<title>bar (0.25 samples,"), "SVG tooltip");
    assert!(svg.contains("total 3.75 samples"), "SVG subtitle");
    assert_eq!(
        std::fs::read_to_string(&outs[1]).unwrap(),
        "main;bar 0.25\nmain;baz 2\nmain;foo 1.5\n"
    );
    let pb = pprof_message(&outs[2]);
    let unit = &pb.string_table[pb.sample_type[0].unit as usize];
    assert_eq!(unit, "count/100", "pprof values are hundredths");
    let mut values: Vec<i64> = pb.sample.iter().map(|s| s.value[0]).collect();
    values.sort();
    assert_eq!(values, [25, 150, 200]);
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&outs[3]).unwrap()).unwrap();
    assert_eq!(doc["profiles"][0]["endValue"], 3.75);
    let mut weights: Vec<f64> = doc["profiles"][0]["weights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_f64().unwrap())
        .collect();
    weights.sort_by(f64::total_cmp);
    assert_eq!(weights, [0.25, 1.5, 2.0]);
    // And back: the pprof file renders to the same folded text.
    let back = dir.join("back.folded");
    let out = flamescript(&["render", path_str(&outs[2]), "-o", path_str(&back)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&back).unwrap(),
        "main;bar 0.25\nmain;baz 2\nmain;foo 1.5\n"
    );
}

// See: #20
#[test]
fn issue_20_render_draws_inverted_at_a_width_with_a_title() {
    let dir = scratch("render_look");
    let input = dir.join("in.folded");
    std::fs::write(&input, FOLDED).unwrap();
    let svg = dir.join("o.svg");
    let out = flamescript(&[
        "render",
        path_str(&input),
        "-o",
        path_str(&svg),
        "--inverted",
        "--width",
        "640",
        "--title",
        "my icicle",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let svg = std::fs::read_to_string(&svg).unwrap();
    assert!(svg.contains("var inverted = true"), "an icicle graph");
    assert!(svg.contains(" width=\"640\""), "the width");
    assert!(svg.contains(">my icicle</text>"), "the title");
    let out = flamescript(&["render", path_str(&input), "-o", "x.svg", "--width", "5"]);
    assert_eq!(out.status.code(), Some(2), "a width too small is refused");
}

// See: #20
#[test]
fn issue_20_diff_writes_every_format_named_and_never_calls_a_moved_function_new() {
    let dir = scratch("diff_formats");
    let (a, b) = (dir.join("a.folded"), dir.join("b.folded"));
    std::fs::write(&a, "main;a;foo 50\nmain;b 50.5\n").unwrap();
    std::fs::write(&b, "main;c;foo 50\nmain;b 50\n").unwrap();
    let outs = ["d.svg", "d.folded", "d.json"].map(|n| dir.join(n));
    let mut args = vec!["diff", path_str(&a), path_str(&b)];
    for o in &outs {
        args.extend(["-o", path_str(o)]);
    }
    let out = flamescript(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let svg = std::fs::read_to_string(&outs[0]).unwrap();
    assert!(svg.contains("the function is in both"), "moved foo");
    assert!(svg.contains("100.5 samples"), "exact baseline total");
    assert_eq!(
        std::fs::read_to_string(&outs[1]).unwrap(),
        "main;a;foo 50 0\nmain;b 50.5 50\nmain;c;foo 0 50\n"
    );
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&outs[2]).unwrap()).unwrap();
    let foo = doc["frames"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == serde_json::json!(["main", "c", "foo"]))
        .expect("main;c;foo");
    assert_eq!(foo["presence"], "new");
    assert!(foo["function_shares"].is_array(), "{foo}");
    assert_eq!(doc["total_a"], 100.5);
    // pprof is refused, with the way pprof compares; nothing is written.
    let pb = dir.join("d.pb.gz");
    let out = flamescript(&["diff", path_str(&a), path_str(&b), "-o", path_str(&pb)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("-diff_base") && !pb.exists());
}

/// A Chromium to check our SVGs in, or `None` with a message; `FLAMESCRIPT_REQUIRE_KERNEL`
/// (set by .ci/run, which installs Debian's `chromium`) makes its absence a failure.
pub(crate) fn chromium(test: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| dirs.iter().map(move |dir| dir.join(name)))
        .find(|p| p.is_file());
    if found.is_none() {
        let msg = format!("{test}: skipped, no chromium here (apt-get install chromium)");
        assert!(
            std::env::var_os("FLAMESCRIPT_REQUIRE_KERNEL").is_none(),
            "{msg} (FLAMESCRIPT_REQUIRE_KERNEL is set)"
        );
        #[allow(
            clippy::print_stderr,
            reason = "a skipped test says why on the test's stderr"
        )]
        {
            eprintln!("{msg}");
        }
    }
    found
}

/// Chromium, headless and isolated (its own profile directory, no network chatter).
pub(crate) fn headless(browser: &Path, dir: &Path, args: &[&str]) -> Output {
    let profile = dir.join("chromium-profile");
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("running chromium")
}

/// speedscope's DOM once its sandwich table has rows. The table is a virtualized list that
/// renders its rows only after it has measured itself, and under a loaded machine Chromium's
/// virtual-time budget can run out before that: try again with a longer budget (three tries).
pub(crate) fn speedscope_dom(browser: &Path, dir: &Path, url: &str) -> String {
    let mut dom = String::new();
    for budget in [10_000, 30_000, 60_000] {
        let out = headless(
            browser,
            dir,
            &[
                "--window-size=1280,1024",
                &format!("--virtual-time-budget={budget}"),
                "--dump-dom",
                url,
            ],
        );
        dom = String::from_utf8_lossy(&out.stdout).into_owned();
        if dom.split("<tr").count() > 3 {
            break;
        }
    }
    dom
}

// See: #20
#[test]
fn issue_20_chromium_shows_the_whole_wrapped_subtitle() {
    let Some(browser) = chromium("issue_20_chromium_shows_the_whole_wrapped_subtitle") else {
        return;
    };
    // Chromium's start-up takes both CPUs for a while: not beside the kernel tests.
    let _k = crate::kernel::lock();
    let dir = scratch("chromium_subtitle");
    // A pprof file carrying a loss line as long as a troubled run's.
    let losses = "events: 1,234,567 seen, 1,200,000 kept; lost stacks: 52 (EFAULT x40, \
        collisions 12); 6,000 user stacks (60.0% of weight) not walked to their root: no frame \
        pointer at __libc_start_call_main x6,000; most user stacks are incomplete: the program \
        has no frame pointers; try --unwind dwarf --stack-copy 4096, or rebuild it with \
        -fno-omit-frame-pointer; 3,456 truncated; unresolved: 1,000 frames, 5.0% of weight";
    let folded_in = dir.join("in.folded");
    std::fs::write(&folded_in, FOLDED).unwrap();
    let pb = dir.join("in.pb.gz");
    let out = flamescript(&["render", path_str(&folded_in), "-o", path_str(&pb)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut msg = pprof_message(&pb);
    let comment = msg.string_table.len() as i64;
    msg.string_table
        .push(format!("total 100 samples; {losses}"));
    msg.comment = vec![comment];
    std::fs::write(&pb, msg.encode_to_vec()).unwrap();
    let svg_path = dir.join("graph.svg");
    let out = flamescript(&["render", path_str(&pb), "-o", path_str(&svg_path)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.contains("<tspan"), "the subtitle is wrapped");

    // The browser's own measure: the subtitle's box lies inside the image.
    let body = &svg[svg.find("<svg").unwrap()..];
    let page = format!(
        "<!DOCTYPE html><html><body style=\"margin:0\">{body}<script>\
         const t = document.getElementById('subtitle').getBBox();\
         const s = document.querySelector('svg').getBBox();\
         document.body.setAttribute('data-box', [t.x, t.x + t.width, t.y, t.y + t.height].join(','));\
         document.body.setAttribute('data-text', document.getElementById('subtitle').textContent);\
         </script></body></html>"
    );
    let html = dir.join("measure.html");
    std::fs::write(&html, page).unwrap();
    let out = headless(&browser, &dir, &["--dump-dom", path_str(&html)]);
    let dom = String::from_utf8_lossy(&out.stdout);
    let attr = |name: &str| -> String {
        let key = format!("{name}=\"");
        let at = dom.find(&key).unwrap_or_else(|| panic!("{name} in {dom}")) + key.len();
        dom[at..at + dom[at..].find('"').unwrap()].to_string()
    };
    let bbox: Vec<f64> = attr("data-box")
        .split(',')
        .map(|v| v.parse().unwrap())
        .collect();
    assert!(
        bbox[0] >= 10.0 && bbox[1] <= 1190.0,
        "the subtitle spans x = {} .. {} of a 1200-px image (10-px margins)",
        bbox[0],
        bbox[1]
    );
    let shown = attr("data-text");
    assert!(shown.starts_with("total 100 samples;"), "{shown}");
    assert!(shown.ends_with("5.0% of weight"), "{shown}");

    // And a picture of it, for a person to look at (kept in the scratch directory).
    let png = dir.join("graph.png");
    let out = headless(
        &browser,
        &dir,
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1200,300",
            path_str(&svg_path),
        ],
    );
    assert!(png.is_file(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        std::fs::metadata(&png).unwrap().len() > 1000,
        "an empty screenshot"
    );
}

// See: #20
#[test]
fn issue_20_run_help_documents_every_run_option() {
    let out = flamescript(&["run", "--help"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let help = String::from_utf8_lossy(&out.stdout);
    for option in [
        "-p <PID>",
        "-c <CMD>",
        "-d, --duration",
        "-o <FILE>",
        "--dry-run",
        "--map-entries",
        "--stack-entries",
        "--unwind",
        "--stack-copy",
        "--offcpu-design",
        "--no-inline",
        "--kernel-only",
        "--user-only",
        "--fold-recursion",
        "--title",
        "--width",
        "--inverted",
    ] {
        assert!(
            help.contains(option),
            "`run --help` lacks `{option}`:\n{help}"
        );
    }
    // A run option the subcommand did not take before is refused no more: a bad value is
    // now a value error (exit 2 naming the option), not an unknown argument.
    let out = flamescript(&["run", "cpu", "--stack-copy", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--stack-copy"), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("unexpected argument"),
        "{}",
        stderr(&out)
    );
}

/// speedscope's app (`npm install -g speedscope`: its `dist/release`), or `None` with a
/// message; `FLAMESCRIPT_REQUIRE_KERNEL` (set by .ci/run, which installs it) makes its absence
/// a failure.
pub(crate) fn speedscope_app(test: &str) -> Option<PathBuf> {
    let root = Command::new("npm")
        .args(["root", "-g"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let found = root
        .map(|r| Path::new(&r).join("speedscope/dist/release"))
        .filter(|d| d.join("index.html").is_file());
    if found.is_none() {
        let msg = format!("{test}: skipped, no speedscope app here (npm install -g speedscope)");
        assert!(
            std::env::var_os("FLAMESCRIPT_REQUIRE_KERNEL").is_none(),
            "{msg} (FLAMESCRIPT_REQUIRE_KERNEL is set)"
        );
        #[allow(
            clippy::print_stderr,
            reason = "a skipped test says why on the test's stderr"
        )]
        {
            eprintln!("{msg}");
        }
    }
    found
}

/// Serves the files of `dirs` (the first that has a name wins) on a free localhost port, for
/// as long as the test runs: the smallest HTTP server a browser will load an app from.
pub(crate) fn serve(dirs: Vec<PathBuf>) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a local port");
    let port = listener.local_addr().expect("its address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = String::new();
            let _ = BufReader::new(&stream).read_line(&mut request);
            let path = request.split_whitespace().nth(1).unwrap_or("/");
            let name = path
                .split(['?', '#'])
                .next()
                .unwrap_or("/")
                .trim_start_matches('/');
            let name = if name.is_empty() { "index.html" } else { name };
            let body = dirs
                .iter()
                .filter(|_| !name.contains(".."))
                .find_map(|d| std::fs::read(d.join(name)).ok());
            let kind = match name.rsplit('.').next() {
                Some("html") => "text/html",
                Some("js") => "text/javascript",
                Some("css") => "text/css",
                Some("json") => "application/json",
                Some("wasm") => "application/wasm",
                _ => "application/octet-stream",
            };
            let _ = match body {
                Some(body) => stream
                    .write_all(
                        format!(
                            "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
                             Connection: close\r\n\r\n",
                            body.len()
                        )
                        .as_bytes(),
                    )
                    .and_then(|()| stream.write_all(&body)),
                None => stream.write_all(
                    b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                ),
            };
        }
    });
    port
}

// See: #20 — our JSON in speedscope itself: it loads, names the profile, and its sandwich
// table gives each function's weight in the profile's unit with the right share of the total.
#[test]
fn issue_20_speedscope_opens_our_json_with_its_units_and_total() {
    let test = "issue_20_speedscope_opens_our_json_with_its_units_and_total";
    let (Some(browser), Some(app)) = (chromium(test), speedscope_app(test)) else {
        return;
    };
    let _k = crate::kernel::lock();
    let dir = scratch("speedscope_app");
    // A time profile: through pprof, whose sample type says nanoseconds.
    let folded_in = dir.join("in.folded");
    std::fs::write(
        &folded_in,
        "main;parse;lex 30000000\nmain;parse 10000000\nmain;render;svg_write 50000000\n\
         kworker;worker_thread_[k];schedule_[k] 10000000\n",
    )
    .unwrap();
    let pb = dir.join("in.pb.gz");
    let out = flamescript(&["render", path_str(&folded_in), "-o", path_str(&pb)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut msg = pprof_message(&pb);
    let unit = msg.string_table.len() as i64;
    msg.string_table.push("nanoseconds".into());
    msg.sample_type[0].unit = unit;
    std::fs::write(&pb, msg.encode_to_vec()).unwrap();
    let json = dir.join("profile.json");
    let out = flamescript(&[
        "render",
        path_str(&pb),
        "-o",
        path_str(&json),
        "--title",
        "cpu of the parser",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let port = serve(vec![app, dir.clone()]);
    let url = format!(
        "http://127.0.0.1:{port}/index.html#profileURL=http://127.0.0.1:{port}/profile.json\
         &view=sandwich"
    );
    let dom = speedscope_dom(&browser, &dir, &url);
    assert!(
        dom.contains("<title>cpu of the parser - speedscope</title>"),
        "speedscope did not load our profile:\n{dom}"
    );
    // Table cells: text up to the bar inside each cell.
    let cells: Vec<&str> = dom
        .split("<td")
        .skip(1)
        .filter_map(|c| Some(c[c.find('>')? + 1..].split('<').next()?.trim()))
        .collect();
    // main's 90 ms at 90% says the total is 100 ms; svg_write's 50 ms is half of it.
    for expected in [
        "50.00ms (50%)",
        "90.00ms (90%)",
        "30.00ms (30%)",
        "10.00ms (10%)",
    ] {
        assert!(
            cells.contains(&expected),
            "no cell `{expected}` in speedscope's table: {cells:?}"
        );
    }
}
