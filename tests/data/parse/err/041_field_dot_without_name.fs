tracepoint:a:b { @ = args. 5 }
