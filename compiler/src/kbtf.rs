//! The kernel's own BTF (`/sys/kernel/btf/vmlinux`), read for the few facts a program needs:
//! the byte offset of a struct member (`task_struct.se.cfs_rq`), and the id of a named type or
//! function (the `btf_trace_sched_switch` a `tp_btf` program attaches to, a kfunc to call).
//!
//! Why not a BTF crate: we compile on the target, and every millisecond before the probes are
//! live counts (docs/PERFORMANCE.md). A whole-BTF parse into typed structures (aya's, ≈ 12 ms)
//! is far more than these lookups need: one pass records where each type starts (≈ 126 000
//! types, 5 MiB), and each lookup walks names from there. Read once per run, only when a
//! probe asks for it.

use std::fmt;

const BTF_MAGIC: u16 = 0xeb9f;

/// The kinds we look up by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Int = 1,
    Ptr = 2,
    Array = 3,
    Struct = 4,
    Union = 5,
    Enum = 6,
    Fwd = 7,
    Typedef = 8,
    Volatile = 9,
    Const = 10,
    Restrict = 11,
    Func = 12,
    FuncProto = 13,
    Var = 14,
    Datasec = 15,
    Float = 16,
    DeclTag = 17,
    TypeTag = 18,
    Enum64 = 19,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BtfError(pub String);

impl fmt::Display for BtfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The BTF bytes: mapped from sysfs, or owned (tests, fixtures).
enum Bytes {
    Owned(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Mapped(m) => m,
        }
    }
}

/// A kernel BTF blob with an index of where each type starts. Type ids count from 1.
pub struct KernelBtf {
    data: Bytes,
    types_start: usize,
    strings: (usize, usize),
    /// Byte offset (from `types_start`) of type `id`, at index `id - 1`.
    offsets: Vec<u32>,
}

impl KernelBtf {
    /// Reads the running kernel's BTF.
    pub fn load() -> Result<KernelBtf, BtfError> {
        let path = "/sys/kernel/btf/vmlinux";
        let file =
            std::fs::File::open(path).map_err(|e| BtfError(format!("reading {path}: {e}")))?;
        // SAFETY: a read-only private mapping of a sysfs file the kernel never changes while
        // it runs; the bytes are only read, and the map lives as long as `KernelBtf`.
        let mapped = unsafe { memmap2::MmapOptions::new().map_copy_read_only(&file) };
        match mapped {
            Ok(m) => KernelBtf::index(Bytes::Mapped(m)),
            // Kernels before 6.16 do not map it: read it, 4 KiB per call.
            Err(_) => {
                let data =
                    std::fs::read(path).map_err(|e| BtfError(format!("reading {path}: {e}")))?;
                KernelBtf::parse(data)
            }
        }
    }

    pub fn parse(data: Vec<u8>) -> Result<KernelBtf, BtfError> {
        KernelBtf::index(Bytes::Owned(data))
    }

    fn index(data: Bytes) -> Result<KernelBtf, BtfError> {
        let bad = || BtfError("not a BTF blob (bad header)".into());
        if data.len() < 24 || u16::from_le_bytes([data[0], data[1]]) != BTF_MAGIC {
            return Err(bad());
        }
        let word = |at: usize| u32::from_le_bytes(data[at..at + 4].try_into().unwrap());
        let hdr_len = word(4) as usize;
        let (type_off, type_len) = (word(8) as usize, word(12) as usize);
        let (str_off, str_len) = (word(16) as usize, word(20) as usize);
        let types_start = hdr_len + type_off;
        let strings = (hdr_len + str_off, str_len);
        if types_start + type_len > data.len() || strings.0 + strings.1 > data.len() {
            return Err(bad());
        }
        let mut offsets = Vec::with_capacity(1 << 17);
        let mut at = 0usize;
        while at + 12 <= type_len {
            offsets.push(at as u32);
            let info = word(types_start + at + 4);
            let vlen = (info & 0xffff) as usize;
            let extra = match (info >> 24) & 0x1f {
                1 | 14 | 17 => 4,
                3 => 12,
                4 | 5 | 15 | 19 => 12 * vlen,
                6 | 13 => 8 * vlen,
                2 | 7..=12 | 16 | 18 => 0,
                k => return Err(BtfError(format!("unknown BTF kind {k}"))),
            };
            at += 12 + extra;
        }
        Ok(KernelBtf {
            data,
            types_start,
            strings,
            offsets,
        })
    }

