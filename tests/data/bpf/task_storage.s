; tp_btf/sched_switch: count switches per task in task storage (map BTF typed key and value).
call bpf_get_current_task_btf#158
r2 = r0
r1 = map[fs_tstore] ll
r3 = 0
; BPF_LOCAL_STORAGE_GET_F_CREATE
r4 = 1
call bpf_task_storage_get#156
if r0 == 0x0 goto pc+2
r1 = 1
lock *(u64 *)(r0 +0) += r1
r0 = 0
exit
