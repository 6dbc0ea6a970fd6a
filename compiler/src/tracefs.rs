//! Tracepoint layouts read from tracefs: the one [`Env`] that knows a real kernel.
//!
//! [`TracefsEnv`] reads `<root>/events/<category>/<name>/format`, the text the kernel writes for
//! every tracepoint, and turns its `field:TYPE NAME; offset:N; size:N; signed:N;` lines into a
//! [`TracepointLayout`]. [`TracefsEnv::live`] reads `/sys/kernel/tracing`; [`TracefsEnv::at`]
//! reads a copy (the pinned fixture under `tests/data/tracefs`).
//!
//! The `common_*` fields (type, flags, preempt count, pid) that open every record are left out of
//! the layout: they are the same for every tracepoint, `pid`/`tid` already say who ran, and
//! leaving them out keeps the did-you-mean lists to the fields that tell tracepoints apart. Their
//! offsets stay right in the fields that remain, since those are the kernel's own.
//!
//! This module only reads files; it never mounts tracefs (the binary does, or tells the user to).
//! Every failure becomes an [`EnvError`] whose text says what to do.

use std::path::{Path, PathBuf};

use crate::catalog::{Env, EnvError, TpField, TpFieldKind, TracepointLayout};
use crate::diag::edit_distance;

/// Where tracefs lives on a current kernel.
pub const LIVE_ROOT: &str = "/sys/kernel/tracing";

/// The exact command that mounts tracefs at [`LIVE_ROOT`], quoted in error messages.
pub const MOUNT_COMMAND: &str = "mount -t tracefs nodev /sys/kernel/tracing";

/// Tracepoint layouts from a tracefs directory (live or a copy).
#[derive(Clone, Debug)]
pub struct TracefsEnv {
    root: PathBuf,
    live: bool,
    /// Kernel types, read on the first BTF question only (most scripts ask none).
    types: std::sync::Arc<std::sync::OnceLock<Result<Types, String>>>,
}

/// Where BTF answers come from: the running kernel, or a fixture's `btf.txt` (lines
/// `member STRUCT PATH OFF…`, `func NAME ID`, `tracepoint NAME ID NARGS`, `pid_max N`) so tests
/// compile against pinned facts.
enum Types {
    Kernel(crate::kbtf::KernelBtf),
    Fixture(Vec<Vec<String>>),
}

impl std::fmt::Debug for Types {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Types")
    }
}

impl TracefsEnv {
    /// The running kernel's tracefs at `/sys/kernel/tracing`. Nothing is read until asked, so
    /// building one never fails; an unmounted tracefs is reported by each query.
    pub fn live() -> TracefsEnv {
        TracefsEnv {
            root: PathBuf::from(LIVE_ROOT),
            live: true,
            types: Default::default(),
        }
    }

    /// A tracefs copy: `root` holds `events/<category>/<name>/format` files.
    pub fn at(root: impl Into<PathBuf>) -> TracefsEnv {
        TracefsEnv {
            root: root.into(),
            live: false,
            types: Default::default(),
        }
    }

    fn types(&self) -> Result<&Types, EnvError> {
        let t = self.types.get_or_init(|| {
            if self.live {
                crate::kbtf::KernelBtf::load()
                    .map(Types::Kernel)
                    .map_err(|e| {
                        format!("{e}: the kernel must be built with BTF (CONFIG_DEBUG_INFO_BTF)")
                    })
            } else {
                let path = self.root.join("btf.txt");
                std::fs::read_to_string(&path)
                    .map(|text| {
                        Types::Fixture(
                            text.lines()
                                .map(|l| l.split_whitespace().map(String::from).collect())
                                .collect(),
                        )
                    })
                    .map_err(|e| format!("cannot read `{}`: {e}", path.display()))
            }
        });
        t.as_ref().map_err(|e| EnvError::Unavailable(e.clone()))
    }

    fn fixture_line(lines: &[Vec<String>], head: &[&str]) -> Option<Vec<u32>> {
        lines
            .iter()
            .find(|l| l.len() >= head.len() && l.iter().zip(head).all(|(a, b)| a == b))
            .map(|l| {
                l[head.len()..]
                    .iter()
                    .filter_map(|v| v.parse().ok())
                    .collect()
            })
    }

