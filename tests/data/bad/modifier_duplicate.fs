// a modifier given twice
profile hz 99 hz 49 < @ = count() >
