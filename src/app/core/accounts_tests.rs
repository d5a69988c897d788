//! Tests of the account label and the switch request.

use super::*;
use crate::domain::{Person, UserId};

fn state(entries: Vec<AccountEntry>, current: usize) -> State {
    let mut state = State::for_tests();
    state.accounts = Accounts {
        entries,
        current: Some(current),
    };
    state
}

fn work() -> AccountEntry {
    AccountEntry::new(
        AccountChoice::Named("work".into()),
        "work",
        "https://contoso.example.com/api/v1",
    )
}

fn signed_in_as(state: &mut State, name: &str) {
    let id = UserId(5);
    let mut page = crate::domain::Page::default();
    page.people.push(Person {
        id,
        full_name: SafeText::new(name),
        username: SafeText::new("ada"),
        job_title: SafeText::default(),
        department: SafeText::default(),
        location: SafeText::default(),
        expertise: Vec::new(),
        web_url: SafeText::default(),
        listed: true,
    });
    state.catalog.absorb(page);
    state.catalog.me = Some(id);
}

#[test]
fn the_label_is_short_below_160_columns_and_fuller_from_there() {
    let mut state = state(vec![work(), AccountEntry::demo()], 0);
    assert_eq!(label(&state, 80).as_deref(), Some("work · contoso"));
    assert_eq!(label(&state, 159).as_deref(), Some("work · contoso"));
    assert_eq!(
        label(&state, 160).as_deref(),
        Some("work · contoso.example.com")
    );
    signed_in_as(&mut state, "Ada Lovelace");
    assert_eq!(
        label(&state, 200).as_deref(),
        Some("Ada Lovelace · work · contoso.example.com")
    );
    state.accounts.current = Some(1);
    assert_eq!(label(&state, 80).as_deref(), Some("demo"));
    assert_eq!(
        label(&state, 160).as_deref(),
        Some("Ada Lovelace · demo · demo network")
    );
    state.accounts.current = None;
    assert_eq!(label(&state, 80), None);
}

#[test]
fn hosts_are_shortened_to_the_name_people_use() {
    assert_eq!(host_of("https://www.yammer.com/api/v1"), "www.yammer.com");
    assert_eq!(short_host("www.yammer.com"), "yammer");
    assert_eq!(short_host("api.contoso.com"), "contoso");
    assert_eq!(host_of("http://127.0.0.1:8808/api/v1"), "127.0.0.1:8808");
    assert_eq!(short_host("127.0.0.1:8808"), "127.0.0.1:8808");
    assert_eq!(short_host("localhost:8808"), "localhost:8808");
    assert_eq!(short_host("[::1]:8808"), "[::1]:8808");
}

#[test]
fn names_and_hosts_from_config_are_sanitized() {
    let entry = AccountEntry::new(
        AccountChoice::Named("x".into()),
        "evil\u{1b}]0;pwned\u{7}name",
        "not a url\u{1b}[2J",
    );
    assert!(!entry.name.as_str().contains('\u{1b}'), "{:?}", entry.name);
    assert!(!entry.host.as_str().contains('\u{1b}'), "{:?}", entry.host);
}

#[test]
fn switching_asks_for_the_chosen_account_and_the_current_one_only_says_so() {
    let mut state = state(vec![work(), AccountEntry::demo()], 0);
    assert_eq!(
        switch(&mut state, 1),
        vec![Effect::SwitchAccount(AccountChoice::Demo)]
    );
    assert!(
        state
            .notice
            .current()
            .is_some_and(|n| n.text.contains("Switching to demo"))
    );
    assert_eq!(switch(&mut state, 0), Vec::new());
    assert!(
        state
            .notice
            .current()
            .is_some_and(|n| n.text == "Already on work")
    );
    assert_eq!(switch(&mut state, 7), Vec::new(), "no such entry");
}