    /// A fixture's `KIND NAME` line says the kernel has it, `no KIND NAME` that it has not;
    /// neither: unknown.
    fn fixture_flag(lines: &[Vec<String>], kind: &str, name: &str) -> Option<bool> {
        lines.iter().find_map(|l| match l.as_slice() {
            [k, n] if k == kind && n == name => Some(true),
            [no, k, n] if no == "no" && k == kind && n == name => Some(false),
            _ => None,
        })
    }

    fn events(&self) -> PathBuf {
        self.root.join("events")
    }

    /// Why no tracepoint can be read at all, if that is the case.
    fn unavailable(&self) -> Option<EnvError> {
        let msg = match std::fs::read_dir(self.events()) {
            Ok(_) => return None,
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => format!(
                "permission denied reading `{}`: tracepoint layouts need root",
                self.events().display()
            ),
            Err(_) if self.live => {
                format!("tracefs is not mounted at {LIVE_ROOT}; run `{MOUNT_COMMAND}` as root")
            }
            Err(_) => format!("no tracepoint layouts under `{}`", self.events().display()),
        };
        Some(EnvError::Unavailable(msg))
    }
}

impl Env for TracefsEnv {
    fn tracepoint(&self, category: &str, name: &str) -> Result<TracepointLayout, EnvError> {
        if let Some(e) = self.unavailable() {
            return Err(e);
        }
        // A name with a path separator or `..` would read outside the events directory.
        let safe = |s: &str| !s.is_empty() && !s.contains(['/', '\\']) && s != "." && s != "..";
        let path = self.events().join(category).join(name).join("format");
        let unknown = || EnvError::UnknownTracepoint {
            similar: self.similar(category, name),
        };
        if !(safe(category) && safe(name)) {
            return Err(unknown());
        }
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(unknown()),
            Err(e) => {
                let msg = format!("cannot read `{}`: {e}", path.display());
                return Err(EnvError::Unavailable(msg));
            }
        };
        Ok(TracepointLayout {
            category: category.to_string(),
            name: name.to_string(),
            fields: parse_format(&text),
        })
    }

    fn tracepoints(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for cat in sorted_dirs(&self.events()) {
            for name in sorted_dirs(&self.events().join(&cat)) {
                if self
                    .events()
                    .join(&cat)
                    .join(&name)
                    .join("format")
                    .is_file()
                {
                    out.push((cat.clone(), name));
                }
            }
        }
        out
    }

    fn btf_member_chain(&self, strukt: &str, path: &str) -> Result<Vec<u32>, EnvError> {
        match self.types()? {
            Types::Kernel(btf) => btf
                .member_chain(strukt, path)
                .map_err(|e| EnvError::Unavailable(e.0)),
            Types::Fixture(lines) => Self::fixture_line(lines, &["member", strukt, path])
                .ok_or_else(|| EnvError::Unavailable(format!("no `{strukt}.{path}` in btf.txt"))),
        }
    }

    fn btf_func(&self, name: &str) -> Result<u32, EnvError> {
        let id = match self.types()? {
            Types::Kernel(btf) => btf.find(crate::kbtf::Kind::Func, name),
            Types::Fixture(lines) => {
                Self::fixture_line(lines, &["func", name]).and_then(|v| v.first().copied())
            }
        };
        id.ok_or_else(|| {
            EnvError::Unavailable(format!("this kernel has no function `{name}` (BTF)"))
        })
    }

    fn btf_tracepoint(&self, name: &str) -> Result<(u32, usize), EnvError> {
        let found = match self.types()? {
            Types::Kernel(btf) => btf.tracepoint_params(name),
            Types::Fixture(lines) => Self::fixture_line(lines, &["tracepoint", name])
                .and_then(|v| Some((*v.first()?, *v.get(1)? as usize))),
        };
        found.ok_or_else(|| {
            EnvError::Unavailable(format!("this kernel has no BTF tracepoint `{name}`"))
        })
    }

    fn has_helper(&self, name: &str) -> Option<bool> {
        match self.types().ok()? {
            Types::Kernel(btf) => Some(
                btf.enum_value("bpf_func_id", &format!("BPF_FUNC_{name}"))
                    .is_some(),
            ),
            Types::Fixture(lines) => Self::fixture_flag(lines, "helper", name),
        }
    }

    fn has_struct(&self, name: &str) -> Option<bool> {
        match self.types().ok()? {
            Types::Kernel(btf) => Some(btf.find(crate::kbtf::Kind::Struct, name).is_some()),
            Types::Fixture(lines) => Self::fixture_flag(lines, "struct", name),
        }
    }

    fn pid_max(&self) -> u32 {
        if self.live {
            std::fs::read_to_string("/proc/sys/kernel/pid_max")
                .ok()
                .and_then(|s| s.trim().parse().ok())
                .unwrap_or(32_768)
        } else {
            self.types()
                .ok()
                .and_then(|t| match t {
                    Types::Fixture(lines) => Self::fixture_line(lines, &["pid_max"]),
                    Types::Kernel(_) => None,
                })
                .and_then(|v| v.first().copied())
                .unwrap_or(32_768)
        }
    }
}

