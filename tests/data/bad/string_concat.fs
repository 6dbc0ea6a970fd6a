// strings cannot be added
profile { @["a" + "b"] = count() }
