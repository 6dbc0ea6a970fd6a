// single quotes: flamescript strings use double quotes
profile /comm == 'bash'/ { @ = count() }
