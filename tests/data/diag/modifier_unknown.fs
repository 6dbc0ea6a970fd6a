// A misspelt modifier: did-you-mean, and what the probe accepts.
offcpu mn 1ms < @[kstack] = sum(delta) >
