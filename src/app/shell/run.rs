//! The event loop: terminal input, worker results, signals and ticks become messages; after a
//! burst of messages is drained the screen is drawn once, and only if something changed.
//!
//! A session runs on any [`Screen`] and [`Input`]: [`run_tui_with_cache`] gives it the process's
//! terminal (see [`terminal`](crate::app::shell::terminal)), tests an in-memory screen and a
//! channel of events. It carries out the effects that need the screen: quitting, the clipboard
//! and the external editor.

use std::io;
use std::time::Duration;

use chrono::Utc;
use tokio::sync::mpsc::{self, UnboundedReceiver};
use tokio::sync::oneshot;

use crate::api::Client;
use crate::app::core::effect::Effect;
use crate::app::core::global;
use crate::app::core::msg::{CacheMsg, Msg};
use crate::app::core::state::State;
use crate::app::core::unread::UnreadSnapshot;
use crate::app::core::update::update;
use crate::app::shell::cache::{CacheSetup, CacheTask, CacheWriter, load_first_screen};
use crate::app::shell::drafts::{DraftKeeper, DraftStore};
use crate::app::shell::ending::Ending;
use crate::app::shell::glyphs;
use crate::app::shell::hand_off;
use crate::app::shell::input::{Input, InputEvent, TerminalInput};
use crate::app::shell::outbox_link::{OutboxLink, OutboxStart};
use crate::app::shell::screen::{Screen, TerminalScreen};
use crate::app::shell::terminal::install_panic_hook;
use crate::app::shell::ui;
use crate::app::shell::view_state::ViewState;
use crate::app::shell::worker::Worker;
use crate::config::theme::Theme;
use crate::domain::{Feed, SafeText};
use crate::input::keys::{KeyInput, Keymap};

/// How the TUI looks and behaves, decided by the caller (config, CLI, demo mode).
pub struct RunOptions {
    pub theme: Theme,
    pub keymap: Keymap,
    /// A line shown above the panes, e.g. how to leave the demo network.
    pub banner: Option<String>,
    /// Environment variables that hold the token: kept from the editor and the browser.
    pub secret_variables: Vec<String>,
    /// The delivery engine posts go through, or why there is none (then posts go directly).
    pub outbox: OutboxStart,
    /// The account in use and the others the palette offers.
    pub accounts: crate::app::core::accounts::Accounts,
    /// Something to tell the user from the start (an account that could not be switched to).
    pub notice: Option<crate::panes::notice::Notice>,
    /// `[notify]`: how and about what the terminal is told.
    pub notify: crate::config::notify::NotifyConfig,
    /// Links in message text become OSC 8 hyperlinks (already decided from `[ui] hyperlinks`
    /// and the terminal).
    pub hyperlinks: bool,
    /// `[ui] mouse`: the wheel and clicks reach kring.
    pub mouse: bool,
    /// The account's configured guidelines, read (and what could not be read).
    pub guidelines: crate::config::guidelines::ConfiguredGuidelines,
}

/// Why the TUI stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("terminal: {0}")]
    Terminal(#[from] io::Error),
    #[error("signal handling: {0}")]
    Signals(io::Error),
    #[error("a background task panicked (see the message above)")]
    Panicked,
}

/// How long a switch to another account waits for this one's outbox engine to stop.
const OUTBOX_STOP_WAIT: Duration = Duration::from_secs(5);

/// Runs the TUI on the process's terminal against `client` until the user quits, input ends,
/// or SIGTERM/SIGHUP arrives, keeping unsent drafts in `drafts` (the store's outbox file) and
/// starting from what `cache` held (the first frame shows the cached timeline). The terminal
/// is restored on every way out, panics included. Says how the session ended, for the exit
/// code.
pub async fn run_tui_with_cache(
    client: Client,
    options: RunOptions,
    drafts: Option<DraftStore>,
    cache: Option<CacheSetup>,
) -> Result<Ending, AppError> {
    let (panic_tx, panics) = mpsc::unbounded_channel();
    install_panic_hook(panic_tx, options.mouse);
    let mut screen = TerminalScreen::enter(options.mouse)?;
    let mut input = TerminalInput::new().map_err(AppError::Signals)?;
    let io = SessionIo {
        screen: &mut screen,
        input: &mut input,
        panics,
    };
    let ending = run_session(client, options, drafts, cache, io).await;
    // The key reader goes first, then the terminal is restored (unless it is gone).
    drop(input);
    drop(screen);
    ending
}

/// What a session reads from and draws on: the process's terminal, or a test's channel of
/// events and in-memory screen.
pub struct SessionIo<'a, S, I> {
    pub screen: &'a mut S,
    pub input: &'a mut I,
    /// Fires when a panic elsewhere has restored the terminal; the session then ends.
    pub panics: UnboundedReceiver<()>,
}

