// `arg0` needs a kprobe
profile { @[arg0] = count() }
