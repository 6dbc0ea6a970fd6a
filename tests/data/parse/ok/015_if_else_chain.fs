offcpu {
  if (delta > 10ms) {
    @slow[kstack] = count()
  } else if (delta > 1ms) {
    @mid = count();
  } else {
    @fast = count()
  }
}
