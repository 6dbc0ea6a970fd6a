//! User stacks from unwind info: what the frame-pointer walk cannot see (issue #12).
//!
//! The kernel walks user stacks by frame pointers. Code built without them (Debian's glibc,
//! `-O2 -fomit-frame-pointer` programs) breaks that walk: a thread blocked in `nanosleep` loses
//! the function that called it, and a frame-less program loses nearly everything. So for each
//! distinct user stack the BPF side also keeps the registers at the event and a copy of the top
//! bytes of the stack ([`UserCopy`]); [`Unwinder::unwind`] walks that copy with the `.eh_frame`
//! (or `.debug_frame`) of the mapped files through framehop, and where the copy runs out it
//! joins the kernel's frame-pointer walk at a frame both walks saw. Signal frames, which
//! framehop cannot read, are crossed here from the registers the kernel saved in them.
//!
//! This module owns the unwinding and the join. It does not read `/proc` or talk to the kernel:
//! the caller passes the mappings (the symbolizer's snapshot) and the captured bytes; the only
//! I/O is opening the mapped ELF files, once per file (cached by build id, else path). x86-64
//! only, like the registers the kernel captures.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use framehop::Unwinder as _;
use framehop::x86_64::{CacheX86_64, UnwindRegsX86_64, UnwinderX86_64};
use framehop::{Error as FhError, ExplicitModuleSectionInfo, FrameAddress, Module};
use object::{Object, ObjectSection, ObjectSegment, SectionKind, SegmentFlags};

use crate::symbolize::Mapping;

/// The most frames one stack gets, as many as the kernel's walk gives (`PERF_MAX_STACK_DEPTH`).
pub const MAX_FRAMES: usize = 127;

/// What the kernel captured for one user stack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserCopy {
    pub ip: u64,
    pub sp: u64,
    pub bp: u64,
    /// The bytes at `[sp, sp + stack.len())`.
    pub stack: Vec<u8>,
}

/// Why an unwind ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The unwind info (or a zero frame pointer / return address) says this is the outermost
    /// frame: the stack is complete.
    Root,
    /// The copy ran out or led into code without unwind info, and the rest of the stack is the
    /// kernel's frame-pointer walk, joined at a frame both walks saw (the leaf, when the copy
    /// gave no caller: then the stack is that walk unchanged). It ends wherever that walk
    /// ended, which may itself be short of the root.
    FpChain,
    /// The next frame needs stack bytes past the end of the copy, and the frame-pointer walk
    /// could not be joined.
    CopyTooShort,
    /// The next frame is in code no mapped file describes with unwind info (JIT code, the vDSO,
    /// a file without `.eh_frame`), the frame-pointer fallback over the copy failed there, and
    /// the kernel's walk could not be joined.
    NoUnwindInfo,
    /// [`MAX_FRAMES`] reached.
    DepthLimit,
    /// The unwind made an impossible step (the stack pointer went backwards or did not move, a
    /// read below the stack pointer) or returned into no executable mapping: unwind info that
    /// does not match the code, or a corrupt stack. Frames up to it are kept.
    BadFrame,
    /// The next frame's CFA is in a register the unwinder does not track (ld.so's lazy-binding
    /// trampoline keeps it in rbx): a frame-pointer guess there would skip its caller.
    Unfollowed,
}

/// One unwound stack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unwound {
    /// Leaf first, like `bpf_get_stack` gives them: the first is the instruction pointer, the
    /// others are return addresses, not adjusted. After a signal frame (the return address of
    /// the signal trampoline) comes the interrupted code's ip, which is not a return address.
    pub ips: Vec<u64>,
    pub stop: Stop,
    /// How many caller frames (the leaf not counted) came from unwinding the copy; the rest, if
    /// [`Stop::FpChain`], are the kernel's frame-pointer walk.
    pub recovered: usize,
}

