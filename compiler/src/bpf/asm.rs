//! `Insn` ↔ text, in the syntax of the kernel's disassembler (`kernel/bpf/disasm.c`, what
//! `bpftool prog dump xlated` prints): `r1 = *(u64 *)(r10 -8)`, `if r0 == 0x0 goto pc+3`,
//! `call bpf_map_lookup_elem#1`, `lock *(u64 *)(r0 +0) += r1`, and `r1 = map[fs_counts] ll` for
//! a map reference.
//!
//! The printer serves `--emit asm` (`print_object`) and the codegen goldens (`print_annotated`
//! with `;;` source notes); the parser reads one program's listing, so tests can write
//! programs as text and check the round trip text → `Insn` → bytes → `Insn` → text. A slot the
//! printer cannot name (an unknown opcode, a stray second half of `ld_imm64`) prints as
//! `.raw CODE DST SRC OFF IMM`, which parses back to the same slot, so every byte sequence
//! round-trips. `;` starts a comment; a leading `N:` (the slot number the printer writes) is
//! ignored. This module does not check operands the way the verifier does.

use std::fmt::Write as _;

use super::helpers::Helper;
use super::insn::*;
use super::{MapReloc, Object};

/// A line of assembly that is not an instruction.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct AsmError {
    pub line: usize,
    pub message: String,
}

/// The listing of `insns`, one instruction per line prefixed by its slot number (`ld_imm64`
/// takes two slots, so the numbers skip one after it). `relocs` names the maps of `ld_imm64`s.
pub fn print(insns: &[Insn], relocs: &[MapReloc]) -> String {
    print_annotated(insns, relocs, &[])
}

/// [`print`] with `;; note` lines before the slots they are attached to, `(slot, note)`: the
/// source comments of the codegen goldens (the parser skips them, so listings still parse).
pub fn print_annotated(insns: &[Insn], relocs: &[MapReloc], notes: &[(usize, String)]) -> String {
    let mut out = String::new();
    let mut idx = 0;
    while idx < insns.len() {
        for (_, note) in notes.iter().filter(|(slot, _)| *slot == idx) {
            let _ = writeln!(out, ";; {note}");
        }
        let map = relocs
            .iter()
            .find(|r| r.insn == idx)
            .map(|r| r.map.as_str());
        let (text, slots) = insn_text(&insns[idx..], map);
        let _ = writeln!(out, "{idx:>4}: {text}");
        idx += slots;
    }
    out
}

/// A whole object for `--emit asm`: its maps as comments, then each program under a
/// `name: ; section` label.
pub fn print_object(obj: &Object) -> String {
    let mut out = String::new();
    for def in &obj.maps {
        let _ = writeln!(
            out,
            "; map {}: {:?} key {} value {} entries {} flags {:#x}",
            def.name, def.kind, def.key_size, def.value_size, def.max_entries, def.flags
        );
    }
    for prog in &obj.programs {
        if !out.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(out, "{}: ; {}", prog.name, prog.section);
        out.push_str(&print(&prog.insns, &prog.map_relocs));
    }
    out
}

fn size_name(size: Size) -> &'static str {
    match size {
        Size::B => "u8",
        Size::H => "u16",
        Size::W => "u32",
        Size::DW => "u64",
    }
}

fn alu_op_text(op: AluOp) -> &'static str {
    match op {
        AluOp::Add => "+=",
        AluOp::Sub => "-=",
        AluOp::Mul => "*=",
        AluOp::Div => "/=",
        AluOp::Or => "|=",
        AluOp::And => "&=",
        AluOp::Lsh => "<<=",
        AluOp::Rsh => ">>=",
        AluOp::Neg => "neg",
        AluOp::Mod => "%=",
        AluOp::Xor => "^=",
        AluOp::Mov => "=",
        AluOp::Arsh => "s>>=",
    }
}

