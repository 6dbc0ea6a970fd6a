// kfunc/fentry probes are not supported yet
kfunc:vfs_read { @ = count() }
