//! Lines in and out, and what a typed line asks for: an answer, or one of the commands.

use crate::model::{Position, StepId};
use std::io::{BufRead, Write};

/// Lines in, lines out. A write that fails (the reader went away) ends the session quietly:
/// every answer is already saved.
pub struct Io<R, W> {
    pub input: R,
    pub out: W,
    pub ok: bool,
    pub echo: bool,
}

impl<R: BufRead, W: Write> Io<R, W> {
    /// Writes a line. Whatever it holds (user text inside a message, say), no control
    /// character or escape sequence gets through: only text and the line end.
    pub fn line(&mut self, s: &str) {
        let s = crate::export::escape::clean_cow(s);
        self.ok = self.ok && writeln!(self.out, "{s}").is_ok();
    }

    pub fn prompt(&mut self) {
        self.ok = self.ok
            && write!(self.out, "> ")
                .and_then(|()| self.out.flush())
                .is_ok();
    }

    /// One line without its line end (invalid UTF-8 replaced); `None` at the end of input.
    pub fn read(&mut self) -> Option<String> {
        if !self.ok {
            return None;
        }
        let mut buf = Vec::new();
        match self.input.read_until(b'\n', &mut buf) {
            Ok(0) | Err(_) => None,
            Ok(_) => {
                while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    buf.pop();
                }
                let line = String::from_utf8_lossy(&buf).into_owned();
                if self.echo {
                    self.line(&line);
                }
                Some(line)
            }
        }
    }
}

/// What a line typed at a prompt asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Cmd {
    /// An answer (or a name, at an "add" prompt).
    Answer(String),
    /// `Enter` alone.
    Keep,
    Skip,
    Back,
    /// `?`: the question's help.
    Help,
    /// `:help`: the commands.
    Commands,
    Goto(Position),
    Results,
    Export(String),
    Clear,
    Delete,
    Lang,
    Quit,
    Unknown(String),
}

/// Reads a typed line as a command or an answer. `:` and `?` are also taken full-width (`：`,
/// `？`), as a Chinese input method types them.
pub fn command(line: &str) -> Cmd {
    let t = line.trim();
    match t {
        "" => return Cmd::Keep,
        "?" | "？" => return Cmd::Help,
        "<" => return Cmd::Back,
        ">" => return Cmd::Skip,
        _ => {}
    }
    let Some(rest) = t.strip_prefix(':').or_else(|| t.strip_prefix('：')) else {
        return Cmd::Answer(line.to_owned());
    };
    if rest.starts_with(':') || rest.starts_with('：') {
        return Cmd::Answer(line.trim_start().chars().skip(1).collect());
    }
    let (word, arg) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let arg = arg.trim();
    match word.to_lowercase().as_str() {
        "goto" | "go" | "g" => goto(arg).map_or_else(|| Cmd::Unknown(t.to_owned()), Cmd::Goto),
        "results" | "r" => Cmd::Results,
        "export" | "e" if !arg.is_empty() => Cmd::Export(arg.trim_matches(['"', '\'']).to_owned()),
        "clear" => Cmd::Clear,
        "delete" => Cmd::Delete,
        "lang" => Cmd::Lang,
        "quit" | "q" | "exit" => Cmd::Quit,
        "help" | "h" => Cmd::Commands,
        _ => Cmd::Unknown(t.to_owned()),
    }
}

/// `:goto` targets: a step number, `0`/`p`/`profile`, `r`/`results`.
fn goto(arg: &str) -> Option<Position> {
    match arg.to_lowercase().as_str() {
        "0" | "p" | "profile" => Some(Position::Profile),
        "r" | "results" => Some(Position::Results(Default::default())),
        n => n
            .parse::<u8>()
            .ok()
            .and_then(StepId::new)
            .map(Position::Step),
    }
}

/// Yes to a confirmation.
pub fn yes(line: &str) -> bool {
    matches!(
        line.trim().to_lowercase().as_str(),
        "y" | "yes" | "是" | "是的" | "好" | "确定"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_as_commands_or_answers() {
        assert_eq!(command(""), Cmd::Keep);
        assert_eq!(command("  "), Cmd::Keep);
        assert_eq!(command("？"), Cmd::Help);
        assert_eq!(command("<"), Cmd::Back);
        assert_eq!(command(">"), Cmd::Skip);
        assert_eq!(
            command(":goto 3"),
            Cmd::Goto(Position::Step(StepId::new(3).unwrap_or(StepId::FIRST)))
        );
        assert_eq!(command("：goto 0"), Cmd::Goto(Position::Profile));
        assert_eq!(command(":goto 11"), Cmd::Unknown(":goto 11".into()));
        assert_eq!(
            command(":export 方案 1.md"),
            Cmd::Export("方案 1.md".into())
        );
        assert_eq!(command(":export"), Cmd::Unknown(":export".into()));
        assert_eq!(command(":QUIT"), Cmd::Quit);
        assert_eq!(command("::) smile"), Cmd::Answer(":) smile".into()));
        assert_eq!(command("ERP <core>"), Cmd::Answer("ERP <core>".into()));
    }
}
