futex min 100us < @[ustack] = sum(delta) >
