//! The conversation: one prompt after another over the screens, what each typed line does,
//! the saves, the end of a step (blocked as the wizard's "Next"), the results and the export.

use super::answer::{self, Value};
use super::io::{Cmd, Io, command, yes};
use super::results;
use super::walk::{self, Item};
use crate::content::{Content, QuestionDef, QuestionKind, Scope, Text};
use crate::engine::validate::Entity;
use crate::engine::waves::WaveRef;
use crate::export::{self, Format};
use crate::model::{Lang, Position, Profile, StepId};
use crate::store::ProfileLock;
use std::io::{BufRead, Write};
use std::path::Path;

pub struct Session<R, W> {
    pub content: &'static Content,
    pub lang: Lang,
    pub lock: ProfileLock,
    pub profile: Profile,
    pub io: Io<R, W>,
    /// The screen: the profile, a step, or the results.
    pub pos: Position,
    /// The prompt of the screen being asked ([`walk::items`]).
    pub cursor: usize,
    /// The screen's heading is still to be said.
    pub fresh: bool,
    /// Whom the last question was about, so that a new system is announced once.
    pub last_entity: Option<Entity>,
    /// The prompt a blocked "Next" sent the user back to: once it is answered, the screen is
    /// left (its other questions were seen already).
    pub blocked_at: Option<usize>,
    /// The last save failed with this message.
    pub save_error: Option<String>,
    pub quit: bool,
}

impl<R: BufRead, W: Write> Session<R, W> {
    fn t(&self, key: &str) -> String {
        self.content.t(self.lang, key)
    }

    fn say(&mut self, key: &str, args: &[(&str, &str)]) {
        let s = self.content.render_plain(self.lang, key, args);
        self.io.line(&s);
    }

    pub fn say_text(&mut self, t: &Text) {
        let s = self.content.render(self.lang, t);
        self.io.line(&s);
    }

    /// The step shown, `None` for the profile screen (and the results, which have no items).
    fn step(&self) -> Option<StepId> {
        match self.pos {
            Position::Step(s) => Some(s),
            _ => None,
        }
    }

    fn waves(&self) -> Vec<crate::engine::Wave> {
        let def = walk::screen(self.content, self.step());
        if def.questions.iter().any(|q| q.scope == Scope::Wave) {
            crate::engine::waves_of(self.content, &self.profile)
        } else {
            Vec::new()
        }
    }

    fn items(&self) -> Vec<Item> {
        let waves: Vec<WaveRef> = self.waves().iter().map(WaveRef::of).collect();
        walk::items(self.content, &self.profile, &waves, self.step())
    }

    /// Saves the profile under its lock; a failure is said at once and retried with the next
    /// change and at the end.
    pub fn save(&mut self) {
        match self.lock.save(&self.profile) {
            Ok(saved) => {
                self.save_error = None;
                if let Some(to) = saved.moved_aside {
                    let t = super::moved_aside(&saved.path, &to);
                    self.say_text(&t);
                }
            }
            Err(e) => {
                let m = self.content.render(self.lang, &e.text());
                self.say("plain.save_failed", &[("error", &m)]);
                self.save_error = Some(m);
            }
        }
    }

    pub fn main_loop(&mut self) {
        let name = answer::one_line(self.lock.name());
        self.say("plain.welcome", &[("name", &name)]);
        while !self.quit && self.io.ok {
            if matches!(self.pos, Position::Results(_)) {
                if std::mem::take(&mut self.fresh) {
                    self.say("plain.results.intro", &[]);
                }
                self.io.prompt();
                let Some(line) = self.io.read() else { break };
                match command(&line) {
                    Cmd::Back => self.go(Position::Step(StepId::LAST), true),
                    Cmd::Keep | Cmd::Skip => self.say("plain.results.intro", &[]),
                    Cmd::Answer(_) | Cmd::Clear | Cmd::Delete | Cmd::Help => {
                        self.say("plain.results.intro", &[]);
                    }
                    other => self.common(other),
                }
                continue;
            }
            let items = self.items();
            if std::mem::take(&mut self.fresh) {
                self.heading();
            }
            let Some(item) = items.get(self.cursor).copied() else {
                self.end_of_screen(&items);
                continue;
            };
            self.ask(&item, items.len());
            let Some(line) = self.read_answer(&item) else {
                break;
            };
            let at = self.cursor;
            self.handle(&item, command(&line));
            match self.blocked_at {
                Some(b) if b == at && self.cursor == at + 1 => {
                    self.cursor = self.items().len();
                    self.blocked_at = None;
                }
                Some(b) if b != self.cursor => self.blocked_at = None,
                _ => {}
            }
        }
    }