fn cond_text(cond: Cond) -> &'static str {
    match cond {
        Cond::Eq => "==",
        Cond::Ne => "!=",
        Cond::Gt => ">",
        Cond::Ge => ">=",
        Cond::Lt => "<",
        Cond::Le => "<=",
        Cond::Sgt => "s>",
        Cond::Sge => "s>=",
        Cond::Slt => "s<",
        Cond::Sle => "s<=",
        Cond::Set => "&",
    }
}

fn atomic_name(op: AtomicOp) -> &'static str {
    match op {
        AtomicOp::Add | AtomicOp::FetchAdd => "add",
        AtomicOp::Or | AtomicOp::FetchOr => "or",
        AtomicOp::And | AtomicOp::FetchAnd => "and",
        AtomicOp::Xor | AtomicOp::FetchXor => "xor",
        AtomicOp::Xchg => "xchg",
        AtomicOp::CmpXchg => "cmpxchg",
    }
}

fn mem(size: Size, reg: u8, off: i16) -> String {
    format!("*({} *)(r{reg} {off:+})", size_name(size))
}

fn raw(insn: &Insn) -> String {
    format!(
        ".raw {:#04x} {} {} {} {}",
        insn.code, insn.dst, insn.src, insn.off, insn.imm
    )
}

/// The text of the instruction at `insns[0]` and how many slots it takes. `map` names the map
/// when `insns[0]` is a relocated `ld_imm64`.
pub fn insn_text(insns: &[Insn], map: Option<&str>) -> (String, usize) {
    let insn = &insns[0];
    let (d, s) = (insn.dst, insn.src);
    let code = insn.code;
    let op = code & 0xf0;
    let uses_reg = code & BPF_X == BPF_X;
    // Every arm below names a slot only when the fields its text leaves out are zero, so that
    // the text parses back to the same slot; anything else is `.raw`.
    let text = match insn.class() {
        _ if d > 10 || s > 10 => raw(insn),
        class @ (BPF_ALU64 | BPF_ALU) => {
            let p = if class == BPF_ALU64 { 'r' } else { 'w' };
            let (rd, rs) = (Reg(d), Reg(s));
            let by_reg = |op: AluOp| match class {
                BPF_ALU64 => Insn::alu64_reg(op, rd, rs),
                _ => Insn::alu32_reg(op, rd, rs),
            };
            let by_imm = |op: AluOp| match class {
                BPF_ALU64 => Insn::alu64_imm(op, rd, insn.imm),
                _ => Insn::alu32_imm(op, rd, insn.imm),
            };
            match AluOp::from_code(op) {
                _ if op == BPF_END
                    && class == BPF_ALU
                    && s == 0
                    && insn.off == 0
                    && matches!(insn.imm, 16 | 32 | 64) =>
                {
                    let which = if uses_reg { "be" } else { "le" };
                    format!("r{d} = {which}{} r{d}", insn.imm)
                }
                Some(AluOp::Neg) if *insn == Insn::new(class | BPF_NEG, d, 0, 0, 0) => {
                    format!("{p}{d} = -{p}{d}")
                }
                Some(AluOp::Neg) => raw(insn),
                Some(op) if *insn == by_reg(op) => {
                    format!("{p}{d} {} {p}{s}", alu_op_text(op))
                }
                Some(op) if *insn == by_imm(op) => {
                    format!("{p}{d} {} {}", alu_op_text(op), insn.imm)
                }
                _ => raw(insn),
            }
        }
        class @ (BPF_JMP | BPF_JMP32) => {
            let p = if class == BPF_JMP { 'r' } else { 'w' };
            let (rd, rs, off) = (Reg(d), Reg(s), insn.off);
            let by_reg = |cond: Cond| match class {
                BPF_JMP => Insn::jmp_reg(cond, rd, rs, off),
                _ => Insn::jmp32_reg(cond, rd, rs, off),
            };
            let by_imm = |cond: Cond| match class {
                BPF_JMP => Insn::jmp_imm(cond, rd, insn.imm, off),
                _ => Insn::jmp32_imm(cond, rd, insn.imm, off),
            };
            match Cond::from_code(op) {
                _ if *insn == Insn::exit() => "exit".to_string(),
                _ if *insn == Insn::ja(off) => format!("goto pc{off:+}"),
                _ if *insn == Insn::new(BPF_JMP | BPF_CALL, 0, s, 0, insn.imm) => match s {
                    0 => match Helper::from_id(insn.imm) {
                        Some(h) => format!("call {}#{}", h.name(), insn.imm),
                        None => format!("call unknown#{}", insn.imm),
                    },
                    BPF_PSEUDO_CALL => format!("call pc{:+}", insn.imm),
                    BPF_PSEUDO_KFUNC_CALL => format!("call kfunc#{}", insn.imm),
                    _ => raw(insn),
                },
                Some(cond) if *insn == by_reg(cond) => {
                    format!("if {p}{d} {} {p}{s} goto pc{off:+}", cond_text(cond))
                }
                Some(cond) if *insn == by_imm(cond) => {
                    format!(
                        "if {p}{d} {} {:#x} goto pc{off:+}",
                        cond_text(cond),
                        insn.imm
                    )
                }
                _ => raw(insn),
            }
        }
        BPF_LDX if code & 0xe0 == BPF_MEM && insn.imm == 0 => {
            format!("r{d} = {}", mem(Size::from_code(code), s, insn.off))
        }
        BPF_STX if code & 0xe0 == BPF_MEM && insn.imm == 0 => {
            format!("{} = r{s}", mem(Size::from_code(code), d, insn.off))
        }
        BPF_ST if code & 0xe0 == BPF_MEM && s == 0 => {
            format!("{} = {}", mem(Size::from_code(code), d, insn.off), insn.imm)
        }
        BPF_STX
            if code & 0xe0 == BPF_ATOMIC && matches!(Size::from_code(code), Size::W | Size::DW) =>
        {
            let size = Size::from_code(code);
            let width = if size == Size::DW { "64" } else { "" };
            let m = format!("({} *)(r{d} {:+})", size_name(size), insn.off);
            match AtomicOp::from_imm(insn.imm) {
                Some(op @ (AtomicOp::Add | AtomicOp::Or | AtomicOp::And | AtomicOp::Xor)) => {
                    let sym = alu_op_text(AluOp::from_code(op.imm() as u8).expect("an alu op"));
                    format!("lock *{m} {sym} r{s}")
                }
                Some(AtomicOp::CmpXchg) => format!("r0 = atomic{width}_cmpxchg({m}, r0, r{s})"),
                Some(op @ AtomicOp::Xchg) => {
                    format!("r{s} = atomic{width}_{}({m}, r{s})", atomic_name(op))
                }
                Some(op) => format!("r{s} = atomic{width}_fetch_{}({m}, r{s})", atomic_name(op)),
                None => raw(insn),
            }
        }
        BPF_LD
            if insn.is_ld_imm64()
                && insn.off == 0
                && insns.len() >= 2
                && insns[1] == Insn::new(0, 0, 0, 0, insns[1].imm) =>
        {
            let value = (insn.imm as u32 as u64) | ((insns[1].imm as u32 as u64) << 32);
            let text = match map {
                Some(name) if s == 0 && value == 0 => format!("r{d} = map[{name}] ll"),
                _ if s == 0 => format!("r{d} = {value:#x} ll"),
                _ => return (raw(insn), 1),
            };
            return (text, 2);
        }
        _ => raw(insn),
    };
    (text, 1)
}

