   0: *(u32 *)(r10 -4) = 0
   1: r1 = map[fs_arr] ll
   3: r2 = r10
   4: r2 += -4
   5: call bpf_map_lookup_elem#1
   6: if r0 == 0x0 goto pc+2
   7: r1 = 1
   8: lock *(u64 *)(r0 +0) += r1
   9: r0 = 0
  10: exit
