//! Parser snapshots: `data/parse/ok/*.fs` → the AST dump in the sibling `.ast`, and
//! `data/parse/err/*.fs` → the rendered diagnostic in the sibling `.txt`. An ok file must parse
//! and an err file must fail. Also what is better generated than stored: 10 000-deep nesting,
//! and the span invariants every parsed tree must keep.

use compiler::diag::{Diagnostic, Sources, Span};
use compiler::syntax::{self, ast, print};

use crate::check::{check_file, data_dir, files_with_ext, finish};

/// Parses `text` as a file named `name`; on failure, the rendered diagnostic.
fn parse_named(name: &str, text: &str) -> (Sources, Result<ast::Script, Diagnostic>) {
    let mut sources = Sources::new();
    let file = sources.add(name, text);
    let res = syntax::parse(file, text);
    (sources, res)
}

fn render_err(name: &str, text: &str) -> Option<String> {
    let (sources, res) = parse_named(name, text);
    res.err().map(|d| sources.render(&[d]))
}

#[test]
fn ok_files() {
    let dir = data_dir("parse/ok");
    let mut failures = Vec::new();
    let files = files_with_ext(&dir, "fs");
    assert!(files.len() >= 25, "only {} ok files", files.len());
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (sources, res) = parse_named(&name, &text);
        match res {
            Ok(script) => {
                check_spans(&script, &text, &name, &mut failures);
                check_file(
                    &path.with_extension("ast"),
                    &print::print(&script),
                    &mut failures,
                );
            }
            Err(d) => failures.push(format!("{name}: should parse\n{}", sources.render(&[d]))),
        }
    }
    finish(failures);
}

#[test]
fn err_files() {
    let dir = data_dir("parse/err");
    let mut failures = Vec::new();
    let files = files_with_ext(&dir, "fs");
    assert!(files.len() >= 20, "only {} err files", files.len());
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match render_err(&name, &text) {
            Some(rendered) => check_file(&path.with_extension("txt"), &rendered, &mut failures),
            None => failures.push(format!("{name}: should fail to parse")),
        }
    }
    finish(failures);
}

/// Every identifier's span covers exactly its name, and every node lies inside its parent.
fn check_spans(script: &ast::Script, text: &str, name: &str, failures: &mut Vec<String>) {
    let mut w = SpanWalk {
        text,
        name,
        failures,
    };
    for c in &script.clauses {
        w.inside(c.span, script.span, "clause");
        w.ident(&c.probe.name);
        w.inside(c.probe.span, c.span, "probe");
        for part in &c.probe.parts {
            w.ident(part);
            w.inside(part.span, c.probe.span, "probe part");
        }
        for m in &c.modifiers {
            w.ident(&m.name);
            w.inside(m.span, c.span, "modifier");
            if let Some(arg) = &m.arg {
                w.expr(arg, m.span);
            }
        }
        if let Some(f) = &c.filter {
            w.expr(f, c.span);
        }
        w.block(&c.body, c.span);
    }
}

struct SpanWalk<'a> {
    text: &'a str,
    name: &'a str,
    failures: &'a mut Vec<String>,
}