/// Unwinds user stacks of many processes. Keep one per run: it caches each mapped file's
/// unwind sections (shared by every process that maps the file) and, per process, framehop's
/// module list, rebuilt only when the process's mappings change.
#[derive(Default)]
pub struct Unwinder {
    /// Parsed unwind sections per file; `None` when the file could not be read (not retried).
    files: HashMap<FileKey, Option<Arc<FileInfo>>>,
    processes: HashMap<u32, Process>,
    /// framehop's cache of unwind rules by address. One for all processes: framehop tags its
    /// entries with a global generation per module list, so sharing it is safe.
    cache: CacheX86_64,
}

/// Section data shared between framehop modules without copying.
type Bytes = Arc<[u8]>;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum FileKey {
    BuildId(String),
    /// Without a build id, the path: a file rebuilt in place under the same path while we run
    /// would be misread, which is why the build id is preferred.
    Path(std::path::PathBuf),
}

/// What unwinding needs from one ELF file. Addresses are the file's own (SVMAs).
struct FileInfo {
    /// PT_LOAD segments, to place the file's addresses at a mapping.
    loads: Vec<Load>,
    /// `e_entry`: where a process's (or the dynamic loader's) first frame runs.
    entry: u64,
    text: Option<Range<u64>>,
    got: Option<Range<u64>>,
    eh_frame: Option<(Range<u64>, Bytes)>,
    eh_frame_hdr: Option<(Range<u64>, Bytes)>,
    debug_frame: Option<Bytes>,
}

struct Load {
    offset: u64,
    file_size: u64,
    vaddr: u64,
    executable: bool,
}

struct Process {
    /// The mappings the modules were built from, as given; a different list rebuilds them.
    maps: Vec<Mapping>,
    unwinder: UnwinderX86_64<Bytes>,
    /// Invariant: sorted by start (mappings do not overlap).
    code: Vec<Code>,
    /// Whether the code at an address is a signal return trampoline, as far as looked up.
    sigreturns: HashMap<u64, bool>,
    /// Whether an unwind that ended at an address ended at a root, as far as looked up.
    roots: HashMap<u64, bool>,
    /// Where the CFA is at an address, as far as looked up.
    cfas: HashMap<u64, Option<CfaIn>>,
}

/// One mapping of code.
struct Code {
    range: Range<u64>,
    /// Whether the mapped file has unwind info.
    has_info: bool,
    /// Index into `Process::maps`.
    map_idx: usize,
    /// The file's sections and the address its address 0 is mapped at (`base_avma`): to ask
    /// its `.eh_frame` whether an unwind that ended here ended at a root.
    file: Option<(Arc<FileInfo>, u64)>,
}

impl Unwinder {
    pub fn new() -> Unwinder {
        Unwinder::default()
    }

    /// Unwinds one stack of process `tgid`, whose executable mappings were `maps` (as
    /// [`crate::symbolize::parse_maps`] gives them). `fp` is the frame-pointer walk the kernel
    /// made for the same event, leaf first.
    ///
    /// Unwinds from the copy's registers over its bytes with the mapped files' unwind info;
    /// where that stops short of the root, continues with `fp` if the two can be joined at a
    /// frame both saw (same stack slot, same return address), else stops and says why in
    /// [`Unwound::stop`].
    pub fn unwind(&mut self, tgid: u32, maps: &[Mapping], copy: &UserCopy, fp: &[u64]) -> Unwound {
        let process = match self.processes.entry(tgid) {
            Entry::Occupied(it) if it.get().maps == maps => it.into_mut(),
            Entry::Occupied(mut it) => {
                it.insert(load_process(&mut self.files, maps));
                it.into_mut()
            }
            Entry::Vacant(it) => it.insert(load_process(&mut self.files, maps)),
        };
        let walk = walk_copy(process, &mut self.cache, copy);
        // The frame-pointer walk continues an unwind truthfully only from a function that keeps
        // its frame in rbp: from one that does not (code without frame pointers, ld.so's
        // trampoline with its CFA in rbx), rbp still holds a caller's frame, and the walk would
        // go on from there, skipping the frames between and looking complete.
        let joinable_at = walk
            .ips
            .last()
            .map(|&ip| {
                let lookup = match walk.ips.len() {
                    1 => ip,
                    _ => ip.wrapping_sub(1),
                };
                !matches!(
                    process.cfa_at(lookup),
                    Some(CfaIn::Rsp | CfaIn::OtherRegister)
                )
            })
            .unwrap_or(false);
        finish(walk, copy, fp, joinable_at)
    }
}

