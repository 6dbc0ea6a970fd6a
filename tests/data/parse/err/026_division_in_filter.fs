profile /pid / 2 > 5/ { @ = count() }
