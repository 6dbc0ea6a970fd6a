//! Loading and attaching by direct `bpf(2)` and `perf_event_open(2)` calls.
//!
//! Why not aya's loader for these too: aya 0.14's `EbpfLoader::new()` parses the whole kernel
//! BTF (≈ 12 ms) and probes kernel features before loading anything, for every script — most of
//! the time a user waits for a one-liner's probes to go live. Our objects are simple (maps,
//! programs, `ld_imm64` map references), and the `Artifact` carries each program's code and
//! relocations, so loading them is a handful of syscalls. Closing the descriptors (drop)
//! detaches and unloads everything. What needs the kernel's BTF was looked up when compiling
//! (a `tp_btf` program's attach id, a kfunc's id: `compiler::kbtf`), so nothing here parses it;
//! a map whose value embeds a kernel object (`struct bpf_task_work`) gets a small BTF of its
//! own (`BPF_BTF_LOAD`).

use std::collections::HashMap;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

use compiler::artifact::{Artifact, AttachSpec, ProgramSpec, Sampling, SoftwareEvent};

const BPF_MAP_CREATE: libc::c_long = 0;
const BPF_PROG_LOAD: libc::c_long = 5;
const BPF_RAW_TRACEPOINT_OPEN: libc::c_long = 17;
const BPF_BTF_LOAD: libc::c_long = 18;
const BPF_PROG_TYPE_TRACEPOINT: u32 = 5;
const BPF_PROG_TYPE_PERF_EVENT: u32 = 7;
const BPF_PROG_TYPE_TRACING: u32 = 26;
/// `expected_attach_type` of a `tp_btf` program.
const BPF_TRACE_RAW_TP: u32 = 23;
/// `src_reg` of an `ld_imm64` whose immediate is a map fd.
const BPF_PSEUDO_MAP_FD: u8 = 1;

const PERF_TYPE_SOFTWARE: u32 = 1;
const PERF_TYPE_TRACEPOINT: u32 = 2;
const PERF_COUNT_SW_CPU_CLOCK: u64 = 0;
const PERF_COUNT_SW_PAGE_FAULTS: u64 = 2;
/// `perf_event_attr` up to `PERF_ATTR_SIZE_VER5`: every field we set is in it.
const PERF_ATTR_SIZE: usize = 112;
const PERF_FLAG_FD_CLOEXEC: libc::c_ulong = 8;
const PERF_EVENT_IOC_ENABLE: libc::c_ulong = 0x2400;
const PERF_EVENT_IOC_SET_BPF: libc::c_ulong = 0x4004_2408;

/// Why a load failed, for `session` to turn into a `RuntimeError`.
pub(crate) enum LoadFailure {
    NotPermitted,
    /// The verifier refused `program`; its whole log.
    Verifier {
        program: String,
        log: String,
    },
    Other(String),
}

/// Everything loaded for one run: dropping it closes every fd, which detaches and unloads.
pub(crate) struct Direct {
    pub(crate) maps: HashMap<String, OwnedFd>,
    /// BTF objects of typed maps (the maps hold their own reference; kept for clarity).
    _btfs: Vec<OwnedFd>,
    programs: HashMap<String, OwnedFd>,
    /// Perf events with a program attached (one per CPU for a software event).
    events: Vec<OwnedFd>,
}

fn sys_bpf(cmd: libc::c_long, attr: &mut [u8]) -> io::Result<OwnedFd> {
    // SAFETY: `attr` is a zero-initialised bpf_attr of `attr.len()` bytes whose pointer fields
    // (set by the callers) point to buffers that outlive the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_bpf,
            cmd,
            attr.as_mut_ptr(),
            attr.len() as libc::c_uint,
        )
    };
    if rc < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: on success these commands return a new file descriptor that we now own.
    Ok(unsafe { OwnedFd::from_raw_fd(rc as i32) })
}

fn put_u32(buf: &mut [u8], off: usize, v: u32) {
    buf[off..off + 4].copy_from_slice(&v.to_ne_bytes());
}

fn put_u64(buf: &mut [u8], off: usize, v: u64) {
    buf[off..off + 8].copy_from_slice(&v.to_ne_bytes());
}

/// A kernel object name: at most 15 bytes and a NUL (BPF_OBJ_NAME_LEN).
fn put_name(buf: &mut [u8], off: usize, name: &str) {
    let bytes: Vec<u8> = name
        .bytes()
        .filter(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.')
        .take(15)
        .collect();
    buf[off..off + bytes.len()].copy_from_slice(&bytes);
}

fn permission(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::EPERM) | Some(libc::EACCES))
}

