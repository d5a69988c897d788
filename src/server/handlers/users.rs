//! People: `users` (the directory, 50 per page, hidden people left out), `users/current` (with
//! `include_group_memberships=true`, the caller's communities as `group_memberships:
//! [{id, full_name, web_url, admin}]`, as Yammer sends them; and
//! `PUT users/current`: your own expertise, interests, summary and directory listing),
//! `users/:id`, `users/in_group/:id` (`{users, more_available}`; with `pending=true`, the people
//! waiting to join, for the community's admins), `users/following/:id` (the people someone
//! follows, `{users, more_available}`) and `users/by_email`.

use axum::Json;
use axum::extract::State;

use super::{letter, page};
use crate::api::dto::{User, UserList};
use crate::server::auth::Caller;
use crate::server::db::profile::{self, ProfileChange};
use crate::server::db::users::{self, UserSort};
use crate::server::db::{access, groups};
use crate::server::errors::ApiError;
use crate::server::extract::IdPath;
use crate::server::params::Params;
use crate::server::state::AppState;

fn sort(params: &Params) -> Result<UserSort, ApiError> {
    match params
        .nonempty("sort_by")?
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("name" | "username" | "alphabetical") => Ok(UserSort::Username),
        Some("messages") => Ok(UserSort::Messages),
        Some("followers") => Ok(UserSort::Followers),
        Some(_) => Err(ApiError::invalid("sort_by must be messages or followers")),
    }
}

/// `GET /users`.
pub async fn list(
    State(state): State<AppState>,
    _caller: Caller,
    params: Params,
) -> Result<Json<Vec<User>>, ApiError> {
    let page = page(&params)?;
    let sort = sort(&params)?;
    let reverse = params.flag("reverse")?;
    let letter = letter(&params)?;
    let links = state.links.clone();
    let found = state
        .db
        .read(move |conn| Ok(users::directory(conn, &links, page, sort, reverse, letter)?))
        .await?;
    Ok(Json(found))
}

async fn one(state: AppState, id: u64) -> Result<Json<User>, ApiError> {
    let links = state.links.clone();
    let user = state
        .db
        .read(move |conn| {
            users::get(conn, &links, id)?.ok_or_else(|| ApiError::not_found(format!("user {id}")))
        })
        .await?;
    Ok(Json(user))
}

