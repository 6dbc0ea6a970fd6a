// `clear` of one entry
profile { @[comm] = count() } END { clear(@[comm]) }
