//! A lossless RON tree for migrations.
//!
//! `ron::Value` cannot carry an old profile to a new shape: it drops enum variant names
//! (`Text("x")` becomes `["x"]`) and may narrow numbers (`2.0` becomes an `f32`). This tree keeps
//! every leaf exactly as written (numbers, strings, chars, identifiers) and only structures what
//! migrations edit: structs with named fields, tuples, lists and maps. Comments are dropped.
//!
//! Every node remembers where it started in the file; [`Doc::print`] writes the tree on one line
//! and returns a [`PosMap`] so that an error reported in the printed text can be shown at the
//! right line and column of the user's file.

/// A line and column, both 1-based, counted in characters (as `ron` does).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    /// Where the node starts in the source; `None` for nodes a migration created.
    pub pos: Option<Pos>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A number, string, char, byte string, boolean or unit variant, exactly as written.
    Atom(String),
    List(Vec<Node>),
    Map(Vec<(Node, Node)>),
    /// `(a: 1)` or `Name(a: 1)`.
    Struct {
        name: Option<String>,
        fields: Vec<Field>,
    },
    /// `()`, `(1, 2)`, `Some(1)`, `Text("x")`.
    Tuple {
        name: Option<String>,
        items: Vec<Node>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub value: Node,
}

/// A parsed file: `#![enable(...)]` attributes, kept verbatim, and the root value.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub attributes: Vec<String>,
    pub root: Node,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawError {
    pub pos: Pos,
    pub msg: String,
}

/// Maps columns of the printed one-line text back to source positions.
#[derive(Debug, Default)]
pub struct PosMap {
    /// (printed column, source position), ascending by printed column.
    marks: Vec<(usize, Pos)>,
}

impl PosMap {
    /// The source position of the node at printed column `col` (line 1) of `printed`. A column
    /// on white space or a separator belongs to the node that follows it (parsers report the
    /// position where they started looking for a value).
    pub fn source(&self, printed: &str, col: usize) -> Option<Pos> {
        let skipped = printed
            .chars()
            .skip(col.saturating_sub(1))
            .take_while(|c| matches!(c, ' ' | ',' | ':'))
            .count();
        let col = col + skipped;
        let idx = self.marks.partition_point(|(c, _)| *c <= col);
        idx.checked_sub(1)
            .and_then(|i| self.marks.get(i))
            .map(|(_, p)| *p)
    }
}

impl Node {
    pub fn new(kind: Kind) -> Node {
        Node { kind, pos: None }
    }

    pub fn atom(text: impl Into<String>) -> Node {
        Node::new(Kind::Atom(text.into()))
    }

    /// The fields of a struct node.
    pub fn fields(&self) -> Option<&[Field]> {
        match &self.kind {
            Kind::Struct { fields, .. } => Some(fields),
            _ => None,
        }
    }

    pub fn fields_mut(&mut self) -> Option<&mut Vec<Field>> {
        match &mut self.kind {
            Kind::Struct { fields, .. } => Some(fields),
            _ => None,
        }
    }

    pub fn field(&self, name: &str) -> Option<&Node> {
        self.fields()?
            .iter()
            .find(|f| f.name == name)
            .map(|f| &f.value)
    }

    pub fn field_mut(&mut self, name: &str) -> Option<&mut Node> {
        self.fields_mut()?
            .iter_mut()
            .find(|f| f.name == name)
            .map(|f| &mut f.value)
    }

    /// Sets a field of a struct node, adding it if missing. Returns false for other nodes.
    pub fn set_field(&mut self, name: &str, value: Node) -> bool {
        let Some(fields) = self.fields_mut() else {
            return false;
        };
        match fields.iter_mut().find(|f| f.name == name) {
            Some(f) => f.value = value,
            None => fields.push(Field {
                name: name.to_owned(),
                value,
            }),
        }
        true
    }

    /// Renames a field of a struct node. If `to` already exists the old field is dropped.
    pub fn rename_field(&mut self, from: &str, to: &str) {
        let Some(fields) = self.fields_mut() else {
            return;
        };
        let has_to = fields.iter().any(|f| f.name == to);
        if has_to {
            fields.retain(|f| f.name != from);
        } else if let Some(f) = fields.iter_mut().find(|f| f.name == from) {
            f.name = to.to_owned();
        }
    }

