//! Following people through the real `api::Client` against the real `kring serve`: `POST` and
//! `DELETE /subscriptions` with `target_type=user`, and `GET /subscriptions/to_user/:id` read as
//! "following" (200) or "not following" (404), per user and per caller; following nobody that
//! exists is an error, not a silent "no".

use crate::harness::server;

use kring::api::ApiError;
use server::start_empty;

#[tokio::test]
async fn following_is_seen_by_the_check_until_unfollowed() {
    let live = start_empty().await;
    let people = live.add_people(1_700_000, 2);
    let demo = live.api_client();
    assert_eq!(demo.is_following_user(people[0]).await, Ok(false));
    demo.follow_user(people[0]).await.unwrap();
    assert_eq!(demo.is_following_user(people[0]).await, Ok(true));
    assert_eq!(
        demo.is_following_user(people[1]).await,
        Ok(false),
        "only the person followed"
    );
    // Following twice is harmless; one unfollow ends it.
    demo.follow_user(people[0]).await.unwrap();
    demo.unfollow_user(people[0]).await.unwrap();
    assert_eq!(demo.is_following_user(people[0]).await, Ok(false));
    // Unfollowing someone not followed is not an error either.
    demo.unfollow_user(people[1]).await.unwrap();
}

#[tokio::test]
async fn a_follow_belongs_to_the_caller() {
    let live = start_empty().await;
    let people = live.add_people(1_700_100, 2);
    let demo = live.api_client();
    let me = demo.current_user().await.unwrap().id;
    let them = live.api_client_with(&live.token_of(&format!("person{}", people[0])).await);
    them.follow_user(people[1]).await.unwrap();
    them.follow_user(me).await.unwrap();
    assert_eq!(them.is_following_user(people[1]).await, Ok(true));
    assert_eq!(demo.is_following_user(people[1]).await, Ok(false));
    assert_eq!(demo.is_following_user(people[0]).await, Ok(false));
}

#[tokio::test]
async fn following_nobody_or_oneself_is_refused() {
    let live = start_empty().await;
    let demo = live.api_client();
    let me = demo.current_user().await.unwrap().id;
    assert_eq!(demo.follow_user(9_999_999).await, Err(ApiError::NotFound));
    assert_eq!(demo.unfollow_user(9_999_999).await, Err(ApiError::NotFound));
    assert!(matches!(
        demo.follow_user(me).await,
        Err(ApiError::Validation { .. })
    ));
    assert_eq!(demo.is_following_user(me).await, Ok(false));
}
