//! Mounting tracefs when it is not mounted (it is not at boot on our kernel, KERNEL.md).
//! Tracepoint attachment and layout reading both need `/sys/kernel/tracing`.

use std::ffi::CString;
use std::path::Path;

pub const TRACEFS: &str = "/sys/kernel/tracing";

/// Mounts tracefs at `/sys/kernel/tracing` unless it is already there.
pub fn ensure_mounted() -> Result<(), crate::error::RuntimeError> {
    if Path::new(TRACEFS).join("events").is_dir() {
        return Ok(());
    }
    let cstr = |s: &str| CString::new(s).unwrap_or_default();
    let (src, target, fstype) = (cstr("nodev"), cstr(TRACEFS), cstr("tracefs"));
    // SAFETY: all three are valid NUL-terminated strings that outlive the call; no data pointer.
    let rc = unsafe {
        libc::mount(
            src.as_ptr(),
            target.as_ptr(),
            fstype.as_ptr(),
            0,
            std::ptr::null(),
        )
    };
    if rc != 0 {
        let e = std::io::Error::last_os_error();
        return Err(crate::error::RuntimeError::Tracefs(e.to_string()));
    }
    Ok(())
}
