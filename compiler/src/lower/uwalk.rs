//! User stacks walked in BPF from unwind tables (`--unwind auto`, the default; issue 18).
//!
//! Programs built without frame pointers (every distribution binary) hide their callers from
//! the kernel's frame-pointer walk. Their `.eh_frame` says, for every address, where the
//! caller's frame is; the runtime turns it into sorted rows (`runtime::unwind::tables`) and
//! writes them into three maps when a process is first seen, the OpenTelemetry eBPF
//! profiler's design:
//!
//! - [`UW_PROCS_MAP`]: thread group id → the range of its mappings in [`UW_MAPS_MAP`];
//! - [`UW_MAPS_MAP`]: per mapping, sorted by start within a process: `start`, `end`, the
//!   `bias` that turns an address into the file's own address, and the range of its file's
//!   rows in [`UW_ROWS_MAP`] (shared by every process that maps the file);
//! - [`UW_ROWS_MAP`]: 8-byte rows sorted by address within a file: from this address on, the
//!   caller's frame (the CFA) is at `rsp + off` or `rbp + off`, its return address just below,
//!   and `rbp` saved at `CFA + 8 × rbp8` (0: unchanged);
//! - [`UW_PAGES_MAP`]: per 4 KiB page of a file, the few rows a search of that page needs.
//!
//! The walk here (a bounded loop, two binary searches a frame) writes the frames into the
//! stack scratch buffer and hashes them as it goes; stacks stay aggregated in the kernel,
//! keyed by their true frames, with no per-event bytes in any key. A process with no tables
//! yet is asked for in [`UW_WANTED_MAP`] and walked by frame pointers meanwhile (the kernel's
//! `bpf_get_stack`). Code with no table (JIT code, a gap between functions) takes one
//! frame-pointer step; a row whose rule the walk does not follow ends it ([`ROW_UNFOLLOWED`]:
//! a guess there skips the caller and can still reach the root). A walk that stops
//! before a root ends in a sentinel frame ([`STOP_BASE`] + a cause) that the runtime draws as
//! a marked frame and counts, with its weight, as an incomplete stack.

use super::Lowerer;
use crate::bpf::helpers::Helper;
use crate::ir::{AluOp, Base, Cond, Inst, Label, MapId, Operand, VReg, Width};

/// The names of the four tables' maps begin with this.
pub const TABLES_PREFIX: &str = "fs_uw_";
/// thread group id (u32) → `{maps_start: u32, maps_n: u32}`.
pub const UW_PROCS_MAP: &str = "fs_uw_procs";
/// index (u32) → `{start, end, bias: u64, rows_start, rows_n, pages_start, page_first,
/// pages_n, page_shift: u32}`.
pub const UW_MAPS_MAP: &str = "fs_uw_maps";
/// index (u32) → `{first, n: u32}`: per 4 KiB page of a file's addresses, its rows among
/// `[first, first + n)` (the row covering the page's start, up to the next page's), so that the
/// search takes a few steps, not the log of the file's rows.
pub const UW_PAGES_MAP: &str = "fs_uw_pages";
/// index (u32) → `{pc: u32, cfa_off: i16, kind: u8, rbp8: i8}`.
pub const UW_ROWS_MAP: &str = "fs_uw_rows";
/// thread group id (u32) → 1: a process whose tables the runtime should load.
pub const UW_WANTED_MAP: &str = "fs_uw_wanted";

pub const UW_PROCS_ENTRIES: u32 = 8_192;
pub const UW_MAPS_ENTRIES: u32 = 131_072;
/// 2^22 rows (32 MiB): the rows of every file of a large desktop's processes.
pub const UW_ROWS_ENTRIES: u32 = 1 << 22;
pub const UW_MAP_VALUE: u32 = 48;
/// Bytes of user stack `walk_frame_pointers` reads at once (a power of two, below the scratch
/// buffer's size).
const WINDOW: u32 = 512;
/// Where in the window's buffer a value makes its trip through memory (past the window).
const WINDOW_SPILL: i16 = (super::STACK_BYTES - 8) as i16;
/// The table walk keeps its window's bounds in the buffer too: the user address the window
/// starts at, and how many bytes past it a word can still be read (its length − 8).
const WINDOW_START: i16 = (super::STACK_BYTES - 24) as i16;
const WINDOW_SPAN: i16 = (super::STACK_BYTES - 16) as i16;
/// The table walk's window: at most this many bytes (below 512, so that a mask bounds it).
const TABLE_WINDOW: i32 = 504;
pub const UW_PAGE_VALUE: u32 = 8;
/// 2^20 pages: 4 GiB of code.
pub const UW_PAGES_ENTRIES: u32 = 1 << 20;
/// The page size of the index, at most (each file's is in its mappings' entries).
pub const PAGE_SHIFT: u32 = 12;
pub const UW_ROW_VALUE: u32 = 8;
/// Mappings of one process the search covers (2^8).
pub const UW_MAX_MAPPINGS: u32 = 255;
const MAP_SEARCH_STEPS: u32 = 8;
/// Binary search steps over one page's rows (the runtime picks each file's page size so that
/// none holds more: 256-byte pages for glibc, CPython, SQLite).
const ROW_SEARCH_STEPS: u32 = 6;
/// The most rows one page of the index holds: the runtime makes a file's pages smaller when
/// a 4 KiB page would hold more.
pub const MAX_PAGE_ROWS: u32 = 1 << ROW_SEARCH_STEPS;

