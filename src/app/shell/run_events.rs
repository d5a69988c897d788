//! Terminal events as the loop's messages: which events kring takes (key presses, pastes,
//! resizes, mouse events over a pane) and which it ignores, ctrl-z as the suspend key, and the
//! debug builds' deliberate panics for tests. Pure: no I/O but the test panic.

use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};

use crate::app::core::msg::Msg;
use crate::app::shell::view_state::ViewState;
use crate::text::sanitize::sanitize_paste;

/// Ctrl-Z: raw mode turns off the terminal's own suspend key, so kring suspends itself. It is
/// not in the keymap: like ctrl-c in a shell it means the same everywhere.
pub(super) fn is_suspend_key(msg: &Msg) -> bool {
    matches!(msg, Msg::Key(key)
        if key.code == KeyCode::Char('z') && key.modifiers == KeyModifiers::CONTROL)
}

/// The message for a terminal event; `None` for events kring ignores (releases, focus, mouse
/// events outside the panes). Mouse events reach kring only when `[ui] mouse` is on.
pub(super) fn to_msg(event: Event, view: &ViewState) -> Option<Msg> {
    match event {
        Event::Mouse(mouse) => crate::app::shell::mouse::hit(&mouse, view).map(Msg::Mouse),
        Event::Key(key) if key.kind == KeyEventKind::Press => Some(Msg::Key(key)),
        Event::Paste(text) => Some(Msg::Paste(sanitize_paste(&text))),
        Event::Resize(width, height) => Some(Msg::Resize { width, height }),
        _ => None,
    }
}

/// Debug builds only: `KRING_TEST_PANIC=ui` panics on the UI task and `KRING_TEST_PANIC=task` in
/// a background task, once the terminal is in TUI mode, so tests can check what a crash leaves
/// behind.
#[cfg(debug_assertions)]
pub(super) fn panic_for_tests() {
    match std::env::var("KRING_TEST_PANIC").as_deref() {
        Ok("ui") => panic!("KRING_TEST_PANIC=ui"),
        Ok("task") => drop(tokio::spawn(async {
            // Once the first screen is up, as a real panic would.
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            panic!("KRING_TEST_PANIC=task")
        })),
        _ => {}
    }
}
