offcpu / delta >= 1ms && comm == "bash" / { @[kstack] = sum(delta) }
