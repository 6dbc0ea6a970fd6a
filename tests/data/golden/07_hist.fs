bio < @sizes = hist(bytes) >
