   0: *(u32 *)(r10 -4) = 0
   1: r1 = map[fs_counts] ll
   3: r2 = r10
   4: r2 += -4
   5: call bpf_map_lookup_elem#1
   6: r1 = *(u64 *)(r0 +0)
   7: r0 = 0
   8: exit
