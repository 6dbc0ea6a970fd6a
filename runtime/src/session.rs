//! Load → attach → run → collect → detach, through aya.
//!
//! A [`Session`] owns everything loaded for one run. Dropping it detaches every link and closes
//! every program and map (aya's links detach on drop), so every exit path — an error, `-d`
//! elapsing, Ctrl-C handled by the binary — leaves nothing of ours in the kernel. Together with
//! `attach/` this is the only code that talks to aya. It never sees the script: the `Artifact`
//! is its whole input.

use std::os::fd::{AsFd, AsRawFd};

use aya::maps::Map;
use aya::programs::ProgramError;
use aya::{Ebpf, EbpfLoader};
use compiler::artifact::{Artifact, AttachSpec, MapKind};
use compiler::diag::Span;

use crate::attach;

pub use crate::error::{MapDump, RuntimeError};

pub struct Session {
    backend: Backend,
    artifact: Artifact,
}

/// What holds the loaded objects: aya when a program needs the kernel's BTF (`tp_btf`), our
/// direct loader otherwise (no BTF parse: see `attach::direct`).
enum Backend {
    Aya(Box<Ebpf>),
    Direct(attach::direct::Direct),
}

impl Session {
    /// Loads the object and every program: the verifier runs here. Attaches nothing.
    pub fn load(artifact: &Artifact) -> Result<Session, RuntimeError> {
        // aya stays available for objects that need the kernel's BTF, to cross-check our
        // loader (FLAMESCRIPT_LOADER=aya); ours handles every kind without parsing that BTF.
        let aya = std::env::var_os("FLAMESCRIPT_LOADER").is_some_and(|v| v == "aya");
        if !(artifact.needs_kernel_btf && aya) {
            use attach::direct::{Direct, LoadFailure};
            let direct = Direct::load(artifact).map_err(|f| match f {
                LoadFailure::NotPermitted => RuntimeError::NotPermitted,
                LoadFailure::Other(text) => RuntimeError::Object(text),
                LoadFailure::Verifier { program, log } => verifier_error(artifact, &program, &log),
            })?;
            return Ok(Session {
                backend: Backend::Direct(direct),
                artifact: artifact.clone(),
            });
        }
        Session::load_with_aya(artifact)
    }

    fn load_with_aya(artifact: &Artifact) -> Result<Session, RuntimeError> {
        // aya 0.14's loader parses the kernel's BTF in `new()` whether or not a program needs
        // it (≈ 12 ms); telling it `None` at least skips BTF relocation work when unneeded.
        let kernel_btf = if artifact.needs_kernel_btf {
            aya::Btf::from_sys_fs().ok()
        } else {
            None
        };
        attach::direct::raise_memlock();
        let mut loader = EbpfLoader::new();
        loader.btf(kernel_btf.as_ref());
        let mut ebpf = loader.load(&artifact.elf).map_err(|e| {
            let text = e.to_string();
            if text.contains("Operation not permitted") || text.contains("EPERM") {
                RuntimeError::NotPermitted
            } else {
                RuntimeError::Object(text)
            }
        })?;
        for spec in &artifact.programs {
            if matches!(spec.attach, AttachSpec::UserSpace(_)) {
                continue;
            }
            let res = attach::load_program(&mut ebpf, spec, kernel_btf.as_ref());
            res.map_err(|e| load_error(artifact, spec, e))?;
        }
        Ok(Session {
            backend: Backend::Aya(Box::new(ebpf)),
            artifact: artifact.clone(),
        })
    }

    /// Attaches every program. On error, what was attached is detached when `self` drops.
    pub fn attach(&mut self) -> Result<(), RuntimeError> {
        for spec in &self.artifact.programs {
            match &mut self.backend {
                Backend::Aya(ebpf) => attach::attach_program(ebpf, spec)?,
                Backend::Direct(direct) => direct
                    .attach(spec)
                    .map_err(|reason| attach::attach_error(spec, reason))?,
            }
        }
        Ok(())
    }

