//! Codegen goldens: each `data/golden/*.fs` compiles, against the pinned tracefs fixture, to the
//! BPF listing in its `.asm` (with `;;` source comments). The same programs must pass the real
//! kernel verifier and unload cleanly (root only; see `kernel_loads_every_golden`).

use compiler::catalog::Env;
use compiler::diag::Sources;
use compiler::lower::Options;
use compiler::tracefs::TracefsEnv;

use crate::check;

fn compile(
    env: &dyn Env,
    name: &str,
    text: &str,
    options: &Options,
) -> Result<compiler::Compiled, String> {
    let mut sources = Sources::new();
    let file = sources.add(name, text);
    compiler::compile(file, text, stdlib::catalog(), env, options).map_err(|d| sources.render(&d))
}

#[test]
fn goldens() {
    let env = TracefsEnv::at(check::data_dir("tracefs"));
    let mut failures = Vec::new();
    for path in check::files_with_ext(&check::data_dir("golden"), "fs") {
        let text = std::fs::read_to_string(&path).expect("read golden script");
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let actual = match compile(&env, &name, &text, &golden_options(&text)) {
            Ok(c) => format!("{}\n{}", text.trim(), c.asm),
            Err(e) => format!("{}\nERROR\n{e}", text.trim()),
        };
        check::check_file(&path.with_extension("asm"), &actual, &mut failures);
    }
    check::finish(failures);
}

/// A golden's options: the defaults, and `events` when a line says `// options: events`
/// (a run that keeps each event's time, as `-o heat.html` or `--flamechart` make it).
fn golden_options(text: &str) -> Options {
    let wants = |what: &str| {
        text.lines()
            .filter_map(|l| l.trim().strip_prefix("// options:"))
            .any(|o| o.split_whitespace().any(|w| w == what))
    };
    Options {
        events: wants("events"),
        ..Default::default()
    }
}

/// `-p` and `-c` change only the target filter at the start of each program.
#[test]
fn target_filters() {
    let env = TracefsEnv::at(check::data_dir("tracefs"));
    let text = "profile < @[kstack] = count() >";
    let pid = compile(
        &env,
        "-e",
        text,
        &Options {
            target: compiler::lower::Target::Pid(4242),
            ..Default::default()
        },
    )
    .expect("compiles");
    // A comparison with an immediate prints it in hex.
    assert!(
        pid.asm.contains(&format!("{:#x}", 4242)),
        "the pid is compared in the kernel:\n{}",
        pid.asm
    );
    let tree = compile(
        &env,
        "-e",
        text,
        &Options {
            target: compiler::lower::Target::Tree,
            ..Default::default()
        },
    )
    .expect("compiles");
    let names: Vec<&str> = tree
        .artifact
        .programs
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert!(
        names.contains(&"fs_fork"),
        "a fork tracker follows the command's children: {names:?}"
    );
    assert!(
        tree.artifact
            .maps
            .iter()
            .any(|m| m.name == compiler::lower::TARGETS_MAP)
    );
}

/// `--atomic-values` (kept to measure the two designs): one shared map, `lock` adds.
#[test]
fn atomic_values_share_one_map() {
    let env = TracefsEnv::at(check::data_dir("tracefs"));
    let text = "bio < @[comm] = sum(bytes) >";
    let atomic = compile(
        &env,
        "-e",
        text,
        &Options {
            atomic_values: true,
            ..Default::default()
        },
    )
    .expect("compiles");
    let per_cpu = compile(&env, "-e", text, &Options::default()).expect("compiles");
    let user_map =
        |c: &compiler::Compiled| c.artifact.maps.iter().find(|m| m.display == "@").cloned();
    assert_eq!(user_map(&atomic).map(|m| m.per_cpu), Some(false));
    assert_eq!(user_map(&per_cpu).map(|m| m.per_cpu), Some(true));
    assert!(
        atomic.asm.contains("lock *("),
        "an atomic add:\n{}",
        atomic.asm
    );
    assert!(
        !per_cpu.asm.contains("lock *("),
        "no atomics by default:\n{}",
        per_cpu.asm
    );
}

