# a comment that ends in a multi-byte character: é
5 { }
