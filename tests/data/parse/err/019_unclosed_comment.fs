profile /* forgot to close < @ = count() >