    /// The screen's title, clauses and introduction, and what it cannot ask yet.
    fn heading(&mut self) {
        let def = walk::screen(self.content, self.step());
        let mut cites = vec![self.content.cite(self.lang, &def.clause)];
        cites.extend(def.also.iter().map(|c| self.content.cite(self.lang, c)));
        let title = self.t(&format!("step.{}.title", def.id));
        let cites = cites.join(" ");
        self.io.line("");
        match self.step() {
            Some(s) => {
                let n = s.number().to_string();
                self.say(
                    "plain.step",
                    &[("n", &n), ("title", &title), ("clauses", &cites)],
                );
            }
            None => self.say("plain.profile", &[("title", &title), ("clauses", &cites)]),
        }
        let intro = self.t(&format!("step.{}.intro", def.id));
        self.io.line(&intro);
        for scope in walk::entity_scopes(def) {
            let waves: Vec<WaveRef> = self.waves().iter().map(WaveRef::of).collect();
            if !walk::entities(&self.profile, &waves, scope).is_empty() {
                continue;
            }
            let adds =
                walk::name_question(scope).is_some_and(|n| def.questions.iter().any(|q| q.id == n));
            match scope {
                Scope::System if !adds => self.say("plain.none.systems", &[]),
                Scope::Wave => self.say("plain.none.waves", &[]),
                _ => {}
            }
        }
        self.last_entity = None;
    }

    /// Says who the question is about when that changes.
    fn announce(&mut self, entity: Entity) {
        if self.last_entity == Some(entity) {
            return;
        }
        self.last_entity = Some(entity);
        match entity {
            Entity::Enterprise => {}
            Entity::System(id) => {
                let n = self.profile.system_index(id).map_or(0, |i| i + 1);
                let total = self.profile.systems.len().to_string();
                let name = answer::entity_name(&self.profile, entity);
                self.say(
                    "plain.entity.system",
                    &[("n", &n.to_string()), ("total", &total), ("name", &name)],
                );
            }
            Entity::Provider(id) => {
                let n = self.profile.providers.iter().position(|p| p.id == id);
                let n = n.map_or(0, |i| i + 1).to_string();
                let total = self.profile.providers.len().to_string();
                let name = answer::entity_name(&self.profile, entity);
                self.say(
                    "plain.entity.provider",
                    &[("n", &n), ("total", &total), ("name", &name)],
                );
            }
            Entity::Wave(WaveRef { number: n, .. }) => {
                let waves = self.waves();
                let sep = self.t("ui.list_sep");
                let names: Vec<String> = waves
                    .iter()
                    .find(|w| w.number == n)
                    .map(|w| {
                        w.systems
                            .iter()
                            .map(|id| answer::entity_name(&self.profile, Entity::System(*id)))
                            .collect()
                    })
                    .unwrap_or_default();
                self.say(
                    "plain.entity.wave",
                    &[("n", &n.to_string()), ("systems", &names.join(&sep))],
                );
            }
        }
    }

    /// Says one prompt: the question, its clause, the current answer, the options, how to
    /// answer.
    fn ask(&mut self, item: &Item, total: usize) {
        let (q, entity) = match *item {
            Item::Ask { q, entity } => (q, entity),
            Item::Add(scope) => {
                let key = match scope {
                    Scope::Provider => "plain.add.provider",
                    _ => "plain.add.system",
                };
                self.say(key, &[]);
                self.io.prompt();
                return;
            }
        };
        self.announce(entity);
        let n = (self.cursor + 1).to_string();
        let label = self.t(&format!("q.{}.label", q.id));
        let cite = self.content.cite(self.lang, &q.clause);
        let key = if q.required {
            "plain.question.required"
        } else {
            "plain.question"
        };
        self.say(
            key,
            &[
                ("n", &n),
                ("total", &total.to_string()),
                ("label", &label),
                ("clause", &cite),
            ],
        );
        match answer::show(self.content, self.lang, &self.profile, entity, q) {
            Some(a) => {
                let mut lines = a.lines();
                let first = lines.next().unwrap_or("");
                self.say("plain.answer", &[("answer", first)]);
                for l in lines {
                    self.io.line(l);
                }
            }
            None => self.say("plain.answer.none", &[]),
        }
        self.notes(q, entity);
        self.options(q, entity);
        self.hint(q);
        self.io.prompt();
    }

