//! The client's shell: everything that touches the world. The run loop ([`run`], carrying out
//! the effects of the terminal itself in `run_local`) on any [`screen`] and [`input`], the
//! terminal's modes and signals ([`terminal`]), handing off to the browser, the clipboard and
//! `$EDITOR` ([`hand_off`]), the network [`worker`] (which aborts cancelled requests), the cache task ([`cache`], with the
//! row conversions in [`cache_convert`]), drafts on disk ([`drafts`]), the link to the
//! delivery engine ([`outbox_link`]), ASCII-only terminals ([`glyphs`]), how a session ended
//! ([`ending`]), and the frame: drawing ([`ui`]), the views' contexts ([`view_ctx`]), the
//! scroll positions draw keeps ([`view_state`]) and the mouse's hit test against them
//! ([`mouse`]).
//!
//! It decides nothing about the state: it turns input into `Msg`s, hands them to
//! `core::update::update`, and carries out the `Effect`s it gets back.

pub mod cache;
pub mod cache_convert;
pub mod drafts;
pub mod ending;
pub mod frame_writer;
pub mod glyphs;
pub mod hand_off;
pub mod input;
pub mod mouse;
pub mod outbox_link;
pub mod requests;
pub mod run;
pub mod screen;
pub mod status;
pub mod terminal;
pub mod ui;
pub mod ui_posting;
pub mod view_ctx;
pub mod view_state;
pub mod worker;
