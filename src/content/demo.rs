//! The demo enterprise in either language. `assets/demo.ron` is the enterprise, in Chinese;
//! `assets/demo.en.ron` holds only its texts in English (free text and names), laid over it by
//! entity id, so both languages show the same enterprise with the same numbers and choices.

use super::parse_ron;
use crate::model::{Answer, Answers, Lang, Profile};
use anyhow::Result;

pub const DEMO_RON: &str = include_str!("../../assets/demo.ron");
pub const DEMO_EN_RON: &str = include_str!("../../assets/demo.en.ron");

/// The demo enterprise in `lang`: its texts in that language, its `lang` set to it.
pub fn demo(lang: Lang) -> Result<Profile> {
    let mut p: Profile = parse_ron("assets/demo.ron", DEMO_RON)?;
    if lang == Lang::En {
        let en: Profile = parse_ron("assets/demo.en.ron", DEMO_EN_RON)?;
        translate(&mut p, &en);
    }
    p.lang = lang;
    Ok(p)
}

/// Lays the texts of `texts` over `p`: the enterprise answers, and the names and answers of the
/// systems and providers with the same ids and of the waves filed under the same system. Only text
/// answers are taken; anything `texts` has that `p` lacks is ignored.
pub fn translate(p: &mut Profile, texts: &Profile) {
    fn answers(to: &mut Answers, from: &Answers) {
        for (k, v) in &from.0 {
            if let Answer::Text(_) = v
                && to.get(k).is_some()
            {
                to.set(k.clone(), Some(v.clone()));
            }
        }
    }
    answers(&mut p.answers, &texts.answers);
    for t in &texts.systems {
        if let Some(s) = p.system_mut(t.id) {
            if !t.name.is_empty() {
                s.name = t.name.clone();
            }
            answers(&mut s.answers, &t.answers);
        }
    }
    for t in &texts.providers {
        if let Some(s) = p.providers.iter_mut().find(|x| x.id == t.id) {
            if !t.name.is_empty() {
                s.name = t.name.clone();
            }
            answers(&mut s.answers, &t.answers);
        }
    }
    for (n, t) in &texts.waves {
        if let Some(w) = p.waves.get_mut(n) {
            answers(w, t);
        }
    }
}