/// Builds a process's framehop modules from its mappings.
fn load_process(files: &mut HashMap<FileKey, Option<Arc<FileInfo>>>, maps: &[Mapping]) -> Process {
    let mut unwinder = UnwinderX86_64::new();
    let mut code = Vec::with_capacity(maps.len());
    for (map_idx, m) in maps.iter().enumerate() {
        let info = file_info(files, m);
        let module = info.as_ref().and_then(|info| module(m, info));
        let file = info.zip(module.as_ref().map(Module::base_avma));
        code.push(Code {
            range: m.start..m.end,
            has_info: module.is_some(),
            map_idx,
            file,
        });
        if let Some(module) = module {
            unwinder.add_module(module);
        }
    }
    code.sort_by_key(|c| c.range.start);
    Process {
        maps: maps.to_vec(),
        unwinder,
        code,
        sigreturns: HashMap::new(),
        roots: HashMap::new(),
        cfas: HashMap::new(),
    }
}

impl Process {
    /// The mapping of code that holds `addr`, if any.
    fn code_at(&self, addr: u64) -> Option<&Code> {
        let idx = self
            .code
            .partition_point(|c| c.range.start <= addr)
            .checked_sub(1)?;
        let code = &self.code[idx];
        code.range.contains(&addr).then_some(code)
    }

    /// Whether the unwind info at `addr` (a lookup address) accounts for an unwind that ended
    /// there: the return address is undefined (the outermost frame), or at CFA - 8 (so the
    /// end was a return address of 0, as the BPF walk also takes it). Not where there is no
    /// row for `addr` or its return address rule is one framehop does not follow: then its
    /// end came from a frame-pointer guess.
    fn ends_by_unwind_info(&mut self, addr: u64) -> bool {
        if let Some(&known) = self.roots.get(&addr) {
            return known;
        }
        let res = self
            .code_at(addr)
            .and_then(|c| c.file.clone())
            .is_some_and(|(info, base)| ra_rule_ends_at(&info, addr.wrapping_sub(base)));
        self.roots.insert(addr, res);
        res
    }

    /// Where the unwind info at `addr` (a lookup address) puts the CFA; `None` where the file
    /// describes nothing.
    fn cfa_at(&mut self, addr: u64) -> Option<CfaIn> {
        if let Some(&known) = self.cfas.get(&addr) {
            return known;
        }
        let res = self
            .code_at(addr)
            .and_then(|c| c.file.clone())
            .and_then(|(info, base)| cfa_register(&info, addr.wrapping_sub(base)));
        self.cfas.insert(addr, res);
        res
    }

    /// Whether `addr` is the start of a signal return trampoline (glibc's and musl's
    /// `__restore_rt`: `mov $15, %rax` (rt_sigreturn); `syscall`), where the kernel makes a
    /// signal handler return. framehop cannot unwind through it: its CFI is DWARF expressions
    /// that read the saved registers. Read from the mapped file once per address.
    fn is_sigreturn(&mut self, addr: u64) -> bool {
        const RT_SIGRETURN: [u8; 9] = [0x48, 0xc7, 0xc0, 0x0f, 0, 0, 0, 0x0f, 0x05];
        if let Some(&res) = self.sigreturns.get(&addr) {
            return res;
        }
        let Some(code) = self.code_at(addr) else {
            return false;
        };
        let m = &self.maps[code.map_idx];
        let offset = addr - m.start + m.offset;
        *self.sigreturns.entry(addr).or_insert_with(|| {
            let mut bytes = [0; RT_SIGRETURN.len()];
            let read = std::fs::File::open(&m.open_path)
                .and_then(|f| std::os::unix::fs::FileExt::read_exact_at(&f, &mut bytes, offset));
            read.is_ok() && bytes == RT_SIGRETURN
        })
    }
}

