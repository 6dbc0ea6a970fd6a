; tp_btf/sched_switch: count context switches in fs_arr[0].
*(u32 *)(r10 -4) = 0
r1 = map[fs_arr] ll
r2 = r10
r2 += -4
call bpf_map_lookup_elem#1
if r0 == 0x0 goto pc+2
r1 = 1
lock *(u64 *)(r0 +0) += r1
r0 = 0
exit