impl SpanWalk<'_> {
    fn ident(&mut self, id: &ast::Ident) {
        let got = self.text.get(id.span.start..id.span.end);
        if got != Some(id.name.as_str()) {
            self.failures.push(format!(
                "{}: ident `{}` has span text {got:?}",
                self.name, id.name
            ));
        }
    }

    fn inside(&mut self, child: Span, parent: Span, what: &str) {
        let ok = child.start <= child.end && parent.start <= child.start && child.end <= parent.end;
        if !ok {
            self.failures.push(format!(
                "{}: {what} {child:?} is not inside {parent:?}",
                self.name
            ));
        }
    }

    fn block(&mut self, b: &ast::Block, parent: Span) {
        self.inside(b.span, parent, "block");
        for s in &b.stmts {
            self.stmt(s, b.span);
        }
    }

    fn stmt(&mut self, s: &ast::Stmt, parent: Span) {
        self.inside(s.span, parent, "statement");
        match &s.kind {
            ast::StmtKind::MapAssign { map, value } => {
                self.map(map, s.span);
                self.expr(value, s.span);
            }
            ast::StmtKind::LocalAssign { name, value } => {
                self.ident(name);
                self.inside(name.span, s.span, "local");
                self.expr(value, s.span);
            }
            ast::StmtKind::If {
                cond,
                then,
                otherwise,
            } => {
                self.expr(cond, s.span);
                self.block(then, s.span);
                match otherwise.as_deref() {
                    Some(ast::Else::Block(b)) => self.block(b, s.span),
                    Some(ast::Else::If(inner)) => self.stmt(inner, s.span),
                    None => {}
                }
            }
            ast::StmtKind::Expr(e) => self.expr(e, s.span),
        }
    }

    fn map(&mut self, m: &ast::MapRef, parent: Span) {
        self.inside(m.span, parent, "map");
        if let Some(n) = &m.name {
            self.ident(n);
        }
        for k in &m.keys {
            self.expr(k, m.span);
        }
    }

    fn expr(&mut self, e: &ast::Expr, parent: Span) {
        self.inside(e.span, parent, "expression");
        match &e.kind {
            ast::ExprKind::Ident(id) | ast::ExprKind::Local(id) => self.ident(id),
            ast::ExprKind::Map(m) => self.map(m, e.span),
            ast::ExprKind::Field { base, field } => {
                self.ident(field);
                self.expr(base, e.span);
            }
            ast::ExprKind::Call { func, args } => {
                self.ident(func);
                for a in args {
                    self.expr(a, e.span);
                }
            }
            ast::ExprKind::Unary { operand, .. } => self.expr(operand, e.span),
            ast::ExprKind::Binary { lhs, rhs, .. } => {
                self.expr(lhs, e.span);
                self.expr(rhs, e.span);
            }
            ast::ExprKind::Int(_)
            | ast::ExprKind::Str(_)
            | ast::ExprKind::Duration(_)
            | ast::ExprKind::Size(_) => {}
        }
    }
}

/// The first line of a rendered diagnostic: `error: …`.
fn first_line(rendered: &str) -> &str {
    rendered.lines().next().unwrap_or("")
}

#[test]
fn offcpu_one_liner_parses_exactly_as_written() {
    let text = "offcpu min 1ms < @[kstack,ustack]=sum(delta) >";
    let (_, res) = parse_named("-e", text);
    let script = res.expect("parses");
    let [clause] = script.clauses.as_slice() else {
        panic!("one clause: {script:?}")
    };
    assert_eq!(clause.probe.name.name, "offcpu");
    assert!(clause.probe.parts.is_empty());
    let [m] = clause.modifiers.as_slice() else {
        panic!("one modifier")
    };
    assert_eq!(m.name.name, "min");
    assert_eq!(
        m.arg.as_ref().map(|a| &a.kind),
        Some(&ast::ExprKind::Duration(1_000_000))
    );
    assert!(clause.filter.is_none());
    let [stmt] = clause.body.stmts.as_slice() else {
        panic!("one statement")
    };
    let ast::StmtKind::MapAssign { map, value } = &stmt.kind else {
        panic!("a map assignment")
    };
    assert_eq!(map.display_name(), "@");
    let keys: Vec<_> = map.keys.iter().map(|k| &k.kind).collect();
    let ident = |n: &str, at: usize| {
        ast::ExprKind::Ident(ast::Ident {
            name: n.into(),
            span: Span::new(0, at, at + n.len()),
        })
    };
    assert_eq!(keys, [&ident("kstack", 19), &ident("ustack", 26)]);
    let ast::ExprKind::Call { func, args } = &value.kind else {
        panic!("a call")
    };
    assert_eq!(func.name, "sum");
    assert_eq!(
        args.iter().map(|a| &a.kind).collect::<Vec<_>>(),
        [&ident("delta", 38)]
    );
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let n = 10_000;
    let cases = [
        (
            "parens",
            format!("profile < @ = {}1{} >", "(".repeat(n), ")".repeat(n)),
        ),
        ("braces", format!("BEGIN {}", "{".repeat(n))),
        (
            "brackets",
            format!("BEGIN {{ @[{}1{} = 1 }}", "@[".repeat(n), "]".repeat(n)),
        ),
        (
            "unary minus",
            format!("BEGIN {{ $x = {}1 }}", "-".repeat(n)),
        ),
        (
            "unary mixed",
            format!("BEGIN {{ $x = {}1 }}", "- ! ~ ".repeat(n)),
        ),
        (
            "unary in parens",
            format!("BEGIN {{ $x = {}1{} }}", "-(".repeat(n), ")".repeat(n)),
        ),
    ];
    for (what, text) in cases {
        let rendered = render_err("deep.fs", &text).unwrap_or_else(|| panic!("{what}: parsed"));
        assert_eq!(
            first_line(&rendered),
            "error: nesting too deep (limit 128)",
            "{what}"
        );
    }
}