/// Row kinds. No rule here (between functions, code without CFI): one frame-pointer step.
pub const ROW_UNSUPPORTED: u8 = 0;
pub const ROW_RSP: u8 = 1;
pub const ROW_RBP: u8 = 2;
pub const ROW_OUTERMOST: u8 = 3;
/// `rsp + off`, the return address in `rdi` (glibc's `vfork`): only at the leaf.
pub const ROW_RSP_RA_IN_RDI: u8 = 4;
/// A rule the walk does not follow (the CFA in another register, a DWARF expression): the
/// walk stops, marked. A frame-pointer step there would skip the caller and could still reach
/// the root, drawn as complete.
pub const ROW_UNFOLLOWED: u8 = 5;

/// Frames a walk writes at most; with its sentinel and the terminating zero it stays inside the
/// 127 words of the scratch buffer.
pub const MAX_FRAMES: u32 = 120;

/// The FNV-1a prime the stack hash multiplies by (`lower::stmt`).
pub const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Sentinel frames, above any user address, ending a walk that stopped before the root; the
/// low byte is the cause (the runtime's `recover::stop_label` names them).
pub const STOP_BASE: u64 = 0xffff_ffff_ffff_ff00;
/// No table, and the frame-pointer step found no plausible frame.
pub const STOP_NO_INFO: u64 = 2;
/// [`MAX_FRAMES`] frames walked.
pub const STOP_DEPTH: u64 = 3;
/// The stack pointer did not move up: a wrong table or a corrupt stack.
pub const STOP_BAD: u64 = 4;
/// A word of the stack could not be read (paged out, or a wild address).
pub const STOP_FAULT: u64 = 5;
/// A row whose rule the walk does not follow ([`ROW_UNFOLLOWED`]).
pub const STOP_UNFOLLOWED: u64 = 7;
/// No copy of the stack could be read (its page was not resident): only the leaf is known,
/// a frame-pointer walk cannot be checked (set by the runtime, not by a walk).
pub const STOP_NO_COPY: u64 = 6;
/// The code segment selector of 64-bit user code (`__USER_CS`): the only registers the
/// frame-pointer walk in BPF reads a stack from.
const USER_CS: i32 = 0x33;
/// The end of the user address space on x86-64 (4-level page tables: `TASK_SIZE_MAX`, below
/// the guard page); 5-level tables allow more, where a frame above this ends the walk early.
const USER_TOP: u64 = 0x0000_7fff_ffff_f000;
/// Not a stop: the walk reached the outermost frame (a zero return address or a row that
/// says so), so the stack is complete even where its root has no name (a stripped `_start`).
pub const WALKED_TO_ROOT: u64 = 0x80;

/// The four maps' ids, made by `lower` when a script keys a map by `ustack` under `auto`.
#[derive(Clone, Copy, Debug)]
pub(super) struct WalkMaps {
    pub procs: MapId,
    pub maps: MapId,
    pub rows: MapId,
    pub pages: MapId,
    pub wanted: MapId,
}

