// `$1` in a filter
profile /pid == $1/ { @ = count() }
