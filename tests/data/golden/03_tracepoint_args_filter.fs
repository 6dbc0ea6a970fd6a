tracepoint:raw_syscalls:sys_enter /args.id == 0/ < @reads[pid] = count() >
