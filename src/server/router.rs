//! The route table: every endpoint under `/api/v1/` (the `.json` suffix is stripped by `prepare`
//! before routing), the sign-in endpoints of `identity`, fallbacks that answer unknown routes and wrong methods with a JSON body, and
//! the body cap. Wiring only; behaviour lives in `handlers`.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use super::handlers::{
    feeds, groups, likes, messages, networks, no_route, notifications, relationships, search,
    subscriptions, threads, topics, users, web, wrong_method,
};
use super::identity;
use super::prepare::MAX_BODY_BYTES;
use super::state::AppState;

/// Where the API lives.
pub const API_PREFIX: &str = "/api/v1";

fn v1(path: &str) -> String {
    format!("{API_PREFIX}{path}")
}

/// Builds the router (without the `prepare` middleware, which must wrap it from outside).
pub fn routes(state: AppState) -> Router {
    let api: Router<AppState> = Router::new()
        .route(&v1("/messages"), get(feeds::all).post(messages::create))
        .route(&v1("/messages/my_feed"), get(feeds::my_feed))
        .route(&v1("/messages/algo"), get(feeds::algo))
        .route(&v1("/messages/following"), get(feeds::following))
        .route(&v1("/messages/sent"), get(feeds::sent))
        .route(&v1("/messages/private"), get(feeds::private))
        .route(&v1("/messages/received"), get(feeds::received))
        .route(&v1("/messages/general"), get(feeds::general))
        .route(&v1("/messages/in_group/{id}"), get(feeds::in_group))
        .route(&v1("/messages/in_thread/{id}"), get(feeds::in_thread))
        .route(&v1("/messages/about_topic/{id}"), get(feeds::about_topic))
        .route(&v1("/messages/from_user/{id}"), get(feeds::from_user))
        .route(
            &v1("/messages/liked_by/current"),
            post(likes::like).delete(likes::unlike),
        )
        .route(&v1("/messages/liked_by/{id}"), get(feeds::liked_by))
        .route(
            &v1("/messages/{id}"),
            get(messages::get_one).delete(messages::delete),
        )
        .route(&v1("/groups"), get(groups::list))
        .route(&v1("/groups/for_user/{id}"), get(groups::for_user))
        .route(&v1("/groups/{id}"), get(groups::get_one))
        .route(
            &v1("/group_memberships"),
            post(groups::join).delete(groups::leave),
        )
        .route(&v1("/users"), get(users::list))
        .route(
            &v1("/users/current"),
            get(users::current).put(users::update_current),
        )
        .route(&v1("/users/by_email"), get(users::by_email))
        .route(&v1("/users/in_group/{id}"), get(users::in_group))
        .route(&v1("/users/following/{id}"), get(users::following))
        .route(&v1("/users/{id}"), get(users::get_one))
        .route(
            &v1("/subscriptions"),
            post(subscriptions::follow).delete(subscriptions::unfollow),
        )
        .route(
            &v1("/subscriptions/to_user/{id}"),
            get(subscriptions::to_user),
        )
        .route(
            &v1("/subscriptions/to_topic/{id}"),
            get(subscriptions::to_topic),
        )
        .route(
            &v1("/subscriptions/to_thread/{id}"),
            get(subscriptions::to_thread),
        )
        .route(&v1("/threads/{id}"), get(threads::get_one))
        .route(&v1("/topics/{id}"), get(topics::get_one))
        .route(&v1("/search"), get(search::search))
        .route(&v1("/autocomplete/ranked"), get(search::autocomplete))
        .route(&v1("/networks/current"), get(networks::current))
        .route(&v1("/streams/notifications"), get(notifications::list))
        .route(
            &v1("/relationships"),
            get(relationships::list).post(relationships::add),
        )
        .route(
            &v1("/relationships/{id}"),
            axum::routing::delete(relationships::remove),
        )
        // The pages behind `web_url`s, outside the API.
        .route("/threads/{id}", get(web::thread).post(web::sign_in))
        .route("/messages/{id}", get(web::message).post(web::sign_in));
    api.merge(identity::routes())
        .fallback(no_route)
        .method_not_allowed_fallback(wrong_method)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}