fn file_key(m: &Mapping) -> FileKey {
    match &m.build_id {
        Some(id) => FileKey::BuildId(id.clone()),
        None => FileKey::Path(m.open_path.clone()),
    }
}

fn file_info(
    files: &mut HashMap<FileKey, Option<Arc<FileInfo>>>,
    m: &Mapping,
) -> Option<Arc<FileInfo>> {
    files
        .entry(file_key(m))
        .or_insert_with(|| read_file_info(&m.open_path).map(Arc::new))
        .clone()
}

/// Reads the headers and the unwind sections of an ELF file, and nothing else: `ReadCache`
/// fetches only the byte ranges asked for, so a large binary with debug info costs little.
fn read_file_info(path: &Path) -> Option<FileInfo> {
    let file = std::fs::File::open(path).ok()?;
    let cache = object::ReadCache::new(file);
    let elf = object::File::parse(&cache).ok()?;
    let loads = elf
        .segments()
        .map(|s| {
            let (offset, file_size) = s.file_range();
            let executable = match s.flags() {
                SegmentFlags::Elf { p_flags } => p_flags & object::elf::PF_X != 0,
                _ => false,
            };
            Load {
                offset,
                file_size,
                vaddr: s.address(),
                executable,
            }
        })
        .collect();
    let range = |name: &str| {
        let s = elf.section_by_name(name)?;
        Some(s.address()..s.address() + s.size())
    };
    let with_data = |name: &str| {
        let s = elf.section_by_name(name)?;
        // A debug-info file keeps the section headers of the stripped sections as NOBITS.
        if s.kind() == SectionKind::UninitializedData {
            return None;
        }
        let data: Bytes = s.data().ok()?.into();
        Some((s.address()..s.address() + s.size(), data))
    };
    let eh_frame = with_data(".eh_frame");
    // Compressed (SHF_COMPRESSED) `.debug_frame` is skipped: `data()` would give the compressed
    // bytes, and decompressing is not worth a dependency while `.eh_frame` covers nearly every
    // file.
    let debug_frame = with_data(".debug_frame")
        .filter(|_| {
            elf.section_by_name(".debug_frame")
                .and_then(|s| s.compressed_file_range().ok())
                .is_some_and(|r| r.format == object::CompressionFormat::None)
        })
        .map(|(_, data)| data);
    let mut info = FileInfo {
        loads,
        entry: elf.entry(),
        text: range(".text"),
        got: range(".got"),
        eh_frame,
        eh_frame_hdr: with_data(".eh_frame_hdr"),
        debug_frame,
    };
    // framehop uses one of the two, `.eh_frame` when present. But code built with
    // `-fno-asynchronous-unwind-tables -g` has its CFI in `.debug_frame`, and the `.eh_frame`
    // beside it holds only the startup files' few entries; so keep the one covering more code.
    if let (Some((eh_range, eh)), Some(debug)) = (&info.eh_frame, &info.debug_frame)
        && debug_frame_coverage(debug) > eh_frame_coverage(eh, eh_range.start, &info)
    {
        info.eh_frame = None;
        info.eh_frame_hdr = None;
    }
    Some(info)
}

/// Bytes of code the FDEs of a `.debug_frame` cover.
fn debug_frame_coverage(data: &[u8]) -> u64 {
    let mut section = gimli::DebugFrame::new(data, gimli::LittleEndian);
    section.set_address_size(8);
    fde_coverage(&section, &gimli::BaseAddresses::default())
}

