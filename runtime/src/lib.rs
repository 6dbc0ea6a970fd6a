//! flamescript's runtime: everything that touches the kernel or the results.
