profile /* c */ hz /* c */ 99 // to end of line
  < # hash comment
    @[kstack] /* c */ = /* c */ count() // done
  >