/// Bytes of code the FDEs of an `.eh_frame` at `addr` cover.
fn eh_frame_coverage(data: &[u8], addr: u64, info: &FileInfo) -> u64 {
    let section = gimli::EhFrame::new(data, gimli::LittleEndian);
    // Pointers in `.eh_frame` may be relative to the section, `.text` or `.got`.
    let mut bases = gimli::BaseAddresses::default().set_eh_frame(addr);
    if let Some(text) = &info.text {
        bases = bases.set_text(text.start);
    }
    if let Some(got) = &info.got {
        bases = bases.set_got(got.start);
    }
    fde_coverage(&section, &bases)
}

fn fde_coverage<'a, S>(section: &S, bases: &gimli::BaseAddresses) -> u64
where
    S: gimli::UnwindSection<gimli::EndianSlice<'a, gimli::LittleEndian>>,
{
    let mut entries = section.entries(bases);
    let mut res = 0u64;
    // An entry that does not parse ends the count: what was counted stays a fair measure.
    while let Ok(Some(entry)) = entries.next() {
        if let gimli::CieOrFde::Fde(partial) = entry
            && let Ok(fde) = partial.parse(S::cie_from_offset)
        {
            res = res.saturating_add(fde.len());
        }
    }
    res
}

/// The framehop module for one mapping of `info`'s file, or `None` if the file has no unwind
/// info or no PT_LOAD segment covers the mapping.
fn module(m: &Mapping, info: &FileInfo) -> Option<Module<Bytes>> {
    if info.eh_frame.is_none() && info.debug_frame.is_none() {
        return None;
    }
    // The segment mapped here: its file range holds the mapping's (page-aligned) offset.
    // Older linkers let two segments share a page, so an executable one is preferred.
    let covers = |l: &&Load| l.offset & !0xfff <= m.offset && m.offset < l.offset + l.file_size;
    let load = info
        .loads
        .iter()
        .filter(covers)
        .find(|l| l.executable)
        .or_else(|| info.loads.iter().find(covers))?;
    // File offset `o` is at `m.start + (o - m.offset)`, and address `v` of the segment is at
    // file offset `load.offset + (v - load.vaddr)`; so address 0 is at this base.
    let base_avma = m
        .start
        .checked_add(load.offset)?
        .checked_sub(load.vaddr)?
        .checked_sub(m.offset)?;
    let (eh_frame_svma, eh_frame) = info.eh_frame.clone().unzip();
    let (eh_frame_hdr_svma, eh_frame_hdr) = info.eh_frame_hdr.clone().unzip();
    let sections = ExplicitModuleSectionInfo {
        base_svma: 0,
        text_svma: info.text.clone(),
        got_svma: info.got.clone(),
        eh_frame_svma,
        eh_frame,
        eh_frame_hdr_svma,
        eh_frame_hdr,
        debug_frame: info.debug_frame.clone(),
        ..Default::default()
    };
    Some(Module::new(
        m.module.clone(),
        m.start..m.end,
        base_avma,
        sections,
    ))
}

/// Whether the `.eh_frame` row for file address `svma` says the return address is undefined
/// or at CFA - 8 (see `Process::ends_by_unwind_info`).
fn ra_rule_ends_at(info: &FileInfo, svma: u64) -> bool {
    // The entry stub's call (`_start` of a program or of ld.so, whose own has no FDE): the
    // first frame of the process, whatever the unwind info says.
    if info.entry != 0 && (info.entry..info.entry + 32).contains(&svma) {
        return true;
    }
    use gimli::{
        BaseAddresses, EhFrame, LittleEndian, RegisterRule, UnwindContext, UnwindSection, X86_64,
    };
    let Some((range, bytes)) = &info.eh_frame else {
        return false;
    };
    let mut bases = BaseAddresses::default().set_eh_frame(range.start);
    if let Some(text) = &info.text {
        bases = bases.set_text(text.start);
    }
    if let Some(got) = &info.got {
        bases = bases.set_got(got.start);
    }
    let eh_frame = EhFrame::new(&bytes[..], LittleEndian);
    let mut ctx = UnwindContext::new();
    match eh_frame
        .unwind_info_for_address(&bases, &mut ctx, svma, |s, b, o| s.cie_from_offset(b, o))
    {
        Ok(row) => match row.register(X86_64::RA) {
            Some(RegisterRule::Undefined) => true,
            // A return address of 0 read at CFA - 8 ends a stack only where the CFA is one
            // framehop computes (from rsp or rbp). Elsewhere (ld.so's lazy-binding trampoline
            // keeps its CFA in rbx while it realigns the stack) framehop fell back to the
            // frame pointer, and the 0 it read there is no proof of a root.
            None | Some(RegisterRule::Offset(-8)) => matches!(
                row.cfa(),
                gimli::CfaRule::RegisterAndOffset { register, .. }
                    if *register == X86_64::RSP || *register == X86_64::RBP
            ),
            _ => false,
        },
        Err(_) => false,
    }
}