impl Lowerer<'_> {
    /// Walks the current thread's user stack into `buf` (a map value of 127 words), folding each
    /// frame into the hash `h` (FNV-1a); jumps to `walked` with the frames written and
    /// a zero after them, and in the last word the sentinel of why it stopped, or
    /// [`WALKED_TO_ROOT`]. Falls through (to the frame-pointer capture that follows)
    /// when this process has no tables yet, after asking for them.
    ///
    /// Shaped for the verifier, which explores every iteration of the bounded loop: the binary
    /// searches are branch-free (a select by arithmetic), every branch's fall-through is the
    /// short way out (so the verifier's queue of pending branches stays short), and nothing
    /// after the loop reads its frame counter or write pointer (so the ways out of different
    /// iterations are one state to it, explored once).
    pub(super) fn walk_user_stack(&mut self, w: WalkMaps, buf: VReg, h: VReg, walked: Label) {
        let fallback = self.b.label();
        // The walked thread is the current one, whatever the event's record says.
        let tgid = self.b.call(helper(Helper::GetCurrentPidTgid), vec![]);
        self.b.alu(AluOp::Rsh, tgid, Operand::Imm(32));
        let tslot = self.b.slot(8);
        // 8 bytes: the slot is the wanted map's key (4 bytes) and its value (8) at once.
        self.b
            .store(Width::B8, Base::Slot(tslot), 0, Operand::Reg(tgid));
        let absent = self.b.label();
        let proc = self.lookup(w.procs, tslot, absent);
        let mn = self.b.load(Width::B4, Base::Reg(proc), 4);
        self.jump_if(Cond::Eq, mn, Operand::Imm(0), fallback);
        let task = self.b.call(helper(Helper::GetCurrentTaskBtf), vec![]);
        let regs = self.b.call(helper(Helper::TaskPtRegs), vec![task]);
        // struct pt_regs on x86-64: bp at 32, di at 112, ip at 128, sp at 152.
        let ip = self.b.load(Width::B8, Base::Reg(regs), 128);
        let sp = self.b.load(Width::B8, Base::Reg(regs), 152);
        let bp = self.b.load(Width::B8, Base::Reg(regs), 32);
        // The leaf's rdi, for a return address kept there (`ROW_RSP_RA_IN_RDI`): in a slot,
        // not a register live across the loop.
        let di = self.b.load(Width::B8, Base::Reg(regs), 112);
        let leaf_di = self.b.slot(8);
        self.b
            .store(Width::B8, Base::Slot(leaf_di), 0, Operand::Reg(di));
        let out = self.b.copy(buf);
        let i = self.b.constant(0);
        // The mapping of the frame before (the first one to begin with).
        let pm = self.b.load(Width::B4, Base::Reg(proc), 0);
        let cause = self.b.constant(0);
        // Few values live across iterations, and one slot serves the searches' keys and the
        // words read: the switch-out design runs this in a subprogram, whose stack adds to
        // its caller's within the verifier's 512 bytes.
        let word = self.b.slot(8);
        let ikey = word;
        // The window the walk reads the stack through (`read_word`), empty to begin with; its
        // buffer's address in a slot, not a register live across the loop.
        let wslot = self.b.slot(8);
        let Some(scratch) = self.cx.ids.scratch else {
            // (There is always a scratch map where stacks are taken.)
            self.b.push(Inst::Label(fallback));
            return;
        };
        let window = self.cx.ids.scratch_entries as i32;
        let win = self.lookup_u32(scratch, Operand::Imm(window), fallback);
        self.b
            .store(Width::B8, Base::Reg(win), WINDOW_START, Operand::Imm(0));
        self.b
            .store(Width::B8, Base::Reg(win), WINDOW_SPAN, Operand::Imm(0));
        self.b
            .store(Width::B8, Base::Slot(wslot), 0, Operand::Reg(win));
        let ra = self.b.reg();
        let cfa = self.b.reg();
        let last_word = (super::STACK_BYTES - 8) as i16;

        let head = self.b.label();
        let next = self.b.label();
        let fp_step = self.b.label();
        let stop = self.b.label();
        let root = self.b.label();
        self.b.push(Inst::Label(head));
        self.b.store(Width::B8, Base::Reg(out), 0, Operand::Reg(ip));
        // Terminated at every step: what follows the loop never needs to know where it ended.
        self.b.store(Width::B8, Base::Reg(out), 8, Operand::Imm(0));
        self.b.alu(AluOp::Add, out, Operand::Imm(8));
        self.b.alu(AluOp::Xor, h, Operand::Reg(ip));
        let p = self.b.constant(FNV_PRIME);
        self.b.alu(AluOp::Mul, h, Operand::Reg(p));
        self.b.alu(AluOp::Add, i, Operand::Imm(1));
        self.set(cause, STOP_DEPTH);
        let more = self.b.label();
        self.jump_if(Cond::Lt, i, Operand::Imm(MAX_FRAMES as i32), more);
        self.b.push(Inst::Jump { target: stop });
        self.b.push(Inst::Label(more));
        // A caller's row is looked up inside its call instruction (return address - 1).
        // i is 1 at the leaf: (1 - i) >> 63 is 0 there and 1 for every caller.
        let adj = self.b.constant(1);
        self.b.alu(AluOp::Sub, adj, Operand::Reg(i));
        self.b.alu(AluOp::Rsh, adj, Operand::Imm(63));
        let pc = self.b.copy(ip);
        self.b.alu(AluOp::Sub, pc, Operand::Reg(adj));

        // The mapping: the caller's, when pc is in it (most callers are in the same file),
        // else the last one starting at or before pc, and pc before its end.
        self.set(cause, STOP_BAD);
        let idx = self.b.copy(pm);
        let e = self.lookup_or(w.maps, ikey, idx, stop);
        let st = self.b.load(Width::B8, Base::Reg(e), 0);
        let en = self.b.load(Width::B8, Base::Reg(e), 8);
        let searched = self.b.label();
        let have = self.b.label();
        self.jump_if(Cond::Gt, st, Operand::Reg(pc), searched);
        self.jump_if(Cond::Ge, pc, Operand::Reg(en), searched);
        self.b.push(Inst::Jump { target: have });
        self.b.push(Inst::Label(searched));
        let ms = self.b.load(Width::B4, Base::Reg(proc), 0);
        let mn = self.b.load(Width::B4, Base::Reg(proc), 4);
        let found = self.search_index(w.maps, ikey, ms, mn, pc, MAP_SEARCH_STEPS, Width::B8, stop);
        self.b.push(Inst::Mov {
            dst: idx,
            src: found,
        });
        self.b.push(Inst::Label(have));
        self.b.push(Inst::Mov { dst: pm, src: idx });
        let m = self.lookup_or(w.maps, ikey, idx, stop);
        let start = self.b.load(Width::B8, Base::Reg(m), 0);
        let mend = self.b.load(Width::B8, Base::Reg(m), 8);
        let inside = self.b.label();
        let in_map = self.b.label();
        let nomap = self.b.label();
        self.jump_if(Cond::Le, start, Operand::Reg(pc), inside);
        self.b.push(Inst::Jump { target: nomap });
        self.b.push(Inst::Label(inside));
        self.jump_if(Cond::Lt, pc, Operand::Reg(mend), in_map);
        // In no mapping the tables know: JIT code, or a library mapped since (dlopen), for
        // which the runtime, asked again, reads the process's mappings anew.
        self.b.push(Inst::Label(nomap));
        self.want(w.wanted, tslot);
        self.b.push(Inst::Jump { target: fp_step });
        self.b.push(Inst::Label(in_map));
        let fpc = self.b.copy(pc);
        let bias = self.b.load(Width::B8, Base::Reg(m), 16);
        self.b.alu(AluOp::Sub, fpc, Operand::Reg(bias));
        // The page of the file's address, and its rows.
        let page = self.b.copy(fpc);
        let shift = self.b.load(Width::B4, Base::Reg(m), 44);
        self.b.alu(AluOp::Rsh, page, Operand::Reg(shift));
        let page_first = self.b.load(Width::B4, Base::Reg(m), 36);
        self.b.alu(AluOp::Sub, page, Operand::Reg(page_first));
        let pages_n = self.b.load(Width::B4, Base::Reg(m), 40);
        let in_pages = self.b.label();
        self.jump_if(Cond::Lt, page, Operand::Reg(pages_n), in_pages);
        self.b.push(Inst::Jump { target: fp_step });
        self.b.push(Inst::Label(in_pages));
        let pages_start = self.b.load(Width::B4, Base::Reg(m), 32);
        self.b.alu(AluOp::Add, page, Operand::Reg(pages_start));
        self.set(cause, STOP_BAD);
        let pg = self.lookup_or(w.pages, ikey, page, stop);
        let rs = self.b.load(Width::B4, Base::Reg(pg), 0);
        let rn = self.b.load(Width::B4, Base::Reg(pg), 4);
        let has_rows = self.b.label();
        self.jump_if(Cond::Ne, rn, Operand::Imm(0), has_rows);
        self.b.push(Inst::Jump { target: fp_step });
        self.b.push(Inst::Label(has_rows));
        // The row: the last one starting at or before the file's address.
        let r = self.search(w.rows, ikey, rs, rn, fpc, ROW_SEARCH_STEPS, Width::B4, stop);
        let rpc = self.b.load(Width::B4, Base::Reg(r), 0);
        let covered = self.b.label();
        self.jump_if(Cond::Le, rpc, Operand::Reg(fpc), covered);
        self.b.push(Inst::Jump { target: fp_step });
        self.b.push(Inst::Label(covered));
        let kind = self.b.load(Width::B1, Base::Reg(r), 6);
        let off = self.b.load(Width::B2, Base::Reg(r), 4);
        self.b.alu(AluOp::Lsh, off, Operand::Imm(48));
        self.b.alu(AluOp::Arsh, off, Operand::Imm(48));
        let rbp8 = self.b.load(Width::B1, Base::Reg(r), 7);
        self.b.alu(AluOp::Lsh, rbp8, Operand::Imm(56));
        self.b.alu(AluOp::Arsh, rbp8, Operand::Imm(53)); // × 8
        let not_root = self.b.label();
        self.jump_if(
            Cond::Ne,
            kind,
            Operand::Imm(i32::from(ROW_OUTERMOST)),
            not_root,
        );
        self.b.push(Inst::Jump { target: root });
        self.b.push(Inst::Label(not_root));
        let from_rbp = self.b.label();
        let have_cfa = self.b.label();
        let from_rsp = self.b.label();
        let from_di = self.b.label();
        let up = self.b.label();
        let followed = self.b.label();
        self.jump_if(
            Cond::Ne,
            kind,
            Operand::Imm(i32::from(ROW_UNFOLLOWED)),
            followed,
        );
        self.set(cause, STOP_UNFOLLOWED);
        self.b.push(Inst::Jump { target: stop });
        self.b.push(Inst::Label(followed));
        self.jump_if(Cond::Eq, kind, Operand::Imm(i32::from(ROW_RBP)), from_rbp);
        self.jump_if(Cond::Eq, kind, Operand::Imm(i32::from(ROW_RSP)), from_rsp);
        self.jump_if(
            Cond::Eq,
            kind,
            Operand::Imm(i32::from(ROW_RSP_RA_IN_RDI)),
            from_di,
        );
        self.b.push(Inst::Jump { target: fp_step });
        // The return address in rdi (glibc's vfork, blocked in its system call): known at the
        // leaf only (i is 1 there). The caller's frame is at rsp + off, which may be rsp itself
        // (the address was popped), so the check that the stack moved up is skipped: the next
        // frame is the caller's, with its own row.
        self.b.push(Inst::Label(from_di));
        self.set(cause, STOP_BAD);
        self.jump_if(Cond::Ne, i, Operand::Imm(1), stop);
        self.b.push(Inst::Mov { dst: cfa, src: sp });
        self.b.alu(AluOp::Add, cfa, Operand::Reg(off));
        let v = self.b.load(Width::B8, Base::Slot(leaf_di), 0);
        self.b.push(Inst::Mov { dst: ra, src: v });
        let di_nonzero = self.b.label();
        self.jump_if(Cond::Ne, ra, Operand::Imm(0), di_nonzero);
        self.b.push(Inst::Jump { target: stop });
        self.b.push(Inst::Label(di_nonzero));
        self.jump_if(Cond::Ge, cfa, Operand::Reg(sp), up);
        self.b.push(Inst::Jump { target: stop });
        self.b.push(Inst::Label(from_rsp));
        self.b.push(Inst::Mov { dst: cfa, src: sp });
        self.b.push(Inst::Jump { target: have_cfa });
        self.b.push(Inst::Label(from_rbp));
        self.b.push(Inst::Mov { dst: cfa, src: bp });
        self.b.push(Inst::Label(have_cfa));
        self.b.alu(AluOp::Add, cfa, Operand::Reg(off));
        self.set(cause, STOP_FAULT);
        let at = self.b.copy(cfa);
        self.b.alu(AluOp::Sub, at, Operand::Imm(8));
        let v = self.read_word(wslot, word, at, sp, true, stop);
        self.b.push(Inst::Mov { dst: ra, src: v });
        self.jump_if(Cond::Eq, rbp8, Operand::Imm(0), next);
        let at = self.b.copy(cfa);
        self.b.alu(AluOp::Add, at, Operand::Reg(rbp8));
        // Below the return address, in the window that read it (a new one starts 64 bytes
        // below), or read alone.
        let v = self.read_word(wslot, word, at, sp, false, stop);
        self.b.push(Inst::Mov { dst: bp, src: v });
        self.b.push(Inst::Jump { target: next });

        // No table here: one frame-pointer step, if rbp plausibly points at a frame above.
        self.b.push(Inst::Label(fp_step));
        self.set(cause, STOP_NO_INFO);
        let above = self.b.label();
        self.jump_if(Cond::Gt, bp, Operand::Reg(sp), above);
        self.b.push(Inst::Jump { target: stop });
        self.b.push(Inst::Label(above));
        let at = self.b.copy(bp);
        self.b.alu(AluOp::Add, at, Operand::Imm(8));
        self.read_user(word, at, stop);
        let v = self.b.load(Width::B8, Base::Slot(word), 0);
        self.b.push(Inst::Mov { dst: ra, src: v });
        // A zero read by a frame-pointer guess is no proof of the root (a table's is).
        let guessed = self.b.label();
        self.jump_if(Cond::Ne, ra, Operand::Imm(0), guessed);
        self.b.push(Inst::Jump { target: stop });
        self.b.push(Inst::Label(guessed));
        self.read_user(word, bp, stop);
        self.b.push(Inst::Mov { dst: cfa, src: bp });
        self.b.alu(AluOp::Add, cfa, Operand::Imm(16));
        let v = self.b.load(Width::B8, Base::Slot(word), 0);
        self.b.push(Inst::Mov { dst: bp, src: v });

        self.b.push(Inst::Label(next));
        let nonzero = self.b.label();
        self.jump_if(Cond::Ne, ra, Operand::Imm(0), nonzero);
        self.b.push(Inst::Jump { target: root });
        self.b.push(Inst::Label(nonzero));
        self.set(cause, STOP_BAD);
        self.jump_if(Cond::Gt, cfa, Operand::Reg(sp), up);
        self.b.push(Inst::Jump { target: stop });
        self.b.push(Inst::Label(up));
        self.b.push(Inst::Mov { dst: sp, src: cfa });
        self.b.push(Inst::Mov { dst: ip, src: ra });
        self.b.push(Inst::Jump { target: head });

        // Stopped before the root: the last word says why (and the hash tells such a stack
        // from a complete one with the same frames).
        self.b.push(Inst::Label(stop));
        let s = self.b.constant(STOP_BASE);
        self.b.alu(AluOp::Or, s, Operand::Reg(cause));
        self.b
            .store(Width::B8, Base::Reg(buf), last_word, Operand::Reg(s));
        self.b.alu(AluOp::Xor, h, Operand::Reg(s));
        let p = self.b.constant(FNV_PRIME);
        self.b.alu(AluOp::Mul, h, Operand::Reg(p));
        self.b.push(Inst::Jump { target: walked });
        self.b.push(Inst::Label(root));
        let s = self.b.constant(STOP_BASE | WALKED_TO_ROOT);
        self.b
            .store(Width::B8, Base::Reg(buf), last_word, Operand::Reg(s));
        self.b.push(Inst::Jump { target: walked });

        // Not known yet: ask for this process's tables, and walk by frame pointers meanwhile.
        self.b.push(Inst::Label(absent));
        self.want(w.wanted, tslot);
        self.b.push(Inst::Label(fallback));
    }

    /// The current thread's user stack walked by frame pointers in BPF (`--unwind fp`, where
    /// the kernel has `bpf_task_pt_regs`) into `buf`: the leaf's ip, then each frame's return
    /// address, hashed into `h`; falls through when done. A thread with no user registers (a
    /// kernel thread) jumps to `none`. Jumps to `kernel` for registers of a mode other than 64-bit
    /// user code (a 32-bit process), which the kernel's own walk (`bpf_get_stack`) handles.
    /// Every way out of the loop ends at one place with nothing but the hash live, so the
    /// verifier explores the rest of the program once, not once per stack depth.
    ///
    /// Why not always the kernel's walk: it reads the next frame wherever the chain points,
    /// and every chain ends by pointing at 0 (`_start` clears rbp) or at garbage (a caller
    /// without frame pointers uses rbp for data). That last read faults; the fault and its
    /// fixup cost more than the whole walk of a short stack (≈ 500 ns of ≈ 800 here,
    /// docs/PERFORMANCE.md). Here a frame is read only where one can be: a non-zero,
    /// 8-byte-aligned user address above the frame before. A chain that turns down the stack
    /// is garbage and ends there (the kernel's walk would follow it into `[unknown]` frames).
    /// Frames are read from a window of up to [`WINDOW`] bytes copied by one helper call, a
    /// new window when a frame lies past the last one (`win`, a scratch buffer of its own).
    /// Up to 127 frames (the kernel's depth, which the runtime reads as cut); the frames are
    /// followed by a zero unless they fill the buffer. Hashes them into `h` as it goes (FNV-1a,
    /// as the hash of the kernel's walk), so nothing after the walk depends on where it ended:
    /// the verifier prunes its many ways out as one.
    pub(super) fn walk_frame_pointers(
        &mut self,
        buf: VReg,
        win: VReg,
        h: VReg,
        kernel: Label,
        none: Label,
    ) {
        let end = self.b.label();
        let task = self.b.call(helper(Helper::GetCurrentTaskBtf), vec![]);
        let regs = self.b.call(helper(Helper::TaskPtRegs), vec![task]);
        // struct pt_regs on x86-64: bp at 32, ip at 128, cs at 136, sp at 152. A kernel
        // thread's user registers are zeros: no user stack, as the kernel's walk says.
        let cs = self.b.load(Width::B8, Base::Reg(regs), 136);
        self.jump_if(Cond::Eq, cs, Operand::Imm(0), none);
        self.jump_if(Cond::Ne, cs, Operand::Imm(USER_CS), kernel);
        let ip = self.b.load(Width::B8, Base::Reg(regs), 128);
        let sp = self.b.load(Width::B8, Base::Reg(regs), 152);
        let bp = self.b.load(Width::B8, Base::Reg(regs), 32);
        self.b.store(Width::B8, Base::Reg(buf), 0, Operand::Reg(ip));
        self.b.alu(AluOp::Xor, h, Operand::Reg(ip));
        let p = self.b.constant(FNV_PRIME);
        self.b.alu(AluOp::Mul, h, Operand::Reg(p));
        let out = self.b.copy(buf);
        self.b.alu(AluOp::Add, out, Operand::Imm(8));
        // The window: user memory from `wb` up to `wlast` + 16 copied into `win` by one read,
        // so a walk through frames close together (most are) pays one helper call for several
        // of them. Empty at first: no `bp` that passes the checks is ≤ 0.
        let wb = self.b.constant(0);
        let wlast = self.b.constant(0);
        let i = self.b.constant(1);
        let head = self.b.label();
        self.b.push(Inst::Label(head));
        // Terminated at every step: a stop leaves the zero where the next frame would be.
        self.b.store(Width::B8, Base::Reg(out), 0, Operand::Imm(0));
        self.jump_if(Cond::Set, bp, Operand::Imm(7), end);
        self.jump_if(Cond::Lt, bp, Operand::Reg(sp), end);
        let top = self.b.constant(USER_TOP - 16);
        self.jump_if(Cond::Gt, bp, Operand::Reg(top), end);
        // Frames only go up the stack (checked above), so a frame at or below `wlast` is in the
        // window.
        let have = self.b.label();
        self.jump_if(Cond::Le, bp, Operand::Reg(wlast), have);
        // A new window from bp: WINDOW bytes, but never past bp's page (the stack may end
        // there, and a read across a mapping's end fails whole, after a fault), and at least
        // the frame's 16 bytes. The size goes through the buffer and back so the verifier
        // does not tie it to bp: the size a helper reads must be "precise", and a precise
        // bp would make every iteration's state new to it (they exploded).
        self.b
            .store(Width::B8, Base::Reg(win), WINDOW_SPILL, Operand::Reg(bp));
        let size = self.b.load(Width::B8, Base::Reg(win), WINDOW_SPILL);
        self.b.alu(AluOp::And, size, Operand::Imm(4095));
        self.b.alu(AluOp::Neg, size, Operand::Imm(0));
        self.b.alu(AluOp::Add, size, Operand::Imm(4096));
        let small = self.b.label();
        self.jump_if(Cond::Le, size, Operand::Imm(WINDOW as i32), small);
        self.set(size, u64::from(WINDOW));
        self.b.push(Inst::Label(small));
        let big = self.b.label();
        self.jump_if(Cond::Ge, size, Operand::Imm(16), big);
        self.set(size, 16);
        self.b.push(Inst::Label(big));
        let rc = self
            .b
            .call(helper(Helper::ProbeReadUser), vec![win, size, bp]);
        self.jump_if(Cond::Ne, rc, Operand::Imm(0), end);
        self.b.push(Inst::Mov { dst: wb, src: bp });
        self.b.push(Inst::Mov {
            dst: wlast,
            src: bp,
        });
        self.b.alu(AluOp::Add, wlast, Operand::Reg(size));
        self.b.alu(AluOp::Sub, wlast, Operand::Imm(16));
        self.b.push(Inst::Label(have));
        // The frame's place in the window, through the buffer for the same reason; the mask
        // is what bounds it for the verifier (it is at most WINDOW − 16 already).
        let off = self.b.copy(bp);
        self.b.alu(AluOp::Sub, off, Operand::Reg(wb));
        self.b
            .store(Width::B8, Base::Reg(win), WINDOW_SPILL, Operand::Reg(off));
        let off = self.b.load(Width::B8, Base::Reg(win), WINDOW_SPILL);
        self.b
            .alu(AluOp::And, off, Operand::Imm((WINDOW - 8) as i32));
        let frame = self.b.copy(win);
        self.b.alu(AluOp::Add, frame, Operand::Reg(off));
        let ra = self.b.load(Width::B8, Base::Reg(frame), 8);
        self.jump_if(Cond::Eq, ra, Operand::Imm(0), end);
        let next = self.b.load(Width::B8, Base::Reg(frame), 0);
        self.b.store(Width::B8, Base::Reg(out), 0, Operand::Reg(ra));
        self.b.alu(AluOp::Xor, h, Operand::Reg(ra));
        let p = self.b.constant(FNV_PRIME);
        self.b.alu(AluOp::Mul, h, Operand::Reg(p));
        self.b.alu(AluOp::Add, out, Operand::Imm(8));
        // The next frame must lie above this one's saved rbp and return address.
        self.b.push(Inst::Mov { dst: sp, src: bp });
        self.b.alu(AluOp::Add, sp, Operand::Imm(16));
        self.b.push(Inst::Mov { dst: bp, src: next });
        self.b.alu(AluOp::Add, i, Operand::Imm(1));
        self.jump_if(
            Cond::Lt,
            i,
            Operand::Imm((super::STACK_BYTES / 8) as i32),
            head,
        );
        self.b.push(Inst::Label(end));
    }

    /// Asks the runtime for the tables of the process in `tslot` (its key and value).
    fn want(&mut self, wanted: MapId, tslot: crate::ir::Slot) {
        let m = self.b.map_ptr(wanted);
        let k = self.b.slot_addr(tslot, 0);
        let v = self.b.slot_addr(tslot, 0);
        let f = self.b.constant(1); // BPF_NOEXIST
        self.b.push(Inst::Call {
            helper: helper(Helper::MapUpdateElem),
            args: vec![m, k, v, f],
            dst: None,
        });
    }

    /// The entry of array `map` among `[first, first + n)` (n ≥ 1) whose leading field (`width`,
    /// sorted ascending) is the last `<= x`, or the first entry when none is: a branch-free
    /// binary search of `steps` halvings (2^steps entries at most), each a select by
    /// arithmetic. No early way out: a branch per step made the verifier explore each step's
    /// exit through the rest of the walk. Jumps to `fail` if an index is outside the map (a wrong table).
    #[allow(
        clippy::too_many_arguments,
        reason = "a search is its map, key slot, range, target, steps, width and way out"
    )]
    fn search(
        &mut self,
        map: MapId,
        key: crate::ir::Slot,
        first: VReg,
        n: VReg,
        x: VReg,
        steps: u32,
        width: Width,
        fail: Label,
    ) -> VReg {
        let base = self.search_index(map, key, first, n, x, steps, width, fail);
        self.lookup_or(map, key, base, fail)
    }

    /// [`search`](Self::search)'s index.
    #[allow(
        clippy::too_many_arguments,
        reason = "a search is its map, key slot, range, target, steps, width and way out"
    )]
    fn search_index(
        &mut self,
        map: MapId,
        key: crate::ir::Slot,
        first: VReg,
        n: VReg,
        x: VReg,
        steps: u32,
        width: Width,
        fail: Label,
    ) -> VReg {
        let base = self.b.copy(first);
        let n = self.b.copy(n);
        for _ in 0..steps {
            let half = self.b.copy(n);
            self.b.alu(AluOp::Rsh, half, Operand::Imm(1));
            let probe = self.b.copy(base);
            self.b.alu(AluOp::Add, probe, Operand::Reg(half));
            let e = self.lookup_or(map, key, probe, fail);
            let v = self.b.load(width, Base::Reg(e), 0);
            // 1 when v <= x: both are below 2^63 (user addresses, file offsets), so x - v is
            // negative exactly when v > x.
            let c = self.b.copy(x);
            self.b.alu(AluOp::Sub, c, Operand::Reg(v));
            self.b.alu(AluOp::Rsh, c, Operand::Imm(63));
            self.b.alu(AluOp::Xor, c, Operand::Imm(1));
            self.b.alu(AluOp::Mul, c, Operand::Reg(half));
            self.b.alu(AluOp::Add, base, Operand::Reg(c));
            self.b.alu(AluOp::Sub, n, Operand::Reg(half));
        }
        base
    }

    /// `map[index]`; jumps to `fail` when there is no such entry. The branch is taken on
    /// success, so the verifier explores the short way out first.
    fn lookup_or(&mut self, map: MapId, key: crate::ir::Slot, index: VReg, fail: Label) -> VReg {
        self.b
            .store(Width::B4, Base::Slot(key), 0, Operand::Reg(index));
        let m = self.b.map_ptr(map);
        let k = self.b.slot_addr(key, 0);
        let e = self.b.call(helper(Helper::MapLookupElem), vec![m, k]);
        let found = self.b.label();
        self.jump_if(Cond::Ne, e, Operand::Imm(0), found);
        self.b.push(Inst::Jump { target: fail });
        self.b.push(Inst::Label(found));
        e
    }

    /// The user word at `at`, for the walk from tables: from the window (the buffer whose
    /// address is in `wslot`) when it holds it; else, when `refill`, from a new window read
    /// from 64 bytes below `at` (a frame's saved registers lie below its return address) but
    /// not below `sp`, up to [`TABLE_WINDOW`] bytes and never past `at`'s page (a stack can
    /// end there); else read alone into `word`. Jumps to `fail` when the word cannot be read.
    /// Few branches, each value computed without them where it can be, and the window's
    /// bounds, offset and size through memory: the verifier explores this in every iteration,
    /// and must not track `at` and `sp` precisely (as in `walk_frame_pointers`).
    fn read_word(
        &mut self,
        wslot: crate::ir::Slot,
        word: crate::ir::Slot,
        at: VReg,
        sp: VReg,
        refill: bool,
        fail: Label,
    ) -> VReg {
        let dst = self.b.reg();
        let have = self.b.label();
        let alone = self.b.label();
        let done = self.b.label();
        let win = self.b.load(Width::B8, Base::Slot(wslot), 0);
        let first = self.b.load(Width::B8, Base::Reg(win), WINDOW_START);
        let span = self.b.load(Width::B8, Base::Reg(win), WINDOW_SPAN);
        // In the window when at − first ≤ span (unsigned: below it is far above).
        let off = self.b.copy(at);
        self.b.alu(AluOp::Sub, off, Operand::Reg(first));
        self.jump_if(Cond::Le, off, Operand::Reg(span), have);
        if refill {
            // start = max(at − 64, sp), without a branch.
            let start = self.b.copy(at);
            self.b.alu(AluOp::Sub, start, Operand::Imm(64));
            let d = self.b.copy(start);
            self.b.alu(AluOp::Sub, d, Operand::Reg(sp));
            let m = self.b.copy(d);
            self.b.alu(AluOp::Arsh, m, Operand::Imm(63));
            self.b.alu(AluOp::And, d, Operand::Reg(m));
            self.b.alu(AluOp::Sub, start, Operand::Reg(d));
            // size = min((at | 4095) + 1 − start, TABLE_WINDOW), without a branch.
            let size = self.b.copy(at);
            self.b.alu(AluOp::Or, size, Operand::Imm(4095));
            self.b.alu(AluOp::Add, size, Operand::Imm(1));
            self.b.alu(AluOp::Sub, size, Operand::Reg(start));
            self.b.alu(AluOp::Sub, size, Operand::Imm(TABLE_WINDOW));
            let m = self.b.copy(size);
            self.b.alu(AluOp::Arsh, m, Operand::Imm(63));
            self.b.alu(AluOp::And, size, Operand::Reg(m));
            self.b.alu(AluOp::Add, size, Operand::Imm(TABLE_WINDOW));
            self.b
                .store(Width::B8, Base::Reg(win), WINDOW_SPILL, Operand::Reg(size));
            let n = self.b.load(Width::B8, Base::Reg(win), WINDOW_SPILL);
            self.b.alu(AluOp::And, n, Operand::Imm(511));
            let rc = self
                .b
                .call(helper(Helper::ProbeReadUser), vec![win, n, start]);
            self.jump_if(Cond::Ne, rc, Operand::Imm(0), alone);
            // span = size − 8; a window of under 8 bytes (a word across its page's end) holds
            // no word: it starts at the last address, so every offset into it is too large.
            self.b.alu(AluOp::Sub, size, Operand::Imm(8));
            let empty = self.b.copy(size);
            self.b.alu(AluOp::Arsh, empty, Operand::Imm(63));
            self.b.alu(AluOp::Or, start, Operand::Reg(empty));
            self.b.alu(AluOp::Xor, empty, Operand::Imm(-1));
            self.b.alu(AluOp::And, size, Operand::Reg(empty));
            let win = self.b.load(Width::B8, Base::Slot(wslot), 0);
            self.b
                .store(Width::B8, Base::Reg(win), WINDOW_START, Operand::Reg(start));
            self.b
                .store(Width::B8, Base::Reg(win), WINDOW_SPAN, Operand::Reg(size));
            self.b.push(Inst::Mov { dst: off, src: at });
            self.b.alu(AluOp::Sub, off, Operand::Reg(start));
            self.jump_if(Cond::Le, off, Operand::Reg(size), have);
        }
        self.b.push(Inst::Jump { target: alone });
        self.b.push(Inst::Label(have));
        let win = self.b.load(Width::B8, Base::Slot(wslot), 0);
        self.b
            .store(Width::B8, Base::Reg(win), WINDOW_SPILL, Operand::Reg(off));
        let off = self.b.load(Width::B8, Base::Reg(win), WINDOW_SPILL);
        self.b.alu(AluOp::And, off, Operand::Imm(511));
        let p = self.b.copy(win);
        self.b.alu(AluOp::Add, p, Operand::Reg(off));
        let v = self.b.load(Width::B8, Base::Reg(p), 0);
        self.b.push(Inst::Mov { dst, src: v });
        self.b.push(Inst::Jump { target: done });
        self.b.push(Inst::Label(alone));
        self.read_user(word, at, fail);
        let v = self.b.load(Width::B8, Base::Slot(word), 0);
        self.b.push(Inst::Mov { dst, src: v });
        self.b.push(Inst::Label(done));
        dst
    }

    /// `bpf_probe_read_user(slot, 8, at)`; jumps to `fail` when the word cannot be read.
    fn read_user(&mut self, slot: crate::ir::Slot, at: VReg, fail: Label) {
        let dst = self.b.slot_addr(slot, 0);
        let n = self.b.constant(8);
        let rc = self.b.call(helper(Helper::ProbeReadUser), vec![dst, n, at]);
        let ok = self.b.label();
        self.jump_if(Cond::Eq, rc, Operand::Imm(0), ok);
        self.b.push(Inst::Jump { target: fail });
        self.b.push(Inst::Label(ok));
    }

    fn jump_if(&mut self, cond: Cond, lhs: VReg, rhs: Operand, target: Label) {
        self.b.push(Inst::JumpIf {
            cond,
            lhs,
            rhs,
            target,
        });
    }

    fn set(&mut self, dst: VReg, value: u64) {
        self.b.push(Inst::Const { dst, value });
    }
}

fn helper(h: Helper) -> u32 {
    super::helper(h)
}
