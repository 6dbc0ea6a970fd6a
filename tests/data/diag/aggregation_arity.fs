// Wrong number of arguments to aggregations.
profile < @a = count(1) >
profile < @b = sum() >
profile < @c = hist(period, 2) >
