// fentry probes are not supported yet
fentry:vfs_read { @ = count() }
