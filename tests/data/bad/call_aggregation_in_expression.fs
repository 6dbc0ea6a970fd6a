// an aggregation inside an expression
offcpu { @ = sum(delta) / 1000 }