impl TracefsEnv {
    /// Up to three `category:name` spellings closest to the one asked for (ties at the best
    /// distance only).
    fn similar(&self, category: &str, name: &str) -> Vec<String> {
        let wanted = format!("{category}:{name}");
        let limit = (wanted.chars().count() / 3).max(1);
        let mut scored: Vec<(usize, String)> = self
            .tracepoints()
            .into_iter()
            .map(|(c, n)| {
                let full = format!("{c}:{n}");
                // A right name in the wrong category is as good as a one-letter slip.
                let d = if n == name {
                    1
                } else {
                    edit_distance(&wanted, &full)
                };
                (d, full)
            })
            .filter(|(d, _)| *d <= limit)
            .collect();
        scored.sort();
        // Only the closest: `sys_enter_opnat` suggests `sys_enter_openat`, not also `_creat`.
        let best = scored.first().map_or(0, |(d, _)| *d);
        scored
            .into_iter()
            .take_while(|(d, _)| *d == best)
            .take(3)
            .map(|(_, s)| s)
            .collect()
    }
}

/// Subdirectory names of `dir`, sorted; an unreadable directory has none.
fn sorted_dirs(dir: &Path) -> Vec<String> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<String> = rd
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    out.sort();
    out
}

/// The fields of a tracefs `format` file, `common_*` ones left out (see the module doc).
/// Lines that do not parse are skipped: the format is the kernel's, and one odd field must not
/// hide the others.
pub fn parse_format(text: &str) -> Vec<TpField> {
    text.lines()
        .filter_map(parse_field_line)
        .filter(|f| !f.name.starts_with("common_"))
        .collect()
}

/// One `\tfield:unsigned int bytes;\toffset:28;\tsize:4;\tsigned:0;` line.
fn parse_field_line(line: &str) -> Option<TpField> {
    let mut decl = None;
    let (mut offset, mut size, mut signed) = (None, None, false);
    for part in line.trim().split(';') {
        let Some((key, value)) = part.trim().split_once(':') else {
            continue;
        };
        match key {
            "field" => decl = Some(value.trim()),
            "offset" => offset = value.trim().parse().ok(),
            "size" => size = value.trim().parse().ok(),
            "signed" => signed = value.trim() == "1",
            _ => {}
        }
    }
    let (name, c_type, kind) = parse_decl(decl?)?;
    Some(TpField {
        name,
        c_type,
        offset: offset?,
        size: size?,
        signed,
        kind,
    })
}