/// Every golden program passes the kernel's verifier, and nothing of ours stays loaded.
#[test]
fn kernel_loads_every_golden() {
    if !check::kernel_tests_enabled("kernel_loads_every_golden") {
        return;
    }
    let _kernel = crate::kernel::lock();
    let _ = runtime::tracefs::ensure_mounted();
    let env = TracefsEnv::live();
    let mut failures = Vec::new();
    for path in check::files_with_ext(&check::data_dir("golden"), "fs") {
        let text = std::fs::read_to_string(&path).expect("read golden script");
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        for target in [compiler::lower::Target::All, compiler::lower::Target::Tree] {
            let options = Options {
                target,
                ..golden_options(&text)
            };
            let compiled = match compile(&env, &name, &text, &options) {
                Ok(c) => c,
                Err(e) => {
                    failures.push(format!(
                        "{name}: does not compile against the live kernel:\n{e}"
                    ));
                    continue;
                }
            };
            match runtime::session::Session::load(&compiled.artifact) {
                Ok(session) => drop(session),
                Err(e) => {
                    failures.push(format!("{name} ({target:?}): {e}\n{e:?}\n{}", compiled.asm))
                }
            }
        }
    }
    check::finish(failures);
    crate::kernel::assert_nothing_of_ours_loaded();
}

/// The object flamescript emits for a script is an ordinary one: libbpf (bpftool) loads it too.
#[test]
fn emitted_object_loads_with_bpftool() {
    if !check::kernel_tests_enabled("emitted_object_loads_with_bpftool") {
        return;
    }
    let _kernel = crate::kernel::lock();
    let _ = runtime::tracefs::ensure_mounted();
    let env = TracefsEnv::live();
    let text = "profile hz 99 < @cpu[kstack, ustack] = count() > bio < @io[comm] = sum(bytes) >";
    let compiled = compile(&env, "-e", text, &Options::default()).expect("compiles");
    let Some(res) = crate::kernel::bpftool_loadall(&compiled.artifact.elf, "emitted_object") else {
        return;
    };
    let pinned = res.unwrap_or_else(|e| panic!("{e}"));
    let expected: std::collections::BTreeSet<String> = compiled
        .artifact
        .programs
        .iter()
        .map(|p| p.name.clone())
        .collect();
    assert_eq!(pinned, expected);
    crate::kernel::assert_nothing_of_ours_loaded();
}

/// A program the verifier refuses comes back as an error that points at the script statement
/// that generated the failing instruction, with the verifier's last lines.
#[test]
fn verifier_refusal_points_at_the_script() {
    if !check::kernel_tests_enabled("verifier_refusal_points_at_the_script") {
        return;
    }
    let _kernel = crate::kernel::lock();
    let env = TracefsEnv::at(check::data_dir("tracefs"));
    let text = "bio < @a = count(); @b[comm] = sum(bytes) >";
    let mut compiled = compile(&env, "-e", text, &Options::default()).expect("compiles");
    // Break the second statement's code: its first instruction becomes a read above the frame
    // pointer, which the verifier always refuses.
    let prog = &mut compiled.artifact.programs[0];
    let (_, _, span) = compiled
        .artifact
        .lines
        .entries
        .iter()
        .filter(|(p, _, _)| *p == prog.name)
        .nth(2)
        .cloned()
        .expect("a third line entry");
    let at = compiled
        .artifact
        .lines
        .entries
        .iter()
        .filter(|(p, _, _)| *p == prog.name)
        .nth(2)
        .map(|(_, i, _)| *i)
        .unwrap_or(0) as usize;
    let bad = compiler::bpf::insn::Insn::ldx(
        compiler::bpf::insn::Size::DW,
        compiler::bpf::insn::Reg::R1,
        compiler::bpf::insn::Reg::FP,
        8,
    );
    prog.code[at * 8..at * 8 + 8].copy_from_slice(&compiler::bpf::insn::encode(&[bad]));
    match runtime::session::Session::load(&compiled.artifact) {
        Ok(_) => panic!("the verifier accepted a read through an uninitialised register"),
        Err(runtime::session::RuntimeError::Verifier {
            insn,
            span: got,
            log,
            ..
        }) => {
            assert_eq!(
                insn,
                Some(at as u32),
                "the failing instruction is named:\n{log}"
            );
            assert_eq!(
                got, span,
                "the error points at the statement that generated it:\n{log}"
            );
            assert!(!log.is_empty());
        }
        Err(other) => panic!("expected a verifier refusal, got {other}"),
    }
    crate::kernel::assert_nothing_of_ours_loaded();
}

