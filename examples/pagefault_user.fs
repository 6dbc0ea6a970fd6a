// pagefault_user: which code touches memory that is not mapped in yet, counted in user-mode
// page faults by process and user stack. Wide frames are first touches of new allocations
// (`memset` under an allocator), memory-mapped files being read, or copy-on-write after fork.
pagefault user < @[comm, ustack] = count() >
