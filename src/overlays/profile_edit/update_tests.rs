//! The profile form's transitions on its own state and an index passed in: a save shows the
//! change in the directory at once, a refusal puts it back. (Driven through the whole client:
//! the route's tests.)

use super::*;
use crate::expertise::Query;

const ME: UserId = UserId(1);

fn index() -> ExpertiseIndex {
    let mut index = ExpertiseIndex::new();
    index.upsert_person(PersonDoc {
        id: ME.0,
        full_name: "Me".into(),
        username: "me".into(),
        expertise: vec!["kubernetes".into()],
        show_in_directory: true,
        ..PersonDoc::default()
    });
    index
}

fn knows(index: &ExpertiseIndex, word: &str) -> bool {
    let found = index.who_knows(&Query::new(word), 0);
    found.iter().any(|m| m.person_id == ME.0)
}

#[test]
fn esc_asks_first_only_when_something_changed_and_ctrl_s_saves() {
    let mut form = ProfileForm::new(own_profile(&index(), ME, None));
    assert_eq!(handle(&mut form, Action::Cancel), ProfileOutcome::Close);
    paste(&mut form, ", go\nlang");
    assert_eq!(form.expertise, "kubernetes, go lang");
    assert_eq!(handle(&mut form, Action::Cancel), ProfileOutcome::Stay);
    assert!(form.confirm_discard);
    assert_eq!(handle(&mut form, Action::ConfirmNo), ProfileOutcome::Stay);
    assert_eq!(handle(&mut form, Action::Send), ProfileOutcome::Save);
}

#[test]
fn a_save_shows_at_once_and_a_refusal_puts_it_back() {
    let mut index = index();
    let mut form = ProfileForm::new(own_profile(&index, ME, None));
    form.expertise = "gardening".into();
    let ctx = SaveCtx {
        me: ME,
        person: None,
        index: &mut index,
        summary: None,
    };
    let SaveOutcome::Sent {
        change, pending, ..
    } = save(form, ctx)
    else {
        panic!("a change is sent");
    };
    assert_eq!(change.expertise, Some(vec!["gardening".to_owned()]));
    assert!(knows(&index, "gardening"));
    let refused = Err(ApiError::NotFound);
    let SavedOutcome::Refused { form, .. } = saved(*pending, Some(ME), &mut index, refused) else {
        panic!("refused");
    };
    assert!(knows(&index, "kubernetes"));
    assert!(!knows(&index, "gardening"));
    assert_eq!(form.expertise, "gardening");
    assert!(form.error.is_some());

    let unchanged = ProfileForm::new(own_profile(&index, ME, None));
    let ctx = SaveCtx {
        me: ME,
        person: None,
        index: &mut index,
        summary: None,
    };
    assert_eq!(save(unchanged, ctx), SaveOutcome::Unchanged);
}
