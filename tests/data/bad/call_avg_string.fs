// `avg` of a string
profile { @ = avg(comm) }
