//! The BPF helper functions flamescript calls: their ids (the `enum bpf_func_id` order of
//! `include/uapi/linux/bpf.h`) and names, one table.
//!
//! The ids were checked against the `bpf_func_id` enumeration that aya-obj 0.3 generates from the
//! kernel's uapi header (`BPF_FUNC_map_lookup_elem = 1` … `BPF_FUNC_task_storage_get = 156`).
//! This file does not (yet) say which program types may call a helper or the kinds of its
//! arguments: the kernel verifier is the authority there, and lowering learns it from the
//! verifier log.

/// A helper, by the name the kernel gives it without the `bpf_` prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Helper {
    MapLookupElem,
    MapUpdateElem,
    MapDeleteElem,
    ProbeRead,
    KtimeGetNs,
    TracePrintk,
    GetPrandomU32,
    GetSmpProcessorId,
    TailCall,
    GetCurrentPidTgid,
    GetCurrentUidGid,
    GetCurrentComm,
    PerfEventOutput,
    GetStackid,
    GetCurrentTask,
    GetStack,
    GetCurrentCgroupId,
    ProbeReadUser,
    ProbeReadKernel,
    ProbeReadUserStr,
    ProbeReadKernelStr,
    KtimeGetBootNs,
    RingbufOutput,
    RingbufReserve,
    RingbufSubmit,
    RingbufDiscard,
    RingbufQuery,
    GetTaskStack,
    TaskStorageGet,
    TaskStorageDelete,
    GetCurrentTaskBtf,
    TaskPtRegs,
    Loop,
}

/// `(helper, id, name)` in id order; the single source of both directions of lookup.
const TABLE: [(Helper, i32, &str); 33] = [
    (Helper::MapLookupElem, 1, "bpf_map_lookup_elem"),
    (Helper::MapUpdateElem, 2, "bpf_map_update_elem"),
    (Helper::MapDeleteElem, 3, "bpf_map_delete_elem"),
    (Helper::ProbeRead, 4, "bpf_probe_read"),
    (Helper::KtimeGetNs, 5, "bpf_ktime_get_ns"),
    (Helper::TracePrintk, 6, "bpf_trace_printk"),
    (Helper::GetPrandomU32, 7, "bpf_get_prandom_u32"),
    (Helper::GetSmpProcessorId, 8, "bpf_get_smp_processor_id"),
    (Helper::TailCall, 12, "bpf_tail_call"),
    (Helper::GetCurrentPidTgid, 14, "bpf_get_current_pid_tgid"),
    (Helper::GetCurrentUidGid, 15, "bpf_get_current_uid_gid"),
    (Helper::GetCurrentComm, 16, "bpf_get_current_comm"),
    (Helper::PerfEventOutput, 25, "bpf_perf_event_output"),
    (Helper::GetStackid, 27, "bpf_get_stackid"),
    (Helper::GetCurrentTask, 35, "bpf_get_current_task"),
    (Helper::GetStack, 67, "bpf_get_stack"),
    (Helper::GetCurrentCgroupId, 80, "bpf_get_current_cgroup_id"),
    (Helper::ProbeReadUser, 112, "bpf_probe_read_user"),
    (Helper::ProbeReadKernel, 113, "bpf_probe_read_kernel"),
    (Helper::ProbeReadUserStr, 114, "bpf_probe_read_user_str"),
    (Helper::ProbeReadKernelStr, 115, "bpf_probe_read_kernel_str"),
    (Helper::KtimeGetBootNs, 125, "bpf_ktime_get_boot_ns"),
    (Helper::RingbufOutput, 130, "bpf_ringbuf_output"),
    (Helper::RingbufReserve, 131, "bpf_ringbuf_reserve"),
    (Helper::RingbufSubmit, 132, "bpf_ringbuf_submit"),
    (Helper::RingbufDiscard, 133, "bpf_ringbuf_discard"),
    (Helper::RingbufQuery, 134, "bpf_ringbuf_query"),
    (Helper::GetTaskStack, 141, "bpf_get_task_stack"),
    (Helper::TaskStorageGet, 156, "bpf_task_storage_get"),
    (Helper::TaskStorageDelete, 157, "bpf_task_storage_delete"),
    (Helper::GetCurrentTaskBtf, 158, "bpf_get_current_task_btf"),
    (Helper::TaskPtRegs, 175, "bpf_task_pt_regs"),
    (Helper::Loop, 181, "bpf_loop"),
];

/// Flags of `bpf_get_stackid` / `bpf_get_stack` / `bpf_get_task_stack`.
pub const BPF_F_SKIP_FIELD_MASK: u64 = 0xff;
pub const BPF_F_USER_STACK: u64 = 1 << 8;
/// `bpf_get_stackid` only: compare whole stacks on a hash collision instead of overwriting.
pub const BPF_F_FAST_STACK_CMP: u64 = 1 << 9;
pub const BPF_F_REUSE_STACKID: u64 = 1 << 10;
/// `bpf_get_stack` only: the user build id + offset form.
pub const BPF_F_USER_BUILD_ID: u64 = 1 << 11;
/// `bpf_task_storage_get`: create the entry when missing.
pub const BPF_LOCAL_STORAGE_GET_F_CREATE: u64 = 1;
/// `bpf_map_update_elem` flags.
pub const BPF_ANY: u64 = 0;
pub const BPF_NOEXIST: u64 = 1;
pub const BPF_EXIST: u64 = 2;

impl Helper {
    fn row(self) -> &'static (Helper, i32, &'static str) {
        TABLE
            .iter()
            .find(|(h, _, _)| *h == self)
            .expect("every helper has a row")
    }

    /// The id that goes into `call`'s `imm`.
    pub fn id(self) -> i32 {
        self.row().1
    }

    /// The kernel's name, `bpf_…`, as bpftool prints it.
    pub fn name(self) -> &'static str {
        self.row().2
    }

    pub fn from_id(id: i32) -> Option<Helper> {
        TABLE.iter().find(|(_, i, _)| *i == id).map(|(h, _, _)| *h)
    }

    pub fn from_name(name: &str) -> Option<Helper> {
        TABLE
            .iter()
            .find(|(_, _, n)| *n == name)
            .map(|(h, _, _)| *h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_unique_and_invertible() {
        assert!(TABLE.windows(2).all(|w| w[0].1 < w[1].1));
        for (helper, id, name) in TABLE {
            assert_eq!(Helper::from_id(id), Some(helper));
            assert_eq!(Helper::from_name(name), Some(helper));
        }
        assert_eq!(Helper::GetStackid.id(), 27);
        assert_eq!(Helper::TaskStorageGet.id(), 156);
    }
}