/// Parses a listing in the printer's syntax into slots and the map references it names.
pub fn parse(text: &str) -> Result<(Vec<Insn>, Vec<MapReloc>), AsmError> {
    let mut insns = Vec::new();
    let mut relocs = Vec::new();
    for (line_idx, line) in text.lines().enumerate() {
        let line_no = line_idx + 1;
        let code = line.split(';').next().unwrap_or("");
        let mut c = Cursor { rest: code };
        // The printer's slot number.
        let save = c.rest;
        if c.int().is_ok() && c.eat(":") {
        } else {
            c.rest = save;
        }
        if c.at_end() {
            continue;
        }
        let parsed = parse_insn(&mut c).and_then(|it| match c.at_end() {
            true => Ok(it),
            false => Err(format!("unexpected `{}`", c.rest.trim())),
        });
        match parsed {
            Ok(Parsed::One(insn)) => insns.push(insn),
            Ok(Parsed::Two(pair)) => insns.extend(pair),
            Ok(Parsed::Map(dst, map)) => {
                relocs.push(MapReloc {
                    insn: insns.len(),
                    map,
                });
                insns.extend(Insn::ld_map_fd(dst));
            }
            Err(message) => {
                return Err(AsmError {
                    line: line_no,
                    message,
                });
            }
        }
    }
    Ok((insns, relocs))
}

