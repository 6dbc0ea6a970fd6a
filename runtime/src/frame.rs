//! What a stack is made of once named: frames, the code site each came from, and the mapped
//! files those sites are in. A leaf module: the symbolizer makes these, the fold arranges them
//! into profiles and the renderers draw them, and none of those needs another to say what a
//! frame is (this once made `fold` and `symbolize` depend on each other).

use std::borrow::Cow;
use std::cmp::Ordering;
use std::path::PathBuf;
use std::sync::Arc;

/// One executable mapping of a process, as `/proc/PID/maps` showed it while the process lived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    pub start: u64,
    pub end: u64,
    /// File offset of `start`.
    pub offset: u64,
    /// What blazesym opens: the file's path, or `/proc/PID/map_files/…` for a deleted file.
    pub open_path: PathBuf,
    /// The file's name for `[unknown] (libfoo.so+0x1234)` labels.
    pub module: String,
    /// The GNU build id, hex, when the file has one.
    pub build_id: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FrameKind {
    /// A key part that is not a stack: comm, pid, any int or string.
    Root,
    User,
    Kernel,
    /// A function the compiler inlined into the frame below it (from DWARF).
    Inlined,
    /// An address no symbol covers; the name says which module, when known.
    Unknown,
    /// A label for something that is not a function: `[truncated]`, `[no user stack]`,
    /// `[lost: …]`, `[blocks < 1ms]`.
    Marker,
}

#[derive(Clone, Debug)]
pub struct Frame {
    /// Shared, not owned: a function's name is stored once however many stacks hold it (a
    /// 100 000-stack profile has millions of frames but thousands of names), so cloning a frame
    /// costs a reference count, and two frames from one source compare by pointer first.
    pub name: Arc<str>,
    pub kind: FrameKind,
    /// Where in the code the frame was (address, mapped file, source line), when it was named
    /// from an address; shared by every frame named from that address. Not part of the frame's
    /// identity: a flame graph draws functions, and only pprof writes addresses (from
    /// [`Profile::sites`]).
    pub site: Option<Arc<Site>>,
}

/// Where a frame's code is: what pprof's locations, mappings and lines hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    /// The address named: the sampled instruction for a leaf, one byte into the call
    /// instruction for a caller (a return address minus one, as it was looked up).
    pub addr: u64,
    /// The mapped file holding it (user space); `None` for the kernel.
    pub mapping: Option<Arc<Mapping>>,
    /// This frame's source file and line at `addr` (DWARF): for a function with others
    /// inlined into it, the line of the inlined call.
    pub file: Option<Arc<str>>,
    pub line: u32,
    /// The line this frame's function starts at: the DWARF line of its first instruction (the
    /// line of its definition); 0 when unknown, and for a frame inlined into another.
    pub start_line: u32,
}

// By name, then kind, as a derive would order them, with a pointer test first: frames of one
// profile usually share their names' allocations (the symbolizer and the folded parser intern
// them), and stacks that share a prefix then compare without reading the text. The site is
// left out (see `Frame::site`).
impl PartialEq for Frame {
    fn eq(&self, other: &Frame) -> bool {
        self.kind == other.kind && (Arc::ptr_eq(&self.name, &other.name) || self.name == other.name)
    }
}

impl Eq for Frame {}

impl Ord for Frame {
    fn cmp(&self, other: &Frame) -> Ordering {
        let by_name = if Arc::ptr_eq(&self.name, &other.name) {
            Ordering::Equal
        } else {
            self.name.cmp(&other.name)
        };
        by_name.then(self.kind.cmp(&other.kind))
    }
}

impl PartialOrd for Frame {
    fn partial_cmp(&self, other: &Frame) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl std::hash::Hash for Frame {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.kind.hash(state);
    }
}

impl Frame {
    pub fn new(name: impl Into<Arc<str>>, kind: FrameKind) -> Frame {
        Frame {
            name: name.into(),
            kind,
            site: None,
        }
    }

    /// The frame, at `site`.
    pub fn at(self, site: Arc<Site>) -> Frame {
        Frame {
            site: Some(site),
            ..self
        }
    }

    /// The frame as folded text writes it: FlameGraph's `_[k]` (kernel) and `_[i]` (inlined)
    /// suffixes, which inferno's palettes color by. `;` separates frames and a newline ends a
    /// line, so neither may appear in a name.
    pub fn folded_name(&self) -> Cow<'_, str> {
        // A byte scan: `str::contains` with a char set is several times slower, and this runs
        // for every frame of every written stack.
        let needs_cleaning = self.name.bytes().any(|b| matches!(b, b';' | b'\n' | b'\r'));
        let clean: Cow<'_, str> = if needs_cleaning {
            Cow::Owned(self.name.replace([';', '\n', '\r'], "_"))
        } else {
            Cow::Borrowed(&self.name)
        };
        match self.kind {
            FrameKind::Kernel => Cow::Owned(format!("{clean}_[k]")),
            FrameKind::Inlined => Cow::Owned(format!("{clean}_[i]")),
            _ => clean,
        }
    }
}
