tracepoint:raw_syscalls:sys_enter /args.id == 0/ < @reads[pid] = count() >
fs_0_tracepoint (tracepoint/raw_syscalls/sys_enter):
   0: r6 = r1
;; tracepoint:raw_syscalls:sys_enter /args.id == 0/ < @reads[pi…
   1: *(u32 *)(r10 -8) = 0
   2: r7 = map[fs_losses] ll
   4: r8 = r10
   5: r8 += -8
   6: r1 = r7
   7: r2 = r8
   8: call bpf_map_lookup_elem#1
   9: r9 = r0
  10: if r9 == 0x0 goto pc+3
  11: r8 = *(u64 *)(r9 +0)
  12: r8 += 1
  13: *(u64 *)(r9 +0) = r8
;; args.id == 0
  14: r8 = *(u64 *)(r6 +8)
  15: r6 = 1
  16: if r8 == 0x0 goto pc+1
  17: r6 = 0
  18: if r6 == 0x0 goto pc+62
  19: *(u32 *)(r10 -16) = 0
  20: r6 = map[fs_losses] ll
  22: r8 = r10
  23: r8 += -16
  24: r1 = r6
  25: r2 = r8
  26: call bpf_map_lookup_elem#1
  27: r9 = r0
  28: if r9 == 0x0 goto pc+3
  29: r8 = *(u64 *)(r9 +8)
  30: r8 += 1
  31: *(u64 *)(r9 +8) = r8
;; @reads[pid] = count()
  32: r8 = 1
  33: *(u64 *)(r10 -24) = 0
  34: call bpf_get_current_pid_tgid#14
  35: r9 = r0
  36: r6 = r9
  37: r6 >>= 32
  38: *(u64 *)(r10 -24) = r6
  39: r6 = map[fs_0_reads] ll
  41: r9 = r10
  42: r9 += -24
  43: r1 = r6
  44: r2 = r9
  45: call bpf_map_lookup_elem#1
  46: r7 = r0
  47: if r7 == 0x0 goto pc+4
  48: r9 = *(u64 *)(r7 +0)
  49: r9 += r8
  50: *(u64 *)(r7 +0) = r9
  51: goto pc+29
  52: *(u64 *)(r10 -32) = r8
  53: r9 = map[fs_0_reads] ll
  55: r7 = r10
  56: r7 += -24
  57: r8 = r10
  58: r8 += -32
  59: r6 = 1
  60: r1 = r9
  61: r2 = r7
  62: r3 = r8
  63: r4 = r6
  64: call bpf_map_update_elem#2
  65: *(u64 *)(r10 -48) = r0
  66: r1 = *(u64 *)(r10 -48)
  67: if r1 == 0x0 goto pc+13
  68: *(u32 *)(r10 -40) = 0
  69: r6 = map[fs_losses] ll
  71: r8 = r10
  72: r8 += -40
  73: r1 = r6
  74: r2 = r8
  75: call bpf_map_lookup_elem#1
  76: r7 = r0
  77: if r7 == 0x0 goto pc+3
  78: r8 = *(u64 *)(r7 +16)
  79: r8 += 1
  80: *(u64 *)(r7 +16) = r8
  81: r0 = 0
  82: exit

