// `args` in a probe without a record
profile { @[args.pid] = count() }
