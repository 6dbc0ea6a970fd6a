//! The JIT: a program's BPF instructions compiled to native code with cranelift, with the
//! interpreter's semantics exactly (`interp` is the reference; `tests/jit.rs` compares the two
//! on every golden program, and with the kernel on two).
//!
//! The shape of the code:
//! - one cranelift function per program; BPF registers are cranelift variables, every jump
//!   target and fall-through after a branch starts a block, so straight-line BPF is straight-line
//!   native code;
//! - pointers keep the interpreter's (region, offset) encoding. The code reads each region's
//!   bytes from a table (`Fast`: native address, readable and writable lengths; one entry per
//!   region: the context read-only, the stack frames, every map value looked up so far) and does
//!   a load or store inline when its end is within the entry's length; `r10`-relative accesses
//!   with a constant offset are checked when compiling. Anything else (a map pointer, a forged
//!   or out-of-bounds address, a write to the context) calls the interpreter's own `Memory`
//!   through an `extern "C"` shim, which gives the same value or the same error. The table and
//!   the stack pointer are derived afresh after every shim (`refresh`);
//! - helpers, atomics and errors are shims too: they run the interpreter's code over the same
//!   `Memory`, so maps and helper answers cannot differ between the engines;
//! - bpf-to-bpf calls are jumps with a return stack (saved r6–r10 and the return site) in a
//!   native stack slot, and `exit` in a callee returns through a jump table of the call sites:
//!   the interpreter's flat model, so a program that jumps between subprograms still agrees.
//!
//! A compiled program keeps its last run's `Memory` allocations and region table for the next
//! run (reset to what a fresh one holds), so an event allocates nothing of its own.
//!
//! One deliberate difference: the interpreter's bound on instructions per event is counted per
//! block (when a program has backward jumps or calls, or is longer than the bound; otherwise it
//! cannot run that long), so a program that runs past it stops with the same `TooLong` at the
//! start of the block that crosses it rather than inside it.

use std::cell::Cell;
use std::mem::offset_of;
use std::panic::{AssertUnwindSafe, catch_unwind};

use compiler::bpf::Insn;
use compiler::bpf::insn::*;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::{I8, I16, I32, I64};
use cranelift_codegen::ir::{
    AbiParam, Block, BlockArg, InstBuilder, JumpTableData, MemFlagsData, SigRef, StackSlot,
    StackSlotData, StackSlotKind, Type, Value,
};
use cranelift_codegen::isa::TargetFrontendConfig;
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{Linkage, Module, default_libcall_names};

use super::interp::{self, Buffers, MAX_FRAMES, MAX_STEPS, Memory, Region, STACK_BYTES};
use super::{Event, Maps, Program, VmError};

/// What the compiled code and the shims share during one run. The code reads the first four
/// fields at their offsets; the shims own the rest.
#[repr(C)]
struct Ctx<'a, 'e> {
    /// `mem.stacks`' bytes: `MAX_FRAMES` frames of `STACK_BYTES`.
    stack_base: *mut u8,
    /// `table`'s entries, one per region of `mem`, by region index.
    fast: *const Fast,
    fast_len: u64,
    /// Non-zero once a shim has stored an error in `error`; the code then returns at once.
    failed: u64,
    table: Vec<Fast>,
    mem: Memory<'a>,
    event: &'a Event<'e>,
    error: Option<VmError>,
}

/// Where a region's bytes are, for the code's inline accesses: `[ptr, ptr + read_len)` may be
/// read and `[ptr, ptr + write_len)` written (0: go through the shims, which give the
/// interpreter's answer or error).
#[repr(C)]
#[derive(Clone, Copy)]
struct Fast {
    ptr: *mut u8,
    read_len: u64,
    write_len: u64,
}

impl Fast {
    const NONE: Fast = Fast {
        ptr: std::ptr::null_mut(),
        read_len: 0,
        write_len: 0,
    };
}

const OFF_STACK: i32 = offset_of!(Ctx<'static, 'static>, stack_base) as i32;
const OFF_FAST: i32 = offset_of!(Ctx<'static, 'static>, fast) as i32;
const OFF_FAST_LEN: i32 = offset_of!(Ctx<'static, 'static>, fast_len) as i32;
const OFF_FAILED: i32 = offset_of!(Ctx<'static, 'static>, failed) as i32;
const FAST_BYTES: i64 = size_of::<Fast>() as i64;
const OFF_FAST_PTR: i32 = offset_of!(Fast, ptr) as i32;
const OFF_FAST_READ: i32 = offset_of!(Fast, read_len) as i32;
const OFF_FAST_WRITE: i32 = offset_of!(Fast, write_len) as i32;

/// Derives every pointer the code uses afresh: the stacks, and each region's bytes. Called
/// before the code starts and after every shim, so the code never uses a pointer derived
/// before a Rust access to the same memory (a map value's buffer and the stacks never move
/// during a run: slots are only added, each with a value buffer of fixed size, so the
/// pointers stay valid; deriving them again keeps them valid under Rust's aliasing rules too).
fn refresh(cx: &mut Ctx) {
    let Ctx { mem, table, .. } = cx;
    let stacks: *mut u8 = mem.stacks.as_mut_ptr().cast();
    table.resize(mem.regions.len(), Fast::NONE);
    for (entry, region) in table.iter_mut().zip(&mem.regions) {
        *entry = match *region {
            Region::Ctx => Fast {
                // Read only: `write_len` 0.
                ptr: mem.ctx.as_ptr().cast_mut(),
                read_len: mem.ctx.len() as u64,
                write_len: 0,
            },
            Region::Stack(frame) if frame < MAX_FRAMES => Fast {
                ptr: stacks.wrapping_add(frame * STACK_BYTES),
                read_len: STACK_BYTES as u64,
                write_len: STACK_BYTES as u64,
            },
            Region::Value { map, slot, copy } => {
                let it = mem.maps.maps.get_mut(map);
                let size = it.as_ref().map_or(0, |m| m.spec.value_size as usize);
                match it.and_then(|m| m.slots.get_mut(slot)) {
                    Some(slot) if (copy + 1) * size <= slot.values.len() => Fast {
                        ptr: slot.values.as_mut_ptr().wrapping_add(copy * size),
                        read_len: size as u64,
                        write_len: size as u64,
                    },
                    _ => Fast::NONE,
                }
            }
            Region::Stack(_) | Region::Map(_) => Fast::NONE,
        };
    }
    cx.stack_base = stacks;
    cx.fast = cx.table.as_ptr();
    cx.fast_len = cx.table.len() as u64;
}

