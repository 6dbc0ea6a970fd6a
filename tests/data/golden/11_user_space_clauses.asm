tracepoint:sched:sched_process_exec < @execs[comm] = count() >
BEGIN < clear(@execs) >
interval every 5s < print(@execs); clear(@execs) >
END < print(@execs); exit() >
fs_0_tracepoint (tracepoint/sched/sched_process_exec):
   0: r6 = r1
;; tracepoint:sched:sched_process_exec < @execs[comm] = count()…
   1: *(u32 *)(r10 -8) = 0
   2: r6 = map[fs_losses] ll
   4: r7 = r10
   5: r7 += -8
   6: r1 = r6
   7: r2 = r7
   8: call bpf_map_lookup_elem#1
   9: r8 = r0
  10: if r8 == 0x0 goto pc+3
  11: r7 = *(u64 *)(r8 +0)
  12: r7 += 1
  13: *(u64 *)(r8 +0) = r7
  14: *(u32 *)(r10 -16) = 0
  15: r7 = map[fs_losses] ll
  17: r8 = r10
  18: r8 += -16
  19: r1 = r7
  20: r2 = r8
  21: call bpf_map_lookup_elem#1
  22: r6 = r0
  23: if r6 == 0x0 goto pc+3
  24: r8 = *(u64 *)(r6 +8)
  25: r8 += 1
  26: *(u64 *)(r6 +8) = r8
;; @execs[comm] = count()
  27: r8 = 1
  28: *(u64 *)(r10 -32) = 0
  29: *(u64 *)(r10 -24) = 0
  30: r6 = r10
  31: r6 += -32
  32: r7 = 16
  33: r1 = r6
  34: r2 = r7
  35: call bpf_get_current_comm#16
  36: r7 = map[fs_0_execs] ll
  38: r6 = r10
  39: r6 += -32
  40: r1 = r7
  41: r2 = r6
  42: call bpf_map_lookup_elem#1
  43: r9 = r0
  44: if r9 == 0x0 goto pc+4
  45: r6 = *(u64 *)(r9 +0)
  46: r6 += r8
  47: *(u64 *)(r9 +0) = r6
  48: goto pc+29
  49: *(u64 *)(r10 -40) = r8
  50: r6 = map[fs_0_execs] ll
  52: r9 = r10
  53: r9 += -32
  54: r8 = r10
  55: r8 += -40
  56: r7 = 1
  57: r1 = r6
  58: r2 = r9
  59: r3 = r8
  60: r4 = r7
  61: call bpf_map_update_elem#2
  62: *(u64 *)(r10 -56) = r0
  63: r1 = *(u64 *)(r10 -56)
  64: if r1 == 0x0 goto pc+13
  65: *(u32 *)(r10 -48) = 0
  66: r7 = map[fs_losses] ll
  68: r8 = r10
  69: r8 += -48
  70: r1 = r7
  71: r2 = r8
  72: call bpf_map_lookup_elem#1
  73: r9 = r0
  74: if r9 == 0x0 goto pc+3
  75: r8 = *(u64 *)(r9 +16)
  76: r8 += 1
  77: *(u64 *)(r9 +16) = r8
  78: r0 = 0
  79: exit

user space Begin: [Clear { map: "fs_0_execs" }]
user space Interval(5000000000): [Print { map: "fs_0_execs" }, Clear { map: "fs_0_execs" }]
user space End: [Print { map: "fs_0_execs" }, Exit]