/// Which register a CFA is computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CfaIn {
    Rsp,
    Rbp,
    /// Another register (ld.so's lazy-binding trampoline: rbx), which framehop does not track:
    /// it falls back to the frame pointer there, a guess that skips the caller.
    OtherRegister,
    /// A DWARF expression (PLT stubs, signal frames): framehop and `signal_frame` know these.
    Expression,
}

/// Where the CFA at `svma` (an address in the file's own space) is; `None` where the file's
/// `.eh_frame` has no row for it.
fn cfa_register(info: &FileInfo, svma: u64) -> Option<CfaIn> {
    use gimli::{
        BaseAddresses, CfaRule, EhFrame, LittleEndian, UnwindContext, UnwindSection, X86_64,
    };
    let (range, bytes) = info.eh_frame.as_ref()?;
    let mut bases = BaseAddresses::default().set_eh_frame(range.start);
    if let Some(text) = &info.text {
        bases = bases.set_text(text.start);
    }
    if let Some(got) = &info.got {
        bases = bases.set_got(got.start);
    }
    let eh_frame = EhFrame::new(&bytes[..], LittleEndian);
    let mut ctx = UnwindContext::new();
    let row = eh_frame
        .unwind_info_for_address(&bases, &mut ctx, svma, |s, b, o| s.cie_from_offset(b, o))
        .ok()?;
    Some(match row.cfa() {
        CfaRule::RegisterAndOffset { register, .. } if *register == X86_64::RSP => CfaIn::Rsp,
        CfaRule::RegisterAndOffset { register, .. } if *register == X86_64::RBP => CfaIn::Rbp,
        CfaRule::RegisterAndOffset { .. } => CfaIn::OtherRegister,
        CfaRule::Expression(_) => CfaIn::Expression,
    })
}

/// The unwind over the copy alone.
struct CopyWalk {
    /// Leaf first; `ips[0]` is the copy's ip.
    ips: Vec<u64>,
    /// `slots[i]` is the stack address `ips[i + 1]` was read from.
    slots: Vec<u64>,
    stop: Stop,
}