#[test]
fn long_flat_chains_are_refused_not_overflowed() {
    let sum = format!("BEGIN {{ $x = 1{} }}", " + 1".repeat(10_000));
    let rendered = render_err("sum.fs", &sum).expect("refused");
    assert_eq!(
        first_line(&rendered),
        "error: expression too deep (limit 256)"
    );
    let fields = format!("BEGIN {{ $x = args{} }}", ".a".repeat(10_000));
    let rendered = render_err("fields.fs", &fields).expect("refused");
    assert_eq!(
        first_line(&rendered),
        "error: expression too deep (limit 256)"
    );
    let chain = format!(
        "BEGIN {{ if (1) {{ }}{} }}",
        " else if (1) { }".repeat(10_000)
    );
    let rendered = render_err("else.fs", &chain).expect("refused");
    assert_eq!(
        first_line(&rendered),
        "error: too many `else if` branches (limit 128)"
    );
}

#[test]
fn nesting_up_to_the_limit_parses_on_a_test_thread() {
    // The block's `<` is one level; 127 parentheses fill the rest. Test threads have 2 MiB of
    // stack, less than a main thread, so this also shows the limit is safe in practice.
    let text = format!("profile < @ = {}1{} >", "(".repeat(127), ")".repeat(127));
    let (_, res) = parse_named("deep.fs", &text);
    assert!(res.is_ok(), "{res:?}");
    let text = format!("profile < @ = {}1{} >", "(".repeat(128), ")".repeat(128));
    assert!(render_err("deep.fs", &text).is_some());
    let unary = format!("BEGIN {{ $x = {}1 }}", "-".repeat(127));
    let (_, res) = parse_named("unary.fs", &unary);
    assert!(res.is_ok(), "{res:?}");
    let sum = format!("BEGIN {{ $x = 1{} }}", " + 1".repeat(255));
    let (_, res) = parse_named("sum.fs", &sum);
    assert!(res.is_ok(), "{res:?}");
}

/// A small deterministic PRNG (xorshift64*), so the generated tests need no dependency and
/// fail the same way every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Checks what must hold for any input: an Ok tree keeps the span invariants, and an error's
/// labels lie inside the text on character boundaries (so rendering shows the right place).
fn check_any_input(text: &str, failures: &mut Vec<String>) {
    let (sources, res) = parse_named("soup.fs", text);
    match res {
        Ok(script) => {
            check_spans(&script, text, &format!("{text:?}"), failures);
            assert!(print::print(&script).starts_with("Script "));
        }
        Err(d) => {
            for l in std::iter::once(&d.primary).chain(&d.secondary) {
                let s = l.span;
                let ok = s.start <= s.end && text.get(s.start..s.end).is_some();
                if !ok {
                    failures.push(format!("{text:?}: label {s:?} outside the text"));
                }
            }
            assert!(sources.render(&[d]).starts_with("error: "));
        }
    }
}

