// kprobes are not supported yet
kprobe:do_nanosleep { @[comm] = count() }
