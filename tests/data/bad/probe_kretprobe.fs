// kretprobes are not supported yet
kretprobe:vfs_read { @ = count() }
