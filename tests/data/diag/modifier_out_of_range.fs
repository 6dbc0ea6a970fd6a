// Out-of-range modifier values say the valid range.
profile hz 20000 < @a[kstack] = count() >
profile hz 0 < @b[kstack] = count() >
offcpu max 7200s < @c[kstack] = sum(delta) >
