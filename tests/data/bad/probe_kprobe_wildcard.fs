// a kprobe with a wildcard
profile { @ = count() }
kprobe:vfs_* { @ = count() }
