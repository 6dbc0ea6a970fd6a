// A misspelt builtin: did-you-mean and the list of what offcpu provides.
offcpu < @[kstack] = sum(dleta) >