/// A C declaration as tracefs writes it → (name, type without the name, kind).
///
/// `char prev_comm[16]` → (`prev_comm`, `char[16]`, CharArray); `__data_loc char[] cmd` →
/// (`cmd`, `__data_loc char[]`, Pointer); `const char * filename` → (`filename`,
/// `const char *`, Pointer); `unsigned long args[6]` → (`args`, `unsigned long[6]`, Other).
fn parse_decl(decl: &str) -> Option<(String, String, TpFieldKind)> {
    let (head, name_part) = decl.rsplit_once(|c: char| c.is_whitespace() || c == '*')?;
    // Keep the `*` of `char *name` in the type: rsplit_once dropped the separator.
    let sep = &decl[head.len()..decl.len() - name_part.len()];
    let base = format!("{head}{sep}").trim().to_string();
    let (name, array) = match name_part.split_once('[') {
        Some((n, rest)) => (n, Some(rest.trim_end_matches(']'))),
        None => (name_part, None),
    };
    if name.is_empty() {
        return None;
    }
    let is_char = matches!(
        base.as_str(),
        "char" | "unsigned char" | "signed char" | "u8" | "s8"
    );
    let (c_type, kind) = match array {
        _ if base.starts_with("__data_loc") || base.starts_with("__rel_loc") => {
            (base.clone(), TpFieldKind::Pointer)
        }
        Some(len) if is_char => (format!("{base}[{len}]"), TpFieldKind::CharArray),
        Some(len) => (format!("{base}[{len}]"), TpFieldKind::Other),
        None if base.ends_with('*') => (base.clone(), TpFieldKind::Pointer),
        None if base.starts_with("struct ") || base.starts_with("union ") => {
            (base.clone(), TpFieldKind::Other)
        }
        None => (base.clone(), TpFieldKind::Int),
    };
    Some((name.to_string(), c_type, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> TracefsEnv {
        TracefsEnv::at(Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/tracefs"))
    }

    #[test]
    fn declarations() {
        let d = |s| parse_decl(s).unwrap();
        assert_eq!(
            d("char prev_comm[16]"),
            (
                "prev_comm".into(),
                "char[16]".into(),
                TpFieldKind::CharArray
            )
        );
        assert_eq!(
            d("__data_loc char[] cmd"),
            (
                "cmd".into(),
                "__data_loc char[]".into(),
                TpFieldKind::Pointer
            )
        );
        assert_eq!(
            d("const char * filename"),
            (
                "filename".into(),
                "const char *".into(),
                TpFieldKind::Pointer
            )
        );
        assert_eq!(
            d("const char *filename"),
            (
                "filename".into(),
                "const char *".into(),
                TpFieldKind::Pointer
            )
        );
        assert_eq!(
            d("unsigned long args[6]"),
            ("args".into(), "unsigned long[6]".into(), TpFieldKind::Other)
        );
        assert_eq!(
            d("unsigned int bytes"),
            ("bytes".into(), "unsigned int".into(), TpFieldKind::Int)
        );
    }

    #[test]
    fn reads_the_fixture() {
        let env = fixture();
        let l = env.tracepoint("sched", "sched_switch").unwrap();
        let names: Vec<&str> = l.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "prev_comm",
                "prev_pid",
                "prev_prio",
                "prev_state",
                "next_comm",
                "next_pid",
                "next_prio"
            ]
        );
        let pid = &l.fields[1];
        assert_eq!(
            (pid.offset, pid.size, pid.signed, pid.c_type.as_str()),
            (24, 4, true, "pid_t")
        );
        assert!(
            env.tracepoints()
                .contains(&("block".into(), "block_rq_issue".into()))
        );
    }

    #[test]
    fn unknown_and_unavailable() {
        let env = fixture();
        assert_eq!(
            env.tracepoint("sched", "sched_swich"),
            Err(EnvError::UnknownTracepoint {
                similar: vec!["sched:sched_switch".into()]
            })
        );
        assert!(matches!(
            env.tracepoint("..", "x"),
            Err(EnvError::UnknownTracepoint { .. })
        ));
        let nowhere = TracefsEnv {
            root: PathBuf::from("/nonexistent"),
            live: true,
            types: Default::default(),
        };
        let Err(EnvError::Unavailable(msg)) = nowhere.tracepoint("sched", "sched_switch") else {
            panic!("expected Unavailable")
        };
        assert!(
            msg.contains("`mount -t tracefs nodev /sys/kernel/tracing`"),
            "{msg}"
        );
        assert!(nowhere.tracepoints().is_empty());
    }
}
