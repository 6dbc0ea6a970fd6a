// a modifier the probe does not take
profile every 1s < @ = count() >