/// Bytes per saved call frame in the return stack: r6–r10 and the return site.
const FRAME_SAVE: i64 = 6 * 8;

/// A compiled program. The native code lives as long as this value.
pub struct JitProgram {
    name: String,
    module: Option<JITModule>,
    entry: unsafe extern "C" fn(*mut u8) -> u64,
    /// The last run's allocations (its `Memory`'s and the region table), reused by the next:
    /// taken out for the run, so a run never shares them.
    scratch: Cell<Option<(Buffers, Vec<Fast>)>>,
}

impl std::fmt::Debug for JitProgram {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JitProgram")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl Drop for JitProgram {
    fn drop(&mut self) {
        if let Some(module) = self.module.take() {
            // SAFETY: `entry` points into this module's memory and is only called by `run`,
            // which borrows `self`; dropping needs `&mut self`, so no call is running and none
            // can follow.
            unsafe { module.free_memory() };
        }
    }
}

impl JitProgram {
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Runs the program once over `ctx` for `event`, updating `maps`; returns r0. The same
    /// answer, map contents and error as [`interp::run`].
    pub fn run(&self, maps: &mut Maps, ctx: &[u8], event: &Event) -> Result<u64, VmError> {
        let (buffers, table) = self.scratch.take().unwrap_or_default();
        let mem = Memory::with_buffers(ctx, maps, buffers);
        let mut cx = Ctx {
            stack_base: std::ptr::null_mut(),
            fast: std::ptr::null(),
            fast_len: 0,
            failed: 0,
            table,
            mem,
            event,
            error: None,
        };
        refresh(&mut cx);
        let ptr: *mut Ctx = &raw mut cx;
        // SAFETY: `entry` was compiled by `compile` with the host's C calling convention and the
        // signature `(i64) -> i64`, and its module is alive (owned by `self`). The code touches
        // memory only (1) at the fixed offsets of the four `repr(C)` fields above, through
        // `ptr`, which points at `cx`, alive and otherwise unborrowed for the whole call;
        // (2) entry `i < fast_len` of the table at `fast`, and then `[ptr, ptr + read_len)`
        // (loads) or `[ptr, ptr + write_len)` (stores) of that entry, after checking the
        // access's end against that length: `refresh` made every entry from a live buffer of
        // at least that many bytes; (3) `stack_base + [0, STACK_BYTES)` for `r10`-relative
        // accesses whose constant offset was checked when compiling; (4) its own stack slot.
        // Every other access goes through a shim, which checks it as the interpreter does.
        let r0 = unsafe { (self.entry)(ptr.cast()) };
        let Ctx {
            mem, table, error, ..
        } = cx;
        self.scratch.set(Some((mem.into_buffers(), table)));
        match error {
            Some(e) => Err(e),
            None => Ok(r0),
        }
    }
}

/// Runs `f` over the context behind `cx` and turns its error into `failed` and `error`.
fn shim(cx: *mut u8, f: impl FnOnce(&mut Ctx) -> Result<u64, VmError>) -> u64 {
    // SAFETY: `cx` is the pointer `JitProgram::run` passed to the code, which passes it on
    // unchanged: it points at that run's live `Ctx`, and no reference to it exists while the
    // code runs, so this one is unique until the shim returns.
    let cx = unsafe { &mut *cx.cast::<Ctx>() };
    // A panic must not unwind into native code; none is expected (the interpreter's code does
    // not panic on any input), so this is a safety net that turns one into an error.
    let res = catch_unwind(AssertUnwindSafe(|| f(&mut *cx))).unwrap_or_else(|_| {
        Err(VmError::Load {
            program: "jit".into(),
            reason: "internal error in a helper".into(),
        })
    });
    refresh(cx);
    match res {
        Ok(v) => v,
        Err(e) => {
            cx.failed = 1;
            cx.error = Some(e);
            0
        }
    }
}

fn size_of_bytes(bytes: u64) -> Size {
    match bytes {
        1 => Size::B,
        2 => Size::H,
        4 => Size::W,
        _ => Size::DW,
    }
}

extern "C" fn shim_load(cx: *mut u8, pc: u64, addr: u64, size: u64) -> u64 {
    shim(cx, |cx| cx.mem.load(pc as usize, addr, size_of_bytes(size)))
}

extern "C" fn shim_store(cx: *mut u8, pc: u64, addr: u64, size: u64, value: u64) -> u64 {
    shim(cx, |cx| {
        cx.mem
            .store(pc as usize, addr, size_of_bytes(size), value)
            .map(|()| 0)
    })
}

#[allow(
    clippy::too_many_arguments,
    reason = "the BPF calling convention: r1–r5"
)]
extern "C" fn shim_helper(
    cx: *mut u8,
    pc: u64,
    id: u64,
    r1: u64,
    r2: u64,
    r3: u64,
    r4: u64,
    r5: u64,
) -> u64 {
    shim(cx, |cx| {
        let regs = [0, r1, r2, r3, r4, r5, 0, 0, 0, 0, 0];
        interp::call_helper(pc as usize, id as i32, &regs, &mut cx.mem, cx.event)
    })
}

/// An atomic operation; returns the register it fetches into (its new value), if any.
#[allow(clippy::too_many_arguments, reason = "the operation's operands")]
extern "C" fn shim_atomic(
    cx: *mut u8,
    pc: u64,
    imm: u64,
    size: u64,
    addr: u64,
    src: u64,
    src_value: u64,
    r0: u64,
) -> u64 {
    shim(cx, |cx| {
        let op = AtomicOp::from_imm(imm as i32).ok_or(VmError::BadInsn {
            pc: pc as usize,
            code: 0,
        })?;
        let src = (src as usize).min(10);
        let mut regs = [0u64; 11];
        regs[0] = r0;
        regs[src] = src_value;
        let size = size_of_bytes(size);
        interp::atomic(pc as usize, &mut cx.mem, &mut regs, op, addr, size, src)?;
        Ok(match op {
            AtomicOp::CmpXchg => regs[0],
            _ => regs[src],
        })
    })
}

