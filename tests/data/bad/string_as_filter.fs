// a string is not a filter
profile /comm/ { @ = count() }