    /// Stops every probe but keeps the maps, so what is read next is one consistent final
    /// state (reading while probes fire can show more events kept than seen).
    pub fn detach(&mut self) {
        match &mut self.backend {
            Backend::Direct(direct) => direct.detach(),
            Backend::Aya(ebpf) => {
                for (_, prog) in ebpf.programs_mut() {
                    // Unloading detaches the program's links; the maps stay readable.
                    let _ = match prog {
                        aya::programs::Program::PerfEvent(p) => p.unload(),
                        aya::programs::Program::TracePoint(p) => p.unload(),
                        aya::programs::Program::BtfTracePoint(p) => p.unload(),
                        _ => Ok(()),
                    };
                }
            }
        }
    }

    /// Reads every user map (and the losses map) as raw bytes.
    pub fn dump(&self) -> Result<Vec<MapDump>, RuntimeError> {
        let ncpus = possible_cpus()?;
        let mut out = Vec::new();
        for spec in &self.artifact.maps {
            // The unwind tables are ours, written by `tables_loader`, and large: not results.
            // The time records' ring buffer has no keys (`events` reads it).
            if matches!(spec.kind, MapKind::StackTrace | MapKind::RingBuf)
                || spec.name.starts_with(compiler::lower::uwalk::TABLES_PREFIX)
            {
                continue;
            }
            let fd = self.map_fd(&spec.name)?;
            let entries = raw::dump(fd, spec, ncpus).map_err(|e| RuntimeError::ReadMap {
                map: spec.name.clone(),
                reason: e.to_string(),
            })?;
            out.push(MapDump {
                spec: spec.clone(),
                entries,
            });
        }
        Ok(out)
    }

    /// The frames (instruction pointers, leaf first) of stack `id` in stack map `map`: keyed
    /// by the content hash the programs computed (or a `STACK_TRACE` id), value 127 frames,
    /// zero-padded.
    pub fn stack(&self, map: &str, id: u64) -> Result<Vec<u64>, RuntimeError> {
        let fd = self.map_fd(map)?;
        let spec = self.artifact.maps.iter().find(|m| m.name == map);
        let value_size = spec.map_or(127 * 8, |m| m.value_size);
        let key_size = spec.map_or(8, |m| m.key_size as usize).min(8);
        let mut value = vec![0u8; value_size as usize];
        match raw::lookup(fd, &id.to_ne_bytes()[..key_size], &mut value) {
            Ok(()) => Ok(crate::maps::stack_frames(&value)),
            Err(e) => Err(RuntimeError::ReadMap {
                map: map.to_string(),
                reason: e.to_string(),
            }),
        }
    }

    /// The keys of one map (the targets map, polled while the run goes on).
    pub fn keys(&self, map: &str) -> Result<Vec<Vec<u8>>, RuntimeError> {
        let fd = self.map_fd(map)?;
        let spec = self.artifact.maps.iter().find(|m| m.name == map);
        let Some(spec) = spec else {
            return Ok(Vec::new());
        };
        raw::keys(fd, spec.key_size as usize).map_err(|e| RuntimeError::ReadMap {
            map: map.to_string(),
            reason: e.to_string(),
        })
    }

    /// Removes every entry of a map (`clear(@m)`).
    pub fn clear(&self, map: &str) -> Result<(), RuntimeError> {
        let fd = self.map_fd(map)?;
        for key in self.keys(map)? {
            raw::delete(fd, &key).map_err(|e| RuntimeError::ReadMap {
                map: map.to_string(),
                reason: e.to_string(),
            })?;
        }
        Ok(())
    }

    /// Adds a process to the targets map (`-c`: the command's pid, before it is released).
    pub fn add_target(&self, map: &str, pid: u32) -> Result<(), RuntimeError> {
        let fd = self.map_fd(map)?;
        raw::update(fd, &pid.to_ne_bytes(), &1u64.to_ne_bytes()).map_err(|e| {
            RuntimeError::ReadMap {
                map: map.to_string(),
                reason: e.to_string(),
            }
        })
    }

    /// The artifact this session loaded.
    pub fn artifact(&self) -> &Artifact {
        &self.artifact
    }

