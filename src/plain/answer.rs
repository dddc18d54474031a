//! Reading, showing and storing one answer of one entity, as plain mode needs it.
//!
//! What is typed goes through the engine's [`parse_input`] like the wizard's fields, after
//! option numbers (`2`, `1,3`) are turned into option ids; the names of systems and providers
//! and a system's dependencies live outside the answer maps and are read and written here.
//! Shown answers are words a screen reader reads well: `4/5`, not stars.

use crate::content::{Content, QuestionDef, QuestionKind, Text, format_number};
use crate::engine::validate::{Entity, parse_input};
use crate::export::escape::clean;
use crate::model::{Answer, Answers, Lang, Profile, SystemId};

/// What an answer line stores.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Answer(Option<Answer>),
    /// The systems a system depends on.
    Depends(Vec<SystemId>),
}

fn answers(profile: &Profile, entity: Entity) -> Option<&Answers> {
    match entity {
        Entity::Enterprise => Some(&profile.answers),
        Entity::System(id) => profile.system(id).map(|s| &s.answers),
        Entity::Provider(id) => profile.provider(id).map(|p| &p.answers),
        Entity::Wave(w) => w.answers(profile),
    }
}

/// The name of a system or provider ("" if it has none or does not exist).
pub fn entity_name(profile: &Profile, entity: Entity) -> String {
    let name = match entity {
        Entity::System(id) => profile.system(id).map(|s| s.name.as_str()),
        Entity::Provider(id) => profile.provider(id).map(|p| p.name.as_str()),
        _ => None,
    };
    one_line(name.unwrap_or(""))
}