enum Parsed {
    One(Insn),
    Two([Insn; 2]),
    Map(Reg, String),
}

struct Cursor<'a> {
    rest: &'a str,
}

impl Cursor<'_> {
    fn skip_ws(&mut self) {
        self.rest = self.rest.trim_start();
    }

    fn at_end(&mut self) -> bool {
        self.skip_ws();
        self.rest.is_empty()
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_ws();
        match self.rest.strip_prefix(token) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    fn expect(&mut self, token: &str) -> Result<(), String> {
        match self.eat(token) {
            true => Ok(()),
            false => Err(format!("expected `{token}` at `{}`", self.rest.trim())),
        }
    }

    fn word(&mut self) -> &str {
        self.skip_ws();
        let end = self
            .rest
            .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
            .unwrap_or(self.rest.len());
        let (word, rest) = self.rest.split_at(end);
        self.rest = rest;
        word
    }

    /// A register `rN` or `wN`; the flag says whether it was the 32-bit name.
    fn reg(&mut self) -> Result<(Reg, bool), String> {
        self.skip_ws();
        let save = self.rest;
        let word = self.word();
        let parsed = match word.split_at_checked(1) {
            Some(("r", n)) => n.parse::<u8>().ok().map(|n| (Reg(n), false)),
            Some(("w", n)) => n.parse::<u8>().ok().map(|n| (Reg(n), true)),
            _ => None,
        };
        match parsed {
            Some(it) if it.0.0 <= 10 => Ok(it),
            _ => {
                self.rest = save;
                Err(format!("expected a register at `{}`", save.trim()))
            }
        }
    }

    fn peek_reg(&mut self) -> bool {
        let save = self.rest;
        let res = self.reg().is_ok();
        self.rest = save;
        res
    }

    /// A signed decimal or `0x` hexadecimal integer (hex may use all 64 bits).
    fn int(&mut self) -> Result<i128, String> {
        self.skip_ws();
        let save = self.rest;
        let neg = self.eat("-");
        if !neg {
            self.eat("+");
        }
        self.skip_ws();
        let (digits, radix) = match self.rest.strip_prefix("0x") {
            Some(hex) => (hex, 16),
            None => (self.rest, 10),
        };
        let end = digits
            .find(|ch: char| !ch.is_digit(radix))
            .unwrap_or(digits.len());
        if end == 0 {
            self.rest = save;
            return Err(format!("expected a number at `{}`", save.trim()));
        }
        let value = i128::from_str_radix(&digits[..end], radix).map_err(|e| e.to_string())?;
        self.rest = &digits[end..];
        Ok(if neg { -value } else { value })
    }

    /// A 32-bit immediate: decimal in the i32 range, or hex as the u32 bit pattern the printer
    /// writes (`0xffffffff` is -1).
    fn imm32(&mut self) -> Result<i32, String> {
        let value = self.int()?;
        match value {
            v if (i32::MIN as i128..=i32::MAX as i128).contains(&v) => Ok(v as i32),
            v if (0..=u32::MAX as i128).contains(&v) => Ok(v as u32 as i32),
            v => Err(format!("{v} does not fit in 32 bits")),
        }
    }

    fn off16(&mut self) -> Result<i16, String> {
        let value = self.int()?;
        i16::try_from(value).map_err(|_| format!("offset {value} does not fit in 16 bits"))
    }

    /// `pc+N` / `pc-N`.
    fn pc_off(&mut self) -> Result<i128, String> {
        self.expect("pc")?;
        self.int()
    }

    /// `(u64 *)(r1 -8)` (without the leading `*` of a dereference).
    fn mem(&mut self) -> Result<(Size, Reg, i16), String> {
        self.expect("(")?;
        let size = match self.word() {
            "u8" => Size::B,
            "u16" => Size::H,
            "u32" => Size::W,
            "u64" => Size::DW,
            other => return Err(format!("unknown access size `{other}`")),
        };
        self.expect("*")?;
        self.expect(")")?;
        self.expect("(")?;
        let (reg, _) = self.reg()?;
        let off = self.off16()?;
        self.expect(")")?;
        Ok((size, reg, off))
    }
}

