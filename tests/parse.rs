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