// What `count()` counts is named after the probe, for the graph's unit and pprof's sample type:
// faults, requests, samples; "events" when probes of different kinds count into one map.
#[test]
fn count_is_named_after_its_probe() {
    let env = TracefsEnv::at(check::data_dir("tracefs"));
    let script = "pagefault user < @f[ustack] = count() > bio < @b[kstack] = count() > \
                  profile hz 99 < @p[kstack] = count(); @mixed[kstack] = count() > \
                  bio < @mixed[kstack] = count() >";
    let c = compile(&env, "count_names.fs", script, &Options::default()).expect("compiles");
    let names = &c.artifact.count_names;
    let of = |display: &str| {
        let map = c.artifact.maps.iter().find(|m| m.display == display);
        map.and_then(|m| names.get(&m.name)).map(String::as_str)
    };
    assert_eq!(of("@f"), Some("faults"));
    assert_eq!(of("@b"), Some("requests"));
    assert_eq!(of("@p"), Some("samples"));
    assert_eq!(of("@mixed"), Some("events"));
}

/// The pinned BTF facts the goldens compile against are this machine's kernel's: a kernel
/// update that moves them shows here (re-pin `tests/data/tracefs/btf.txt`), not as goldens that
/// quietly stop matching what runs. Skipped inside the kernel matrix, whose kernels differ.
#[test]
fn btf_fixture_matches_the_kernel() {
    if std::env::var_os("FLAMESCRIPT_KERNEL_LABEL").is_some() {
        return;
    }
    let Ok(btf) = compiler::kbtf::KernelBtf::load() else {
        assert!(
            std::env::var_os("FLAMESCRIPT_REQUIRE_KERNEL").is_none(),
            "no kernel BTF here (FLAMESCRIPT_REQUIRE_KERNEL is set)"
        );
        return;
    };
    let text = std::fs::read_to_string(check::data_dir("tracefs").join("btf.txt")).unwrap();
    let mut wrong = Vec::new();
    for line in text.lines() {
        let w: Vec<&str> = line.split_whitespace().collect();
        let live: Option<String> = match w.as_slice() {
            ["member", s, path, ..] => btf
                .member_chain(s, path)
                .ok()
                .map(|v| v.iter().map(u32::to_string).collect::<Vec<_>>().join(" ")),
            ["tracepoint", name, ..] => btf
                .tracepoint_params(name)
                .map(|(id, n)| format!("{id} {n}")),
            ["func", name, _] => btf
                .find(compiler::kbtf::Kind::Func, name)
                .map(|id| id.to_string()),
            ["helper", name] => btf
                .enum_value("bpf_func_id", &format!("BPF_FUNC_{name}"))
                .map(|_| String::new()),
            ["struct", name] => btf
                .find(compiler::kbtf::Kind::Struct, name)
                .map(|_| String::new()),
            _ => continue,
        };
        let skip = if w[0] == "member" { 3 } else { 2 };
        let pinned = w[skip.min(w.len())..].join(" ");
        if live.as_deref() != Some(pinned.as_str()) {
            wrong.push(format!("{line}: the running kernel says {live:?}"));
        }
    }
    assert!(wrong.is_empty(), "re-pin btf.txt:\n{}", wrong.join("\n"));
}

/// A kernel as old as Debian 11's 5.10, described by its BTF facts: `sched_switch` with three
/// arguments, no `sched_exit_tp`, no task-work kfunc, no `bpf_task_pt_regs`, hash maps that
/// must be preallocated in perf_event programs, no `futex_waitv`. (The kernel matrix,
/// scripts/kernels/, runs the same on the real thing.)
struct OldKernel(TracefsEnv);