/// Random soups of the grammar's own tokens (and some junk): parse never panics, and what it
/// returns keeps its invariants. The cargo-fuzz target (fuzz/) explores further; this runs in
/// every `cargo test`.
#[test]
fn token_soup_never_panics() {
    const TOKENS: &[&str] = &[
        "profile",
        "offcpu",
        "BEGIN",
        "END",
        "tracepoint",
        "tp",
        ":",
        "hz",
        "min",
        "99",
        "1ms",
        "1.5ms",
        "4KiB",
        "3KB",
        "0x1f",
        "0x",
        "18446744073709551616",
        "\"s\"",
        "\"\\q\"",
        "\"",
        "<",
        ">",
        "{",
        "}",
        "(",
        ")",
        "[",
        "]",
        "/",
        "@",
        "@x",
        "$",
        "$x",
        "=",
        "==",
        ">=",
        ">>",
        "<<",
        "<=",
        "!=",
        "!",
        "-",
        "~",
        "->",
        ".",
        ",",
        ";",
        "if",
        "else",
        "+",
        "*",
        "%",
        "&&",
        "||",
        "&",
        "|",
        "^",
        "//c\n",
        "/*",
        "*/",
        "/* c */",
        "#x\n",
        "\n",
        " ",
        "é",
        "\u{7}",
        "count()",
        "pid",
        "args",
        "kstack",
        "1",
    ];
    let mut rng = Rng(0x5eed_f1a3_e5c2_1b7d);
    let mut failures = Vec::new();
    for _ in 0..20_000 {
        let n = 1 + rng.below(30);
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(rng.pick(TOKENS));
            if rng.below(2) == 0 {
                text.push(' ');
            }
        }
        check_any_input(&text, &mut failures);
    }
    failures.truncate(20);
    finish(failures);
}

/// A random expression tree over every operator, written with as few parentheses as the
/// precedence table allows, must parse back to the same tree (compared fully parenthesized).
/// This checks precedence and left associativity against an independent statement of them.
#[test]
fn random_expressions_parse_with_the_documented_precedence() {
    let mut rng = Rng(0x0dd_ba11_cafe_f00d);
    let mut failures = Vec::new();
    for _ in 0..3_000 {
        let tree = gen_expr(&mut rng, 5);
        let text = format!("BEGIN {{ $x = {} }}", tree.minimal());
        let (sources, res) = parse_named("expr.fs", &text);
        let script = match res {
            Ok(s) => s,
            Err(d) => {
                failures.push(format!("{text}: {}", sources.render(&[d])));
                continue;
            }
        };
        let got = match &script.clauses[0].body.stmts[0].kind {
            ast::StmtKind::LocalAssign { value, .. } => full_parens(value),
            other => format!("{other:?}"),
        };
        if got != tree.full() {
            failures.push(format!(
                "{text}\n  parsed   {got}\n  expected {}",
                tree.full()
            ));
        }
    }
    failures.truncate(20);
    finish(failures);
}

