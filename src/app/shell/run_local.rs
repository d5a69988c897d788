//! What the run loop does itself rather than on the worker: the effects of the browser, the
//! clipboard, `$EDITOR`, drafts, the outbox link, a repaint, quitting and switching accounts;
//! handing the terminal to the shell (ctrl-z); ending when the terminal is lost mid-write; and
//! starting the cache task. A child of `run`, so it works on the loop's own session.

use super::*;
use crate::app::shell::terminal;

impl<S: Screen> Session<'_, S> {
    /// Gives the terminal back and stops kring as the shell's ctrl-z would; once the shell
    /// continues it (`fg`), takes the terminal again and redraws everything.
    pub(super) async fn suspend_to_shell(&mut self, state: &mut State) -> Result<(), AppError> {
        self.screen.stop_process()?;
        let size = self.screen.size()?;
        let resized = Msg::Resize {
            width: size.width,
            height: size.height,
        };
        let effects = update(state, resized);
        self.carry_out(state, effects).await
    }

    pub(super) async fn local_effect(
        &mut self,
        state: &mut State,
        effect: Effect,
    ) -> Result<Vec<Effect>, AppError> {
        match effect {
            Effect::OpenUrl(url) => {
                let browser = std::env::var("BROWSER").ok();
                if let Err(error) = hand_off::open_url(&url, browser, &self.secret_variables) {
                    return Ok(update(state, Msg::HandOffFailed(error.to_string())));
                }
            }
            Effect::CopyToClipboard(text) => {
                hand_off::copy_to_clipboard(self.screen.raw(), &text)?;
            }
            Effect::Notify { title, body } => {
                if let Some((encoding, tmux)) = self.notify {
                    let bytes = crate::text::osc::notify_sequence(encoding, &title, &body, tmux);
                    let out = self.screen.raw();
                    std::io::Write::write_all(out, bytes.as_bytes())?;
                    std::io::Write::flush(out)?;
                }
            }
            Effect::EditExternally(draft) => {
                let result = self.edit(draft).await?;
                return Ok(update(state, Msg::EditorClosed(result)));
            }
            Effect::SaveDraft { draft_for, body } => {
                let saved = self.drafts.save(draft_for, &body, Utc::now().timestamp());
                return Ok(draft_failure(state, saved));
            }
            Effect::DeleteDraft(draft_for) => {
                return Ok(draft_failure(state, self.drafts.delete(draft_for)));
            }
            Effect::LoadDraft(draft_for) => match self.drafts.load(draft_for) {
                Ok(Some(body)) => return Ok(update(state, Msg::DraftLoaded { draft_for, body })),
                Ok(None) => {}
                Err(reason) => return Ok(draft_failure(state, Err(reason))),
            },
            Effect::LoadCachedFeed { req, feed } => {
                if let Some(cache) = &self.cache {
                    cache.load_feed(req, feed);
                }
            }
            Effect::Search(crate::overlays::search::SearchEffect::Local { req, query }) => {
                if let Some(cache) = &self.cache {
                    cache.search(req, query);
                }
            }
            Effect::LoadCachedThread(thread) => {
                if let Some(cache) = &self.cache {
                    cache.load_thread(thread);
                }
            }
            Effect::MarkRead { key, message } => {
                if let Some(cache) = &self.cache {
                    cache.mark_read(key, message);
                }
            }
            Effect::Quit => {
                // Leaving is looking for the last time: the next start's catch-up starts here.
                if let Some(cache) = &self.cache {
                    cache.keep_last_looked(state.session.now.timestamp());
                }
                state.quit();
            }
            Effect::KeepLastLooked(at) => {
                if let Some(cache) = &self.cache {
                    cache.keep_last_looked(at);
                }
            }
            Effect::KeepFact { fact, value } => {
                if let Some(cache) = &self.cache {
                    cache.keep_fact(fact, value);
                }
            }
            Effect::KeepMutes(mutes) => {
                if let Some(cache) = &self.cache {
                    cache.keep_mutes(&mutes);
                }
            }
            Effect::Redraw => {
                // Forgets what ratatui believes is on screen, so the next frame paints it all.
                self.screen.repaint_all()?;
                state.mark_dirty();
            }
            Effect::SwitchAccount(choice) => {
                self.ending = Ending::SwitchAccount(choice);
                state.quit();
            }
            Effect::Outbox(effect) => {
                let mut effects = Vec::new();
                for answer in self.outbox.carry_out(effect).await {
                    effects.extend(update(state, Msg::Outbox(answer)));
                }
                return Ok(effects);
            }
            network => tracing::warn!(?network, "network effect reached the run loop"),
        }
        Ok(Vec::new())
    }

    /// A loop that failed because the terminal went away while kring wrote to it (`EIO`, a
    /// broken pipe) ends as on a hang-up: the draft being written is kept, exit code 129.
    /// Any other failure stays the error it is.
    pub(super) async fn after_lost_terminal(
        &mut self,
        state: &mut State,
        result: Result<(), AppError>,
    ) -> Result<(), AppError> {
        match result {
            Err(AppError::Terminal(error)) if terminal::is_hangup_error(&error) => {
                tracing::info!(%error, "the terminal went away");
                self.ending = Ending::HangUp;
                let effects = update(state, Msg::Terminate);
                self.carry_out(state, effects).await
            }
            other => other,
        }
    }

    async fn edit(&mut self, draft: String) -> Result<Result<String, String>, AppError> {
        let editor =
            hand_off::editor_command(std::env::var("VISUAL").ok(), std::env::var("EDITOR").ok());
        self.screen.give_back()?;
        let dir = std::env::temp_dir();
        let secrets = self.secret_variables.clone();
        let outcome = tokio::task::spawn_blocking(move || {
            hand_off::edit_in_editor(&editor, &draft, &dir, &secrets)
        })
        .await
        .map_err(|join| join.to_string())
        .and_then(|result| result.map_err(|e| e.to_string()));
        self.screen.take_back()?;
        Ok(outcome)
    }
}