/// User text for a plain line: no control characters or escape sequences, one line.
pub fn one_line(s: &str) -> String {
    clean(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The current answer, names included.
pub fn get(profile: &Profile, entity: Entity, q: &QuestionDef) -> Value {
    if q.kind == QuestionKind::Dependencies {
        let deps = match entity {
            Entity::System(id) => profile.system(id).map(|s| s.depends_on.clone()),
            _ => None,
        };
        return Value::Depends(deps.unwrap_or_default());
    }
    let name = |n: &str| (!n.trim().is_empty()).then(|| Answer::Text(n.to_owned()));
    Value::Answer(match (entity, q.id.as_str()) {
        (Entity::System(id), "sys.name") => profile.system(id).and_then(|s| name(&s.name)),
        (Entity::Provider(id), "prov.name") => profile.provider(id).and_then(|p| name(&p.name)),
        _ => answers(profile, entity).and_then(|a| a.get(&q.id).cloned()),
    })
}

/// Whether the question has an answer for the entity.
pub fn is_answered(profile: &Profile, entity: Entity, q: &QuestionDef) -> bool {
    match get(profile, entity, q) {
        Value::Answer(a) => a.is_some(),
        Value::Depends(d) => !d.is_empty(),
    }
}

/// Stores a value; false when nothing changed (or the entity is gone).
pub fn set(profile: &mut Profile, entity: Entity, q: &QuestionDef, v: Value) -> bool {
    if get(profile, entity, q) == v {
        return false;
    }
    let text = |a: Option<Answer>| match a {
        Some(Answer::Text(t)) => t,
        _ => String::new(),
    };
    match (v, entity, q.id.as_str()) {
        (Value::Depends(deps), Entity::System(id), _) => profile
            .system_mut(id)
            .map(|s| s.depends_on = deps)
            .is_some(),
        (Value::Depends(_), _, _) => false,
        (Value::Answer(a), Entity::System(id), "sys.name") => {
            profile.system_mut(id).map(|s| s.name = text(a)).is_some()
        }
        (Value::Answer(a), Entity::Provider(id), "prov.name") => {
            profile.provider_mut(id).map(|p| p.name = text(a)).is_some()
        }
        (Value::Answer(a), Entity::Enterprise, _) => {
            profile.answers.set(q.id.clone(), a);
            true
        }
        (Value::Answer(a), Entity::System(id), _) => profile
            .system_mut(id)
            .map(|s| s.answers.set(q.id.clone(), a))
            .is_some(),
        (Value::Answer(a), Entity::Provider(id), _) => profile
            .provider_mut(id)
            .map(|p| p.answers.set(q.id.clone(), a))
            .is_some(),
        (Value::Answer(a), Entity::Wave(w), _) => {
            w.answers_mut(profile).set(q.id.clone(), a);
            true
        }
    }
}

/// The numbered options of a choice question: (id, label), in order. The catalogue's services
/// come with the id of their group.
pub fn options(content: &Content, lang: Lang, q: &QuestionDef) -> Vec<(String, String)> {
    match &q.kind {
        QuestionKind::Single(set) | QuestionKind::Multi(set) => content
            .options(set)
            .iter()
            .map(|o| (o.clone(), content.option_label(lang, set, o)))
            .collect(),
        QuestionKind::Catalogue => content
            .services()
            .map(|(_, s)| (s.id.clone(), content.t(lang, &format!("svc.{}", s.id))))
            .collect(),
        _ => Vec::new(),
    }
}

/// The other systems a system may depend on: (id, name), in inventory order.
pub fn dependency_options(profile: &Profile, entity: Entity) -> Vec<(SystemId, String)> {
    profile
        .systems
        .iter()
        .filter(|s| Entity::System(s.id) != entity)
        .map(|s| (s.id, one_line(&s.name)))
        .collect()
}

/// How the current answer reads; `None` when unanswered.
pub fn show(
    content: &Content,
    lang: Lang,
    profile: &Profile,
    entity: Entity,
    q: &QuestionDef,
) -> Option<String> {
    let sep = content.t(lang, "ui.list_sep");
    let a = match get(profile, entity, q) {
        Value::Depends(d) if d.is_empty() => return None,
        Value::Depends(d) => {
            let names: Vec<String> = d
                .iter()
                .filter_map(|id| profile.system(*id))
                .map(|s| one_line(&s.name))
                .collect();
            return Some(names.join(&sep));
        }
        Value::Answer(None) => return None,
        Value::Answer(Some(a)) => a,
    };
    let labels = |ids: &[String]| {
        let opts = options(content, lang, q);
        ids.iter()
            .map(|id| {
                opts.iter()
                    .find(|(o, _)| o == id)
                    .map_or_else(|| one_line(id), |(_, l)| l.clone())
            })
            .collect::<Vec<_>>()
            .join(&sep)
    };
    Some(match (&q.kind, a) {
        (QuestionKind::LongText { .. }, Answer::Text(t)) => clean(&t),
        (_, Answer::Text(t)) => one_line(&t),
        (QuestionKind::Number { unit, .. }, Answer::Number(n)) => format!(
            "{} {}",
            format_number(n, 4),
            content.t(lang, &content.unit_key(unit, n))
        ),
        (_, Answer::Number(n)) => format_number(n, 4),
        (_, Answer::Choice(c)) => labels(&[c]),
        (_, Answer::Choices(cs)) => labels(&cs),
        (_, Answer::YesNo(true)) => content.t(lang, "ui.yes"),
        (_, Answer::YesNo(false)) => content.t(lang, "ui.no"),
        (_, Answer::Rating(r)) => format!("{r}/5"),
    })
}

/// Splits a list typed by the user: `,` `，` `、` `;` `；`.
fn parts(raw: &str) -> impl Iterator<Item = &str> {
    raw.split([',', '，', '、', ';', '；'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// Option numbers (`2`, `1,3`, `1 3`) as 1-based indexes, if the input is only that.
fn numbers(raw: &str) -> Option<Vec<usize>> {
    let tokens: Vec<&str> = parts(raw).flat_map(str::split_whitespace).collect();
    if tokens.is_empty() {
        return None;
    }
    tokens
        .iter()
        .map(|t| {
            let ascii: String = t
                .chars()
                .map(|c| match c {
                    '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                    c => c,
                })
                .collect();
            ascii.parse::<usize>().ok()
        })
        .collect()
}

/// Turns a typed line into the value to store, with the message that says what is wrong.
pub fn parse(
    content: &Content,
    lang: Lang,
    profile: &Profile,
    entity: Entity,
    q: &QuestionDef,
    raw: &str,
) -> Result<Value, Text> {
    match &q.kind {
        QuestionKind::Dependencies => parse_depends(profile, entity, raw).map(Value::Depends),
        QuestionKind::Single(_) | QuestionKind::Multi(_) | QuestionKind::Catalogue => {
            let opts = options(content, lang, q);
            let Some(picked) = numbers(raw) else {
                return parse_input(content, q, raw).map(Value::Answer);
            };
            let single = matches!(q.kind, QuestionKind::Single(_));
            if picked.iter().any(|n| *n == 0 || *n > opts.len()) || (single && picked.len() > 1) {
                return Err(Text::new("plain.err.option").num("max", opts.len() as f64, 0));
            }
            let ids: Vec<&str> = picked
                .iter()
                .filter_map(|n| opts.get(n - 1))
                .map(|(id, _)| id.as_str())
                .collect();
            parse_input(content, q, &ids.join(",")).map(Value::Answer)
        }
        _ => parse_input(content, q, raw).map(Value::Answer),
    }
}

/// Dependencies by number or by name, replacing the list.
fn parse_depends(profile: &Profile, entity: Entity, raw: &str) -> Result<Vec<SystemId>, Text> {
    let opts = dependency_options(profile, entity);
    let mut out = Vec::new();
    let by_number = numbers(raw);
    let picked: Vec<Option<SystemId>> = match &by_number {
        Some(ns) => ns
            .iter()
            .map(|n| {
                n.checked_sub(1)
                    .and_then(|i| opts.get(i))
                    .map(|(id, _)| *id)
            })
            .collect(),
        None => parts(raw)
            .map(|name| {
                let name = name.to_lowercase();
                opts.iter()
                    .find(|(_, n)| n.trim().to_lowercase() == name)
                    .map(|(id, _)| *id)
            })
            .collect(),
    };
    for p in picked {
        match p {
            Some(id) if !out.contains(&id) => out.push(id),
            Some(_) => {}
            None => {
                return Err(Text::new("plain.err.depends").num("max", opts.len() as f64, 0));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(id: &str) -> &'static QuestionDef {
        Content::get()
            .question(id)
            .unwrap_or_else(|| panic!("no question {id}"))
    }

    #[test]
    fn option_numbers_become_option_ids_and_labels_still_work() {
        let c = Content::get();
        let p = Profile::default();
        let e = Entity::Enterprise;
        let size = q("ent.size");
        let second = c.options("size")[1].clone();
        assert_eq!(
            parse(c, Lang::En, &p, e, size, "2"),
            Ok(Value::Answer(Some(Answer::Choice(second))))
        );
        assert!(
            parse(c, Lang::En, &p, e, size, "1,2").is_err(),
            "one option only"
        );
        assert!(parse(c, Lang::En, &p, e, size, "99").is_err());
        let label = c.option_label(Lang::ZhCn, "size", "large");
        assert_eq!(
            parse(c, Lang::En, &p, e, size, &label),
            Ok(Value::Answer(Some(Answer::Choice("large".into()))))
        );
        let goals = q("ent.goals");
        let set = c.options("goal");
        assert_eq!(
            parse(c, Lang::En, &p, e, goals, "3 1"),
            Ok(Value::Answer(Some(Answer::Choices(vec![
                set[0].clone(),
                set[2].clone()
            ]))))
        );
    }

    #[test]
    fn dependencies_by_number_or_name_and_never_on_itself() {
        let c = Content::get();
        let mut p = Profile::default();
        let a = p.add_system("ERP");
        let b = p.add_system("MES");
        let d = p.add_system("CRM");
        let deps = q("sys.depends_on");
        let me = Entity::System(b);
        // numbered among the others: 1 = ERP, 2 = CRM
        assert_eq!(
            parse(c, Lang::En, &p, me, deps, "2, 1"),
            Ok(Value::Depends(vec![d, a]))
        );
        assert_eq!(
            parse(c, Lang::En, &p, me, deps, "erp、CRM"),
            Ok(Value::Depends(vec![a, d]))
        );
        assert!(parse(c, Lang::En, &p, me, deps, "MES").is_err());
        assert!(parse(c, Lang::En, &p, me, deps, "3").is_err());
        assert!(set(&mut p, me, deps, Value::Depends(vec![a])));
        assert_eq!(show(c, Lang::En, &p, me, deps).as_deref(), Some("ERP"));
    }

    #[test]
    fn names_and_answers_are_stored_where_the_wizard_keeps_them() {
        let c = Content::get();
        let mut p = Profile::default();
        let s = p.add_system("old");
        let e = Entity::System(s);
        let name = q("sys.name");
        let v = parse(c, Lang::En, &p, e, name, "  ERP  ").unwrap_or_else(|t| panic!("{t:?}"));
        assert!(set(&mut p, e, name, v.clone()));
        assert!(!set(&mut p, e, name, v), "unchanged");
        assert_eq!(p.systems[0].name, "ERP");
        let rating = q("sys.r_cost");
        let v = parse(c, Lang::En, &p, e, rating, "4").unwrap_or_else(|t| panic!("{t:?}"));
        assert!(set(&mut p, e, rating, v));
        assert_eq!(show(c, Lang::En, &p, e, rating).as_deref(), Some("4/5"));
        assert!(parse(c, Lang::En, &p, e, rating, "6").is_err());
        let key = p.systems[0].id;
        let w = Entity::Wave(crate::engine::waves::WaveRef {
            number: 1,
            key,
            legacy: None,
        });
        let start = q("wave.start");
        let v = parse(c, Lang::En, &p, w, start, "2027/3/1").unwrap_or_else(|t| panic!("{t:?}"));
        assert!(set(&mut p, w, start, v));
        assert_eq!(p.waves[&key].text("wave.start"), Some("2027-03-01"));
    }
}
