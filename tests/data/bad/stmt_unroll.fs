// `unroll` is not supported
profile { unroll(5) { @ = count() } }