/// One whole session on any [`Screen`] and [`Input`]: the first frame from the cache, the
/// start-up fetches, then the loop until it ends. The caller owns the screen and the input
/// and restores them afterwards.
pub async fn run_session<S: Screen, I: Input>(
    client: Client,
    options: RunOptions,
    drafts: Option<DraftStore>,
    cache: Option<CacheSetup>,
    io: SessionIo<'_, S, I>,
) -> Result<Ending, AppError> {
    let SessionIo {
        screen,
        input,
        panics,
    } = io;
    let (tx, rx) = mpsc::unbounded_channel();
    let (outbox, outbox_started) = OutboxLink::start(options.outbox, tx.clone());
    let banner = options.banner.as_deref().map(SafeText::new);
    let mut state = State::new(KeyInput::new(options.keymap), Utc::now(), banner);
    state.accounts = options.accounts;
    if let Some(notice) = options.notice {
        state.notice.show(notice);
    }
    state.guidelines = crate::overlays::guidelines::Guidelines::new(&options.guidelines);
    if let Some(problem) = options.guidelines.problems.first()
        && state.notice.current().is_none()
    {
        state.notice.show(crate::panes::notice::Notice::warning(
            SafeText::new(&format!("Guidelines: {problem}")).to_string(),
        ));
    }
    let env = |name: &str| std::env::var(name).ok();
    let notify_encoding = options.notify.method.resolve(env);
    state.notify.settings = crate::app::core::notify::NotifySettings {
        terminal: notify_encoding.is_some(),
        mentions: options.notify.mentions,
        replies: options.notify.replies,
        direct: options.notify.direct,
    };
    let (cache_task, unread) = local::start_cache(&mut state, cache, &tx).await.unzip();
    state.session.cached = cache_task.is_some();
    let size = screen.size()?;
    update(
        &mut state,
        Msg::Resize {
            width: size.width,
            height: size.height,
        },
    );
    let worker = match &cache_task {
        Some(task) => Worker::new(client, tx).with_cache(task.writer()),
        None => Worker::new(client, tx),
    };
    let mut session = Session {
        screen,
        worker,
        theme: options.theme,
        ascii_only: !glyphs::locale_is_utf8(|name| std::env::var(name).ok()),
        hyperlinks: options.hyperlinks,
        drafts: DraftKeeper::new(drafts),
        secret_variables: options.secret_variables,
        outbox,
        cache: cache_task.as_ref().map(CacheTask::writer),
        unread,
        first_frame_shown: false,
        ending: Ending::Quit,
        notify: notify_encoding.map(|e| (e, std::env::var_os("TMUX").is_some())),
    };
    let mut effects = global::start(&mut state);
    effects.extend(update(&mut state, Msg::Outbox(outbox_started)));
    session.carry_out(&mut state, effects).await?;
    #[cfg(debug_assertions)]
    panic_for_tests();
    let result = session.event_loop(&mut state, input, rx, panics).await;
    let result = session.after_lost_terminal(&mut state, result).await;
    let Session { ending, outbox, .. } = session;
    if let Some(task) = cache_task {
        task.close();
    }
    if matches!(ending, Ending::SwitchAccount(_)) && !outbox.stopped(OUTBOX_STOP_WAIT).await {
        tracing::warn!("the outbox engine is still finishing a step");
    }
    result.map(|()| ending)
}

struct Session<'s, S> {
    screen: &'s mut S,
    worker: Worker,
    theme: Theme,
    /// The locale is not UTF-8: frames are rewritten to ASCII before they are written.
    ascii_only: bool,
    /// Links in message text are drawn as OSC 8 hyperlinks.
    hyperlinks: bool,
    drafts: DraftKeeper,
    /// Kept from the programs kring starts (see [`RunOptions::secret_variables`]).
    secret_variables: Vec<String>,
    outbox: OutboxLink,
    /// The cache task, for read markers and cache reads ahead of fetches.
    cache: Option<CacheWriter>,
    /// The unread bookkeeping the cache task is reading, applied once the first frame is up.
    unread: Option<oneshot::Receiver<UnreadSnapshot>>,
    first_frame_shown: bool,
    /// How the session is ending (a signal or a hang-up gives the exit code).
    ending: Ending,
    /// How notifications reach the terminal, and whether through tmux; `None`: they do not.
    notify: Option<(crate::text::osc::NotifyEncoding, bool)>,
}

#[path = "run_local.rs"]
mod local;

#[path = "link_pass.rs"]
mod link_pass;

#[path = "run_events.rs"]
mod events;
#[cfg(debug_assertions)]
use events::panic_for_tests;
use events::{is_suspend_key, to_msg};

