//! The BPF backend's bottom half (`compiler::bpf`) against its real consumers: the asm goldens
//! under `tests/data/bpf/` (text → `Insn` → bytes → `Insn` → text), objects read back by
//! aya-obj and llvm-objdump, and, as root, loaded into this kernel by aya (a `perf_event`
//! program taking stack ids on cpu-clock, a tracepoint counting execs, a `tp_btf` program
//! counting context switches) and by bpftool (libbpf's
//! `prog loadall`, the proof that the object is an ordinary one).
//!
//! Programs here are hand-assembled in `tests/data/bpf/*.s`; lowering from the IR is tested
//! elsewhere. Every program and map is named `fs_…` so `bpftool prog show` tells ours apart.

#![allow(clippy::print_stderr, reason = "a test that skips says why on stderr")]

use std::collections::{BTreeSet, HashSet};
use std::process::Command;
use std::time::{Duration, Instant};

use compiler::bpf::{
    BPF_F_NO_PREALLOC, MapDef, MapReloc, MapType, Object, Program, asm, elf, insn,
};

use crate::check;

fn assemble(name: &str) -> (Vec<insn::Insn>, Vec<MapReloc>) {
    let path = check::data_dir("bpf").join(format!("{name}.s"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    asm::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn map(
    name: &str,
    kind: MapType,
    key_size: u32,
    value_size: u32,
    max_entries: u32,
    flags: u32,
) -> MapDef {
    MapDef {
        name: name.to_string(),
        kind,
        key_size,
        value_size,
        max_entries,
        flags,
        task_work: false,
    }
}

/// The maps of the test object: every map type flamescript uses, task storage included (it
/// needs typed BTF, the hardest case for `btf.rs`).
fn test_maps() -> Vec<MapDef> {
    vec![
        // 127 frames of u64, PERF_MAX_STACK_DEPTH.
        map("fs_stacks", MapType::StackTrace, 4, 127 * 8, 1024, 0),
        map("fs_counts", MapType::Hash, 4, 8, 1024, 0),
        map("fs_execs", MapType::Hash, 16, 8, 256, BPF_F_NO_PREALLOC),
        map("fs_pcpu", MapType::PercpuHash, 8, 8, 64, 0),
        map("fs_arr", MapType::Array, 4, 8, 1, 0),
        map("fs_parr", MapType::PercpuArray, 4, 8, 4, 0),
        map(
            "fs_tstore",
            MapType::TaskStorage,
            4,
            16,
            0,
            BPF_F_NO_PREALLOC,
        ),
    ]
}

fn test_object() -> Object {
    let (prof, prof_relocs) = assemble("perf_stackid");
    let (exec, exec_relocs) = assemble("exec_count");
    let (switch, switch_relocs) = assemble("switch_count");
    let (task, task_relocs) = assemble("task_storage");
    Object {
        license: "GPL".to_string(),
        programs: vec![
            Program {
                name: "fs_prof".into(),
                section: "perf_event".into(),
                insns: prof,
                map_relocs: prof_relocs,
            },
            Program {
                name: "fs_exec".into(),
                section: "tracepoint/sched/sched_process_exec".into(),
                insns: exec,
                map_relocs: exec_relocs,
            },
            Program {
                name: "fs_switch".into(),
                section: "tp_btf/sched_switch".into(),
                insns: switch,
                map_relocs: switch_relocs,
            },
            Program {
                name: "fs_task".into(),
                section: "tp_btf/sched_switch".into(),
                insns: task,
                map_relocs: task_relocs,
            },
        ],
        maps: test_maps(),
    }
}

fn test_object_bytes() -> Vec<u8> {
    elf::write_object(&test_object()).expect("the test object is well formed")
}

#[test]
fn bpf_asm_goldens_round_trip() {
    let dir = check::data_dir("bpf");
    let mut failures = Vec::new();
    for path in check::files_with_ext(&dir, "s") {
        let text = std::fs::read_to_string(&path).unwrap();
        let (insns, relocs) = match asm::parse(&text) {
            Ok(it) => it,
            Err(e) => {
                failures.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        let bytes = insn::encode(&insns);
        let decoded = insn::decode(&bytes).expect("encoded programs decode");
        assert_eq!(decoded, insns, "{}: decode(encode(x)) != x", path.display());
        let listing = asm::print(&decoded, &relocs);
        // The listing parses back to the very same slots and relocations.
        assert_eq!(
            asm::parse(&listing),
            Ok((insns, relocs)),
            "{}: the listing does not parse back",
            path.display()
        );
        check::check_file(&path.with_extension("asm"), &listing, &mut failures);
    }
    check::finish(failures);
}

/// The `--emit asm` form of a whole object.
#[test]
fn bpf_object_listing_golden() {
    let mut failures = Vec::new();
    let listing = asm::print_object(&test_object());
    check::check_file(
        &check::data_dir("bpf").join("object.lst"),
        &listing,
        &mut failures,
    );
    check::finish(failures);
}

#[test]
fn bpf_object_parses_back_with_aya_obj() {
    use aya_obj::ProgramSection;

    let bytes = test_object_bytes();
    let mut obj = aya_obj::Object::parse(&bytes).expect("aya-obj parses our object");
    assert_eq!(obj.license.to_str(), Ok("GPL"));

    let sections: BTreeSet<(String, String)> = obj
        .programs
        .iter()
        .map(|(name, p)| {
            let kind = match p.section {
                ProgramSection::PerfEvent => "perf_event",
                ProgramSection::TracePoint => "tracepoint",
                ProgramSection::BtfTracePoint => "tp_btf",
                _ => "other",
            };
            (name.clone(), kind.to_string())
        })
        .collect();
    let expected: BTreeSet<(String, String)> = [
        ("fs_exec", "tracepoint"),
        ("fs_prof", "perf_event"),
        ("fs_switch", "tp_btf"),
        ("fs_task", "tp_btf"),
    ]
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .into();
    assert_eq!(sections, expected);

    for def in test_maps() {
        let parsed = obj
            .maps
            .get(&def.name)
            .unwrap_or_else(|| panic!("map `{}` is missing", def.name));
        let got = (
            parsed.map_type(),
            parsed.key_size(),
            parsed.value_size(),
            parsed.max_entries(),
            parsed.map_flags(),
        );
        let want = (
            def.kind.id(),
            def.key_size,
            def.value_size,
            def.max_entries,
            def.flags,
        );
        assert_eq!(
            got, want,
            "map `{}`: (type, key, value, max entries, flags)",
            def.name
        );
        assert!(
            matches!(parsed, aya_obj::Map::Btf(_)),
            "map `{}` is BTF-defined",
            def.name
        );
    }

    // Relocate with made-up fds and find them in the `ld_imm64`s the relocations name.
    let fds: Vec<(String, i32)> = test_maps()
        .iter()
        .enumerate()
        .map(|(i, m)| (m.name.clone(), 100 + i as i32))
        .collect();
    let maps: Vec<(String, i32, aya_obj::Map)> = fds
        .iter()
        .map(|(name, fd)| (name.clone(), *fd, obj.maps[name].clone()))
        .collect();
    obj.relocate_maps(
        maps.iter().map(|(n, fd, m)| (n.as_str(), *fd, m)),
        &HashSet::new(),
    )
    .expect("every map reference relocates");
    for prog in test_object().programs {
        let function = obj
            .functions
            .values()
            .find(|f| f.name == prog.name)
            .expect("the program's function");
        assert_eq!(function.instructions.len(), prog.insns.len());
        for reloc in &prog.map_relocs {
            let slot = &function.instructions[reloc.insn];
            let fd = fds.iter().find(|(n, _)| *n == reloc.map).unwrap().1;
            assert_eq!(
                (slot.src_reg(), slot.imm),
                (insn::BPF_PSEUDO_MAP_FD, fd),
                "{} slot {}",
                prog.name,
                reloc.insn
            );
        }
    }
}

#[test]
fn bpf_object_write_errors() {
    let mut obj = test_object();
    obj.programs[0].map_relocs.push(MapReloc {
        insn: 2,
        map: "fs_nope".into(),
    });
    assert_eq!(
        elf::write_object(&obj),
        Err(elf::ElfError::UnknownMap {
            program: "fs_prof".into(),
            map: "fs_nope".into()
        })
    );
    let mut obj = test_object();
    obj.programs[0].map_relocs.push(MapReloc {
        insn: 2,
        map: "fs_counts".into(),
    });
    assert!(matches!(
        elf::write_object(&obj),
        Err(elf::ElfError::NotLdImm64 { insn: 2, .. })
    ));
    let mut obj = test_object();
    obj.maps[1].name = "fs_prof".into();
    assert_eq!(
        elf::write_object(&obj),
        Err(elf::ElfError::DuplicateName("fs_prof".into()))
    );
}

#[test]
fn bpf_object_reads_with_llvm_objdump() {
    let dir = std::env::temp_dir().join(format!("fs_bpf_objdump_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("test.o");
    std::fs::write(&path, test_object_bytes()).unwrap();
    let out = Command::new("llvm-objdump")
        .arg("-d")
        .arg("-r")
        .arg("-h")
        .arg("-t")
        .arg(&path)
        .output();
    std::fs::remove_dir_all(&dir).ok();
    let Ok(out) = out else {
        eprintln!("bpf_object_reads_with_llvm_objdump: skipped, llvm-objdump is not installed");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "llvm-objdump failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    for needle in [
        "elf64-bpf",
        "perf_event",
        "tracepoint/sched/sched_process_exec",
        ".maps",
        ".BTF",
        "license",
        "R_BPF_64_64",
        "fs_counts",
        "call 27",
        "lock *(u64 *)(r0 + 0) += r1",
        // Programs and maps are GLOBAL with default visibility, as clang emits them.
        "g     F perf_event\t00000000000000c8 fs_prof",
        "g     O .maps\t0000000000000020 fs_counts",
    ] {
        assert!(
            text.contains(needle),
            "llvm-objdump output lacks `{needle}`:\n{text}"
        );
    }
}

// ---- root only: the real kernel ----

fn program_ids(bpf: &aya::Ebpf) -> Vec<u32> {
    bpf.programs()
        .filter_map(|(_, p)| p.info().ok())
        .map(|info| info.id())
        .collect()
}

fn loaded_map_ids() -> HashSet<u32> {
    aya::maps::loaded_maps()
        .filter_map(Result::ok)
        .map(|m| m.id())
        .collect()
}

fn load_test_object() -> aya::Ebpf {
    let bytes = test_object_bytes();
    // Task storage has no aya wrapper: aya refuses to create it unless told to.
    aya::EbpfLoader::new()
        .allow_unsupported_maps()
        .load(&bytes)
        .expect("aya loads our object")
}

/// Loads every program through the verifier (printing its log when it refuses).
fn load_programs(bpf: &mut aya::Ebpf) {
    let prof: &mut aya::programs::PerfEvent =
        bpf.program_mut("fs_prof").unwrap().try_into().unwrap();
    if let Err(e) = prof.load() {
        panic!("fs_prof refused: {e:?}");
    }
    let exec: &mut aya::programs::TracePoint =
        bpf.program_mut("fs_exec").unwrap().try_into().unwrap();
    if let Err(e) = exec.load() {
        panic!("fs_exec refused: {e:?}");
    }
    // tp_btf finds `btf_trace_sched_switch` in the kernel's BTF.
    let btf = aya::Btf::from_sys_fs().expect("/sys/kernel/btf/vmlinux");
    let switch: &mut aya::programs::BtfTracePoint =
        bpf.program_mut("fs_switch").unwrap().try_into().unwrap();
    if let Err(e) = switch.load("sched_switch", &btf) {
        panic!("fs_switch refused: {e:?}");
    }
    // Task storage: the verifier accepts `bpf_task_storage_get` on our BTF-typed map.
    let task: &mut aya::programs::BtfTracePoint =
        bpf.program_mut("fs_task").unwrap().try_into().unwrap();
    if let Err(e) = task.load("sched_switch", &btf) {
        panic!("fs_task refused: {e:?}");
    }
}

/// Waits until none of `progs` and `maps` is loaded any more: the kernel frees them after an
/// RCU grace period once the last fd and link are gone.
fn assert_unloaded(progs: &[u32], maps: &HashSet<u32>) {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let live_progs: Vec<u32> = aya::programs::loaded_programs()
            .filter_map(Result::ok)
            .map(|p| p.id())
            .filter(|id| progs.contains(id))
            .collect();
        let live_maps: Vec<u32> = loaded_map_ids().intersection(maps).copied().collect();
        if live_progs.is_empty() && live_maps.is_empty() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "still loaded after drop: programs {live_progs:?}, maps {live_maps:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn bpf_kernel_perf_event_counts_stacks() {
    use aya::programs::perf_event::{PerfEventConfig, PerfEventScope, SamplePolicy, SoftwareEvent};

    if !check::kernel_tests_enabled("bpf_kernel_perf_event_counts_stacks") {
        return;
    }
    let _kernel = crate::kernel::lock();
    let maps_before = loaded_map_ids();
    let mut bpf = load_test_object();
    let ours: HashSet<u32> = loaded_map_ids().difference(&maps_before).copied().collect();
    load_programs(&mut bpf);
    let progs = program_ids(&bpf);
    assert_eq!(progs.len(), 4);

    let prof: &mut aya::programs::PerfEvent =
        bpf.program_mut("fs_prof").unwrap().try_into().unwrap();
    for cpu in aya::util::online_cpus().expect("online cpus") {
        prof.attach(
            PerfEventConfig::Software(SoftwareEvent::CpuClock),
            PerfEventScope::AllProcessesOneCpu { cpu },
            SamplePolicy::Frequency(99),
            false,
        )
        .expect("attach to cpu-clock");
    }
    // Keep a CPU busy *in the kernel*: a sample that interrupts user code has no kernel stack,
    // and `bpf_get_stackid(…, 0)` then returns -EFAULT (seen when the other CPU ran user code
    // too). Copying from /dev/zero spends the time in `read_zero`/`clear_user`.
    let mut zero = std::fs::File::open("/dev/zero").unwrap();
    let mut buf = vec![0u8; 1 << 16];
    let until = Instant::now() + Duration::from_millis(300);
    while Instant::now() < until {
        std::io::Read::read_exact(&mut zero, &mut buf).unwrap();
    }

    let counts: aya::maps::HashMap<_, u32, u64> =
        aya::maps::HashMap::try_from(bpf.map("fs_counts").unwrap()).unwrap();
    let entries: Vec<(u32, u64)> = counts.iter().filter_map(Result::ok).collect();
    let samples: u64 = entries.iter().map(|(_, n)| n).sum();
    assert!(
        !entries.is_empty() && samples >= 5,
        "too few samples in 300 ms at 99 Hz: {entries:?}"
    );
    // Some ids are real stacks (non-negative), not capture errors, and they point at kernel
    // frames in `fs_stacks`.
    let id = entries
        .iter()
        .map(|(id, _)| *id)
        .find(|id| (*id as i32) >= 0)
        .unwrap_or_else(|| panic!("no stack captured: {entries:?}"));
    let stacks = aya::maps::StackTraceMap::try_from(bpf.map("fs_stacks").unwrap()).unwrap();
    let frames = stacks.get(&id, 0).expect("the stack id is in fs_stacks");
    assert!(
        !frames.frames().is_empty()
            && frames
                .frames()
                .iter()
                .all(|f| f.ip >= 0xffff_8000_0000_0000),
        "stack {id} is not a kernel stack: {:x?}",
        frames.frames().iter().map(|f| f.ip).collect::<Vec<_>>()
    );
    drop(bpf);
    assert_unloaded(&progs, &ours);
}

#[test]
fn bpf_kernel_tracepoint_counts_execs() {
    if !check::kernel_tests_enabled("bpf_kernel_tracepoint_counts_execs") {
        return;
    }
    let _kernel = crate::kernel::lock();
    crate::kernel::mount_tracefs();
    let maps_before = loaded_map_ids();
    let mut bpf = load_test_object();
    let ours: HashSet<u32> = loaded_map_ids().difference(&maps_before).copied().collect();
    load_programs(&mut bpf);
    let progs = program_ids(&bpf);

    let exec: &mut aya::programs::TracePoint =
        bpf.program_mut("fs_exec").unwrap().try_into().unwrap();
    exec.attach("sched", "sched_process_exec")
        .expect("attach to sched:sched_process_exec");
    for _ in 0..5 {
        let status = Command::new("/bin/true").status().expect("run /bin/true");
        assert!(status.success());
    }

    let execs: aya::maps::HashMap<_, [u8; 16], u64> =
        aya::maps::HashMap::try_from(bpf.map("fs_execs").unwrap()).unwrap();
    let mut key = [0u8; 16];
    key[..4].copy_from_slice(b"true");
    // Other processes may run `true` meanwhile: at least our five.
    let n = execs.get(&key, 0).expect("an entry for comm `true`");
    assert!(
        n >= 5,
        "counted {n} execs of /bin/true, expected at least 5"
    );
    drop(bpf);
    assert_unloaded(&progs, &ours);
}

#[test]
fn bpf_kernel_tp_btf_counts_switches() {
    if !check::kernel_tests_enabled("bpf_kernel_tp_btf_counts_switches") {
        return;
    }
    let _kernel = crate::kernel::lock();
    let maps_before = loaded_map_ids();
    let mut bpf = load_test_object();
    let ours: HashSet<u32> = loaded_map_ids().difference(&maps_before).copied().collect();
    load_programs(&mut bpf);
    let progs = program_ids(&bpf);

    let switch: &mut aya::programs::BtfTracePoint =
        bpf.program_mut("fs_switch").unwrap().try_into().unwrap();
    switch.attach().expect("attach to btf_trace_sched_switch");
    // Each sleep is at least two switches of this thread.
    for _ in 0..10 {
        std::thread::sleep(Duration::from_millis(5));
    }
    let counts: aya::maps::Array<_, u64> =
        aya::maps::Array::try_from(bpf.map("fs_arr").unwrap()).unwrap();
    let n = counts.get(&0, 0).expect("fs_arr[0]");
    assert!(
        n >= 20,
        "counted {n} context switches around 10 sleeps, expected at least 20"
    );
    drop(bpf);
    assert_unloaded(&progs, &ours);
}

/// A refusal comes back with the verifier's log, which names the failing slot: what the
/// runtime maps through the line table to the script.
#[test]
fn bpf_kernel_verifier_refusal_names_the_slot() {
    if !check::kernel_tests_enabled("bpf_kernel_verifier_refusal_names_the_slot") {
        return;
    }
    let _kernel = crate::kernel::lock();
    let (insns, map_relocs) = assemble("null_deref");
    let obj = Object {
        license: "GPL".into(),
        programs: vec![Program {
            name: "fs_bad".into(),
            section: "tracepoint/sched/sched_process_exec".into(),
            insns,
            map_relocs,
        }],
        maps: vec![map("fs_counts", MapType::Hash, 4, 8, 16, 0)],
    };
    let bytes = elf::write_object(&obj).unwrap();
    let mut bpf = aya::EbpfLoader::new()
        .load(&bytes)
        .expect("aya loads the object");
    let bad: &mut aya::programs::TracePoint =
        bpf.program_mut("fs_bad").unwrap().try_into().unwrap();
    match bad.load() {
        Err(aya::programs::ProgramError::LoadError { verifier_log, .. }) => {
            let log = verifier_log.to_string();
            // Slot 6 is `r1 = *(u64 *)(r0 +0)` (opcode 0x79), with r0 maybe NULL; the kernel
            // prints it exactly as our printer does.
            let (text, _) = asm::insn_text(&obj.programs[0].insns[6..], None);
            assert_eq!(text, "r1 = *(u64 *)(r0 +0)");
            assert!(log.contains(&format!("6: (79) {text}")), "{log}");
            assert!(
                log.contains("invalid mem access 'map_value_or_null'"),
                "{log}"
            );
        }
        other => panic!("expected a verifier refusal, got {other:?}"),
    }
}

/// bpftool (libbpf) loads every program of our object, which it would refuse if the object were
/// not an ordinary one (libbpf rejects legacy `maps` sections, bad BTF, unknown section names).
#[test]
fn bpf_kernel_bpftool_loadall() {
    if !check::kernel_tests_enabled("bpf_kernel_bpftool_loadall") {
        return;
    }
    let _kernel = crate::kernel::lock();
    let pinned =
        match crate::kernel::bpftool_loadall(&test_object_bytes(), "bpf_kernel_bpftool_loadall") {
            Some(res) => res.unwrap_or_else(|e| panic!("{e}")),
            None => return,
        };
    let expected = ["fs_exec", "fs_prof", "fs_switch", "fs_task"].map(String::from);
    assert_eq!(pinned, BTreeSet::from(expected));
}

#[test]
fn bpf_program_names_fit_the_kernel() {
    // BPF_OBJ_NAME_LEN is 16 with the NUL: longer names are cut, and `fs_` must survive.
    let obj = test_object();
    let names = obj
        .programs
        .iter()
        .map(|p| &p.name)
        .chain(obj.maps.iter().map(|m| &m.name));
    for name in names {
        assert!(name.starts_with("fs_") && name.len() <= 15, "`{name}`");
    }
}
