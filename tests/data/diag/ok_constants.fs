// Constant expressions fold to one number with its unit: `1ms + 1ms` meets `delta / 1000` in
// µs, `1 << 63` is a legal shift, and a constant divisor scales a duration.
offcpu /(delta / 1000) > (1ms + 1ms)/ < @a = sum(delta / (10 * 100)) >
profile < @b = sum(1 << 63); @c = sum(pid & ~0) >
