//! What the REPL needs to know about half-typed input, without parsing it: whether a block or
//! bracket is still open (so Enter asks for another line), and where the cursor is in a clause
//! (typing the probe, its modifiers, or an expression) so completion offers the right words.
//!
//! This is a light scanner, not the parser: it follows the grammar's two ambiguities (a
//! top-level `>` closes a `< … >` block, a top-level `/` closes a filter) and skips strings and
//! comments, and it never fails. Whether the text is *correct* is the compiler's business.

/// Where the end of the scanned text is, for completion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    /// The first word of a clause: a probe name.
    Probe,
    /// After the probe, before its filter or block: modifiers. `used` are those already written.
    Head { probe: String, used: Vec<String> },
    /// Inside a filter or a block. `value` when inside brackets or a call's parentheses, where
    /// only values (builtins, maps, locals) make sense, not statements.
    Expr { probe: String, value: bool },
    /// Inside a string or a comment: nothing to offer.
    Nothing,
}

/// The state at the end of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Scan {
    /// Brackets still open, innermost last: `(`, `[`, `{`, `<` (a block), `/` (a filter).
    pub(crate) open: Vec<char>,
    /// Inside a string or a block comment that the text does not close.
    pub(crate) unterminated: bool,
    pub(crate) place: Place,
}

impl Scan {
    /// Whether Enter should ask for more input rather than submit.
    pub(crate) fn is_open(&self) -> bool {
        self.unterminated || !self.open.is_empty()
    }
}

