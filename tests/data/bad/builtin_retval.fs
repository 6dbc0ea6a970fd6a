// `retval` needs a return probe
profile { @[retval] = count() }
