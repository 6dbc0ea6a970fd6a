// a string compared with a number
profile /comm == pid/ { @ = count() }
