// a wildcard in a tracepoint name (`sys_enter_*`)
tracepoint:syscalls:sys_enter_* { @[comm] = count() }