    /// A handle on one map that another thread may own (a duplicate of its descriptor):
    /// the unwind tables' loader writes through it while the run goes on.
    pub fn handle(&self, map: &str) -> Result<MapHandle, RuntimeError> {
        let fd = self.map_fd(map)?;
        // SAFETY: `fd` is a map descriptor this session owns, open for the call's duration.
        let borrowed = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
        let fd = borrowed
            .try_clone_to_owned()
            .map_err(|e| RuntimeError::ReadMap {
                map: map.to_string(),
                reason: e.to_string(),
            })?;
        let key_size = self
            .artifact
            .maps
            .iter()
            .find(|m| m.name == map)
            .map_or(4, |m| m.key_size as usize);
        Ok(MapHandle {
            fd,
            name: map.to_string(),
            key_size,
        })
    }

    fn map_fd(&self, name: &str) -> Result<i32, RuntimeError> {
        let ebpf = match &self.backend {
            Backend::Direct(direct) => {
                let fd = direct.maps.get(name).map(|fd| fd.as_raw_fd());
                return fd.ok_or_else(|| RuntimeError::ReadMap {
                    map: name.into(),
                    reason: "not in the object".into(),
                });
            }
            Backend::Aya(ebpf) => ebpf,
        };
        let map = ebpf.map(name).ok_or_else(|| RuntimeError::ReadMap {
            map: name.into(),
            reason: "not in the object".into(),
        })?;
        let data = match map {
            Map::Array(d)
            | Map::HashMap(d)
            | Map::LruHashMap(d)
            | Map::PerCpuArray(d)
            | Map::PerCpuHashMap(d)
            | Map::PerCpuLruHashMap(d)
            | Map::StackTraceMap(d)
            | Map::Unsupported(d) => d,
            _ => {
                return Err(RuntimeError::ReadMap {
                    map: name.into(),
                    reason: "unexpected map type".into(),
                });
            }
        };
        Ok(data.fd().as_fd().as_raw_fd())
    }
}

/// Turns a program load failure into an error that points at the script.
fn load_error(
    artifact: &Artifact,
    spec: &compiler::artifact::ProgramSpec,
    e: ProgramError,
) -> RuntimeError {
    match e {
        ProgramError::LoadError {
            io_error,
            verifier_log,
        } => {
            if io_error.kind() == std::io::ErrorKind::PermissionDenied
                && verifier_log.to_string().is_empty()
            {
                return RuntimeError::NotPermitted;
            }
            let log = verifier_log.to_string();
            let insn = failing_insn(&log);
            let span = insn
                .and_then(|i| artifact.lines.lookup(&spec.name, i))
                .unwrap_or(spec.span);
            let tail: Vec<&str> = log.lines().rev().take(12).collect();
            let tail = tail.into_iter().rev().collect::<Vec<_>>().join("\n");
            RuntimeError::Verifier {
                program: spec.name.clone(),
                span,
                insn,
                log: tail,
            }
        }
        other => {
            let text = other.to_string();
            if text.contains("Operation not permitted") {
                RuntimeError::NotPermitted
            } else {
                RuntimeError::Object(format!("program `{}`: {text}", spec.name))
            }
        }
    }
}

/// A verifier refusal pointed at the statement that generated the failing instruction.
fn verifier_error(artifact: &Artifact, program: &str, log: &str) -> RuntimeError {
    let spec = artifact.programs.iter().find(|p| p.name == program);
    let insn = failing_insn(log);
    let clause_span = spec.map_or_else(Span::default, |p| p.span);
    let span = insn
        .and_then(|i| artifact.lines.lookup(program, i))
        .unwrap_or(clause_span);
    let tail: Vec<&str> = log.lines().rev().take(12).collect();
    let tail = tail.into_iter().rev().collect::<Vec<_>>().join("\n");
    RuntimeError::Verifier {
        program: program.to_string(),
        span,
        insn,
        log: tail,
    }
}

/// The index of the last instruction the verifier walked before it gave up: the last line of
/// the form `N: (op) …` in its log.
fn failing_insn(log: &str) -> Option<u32> {
    log.lines().rev().find_map(|l| {
        let (num, rest) = l.split_once(": (")?;
        let _ = rest;
        num.trim().parse().ok()
    })
}

