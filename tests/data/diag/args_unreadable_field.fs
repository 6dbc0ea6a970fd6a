// An array field that is not a string cannot be read as a value.
tracepoint:raw_syscalls:sys_enter < @[args.args] = count() >