/// A bpf-to-bpf call enters `frame`: its stack starts zeroed, as the interpreter's does.
extern "C" fn shim_enter(cx: *mut u8, frame: u64) -> u64 {
    shim(cx, |cx| {
        if let Some(stack) = cx.mem.stacks.get_mut(frame as usize) {
            *stack = [0; STACK_BYTES];
        }
        Ok(0)
    })
}

const RAISE_BAD_INSN: u64 = 0;
const RAISE_BAD_JUMP: u64 = 1;
const RAISE_READ_ONLY_R10: u64 = 2;
const RAISE_CALL_DEPTH: u64 = 3;
const RAISE_TOO_LONG: u64 = 4;

/// An error the code found itself (the interpreter's checks that need no memory).
extern "C" fn shim_raise(cx: *mut u8, kind: u64, pc: u64, code: u64) -> u64 {
    shim(cx, |_| {
        let pc = pc as usize;
        Err(match kind {
            RAISE_BAD_JUMP => VmError::BadJump { pc },
            RAISE_READ_ONLY_R10 => VmError::ReadOnly { pc, what: "r10" },
            RAISE_CALL_DEPTH => VmError::CallDepth {
                pc,
                max: MAX_FRAMES,
            },
            RAISE_TOO_LONG => VmError::TooLong { max: MAX_STEPS },
            _ => VmError::BadInsn {
                pc,
                code: code as u8,
            },
        })
    })
}

/// Compiles `prog`. Fails only if cranelift does (an unsupported host): instructions the
/// interpreter refuses compile to code that stops with the interpreter's error when reached.
pub fn compile(prog: &Program) -> Result<JitProgram, VmError> {
    let fail = |reason: String| VmError::Load {
        program: prog.name.clone(),
        reason: format!("JIT: {reason}"),
    };
    let mut flags = settings::builder();
    for (name, value) in [
        ("opt_level", "speed"),
        ("use_colocated_libcalls", "false"),
        ("is_pic", "false"),
    ] {
        flags.set(name, value).map_err(|e| fail(e.to_string()))?;
    }
    let isa = cranelift_native::builder()
        .map_err(|e| fail(e.to_string()))?
        .finish(settings::Flags::new(flags))
        .map_err(|e| fail(e.to_string()))?;
    let mut module = JITModule::new(JITBuilder::with_isa(isa, default_libcall_names()));
    let mut sig = module.make_signature();
    sig.params.push(AbiParam::new(I64));
    sig.returns.push(AbiParam::new(I64));
    let id = module
        .declare_function("bpf_program", Linkage::Local, &sig)
        .map_err(|e| fail(e.to_string()))?;
    let mut cctx = module.make_context();
    cctx.func.signature = sig;
    let mut fctx = FunctionBuilderContext::new();
    let shim_sig = |n: usize| {
        let mut sig = module.make_signature();
        sig.params.extend((0..n).map(|_| AbiParam::new(I64)));
        sig.returns.push(AbiParam::new(I64));
        sig
    };
    let sigs = [
        shim_sig(4),
        shim_sig(5),
        shim_sig(8),
        shim_sig(8),
        shim_sig(2),
        shim_sig(4),
    ];
    {
        let mut b = FunctionBuilder::new(&mut cctx.func, &mut fctx);
        let sigs = sigs.map(|s| b.import_signature(s));
        Translator::new(b, prog, sigs, module.target_config()).translate();
    }
    module
        .define_function(id, &mut cctx)
        .map_err(|e| fail(format!("{e:?}")))?;
    module.clear_context(&mut cctx);
    module
        .finalize_definitions()
        .map_err(|e| fail(e.to_string()))?;
    let code = module.get_finalized_function(id);
    // SAFETY: `code` is the finalized (executable) code of the function just defined with the
    // signature `(i64) -> i64` in the host's default calling convention, which is the C one.
    let entry =
        unsafe { std::mem::transmute::<*const u8, unsafe extern "C" fn(*mut u8) -> u64>(code) };
    Ok(JitProgram {
        name: prog.name.clone(),
        module: Some(module),
        entry,
        scratch: Cell::new(None),
    })
}

/// How an instruction continues when it does not branch.
fn flow(insns: &[Insn], pc: usize) -> Option<usize> {
    let insn = insns[pc];
    match insn.class() {
        BPF_JMP | BPF_JMP32 => match insn.code & 0xf0 {
            BPF_JA | BPF_EXIT => None,
            BPF_CALL if insn.class() == BPF_JMP && insn.src == 0 => Some(pc + 1),
            // A pseudo-call continues at its target; its return site is a block of its own.
            BPF_CALL => None,
            // Conditional jumps end their block: both ways are blocks.
            _ => None,
        },
        BPF_LD if insn.is_ld_imm64() => Some(pc + 2),
        _ => Some(pc + 1),
    }
}

/// The instruction `off` after `pc + 1`, if it is inside the program (as `interp::target`).
fn target(pc: usize, off: i64, len: usize) -> Option<usize> {
    let res = pc as i64 + 1 + off;
    (res >= 0 && (res as usize) < len).then_some(res as usize)
}

/// Where a jump-class instruction may go, besides falling through.
fn jump_target(insns: &[Insn], pc: usize) -> Option<usize> {
    let insn = insns[pc];
    if !matches!(insn.class(), BPF_JMP | BPF_JMP32) {
        return None;
    }
    let off = match insn.code & 0xf0 {
        BPF_JA if insn.class() == BPF_JMP32 => insn.imm as i64,
        BPF_EXIT => return None,
        BPF_CALL if insn.src == BPF_PSEUDO_CALL => insn.imm as i64,
        BPF_CALL => return None,
        _ => insn.off as i64,
    };
    target(pc, off, insns.len())
}

fn is_pseudo_call(insn: &Insn) -> bool {
    insn.class() == BPF_JMP && insn.code & 0xf0 == BPF_CALL && insn.src == BPF_PSEUDO_CALL
}