fn parse_insn(c: &mut Cursor<'_>) -> Result<Parsed, String> {
    let one = |insn| Ok(Parsed::One(insn));
    if c.eat(".raw") {
        let code = c.int()? as u8;
        let dst = c.int()? as u8;
        let src = c.int()? as u8;
        let off = c.off16()?;
        let imm = c.imm32()?;
        return one(Insn::new(code, dst, src, off, imm));
    }
    if c.eat("lock") {
        c.expect("*")?;
        let (size, dst, off) = c.mem()?;
        let op = match () {
            _ if c.eat("+=") => AtomicOp::Add,
            _ if c.eat("|=") => AtomicOp::Or,
            _ if c.eat("&=") => AtomicOp::And,
            _ if c.eat("^=") => AtomicOp::Xor,
            _ => {
                return Err(format!(
                    "expected an atomic operation at `{}`",
                    c.rest.trim()
                ));
            }
        };
        let (src, _) = c.reg()?;
        return one(Insn::atomic(size, op, dst, src, off));
    }
    if c.eat("*") {
        let (size, dst, off) = c.mem()?;
        c.expect("=")?;
        if c.peek_reg() {
            let (src, _) = c.reg()?;
            return one(Insn::stx(size, dst, src, off));
        }
        return one(Insn::st_imm(size, dst, off, c.imm32()?));
    }
    let save = c.rest;
    match c.word() {
        "exit" => return one(Insn::exit()),
        "goto" => {
            let off = c.pc_off()?;
            return one(Insn::ja(
                i16::try_from(off).map_err(|_| "jump too far".to_string())?,
            ));
        }
        "call" => {
            if c.eat("pc") {
                return one(Insn::call_local(
                    i32::try_from(c.int()?).map_err(|e| e.to_string())?,
                ));
            }
            let name = c.word().to_string();
            c.expect("#")?;
            let id = c.imm32()?;
            return match name.as_str() {
                "kfunc" => one(Insn::call_kfunc(id)),
                _ => one(Insn::call_helper(id)),
            };
        }
        "if" => {
            let (dst, is32) = c.reg()?;
            let cond = [
                ("s>=", Cond::Sge),
                ("s<=", Cond::Sle),
                ("s>", Cond::Sgt),
                ("s<", Cond::Slt),
                ("==", Cond::Eq),
                ("!=", Cond::Ne),
                (">=", Cond::Ge),
                ("<=", Cond::Le),
                (">", Cond::Gt),
                ("<", Cond::Lt),
                ("&", Cond::Set),
            ]
            .into_iter()
            .find(|(text, _)| c.eat(text))
            .map(|(_, cond)| cond)
            .ok_or_else(|| format!("expected a comparison at `{}`", c.rest.trim()))?;
            let src = if c.peek_reg() { Some(c.reg()?.0) } else { None };
            let imm = match src {
                Some(_) => 0,
                None => c.imm32()?,
            };
            c.expect("goto")?;
            let off = i16::try_from(c.pc_off()?).map_err(|_| "jump too far".to_string())?;
            return one(match (src, is32) {
                (Some(src), false) => Insn::jmp_reg(cond, dst, src, off),
                (Some(src), true) => Insn::jmp32_reg(cond, dst, src, off),
                (None, false) => Insn::jmp_imm(cond, dst, imm, off),
                (None, true) => Insn::jmp32_imm(cond, dst, imm, off),
            });
        }
        _ => c.rest = save,
    }
    let (dst, is32) = c.reg()?;
    let ops = [
        ("s>>=", AluOp::Arsh),
        ("<<=", AluOp::Lsh),
        (">>=", AluOp::Rsh),
        ("+=", AluOp::Add),
        ("-=", AluOp::Sub),
        ("*=", AluOp::Mul),
        ("/=", AluOp::Div),
        ("|=", AluOp::Or),
        ("&=", AluOp::And),
        ("%=", AluOp::Mod),
        ("^=", AluOp::Xor),
        ("=", AluOp::Mov),
    ];
    let op = ops
        .into_iter()
        .find(|(text, _)| c.eat(text))
        .map(|(_, op)| op)
        .ok_or_else(|| format!("expected an assignment at `{}`", c.rest.trim()))?;
    let alu = |imm: Option<i32>, src: Option<Reg>| match (is32, src) {
        (false, Some(src)) => Insn::alu64_reg(op, dst, src),
        (true, Some(src)) => Insn::alu32_reg(op, dst, src),
        (false, None) => Insn::alu64_imm(op, dst, imm.unwrap_or(0)),
        (true, None) => Insn::alu32_imm(op, dst, imm.unwrap_or(0)),
    };
    if op != AluOp::Mov {
        if c.peek_reg() {
            return one(alu(None, Some(c.reg()?.0)));
        }
        return one(alu(Some(c.imm32()?), None));
    }
    // `dst = …`: a load, a negation, a byte swap, an atomic with fetch, a 64-bit constant, a
    // map address or a plain move.
    if c.eat("*") {
        let (size, src, off) = c.mem()?;
        return one(Insn::ldx(size, dst, src, off));
    }
    if c.eat("map[") {
        let name = c.rest.split(']').next().unwrap_or("").trim().to_string();
        c.rest = &c.rest[c.rest.find(']').ok_or("expected `]`")? + 1..];
        c.expect("ll")?;
        return Ok(Parsed::Map(dst, name));
    }
    if c.rest.trim_start().starts_with("-r") || c.rest.trim_start().starts_with("-w") {
        c.expect("-")?;
        let (src, _) = c.reg()?;
        if src != dst {
            return Err("negation must be in place (`r1 = -r1`)".to_string());
        }
        return one(match is32 {
            false => Insn::neg64(dst),
            true => Insn::new(BPF_ALU | BPF_NEG, dst.0, 0, 0, 0),
        });
    }
    let save = c.rest;
    let word = c.word().to_string();
    if let Some(bits) = word
        .strip_prefix("be")
        .or(word.strip_prefix("le"))
        .and_then(|b| b.parse::<i32>().ok())
    {
        c.reg()?;
        return one(match word.starts_with("be") {
            true => Insn::to_be(dst, bits),
            false => Insn::to_le(dst, bits),
        });
    }
    if let Some(name) = word
        .strip_prefix("atomic64_")
        .or(word.strip_prefix("atomic_"))
    {
        let size = if word.starts_with("atomic64_") {
            Size::DW
        } else {
            Size::W
        };
        c.expect("(")?;
        let (_, mem_reg, off) = c.mem()?;
        c.expect(",")?;
        let op = match name {
            "fetch_add" => AtomicOp::FetchAdd,
            "fetch_or" => AtomicOp::FetchOr,
            "fetch_and" => AtomicOp::FetchAnd,
            "fetch_xor" => AtomicOp::FetchXor,
            "xchg" => AtomicOp::Xchg,
            "cmpxchg" => {
                c.expect("r0")?;
                c.expect(",")?;
                AtomicOp::CmpXchg
            }
            other => return Err(format!("unknown atomic operation `{other}`")),
        };
        let (src, _) = c.reg()?;
        c.expect(")")?;
        return one(Insn::atomic(size, op, mem_reg, src, off));
    }
    c.rest = save;
    if c.peek_reg() {
        return one(alu(None, Some(c.reg()?.0)));
    }
    let value = c.int()?;
    if c.eat("ll") {
        if !(i64::MIN as i128..=u64::MAX as i128).contains(&value) {
            return Err(format!("{value} does not fit in 64 bits"));
        }
        return Ok(Parsed::Two(Insn::ld_imm64(dst, value as u64)));
    }
    c.rest = save;
    one(alu(Some(c.imm32()?), None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_kernel_syntax() {
        let mut prog = vec![
            Insn::stx(Size::DW, Reg::FP, Reg::R1, -8),
            Insn::ldx(Size::W, Reg::R2, Reg::FP, -8),
            Insn::jmp_imm(Cond::Eq, Reg::R0, 0, 3),
            Insn::call_helper(1),
        ];
        prog.extend(Insn::ld_map_fd(Reg::R1));
        prog.push(Insn::exit());
        let relocs = [MapReloc {
            insn: 4,
            map: "fs_counts".into(),
        }];
        let text = print(&prog, &relocs);
        let expected = "   0: *(u64 *)(r10 -8) = r1\n   1: r2 = *(u32 *)(r10 -8)\n   2: if r0 == 0x0 goto pc+3\n   3: call bpf_map_lookup_elem#1\n   4: r1 = map[fs_counts] ll\n   6: exit\n";
        assert_eq!(text, expected);
        assert_eq!(parse(&text), Ok((prog, relocs.to_vec())));
    }

    #[test]
    fn annotations_are_comments() {
        let prog = [Insn::mov64_imm(Reg::R0, 0), Insn::exit()];
        let text = print_annotated(&prog, &[], &[(1, "return 0".into())]);
        assert_eq!(text, "   0: r0 = 0\n;; return 0\n   1: exit\n");
        assert_eq!(parse(&text), Ok((prog.to_vec(), vec![])));
    }

    /// Any slot prints as text that parses back to it (`.raw` when it has no better name).
    #[test]
    fn every_slot_round_trips() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..200_000 {
            let r = next();
            // Mostly small fields, so that the named forms are hit, not only `.raw`.
            let small = r & 0x100 != 0;
            let insn = Insn {
                code: r as u8,
                dst: ((r >> 8) & 0x0f) as u8 % if small { 11 } else { 16 },
                src: ((r >> 12) & 0x0f) as u8 % if small { 11 } else { 16 },
                off: if small {
                    ((r >> 16) as i16) % 4
                } else {
                    (r >> 16) as i16
                },
                imm: if small {
                    ((r >> 32) as i32) % 3
                } else {
                    (r >> 32) as i32
                },
            };
            let second = Insn::new(0, 0, 0, 0, (next() >> 32) as i32);
            let slots = [insn, second];
            let text = print(&slots, &[]);
            assert_eq!(
                parse(&text),
                Ok((slots.to_vec(), vec![])),
                "{insn:?} printed as {text}"
            );
        }
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse("r0 = 0\nr0 = frob\n").unwrap_err();
        assert_eq!(err.line, 2);
    }
}
