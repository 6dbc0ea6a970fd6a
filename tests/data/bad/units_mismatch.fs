// a duration added to a size
offcpu { @ = sum(delta + 4KiB) }