struct Translator<'a, 'b> {
    b: FunctionBuilder<'b>,
    insns: &'a [Insn],
    prog: &'a Program,
    cx: Value,
    regs: [Variable; 11],
    steps: Variable,
    depth: Variable,
    /// The block of each instruction that starts one; `len` is the "fell off the end" block.
    blocks: Vec<Option<Block>>,
    /// Instructions each block runs if it runs to its end (the step count).
    block_len: Vec<u64>,
    err_exit: Block,
    /// The return stack (only with bpf-to-bpf calls).
    frames: Option<StackSlot>,
    /// Call instruction → its index in the return jump table.
    call_sites: Vec<usize>,
    count_steps: bool,
    /// `r10` is always frame 0's pointer (no calls, no atomic fetching into it).
    static_fp: bool,
    /// load, store, helper, atomic, enter, raise.
    sigs: [SigRef; 6],
    frontend: TargetFrontendConfig,
}

const SIG_LOAD: usize = 0;
const SIG_STORE: usize = 1;
const SIG_HELPER: usize = 2;
const SIG_ATOMIC: usize = 3;
const SIG_ENTER: usize = 4;
const SIG_RAISE: usize = 5;

fn trusted() -> MemFlagsData {
    MemFlagsData::trusted()
}

/// Accesses to the BPF stack and context: in bounds (checked), not necessarily aligned.
fn data_flags() -> MemFlagsData {
    MemFlagsData::new().with_notrap()
}

