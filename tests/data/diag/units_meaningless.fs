// Products and ratios with no unit: ns², plain / ns; and division by zero.
offcpu < @a = sum(delta * delta) >
offcpu < @b = sum(1000 / delta) >
offcpu < @c = sum(delta / 0) >