/// The number of possible CPUs: per-CPU maps hold one value slot for each.
fn possible_cpus() -> Result<usize, RuntimeError> {
    aya::util::nr_cpus().map_err(|(what, e)| RuntimeError::ReadMap {
        map: "(per-CPU)".into(),
        reason: format!("{what}: {e}"),
    })
}

/// One map, by a descriptor of its own (see [`Session::handle`]).
pub struct MapHandle {
    fd: std::os::fd::OwnedFd,
    name: String,
    key_size: usize,
}

impl MapHandle {
    fn err(&self, e: std::io::Error) -> RuntimeError {
        RuntimeError::ReadMap {
            map: self.name.clone(),
            reason: e.to_string(),
        }
    }

    fn raw(&self) -> i32 {
        self.fd.as_raw_fd()
    }

    /// The descriptor itself (a ring buffer is read through its own mapping, not by key).
    pub fn into_fd(self) -> std::os::fd::OwnedFd {
        self.fd
    }

    pub fn keys(&self) -> Result<Vec<Vec<u8>>, RuntimeError> {
        raw::keys(self.raw(), self.key_size).map_err(|e| self.err(e))
    }

    pub fn update(&self, key: &[u8], value: &[u8]) -> Result<(), RuntimeError> {
        raw::update(self.raw(), key, value).map_err(|e| self.err(e))
    }

    /// Removes one entry (absent already: done).
    pub fn delete(&self, key: &[u8]) -> Result<(), RuntimeError> {
        raw::delete(self.raw(), key).map_err(|e| self.err(e))
    }

    /// Writes `values` (each `value_size` bytes, concatenated) into this array from index
    /// `first` on: one `BPF_MAP_UPDATE_BATCH` call per 64 Ki entries where the kernel has it
    /// (5.6), one update per entry where it does not.
    pub fn write_array(
        &self,
        first: u32,
        values: &[u8],
        value_size: usize,
    ) -> Result<(), RuntimeError> {
        let n = values.len() / value_size.max(1);
        let mut done = 0usize;
        while done < n {
            let count = (n - done).min(65_536);
            let keys: Vec<u32> = (0..count as u32).map(|i| first + done as u32 + i).collect();
            let chunk = &values[done * value_size..(done + count) * value_size];
            match raw::update_batch(self.raw(), &keys, chunk) {
                Ok(()) => {}
                // EINVAL or the kernel's ENOTSUPP (524): no batch updates of arrays here.
                Err(e) if matches!(e.raw_os_error(), Some(libc::EINVAL | 524)) => {
                    for (i, k) in keys.iter().enumerate() {
                        let value = &chunk[i * value_size..][..value_size];
                        raw::update(self.raw(), &k.to_ne_bytes(), value)
                            .map_err(|e| self.err(e))?;
                    }
                }
                Err(e) => return Err(self.err(e)),
            }
            done += count;
        }
        Ok(())
    }
}

/// Map access by raw `bpf(2)` calls: our keys and values have sizes known only at run time,
/// which aya's typed maps (fixed-size `Pod` keys) cannot express.
mod raw {
    use std::io;

    use compiler::artifact::MapSpec;

    const BPF_MAP_LOOKUP_ELEM: libc::c_long = 1;
    const BPF_MAP_UPDATE_ELEM: libc::c_long = 2;
    const BPF_MAP_DELETE_ELEM: libc::c_long = 3;
    const BPF_MAP_GET_NEXT_KEY: libc::c_long = 4;

    #[repr(C)]
    #[derive(Default)]
    struct MapElemAttr {
        map_fd: u32,
        _pad: u32,
        key: u64,
        value_or_next_key: u64,
        flags: u64,
    }

