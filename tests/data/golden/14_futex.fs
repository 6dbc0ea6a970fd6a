futex min 100us < @[uaddr, ustack] = sum(delta); @ops[op] = count() >