/// Tells the user when a draft could not be kept (the text stays in the editor).
fn draft_failure(state: &mut State, result: Result<(), String>) -> Vec<Effect> {
    match result {
        Ok(()) => Vec::new(),
        Err(reason) => update(
            state,
            Msg::HandOffFailed(format!("Could not keep the draft: {reason}")),
        ),
    }
}

/// Loads what the first frame shows from the cache into `state` (off the UI task, but before
/// the first frame), starts the cache task and asks it for the unread bookkeeping, which
/// [`Session::after_first_frame`] applies; says so when the cache had to be rebuilt.
pub(super) async fn start_cache(
    state: &mut State,
    cache: Option<CacheSetup>,
    results: &mpsc::UnboundedSender<Msg>,
) -> Option<(CacheTask, oneshot::Receiver<UnreadSnapshot>)> {
    // The checklist's kept facts come with the snapshot, applied before the first frame.
    state.communities.start_here.loaded = true;
    let mut setup = cache?;
    let loaded = tokio::task::spawn_blocking(move || {
        let snapshot = load_first_screen(&mut setup, Feed::MyFeed);
        (setup, snapshot)
    })
    .await;
    let Ok((mut setup, snapshot)) = loaded else {
        tracing::warn!("loading the cache failed; starting without it");
        return None;
    };
    // Applying a snapshot asks for nothing but keeping when the user last looked (done once
    // the cache task runs): the fetches come from `global::start`.
    let kept = update(
        state,
        Msg::Cached(Box::new(CacheMsg::Startup(Box::new(snapshot)))),
    )
    .into_iter()
    .find_map(|effect| match effect {
        Effect::KeepLastLooked(at) => Some(at),
        _ => None,
    });
    if let Some(moved_to) = setup.rebuilt.take() {
        let _ = update(state, Msg::Cached(Box::new(CacheMsg::Rebuilt { moved_to })));
    }
    match CacheTask::start(setup, results.clone()) {
        Ok(task) => {
            if let Some(at) = kept {
                task.writer().keep_last_looked(at);
            }
            let unread = task.writer().load_unread();
            Some((task, unread))
        }
        Err(error) => {
            tracing::warn!(%error, "no cache task; nothing is cached this session");
            None
        }
    }
}
