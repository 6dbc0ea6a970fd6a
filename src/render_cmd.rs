//! `flamescript render IN.folded -o OUT.svg [--title T] [fold flags]`: existing folded stacks (ours,
//! FlameGraph's stackcollapse scripts', bpftrace's folded) to any output format; and
//! `flamescript diff A.folded B.folded -o D.svg [-o D.folded] [-o D.json]`, the differential
//! flame graph and the comparison behind it. Fractional weights are kept exactly
//! (`runtime::units::Decimals`) through every format.
//!
//! It only reads and writes: parsing is `runtime::render::folded`, writing is `output`. Folded
//! text carries no unit, so the weights are plain counts ("samples"). Outputs are checked
//! before the input is read, so a bad `-o` never costs a read nor creates a file.

use std::io::Read;
use std::path::{Path, PathBuf};

use runtime::render::folded;

use runtime::units::Decimals;

use crate::cli::{Format, GraphFlags};
use crate::output::{self, Look};
use crate::refuse;

/// Runs the subcommand; `Err` holds the exit code, the message already printed.
pub(crate) fn render(
    input: &Path,
    outputs: &[PathBuf],
    graph: &GraphFlags,
    fold: &runtime::fold::FoldOptions,
) -> Result<(), u8> {
    output::check_paths(outputs).map_err(|e| refuse(&e.message, e.help))?;
    output::refuse_time_views(outputs).map_err(|e| refuse(&e.message, e.help))?;
    let (profile, decimals) = load_profile(input)?;
    let profile = runtime::fold::reshape(profile, fold);
    let look = Look {
        decimals,
        ..graph.look(&input.display().to_string())
    };
    output::write_profile(&profile, &look, outputs).map_err(|e| refuse(&e.message, e.help))
}

/// A profile from folded text or from a pprof file (`.pb.gz`, `.pprof`: ours, Go's, perf's),
/// with the decimal places its weights carry (fractional counts are kept exactly).
fn load_profile(path: &Path) -> Result<(runtime::fold::Profile, Decimals), u8> {
    let name = path.to_string_lossy();
    if name.ends_with(".pb.gz") || name.ends_with(".pprof") || name.ends_with(".pb") {
        let bytes = std::fs::read(path).map_err(|e| {
            refuse(
                &format!("cannot read `{}`: {e}", path.display()),
                "check the path",
            )
        })?;
        return runtime::render::pprof::parse_exact(&bytes).map_err(|e| {
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
    folded::parse_exact(&text).map_err(|e| {
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

/// Both profiles' weights in the finer of their decimal places.
fn align(
    (mut pa, da): (runtime::fold::Profile, Decimals),
    (mut pb, db): (runtime::fold::Profile, Decimals),
) -> (runtime::fold::Profile, runtime::fold::Profile, Decimals) {
    let places = da.0.max(db.0);
    for (profile, d) in [(&mut pa, da), (&mut pb, db)] {
        let scale = 10u64.pow(places - d.0);
        for (_, n) in &mut profile.stacks {
            *n = n.saturating_mul(scale);
        }
    }
    (pa, pb, Decimals(places))
}

/// `flamescript diff A B -o D.svg [-o D.folded] [-o D.json]`: B against baseline A
/// (`runtime::render::diff`). The SVG is the differential flame graph, the folded file
/// FlameGraph's two-column differential format, the JSON every frame's comparison.
pub(crate) fn diff(
    a: &Path,
    b: &Path,
    outputs: &[PathBuf],
    graph: &GraphFlags,
    raw: bool,
    quantum: Option<u64>,
) -> Result<(), u8> {
    if let Some(pprof) = outputs
        .iter()
        .find(|p| Format::from_path(p) == Some(Format::Pprof))
    {
        return Err(refuse(
            &format!(
                "pprof compares two profiles itself; `{}` would hold neither",
                pprof.display()
            ),
            "write each profile with `flamescript render A -o a.pb.gz`, then run \
             `go tool pprof -diff_base a.pb.gz b.pb.gz`",
        ));
    }
    output::check_paths(outputs).map_err(|e| refuse(&e.message, e.help))?;
    output::refuse_time_views(outputs).map_err(|e| refuse(&e.message, e.help))?;
    let (pa, pb, decimals) = align(load_profile(a)?, load_profile(b)?);
    let opts = runtime::render::diff::DiffOptions {
        raw,
        quantum,
        name_a: a.display().to_string(),
        name_b: b.display().to_string(),
        width: graph.width.map(|w| w as usize),
        decimals,
        ..Default::default()
    };
    let res = runtime::render::diff::diff(&pa, &pb, &opts);
    let mut rendered = Vec::with_capacity(outputs.len());
    for path in outputs {
        let bytes = match Format::from_path(path) {
            Some(Format::Svg) => runtime::render::diff::render_svg(&res, &opts)
                .map_err(|e| refuse(&format!("cannot draw the difference: {e}"), ""))?
                .into_bytes(),
            Some(Format::Folded) => {
                runtime::render::diff::write_folded(&pa, &pb, decimals).into_bytes()
            }
            Some(Format::Speedscope) => diff_json(&res, &opts).into_bytes(),
            // Refused above (pprof) and by `check_paths` (no format).
            Some(Format::Pprof | Format::Heatmap) | None => continue,
        };
        rendered.push((path, bytes));
    }
    for (path, bytes) in rendered {
        output::write_atomic(path, &bytes).map_err(|e| refuse(&e.message, e.help))?;
    }
    Ok(())
}

/// The comparison as JSON: totals, the test used, and every frame path with both weights
/// (as written), shares, change, standard error and presence.
fn diff_json(
    res: &runtime::render::diff::DiffResult,
    opts: &runtime::render::diff::DiffOptions,
) -> String {
    use runtime::render::diff::Presence;
    let weight = |n: u64| serde_json::json!(res.decimals.value(n));
    let frames: Vec<serde_json::Value> = res
        .frames
        .iter()
        .map(|f| {
            let presence = match f.presence {
                Presence::Both => "both",
                Presence::Gone => "gone",
                Presence::New => "new",
                Presence::Cut => "cut",
            };
            serde_json::json!({
                "path": f.path.iter().map(|fr| fr.folded_name()).collect::<Vec<_>>(),
                "weight_a": weight(f.weight_a),
                "weight_b": weight(f.weight_b),
                "share_a": f.share_a,
                "share_b": f.share_b,
                "change": f.change,
                "sigma": f.sigma,
                "significant": f.significant,
                "presence": presence,
                "function_shares": f.function_shares.map(|(a, b)| [a, b]),
            })
        })
        .collect();
    serde_json::json!({
        "baseline": opts.name_a,
        "second": opts.name_b,
        "unit": res.unit.name(),
        "value_name": res.value_name,
        "total_a": weight(res.total_a),
        "total_b": weight(res.total_b),
        "raw": res.raw,
        "sigmas": res.sigmas,
        "cut_depths": res.cut.map(|(a, b)| [a, b]),
        "subtitle": runtime::render::diff::subtitle(res),
        "frames": frames,
    })
    .to_string()
}
