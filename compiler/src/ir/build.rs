//! A small builder for one IR program: fresh registers, labels and slots (reused once their
//! scope ends), and a few composite sequences that several lowerings need (zeroing a buffer,
//! bumping a counter).

use super::{AluOp, Base, Inst, Label, MapId, Operand, Program, Slot, VReg, Width};
use crate::artifact::AttachSpec;
use crate::diag::Span;

pub struct Builder {
    prog: Program,
    labels: u32,
    /// Slots in use, in allocation order: a scope ends by freeing those taken since it began.
    live: Vec<Slot>,
    /// Slots whose scope ended, to be handed out again (the stack holds 512 bytes).
    free: Vec<Slot>,
}

/// Where a slot scope began (see [`Builder::end_scope`]).
#[derive(Clone, Copy, Debug)]
pub struct Scope(usize);

impl Builder {
    pub fn new(
        name: String,
        section: String,
        attach: AttachSpec,
        clause: usize,
        span: Span,
    ) -> Builder {
        let prog = Program {
            name,
            section,
            attach,
            clause,
            span,
            insts: Vec::new(),
            slots: Vec::new(),
            vregs: 0,
            subprograms: Vec::new(),
        };
        Builder {
            prog,
            labels: 0,
            live: Vec::new(),
            free: Vec::new(),
        }
    }

    pub fn reg(&mut self) -> VReg {
        self.prog.vregs += 1;
        VReg(self.prog.vregs - 1)
    }

    pub fn label(&mut self) -> Label {
        self.labels += 1;
        Label(self.labels - 1)
    }

    /// A stack buffer of at least `size` bytes, rounded up to 8: the smallest free slot that
    /// is large enough, else a new one. Its contents are whatever its last user left: callers
    /// initialise what they read (map keys are zeroed in full).
    pub fn slot(&mut self, size: u32) -> Slot {
        let size = size.div_ceil(8).max(1) * 8;
        let fits = self
            .free
            .iter()
            .enumerate()
            .filter(|(_, s)| self.prog.slots[s.0 as usize] >= size)
            .min_by_key(|(_, s)| self.prog.slots[s.0 as usize]);
        let slot = match fits {
            Some((i, _)) => self.free.swap_remove(i),
            None => {
                self.prog.slots.push(size);
                Slot(self.prog.slots.len() as u32 - 1)
            }
        };
        self.live.push(slot);
        slot
    }

    /// Begins a slot scope: the slots taken from here to [`end_scope`](Self::end_scope) are
    /// freed there, for later statements to reuse. A statement's key and value buffers die
    /// with it, so fifteen statements need the stack of one, not of fifteen.
    pub fn scope(&self) -> Scope {
        Scope(self.live.len())
    }

    /// Frees every slot taken since `scope` began. Nothing may address them afterwards.
    pub fn end_scope(&mut self, scope: Scope) {
        let ended = self.live.split_off(scope.0.min(self.live.len()));
        self.free.extend(ended);
    }

    pub fn push(&mut self, inst: Inst) {
        self.prog.insts.push(inst);
    }

    /// Puts `inst` at the program's entry, after its context and parameters: a value that
    /// must be set on every path (a cache's "empty" flag), found to be needed only later.
    pub fn insert_at_entry(&mut self, inst: Inst) {
        let at = self
            .prog
            .insts
            .iter()
            .position(|i| !matches!(i, Inst::Ctx { .. } | Inst::Param { .. } | Inst::Span(_)))
            .unwrap_or(self.prog.insts.len());
        self.prog.insts.insert(at, inst);
    }

    pub fn span(&mut self, span: Span) {
        self.push(Inst::Span(span));
    }

    pub fn constant(&mut self, value: u64) -> VReg {
        let dst = self.reg();
        self.push(Inst::Const { dst, value });
        dst
    }

    pub fn copy(&mut self, src: VReg) -> VReg {
        let dst = self.reg();
        self.push(Inst::Mov { dst, src });
        dst
    }

    pub fn alu(&mut self, op: AluOp, dst: VReg, src: Operand) {
        self.push(Inst::Alu { op, dst, src });
    }

    pub fn call(&mut self, helper: u32, args: Vec<VReg>) -> VReg {
        let dst = self.reg();
        self.push(Inst::Call {
            helper,
            args,
            dst: Some(dst),
        });
        dst
    }

    pub fn kfunc(&mut self, id: u32, args: Vec<VReg>) -> VReg {
        let dst = self.reg();
        self.push(Inst::Kfunc {
            id,
            args,
            dst: Some(dst),
        });
        dst
    }

    /// Adds a finished subprogram (see `Program::subprograms`); returns its index.
    pub fn add_subprogram(&mut self, sub: Program) -> u32 {
        self.prog.subprograms.push(sub);
        self.prog.subprograms.len() as u32 - 1
    }

    /// The address of subprogram `sub`, for a callback argument.
    pub fn func_addr(&mut self, sub: u32) -> VReg {
        let dst = self.reg();
        self.push(Inst::FuncAddr { dst, sub });
        dst
    }

    pub fn call_sub(&mut self, sub: u32, args: Vec<VReg>) {
        self.push(Inst::CallSub {
            sub,
            args,
            dst: None,
        });
    }

    pub fn param(&mut self, index: u8) -> VReg {
        let dst = self.reg();
        self.push(Inst::Param { dst, index });
        dst
    }

    pub fn map_ptr(&mut self, map: MapId) -> VReg {
        let dst = self.reg();
        self.push(Inst::MapPtr { dst, map });
        dst
    }

    pub fn slot_addr(&mut self, slot: Slot, off: i16) -> VReg {
        let dst = self.reg();
        self.push(Inst::SlotAddr { dst, slot, off });
        dst
    }

    pub fn load(&mut self, width: Width, base: Base, off: i16) -> VReg {
        let dst = self.reg();
        self.push(Inst::Load {
            dst,
            width,
            base,
            off,
        });
        dst
    }

    pub fn store(&mut self, width: Width, base: Base, off: i16, src: Operand) {
        self.push(Inst::Store {
            width,
            base,
            off,
            src,
        });
    }

    /// Zeroes a whole slot. Verifier rule: a stack buffer passed to a helper as a map key or
    /// value must be initialised in full, padding included.
    pub fn zero_slot(&mut self, slot: Slot) {
        let size = self.prog.slots[slot.0 as usize];
        for off in (0..size).step_by(8) {
            self.store(Width::B8, Base::Slot(slot), off as i16, Operand::Imm(0));
        }
    }

    pub fn slot_size(&self, slot: Slot) -> u32 {
        self.prog.slots[slot.0 as usize]
    }

    pub fn finish(mut self) -> Program {
        self.prog.insts.push(Inst::Exit);
        self.prog
    }
}
