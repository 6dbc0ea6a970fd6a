// `delta` belongs to span probes
profile { @ = sum(delta) }
