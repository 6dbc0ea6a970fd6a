   0: r2 = map[fs_stacks] ll
   2: r3 = 0
   3: call bpf_get_stackid#27
   4: *(u32 *)(r10 -4) = r0
   5: r1 = map[fs_counts] ll
   7: r2 = r10
   8: r2 += -4
   9: call bpf_map_lookup_elem#1
  10: if r0 == 0x0 goto pc+3
  11: r1 = 1
  12: lock *(u64 *)(r0 +0) += r1
  13: goto pc+9
  14: *(u64 *)(r10 -16) = 1
  15: r1 = map[fs_counts] ll
  17: r2 = r10
  18: r2 += -4
  19: r3 = r10
  20: r3 += -16
  21: r4 = 1
  22: call bpf_map_update_elem#2
  23: r0 = 0
  24: exit
