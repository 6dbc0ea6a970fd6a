// a map printed but never assigned
profile { @ = count() } END { print(@x) }
