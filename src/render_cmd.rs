//! `flamescript render IN.folded -o OUT.svg [--title T]`: existing folded stacks (ours,
//! FlameGraph's stackcollapse scripts', bpftrace's folded) to any output format.
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
pub(crate) fn render(input: &Path, outputs: &[PathBuf], title: Option<&str>) -> Result<(), u8> {
    output::check_paths(outputs).map_err(|e| refuse(&e.message, e.help))?;
    let text = read_input(input).map_err(|e| {
        refuse(
            &format!("cannot read `{}`: {e}", input.display()),
            "give a folded file (`frame;frame;… COUNT` lines), or `-` for standard input",
        )
    })?;
    let profile = folded::parse(&text).map_err(|e| {
        refuse(
            &format!("`{}` is not folded stacks: {e}", input.display()),
            "each line is `frame;frame;… COUNT`, as FlameGraph's stackcollapse scripts write",
        )
    })?;
    let default_title = input.display().to_string();
    let title = title.unwrap_or(&default_title);
    output::write_profile(&profile, title, outputs).map_err(|e| refuse(&e.message, e.help))
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
