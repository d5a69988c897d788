//! The compose editor on its own state: opening asks for the kept draft, sending through the
//! outbox or directly, an outbox edit, closing, autosave — each an outcome, no whole state.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::domain::{GroupId, MessageId, ThreadId};
use crate::panes::request::RequestId;

fn in_eng() -> ComposeTarget {
    ComposeTarget::NewPost {
        community: Some(GroupId(3)),
        label: "Eng".into(),
    }
}

fn typed(target: ComposeTarget, text: &str) -> Compose {
    let (mut compose, _) = open(target);
    let catalog = Catalog::default();
    for c in text.chars() {
        type_key(
            &mut compose,
            &catalog,
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        );
    }
    compose
}

fn act(compose: &mut Compose, via_outbox: bool, action: Action) -> ComposeOutcome {
    let catalog = Catalog::default();
    let mut requests = RequestIds::default();
    let ctx = ComposeCtx {
        catalog: &catalog,
        via_outbox,
        requests: &mut requests,
    };
    handle(compose, ctx, action)
}

#[test]
fn opening_asks_for_the_targets_kept_draft() {
    let (_, load) = open(in_eng());
    assert_eq!(
        load,
        ComposeEffect::LoadDraft(DraftFor::NewPost(Some(GroupId(3))))
    );
}

#[test]
fn a_send_through_the_outbox_keeps_the_draft_then_queues_it_and_closes() {
    let mut compose = typed(in_eng(), "hi ");
    let draft_for = DraftFor::NewPost(Some(GroupId(3)));
    assert_eq!(
        act(&mut compose, true, Action::Send),
        ComposeOutcome::Close(vec![
            ComposeEffect::SaveDraft {
                draft_for,
                body: "hi ".into(),
            },
            ComposeEffect::Enqueue {
                draft_for,
                body: "hi".into(),
            },
        ])
    );
}

#[test]
fn a_direct_send_posts_with_a_request_id_and_stays_until_answered() {
    let reply = ComposeTarget::Reply {
        to: MessageId(7),
        thread: ThreadId(1),
        author: "Ada".into(),
    };
    let mut compose = typed(reply, "thanks");
    let ComposeOutcome::Stay(asked) = act(&mut compose, false, Action::Send) else {
        panic!("a direct send keeps the editor open");
    };
    assert!(matches!(
        asked.as_slice(),
        [ComposeEffect::Post { req: RequestId(1), post }] if post.replied_to == Some(MessageId(7))
    ));
    assert_eq!(compose.sending, Some(RequestId(1)));
}

#[test]
fn an_outbox_edit_replaces_the_queued_text_and_keeps_no_draft() {
    let mut compose = typed(in_eng(), "again");
    compose.replaces = Some(4);
    assert_eq!(
        act(&mut compose, false, Action::Send),
        ComposeOutcome::Close(vec![ComposeEffect::Replace {
            local_id: 4,
            draft_for: DraftFor::NewPost(Some(GroupId(3))),
            body: "again".into(),
        }])
    );
    assert_eq!(autosave(&mut compose), None);
}

#[test]
fn closing_an_empty_editor_forgets_its_draft() {
    let (mut compose, _) = open(in_eng());
    assert_eq!(
        act(&mut compose, true, Action::Cancel),
        ComposeOutcome::Close(vec![ComposeEffect::DeleteDraft(DraftFor::NewPost(Some(
            GroupId(3)
        )))])
    );
}

#[test]
fn autosave_keeps_the_draft_once_per_change() {
    let mut compose = typed(in_eng(), "draft");
    assert!(matches!(
        autosave(&mut compose),
        Some(ComposeEffect::SaveDraft { body, .. }) if body == "draft"
    ));
    assert_eq!(autosave(&mut compose), None);
}
