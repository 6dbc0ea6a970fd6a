// An aggregation whose result is not stored.
profile < count() >
