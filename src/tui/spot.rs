//! The focus inside a screen as a [`Spot`]: read from the screen after every key (it is saved
//! with the next save, the one on quitting included) and put back when a profile is resumed.

use crate::model::Spot;
use crate::tui::app::{App, Overlay, Screen};
use crate::tui::backend::Entity;
use crate::tui::screens::form::{Item, TableKind};

fn table_item(kind: TableKind) -> &'static str {
    match kind {
        TableKind::Systems => "table:systems",
        TableKind::Providers => "table:providers",
    }
}

/// Where the focus is on the screen shown (under any dialog; a detail form counts as its row
/// of the table).
pub fn read(app: &App) -> Spot {
    match &app.screen {
        Screen::Welcome(_) => Spot::default(),
        Screen::Results(r) => Spot {
            row: match r.tab {
                crate::model::ResultTab::Plan => 0,
                crate::model::ResultTab::Scorecard => r.scorecard.selected,
                crate::model::ResultTab::Checklist => r.checklist.selected,
            },
            scroll: r.plan.scroll,
            ..Spot::default()
        },
        Screen::Form(f) => match f.body.focused() {
            Some(Item::Field(field)) => Spot {
                item: field.q.id.clone(),
                wave: match field.entity {
                    Entity::Wave(w) => Some(w.number),
                    _ => None,
                },
                ..Spot::default()
            },
            Some(Item::Table(t)) => {
                let row = match app.overlays.first() {
                    Some(Overlay::Entity(e)) => match e.entity {
                        Entity::System(id) => app.profile.system_index(id),
                        Entity::Provider(id) => {
                            app.profile.providers.iter().position(|p| p.id == id)
                        }
                        _ => None,
                    },
                    _ => None,
                };
                Spot {
                    item: table_item(t.kind).to_owned(),
                    row: row.unwrap_or(t.state.selected),
                    ..Spot::default()
                }
            }
            _ => Spot::default(),
        },
    }
}

/// Puts the focus back where `spot` says, as far as it still fits the screen.
pub fn restore(app: &mut App, spot: &Spot) {
    let profile = &app.profile;
    match &mut app.screen {
        Screen::Welcome(_) => {}
        Screen::Results(r) => {
            r.plan.scroll = spot.scroll;
            r.scorecard.selected = spot.row;
            r.checklist.selected = spot.row;
        }
        Screen::Form(f) => {
            let at = f.body.items.iter().position(|i| match i {
                Item::Field(field) => {
                    field.q.id == spot.item
                        && match field.entity {
                            Entity::Wave(w) => spot.wave == Some(w.number),
                            _ => spot.wave.is_none(),
                        }
                }
                Item::Table(t) => table_item(t.kind) == spot.item,
                Item::WaveHeading(_) | Item::DetailsHeading(_) => false,
            });
            if let Some(i) = at {
                if let Some(Item::Table(t)) = f.body.items.get_mut(i) {
                    t.state.select(spot.row);
                    t.state.clamp(t.rows(profile));
                }
                f.body.set_focus(i);
            }
        }
    }
}