impl Env for OldKernel {
    fn tracepoint(
        &self,
        category: &str,
        name: &str,
    ) -> Result<compiler::catalog::TracepointLayout, compiler::catalog::EnvError> {
        if name.contains("futex_waitv") {
            return Err(compiler::catalog::EnvError::UnknownTracepoint {
                similar: Vec::new(),
            });
        }
        self.0.tracepoint(category, name)
    }
    fn tracepoints(&self) -> Vec<(String, String)> {
        self.0.tracepoints()
    }
    fn btf_member_chain(
        &self,
        strukt: &str,
        path: &str,
    ) -> Result<Vec<u32>, compiler::catalog::EnvError> {
        match path {
            "__state" => Err(compiler::catalog::EnvError::Unavailable("5.10".into())),
            // 5.10's `long state` (an offset no other load here uses, so the test can see it).
            "state" => Ok(vec![4040]),
            _ => self.0.btf_member_chain(strukt, path),
        }
    }
    fn btf_func(&self, name: &str) -> Result<u32, compiler::catalog::EnvError> {
        Err(compiler::catalog::EnvError::Unavailable(format!(
            "no {name} in 5.10"
        )))
    }
    fn btf_tracepoint(&self, name: &str) -> Result<(u32, usize), compiler::catalog::EnvError> {
        match name {
            "sched_switch" => Ok((self.0.btf_tracepoint(name)?.0, 3)),
            _ => Err(compiler::catalog::EnvError::Unavailable(format!(
                "no {name} in 5.10"
            ))),
        }
    }
    fn has_helper(&self, name: &str) -> Option<bool> {
        Some(!matches!(name, "task_pt_regs" | "get_current_task_btf"))
    }
    fn has_struct(&self, _: &str) -> Option<bool> {
        Some(false)
    }
}

// See: issue 17 — what an old kernel lacks changes the programs, never refuses the probe.
#[test]
fn old_kernel_facts_choose_what_old_kernels_offer() {
    let env = OldKernel(TracefsEnv::at(check::data_dir("tracefs")));
    let options = Options {
        unwind: compiler::lower::Unwind::Auto,
        ..Default::default()
    };
    let off = compile(
        &env,
        "-e",
        "offcpu min 1ms < @[kstack, ustack] = sum(delta) >",
        &options,
    )
    .expect("offcpu compiles for 5.10");
    let a = &off.artifact;
    assert_eq!(
        a.offcpu,
        compiler::lower::span::OffcpuDesign::SwitchOut.describe()
    );
    assert_eq!(a.programs.len(), 1, "sched_switch alone: {:?}", a.programs);
    assert!(
        a.unwind
            .starts_with("fp (this kernel has no bpf_task_pt_regs"),
        "{}",
        a.unwind
    );
    assert!(!off.asm.contains("bpf_task_pt_regs") && !off.asm.contains("call 175"));
    // The state is the leaving task's own word, read through `prev`; a 4-argument kernel reads
    // the argument instead.
    assert!(
        off.asm.contains(" +4040)"),
        "the state read from the task:\n{}",
        off.asm
    );
    let newest = compile(
        &TracefsEnv::at(check::data_dir("tracefs")),
        "-e",
        "offcpu min 1ms < @[kstack, ustack] = sum(delta) >",
        &options,
    )
    .expect("offcpu compiles for 6.18");
    assert!(!newest.asm.contains(" +4040)"), "{}", newest.asm);
    let futex = compile(&env, "-e", "futex < @[ustack] = sum(delta) >", &options)
        .expect("futex compiles without futex_waitv");
    assert_eq!(
        futex.artifact.programs.len(),
        2,
        "futex's enter and exit only"
    );
    let profile = compile(
        &env,
        "-e",
        "profile hz 99 < @[kstack, ustack] = count() >",
        &options,
    )
    .expect("profile compiles");
    assert!(
        profile.artifact.maps.iter().all(|m| !m.no_prealloc),
        "every map preallocated before 6.1: {:?}",
        profile.artifact.maps
    );
    // A design the kernel lacks, asked for by name: refused at the probe, with what to do.
    let forced = Options {
        offcpu: Some(compiler::lower::span::OffcpuDesign::SwitchIn),
        ..options
    };
    let err = compile(&env, "-e", "offcpu < @[ustack] = sum(delta) >", &forced)
        .expect_err("no sched_exit_tp on 5.10");
    assert!(
        err.contains("sched_exit_tp") && err.contains("leave out --offcpu-design"),
        "{err}"
    );
}