    pub fn items_mut(&mut self) -> Option<&mut Vec<Node>> {
        match &mut self.kind {
            Kind::List(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_atom(&self) -> Option<&str> {
        match &self.kind {
            Kind::Atom(s) => Some(s),
            _ => None,
        }
    }
}

const MAX_DEPTH: usize = 128;

pub fn parse(src: &str) -> Result<Doc, RawError> {
    let mut p = Parser {
        src,
        i: 0,
        line: 1,
        col: 1,
    };
    p.skip_ws()?;
    let mut attributes = Vec::new();
    while p.rest().starts_with("#!") {
        attributes.push(p.attribute()?);
        p.skip_ws()?;
    }
    let root = p.value(0)?;
    p.skip_ws()?;
    if p.peek().is_some() {
        return Err(p.error("unexpected text after the end of the value"));
    }
    Ok(Doc { attributes, root })
}

struct Parser<'a> {
    src: &'a str,
    i: usize,
    line: usize,
    col: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        self.src.get(self.i..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek2(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
        }
    }

    fn error(&self, msg: &str) -> RawError {
        RawError {
            pos: self.pos(),
            msg: msg.to_owned(),
        }
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn expect(&mut self, want: char) -> Result<(), RawError> {
        if self.peek() == Some(want) {
            self.bump();
            Ok(())
        } else {
            Err(self.error(&format!("expected `{want}`")))
        }
    }

    fn skip_ws(&mut self) -> Result<(), RawError> {
        loop {
            match (self.peek(), self.peek2()) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                (Some('/'), Some('*')) => self.block_comment()?,
                _ => return Ok(()),
            }
        }
    }

    fn block_comment(&mut self) -> Result<(), RawError> {
        let start = self.pos();
        let mut depth = 0usize;
        loop {
            match (self.peek(), self.peek2()) {
                (Some('/'), Some('*')) => {
                    self.bump();
                    self.bump();
                    depth += 1;
                }
                (Some('*'), Some('/')) => {
                    self.bump();
                    self.bump();
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                (Some(_), _) => {
                    self.bump();
                }
                (None, _) => {
                    return Err(RawError {
                        pos: start,
                        msg: "unclosed comment".to_owned(),
                    });
                }
            }
        }
    }

    /// `#![enable(...)]`, kept verbatim.
    fn attribute(&mut self) -> Result<String, RawError> {
        let start = self.i;
        self.bump();
        self.bump();
        self.skip_ws()?;
        self.expect('[')?;
        let mut depth = 1usize;
        while depth > 0 {
            match self.bump() {
                Some('[') => depth += 1,
                Some(']') => depth -= 1,
                Some(_) => {}
                None => return Err(self.error("unclosed attribute")),
            }
        }
        Ok(self.src.get(start..self.i).unwrap_or("").to_owned())
    }

    fn value(&mut self, depth: usize) -> Result<Node, RawError> {
        if depth > MAX_DEPTH {
            return Err(self.error("values are nested too deeply"));
        }
        let pos = self.pos();
        let kind = match (self.peek(), self.peek2()) {
            (Some('['), _) => self.list(depth)?,
            (Some('{'), _) => self.map(depth)?,
            (Some('('), _) => self.paren(None, depth)?,
            (Some('"'), _) => Kind::Atom(self.quoted('"')?),
            (Some('\''), _) => Kind::Atom(self.quoted('\'')?),
            (Some('b'), Some('"' | '\'')) => {
                self.bump();
                let q = self.peek().unwrap_or('"');
                Kind::Atom(format!("b{}", self.quoted(q)?))
            }
            (Some('r'), Some('"' | '#')) if self.raw_string_ahead(1) => {
                Kind::Atom(self.raw_string()?)
            }
            (Some('b'), Some('r')) if self.raw_string_ahead(2) => {
                self.bump();
                Kind::Atom(format!("b{}", self.raw_string()?))
            }
            (Some(c), _) if c.is_alphabetic() || c == '_' => {
                let ident = self.ident()?;
                self.skip_ws()?;
                if self.peek() == Some('(') {
                    self.paren(Some(ident), depth)?
                } else {
                    Kind::Atom(ident)
                }
            }
            (Some(c), _) if c.is_ascii_digit() || matches!(c, '+' | '-' | '.') => {
                Kind::Atom(self.number())
            }
            (Some(_), _) => return Err(self.error("unexpected character")),
            (None, _) => return Err(self.error("unexpected end of file")),
        };
        Ok(Node {
            kind,
            pos: Some(pos),
        })
    }

    fn list(&mut self, depth: usize) -> Result<Kind, RawError> {
        self.expect('[')?;
        let mut items = Vec::new();
        loop {
            self.skip_ws()?;
            if self.peek() == Some(']') {
                self.bump();
                return Ok(Kind::List(items));
            }
            items.push(self.value(depth + 1)?);
            self.after_item(']')?;
        }
    }

    fn map(&mut self, depth: usize) -> Result<Kind, RawError> {
        self.expect('{')?;
        let mut entries = Vec::new();
        loop {
            self.skip_ws()?;
            if self.peek() == Some('}') {
                self.bump();
                return Ok(Kind::Map(entries));
            }
            let key = self.value(depth + 1)?;
            self.skip_ws()?;
            self.expect(':')?;
            self.skip_ws()?;
            let value = self.value(depth + 1)?;
            entries.push((key, value));
            self.after_item('}')?;
        }
    }

    /// After an item: white space, then `,` or the closing bracket (left for the caller).
    fn after_item(&mut self, close: char) -> Result<(), RawError> {
        self.skip_ws()?;
        match self.peek() {
            Some(',') => {
                self.bump();
                Ok(())
            }
            Some(c) if c == close => Ok(()),
            _ => Err(self.error(&format!("expected `,` or `{close}`"))),
        }
    }

    fn paren(&mut self, name: Option<String>, depth: usize) -> Result<Kind, RawError> {
        self.expect('(')?;
        self.skip_ws()?;
        if self.is_struct_ahead() {
            let mut fields = Vec::new();
            loop {
                self.skip_ws()?;
                if self.peek() == Some(')') {
                    self.bump();
                    return Ok(Kind::Struct { name, fields });
                }
                let field = self.ident()?;
                self.skip_ws()?;
                self.expect(':')?;
                self.skip_ws()?;
                let value = self.value(depth + 1)?;
                fields.push(Field { name: field, value });
                self.after_item(')')?;
            }
        }
        let mut items = Vec::new();
        loop {
            self.skip_ws()?;
            if self.peek() == Some(')') {
                self.bump();
                return Ok(Kind::Tuple { name, items });
            }
            items.push(self.value(depth + 1)?);
            self.after_item(')')?;
        }
    }

    /// Whether the parenthesis just opened holds `field: value` pairs.
    fn is_struct_ahead(&self) -> bool {
        let mut look = Parser {
            src: self.src,
            i: self.i,
            line: self.line,
            col: self.col,
        };
        if !look.peek().is_some_and(|c| c.is_alphabetic() || c == '_') || look.ident().is_err() {
            return false;
        }
        if look.skip_ws().is_err() {
            return false;
        }
        look.peek() == Some(':') && look.peek2() != Some(':')
    }

    /// An identifier, or a raw identifier `r#name` (which may also hold `-`, `+` and `.`,
    /// as in `r#zh-CN`).
    fn ident(&mut self) -> Result<String, RawError> {
        let start = self.i;
        let raw = self.peek() == Some('r') && self.peek2() == Some('#');
        if raw {
            self.bump();
            self.bump();
        }
        if !self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            return Err(self.error("expected a name"));
        }
        while self.peek().is_some_and(|c| {
            c.is_alphanumeric() || c == '_' || (raw && matches!(c, '-' | '+' | '.'))
        }) {
            self.bump();
        }
        Ok(self.src.get(start..self.i).unwrap_or("").to_owned())
    }

    fn number(&mut self) -> String {
        let start = self.i;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-' | '.'))
        {
            self.bump();
        }
        self.src.get(start..self.i).unwrap_or("").to_owned()
    }

    /// A `"string"` or `'c'` with escapes, verbatim including the quotes.
    fn quoted(&mut self, quote: char) -> Result<String, RawError> {
        let start_pos = self.pos();
        let start = self.i;
        self.expect(quote)?;
        loop {
            match self.bump() {
                Some('\\') => {
                    self.bump();
                }
                Some(c) if c == quote => break,
                Some(_) => {}
                None => {
                    return Err(RawError {
                        pos: start_pos,
                        msg: "unclosed string".to_owned(),
                    });
                }
            }
        }
        Ok(self.src.get(start..self.i).unwrap_or("").to_owned())
    }

    /// Whether `r` (at offset `skip` chars) starts a raw string `r"…"` / `r#"…"#`, as opposed
    /// to a raw identifier `r#name`.
    fn raw_string_ahead(&self, skip: usize) -> bool {
        let after_r = self.rest().chars().skip(skip).find(|&c| c != '#');
        after_r == Some('"')
    }

    fn raw_string(&mut self) -> Result<String, RawError> {
        let start_pos = self.pos();
        let start = self.i;
        self.expect('r')?;
        let mut hashes = 0usize;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        self.expect('"')?;
        let closing: String = std::iter::once('"')
            .chain(std::iter::repeat_n('#', hashes))
            .collect();
        loop {
            if self.rest().starts_with(&closing) {
                for _ in 0..closing.chars().count() {
                    self.bump();
                }
                return Ok(self.src.get(start..self.i).unwrap_or("").to_owned());
            }
            if self.bump().is_none() {
                return Err(RawError {
                    pos: start_pos,
                    msg: "unclosed raw string".to_owned(),
                });
            }
        }
    }
}

impl Doc {
    /// The document on one line, with a map from printed columns to source positions.
    pub fn print(&self) -> (String, PosMap) {
        let mut w = Writer {
            out: String::new(),
            col: 1,
            map: PosMap::default(),
        };
        for a in &self.attributes {
            w.text(a);
            w.text(" ");
        }
        w.node(&self.root);
        (w.out, w.map)
    }
}

struct Writer {
    out: String,
    /// Column of the next character written (the output has no newlines).
    col: usize,
    map: PosMap,
}

impl Writer {
    fn text(&mut self, s: &str) {
        // Source text may hold newlines only inside raw strings; keep columns honest anyway.
        for c in s.chars() {
            self.out.push(c);
            self.col = if c == '\n' { 1 } else { self.col + 1 };
        }
    }

    fn node(&mut self, n: &Node) {
        if let Some(pos) = n.pos {
            self.map.marks.push((self.col, pos));
        }
        match &n.kind {
            Kind::Atom(s) => self.text(s),
            Kind::List(items) => {
                self.text("[");
                self.sequence(items, |w, item| w.node(item));
                self.text("]");
            }
            Kind::Map(entries) => {
                self.text("{");
                self.sequence(entries, |w, (k, v)| {
                    w.node(k);
                    w.text(": ");
                    w.node(v);
                });
                self.text("}");
            }
            Kind::Struct { name, fields } => {
                self.text(name.as_deref().unwrap_or(""));
                self.text("(");
                self.sequence(fields, |w, f| {
                    w.text(&f.name);
                    w.text(": ");
                    w.node(&f.value);
                });
                self.text(")");
            }
            Kind::Tuple { name, items } => {
                self.text(name.as_deref().unwrap_or(""));
                self.text("(");
                self.sequence(items, |w, item| w.node(item));
                self.text(")");
            }
        }
    }

    fn sequence<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.text(", ");
            }
            each(self, item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r##"#![enable(implicit_some)]
// a comment
(
    schema_version: 0, /* block /* nested */ */
    name: "示范 \"企业\"",
    raw: r#"say "hi""#,
    bytes: b"ab",
    chr: '\'',
    answers: {"a": Text("x"), "b": Number(-1.5e3), "c": YesNo(true), "d": Choices([])},
    systems: [Sys(id: (1), deps: [(2)],), (id: 2)],
    unit: (),
    opt: Some(r#x),
    lang: r#zh-CN,
    float: 2.0,
)
"##;

    #[test]
    fn print_keeps_every_leaf_and_ron_reads_it_the_same() {
        let doc = parse(SAMPLE).unwrap();
        let (printed, _) = doc.print();
        assert_eq!(
            printed,
            r##"#![enable(implicit_some)] (schema_version: 0, name: "示范 \"企业\"", raw: r#"say "hi""#, bytes: b"ab", chr: '\'', answers: {"a": Text("x"), "b": Number(-1.5e3), "c": YesNo(true), "d": Choices([])}, systems: [Sys(id: (1), deps: [(2)]), (id: 2)], unit: (), opt: Some(r#x), lang: r#zh-CN, float: 2.0)"##
        );
        let a: ron::Value = ron::from_str(SAMPLE).unwrap();
        let b: ron::Value = ron::from_str(&printed).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn positions_map_back_to_the_source() {
        let doc = parse(SAMPLE).unwrap();
        let (printed, map) = doc.print();
        let col = printed
            .find("Number(")
            .map(|b| printed[..b].chars().count() + 1)
            .unwrap();
        assert_eq!(map.source(&printed, col), Some(Pos { line: 9, col: 36 }));
        // Inside a leaf: the leaf's own start.
        assert_eq!(
            map.source(&printed, col + 3),
            Some(Pos { line: 9, col: 36 })
        );
    }

    #[test]
    fn fields_can_be_renamed_and_set() {
        let mut doc = parse("(a: 1, b: [ (deps: [1]) ])").unwrap();
        doc.root.set_field("a", Node::atom("2"));
        doc.root.set_field("c", Node::atom("3"));
        if let Some(items) = doc.root.field_mut("b").and_then(Node::items_mut) {
            for s in items {
                s.rename_field("deps", "depends_on");
            }
        }
        assert_eq!(doc.print().0, "(a: 2, b: [(depends_on: [1])], c: 3)");
    }

    #[test]
    fn broken_input_is_an_error_with_a_position() {
        let e = parse("(\n  a: [1, 2\n)").unwrap_err();
        assert_eq!(e.pos, Pos { line: 3, col: 1 });
        assert!(parse("\"open").is_err());
        assert!(parse("/* open").is_err());
        assert!(parse("(a: 1) x").is_err());
        assert!(parse("").is_err());
        assert!(parse(&"[".repeat(500)).is_err());
        assert!(parse("r#\"open").is_err());
        assert!(parse("#![enable(").is_err());
    }
}
