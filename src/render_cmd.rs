//! `flamescript render IN.folded -o OUT.svg [--title T] [fold flags]`: existing folded stacks (ours,
//! FlameGraph's stackcollapse scripts', bpftrace's folded) to any output format; and
//! `flamescript diff A.folded B.folded -o D.svg`, the differential flame graph.
//!
//! It only reads and writes: parsing is `runtime::render::folded`, writing is `output`. Folded
//! text carries no unit, so the weights are plain counts ("samples"). Outputs are checked
//! before the input is read, so a bad `-o` never costs a read nor creates a file.

use std::io::Read;
use std::path::{Path, PathBuf};

use runtime::render::folded;

use crate::output;
use crate::refuse;

/// Runs the subcommand; `Err` holds the exit code, the message already printed.
pub(crate) fn render(
    input: &Path,
    outputs: &[PathBuf],
    title: Option<&str>,
    fold: &runtime::fold::FoldOptions,
) -> Result<(), u8> {
    output::check_paths(outputs).map_err(|e| refuse(&e.message, e.help))?;
    let profile = runtime::fold::reshape(load_profile(input)?, fold);
    let default_title = input.display().to_string();
    let title = title.unwrap_or(&default_title);
    output::write_profile(&profile, title, outputs).map_err(|e| refuse(&e.message, e.help))
}

/// A profile from folded text or from a pprof file (`.pb.gz`, `.pprof`: ours, Go's, perf's).
fn load_profile(path: &Path) -> Result<runtime::fold::Profile, u8> {
    let name = path.to_string_lossy();
    if name.ends_with(".pb.gz") || name.ends_with(".pprof") || name.ends_with(".pb") {
        let bytes = std::fs::read(path).map_err(|e| {
            refuse(
                &format!("cannot read `{}`: {e}", path.display()),
                "check the path",
            )
        })?;
        return runtime::render::pprof::parse(&bytes).map_err(|e| {
            refuse(
                &format!("`{}` is not a pprof profile: {e}", path.display()),
                "",
            )
        });
    }
    let text = read_input(path).map_err(|e| {
        refuse(
            &format!("cannot read `{}`: {e}", path.display()),
            "give a folded file (`frame;frame;… COUNT` lines), a pprof file, or `-` for standard input",
        )
    })?;
    folded::parse(&text).map_err(|e| {
        refuse(
            &format!("`{}` is not folded stacks: {e}", path.display()),
            "each line is `frame;frame;… COUNT`, as FlameGraph's stackcollapse scripts write",
        )
    })
}

/// The whole input as text: a file, or standard input for `-`.
fn read_input(input: &Path) -> std::io::Result<String> {
    if input == Path::new("-") {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        return Ok(text);
    }
    std::fs::read_to_string(input)
}

/// `flamescript diff A B -o D.svg`: B against baseline A (`runtime::render::diff`).
pub(crate) fn diff(
    a: &Path,
    b: &Path,
    out: &Path,
    raw: bool,
    quantum: Option<u64>,
) -> Result<(), u8> {
    if out.extension().is_none_or(|e| e != "svg") {
        return Err(refuse(
            &format!(
                "a differential flame graph is an SVG, not `{}`",
                out.display()
            ),
            "write e.g. -o diff.svg",
        ));
    }
    output::check_paths(&[out.to_path_buf()]).map_err(|e| refuse(&e.message, e.help))?;
    let (pa, pb) = (load_profile(a)?, load_profile(b)?);
    let opts = runtime::render::diff::DiffOptions {
        raw,
        quantum,
        name_a: a.display().to_string(),
        name_b: b.display().to_string(),
        ..Default::default()
    };
    let res = runtime::render::diff::diff(&pa, &pb, &opts);
    let svg = runtime::render::diff::render_svg(&res, &opts)
        .map_err(|e| refuse(&format!("cannot draw the difference: {e}"), ""))?;
    output::write_atomic(out, svg.as_bytes()).map_err(|e| refuse(&e.message, e.help))
}
