// Different dimensions never meet: a size plus a duration, a duration compared with a size.
bio < @a[comm] = sum(bytes + 1ms) >
offcpu /delta > 4KiB/ < @b[kstack] = sum(delta) >
