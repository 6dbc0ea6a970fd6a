// pagefault: which code touches new memory, counted in user-mode page faults by user stack
// (first touches of allocations, mapped files, copy-on-write).
pagefault user < @[ustack] = count() >