/// Lifts RLIMIT_MEMLOCK as far as we may. Kernels before 5.11 charge BPF maps and programs
/// to it (later ones to the memory cgroup), and its usual 8 MiB–64 KiB refuses a stacks map:
/// the map creation fails with EPERM, which is not a missing privilege. Harmless where unused.
pub(crate) fn raise_memlock() {
    let unlimited = libc::rlimit {
        rlim_cur: libc::RLIM_INFINITY,
        rlim_max: libc::RLIM_INFINITY,
    };
    // SAFETY: setrlimit reads the struct we pass; a refusal (not root) changes nothing.
    let _ = unsafe { libc::setrlimit(libc::RLIMIT_MEMLOCK, &unlimited) };
}

/// EPERM creating a map although we are root: the memory limit, not the privilege.
fn memlock_refusal(e: &io::Error) -> bool {
    // SAFETY: geteuid has no arguments and cannot fail.
    e.raw_os_error() == Some(libc::EPERM) && unsafe { libc::geteuid() } == 0
}

impl Direct {
    pub(crate) fn load(artifact: &Artifact) -> Result<Direct, LoadFailure> {
        raise_memlock();
        let mut maps = HashMap::new();
        let mut btfs = Vec::new();
        for spec in &artifact.maps {
            let def = compiler::bpf::MapDef::from_spec(spec);
            // bpf_attr for BPF_MAP_CREATE: map_type, key_size, value_size, max_entries,
            // map_flags, inner_map_fd, numa_node, then map_name[16] at 28, map_ifindex,
            // btf_fd at 48, btf_key_type_id, btf_value_type_id.
            let mut attr = [0u8; 72];
            put_u32(&mut attr, 0, def.kind.id());
            put_u32(&mut attr, 4, def.key_size);
            put_u32(&mut attr, 8, def.value_size);
            put_u32(&mut attr, 12, def.max_entries);
            put_u32(&mut attr, 16, def.flags);
            put_name(&mut attr, 28, &spec.name);
            if def.task_work || def.kind.needs_typed_btf() {
                let (blob, key, value) = compiler::bpf::btf::typed_map_btf(&def);
                let btf = load_btf(&blob).map_err(|e| {
                    LoadFailure::Other(format!("loading the BTF of map `{}`: {e}", spec.name))
                })?;
                put_u32(&mut attr, 48, btf.as_raw_fd() as u32);
                put_u32(&mut attr, 52, key);
                put_u32(&mut attr, 56, value);
                btfs.push(btf);
            }
            let fd = sys_bpf(BPF_MAP_CREATE, &mut attr).map_err(|e| {
                if memlock_refusal(&e) {
                    LoadFailure::Other(format!(
                        "creating map `{}` ({} entries of {} bytes): the kernel refused the \
                         memory (EPERM as root: this kernel charges BPF maps to \
                         RLIMIT_MEMLOCK, which could not be raised; try `ulimit -l unlimited`, \
                         or fewer --map-entries / --stack-entries)",
                        spec.name, def.max_entries, def.value_size
                    ))
                } else if permission(&e) {
                    LoadFailure::NotPermitted
                } else {
                    LoadFailure::Other(format!("creating map `{}`: {e}", spec.name))
                }
            })?;
            maps.insert(spec.name.clone(), fd);
        }
        let mut programs = HashMap::new();
        for spec in &artifact.programs {
            let (prog_type, attach) = match spec.attach {
                AttachSpec::PerfEvent { .. } => (BPF_PROG_TYPE_PERF_EVENT, None),
                AttachSpec::Tracepoint { .. } => (BPF_PROG_TYPE_TRACEPOINT, None),
                AttachSpec::TpBtf { btf_id, .. } => {
                    (BPF_PROG_TYPE_TRACING, Some((BPF_TRACE_RAW_TP, btf_id)))
                }
                AttachSpec::UserSpace(_) => continue,
            };
            let fd = load_program(spec, prog_type, attach, &maps)?;
            programs.insert(spec.name.clone(), fd);
        }
        Ok(Direct {
            maps,
            _btfs: btfs,
            programs,
            events: Vec::new(),
        })
    }

    /// Closes every perf event: the programs stop running; maps and programs stay.
    pub(crate) fn detach(&mut self) {
        // Closing a tracepoint's perf event waits in the kernel for the tracepoint's callers
        // to drain (≈ 75 ms on this machine), and `close` does not return before. One after
        // another, futex's four tracepoints took 300 ms to detach; closed on one thread each,
        // the waits overlap and the four take as long as one. A few threads suffice: the
        // per-CPU events of `profile` close in microseconds.
        const THREADS: usize = 8;
        let events = std::mem::take(&mut self.events);
        if events.len() <= 1 {
            return;
        }
        let mut groups: Vec<Vec<OwnedFd>> =
            (0..THREADS.min(events.len())).map(|_| Vec::new()).collect();
        let n = groups.len();
        for (i, fd) in events.into_iter().enumerate() {
            groups[i % n].push(fd);
        }
        std::thread::scope(|scope| {
            for group in groups {
                scope.spawn(move || drop(group));
            }
        });
    }

