//! flamescript's compiler: script text → checked program → BPF object.
//!
//! The pipeline, one stage per module, each a plain function from one type to the next:
//!
//! ```text
//! parse (syntax) → check (sema, against the probe catalog) → lower to IR → BPF → ELF → Artifact
//! ```
//!
//! This crate is pure: it never calls `bpf(2)`, never needs root and never reads `/proc`. Its only
//! outside input is the kernel's tracepoint layouts, handed in as a value (`catalog::Env`).
//! It never names a concrete probe either: those live in `flamescript-stdlib`, behind
//! `catalog::Probe`.

pub mod artifact;
pub mod bpf;
pub mod catalog;
pub mod diag;
pub mod habits;
pub mod ir;
pub mod kbtf;
pub mod lower;
pub mod sema;
pub mod syntax;
pub mod tracefs;
pub mod types;

use artifact::{Artifact, AttachSpec, LineTable, LossesSpec, ProgramSpec};
use catalog::{Catalog, Env};
use diag::{Diagnostic, FileId, Span};

/// A compiled script and the texts of its intermediate stages (`--emit ir|asm`).
#[derive(Clone, Debug)]
pub struct Compiled {
    pub artifact: Artifact,
    /// The IR of every program (`--emit ir`).
    pub ir: String,
    /// The BPF of every program with `;;` source comments (`--emit asm`, the goldens).
    pub asm: String,
}

/// The whole pipeline: parse → check → lower → allocate and encode → ELF → [`Artifact`].
/// Every problem is a diagnostic; sema's are all reported at once.
pub fn compile(
    file: FileId,
    text: &str,
    catalog: Catalog,
    env: &dyn Env,
    options: &lower::Options,
) -> Result<Compiled, Vec<Diagnostic>> {
    let script = parse(file, text, catalog).map_err(|d| vec![d])?;
    let (checked, diags) = sema::check(&script, catalog, env);
    let Some(checked) = checked.filter(|_| !diags.iter().any(Diagnostic::is_error)) else {
        return Err(diags);
    };
    let mut options = *options;
    options.kernel = kernel_caps(env);
    if options.target == lower::Target::Tree {
        options.fork_child_pid_offset = fork_child_pid_offset(env, script.span)?;
    }
    let module = lower::lower(&checked, catalog, &options).map_err(|d| vec![d])?;
    emit(&module, text).map_err(|d| vec![d])
}

/// Parses `text`; a syntax error inside a probe's spelling gets the hint the catalog gives
/// (`profile:hz:99` is `profile hz 99`: [`habits`]).
#[allow(
    clippy::result_large_err,
    reason = "one Diagnostic when parsing gives up"
)]
pub fn parse(
    file: FileId,
    text: &str,
    catalog: Catalog,
) -> Result<syntax::ast::Script, Diagnostic> {
    syntax::parse(file, text).map_err(|d| habits::probe_hint(d, text, catalog))
}