fn walk_copy(process: &mut Process, cache: &mut CacheX86_64, copy: &UserCopy) -> CopyWalk {
    let mut res = CopyWalk {
        ips: vec![copy.ip],
        slots: Vec::new(),
        stop: Stop::Root,
    };
    let copy_end = copy.sp.saturating_add(copy.stack.len() as u64);
    let mut read = |addr: u64| read_word(copy, addr).ok_or(());
    let mut regs = UnwindRegsX86_64::new(copy.ip, copy.sp, copy.bp);
    let mut addr = FrameAddress::from_instruction_pointer(copy.ip);
    loop {
        if res.ips.len() >= MAX_FRAMES {
            res.stop = Stop::DepthLimit;
            break;
        }
        // A CFA in a register framehop does not track: it would guess by the frame pointer.
        if process.cfa_at(addr.address_for_lookup()) == Some(CfaIn::OtherRegister) {
            res.stop = Stop::Unfollowed;
            break;
        }
        let step = process
            .unwinder
            .unwind_frame(addr, &mut regs, cache, &mut read);
        match step {
            Ok(None) => {
                // framehop ends an unwind where the unwind info says so (the return address is
                // undefined), where it read a return address of 0, and also where a frame
                // pointer it fell back to is 0: that last one is no proof of a root (a vfork
                // child in `__libc_vfork`, whose return address is in a register, ended so).
                res.stop = if process.ends_by_unwind_info(addr.address_for_lookup()) {
                    Stop::Root
                } else {
                    Stop::BadFrame
                };
                break;
            }
            Ok(Some(ra)) => {
                let Some(next) = FrameAddress::from_return_address(ra) else {
                    res.stop = Stop::Root;
                    break;
                };
                // A return address must lead back into mapped code; anything else is an unwind
                // gone wrong (or JIT code, which the frame-pointer walk may still cover).
                if process.code_at(next.address_for_lookup()).is_none() {
                    res.stop = Stop::NoUnwindInfo;
                    break;
                }
                res.ips.push(ra);
                // framehop leaves sp at the caller's value: just above the return address.
                res.slots.push(regs.sp().wrapping_sub(8));
                addr = next;
                if process.is_sigreturn(ra) {
                    match signal_frame(process, copy, regs.sp(), res.ips.len()) {
                        Ok((ip, regs_then)) => {
                            // The interrupted code's own ip, as a leaf's: not a return address.
                            res.ips.push(ip);
                            res.slots.push(regs.sp() + SIGCONTEXT_IP);
                            regs = regs_then;
                            addr = FrameAddress::from_instruction_pointer(ip);
                        }
                        Err(stop) => {
                            res.stop = stop;
                            break;
                        }
                    }
                }
            }
            Err(err) => {
                let has_info = process
                    .code_at(addr.address_for_lookup())
                    .is_some_and(|c| c.has_info);
                res.stop = if !has_info {
                    Stop::NoUnwindInfo
                } else {
                    match err {
                        FhError::CouldNotReadStack(at) if at >= copy_end.saturating_sub(7) => {
                            Stop::CopyTooShort
                        }
                        _ => Stop::BadFrame,
                    }
                };
                break;
            }
        }
    }
    res
}

/// Where the kernel saved the interrupted code's registers, from the `ucontext` a signal handler
/// returns to (x86-64 `struct rt_sigframe` after its return address: `uc_flags`, `uc_link`,
/// `uc_stack` (40 bytes), then `sigcontext`: r8–r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp,
/// rip).
const SIGCONTEXT_BP: u64 = 40 + 10 * 8;
const SIGCONTEXT_SP: u64 = 40 + 15 * 8;
const SIGCONTEXT_IP: u64 = 40 + 16 * 8;

/// The interrupted code's ip and registers from the signal frame whose `ucontext` is at `uc`
/// (the stack pointer after unwinding the handler), or why the unwind stops there.
fn signal_frame(
    process: &Process,
    copy: &UserCopy,
    uc: u64,
    depth: usize,
) -> Result<(u64, UnwindRegsX86_64), Stop> {
    if depth >= MAX_FRAMES {
        return Err(Stop::DepthLimit);
    }
    let word = |off: u64| read_word(copy, uc.checked_add(off)?);
    let (Some(ip), Some(sp), Some(bp)) = (
        word(SIGCONTEXT_IP),
        word(SIGCONTEXT_SP),
        word(SIGCONTEXT_BP),
    ) else {
        return Err(Stop::CopyTooShort);
    };
    if process.code_at(ip).is_none() {
        return Err(Stop::NoUnwindInfo);
    }
    Ok((ip, UnwindRegsX86_64::new(ip, sp, bp)))
}

fn read_word(copy: &UserCopy, addr: u64) -> Option<u64> {
    let off = usize::try_from(addr.checked_sub(copy.sp)?).ok()?;
    let bytes = copy.stack.get(off..off.checked_add(8)?)?;
    Some(u64::from_le_bytes(bytes.try_into().ok()?))
}

