BEGIN {
  @ = 1