    fn word(&self, at: usize) -> u32 {
        u32::from_le_bytes(self.data[at..at + 4].try_into().unwrap())
    }

    fn name(&self, off: u32) -> &[u8] {
        let start = self.strings.0 + off as usize;
        let end = self.strings.0 + self.strings.1;
        let s = &self.data[start.min(end)..end];
        &s[..s.iter().position(|&b| b == 0).unwrap_or(s.len())]
    }

    /// `(name_off, info, size_or_type)` of type `id` and where its extra data starts.
    fn header(&self, id: u32) -> Option<(u32, u32, u32, usize)> {
        let off = *self.offsets.get(id.checked_sub(1)? as usize)? as usize;
        let at = self.types_start + off;
        Some((self.word(at), self.word(at + 4), self.word(at + 8), at + 12))
    }

    fn kind_of(info: u32) -> u32 {
        (info >> 24) & 0x1f
    }

    /// The id of the first type of `kind` named `name`.
    pub fn find(&self, kind: Kind, name: &str) -> Option<u32> {
        let want = name.as_bytes();
        (1..=self.offsets.len() as u32).find(|&id| {
            let (name_off, info, _, _) = self.header(id).unwrap();
            Self::kind_of(info) == kind as u32 && self.name(name_off) == want
        })
    }

    /// Follows typedefs and qualifiers to the type they name.
    fn resolve(&self, mut id: u32) -> u32 {
        for _ in 0..32 {
            match self.header(id) {
                Some((_, info, ty, _)) if matches!(Self::kind_of(info), 8..=11 | 18) => id = ty,
                _ => break,
            }
        }
        id
    }

    /// The byte offset of `path` (`se.cfs_rq`, dots between members) inside struct `strukt`,
    /// and the id of the member's type. Members of anonymous structs and unions are found as
    /// if they were direct members, as C names them.
    pub fn member(&self, strukt: &str, path: &str) -> Result<(u32, u32), BtfError> {
        let mut id = self
            .find(Kind::Struct, strukt)
            .ok_or_else(|| BtfError(format!("the kernel has no `struct {strukt}`")))?;
        let mut total = 0u32;
        let mut ty = id;
        for part in path.split('.') {
            let (off, member_ty) = self.direct_member(id, part).ok_or_else(|| {
                BtfError(format!(
                    "`struct {strukt}` has no member `{path}` in this kernel"
                ))
            })?;
            total += off;
            ty = member_ty;
            id = self.resolve(member_ty);
        }
        Ok((total, ty))
    }

    /// Like [`member`](Self::member), but the path may step through pointers
    /// (`se.cfs_rq->rq`): each `->` is a load at run time. Returns the offsets of each load,
    /// in order (the first from `strukt`, each next from the pointer the previous one read).
    pub fn member_chain(&self, strukt: &str, path: &str) -> Result<Vec<u32>, BtfError> {
        let mut out = Vec::new();
        let mut current = strukt.to_string();
        for (i, hop) in path.split("->").enumerate() {
            let (off, ty) = self.member(&current, hop)?;
            out.push(off);
            if i + 1 < path.split("->").count() {
                current = self.pointee_struct(ty).ok_or_else(|| {
                    BtfError(format!(
                        "`{hop}` in `struct {current}` is not a struct pointer"
                    ))
                })?;
            }
        }
        Ok(out)
    }

    fn pointee_struct(&self, ty: u32) -> Option<String> {
        let (_, info, target, _) = self.header(self.resolve(ty))?;
        if Self::kind_of(info) != Kind::Ptr as u32 {
            return None;
        }
        let (name_off, info, _, _) = self.header(self.resolve(target))?;
        (Self::kind_of(info) == Kind::Struct as u32)
            .then(|| String::from_utf8_lossy(self.name(name_off)).into_owned())
    }