    pub(crate) fn attach(&mut self, spec: &ProgramSpec) -> Result<(), String> {
        let prog = self
            .programs
            .get(&spec.name)
            .ok_or("the program was not loaded")?
            .as_raw_fd();
        match &spec.attach {
            AttachSpec::PerfEvent { event, sample } => {
                let config = match event {
                    SoftwareEvent::CpuClock => PERF_COUNT_SW_CPU_CLOCK,
                    SoftwareEvent::PageFaults => PERF_COUNT_SW_PAGE_FAULTS,
                };
                let cpus = aya::util::online_cpus().map_err(|(what, e)| format!("{what}: {e}"))?;
                for cpu in cpus {
                    let fd = perf_open(PERF_TYPE_SOFTWARE, config, *sample, cpu as i32)
                        .map_err(|e| format!("perf_event_open on cpu {cpu}: {e}"))?;
                    enable_with(&fd, prog).map_err(|e| format!("cpu {cpu}: {e}"))?;
                    self.events.push(fd);
                }
                Ok(())
            }
            AttachSpec::Tracepoint { category, name } => {
                crate::tracefs::ensure_mounted().map_err(|e| e.to_string())?;
                let id_path = format!("{}/events/{category}/{name}/id", crate::tracefs::TRACEFS);
                let id: u64 = std::fs::read_to_string(&id_path)
                    .map_err(|e| format!("{id_path}: {e}"))?
                    .trim()
                    .parse()
                    .map_err(|e| format!("{id_path}: {e}"))?;
                // One event suffices: a tracepoint runs its programs on every CPU.
                let fd = perf_open(PERF_TYPE_TRACEPOINT, id, Sampling::Period(1), 0)
                    .map_err(|e| format!("perf_event_open: {e}"))?;
                enable_with(&fd, prog)?;
                self.events.push(fd);
                Ok(())
            }
            AttachSpec::TpBtf { .. } => {
                // bpf_attr for BPF_RAW_TRACEPOINT_OPEN: name (NULL: the program's own
                // attach_btf_id says where), prog_fd. The returned fd is the link.
                let mut attr = [0u8; 16];
                put_u32(&mut attr, 8, prog as u32);
                let fd = sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &mut attr)
                    .map_err(|e| format!("attaching: {e}"))?;
                self.events.push(fd);
                Ok(())
            }
            AttachSpec::UserSpace(_) => Err("not attachable here".into()),
        }
    }
}

/// Loads a BTF blob; its fd describes typed maps' keys and values.
fn load_btf(blob: &[u8]) -> io::Result<OwnedFd> {
    // bpf_attr for BPF_BTF_LOAD: btf, btf_log_buf, btf_size, btf_log_size, btf_log_level.
    let mut attr = [0u8; 32];
    put_u64(&mut attr, 0, blob.as_ptr() as u64);
    put_u32(&mut attr, 16, blob.len() as u32);
    sys_bpf(BPF_BTF_LOAD, &mut attr)
}

