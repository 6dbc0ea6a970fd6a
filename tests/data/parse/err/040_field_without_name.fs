tracepoint:a:b { @ = args-> }