/// Encodes an IR module into the object and the artifact.
#[allow(
    clippy::result_large_err,
    reason = "one Diagnostic when encoding gives up"
)]
pub fn emit(module: &ir::Module, text: &str) -> Result<Compiled, Diagnostic> {
    if module.programs.is_empty() {
        return Err(Diagnostic::error(
            "nothing to trace: the script has no kernel probe",
            module
                .user_clauses
                .first()
                .map_or_else(Span::default, |c| c.span),
            "this clause runs in user space",
        )
        .with_help("add a kernel probe, e.g. `profile < @[kstack] = count() >`"));
    }
    let mut programs = Vec::new();
    let mut specs = Vec::new();
    let mut lines = LineTable::default();
    let mut ir_text = String::new();
    let mut asm_text = String::new();
    if !module.offcpu.is_empty() {
        asm_text.push_str(&format!(";; offcpu: {}\n\n", module.offcpu));
    }
    for p in &module.programs {
        let low = bpf::lower::lower(p).map_err(|e| {
            Diagnostic::error("the program does not fit BPF's limits", p.span, e)
                .with_help("split the clause, or use fewer or smaller map keys")
        })?;
        let relocs: Vec<bpf::MapReloc> = low
            .relocs
            .iter()
            .map(|(insn, map)| bpf::MapReloc {
                insn: *insn,
                map: module.maps[map.0 as usize].name.clone(),
            })
            .collect();
        for (insn, span) in &low.lines {
            lines.entries.push((p.name.clone(), *insn, *span));
        }
        let notes: Vec<(usize, String)> = low
            .lines
            .iter()
            .map(|(insn, span)| (*insn as usize, snippet(text, *span)))
            .collect();
        ir_text.push_str(&ir::print(p));
        asm_text.push_str(&format!("{} ({}):\n", p.name, p.section));
        asm_text.push_str(&bpf::asm::print_annotated(&low.insns, &relocs, &notes));
        asm_text.push('\n');
        specs.push(ProgramSpec {
            name: p.name.clone(),
            section: p.section.clone(),
            attach: p.attach.clone(),
            clause: p.clause,
            span: p.span,
            code: bpf::insn::encode(&low.insns),
            map_relocs: relocs
                .iter()
                .map(|r| (r.insn as u32, r.map.clone()))
                .collect(),
            functions: low.functions.clone(),
        });
        programs.push(bpf::Program {
            name: p.name.clone(),
            section: p.section.clone(),
            insns: low.insns,
            map_relocs: relocs,
        });
    }
    // User-space clauses have no BPF; listed so `--emit asm` shows the whole script.
    for c in &module.user_clauses {
        asm_text.push_str(&format!("user space {:?}: {:?}\n", c.when, c.actions));
    }
    let object = bpf::Object {
        license: "GPL".into(),
        programs,
        maps: module.maps.iter().map(bpf::MapDef::from_spec).collect(),
    };
    let span = module
        .programs
        .first()
        .map_or_else(Span::default, |p| p.span);
    let elf = bpf::elf::write_object(&object).map_err(|e| {
        Diagnostic::error(
            "internal error while writing the BPF object",
            span,
            "while compiling this",
        )
        .with_note(e.to_string())
        .with_help("this is a flamescript bug: please report it with the script")
    })?;
    let needs_kernel_btf = specs
        .iter()
        .any(|s| matches!(s.attach, AttachSpec::TpBtf { .. }));
    let artifact = Artifact {
        elf,
        programs: specs,
        maps: module.maps.clone(),
        losses: LossesSpec {
            map: lower::LOSSES_MAP.into(),
            counters: lower::COUNTERS.iter().map(|s| s.to_string()).collect(),
        },
        lines,
        needs_kernel_btf,
        title: text.trim().to_string(),
        user_clauses: module.user_clauses.clone(),
        spans: module.spans.clone(),
        wallclock: module.wallclock.clone(),
        unwind: module.unwind.clone(),
        offcpu: module.offcpu.clone(),
        count_names: module.count_names.clone(),
    };
    Ok(Compiled {
        artifact,
        ir: ir_text,
        asm: asm_text,
    })
}

/// The first line of a span's text, for `;;` comments.
fn snippet(text: &str, span: Span) -> String {
    let s = text.get(span.start..span.end).unwrap_or("");
    let first = s.lines().next().unwrap_or("").trim();
    if first.len() > 60 {
        format!("{}…", &first[..first.floor_char_boundary(60)])
    } else {
        first.to_string()
    }
}

/// What the kernel offers the lowering, from its BTF; a context without BTF answers nothing and
/// gets the newest kernel's defaults.
fn kernel_caps(env: &dyn Env) -> lower::KernelCaps {
    let newest = lower::KernelCaps::default();
    let helper = |name| env.has_helper(name).unwrap_or(true);
    lower::KernelCaps {
        task_pt_regs: helper("task_pt_regs") && helper("get_current_task_btf"),
        runtime_alloc: env
            .has_struct("bpf_mem_alloc")
            .unwrap_or(newest.runtime_alloc),
    }
}

fn fork_child_pid_offset(env: &dyn Env, span: Span) -> Result<u32, Vec<Diagnostic>> {
    let layout = env.tracepoint("sched", "sched_process_fork").ok();
    let field = layout.and_then(|l| l.fields.into_iter().find(|f| f.name == "child_pid"));
    field.map(|f| f.offset).ok_or_else(|| {
        vec![
            Diagnostic::error(
                "cannot follow the command's children",
                span,
                "while compiling for -c",
            )
            .with_note("the kernel's `sched:sched_process_fork` tracepoint layout is not readable")
            .with_help("mount tracefs: mount -t tracefs nodev /sys/kernel/tracing"),
        ]
    })
}