    fn bpf(cmd: libc::c_long, attr: &mut MapElemAttr) -> io::Result<()> {
        // SAFETY: `attr` is a valid, initialised bpf_attr prefix for the map element commands;
        // the kernel reads `size_of::<MapElemAttr>()` bytes and the pointers inside it point to
        // buffers the callers sized to the map's key and value sizes.
        let rc = unsafe {
            libc::syscall(
                libc::SYS_bpf,
                cmd,
                attr as *mut MapElemAttr,
                std::mem::size_of::<MapElemAttr>() as libc::c_uint,
            )
        };
        if rc < 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(())
        }
    }

    pub(super) fn lookup(fd: i32, key: &[u8], value: &mut [u8]) -> io::Result<()> {
        let mut attr = MapElemAttr {
            map_fd: fd as u32,
            key: key.as_ptr() as u64,
            value_or_next_key: value.as_mut_ptr() as u64,
            ..Default::default()
        };
        bpf(BPF_MAP_LOOKUP_ELEM, &mut attr)
    }

    pub(super) fn delete(fd: i32, key: &[u8]) -> io::Result<()> {
        let mut attr = MapElemAttr {
            map_fd: fd as u32,
            key: key.as_ptr() as u64,
            ..Default::default()
        };
        match bpf(BPF_MAP_DELETE_ELEM, &mut attr) {
            // Deleted meanwhile (the map changes while we walk it): the goal is reached.
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(()),
            other => other,
        }
    }

    pub(super) fn update(fd: i32, key: &[u8], value: &[u8]) -> io::Result<()> {
        let mut attr = MapElemAttr {
            map_fd: fd as u32,
            key: key.as_ptr() as u64,
            value_or_next_key: value.as_ptr() as u64,
            ..Default::default()
        };
        bpf(BPF_MAP_UPDATE_ELEM, &mut attr)
    }

    pub(super) fn keys(fd: i32, key_size: usize) -> io::Result<Vec<Vec<u8>>> {
        let mut out: Vec<Vec<u8>> = Vec::new();
        loop {
            let mut next = vec![0u8; key_size];
            let mut attr = MapElemAttr {
                map_fd: fd as u32,
                key: out.last().map_or(0, |k| k.as_ptr() as u64),
                value_or_next_key: next.as_mut_ptr() as u64,
                ..Default::default()
            };
            match bpf(BPF_MAP_GET_NEXT_KEY, &mut attr) {
                Ok(()) => out.push(next),
                Err(e) if e.raw_os_error() == Some(libc::ENOENT) => return Ok(out),
                Err(e) => return Err(e),
            }
        }
    }

    const BPF_MAP_LOOKUP_BATCH: libc::c_long = 24;
    const BPF_MAP_UPDATE_BATCH: libc::c_long = 26;

    /// `BPF_MAP_UPDATE_BATCH` of 4-byte keys and their values (concatenated).
    pub(super) fn update_batch(fd: i32, keys: &[u32], values: &[u8]) -> io::Result<()> {
        let mut attr = BatchAttr {
            keys: keys.as_ptr() as u64,
            values: values.as_ptr() as u64,
            count: keys.len() as u32,
            map_fd: fd as u32,
            ..Default::default()
        };
        // SAFETY: `attr` is a valid bpf_attr for the batch commands; `keys` holds `count` keys
        // and `values` `count` values of the map's sizes (the caller's contract), which the
        // kernel only reads.
        let rc = unsafe {
            libc::syscall(
                libc::SYS_bpf,
                BPF_MAP_UPDATE_BATCH,
                &mut attr as *mut BatchAttr,
                std::mem::size_of::<BatchAttr>() as libc::c_uint,
            )
        };
        if rc < 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(())
        }
    }

    /// A map's entries: (key bytes, value bytes).
    type Entries = Vec<(Vec<u8>, Vec<u8>)>;

    /// `bpf_attr` for the `BPF_MAP_*_BATCH` commands.
    #[repr(C)]
    #[derive(Default)]
    struct BatchAttr {
        in_batch: u64,
        out_batch: u64,
        keys: u64,
        values: u64,
        count: u32,
        map_fd: u32,
        elem_flags: u64,
        flags: u64,
    }

    /// Every entry of a hash or array map. Entries deleted while we walk are skipped.
    pub(super) fn dump(
        fd: i32,
        spec: &MapSpec,
        ncpus: usize,
    ) -> io::Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let value_len = if spec.per_cpu {
            (spec.value_size as usize).div_ceil(8) * 8 * ncpus
        } else {
            spec.value_size as usize
        };
        if let Some(entries) = dump_batch(fd, spec, value_len) {
            return Ok(entries);
        }
        dump_by_key(fd, spec, value_len)
    }

    /// The map in batches of up to 4 096 entries per `bpf(2)` call (Linux ≥ 5.6), where one
    /// key at a time costs two calls per entry: 100 000 stacks are read in tens of milliseconds
    /// instead of hundreds. `None` when the kernel does not batch this map (or stops doing so).
    fn dump_batch(fd: i32, spec: &MapSpec, value_len: usize) -> Option<Entries> {
        let key_len = spec.key_size as usize;
        let mut chunk = (spec.max_entries as usize).clamp(1, 4096);
        // The position tokens: a bucket index for hashes, a key for arrays.
        let token_len = key_len.max(8);
        let (mut token_in, mut token_out) = (vec![0u8; token_len], vec![0u8; token_len]);
        let mut first = true;
        let mut out = Vec::new();
        loop {
            let mut keys = vec![0u8; chunk * key_len];
            let mut values = vec![0u8; chunk * value_len];
            let mut attr = BatchAttr {
                in_batch: if first { 0 } else { token_in.as_ptr() as u64 },
                out_batch: token_out.as_mut_ptr() as u64,
                keys: keys.as_mut_ptr() as u64,
                values: values.as_mut_ptr() as u64,
                count: chunk as u32,
                map_fd: fd as u32,
                ..Default::default()
            };
            // SAFETY: `attr` is the bpf_attr of the batch commands; the kernel writes at most
            // `count` keys and values into buffers sized for `count` of each, and one position
            // token (at most the key size, or a u32) into `token_out`.
            let rc = unsafe {
                libc::syscall(
                    libc::SYS_bpf,
                    BPF_MAP_LOOKUP_BATCH,
                    &mut attr as *mut BatchAttr,
                    std::mem::size_of::<BatchAttr>() as libc::c_uint,
                )
            };
            let errno = (rc < 0).then(|| io::Error::last_os_error().raw_os_error().unwrap_or(0));
            let n = (attr.count as usize).min(chunk);
            for idx in 0..n {
                out.push((
                    keys[idx * key_len..(idx + 1) * key_len].to_vec(),
                    values[idx * value_len..(idx + 1) * value_len].to_vec(),
                ));
            }
            match errno {
                None => {}
                // The end of the map (possibly with a last, partial batch).
                Some(libc::ENOENT) => return Some(out),
                // One hash bucket holds more entries than fit: retry it with more room (a
                // bucket never holds more than the whole map, so this ends).
                Some(libc::ENOSPC)
                    if n == 0 && chunk < (spec.max_entries as usize).max(4096) * 2 =>
                {
                    chunk *= 2;
                    continue;
                }
                // Any other refusal, first call or not: read the map key by key instead,
                // which reports a real error itself.
                Some(_) => return None,
            }
            first = false;
            std::mem::swap(&mut token_in, &mut token_out);
        }
    }

    /// The map one key at a time: `BPF_MAP_GET_NEXT_KEY`, then a lookup.
    fn dump_by_key(
        fd: i32,
        spec: &MapSpec,
        value_len: usize,
    ) -> io::Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let mut out = Vec::new();
        let mut key: Option<Vec<u8>> = None;
        loop {
            let mut next = vec![0u8; spec.key_size as usize];
            let mut attr = MapElemAttr {
                map_fd: fd as u32,
                key: key.as_ref().map_or(0, |k| k.as_ptr() as u64),
                value_or_next_key: next.as_mut_ptr() as u64,
                ..Default::default()
            };
            match bpf(BPF_MAP_GET_NEXT_KEY, &mut attr) {
                Ok(()) => {}
                Err(e) if e.raw_os_error() == Some(libc::ENOENT) => break,
                Err(e) => return Err(e),
            }
            let mut value = vec![0u8; value_len];
            match lookup(fd, &next, &mut value) {
                Ok(()) => out.push((next.clone(), value)),
                Err(e) if e.raw_os_error() == Some(libc::ENOENT) => {}
                Err(e) => return Err(e),
            }
            key = Some(next);
        }
        Ok(out)
    }
}