/// `GET /users/current`, with the caller's memberships when `include_group_memberships`.
pub async fn current(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Json<serde_json::Value>, ApiError> {
    let with_memberships = params.flag("include_group_memberships")?;
    let id = caller.user_id;
    let Json(user) = one(state.clone(), id).await?;
    let mut json = serde_json::to_value(user)
        .map_err(|e| ApiError::Internal(format!("encoding a user: {e}")))?;
    if with_memberships {
        let links = state.links.clone();
        let memberships = state
            .db
            .read(move |conn| Ok(groups::memberships(conn, &links, id)?))
            .await?;
        let list: Vec<serde_json::Value> = memberships
            .into_iter()
            .map(|(group, admin)| {
                serde_json::json!({
                    "id": group.id,
                    "full_name": group.full_name,
                    "web_url": group.web_url,
                    "admin": admin.to_string(),
                })
            })
            .collect();
        if let Some(object) = json.as_object_mut() {
            object.insert("group_memberships".to_owned(), list.into());
        }
    }
    Ok(Json(json))
}

/// `PUT /users/current`: changes the caller's own profile and answers with it. Every field is
/// optional and only those given change: `expertise` and `interests` (a list, or comma-separated
/// text; `""` clears), `summary`, and `show_in_directory` (or `directory_hidden`, its opposite).
pub async fn update_current(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> Result<Json<User>, ApiError> {
    let change = profile_change(&params)?;
    let id = caller.user_id;
    state
        .db
        .call(move |conn| Ok(profile::apply(conn, id, &change)?))
        .await?;
    one(state, id).await
}

fn profile_change(params: &Params) -> Result<ProfileChange, ApiError> {
    let invalid = |e: profile::ProfileError| ApiError::invalid(e.to_string());
    let list = |key: &'static str| -> Result<Option<Vec<String>>, ApiError> {
        let values = params.all(key)?;
        if values.is_empty() {
            return Ok(None);
        }
        profile::tags(key, values).map(Some).map_err(invalid)
    };
    let shown = match params.text("directory_hidden")? {
        Some(_) => Some(!params.flag("directory_hidden")?),
        None => match params.text("show_in_directory")? {
            Some(_) => Some(params.flag("show_in_directory")?),
            None => None,
        },
    };
    Ok(ProfileChange {
        expertise: list("expertise")?,
        interests: list("interests")?,
        summary: params
            .text("summary")?
            .map(profile::summary)
            .transpose()
            .map_err(invalid)?,
        show_in_directory: shown,
    })
}

/// `GET /users/:id`.
pub async fn get_one(
    State(state): State<AppState>,
    _caller: Caller,
    IdPath(id): IdPath,
) -> Result<Json<User>, ApiError> {
    one(state, id).await
}

/// `GET /users/following/:id`: the people `id` follows, 50 per page.
pub async fn following(
    State(state): State<AppState>,
    _caller: Caller,
    IdPath(user): IdPath,
    params: Params,
) -> Result<Json<UserList>, ApiError> {
    let page = page(&params)?;
    let links = state.links.clone();
    let list = state
        .db
        .read(move |conn| {
            if !users::exists(conn, user)? {
                return Err(ApiError::not_found(format!("user {user}")));
            }
            let ids = crate::server::db::subscriptions::followed_user_ids(conn, user)?;
            let per_page = usize::try_from(users::USERS_PER_PAGE).unwrap_or(50);
            let skip = usize::try_from(page.saturating_sub(1))
                .unwrap_or(usize::MAX)
                .saturating_mul(per_page);
            let chunk: Vec<u64> = ids.iter().copied().skip(skip).take(per_page).collect();
            let more_available = ids.len() > skip.saturating_add(per_page);
            Ok(UserList {
                users: users::by_ids(conn, &links, &chunk)?,
                more_available,
            })
        })
        .await?;
    Ok(Json(list))
}

/// `GET /users/in_group/:id`.
pub async fn in_group(
    State(state): State<AppState>,
    caller: Caller,
    IdPath(group): IdPath,
    params: Params,
) -> Result<Json<UserList>, ApiError> {
    let page = page(&params)?;
    let pending = params.flag("pending")?;
    let links = state.links.clone();
    let me = caller.user_id;
    let list = state
        .db
        .read(move |conn| {
            if !groups::exists(conn, group)? || !access::group_listed_for(conn, group, me)? {
                return Err(ApiError::not_found(format!("group {group}")));
            }
            if pending {
                if !access::is_group_admin(conn, group, me)? {
                    return Err(ApiError::Forbidden(
                        "only an admin of this community sees who asked to join".to_owned(),
                    ));
                }
                let users = users::by_ids(conn, &links, &groups::pending(conn, group)?)?;
                return Ok(UserList {
                    users,
                    more_available: false,
                });
            }
            let (users, more_available) = users::in_group(conn, &links, group, page)?;
            Ok(UserList {
                users,
                more_available,
            })
        })
        .await?;
    Ok(Json(list))
}

/// `GET /users/by_email?email=`: an array (usually of one); 404 when nobody has it.
pub async fn by_email(
    State(state): State<AppState>,
    _caller: Caller,
    params: Params,
) -> Result<Json<Vec<User>>, ApiError> {
    let email = params
        .nonempty("email")?
        .ok_or_else(|| ApiError::invalid("email is required"))?
        .to_owned();
    let links = state.links.clone();
    let found = state
        .db
        .read(move |conn| {
            let found = users::by_email(conn, &links, &email)?;
            if found.is_empty() {
                return Err(ApiError::not_found("user with that email"));
            }
            Ok(found)
        })
        .await?;
    Ok(Json(found))
}
