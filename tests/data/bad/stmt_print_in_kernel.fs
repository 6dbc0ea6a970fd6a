// `print` inside a kernel probe
profile { @ = count(); print(@) }
