// `lhist` is not supported
profile { @ = lhist(pid, 0, 100, 10) }
