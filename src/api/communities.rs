//! Calls about communities beyond listing them: joining (which may leave a request to join a
//! private community waiting for an admin), who someone follows (for suggestions) and which
//! communities the user administers (`users/current` with `include_group_memberships`).

use serde::Deserialize;

use super::budget::Family;
use super::client::Client;
use super::dto::UserList;
use super::dto::de;
use super::error::ApiError;

/// Where the user stands after asking to join a community.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Joined {
    /// A member now.
    Member,
    /// A private community: the request waits for an admin.
    Pending,
}

/// The part of the `group_memberships` answer read here; a server may also answer with nothing.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct MembershipAnswer {
    #[serde(deserialize_with = "de::string")]
    membership_status: String,
}

/// The part of `users/current?include_group_memberships=true` read here.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CurrentMemberships {
    #[serde(deserialize_with = "de::null_as_default")]
    group_memberships: Vec<Membership>,
}

/// One of the user's memberships: the community and whether they administer it.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Membership {
    #[serde(deserialize_with = "de::id")]
    id: u64,
    #[serde(deserialize_with = "de::boolish")]
    admin: bool,
}

impl Client {
    /// The ids of the communities the signed-in user administers, from their memberships
    /// (`users/current?include_group_memberships=true`); empty when the server sends none.
    pub async fn administered_communities(&self) -> Result<Vec<u64>, ApiError> {
        let current: CurrentMemberships = self
            .get(
                Family::Other,
                "users/current",
                &[("include_group_memberships", "true".to_owned())],
            )
            .await?;
        Ok(current
            .group_memberships
            .into_iter()
            .filter(|m| m.admin && m.id != 0)
            .map(|m| m.id)
            .collect())
    }

    /// Joins a community, or asks to join a private one.
    pub async fn join_community(&self, group_id: u64) -> Result<Joined, ApiError> {
        let form = [("group_id".to_owned(), group_id.to_string())];
        let answer: Option<MembershipAnswer> = self
            .post(Family::Other, "group_memberships", &form, &[])
            .await?;
        let pending = answer.is_some_and(|a| a.membership_status.eq_ignore_ascii_case("pending"));
        Ok(if pending {
            Joined::Pending
        } else {
            Joined::Member
        })
    }

    /// The people a user follows, a page (from 1) at a time.
    pub async fn following(&self, user_id: u64, page: u32) -> Result<UserList, ApiError> {
        self.get(
            Family::Other,
            &format!("users/following/{user_id}"),
            &[("page", page.to_string())],
        )
        .await
    }
}
