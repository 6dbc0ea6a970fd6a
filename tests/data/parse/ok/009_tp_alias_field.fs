tp:block:block_rq_issue / args.bytes >= 4KiB / { @sizes = hist(args.bytes) }
