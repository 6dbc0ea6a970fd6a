profile /pid > 5 { @ = count() }
