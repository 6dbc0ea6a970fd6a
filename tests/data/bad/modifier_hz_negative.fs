// a negative rate (`hz -99`)
profile hz -99 < @ = count() >
