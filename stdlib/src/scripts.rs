//! The ready-made scripts (`stdlib/scripts/*.fs`), compiled into the binary and found by name:
//! `flamescript run offcpu` runs `offcpu.fs`. Each script opens with a comment saying what its
//! graph shows.

/// Name → text, in the order `names` lists them.
const SCRIPTS: &[(&str, &str)] = &[
    ("cpu", include_str!("../scripts/cpu.fs")),
    ("offcpu", include_str!("../scripts/offcpu.fs")),
    ("wallclock", include_str!("../scripts/wallclock.fs")),
    ("futex", include_str!("../scripts/futex.fs")),
    ("bio", include_str!("../scripts/bio.fs")),
    ("pagefault", include_str!("../scripts/pagefault.fs")),
];

/// The text of the ready-made script `name` (without `.fs`).
pub fn script(name: &str) -> Option<&'static str> {
    SCRIPTS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// The names of every ready-made script.
pub fn names() -> impl Iterator<Item = &'static str> {
    SCRIPTS.iter().map(|(n, _)| *n)
}