    /// The engine's advice beside a question, as the wizard shows it.
    fn notes(&mut self, q: &QuestionDef, entity: Entity) {
        let (set, value) = match (q.id.as_str(), entity) {
            ("s3.deployment", _) => {
                let a = crate::engine::analyse(self.content, &self.profile);
                ("deployment", a.deployment.recommended.option().to_owned())
            }
            ("sys.strategy", Entity::System(id)) => {
                let a = crate::engine::analyse(self.content, &self.profile);
                match a.systems.iter().find(|s| s.id == id) {
                    Some(s) => ("strategy", s.suggested_strategy.clone()),
                    None => return,
                }
            }
            _ => return,
        };
        let label = self.content.option_label(self.lang, set, &value);
        let key = if set == "deployment" {
            "ui.note.recommended"
        } else {
            "ui.note.suggested"
        };
        self.say(key, &[("value", &label)]);
    }

    /// Numbered options of a choice, the catalogue by group, the other systems for
    /// dependencies.
    fn options(&mut self, q: &QuestionDef, entity: Entity) {
        let numbered = |i: usize, label: &str| format!("{}. {label}", i + 1);
        match &q.kind {
            QuestionKind::Single(_) | QuestionKind::Multi(_) => {
                for (i, (_, label)) in answer::options(self.content, self.lang, q)
                    .iter()
                    .enumerate()
                {
                    self.io.line(&numbered(i, label));
                }
            }
            QuestionKind::Catalogue => {
                let mut i = 0;
                for g in &self.content.catalogue.groups {
                    let head = self.t(&format!("cat.{}", g.id));
                    let cite = self.content.cite(self.lang, &g.clause);
                    self.io.line(&format!("{head} {cite}"));
                    for s in &g.services {
                        let label = self.t(&format!("svc.{}", s.id));
                        self.io.line(&numbered(i, &label));
                        i += 1;
                    }
                }
            }
            QuestionKind::Dependencies => {
                let opts = answer::dependency_options(&self.profile, entity);
                if opts.is_empty() {
                    self.say("plain.depends.none", &[]);
                }
                for (i, (_, name)) in opts.iter().enumerate() {
                    self.io.line(&numbered(i, name));
                }
            }
            _ => {}
        }
    }

    /// How to answer a question of this kind.
    fn hint(&mut self, q: &QuestionDef) {
        match &q.kind {
            QuestionKind::Text { .. } => self.say("plain.hint.text", &[]),
            QuestionKind::LongText { .. } => self.say("plain.hint.long_text", &[]),
            QuestionKind::Number {
                unit,
                min,
                max,
                integer,
            } => {
                let key = if *integer {
                    "plain.hint.whole_number"
                } else {
                    "plain.hint.number"
                };
                let unit = self.t(&format!("unit.{unit}"));
                let (min, max) = (
                    crate::content::format_number(*min, 4),
                    crate::content::format_number(*max, 4),
                );
                self.say(key, &[("unit", &unit), ("min", &min), ("max", &max)]);
            }
            QuestionKind::Date => self.say("plain.hint.date", &[]),
            QuestionKind::Single(_) => self.say("plain.hint.single", &[]),
            QuestionKind::Multi(_) | QuestionKind::Catalogue => {
                self.say("plain.hint.multi", &[]);
            }
            QuestionKind::YesNo => self.say("plain.hint.yes_no", &[]),
            QuestionKind::Rating => self.say("plain.hint.rating", &[]),
            QuestionKind::Dependencies => self.say("plain.hint.depends", &[]),
        }
    }

    /// One answer line; for long text, a line ending in `\` goes on with the next.
    fn read_answer(&mut self, item: &Item) -> Option<String> {
        let mut line = self.io.read()?;
        let long = matches!(
            item,
            Item::Ask { q, .. } if matches!(q.kind, QuestionKind::LongText { .. })
        );
        while long && line.ends_with('\\') {
            line.pop();
            line.push('\n');
            match self.io.read() {
                Some(more) => line.push_str(&more),
                None => break,
            }
        }
        Some(line)
    }

