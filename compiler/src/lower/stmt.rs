//! Statements → IR: map updates (the aggregations), locals, `if`, `delete`.

#![allow(
    clippy::result_large_err,
    reason = "a Diagnostic is built once, when lowering gives up; the Ok path carries a register"
)]

use super::{Lowerer, MAP_FULL, helper, internal};
use crate::artifact::{KeyKind, ValueSpec};
use crate::bpf::helpers::{BPF_F_USER_STACK, Helper};
use crate::diag::{Diagnostic, Span};
use crate::ir::{AluOp, Base, Cond, Inst, Operand, Slot, VReg, Width};
use crate::sema::checked::{BuiltinRef, Expr, ExprKind, MapId, MapOp, Stmt};

/// `BPF_ANY` / `BPF_NOEXIST` flags of `bpf_map_update_elem`.
const BPF_ANY: u64 = 0;
const BPF_NOEXIST: u64 = 1;

impl Lowerer<'_> {
    pub(super) fn stmts(&mut self, stmts: &[Stmt]) -> Result<(), Diagnostic> {
        let outermost = self.lost.is_none();
        if outermost {
            let has_sum = (self.cx.maps.iter().take(self.cx.ids.user_maps))
                .any(|m| m.per_cpu && matches!(m.value, ValueSpec::Sum(_) | ValueSpec::Avg(_)));
            self.lost = Some(super::EventLosses {
                map_full: self.b.constant(0),
                overflowed: has_sum.then(|| self.b.constant(0)),
            });
        }
        for s in stmts {
            // A statement's stack buffers (map keys, values, stack hashes) die with it.
            let scope = self.b.scope();
            self.stmt(s)?;
            self.b.end_scope(scope);
        }
        if outermost && let Some(overflowed) = self.lost.and_then(|l| l.overflowed) {
            // Once per event, whatever number of its sums overflowed: one compare and branch.
            let fine = self.b.label();
            self.b.push(Inst::JumpIf {
                cond: Cond::Sge,
                lhs: overflowed,
                rhs: Operand::Imm(0),
                target: fine,
            });
            self.bump(super::SUMS_OVERFLOWED);
            self.b.push(Inst::Label(fine));
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> Result<(), Diagnostic> {
        match s {
            Stmt::MapUpdate {
                map,
                keys,
                op,
                span,
            } => {
                self.b.span(*span);
                self.map_update(*map, keys, op)
            }
            Stmt::LocalAssign { local, value, span } => {
                self.b.span(*span);
                let v = self.expr(value)?;
                let dst = *self
                    .locals
                    .get(local.0)
                    .ok_or_else(|| internal(*span, "unknown local"))?;
                self.b.push(Inst::Mov { dst, src: v });
                Ok(())
            }
            Stmt::If {
                cond,
                then,
                otherwise,
                span,
            } => {
                self.b.span(*span);
                let c = self.expr(cond)?;
                let (else_l, end) = (self.b.label(), self.b.label());
                self.b.push(Inst::JumpIf {
                    cond: Cond::Eq,
                    lhs: c,
                    rhs: Operand::Imm(0),
                    target: else_l,
                });
                self.stmts(then)?;
                self.b.push(Inst::Jump { target: end });
                self.b.push(Inst::Label(else_l));
                self.stmts(otherwise)?;
                self.b.push(Inst::Label(end));
                Ok(())
            }
            Stmt::Delete { map, keys, span } => {
                self.b.span(*span);
                let key = self.build_key(*map, keys, None)?;
                let (id, _) = self.user_map(*map);
                let m = self.b.map_ptr(id);
                let k = self.b.slot_addr(key, 0);
                self.b.push(Inst::Call {
                    helper: helper(Helper::MapDeleteElem),
                    args: vec![m, k],
                    dst: None,
                });
                Ok(())
            }
            // Every map is printed when the run ends; printing from inside the kernel needs the
            // event channel that `clear` and `exit` need too, not built yet.
            Stmt::Print { span, .. } => Err(not_yet("print", *span)),
            Stmt::Clear { span, .. } => Err(not_yet("clear", *span)),
            Stmt::Exit { span } => Err(not_yet("exit", *span)),
        }
    }

    /// Builds the key of user map `map` in a fresh zeroed slot. `bucket`: a histogram's bucket.
    pub(super) fn build_key(
        &mut self,
        map: MapId,
        keys: &[Expr],
        bucket: Option<VReg>,
    ) -> Result<Slot, Diagnostic> {
        let (_, spec) = self.user_map(map);
        let parts = spec.key.clone();
        let slot = self.b.slot(spec.key_size);
        // Verifier: a key passed to a helper must be initialised in full, padding included; and
        // equal keys must be equal bytes.
        self.b.zero_slot(slot);
        let mut exprs = keys.iter();
        for part in &parts {
            match &part.kind {
                KeyKind::Hidden => {}
                KeyKind::Int(_) if exprs.len() == 0 => {
                    // The trailing histogram bucket.
                    if let Some(b) = bucket {
                        self.b.store(
                            Width::B8,
                            Base::Slot(slot),
                            part.offset as i16,
                            Operand::Reg(b),
                        );
                    }
                }
                KeyKind::Int(_) => {
                    let e = exprs
                        .next()
                        .ok_or_else(|| internal(Span::default(), "key arity"))?;
                    let v = self.expr(e)?;
                    self.b.store(
                        Width::B8,
                        Base::Slot(slot),
                        part.offset as i16,
                        Operand::Reg(v),
                    );
                }
                KeyKind::Str => {
                    let e = exprs
                        .next()
                        .ok_or_else(|| internal(Span::default(), "key arity"))?;
                    self.string_into(e, slot, part.offset, part.size)?;
                }
                KeyKind::KernelStack { .. } | KeyKind::UserStack { .. } => {
                    let e = exprs
                        .next()
                        .ok_or_else(|| internal(Span::default(), "key arity"))?;
                    let user = matches!(part.kind, KeyKind::UserStack { .. });
                    if !matches!(
                        e.kind,
                        ExprKind::Builtin(BuiltinRef::Common {
                            name: "kstack" | "ustack",
                            ..
                        })
                    ) {
                        return Err(internal(e.span, "a stack key that is not kstack or ustack"));
                    }
                    let key = match (&self.record, user) {
                        (Some(r), true) if r.ustack.is_some() => r.ustack.unwrap(),
                        (Some(_), false) => self.b.load(
                            Width::B8,
                            Base::Reg(self.ctx),
                            super::span::REC_KSTACK as i16,
                        ),
                        _ => self.capture_stack(user, e.span)?,
                    };
                    self.b.store(
                        Width::B8,
                        Base::Slot(slot),
                        part.offset as i16,
                        Operand::Reg(key),
                    );
                    if let KeyKind::UserStack { tgid_offset, .. } = part.kind {
                        let t = self.tgid();
                        self.b.store(
                            Width::B8,
                            Base::Slot(slot),
                            tgid_offset as i16,
                            Operand::Reg(t),
                        );
                    }
                }
            }
        }
        Ok(slot)
    }

    fn map_update(&mut self, map: MapId, keys: &[Expr], op: &MapOp) -> Result<(), Diagnostic> {
        // Additions (`add_to`) store their key's stacks only when they make a new entry.
        if matches!(
            op,
            MapOp::Count | MapOp::Sum(_) | MapOp::Avg(_) | MapOp::Hist(_)
        ) {
            self.deferred = Some(Vec::new());
            self.deferred_kernel = 0;
        }
        let res = self.map_update_inner(map, keys, op);
        self.deferred = None;
        res
    }

    fn map_update_inner(
        &mut self,
        map: MapId,
        keys: &[Expr],
        op: &MapOp,
    ) -> Result<(), Diagnostic> {
        match op {
            MapOp::Count => {
                let one = self.b.constant(1);
                let key = self.build_key(map, keys, None)?;
                self.add_to(map, key, &[one])?;
                self.keep_event(map, key, one);
                Ok(())
            }
            MapOp::Sum(e) => {
                let v = self.expr(e)?;
                let key = self.build_key(map, keys, None)?;
                self.add_to(map, key, &[v])?;
                self.keep_event(map, key, v);
                Ok(())
            }
            MapOp::Avg(e) => {
                let v = self.expr(e)?;
                let one = self.b.constant(1);
                let key = self.build_key(map, keys, None)?;
                self.add_to(map, key, &[v, one])
            }
            MapOp::Hist(e) => {
                let v = self.expr(e)?;
                let bucket = self.log2_bucket(v);
                let one = self.b.constant(1);
                let key = self.build_key(map, keys, Some(bucket))?;
                self.add_to(map, key, &[one])
            }
            MapOp::Min(e) | MapOp::Max(e) => {
                let v = self.expr(e)?;
                let key = self.build_key(map, keys, None)?;
                // Keep the current value unless the new one beats it.
                let keep = if matches!(op, MapOp::Min(_)) {
                    Cond::Le
                } else {
                    Cond::Ge
                };
                let (id, _) = self.user_map(map);
                let (insert, done) = (self.b.label(), self.b.label());
                let p = self.lookup(id, key, insert);
                let cur = self.b.load(Width::B8, Base::Reg(p), 0);
                self.b.push(Inst::JumpIf {
                    cond: keep,
                    lhs: cur,
                    rhs: Operand::Reg(v),
                    target: done,
                });
                self.b.store(Width::B8, Base::Reg(p), 0, Operand::Reg(v));
                self.b.push(Inst::Jump { target: done });
                self.b.push(Inst::Label(insert));
                self.insert(map, key, &[v], BPF_NOEXIST);
                self.b.push(Inst::Label(done));
                Ok(())
            }
            MapOp::Assign(e) => {
                let v = self.expr(e)?;
                let key = self.build_key(map, keys, None)?;
                self.insert(map, key, &[v], BPF_ANY);
                Ok(())
            }
        }
    }

    /// Under `Options::events`, an update of the map `-o` writes (the first flame-graph map)
    /// also sends a time record
    /// (`EVENT_HEADER`: time, thread, name, weight, span, then the key) into the ring buffer, so
    /// a live run's time views see each event; a full buffer is counted with the weight the
    /// record carried (`TIME_RECORDS_DROPPED*`). Reserved in place: no stack room is needed
    /// beside the key, which may be long.
    fn keep_event(&mut self, map: MapId, key: Slot, weight: VReg) {
        let Some((events, timed)) = self.cx.ids.events else {
            return;
        };
        let (id, spec) = self.user_map(map);
        if id.0 as usize != timed {
            return;
        }
        let key_size = spec.key_size;
        let key_bytes = key_size.div_ceil(8) * 8;
        let size = super::EVENT_HEADER + key_bytes;
        // The thread the event belongs to: a span's record names the thread that waited (the
        // current task may be another one), the current task otherwise.
        let (thread, comm) = match self
            .record
            .as_ref()
            .map(|r| (r.field("pid"), r.field("tid")))
        {
            Some((Some((pid_at, _)), Some((tid_at, _)))) => {
                let pid = self.b.load(Width::B4, Base::Reg(self.ctx), pid_at as i16);
                let tid = self.b.load(Width::B4, Base::Reg(self.ctx), tid_at as i16);
                self.b.alu(AluOp::Lsh, pid, Operand::Imm(32));
                self.b.alu(AluOp::Or, pid, Operand::Reg(tid));
                (pid, None)
            }
            _ => {
                let pt = self.pid_tgid();
                let t = self.b.copy(pt);
                let comm = self.b.slot(16);
                let dst = self.b.slot_addr(comm, 0);
                let n = self.b.constant(16);
                self.b.push(Inst::Call {
                    helper: helper(Helper::GetCurrentComm),
                    args: vec![dst, n],
                    dst: None,
                });
                (t, Some(comm))
            }
        };
        // A clock sample stands for its period (ns for the cpu-clock `profile` counts).
        let span = if self.perf_event {
            self.b.load(
                Width::B8,
                Base::Reg(self.ctx),
                super::expr::PERF_SAMPLE_PERIOD as i16,
            )
        } else {
            self.b.constant(0)
        };
        let now = self.b.call(helper(Helper::KtimeGetNs), vec![]);
        let m = self.b.map_ptr(events);
        let n = self.b.constant(u64::from(size));
        let flags = self.b.constant(0);
        let rec = self
            .b
            .call(helper(Helper::RingbufReserve), vec![m, n, flags]);
        let (full, done) = (self.b.label(), self.b.label());
        self.b.push(Inst::JumpIf {
            cond: Cond::Eq,
            lhs: rec,
            rhs: Operand::Imm(0),
            target: full,
        });
        self.b
            .store(Width::B8, Base::Reg(rec), 0, Operand::Reg(now));
        self.b
            .store(Width::B8, Base::Reg(rec), 8, Operand::Reg(thread));
        for i in 0..2 {
            let w = match comm {
                Some(slot) => self.b.load(Width::B8, Base::Slot(slot), 8 * i),
                None => self.b.load(
                    Width::B8,
                    Base::Reg(self.ctx),
                    super::span::REC_COMM as i16 + 8 * i,
                ),
            };
            self.b
                .store(Width::B8, Base::Reg(rec), 16 + 8 * i, Operand::Reg(w));
        }
        self.b
            .store(Width::B8, Base::Reg(rec), 32, Operand::Reg(weight));
        self.b
            .store(Width::B8, Base::Reg(rec), 40, Operand::Reg(span));
        let tag = u64::from(id.0) | u64::from(key_size) << 32;
        let tag = self.b.constant(tag);
        self.b
            .store(Width::B8, Base::Reg(rec), 48, Operand::Reg(tag));
        for i in 0..key_bytes / 8 {
            let at = 8 * i as i16;
            let w = self.b.load(Width::B8, Base::Slot(key), at);
            let to = super::EVENT_HEADER as i16 + at;
            self.b.store(Width::B8, Base::Reg(rec), to, Operand::Reg(w));
        }
        let flags = self.b.constant(0);
        self.b.push(Inst::Call {
            helper: helper(Helper::RingbufSubmit),
            args: vec![rec, flags],
            dst: None,
        });
        self.b.push(Inst::Jump { target: done });
        self.b.push(Inst::Label(full));
        self.add_losses(&[
            (super::TIME_RECORDS_DROPPED, Operand::Imm(1)),
            (super::TIME_RECORDS_DROPPED_WEIGHT, Operand::Reg(weight)),
        ]);
        self.b.push(Inst::Label(done));
    }

    /// `value[i] += adds[i]` for an existing entry; inserts `adds` as the value otherwise.
    /// Per-CPU maps: this CPU's copy only, so no atomics are needed.
    fn add_to(&mut self, map: MapId, key: Slot, adds: &[VReg]) -> Result<(), Diagnostic> {
        let (id, _) = self.user_map(map);
        let pending = self.deferred.take().unwrap_or_default();
        let (insert, done) = (self.b.label(), self.b.label());
        let p = self.lookup(id, key, insert);
        self.add_into(map, p, adds);
        self.b.push(Inst::Jump { target: done });
        self.b.push(Inst::Label(insert));
        // A new entry: its stacks may be new too.
        self.store_pending(&pending);
        let rc = self.update(map, key, adds, BPF_NOEXIST);
        self.b.push(Inst::JumpIf {
            cond: Cond::Eq,
            lhs: rc,
            rhs: Operand::Imm(0),
            target: done,
        });
        // -EEXIST: another CPU made the entry between our lookup and insert (a race, not a
        // full map): add to it. Compared as 32 bits (before 6.4 the result is zero-extended).
        let full = self.b.label();
        self.b.alu(AluOp::Lsh, rc, Operand::Imm(32));
        self.b.alu(AluOp::Arsh, rc, Operand::Imm(32));
        self.b.push(Inst::JumpIf {
            cond: Cond::Ne,
            lhs: rc,
            rhs: Operand::Imm(-17),
            target: full,
        });
        let p = self.lookup(id, key, full);
        self.add_into(map, p, adds);
        self.b.push(Inst::Jump { target: done });
        self.b.push(Inst::Label(full));
        // Counted with the weight it carried (a count's 1, a sum's value), so the report can
        // say how much of the graph is missing, not only how many updates.
        self.add_losses(&[
            (MAP_FULL, Operand::Imm(1)),
            (super::MAP_FULL_WEIGHT, Operand::Reg(adds[0])),
        ]);
        self.event_lost();
        self.b.push(Inst::Label(done));
        Ok(())
    }

    /// This event lost an update: counted once per event (`MAP_FULL_EVENTS`), however many of
    /// its maps were full.
    fn event_lost(&mut self) {
        let Some(lost) = self.lost.map(|l| l.map_full) else {
            return;
        };
        let counted = self.b.label();
        self.b.push(Inst::JumpIf {
            cond: Cond::Ne,
            lhs: lost,
            rhs: Operand::Imm(0),
            target: counted,
        });
        self.bump(super::MAP_FULL_EVENTS);
        self.b.push(Inst::Const {
            dst: lost,
            value: 1,
        });
        self.b.push(Inst::Label(counted));
    }

    /// Adds `adds` into the value at `p` (this CPU's copy of a per-CPU value, or a shared one
    /// with atomic adds).
    ///
    /// A sum (`sum`, and `avg`'s sum: word 0) is a signed 64-bit number, as the runtime reads
    /// it (a script may subtract). An addition that would leave that range is left out and
    /// counted (`SUMS_OVERFLOWED`, once per event) rather than wrapped: it overflowed iff the
    /// result's sign differs from both operands' (`(old ^ new) & (add ^ new) < 0`). No branch
    /// per sum: a few ALU operations select `old` or `new`, and one compare-and-branch per
    /// event (in `stmts`) counts. Counts and histogram buckets add 1, which cannot
    /// wrap 64 bits in any run (584 years at 10^9 per second on one CPU): no check. Shared
    /// values (`--atomic-values`) are added atomically without reading them back, so they are
    /// not checked either.
    fn add_into(&mut self, map: MapId, p: VReg, adds: &[VReg]) {
        let spec = self.user_map(map).1;
        let per_cpu = spec.per_cpu;
        let signed_sum = matches!(spec.value, ValueSpec::Sum(_) | ValueSpec::Avg(_));
        for (i, add) in adds.iter().enumerate() {
            let off = (i * 8) as i16;
            if !per_cpu {
                // A shared value (`--atomic-values`): every CPU adds to the same word.
                self.b.push(Inst::AtomicAdd {
                    ptr: p,
                    off,
                    src: *add,
                });
                continue;
            }
            let cur = self.b.load(Width::B8, Base::Reg(p), off);
            if !(signed_sum && i == 0) {
                self.b.alu(AluOp::Add, cur, Operand::Reg(*add));
                self.b
                    .store(Width::B8, Base::Reg(p), off, Operand::Reg(cur));
                continue;
            }
            // Without a branch (a branch per sum doubles the paths the verifier walks):
            // `new` becomes `old` again where the addition overflowed.
            let new = self.b.copy(cur);
            self.b.alu(AluOp::Add, new, Operand::Reg(*add));
            self.b.alu(AluOp::Xor, cur, Operand::Reg(new));
            let over = self.b.copy(*add);
            self.b.alu(AluOp::Xor, over, Operand::Reg(new));
            self.b.alu(AluOp::And, over, Operand::Reg(cur));
            if let Some(overflowed) = self.lost.and_then(|l| l.overflowed) {
                self.b.alu(AluOp::Or, overflowed, Operand::Reg(over));
            }
            self.b.alu(AluOp::Arsh, over, Operand::Imm(63));
            self.b.alu(AluOp::And, cur, Operand::Reg(over));
            self.b.alu(AluOp::Xor, new, Operand::Reg(cur));
            self.b
                .store(Width::B8, Base::Reg(p), off, Operand::Reg(new));
        }
    }

    /// `bpf_map_update_elem(map, key, value, flags)`; a refusal (the map is full, or another
    /// update won a race) is counted in the losses map rather than dropped silently.
    fn insert(&mut self, map: MapId, key: Slot, value: &[VReg], flags: u64) {
        let rc = self.update(map, key, value, flags);
        let ok = self.b.label();
        self.b.push(Inst::JumpIf {
            cond: Cond::Eq,
            lhs: rc,
            rhs: Operand::Imm(0),
            target: ok,
        });
        self.bump(MAP_FULL);
        self.event_lost();
        self.b.push(Inst::Label(ok));
    }

    /// `bpf_map_update_elem(map, key, value, flags)`: its result.
    fn update(&mut self, map: MapId, key: Slot, value: &[VReg], flags: u64) -> VReg {
        let (id, _) = self.user_map(map);
        let val = self.b.slot(8 * value.len() as u32);
        for (i, v) in value.iter().enumerate() {
            self.b
                .store(Width::B8, Base::Slot(val), (i * 8) as i16, Operand::Reg(*v));
        }
        let m = self.b.map_ptr(id);
        let k = self.b.slot_addr(key, 0);
        let vp = self.b.slot_addr(val, 0);
        let f = self.b.constant(flags);
        self.b
            .call(helper(Helper::MapUpdateElem), vec![m, k, vp, f])
    }

    /// Takes the current kernel or user stack and returns its key in the stacks map (a 63-bit
    /// hash of the frames), or the capture's negative errno.
    fn capture_stack(&mut self, user: bool, span: Span) -> Result<VReg, Diagnostic> {
        self.capture_stack_of(None, user, span)
    }

    /// Like [`capture_stack`](Self::capture_stack), of `task` (a `task_struct` pointer) when
    /// given: `bpf_get_task_stack`, which walks another task's kernel stack, or the current
    /// task's user stack.
    pub(super) fn capture_stack_of(
        &mut self,
        task: Option<VReg>,
        user: bool,
        span: Span,
    ) -> Result<VReg, Diagnostic> {
        // In a map update's key (`Lowerer::deferred`), the current task's stacks are stored
        // only if the update makes a new entry: an existing entry's stacks are stored already.
        // (Not a user stack walked from tables: its outcomes, kept for the event's other maps,
        // would multiply the verifier's states at every map's new-entry branch; that walk
        // costs far more than the store it would save.)
        let walked = user && task.is_none() && self.cx.ids.uwalk.is_some();
        let defer = task.is_none() && self.deferred.is_some() && !walked;
        // Scratch buffers: 0 holds the current task's user stack (one per event), 1… the
        // kernel stacks of the key being built, the last one every stack stored at once.
        let index = match (user && task.is_none(), defer) {
            (true, _) => 0,
            (false, true) => {
                let i = 1 + self.deferred_kernel;
                self.deferred_kernel += 1;
                i
            }
            (false, false) => self.cx.ids.scratch_entries - 1,
        };
        if !(user && task.is_none() && self.cx.ids.uwalk.is_some()) {
            let (key, captured) = self.capture_stack_once(task, user, span, index, defer)?;
            if let (true, Some(pending)) = (defer, self.deferred.as_mut()) {
                pending.push(super::PendingStack {
                    key,
                    index,
                    user,
                    captured,
                });
            }
            return Ok(key);
        }
        let (taken, cached, copied) = match self.ustack {
            Some(c) => c,
            None => {
                let regs = (self.b.reg(), self.b.reg(), self.b.reg());
                for r in [regs.0, regs.1, regs.2] {
                    self.b.insert_at_entry(Inst::Const { dst: r, value: 0 });
                }
                self.ustack = Some(regs);
                regs
            }
        };
        let key = self.b.reg();
        self.b.push(Inst::Mov {
            dst: key,
            src: cached,
        });
        let done = self.b.label();
        self.b.push(Inst::JumpIf {
            cond: Cond::Ne,
            lhs: taken,
            rhs: Operand::Imm(0),
            target: done,
        });
        let (k, captured) = self.capture_stack_once(task, user, span, index, defer)?;
        self.b.push(Inst::Mov { dst: key, src: k });
        self.b.push(Inst::Mov {
            dst: cached,
            src: k,
        });
        self.b.push(Inst::Mov {
            dst: copied,
            src: captured,
        });
        self.b.push(Inst::Const {
            dst: taken,
            value: 1,
        });
        self.b.push(Inst::Label(done));
        if let (true, Some(pending)) = (defer, self.deferred.as_mut()) {
            pending.push(super::PendingStack {
                key,
                index,
                user,
                captured: copied,
            });
        }
        Ok(key)
    }

    /// Takes one stack into scratch buffer `index` and hashes it; stores it in the stacks map
    /// unless `defer` (then [`store_pending`](Self::store_pending) does, for a new entry).
    /// Returns the key and whether the frame-pointer capture took it (1) or the walk from
    /// tables (0).
    fn capture_stack_once(
        &mut self,
        task: Option<VReg>,
        user: bool,
        span: Span,
        index: u32,
        defer: bool,
    ) -> Result<(VReg, VReg), Diagnostic> {
        let ids = (self.cx.ids.stacks, self.cx.ids.scratch);
        let (Some(stacks), Some(scratch)) = ids else {
            return Err(internal(span, "no stack maps"));
        };
        let key = self.b.constant((-12i64) as u64); // -ENOMEM until a buffer is had
        let done = self.b.label();
        let buf = self.lookup_u32(scratch, Operand::Imm(index as i32), done);
        let h = self.b.constant(0xcbf2_9ce4_8422_2325);
        let prime = self.b.constant(super::uwalk::FNV_PRIME);
        let walked = self.b.label();
        // 1 once the stack is taken by the frame-pointer capture below (not walked from
        // tables): only such a stack keeps a copy for user space to unwind.
        let captured = self.b.constant(1);
        if let (Some(w), true, None) = (self.cx.ids.uwalk, user, task) {
            self.b.push(Inst::Const {
                dst: captured,
                value: 0,
            });
            self.walk_user_stack(w, buf, h, walked);
            self.b.push(Inst::Const {
                dst: captured,
                value: 1,
            });
        }
        // `--unwind fp`: the current thread's user stack walked here rather than by the kernel,
        // which pays a fault at the end of every chain (`uwalk::walk_frame_pointers`).
        let own_walk = user
            && task.is_none()
            && self.cx.ids.uwalk.is_none()
            && self.cx.ids.ucopy.is_none()
            && self.cx.options.kernel.task_pt_regs
            && self.cx.options.fp_walk == super::FpWalk::Bpf;
        let kernel_walk = self.b.label();
        if own_walk {
            let none = self.b.label();
            let window = self.cx.ids.scratch_entries;
            let win = self.lookup_u32(scratch, Operand::Imm(window as i32), kernel_walk);
            self.walk_frame_pointers(buf, win, h, kernel_walk, none);
            self.b.push(Inst::Jump { target: walked });
            // No user stack (a kernel thread): -EFAULT, as the kernel's walk reports it.
            self.b.push(Inst::Label(none));
            self.b.push(Inst::Const {
                dst: key,
                value: (-14i64) as u64,
            });
            self.b.push(Inst::Jump { target: done });
        }
        self.b.push(Inst::Label(kernel_walk));
        let size = self.b.constant(u64::from(super::STACK_BYTES));
        let flags = self.b.constant(if user { BPF_F_USER_STACK } else { 0 });
        // Returns the bytes written, or -errno (-EFAULT: no stack of that kind here). The
        // kernel zeroes the rest of the buffer, so hashing all of it is deterministic.
        let n = self.b.reg();
        match task {
            Some(t) => {
                let r = self
                    .b
                    .call(helper(Helper::GetTaskStack), vec![t, buf, size, flags]);
                self.b.push(Inst::Mov { dst: n, src: r });
            }
            // A sample in user mode has no kernel stack: the kernel's walk would find none,
            // after the cost of asking (≈ 200 ns a sample here).
            None if !user && self.perf_event => {
                let ask = self.b.label();
                let asked = self.b.label();
                // bpf_perf_event_data starts with the sampled registers: cs at 136.
                let cs = self.b.load(Width::B8, Base::Reg(self.ctx), 136);
                self.b.alu(AluOp::And, cs, Operand::Imm(3));
                self.b.push(Inst::JumpIf {
                    cond: Cond::Ne,
                    lhs: cs,
                    rhs: Operand::Imm(3),
                    target: ask,
                });
                self.b.push(Inst::Const { dst: n, value: 0 });
                self.b.push(Inst::Jump { target: asked });
                self.b.push(Inst::Label(ask));
                let r = self
                    .b
                    .call(helper(Helper::GetStack), vec![self.ctx, buf, size, flags]);
                self.b.push(Inst::Mov { dst: n, src: r });
                self.b.push(Inst::Label(asked));
            }
            None => {
                let r = self
                    .b
                    .call(helper(Helper::GetStack), vec![self.ctx, buf, size, flags]);
                self.b.push(Inst::Mov { dst: n, src: r });
            }
        }
        self.b.push(Inst::Mov { dst: key, src: n });
        self.b.push(Inst::JumpIf {
            cond: Cond::Slt,
            lhs: n,
            rhs: Operand::Imm(0),
            target: done,
        });
        // No frames (a sample in user mode has no kernel stack): -EFAULT, as stack ids report it.
        self.b.push(Inst::Const {
            dst: key,
            value: (-14i64) as u64,
        });
        self.b.push(Inst::JumpIf {
            cond: Cond::Eq,
            lhs: n,
            rhs: Operand::Imm(0),
            target: done,
        });
        // FNV-1a over the frames the kernel wrote (n bytes), in a bounded loop: a stack of 12
        // frames costs 12 rounds, not the 127 an unrolled hash of the whole buffer took. The
        // hash and prime are made afresh here, after the helper calls, so that they are not
        // live across one: in registers through the loop, not reloaded from the stack.
        let (walk_h, walk_prime) = (h, prime);
        let h = self.b.constant(0xcbf2_9ce4_8422_2325);
        let prime = self.b.constant(super::uwalk::FNV_PRIME);
        let _ = walk_prime;
        {
            let words = self.b.copy(n);
            self.b.alu(AluOp::Rsh, words, Operand::Imm(3));
            let p = self.b.copy(buf);
            let i = self.b.constant(0);
            let head = self.b.label();
            let out = self.b.label();
            self.b.push(Inst::Label(head));
            self.b.push(Inst::JumpIf {
                cond: Cond::Ge,
                lhs: i,
                rhs: Operand::Reg(words),
                target: out,
            });
            let w = self.b.load(Width::B8, Base::Reg(p), 0);
            self.b.alu(AluOp::Xor, h, Operand::Reg(w));
            self.b.alu(AluOp::Mul, h, Operand::Reg(prime));
            self.b.alu(AluOp::Add, p, Operand::Imm(8));
            self.b.alu(AluOp::Add, i, Operand::Imm(1));
            self.b.push(Inst::JumpIf {
                cond: Cond::Lt,
                lhs: i,
                rhs: Operand::Imm((super::STACK_BYTES / 8) as i32),
                target: head,
            });
            self.b.push(Inst::Label(out));
        }
        let unwind = self.cx.options.unwind;
        // Under `auto` the walk from tables jumped past this unless the process's tables are
        // not loaded yet: then a copy, unwound in user space at the end, stands in for it.
        let copies = self.cx.ids.ucopy.filter(|_| user);
        if let Some((_, uscratch)) = copies {
            // Dwarf: every event keeps its own registers and stack: they are part of its key.
            // Auto: the top of the stack is part of the key. Two stacks whose frame-pointer
            // walks agree may differ in the frames that walk skips (two callers of one glibc
            // function, two threads blocked in one futex wait); the return addresses of those
            // frames sit in the first bytes above the stack pointer, so the key tells them apart
            // and each keeps its own copy to be unwound.
            let hashed = self.b.label();
            let us = self.copy_user_stack(uscratch, hashed);
            let (first, words) = match unwind {
                super::Unwind::Dwarf => (0, (super::UCOPY_HEADER + self.cx.options.copy_bytes) / 8),
                _ => (
                    super::UCOPY_HEADER / 8,
                    super::AUTO_KEY_BYTES.min(self.cx.options.copy_bytes / 4) / 8,
                ),
            };
            for i in first..first + words {
                let w = self.b.load(Width::B8, Base::Reg(us), (i * 8) as i16);
                self.b.alu(AluOp::Xor, h, Operand::Reg(w));
                self.b.alu(AluOp::Mul, h, Operand::Reg(prime));
            }
            self.b.push(Inst::Label(hashed));
        }
        self.b.push(Inst::Mov {
            dst: walk_h,
            src: h,
        });
        let h = walk_h;
        self.b.push(Inst::Label(walked));
        // 63 bits: a key is never negative, so it cannot be taken for an error.
        self.b.alu(AluOp::Rsh, h, Operand::Imm(1));
        self.b.push(Inst::Mov { dst: key, src: h });
        if !defer {
            self.store_stack(stacks, key, buf, captured, copies, done);
        }
        self.b.push(Inst::Label(done));
        Ok((key, captured))
    }

    /// Stores the stacks a map update's key took (`Lowerer::deferred`), each from its scratch
    /// buffer: called where the update makes a new entry. The key is not tested: a branch on
    /// it would make the verifier tell apart every outcome of every capture (its states
    /// multiply with each stack of each map). A capture that failed left its buffer zeroed
    /// (`bpf_get_stack` clears it) and its key a negative errno, which no stack is read by: it
    /// stores one empty entry per errno, read by nothing.
    fn store_pending(&mut self, pending: &[super::PendingStack]) {
        let (Some(stacks), Some(scratch)) = (self.cx.ids.stacks, self.cx.ids.scratch) else {
            return;
        };
        for p in pending {
            let skip = self.b.label();
            let buf = self.lookup_u32(scratch, Operand::Imm(p.index as i32), skip);
            let copies = self.cx.ids.ucopy.filter(|_| p.user);
            self.store_stack(stacks, p.key, buf, p.captured, copies, skip);
            self.b.push(Inst::Label(skip));
        }
    }

    /// Stores the frames at `buf` under `key` in the stacks map, once per distinct stack; a new
    /// user stack the frame-pointer capture took (`captured` 1) also keeps its copy for the
    /// unwinder. Ends at `done`.
    fn store_stack(
        &mut self,
        stacks: crate::ir::MapId,
        key: VReg,
        buf: VReg,
        captured: VReg,
        copies: Option<(crate::ir::MapId, crate::ir::MapId)>,
        done: crate::ir::Label,
    ) {
        let h = key;
        let hk = self.b.slot(8);
        self.b.store(Width::B8, Base::Slot(hk), 0, Operand::Reg(h));
        // Most events' stacks are stored already: a lookup (no lock) says so, where an
        // insert-if-absent takes the bucket's lock to find it out (docs/PERFORMANCE.md).
        let m = self.b.map_ptr(stacks);
        let k = self.b.slot_addr(hk, 0);
        let stored = self.b.call(helper(Helper::MapLookupElem), vec![m, k]);
        self.b.push(Inst::JumpIf {
            cond: Cond::Ne,
            lhs: stored,
            rhs: Operand::Imm(0),
            target: done,
        });
        let m = self.b.map_ptr(stacks);
        let k = self.b.slot_addr(hk, 0);
        let f = self.b.constant(1); // BPF_NOEXIST: stored once per distinct stack
        let rc = self
            .b
            .call(helper(Helper::MapUpdateElem), vec![m, k, buf, f]);
        // -EEXIST: this stack is already stored. Anything else: the stacks map is full.
        if let Some((ucopy, uscratch)) = copies {
            // A new user stack: keep its registers and stack bytes for the unwinder.
            let old = self.b.label();
            self.b.push(Inst::JumpIf {
                cond: Cond::Ne,
                lhs: rc,
                rhs: Operand::Imm(0),
                target: old,
            });
            // Walked from tables: the copy buffer holds another event's bytes.
            self.b.push(Inst::JumpIf {
                cond: Cond::Eq,
                lhs: captured,
                rhs: Operand::Imm(0),
                target: done,
            });
            let skip = self.b.label();
            // The copy taken for the key is still in the scratch buffer.
            let us = self.scratch_buffer(uscratch, skip);
            let m = self.b.map_ptr(ucopy);
            let k = self.b.slot_addr(hk, 0);
            let f = self.b.constant(0);
            self.b.push(Inst::Call {
                helper: helper(Helper::MapUpdateElem),
                args: vec![m, k, us, f],
                dst: None,
            });
            self.b.push(Inst::Label(skip));
            self.b.push(Inst::Jump { target: done });
            self.b.push(Inst::Label(old));
        }
        self.b.push(Inst::JumpIf {
            cond: Cond::Eq,
            lhs: rc,
            rhs: Operand::Imm(0),
            target: done,
        });
        // Compared as a 32-bit value: before 6.4 the helper's result reaches the program
        // zero-extended (0xffffffef), so a 64-bit compare with -17 never matched and every
        // stack seen twice was counted as "map full".
        let low = self.b.copy(rc);
        self.b.alu(AluOp::Lsh, low, Operand::Imm(32));
        self.b.alu(AluOp::Arsh, low, Operand::Imm(32));
        self.b.push(Inst::JumpIf {
            cond: Cond::Eq,
            lhs: low,
            rhs: Operand::Imm(-17),
            target: done,
        });
        // Not a dropped event: the entry is made with this key, and its frames show as
        // `[lost: … -ENOENT]` (counted with their weight by the fold).
        self.bump(super::STACKS_NOT_STORED);
    }

    /// This CPU's buffer of per-CPU array `map` (its one entry); jumps to `fail` when the
    /// lookup gives NULL, as the verifier wants checked.
    fn scratch_buffer(&mut self, map: crate::ir::MapId, fail: crate::ir::Label) -> VReg {
        self.lookup_u32(map, Operand::Imm(0), fail)
    }

    /// Copies the current task's user registers (ip, sp, bp) and the top of its user stack into
    /// the per-CPU copy buffer; returns the buffer (jumps to `fail` when there is none). The
    /// copy is `copy_bytes` from the stack pointer, or a half, a quarter or an eighth of it when
    /// the stack ends sooner (near the top of a thread's stack: a read that crosses its end
    /// fails whole), or nothing; its length is in the header.
    fn copy_user_stack(&mut self, uscratch: crate::ir::MapId, fail: crate::ir::Label) -> VReg {
        let us = self.scratch_buffer(uscratch, fail);
        let task = self.b.call(helper(Helper::GetCurrentTaskBtf), vec![]);
        let regs = self.b.call(helper(Helper::TaskPtRegs), vec![task]);
        // struct pt_regs on x86-64: bp at 32, ip at 128, sp at 152.
        for (from, to) in [(128, 0), (152, 8), (32, 16)] {
            let v = self.b.load(Width::B8, Base::Reg(regs), from);
            self.b.store(Width::B8, Base::Reg(us), to, Operand::Reg(v));
        }
        let sp = self.b.load(Width::B8, Base::Reg(us), 8);
        let bytes = self.cx.options.copy_bytes;
        let len = self.b.constant(u64::from(bytes));
        let done = self.b.label();
        // Down to an eighth (1 KiB by default: the smallest copy the 4 KiB default used to fall
        // back to, which a small program's main thread needs near the top of its stack).
        for size in [bytes, bytes / 2, bytes / 4, bytes / 8] {
            let dst = self.b.copy(us);
            self.b
                .alu(AluOp::Add, dst, Operand::Imm(super::UCOPY_HEADER as i32));
            let n = self.b.constant(u64::from(size));
            let rc = self.b.call(helper(Helper::ProbeReadUser), vec![dst, n, sp]);
            self.b.push(Inst::Const {
                dst: len,
                value: u64::from(size),
            });
            self.b.push(Inst::JumpIf {
                cond: Cond::Eq,
                lhs: rc,
                rhs: Operand::Imm(0),
                target: done,
            });
        }
        // Last, the rest of the stack pointer's page (at most the copy's size): a stack that
        // ends within an eighth of the copy above the stack pointer ends at a page boundary
        // (a mapping does), so this reads all of it. Only a page the kernel cannot read
        // without a fault (paged out) leaves no copy, which the runtime marks.
        let rest = self.b.constant(4096);
        let in_page = self.b.copy(sp);
        self.b.alu(AluOp::And, in_page, Operand::Imm(4095));
        self.b.alu(AluOp::Sub, rest, Operand::Reg(in_page));
        let fits = self.b.label();
        self.b.push(Inst::JumpIf {
            cond: Cond::Le,
            lhs: rest,
            rhs: Operand::Imm(bytes as i32),
            target: fits,
        });
        self.b.push(Inst::Const {
            dst: rest,
            value: u64::from(bytes),
        });
        self.b.push(Inst::Label(fits));
        let dst = self.b.copy(us);
        self.b
            .alu(AluOp::Add, dst, Operand::Imm(super::UCOPY_HEADER as i32));
        let rc = self
            .b
            .call(helper(Helper::ProbeReadUser), vec![dst, rest, sp]);
        self.b.push(Inst::Mov {
            dst: len,
            src: rest,
        });
        self.b.push(Inst::JumpIf {
            cond: Cond::Eq,
            lhs: rc,
            rhs: Operand::Imm(0),
            target: done,
        });
        self.b.push(Inst::Const { dst: len, value: 0 });
        self.b.push(Inst::Label(done));
        // The fourth word: the length copied, and the thread group above it (whose modules
        // unwind it).
        self.b
            .store(Width::B4, Base::Reg(us), 24, Operand::Reg(len));
        let pt = self.b.call(helper(Helper::GetCurrentPidTgid), vec![]);
        self.b.alu(AluOp::Rsh, pt, Operand::Imm(32));
        self.b.store(Width::B4, Base::Reg(us), 28, Operand::Reg(pt));
        us
    }

    /// The log2 bucket of `v`: 0 for 0, else floor(log2 v) + 1, by a branchy binary search
    /// (no loops: the verifier would want them bounded).
    fn log2_bucket(&mut self, v: VReg) -> VReg {
        let x = self.b.copy(v);
        let bucket = self.b.constant(0);
        let zero = self.b.label();
        self.b.push(Inst::JumpIf {
            cond: Cond::Eq,
            lhs: x,
            rhs: Operand::Imm(0),
            target: zero,
        });
        for shift in [32, 16, 8, 4, 2, 1] {
            let t = self.b.copy(x);
            self.b.alu(AluOp::Rsh, t, Operand::Imm(shift));
            let skip = self.b.label();
            self.b.push(Inst::JumpIf {
                cond: Cond::Eq,
                lhs: t,
                rhs: Operand::Imm(0),
                target: skip,
            });
            self.b.push(Inst::Mov { dst: x, src: t });
            self.b.alu(AluOp::Add, bucket, Operand::Imm(shift));
            self.b.push(Inst::Label(skip));
        }
        self.b.alu(AluOp::Add, bucket, Operand::Imm(1));
        self.b.push(Inst::Label(zero));
        bucket
    }
}

fn not_yet(what: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        format!("`{what}()` inside a kernel probe is not supported yet"),
        span,
        "needs an event channel to user space, not built yet",
    )
    .with_help("every map is printed when the run ends; use -d or Ctrl-C to end it")
}
