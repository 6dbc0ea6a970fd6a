; tracepoint/sched/sched_process_exec: count execs per new comm.
r1 = r10
r1 += -16
r2 = 16
call bpf_get_current_comm#16
r1 = map[fs_execs] ll
r2 = r10
r2 += -16
call bpf_map_lookup_elem#1
if r0 == 0x0 goto pc+3
r1 = 1
lock *(u64 *)(r0 +0) += r1
goto pc+9
*(u64 *)(r10 -24) = 1
r1 = map[fs_execs] ll
r2 = r10
r2 += -16
r3 = r10
r3 += -24
r4 = 1
call bpf_map_update_elem#2
r0 = 0
exit
