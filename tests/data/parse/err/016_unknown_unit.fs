interval 5m { print(@) }