fn is_word_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Scans `text` to its end; see the module doc.
pub(crate) fn scan(text: &str) -> Scan {
    let b = text.as_bytes();
    let mut open: Vec<char> = Vec::new();
    // The clause being read: its probe and the head words after it.
    let mut probe: Option<String> = None;
    let mut head: Vec<String> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        // Comments count as whitespace everywhere, as in the grammar.
        if c == b'#' || (c == b'/' && b.get(i + 1) == Some(&b'/')) {
            match text[i..].find('\n') {
                Some(n) => i += n + 1,
                None => {
                    return Scan {
                        open,
                        unterminated: false,
                        place: Place::Nothing,
                    };
                }
            }
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'*') {
            match text[i + 2..].find("*/") {
                Some(n) => i += n + 4,
                None => {
                    return Scan {
                        open,
                        unterminated: true,
                        place: Place::Nothing,
                    };
                }
            }
            continue;
        }
        if c == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            if j >= b.len() {
                return Scan {
                    open,
                    unterminated: true,
                    place: Place::Nothing,
                };
            }
            i = j + 1;
            continue;
        }
        if open.is_empty() {
            // The clause head: probe, modifiers, then a filter or a block.
            match c {
                b'/' => open.push('/'),
                b'<' => open.push('<'),
                b'{' => open.push('{'),
                _ if is_word_char(c) => {
                    let start = i;
                    // A probe name holds `:` (`tracepoint:sched:sched_switch`), no spaces.
                    while i < b.len() && (is_word_char(b[i]) || (probe.is_none() && b[i] == b':')) {
                        i += 1;
                    }
                    let word = text[start..i].to_string();
                    match probe {
                        None => probe = Some(word),
                        Some(_) => head.push(word),
                    }
                    continue;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        let top = open.last().copied();
        match (c, top) {
            (b'(' | b'[' | b'{', _) => open.push(c as char),
            (b')', Some('(')) | (b']', Some('[')) => {
                open.pop();
            }
            (b'}', Some('{')) => {
                open.pop();
                if open.is_empty() {
                    (probe, head) = (None, Vec::new());
                }
            }
            // At a block's top level `>` closes it: comparisons there need parentheses.
            (b'>', Some('<')) => {
                open.pop();
                (probe, head) = (None, Vec::new());
            }
            // At a filter's top level `/` closes it: division there needs parentheses.
            (b'/', Some('/')) => {
                open.pop();
            }
            _ => {}
        }
        i += 1;
    }
    let place = match (&probe, open.last()) {
        (None, None) => Place::Probe,
        (Some(p), None) => {
            // Still typing the probe name itself: no space after it yet.
            if head.is_empty() && text.ends_with(p.as_str()) {
                Place::Probe
            } else {
                let mut used = head;
                // The word under the cursor is not "used" yet.
                if !text.ends_with(|c: char| c.is_whitespace()) {
                    used.pop();
                }
                Place::Head {
                    probe: p.clone(),
                    used,
                }
            }
        }
        (p, Some(&top)) => Place::Expr {
            probe: p.clone().unwrap_or_default(),
            value: matches!(top, '(' | '['),
        },
    };
    Scan {
        open,
        unterminated: false,
        place,
    }
}

/// The word being typed at the end of `text`: letters, digits, `_`, and the `@ $ . :` that map
/// names, locals, `args.FIELD` and probe names carry. Returns its start.
pub(crate) fn word_start(text: &str) -> usize {
    let b = text.as_bytes();
    let mut i = b.len();
    while i > 0 && (is_word_char(b[i - 1]) || matches!(b[i - 1], b'@' | b'$' | b'.' | b':')) {
        i -= 1;
    }
    i
}

/// Names of the maps a text uses (`@name`, not the anonymous `@`), in first-use order.
pub(crate) fn map_names(text: &str) -> Vec<String> {
    sigil_names(text, '@')
}

/// Names of the `$locals` a text uses.
pub(crate) fn local_names(text: &str) -> Vec<String> {
    sigil_names(text, '$')
}

fn sigil_names(text: &str, sigil: char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (idx, _) in text.match_indices(sigil) {
        let rest = &text[idx + 1..];
        let len = rest.bytes().take_while(|&c| is_word_char(c)).count();
        if len > 0 {
            let name = format!("{sigil}{}", &rest[..len]);
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(probe: &str, value: bool) -> Place {
        Place::Expr {
            probe: probe.into(),
            value,
        }
    }

    #[test]
    fn open_blocks_ask_for_more() {
        assert!(scan("profile < @[comm] = count()").is_open());
        assert!(scan("profile {").is_open());
        assert!(!scan("offcpu /delta > 1/").is_open());
        assert!(scan("offcpu /delta").is_open());
        assert!(scan("profile < $x = \"a >").is_open());
        assert!(scan("profile < /* > */").is_open());
        assert!(!scan("profile < @[comm] = count() >").is_open());
        assert!(!scan("profile { if (pid > 3) { @[comm] = count() } }").is_open());
        // `>` inside parentheses compares; at the block's top level it closes.
        assert!(scan("profile < $x = (pid > 5)").is_open());
        assert!(!scan("profile < $x = (pid > 5) >").is_open());
        assert!(!scan("profile").is_open());
        assert!(!scan("").is_open());
        assert!(!scan("profile < @ = count() > # a > comment <").is_open());
    }

    #[test]
    fn places() {
        assert_eq!(scan("").place, Place::Probe);
        assert_eq!(scan("off").place, Place::Probe);
        assert_eq!(scan("tracepoint:sched:sch").place, Place::Probe);
        assert_eq!(
            scan("offcpu ").place,
            Place::Head {
                probe: "offcpu".into(),
                used: vec![]
            }
        );
        assert_eq!(
            scan("offcpu min 1ms m").place,
            Place::Head {
                probe: "offcpu".into(),
                used: vec!["min".into(), "1ms".into()]
            }
        );
        assert_eq!(
            scan("offcpu < @[kstack] = sum(de").place,
            expr("offcpu", true)
        );
        assert_eq!(scan("offcpu < @[kstack] = ").place, expr("offcpu", false));
        assert_eq!(scan("bio /by").place, expr("bio", false));
        assert_eq!(scan("profile < @ = count() > off").place, Place::Probe);
        assert_eq!(scan("profile < $s = \"ab").place, Place::Nothing);
    }

    #[test]
    fn words_and_names() {
        let t = "offcpu < @[kstack] = sum(de";
        assert_eq!(&t[word_start(t)..], "de");
        let t = "tp:sched:sched_sw";
        assert_eq!(word_start(t), 0);
        let t = "< @[args.pr";
        assert_eq!(&t[word_start(t)..], "args.pr");
        assert_eq!(
            map_names("< @a[pid] = count(); @ = sum(1); @bytes = @a >"),
            ["@a", "@bytes"]
        );
        assert_eq!(local_names("$x = 1; $y = $x"), ["$x", "$y"]);
    }
}
