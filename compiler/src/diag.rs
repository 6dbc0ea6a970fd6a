//! Source files, spans and diagnostics, rendered through codespan-reporting.
//!
//! Every stage reports problems as a [`Diagnostic`]: a message, a primary label at a span, maybe
//! secondary labels, notes and a `help` hint. Rendering has two sinks: a terminal (colours
//! automatic) and a `String` without colour, which the tests compare against expected text.
//! Wording (STYLE.md): lowercase, no trailing period, names in backticks.

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;

/// Identifies one source in a [`Sources`] map.
pub type FileId = usize;

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub file: FileId,
    // Invariant: start <= end, both on char boundaries of the file's text.
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span { file, start, end }
    }

    /// The smallest span covering both (same file assumed).
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One problem, with where it is and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub primary: Label,
    pub secondary: Vec<Label>,
    pub notes: Vec<String>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, span: Span, label: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            primary: Label {
                span,
                message: label.into(),
            },
            secondary: Vec::new(),
            notes: Vec::new(),
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>, span: Span, label: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message, span, label)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.secondary.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The sources a run knows about: script files, `-e` strings, REPL lines.
#[derive(Default)]
pub struct Sources {
    files: SimpleFiles<String, String>,
}

impl Sources {
    pub fn new() -> Sources {
        Sources::default()
    }

    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        self.files.add(name.into(), text.into())
    }

    pub fn text(&self, file: FileId) -> &str {
        match self.files.get(file) {
            Ok(f) => f.source(),
            Err(_) => "",
        }
    }

    pub fn name(&self, file: FileId) -> &str {
        match self.files.get(file) {
            Ok(f) => f.name(),
            Err(_) => "",
        }
    }

    /// Renders without colour, for tests and for output that is not a terminal.
    pub fn render(&self, diags: &[Diagnostic]) -> String {
        let mut out = term::termcolor::NoColor::new(Vec::new());
        self.emit(&mut out, diags);
        String::from_utf8_lossy(&out.into_inner()).into_owned()
    }

    /// Renders to any codespan writer (the binary passes a colouring stderr).
    pub fn emit(&self, out: &mut dyn term::termcolor::WriteColor, diags: &[Diagnostic]) {
        let config = term::Config::default();
        for d in diags {
            // A span outside the file (a bug, never user input) must not turn into a panic.
            let d = self.clamp(d);
            let _ = term::emit(out, &config, &self.files, &to_codespan(&d));
        }
    }

    fn clamp(&self, d: &Diagnostic) -> Diagnostic {
        let fix = |l: &Label| {
            let len = self.text(l.span.file).len();
            let start = l.span.start.min(len);
            let end = l.span.end.clamp(start, len);
            Label {
                span: Span {
                    file: l.span.file,
                    start,
                    end,
                },
                message: l.message.clone(),
            }
        };
        Diagnostic {
            primary: fix(&d.primary),
            secondary: d.secondary.iter().map(fix).collect(),
            ..d.clone()
        }
    }
}

fn to_codespan(d: &Diagnostic) -> cs::Diagnostic<FileId> {
    let severity = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
    };
    let mut labels = vec![
        cs::Label::primary(
            d.primary.span.file,
            d.primary.span.start..d.primary.span.end,
        )
        .with_message(d.primary.message.clone()),
    ];
    for l in &d.secondary {
        labels.push(
            cs::Label::secondary(l.span.file, l.span.start..l.span.end)
                .with_message(l.message.clone()),
        );
    }
    let mut notes = d.notes.clone();
    if let Some(h) = &d.help {
        notes.push(format!("help: {h}"));
    }
    cs::Diagnostic::new(severity)
        .with_message(d.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}

/// Edit distance for "did you mean" hints: insertions, deletions, substitutions and swaps of
/// two adjacent characters each cost 1 (optimal string alignment), so `dleta` is one edit from
/// `delta`, as a reader counts it.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // d[i][j]: distance between a[..i] and b[..j].
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j - 1] + cost)
                .min(d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// The closest candidate within a distance that scales with the word's length.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("dleta", ["delta", "state", "pid"]),
            Some("delta")
        );
        assert_eq!(did_you_mean("xyz", ["delta", "state"]), None);
    }
}
