   0: call bpf_get_current_task_btf#158
   1: r2 = r0
   2: r1 = map[fs_tstore] ll
   4: r3 = 0
   5: r4 = 1
   6: call bpf_task_storage_get#156
   7: if r0 == 0x0 goto pc+2
   8: r1 = 1
   9: lock *(u64 *)(r0 +0) += r1
  10: r0 = 0
  11: exit
