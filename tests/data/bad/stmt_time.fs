// `time()` is not supported
profile { @[comm] = count() } END { time("%H:%M") }
