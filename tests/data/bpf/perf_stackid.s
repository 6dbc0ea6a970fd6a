; perf_event: count samples per kernel stack id.
;   id = bpf_get_stackid(ctx, &fs_stacks, 0); fs_counts[id] += 1
r2 = map[fs_stacks] ll
r3 = 0
call bpf_get_stackid#27
*(u32 *)(r10 -4) = r0
r1 = map[fs_counts] ll
r2 = r10
r2 += -4
call bpf_map_lookup_elem#1
; A hash lookup may return NULL: the verifier insists on the check.
if r0 == 0x0 goto pc+3
r1 = 1
lock *(u64 *)(r0 +0) += r1
goto pc+9
; First sample of this stack: insert 1 unless another CPU just did (BPF_NOEXIST).
*(u64 *)(r10 -16) = 1
r1 = map[fs_counts] ll
r2 = r10
r2 += -4
r3 = r10
r3 += -16
r4 = 1
call bpf_map_update_elem#2
r0 = 0
exit
