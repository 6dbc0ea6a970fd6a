bio < @small = min(bytes); @big = max(bytes); @mean = avg(bytes) >
