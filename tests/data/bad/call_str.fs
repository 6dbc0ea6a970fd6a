// `str()` is not a function
tracepoint:syscalls:sys_enter_openat { @[str(args.filename)] = count() }
