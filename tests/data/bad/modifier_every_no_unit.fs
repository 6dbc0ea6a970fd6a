// `interval every 5`: a duration needs a unit
profile < @ = count() > interval every 5 < print(@) >
