   0: r1 = r10
   1: r1 += -16
   2: r2 = 16
   3: call bpf_get_current_comm#16
   4: r1 = map[fs_execs] ll
   6: r2 = r10
   7: r2 += -16
   8: call bpf_map_lookup_elem#1
   9: if r0 == 0x0 goto pc+3
  10: r1 = 1
  11: lock *(u64 *)(r0 +0) += r1
  12: goto pc+9
  13: *(u64 *)(r10 -24) = 1
  14: r1 = map[fs_execs] ll
  16: r2 = r10
  17: r2 += -16
  18: r3 = r10
  19: r3 += -24
  20: r4 = 1
  21: call bpf_map_update_elem#2
  22: r0 = 0
  23: exit