fn finish(walk: CopyWalk, copy: &UserCopy, fp: &[u64], joinable_at: bool) -> Unwound {
    let recovered = walk.ips.len() - 1;
    let joinable = joinable_at
        && matches!(
            walk.stop,
            Stop::CopyTooShort | Stop::NoUnwindInfo | Stop::BadFrame
        );
    let from = match joinable {
        true => join(&walk.ips, &walk.slots, &fp_frames(copy), fp),
        false => None,
    };
    match from {
        Some(from) => {
            let mut ips = walk.ips;
            ips.extend_from_slice(&fp[from..]);
            let stop = match ips.len() > MAX_FRAMES {
                true => Stop::DepthLimit,
                false => Stop::FpChain,
            };
            ips.truncate(MAX_FRAMES);
            Unwound {
                ips,
                stop,
                recovered,
            }
        }
        None => Unwound {
            ips: walk.ips,
            stop: walk.stop,
            recovered,
        },
    }
}

/// One frame of the frame-pointer walk, redone over the copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FpFrame {
    /// Where the return address is stored: the frame pointer + 8.
    slot: u64,
    /// The return address, if the slot is inside the copy.
    ra: Option<u64>,
}

/// The kernel's frame-pointer walk (`perf_callchain_user`: `ra = fp[1]`, `fp = fp[0]`, no
/// checks on the direction), redone over the copy so that each of its return addresses gets a
/// stack address. Entry `k` is the kernel's `fp[k + 1]`. It ends with the first frame whose
/// frame pointer is outside the copy: that frame's slot is known, its contents are not.
fn fp_frames(copy: &UserCopy) -> Vec<FpFrame> {
    let mut res = Vec::new();
    let mut bp = copy.bp;
    while res.len() < MAX_FRAMES {
        let Some(slot) = bp.checked_add(8) else {
            break;
        };
        res.push(FpFrame {
            slot,
            ra: read_word(copy, slot),
        });
        match read_word(copy, bp) {
            Some(next) => bp = next,
            None => break,
        }
    }
    res
}

/// Where the kernel's walk `fp` continues the unwound stack `ips` (`slots[i]` holding the stack
/// address of `ips[i + 1]`), as an index into `fp`; `None` if it cannot be joined safely.
///
/// The join is by stack address, not by value: the deepest unwound frame that the walk over the
/// copy (`fp_frames`) also found, at the same slot and with the same return address as the
/// kernel's `fp[k]`. A value alone would misjoin recursion, where the same return address sits
/// in many frames. That match shows the frame-pointer chain is real at that point. The next
/// frame of the chain must then lie above every unwound frame (a real chain only goes up the
/// stack, and frames between are ones it skipped, which the unwind has); the kernel's entries
/// from there on are the continuation, and there must be at least one.
///
/// When the unwind got no further than the leaf, the leaf is the shared frame: the result is
/// then the kernel's walk as it stands, so unwinding never gives less than that walk.
fn join(ips: &[u64], slots: &[u64], frames: &[FpFrame], fp: &[u64]) -> Option<usize> {
    let Some(&deepest_slot) = slots.last() else {
        let same_leaf = !ips.is_empty() && ips.first() == fp.first();
        return (same_leaf && fp.len() > 1).then_some(1);
    };
    let (k, frame) = (1..ips.len()).rev().find_map(|i| {
        let (ip, slot) = (ips[i], slots[i - 1]);
        frames.iter().enumerate().find_map(|(idx, f)| {
            let k = idx + 1;
            let same = f.slot == slot && f.ra == Some(ip) && fp.get(k) == Some(&ip);
            same.then_some((k, f))
        })
    })?;
    let next = frames.get(k)?;
    let goes_up = next.slot > frame.slot && next.slot > deepest_slot;
    (goes_up && k + 1 < fp.len()).then_some(k + 1)
}

pub mod tables;

#[cfg(test)]
mod capture;
#[cfg(test)]
mod tests;
