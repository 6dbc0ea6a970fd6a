// a fractional rate
profile hz 1.5 < @ = count() >
