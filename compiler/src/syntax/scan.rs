//! The pre-scan: one cheap pass over the text before pest sees it.
//!
//! It refuses what a recursive-descent parser should never be handed (nesting deeper than
//! [`MAX_NESTING`], binary junk) and what pest would explain badly (an unclosed string or
//! comment), each as a diagnostic at the offending character. It also records where every
//! bracket and block opens and closes, so that `build` can put a secondary label on the `<` of a
//! block whose `>` is missing. It does not parse: it knows tokens only as far as strings,
//! comments and brackets need, and leaves every other error to pest.

#![allow(
    clippy::result_large_err,
    reason = "a parse stops at its first error, so a Diagnostic is moved once per parse: boxing buys nothing"
)]

use crate::diag::{Diagnostic, FileId, Span};

/// How deep brackets, blocks and prefix operators may nest. Deeper input is refused before
/// parsing, so neither pest nor `build` can exhaust the stack.
pub(crate) const MAX_NESTING: usize = 128;

/// One bracket pair: `(`, `[`, `{`, a block's `<`, or a filter's opening `/`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Bracket {
    pub(crate) kind: char,
    pub(crate) open: usize,
    /// `None` when the text ends (or another closer comes) before it closes.
    pub(crate) close: Option<usize>,
}

#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub(crate) brackets: Vec<Bracket>,
}

impl Scan {
    /// The innermost bracket of `kind` still open at byte `pos`.
    pub(crate) fn open_at(&self, kind: char, pos: usize) -> Option<usize> {
        self.brackets
            .iter()
            .filter(|b| b.kind == kind && b.open < pos && b.close.is_none_or(|c| c >= pos))
            .map(|b| b.open)
            .max()
    }
}

struct Open {
    idx: usize,
    kind: char,
    /// Prefix operators written just before this bracket; they nest like brackets do.
    prefix_run: usize,
}

/// Scans `text`; see the module doc.
pub(crate) fn scan(file: FileId, text: &str) -> Result<Scan, Diagnostic> {
    let bytes = text.as_bytes();
    let mut res = Scan::default();
    let mut stack: Vec<Open> = Vec::new();
    // Nesting so far: open brackets plus the prefix operators in front of each.
    let mut depth = 0usize;
    // Consecutive prefix operators (`- ! ~`) since the last other token.
    let mut prefix_run = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        let c = bytes[i];
        let next = bytes.get(i + 1).copied();
        let span1 = |len: usize| Span::new(file, i, i + len);
        match c {
            b' ' | b'\t' | b'\r' | b'\n' => {
                i += 1;
                continue;
            }
            b'#' => {
                i = line_end(bytes, i);
                continue;
            }
            b'/' if next == Some(b'/') => {
                i = line_end(bytes, i);
                continue;
            }
            b'/' if next == Some(b'*') => {
                match text[i + 2..].find("*/") {
                    Some(n) => {
                        check_controls(file, text, i, i + 2 + n)?;
                        i += 2 + n + 2;
                    }
                    None => {
                        return Err(Diagnostic::error(
                            "unclosed comment",
                            span1(2),
                            "this comment is never closed",
                        )
                        .with_help("end it with `*/`"));
                    }
                }
                continue;
            }
            b'"' => {
                i = string_end(file, text, i)?;
                prefix_run = 0;
                continue;
            }
            _ => {}
        }
        let in_angle = stack.last().is_some_and(|o| o.kind == '<');
        let in_filter = stack.last().is_some_and(|o| o.kind == '/');
        // At the top of a clause (outside every bracket), `<` and `{` open its block and `/`
        // opens its filter; elsewhere `<` and `/` are operators.
        let opens = match c {
            b'(' => Some('('),
            b'[' => Some('['),
            b'{' => Some('{'),
            b'<' if stack.is_empty() => Some('<'),
            b'/' if stack.is_empty() => Some('/'),
            _ => None,
        };
        let closes = match c {
            b')' => Some('('),
            b']' => Some('['),
            b'}' => Some('{'),
            // In a `< >` block a top-level `>` (also the first of `>=`, `>>`) closes it: that is
            // how the grammar reads it too.
            b'>' if in_angle => Some('<'),
            b'/' if in_filter => Some('/'),
            _ => None,
        };
        if let Some(kind) = opens {
            depth += 1 + prefix_run;
            if depth > MAX_NESTING {
                return Err(too_deep(span1(1)));
            }
            res.brackets.push(Bracket {
                kind,
                open: i,
                close: None,
            });
            stack.push(Open {
                idx: res.brackets.len() - 1,
                kind,
                prefix_run,
            });
            prefix_run = 0;
            i += 1;
            continue;
        }
        if let Some(kind) = closes {
            // A closer of the wrong kind is pest's to report; only a matching one pops.
            if stack.last().is_some_and(|o| o.kind == kind)
                && let Some(o) = stack.pop()
            {
                res.brackets[o.idx].close = Some(i);
                depth -= 1 + o.prefix_run;
            }
            prefix_run = 0;
            i += 1;
            continue;
        }
        let is_prefix_op = match c {
            b'-' => next != Some(b'>'),
            b'!' => next != Some(b'='),
            b'~' => true,
            _ => false,
        };
        if is_prefix_op {
            prefix_run += 1;
            if depth + prefix_run > MAX_NESTING {
                return Err(too_deep(span1(1)));
            }
            i += 1;
            continue;
        }
        prefix_run = 0;
        if c < 0x80 {
            if c.is_ascii_control() {
                return Err(control_char(file, i, char::from(c)));
            }
            i += 1;
            continue;
        }
        // Non-ASCII outside strings and comments: pest reports it as unexpected. Only control
        // characters (C1, and the like) are refused here, as binary junk.
        let ch = text[i..]
            .chars()
            .next()
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        if ch.is_control() {
            return Err(control_char(file, i, ch));
        }
        i += ch.len_utf8();
    }
    Ok(res)
}

