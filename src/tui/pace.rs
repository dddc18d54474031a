//! When the wizard does the work a change of the profile owes: deriving the analysis again and
//! saving.
//!
//! On the inventories of most firms that work takes a millisecond or two, and it is done right
//! after each key, before the next frame. With thousands of systems it takes longer than a frame;
//! doing it after every key would make typing lag and keys queue up. Then the work waits until
//! the keys pause for [`PAUSE`]: each key is answered at once (the field shows what was typed),
//! and the figures derived from it follow when typing stops. Quitting and signals do the work at
//! once whatever its cost (see `tui::event_loop`), so nothing typed is lost on the way out.

use std::time::Duration;

/// Work that took longer than this is deferred until typing pauses: beyond it a key would
/// visibly lag (a frame at 60 Hz is 16 ms, and drawing needs its share).
pub const BUDGET: Duration = Duration::from_millis(8);

/// How long the keys must pause before deferred work is done: longer than the gap between two
/// keys of a fast typist or of a key held down, short enough to feel immediate.
pub const PAUSE: Duration = Duration::from_millis(150);

/// Decides, from what the work cost last time, whether it waits for a pause.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pace {
    defer: bool,
}

impl Pace {
    /// The work of the last catch-up took `took`.
    pub fn took(&mut self, took: Duration) {
        self.defer = took > BUDGET;
    }

    /// Whether owed work waits until the keys pause.
    pub fn defers(&self) -> bool {
        self.defer
    }

    /// How long to wait for the next key: `None` = as long as it takes (nothing is owed, or
    /// what is owed is done after each key), `Some(PAUSE)` = then do the work owed.
    pub fn wait(&self, owed: bool) -> Option<Duration> {
        (owed && self.defer).then_some(PAUSE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cheap_work_is_done_after_each_key() {
        let mut p = Pace::default();
        assert!(!p.defers());
        assert_eq!(p.wait(true), None);
        p.took(Duration::from_millis(2));
        assert!(!p.defers());
        assert_eq!(p.wait(true), None);
    }

    #[test]
    fn slow_work_waits_for_a_pause_and_cheap_work_again_does_not() {
        let mut p = Pace::default();
        p.took(BUDGET + Duration::from_millis(1));
        assert!(p.defers());
        assert_eq!(p.wait(true), Some(PAUSE));
        // nothing owed: block until the next key, no timer (an idle wizard uses no CPU)
        assert_eq!(p.wait(false), None);
        // the inventory shrank: back to work after each key
        p.took(BUDGET);
        assert!(!p.defers());
        assert_eq!(p.wait(true), None);
    }
}