fn load_program(
    spec: &ProgramSpec,
    prog_type: u32,
    attach: Option<(u32, u32)>,
    maps: &HashMap<String, OwnedFd>,
) -> Result<OwnedFd, LoadFailure> {
    let mut code = spec.code.clone();
    for (insn, map) in &spec.map_relocs {
        let fd = maps
            .get(map)
            .ok_or_else(|| LoadFailure::Other(format!("no map `{map}`")))?;
        let at = *insn as usize * 8;
        if at + 8 > code.len() {
            return Err(LoadFailure::Other(format!(
                "relocation past the end of `{}`",
                spec.name
            )));
        }
        code[at + 1] = (code[at + 1] & 0x0f) | (BPF_PSEUDO_MAP_FD << 4);
        code[at + 4..at + 8].copy_from_slice(&fd.as_raw_fd().to_ne_bytes());
    }
    // Several functions: their BTF and func_info, without which the kernel refuses callbacks.
    let funcs = if spec.functions.is_empty() {
        None
    } else {
        let (blob, info) = compiler::bpf::btf::functions_btf(&spec.functions);
        let fd = load_btf(&blob)
            .map_err(|e| LoadFailure::Other(format!("loading the BTF of `{}`: {e}", spec.name)))?;
        let records: Vec<u8> = info
            .iter()
            .flat_map(|(insn, id)| [insn.to_ne_bytes(), id.to_ne_bytes()])
            .flatten()
            .collect();
        Some((fd, records, info.len() as u32))
    };
    let license = c"GPL";
    let attempt = |log: Option<&mut Vec<u8>>| -> io::Result<OwnedFd> {
        // bpf_attr for BPF_PROG_LOAD: prog_type, insn_cnt, insns, license, log_level,
        // log_size, log_buf, kern_version, prog_flags, then prog_name[16] at 48.
        let mut attr = [0u8; 128];
        put_u32(&mut attr, 0, prog_type);
        put_u32(&mut attr, 4, (code.len() / 8) as u32);
        put_u64(&mut attr, 8, code.as_ptr() as u64);
        put_u64(&mut attr, 16, license.as_ptr() as u64);
        if let Some(buf) = log {
            put_u32(&mut attr, 24, 1);
            put_u32(&mut attr, 28, buf.len() as u32);
            put_u64(&mut attr, 32, buf.as_mut_ptr() as u64);
        }
        put_name(&mut attr, 48, &spec.name);
        // expected_attach_type at 68, attach_btf_id at 108 (its object: vmlinux, fd 0).
        if let Some((kind, btf_id)) = attach {
            put_u32(&mut attr, 68, kind);
            put_u32(&mut attr, 108, btf_id);
        }
        // prog_btf_fd at 72, func_info_rec_size, func_info at 80, func_info_cnt at 88.
        if let Some((fd, records, n)) = &funcs {
            put_u32(&mut attr, 72, fd.as_raw_fd() as u32);
            put_u32(&mut attr, 76, 8);
            put_u64(&mut attr, 80, records.as_ptr() as u64);
            put_u32(&mut attr, 88, *n);
        }
        sys_bpf(BPF_PROG_LOAD, &mut attr)
    };
    // First without a log (the verifier runs faster); on failure again with one, as libbpf does.
    // The verifier refuses with EACCES or EINVAL and leaves a log; a missing privilege (EPERM,
    // EACCES) leaves none.
    match attempt(None) {
        Ok(fd) => Ok(fd),
        Err(first) => {
            let mut buf = vec![0u8; 4 << 20];
            let res = attempt(Some(&mut buf));
            let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            let log = String::from_utf8_lossy(&buf[..end]).into_owned();
            match res {
                Ok(fd) => Ok(fd),
                Err(_) if !log.trim().is_empty() => Err(LoadFailure::Verifier {
                    program: spec.name.clone(),
                    log,
                }),
                Err(_) if permission(&first) => Err(LoadFailure::NotPermitted),
                Err(_) => Err(LoadFailure::Other(format!(
                    "loading `{}`: {first}",
                    spec.name
                ))),
            }
        }
    }
}

fn perf_open(kind: u32, config: u64, sample: Sampling, cpu: i32) -> io::Result<OwnedFd> {
    // perf_event_attr: type, size, config, sample_period|sample_freq, sample_type,
    // read_format, flags (bit 10: freq), wakeup_events.
    let mut attr = [0u8; PERF_ATTR_SIZE];
    put_u32(&mut attr, 0, kind);
    put_u32(&mut attr, 4, PERF_ATTR_SIZE as u32);
    put_u64(&mut attr, 8, config);
    match sample {
        Sampling::Frequency(hz) => {
            put_u64(&mut attr, 16, hz);
            put_u64(&mut attr, 40, 1 << 10);
        }
        Sampling::Period(n) => put_u64(&mut attr, 16, n),
    }
    put_u32(&mut attr, 48, 1);
    // SAFETY: `attr` is a valid perf_event_attr of the size it declares; pid -1 with a cpu
    // means every task on that CPU; no group.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_perf_event_open,
            attr.as_ptr(),
            -1,
            cpu,
            -1,
            PERF_FLAG_FD_CLOEXEC,
        )
    };
    if rc < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: perf_event_open returned a new descriptor that we own.
    Ok(unsafe { OwnedFd::from_raw_fd(rc as i32) })
}

fn enable_with(event: &OwnedFd, prog: i32) -> Result<(), String> {
    // SAFETY: ioctls on a perf event fd we own; SET_BPF takes the program fd by value.
    let rc = unsafe { libc::ioctl(event.as_raw_fd(), PERF_EVENT_IOC_SET_BPF, prog) };
    if rc < 0 {
        return Err(format!(
            "attaching the program: {}",
            io::Error::last_os_error()
        ));
    }
    // SAFETY: as above; ENABLE takes no argument.
    let rc = unsafe { libc::ioctl(event.as_raw_fd(), PERF_EVENT_IOC_ENABLE, 0) };
    if rc < 0 {
        return Err(format!(
            "enabling the event: {}",
            io::Error::last_os_error()
        ));
    }
    Ok(())
}