fn too_deep(span: Span) -> Diagnostic {
    Diagnostic::error(
        format!("nesting too deep (limit {MAX_NESTING})"),
        span,
        "too deeply nested",
    )
    .with_help("split the expression using `$locals`")
}

fn control_char(file: FileId, at: usize, ch: char) -> Diagnostic {
    Diagnostic::error(
        format!("unexpected control character U+{:04X}", u32::from(ch)),
        Span::new(file, at, at + ch.len_utf8()),
        "not valid in a script",
    )
    .with_note("is this a binary file?")
}

/// The index of the `\n` ending the line that contains `i` (or the end of the text).
fn line_end(bytes: &[u8], i: usize) -> usize {
    bytes[i..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |n| i + n)
}

/// Refuses control characters (other than whitespace) in `text[from..to]`.
fn check_controls(file: FileId, text: &str, from: usize, to: usize) -> Result<(), Diagnostic> {
    for (at, ch) in text[from..to].char_indices() {
        if ch.is_control() && !matches!(ch, '\t' | '\n' | '\r') {
            return Err(control_char(file, from + at, ch));
        }
    }
    Ok(())
}

/// Skips the string opening at `start`; returns the index after its closing quote. A string
/// ends on its own line.
fn string_end(file: FileId, text: &str, start: usize) -> Result<usize, Diagnostic> {
    let mut chars = text[start + 1..].char_indices();
    while let Some((at, ch)) = chars.next() {
        let at = start + 1 + at;
        match ch {
            '"' => return Ok(at + 1),
            '\\' => {
                // The escaped character is checked in `build`; a newline is never escapable.
                if let Some((_, esc)) = chars.next() {
                    if esc == '\n' {
                        return Err(unclosed_string(file, start, at));
                    }
                    if esc.is_control() && esc != '\t' && esc != '\r' {
                        return Err(control_char(file, at + 1, esc));
                    }
                }
            }
            '\n' => return Err(unclosed_string(file, start, at)),
            c if c.is_control() && c != '\t' && c != '\r' => {
                return Err(control_char(file, at, c));
            }
            _ => {}
        }
    }
    Err(unclosed_string(file, start, text.len()))
}

fn unclosed_string(file: FileId, start: usize, end: usize) -> Diagnostic {
    let end = end.max(start + 1);
    Diagnostic::error(
        "unclosed string",
        Span::new(file, start, end),
        "this string is never closed",
    )
    .with_help("close it with `\"` on the same line")
}
