; Refused by the verifier: a hash lookup's result is read without the NULL check.
*(u32 *)(r10 -4) = 0
r1 = map[fs_counts] ll
r2 = r10
r2 += -4
call bpf_map_lookup_elem#1
r1 = *(u64 *)(r0 +0)
r0 = 0
exit
