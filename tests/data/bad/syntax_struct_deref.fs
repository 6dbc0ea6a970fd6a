// pointer dereference is not supported
profile { @ = sum(*pid) }
