// `stats` is not supported
profile { @ = stats(pid) }
