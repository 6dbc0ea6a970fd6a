BEGIN {
  @ = 1
}
