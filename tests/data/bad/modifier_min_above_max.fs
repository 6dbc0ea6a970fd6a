// `min` above `max`
offcpu min 1ms max 0ms < @[kstack] = sum(delta) >