impl<'a, 'b> Translator<'a, 'b> {
    fn new(
        mut b: FunctionBuilder<'b>,
        prog: &'a Program,
        sigs: [SigRef; 6],
        frontend: TargetFrontendConfig,
    ) -> Self {
        let insns = prog.insns.as_slice();
        let len = insns.len();
        // Leaders: the entry, jump targets, fall-throughs after branches and calls.
        let mut leader = vec![false; len + 1];
        leader[0] = true;
        leader[len] = true;
        let mut has_calls = false;
        let mut backward = false;
        let mut fp_written = false;
        for pc in 0..len {
            let insn = insns[pc];
            if let Some(t) = jump_target(insns, pc) {
                leader[t] = true;
                backward |= t <= pc;
            }
            if matches!(insn.class(), BPF_JMP | BPF_JMP32) {
                leader[pc + 1] = true;
            }
            has_calls |= is_pseudo_call(&insn);
            // An atomic fetch writes its source register (cmpxchg writes r0).
            fp_written |=
                insn.class() == BPF_STX && insn.code & 0xe0 == BPF_ATOMIC && insn.src == 10;
        }
        // An `ld_imm64` continues two instructions on: if a jump lands on its second half,
        // the instruction after that must start a block too, for the first half to jump to.
        loop {
            let mut changed = false;
            for pc in 0..len.saturating_sub(1) {
                if insns[pc].is_ld_imm64() && leader[pc + 1] && pc + 2 <= len && !leader[pc + 2] {
                    leader[pc + 2] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let mut block_len = vec![0u64; len + 1];
        for pc in (0..len).filter(|&pc| leader[pc]) {
            let (mut p, mut n) = (pc, 0u64);
            loop {
                n += 1;
                match flow(insns, p) {
                    Some(next) if next < len && !leader[next] => p = next,
                    _ => break,
                }
            }
            block_len[pc] = n;
        }
        block_len[len] = 1;
        let blocks = leader
            .iter()
            .map(|&l| l.then(|| b.create_block()))
            .collect();
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let cx = b.block_params(entry)[0];
        let regs = std::array::from_fn(|_| b.declare_var(I64));
        let steps = b.declare_var(I64);
        let depth = b.declare_var(I64);
        let err_exit = b.create_block();
        let frames = has_calls.then(|| {
            b.create_sized_stack_slot(StackSlotData::new(
                StackSlotKind::ExplicitSlot,
                (FRAME_SAVE as u32) * MAX_FRAMES as u32,
                3,
            ))
        });
        let call_sites = (0..len).filter(|&pc| is_pseudo_call(&insns[pc])).collect();
        Translator {
            b,
            insns,
            prog,
            cx,
            regs,
            steps,
            depth,
            blocks,
            block_len,
            err_exit,
            frames,
            call_sites,
            // Without loops or calls no instruction runs twice: the bound needs no counting
            // unless the program itself is longer.
            count_steps: has_calls || backward || len as u64 > MAX_STEPS,
            static_fp: !has_calls && !fp_written,
            sigs,
            frontend,
        }
    }

    fn konst(&mut self, ty: Type, v: i64) -> Value {
        let v = match ty {
            I8 => v as u8 as i64,
            I16 => v as u16 as i64,
            I32 => v as u32 as i64,
            _ => v,
        };
        self.b.ins().iconst(ty, v)
    }

    fn reg(&mut self, r: u8) -> Value {
        self.b.use_var(self.regs[r as usize])
    }

    fn set(&mut self, r: u8, v: Value) {
        self.b.def_var(self.regs[r as usize], v);
    }

    fn block(&self, pc: usize) -> Block {
        // Every target and fall-through was made a leader in `new`.
        self.blocks[pc].unwrap_or(self.err_exit)
    }

    fn call(&mut self, sig: usize, f: *const (), args: &[Value]) -> Value {
        let callee = self.b.ins().iconst(I64, f as usize as i64);
        let call = self.b.ins().call_indirect(self.sigs[sig], callee, args);
        self.b.inst_results(call)[0]
    }

    /// After a shim: leave through `err_exit` if it failed.
    fn check_failed(&mut self) {
        let failed = self.b.ins().load(I64, trusted(), self.cx, OFF_FAILED);
        let ok = self.b.create_block();
        self.b.ins().brif(failed, self.err_exit, &[], ok, &[]);
        self.b.switch_to_block(ok);
    }

    /// Stops with an error here; the current block ends.
    fn raise(&mut self, kind: u64, pc: usize, code: u8) {
        let args = [kind, pc as u64, code as u64].map(|v| self.b.ins().iconst(I64, v as i64));
        let cx = self.cx;
        self.call(
            SIG_RAISE,
            shim_raise as *const (),
            &[cx, args[0], args[1], args[2]],
        );
        self.b.ins().jump(self.err_exit, &[]);
    }

    /// Branches to an error when `cond` holds, else continues in a new current block.
    fn raise_if(&mut self, cond: Value, kind: u64, pc: usize, code: u8) {
        let bad = self.b.create_block();
        let ok = self.b.create_block();
        self.b.ins().brif(cond, bad, &[], ok, &[]);
        self.b.switch_to_block(bad);
        self.raise(kind, pc, code);
        self.b.switch_to_block(ok);
    }

    /// Jumps to `pc`'s block, or stops with `BadJump` at `from` if it is outside.
    fn jump_to(&mut self, to: Option<usize>, from: usize) {
        match to {
            Some(t) => {
                let blk = self.block(t);
                self.b.ins().jump(blk, &[]);
            }
            None => self.raise(RAISE_BAD_JUMP, from, 0),
        }
    }

    fn translate(mut self) {
        let len = self.insns.len();
        // Entry: the registers as the interpreter starts them.
        for r in 0..=10u8 {
            let v = match r {
                1 => interp::address(0, 0),
                10 => Memory::frame_pointer(0),
                _ => 0,
            };
            let v = self.b.ins().iconst(I64, v as i64);
            self.set(r, v);
        }
        let zero = self.b.ins().iconst(I64, 0);
        self.b.def_var(self.steps, zero);
        self.b.def_var(self.depth, zero);
        let first = self.block(0);
        self.b.ins().jump(first, &[]);

        let mut open: Option<usize> = None;
        for pc in 0..len {
            if let Some(blk) = self.blocks[pc] {
                if let Some(next) = open {
                    let to = self.block(next);
                    self.b.ins().jump(to, &[]);
                }
                self.b.switch_to_block(blk);
                self.count(pc);
            } else if open != Some(pc) {
                // Unreachable by falling through (after a jump, or an `ld_imm64`'s second half).
                continue;
            }
            open = self.insn(pc);
        }
        // Falling off the end.
        if let Some(next) = open {
            let to = self.block(next);
            self.b.ins().jump(to, &[]);
        }
        if let Some(end) = self.blocks[len] {
            self.b.switch_to_block(end);
            self.count(len);
            self.raise(RAISE_BAD_JUMP, len, 0);
        }
        self.b.switch_to_block(self.err_exit);
        let zero = self.b.ins().iconst(I64, 0);
        self.b.ins().return_(&[zero]);
        self.b.seal_all_blocks();
        self.b.finalize(self.frontend);
    }

    /// The step bound, counted at the start of each block.
    fn count(&mut self, pc: usize) {
        if !self.count_steps {
            return;
        }
        let steps = self.b.use_var(self.steps);
        let steps = self.b.ins().iadd_imm_s(steps, self.block_len[pc] as i64);
        self.b.def_var(self.steps, steps);
        let over = self
            .b
            .ins()
            .icmp_imm_s(IntCC::UnsignedGreaterThan, steps, MAX_STEPS as i64);
        self.raise_if(over, RAISE_TOO_LONG, pc, 0);
    }

    /// Compiles the instruction at `pc` into the current block; returns where it falls
    /// through to, or `None` when the block has ended.
    fn insn(&mut self, pc: usize) -> Option<usize> {
        let insn = self.insns[pc];
        let (dst, src) = (insn.dst, insn.src);
        if dst > 10 || src > 10 && insn.class() != BPF_LD {
            self.raise(RAISE_BAD_INSN, pc, insn.code);
            return None;
        }
        match insn.class() {
            BPF_ALU64 | BPF_ALU => self.alu(pc, insn),
            BPF_JMP | BPF_JMP32 => self.jmp(pc, insn),
            BPF_LD => {
                let hi = self.insns.get(pc + 1).copied();
                let value = match (hi, self.prog.map_refs.get(&pc), insn.src) {
                    _ if insn.code != (BPF_LD | BPF_IMM | BPF_DW) || dst == 10 => None,
                    (None, _, _) => None,
                    (Some(_), Some(&map), _) => Some(Memory::map_address(map)),
                    (Some(hi), None, 0) => {
                        Some((insn.imm as u32 as u64) | ((hi.imm as u32 as u64) << 32))
                    }
                    (Some(_), None, _) => None,
                };
                match value {
                    Some(v) => {
                        let v = self.b.ins().iconst(I64, v as i64);
                        self.set(dst, v);
                        self.after(pc, pc + 2)
                    }
                    None => {
                        self.raise(RAISE_BAD_INSN, pc, insn.code);
                        None
                    }
                }
            }
            BPF_LDX => {
                if insn.code & 0xe0 != BPF_MEM || dst == 10 {
                    self.raise(RAISE_BAD_INSN, pc, insn.code);
                    return None;
                }
                let v = self.load(pc, src, insn.off, Size::from_code(insn.code));
                self.set(dst, v);
                Some(pc + 1)
            }
            BPF_ST => {
                if insn.code & 0xe0 != BPF_MEM {
                    self.raise(RAISE_BAD_INSN, pc, insn.code);
                    return None;
                }
                let v = self.b.ins().iconst(I64, insn.imm as i64);
                self.store(pc, dst, insn.off, Size::from_code(insn.code), v);
                Some(pc + 1)
            }
            BPF_STX => {
                let size = Size::from_code(insn.code);
                match insn.code & 0xe0 {
                    BPF_MEM => {
                        let v = self.reg(src);
                        self.store(pc, dst, insn.off, size, v);
                        Some(pc + 1)
                    }
                    BPF_ATOMIC if matches!(size, Size::W | Size::DW) => {
                        match AtomicOp::from_imm(insn.imm) {
                            Some(op) => {
                                self.atomic(pc, insn, op, size);
                                Some(pc + 1)
                            }
                            None => {
                                self.raise(RAISE_BAD_INSN, pc, insn.code);
                                None
                            }
                        }
                    }
                    _ => {
                        self.raise(RAISE_BAD_INSN, pc, insn.code);
                        None
                    }
                }
            }
            _ => {
                self.raise(RAISE_BAD_INSN, pc, insn.code);
                None
            }
        }
    }

    /// Continues at `next` after `pc`: when the instruction after `pc` starts a block but
    /// `next` is further (an `ld_imm64`), the jump is made here.
    fn after(&mut self, pc: usize, next: usize) -> Option<usize> {
        if next != pc + 1 && self.blocks.get(pc + 1).is_some_and(Option::is_some) {
            let to = self.block(next.min(self.insns.len()));
            self.b.ins().jump(to, &[]);
            return None;
        }
        Some(next)
    }

    fn alu(&mut self, pc: usize, insn: Insn) -> Option<usize> {
        if insn.dst == 10 {
            self.raise(RAISE_READ_ONLY_R10, pc, 0);
            return None;
        }
        let wide = insn.class() == BPF_ALU64;
        let op = insn.code & 0xf0;
        // The interpreter's refusals depend on the opcode and `off` only, never on values.
        let valid = if op == BPF_END {
            interp::byte_swap(0, insn, wide).is_some()
        } else if wide {
            interp::alu64(op, insn.off, 1, 1).is_some()
        } else {
            interp::alu32(op, insn.off, 1, 1).is_some()
        };
        if !valid {
            self.raise(RAISE_BAD_INSN, pc, insn.code);
            return None;
        }
        let dst = self.reg(insn.dst);
        let res = if op == BPF_END {
            self.byte_swap(dst, insn, wide)
        } else {
            let operand = if insn.code & BPF_X != 0 {
                self.reg(insn.src)
            } else {
                self.b.ins().iconst(I64, insn.imm as i64)
            };
            if wide {
                self.arith(I64, op, insn.off, dst, operand)
            } else {
                let d = self.b.ins().ireduce(I32, dst);
                let s = self.b.ins().ireduce(I32, operand);
                let r = self.arith(I32, op, insn.off, d, s);
                self.b.ins().uextend(I64, r)
            }
        };
        self.set(insn.dst, res);
        Some(pc + 1)
    }

    /// One ALU operation on values of type `ty` (the interpreter's `alu64`/`alu32`).
    fn arith(&mut self, ty: Type, op: u8, off: i16, d: Value, s: Value) -> Value {
        let bits = ty.bits() as i64;
        let signed = off == 1;
        match op {
            BPF_ADD => self.b.ins().iadd(d, s),
            BPF_SUB => self.b.ins().isub(d, s),
            BPF_MUL => self.b.ins().imul(d, s),
            BPF_DIV | BPF_MOD => self.divide(ty, op == BPF_DIV, signed, d, s),
            BPF_OR => self.b.ins().bor(d, s),
            BPF_AND => self.b.ins().band(d, s),
            BPF_XOR => self.b.ins().bxor(d, s),
            BPF_LSH | BPF_RSH | BPF_ARSH => {
                let amount = self.b.ins().band_imm_s(s, bits - 1);
                match op {
                    BPF_LSH => self.b.ins().ishl(d, amount),
                    BPF_RSH => self.b.ins().ushr(d, amount),
                    _ => self.b.ins().sshr(d, amount),
                }
            }
            BPF_NEG => self.b.ins().ineg(d),
            // BPF_MOV (validated): `off` is the sign-extension width.
            _ => match off {
                8 | 16 | 32 => {
                    let narrow = match off {
                        8 => I8,
                        16 => I16,
                        _ => I32,
                    };
                    let v = self.b.ins().ireduce(narrow, s);
                    self.b.ins().sextend(ty, v)
                }
                _ => s,
            },
        }
    }

    /// BPF division: by zero gives 0 (div) or the dividend (mod); signed `MIN / -1` wraps.
    fn divide(&mut self, ty: Type, div: bool, signed: bool, d: Value, s: Value) -> Value {
        let zero = self.konst(ty, 0);
        let one = self.konst(ty, 1);
        let is_zero = self.b.ins().icmp(IntCC::Equal, s, zero);
        if !signed {
            let safe = self.b.ins().select(is_zero, one, s);
            return if div {
                let q = self.b.ins().udiv(d, safe);
                self.b.ins().select(is_zero, zero, q)
            } else {
                let r = self.b.ins().urem(d, safe);
                self.b.ins().select(is_zero, d, r)
            };
        }
        let minus_one = self.konst(ty, -1);
        let is_m1 = self.b.ins().icmp(IntCC::Equal, s, minus_one);
        let special = self.b.ins().bor(is_zero, is_m1);
        let safe = self.b.ins().select(special, one, s);
        if div {
            let q = self.b.ins().sdiv(d, safe);
            let neg = self.b.ins().ineg(d);
            let q = self.b.ins().select(is_m1, neg, q);
            self.b.ins().select(is_zero, zero, q)
        } else {
            let r = self.b.ins().srem(d, safe);
            let r = self.b.ins().select(is_m1, zero, r);
            self.b.ins().select(is_zero, d, r)
        }
    }

    fn byte_swap(&mut self, v: Value, insn: Insn, wide: bool) -> Value {
        let swap = wide || insn.code & BPF_TO_BE != 0;
        let narrow = match insn.imm {
            16 => I16,
            32 => I32,
            _ => I64,
        };
        let mut x = if narrow == I64 {
            v
        } else {
            self.b.ins().ireduce(narrow, v)
        };
        if swap {
            x = self.b.ins().bswap(x);
        }
        if narrow == I64 {
            x
        } else {
            self.b.ins().uextend(I64, x)
        }
    }

    fn jmp(&mut self, pc: usize, insn: Insn) -> Option<usize> {
        let len = self.insns.len();
        let op = insn.code & 0xf0;
        let jmp64 = insn.class() == BPF_JMP;
        match op {
            BPF_JA => {
                let off = if jmp64 {
                    insn.off as i64
                } else {
                    insn.imm as i64
                };
                self.jump_to(target(pc, off, len), pc);
                None
            }
            BPF_EXIT if jmp64 => {
                self.exit();
                None
            }
            BPF_CALL if jmp64 => match insn.src {
                0 => {
                    let mut args = vec![self.cx];
                    args.push(self.b.ins().iconst(I64, pc as i64));
                    args.push(self.b.ins().iconst(I64, insn.imm as i64));
                    for r in 1..=5 {
                        args.push(self.reg(r));
                    }
                    let r0 = self.call(SIG_HELPER, shim_helper as *const (), &args);
                    self.check_failed();
                    self.set(0, r0);
                    Some(pc + 1)
                }
                BPF_PSEUDO_CALL => {
                    self.pseudo_call(pc, target(pc, insn.imm as i64, len));
                    None
                }
                _ => {
                    self.raise(RAISE_BAD_INSN, pc, insn.code);
                    None
                }
            },
            _ => {
                let Some(cond) = Cond::from_code(op) else {
                    self.raise(RAISE_BAD_INSN, pc, insn.code);
                    return None;
                };
                let mut a = self.reg(insn.dst);
                let mut b = if insn.code & BPF_X != 0 {
                    self.reg(insn.src)
                } else {
                    self.b.ins().iconst(I64, insn.imm as i64)
                };
                if !jmp64 {
                    a = self.b.ins().ireduce(I32, a);
                    b = self.b.ins().ireduce(I32, b);
                }
                let taken = match cond {
                    Cond::Set => {
                        let both = self.b.ins().band(a, b);
                        self.b.ins().icmp_imm_s(IntCC::NotEqual, both, 0)
                    }
                    _ => {
                        let cc = match cond {
                            Cond::Eq => IntCC::Equal,
                            Cond::Ne => IntCC::NotEqual,
                            Cond::Gt => IntCC::UnsignedGreaterThan,
                            Cond::Ge => IntCC::UnsignedGreaterThanOrEqual,
                            Cond::Lt => IntCC::UnsignedLessThan,
                            Cond::Le => IntCC::UnsignedLessThanOrEqual,
                            Cond::Sgt => IntCC::SignedGreaterThan,
                            Cond::Sge => IntCC::SignedGreaterThanOrEqual,
                            Cond::Slt => IntCC::SignedLessThan,
                            _ => IntCC::SignedLessThanOrEqual,
                        };
                        self.b.ins().icmp(cc, a, b)
                    }
                };
                let fall = self.block(pc + 1);
                match target(pc, insn.off as i64, len) {
                    Some(t) => {
                        let to = self.block(t);
                        self.b.ins().brif(taken, to, &[], fall, &[]);
                    }
                    None => {
                        let bad = self.b.create_block();
                        self.b.ins().brif(taken, bad, &[], fall, &[]);
                        self.b.switch_to_block(bad);
                        self.raise(RAISE_BAD_JUMP, pc, 0);
                    }
                }
                None
            }
        }
    }

    fn frame_slot(&mut self, depth: Value) -> Value {
        // `new` made the slot for every program with calls, the only users of this.
        let slot = match self.frames {
            Some(slot) => slot,
            None => {
                let slot = self.b.create_sized_stack_slot(StackSlotData::new(
                    StackSlotKind::ExplicitSlot,
                    (FRAME_SAVE as u32) * MAX_FRAMES as u32,
                    3,
                ));
                self.frames = Some(slot);
                slot
            }
        };
        let base = self.b.ins().stack_addr(I64, slot, 0);
        let off = self.b.ins().imul_imm_s(depth, FRAME_SAVE);
        self.b.ins().iadd(base, off)
    }

    fn pseudo_call(&mut self, pc: usize, to: Option<usize>) {
        let depth = self.b.use_var(self.depth);
        let deep = self.b.ins().icmp_imm_s(
            IntCC::UnsignedGreaterThanOrEqual,
            depth,
            MAX_FRAMES as i64 - 1,
        );
        self.raise_if(deep, RAISE_CALL_DEPTH, pc, 0);
        let Some(to) = to else {
            self.raise(RAISE_BAD_JUMP, pc, 0);
            return;
        };
        let at = self.frame_slot(depth);
        for (i, r) in (6..=10u8).enumerate() {
            let v = self.reg(r);
            self.b.ins().store(trusted(), v, at, (i * 8) as i32);
        }
        let site = self.call_sites.iter().position(|&p| p == pc).unwrap_or(0);
        let site = self.b.ins().iconst(I64, site as i64);
        self.b.ins().store(trusted(), site, at, 40);
        let frame = self.b.ins().iadd_imm_s(depth, 1);
        self.b.def_var(self.depth, frame);
        let cx = self.cx;
        self.call(SIG_ENTER, shim_enter as *const (), &[cx, frame]);
        // r10 = address(1 + frame, STACK_BYTES): region number 2 + frame in the high half.
        let region = self.b.ins().iadd_imm_s(frame, 2);
        let high = self.b.ins().ishl_imm_s(region, 32);
        let fp = self.b.ins().bor_imm_s(high, STACK_BYTES as i64);
        self.set(10, fp);
        let blk = self.block(to);
        self.b.ins().jump(blk, &[]);
    }

    fn exit(&mut self) {
        let r0 = self.reg(0);
        if self.frames.is_none() {
            self.b.ins().return_(&[r0]);
            return;
        }
        let depth = self.b.use_var(self.depth);
        let ret = self.b.create_block();
        let pop = self.b.create_block();
        self.b.ins().brif(depth, pop, &[], ret, &[]);
        self.b.switch_to_block(ret);
        self.b.ins().return_(&[r0]);
        self.b.switch_to_block(pop);
        let depth = self.b.ins().iadd_imm_s(depth, -1);
        self.b.def_var(self.depth, depth);
        let at = self.frame_slot(depth);
        for (i, r) in (6..=10u8).enumerate() {
            let v = self.b.ins().load(I64, trusted(), at, (i * 8) as i32);
            self.set(r, v);
        }
        let site = self.b.ins().load(I64, trusted(), at, 40);
        let site = self.b.ins().ireduce(I32, site);
        let len = self.insns.len();
        let targets: Vec<_> = self
            .call_sites
            .clone()
            .into_iter()
            .map(|p| {
                let blk = self.block((p + 1).min(len));
                self.b.func.dfg.block_call(blk, &[] as &[BlockArg])
            })
            .collect();
        let default = self
            .b
            .func
            .dfg
            .block_call(self.err_exit, &[] as &[BlockArg]);
        let jt = self
            .b
            .create_jump_table(JumpTableData::new(default, &targets));
        self.b.ins().br_table(site, jt);
    }

    fn load(&mut self, pc: usize, base: u8, off: i16, size: Size) -> Value {
        let n = size.bytes();
        if base == 10
            && self.static_fp
            && let Some(at) = fixed_stack_offset(off, n)
        {
            let stack = self.b.ins().load(I64, trusted(), self.cx, OFF_STACK);
            return self.native_load(size, stack, at);
        }
        let base = self.reg(base);
        let addr = self.b.ins().iadd_imm_s(base, off as i64);
        let (fast, slow) = self.fast_address(addr, n, OFF_FAST_READ);
        let join = self.b.create_block();
        self.b.append_block_param(join, I64);

        self.b.switch_to_block(fast);
        let at = self.b.block_params(fast)[0];
        let v = self.native_load(size, at, 0);
        self.b.ins().jump(join, &[BlockArg::Value(v)]);

        self.b.switch_to_block(slow);
        let pcv = self.b.ins().iconst(I64, pc as i64);
        let nv = self.b.ins().iconst(I64, n as i64);
        let cx = self.cx;
        let v = self.call(SIG_LOAD, shim_load as *const (), &[cx, pcv, addr, nv]);
        self.check_failed();
        self.b.ins().jump(join, &[BlockArg::Value(v)]);

        self.b.switch_to_block(join);
        self.b.block_params(join)[0]
    }

    fn store(&mut self, pc: usize, base: u8, off: i16, size: Size, v: Value) {
        let n = size.bytes();
        if base == 10
            && self.static_fp
            && let Some(at) = fixed_stack_offset(off, n)
        {
            let stack = self.b.ins().load(I64, trusted(), self.cx, OFF_STACK);
            self.native_store(size, v, stack, at);
            return;
        }
        let base = self.reg(base);
        let addr = self.b.ins().iadd_imm_s(base, off as i64);
        let (fast, slow) = self.fast_address(addr, n, OFF_FAST_WRITE);
        let join = self.b.create_block();

        self.b.switch_to_block(fast);
        let at = self.b.block_params(fast)[0];
        self.native_store(size, v, at, 0);
        self.b.ins().jump(join, &[]);

        self.b.switch_to_block(slow);
        let pcv = self.b.ins().iconst(I64, pc as i64);
        let nv = self.b.ins().iconst(I64, n as i64);
        let cx = self.cx;
        self.call(SIG_STORE, shim_store as *const (), &[cx, pcv, addr, nv, v]);
        self.check_failed();
        self.b.ins().jump(join, &[]);

        self.b.switch_to_block(join);
    }

    /// Branches to a new block `fast(native address)` when `[addr, addr + n)` is inside its
    /// region's table entry (`limit` is the offset of `read_len` or `write_len`), else to a
    /// new block `slow`. Returns both; the current block ends.
    fn fast_address(&mut self, addr: Value, n: u32, limit: i32) -> (Block, Block) {
        let lookup = self.b.create_block();
        let fast = self.b.create_block();
        self.b.append_block_param(fast, I64);
        let slow = self.b.create_block();
        // Region i is i + 1 in the high half; 0 wraps to a huge index.
        let high = self.b.ins().ushr_imm_s(addr, 32);
        let idx = self.b.ins().iadd_imm_s(high, -1);
        let len = self.b.ins().load(I64, trusted(), self.cx, OFF_FAST_LEN);
        let known = self.b.ins().icmp(IntCC::UnsignedLessThan, idx, len);
        self.b.ins().brif(known, lookup, &[], slow, &[]);

        self.b.switch_to_block(lookup);
        let table = self.b.ins().load(I64, trusted(), self.cx, OFF_FAST);
        let at = self.b.ins().imul_imm_s(idx, FAST_BYTES);
        let entry = self.b.ins().iadd(table, at);
        let allowed = self.b.ins().load(I64, trusted(), entry, limit);
        let low = self.b.ins().band_imm_s(addr, 0xffff_ffff);
        let end = self.b.ins().iadd_imm_s(low, n as i64);
        let fits = self
            .b
            .ins()
            .icmp(IntCC::UnsignedLessThanOrEqual, end, allowed);
        let base = self.b.ins().load(I64, trusted(), entry, OFF_FAST_PTR);
        let at = self.b.ins().iadd(base, low);
        self.b
            .ins()
            .brif(fits, fast, &[BlockArg::Value(at)], slow, &[]);
        (fast, slow)
    }

    fn native_load(&mut self, size: Size, at: Value, off: i32) -> Value {
        let f = data_flags();
        match size {
            Size::B => self.b.ins().uload8(I64, f, at, off),
            Size::H => self.b.ins().uload16(I64, f, at, off),
            Size::W => self.b.ins().uload32(f, at, off),
            Size::DW => self.b.ins().load(I64, f, at, off),
        }
    }

    fn native_store(&mut self, size: Size, v: Value, at: Value, off: i32) {
        let f = data_flags();
        match size {
            Size::B => self.b.ins().istore8(f, v, at, off),
            Size::H => self.b.ins().istore16(f, v, at, off),
            Size::W => self.b.ins().istore32(f, v, at, off),
            Size::DW => self.b.ins().store(f, v, at, off),
        };
    }

    fn atomic(&mut self, pc: usize, insn: Insn, op: AtomicOp, size: Size) {
        let base = self.reg(insn.dst);
        let addr = self.b.ins().iadd_imm_s(base, insn.off as i64);
        let cx = self.cx;
        let args = [
            cx,
            self.b.ins().iconst(I64, pc as i64),
            self.b.ins().iconst(I64, insn.imm as i64),
            self.b.ins().iconst(I64, size.bytes() as i64),
            addr,
            self.b.ins().iconst(I64, insn.src as i64),
            self.reg(insn.src),
            self.reg(0),
        ];
        let fetched = self.call(SIG_ATOMIC, shim_atomic as *const (), &args);
        self.check_failed();
        match op {
            AtomicOp::CmpXchg => self.set(0, fetched),
            AtomicOp::Add | AtomicOp::Or | AtomicOp::And | AtomicOp::Xor => {}
            _ => self.set(insn.src, fetched),
        }
    }
}

/// The offset in frame 0's buffer of `[r10 + off, + n)`, if it is inside the frame.
fn fixed_stack_offset(off: i16, n: u32) -> Option<i32> {
    let at = STACK_BYTES as i32 + off as i32;
    (at >= 0 && at as u32 + n <= STACK_BYTES as u32).then_some(at)
}
