bio / bytes > 4KB / { @[kstack] = sum(bytes) }