impl<S: Screen> Session<'_, S> {
    async fn event_loop(
        &mut self,
        state: &mut State,
        input: &mut impl Input,
        mut results: UnboundedReceiver<Msg>,
        mut panics: UnboundedReceiver<()>,
    ) -> Result<(), AppError> {
        let mut view = ViewState::default();
        let mut panicked = false;
        loop {
            // Quitting comes first: after a hang-up the terminal is gone and a draw would fail.
            if state.should_quit() {
                return if panicked {
                    Err(AppError::Panicked)
                } else {
                    Ok(())
                };
            }
            // After a panic elsewhere the hook has restored the terminal and printed the message:
            // a draw now would paint over it.
            if panics.is_empty() && state.take_dirty() {
                {
                    // The shell, not draw, holds the expertise index for the frame.
                    let index = state.people.index.lock();
                    let (theme, ascii_only) = (&self.theme, self.ascii_only);
                    let hyperlinks = self.hyperlinks;
                    self.screen.draw(|frame| {
                        ui::draw_with(frame, state, &index, &mut view, theme);
                        if ascii_only {
                            glyphs::to_ascii(frame.buffer_mut());
                        }
                        if hyperlinks {
                            link_pass::link_message_text(frame.buffer_mut(), state, &view);
                        }
                    })?;
                }
                // What is on screen, for `update` (the notifications leave it out).
                state.shown = view.shown(state);
                if !self.first_frame_shown {
                    self.first_frame_shown = true;
                    self.after_first_frame(state).await;
                    continue;
                }
            }
            // Counted from the state's clock, not from now: the watchdog's wake-ups restart this
            // loop, and a sleep started afresh each time would never end.
            let tick = state.next_tick_in().map(|wait| {
                let elapsed = (Utc::now() - state.session.now)
                    .to_std()
                    .unwrap_or_default();
                wait.saturating_sub(elapsed)
            });
            let msg = tokio::select! {
                biased;
                // A panic elsewhere already restored the terminal: shut down as on SIGTERM.
                Some(()) = panics.recv() => {
                    panicked = true;
                    self.screen.restored_elsewhere();
                    Msg::Terminate
                }
                Some(msg) = results.recv() => msg,
                event = input.next() => match event {
                    InputEvent::Terminal(event) => match to_msg(event, &view) {
                        Some(msg) => msg,
                        None => continue,
                    },
                    InputEvent::Terminated => {
                        self.ending = Ending::Terminated;
                        Msg::Terminate
                    }
                    InputEvent::HungUp => {
                        self.ending = Ending::HangUp;
                        Msg::Terminate
                    }
                    InputEvent::Closed => Msg::Terminate,
                },
                () = sleep(tick), if tick.is_some() => Msg::Tick(Utc::now()),
            };
            if is_suspend_key(&msg) {
                self.suspend_to_shell(state).await?;
                continue;
            }
            // Every batch starts by moving the clock on, so timers computed after it (notices,
            // label changes, the draft debounce) count from the real time, not the last tick.
            let mut effects = match msg {
                Msg::Tick(_) => Vec::new(),
                _ => update(state, Msg::Tick(Utc::now())),
            };
            effects.extend(update(state, msg));
            while let Ok(msg) = results.try_recv() {
                effects.extend(update(state, msg));
            }
            if effects
                .iter()
                .any(|e| matches!(e, Effect::EditExternally(_)))
            {
                // The editor owns the terminal: stop reading keys so it gets every one.
                input.pause();
                self.carry_out(state, effects).await?;
                input.resume();
            } else {
                self.carry_out(state, effects).await?;
            }
        }
    }

    /// Once the first frame is up: the unread bookkeeping from the cache, applied before any
    /// answer from the network (a community's first page would otherwise count as first seen,
    /// all read), then the cached people directory, then the cache's damage check, which reads
    /// the whole file. Keys pressed
    /// meanwhile wait in the terminal.
    async fn after_first_frame(&mut self, state: &mut State) {
        if let Some(answer) = self.unread.take()
            && let Ok(unread) = answer.await
        {
            let _ = update(state, Msg::Cached(Box::new(CacheMsg::Unread(unread))));
        }
        if let Some(cache) = &self.cache {
            // The directory and the messages go into the index on the cache task, so the first
            // frame never waits for them; the pane shows them when they are in.
            cache.load_directory(state.people.index.clone());
            cache.check_for_damage();
        }
    }

    /// Starts network effects on the worker and carries out the rest here.
    async fn carry_out(&mut self, state: &mut State, effects: Vec<Effect>) -> Result<(), AppError> {
        let mut queue: Vec<Effect> = effects;
        while !queue.is_empty() {
            let mut next = Vec::new();
            for effect in queue {
                let Some(effect) = self.worker.run(effect) else {
                    continue;
                };
                next.extend(self.local_effect(state, effect).await?);
            }
            queue = next;
        }
        Ok(())
    }
}

async fn sleep(duration: Option<Duration>) {
    if let Some(duration) = duration {
        tokio::time::sleep(duration).await;
    }
}