    fn handle(&mut self, item: &Item, cmd: Cmd) {
        match (cmd, *item) {
            (Cmd::Keep, Item::Ask { q, entity })
                if q.required && !answer::is_answered(&self.profile, entity, q) =>
            {
                let t = Text::new("val.required").key("question", format!("q.{}.label", q.id));
                self.say_text(&t);
            }
            (Cmd::Keep | Cmd::Skip, _) => self.cursor += 1,
            (Cmd::Back, _) => self.back(),
            (Cmd::Help, Item::Ask { q, .. }) => {
                let help = self.t(&format!("q.{}.help", q.id));
                let cite = self.content.cite(self.lang, &q.clause);
                self.io.line(&format!("{help} {cite}"));
                self.say("plain.keys", &[]);
            }
            (Cmd::Help, Item::Add(_)) => self.say("plain.keys", &[]),
            (Cmd::Answer(raw), Item::Ask { q, entity }) => {
                match answer::parse(self.content, self.lang, &self.profile, entity, q, &raw) {
                    Ok(v) => {
                        if answer::set(&mut self.profile, entity, q, v) {
                            self.save();
                        }
                        self.cursor += 1;
                    }
                    Err(t) => self.say_text(&t),
                }
            }
            (Cmd::Answer(raw), Item::Add(scope)) => self.add(scope, &raw),
            (Cmd::Clear, Item::Ask { q, entity }) => {
                let empty = if q.kind == QuestionKind::Dependencies {
                    Value::Depends(Vec::new())
                } else {
                    Value::Answer(None)
                };
                if answer::set(&mut self.profile, entity, q, empty) {
                    self.save();
                }
                self.say("plain.cleared", &[]);
            }
            (Cmd::Delete, Item::Ask { entity, .. })
                if matches!(entity, Entity::System(_) | Entity::Provider(_)) =>
            {
                self.delete(entity);
            }
            (Cmd::Clear | Cmd::Delete, _) => self.say("plain.err.nothing", &[]),
            (other, _) => self.common(other),
        }
    }

    /// Commands that work everywhere.
    fn common(&mut self, cmd: Cmd) {
        match cmd {
            Cmd::Goto(p) => self.go(p, false),
            Cmd::Results => self.results(),
            Cmd::Export(file) => self.export(&file),
            Cmd::Lang => {
                self.lang = self.lang.toggled();
                self.profile.lang = self.lang;
                self.save();
                self.say("plain.lang", &[]);
                self.fresh = true;
            }
            Cmd::Quit => self.quit = true,
            Cmd::Commands => self.say("plain.commands", &[]),
            Cmd::Unknown(c) => {
                let c = answer::one_line(&c);
                self.say("plain.err.command", &[("command", &c)]);
            }
            _ => {}
        }
    }

    /// Goes to a screen, at its first prompt (or its last, going back), and saves the place.
    fn go(&mut self, pos: Position, at_end: bool) {
        self.pos = pos;
        self.fresh = true;
        self.cursor = 0;
        if at_end {
            self.cursor = self.items().len().saturating_sub(1);
        }
        if self.profile.position != pos {
            self.profile.position = pos;
            self.save();
        }
    }

