//! Helpers the core's unit tests share: answering the fetches `update` asks for as the worker
//! would.

use super::effect::Effect;
use super::msg::{ApiMsg, Msg};
use super::state::State;
use super::update::update;
use crate::domain::{Message, Page, PageMeta, UserId};

/// A page of `messages` as the server sends it to `me`.
pub(crate) fn page_for(me: UserId, messages: Vec<Message>) -> Page {
    Page {
        messages,
        meta: PageMeta {
            current_user: Some(me),
            ..PageMeta::default()
        },
        ..Page::default()
    }
}

/// Answers the first feed fetch in `effects` with `page`; what `update` does next.
pub(crate) fn answer_feed_fetch(state: &mut State, effects: &[Effect], page: Page) -> Vec<Effect> {
    let fetch = effects
        .iter()
        .find(|e| matches!(e, Effect::FetchFeed { .. }))
        .cloned();
    let Some(Effect::FetchFeed {
        req,
        feed,
        page: at,
    }) = fetch
    else {
        panic!("no feed fetch: {effects:?}");
    };
    update(
        state,
        Msg::Api(ApiMsg::Feed {
            req,
            feed,
            page: at,
            result: Ok(page),
        }),
    )
}