/// The test's own expression tree: the precedence table restated independently of build.rs.
enum Gen {
    Leaf(&'static str),
    Unary(&'static str, Box<Gen>),
    Field(Box<Gen>, &'static str),
    Binary(&'static str, Box<Gen>, Box<Gen>),
}

/// Binary operators by level, lowest first (DESIGN.md §2).
const LEVELS: &[&[&str]] = &[
    &["||"],
    &["&&"],
    &["|"],
    &["^"],
    &["&"],
    &["==", "!="],
    &["<", "<=", ">", ">="],
    &["<<", ">>"],
    &["+", "-"],
    &["*", "/", "%"],
];
const UNARY_LEVEL: usize = 10;
const POSTFIX_LEVEL: usize = 11;
const ATOM_LEVEL: usize = 12;

fn level_of(op: &str) -> usize {
    LEVELS.iter().position(|l| l.contains(&op)).unwrap_or(0)
}

fn gen_expr(rng: &mut Rng, depth: usize) -> Gen {
    const LEAVES: &[&str] = &[
        "1", "pid", "$y", "@m", "@[pid]", "count()", "1ms", "\"s\"", "0x2",
    ];
    if depth == 0 || rng.below(4) == 0 {
        return Gen::Leaf(rng.pick(LEAVES));
    }
    match rng.below(6) {
        0 => Gen::Unary(
            rng.pick(&["-", "!", "~"]),
            Box::new(gen_expr(rng, depth - 1)),
        ),
        1 => Gen::Field(Box::new(gen_expr(rng, depth - 1)), rng.pick(&["a", "b"])),
        _ => {
            let level = LEVELS[rng.below(LEVELS.len())];
            let op = rng.pick(level);
            Gen::Binary(
                op,
                Box::new(gen_expr(rng, depth - 1)),
                Box::new(gen_expr(rng, depth - 1)),
            )
        }
    }
}

impl Gen {
    fn level(&self) -> usize {
        match self {
            Gen::Leaf(_) => ATOM_LEVEL,
            Gen::Unary(..) => UNARY_LEVEL,
            Gen::Field(..) => POSTFIX_LEVEL,
            Gen::Binary(op, ..) => level_of(op),
        }
    }

    /// Source text with parentheses only where precedence or left associativity needs them.
    fn minimal(&self) -> String {
        let wrap = |g: &Gen, need: bool| match need {
            true => format!("({})", g.minimal()),
            false => g.minimal(),
        };
        match self {
            Gen::Leaf(s) => s.to_string(),
            // A space keeps `- -1` from reading as something else and `!` from meeting `=`.
            Gen::Unary(op, e) => format!("{op} {}", wrap(e, e.level() < UNARY_LEVEL)),
            Gen::Field(e, f) => format!("{}.{f}", wrap(e, e.level() < POSTFIX_LEVEL)),
            Gen::Binary(op, l, r) => {
                let lvl = level_of(op);
                format!(
                    "{} {op} {}",
                    wrap(l, l.level() < lvl),
                    wrap(r, r.level() <= lvl)
                )
            }
        }
    }

    /// Fully parenthesized, in the same notation as [`full_parens`].
    fn full(&self) -> String {
        match self {
            Gen::Leaf(s) => s.to_string(),
            Gen::Unary(op, e) => format!("({op}{})", e.full()),
            Gen::Field(e, f) => format!("({}.{f})", e.full()),
            Gen::Binary(op, l, r) => format!("({} {op} {})", l.full(), r.full()),
        }
    }
}

/// A parsed expression, fully parenthesized; leaves as written in the source.
fn full_parens(e: &ast::Expr) -> String {
    match &e.kind {
        ast::ExprKind::Int(n) if *n == 2 => "0x2".to_string(),
        ast::ExprKind::Int(n) => n.to_string(),
        ast::ExprKind::Str(s) => format!("{s:?}"),
        ast::ExprKind::Duration(1_000_000) => "1ms".to_string(),
        ast::ExprKind::Duration(ns) => format!("{ns}ns"),
        ast::ExprKind::Size(b) => format!("{b}B"),
        ast::ExprKind::Ident(id) => id.name.clone(),
        ast::ExprKind::Local(id) => format!("${}", id.name),
        ast::ExprKind::Map(m) => match m.keys.as_slice() {
            [] => m.display_name(),
            keys => {
                let keys: Vec<String> = keys.iter().map(full_parens).collect();
                format!("{}[{}]", m.display_name(), keys.join(", "))
            }
        },
        ast::ExprKind::Field { base, field } => format!("({}.{})", full_parens(base), field.name),
        ast::ExprKind::Call { func, args } => {
            let args: Vec<String> = args.iter().map(full_parens).collect();
            format!("{}({})", func.name, args.join(", "))
        }
        ast::ExprKind::Unary { op, operand } => {
            format!("({}{})", op.symbol(), full_parens(operand))
        }
        ast::ExprKind::Binary { op, lhs, rhs } => {
            format!(
                "({} {} {})",
                full_parens(lhs),
                op.symbol(),
                full_parens(rhs)
            )
        }
    }
}

/// Inputs shaped to make a backtracking parser repeat work (nested alternatives that fail only
/// at the innermost level) still parse in linear time: each must finish well within a second.
#[test]
fn nested_failures_do_not_backtrack_exponentially() {
    let n = 120;
    let cases = [
        format!("BEGIN {{ {}1 }}", "f(".repeat(n)),
        format!("BEGIN {{ {}1 }}", "@x[".repeat(n)),
        format!("BEGIN {{ {}1{} = }}", "@x[".repeat(n), "]".repeat(n)),
        format!("BEGIN {{ $x = {}1{} ]", "(".repeat(n), ")".repeat(n)),
        format!(
            "profile < {}1{} > 5 >",
            "@[".repeat(n / 2),
            "]".repeat(n / 2)
        ),
        format!("BEGIN {{ if ({}1) {{ }} else", "-(".repeat(n / 2)),
    ];
    for text in cases {
        let start = std::time::Instant::now();
        let (_, res) = parse_named("slow.fs", &text);
        let took = start.elapsed();
        assert!(res.is_err(), "{text}");
        assert!(
            took < std::time::Duration::from_secs(1),
            "{took:?} for {text}"
        );
    }
}