    fn back(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            return;
        }
        match self.pos {
            Position::Step(_) => self.go(self.pos.prev(), true),
            _ => self.say("plain.at_start", &[]),
        }
    }

    /// The screen is done: on to the next, unless the engine blocks it as the wizard's "Next"
    /// does; then back to the question that needs an answer.
    fn end_of_screen(&mut self, items: &[Item]) {
        let problems = crate::engine::validate::problems(self.content, &self.profile, self.step());
        let Some(p) = problems.into_iter().find(|p| p.blocks_next) else {
            self.go(self.pos.next(), false);
            return;
        };
        let field = format!("q.{}.label", p.question);
        let name = answer::entity_name(&self.profile, p.entity);
        let head = if name.is_empty() {
            Text::new("ui.blocked").key("field", field)
        } else {
            Text::new("ui.blocked_entity")
                .key("field", field)
                .plain("name", name)
        };
        self.say_text(&head);
        self.say_text(&p.text);
        let at = items.iter().position(
            |i| matches!(i, Item::Ask { q, entity } if q.id == p.question && *entity == p.entity),
        );
        self.last_entity = None;
        match at {
            Some(at) => {
                self.cursor = at;
                self.blocked_at = Some(at);
            }
            // not asked on this screen (a hand-edited save): it cannot be fixed here, and
            // asking nothing again and again would never end
            None => self.go(self.pos.next(), false),
        }
    }

    /// Adds a system or provider under the typed name, and goes on to its questions.
    fn add(&mut self, scope: Scope, raw: &str) {
        let Some(q) = walk::name_question(scope).and_then(|n| self.content.question(n)) else {
            return;
        };
        let name = match crate::engine::validate::parse_input(self.content, q, raw) {
            Ok(Some(crate::model::Answer::Text(t))) => t,
            Ok(_) => {
                self.cursor += 1;
                return;
            }
            Err(t) => {
                self.say_text(&t);
                return;
            }
        };
        let entity = match scope {
            Scope::Provider => match self.profile.add_provider(name) {
                Some(id) => Entity::Provider(id),
                None => return,
            },
            _ => Entity::System(self.profile.add_system(name)),
        };
        self.save();
        let items = self.items();
        self.cursor = items
            .iter()
            .position(
                |i| matches!(i, Item::Ask { q: iq, entity: e } if *e == entity && iq.id != q.id),
            )
            .unwrap_or(self.cursor);
    }

    /// Deletes the system or provider asked about, once confirmed, and goes on with the next
    /// one (or the offer to add one).
    fn delete(&mut self, entity: Entity) {
        let name = answer::entity_name(&self.profile, entity);
        self.say("plain.delete.confirm", &[("name", &name)]);
        self.io.prompt();
        if !self.io.read().is_some_and(|l| yes(&l)) {
            return;
        }
        let first = self
            .items()
            .iter()
            .position(|i| matches!(i, Item::Ask { entity: e, .. } if *e == entity));
        match entity {
            Entity::System(id) => {
                let waves = crate::engine::waves_of(self.content, &self.profile);
                let mate = crate::engine::waves_mate(&waves, id);
                self.profile.delete_system_keeping_wave(id, mate);
            }
            Entity::Provider(id) => {
                self.profile.delete_provider(id);
            }
            _ => return,
        }
        self.save();
        self.say("plain.deleted", &[("name", &name)]);
        self.cursor = first.unwrap_or(self.cursor);
        self.last_entity = None;
    }

    /// Reads the plan, the scorecard and the checklist out.
    fn results(&mut self) {
        let analysis = crate::engine::analyse(self.content, &self.profile);
        let doc = export::build_document(self.content, self.lang, &self.profile, &analysis, None);
        for l in results::lines(self.content, self.lang, &doc) {
            self.io.line(&l);
        }
        self.io.line("");
        self.say("plain.results.end", &[]);
        self.last_entity = None;
    }

    /// Writes the export to `file`: Markdown, or by its extension the HTML report, the workbook
    /// (`.xlsx`) or the data (`.ron`, `.json`); an existing file is replaced only when the user
    /// says so.
    fn export(&mut self, file: &str) {
        let path = Path::new(file);
        let shown = answer::one_line(&path.display().to_string());
        if path.symlink_metadata().is_ok() {
            self.say("plain.export.replace", &[("path", &shown)]);
            self.io.prompt();
            if !self.io.read().is_some_and(|l| yes(&l)) {
                return;
            }
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase);
        // the format by its extension ([`Format::ALL`]); anything else is Markdown
        let format = ext
            .as_deref()
            .and_then(Format::from_extension)
            .unwrap_or(Format::Markdown);
        let analysis = crate::engine::analyse(self.content, &self.profile);
        let today = crate::model::date::today().to_string();
        let written = export::render_bytes(
            format,
            self.content,
            self.lang,
            &self.profile,
            &analysis,
            Some(&today),
        )
        .map_err(|e| format!("{e:#}"))
        .and_then(|bytes| {
            // the user said yes to replacing it above
            crate::store::write_export(path, &bytes, crate::store::Overwrite::Yes)
                .map_err(|e| self.content.render(self.lang, &e.text()))
        });
        match written {
            Ok(_) => self.say("cli.written", &[("path", &shown)]),
            Err(e) => self.say("cli.err.write", &[("path", &shown), ("error", &e)]),
        }
    }
}
