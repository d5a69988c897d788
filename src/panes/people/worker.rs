//! Runs the people pane's network effects as tokio tasks on the shared client (so the request
//! budget paces them; the directory listing's pages go as background calls, behind anything the
//! user waits for) and hands each answer, converted and sanitized, to a callback (the shell
//! wraps it into its message). Listing pages and where the listing stands are kept through a
//! [`DirectoryKeeper`] (the shell's cache), when there is one. Never touches the state; the
//! index only to fill it off the UI thread (`PeopleEffect::IndexMessages`).

use tokio::task::AbortHandle;

use super::backfill::{CHUNK, index_in_chunks};
use super::effect::{PeopleEffect, PeopleMsg, Profile};
use crate::api::dto::User;
use crate::api::{ApiError, Client, PageQuery, UserQuery};
use crate::domain::convert::{community, page_from_envelope};
use crate::domain::{Community, Feed, Page, UserId};

/// A person's messages fetched for their profile card.
const WRITTEN_PAGE_SIZE: u32 = 20;

/// Where the people listing is kept between sessions. Each call queues the work and returns at
/// once.
pub trait DirectoryKeeper: Send + Sync + 'static {
    /// Keeps people a listing page delivered at `listed_at` (unix seconds).
    fn put_directory(&self, people: Vec<User>, listed_at: i64);
    /// Keeps where the listing stands: going on at `next_page`, or read to its end, at `at`.
    fn keep_listing(&self, next_page: u32, complete: bool, at: i64);
}

/// Starts `effect`; its answer goes to `answer`. Listing pages go into `cache` too. Returns
/// the running request's handle, for aborting it.
pub fn start<K: DirectoryKeeper>(
    client: Client,
    answer: impl FnOnce(PeopleMsg) + Send + 'static,
    cache: Option<K>,
    effect: PeopleEffect,
) -> Option<AbortHandle> {
    if let PeopleEffect::KeepListing {
        next_page,
        complete,
        at,
    } = effect
    {
        if let Some(cache) = cache {
            cache.keep_listing(next_page, complete, at);
        }
        return None;
    }
    let task = tokio::spawn(async move {
        let keeper = cache.as_ref().map(|c| c as &dyn DirectoryKeeper);
        let msg = run_keeping(&client, effect, keeper).await;
        answer(msg);
    });
    Some(task.abort_handle())
}

/// Carries out `effect` and returns its answer.
pub async fn run(client: &Client, effect: PeopleEffect) -> PeopleMsg {
    run_keeping(client, effect, None).await
}

/// [`run`], keeping listing pages in `cache`.
async fn run_keeping(
    client: &Client,
    effect: PeopleEffect,
    cache: Option<&dyn DirectoryKeeper>,
) -> PeopleMsg {
    match effect {
        PeopleEffect::ListPage { req, page } => {
            let query = UserQuery {
                page: Some(page),
                ..UserQuery::default()
            };
            // Paging the whole directory runs while the user does other things: it must not
            // hold up the calls they wait for (a card's communities, a search).
            let result = client.background().users(&query).await.map(|users| {
                let profiles = users.iter().map(Profile::from_user).collect();
                if let Some(cache) = cache {
                    cache.put_directory(users, chrono::Utc::now().timestamp());
                }
                profiles
            });
            PeopleMsg::ListPage { req, page, result }
        }
        PeopleEffect::SearchEvidence { req, text } => PeopleMsg::Evidence {
            req,
            result: search(client, &text).await,
        },
        PeopleEffect::FetchCommunities { user } => PeopleMsg::Communities {
            user,
            result: communities(client, user).await,
        },
        PeopleEffect::FetchWritten { req, user } => PeopleMsg::Written {
            req,
            user,
            result: written(client, user).await,
        },
        PeopleEffect::SetFollow { user, follow } => {
            let result = if follow {
                client.follow_user(user.0).await
            } else {
                client.unfollow_user(user.0).await
            };
            PeopleMsg::Followed {
                user,
                follow,
                result,
            }
        }
        PeopleEffect::CheckFollow { user } => PeopleMsg::FollowChecked {
            user,
            result: client.is_following_user(user.0).await,
        },
        PeopleEffect::IndexMessages { index, messages } => {
            let work = move || index_in_chunks(&index, messages, CHUNK);
            // A panic while indexing leaves what was added usable; nothing more is added.
            let added = tokio::task::spawn_blocking(work).await.unwrap_or(0);
            PeopleMsg::Backfilled { added }
        }
        PeopleEffect::SaveProfile { change } => PeopleMsg::ProfileSaved {
            result: client.update_current_user(&change).await,
        },
        PeopleEffect::KeepListing { .. } => PeopleMsg::Backfilled { added: 0 },
    }
}

async fn search(client: &Client, text: &str) -> Result<(Page, Vec<Profile>), ApiError> {
    let found = client.search(text, 1).await?;
    let people = found.users.iter().map(Profile::from_user).collect();
    Ok((page_from_envelope(&found.messages), people))
}

async fn communities(client: &Client, user: UserId) -> Result<Vec<Community>, ApiError> {
    let groups = client.groups_for_user(user.0).await?;
    Ok(groups.iter().map(community).collect())
}

async fn written(client: &Client, user: UserId) -> Result<Page, ApiError> {
    let query = PageQuery {
        limit: Some(WRITTEN_PAGE_SIZE),
        ..PageQuery::default()
    };
    let envelope = client.feed(&Feed::FromUser(user), &query).await?;
    Ok(page_from_envelope(&envelope))
}