    fn direct_member(&self, id: u32, name: &str) -> Option<(u32, u32)> {
        let (_, info, _, extra) = self.header(id)?;
        if !matches!(Self::kind_of(info), 4 | 5) {
            return None;
        }
        let kflag = info >> 31 == 1;
        for i in 0..(info & 0xffff) as usize {
            let at = extra + 12 * i;
            let (name_off, ty, raw) = (self.word(at), self.word(at + 4), self.word(at + 8));
            let bits = if kflag { raw & 0x00ff_ffff } else { raw };
            if self.name(name_off) == name.as_bytes() {
                return Some((bits / 8, ty));
            }
            if name_off == 0
                && let Some((off, t)) = self.direct_member(self.resolve(ty), name)
            {
                return Some((bits / 8 + off, t));
            }
        }
        None
    }

    /// The parameter names of the function a `btf_trace_<name>` typedef points to, after the
    /// leading `void *` (the raw tracepoint's context argument is not one of the args).
    pub fn tracepoint_params(&self, name: &str) -> Option<(u32, usize)> {
        let id = self.find(Kind::Typedef, &format!("btf_trace_{name}"))?;
        let (_, _, ptr, _) = self.header(id)?;
        let (_, info, proto, _) = self.header(ptr)?;
        if Self::kind_of(info) != Kind::Ptr as u32 {
            return None;
        }
        let (_, info, _, _) = self.header(proto)?;
        (Self::kind_of(info) == Kind::FuncProto as u32)
            .then(|| (id, ((info & 0xffff) as usize).saturating_sub(1)))
    }

    /// The value of enumerator `name` of `enum enum_name` (`bpf_func_id`'s
    /// `BPF_FUNC_task_pt_regs` says whether the kernel has that helper).
    pub fn enum_value(&self, enum_name: &str, name: &str) -> Option<i64> {
        let id = self.find(Kind::Enum, enum_name)?;
        let (_, info, _, extra) = self.header(id)?;
        (0..(info & 0xffff) as usize).find_map(|i| {
            let at = extra + 8 * i;
            (self.name(self.word(at)) == name.as_bytes())
                .then(|| i64::from(self.word(at + 4) as i32))
        })
    }

    pub fn type_count(&self) -> usize {
        self.offsets.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kernel() -> Option<KernelBtf> {
        // Unit tests run anywhere; the kernel's BTF is checked where it exists (CI has it).
        KernelBtf::load().ok()
    }

    #[test]
    fn finds_task_struct_members() {
        let Some(btf) = kernel() else { return };
        assert!(btf.type_count() > 10_000);
        let (pid, _) = btf.member("task_struct", "pid").unwrap();
        let (tgid, _) = btf.member("task_struct", "tgid").unwrap();
        // `tgid` follows `pid` in every kernel since 2.6.
        assert_eq!(tgid, pid + 4);
        let chain = btf.member_chain("task_struct", "se.cfs_rq->rq").unwrap();
        assert_eq!(chain.len(), 2);
        assert!(btf.member("task_struct", "no_such_member").is_err());
        assert!(btf.member("no_such_struct", "pid").is_err());
    }

    #[test]
    fn finds_tracepoint_and_kfunc_ids() {
        let Some(btf) = kernel() else { return };
        let (id, params) = btf.tracepoint_params("sched_switch").unwrap();
        assert!(id > 0);
        assert_eq!(params, 4, "preempt, prev, next, prev_state");
        assert!(btf.find(Kind::Func, "bpf_get_current_pid_tgid").is_some() || id > 0);
        assert!(btf.find(Kind::Struct, "bpf_task_work").is_some());
    }

    #[test]
    fn finds_helper_ids() {
        let Some(btf) = kernel() else { return };
        // Helper ids are uapi: fixed forever.
        assert_eq!(
            btf.enum_value("bpf_func_id", "BPF_FUNC_map_lookup_elem"),
            Some(1)
        );
        assert_eq!(
            btf.enum_value("bpf_func_id", "BPF_FUNC_task_pt_regs"),
            Some(175)
        );
        assert_eq!(
            btf.enum_value("bpf_func_id", "BPF_FUNC_no_such_helper"),
            None
        );
    }

    #[test]
    fn rejects_garbage() {
        assert!(KernelBtf::parse(vec![0; 10]).is_err());
        assert!(KernelBtf::parse(vec![0; 64]).is_err());
    }
}
