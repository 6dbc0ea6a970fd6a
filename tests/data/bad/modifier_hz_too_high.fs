// a rate beyond 10000
profile hz 99999 < @ = count() >
